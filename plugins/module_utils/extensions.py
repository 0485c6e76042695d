# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Environment extensions: Boomi's EnvironmentExtensions objects normalised, and the plan of a partial update.

One shape from both APIs (REST ``EnvironmentExtensions``; GraphQL ``environmentExtensions`` / ``extensionsUpdate``,
which carry the same JSON as text, as a BulkResult, one object or a list of objects)::

    {id, environment_id, environment_name, extension_group_id, process_id, process_name,
     connections: [{id, name, fields: [{id, value, use_default, encrypted, encrypted_value_set}]}],
     process_properties: [{id, name, property_values: [{key, label, value, use_default, encrypted, encrypted_value_set}]}],
     dynamic_process_properties: {name: value}}

An encrypted value is never there (``value`` None); ``value`` is None as well when the default is used.

The plan (:func:`plan`) turns what a task asks into partial UPDATE bodies, one per object that differs:

- Every body has ``partial: true``: an UPDATE without it resets every override it does not carry.
- Connection fields and dynamic process properties are sent one by one. A process property component is replaced
  whole by Boomi ("you must provide the values for all properties in the component"): when one of its values changes,
  the body carries every value of it: the plain overrides with their current value, the stored secrets without a
  value (which keeps them), the others as ``useDefault``.
- A secret cannot be compared (Boomi never returns it): it is sent when none is stored, or every run with
  ``update_secrets: always``. Boomi only says a process property value is encrypted once one is stored, so a value
  sent to one that has none yet is treated as a possible secret until the answer tells.
- Unknown names (component, field, value, dynamic process property) are reported all at once, before any write.
"""

from __future__ import annotations

import copy
import hashlib
import json

from ansible_collections.boomi.platform.plugins.module_utils import _shapes as shapes
from ansible_collections.boomi.platform.plugins.module_utils import statefiles
from ansible_collections.boomi.platform.plugins.module_utils.errors import (
    REDACTED,
    BoomiError,
    BoomiInputError,
    excerpt,
    register_secret,
)
from ansible_collections.boomi.platform.plugins.module_utils.names import find_process, nfc, same_name, shown

HIDDEN = '[[HIDDEN]]'  # how Boomi shows a stored encrypted process property value
SET = '(set)'  # a stored secret in a diff
UPDATE_SECRETS = ('on_create', 'always')
# The option process_properties[].values also answers to property_values, the name of the returned key (a returned
# ``values`` cannot be read with dot notation in Jinja: ``x.values`` is the dict method).
VALUES_ALIASES = ('property_values',)
CONNECTIONS, PROPERTIES, DYNAMIC = 'connections', 'process_properties', 'dynamic_process_properties'


# -- normalisation --------------------------------------------------------------------------------------------------------
def _flag(value):
    """A Boomi boolean: true, false, or the strings "true"/"false" (any case); absent is false."""
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() == 'true'


def _text(value):
    """A value as Boomi stores it: text (a number or a boolean as its JSON text), or None."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return 'true' if value else 'false'
    return str(value)


def _items(container, *keys):
    """The objects under the first present key of a section (one object counts as a list of one)."""
    if not isinstance(container, dict):
        return []
    for key in keys:
        if container.get(key) is not None:
            return shapes.json_objects(container[key], 'an item of %s' % key)
    return []


def _use_default(raw, has_value):
    if raw.get('useDefault') is not None:
        return _flag(raw['useDefault'])
    return not has_value


def _field(raw):
    value = _text(raw.get('value'))
    value_set = _flag(raw.get('encryptedValueSet'))
    encrypted = _flag(raw.get('usesEncryption')) or value_set
    use_default = _use_default(raw, value is not None or value_set)
    return {'id': raw.get('id'), 'value': None if encrypted or use_default else value, 'use_default': use_default,
            'encrypted': encrypted, 'encrypted_value_set': value_set}


def _property_value(raw):
    value = _text(raw.get('value'))
    value_set = _flag(raw.get('encryptedValueSet'))
    encrypted = _flag(raw.get('usesEncryption')) or value_set or value == HIDDEN
    use_default = _use_default(raw, value is not None or value_set)
    return {'key': raw.get('key'), 'label': raw.get('label'), 'value': None if encrypted or use_default else value,
            'use_default': use_default, 'encrypted': encrypted, 'encrypted_value_set': value_set}


def normalise(raw):
    """One EnvironmentExtensions object (also in the SPEC's Environment wrapper) in the collection's shape, without names."""
    raw = shapes.json_object(raw, 'an EnvironmentExtensions object')
    if isinstance(raw.get('EnvironmentExtensions'), dict):
        raw = raw['EnvironmentExtensions']
    if not raw.get('id'):
        raise BoomiError('unexpected answer: an EnvironmentExtensions object without id: %s' % excerpt(raw))
    return {
        'id': raw['id'],
        'environment_id': raw.get('environmentId'),
        'extension_group_id': raw.get('extensionGroupId') or None,
        CONNECTIONS: [{'id': conn.get('id'), 'name': conn.get('name'), 'fields': [_field(f) for f in _items(conn, 'field')]}
                      for conn in _items(raw.get('connections'), 'connection')],
        PROPERTIES: [{'id': comp.get('id'), 'name': comp.get('name'),
                      'property_values': [_property_value(v) for v in _items(comp, 'ProcessPropertyValue', 'processPropertyValue')]}
                     for comp in _items(raw.get('processProperties'), 'ProcessProperty', 'processProperty')],
        DYNAMIC: {prop['name']: _text(prop.get('value')) for prop in _items(raw.get('properties'), 'property') if prop.get('name')},
    }


def parse_text(text, what):
    """The normalised objects of a GraphQL JSON text: a BulkResult, one object or a list of objects; null or "" is none."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return []
    data = text
    if isinstance(text, str):
        try:
            data = json.loads(text)
        except ValueError:
            raise BoomiError('unexpected answer: %s is not JSON: %s' % (what, excerpt(text)))
    found = []
    for item in shapes.as_list(data):
        item = shapes.json_object(item, what)
        if item.get('@type') == 'BulkResult' or ('response' in item and 'id' not in item):
            for answer in shapes.json_objects(item.get('response'), 'a response of %s' % what):
                result = shapes.first(answer.get('Result'))
                if result is None:
                    raise BoomiError('%s: EnvironmentExtensions %s could not be read: %s'
                                     % (what, answer.get('id'), excerpt(answer.get('errorMessage') or 'status %s' % answer.get('statusCode'))))
                found.append(normalise(result))
        else:
            found.append(normalise(item))
    return found


# -- what a task works on ---------------------------------------------------------------------------------------------------
def resolve_process(instance, ref):
    found = find_process(instance['processes'], ref)
    if found is None:
        raise BoomiInputError('process %s: the instance has no such process (its processes: %s)'
                              % (shown(ref), ', '.join(sorted(p['name'] or p['id'] for p in instance['processes'])) or 'none'),
                              operation='process lookup')
    if isinstance(found, list):
        raise BoomiInputError('process %s is ambiguous: %s; use the process id'
                              % (shown(ref), ', '.join('%s (%s)' % (p['name'], p['id']) for p in found)), operation='process lookup')
    return found


def read(client, instance_id, environment=None, process=None, option='environment'):
    """The instance, its environment and process (when given) and the extension objects there, named and sorted.

    A constant number of requests (REST: environments, the instance, the packs, its attachments, one EnvironmentExtensions
    query; GraphQL: environments with attachments, instances, the instance's processes, integrationPackEnvironmentAttachments).
    Returns ``dict(instance, environment, attached, process, objects, name, environment_names)``: ``attached`` the ids of the
    environments the instance is attached to, ``name(object)`` adds the names to an object (for the answers of updates),
    ``environment_names`` maps environment ids to names. ``option`` names the environment in the message of an unknown one.
    """
    env = client.resolve_environments([environment], option=option, with_atoms=False)[0] if environment else None
    env_names = {e['id']: e['name'] for e in client.list_environments(with_atoms=False)}
    instance = client.get_instance(instance_id)
    if instance is None:
        raise BoomiError('instance_id %s: no such integration pack instance' % shown(instance_id), operation='instance lookup')
    proc = resolve_process(instance, process) if process else None
    attached = [a['environment_id'] for a in client.list_attachments(instance_id)]
    env_ids = [i for i in ([env['id']] if env else attached) if i in attached]
    multi = instance['installation_type'] != 'SINGLE'
    proc_names = {p['id']: p['name'] for p in instance['processes']}

    def name(obj):
        group = obj['extension_group_id']
        process_id = group if multi and group else None
        return {'id': obj['id'], 'environment_id': obj['environment_id'], 'environment_name': env_names.get(obj['environment_id']),
                'extension_group_id': group, 'process_id': process_id, 'process_name': proc_names.get(process_id),
                CONNECTIONS: obj[CONNECTIONS], PROPERTIES: obj[PROPERTIES], DYNAMIC: obj[DYNAMIC]}

    found = dict(instance=instance, environment=env, attached=attached, process=proc, objects=[], name=name, environment_names=env_names)
    found['objects'] = read_objects(client, found)
    return found


def read_objects(client, found):
    """The extension objects of a :func:`read` (``found``), read again (one request), named and sorted."""
    env, attached, instance, proc = found['environment'], found['attached'], found['instance'], found['process']
    env_ids = [i for i in ([env['id']] if env else attached) if i in attached]
    objects = [found['name'](o) for o in client.list_extensions(instance, env_ids)] if env_ids else []
    if proc is not None and instance['installation_type'] != 'SINGLE':
        objects = [o for o in objects if o['process_id'] == proc['id']]
    return sort_objects(objects)


def sort_objects(objects):
    return sorted(objects, key=lambda o: (o['environment_name'] or '', o['process_name'] or '', o['id']))


# -- what a task asks ---------------------------------------------------------------------------------------------------------
def option_value(where, value):
    """A value of ``fields``, ``values`` or ``dynamic_process_properties`` as Boomi stores it: text, or None (the default).

    A whole number and a boolean become their text (``5432``, ``true``); a fraction, a list or a mapping is refused (YAML
    turns ``1.10`` into 1.1): the message names the option, never the value, which may be a secret.
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, int):
        return str(value)
    kind = {float: 'a number with a fraction', list: 'a list', dict: 'a mapping'}.get(type(value), type(value).__name__)
    raise BoomiInputError('%s must be a string, a whole number, a boolean or null (null: back to the default), got %s '
                          '(quote it in YAML)' % (where, kind))


def wanted(connections, process_properties, dynamic_process_properties, text=None, prefix=''):
    """What the task asks, checked: ``{connections: [item], process_properties: [item], dynamic_process_properties: [(name, value)]}``.

    An item is ``{where, ref, values: [(where, name, value)]}``. ``text(option, value)`` checks a name (``BoomiModule.text_option``).
    ``prefix`` goes before every option name of the messages (``extensions[2].`` for an element of ipack_env_extensions_bulk).
    Raises one :class:`BoomiInputError` with every bad value (each one in its ``problems``).
    """
    text = text or (lambda option, value: value)
    problems = []

    def value_of(where, value):
        try:
            return option_value(where, value)
        except BoomiInputError as exc:
            problems.append(exc.message)
            return None

    out = {CONNECTIONS: [], PROPERTIES: [], DYNAMIC: []}
    for kind, option, inner in ((CONNECTIONS, 'connections', 'fields'), (PROPERTIES, 'process_properties', 'values')):
        for index, item in enumerate((connections if kind == CONNECTIONS else process_properties) or []):
            where = '%s%s[%d]' % (prefix, option, index)
            ref = text('%s.name' % where, item.get('name'))
            values = []
            for key, value in (item.get(inner) or {}).items():
                name = text('%s.%s' % (where, inner), key)
                values.append(('%s.%s[%s]' % (where, inner, shown(name)), name, value_of('%s.%s[%s]' % (where, inner, shown(name)), value)))
            out[kind].append({'where': where, 'ref': ref, 'values': values})
    for key, value in (dynamic_process_properties or {}).items():
        name = text('%sdynamic_process_properties' % prefix, key)
        where = '%sdynamic_process_properties[%s]' % (prefix, shown(name))
        if value is None:
            problems.append('%s: null is not accepted, a dynamic process property has no default to go back to: give a value' % where)
        out[DYNAMIC].append((where, name, value_of(where, value)))
    if problems:
        error = BoomiInputError('; '.join(problems))
        error.problems = problems
        raise error
    return out


# -- the plan -----------------------------------------------------------------------------------------------------------------
def _known(names):
    return ', '.join(sorted(set(n for n in names if n))) or 'none'


def _match_components(objects, kind, ref):
    """``(matches, problem)``: the (object, component) pairs whose component of ``kind`` has id or name ``ref``."""
    by_id = [(o, c) for o in objects for c in o[kind] if c['id'] == ref]
    if by_id:
        return by_id, None
    named = [(o, c) for o in objects for c in o[kind] if same_name(c['name'], ref)]
    ids = sorted({c['id'] for _o, c in named})
    if len(ids) > 1:
        return [], 'is ambiguous: %d components have this name (ids %s); use the id' % (len(ids), ', '.join(ids))
    return named, None


def _match_item(component, kind, ref):
    """The field (by id) or process property value (by key, else label) ``ref`` of a component; ``(item, problem)``."""
    if kind == CONNECTIONS:
        found = [f for f in component['fields'] if f['id'] == ref] or [f for f in component['fields'] if same_name(f['id'], ref)]
        return (found[0], None) if found else (None, None)
    by_key = [v for v in component['property_values'] if v['key'] == ref]
    if by_key:
        return by_key[0], None
    by_label = [v for v in component['property_values'] if same_name(v['label'], ref)]
    if len(by_label) > 1:
        return None, 'label %s is ambiguous in %s (keys %s); use the key' % (shown(ref), shown(component['name']),
                                                                             ', '.join(v['key'] for v in by_label))
    return (by_label[0], None) if by_label else (None, None)


def _item_key(kind, item):
    return item['id'] if kind == CONNECTIONS else item['key']


def _item_name(kind, item):
    return item['id'] if kind == CONNECTIONS else (item['label'] or item['key'])


def maybe_secret(kind, item):
    """Whether Boomi has not said yet if the item is encrypted: a process property value that has no override (Boomi marks
    an encrypted one only once a value is stored)."""
    return kind == PROPERTIES and not item['encrypted'] and item['use_default']


class Plan:
    """The partial updates that take ``objects`` to what the task asks (see the module docstring).

    - ``problems``: unknown or ambiguous names, one line each (nothing may be written when there is one);
    - ``updates``: ``[(object, body)]``, one per object that differs;
    - ``secrets``: values sent to encrypted fields or values; ``possible_secrets``: ``{identity: value}`` of values sent to
      process property values that may be encrypted (see :func:`maybe_secret`);
    - ``named``: per object id, the items the task names, as ``(kind, component, item key, shown name)``;
    - ``paths``: per value of the options (``(option, index, name)``, or ``(dynamic_process_properties, name)``) the items it sets.
    """

    def __init__(self, objects, asked, update_secrets='on_create'):
        self.objects = objects
        self.update_secrets = update_secrets
        self.problems = []
        self.updates = []
        self.secrets = []
        self.possible_secrets = {}
        self.sent = set()
        self.named = {o['id']: [] for o in objects}
        self.paths = {}
        self._changes = {o['id']: {CONNECTIONS: {}, PROPERTIES: {}, DYNAMIC: {}} for o in objects}
        self._match(asked)
        if not self.problems:
            self._bodies()

    # -- matching and deciding ----------------------------------------------------------------------------------------------
    def _match(self, asked):
        for kind, option, noun in ((CONNECTIONS, 'connections', 'connection'), (PROPERTIES, 'process_properties', 'process property component')):
            seen = {}
            for index, item in enumerate(asked[kind]):
                matches, problem = _match_components(self.objects, kind, item['ref'])
                label = '%s %s' % (item['where'], shown(item['ref']))
                if problem:
                    self.problems.append('%s %s' % (label, problem))
                    continue
                if not matches:
                    self.problems.append('%s: no such %s (known: %s)' % (label, noun, _known(c['name'] for o in self.objects for c in o[kind])))
                    continue
                comp_id = matches[0][1]['id']
                if comp_id in seen:
                    self.problems.append('%s names the same %s as %s' % (label, noun, seen[comp_id]))
                    continue
                seen[comp_id] = item['where']
                self._match_values(kind, index, item, matches)
        names = {n for o in self.objects for n in o[DYNAMIC]}
        for where, name, value in asked[DYNAMIC]:
            found = [n for n in names if n == name] or [n for n in names if same_name(n, name)]
            if not found:
                self.problems.append('%s: no such dynamic process property (known: %s)' % (where, _known(names)))
                continue
            self.paths[(DYNAMIC, name)] = []
            for obj in self.objects:
                if found[0] in obj[DYNAMIC]:
                    self.paths[(DYNAMIC, name)].append((obj['id'], DYNAMIC, None, found[0]))
                    self.named[obj['id']].append((DYNAMIC, None, found[0], found[0]))
                    if obj[DYNAMIC][found[0]] != value:
                        self._changes[obj['id']][DYNAMIC][found[0]] = value

    def _match_values(self, kind, index, item, matches):
        inner = 'fields' if kind == CONNECTIONS else 'values'
        seen = {}
        for where, ref, value in item['values']:
            targets, problem = [], None
            for obj, comp in matches:
                found, problem = _match_item(comp, kind, ref)
                if problem:
                    break
                if found is not None:
                    targets.append((obj, comp, found))
            if problem:
                self.problems.append('%s: %s' % (where, problem))
                continue
            if not targets:
                comp = matches[0][1]
                known = [f['id'] for f in comp['fields']] if kind == CONNECTIONS else [v['label'] or v['key'] for v in comp['property_values']]
                noun = ('connection', 'field') if kind == CONNECTIONS else ('component', 'value')
                self.problems.append('%s: %s %s has no such %s (%s: %s)' % (where, noun[0], shown(comp['name']), noun[1], inner, ', '.join(known) or 'none'))
                continue
            key = _item_key(kind, targets[0][2])
            if key in seen:
                self.problems.append('%s names the same %s as %s' % (where, 'field' if kind == CONNECTIONS else 'value', seen[key]))
                continue
            seen[key] = where
            path = (kind, index, ref)
            self.paths[path] = []
            for obj, comp, found in targets:
                identity = (obj['id'], kind, comp['id'], _item_key(kind, found))
                self.paths[path].append(identity)
                self.named[obj['id']].append((kind, comp, _item_key(kind, found), _item_name(kind, found)))
                spec = self._decide(kind, found, value)
                if spec is not None:
                    self._changes[obj['id']][kind].setdefault(comp['id'], {})[_item_key(kind, found)] = spec
                    if spec.get('value') is not None:
                        self.sent.add(identity)
                        if found['encrypted']:
                            self.secrets.append(spec['value'])
                        elif maybe_secret(kind, found):
                            self.possible_secrets[identity] = spec['value']

    def _decide(self, kind, item, value):
        """The body entry that sets ``item`` to ``value`` (None: back to the default), or None when nothing needs sending."""
        ident = {'id' if kind == CONNECTIONS else 'key': _item_key(kind, item)}
        if value is None:
            return None if item['use_default'] else dict(ident, useDefault=True)
        if item['encrypted']:
            if item['encrypted_value_set'] and self.update_secrets != 'always':
                return None  # cannot be compared: sent when none is stored, or with update_secrets=always
            return dict(ident, value=value, useDefault=False, usesEncryption=True)
        if not item['use_default'] and item['value'] == value:
            return None
        return dict(ident, value=value, useDefault=False)

    # -- bodies ------------------------------------------------------------------------------------------------------------------
    def _bodies(self):
        for obj in self.objects:
            changes = self._changes[obj['id']]
            if not any(changes.values()):
                continue
            body = {'@type': 'EnvironmentExtensions', 'id': obj['id'], 'environmentId': obj['environment_id'],
                    'extensionGroupId': obj['extension_group_id'] or '', 'partial': True}
            if changes[CONNECTIONS]:
                body['connections'] = {'connection': [
                    {'id': conn['id'], 'name': conn['name'], 'field': [changes[CONNECTIONS][conn['id']][f['id']] for f in conn['fields']
                                                                       if f['id'] in changes[CONNECTIONS][conn['id']]]}
                    for conn in obj[CONNECTIONS] if conn['id'] in changes[CONNECTIONS]]}
            if changes[PROPERTIES]:
                # Boomi replaces a carried component whole: every value of it travels, the unchanged ones as they are
                body['processProperties'] = {'ProcessProperty': [
                    {'id': comp['id'], 'name': comp['name'],
                     'ProcessPropertyValue': [_labelled(changes[PROPERTIES][comp['id']].get(v['key']) or _keep(v), v) for v in comp['property_values']]}
                    for comp in obj[PROPERTIES] if comp['id'] in changes[PROPERTIES]]}
            if changes[DYNAMIC]:
                body['properties'] = {'property': [{'name': name, 'value': value} for name, value in changes[DYNAMIC].items()]}
            self.updates.append((obj, body))

    # -- results -----------------------------------------------------------------------------------------------------------------
    def predicted(self):
        """The objects as the updates would leave them (check mode): secrets and possible secrets without value."""
        out = []
        for obj in self.objects:
            obj = copy.deepcopy(obj)
            changes = self._changes[obj['id']]
            for kind, items in ((CONNECTIONS, 'fields'), (PROPERTIES, 'property_values')):
                for comp in obj[kind]:
                    for item in comp[items]:
                        spec = changes[kind].get(comp['id'], {}).get(_item_key(kind, item))
                        if spec is None:
                            continue
                        if spec.get('useDefault'):
                            item.update(value=None, use_default=True, encrypted_value_set=False)
                        elif item['encrypted']:
                            item.update(value=None, use_default=False, encrypted_value_set=True)
                        else:
                            hidden = (obj['id'], kind, comp['id'], _item_key(kind, item)) in self.possible_secrets
                            item.update(value=None if hidden else spec['value'], use_default=False)
            obj[DYNAMIC].update(changes[DYNAMIC])
            out.append(obj)
        return out

    def diff(self, after, predicted=False):
        """``{before, after}`` of the items the task names, per object (``<environment> / <process>``) and component.

        Secrets show as ``(set)`` when stored and ``********`` when this run sends one; in a prediction a possible secret
        shows as ``********`` too.
        """
        hidden = set(self.possible_secrets) if predicted else set()
        labels = _labels(self.objects)
        return {'before': self._view(self.objects, labels, set(), set()), 'after': self._view(after, labels, self.sent, hidden)}

    def _view(self, objects, labels, sent, hidden):
        view = {}
        for obj in objects:
            section = {}
            for kind, comp, key, name in self.named.get(obj['id'], []):
                identity = (obj['id'], kind, comp['id'] if comp else None, key)
                if kind == DYNAMIC:
                    section.setdefault(DYNAMIC, {})[name] = obj[DYNAMIC].get(key)
                    continue
                now = _find(obj, kind, comp['id'], key)
                section.setdefault(kind, {}).setdefault(comp['name'] or comp['id'], {})[name] = _show(now, identity in sent, identity in hidden)
            if section:
                view[labels.get(obj['id'], obj['id'])] = section
        return view

    def plain_paths(self, objects):
        """The option values known to be plain in ``objects`` (every item they set is neither encrypted nor a possible secret)."""
        items = {}
        for obj in objects:
            for kind, children in ((CONNECTIONS, 'fields'), (PROPERTIES, 'property_values')):
                for comp in obj[kind]:
                    for item in comp[children]:
                        items[(obj['id'], kind, comp['id'], _item_key(kind, item))] = (kind, item)
        plain = {path for path in self.paths if path[0] == DYNAMIC}
        for path, identities in self.paths.items():
            found = [items.get(i) for i in identities]
            if identities and all(f is not None and not f[1]['encrypted'] and not maybe_secret(*f) for f in found):
                plain.add(path)
        return plain

    def parts(self):
        """``{(object id, kind, component id): component name}`` of the components the task names, and ``(object id,
        dynamic_process_properties, name): name`` of its dynamic process properties: two tasks that name one part of one object
        at once would fight (Boomi replaces a process property component whole)."""
        found = {}
        for obj_id, named in self.named.items():
            for kind, comp, key, name in named:
                found[(obj_id, kind, comp['id'] if comp else key)] = (comp['name'] or comp['id']) if comp else name
        return found

    def revealed_secrets(self, objects):
        """The possible secrets that ``objects`` (the answers) show to be encrypted."""
        found = []
        for identity, value in self.possible_secrets.items():
            obj = next((o for o in objects if o['id'] == identity[0]), None)
            item = _find(obj, identity[1], identity[2], identity[3]) if obj else None
            if item is None or item['encrypted']:
                found.append(value)
        return found


def _keep(value):
    """The body entry that leaves a process property value as it is (in a component that Boomi replaces whole)."""
    if value['use_default']:
        return {'key': value['key'], 'useDefault': True}
    if value['encrypted']:
        return {'key': value['key'], 'useDefault': False}  # no value: Boomi keeps the stored secret
    return {'key': value['key'], 'value': value['value'] if value['value'] is not None else '', 'useDefault': False}


def _labelled(entry, value):
    """A process property value's body entry with its label next to its key, as Boomi's samples send it."""
    return dict(entry, label=value['label']) if value['label'] else entry


def _find(obj, kind, comp_id, key):
    for comp in obj[kind]:
        if comp['id'] == comp_id:
            for item in comp['fields' if kind == CONNECTIONS else 'property_values']:
                if _item_key(kind, item) == key:
                    return item
    return None


def _show(item, sent, hidden):
    if item is None:
        return None
    if hidden or (item['encrypted'] and sent):
        return REDACTED
    if item['encrypted']:
        return SET if item['encrypted_value_set'] else None
    return None if item['use_default'] else item['value']


def _labels(objects):
    """``<environment name> / <process name>`` (environment-level objects: the environment name) per object id, unique."""
    labels = {o['id']: ' / '.join(p for p in (o['environment_name'] or o['environment_id'], o['process_name']) if p) for o in objects}
    for ident, label in list(labels.items()):
        if list(labels.values()).count(label) > 1:
            labels[ident] = '%s [%s]' % (label, ident)
    return labels


def plan(objects, asked, update_secrets='on_create'):
    """The :class:`Plan` of a task (``asked`` from :func:`wanted`)."""
    if update_secrets not in UPDATE_SECRETS:
        raise BoomiInputError('update_secrets must be one of %s, got %s' % (', '.join(UPDATE_SECRETS), shown(update_secrets)))
    return Plan(objects, asked, update_secrets)


def predict_unknown(asked, label):
    """The diff of a check run that cannot read the objects yet (instance not installed or not attached): every value hidden,
    since whether Boomi encrypts it is not known."""
    after = {}
    for kind in (CONNECTIONS, PROPERTIES):
        for item in asked[kind]:
            after.setdefault(kind, {})[item['ref']] = {name: None if value is None else REDACTED for _where, name, value in item['values']}
    for _where, name, value in asked[DYNAMIC]:
        after.setdefault(DYNAMIC, {})[name] = value  # Boomi does not encrypt dynamic process properties
    return {'before': {}, 'after': {label: after} if after else {}}


def masked_params(params, plain=frozenset()):
    """``params`` for ``invocation``: every value of ``fields`` and ``values`` (or its alias ``property_values``) replaced by
    ``********`` unless its path is in ``plain`` (see :meth:`Plan.plain_paths`); null stays null. Dynamic process properties
    are shown (Boomi does not encrypt them). Anything of another shape (before ansible-core validated the options) is hidden
    whole."""
    out = dict(params)
    for kind, inners in ((CONNECTIONS, ('fields',)), (PROPERTIES, ('values',) + VALUES_ALIASES)):
        items = params.get(kind)
        if items is None:
            continue
        if not isinstance(items, list):
            out[kind] = REDACTED
            continue
        masked = []
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                masked.append(REDACTED)
                continue
            entry = {key: REDACTED for key in item if key not in ('name',) + inners}
            entry['name'] = item.get('name') if isinstance(item.get('name'), str) or item.get('name') is None else REDACTED
            for inner in inners:
                if inner not in item and inner != inners[0]:
                    continue
                values = item.get(inner)
                if isinstance(values, dict):
                    values = {key: value if value is None or (kind, index, nfc(key) if isinstance(key, str) else key) in plain else REDACTED
                              for key, value in values.items()}
                elif values is not None:
                    values = REDACTED
                entry[inner] = values
            masked.append(entry)
        out[kind] = masked
    dynamic = params.get(DYNAMIC)
    if dynamic is not None and not isinstance(dynamic, dict):
        out[DYNAMIC] = REDACTED
    return out


def apply(client, found, the_plan):
    """Send the plan's updates (``client.update_extensions``); the objects afterwards, named and sorted: the answers, read again
    (one request) where an answer carried none. A failure half way carries ``result`` (changed, updated ids) for the task."""
    try:
        answers = client.update_extensions(the_plan.updates)
    except BoomiError as exc:
        # the objects updated before; changed also when an update may have been made (an answer lost: ``_writes``)
        exc.result = {'changed': client.writes.may_have_changed(),
                      'updated': [i for w in client.writes.made('extensions update') for i in w['extension_ids']]}
        raise
    by_id = {obj['id']: obj for obj in the_plan.objects}
    missing = False
    for (obj, _body), answer in zip(the_plan.updates, answers):
        if answer is None or answer['id'].rstrip('=') != obj['id'].rstrip('='):
            missing = True
        else:
            by_id[obj['id']] = found['name'](answer)
    if missing:
        env_ids = sorted({obj['environment_id'] for obj, _body in the_plan.updates})
        for obj in client.list_extensions(found['instance'], env_ids):
            if obj['id'] in by_id:
                by_id[obj['id']] = found['name'](obj)
    return sort_objects(by_id.values())


# -- one task (ipack_env_extensions), or one element of ipack_env_extensions_bulk -----------------------------------------------
OPTIONS = dict(
    instance_id=dict(type='str', required=True),
    environment=dict(type='str', required=True),
    process=dict(type='str'),
    connections=dict(type='list', elements='dict', default=[],
                     options=dict(name=dict(type='str', required=True), fields=dict(type='dict', default={}))),
    process_properties=dict(type='list', elements='dict', default=[],
                            options=dict(name=dict(type='str', required=True),
                                         values=dict(type='dict', default={}, aliases=list(VALUES_ALIASES)))),
    dynamic_process_properties=dict(type='dict', default={}),
    update_secrets=dict(type='str', choices=list(UPDATE_SECRETS), default='on_create', no_log=False),
)


def options_spec():
    """A copy of :data:`OPTIONS`, the options of one task (an argument spec is not shared between two modules' specs)."""
    return copy.deepcopy(OPTIONS)


def given_items(params, given, option):
    """The items of ``option`` (``connections``, ``process_properties``) of ``params``, each with its name as ``given`` has it
    (ansible-core turns a list into its text for a ``str`` option; :func:`wanted` checks the name as given)."""
    raws = given.get(option) if isinstance(given, dict) else None
    found = []
    for index, item in enumerate(params.get(option) or []):
        raw = raws[index] if isinstance(raws, list) and index < len(raws) and isinstance(raws[index], dict) else {}
        found.append(dict(item, name=raw.get('name', item['name'])))
    return found


def prepare(client, instance_id, environment, process, asked, update_secrets='on_create', check_mode=False, where=''):
    """Read and plan one task; nothing is written. ``where`` (``extensions[2].``) prefixes the option names of messages.

    Returns ``{environment, found, plan, plain, problem}``: ``found`` from :func:`read` and ``plan`` (:func:`plan`) are None
    when the change is predicted from the task alone (check mode, with ``instance_id`` None for an instance an earlier task
    would install, or an instance not attached yet); ``plain`` the option values known to be plain (for the invocation);
    ``problem`` the unknown names, in one message, or None. Raises :class:`BoomiInputError` when the instance is not attached
    (outside check mode), :class:`BoomiError` when a lookup or read fails.
    """
    step = dict(environment=None, found=None, plan=None, plain=frozenset(), problem=None)
    option = where + 'environment'
    if instance_id is None:
        step['environment'] = client.resolve_environments([environment], option=option, with_atoms=False)[0]
        return step
    found = read(client, instance_id, environment, process, option=option)
    env = step['environment'] = found['environment']
    if env['id'] not in found['attached']:
        if check_mode:
            return step
        raise BoomiInputError('instance %s is not attached to environment %s (%s); attached to: %s. Attach it first '
                              '(boomi.platform.ipack_env_attachment)'
                              % (instance_id, shown(env['name']), env['id'],
                                 ', '.join(sorted(found['environment_names'].get(i, i) for i in found['attached'])) or 'none'),
                              operation='extensions')
    the_plan = plan(found['objects'], asked, update_secrets)
    step.update(found=found, plan=the_plan, plain=the_plan.plain_paths(found['objects']))
    if the_plan.problems:
        place = 'environment %s' % shown(env['name'])
        if found['process'] is not None:
            place += ', process %s' % shown(found['process']['name'])
        step['problem'] = '%d unknown name(s) for instance %s in %s: %s' % (len(the_plan.problems), instance_id, place, '; '.join(the_plan.problems))
    return step


def hide_secrets(step, secret):
    """Before anything is sent or shown: ``secret(value)`` for every value the step sends to an encrypted item (hidden everywhere
    in the task's output), and the possible secrets masked in messages (hidden everywhere once an answer shows them encrypted)."""
    if step['plan'] is None:
        return
    for value in step['plan'].secrets:
        secret(value)
    for value in step['plan'].possible_secrets.values():
        register_secret(value, possible=True)


def lock_names(objects):
    """The names of the locks (``statefiles.locked``) of extension ``objects``: one per (account, environment, object).

    An environment id is a GUID of one account, and both APIs and every kind of credential (``bearer_token`` alone gives no
    ``account_id``) read an object with the same id: the environment and object ids alone name the lock, so that a REST task
    and a GraphQL task on one object wait for each other too."""
    names = []
    for obj in objects:
        key = '%s|%s' % (obj['environment_id'], obj['id'])
        names.append('%sextensions-%s' % (statefiles.LOCK_PREFIX, hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]))
    return names


def _lock_error(error):
    return type(error)('extensions update: cannot lock the extension objects in the private state directory (it keeps the rate_limit '
                       'state too): %s; set TMPDIR to a directory of your own (or have it removed)' % error.message)


def write(client, step, asked, secret):
    """Send the updates of a step of :func:`prepare` (not in check mode): the objects afterwards (see :func:`apply`).

    Boomi replaces a process property component whole, and an update carries the component as it was read: two tasks that set
    different values of one component at once would each send the other's old value. So the objects the task names are locked
    (one lock per account, environment and object, across the processes and threads of this controller: ``statefiles.locked``),
    read again, planned again on that read (``step['plan']`` is replaced) and written, all under the lock.
    """
    first = step['plan']
    with statefiles.locked(lock_names([obj for obj in first.objects if first.named.get(obj['id'])]), on_error=_lock_error):
        fresh = plan(read_objects(client, step['found']), asked, first.update_secrets)
        if fresh.problems:
            raise BoomiInputError('the extensions changed since this task read them: %s' % '; '.join(fresh.problems), operation='extensions')
        step['plan'] = fresh
        hide_secrets(step, secret)
        return apply(client, step['found'], fresh) if fresh.updates else copy.deepcopy(fresh.objects)


def finish(client, step, asked, check_mode, secret):
    """Send the updates of a step of :func:`prepare` (none in check mode) after :func:`hide_secrets`; the task's result
    ``{changed, extensions, diff}``. ``step['plain']`` then tells the values known to be plain in the objects afterwards."""
    the_plan = step['plan']
    if the_plan is None:  # check mode, nothing to read yet: the change the task asks for, every value hidden
        return dict(changed=any(asked[kind] for kind in asked), extensions=[], diff=predict_unknown(asked, step['environment']['name']))
    if check_mode or not the_plan.updates:
        after = the_plan.predicted()
    else:
        after = write(client, step, asked, secret)
        the_plan = step['plan']  # planned again on the read under the lock
        for value in the_plan.revealed_secrets(after):
            secret(value)
        step['plain'] = the_plan.plain_paths(after)
    return dict(changed=bool(the_plan.updates), extensions=after, diff=the_plan.diff(after, predicted=check_mode))


def masked_elements(params, option, plain):
    """``params`` of ipack_env_extensions_bulk for ``invocation``: each element of ``option`` masked as :func:`masked_params`
    masks a task, with ``plain[index]`` (a dict by element index) as its plain values; anything of another shape hidden whole."""
    out = dict(params)
    elements = params.get(option)
    if elements is None:
        return out
    if not isinstance(elements, list):
        out[option] = REDACTED
        return out
    masked = []
    for index, element in enumerate(elements):
        if not isinstance(element, dict):
            masked.append(REDACTED)
            continue
        entry = masked_params(element, plain.get(index, frozenset()))
        masked.append({key: value if key in OPTIONS else REDACTED for key, value in entry.items()})  # a misspelt option may hold a secret
    out[option] = masked
    return out

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plan of a partial update of environment extensions: pure, no request (``extensions`` reads and writes).

The plan (:func:`plan`) turns what a task asks (``extensions.wanted``) and the objects read (``_shapes_extensions``, named by
``extensions.read``) into partial UPDATE bodies, one per object that differs:

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

import collections
import copy

from ansible_collections.boomi.platform.plugins.module_utils.errors import REDACTED, BoomiInputError
from ansible_collections.boomi.platform.plugins.module_utils.names import same_name, shown

SET = '(set)'  # a stored secret in a diff
UPDATE_SECRETS = ('on_create', 'always')
# The option process_properties[].values also answers to property_values, the name of the returned key (a returned
# ``values`` cannot be read with dot notation in Jinja: ``x.values`` is the dict method).
VALUES_ALIASES = ('property_values',)
CONNECTIONS, PROPERTIES, DYNAMIC = 'connections', 'process_properties', 'dynamic_process_properties'
# Per kind of component: its option's dict of values, its items in an object, an item's key, the nouns of the messages.
KINDS = {
    CONNECTIONS: dict(inner='fields', items='fields', key='id', noun='connection', short='connection', item='field'),
    PROPERTIES: dict(inner='values', items='property_values', key='key', noun='process property component', short='component', item='value'),
}
BODY = {CONNECTIONS: ('connections', 'connection', 'field'), PROPERTIES: ('processProperties', 'ProcessProperty', 'ProcessPropertyValue')}


def _known(names):
    return ', '.join(sorted(set(n for n in names if n))) or 'none'


def _key(kind, item):
    return item[KINDS[kind]['key']]


def _name(kind, item):
    return item['id'] if kind == CONNECTIONS else (item['label'] or item['key'])


def _match_item(component, kind, ref):
    """The field (by id) or process property value (by key, else label) ``ref`` of a component; ``(item, problem)``."""
    items = component[KINDS[kind]['items']]
    by_key = [i for i in items if _key(kind, i) == ref]
    found = by_key or [i for i in items if same_name(i['id'] if kind == CONNECTIONS else i['label'], ref)]
    if len(found) > 1 and not by_key and kind == PROPERTIES:
        return None, 'label %s is ambiguous in %s (keys %s); use the key' % (shown(ref), shown(component['name']), ', '.join(v['key'] for v in found))
    return (found[0] if found else None), None


def _find(obj, kind, comp_id, key):
    """The item ``key`` of component ``comp_id`` of ``obj`` (None when there is no such item, or no ``obj``)."""
    items = (i for c in (obj or {}).get(kind, []) if c['id'] == comp_id for i in c[KINDS[kind]['items']])
    return next((i for i in items if _key(kind, i) == key), None)


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
        for kind in (CONNECTIONS, PROPERTIES):
            seen = {}
            for index, item in enumerate(asked[kind]):
                matches, named = self._components(kind, item, seen), {}
                for where, ref, value in item['values'] if matches else []:
                    targets = self._targets(kind, where, ref, matches, named)
                    if targets:
                        self.paths[(kind, index, ref)] = [self._set(obj, kind, comp, found, value) for obj, comp, found in targets]
        for where, name, value in asked[DYNAMIC]:
            self._dynamic(where, name, value)
        if not self.problems:
            self._bodies()

    # -- matching and deciding ----------------------------------------------------------------------------------------------
    def _components(self, kind, item, seen):
        """The (object, component) pairs whose component has the id or name ``item`` names; [] with its problem noted."""
        ref, noun = item['ref'], KINDS[kind]['noun']
        pairs = [(o, c) for o in self.objects for c in o[kind]]
        matches = [p for p in pairs if p[1]['id'] == ref] or [p for p in pairs if same_name(p[1]['name'], ref)]
        ids = sorted({c['id'] for _o, c in matches})
        if len(ids) > 1:
            problem = ' is ambiguous: %d components have this name (ids %s); use the id' % (len(ids), ', '.join(ids))
        elif not ids:
            problem = ': no such %s (known: %s)' % (noun, _known(c['name'] for _o, c in pairs))
        elif ids[0] in seen:
            problem = ' names the same %s as %s' % (noun, seen[ids[0]])
        else:
            seen[ids[0]] = item['where']
            return matches
        self.problems.append('%s %s%s' % (item['where'], shown(ref), problem))
        return []

    def _targets(self, kind, where, ref, matches, seen):
        """The (object, component, item) triples of the item ``ref`` of the components ``matches``; [] with its problem noted."""
        names, targets = KINDS[kind], []
        for obj, comp in matches:
            found, problem = _match_item(comp, kind, ref)
            if problem:
                self.problems.append('%s: %s' % (where, problem))
                return []
            targets += [(obj, comp, found)] if found is not None else []
        if not targets:
            comp = matches[0][1]
            known = ', '.join(_name(kind, i) for i in comp[names['items']]) or 'none'
            self.problems.append('%s: %s %s has no such %s (%s: %s)' % (where, names['short'], shown(comp['name']), names['item'], names['inner'], known))
        elif _key(kind, targets[0][2]) in seen:
            self.problems.append('%s names the same %s as %s' % (where, names['item'], seen[_key(kind, targets[0][2])]))
            return []
        else:
            seen[_key(kind, targets[0][2])] = where
        return targets

    def _set(self, obj, kind, comp, item, value):
        """Note that the task names ``item`` of ``obj`` and the change that sets it to ``value``; the item's identity."""
        key = _key(kind, item)
        identity = (obj['id'], kind, comp['id'], key)
        self.named[obj['id']].append((kind, comp, key, _name(kind, item)))
        spec = self._decide(kind, item, value)
        if spec is not None:
            self._changes[obj['id']][kind].setdefault(comp['id'], {})[key] = spec
        if spec is not None and spec.get('value') is not None:
            self.sent.add(identity)
            if item['encrypted']:
                self.secrets.append(spec['value'])
            elif maybe_secret(kind, item):
                self.possible_secrets[identity] = spec['value']
        return identity

    def _dynamic(self, where, name, value):
        names = {n for o in self.objects for n in o[DYNAMIC]}
        found = [n for n in names if n == name] or [n for n in names if same_name(n, name)]
        if not found:
            self.problems.append('%s: no such dynamic process property (known: %s)' % (where, _known(names)))
            return
        self.paths[(DYNAMIC, name)] = []
        for obj in (o for o in self.objects if found[0] in o[DYNAMIC]):
            self.paths[(DYNAMIC, name)].append((obj['id'], DYNAMIC, None, found[0]))
            self.named[obj['id']].append((DYNAMIC, None, found[0], found[0]))
            if obj[DYNAMIC][found[0]] != value:
                self._changes[obj['id']][DYNAMIC][found[0]] = value

    def _decide(self, kind, item, value):
        """The body entry that sets ``item`` to ``value`` (None: back to the default), or None when nothing needs sending."""
        ident = {KINDS[kind]['key']: _key(kind, item)}
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
            for kind, (outer, inner, entries) in BODY.items():
                comps = [{'id': c['id'], 'name': c['name'], entries: _entries(kind, c, changes[kind][c['id']])} for c in obj[kind] if c['id'] in changes[kind]]
                if comps:
                    body[outer] = {inner: comps}
            if changes[DYNAMIC]:
                body['properties'] = {'property': [{'name': name, 'value': value} for name, value in changes[DYNAMIC].items()]}
            self.updates.append((obj, body))

    # -- results -----------------------------------------------------------------------------------------------------------------
    def predicted(self):
        """The objects as the updates would leave them (check mode): secrets and possible secrets without value."""
        out = []
        for obj in copy.deepcopy(self.objects):
            changes = self._changes[obj['id']]
            for kind in (CONNECTIONS, PROPERTIES):
                for comp in obj[kind]:
                    for item in comp[KINDS[kind]['items']]:
                        _predict(item, changes[kind].get(comp['id'], {}).get(_key(kind, item)),
                                 (obj['id'], kind, comp['id'], _key(kind, item)) in self.possible_secrets)
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
                if kind == DYNAMIC:
                    section.setdefault(DYNAMIC, {})[name] = obj[DYNAMIC].get(key)
                    continue
                identity = (obj['id'], kind, comp['id'], key)
                now = _find(obj, kind, comp['id'], key)
                section.setdefault(kind, {}).setdefault(comp['name'] or comp['id'], {})[name] = _show(now, identity in sent, identity in hidden)
            if section:
                view[labels.get(obj['id'], obj['id'])] = section
        return view

    def plain_paths(self, objects):
        """The option values known to be plain in ``objects`` (every item they set is neither encrypted nor a possible secret)."""
        by_id = {o['id']: o for o in objects}
        return {path for path, identities in self.paths.items()
                if path[0] == DYNAMIC or (identities and all(_plain(by_id.get(i[0]), *i[1:]) for i in identities))}

    def parts(self):
        """``{(object id, kind, component id): component name}`` of the components the task names, and ``(object id,
        dynamic_process_properties, name): name`` of its dynamic process properties: two tasks that name one part of one object
        at once would fight (Boomi replaces a process property component whole)."""
        return {(obj_id, kind, comp['id'] if comp else key): (comp['name'] or comp['id']) if comp else name
                for obj_id, named in self.named.items() for kind, comp, key, name in named}

    def revealed_secrets(self, objects):
        """The possible secrets that ``objects`` (the answers) show to be encrypted."""
        by_id = {o['id']: o for o in objects}
        found = {identity: _find(by_id.get(identity[0]), *identity[1:]) for identity in self.possible_secrets}
        return [value for identity, value in self.possible_secrets.items() if found[identity] is None or found[identity]['encrypted']]


def _predict(item, spec, hidden):
    """Set ``item`` as the body entry ``spec`` (None: unchanged) would leave it; ``hidden``: a possible secret, without value."""
    if spec is None:
        return
    if spec.get('useDefault'):
        item.update(value=None, use_default=True, encrypted_value_set=False)
    elif item['encrypted']:
        item.update(value=None, use_default=False, encrypted_value_set=True)
    else:
        item.update(value=None if hidden else spec['value'], use_default=False)


def _plain(obj, kind, comp_id, key):
    item = _find(obj, kind, comp_id, key)
    return item is not None and not item['encrypted'] and not maybe_secret(kind, item)


def _entries(kind, comp, specs):
    """The body entries of a component: the fields that change; every value of a process property component (Boomi
    replaces a carried component whole), the unchanged ones as they are."""
    if kind == CONNECTIONS:
        return [specs[f['id']] for f in comp['fields'] if f['id'] in specs]
    return [_labelled(specs.get(v['key']) or _keep(v), v) for v in comp['property_values']]


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


def _show(item, sent, hidden):
    if item is None:
        return None
    if hidden or (item['encrypted'] and sent):
        return REDACTED
    if item['encrypted']:
        return SET if item['encrypted_value_set'] else None
    return None if item['use_default'] else item['value']


def object_label(obj):
    """``<environment name> / <process name>`` of an extensions object (the environment name for a single-install pack)."""
    return ' / '.join(part for part in (obj['environment_name'] or obj['environment_id'], obj['process_name']) if part)


def _labels(objects):
    """:func:`object_label` per object id, made unique."""
    labels = {o['id']: object_label(o) for o in objects}
    counts = collections.Counter(labels.values())
    return {ident: '%s [%s]' % (label, ident) if counts[label] > 1 else label for ident, label in labels.items()}


def plan(objects, asked, update_secrets='on_create'):
    """The :class:`Plan` of a task (``asked`` from ``extensions.wanted``)."""
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

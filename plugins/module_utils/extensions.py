# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Environment extensions: what a task asks, checked; the reads and writes around the plan of a partial update.

The objects come normalised from the adapters (``_shapes_extensions``); :func:`read` adds their names
(``environment_name``, ``process_id``, ``process_name``). The plan itself is pure (``extensions_plan``): :func:`prepare`
reads and plans one task, :func:`finish` writes it (under a lock, planned again on a fresh read) and reports it. The
values the plan sends to encrypted items are registered as secrets (``errors``), and :func:`masked_params` shows an
invocation without them. :class:`ExtensionsKind` gives the elements of ``ipack_env_extensions_bulk`` to the bulk engine.
"""

from __future__ import annotations

import copy
import hashlib

from ansible_collections.boomi.platform.plugins.module_utils import _shapes_extensions as ext_shapes
from ansible_collections.boomi.platform.plugins.module_utils import statefiles
from ansible_collections.boomi.platform.plugins.module_utils._writes import MADE
from ansible_collections.boomi.platform.plugins.module_utils.bulk import Kind, check_texts
from ansible_collections.boomi.platform.plugins.module_utils.errors import REDACTED, BoomiError, BoomiInputError, masked_options, register_secret
from ansible_collections.boomi.platform.plugins.module_utils.extensions_plan import CONNECTIONS, DYNAMIC, KINDS, PROPERTIES, UPDATE_SECRETS
from ansible_collections.boomi.platform.plugins.module_utils.extensions_plan import VALUES_ALIASES, object_label, plan, predict_unknown
from ansible_collections.boomi.platform.plugins.module_utils.names import check_text, nfc, one_process, shown


# -- what a task works on ---------------------------------------------------------------------------------------------------
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
    proc = one_process(instance['processes'], process) if process else None
    attached = [a['environment_id'] for a in client.list_attachments(instance_id)]
    multi = instance['installation_type'] != 'SINGLE'
    proc_names = {p['id']: p['name'] for p in instance['processes']}

    def name(obj):  # the keys in the order of the documented return value
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
    if value is None or isinstance(value, (str, bool, int)):
        return ext_shapes.stored_text(value)
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
    for kind, items in ((CONNECTIONS, connections), (PROPERTIES, process_properties)):
        inner = KINDS[kind]['inner']
        for index, item in enumerate(items or []):
            where = '%s%s[%d]' % (prefix, kind, index)
            out[kind].append({'where': where, 'ref': text('%s.name' % where, item.get('name')), 'values': []})
            for key, value in (item.get(inner) or {}).items():
                name = text('%s.%s' % (where, inner), key)
                at = '%s.%s[%s]' % (where, inner, shown(name))
                out[kind][-1]['values'].append((at, name, value_of(at, value)))
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


def masked_params(params, plain=frozenset(), known=None):
    """``params`` for ``invocation``: every value of ``fields`` and ``values`` (or its alias ``property_values``) replaced by
    ``********`` unless its path is in ``plain`` (see ``Plan.plain_paths``); null stays null (``errors.masked_options``, with
    ``known`` the options shown). Dynamic process properties are shown (Boomi does not encrypt them). Anything of another
    shape (before ansible-core validated the options) is hidden whole."""
    out = masked_options(params, {CONNECTIONS: ('fields',), PROPERTIES: ('values',) + VALUES_ALIASES}, known=known,
                         plain=lambda kind, index, key: (kind, index, nfc(key) if isinstance(key, str) else key) in plain)
    if params.get(DYNAMIC) is not None and not isinstance(params[DYNAMIC], dict):
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
    answered = {obj['id']: answer for (obj, _body), answer in zip(the_plan.updates, answers)
                if answer is not None and answer['id'].rstrip('=') == obj['id'].rstrip('=')}
    if len(answered) < len(the_plan.updates):
        answered.update((o['id'], o) for o in client.list_extensions(found['instance'], sorted({o['environment_id'] for o, _body in the_plan.updates})))
    by_id.update((ident, found['name'](obj)) for ident, obj in answered.items() if ident in by_id)
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
        place = 'environment %s' % shown(env['name']) + (', process %s' % shown(found['process']['name']) if found['process'] else '')
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
    keys = ('%s|%s' % (obj['environment_id'], obj['id']) for obj in objects)
    return ['%sextensions-%s' % (statefiles.LOCK_PREFIX, hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]) for key in keys]


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
    elements = params.get(option)
    if not isinstance(elements, list):
        return dict(params, **({} if elements is None else {option: REDACTED}))
    return dict(params, **{option: [masked_params(e, plain.get(i, frozenset()), known=OPTIONS) if isinstance(e, dict) else REDACTED
                                    for i, e in enumerate(elements)]})


# -- the elements of ipack_env_extensions_bulk for the bulk engine, each planned and written as ipack_env_extensions does ----
PENDING = '(instance not installed yet)'
COMPONENTS = {CONNECTIONS: 'connection', PROPERTIES: 'process property component'}


class ExtensionsKind(Kind):
    """``secret(value)`` hides a value sent to an encrypted item (``extensions.hide_secrets``, as each element is planned) or
    that an answer shows to be encrypted; ``plain`` (a dict) gets each element's values known to be plain, by index, for the
    invocation (set from the threads); ``check_mode``: planned for check mode."""

    option = 'extensions'
    summary = '%d problem(s) in extensions, nothing was changed'
    lookups = ('environment lookup', 'process lookup', 'instance lookup')
    echo = ('instance_id', 'environment', 'process')

    def __init__(self, secret=register_secret, plain=None, check_mode=False):
        self.secret = secret
        self.plain = {} if plain is None else plain
        self.check_mode = check_mode

    def check(self, element, raw, where, check_mode, problems):
        """``{'where', 'instance_id', 'environment', 'process', 'update_secrets', 'asked', 'bad'}`` (``asked`` from
        ``extensions.wanted``, ``bad``: a name or id option is wrong); a problem never shows the value of a field or property."""
        found = len(problems)
        texts = check_texts(('instance_id', 'environment', 'process'), element, raw, where, check_mode, problems, required=('environment',))
        texts['bad'] = len(problems) > found  # a bad name or id: not compared with the other elements

        def text(option, value):
            try:
                return check_text(option, value)
            except BoomiError as exc:
                problems.append(exc.message)
                return value if isinstance(value, str) else repr(value)

        try:
            asked = wanted(given_items(element, raw, 'connections'), given_items(element, raw, 'process_properties'),
                           element.get('dynamic_process_properties'), text=text, prefix=where + '.')
        except BoomiInputError as exc:
            problems.extend(getattr(exc, 'problems', [exc.message]))
            asked = None
        return dict(texts, where=where, update_secrets=element.get('update_secrets') or 'on_create', asked=asked)

    def key(self, element):
        if element['instance_id'] is None or element['bad']:
            return []  # an instance not installed yet cannot be told apart from another; a bad element is reported already
        key = (element['instance_id'], element['environment'], element['process'])
        return [(key, 'are for the same extension values (instance_id %r, environment %r, process %r): give each instance, environment and '
                      'process once, two writes to one extensions object would fight' % key)]

    def plan(self, client, element):
        """The step of :func:`prepare`, its secrets hidden; ``where`` (empty for ipack_env_extensions) prefixes its messages."""
        where = element['where']
        step = prepare(client, element['instance_id'], element['environment'], element['process'], element['asked'],
                       element['update_secrets'], self.check_mode, where=where and where + '.')
        self.plain[element['index']] = step['plain']
        if step['problem']:
            step['problem'] = '%s: %s' % (where, step['problem']) if where else step['problem']
        else:
            hide_secrets(step, self.secret)
        return step

    def claims(self, element, plan):
        if plan.get('plan') is None:
            return []
        objects = {obj['id']: obj for obj in plan['found']['objects']}
        return [(part, 'both set %s %r of %s: give each component of an extensions object once, two writes to one object would fight'
                 % (COMPONENTS.get(part[1], 'dynamic process property'), name, object_label(objects[part[0]])))
                for part, name in sorted(plan['plan'].parts().items())]

    def apply(self, client, element, plan, check_mode):
        result = finish(client, plan, element['asked'], check_mode, self.secret)
        self.plain[element['index']] = plan['plain']
        return result

    def latest(self, entries, plans):
        """Each entry's objects with the components (and dynamic process properties) that an element names shown as that
        element left them: elements of single-install packs share their environment's object."""
        owned = {}
        for entry, step in zip(entries, plans):
            parts = step['plan'].parts() if step.get('plan') is not None else {}
            for obj in entry['extensions']:
                for kind in (CONNECTIONS, PROPERTIES):
                    owned.update({(obj['id'], kind, comp['id']): comp for comp in obj[kind] if (obj['id'], kind, comp['id']) in parts})
                owned.update({(obj['id'], DYNAMIC, name): value for name, value in obj[DYNAMIC].items() if (obj['id'], DYNAMIC, name) in parts})
        for obj in (obj for entry in entries for obj in entry['extensions']):
            for kind in (CONNECTIONS, PROPERTIES):
                obj[kind] = [copy.deepcopy(owned.get((obj['id'], kind, comp['id']), comp)) for comp in obj[kind]]
            for name in obj[DYNAMIC]:
                obj[DYNAMIC][name] = owned.get((obj['id'], DYNAMIC, name), obj[DYNAMIC][name])

    def label(self, element, plan=None):
        """``<instance_id> @ <environment>`` (and `` / <process>``)."""
        text = '%s @ %s' % (element['instance_id'] or PENDING, element['environment'])
        return text + (' / %s' % element['process'] if element['process'] is not None else '')

    def report(self, element, plan, record):
        names = {obj['id']: object_label(obj) for obj in plan['found']['objects']} if plan.get('found') else {}
        ids = list(record.get('extension_ids') or [])
        return {'extension_ids': ids, 'objects': [names.get(i, i) for i in ids]}

    def partial(self, plan, records):
        """The objects that an update reached as the plan leaves them, the others as they were read."""
        made = {i for w in records if w['outcome'] in MADE for i in w.get('extension_ids') or []}
        predicted = {obj['id']: obj for obj in plan['plan'].predicted()}
        objects = [predicted[obj['id']] if obj['id'] in made else copy.deepcopy(obj) for obj in plan['plan'].objects]
        return dict(extensions=objects)

    def words(self, reports, made):
        return ', '.join(name for r in reports for name in r['objects'])

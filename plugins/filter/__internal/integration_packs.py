# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The decisions of the role ``boomi.platform.integration_packs``, as filters internal to the role: not a public API.

The role's tasks are plain steps on the modules; what to pass to them, what to check before the first write and
what to report are these functions of the role's list (``integration_packs_list``) and of what the module tasks
returned. The role calls them as ``boomi.platform.__internal.integration_packs_<name>`` (:class:`FilterModule`); each function's
docstring is its contract, and the functions without the ``integration_packs_`` prefix are the same, for the unit tests.

They are internal: the leading ``__`` of their directory keeps ``ansible-doc -t filter -l`` (and so ansible-test's and
antsibull-docs' checks, which list plugins through it) from listing them, while Jinja finds them by their name with the
directory (``boomi.platform.__internal.<name>``); galaxy-importer accepts the file name, which a ``__`` prefix would fail. They
have no documentation file, may change with the role, and are not meant for playbooks. The filters for users are in
the other files of this directory, each documented (``schedule_text``).
"""

from __future__ import annotations

from ansible.errors import AnsibleFilterError
from ansible.utils.display import Display

from ansible_collections.boomi.platform.plugins.module_utils.names import MAX_LENGTH, shown
from ansible_collections.boomi.platform.plugins.module_utils.schedules import ScheduleError, item_from_option, never_runs, schedule_text

ROLE_LIST = 'integration_packs_list'
INSTANCE_OPTIONS = ('integration_pack_id', 'integration_pack_name', 'override_name', 'environments', 'exclusive', 'state')
EXTENSION_OPTIONS = ('environment', 'process', 'connections', 'process_properties', 'dynamic_process_properties', 'update_secrets')
SCHEDULE_OPTIONS = ('process', 'environment', 'atom_id', 'schedules', 'cron', 'enabled', 'max_retry', 'retry_schedules', 'state')
LABEL_LENGTH = 60  # a loop label shows each name cut to this many characters, as the modules' messages do

display = Display()


# -- small helpers ------------------------------------------------------------------------------------------------------
def _short(value, limit=LABEL_LENGTH):
    text = '' if value is None else str(value)
    return text if len(text) <= limit else text[:limit - 3] + '...'


def _where(index, schedule_index=None):
    where = '%s[%d]' % (ROLE_LIST, index)
    return where if schedule_index is None else '%s.schedules[%d]' % (where, schedule_index)


def _items(items):
    if items is None:
        return []
    if not isinstance(items, (list, tuple)):
        raise AnsibleFilterError('%s must be a list, got %s' % (ROLE_LIST, type(items).__name__))
    return list(items)


def _state(mapping):
    return (mapping.get('state') or 'present') if isinstance(mapping, dict) else 'present'


def _entries(item):
    """The schedule entries of an item (dicts only; anything else is the argument spec's to refuse)."""
    entries = item.get('schedules') if isinstance(item, dict) else None
    return list(enumerate(entries)) if isinstance(entries, list) else []


def _target(entry):
    return entry.get('environment') if entry.get('environment') is not None else entry.get('atom_id')


def _target_text(entry):
    if entry.get('environment') is not None:
        return 'environment %s' % shown(entry['environment'])
    return 'atom_id %s' % shown(entry.get('atom_id'))


def _item_name(item):
    pack = item.get('integration_pack_name') or item.get('integration_pack_id') or ''
    return '%s / %s' % (pack, item['override_name']) if item.get('override_name') else pack


def _instances(result):
    """The ``instances`` of a registered ipack_instances result; empty when the task was skipped."""
    return list(result.get('instances') or []) if isinstance(result, dict) else []


def _loop_results(registered):
    """``(loop item, result)`` of each item of a registered loop that ran; empty when the task was skipped. A list is taken as
    ``(entry, result)`` pairs already: the entries of :func:`schedules` zipped with the ``processes`` of ipack_process_schedules."""
    if isinstance(registered, (list, tuple)):
        return [(pair[0], pair[1]) for pair in registered
                if isinstance(pair, (list, tuple)) and len(pair) == 2 and isinstance(pair[0], dict) and isinstance(pair[1], dict)]
    found = []
    for result in (registered.get('results') or []) if isinstance(registered, dict) else []:
        if isinstance(result, dict) and not result.get('skipped'):
            item = result.get(result.get('ansible_loop_var') or 'item')
            found.append((item if isinstance(item, dict) else {}, result))
    return found


def _lookups(atoms):
    """``{item index: {'atoms': {atom_id: environment_id}, 'processes': [...]}}`` from the schedule_info reads."""
    found = {}
    for item, result in _loop_results(atoms):
        known = found.setdefault(item.get('index'), {'atoms': {}, 'processes': []})
        for process in result.get('processes') or []:
            known['processes'].append(process)
            for record in process.get('schedules') or []:
                if record.get('atom_id'):
                    known['atoms'][record['atom_id']] = record.get('environment_id')
    return found


def _atoms_of(result, known):
    """``{atom_id: environment_id}`` known for one instance: from the reads, and from its attachments when they list Atoms."""
    atoms = dict(known.get('atoms') or {})
    for attachment in result.get('attachments') or []:
        for atom in attachment.get('atom_ids') or []:
            atoms[atom] = attachment.get('environment_id')
    return atoms


def _needs_atoms(result):
    """Whether the Atoms of an instance's environments must be read (its attachments do not list them)."""
    return not any('atom_ids' in attachment for attachment in result.get('attachments') or [])


def _unique(values):
    seen = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


# -- what the role passes to the modules ------------------------------------------------------------------------------
def instances(items):
    """The items for ipack_instances: every option of an item but its schedules."""
    return [{key: item[key] for key in INSTANCE_OPTIONS if key in item} for item in _items(items) if isinstance(item, dict)]


def schedules(items, converged=None, atoms=None):
    """One entry per schedule of a present item: ``index``, ``schedule_index``, ``where``, ``instance``, ``instance_id``, ``schedule``, ``label``.

    Without ``converged`` (the check before anything else) every ``instance_id`` is empty. With the ipack_instances
    result, the ID of the instance; in check mode it stays empty (ipack_process_schedule then predicts the change) for an
    instance that would be installed, for a schedule on an environment it would be attached to, and for a schedule on an
    Atom that is not among the Atoms read before (``atoms``) while the instance would be attached to an environment.
    """
    results = None if converged is None else _instances(converged)
    known = _lookups(atoms)
    found = []
    for index, item in enumerate(_items(items)):
        context = _schedule_context(index, item, results, known) if isinstance(item, dict) else None
        if context is None:
            continue
        name = context[0]
        for schedule_index, entry in _entries(item):
            if not isinstance(entry, dict):
                continue
            found.append({
                'index': index, 'schedule_index': schedule_index, 'where': _where(index, schedule_index), 'instance': name,
                'instance_id': _schedule_instance_id(entry, *context[1:]), 'schedule': entry,
                'label': '%s: %s @ %s' % (_short(name), _short(entry.get('process')), _short(_target(entry))),
            })
    return found


def _schedule_context(index, item, results, known):
    """``(name, result, predicted attachments, pending environments, {atom_id: environment_id})`` of an item whose schedules
    are passed on; None for an item that is not present (by its state before the run, by ipack_instances' result after)."""
    if results is None:
        return (_item_name(item), None, [], set(), {}) if _state(item) == 'present' else None
    if index >= len(results) or results[index].get('state') != 'present':
        return None
    result = results[index]
    predicted = [a for a in result.get('attachments') or [] if a.get('id') is None]
    pending = {a.get('environment_name') for a in predicted} | {a.get('environment_id') for a in predicted}
    pending.discard(None)
    return result.get('name'), result, predicted, pending, _atoms_of(result, known.get(index, {}))


def _schedule_instance_id(entry, result, predicted, pending, atom_env):
    """The ``instance_id`` of a schedule entry: '' (predict, check mode) when the run would install the instance, attach it
    to the entry's environment, or attach it while the entry's Atom is unknown or in an environment it would attach."""
    if result is None or result.get('id') is None:
        return ''
    if entry.get('environment') is not None:
        return '' if entry['environment'] in pending else result['id']
    if entry.get('atom_id') is not None and predicted:
        env = atom_env.get(entry['atom_id'])
        if env is None or env in pending:
            return ''
    return result['id']


def schedule_processes(entries):
    """The ``processes`` of ipack_process_schedules for the entries of :func:`schedules`: each entry's schedule options and its
    ``instance_id``, in the same order (so the module's ``processes`` results line up with the entries)."""
    return [dict({key: entry['schedule'][key] for key in SCHEDULE_OPTIONS if entry['schedule'].get(key) is not None},
                 instance_id=entry['instance_id'])
            for entry in entries or [] if isinstance(entry, dict) and isinstance(entry.get('schedule'), dict)]


def _pending_id(result, environment):
    """The instance ID for a task on ``environment`` after ipack_instances: '' (predict, check mode) when the instance would
    be installed or the environment attached by this run, else the ID."""
    if result is None or result.get('id') is None:
        return ''
    predicted = {v for a in result.get('attachments') or [] if a.get('id') is None for v in (a.get('environment_name'), a.get('environment_id'))}
    return '' if environment in predicted else result['id']


def _present_results(items, converged):
    """``(index, item, result)`` of the present items: ``result`` is the item's ipack_instances result (None without one)."""
    results = None if converged is None else _instances(converged)
    for index, item in enumerate(_items(items)):
        if not isinstance(item, dict):
            continue
        if results is None:
            if _state(item) == 'present':
                yield index, item, None
        elif index < len(results) and results[index].get('state') == 'present':
            yield index, item, results[index]


def extensions(items, converged=None):
    """One entry per environment extensions entry of a present item: ``index``, ``extension_index``, ``instance_id``, ``label``.

    The entry's values (secrets among them) are not copied: the task picks them from the list by index, so that no loop item
    carries a secret into the output.
    """
    found = []
    for index, item, result in _present_results(items, converged):
        for extension_index, entry in enumerate(item.get('extensions') or []):
            if isinstance(entry, dict):
                found.append({'index': index, 'extension_index': extension_index, 'instance_id': _pending_id(result, entry.get('environment')),
                              'label': '%s: %s' % (_short(result.get('name') if result else _item_name(item)), _short(entry.get('environment')))})
    return found


def extension_elements(items, converged, update_secrets='on_create'):
    """The ``extensions`` of ipack_env_extensions_bulk: one element per entry of :func:`extensions`, in the same order (so the
    module's ``extensions`` results line up with the entries), with the entry's values and ``update_secrets`` (the role's
    default when the entry has none). The values may be secrets: this goes to the module's option only, never to a label."""
    items = _items(items)
    found = []
    for entry in extensions(items, converged):
        raw = items[entry['index']]['extensions'][entry['extension_index']]
        element = {key: raw[key] for key in EXTENSION_OPTIONS if raw.get(key) is not None}
        element.setdefault('update_secrets', update_secrets)
        element['instance_id'] = entry['instance_id']
        found.append(element)
    return found


def runs(items, converged, scheduled=None, extended=None, when='changed'):
    """One entry per run of a present item (``index``, ``run_index``, ``instance_id``, ``label``, ``skip_if_passed``).

    ``when='always'``: every run starts. ``when='changed'``: the runs of the items this run changed (installed, attached,
    scheduled or extended) start; those of the other items have ``skip_if_passed`` true: ipack_process_run starts them only
    on the Atoms where the latest run of the process that a run request started did not pass (a gate that failed runs
    again; ``runs.gate_due``)."""
    changed = {i for i, r in enumerate(_instances(converged)) if r.get('changed')}
    for registered in (scheduled, extended):
        for loop_item, result in _loop_results(registered):
            if result.get('changed'):
                changed.add(loop_item.get('index'))
    found = []
    for index, item, result in _present_results(items, converged):
        skip_if_passed = when != 'always' and index not in changed
        for run_index, entry in enumerate(item.get('runs') or []):
            if isinstance(entry, dict):
                name = _short(result.get('name') if result else _item_name(item))
                found.append({'index': index, 'run_index': run_index, 'instance_id': _pending_id(result, entry.get('environment')),
                              'label': '%s: %s @ %s%s' % (name, _short(entry.get('process')), _short(_target(entry)),
                                                          ' (unless its last run passed)' if skip_if_passed else ''),
                              'skip_if_passed': skip_if_passed})
    return found


def runtime_attachments(items, converged=None):
    """One entry per present item that lists ``atoms`` (Runtimes the instance is attached to directly, on an account without
    environments): ``index``, ``instance_id`` ('' when this run would install the instance: check mode predicts), ``atoms``,
    ``exclusive``, ``label``; for ipack_atom_attachment, after ipack_instances."""
    found = []
    for index, item, result in _present_results(items, converged):
        if isinstance(item.get('atoms'), list):
            found.append({'index': index, 'instance_id': (result or {}).get('id') or '', 'atoms': item['atoms'],
                          'exclusive': bool(item.get('exclusive')),
                          'label': '%s: %s' % (_short(result.get('name') if result else _item_name(item)),
                                               _short(', '.join(str(a) for a in item['atoms']) or '(none)'))})
    return found


def atom_lookups(items, planned):
    """The instances whose environments' Atoms must be read before the run: present, installed, with a schedule by ``atom_id``."""
    results = _instances(planned)
    found = []
    for index, item in enumerate(_items(items)):
        if index >= len(results) or not isinstance(item, dict):
            continue
        result = results[index]
        by_atom = [entry for _j, entry in _entries(item) if isinstance(entry, dict) and entry.get('atom_id') is not None]
        if result.get('state') == 'present' and result.get('id') and by_atom and _needs_atoms(result):
            found.append({'index': index, 'instance_id': result['id'], 'label': _short(result.get('name'))})
    return found


# -- checks before the first write ------------------------------------------------------------------------------------
def problems(items):
    """What is wrong with the list on its own (no request needed): a message per problem, naming the item."""
    found = []
    for index, item in enumerate(_items(items)):
        if not isinstance(item, dict):
            continue
        by_id, by_name = item.get('integration_pack_id') is not None, item.get('integration_pack_name') is not None
        if not by_id and not by_name:
            found.append('%s: give integration_pack_name or integration_pack_id' % _where(index))
        elif by_id and by_name:
            found.append('%s: give integration_pack_name or integration_pack_id, not both' % _where(index))
        if _state(item) != 'present':
            continue
        for schedule_index, entry in _entries(item):
            if not isinstance(entry, dict):
                continue
            where = _where(index, schedule_index)
            on_env, on_atom = entry.get('environment') is not None, entry.get('atom_id') is not None
            if not on_env and not on_atom:
                found.append('%s: give environment or atom_id' % where)
            elif on_env and on_atom:
                found.append('%s: give environment or atom_id, not both' % where)
            # a schedule entry is a loop item, which Ansible prints whole when its task fails: refuse a huge value here
            # (the module refuses it too, but only after Ansible has printed it)
            for key in ('process', 'environment', 'atom_id'):
                value = entry.get(key)
                if isinstance(value, str) and len(value) > MAX_LENGTH:
                    found.append('%s.%s is %d characters long, at most %d are allowed: %s' % (where, key, len(value), MAX_LENGTH, shown(value)))
    return found


def warnings(items):
    """A message per schedule item of a present item whose dates never occur (``0 0 31 2 *``)."""
    found = []
    for index, item in enumerate(_items(items)):
        if not isinstance(item, dict) or _state(item) != 'present':
            continue
        for schedule_index, entry in _entries(item):
            for key in ('schedules', 'retry_schedules'):
                given = entry.get(key) if isinstance(entry, dict) else None
                for item_index, raw in enumerate(given if isinstance(given, list) else []):
                    option = '%s.%s[%d]' % (_where(index, schedule_index), key, item_index)
                    try:
                        reason = never_runs(item_from_option(option, raw))
                    except (ScheduleError, AttributeError, TypeError):
                        continue  # not a valid item: the check-mode pass of ipack_process_schedule names it
                    if reason:
                        what = 'cron %s' % shown(raw['cron']) if raw.get('cron') is not None else 'this schedule'
                        found.append('%s: %s never runs: %s (Boomi accepts it and never starts the process on it)' % (option, what, reason))
    return found


def _env_ids(result):
    """``{environment ID or name: environment ID}`` of the environments an instance is attached to after the run."""
    refs = {}
    for attachment in result.get('attachments') or []:
        env = attachment.get('environment_id')
        refs[env] = env
        if attachment.get('environment_name') is not None:
            refs.setdefault(attachment['environment_name'], env)
    return refs


def _env_names(planned):
    names = {}
    for result in _instances(planned):
        for attachment in result.get('attachments') or []:
            if attachment.get('environment_name') is not None:
                names[attachment.get('environment_id')] = attachment['environment_name']
    return names


def _process_key(ref, processes):
    """One key per process: its ID when the instance's processes were read, else the reference as given."""
    for process in processes:
        if process.get('id') == ref:
            return process['id']
    named = [p for p in processes if p.get('name') == ref] or [p for p in processes if (p.get('name') or '').endswith(' - %s' % ref)]
    return named[0]['id'] if len(named) == 1 else ref


def schedule_problems(items, planned, atoms=None):
    """The schedules that the run would fail on after its first write, and the schedule entries that overlap.

    ``planned`` is ipack_instances' result in check mode (the attachments after the run), ``atoms`` the schedule_info
    reads of atom_lookups. A message per problem, naming the item and schedule entry.
    """
    results = _instances(planned)
    known = _lookups(atoms)
    names = _env_names(planned)
    found = []
    for index, item in enumerate(_items(items)):
        if not isinstance(item, dict) or index >= len(results) or results[index].get('state') != 'present':
            continue
        context = _placing(results[index], known.get(index, {}), names)
        placed = []
        for schedule_index, entry in _entries(item):
            if not isinstance(entry, dict):
                continue
            place, problem = _placement(_where(index, schedule_index), entry, context)
            if place is not None:
                placed.append((schedule_index, entry) + place)
            if problem is not None:
                found.append(problem)
        found.extend(_overlaps(index, placed, known.get(index, {}).get('processes') or []))
    return found


def _placing(result, known, names):
    """What places the schedules of one instance after the run: its environments, Atoms, detachments and pending attaches."""
    attachments = result.get('attachments') or []
    envs = _env_ids(result)
    return {
        'result': result, 'envs': envs, 'env_ids': set(envs.values()), 'names': names, 'detached': set(result.get('detached') or []),
        'after': ', '.join(sorted(a.get('environment_name') or a.get('environment_id') for a in attachments)) or 'none',
        'pending': any(a.get('id') is None for a in attachments), 'atom_env': _atoms_of(result, known),
    }


def _placement(where, entry, context):
    """``(place, problem)`` of a schedule entry: ``(environment ID, atom ID)`` where it lands (None: unknown), or the message
    why it cannot land (``(None, None)``: an entry with no target, the argument spec's to refuse)."""
    env = entry.get('environment')
    if env is not None:
        if env in context['envs']:
            return (context['envs'][env], None), None
        if env in context['detached']:
            return None, ('%s: environment %s is one this run detaches the instance from (exclusive: true and not in environments): '
                          'add it to environments, or drop the schedule' % (where, shown(env)))
        return None, ('%s: environment %s is not one the instance is attached to after this run (%s): add it to environments '
                      '(a schedule needs the attachment)' % (where, shown(env), context['after']))
    atom = entry.get('atom_id')
    atom_env = context['atom_env']
    if atom is None:
        return None, None
    if atom in atom_env and atom_env[atom] in context['env_ids']:
        return (atom_env[atom], atom), None
    if atom in atom_env:
        return None, ('%s: atom_id %s is an Atom of environment %s, which this run detaches the instance from (exclusive: true and '
                      'not in environments): add it to environments, or drop the schedule'
                      % (where, shown(atom), shown(context['names'].get(atom_env[atom], atom_env[atom]))))
    if context['pending'] and _needs_atoms(context['result']):
        # on an environment the run attaches, or nowhere: without the Atoms of the attachments, known only after the attach
        return (None, atom), None
    return None, ('%s: atom_id %s is not an Atom of the environments the instance is attached to after this run (%s): '
                  'add its environment to environments (a schedule needs the attachment)' % (where, shown(atom), context['after']))


def _overlaps(index, placed, processes):
    """Two entries of one item for the same process on the same Atom: each run would write the record twice."""
    found = []
    for position, (first, one, one_env, one_atom) in enumerate(placed):
        for second, other, other_env, other_atom in placed[position + 1:]:
            if _process_key(one.get('process'), processes) != _process_key(other.get('process'), processes):
                continue
            if one_atom is not None and other_atom is not None:
                same = one_atom == other_atom
            else:
                same = one_env is not None and one_env == other_env
            if same:
                found.append('%s and %s both schedule process %s on the same Atom (%s, %s): each run would set it twice; '
                             'give one entry per process and Atom'
                             % (_where(index, first), _where(index, second), shown(one.get('process')), _target_text(one), _target_text(other)))
    return found


# -- what the run did -------------------------------------------------------------------------------------------------
def _schedule_line(name, entry):
    schedule = entry.get('schedule') or {}
    where = '%s @ %s' % (schedule.get('process'), schedule.get('environment') if schedule.get('environment') is not None
                         else 'Atom %s' % schedule.get('atom_id'))
    if _state(schedule) == 'absent':
        return '%s: %s: cleared' % (name, where)

    def text(key):
        shown_items = []
        for item_index, raw in enumerate(schedule.get(key) or []):
            try:
                shown_items.append(schedule_text(item_from_option('%s[%d]' % (key, item_index), raw)))
            except (ScheduleError, AttributeError, TypeError):
                shown_items.append(str(raw))
        return '; '.join(shown_items)

    line = '%s: %s: %s' % (name, where, text('schedules') or 'no schedule')
    if schedule.get('max_retry') is not None:
        line += '; max retry %s' % schedule['max_retry']
    if schedule.get('retry_schedules') is not None:
        line += '; retries %s' % (text('retry_schedules') or 'none')
    return line


def _summary_line(done, attached, detached, set_for, cleared, runtimes=((), ())):
    """What the run did to one item, in words (without its name); ``runtimes``: the Runtimes it attached and detached."""
    if done.get('state') == 'absent':
        return ('detached from %s; ' % ', '.join(detached) if detached else '') + (
            'uninstalled' if done.get('uninstalled') else 'not installed, nothing to remove')
    parts = ['installed' if done.get('installed') else 'already installed']
    for words, names in (('attached to ', attached), ('detached from ', detached), ('attached to Runtime(s) ', runtimes[0]),
                         ('detached from Runtime(s) ', runtimes[1]), ('schedules set for ', set_for), ('schedules cleared for ', cleared)):
        if names:
            parts.append(words + ', '.join(names))
    if not (done.get('changed') or set_for or cleared or runtimes[0] or runtimes[1]):
        parts.append('nothing to change')
    return '; '.join(parts)


def summary(converged, scheduled=None, runtimes=None):
    """One dict per item: ``name``, ``instance_id``, ``installed``, ``attached``, ``detached``, ``scheduled``, ``cleared``,
    ``schedules``, ``uninstalled``, ``atoms_attached``, ``atoms_detached`` and ``line``, from the results of ipack_instances, of
    the schedule tasks and of the ipack_atom_attachment loop (``runtimes``, the entries of :func:`runtime_attachments`)."""
    on_runtimes = {entry.get('index'): (result.get('attached') or [], result.get('detached') or [])
                   for entry, result in _loop_results(runtimes)}
    changed = {}
    for entry, result in _loop_results(scheduled):
        if result.get('changed'):
            changed.setdefault(entry.get('index'), []).append(entry)
    found = []
    for index, done in enumerate(_instances(converged)):
        entries = changed.get(index, [])
        set_for = _unique(e['schedule'].get('process') for e in entries if _state(e.get('schedule')) == 'present')
        cleared = _unique(e['schedule'].get('process') for e in entries if _state(e.get('schedule')) == 'absent')
        attached, detached = done.get('attached') or [], done.get('detached') or []
        runtime_changes = on_runtimes.get(index, ([], []))
        line = _summary_line(done, attached, detached, set_for, cleared, runtime_changes)
        found.append({
            'name': done.get('name'), 'instance_id': done.get('id'), 'installed': done.get('installed'), 'attached': attached,
            'detached': detached, 'scheduled': set_for, 'cleared': cleared, 'uninstalled': done.get('uninstalled'),
            'atoms_attached': runtime_changes[0], 'atoms_detached': runtime_changes[1],
            'schedules': [_schedule_line(done.get('name'), entry) for entry in entries], 'line': '%s: %s' % (done.get('name'), line),
        })
    return found


# -- the filters ------------------------------------------------------------------------------------------------------
def integration_packs_problems(items):
    """problems(), and a warning per schedule that never runs."""
    for message in warnings(items):
        display.warning(message)
    return problems(items)


class FilterModule:
    """Filters of the integration_packs role, internal to it (see the module's docstring)."""

    def filters(self):
        return {
            'integration_packs_problems': integration_packs_problems,
            'integration_packs_instances': instances,
            'integration_packs_schedules': schedules,
            'integration_packs_schedule_processes': schedule_processes,
            'integration_packs_extensions': extensions,
            'integration_packs_extension_elements': extension_elements,
            'integration_packs_runs': runs,
            'integration_packs_atom_lookups': atom_lookups,
            'integration_packs_runtime_attachments': runtime_attachments,
            'integration_packs_schedule_problems': schedule_problems,
            'integration_packs_summary': summary,
        }

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The run schedules of one process on one environment or Atom: option checks, planning and applying.

Shared by ``ipack_process_schedule`` (one process) and ``ipack_process_schedules`` (many at once): the options of one
process (:data:`OPTIONS`), their checks (:func:`check_options`, every problem found, each naming the option and value),
the plan (:func:`plan_schedule`, reads only) and its writes (:func:`apply_schedule`).
"""

from __future__ import annotations

import copy
import threading

from ansible_collections.boomi.platform.plugins.module_utils._writes import MADE
from ansible_collections.boomi.platform.plugins.module_utils.bulk import Kind, check_texts
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, BoomiInputError
from ansible_collections.boomi.platform.plugins.module_utils.names import one_process, shown
from ansible_collections.boomi.platform.plugins.module_utils.schedules import (
    FIELDS, ScheduleError, day_names, from_cron, item_from_option, restricts_both_days, same_items, schedule_text,
)

NEW_RECORD_MAX_RETRY = 5  # what Boomi gives the schedule record an attachment creates
MAX_RETRY_RANGE = (1, 5)

SCHEDULE_OPTIONS = {name: dict(type='str') for name in ('cron',) + FIELDS}  # a schedule: a cron text or Boomi's six fields

# the options of one process's schedules (ipack_process_schedule's own, each element of ipack_process_schedules)
OPTIONS = dict(
    instance_id=dict(type='str', required=True),
    process=dict(type='str', required=True),
    environment=dict(type='str'),
    atom_id=dict(type='str'),
    schedules=dict(type='list', elements='dict', options=SCHEDULE_OPTIONS),
    cron=dict(type='str'),
    enabled=dict(type='bool'),
    max_retry=dict(type='int'),
    retry_schedules=dict(type='list', elements='dict', options=SCHEDULE_OPTIONS),
    state=dict(type='str', choices=['present', 'absent'], default='present'),
)
PRESENT_NEEDS = ('schedules', 'cron', 'enabled', 'max_retry', 'retry_schedules')


def options_spec():
    """A copy of :data:`OPTIONS` (an argument spec is not shared between two modules' specs)."""
    return copy.deepcopy(OPTIONS)


def check_options(params, where=''):
    """The planning options (see :func:`plan_schedule`) of one process's ``params``, every problem and every warning found:
    ``(options, problems, warnings)``.

    ``where`` (``processes[2]``) prefixes each option's name in the messages; without it (the single module, whose argument
    spec already refuses the combinations) the messages are those ipack_process_schedule has always given. Checks: the
    combinations of environment/atom_id, schedules/cron and state, ``max_retry`` 1 to 5, every schedule and retry schedule.
    The text options (instance_id, process, environment, atom_id) are the caller's, which knows their values as given.
    A warning names each schedule that restricts both its days of the month and its days of the week (none with ``state=absent``).
    """
    prefix = where + '.' if where else ''
    problems, warnings = combination_problems(params, prefix) if where else [], []
    options = dict(max_retry=params.get('max_retry'), enabled=params.get('enabled'))
    low, high = MAX_RETRY_RANGE
    if options['max_retry'] is not None and not low <= options['max_retry'] <= high:
        problems.append('%smax_retry must be between %d and %d, got %d' % (prefix, low, high, options['max_retry']))
    for key, option in (('wanted', 'cron'), ('wanted', 'schedules'), ('wanted_retry', 'retry_schedules')):
        if params.get(option) is not None and key not in options:  # cron before schedules
            options[key] = schedule_items(prefix, option, params, problems, warnings)
    if params.get('state', 'present') == 'absent':
        problems.extend(absent_problems(params, prefix))
        options.update(wanted=[], wanted_retry=[])
        warnings = []  # absent sets no schedule
    return options, problems, warnings


def combination_problems(params, prefix):
    """The problems of the combinations of one element's options that a single module's argument spec refuses."""
    problems = []
    for first, second in (('environment', 'atom_id'), ('schedules', 'cron')):
        if params.get(first) is not None and params.get(second) is not None:
            problems.append('%s%s and %s%s are mutually exclusive, got %s %r and %s %r'
                            % (prefix, first, prefix, second, first, params[first], second, params[second]))
    if params.get('environment') is None and params.get('atom_id') is None:
        problems.append('%senvironment or %satom_id is required (one of them)' % (prefix, prefix))
    if params.get('state', 'present') == 'present' and all(params.get(name) is None for name in PRESENT_NEEDS):
        problems.append('%sstate=present needs at least one of %s' % (prefix, ', '.join(PRESENT_NEEDS)))
    return problems


def absent_problems(params, prefix):
    """The problems of schedules given with ``state=absent`` (one message for the single module, one per option for an element)."""
    if not prefix:
        return ['schedules must not be given with state=absent: absent clears every schedule'] if params.get('schedules') or params.get('cron') else []
    return ['%s%s must not be given with state=absent (absent clears every schedule), got %r' % (prefix, name, params[name])
            for name in ('schedules', 'cron') if params.get(name)]


BOTH_DAYS = ("restricts both the day of the month and the day of the week: standard cron runs the process on the days that match "
             "either, Boomi's documentation does not say whether Boomi needs both or either; to be sure, restrict only one of them "
             "(the other *)")


def schedule_items(prefix, option, params, problems, warnings):
    """The schedule items of ``params[option]`` (``cron``: one, from the cron text); each bad one's problem appended to ``problems``,
    a warning for each that restricts both its days of the month and its days of the week (:func:`restricts_both_days`) to ``warnings``."""
    found = []
    for index, raw in enumerate([{'cron': params['cron']}] if option == 'cron' else params[option]):
        name = prefix + option if option == 'cron' else '%s%s[%d]' % (prefix, option, index)
        try:
            found.append(from_cron(name, raw['cron']) if option == 'cron' else item_from_option(name, raw))
        except ScheduleError as exc:
            problems.append(str(exc))
            continue
        if not restricts_both_days(found[-1]):
            continue
        if raw.get('cron') is not None:
            what = '%s %s' % (name if option == 'cron' else name + '.cron', shown(raw['cron']))
        else:
            days = day_names(found[-1]['days_of_week'])
            what = '%s (days_of_month %s, days_of_week %s%s)' % (name, shown(found[-1]['days_of_month']), shown(found[-1]['days_of_week']),
                                                                 ' = %s' % days if days else '')
        warnings.append('%s %s' % (what, BOTH_DAYS))
    return found


def schedule_warnings(params, where=''):
    """The warnings of :func:`check_options`: one per schedule and retry schedule of one process's ``params`` that restricts
    both its days of the month and its days of the week, naming the option and its value. An invalid schedule is no warning
    (it is a problem); ``state=absent`` sets no schedule."""
    return check_options(params, where)[2]


def desired(record, wanted, wanted_retry=None, max_retry=None, enabled=None):
    """``record`` with ``wanted`` schedules, retry schedules, max_retry and ``enabled`` as given; what is None is kept."""
    retry = record['retry']
    target = dict(record, schedule=record['schedule'] if wanted is None else wanted, retry={
        'schedule': retry['schedule'] if wanted_retry is None else wanted_retry,
        'max_retry': retry['max_retry'] if max_retry is None else max_retry,
    })
    if enabled is not None:
        target['enabled'] = enabled
    return target


def differs(record, target):
    """Whether the schedules of two records differ (compared as sets), ignoring ``enabled``."""
    return (not same_items(record['schedule'], target['schedule'])
            or not same_items(record['retry']['schedule'], target['retry']['schedule'])
            or record['retry']['max_retry'] != target['retry']['max_retry'])


def view(records):
    """What diff mode shows of schedule records, per Atom: the schedules as cron (days by name), the retry schedules,
    max_retry, and ``enabled`` when it was read."""
    shown = {}
    for r in records:
        shown[r['atom_id']] = {'schedule': [schedule_text(s) for s in r['schedule']],
                               'retry_schedule': [schedule_text(s) for s in r['retry']['schedule']], 'max_retry': r['retry']['max_retry']}
        if r.get('enabled') is not None:
            shown[r['atom_id']]['enabled'] = r['enabled']
    return shown


def new_records(client, environment=None, atom_id=None, option='environment'):
    """The schedule records an attachment creates on the environment's Atoms (or the one Atom): what check mode compares with
    for an instance not installed or not attached yet."""
    if environment:
        env = client.resolve_environments([environment], option=option)[0]
        atoms, env_id = env['atom_ids'], env['id']
    else:
        atoms, env_id = [atom_id], None
    return [{'id': None, 'process_id': None, 'atom_id': atom, 'environment_id': env_id, 'schedule': [],
             'retry': {'schedule': [], 'max_retry': NEW_RECORD_MAX_RETRY}} for atom in atoms]


def plan_schedule(client, instance_id, process_ref, environment=None, atom_id=None, wanted=None, wanted_retry=None, max_retry=None,
                  enabled=None, processes=None, where=''):
    """The process's schedule records and the ones that must change; nothing is written.

    The options are already checked: ``wanted`` and ``wanted_retry`` are lists of schedule items (None keeps the schedules,
    the retry schedules), ``max_retry`` None keeps it, ``enabled`` None leaves the schedule status (paused or not) alone.
    ``instance_id`` None: an instance an earlier task would install (check mode): the records an attachment would create are
    predicted. ``processes``: the instance's processes (``client.list_processes``) when the caller read them already; they
    are changed in place (``enabled``). ``where`` (``processes[2]``) prefixes the option in an environment lookup's message.
    Returns ``{'pending', 'process', 'records', 'targets', 'changes', 'switches'}``:
    ``targets`` the records on the environment's Atoms (or the one Atom), ``changes`` ``(record, target)`` pairs whose
    schedules change, ``switches`` the ``(record, enabled)`` whose status changes.
    Raises :class:`BoomiError` for an unknown environment or instance, :class:`BoomiInputError` for an unknown or
    ambiguous process, or one without a schedule record there.
    """
    option = where + '.environment' if where else 'environment'
    if instance_id is None:
        targets = new_records(client, environment, atom_id, option=option)
        return schedule_plan(True, {'id': None, 'name': process_ref}, targets, targets, (wanted, wanted_retry, max_retry, enabled),
                             [(r, enabled) for r in targets if enabled is False])
    env_id = client.resolve_environments([environment], option=option, with_atoms=False)[0]['id'] if environment else None
    proc = one_process(client.list_processes(instance_id) if processes is None else processes, process_ref)
    targets = [r for r in proc['schedules'] if (r['environment_id'] == env_id if env_id else r['atom_id'] == atom_id)]
    if not targets:
        where = 'environment %r' % environment if environment else 'atom_id %r' % atom_id
        raise BoomiInputError('process %r has no schedule record on %s: attach the instance to that environment first' % (proc['name'], where))
    if enabled is not None:
        client.schedule_status([proc])
    return schedule_plan(False, {'id': proc['id'], 'name': proc['name']}, proc['schedules'], targets, (wanted, wanted_retry, max_retry, enabled),
                         [(r, enabled) for r in targets if enabled is not None and r.get('enabled') != enabled])


def schedule_plan(pending, process, records, targets, wanted, switches):
    """The plan of :func:`plan_schedule`: the ``targets`` whose schedules differ from ``desired(record, *wanted)`` are ``changes``."""
    changes = [(r, desired(r, *wanted)) for r in targets]
    return {'pending': pending, 'process': process, 'records': records, 'targets': targets,
            'changes': [(record, target) for record, target in changes if differs(record, target)], 'switches': switches}


def apply_schedule(client, plan, check_mode=False):
    """Update the records ``plan`` (see :func:`plan_schedule`) says differ; in check mode nothing is sent. Returns the module's result."""
    key = (lambda r: r['atom_id']) if plan['pending'] else (lambda r: r['id'])
    after = {key(r): r for r in plan['records']}
    for record, target in plan['changes']:
        after[key(record)] = target if check_mode or plan['pending'] else client.update_schedule(target)
    for record, enabled in plan['switches']:
        after[key(record)] = dict(after[key(record)], enabled=enabled if check_mode or plan['pending'] else client.set_schedule_status(record, enabled))
    records = sorted(after.values(), key=lambda r: (r['environment_id'] or '', r['atom_id'] or ''))
    return dict(changed=bool(plan['changes'] or plan['switches']), schedules=records, process=plan['process'],
                diff=dict(before={} if plan['pending'] else view(plan['targets']), after=view([after[key(r)] for r in plan['targets']])))


class ProcessReader:
    """The processes of each instance (``client.list_processes``), read once per run whatever the number of elements and
    threads that need them; every caller gets its own copy (planning marks the records ``enabled``)."""

    def __init__(self, client):
        self.client = client
        self._lock = threading.Lock()
        self._entries = {}

    def __call__(self, instance_id):
        with self._lock:
            entry = self._entries.setdefault(instance_id, {'lock': threading.Lock()})
        with entry['lock']:
            if 'value' not in entry and 'error' not in entry:
                try:
                    entry['value'] = self.client.list_processes(instance_id)
                except BoomiError as exc:
                    entry['error'] = exc
        if 'error' in entry:
            raise entry['error']
        return copy.deepcopy(entry['value'])


class SchedulesKind(Kind):
    """The elements of ``ipack_process_schedules`` for the bulk engine: one process on one environment or Atom each."""

    option = 'processes'
    summary = '%d problem(s) in processes, nothing was changed'
    lookups = ('environment lookup', 'process lookup')
    echo = ('instance_id', 'environment', 'atom_id')

    def __init__(self, reader=None):
        self.reader = reader

    def check(self, element, raw, where, check_mode, problems):
        texts = check_texts(('instance_id', 'process', 'environment', 'atom_id'), element, raw, where, check_mode, problems)
        options, found, warnings = check_options(element, where)
        problems.extend(found)
        options.update(process_ref=texts['process'], environment=texts['environment'], atom_id=texts['atom_id'])
        return {'where': where, 'instance_id': texts['instance_id'], 'environment': texts['environment'], 'atom_id': texts['atom_id'],
                'options': options, 'warnings': warnings}

    def key(self, element):
        process = element['options']['process_ref']
        if element['instance_id'] is None or process is None or (element['environment'] is None) == (element['atom_id'] is None):
            return []  # an instance not installed yet cannot be told apart from another; a bad element is reported already
        place = ('environment', element['environment']) if element['environment'] is not None else ('atom_id', element['atom_id'])
        return [((element['instance_id'], process, place),
                 'are for the same schedule records (instance_id %r, process %r, %s %r): give each process and environment or Atom once, '
                 'two writes to one record would fight' % (element['instance_id'], process, place[0], place[1]))]

    def plan(self, client, element):
        processes = self.reader(element['instance_id']) if element['instance_id'] is not None else None
        return plan_schedule(client, element['instance_id'], processes=processes, where=element['where'], **element['options'])

    def claims(self, element, plan):
        return [] if plan['pending'] else [((r['process_id'], r['atom_id']), 'both set the schedules of process %r on Atom %s: give each '
                                            'process and Atom once, two writes to one record would fight' % (plan['process']['name'], r['atom_id']))
                                           for r in plan['targets']]

    def apply(self, client, element, plan, check_mode):
        return apply_schedule(client, plan, check_mode=check_mode)

    def latest(self, entries, plans):
        latest = {}
        for entry, plan in zip(entries, plans):
            targeted = {r['id'] for r in plan['targets'] if r['id'] is not None}
            latest.update({r['id']: r for r in entry['schedules'] if r['id'] in targeted})
        for entry in entries:
            entry['schedules'] = [latest.get(r['id'], r) if r['id'] is not None else r for r in entry['schedules']]

    def label(self, element, plan):
        """``<process name> @ <environment>`` (or ``@ atom_id <id>``)."""
        return '%s @ %s' % (plan['process']['name'], element['environment'] if element['environment'] is not None else 'atom_id %s' % element['atom_id'])

    def report(self, element, plan, record):
        enabled = None
        if record['operation'] == 'schedule status':
            enabled = next((on for r, on in plan['switches'] if (r['process_id'], r['atom_id']) == (record['process_id'], record['atom_id'])), None)
        return {'process_id': record['process_id'], 'atom_id': record['atom_id'], 'enabled': enabled}

    def partial(self, plan, records):
        made = {(w['operation'], w['process_id'], w['atom_id']) for w in records if w['outcome'] in MADE}
        done = dict(plan, changes=[(r, t) for r, t in plan['changes'] if ('schedule', r['process_id'], r['atom_id']) in made],
                    switches=[(r, on) for r, on in plan['switches'] if ('schedule status', r['process_id'], r['atom_id']) in made])
        return apply_schedule(None, done, check_mode=True)

    def words(self, reports, made):
        """"paused on Atom A" when ``made``, else "pause on Atom A"; "schedules on Atom A"."""
        verbs = {False: ('paused', 'pause'), True: ('resumed', 'resume')}
        return '; '.join('schedules on Atom %s' % r['atom_id'] if r['write'] == 'schedule' else
                         '%s on Atom %s' % (verbs[r['enabled'] is not False][0 if made else 1], r['atom_id']) for r in reports)

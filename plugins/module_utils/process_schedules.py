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

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiInputError
from ansible_collections.boomi.platform.plugins.module_utils.names import find_process, shown
from ansible_collections.boomi.platform.plugins.module_utils.schedules import (
    ScheduleError, day_names, from_cron, item_from_option, restricts_both_days, same_items, schedule_text,
)

NEW_RECORD_MAX_RETRY = 5  # what Boomi gives the schedule record an attachment creates
MAX_RETRY_RANGE = (1, 5)

SCHEDULE_OPTIONS = dict(
    cron=dict(type='str'),
    minutes=dict(type='str'),
    hours=dict(type='str'),
    days_of_week=dict(type='str'),
    days_of_month=dict(type='str'),
    months=dict(type='str'),
    years=dict(type='str'),
)

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
    """The planning options (see :func:`plan_schedule`) of one process's ``params``, and every problem found: ``(options, problems)``.

    ``where`` (``processes[2]``) prefixes each option's name in the messages; without it (the single module, whose argument
    spec already refuses the combinations) the messages are those ipack_process_schedule has always given. Checks: the
    combinations of environment/atom_id, schedules/cron and state, ``max_retry`` 1 to 5, every schedule and retry schedule.
    The text options (instance_id, process, environment, atom_id) are the caller's, which knows their values as given.
    """
    prefix = where + '.' if where else ''
    problems = []
    if where:
        for first, second in (('environment', 'atom_id'), ('schedules', 'cron')):
            if params.get(first) is not None and params.get(second) is not None:
                problems.append('%s%s and %s%s are mutually exclusive, got %s %r and %s %r'
                                % (prefix, first, prefix, second, first, params[first], second, params[second]))
        if params.get('environment') is None and params.get('atom_id') is None:
            problems.append('%senvironment or %satom_id is required (one of them)' % (prefix, prefix))
        if params.get('state', 'present') == 'present' and all(params.get(name) is None for name in PRESENT_NEEDS):
            problems.append('%sstate=present needs at least one of %s' % (prefix, ', '.join(PRESENT_NEEDS)))
    options = dict(max_retry=params.get('max_retry'), enabled=params.get('enabled'))
    low, high = MAX_RETRY_RANGE
    if options['max_retry'] is not None and not low <= options['max_retry'] <= high:
        problems.append('%smax_retry must be between %d and %d, got %d' % (prefix, low, high, options['max_retry']))

    def items(option, raws):
        found = []
        for index, raw in enumerate(raws):
            try:
                found.append(item_from_option('%s%s[%d]' % (prefix, option, index), raw))
            except ScheduleError as exc:
                problems.append(str(exc))
        return found

    if params.get('cron') is not None:
        try:
            options['wanted'] = [from_cron(prefix + 'cron', params['cron'])]
        except ScheduleError as exc:
            problems.append(str(exc))
    elif params.get('schedules') is not None:
        options['wanted'] = items('schedules', params['schedules'])
    if params.get('retry_schedules') is not None:
        options['wanted_retry'] = items('retry_schedules', params['retry_schedules'])
    if params.get('state', 'present') == 'absent':
        if not where and (params.get('schedules') or params.get('cron')):
            problems.append('schedules must not be given with state=absent: absent clears every schedule')
        for name in ('schedules', 'cron') if where else ():
            if params.get(name):
                problems.append('%s%s must not be given with state=absent (absent clears every schedule), got %r' % (prefix, name, params[name]))
        options.update(wanted=[], wanted_retry=[])
    return options, problems


BOTH_DAYS = ("restricts both the day of the month and the day of the week: standard cron runs the process on the days that match "
             "either, Boomi's documentation does not say whether Boomi needs both or either; to be sure, restrict only one of them "
             "(the other *)")


def schedule_warnings(params, where=''):
    """A warning per schedule and retry schedule of one process's ``params`` that restricts both its days of the month and its
    days of the week (:func:`restricts_both_days`), naming the option and its value; ``where`` as in :func:`check_options`.

    An invalid schedule is no warning (:func:`check_options` reports it); ``state=absent`` sets no schedule.
    """
    if params.get('state', 'present') == 'absent':
        return []
    prefix = where + '.' if where else ''
    given = [] if params.get('cron') is None else [(prefix + 'cron', {'cron': params['cron']})]
    for key in ('schedules', 'retry_schedules'):
        raws = params.get(key)
        given.extend(('%s%s[%d]' % (prefix, key, index), raw) for index, raw in enumerate(raws if isinstance(raws, list) else []))
    found = []
    for option, raw in given:
        try:
            item = item_from_option(option, raw)
        except (ScheduleError, AttributeError, TypeError):
            continue
        if not restricts_both_days(item):
            continue
        if raw.get('cron') is not None:
            what = '%s %s' % (option if option.endswith('cron') else option + '.cron', shown(raw['cron']))
        else:
            days = day_names(item['days_of_week'])
            what = '%s (days_of_month %s, days_of_week %s%s)' % (option, shown(item['days_of_month']), shown(item['days_of_week']),
                                                                 ' = %s' % days if days else '')
        found.append('%s %s' % (what, BOTH_DAYS))
    return found


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
        changes = [(r, desired(r, wanted, wanted_retry, max_retry, enabled)) for r in targets]
        return {'pending': True, 'process': {'id': None, 'name': process_ref}, 'records': targets, 'targets': targets,
                'changes': [(r, t) for r, t in changes if differs(r, t)], 'switches': [(r, enabled) for r in targets if enabled is False]}
    env_id = client.resolve_environments([environment], option=option, with_atoms=False)[0]['id'] if environment else None
    if processes is None:
        processes = client.list_processes(instance_id)
    proc = find_process(processes, process_ref)
    if proc is None:
        raise BoomiInputError('process %r: the instance has no such process (its processes: %s)'
                              % (process_ref, ', '.join(sorted(p['name'] for p in processes))))
    if isinstance(proc, list):
        raise BoomiInputError('process %r is ambiguous: %s; use the process id' % (process_ref, ', '.join('%s (%s)' % (p['name'], p['id']) for p in proc)))
    targets = [r for r in proc['schedules'] if (r['environment_id'] == env_id if env_id else r['atom_id'] == atom_id)]
    if not targets:
        where = 'environment %r' % environment if environment else 'atom_id %r' % atom_id
        raise BoomiInputError('process %r has no schedule record on %s: attach the instance to that environment first' % (proc['name'], where))
    if enabled is not None:
        client.schedule_status([proc])
    changes = [(r, desired(r, wanted, wanted_retry, max_retry, enabled)) for r in targets]
    return {'pending': False, 'process': {'id': proc['id'], 'name': proc['name']}, 'records': proc['schedules'], 'targets': targets,
            'changes': [(record, target) for record, target in changes if differs(record, target)],
            'switches': [(r, enabled) for r in targets if enabled is not None and r.get('enabled') != enabled]}


def apply_schedule(client, plan, check_mode=False):
    """Update the records ``plan`` (see :func:`plan_schedule`) says differ; in check mode nothing is sent. Returns the module's result."""
    after = {r['atom_id'] if plan['pending'] else r['id']: r for r in plan['records']}
    key = (lambda r: r['atom_id']) if plan['pending'] else (lambda r: r['id'])
    for record, target in plan['changes']:
        after[key(record)] = target if check_mode or plan['pending'] else client.update_schedule(target)
    for record, enabled in plan['switches']:
        updated = after[key(record)]
        after[key(record)] = dict(updated, enabled=enabled if check_mode or plan['pending'] else client.set_schedule_status(record, enabled))
    records = sorted(after.values(), key=lambda r: (r['environment_id'] or '', r['atom_id'] or ''))
    return dict(changed=bool(plan['changes'] or plan['switches']), schedules=records, process=plan['process'],
                diff=dict(before={} if plan['pending'] else view(plan['targets']), after=view([after[key(r)] for r in plan['targets']])))

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: ipack_process_schedule
short_description: Set the run schedules of a process of a Boomi Integration Pack instance
version_added: 0.1.0
description:
  - Sets exactly the given run schedules (O(state=present)), or clears them (O(state=absent)), for one process of an installed
    Integration Pack instance, on the Atoms of one environment or on one Atom.
  - The instance must be attached to the environment first (see M(boomi.platform.ipack_env_attachment)); attaching creates the schedule
    records this module updates.
  - Schedules are compared as a set (order does not matter), so a run that changes nothing sends nothing.
author:
  - Boomi Platform Maintainers (@boomi-platform)
extends_documentation_fragment:
  - boomi.platform.connection
  - boomi.platform.attributes
attributes:
  check_mode:
    support: full
    details:
      - With O(instance_id) null or empty (the instance would be installed by an earlier task in check mode) the change is predicted
        without any request that needs the instance ID.
  diff_mode:
    support: full
options:
  instance_id:
    description:
      - ID of the instance.
      - May be V(null) or empty only in check mode, when an earlier task would install the instance.
    type: str
    required: true
  process:
    description:
      - The process, by ID or by exact name.
      - For a multi-install pack, whose process names are C(<override name> - <process name>), the pack's own process name is accepted
        too (for example V(INT) for C(Order Intake EU - INT)).
    type: str
    required: true
  environment:
    description:
      - The environment (ID or exact name) whose Atoms get the schedules; an environment with several Atoms gets them on each.
      - Mutually exclusive with O(atom_id); one of them is required.
    type: str
  atom_id:
    description:
      - ID of the one Atom (runtime) that gets the schedules.
    type: str
  schedules:
    description:
      - The run schedules. Each is either a O(schedules[].cron) expression or O(schedules[].minutes) and O(schedules[].hours)
        with the other fields defaulting to C(*).
      - Each field is C(*), a number, a range C(a-b), a step C(x/n) or a comma list of those.
      - Required with O(state=present); an empty list removes every schedule.
    type: list
    elements: dict
    suboptions:
      cron:
        description:
          - A five-field cron expression C(minute hour day-of-month month day-of-week), converted to Boomi's fields.
          - Cron counts days of the week from 0 (or 7) = Sunday; Boomi counts from 1 = Sunday to 7 = Saturday. Names like C(MON-FRI) work.
        type: str
      minutes:
        description: Minutes, 0 to 59, for example V(0-59/15).
        type: str
      hours:
        description: Hours of a 24-hour clock, 0 to 23, for example V(8-18).
        type: str
      days_of_week:
        description: Days of the week, B(1 = Sunday) to 7 = Saturday, for example V(2,3,4,5,6) for Monday to Friday.
        type: str
      days_of_month:
        description: Days of the month, 1 to 31.
        type: str
      months:
        description: Months, 1 = January to 12 = December.
        type: str
      years:
        description: Years, for example V(2027). Usually V(*).
        type: str
  max_retry:
    description:
      - How many times Boomi retries a failed run, 1 to 5.
      - When not given, the current value is kept.
    type: int
  retry_schedules:
    description:
      - The schedules of the retries, same format as O(schedules).
      - When not given, the current retry schedules are kept (with O(state=absent) they are cleared).
    type: list
    elements: dict
    suboptions:
      cron:
        description: A five-field cron expression, as in O(schedules[].cron).
        type: str
      minutes:
        description: Minutes, 0 to 59.
        type: str
      hours:
        description: Hours, 0 to 23.
        type: str
      days_of_week:
        description: Days of the week, 1 = Sunday to 7 = Saturday.
        type: str
      days_of_month:
        description: Days of the month, 1 to 31.
        type: str
      months:
        description: Months, 1 to 12.
        type: str
      years:
        description: Years.
        type: str
  state:
    description:
      - V(present) sets exactly O(schedules); V(absent) clears every schedule (and retry schedule) of the process on those Atoms.
    type: str
    choices: [present, absent]
    default: present
seealso:
  - module: boomi.platform.ipack_process_schedule_info
  - module: boomi.platform.ipack_env_attachment
"""

EXAMPLES = r"""
- name: Run INT every 15 minutes from 8:00 to 18:59, Monday to Friday, in Production
  boomi.platform.ipack_process_schedule:
    instance_id: "{{ eu.instance.id }}"
    process: INT
    environment: Production
    schedules:
      - minutes: 0-59/15
        hours: 8-18
        days_of_week: 2,3,4,5,6
    max_retry: 3

- name: The same with cron syntax
  boomi.platform.ipack_process_schedule:
    instance_id: "{{ eu.instance.id }}"
    process: INT
    environment: Production
    schedules:
      - cron: "*/15 8-18 * * 1-5"

- name: Stop scheduling Acknowledge on the Test environment
  boomi.platform.ipack_process_schedule:
    instance_id: "{{ eu.instance.id }}"
    process: Acknowledge
    environment: Test
    state: absent
"""

RETURN = r"""
schedules:
  description:
    - The process's schedule records after the run (in check mode, as they would be), normalised as in
      M(boomi.platform.ipack_process_schedule_info).
  returned: always
  type: list
  elements: dict
  sample:
    - id: Q1BTNGJjYjgzMTItMmY0NS00ZjI5LWFiMmQtZmEyMDU5OGMwYTc2OjBmM2U5YzFh
      process_id: 0f3e9c1a-6b2d-4e8f-9a7c-5d1b3e2f4a60
      atom_id: 4bcb8312-2f45-4f29-ab2d-fa20598c0a76
      environment_id: 4c9d031e-408b-4903-a44e-5a4219e62b25
      schedule:
        - minutes: 0-59/15
          hours: 8-18
          days_of_week: 2,3,4,5,6
          days_of_month: '*'
          months: '*'
          years: '*'
      retry:
        schedule: []
        max_retry: 3
process:
  description: The process, C(id) and C(name) (C(id=null) in check mode for an instance not installed yet).
  returned: always
  type: dict
  sample:
    id: 0f3e9c1a-6b2d-4e8f-9a7c-5d1b3e2f4a60
    name: Order Intake EU - INT
"""

from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiInputError
from ansible_collections.boomi.platform.plugins.module_utils.schedules import FIELDS, ScheduleError, item_from_option, same_items

SCHEDULE_OPTIONS = dict(
    cron=dict(type='str'),
    minutes=dict(type='str'),
    hours=dict(type='str'),
    days_of_week=dict(type='str'),
    days_of_month=dict(type='str'),
    months=dict(type='str'),
    years=dict(type='str'),
)


def find_process(processes, ref):
    """The process by id, exact name, or (multi-install packs) the name after ``<override name> - ``; else None or a list."""
    for proc in processes:
        if proc['id'] == ref:
            return proc
    exact = [p for p in processes if p['name'] == ref]
    if exact:
        return exact if len(exact) > 1 else exact[0]
    suffix = [p for p in processes if (p['name'] or '').endswith(' - ' + ref)]
    if len(suffix) == 1:
        return suffix[0]
    return suffix or None


def desired(record, wanted, wanted_retry=None, max_retry=None):
    """``record`` with ``wanted`` schedules; the retry schedules and max_retry as given, or kept when None."""
    retry = record['retry']
    return dict(record, schedule=wanted, retry={
        'schedule': retry['schedule'] if wanted_retry is None else wanted_retry,
        'max_retry': retry['max_retry'] if max_retry is None else max_retry,
    })


def differs(record, target):
    """Whether two schedule records differ (schedules compared as sets)."""
    return (not same_items(record['schedule'], target['schedule'])
            or not same_items(record['retry']['schedule'], target['retry']['schedule'])
            or record['retry']['max_retry'] != target['retry']['max_retry'])


def view(records):
    """What diff mode shows of schedule records: per Atom, the schedules in one line each and max_retry."""
    return {r['atom_id']: {'schedule': [' '.join(str(s[f]) for f in FIELDS) for s in r['schedule']], 'max_retry': r['retry']['max_retry']}
            for r in records}


def plan_schedule(client, instance_id, process_ref, environment=None, atom_id=None, wanted=(), wanted_retry=None, max_retry=None):
    """The process's schedule records and the ones that must change; nothing is written.

    The options are already checked: ``wanted`` and ``wanted_retry`` are lists of schedule items (``wanted_retry`` None keeps
    the retry schedules, ``max_retry`` None keeps it). ``instance_id`` None: an instance an earlier task would install (check
    mode): only the environment is looked up. Returns ``{'pending', 'process', 'records', 'targets', 'changes', 'wanted'}``:
    ``targets`` the records on the environment's Atoms (or the one Atom), ``changes`` ``(record, target)`` pairs.
    Raises :class:`BoomiError` for an unknown environment or instance, :class:`BoomiInputError` for an unknown or
    ambiguous process, or one without a schedule record there.
    """
    wanted = list(wanted)
    env_id = client.resolve_environments([environment], option='environment', with_atoms=False)[0]['id'] if environment else None
    if instance_id is None:
        return {'pending': True, 'process': {'id': None, 'name': process_ref}, 'records': [], 'targets': [], 'changes': [], 'wanted': wanted}
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
    changes = [(r, desired(r, wanted, wanted_retry, max_retry)) for r in targets]
    return {'pending': False, 'process': {'id': proc['id'], 'name': proc['name']}, 'records': proc['schedules'], 'targets': targets,
            'changes': [(record, target) for record, target in changes if differs(record, target)], 'wanted': wanted}


def apply_schedule(client, plan, check_mode=False):
    """Update the records ``plan`` (see :func:`plan_schedule`) says differ; in check mode nothing is sent. Returns the module's result."""
    if plan['pending']:
        name = plan['process']['name']
        return dict(changed=True, schedules=[], process=plan['process'],
                    diff=dict(before={}, after={'process': name, 'schedules': [' '.join(s[f] for f in FIELDS) for s in plan['wanted']]}))
    after = {r['id']: r for r in plan['records']}
    for record, target in plan['changes']:
        after[record['id']] = target if check_mode else client.update_schedule(target)
    records = sorted(after.values(), key=lambda r: (r['environment_id'] or '', r['atom_id'] or ''))
    return dict(changed=bool(plan['changes']), schedules=records, process=plan['process'],
                diff=dict(before=view(plan['targets']), after=view([after[r['id']] for r in plan['targets']])))


def main():
    module = BoomiModule(
        argument_spec=dict(
            instance_id=dict(type='str', required=True),
            process=dict(type='str', required=True),
            environment=dict(type='str'),
            atom_id=dict(type='str'),
            schedules=dict(type='list', elements='dict', options=SCHEDULE_OPTIONS),
            max_retry=dict(type='int'),
            retry_schedules=dict(type='list', elements='dict', options=SCHEDULE_OPTIONS),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
        ),
        mutually_exclusive=[('environment', 'atom_id')],
        required_one_of=[('environment', 'atom_id')],
        required_if=[('state', 'present', ('schedules',))],
        supports_check_mode=True,
    )
    params = module.params
    instance_id = module.pending_instance_id()
    options = dict(process_ref=module.text_option('process'), environment=module.text_option('environment'),
                   atom_id=module.text_option('atom_id'), max_retry=params['max_retry'])
    if options['max_retry'] is not None and not 1 <= options['max_retry'] <= 5:
        module.fail_json(msg='max_retry must be between 1 and 5, got %d' % options['max_retry'])
    try:
        options['wanted'] = [item_from_option('schedules[%d]' % i, raw) for i, raw in enumerate(params['schedules'] or [])]
        if params['retry_schedules'] is not None:
            options['wanted_retry'] = [item_from_option('retry_schedules[%d]' % i, raw) for i, raw in enumerate(params['retry_schedules'])]
    except ScheduleError as exc:
        module.fail_json(msg=str(exc))
    if params['state'] == 'absent':
        if params['schedules']:
            module.fail_json(msg='schedules must not be given with state=absent: absent clears every schedule')
        options.update(wanted=[], wanted_retry=[])
    module.run(lambda: apply_schedule(module.client, plan_schedule(module.client, instance_id, **options), check_mode=module.check_mode))


if __name__ == '__main__':
    main()

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
  - O(enabled) pauses (V(false)) or resumes (V(true)) the schedules without changing them (Boomi's C(ProcessScheduleStatus),
    a switch of its own); with O(api=graphql) it is read and set through the REST API with the same credentials.
  - Diff mode shows schedules as cron with the days of the week by name (C(cron 0 6 * * MON-FRI)), never in Boomi's field order.
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
        against the schedule records an attachment creates (no schedule, C(max_retry) 5, enabled), without any request that needs the
        instance ID; the diff is the one the real run shows.
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
      - An empty list removes every schedule. When neither O(schedules) nor O(cron) is given, the schedules are left as they are
        (to change only O(enabled), O(max_retry) or O(retry_schedules)).
      - Mutually exclusive with O(cron).
    type: list
    elements: dict
    suboptions:
      cron:
        description:
          - A five-field cron expression C(minute hour day-of-month month day-of-week), converted to Boomi's fields.
          - Cron counts days of the week from 0 (or 7) = Sunday; Boomi counts from 1 = Sunday to 7 = Saturday. Names like C(MON-FRI) work.
          - Restrict the day of the month or the day of the week, not both. Standard cron runs C(0 6 1 * MON) on the 1st and on every
            Monday (either day matches); Boomi's documentation does not say whether Boomi needs both or either. The module warns about
            such a schedule (also given as O(schedules[].days_of_month) and O(schedules[].days_of_week)) and sets it as given.
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
  cron:
    description:
      - One schedule as a five-field cron expression, the same as one entry of O(schedules) with O(schedules[].cron).
      - A cron that restricts both the day of the month and the day of the week (C(0 6 1 * MON)) is warned about, see
        O(schedules[].cron).
      - Mutually exclusive with O(schedules).
    type: str
  enabled:
    description:
      - V(false) pauses the schedules of the process on those Atoms, V(true) resumes them; not given, the switch is left alone.
      - Compared and changed like the schedules (check mode, diff mode).
    type: bool
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
      - V(present) sets exactly O(schedules) (or O(cron)); V(absent) clears every schedule (and retry schedule) of the process on those
        Atoms.
      - With V(present), at least one of O(schedules), O(cron), O(enabled), O(max_retry) and O(retry_schedules) is required.
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

- name: Pause INT in Production for a maintenance window (the schedule stays as it is)
  boomi.platform.ipack_process_schedule:
    instance_id: "{{ eu.instance.id }}"
    process: INT
    environment: Production
    enabled: false

- name: Set the schedule and resume it
  boomi.platform.ipack_process_schedule:
    instance_id: "{{ eu.instance.id }}"
    process: INT
    environment: Production
    cron: "*/15 8-18 * * MON-FRI"
    enabled: true

- name: Stop scheduling Acknowledge on the Test environment
  boomi.platform.ipack_process_schedule:
    instance_id: "{{ eu.instance.id }}"
    process: Acknowledge
    environment: Test
    state: absent
"""

RETURN = r"""
api:
  description:
    - The Boomi API the module talked to (or, when it failed before its first request, would have talked to), C(graphql) or
      C(rest); see O(api).
    - With C(graphql), the calls that the GraphQL API cannot answer go to the REST API with the same credentials (docs/graphql-vs-rest.md).
  returned: always
  type: str
  sample: rest
api_reason:
  description:
    - Why the module used that API. When neither O(api) nor O(space_guid) is given, it says that the REST API was used because
      no O(space_guid) was given.
  returned: always
  type: str
  sample: "api is not set and no space_guid is given: the Platform REST API (give space_guid, or BOOMI_SPACE_GUID, for the Spaces GraphQL API)"
schedules:
  description:
    - The process's schedule records after the run (in check mode, as they would be), normalised as in
      M(boomi.platform.ipack_process_schedule_info).
    - With O(enabled), each record of those Atoms also has C(enabled) (true when its schedules run, false when paused).
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
writes:
  description:
    - Only when the task fails after a write that was made or may have been; C(changed) is then true.
    - Every such write, in the order sent, with its outcome; a refused write is not listed. When a write's outcome is V(unknown), the
      failure's message names it too.
  returned: when the task fails after a write
  type: list
  elements: dict
  contains:
    write:
      description: V(schedule) (a schedule record's schedules, retry schedules and max_retry) or V(schedule status) (a pause or resume).
      type: str
    outcome:
      description:
        - V(done) (Boomi answered, or a read after a lost answer showed it made).
        - V(unknown) (sent, but its answer was lost and no read or second send could tell whether it was made; check the account,
          or re-run the task, which reads the account first).
        - V(done by another run) (refused because another run made the same change after this task read the account).
      type: str
    process_id:
      description: The process of the schedule record.
      type: str
    atom_id:
      description: The Atom of the schedule record.
      type: str
  sample:
    - write: schedule
      outcome: unknown
      process_id: 0f3e9c1a-6b2d-4e8f-9a7c-5d1b3e2f4a60
      atom_id: 4bcb8312-2f45-4f29-ab2d-fa20598c0a76
"""

from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule
from ansible_collections.boomi.platform.plugins.module_utils.process_schedules import (
    PRESENT_NEEDS, apply_schedule, check_options, options_spec, plan_schedule,
)


def main():
    module = BoomiModule(
        argument_spec=options_spec(),
        mutually_exclusive=[('environment', 'atom_id'), ('schedules', 'cron')],
        required_one_of=[('environment', 'atom_id')],
        required_if=[('state', 'present', PRESENT_NEEDS, True)],
    )
    instance_id = module.pending_instance_id()
    options, problems, warnings = check_options(module.params)
    options.update(zip(('process_ref', 'environment', 'atom_id'), module.text_options('process', 'environment', 'atom_id')))
    if problems:
        module.fail_json(msg=problems[0])
    for warning in warnings:
        module.warn(warning)
    module.run(lambda: apply_schedule(module.client, plan_schedule(module.client, instance_id, **options), check_mode=module.check_mode))


if __name__ == '__main__':
    main()

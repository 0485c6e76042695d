# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: ipack_process_schedules
short_description: Set the run schedules of many processes of Boomi Integration Pack instances in one task
version_added: 0.1.0
description:
  - Sets the run schedules of every element of O(processes), each exactly as one M(boomi.platform.ipack_process_schedule) task
    with the same options would (the schedules, retry schedules, O(processes[].max_retry) and O(processes[].enabled) of one
    process on the Atoms of one environment or on one Atom), in one task.
  - Every element is checked before the first request; bad input fails the task with one message naming each problem as
    C(processes[N].option) with its value, and nothing is read or written. Two elements for the same instance, process and
    environment (or Atom) are refused, as are two that would write the same schedule record (an environment and one of its
    Atoms).
  - Then every element is planned (reads only; the processes of an instance are read once however many elements name it),
    an unknown process or environment anywhere fails the task before the first write, naming every such element.
    Then the writes of up to O(concurrency) elements are sent at the same time.
  - Schedules are compared as a set (order does not matter), so a run that changes nothing sends no write.
  - Diff mode shows, per element, the schedules as cron with the days of the week by name (C(cron 0 6 * * MON-FRI)).
author:
  - Boomi Platform Maintainers (@boomi-platform)
extends_documentation_fragment:
  - boomi.platform.connection
  - boomi.platform.attributes
  - boomi.platform.bulk
attributes:
  check_mode:
    support: full
    details:
      - Nothing is written; RV(processes) and the diff are what the real run would make and show.
      - An element with O(processes[].instance_id) null or empty (an instance an earlier task would install in check mode) is
        predicted against the schedule records an attachment creates (no schedule, C(max_retry) 5, enabled), as
        M(boomi.platform.ipack_process_schedule) predicts it.
  diff_mode:
    support: full
options:
  processes:
    description:
      - The schedules to set, one element per process and environment (or Atom), in the order their results are returned.
      - Each element takes the options of M(boomi.platform.ipack_process_schedule).
    type: list
    elements: dict
    required: true
    suboptions:
      instance_id:
        description:
          - ID of the instance.
          - May be V(null) or empty only in check mode, when an earlier task would install the instance.
        type: str
        required: true
      process:
        description:
          - The process, by ID or by exact name.
          - For a multi-install pack, whose process names are C(<override name> - <process name>), the pack's own process name is
            accepted too (for example V(INT) for C(Order Intake EU - INT)).
        type: str
        required: true
      environment:
        description:
          - The environment (ID or exact name) whose Atoms get the schedules; an environment with several Atoms gets them on each.
          - Mutually exclusive with O(processes[].atom_id); one of them is required.
        type: str
      atom_id:
        description:
          - ID of the one Atom (runtime) that gets the schedules.
        type: str
      schedules:
        description:
          - The run schedules, as in M(boomi.platform.ipack_process_schedule). Each is either a O(processes[].schedules[].cron)
            expression or O(processes[].schedules[].minutes) and O(processes[].schedules[].hours) with the other fields
            defaulting to C(*).
          - An empty list removes every schedule. When neither O(processes[].schedules) nor O(processes[].cron) is given,
            the schedules are left as they are.
          - Mutually exclusive with O(processes[].cron).
        type: list
        elements: dict
        suboptions:
          cron:
            description:
              - A five-field cron expression C(minute hour day-of-month month day-of-week), converted to Boomi's fields.
              - Cron counts days of the week from 0 (or 7) = Sunday; Boomi counts from 1 = Sunday. Names like C(MON-FRI) work.
              - Restrict the day of the month or the day of the week, not both. Standard cron runs C(0 6 1 * MON) on the 1st and on
                every Monday (either day matches); Boomi's documentation does not say whether Boomi needs both or either. The module
                warns about such a schedule (also given as O(processes[].schedules[].days_of_month) and
                O(processes[].schedules[].days_of_week)) and sets it as given.
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
          - One schedule as a five-field cron expression, the same as one entry of O(processes[].schedules) with
            O(processes[].schedules[].cron).
          - A cron that restricts both the day of the month and the day of the week (C(0 6 1 * MON)) is warned about, see
            O(processes[].schedules[].cron).
          - Mutually exclusive with O(processes[].schedules).
        type: str
      enabled:
        description:
          - V(false) pauses the schedules of the process on those Atoms, V(true) resumes them; not given, the switch is left alone.
          - With C(api=graphql) it is read and set through the REST API with the same credentials.
        type: bool
      max_retry:
        description:
          - How many times Boomi retries a failed run, 1 to 5. When not given, the current value is kept.
        type: int
      retry_schedules:
        description:
          - The schedules of the retries, same format as O(processes[].schedules).
          - When not given, the current retry schedules are kept (with O(processes[].state=absent) they are cleared).
        type: list
        elements: dict
        suboptions:
          cron:
            description: A five-field cron expression, as in O(processes[].schedules[].cron).
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
          - V(present) sets exactly O(processes[].schedules) (or O(processes[].cron)); V(absent) clears every schedule (and
            retry schedule) of the process on those Atoms, and refuses O(processes[].schedules) and O(processes[].cron).
          - With V(present), at least one of O(processes[].schedules), O(processes[].cron), O(processes[].enabled),
            O(processes[].max_retry) and O(processes[].retry_schedules) is required.
        type: str
        choices: [present, absent]
        default: present
notes:
  - The writes of one element are the schedule records, then the pauses and resumes; RV(processes) is the module's list result.
seealso:
  - module: boomi.platform.ipack_process_schedule
  - module: boomi.platform.ipack_process_schedule_info
  - module: boomi.platform.ipack_env_attachment
"""

EXAMPLES = r"""
- name: Schedule INT and Acknowledge of two instances, in one task
  boomi.platform.ipack_process_schedules:
    processes:
      - instance_id: "{{ eu.instance.id }}"
        process: INT
        environment: Production
        cron: "*/15 8-18 * * MON-FRI"
        max_retry: 3
      - instance_id: "{{ eu.instance.id }}"
        process: Acknowledge
        environment: Production
        schedules:
          - minutes: "0"
            hours: "6"
          - cron: "30 12 * * SAT"
      - instance_id: "{{ us.instance.id }}"
        process: INT
        environment: Test
        enabled: false
    concurrency: 4
  register: scheduled

- name: Show which elements changed
  ansible.builtin.debug:
    msg: "{{ scheduled.processes | selectattr('changed') | map(attribute='process.name') | list }}"

- name: Stop scheduling Acknowledge on one Atom
  boomi.platform.ipack_process_schedules:
    processes:
      - instance_id: "{{ eu.instance.id }}"
        process: Acknowledge
        atom_id: 2f5c1e8e-5089-4497-aaed-689510c43fce
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
processes:
  description:
    - One entry per element of O(processes), in the same order, each what M(boomi.platform.ipack_process_schedule) returns
      for it (RV(processes[].changed), RV(processes[].schedules), RV(processes[].process)) and the element's
      RV(processes[].instance_id), RV(processes[].environment) and RV(processes[].atom_id).
    - When a write fails, the elements done so far and then the failing one as far as it got (see RV(writes)).
  returned: always
  type: list
  elements: dict
  contains:
    changed:
      description: Whether the run changed (or would change) the schedules or the status of this element's records.
      type: bool
    schedules:
      description:
        - The process's schedule records after the run (in check mode, as they would be), normalised as in
          M(boomi.platform.ipack_process_schedule_info); the records another element of the task changes are shown as
          that element leaves them.
        - With O(processes[].enabled), each record of the element's Atoms also has C(enabled).
      type: list
      elements: dict
    process:
      description: The process, C(id) and C(name) (C(id=null) in check mode for an instance not installed yet).
      type: dict
    instance_id:
      description: The element's O(processes[].instance_id) (V(null) for an instance not installed yet, in check mode).
      type: str
    environment:
      description: The element's O(processes[].environment), as given (V(null) when it names an Atom).
      type: str
    atom_id:
      description: The element's O(processes[].atom_id) (V(null) when it names an environment).
      type: str
  sample:
    - changed: true
      instance_id: SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UxMDAw
      environment: Production
      atom_id: null
      process:
        id: 0f3e9c1a-6b2d-4e8f-9a7c-5d1b3e2f4a60
        name: Order Intake EU - INT
      schedules:
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
problems:
  description:
    - Only when the input is wrong (nothing was read or written, or nothing written); every problem found, up to the first 500
      (RV(problem_count) counts them all; the failure's message lists the first 50 and how many more there are).
  returned: when elements are wrong
  type: list
  elements: str
  sample:
    - "processes[2].max_retry must be between 1 and 5, got 6"
problem_count:
  description: Only when the input is wrong; how many problems were found (RV(problems) and the message list the first ones).
  returned: when elements are wrong
  type: int
  sample: 2000
writes:
  description:
    - Only when the task fails while sending writes (a write was refused or its answer lost).
    - Every write sent, in order, with its outcome; a refused write is not listed, and the list is empty when nothing was sent.
  returned: when a write fails
  type: list
  elements: dict
  contains:
    item:
      description: The element the write was for, C(processes[N]).
      type: str
    name:
      description: The process's name, C(@) and the element's environment (or C(atom_id) and the Atom's ID).
      type: str
    write:
      description: V(schedule) (a schedule record's schedules, retry schedules and max_retry) or V(schedule status) (a pause or resume).
      type: str
    outcome:
      description:
        - V(done) (Boomi answered, or its answer was lost and it was sent once more).
        - V(unknown) (sent, but no answer came back; check the account, or re-run the task, which reads the account first).
      type: str
    process_id:
      description: The process of the schedule record.
      type: str
    atom_id:
      description: The Atom of the schedule record.
      type: str
    enabled:
      description: For a V(schedule status) write, the status sent (V(false) pauses, V(true) resumes); V(null) for a V(schedule) write.
      type: bool
  sample:
    - item: processes[0]
      name: Order Intake EU - INT @ Production
      write: schedule
      outcome: done
      process_id: 0f3e9c1a-6b2d-4e8f-9a7c-5d1b3e2f4a60
      atom_id: 4bcb8312-2f45-4f29-ab2d-fa20598c0a76
      enabled: null
"""

from ansible_collections.boomi.platform.plugins.module_utils import bulk
from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule
from ansible_collections.boomi.platform.plugins.module_utils.process_schedules import ProcessReader, SchedulesKind, options_spec


def converge(client, elements, check_mode=False, concurrency=bulk.DEFAULT_CONCURRENCY):
    """Plan and apply: the module's result. ``client`` may be None when there are no elements."""
    return bulk.converge(SchedulesKind(ProcessReader(client)), client, elements, check_mode=check_mode, concurrency=concurrency)


def main():
    module = BoomiModule(argument_spec=bulk.argument_spec(SchedulesKind, options=options_spec()))
    bulk.run(module, SchedulesKind(), converge)


if __name__ == '__main__':
    main()

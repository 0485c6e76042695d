# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: ipack_process_schedule_info
short_description: Read the processes of a Boomi Integration Pack instance and their run schedules
version_added: 0.1.0
description:
  - Returns the processes of an installed Integration Pack instance, each with its schedule records, one per runtime (Atom)
    of every environment the instance is attached to.
author:
  - Boomi Platform Maintainers (@boomi-platform)
extends_documentation_fragment:
  - boomi.platform.connection
  - boomi.platform.attributes
  - boomi.platform.attributes.info_module
options:
  instance_id:
    description:
      - ID of the instance.
      - In check mode it may be V(null) or empty (an earlier task would install the instance); then RV(processes) is empty.
    type: str
    required: true
  environment:
    description: Only the schedules of this environment (ID or exact name).
    type: str
seealso:
  - module: boomi.platform.ipack_env_attachment
"""

EXAMPLES = r"""
- name: Processes and schedules of an instance in the Production environment
  boomi.platform.ipack_process_schedule_info:
    instance_id: "{{ eu.instance.id }}"
    environment: Production
  register: schedules

- name: Show them
  ansible.builtin.debug:
    msg: "{{ item.name }}: {{ item.schedules | map(attribute='schedule') | list }}"
  loop: "{{ schedules.processes }}"
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
  description: The instance's processes sorted by name, with their schedule records.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Process ID (for multi-install packs, the instance's own process ID).
      type: str
    name:
      description: Process name.
      type: str
    integration_pack_id:
      description: ID of the Integration Pack.
      type: str
    instance_id:
      description: ID of the instance.
      type: str
    schedules:
      description: One record per Atom of each attached environment, sorted by environment and Atom.
      type: list
      elements: dict
      contains:
        id:
          description: ID of the ProcessSchedules record.
          type: str
        process_id:
          description: Process ID.
          type: str
        atom_id:
          description: ID of the Atom (runtime) the schedule is for.
          type: str
        environment_id:
          description: ID of the environment of the Atom.
          type: str
        schedule:
          description:
            - The run schedules; each has C(minutes), C(hours), C(days_of_week) (1 is Sunday), C(days_of_month), C(months) and C(years).
            - Empty when the process is not scheduled.
          type: list
          elements: dict
        retry:
          description: Retry settings, C(schedule) (same items as RV(processes[].schedules[].schedule)) and C(max_retry) (1 to 5).
          type: dict
        enabled:
          description:
            - Whether the schedules of the record run (V(true)) or are paused (V(false)), Boomi's C(ProcessScheduleStatus).
            - With O(api=graphql) it is read through the REST API; with a O(bearer_token) alone it cannot be, and is V(null)
              (with a warning).
          type: bool
  sample:
    - id: 0f3e9c1a-6b2d-4e8f-9a7c-5d1b3e2f4a60
      name: Order Intake EU - Acknowledge
      integration_pack_id: 6f1c3a52-9b7e-4d21-8c4f-2a9d0e5b7c11
      instance_id: SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UxMDAw
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
            max_retry: 5
          enabled: true
"""

from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule


def read_schedules(client, instance_id, environment=None):
    """The module's result: the instance's processes with their schedule records (only those of ``environment``, an ID or
    exact name, when given). ``instance_id`` None: an instance an earlier task would install (check mode): no process, no request
    (``client`` may then be None)."""
    if instance_id is None:
        return dict(changed=False, processes=[])
    env_id = client.resolve_environments([environment], option='environment', with_atoms=False)[0]['id'] if environment else None
    processes = client.list_processes(instance_id, environment_id=env_id)
    result = dict(changed=False, processes=processes)
    reason = client.schedule_status(processes, optional=True)  # GraphQL with a bearer_token alone cannot read it (REST)
    if reason:
        result['warnings'] = ['enabled is null: %s' % reason]
    return result


def main():
    module = BoomiModule(
        argument_spec=dict(
            instance_id=dict(type='str', required=True),
            environment=dict(type='str'),
        ),
    )
    instance_id = module.pending_instance_id()
    environment = module.text_option('environment')
    module.run(lambda: read_schedules(module.client if instance_id is not None else None, instance_id, environment))


if __name__ == '__main__':
    main()

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: ipack_env_attachment
short_description: Attach a Boomi Integration Pack instance to environments, or detach it
version_added: 0.1.0
description:
  - Makes sure an installed Integration Pack instance is attached to the listed environments (O(state=present)),
    or not attached to them (O(state=absent)).
  - Only missing attachments are created (with GraphQL, in one request) and only existing ones are removed.
  - Attaching creates a schedule record for every process on every Atom of the environment;
    see M(boomi.platform.ipack_process_schedule_info).
author:
  - Boomi Platform Maintainers (@boomi-platform)
extends_documentation_fragment:
  - boomi.platform.connection
  - boomi.platform.attributes
attributes:
  check_mode:
    support: full
    details:
      - With O(instance_id) null or empty (the instance would be installed by an earlier task in check mode) every listed environment is
        reported as would-be attached and no request that needs the instance ID is made.
  diff_mode:
    support: full
options:
  instance_id:
    description:
      - ID of the instance.
      - May be V(null) or empty only in check mode, when an earlier task would install the instance.
    type: str
    required: true
  environments:
    description:
      - Environments, each an environment ID or an exact environment name.
      - An unknown name, or a name that several environments share, is an error.
    type: list
    elements: str
    default: []
  state:
    description:
      - V(present) attaches the instance to every listed environment; V(absent) detaches it from them.
    type: str
    choices: [present, absent]
    default: present
  exclusive:
    description:
      - With O(state=present), also detach the instance from every environment that is not listed.
    type: bool
    default: false
seealso:
  - module: boomi.platform.ipack_instance
"""

EXAMPLES = r"""
- name: Attach an instance to the Test and Production environments
  boomi.platform.ipack_env_attachment:
    instance_id: "{{ eu.instance.id }}"
    environments:
      - Test
      - Production

- name: Attach it to Production only, detaching it from every other environment
  boomi.platform.ipack_env_attachment:
    instance_id: "{{ eu.instance.id }}"
    environments: [Production]
    exclusive: true

- name: Detach it from Production
  boomi.platform.ipack_env_attachment:
    instance_id: "{{ eu.instance.id }}"
    environments: [Production]
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
attachments:
  description:
    - The instance's attachments after the run (in check mode, as they would be; C(id=null) for one that would be created).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Attachment ID.
      type: str
    environment_id:
      description: Environment ID.
      type: str
    environment_name:
      description: Environment name.
      type: str
    instance_id:
      description: Instance ID.
      type: str
  sample:
    - id: QVRUQUNIX0lQQUNLX0VOVlNXNTBaV2R5WVhScGIyNVFZV05y
      environment_id: 86b413a8-1ebf-4c95-bc5b-139573b77910
      environment_name: Production
      instance_id: SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UxMDAw
attached:
  description: Names of the environments the run attached (or would attach, in check mode).
  returned: always
  type: list
  elements: str
  sample: [Production]
detached:
  description: Names of the environments the run detached (or would detach, in check mode).
  returned: always
  type: list
  elements: str
  sample: [Test]
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
      description: V(attach) or V(detach).
      type: str
    outcome:
      description:
        - V(done) (Boomi answered, or a read after a lost answer showed it made).
        - V(unknown) (sent, but its answer was lost and no read or second send could tell whether it was made; check the account,
          or re-run the task, which reads the account first).
        - V(done by another run) (refused because another run made the same change after this task read the account).
      type: str
    instance_id:
      description: The instance.
      type: str
    environment_ids:
      description: The environments attached or detached.
      type: list
      elements: str
  sample:
    - write: attach
      outcome: unknown
      instance_id: SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UxMDAw
      environment_ids: [86b413a8-1ebf-4c95-bc5b-139573b77910]
"""

from ansible_collections.boomi.platform.plugins.module_utils import attachments
from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule


def plan_attachments(client, instance_id, refs, state='present', exclusive=False):
    """The instance's environment attachments as they are and the ones to create and remove (``attachments.plan``)."""
    return attachments.plan(client, instance_id, refs, state, exclusive, kind='environment')


def apply_attachments(client, plan, check_mode=False):
    """Detach and attach as ``plan`` says; in check mode nothing is sent (``attachments.apply``). Returns the module's result."""
    return attachments.apply(client, plan, check_mode=check_mode)


def main():
    module = BoomiModule(
        argument_spec=dict(
            instance_id=dict(type='str', required=True),
            environments=dict(type='list', elements='str', default=[]),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
            exclusive=dict(type='bool', default=False),
        ),
    )
    attachments.run(module, 'environments', 'environment')


if __name__ == '__main__':
    main()

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: ipack_atom_attachment
short_description: Attach a Boomi Integration Pack instance to Runtimes (Atoms) directly, or detach it
version_added: 0.1.0
description:
  - For accounts that attach Integration Pack instances to Runtimes (Atoms) instead of environments (Boomi's
    C(IntegrationPackAtomAttachment)). On an account that uses environments Boomi refuses such an attachment; use
    M(boomi.platform.ipack_env_attachment) there.
  - Makes sure an installed instance is attached to the listed Runtimes (O(state=present)), or not attached to them
    (O(state=absent)). Only missing attachments are created (one request each) and only existing ones are removed.
  - Attaching creates a schedule record for every process of the instance on the Runtime; see
    M(boomi.platform.ipack_process_schedule_info).
  - Boomi's Spaces GraphQL API has no call for Runtimes or their attachments, so they are always read and written through the
    Platform REST API. With O(api=graphql) the module calls REST with the same account credentials; with only O(bearer_token)
    it fails before any request and says which credentials to add.
author:
  - Boomi Platform Maintainers (@boomi-platform)
extends_documentation_fragment:
  - boomi.platform.connection
  - boomi.platform.attributes
attributes:
  check_mode:
    support: full
    details:
      - With O(instance_id) null or empty (the instance would be installed by an earlier task in check mode) every listed Runtime is
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
  atoms:
    description:
      - Runtimes (Atoms, Molecules, Clouds), each a Runtime ID or an exact Runtime name.
      - An unknown ID or name, or a name that several Runtimes share, is an error before any write.
    type: list
    elements: str
    default: []
  state:
    description:
      - V(present) attaches the instance to every listed Runtime; V(absent) detaches it from them.
    type: str
    choices: [present, absent]
    default: present
  exclusive:
    description:
      - With O(state=present), also detach the instance from every Runtime that is not listed.
    type: bool
    default: false
seealso:
  - module: boomi.platform.ipack_env_attachment
  - module: boomi.platform.ipack_instance
  - module: boomi.platform.ipack_instance_info
    description: Its O(boomi.platform.ipack_instance_info#module:include_atoms=true) shows the Runtimes each instance is attached to.
"""

EXAMPLES = r"""
# On an account without environments (the simulator: POST /_sim/environments {"enabled": false})
- name: Install an instance
  boomi.platform.ipack_instance:
    integration_pack_name: Order Intake
    override_name: Order Intake EU
  register: eu

- name: Attach it to two Runtimes
  boomi.platform.ipack_atom_attachment:
    instance_id: "{{ eu.instance.id }}"
    atoms:
      - Prod Atom 1
      - Prod Atom 2

- name: Attach it to Prod Atom 1 only, detaching it from every other Runtime
  boomi.platform.ipack_atom_attachment:
    instance_id: "{{ eu.instance.id }}"
    atoms: [Prod Atom 1]
    exclusive: true

- name: Detach it from a Runtime given by its ID
  boomi.platform.ipack_atom_attachment:
    instance_id: "{{ eu.instance.id }}"
    atoms: [b8a19c6c-3cc5-4f92-abba-c35b6eee2fb7]
    state: absent
"""

RETURN = r"""
api:
  description:
    - The Boomi API the module talked to (or, when it failed before its first request, would have talked to), C(graphql) or
      C(rest); see O(api).
    - With C(graphql), the calls that the GraphQL API cannot answer go to the REST API with the same credentials (docs/graphql-vs-rest.md);
      every call of this module is one of them.
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
    - The instance's Runtime attachments after the run, sorted by Runtime name (in check mode, as they would be; C(id=null) for one
      that would be created).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Attachment ID.
      type: str
    atom_id:
      description: Runtime ID.
      type: str
    atom_name:
      description: Runtime name.
      type: str
    instance_id:
      description: Instance ID.
      type: str
  sample:
    - id: QVRUQUNIX0lQQUNLX0FUT01TVzUwWldkeVlYUnBiMjVRWVdOclNXNXpkR0Z1WTJVeE1EQXc6YjhhMTljNmMtM2NjNS00ZjkyLWFiYmEtYzM1YjZlZWUyZmI3
      atom_id: b8a19c6c-3cc5-4f92-abba-c35b6eee2fb7
      atom_name: Prod Atom 1
      instance_id: SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UxMDAw
attached:
  description: Names of the Runtimes the run attached (or would attach, in check mode).
  returned: always
  type: list
  elements: str
  sample: [Prod Atom 1]
detached:
  description: Names of the Runtimes the run detached (or would detach, in check mode).
  returned: always
  type: list
  elements: str
  sample: [Prod Atom 2]
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
    atom_ids:
      description: The Runtimes attached or detached.
      type: list
      elements: str
  sample:
    - write: attach
      outcome: unknown
      instance_id: SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UxMDAw
      atom_ids: [b8a19c6c-3cc5-4f92-abba-c35b6eee2fb7]
"""

from ansible_collections.boomi.platform.plugins.module_utils import attachments
from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule


def plan_atom_attachments(client, instance_id, refs, state='present', exclusive=False):
    """The instance's Runtime attachments as they are and the ones to create and remove; nothing is written (``attachments.plan``)."""
    return attachments.plan(client, instance_id, refs, state, exclusive, kind='atom')


def apply_atom_attachments(client, plan, check_mode=False):
    """Detach and attach as ``plan`` says; in check mode nothing is sent (``attachments.apply``). Returns the module's result."""
    return attachments.apply(client, plan, check_mode=check_mode)


def main():
    module = BoomiModule(
        argument_spec=dict(
            instance_id=dict(type='str', required=True),
            atoms=dict(type='list', elements='str', default=[]),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
            exclusive=dict(type='bool', default=False),
        ),
    )
    attachments.run(module, 'atoms', 'atom')


if __name__ == '__main__':
    main()

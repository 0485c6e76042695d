# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: ipack_instance
short_description: Install or uninstall a Boomi Integration Pack instance
version_added: 0.1.0
description:
  - Makes sure an instance of a Boomi Integration Pack is installed (O(state=present)) or not (O(state=absent)).
  - A single-install (C(SINGLE)) pack has at most one instance and takes no override name.
    A multi-install (C(MULTI)) pack can have many instances, told apart by their O(override_name).
  - Works with the Spaces GraphQL API and the Platform REST API (see O(api)); the result is the same with both.
author:
  - Boomi Platform Maintainers (@boomi-platform)
extends_documentation_fragment:
  - boomi.platform.connection
  - boomi.platform.attributes
attributes:
  check_mode:
    support: full
    details:
      - When it would install, RV(instance) is the predicted instance with C(id=null), so that later tasks can still run in check mode.
  diff_mode:
    support: full
options:
  state:
    description:
      - V(present) installs the instance when it is missing; V(absent) uninstalls it when it exists.
    type: str
    choices: [present, absent]
    default: present
  integration_pack_id:
    description:
      - ID of the Integration Pack.
      - Mutually exclusive with O(integration_pack_name).
    type: str
  integration_pack_name:
    description:
      - Exact name of the Integration Pack. It must match exactly one pack available to the account (with GraphQL, shared with the space).
      - Mutually exclusive with O(integration_pack_id).
    type: str
  override_name:
    description:
      - Name of the instance of a C(MULTI) pack; required for C(MULTI) packs, not allowed for C(SINGLE) ones.
      - Compared exactly (case and spaces count).
    type: str
    aliases: [integration_pack_override_name]
  instance_id:
    description:
      - ID of an installed instance, to address it directly.
      - With O(state=present) the instance must exist; it is returned unchanged (an instance is installed only when it is
        looked up by pack and override name).
    type: str
    aliases: [id]
notes:
  - Uninstalling an instance also removes its environment attachments and process schedules.
seealso:
  - module: boomi.platform.ipack_instance_info
  - module: boomi.platform.ipack_env_attachment
"""

EXAMPLES = r"""
- name: Install the single-install pack "Salesforce Account Sync"
  boomi.platform.ipack_instance:
    integration_pack_name: Salesforce Account Sync

- name: Install an instance of the multi-install pack "Order Intake" for the EU
  boomi.platform.ipack_instance:
    integration_pack_name: Order Intake
    override_name: Order Intake EU
  register: eu

- name: Attach it (works in check mode too, with eu.instance.id null)
  boomi.platform.ipack_env_attachment:
    instance_id: "{{ eu.instance.id }}"
    environments: [Test]

- name: Uninstall that instance
  boomi.platform.ipack_instance:
    integration_pack_name: Order Intake
    override_name: Order Intake EU
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
instance:
  description:
    - The instance after the run; in check mode, what it would be (C(id=null) when it would be installed).
    - V(null) after O(state=absent).
  returned: always
  type: dict
  sample:
    id: SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UxMDAw
    integration_pack_id: 6f1c3a52-9b7e-4d21-8c4f-2a9d0e5b7c11
    integration_pack_name: Order Intake
    override_name: Order Intake EU
    installation_type: MULTI
    processes:
      - id: 0f3e9c1a-6b2d-4e8f-9a7c-5d1b3e2f4a60
        name: Order Intake EU - Acknowledge
  contains:
    id:
      description: Instance ID (V(null) in check mode when it would be installed).
      type: str
    integration_pack_id:
      description: ID of the Integration Pack.
      type: str
    integration_pack_name:
      description: Name of the Integration Pack.
      type: str
    override_name:
      description: Override name of the instance (V(null) for single-install packs).
      type: str
    installation_type:
      description: C(SINGLE) or C(MULTI).
      type: str
    processes:
      description: The instance's processes, C(id) and C(name), sorted by name.
      type: list
      elements: dict
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
      description: V(install) or V(uninstall).
      type: str
    outcome:
      description:
        - V(done) (Boomi answered, or a read after a lost answer showed it made).
        - V(unknown) (sent, but its answer was lost and no read or second send could tell whether it was made; check the account,
          or re-run the task, which reads the account first).
        - V(done by another run) (refused because another run made the same change after this task read the account).
      type: str
    integration_pack_id:
      description: The integration pack installed (an install).
      type: str
    override_name:
      description: The override name installed (an install).
      type: str
    instance_id:
      description: The instance (for an install, the new instance; absent when its answer was lost).
      type: str
  sample:
    - write: install
      outcome: unknown
      integration_pack_id: 4130c262-5e3b-4fd9-b5f2-d0d70fd5c063
      override_name: Order Intake EU
"""

from ansible_collections.boomi.platform.plugins.module_utils.client import override_name_problem
from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiInputError
from ansible_collections.boomi.platform.plugins.module_utils.names import same_name


def summary(instance):
    """What diff mode shows of an instance (nothing of none)."""
    return {k: instance.get(k) for k in ('id', 'integration_pack_id', 'integration_pack_name', 'override_name', 'installation_type')} if instance else {}


def plan_instance(client, state='present', pack_id=None, pack_name=None, override_name=None, instance_id=None):
    """The instance as it is and what the task must do about it; nothing is written.

    The options are already checked (``names.check_text``). Returns ``{'state', 'pack', 'override_name', 'current'}``:
    ``pack`` the pack named by the options (None when only ``instance_id`` is given), ``current`` the instance found
    (None when there is none). Raises :class:`BoomiInputError` when the options do not fit the account (override name
    of the wrong kind for the pack, ``instance_id`` of another pack or unknown with ``state=present``), and
    :class:`BoomiError` for an unknown pack or a failed read.
    """
    pack = client.resolve_pack(pack_id, pack_name) if (pack_id or pack_name) else None
    if pack and (state == 'present' or not instance_id):
        problem = override_name_problem(pack, override_name)
        if problem:
            raise BoomiInputError(problem)
    if instance_id:
        current = client.get_instance(instance_id)
        if current and pack and (current['integration_pack_id'] != pack['id']
                                 or (override_name is not None and not same_name(current['override_name'], override_name))):
            raise BoomiInputError('instance_id %r is an instance of %r named %r, not of %r named %r'
                                  % (instance_id, current['integration_pack_name'], current['override_name'], pack['name'], override_name))
        if current is None and state == 'present':
            raise BoomiInputError('instance_id %r: no such integration pack instance (to install one, give integration_pack_id or '
                                  'integration_pack_name without instance_id)' % instance_id)
    else:
        current = client.find_instance(pack['id'], override_name)
    return {'state': state, 'pack': pack, 'override_name': override_name, 'current': current}


def apply_instance(client, plan, check_mode=False):
    """Install or uninstall as ``plan`` (see :func:`plan_instance`) says; in check mode nothing is sent. Returns the module's result."""
    current = plan['current']
    if plan['state'] == 'absent':
        if current and not check_mode:
            client.uninstall_instance(current['id'])
        return dict(changed=bool(current), instance=None, diff=dict(before=summary(current), after={}))
    if current:
        return dict(changed=False, instance=current, diff=dict(before=summary(current), after=summary(current)))
    pack = plan['pack']
    if check_mode:
        after = {'id': None, 'integration_pack_id': pack['id'], 'integration_pack_name': pack['name'],
                 'override_name': plan['override_name'], 'installation_type': pack['installation_type'], 'processes': []}
    else:
        # the client refuses an answer that names another pack or override name than the one sent (BoomiError)
        after = client.install_instance(pack['id'], plan['override_name'])
    return dict(changed=True, instance=after, diff=dict(before={}, after=summary(after)))


def main():
    module = BoomiModule(
        argument_spec=dict(
            state=dict(type='str', choices=['present', 'absent'], default='present'),
            integration_pack_id=dict(type='str'),
            integration_pack_name=dict(type='str'),
            override_name=dict(type='str', aliases=['integration_pack_override_name']),
            instance_id=dict(type='str', aliases=['id']),
        ),
        mutually_exclusive=[('integration_pack_id', 'integration_pack_name')],
        required_one_of=[('integration_pack_id', 'integration_pack_name', 'instance_id')],
    )
    texts = module.text_options('integration_pack_id', 'integration_pack_name', 'override_name', 'instance_id')
    module.run(lambda: apply_instance(module.client, plan_instance(module.client, module.params['state'], *texts), check_mode=module.check_mode))


if __name__ == '__main__':
    main()

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: ipack_account_group
short_description: Share a Boomi Integration Pack with account groups, or stop sharing it
version_added: 0.1.0
description:
  - Run in the publisher (partner) account. Makes sure an Integration Pack is shared with the listed account groups
    (O(state=present)), or not shared with them (O(state=absent)), through the Boomi C(AccountGroupIntegrationPack) object.
    The sub-accounts of a group can then install the pack.
  - The pack's shares are read first (by account group); only missing shares are made and only existing ones are removed,
    so a second run changes nothing and writes nothing.
  - Every account group is looked up before the first write. An unknown name, or a name that several groups share, fails
    the task without any change, and the message lists the account's groups.
  - When the answer to a share is lost, the group's shares are read again and the share is sent once more only when it is
    missing. When Boomi refuses a share because another run shared the pack with the group since this task read it, the
    task counts the share as done and warns.
  - GraphQL has no call for account groups; with O(api=graphql) the module reads and writes them through the REST API with
    the same credentials (C(account_id), C(username) and C(api_token) or C(password); O(bearer_token) alone is not enough).
    The pack is looked up through REST as well, because in GraphQL a pack belongs to a Space only once it is shared with
    the Space's account group, so a pack that was just released could not be found there.
author:
  - Boomi Platform Maintainers (@boomi-platform)
extends_documentation_fragment:
  - boomi.platform.connection
  - boomi.platform.attributes
attributes:
  check_mode:
    support: full
    details:
      - Nothing is written; the result predicts the shares, with C(id=null) for a share that would be made.
      - With O(integration_pack_id) null or empty (the pack would be created and released by earlier tasks in check mode,
        for example C({{ pack.integration_pack.id }}) after M(boomi.platform.ipack)) every listed group is predicted as a new
        share; the account groups are still looked up.
  diff_mode:
    support: full
    details:
      - The names of the account groups the pack is shared with, before and after.
options:
  integration_pack_id:
    description:
      - ID of the Integration Pack.
      - Exactly one of O(integration_pack_id) and O(integration_pack_name) is required.
      - May be V(null) or empty only in check mode, when earlier tasks would create and release the pack.
    type: str
  integration_pack_name:
    description:
      - Exact name of the Integration Pack. A name that several packs share is an error; use O(integration_pack_id) then.
      - Exactly one of O(integration_pack_id) and O(integration_pack_name) is required.
    type: str
  account_groups:
    description:
      - Account groups, each an account group ID or an exact account group name (for example V(All Accounts), the default group).
      - An unknown name, or a name that several account groups share, is an error.
    type: list
    elements: str
    default: []
  state:
    description:
      - V(present) shares the pack with every listed account group; V(absent) stops sharing it with them.
    type: str
    choices: [present, absent]
    default: present
  exclusive:
    description:
      - With O(state=present), also stop sharing the pack with every account group that is not listed.
    type: bool
    default: false
notes:
  - Boomi requires the privileges API Publisher Integration Pack, Integration Pack and Account Group Management.
seealso:
  - module: boomi.platform.ipack_instance
  - plugin: boomi.platform.accounts
    plugin_type: inventory
"""

EXAMPLES = r"""
- name: Share the Order Intake pack with two account groups
  boomi.platform.ipack_account_group:
    integration_pack_name: Order Intake
    account_groups:
      - EMEA
      - Acme Group

- name: Share it with EMEA only, unsharing it from every other group
  boomi.platform.ipack_account_group:
    integration_pack_name: Order Intake
    account_groups: [EMEA]
    exclusive: true

- name: Stop sharing a pack, given by ID, with EMEA
  boomi.platform.ipack_account_group:
    integration_pack_id: 4130c262-5e3b-4fd9-b5f2-d0d70fd5c063
    account_groups: [EMEA]
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
shares:
  description:
    - The pack's shares with the listed account groups after the run, or with every account group of the account when
      O(exclusive=true); sorted by group name. In check mode, as they would be, C(id=null) for a share that would be made.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: ID of the share (C(AccountGroupIntegrationPack)).
      type: str
    account_group_id:
      description: Account group ID.
      type: str
    account_group_name:
      description: Account group name.
      type: str
    integration_pack_id:
      description: Integration Pack ID.
      type: str
    integration_pack_name:
      description: Integration Pack name.
      type: str
  sample:
    - id: MXwyZTUwMDRlNS02OGE5LTUwNjYtYWQyOS1iOGI0NDk1YjdhNGU
      account_group_id: 2e5004e5-68a9-5066-ad29-b8b4495b7a4e
      account_group_name: EMEA
      integration_pack_id: 4130c262-5e3b-4fd9-b5f2-d0d70fd5c063
      integration_pack_name: Order Intake
shared:
  description: Names of the account groups the run shared the pack with (or would, in check mode).
  returned: always
  type: list
  elements: str
  sample: [EMEA]
unshared:
  description: Names of the account groups the run stopped sharing the pack with (or would, in check mode).
  returned: always
  type: list
  elements: str
  sample: [Acme Group]
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
      description: V(share pack) or V(unshare pack).
      type: str
    outcome:
      description:
        - V(done) (Boomi answered, or a read after a lost answer showed it made).
        - V(unknown) (sent, but its answer was lost and no read or second send could tell whether it was made; check the account,
          or re-run the task, which reads the account first).
        - V(done by another run) (refused because another run made the same change after this task read the account).
      type: str
    integration_pack_id:
      description: The integration pack.
      type: str
    account_group_id:
      description: The account group.
      type: str
    share_id:
      description: The share made (a V(share pack) whose answer came back).
      type: str
  sample:
    - write: share pack
      outcome: unknown
      integration_pack_id: 4130c262-5e3b-4fd9-b5f2-d0d70fd5c063
      account_group_id: acme-group-0001
"""

from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule
from ansible_collections.boomi.platform.plugins.module_utils.names import membership_changes
from ansible_collections.boomi.platform.plugins.module_utils.shares import PackShares


def main():
    module = BoomiModule(
        argument_spec=dict(
            integration_pack_id=dict(type='str'),
            integration_pack_name=dict(type='str'),
            account_groups=dict(type='list', elements='str', default=[]),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
            exclusive=dict(type='bool', default=False),
        ),
        mutually_exclusive=[('integration_pack_id', 'integration_pack_name')],
        required_one_of=[('integration_pack_id', 'integration_pack_name')],
    )
    state = module.params['state']
    exclusive = module.params['exclusive']
    pack_name = module.text_option('integration_pack_name')
    pack_id = None if pack_name is not None else module.pending_id('integration_pack_id', 'a pack that an earlier task would release')
    pending = pack_id is None and pack_name is None  # check mode, after a task that would create and release the pack
    refs = module.text_list('account_groups')
    if exclusive and state == 'absent':
        module.fail_json(msg='exclusive=true is only valid with state=present')

    def compute():
        shares = PackShares(module.client)
        groups = shares.resolve_account_groups(refs)  # first: with api graphql and bearer_token only, fails before any request
        wanted = [g['id'] for g in groups]
        if pending:
            pack, current = {'id': None, 'name': None}, []
        else:
            # through REST with GraphQL too: a pack is in a space only once it is shared with the space's account group
            pack = module.client.resolve_pack(pack_id=pack_id, name=pack_name, call='pack shares')
            current = shares.list_pack_shares(pack['id'], None if exclusive else wanted)
        to_share, to_unshare = membership_changes(current, wanted, 'account_group_id', state, exclusive)
        names = shares.group_names()
        after = shares.change_pack_shares(pack, current, to_share, to_unshare, check_mode=module.check_mode)
        return dict(
            changed=bool(to_share or to_unshare),
            shares=after,
            shared=sorted(names.get(i) or i for i in to_share),
            unshared=sorted(s['account_group_name'] or s['account_group_id'] for s in to_unshare),
            diff=dict(before={'account_groups': [s['account_group_name'] or s['account_group_id'] for s in current]},
                      after={'account_groups': [s['account_group_name'] or s['account_group_id'] for s in after]}),
        )

    module.run(compute)


if __name__ == '__main__':
    main()

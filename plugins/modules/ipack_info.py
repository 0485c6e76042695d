# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: ipack_info
short_description: List the Boomi Integration Packs the account publishes
version_added: 0.1.0
description:
  - Run in the publisher (partner) account. Lists the Integration Packs the account publishes (the Boomi
    C(PublisherIntegrationPack) object) with their components and versions; all of them, or the one with an id, or those
    with an exact name. O(id) and O(name) together are combined with AND.
  - An unknown id or name is not an error; the list is empty then (as M(boomi.platform.ipack_instance_info) does).
  - With the REST API every page of results is read; nothing is truncated.
  - GraphQL has no call for the publisher's packs; with O(api=graphql) the module reads them through the REST API with the
    same credentials (C(account_id), C(username) and C(api_token) or C(password); O(bearer_token) alone is not enough).
  - For the packs the account can install (shared with it, or released by it), see M(boomi.platform.ipack_instance_info).
author:
  - Boomi Platform Maintainers (@boomi-platform)
extends_documentation_fragment:
  - boomi.platform.connection
  - boomi.platform.attributes
  - boomi.platform.attributes.info_module
options:
  id:
    description: Only the pack with this ID.
    type: str
  name:
    description: Only the packs with this exact name (case and spaces count).
    type: str
seealso:
  - module: boomi.platform.ipack
"""

EXAMPLES = r"""
- name: Every pack the account publishes
  boomi.platform.ipack_info:
  register: published

- name: The pack "Helpdesk" and the versions of its components
  boomi.platform.ipack_info:
    name: Helpdesk
  register: helpdesk

- name: Show which components the next release changes
  ansible.builtin.debug:
    msg: "{{ helpdesk.integration_packs | map(attribute='components') | flatten | selectattr('pending_version') | list }}"
"""

RETURN = r"""
api:
  description:
    - The Boomi API the module talked to (or, when it failed before its first request, would have talked to), C(graphql) or
      C(rest); see O(api). With C(graphql) the publisher's packs are read through REST.
  returned: always
  type: str
  sample: rest
api_reason:
  description: Why the module used that API.
  returned: always
  type: str
  sample: "api is set to rest"
integration_packs:
  description: The packs found, sorted by name and id (empty when none matches).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 3c9e1f4a-7b2d-4c6e-9a8f-1d3b5c7e9f20
      name: Helpdesk
      description: Tickets from the help desk into the ERP
      installation_type: MULTI
      components:
        - component_id: 5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21
          component_name: Ticket Sync
          component_type: process
          current_version: "1.0"
          pending_version: null
          latest_version: "1.0"
          deleted: false
  contains:
    id:
      description: ID of the pack.
      type: str
    name:
      description: Name of the pack.
      type: str
    description:
      description: Description of the pack (V("") when it has none).
      type: str
    installation_type:
      description: C(SINGLE) or C(MULTI).
      type: str
    components:
      description: The components in the pack, sorted by component ID.
      type: list
      elements: dict
      contains:
        component_id:
          description: ID of the component.
          type: str
        component_name:
          description: Name of the component.
          type: str
        component_type:
          description: Type of the component, C(process) or C(webservice).
          type: str
        current_version:
          description: The packaged version released now (V(null) before the component's first release).
          type: str
        pending_version:
          description: The packaged version the next release brings (V(null) when that is the current one).
          type: str
        latest_version:
          description: The newest packaged version of the component that is not deleted.
          type: str
        deleted:
          description: Whether the component is removed from the pack by the next release.
          type: bool
"""

from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule


def main():
    module = BoomiModule(
        argument_spec=dict(
            id=dict(type='str'),
            name=dict(type='str'),
        ),
    )
    pack_id, name = module.text_option('id'), module.text_option('name')
    # the packs the account publishes with that id and that exact name (None: no filter)
    module.run(lambda: dict(changed=False, integration_packs=module.client.list_publisher_packs(pack_id=pack_id, name=name)))


if __name__ == '__main__':
    main()

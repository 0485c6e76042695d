# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: ipack_instance_info
short_description: List installed Boomi Integration Pack instances
version_added: 0.1.0
description:
  - Lists the Integration Pack instances installed in the account, optionally filtered.
  - Filters are combined with AND. With the REST API every page of results is read; nothing is truncated.
author:
  - Boomi Platform Maintainers (@boomi-platform)
extends_documentation_fragment:
  - boomi.platform.connection
  - boomi.platform.attributes
  - boomi.platform.attributes.info_module
options:
  instance_id:
    description: Only the instance with this ID.
    type: str
  integration_pack_id:
    description: Only instances of the pack with this ID.
    type: str
  integration_pack_name:
    description: Only instances of packs with this exact name.
    type: str
  override_name:
    description: Only instances with this exact override name.
    type: str
  include_processes:
    description:
      - Whether to return the processes of each instance.
      - With the GraphQL API this costs one request per instance; turn it off to list many instances fast.
    type: bool
    default: true
  include_atoms:
    description:
      - Whether to return, for each instance, the Runtimes (Atoms) it is attached to directly (RV(instances[].atom_ids)), as on
        an account without environments (M(boomi.platform.ipack_atom_attachment)).
      - One more request per 50 instances. Boomi's Spaces GraphQL API has no call for these attachments, so with O(api=graphql) they
        are read through the Platform REST API with the same account credentials; with only O(bearer_token) the module fails
        before any request and says which credentials to add.
    type: bool
    default: false
seealso:
  - module: boomi.platform.ipack_instance
"""

EXAMPLES = r"""
- name: List every installed instance
  boomi.platform.ipack_instance_info:
  register: all_instances

- name: The instances of the "Order Intake" pack
  boomi.platform.ipack_instance_info:
    integration_pack_name: Order Intake
  register: order_intake

- name: The instances and the Runtimes each is attached to (an account without environments)
  boomi.platform.ipack_instance_info:
    include_atoms: true
  register: on_atoms

- name: Many instances through GraphQL, without their processes
  boomi.platform.ipack_instance_info:
    integration_pack_name: Order Intake
    include_processes: false

# Ad hoc, with the BOOMI_* environment variables set:
#   ansible localhost -m boomi.platform.ipack_instance_info -a "integration_pack_name='Order Intake'"
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
instances:
  description: The matching instances, sorted by pack name, override name and ID.
  returned: always
  type: list
  elements: dict
  sample:
    - id: SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UxMDAw
      integration_pack_id: 6f1c3a52-9b7e-4d21-8c4f-2a9d0e5b7c11
      integration_pack_name: Order Intake
      override_name: Order Intake EU
      installation_type: MULTI
      processes:
        - id: 0f3e9c1a-6b2d-4e8f-9a7c-5d1b3e2f4a60
          name: Order Intake EU - Acknowledge
  contains:
    id:
      description: Instance ID.
      type: str
    integration_pack_id:
      description: ID of the Integration Pack.
      type: str
    integration_pack_name:
      description: Name of the Integration Pack.
      type: str
    override_name:
      description: Override name (V(null) for single-install packs).
      type: str
    installation_type:
      description: C(SINGLE) or C(MULTI).
      type: str
    processes:
      description: The instance's processes (C(id), C(name)); only with O(include_processes=true).
      type: list
      elements: dict
    atom_ids:
      description:
        - IDs of the Runtimes (Atoms) the instance is attached to directly (Boomi's C(IntegrationPackAtomAttachment)), sorted;
          empty for an instance attached through environments.
        - Only with O(include_atoms=true).
      type: list
      elements: str
      sample: [b8a19c6c-3cc5-4f92-abba-c35b6eee2fb7]
"""

from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule

FILTERS = ('instance_id', 'integration_pack_id', 'integration_pack_name', 'override_name')  # the options that filter, each a name or an ID


def read_instances(client, include_processes=True, include_atoms=False, **filters):
    """The module's result: the instances matching every filter (``instance_id``, ``integration_pack_id``,
    ``integration_pack_name``, ``override_name``, already checked; None = no filter); with ``include_atoms`` each has
    ``atom_ids`` (REST, REST_WITH_GRAPHQL: a credential error comes before any request)."""
    if include_atoms:
        client.rest_for('atom attachments')
    instances = client.list_instances(include_processes=include_processes, **filters)
    if include_atoms:
        attached = client.attachments_by_instance([i['id'] for i in instances], kind='atom')
        for instance in instances:
            instance['atom_ids'] = sorted(a['atom_id'] for a in attached[instance['id']])
    return dict(changed=False, instances=instances)


def main():
    module = BoomiModule(argument_spec=dict({name: dict(type='str') for name in FILTERS}, include_processes=dict(type='bool', default=True),
                                            include_atoms=dict(type='bool', default=False)))
    filters = dict(zip(FILTERS, module.text_options(*FILTERS)))
    module.run(lambda: read_instances(module.client, include_processes=module.params['include_processes'],
                                      include_atoms=module.params['include_atoms'], **filters))


if __name__ == '__main__':
    main()

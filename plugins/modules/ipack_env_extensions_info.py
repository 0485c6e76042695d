# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: ipack_env_extensions_info
short_description: Read the environment extension values of a Boomi Integration Pack instance
version_added: 0.1.0
description:
  - Returns the extension values (Boomi's EnvironmentExtensions) of an installed Integration Pack instance in the environments it is
    attached to (connection fields, process property values and dynamic process properties).
  - For a multi-install pack there is one item per environment and process of the instance; for a single-install pack one item per
    environment, which holds the components of every single-install instance attached to it.
  - Encrypted values are never returned (Boomi does not return them); C(encrypted_value_set) tells whether one is stored.
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
      - In check mode it may be V(null) or empty (an earlier task would install the instance); then RV(extensions) is empty.
    type: str
    required: true
  environment:
    description:
      - Only this environment (ID or exact name). An environment the instance is not attached to gives an empty list.
      - Default is every environment the instance is attached to.
    type: str
  process:
    description:
      - Only the extension values of this process of the instance (ID or exact name; for a multi-install pack the pack's own process
        name works too). For a single-install pack the values belong to the environment; the process is only checked.
    type: str
seealso:
  - module: boomi.platform.ipack_env_extensions
"""

EXAMPLES = r"""
- name: Read the extension values of an instance in every environment it is attached to
  boomi.platform.ipack_env_extensions_info:
    instance_id: "{{ eu.instance.id }}"
  register: found

- name: Read those of one process in Production
  boomi.platform.ipack_env_extensions_info:
    instance_id: "{{ eu.instance.id }}"
    environment: Production
    process: INT
  register: production

- name: Show which connections each process has, and which of their secrets are stored
  ansible.builtin.debug:
    msg: >-
      {{ item.environment_name }} / {{ item.process_name }}:
      {{ item.connections | map(attribute='name') | join(', ') }};
      secrets stored: {{ item.connections | map(attribute='fields') | flatten | selectattr('encrypted_value_set') | map(attribute='id') | list }}
  loop: "{{ found.extensions }}"
  loop_control:
    label: "{{ item.id }}"
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
extensions:
  description:
    - One item per extension object, sorted by environment name and process name. An encrypted value is never returned.
    - The same shape as the C(extensions) of M(boomi.platform.ipack_env_extensions); see there for every key.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: ID of the extension object (for a single-install pack, the environment ID).
      type: str
    environment_id:
      description: Environment ID.
      type: str
    environment_name:
      description: Environment name.
      type: str
    extension_group_id:
      description: For a multi-install pack, the ID of the instance's process; null for a single-install pack.
      type: str
    process_id:
      description: The instance's process the values belong to (multi-install packs; null for a single-install pack).
      type: str
    process_name:
      description: Name of that process.
      type: str
    connections:
      description: Connection components, each C(id), C(name) and C(fields) (C(id), C(value), C(use_default), C(encrypted), C(encrypted_value_set)).
      type: list
      elements: dict
    process_properties:
      description: Process property components, each C(id), C(name) and C(property_values) (C(key), C(label), C(value), C(use_default),
        C(encrypted), C(encrypted_value_set)).
      type: list
      elements: dict
    dynamic_process_properties:
      description: Dynamic process property name to value.
      type: dict
  sample:
    - id: fbf43afc-02a8-4509-8875-7dc2972c17e1
      environment_id: fbf43afc-02a8-4509-8875-7dc2972c17e1
      environment_name: Production
      extension_group_id: null
      process_id: null
      process_name: null
      connections:
        - id: b0b2650e-b183-4984-b88f-b42f53efc127
          name: Salesforce
          fields:
            - {id: url, value: null, use_default: true, encrypted: false, encrypted_value_set: false}
            - {id: password, value: null, use_default: false, encrypted: true, encrypted_value_set: true}
      process_properties: []
      dynamic_process_properties: {}
"""

from ansible_collections.boomi.platform.plugins.module_utils import extensions as ext
from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule


def main():
    module = BoomiModule(
        argument_spec=dict(
            instance_id=dict(type='str', required=True),
            environment=dict(type='str'),
            process=dict(type='str'),
        ),
    )
    instance_id = module.pending_instance_id()
    environment, process = module.text_options('environment', 'process')
    if instance_id is None:  # check mode, an instance an earlier task would install: nothing to read, no request
        module.exit_json(changed=False, extensions=[])
    module.run(lambda: dict(changed=False, extensions=ext.read(module.client, instance_id, environment, process)['objects']))


if __name__ == '__main__':
    main()

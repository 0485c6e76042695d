# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: ipack_env_extensions
short_description: Set the environment extension values of a Boomi Integration Pack instance
version_added: 0.1.0
description:
  - Sets connection fields, process property values and dynamic process properties of an installed Integration Pack instance
    in one environment it is attached to (Boomi's EnvironmentExtensions).
  - Only what the task names is changed, always with a partial update; every other override stays as it is. A run that
    changes nothing sends nothing.
  - For a multi-install pack each process of the instance has its own extension values; the task sets them in every process
    that has the component, or in one (O(process)). For a single-install pack the extension values belong to the environment
    and may hold the components of other single-install instances too; only the named ones are touched.
  - Every name is checked before the first write; unknown names fail the task with the list of known ones.
  - Boomi never returns an encrypted value, so a secret (password, API key) cannot be compared; see O(update_secrets).
  - See C(docs/extensions.md) in the collection for secrets from Ansible Vault and AWX/AAP credentials.
author:
  - Boomi Platform Maintainers (@boomi-platform)
extends_documentation_fragment:
  - boomi.platform.connection
  - boomi.platform.attributes
attributes:
  check_mode:
    support: full
    details:
      - With O(instance_id) null or empty (the instance would be installed by an earlier task in check mode), or an instance that is not
        attached to O(environment) yet, the change is predicted from the task alone (every value hidden, since whether Boomi encrypts it
        is not known yet) and the names are not checked.
  diff_mode:
    support: full
    details:
      - Before and after of every named field and value; a stored secret shows as C((set)), a secret this run sends as C(********).
options:
  instance_id:
    description:
      - ID of the instance.
      - May be V(null) or empty only in check mode, when an earlier task would install the instance.
    type: str
    required: true
  environment:
    description:
      - The environment, by ID or exact name. The instance must be attached to it (see M(boomi.platform.ipack_env_attachment)).
    type: str
    required: true
  process:
    description:
      - One process of the instance, by ID or exact name; for a multi-install pack the pack's own process name works too (V(INT) for
        C(Order Intake EU - INT)).
      - Default for a multi-install pack is every process of the instance that has the named component.
      - For a single-install pack the extension values belong to the environment, not to a process; the process is only checked.
    type: str
  connections:
    description:
      - Connection components and the fields to set.
    type: list
    elements: dict
    default: []
    suboptions:
      name:
        description: The connection component, by name or ID.
        type: str
        required: true
      fields:
        description:
          - Field ID to value. V(null) sets the field back to the component's default.
          - Values are stored as text; a whole number or a boolean becomes its text (V(5432), V(true)), a number with a fraction
            is refused (quote it).
          - A field Boomi encrypts (a password) is sent according to O(update_secrets).
        type: dict
        default: {}
  process_properties:
    description:
      - Process property components and the values to set.
      - Boomi replaces a component whole in an update; the values of the component that the task does not name are sent as they are
        (a stored secret is kept), so they stay unchanged.
    type: list
    elements: dict
    default: []
    suboptions:
      name:
        description: The process property component, by name or ID.
        type: str
        required: true
      values:
        description:
          - Property label or key to value. V(null) sets the value back to the default. Values are stored as text, as in O(connections[].fields).
          - The alias O(process_properties[].property_values) is the name of the key the module returns them under,
            RV(extensions[].process_properties[].property_values).
        type: dict
        default: {}
        aliases: [property_values]
  dynamic_process_properties:
    description:
      - Dynamic process property name to value (text). V(null) is refused, a dynamic process property has no default to go back to.
    type: dict
    default: {}
  update_secrets:
    description:
      - When to send a value to an encrypted field or process property, which Boomi never returns and so cannot be compared.
      - V(on_create) sends it only when no value is stored yet.
      - V(always) sends it on every run (the task then always reports a change); use it to rotate a password.
    type: str
    choices: [on_create, always]
    default: on_create
notes:
  - The values of O(connections), O(process_properties) and O(dynamic_process_properties) appear in the task's C(invocation) only when
    they are known not to be secrets; every other value shows as C(********). Values sent to encrypted fields are hidden everywhere in
    the task's output.
  - Boomi marks a process property value as encrypted only once a value is stored, so a value sent to one without a value yet is
    hidden in a check mode prediction.
  - Boomi replaces a process property component whole. When a value must change, the extension objects the task names are
    locked (a lock file in the user's private state directory, C(<temp dir>/boomi.platform-<uid>/)), read again and written
    under the lock, so two tasks of one controller that set different values of one component at once both keep their values.
    Tasks on two controllers are not serialised; see C(docs/reliability.md) in the collection.
seealso:
  - module: boomi.platform.ipack_env_extensions_info
  - module: boomi.platform.ipack_env_attachment
"""

EXAMPLES = r"""
- name: Set the Order DB connection and the order settings of an instance in Production
  boomi.platform.ipack_env_extensions:
    instance_id: "{{ eu.instance.id }}"
    environment: Production
    process: INT
    connections:
      - name: Order DB
        fields:
          host: db.prod.example
          user: svc_orders
          password: "{{ vault_order_db_password }}"
          port: null
    process_properties:
      - name: Order Settings
        values:
          Batch size: "100"
    dynamic_process_properties:
      region: eu-west-1

- name: Rotate the database password (sent on every run)
  boomi.platform.ipack_env_extensions:
    instance_id: "{{ eu.instance.id }}"
    environment: Production
    connections:
      - name: Order DB
        fields:
          password: "{{ vault_order_db_password }}"
    update_secrets: always
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
    - The extension values of the instance in O(environment) after the run (in check mode, as they would be), one item per
      extension object. An encrypted value is never returned.
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
      description: Connection components.
      type: list
      elements: dict
      contains:
        id:
          description: Component ID.
          type: str
        name:
          description: Component name.
          type: str
        fields:
          description: The fields.
          type: list
          elements: dict
          contains:
            id:
              description: Field ID.
              type: str
            value:
              description: The value; null when the default is used or the field is encrypted.
              type: str
            use_default:
              description: Whether the component's default is used.
              type: bool
            encrypted:
              description: Whether Boomi encrypts the field.
              type: bool
            encrypted_value_set:
              description: Whether an encrypted value is stored.
              type: bool
    process_properties:
      description: Process property components.
      type: list
      elements: dict
      contains:
        id:
          description: Component ID.
          type: str
        name:
          description: Component name.
          type: str
        property_values:
          description:
            - The property values.
            - Named C(values) before; renamed since C(x.values) is the dict method in Jinja, not this key.
          type: list
          elements: dict
          contains:
            key:
              description: Property key.
              type: str
            label:
              description: Property label.
              type: str
            value:
              description: The value; null when the default is used or the value is encrypted.
              type: str
            use_default:
              description: Whether the default is used.
              type: bool
            encrypted:
              description: Whether the value is encrypted (Boomi says so only once a value is stored).
              type: bool
            encrypted_value_set:
              description: Whether an encrypted value is stored.
              type: bool
    dynamic_process_properties:
      description: Dynamic process property name to value.
      type: dict
  sample:
    - id: ZmJmNDNhZmMtMDJhOC00NTA5LTg4NzUtN2RjMjk3MmMxN2UxOjBmM2U5YzFhLTZiMmQtNGU4Zi05YTdjLTVkMWIzZTJmNGE2MQ
      environment_id: fbf43afc-02a8-4509-8875-7dc2972c17e1
      environment_name: Production
      extension_group_id: 0f3e9c1a-6b2d-4e8f-9a7c-5d1b3e2f4a61
      process_id: 0f3e9c1a-6b2d-4e8f-9a7c-5d1b3e2f4a61
      process_name: Order Intake EU - INT
      connections:
        - id: ac25e0d1-8b9f-4d96-90b1-69251d036d33
          name: Order DB
          fields:
            - {id: host, value: db.prod.example, use_default: false, encrypted: false, encrypted_value_set: false}
            - {id: password, value: null, use_default: false, encrypted: true, encrypted_value_set: true}
      process_properties:
        - id: c6a365e0-519b-4167-969f-999d382e7191
          name: Order Settings
          property_values:
            - {key: 0d3c0ca7-c33e-4f90-9875-68e1c6a51317, label: Batch size, value: "100", use_default: false, encrypted: false,
               encrypted_value_set: false}
      dynamic_process_properties:
        region: eu-west-1
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
      description: V(extensions update).
      type: str
    outcome:
      description:
        - V(done) (Boomi answered, or a read after a lost answer showed it made).
        - V(unknown) (sent, but its answer was lost and no read or second send could tell whether it was made; check the account,
          or re-run the task, which reads the account first).
        - V(done by another run) (refused because another run made the same change after this task read the account).
      type: str
    extension_ids:
      description: The EnvironmentExtensions objects the update was for (REST sends one object per request, GraphQL all at once).
      type: list
      elements: str
  sample:
    - write: extensions update
      outcome: unknown
      extension_ids: [ZmJmNDNhZmMtMDJhOC00NTA5LTg4NzUtN2RjMjk3MmMxN2UxOjBmM2U5YzFhLTZiMmQtNGU4Zi05YTdjLTVkMWIzZTJmNGE2MQ]
"""

from ansible_collections.boomi.platform.plugins.module_utils import extensions as ext
from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiInputError


def main():
    plain = {}  # the option values known to be plain, shown in the invocation (extensions.masked_params)
    module = BoomiModule(
        argument_spec=ext.options_spec(),
        no_log=True,  # no syslog line with the options: their values may be secrets
        masked=lambda params: ext.masked_params(params, plain.get(0, frozenset())),
    )
    params = module.params
    instance_id = module.pending_instance_id()
    environment, process = module.text_options('environment', 'process')
    try:
        asked = ext.wanted(ext.given_items(params, module.given, 'connections'), ext.given_items(params, module.given, 'process_properties'),
                           params['dynamic_process_properties'], text=lambda option, value: module.text_option(option, value=value))
    except BoomiInputError as exc:
        module.fail_json(msg=exc.message)

    kind = ext.ExtensionsKind(module.secret, plain, module.check_mode)  # the plan and writes of one ipack_env_extensions_bulk element
    element = dict(where='', index=0, instance_id=instance_id, environment=environment, process=process, asked=asked,
                   update_secrets=params['update_secrets'])

    def compute():
        step = kind.plan(module.client, element)
        if step['problem']:
            raise BoomiInputError('nothing was changed, ' + step['problem'], operation='extensions')
        return kind.apply(module.client, element, step, module.check_mode)

    module.run(compute)


if __name__ == '__main__':
    main()

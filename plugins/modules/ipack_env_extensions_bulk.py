# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: ipack_env_extensions_bulk
short_description: Set the environment extension values of many Boomi Integration Pack instances and environments in one task
version_added: 0.1.0
description:
  - Sets the connection fields, process property values and dynamic process properties of every element of O(extensions),
    each exactly as one M(boomi.platform.ipack_env_extensions) task with the same options would (one instance in one environment,
    optionally one process), in one task.
  - Every element is checked before the first request; bad input fails the task with one message naming each problem as
    C(extensions[N].option) (with its value, never the value of a field or property, which may be a secret), and nothing is read
    or written. Two elements for the same instance, environment and process are refused.
  - Then every element is read and planned (reads only, up to O(concurrency) elements at once); an unknown name anywhere, an
    instance not attached to its environment, or two elements that set the same component of one extensions object fail the
    task before the first write, naming every such element. Then the writes of up to O(concurrency) elements are sent at the
    same time.
  - Each element writes as M(boomi.platform.ipack_env_extensions) does; the extension objects it names are locked, read again and
    written under the lock, so elements and tasks of one controller that set values of one process property component never
    undo each other's values (see C(docs/reliability.md) in the collection).
  - Only what an element names is changed, always with a partial update; a run that changes nothing sends nothing.
  - Boomi never returns an encrypted value, so a secret (password, API key) cannot be compared; see O(extensions[].update_secrets).
  - See C(docs/extensions.md) in the collection for secrets from Ansible Vault and AWX/AAP credentials.
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
      - Nothing is written; RV(extensions) and the diff are what the real run would make and show.
      - An element with O(extensions[].instance_id) null or empty (the instance would be installed by an earlier task in check
        mode), or whose instance is not attached to O(extensions[].environment) yet, is predicted from the element alone (every
        value hidden, since whether Boomi encrypts it is not known yet) and its names are not checked, as
        M(boomi.platform.ipack_env_extensions) predicts it.
  diff_mode:
    support: full
    details:
      - Per element, before and after of every named field and value; a stored secret shows as C((set)), a secret this run sends
        as C(********).
options:
  extensions:
    description:
      - The extension values to set, one element per instance, environment and (optionally) process, in the order their results
        are returned.
      - Each element takes the options of M(boomi.platform.ipack_env_extensions).
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
      environment:
        description:
          - The environment, by ID or exact name. The instance must be attached to it (see M(boomi.platform.ipack_env_attachment)).
        type: str
        required: true
      process:
        description:
          - One process of the instance, by ID or exact name; for a multi-install pack the pack's own process name works too (V(INT)
            for C(Order Intake EU - INT)).
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
              - Values are stored as text; a whole number or a boolean becomes its text (V(5432), V(true)), a number with a
                fraction is refused (quote it).
              - A field Boomi encrypts (a password) is sent according to O(extensions[].update_secrets).
            type: dict
            default: {}
      process_properties:
        description:
          - Process property components and the values to set.
          - Boomi replaces a component whole in an update; the values of the component that the element does not name are sent as
            they are (a stored secret is kept), so they stay unchanged.
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
              - Property label or key to value. V(null) sets the value back to the default. Values are stored as text, as in
                O(extensions[].connections[].fields).
              - The alias O(extensions[].process_properties[].property_values) is the name of the key the module returns them
                under.
            type: dict
            default: {}
            aliases: [property_values]
      dynamic_process_properties:
        description:
          - Dynamic process property name to value (text). V(null) is refused, a dynamic process property has no default to go
            back to.
        type: dict
        default: {}
      update_secrets:
        description:
          - When to send a value to an encrypted field or process property of this element, which Boomi never returns and so
            cannot be compared.
          - V(on_create) sends it only when no value is stored yet.
          - V(always) sends it on every run (the element then always reports a change); use it to rotate a password.
        type: str
        choices: [on_create, always]
        default: on_create
notes:
  - The values of O(extensions[].connections), O(extensions[].process_properties) and O(extensions[].dynamic_process_properties)
    appear in the task's C(invocation) only when they are known not to be secrets; every other value shows as C(********).
    Values sent to encrypted fields are hidden everywhere in the task's output.
  - Boomi marks a process property value as encrypted only once a value is stored, so a value sent to one without a value yet is
    hidden in a check mode prediction.
  - RV(extensions) is the module's list result.
  - Elements of single-install packs attached to one environment share that environment's extensions object; they may be set
    in one task as long as no two of them name the same component.
seealso:
  - module: boomi.platform.ipack_env_extensions
  - module: boomi.platform.ipack_env_extensions_info
  - module: boomi.platform.ipack_env_attachment
"""

EXAMPLES = r"""
- name: Set the extension values of two instances in Test and Production, in one task
  boomi.platform.ipack_env_extensions_bulk:
    extensions:
      - instance_id: "{{ eu.instance.id }}"
        environment: Production
        process: INT
        connections:
          - name: Order DB
            fields:
              host: db.prod.example
              user: svc_orders
              password: "{{ vault_order_db_password }}"
        process_properties:
          - name: Order Settings
            values:
              Batch size: "100"
        dynamic_process_properties:
          region: eu-west-1
      - instance_id: "{{ eu.instance.id }}"
        environment: Test
        connections:
          - name: Order DB
            fields:
              host: db.test.example
              password: "{{ vault_order_db_test_password }}"
      - instance_id: "{{ salesforce.instance.id }}"
        environment: Production
        connections:
          - name: Salesforce
            fields:
              url: https://acme.my.salesforce.com
              password: "{{ vault_salesforce_password }}"
        update_secrets: always
    concurrency: 4
  register: set_extensions

- name: Show which elements changed
  ansible.builtin.debug:
    msg: "{{ set_extensions.extensions | selectattr('changed') | map(attribute='environment') | list }}"
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
    - One entry per element of O(extensions), in the same order, each what M(boomi.platform.ipack_env_extensions) returns for it
      (RV(extensions[].changed) and RV(extensions[].extensions)) and the element's RV(extensions[].instance_id),
      RV(extensions[].environment) and RV(extensions[].process).
    - When a write fails, the elements done so far and then the failing one as far as it got (see RV(writes)).
  returned: always
  type: list
  elements: dict
  contains:
    changed:
      description: Whether the run changed (or would change) the extension values of this element.
      type: bool
    extensions:
      description:
        - The extension objects of the element's instance in its environment after the run (in check mode, as they would be),
          one item per extension object, as RV(boomi.platform.ipack_env_extensions#module:extensions) returns them. An encrypted
          value is never returned.
        - The components that another element of the task sets in a shared object (single-install packs) are shown as that
          element leaves them.
      type: list
      elements: dict
    instance_id:
      description: The element's O(extensions[].instance_id) (V(null) for an instance not installed yet, in check mode).
      type: str
    environment:
      description: The element's O(extensions[].environment), as given.
      type: str
    process:
      description: The element's O(extensions[].process), as given (V(null) when not given).
      type: str
  sample:
    - changed: true
      instance_id: SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UxMDAw
      environment: Production
      process: INT
      extensions:
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
          process_properties: []
          dynamic_process_properties:
            region: eu-west-1
problems:
  description:
    - Only when the input is wrong (nothing was read or written, or nothing written); every problem found, up to the first 500
      (RV(problem_count) counts them all; the failure's message lists the first 50 and how many more there are).
  returned: when elements are wrong
  type: list
  elements: str
  sample:
    - "extensions[2].environment must not be empty or blank, got ''"
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
      description: The element the write was for, C(extensions[N]).
      type: str
    name:
      description: The element's instance ID, C(@) and its environment (and C(/) and its process when it names one).
      type: str
    write:
      description: V(extensions update) (a partial update of extension objects).
      type: str
    outcome:
      description:
        - V(done) (Boomi answered, or its answer was lost and it was sent once more).
        - V(unknown) (sent, but no answer came back; check the account, or re-run the task, which reads the account first).
      type: str
    extension_ids:
      description: The IDs of the extension objects the write updated (REST sends one object per write, GraphQL all of an element's).
      type: list
      elements: str
    objects:
      description: Those objects as C(<environment name> / <process name>) (the environment name for a single-install pack).
      type: list
      elements: str
  sample:
    - item: extensions[0]
      name: SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UxMDAw @ Production / INT
      write: extensions update
      outcome: done
      extension_ids: [ZmJmNDNhZmMtMDJhOC00NTA5LTg4NzUtN2RjMjk3MmMxN2UxOjBmM2U5YzFhLTZiMmQtNGU4Zi05YTdjLTVkMWIzZTJmNGE2MQ]
      objects: [Production / Order Intake EU - INT]
"""

from ansible_collections.boomi.platform.plugins.module_utils import bulk
from ansible_collections.boomi.platform.plugins.module_utils import extensions as ext
from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule
from ansible_collections.boomi.platform.plugins.module_utils.errors import register_secret
from ansible_collections.boomi.platform.plugins.module_utils.extensions import ExtensionsKind


def converge(client, elements, check_mode=False, concurrency=bulk.DEFAULT_CONCURRENCY, secret=register_secret, plain=None):
    """Plan and apply: the module's result. ``client`` may be None when there are no elements. ``secret(value)`` hides a
    value sent to an encrypted item; ``plain`` (a dict) gets each element's plain values, for the invocation."""
    return bulk.converge(ExtensionsKind(secret, plain, check_mode), client, elements, check_mode=check_mode, concurrency=concurrency)


def main():
    plain = {}  # element index: its values known to be plain, shown in the invocation (set from the threads)
    module = BoomiModule(argument_spec=bulk.argument_spec(ExtensionsKind, options=ext.options_spec()),
                         no_log=True,  # no syslog line with the options: their values may be secrets
                         masked=lambda params: ext.masked_elements(params, ExtensionsKind.option, plain))
    bulk.run(module, ExtensionsKind(), converge, secret=module.secret, plain=plain)


if __name__ == '__main__':
    main()

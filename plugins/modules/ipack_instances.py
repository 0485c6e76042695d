# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: ipack_instances
short_description: Converge many Boomi Integration Pack instances and their environment attachments in one task
version_added: 0.1.0
description:
  - Makes sure every instance of O(instances) is installed and attached to its environments (C(state=present)),
    or detached from every environment and uninstalled (C(state=absent)), in one task.
  - Reads the state of the account once (the packs, the environments, the instances and their attachments), then sends only
    the writes that are needed. With GraphQL that is four requests however many instances are listed (a JWT, the packs, the
    instances, and the environments, which carry the attachments). With REST it is one query each for the packs, the
    environments and the instances (a further request per 100 results beyond the first 100), and one query for the attachments
    per 50 instances found, so 60 listed instances that are installed, in an account of at most 100, take five reads.
    A converged account of up to 50 instances therefore costs four reads and no write, where one M(boomi.platform.ipack_instance)
    and one M(boomi.platform.ipack_env_attachment) task per instance cost about four reads per instance.
  - Every item is checked before the first write (pack names and IDs, override names, environment names, duplicates).
    Bad input fails the task with one message naming each bad item, and nothing is written.
  - This is the engine of the role R(boomi.platform.integration_packs,ansible_collections.boomi.platform.integration_packs_role);
    use M(boomi.platform.ipack_instance) and M(boomi.platform.ipack_env_attachment) to manage one instance at a time.
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
      - Nothing is written; RV(instances) is what the account would look like, with C(id=null) for an instance that would be
        installed and for an attachment that would be created.
  diff_mode:
    support: full
options:
  instances:
    description:
      - The instances to converge, in the order their writes are sent.
      - An item describes one instance by its pack and, for a multi-install (C(MULTI)) pack, its override name.
        Two items must not describe the same instance.
    type: list
    elements: dict
    required: true
    suboptions:
      integration_pack_id:
        description:
          - ID of the Integration Pack. Give this or O(instances[].integration_pack_name).
        type: str
      integration_pack_name:
        description:
          - Exact name of the Integration Pack. It must match exactly one pack available to the account
            (with GraphQL, shared with the space).
        type: str
      override_name:
        description:
          - Name of the instance of a C(MULTI) pack; required for C(MULTI) packs, not allowed for C(SINGLE) ones.
        type: str
        aliases: [integration_pack_override_name]
      environments:
        description:
          - Environments (IDs or exact names) the instance must be attached to. Missing attachments are created; others are left
            alone unless O(instances[].exclusive=true).
          - When omitted, the instance's attachments are not changed.
          - Ignored with O(instances[].state=absent).
        type: list
        elements: str
      exclusive:
        description:
          - Also detach the instance from every environment not in O(instances[].environments) (all of them when that is empty).
          - Ignored with O(instances[].state=absent).
        type: bool
        default: false
      state:
        description:
          - V(present) installs the instance when it is missing and attaches it.
          - V(absent) detaches it from every environment and uninstalls it, when it is installed.
        type: str
        choices: [present, absent]
        default: present
  include_atoms:
    description:
      - Also return the Atoms of the environment of each attachment (RV(instances[].attachments[].atom_ids)), as they are or
        would be after the run; with REST one request more. The role uses it to check schedules by Atom before any write.
    type: bool
    default: false
notes:
  - Each item's own writes are sent in order (install before its attachments); RV(instances) is the module's list result. With
    O(concurrency) above 1 the first reads (instances, packs, and with REST environments) are also sent at the same time.
  - Boomi answers a request in a few hundred milliseconds and allows 10 per second per account; with the default O(concurrency)
    a first rollout runs about as fast as the client-side O(rate_limit) allows. Set O(concurrency=1) for every request in the
    order of the items.
  - Uninstalling an instance also removes its process schedules.
seealso:
  - module: boomi.platform.ipack_instance
  - module: boomi.platform.ipack_env_attachment
  - module: boomi.platform.ipack_instance_info
"""

EXAMPLES = r"""
- name: Install three instances and attach them to their environments, in one task
  boomi.platform.ipack_instances:
    instances:
      - integration_pack_name: Salesforce Account Sync
        environments: [Test, Production]
      - integration_pack_name: Order Intake
        override_name: Order Intake EU
        environments: [Production]
        exclusive: true
      - integration_pack_name: Order Intake
        override_name: Order Intake US
        state: absent
  register: converged

- name: Show what changed
  ansible.builtin.debug:
    msg: "{{ converged.instances | selectattr('changed') | map(attribute='name') | list }}"
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
  description:
    - One entry per item of O(instances), in the same order, as the instance is after the run (in check mode, as it would be).
    - When a write fails, the items done so far and then the failing one as it is after the writes that were made
      (see RV(writes)); an attachment the run made without learning its ID has C(id=null).
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The pack name, and C(" / ") and the override name for a C(MULTI) pack.
      type: str
    id:
      description: Instance ID; V(null) when it is not installed (uninstalled, or would be installed in check mode).
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
    state:
      description: The item's O(instances[].state).
      type: str
    changed:
      description: Whether the run changed (or would change) this instance.
      type: bool
    installed:
      description: Whether the run installed it.
      type: bool
    uninstalled:
      description: Whether the run uninstalled it.
      type: bool
    attached:
      description: Names of the environments the run attached it to.
      type: list
      elements: str
    detached:
      description: Names of the environments the run detached it from.
      type: list
      elements: str
    attachments:
      description: Its attachments after the run, sorted by environment name (C(id=null) for one that would be created in check mode).
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
        atom_ids:
          description: The Atoms of the environment; only with O(include_atoms=true).
          type: list
          elements: str
  sample:
    - name: Order Intake / Order Intake EU
      id: SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UxMDAw
      integration_pack_id: 1f6ac2a4-7c3e-4d8b-9e21-0b5d6a8c4f10
      integration_pack_name: Order Intake
      override_name: Order Intake EU
      installation_type: MULTI
      state: present
      changed: true
      installed: true
      uninstalled: false
      attached: [Production]
      detached: []
      attachments:
        - id: QVRUQUNIX0lQQUNLX0VOVlNXNTBaV2R5WVhScGIyNVFZV05y
          environment_id: 86b413a8-1ebf-4c95-bc5b-139573b77910
          environment_name: Production
problems:
  description:
    - Only when the input is wrong (nothing was read or written, or nothing written); every problem found, up to the first 500
      (RV(problem_count) counts them all; the failure's message lists the first 50 and how many more there are).
  returned: when items are wrong
  type: list
  elements: str
  sample:
    - "instances[1]: integration_pack_name 'No Such Pack': no integration pack has this name among those available to the account (available: Order Intake)"
problem_count:
  description: Only when the input is wrong; how many problems were found (RV(problems) and the message list the first ones).
  returned: when items are wrong
  type: int
  sample: 2000
writes:
  description:
    - Only when the task fails while sending writes (a write was refused or its answer lost, or a read between two writes failed).
    - Every write sent, in order, with its outcome; a refused write is not listed, and the list is empty when nothing was sent.
  returned: when a write fails
  type: list
  elements: dict
  contains:
    item:
      description: The item the write was for, C(instances[N]).
      type: str
    name:
      description: The item's RV(instances[].name).
      type: str
    write:
      description: V(install), V(attach), V(detach) or V(uninstall).
      type: str
    outcome:
      description:
        - V(done) (Boomi answered, or a read after a lost answer showed it made).
        - V(unknown) (sent, but its answer was lost and no read could tell whether it was made; check the account, or re-run the task,
          which reads the account first).
        - V(done by another run) (refused because another run made the same change after this task read the account).
      type: str
    instance_id:
      description: The instance the write was for (for an install, the new instance; V(null) when its answer was lost).
      type: str
    environments:
      description: The environments attached or detached (empty for an install or uninstall).
      type: list
      elements: str
  sample:
    - item: instances[0]
      name: Order Intake / Order Intake EU
      write: install
      outcome: done
      instance_id: SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UxMDAw
      environments: []
    - item: instances[0]
      name: Order Intake / Order Intake EU
      write: attach
      outcome: unknown
      instance_id: SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UxMDAw
      environments: [Production]
"""

from ansible_collections.boomi.platform.plugins.module_utils import bulk
from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule
from ansible_collections.boomi.platform.plugins.module_utils.instances import ITEM_PACK, ITEM_SPEC, InstancesKind, plan_items


def apply_plan(client, plan, check_mode=False, concurrency=bulk.DEFAULT_CONCURRENCY):
    """Send the writes of ``plan`` (see ``instances.plan_items``; none in check mode), up to ``concurrency`` items at once, each
    in its own order (install, detach, attach): the module's result, in the declared order. When a write fails,
    ``bulk.WriteFailed`` (no further item is started, those started finish) reports the items done and every write sent."""
    steps = plan['steps']
    return bulk.apply(InstancesKind(plan['names'], atoms=plan.get('atoms')), client, [step['item'] for step in steps], steps,
                      check_mode=check_mode, concurrency=concurrency)


def converge(client, items, check_mode=False, concurrency=bulk.DEFAULT_CONCURRENCY, include_atoms=False):
    """Plan (``instances.plan_items``) and apply (:func:`apply_plan`): the module's result. ``client`` may be None when there are no items."""
    return apply_plan(client, plan_items(client, items, include_atoms=include_atoms, concurrency=concurrency), check_mode=check_mode,
                      concurrency=concurrency)


def main():
    module = BoomiModule(argument_spec=dict(bulk.argument_spec(InstancesKind, options=ITEM_SPEC, required_one_of=[ITEM_PACK],
                                                               mutually_exclusive=[ITEM_PACK]), include_atoms=dict(type='bool', default=False)))
    bulk.run(module, InstancesKind(text=lambda option, value: module.text_option(option, value=value)), converge,
             include_atoms=module.params['include_atoms'])


if __name__ == '__main__':
    main()

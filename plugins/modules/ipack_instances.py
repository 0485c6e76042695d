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
  concurrency:
    description:
      - How many items are converged at the same time (1 converges them one after the other, in order). Above 1 the first
        reads (instances, packs, and with REST environments) are also sent at the same time.
      - Boomi answers a request in a few hundred milliseconds and allows 10 per second per account; with the default a first
        rollout runs about as fast as the client-side O(rate_limit) allows. Set V(1) for every request in the order of the items.
    type: int
    default: 4
notes:
  - Up to O(concurrency) items are converged at once (each item's own writes in order, install before its attachments); the
    client-side rate limit (O(rate_limit)) holds for all of them together. RV(instances) and the diff keep the order of
    O(instances). When a write fails, no further item is started, and the task fails with the error, RV(instances) (the items
    done and the failing one as far as it got) and RV(writes) (every write sent, with its outcome); C(changed) is then true
    when something was written, or may have been. Re-running the task continues from where it stopped.
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

from ansible_collections.boomi.platform.plugins.module_utils.bulk import (
    DEFAULT_CONCURRENCY, MADE, MAYBE_MADE, concurrency_problem, problems_failure, run_items, write_failed,
)
from ansible_collections.boomi.platform.plugins.module_utils.client import override_name_problem
from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError
from ansible_collections.boomi.platform.plugins.module_utils.names import membership_changes, nfc

ITEM_SPEC = dict(
    integration_pack_id=dict(type='str'),
    integration_pack_name=dict(type='str'),
    override_name=dict(type='str', aliases=['integration_pack_override_name']),
    environments=dict(type='list', elements='str'),
    exclusive=dict(type='bool', default=False),
    state=dict(type='str', choices=['present', 'absent'], default='present'),
)
ITEM_TEXT_OPTIONS = (('integration_pack_id', ()), ('integration_pack_name', ()), ('override_name', ('integration_pack_override_name',)))


def display_name(pack_name, override_name):
    return '%s / %s' % (pack_name, override_name) if override_name else pack_name


def env_names(names, attachments):
    """The sorted environment names of ``attachments`` (the ID where the name is unknown)."""
    return sorted(names.get(a['environment_id'], a['environment_id']) for a in attachments)


def given_field(raw, name, aliases=()):
    """Field ``name`` (or an alias) of an item as the task gave it, None when it is not there."""
    for key in (name,) + tuple(aliases):
        if key in raw:
            return raw[key]
    return None


def check_items(module):
    """The items with their name and ID fields checked as the task gave them (a list, a mapping, a number other than an
    integer or a boolean is refused, not turned into text): before any request."""
    given = module.given_value('instances')
    items = []
    for index, item in enumerate(module.params['instances']):
        raw = given[index] if isinstance(given, list) and index < len(given) and isinstance(given[index], dict) else item
        where = 'instances[%d]' % index
        checked = dict(item, where=where)
        for name, aliases in ITEM_TEXT_OPTIONS:
            checked[name] = module.text_option('%s.%s' % (where, name), value=given_field(raw, name, aliases))
        if item['environments'] is not None:
            refs = given_field(raw, 'environments')
            refs = refs if isinstance(refs, list) else item['environments']
            checked['environments'] = [module.text_option('%s.environments' % where, value=ref) for ref in refs]
        elif item['exclusive']:
            checked['environments'] = []  # exclusive without environments: attached to none
        items.append(checked)
    return items


def resolve_environments(client, refs, option):
    """``(environments, problems)`` for the environment IDs or names ``refs``: one looked up at a time, so that every
    unknown or ambiguous one is reported, not only the first."""
    found, problems = [], []
    for ref in refs:
        try:
            env = client.resolve_environments([ref], option=option, with_atoms=False)[0]
        except BoomiError as exc:
            if exc.operation != 'environment lookup':
                raise  # the API failed: not a problem of the item
            if exc.message not in problems:
                problems.append(exc.message)
            continue
        if env not in found:
            found.append(env)
    return found, problems


def plan_items(client, items, include_atoms=False, concurrency=1):
    """Every item checked against the account and its writes worked out, from one read of the account; nothing is written.

    ``items``: the checked items (see :func:`check_items`); ``concurrency`` > 1 sends the first reads at the same time.
    Returns ``{'names', 'steps'}``: ``names`` maps environment IDs to names; one step per item, in order: ``item``,
    ``pack``, ``name`` (what results call it), ``instance`` (installed now, or None), ``attachments`` (its attachments
    now), and the writes: ``install``, ``uninstall`` (booleans), ``to_attach`` (environment IDs), ``to_detach``
    (attachments). Raises :class:`BoomiInputError` naming every problem of every item
    (unknown or ambiguous packs and environments, override names, two items for one instance; also in its result,
    ``problems``), and :class:`BoomiError` when a read fails.
    """
    if not items:
        return {'names': {}, 'steps': []}
    installed = client.read_account(together=concurrency > 1)  # the attachments are read after the instances
    problems = []
    resolved = []
    for item in items:
        where = item['where']
        wanted, pack = None, None
        try:
            pack = client.resolve_pack(item['integration_pack_id'], item['integration_pack_name'])
        except BoomiError as exc:
            if exc.operation != 'pack lookup':
                raise  # the API failed: not a problem of the item
            problems.append('%s: %s' % (where, exc.message))
        if pack:
            problem = override_name_problem(pack, item['override_name'])
            if problem:
                problems.append('%s: %s' % (where, problem))
        if item['state'] == 'present' and item['environments'] is not None:
            wanted, env_problems = resolve_environments(client, item['environments'], '%s.environments' % where)
            problems.extend(env_problems)
        if pack:
            resolved.append((item, pack, wanted))
    seen = {}
    for item, pack, _wanted in resolved:
        key = (pack['id'], item['override_name'] or None)
        if key in seen:
            problems.append('%s and %s describe the same instance (%s): give each instance once'
                            % (seen[key], item['where'], display_name(pack['name'], item['override_name'])))
        else:
            seen[key] = item['where']
    if problems:
        raise problems_failure(problems, '%d item(s) of instances are wrong, nothing was changed')

    names = {e['id']: e['name'] for e in client.list_environments(with_atoms=False)}
    current = {}
    for instance in installed:
        current.setdefault((instance['integration_pack_id'], nfc(instance['override_name']) or None), instance)
    keys = [(pack['id'], item['override_name'] or None) for item, pack, _wanted in resolved]
    attachments = client.attachments_by_instance([current[k]['id'] for k in keys if k in current])
    steps = []
    for key, (item, pack, wanted) in zip(keys, resolved):
        instance = current.get(key)
        had = attachments.get(instance['id'], []) if instance else []
        step = dict(item=item, pack=pack, name=display_name(pack['name'], key[1]), instance=instance, attachments=had,
                    install=False, uninstall=False, to_attach=[], to_detach=[])
        if item['state'] == 'absent':
            if instance:
                step.update(uninstall=True, to_detach=list(had))
        else:
            step['install'] = instance is None
            if wanted is not None:
                step['to_attach'], step['to_detach'] = membership_changes(had, [e['id'] for e in wanted], 'environment_id', 'present', item['exclusive'])
        steps.append(step)
    atoms = {e['id']: list(e['atom_ids']) for e in client.list_environments(with_atoms=True)} if include_atoms else None
    return {'names': names, 'steps': steps, 'atoms': atoms}


def item_result(step):
    """One item's result before its writes."""
    pack, instance = step['pack'], step['instance']
    return dict(name=step['name'], id=instance['id'] if instance else None, integration_pack_id=pack['id'], integration_pack_name=pack['name'],
                override_name=step['item']['override_name'] or None, installation_type=pack['installation_type'], state=step['item']['state'],
                changed=False, installed=False, uninstalled=False, attached=[], detached=[], attachments=[])


def attachment_results(attachments, names):
    return sorted(({'id': a['id'], 'environment_id': a['environment_id'], 'environment_name': names.get(a['environment_id'])} for a in attachments),
                  key=lambda a: (a['environment_name'] or '', a['environment_id'] or ''))


def apply_step(client, step, result, names, check_mode=False):
    """Send the writes of one step of :func:`plan_items` (none in check mode) and fill in ``result`` (see :func:`item_result`)."""
    instance_id = result['id']
    if step['uninstall']:
        client.change_attachments(instance_id, step['attachments'], [], step['to_detach'], check_mode=check_mode)
        if not check_mode:
            client.uninstall_instance(instance_id)
        result.update(changed=True, uninstalled=True, id=None, detached=env_names(names, step['to_detach']), attachments=[])
        return
    if step['item']['state'] == 'absent':
        return
    if step['install']:
        if not check_mode:
            # the client refuses an answer that names another pack or override name than the one sent (BoomiError)
            instance_id = client.install_instance(step['pack']['id'], result['override_name'], include_processes=False)['id']
        result.update(changed=True, installed=True, id=instance_id)
    after = client.change_attachments(instance_id, step['attachments'], step['to_attach'], step['to_detach'], check_mode=check_mode)
    result.update(changed=result['changed'] or bool(step['to_attach'] or step['to_detach']), attachments=attachment_results(after, names),
                  attached=sorted(names.get(i, i) for i in step['to_attach']), detached=env_names(names, step['to_detach']))


def apply_plan(client, plan, check_mode=False, concurrency=DEFAULT_CONCURRENCY):
    """Send the writes of ``plan`` (see :func:`plan_items`); in check mode nothing is sent.

    The items are independent (two items never describe one instance), so up to ``concurrency`` of them are converged at
    once, each on its own thread and in its own order (install, detach, attach). Results and diffs keep the declared order.
    Returns the module's result. When a write fails, no further item is started (those already started finish), and
    :class:`WriteFailed` is raised, whose result reports ``changed`` (true when something was written, or may have been),
    the items done (``instances``, the failing one last, as far as it got) and every write sent, with its outcome
    (``writes``, from the client's journal ``client.writes``).
    """
    names = plan['names']
    steps = plan['steps']
    partials = [None] * len(steps)  # the result of each item that was started, as far as it got

    def work(index):
        partials[index] = item_result(steps[index])
        apply_step(client, steps[index], partials[index], names, check_mode)
        return partials[index]

    outcomes = run_items(client, len(steps), work, concurrency=concurrency, sequential=check_mode)
    results = [outcome[0] for outcome in outcomes if outcome is not None and outcome[1] is None]
    failed = [index for index, outcome in enumerate(outcomes) if outcome is not None and outcome[1] is not None]
    if failed:
        index = failed[0]
        raise write_failed(outcomes[index][1], index, [step['item'] for step in steps], steps, outcomes, client, 'instances',
                           report=lambda _item, step, record: write_report(step, record, names), result=lambda _item, value: value,
                           partial=lambda step, records: partial_result(partials[index], step, records, names),
                           latest=lambda entries, plans: None, label=lambda _item, step: step['name'],
                           words=lambda reports, made: '; '.join(described(r, made) for r in reports))
    before = {}
    for step in steps:
        before[item_result(step)['name']] = {'installed': bool(step['instance']), 'environments': env_names(names, step['attachments'])}
    after = {r['name']: {'installed': r['state'] == 'present', 'environments': [a['environment_name'] for a in r['attachments']]}
             for r in results}
    if plan.get('atoms') is not None:  # include_atoms: the Atoms of each attachment's environment
        for attachment in (a for r in results for a in r['attachments']):
            attachment['atom_ids'] = plan['atoms'].get(attachment['environment_id'], [])
    return dict(changed=any(r['changed'] for r in results), instances=results, diff=dict(before=before, after=after))


def partial_result(result, step, records, names):
    """The result of the item whose write failed, from the writes it sent (``records``, the client's journal entries)."""
    made = [w for w in records if w['outcome'] in MADE]

    def environments(operation):
        return sorted({e for w in made if w['operation'] == operation for e in w.get('environment_ids') or []})

    installs = [w for w in made if w['operation'] == 'install']
    uninstalled = any(w['operation'] == 'uninstall' for w in made)
    attached, detached = environments('attach'), environments('detach')
    kept = [a for a in step['attachments'] if a['environment_id'] not in detached]
    kept += [{'id': None, 'environment_id': e} for e in attached if e not in {a['environment_id'] for a in kept}]
    # an install's journal entry has the new instance's ID (not when another run installed it: apply_step noted it then)
    instance_id = (installs[-1].get('instance_id') if installs else None) or result['id']
    return dict(result, changed=any(w['outcome'] in MADE + MAYBE_MADE for w in records), installed=bool(installs), uninstalled=uninstalled,
                id=None if uninstalled else instance_id, attached=sorted(names.get(e, e) for e in attached),
                detached=sorted(names.get(e, e) for e in detached), attachments=[] if uninstalled else attachment_results(kept, names))


def write_report(step, record, names):
    """One write of the client's journal as ``writes`` reports it."""
    return {'item': step['item']['where'], 'name': step['name'], 'write': record['operation'], 'outcome': record['outcome'],
            'instance_id': record.get('instance_id'), 'environments': sorted(names.get(e, e) for e in record.get('environment_ids') or [])}


def described(report, made):
    """``report`` (see :func:`write_report`) in words: "attached to Test" when ``made``, else "attach to Test"."""
    verbs = {'install': ('installed', 'install'), 'uninstall': ('uninstalled', 'uninstall'),
             'attach': ('attached to', 'attach to'), 'detach': ('detached from', 'detach from')}
    verb = verbs.get(report['write'], (report['write'], report['write']))[0 if made else 1]
    return ' '.join([verb] + ([', '.join(report['environments'])] if report['environments'] else []))


def converge(client, items, check_mode=False, concurrency=DEFAULT_CONCURRENCY, include_atoms=False):
    """Plan (:func:`plan_items`) and apply (:func:`apply_plan`): the module's result. ``client`` may be None when there are no items."""
    return apply_plan(client, plan_items(client, items, include_atoms=include_atoms, concurrency=concurrency), check_mode=check_mode,
                      concurrency=concurrency)


def main():
    module = BoomiModule(
        argument_spec=dict(
            instances=dict(type='list', elements='dict', required=True, options=ITEM_SPEC,
                           mutually_exclusive=[('integration_pack_id', 'integration_pack_name')],
                           required_one_of=[('integration_pack_id', 'integration_pack_name')]),
            concurrency=dict(type='int', default=DEFAULT_CONCURRENCY),
            include_atoms=dict(type='bool', default=False),
        ),
        supports_check_mode=True,
    )
    items = check_items(module)
    concurrency = module.params['concurrency']
    if concurrency_problem(concurrency):
        module.fail_json(msg=concurrency_problem(concurrency))
    module.run(lambda: converge(module.client if items else None, items, check_mode=module.check_mode, concurrency=concurrency,
                                include_atoms=module.params['include_atoms']))


if __name__ == '__main__':
    main()

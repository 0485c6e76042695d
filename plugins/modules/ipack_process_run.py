# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: ipack_process_run
short_description: Run a process of a Boomi Integration Pack instance and wait for its result
version_added: 0.1.0
description:
  - Runs one process of an installed Integration Pack instance on the Atoms of an environment (one run per Atom) or on one Atom, and
    by default waits until every run has ended and fails the task when one ended in error. Use it as a smoke test after a rollout.
  - This is an action, not a state; every run that is not in check mode starts the process (C(changed=true)), except on the Atoms
    that O(skip_if_passed) leaves out.
  - A run is started with the REST C(ExecutionRequest) object or the GraphQL C(processExecute) mutation and followed through the REST
    C(ExecutionRecord) object, also with O(api=graphql) (GraphQL cannot follow one run), with the same account credentials.
  - A run is requested once, never twice. Before each run request the module reads the runs of the process on that Atom (one
    C(ExecutionRecord) query). When the answer of the request is lost (connection lost, timeout, HTTP 502 or 504), it looks for a run
    of the process on that Atom that was not there before the request (not a scheduled or listener run), until one appears or
    O(wait_timeout) seconds have passed since the request (Boomi writes the record only some time after the Atom takes the run). The
    run found is adopted; when none appears the task fails saying that the run may have started, with the time of the request.
  - The instance must be attached to the environment of the Atoms (see M(boomi.platform.ipack_env_attachment)); otherwise the process is
    not deployed there and the task fails before it starts anything.
author:
  - Boomi Platform Maintainers (@boomi-platform)
extends_documentation_fragment:
  - boomi.platform.connection
  - boomi.platform.attributes
attributes:
  check_mode:
    support: full
    details:
      - Nothing is started; the result lists the Atoms it would run on (C(changed=true) when there is one), with every other field of
        O(ignore:executions) null. O(skip_if_passed) reads the latest runs as a real run does.
      - With O(instance_id) null or empty (the instance would be installed by an earlier task in check mode) the process is not looked up.
  diff_mode:
    support: none
options:
  instance_id:
    description:
      - ID of the instance.
      - May be V(null) or empty only in check mode, when an earlier task would install the instance.
    type: str
    required: true
  process:
    description:
      - The process, by ID or by exact name.
      - For a multi-install pack, whose process names are C(<override name> - <process name>), the pack's own process name is accepted
        too (for example V(INT) for C(Order Intake EU - INT)).
    type: str
    required: true
  environment:
    description:
      - The environment (ID or exact name) to run in; an environment with several Atoms runs the process on each of them.
      - Mutually exclusive with O(atom_id); one of them is required.
    type: str
  atom_id:
    description:
      - ID of the one Atom (runtime) to run the process on.
    type: str
  dynamic_process_properties:
    description:
      - Dynamic process properties of the run, name to value. Values are text; V(true) and V(false) are sent as C(true) and C(false),
        an integer as its digits, null as a property without a value. Quote decimal numbers.
      - With O(api=graphql) a run with properties is started through the REST API (C(processExecute) takes none).
      - Boomi does not check the names; environment extensions override values given here.
    type: dict
  wait:
    description:
      - Wait until every run has ended (polling its execution record) and report its status, document counts and message.
      - With V(false) the task returns right after the runs were requested; O(ignore:executions[].status) is then null (no record yet).
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait for the runs to end, from the moment they were requested.
      - When it passes, the task fails with the execution ID and the last status of every run that had not ended. The run is not
        cancelled, it goes on in Boomi.
      - Also how long to look for a run whose request lost its answer, from the request, also with O(wait=false).
    type: int
    default: 600
  skip_if_passed:
    description:
      - Start the run only on the Atoms where the latest run of the process that a run request started (this module, Boomi's
        Execute, the API; not a scheduled, listener, sub-process or retry run) did not end C(COMPLETE) or C(COMPLETE_WARN), that
        is it ended in error, was aborted, discarded or is still running, or there is none. A gate that passed is not run again,
        one that failed is.
      - One C(ExecutionRecord) query per Atom (through REST, also with O(api=graphql)), in check mode too; the Atoms left out are
        in RV(skipped), and the task is not changed when every Atom is left out.
      - The role M(boomi.platform.integration_packs) sets it for the runs of the items a run did not change
        (O(boomi.platform.integration_packs#role:main:integration_packs_runs_when=changed)).
    type: bool
    default: false
  fail_on_error:
    description:
      - Fail the task when a run ends with status C(ERROR), C(ABORTED) or C(DISCARDED), with Boomi's message.
      - With V(false) such runs are returned like the others (C(failed=false)); check O(ignore:executions[].status).
      - C(COMPLETE_WARN) counts as success.
    type: bool
    default: true
notes:
  - Each run's record is read right after the runs were requested, then after 0.5 seconds, then 1.5 times later each time, at most
    10 seconds apart, and never past O(wait_timeout).
  - Starting a run needs the Execute privilege in the environment; reading it the View Results privilege.
seealso:
  - module: boomi.platform.ipack_process_schedule
  - module: boomi.platform.ipack_env_attachment
"""

EXAMPLES = r"""
- name: Smoke test - run INT in Test and fail the play when it ends in error
  boomi.platform.ipack_process_run:
    instance_id: "{{ eu.instance.id }}"
    process: INT
    environment: Test
    dynamic_process_properties:
      dry_run: "true"
    wait_timeout: 600
  register: smoke

- name: Show how many documents the run processed
  ansible.builtin.debug:
    msg: "{{ smoke.executions | map(attribute='outbound_document_count') | list }}"

- name: Run on every Atom of Production and keep going when a run fails
  boomi.platform.ipack_process_run:
    instance_id: "{{ eu.instance.id }}"
    process: Acknowledge
    environment: Production
    fail_on_error: false
  register: prod_runs

- name: Start a run on one Atom without waiting for it
  boomi.platform.ipack_process_run:
    instance_id: "{{ eu.instance.id }}"
    process: INT
    atom_id: 4bcb8312-2f45-4f29-ab2d-fa20598c0a76
    wait: false
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
executions:
  description:
    - One run per Atom, in the order of the Atom IDs (not the Atoms that O(skip_if_passed) left out).
    - In check mode, every field but O(ignore:executions[].atom_id) is null.
  returned: always
  type: list
  elements: dict
  contains:
    request_id:
      description:
        - The request ID Boomi gave the run (C(executionrecord-...)).
        - Null for a run adopted after the answer of its request was lost (the run is then known by its execution ID).
      type: str
      sample: executionrecord-2802cb0d-8237-4176-85cd-41abe669cdfc
    execution_id:
      description: The execution ID of the run (null until Boomi has a record of it).
      type: str
      sample: execution-73bca62e-7bf4-4c22-bcd9-26b3ec224f37-2026.04.23
    atom_id:
      description: The Atom the process ran on.
      type: str
      sample: 4bcb8312-2f45-4f29-ab2d-fa20598c0a76
    status:
      description:
        - The last status read, C(ENQUEUED), C(STARTED), C(INPROCESS), C(COMPLETE), C(COMPLETE_WARN), C(ERROR), C(ABORTED) or
          C(DISCARDED); null while Boomi has no record of the run (O(wait=false), check mode).
      type: str
      sample: COMPLETE
    duration_ms:
      description: How long the run took (while it runs, so far), in milliseconds.
      type: int
      sample: 5816
    inbound_document_count:
      description: Documents the run received.
      type: int
      sample: 1
    outbound_document_count:
      description: Documents the run sent.
      type: int
      sample: 1
    error_document_count:
      description: Inbound documents that ended in error.
      type: int
      sample: 0
    message:
      description: Boomi's message of the run (for a run in error, the error), or null.
      type: str
      sample: No data produced from map 'mapTest', please check source profile and make sure it matches source data.
    execution_time:
      description: When the run started (UTC, as Boomi gives it).
      type: str
      sample: '2026-04-23T18:30:00Z'
skipped:
  description:
    - The Atoms that O(skip_if_passed) left out, each with the latest run that passed there, in the form of RV(executions)
      (C(request_id) null).
    - Empty without O(skip_if_passed).
  returned: always
  type: list
  elements: dict
  sample:
    - request_id: null
      execution_id: execution-73bca62e-7bf4-4c22-bcd9-26b3ec224f37-2026.04.23
      atom_id: 4bcb8312-2f45-4f29-ab2d-fa20598c0a76
      status: COMPLETE
      duration_ms: 5816
      inbound_document_count: 1
      outbound_document_count: 1
      error_document_count: 0
      message: null
      execution_time: '2026-04-23T18:30:00Z'
process:
  description: The process that was run, C(id) and C(name) (C(id=null) in check mode for an instance not installed yet).
  returned: always
  type: dict
  sample:
    id: 0f3e9c1a-6b2d-4e8f-9a7c-5d1b3e2f4a60
    name: Order Intake EU - INT
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
      description: V(run).
      type: str
    outcome:
      description:
        - V(done) (Boomi answered, or a read after a lost answer showed it made).
        - V(unknown) (sent, but its answer was lost and no read or second send could tell whether it was made; check the account,
          or re-run the task, which reads the account first).
        - V(done by another run) (refused because another run made the same change after this task read the account).
      type: str
    process_id:
      description: The process.
      type: str
    atom_id:
      description: The Atom.
      type: str
    request_id:
      description: The run request's ID, when its answer came back.
      type: str
    execution_id:
      description: The run's execution ID, when a run was found after a lost answer.
      type: str
  sample:
    - write: run
      outcome: unknown
      process_id: 0f3e9c1a-6b2d-4e8f-9a7c-5d1b3e2f4a60
      atom_id: 4bcb8312-2f45-4f29-ab2d-fa20598c0a76
"""

from ansible_collections.boomi.platform.plugins.module_utils import _shapes as shapes
from ansible_collections.boomi.platform.plugins.module_utils import runs
from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, BoomiOutcomeUnknown
from ansible_collections.boomi.platform.plugins.module_utils.names import one_process


class RunFailed(BoomiError):
    """A run that ended in error or did not end in time: the task fails with ``result`` (the runs started are in it)."""

    def __init__(self, message, result):
        super().__init__(message)
        self.result = result


def plan_run(client, instance_id, process_ref, environment=None, atom_id=None, properties=(), wait=True, skip_if_passed=False):
    """The process and the Atoms a run starts on; nothing is started. ``instance_id`` None: an instance an earlier task would
    install (check mode): the Atoms of the environment (or the one Atom). Raises BoomiError (unknown process, Atom or environment,
    credentials that cannot call what the run needs) before any run.

    ``skip_if_passed``: the Atoms whose latest requested run of the process passed (``runs.gate_due``) are left out, in
    ``skipped`` (one ExecutionRecord query per Atom)."""
    client.check_run_apis(with_properties=bool(properties), follow=wait or skip_if_passed)
    env = client.resolve_environments([environment], option='environment')[0] if environment else None
    if instance_id is None:
        atoms = runs.target_atoms(client.list_environments(), None, env, atom_id)
        return {'process': {'id': None, 'name': process_ref}, 'atoms': atoms, 'properties': properties, 'pending': True, 'skipped': []}
    proc = one_process(client.list_processes(instance_id), process_ref)
    attached = {a['environment_id'] for a in client.list_attachments(instance_id)}
    atoms = sorted(runs.target_atoms(client.list_environments(), attached, env, atom_id, instance_id))
    latest = {atom: client.latest_requested_run(proc['id'], atom) for atom in atoms} if skip_if_passed else {}
    skipped = [shapes.execution(run, None, atom) for atom, run in latest.items() if not runs.gate_due(run)]
    atoms = [a for a in atoms if a not in {item['atom_id'] for item in skipped}]
    return {'process': {'id': proc['id'], 'name': proc['name']}, 'atoms': atoms, 'properties': properties, 'pending': False,
            'skipped': skipped}


def apply_run(client, plan, wait=True, wait_timeout=600, fail_on_error=True, check_mode=False):
    """Start the run on every Atom of ``plan`` (see :func:`plan_run`) and wait for them; in check mode nothing is started.
    Returns the module's result; raises :class:`RunFailed` for a run that ended in error (``fail_on_error``) or in no time."""
    process = plan['process']
    result = dict(changed=False, executions=[], process=process, skipped=plan['skipped'])
    if check_mode or plan['pending']:
        return dict(result, changed=bool(plan['atoms']), executions=[shapes.pending_execution(a) for a in plan['atoms']])
    executions = result['executions']
    try:
        for atom in plan['atoms']:
            executions.append(client.start_run(process['id'], atom, plan['properties'], wait_timeout))
        over = runs.wait_for_runs(client, executions, wait_timeout) if wait else True
    except BoomiError as exc:  # what was started (or may have started: a lost answer) is reported with the failure
        exc.result = dict(result, changed=bool(executions) or isinstance(exc, BoomiOutcomeUnknown))
        raise
    result['changed'] = bool(executions)
    if not over:
        raise RunFailed(runs.timeout_message(process['name'], executions, wait_timeout), result)
    if fail_on_error and any(item['status'] in runs.FAILED for item in executions):
        raise RunFailed(runs.failure_message(process['name'], executions), result)
    return result


def main():
    module = BoomiModule(
        argument_spec=dict(
            instance_id=dict(type='str', required=True),
            process=dict(type='str', required=True),
            environment=dict(type='str'),
            atom_id=dict(type='str'),
            dynamic_process_properties=dict(type='dict'),
            wait=dict(type='bool', default=True),
            wait_timeout=dict(type='int', default=600),
            fail_on_error=dict(type='bool', default=True),
            skip_if_passed=dict(type='bool', default=False),
        ),
        mutually_exclusive=[('environment', 'atom_id')],
        required_one_of=[('environment', 'atom_id')],
    )
    params = module.params
    instance_id = module.pending_instance_id()
    process_ref, environment, atom_id = module.text_options('process', 'environment', 'atom_id')
    wait, wait_timeout = params['wait'], params['wait_timeout']
    if wait_timeout < 1:
        module.fail_json(msg='wait_timeout must be at least 1 second, got %d' % wait_timeout)
    try:
        properties = runs.dynamic_properties(module.given_value('dynamic_process_properties'))
    except BoomiError as exc:
        module.fail_json(msg=exc.message)

    module.run(lambda: apply_run(module.client, plan_run(module.client, instance_id, process_ref, environment, atom_id, properties, wait,
                                                         params['skip_if_passed']),
                                 wait=wait, wait_timeout=wait_timeout, fail_on_error=params['fail_on_error'], check_mode=module.check_mode))


if __name__ == '__main__':
    main()

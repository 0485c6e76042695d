# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Process runs against the Boomi API simulator over real HTTP, through both backends: start, poll, adopt, time out."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.module_utils import _shapes as shapes
from ansible_collections.boomi.platform.plugins.module_utils import runs
from ansible_collections.boomi.platform.plugins.module_utils.client import BoomiClient
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiConfigError, BoomiError, BoomiInputError, BoomiOutcomeUnknown
from ansible_collections.boomi.platform.plugins.module_utils.names import find_process
from ansible_collections.boomi.platform.plugins.modules.ipack_process_run import RunFailed, apply_run, plan_run
from ansible_collections.boomi.platform.tests.unit.conftest import ACCOUNT_ID, USERNAME, FakeTime, connection

APIS = ('rest', 'graphql')


def make(sim, api, warnings=None, fake=None, **overrides):
    fake = fake or FakeTime()
    sim.executions.clock = fake.clock
    return BoomiClient(connection(sim, api, **overrides), warn=(warnings.append if warnings is not None else None),
                       sleep=fake.sleep, clock=fake.clock)


def setup(sim, api, environments=('Test', 'Production'), warnings=None, fake=None, **overrides):
    """An instance of Order Intake attached to ``environments``: ``(client, INT process, {environment name: environment})``."""
    client = make(sim, api, warnings, fake, **overrides)
    pack = client.resolve_pack(name='Order Intake')
    instance = client.install_instance(pack['id'], 'Runs EU')
    envs = {e['name']: e for e in client.resolve_environments(list(environments))} if environments else {}
    if envs:
        client.attach(instance['id'], [e['id'] for e in envs.values()])
    proc = find_process(client.list_processes(instance['id']), 'INT')
    return client, proc, envs


def committed_runs(sim):
    return sim.counts()['committed'].get('execute', 0)


def operations(sim, name):
    return [e for e in sim.log if e['operation'] == name]


# -- a run that completes, fails, runs on two Atoms -------------------------------------------------------


@pytest.mark.parametrize('api', APIS)
def test_a_run_is_followed_to_its_end_with_its_counts(sim, api):
    client, proc, envs = setup(sim, api)
    atom = envs['Test']['atom_ids'][0]
    started = client.start_run(proc['id'], atom)
    assert started['request_id'].startswith('executionrecord-') and started['status'] is None
    executions = [started]
    assert runs.wait_for_runs(client, executions, 60) is True
    done = executions[0]
    simulated = sim.executions.all_runs()
    assert len(simulated) == 1 and committed_runs(sim) == 1
    assert done == {
        'request_id': started['request_id'], 'execution_id': simulated[0]['executionId'], 'atom_id': atom, 'status': 'COMPLETE',
        'duration_ms': 300, 'inbound_document_count': 1, 'outbound_document_count': 1, 'error_document_count': 0, 'message': None,
        'execution_time': shapes.format_time(simulated[0]['started']),
    }
    assert [w['outcome'] for w in client.writes if w['operation'] == 'run'] == ['done']
    assert client.writes[-1]['request_id'] == started['request_id']
    # GraphQL starts with processExecute; both follow the run with REST ExecutionRecord/async (REST_WITH_GRAPHQL 'run records')
    assert len(operations(sim, 'processExecute' if api == 'graphql' else 'ExecutionRequest.create')) == 1
    assert len(operations(sim, 'ExecutionRecord.async')) >= 2


@pytest.mark.parametrize('api', APIS)
def test_a_run_that_ends_in_error_carries_boomis_message(sim, api):
    client, proc, envs = setup(sim, api)
    sim.set_run_outcome(proc['id'], status='ERROR', message="No data produced from map 'mapTest'")
    executions = [client.start_run(proc['id'], envs['Test']['atom_ids'][0])]
    assert runs.wait_for_runs(client, executions, 60) is True
    failed = executions[0]
    assert failed['status'] == 'ERROR' and failed['error_document_count'] == 1 and failed['outbound_document_count'] == 0
    assert failed['message'] == "No data produced from map 'mapTest'"
    text = runs.failure_message(proc['name'], executions)
    assert "ended ERROR" in text and "No data produced from map 'mapTest'" in text and failed['execution_id'] in text


@pytest.mark.parametrize('api', APIS)
def test_every_atom_of_an_environment_runs_and_is_waited_for(sim, api):
    client, proc, envs = setup(sim, api)
    atoms = envs['Production']['atom_ids']
    assert len(atoms) == 2
    executions = [client.start_run(proc['id'], atom) for atom in atoms]
    assert runs.wait_for_runs(client, executions, 60) is True
    assert [e['atom_id'] for e in executions] == atoms
    assert [e['status'] for e in executions] == ['COMPLETE', 'COMPLETE']
    assert len({e['execution_id'] for e in executions}) == 2
    assert sorted(r['atomId'] for r in sim.executions.all_runs()) == sorted(atoms)


# -- polling: the shapes of the async answer, Long forms, backoff, timeout -----------------------------------


@pytest.mark.parametrize('api', APIS)
@pytest.mark.parametrize('async_shape', ['wrapped', 'bare', 'inner202'])
@pytest.mark.parametrize('long_format', ['number', 'string', 'plain'])
def test_every_documented_async_answer_and_long_form_is_read(sim, api, async_shape, long_format):
    # the record appears 0.8 s after the request: the first poll, right after it, comes before it even on a busy machine
    sim.set_execution_config(async_shape=async_shape, long_format=long_format, run_time=1.0, record_delay=0.8)
    client, proc, envs = setup(sim, api)
    executions = [client.start_run(proc['id'], envs['Test']['atom_ids'][0])]
    assert runs.wait_for_runs(client, executions, 60) is True
    assert executions[0]['status'] == 'COMPLETE'
    assert executions[0]['duration_ms'] == 1000
    assert (executions[0]['inbound_document_count'], executions[0]['outbound_document_count']) == (1, 1)
    polls = operations(sim, 'ExecutionRecord.async')
    # the first poll came before the record existed: HTTP 202 (wrapped, bare) or 200 with an inner 202 (inner202)
    assert polls[0]['status'] == (200 if async_shape == 'inner202' else 202)
    assert polls[-1]['status'] == 200 and len(polls) >= 2


@pytest.mark.parametrize('api', APIS)
def test_polling_backs_off_and_a_timeout_leaves_the_run_going(sim, api):
    fake = FakeTime()
    client, proc, envs = setup(sim, api, fake=fake)
    sim.set_run_time(300, record_delay=0)  # a record at once, then five minutes of running
    executions = [client.start_run(proc['id'], envs['Test']['atom_ids'][0])]
    began = fake.now
    assert runs.wait_for_runs(client, executions, 45) is False
    assert fake.now - began == pytest.approx(45)  # waited exactly up to the deadline, not past it
    assert fake.slept[:4] == [0.5, 0.75, 1.125, 1.6875] and max(fake.slept) <= runs.POLL_MAX
    item = executions[0]
    assert item['status'] in ('ENQUEUED', 'STARTED', 'INPROCESS') and item['execution_id']
    text = runs.timeout_message(proc['name'], executions, 45)
    assert 'within 45 seconds' in text and item['execution_id'] in text and 'last status %s' % item['status'] in text
    assert 'the run goes on in Boomi' in text
    assert committed_runs(sim) == 1  # nothing cancelled, nothing started again


@pytest.mark.parametrize('api', APIS)
def test_a_run_whose_record_never_appears_times_out_with_its_request_id(sim, api):
    fake = FakeTime()
    client, proc, envs = setup(sim, api, fake=fake)
    sim.set_run_time(300, record_delay=300)
    executions = [client.start_run(proc['id'], envs['Test']['atom_ids'][0])]
    assert runs.wait_for_runs(client, executions, 5) is False
    text = runs.timeout_message(proc['name'], executions, 5)
    assert executions[0]['request_id'] in text and 'none yet (no execution record)' in text


@pytest.mark.parametrize('api', APIS)
def test_a_record_no_longer_served_by_request_id_is_read_by_execution_id(sim, api):
    client, proc, envs = setup(sim, api)
    sim.set_run_time(1.0, record_delay=0)
    item = client.run_record(client.start_run(proc['id'], envs['Test']['atom_ids'][0]))
    assert item['execution_id'] and item['status'] in ('ENQUEUED', 'STARTED', 'INPROCESS')
    sim.set_faults(next_responses=[{'status': 202, 'body': '', 'content_type': None}])
    del sim.log[:]
    again = client.run_record(item)
    assert again['execution_id'] == item['execution_id'] and again['status'] is not None
    assert [e['operation'] for e in sim.log] == ['ExecutionRecord.async', 'ExecutionRecord.query']


# -- a lost answer: adopt the run, never start a second one blindly ------------------------------------------


@pytest.mark.parametrize('api', APIS)
def test_a_run_whose_answer_is_lost_is_adopted_not_started_again(sim, api):
    warnings = []
    fake = FakeTime()
    client, proc, envs = setup(sim, api, warnings=warnings, fake=fake)
    sim.set_run_time(1.0, record_delay=0.8)  # the record appears only after the first lookups
    sim.set_faults(drop_after_commit={'operation': 'execute', 'count': 1})
    adopted = client.start_run(proc['id'], envs['Test']['atom_ids'][0])
    assert committed_runs(sim) == 1
    only = sim.executions.all_runs()[0]
    assert adopted['request_id'] is None and adopted['execution_id'] == only['executionId']
    assert any('looking for the new run among the ExecutionRecords' in w for w in warnings)
    assert any('was found and adopted' in w for w in warnings)
    assert client.writes[-1]['outcome'] == 'done' and client.writes[-1]['execution_id'] == only['executionId']
    assert len(operations(sim, 'ExecutionRecord.query')) >= 3  # one before the request, one before the record existed, one after
    assert fake.slept[:2] == [0.5, 1.0]
    executions = [adopted]
    assert runs.wait_for_runs(client, executions, 60) is True
    assert executions[0]['status'] == 'COMPLETE' and executions[0]['outbound_document_count'] == 1
    assert committed_runs(sim) == 1


@pytest.mark.parametrize('api', APIS)
def test_a_second_run_whose_answer_is_lost_reports_its_own_execution(sim, api):
    """Issue 24 point 3, the reference: a run, then 2 s later a second run whose answer is lost while Boomi shows a record only
    2 s after the Atom takes the run: the second task reports its own execution id, not the first run's."""
    warnings = []
    fake = FakeTime()
    client, proc, envs = setup(sim, api, warnings=warnings, fake=fake)
    atom = envs['Test']['atom_ids'][0]
    sim.set_run_time(5, record_delay=2)
    first = client.start_run(proc['id'], atom)
    fake.sleep(2)  # the first run's record appears now
    sim.set_faults(drop_after_commit={'operation': 'execute', 'count': 1})
    second = client.start_run(proc['id'], atom, wait_timeout=60)
    ours = [r for r in sim.executions.all_runs() if r['requestId'] != first['request_id']]
    assert len(ours) == 1 and committed_runs(sim) == 2
    assert second['execution_id'] == ours[0]['executionId'] and second['status'] in ('ENQUEUED', 'STARTED', 'INPROCESS')
    assert second['execution_time'] == shapes.format_time(ours[0]['started'])
    assert client.run_record(first)['execution_id'] != second['execution_id']
    assert not any('runs of process' in w for w in warnings)  # one new run: no doubt to warn about


@pytest.mark.parametrize('api', APIS)
def test_a_lost_answer_adopts_the_new_run_not_an_earlier_one(sim, api):
    warnings = []
    fake = FakeTime()
    client, proc, envs = setup(sim, api, warnings=warnings, fake=fake)
    atom = envs['Test']['atom_ids'][0]
    sim.executions.clock = lambda: fake.now - 20  # a run of the same process on the same Atom 20 s ago
    earlier = sim.executions.start(atom, proc['id'])
    sim.executions.clock = fake.clock
    sim.set_run_time(0.9, record_delay=0.6)
    sim.set_faults(drop_after_commit={'operation': 'execute', 'count': 1})
    adopted = client.start_run(proc['id'], atom)
    ours = [r for r in sim.executions.all_runs() if r['executionId'] != earlier['executionId']]
    assert len(ours) == 1 and adopted['execution_id'] == ours[0]['executionId']
    assert committed_runs(sim) == 1


@pytest.mark.parametrize('api', APIS)
def test_a_lost_request_is_never_sent_again_and_fails_after_wait_timeout_with_its_time(sim, api):
    """A gateway 502 that never reached Boomi: no new run appears, the run is not requested again, and the task fails after
    wait_timeout seconds saying that the run may have started, with the time of the request."""
    warnings = []
    fake = FakeTime()
    client, proc, envs = setup(sim, api, warnings=warnings, fake=fake)
    atom = envs['Test']['atom_ids'][0]
    client.start_run(proc['id'], atom)  # an earlier run of the process on that Atom: never taken for the lost one
    fake.sleep(1)
    original = client.api.execute

    def execute(*args):  # the answer of the run request (not of the query before it) is a 502
        sim.set_faults(next_responses=[{'status': 502, 'body': '<html>Bad Gateway</html>', 'content_type': 'text/html'}])
        return original(*args)

    client.api.execute = execute
    del sim.log[:]
    began = fake.now
    with pytest.raises(BoomiOutcomeUnknown) as err:
        client.start_run(proc['id'], atom, wait_timeout=45)
    assert fake.now - began == pytest.approx(45)  # looked for the run for wait_timeout seconds, not longer
    text = str(err.value)
    assert 'sent at %s' % shapes.format_time(began) in text and 'within 45 seconds (wait_timeout)' in text
    assert 'the run may have started; it was not requested again' in text and 'look for it in Boomi' in text
    assert len(operations(sim, 'processExecute' if api == 'graphql' else 'ExecutionRequest.create')) == 1
    assert len(sim.executions.all_runs()) == 1 and client.writes[-1]['outcome'] == 'unknown'  # the earlier run only
    assert not any('once more' in w for w in warnings)


@pytest.mark.parametrize('api', APIS)
def test_a_task_whose_run_may_have_started_fails_as_changed(sim, api):
    """ipack_process_run: the run on the second Atom of Production loses its answer and no new run shows: the task fails with
    changed true (a run may have started) and reports the run it did start on the first Atom."""
    fake = FakeTime()
    client, proc, envs = setup(sim, api, fake=fake)
    atoms = sorted(envs['Production']['atom_ids'])
    plan = plan_run(client, proc['instance_id'], 'INT', environment='Production')
    original = client.api.execute

    def execute(process_id, atom_id, properties=()):
        if atom_id == atoms[1]:  # this request reaches no Atom: the gateway answers 502
            sim.set_faults(next_responses=[{'status': 502, 'body': 'Bad Gateway', 'content_type': 'text/plain'}])
        return original(process_id, atom_id, properties)

    client.api.execute = execute
    with pytest.raises(BoomiOutcomeUnknown) as err:
        apply_run(client, plan, wait_timeout=30)
    assert err.value.result['changed'] is True and [e['atom_id'] for e in err.value.result['executions']] == [atoms[0]]
    assert 'the run may have started' in str(err.value) and 'within 30 seconds (wait_timeout)' in str(err.value)
    assert [r['atomId'] for r in sim.executions.all_runs()] == [atoms[0]]


@pytest.mark.parametrize('api', APIS)
def test_the_runs_are_read_once_before_the_request_and_not_after_an_answer(sim, api):
    client, proc, envs = setup(sim, api)
    del sim.log[:]
    client.start_run(proc['id'], envs['Test']['atom_ids'][0])
    assert [e['operation'] for e in sim.log] == ['ExecutionRecord.query', 'processExecute' if api == 'graphql' else 'ExecutionRequest.create']


@pytest.mark.parametrize('api', APIS)
def test_a_refused_run_is_an_error_and_never_looked_for(sim, api):
    client, proc, envs = setup(sim, api, environments=('Test',))
    atom = envs['Test']['atom_ids'][0]
    client.start_run(proc['id'], atom)  # a run of the process on that Atom exists: a refusal must still not adopt it
    client.detach(client.list_attachments(proc['instance_id'])[0])  # the process is no longer deployed there
    del sim.log[:]
    with pytest.raises(BoomiError) as err:
        client.start_run(proc['id'], atom)
    assert 'is not deployed to Runtime' in str(err.value)
    assert client.writes[-1]['outcome'] == 'failed'
    # the runs are read once, before the request; the refusal is not looked for after it
    assert [e['operation'] for e in sim.log if e['operation'] != 'JWT generation'][:1] == ['ExecutionRecord.query']
    assert len(operations(sim, 'ExecutionRecord.query')) == 1 and len(sim.executions.all_runs()) == 1


# -- a gate that failed runs again (skip_if_passed) ----------------------------------------------------------------


def record(execution_id, status, when, execution_type='exec_manual', process_id='p1', atom_id='a1'):
    return {'executionId': execution_id, 'status': status, 'executionTime': '2026-04-23T18:%02d:00Z' % when, 'executionType': execution_type,
            'processId': process_id, 'atomId': atom_id}


@pytest.mark.parametrize('records, latest, due', [
    ([], None, True),
    ([record('old', 'COMPLETE', 1), record('new', 'ERROR', 2)], 'new', True),
    ([record('new', 'ERROR', 2), record('old', 'COMPLETE', 1)], 'new', True),  # by executionTime, not by the order of the answer
    ([record('ok', 'COMPLETE', 1), record('sched', 'ERROR', 2, 'exec_sched'), record('listen', 'ERROR', 3, 'exec_listener')], 'ok', False),
    ([record('bad', 'ERROR', 1), record('sched', 'COMPLETE', 2, 'exec_sched'), record('retry', 'COMPLETE', 3, 'retry_manual')], 'bad', True),
    ([record('warn', 'COMPLETE_WARN', 1)], 'warn', False),
    ([record('running', 'INPROCESS', 1)], 'running', True),
    ([record('aborted', 'ABORTED', 1)], 'aborted', True),
    ([record('other', 'ERROR', 2, atom_id='a2'), record('ok', 'COMPLETE', 1)], 'ok', False),  # another Atom's run is not this one's
    ([record('sched', 'COMPLETE', 1, 'exec_sched')], None, True),  # only scheduled runs: the gate never ran
])
def test_a_gate_is_due_again_unless_its_latest_requested_run_passed(records, latest, due):
    found = shapes.latest_requested(records, 'p1', 'a1')
    assert (found or {}).get('executionId') == latest
    assert runs.gate_due(found) is due


@pytest.mark.parametrize('api', APIS)
def test_skip_if_passed_runs_only_where_the_last_requested_run_did_not_pass(sim, api):
    fake = FakeTime()
    client, proc, envs = setup(sim, api, fake=fake)
    atoms = envs['Production']['atom_ids']
    plan = plan_run(client, proc['instance_id'], 'INT', environment='Production', skip_if_passed=True)
    assert plan['atoms'] == sorted(atoms) and plan['skipped'] == []  # never ran: due

    sim.set_run_outcome(proc['id'], status='ERROR', message='Order DB: connection refused')
    with pytest.raises(RunFailed) as err:
        apply_run(client, plan)
    assert 'Order DB: connection refused' in str(err.value)
    assert len(sim.executions.all_runs()) == 2

    sim.set_run_outcome(proc['id'], status=None)
    fake.sleep(60)
    sim.executions.start(atoms[0], proc['id'], execution_type='exec_sched')  # a scheduled run that passes is no gate
    fake.sleep(60)
    again = plan_run(client, proc['instance_id'], 'INT', environment='Production', skip_if_passed=True)
    assert again['atoms'] == sorted(atoms) and again['skipped'] == []
    # one gate passes, the other fails again; then only the failed one is due
    sim.set_run_outcome(proc['id'], status='ERROR')
    first = client.start_run(proc['id'], atoms[0])
    sim.set_run_outcome(proc['id'], status=None)
    second = client.start_run(proc['id'], atoms[1])
    assert runs.wait_for_runs(client, [first, second], 60)
    fake.sleep(60)
    sim.set_run_outcome(proc['id'], status='ERROR')
    sim.executions.start(atoms[1], proc['id'], execution_type='exec_sched')  # a scheduled run that fails does not make it due
    fake.sleep(60)
    sim.set_run_outcome(proc['id'], status=None)
    del sim.log[:]
    plan = plan_run(client, proc['instance_id'], 'INT', environment='Production', skip_if_passed=True)
    assert plan['atoms'] == [atoms[0]]
    assert [(s['atom_id'], s['status'], s['request_id']) for s in plan['skipped']] == [(atoms[1], 'COMPLETE', None)]
    assert plan['skipped'][0]['execution_id'] == [r for r in sim.executions.all_runs() if r['requestId'] == second['request_id']][0]['executionId']
    assert len(operations(sim, 'ExecutionRecord.query')) == 2  # one per Atom
    predicted = apply_run(client, plan, check_mode=True)
    assert predicted['changed'] is True and [e['atom_id'] for e in predicted['executions']] == [atoms[0]]
    done = apply_run(client, plan)
    assert done['changed'] is True and [(e['atom_id'], e['status']) for e in done['executions']] == [(atoms[0], 'COMPLETE')]
    assert done['skipped'] == plan['skipped']

    quiet = plan_run(client, proc['instance_id'], 'INT', environment='Production', skip_if_passed=True)
    before = len(sim.executions.all_runs())
    assert quiet['atoms'] == [] and apply_run(client, quiet, check_mode=True)['changed'] is False
    result = apply_run(client, quiet)
    assert result['changed'] is False and result['executions'] == [] and len(result['skipped']) == 2
    assert len(sim.executions.all_runs()) == before
    # without skip_if_passed every Atom runs, as before
    assert plan_run(client, proc['instance_id'], 'INT', environment='Production')['atoms'] == sorted(atoms)


# -- properties, credentials ---------------------------------------------------------------------------------


@pytest.mark.parametrize('api', APIS)
def test_dynamic_process_properties_reach_the_run(sim, api):
    client, proc, envs = setup(sim, api)
    client.check_run_apis(with_properties=True)
    properties = runs.dynamic_properties({'dry_run': True, 'batch': 50, 'label': 'Caf\u00e9 "x"', 'empty': None})
    client.start_run(proc['id'], envs['Test']['atom_ids'][0], properties)
    dynamic = sim.executions.all_runs()[0]['DynamicProcessProperties']['DynamicProcessProperty']
    assert [(p['name'], p.get('value')) for p in dynamic] == [('batch', '50'), ('dry_run', 'true'), ('empty', None), ('label', 'Caf\u00e9 "x"')]
    assert 'value' not in dynamic[2]  # null: a property without a value
    # processExecute takes no properties: with GraphQL such a run is started with REST ExecutionRequest
    assert [e['api'] for e in operations(sim, 'ExecutionRequest.create')] == ['rest']
    assert not operations(sim, 'processExecute')


@pytest.mark.parametrize('value, message', [
    ({'ratio': 1.1}, 'dynamic_process_properties.ratio must be a string, got a number'),
    ({'items': ['a']}, 'dynamic_process_properties.items must be a string, got a list'),
    ({'': 'x'}, 'must not be empty'),
    ({'bad\u202ename': 'x'}, 'bidirectional'),
    ('dry_run=true', 'must be a mapping'),
])
def test_bad_dynamic_process_properties_are_refused(value, message):
    with pytest.raises(BoomiInputError) as err:
        runs.dynamic_properties(value)
    assert message in str(err.value)


def test_graphql_with_only_a_bearer_token_cannot_follow_a_run_and_says_so_before_any_request(sim):
    client = make(sim, 'graphql', [], api_token=None, username=None, bearer_token='x.y.z')
    with pytest.raises(BoomiConfigError) as err:
        client.check_run_apis(with_properties=False, follow=True)
    assert 'ExecutionRecord of a process run' in str(err.value) and 'bearer_token cannot call' in str(err.value)
    with pytest.raises(BoomiConfigError) as err:
        client.check_run_apis(with_properties=True, follow=False)
    assert 'processExecute takes no properties' in str(err.value)
    client.check_run_apis(with_properties=False, follow=False)  # start only, through GraphQL: fine
    assert not sim.log


def test_graphql_with_only_a_bearer_token_does_not_request_a_lost_run_again(sim):
    setup(sim, 'graphql')
    token = sim.jwt.issue(USERNAME, ACCOUNT_ID, 300)
    client = make(sim, 'graphql', [], api_token=None, username=None, bearer_token=token)
    proc = find_process(client.list_processes(client.list_instances()[0]['id']), 'INT')
    atom = client.resolve_environments(['Test'])[0]['atom_ids'][0]
    client.check_run_apis(follow=False)
    sim.set_faults(drop_after_commit={'operation': 'execute', 'count': 1})
    with pytest.raises(BoomiOutcomeUnknown) as err:
        client.start_run(proc['id'], atom)
    assert 'the run was not requested again' in str(err.value) and 'may have started' in str(err.value)
    assert len(sim.executions.all_runs()) == 1 and not [e for e in sim.log if e['api'] == 'rest']


# -- the normalisation on its own ------------------------------------------------------------------------------


@pytest.mark.parametrize('value', [['Long', 300], ['Long', '300'], 300, '300'])
def test_long_numbers_in_every_documented_form(value):
    assert shapes.long_number(value, 'executionDuration') == 300


@pytest.mark.parametrize('value', [['Long', 'abc'], {'value': 3}, True, 1.5])
def test_a_long_that_is_not_a_number_is_an_error_naming_the_field(value):
    with pytest.raises(BoomiError) as err:
        shapes.long_number(value, 'executionDuration')
    assert 'executionDuration' in str(err.value)


RECORD = {'@type': 'ExecutionRecord', 'executionId': 'execution-1', 'status': 'INPROCESS', 'atomId': 'a1'}


@pytest.mark.parametrize('body, expected', [
    (None, None),
    ({'@type': 'AsyncOperationResult', 'responseStatusCode': 202}, None),
    ({'@type': 'AsyncOperationResult', 'responseStatusCode': '202'}, None),
    ({'@type': 'AsyncOperationResult', 'result': [RECORD], 'numberOfResults': 1, 'responseStatusCode': 200}, RECORD),
    ({'@type': 'AsyncOperationResult', 'result': RECORD, 'responseStatusCode': 200}, RECORD),
    (RECORD, RECORD),
])
def test_async_answers_pending_or_record(body, expected):
    assert shapes.async_record(body) == expected


@pytest.mark.parametrize('body, message', [
    ({'@type': 'AsyncOperationResult', 'responseStatusCode': 200, 'result': []}, 'responseStatusCode 200 and no ExecutionRecord'),
    ({'@type': 'AsyncOperationResult', 'result': ['x']}, 'not an ExecutionRecord'),
    (['x'], 'not an ExecutionRecord'),
    ({'message': 'hello'}, 'neither an ExecutionRecord nor an AsyncOperationResult'),
])
def test_async_answers_of_the_wrong_shape_are_errors(body, message):
    with pytest.raises(BoomiError) as err:
        shapes.async_record(body)
    assert message in str(err.value)


@pytest.mark.parametrize('text, expected', [
    ('2026-04-23T18:30:00Z', 1776969000.0), ('2026-04-23T18:30:00.000Z', 1776969000.0), ('2026-04-23T18:30:00+00:00', 1776969000.0),
    ('2026-04-23T18:30:00.1234567Z', 1776969000.0), ('yesterday', None), (None, None),
])
def test_boomi_times_are_read(text, expected):
    assert shapes.parse_time(text) == expected
    if expected is not None:
        assert shapes.format_time(expected) == '2026-04-23T18:30:00Z'


def test_the_run_nearest_to_the_request_is_chosen():
    records = [{'executionId': 'old', 'executionTime': '2026-04-23T18:29:10Z'}, {'executionId': 'ours', 'executionTime': '2026-04-23T18:30:01Z'},
               {'executionId': 'later', 'executionTime': '2026-04-23T18:30:40Z'}]
    assert shapes.nearest(records, 1776969000.0)['executionId'] == 'ours'
    scheduled = dict(records[1], executionType='exec_sched')
    assert shapes.adoptable([scheduled], None, None) == []

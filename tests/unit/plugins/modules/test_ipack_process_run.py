# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack_process_run: its ``main()`` in process against the simulator, through both APIs, on a fake clock (no real wait).

A run that completes, one that ends in error (the task fails with Boomi's message; fail_on_error: false returns it), an
environment with two Atoms, one Atom by ID, wait: false, wait_timeout exceeded, check mode, a lost answer, bad input.
"""

from __future__ import annotations

import re
import time

import pytest

from ansible_collections.boomi.platform.plugins.modules.ipack_process_run import main
from ansible_collections.boomi.platform.tests.unit.conftest import API_TOKEN, PASSWORD
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import ORDER_INTAKE, PRODUCTION, PRODUCTION_ATOMS, TEST, writes
from ansible_collections.boomi.platform.tests.unit.plugins.modules.module_faults import refuse_writes_after

TEST_ATOM = '83af9ff8-c60c-4a8a-8b9a-c4dfdbb303f1'
START = {'rest': 'ExecutionRequest.create', 'graphql': 'processExecute'}


@pytest.fixture
def instance(sim):
    """Order Intake 'Runs EU', attached to Test and Production."""
    created = sim.state.install(ORDER_INTAKE, 'Runs EU')
    sim.state.attach(created['id'], [TEST, PRODUCTION])
    return created


@pytest.fixture
def fake(fake_time):
    return fake_time


def process_id(instance, suffix):
    [found] = [p['id'] for p in instance['processes'] if p['name'].endswith(' - ' + suffix)]
    return found


def committed_runs(sim):
    return sim.counts()['committed'].get('execute', 0)


def operations(sim):
    return [e['operation'] for e in sim.log]


def test_a_run_that_completes_reports_its_documents(sim, run_module, instance, fake):
    failed, result = run_module(main, instance_id=instance['id'], process='INT', environment='Test',
                                dynamic_process_properties={'dry_run': 'true'})
    assert not failed and result['changed'] is True, result
    assert result['process'] == {'id': process_id(instance, 'INT'), 'name': 'Runs EU - INT'}
    simulated = sim.executions.all_runs()
    assert len(simulated) == 1 and committed_runs(sim) == 1
    assert result['executions'] == [{
        'request_id': simulated[0]['requestId'], 'execution_id': simulated[0]['executionId'], 'atom_id': TEST_ATOM,
        'status': 'COMPLETE', 'duration_ms': 300, 'inbound_document_count': 1, 'outbound_document_count': 1,
        'error_document_count': 0, 'message': None,
        'execution_time': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(int(simulated[0]['started']))),
    }]
    assert simulated[0]['DynamicProcessProperties']['DynamicProcessProperty'] == [{'@type': '', 'name': 'dry_run', 'value': 'true'}]
    # with properties the run starts through REST ExecutionRequest, also with GraphQL (processExecute takes none)
    assert operations(sim).count('ExecutionRequest.create') == 1 and 'processExecute' not in operations(sim)
    assert fake.slept  # the module waited, on the fake clock


def test_a_run_that_ends_in_error_fails_the_task_with_boomis_message(sim, run_module, instance, fake):
    sim.set_run_outcome(process_id(instance, 'INT'), status='ERROR', message="No data produced from map 'mapTest'")
    failed, result = run_module(main, instance_id=instance['id'], process='INT', environment='Test')
    assert failed and result['changed'] is True, result
    assert "the run of process 'Runs EU - INT' ended ERROR" in result['msg'] and "No data produced from map 'mapTest'" in result['msg']
    execution = result['executions'][0]
    assert execution['status'] == 'ERROR' and execution['execution_id'] in result['msg'] and execution['error_document_count'] == 1

    failed, kept = run_module(main, instance_id=instance['id'], process='INT', environment='Test', fail_on_error=False)
    assert not failed and kept['changed'] is True
    assert [(e['status'], e['message']) for e in kept['executions']] == [('ERROR', "No data produced from map 'mapTest'")]
    assert committed_runs(sim) == 2


def test_an_environment_with_two_atoms_runs_on_each(sim, api, run_module, instance, fake):
    failed, result = run_module(main, instance_id=instance['id'], process='Acknowledge', environment='Production')
    assert not failed, result
    executions = result['executions']
    assert [e['atom_id'] for e in executions] == sorted(PRODUCTION_ATOMS)
    assert [e['status'] for e in executions] == ['COMPLETE', 'COMPLETE']
    assert sorted(e['execution_id'] for e in executions) == sorted(r['executionId'] for r in sim.executions.all_runs())
    assert committed_runs(sim) == 2
    assert operations(sim).count(START[api]) == 2  # GraphQL: processExecute, followed through REST
    assert {e['api'] for e in sim.log if e['operation'] == 'ExecutionRecord.async'} == {'rest'}


def test_one_atom_by_id(sim, run_module, instance, fake):
    atom = PRODUCTION_ATOMS[1]
    failed, result = run_module(main, instance_id=instance['id'], process='INT', atom_id=atom)
    assert not failed, result
    assert [(e['atom_id'], e['status']) for e in result['executions']] == [(atom, 'COMPLETE')]
    assert [r['atomId'] for r in sim.executions.all_runs()] == [atom]


def test_wait_false_returns_right_after_starting(sim, run_module, instance, fake):
    sim.set_run_time(120)
    failed, result = run_module(main, instance_id=instance['id'], process='INT', environment='Test', wait=False)
    assert not failed and result['changed'] is True and committed_runs(sim) == 1
    execution, [simulated] = result['executions'][0], sim.executions.all_runs()
    assert execution['request_id'] == simulated['requestId'] and execution['status'] is None
    assert 'ExecutionRecord.async' not in operations(sim) and fake.slept == []
    assert sim.executions.dump()['runs'][0]['status'] in (None, 'ENQUEUED', 'STARTED', 'INPROCESS')  # still running in Boomi


def test_wait_timeout_exceeded_fails_and_leaves_the_run_going(sim, run_module, instance, fake):
    sim.set_run_time(120, record_delay=0)
    began = fake.now
    failed, result = run_module(main, instance_id=instance['id'], process='INT', environment='Test', wait_timeout=2)
    assert failed and result['changed'] is True, result
    [simulated] = sim.executions.dump()['runs']
    assert committed_runs(sim) == 1
    assert 'did not end within 2 seconds' in result['msg'] and 'the run goes on in Boomi, it is not cancelled' in result['msg']
    assert simulated['executionId'] in result['msg'] and result['executions'][0]['execution_id'] == simulated['executionId']
    assert any('last status %s' % status in result['msg'] for status in ('ENQUEUED', 'STARTED', 'INPROCESS')), result['msg']
    assert simulated['status'] in ('ENQUEUED', 'STARTED', 'INPROCESS')
    assert 2 <= fake.now - began < 10  # waited out the timeout on the fake clock, no longer


def test_check_mode_starts_nothing(sim, run_module, instance, fake):
    failed, result = run_module(main, check_mode=True, instance_id=instance['id'], process='INT', environment='Production')
    assert not failed and result['changed'] is True, result
    assert [e['atom_id'] for e in result['executions']] == sorted(PRODUCTION_ATOMS)
    assert all(e['status'] is None and e['request_id'] is None for e in result['executions'])
    assert result['process']['name'] == 'Runs EU - INT'
    # an instance that an earlier check-mode task would install: instance_id empty, still no failure, nothing started
    failed, pending = run_module(main, check_mode=True, instance_id='', process='INT', environment='Test')
    assert not failed and pending['changed'] is True and pending['process'] == {'id': None, 'name': 'INT'}
    assert writes(sim) == [] and sim.executions.all_runs() == []


def test_a_lost_answer_on_the_run_request_starts_exactly_one_run(sim, run_module, instance, fake):
    sim.set_run_time(0.6, record_delay=0.3)
    sim.set_faults(drop_after_commit={'operation': 'execute', 'count': 1})
    failed, result = run_module(main, instance_id=instance['id'], process='INT', environment='Test')
    assert not failed and result['changed'] is True, result
    [simulated] = sim.executions.all_runs()
    assert committed_runs(sim) == 1
    execution = result['executions'][0]
    assert execution['request_id'] is None and execution['execution_id'] == simulated['executionId'] and execution['status'] == 'COMPLETE'
    warnings = ' | '.join(str(w) for w in result.get('warnings') or [])
    assert re.search(r'the connection to 127\.0\.0\.1:\d+ \(http://\S+/(ExecutionRequest|graphql)\) was lost after the request was sent',
                     warnings), warnings
    assert 'looking for the new run among the ExecutionRecords' in warnings and 'was found and adopted' in warnings


def test_a_second_run_whose_answer_is_lost_reports_its_own_execution(sim, run_module, instance, fake):
    """Issue 24 point 3: a run, then right after it a second run whose answer is lost, while Boomi shows a record only 2 s after
    the Atom takes the run: the second task reports its own run, not the first one's (moved from tests/integration/test_process_run.py,
    a playbook of these two tasks)."""
    sim.set_run_time(2, record_delay=2)  # the first task ends as soon as its run's record appears; the second starts right after
    failed, first = run_module(main, instance_id=instance['id'], process='INT', environment='Test')
    assert not failed, first
    sim.set_faults(drop_after_commit={'operation': 'execute'})
    failed, second = run_module(main, instance_id=instance['id'], process='INT', environment='Test', wait_timeout=60)
    assert not failed and second['changed'] is True, second
    first, second = first['executions'][0], second['executions'][0]
    simulated = sim.executions.all_runs()
    assert len(simulated) == 2 and committed_runs(sim) == 2
    assert first['execution_id'] == simulated[0]['executionId'] and first['request_id'] == simulated[0]['requestId']
    assert second['execution_id'] == simulated[1]['executionId'] and second['request_id'] is None
    assert second['status'] == 'COMPLETE'


def test_a_failure_after_a_run_started_reports_it(sim, run_module, instance, fake, monkeypatch):
    """Two Atoms: the first run starts, Boomi refuses the second: the task fails with changed, and names the run it started."""
    refuse_writes_after(monkeypatch, sim, 1)
    failed, result = run_module(main, max_retries=0, instance_id=instance['id'], process='Acknowledge', environment='Production')
    sim.clear_faults()
    assert failed and result['changed'] is True, result
    [simulated] = sim.executions.all_runs()
    assert [(e['atom_id'], e['request_id']) for e in result['executions']] == [(simulated['atomId'], simulated['requestId'])]
    assert simulated['atomId'] == sorted(PRODUCTION_ATOMS)[0]


@pytest.mark.parametrize('override, message', [
    ({'process': 'No Such Process'}, "process 'No Such Process': the instance has no such process"),
    ({'environment': 'Sandbox'}, 'ambiguous'),
    ({'environment': None, 'atom_id': 'no-such-atom'}, "atom_id 'no-such-atom': no Atom of the account has this id"),
    ({'wait_timeout': 0}, 'wait_timeout must be at least 1 second, got 0'),
    ({'dynamic_process_properties': {'ratio': 1.5}}, 'dynamic_process_properties.ratio must be a string, got a number'),
    ({'atom_id': 'x'}, 'parameters are mutually exclusive: environment|atom_id'),
    ({'environment': None}, 'one of the following is required: environment, atom_id'),
    ({'instance_id': ''}, 'instance_id is required'),
    ({'process': None}, 'missing required arguments: process'),
    ({'wait': 'sometimes'}, "argument 'wait' is of type"),
])
def test_bad_input_fails_clearly_before_any_run(sim, run_module, instance, fake, override, message):
    options = {k: v for k, v in dict({'instance_id': instance['id'], 'process': 'INT', 'environment': 'Test'}, **override).items() if v is not None}
    failed, result = run_module(main, **options)
    assert failed and message in result['msg'], result['msg']
    assert not result.get('changed') and writes(sim) == [] and sim.executions.all_runs() == []


def test_an_environment_the_instance_is_not_attached_to_fails_before_any_run(sim, run_module, fake):
    created = sim.state.install(ORDER_INTAKE, 'Runs EU')
    sim.state.attach(created['id'], [TEST])
    failed, result = run_module(main, instance_id=created['id'], process='INT', environment='Production')
    assert failed and 'is not attached to environment' in result['msg'] and 'attach the instance' in result['msg'], result['msg']
    assert writes(sim) == [] and sim.executions.all_runs() == []


def test_invocation_masks_the_credentials(sim, api, run_module, instance, fake):
    failed, result = run_module(main, instance_id=instance['id'], process='No Such Process', environment='Test')
    assert failed
    assert (PASSWORD if api == 'rest' else API_TOKEN) not in str(result)
    assert result['invocation']['module_args']['password' if api == 'rest' else 'api_token'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'

# -*- coding: utf-8 -*-
"""ipack_process_run against the simulator, through REST and GraphQL, with real ansible-playbook runs.

A run that completes, one that ends in error (the task fails with Boomi's message; fail_on_error: false returns it),
an environment with two Atoms, wait: false, wait_timeout exceeded, check mode, a lost answer, bad input.
"""

from __future__ import annotations

import re
import time

import pytest

from conftest import REPO

START = {'rest': 'ExecutionRequest.create', 'graphql': 'processExecute'}


def setup_instance(seed, environments=('Test', 'Production')):
    instance_id = seed.install('Order Intake', 'Runs EU')
    seed.attach(instance_id, list(environments))
    return instance_id


def process_id(seed, instance_id, suffix):
    found = [p['id'] for i in seed.state()['instances'] if i['id'] == instance_id for p in i['processes'] if p['name'].endswith(' - ' + suffix)]
    assert len(found) == 1, found
    return found[0]


def committed_runs(run):
    return sum(e.get('committed', []).count('execute') for e in run.log)


def test_a_run_that_completes_reports_its_documents(ansible, seed, sim, api):
    instance_id = setup_instance(seed)
    run = ansible.playbook('process_run.yml', api, {'run': {'instance_id': instance_id, 'process': 'INT', 'environment': 'Test',
                                                            'dynamic_process_properties': {'dry_run': 'true'}}})
    run.assert_ok().assert_no_traceback().assert_no_secrets()
    result = run['Run']
    assert result['changed'] is True
    assert result['process'] == {'id': process_id(seed, instance_id, 'INT'), 'name': 'Runs EU - INT'}
    simulated = sim.executions.all_runs()
    assert len(simulated) == 1 and committed_runs(run) == 1
    assert result['executions'] == [{
        'request_id': simulated[0]['requestId'], 'execution_id': simulated[0]['executionId'],
        'atom_id': seed.environments()[seed.env_id('Test')]['atom_ids'][0], 'status': 'COMPLETE', 'duration_ms': 300,
        'inbound_document_count': 1, 'outbound_document_count': 1, 'error_document_count': 0, 'message': None,
        'execution_time': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(int(simulated[0]['started']))),
    }]
    assert run['After the run']['msg'] == ['COMPLETE']
    assert simulated[0]['DynamicProcessProperties']['DynamicProcessProperty'] == [{'@type': '', 'name': 'dry_run', 'value': 'true'}]
    # with properties the run starts through REST ExecutionRequest, also with GraphQL (processExecute takes none)
    assert run.operations().count('ExecutionRequest.create') == 1 and 'processExecute' not in run.operations()


def test_a_run_that_ends_in_error_fails_the_task_with_boomis_message(ansible, seed, sim, api):
    instance_id = setup_instance(seed)
    sim.set_run_outcome(process_id(seed, instance_id, 'INT'), status='ERROR', message="No data produced from map 'mapTest'")
    run = ansible.playbook('process_run.yml', api, {'run': {'instance_id': instance_id, 'process': 'INT', 'environment': 'Test'}})
    assert run.rc != 0
    run.assert_no_traceback().assert_no_secrets()
    task = run.task('Run')
    assert task['failed'] is True and task['changed'] is True
    assert "the run of process 'Runs EU - INT' ended ERROR" in task['msg'] and "No data produced from map 'mapTest'" in task['msg']
    execution = task['result']['executions'][0]
    assert execution['status'] == 'ERROR' and execution['execution_id'] in task['msg'] and execution['error_document_count'] == 1
    assert run.tasks('After the run') == []  # the play stopped

    kept = ansible.playbook('process_run.yml', api, {'run': {'instance_id': instance_id, 'process': 'INT', 'environment': 'Test',
                                                             'fail_on_error': False}}).assert_ok()
    result = kept['Run']
    assert kept.task('Run')['failed'] is False and result['changed'] is True
    assert [(e['status'], e['message']) for e in result['executions']] == [('ERROR', "No data produced from map 'mapTest'")]
    assert kept['After the run']['msg'] == ['ERROR']
    assert committed_runs(run) == 1 and committed_runs(kept) == 1


def test_an_environment_with_two_atoms_runs_on_each(ansible, seed, sim, api):
    instance_id = setup_instance(seed)
    atoms = seed.environments()[seed.env_id('Production')]['atom_ids']
    assert len(atoms) == 2
    run = ansible.playbook('process_run.yml', api, {'run': {'instance_id': instance_id, 'process': 'Acknowledge',
                                                            'environment': 'Production'}}).assert_ok()
    executions = run['Run']['executions']
    assert [e['atom_id'] for e in executions] == atoms
    assert [e['status'] for e in executions] == ['COMPLETE', 'COMPLETE']
    assert sorted(e['execution_id'] for e in executions) == sorted(r['executionId'] for r in sim.executions.all_runs())
    assert committed_runs(run) == 2
    assert run.operations().count(START[api]) == 2  # GraphQL: processExecute, followed through REST
    assert {e['api'] for e in run.log if e['operation'] == 'ExecutionRecord.async'} == {'rest'}


def test_one_atom_by_id(ansible, seed, sim, api):
    instance_id = setup_instance(seed)
    atom = seed.environments()[seed.env_id('Production')]['atom_ids'][1]
    run = ansible.playbook('process_run.yml', api, {'run': {'instance_id': instance_id, 'process': 'INT', 'atom_id': atom}}).assert_ok()
    assert [(e['atom_id'], e['status']) for e in run['Run']['executions']] == [(atom, 'COMPLETE')]
    assert [r['atomId'] for r in sim.executions.all_runs()] == [atom]


def test_wait_false_returns_right_after_starting(ansible, seed, sim, api):
    instance_id = setup_instance(seed)
    sim.set_run_time(120)
    run = ansible.playbook('process_run.yml', api, {'run': {'instance_id': instance_id, 'process': 'INT', 'environment': 'Test',
                                                            'wait': False}}).assert_ok()
    execution = run['Run']['executions'][0]
    simulated = sim.executions.all_runs()
    assert run['Run']['changed'] is True and committed_runs(run) == 1
    assert execution['request_id'] == simulated[0]['requestId'] and execution['status'] is None
    assert 'ExecutionRecord.async' not in run.operations()
    assert sim.executions.dump()['runs'][0]['status'] in (None, 'ENQUEUED', 'STARTED', 'INPROCESS')  # still running in Boomi


def test_wait_timeout_exceeded_fails_and_leaves_the_run_going(ansible, seed, sim, api):
    instance_id = setup_instance(seed)
    sim.set_run_time(120, record_delay=0)
    began = time.monotonic()
    run = ansible.playbook('process_run.yml', api, {'run': {'instance_id': instance_id, 'process': 'INT', 'environment': 'Test',
                                                            'wait_timeout': 2}})
    assert run.rc != 0
    run.assert_no_traceback()
    task = run.task('Run')
    simulated = sim.executions.dump()['runs']
    assert len(simulated) == 1 and committed_runs(run) == 1
    assert 'did not end within 2 seconds' in task['msg'] and 'the run goes on in Boomi, it is not cancelled' in task['msg']
    assert simulated[0]['executionId'] in task['msg']
    assert any('last status %s' % status in task['msg'] for status in ('ENQUEUED', 'STARTED', 'INPROCESS')), task['msg']
    assert task['changed'] is True and task['result']['executions'][0]['execution_id'] == simulated[0]['executionId']
    assert simulated[0]['status'] in ('ENQUEUED', 'STARTED', 'INPROCESS')
    assert time.monotonic() - began < 60


def test_check_mode_starts_nothing(ansible, seed, sim, api):
    instance_id = setup_instance(seed)
    run = ansible.playbook('process_run.yml', api, {'run': {'instance_id': instance_id, 'process': 'INT', 'environment': 'Production'}},
                           check=True).assert_ok().assert_no_writes()
    result = run['Run']
    assert result['changed'] is True
    assert [e['atom_id'] for e in result['executions']] == seed.environments()[seed.env_id('Production')]['atom_ids']
    assert all(e['status'] is None and e['request_id'] is None for e in result['executions'])
    assert result['process']['name'] == 'Runs EU - INT'
    assert sim.executions.all_runs() == []
    # an instance that an earlier check-mode task would install: instance_id empty, still no failure, nothing started
    pending = ansible.playbook('process_run.yml', api, {'run': {'instance_id': '', 'process': 'INT', 'environment': 'Test'}},
                               check=True).assert_ok().assert_no_writes()
    assert pending['Run']['changed'] is True and pending['Run']['process'] == {'id': None, 'name': 'INT'}
    assert sim.executions.all_runs() == []


def test_a_lost_answer_on_the_run_request_starts_exactly_one_run(ansible, seed, sim, api):
    instance_id = setup_instance(seed)
    sim.set_run_time(0.6, record_delay=0.3)
    sim.set_faults(drop_after_commit={'operation': 'execute', 'count': 1})
    run = ansible.playbook('process_run.yml', api, {'run': {'instance_id': instance_id, 'process': 'INT', 'environment': 'Test'}},
                           verbosity=3).assert_ok().assert_no_traceback().assert_no_secrets()
    simulated = sim.executions.all_runs()
    assert len(simulated) == 1 and seed.counts()['committed']['execute'] == 1
    execution = run['Run']['executions'][0]
    assert execution['request_id'] is None and execution['execution_id'] == simulated[0]['executionId']
    assert execution['status'] == 'COMPLETE' and run['Run']['changed'] is True
    warnings = ' | '.join(str(w) for w in run['Run'].get('warnings') or [])
    assert re.search(r'the connection to 127\.0\.0\.1:\d+ \(http://\S+/(ExecutionRequest|graphql)\) was lost after the request was sent',
                     warnings), warnings
    assert 'looking for the new run among the ExecutionRecords' in warnings and 'was found and adopted' in warnings


def test_a_second_run_whose_answer_is_lost_reports_its_own_execution(ansible, seed, sim, api):
    """Issue 24 point 3: a run, then right after it a second run whose answer is lost, while Boomi shows a record only 2 s after
    the Atom takes the run: the second task reports its own run, not the first one's."""
    instance_id = setup_instance(seed)
    sim.set_run_time(2, record_delay=2)  # the first task ends as soon as its run's record appears; the second starts right after
    run = ansible.playbook('process_run_twice.yml', api, {'sim_url': sim.url, 'run': {'instance_id': instance_id, 'process': 'INT',
                                                                                      'environment': 'Test'}})
    run.assert_ok().assert_no_traceback()
    first, second = run['First run']['executions'][0], run['Second run']['executions'][0]
    simulated = sim.executions.all_runs()
    assert len(simulated) == 2 and seed.counts()['committed']['execute'] == 2
    assert first['execution_id'] == simulated[0]['executionId'] and first['request_id'] == simulated[0]['requestId']
    assert second['execution_id'] == simulated[1]['executionId'] and second['request_id'] is None
    assert second['status'] == 'COMPLETE' and run['Second run']['changed'] is True


@pytest.mark.parametrize('override, message', [
    ({'process': 'No Such Process'}, "process 'No Such Process': the instance has no such process"),
    ({'environment': 'Sandbox'}, 'ambiguous'),
    ({'environment': None, 'atom_id': 'no-such-atom'}, "atom_id 'no-such-atom': no Atom of the account has this id"),
    ({'wait_timeout': 0}, 'wait_timeout must be at least 1 second, got 0'),
    ({'dynamic_process_properties': {'ratio': 1.5}}, 'dynamic_process_properties.ratio must be a string, got a number'),
    ({'atom_id': 'x'}, 'mutually exclusive'),
    ({'instance_id': ''}, 'instance_id is required'),
])
def test_bad_input_fails_clearly_before_any_run(ansible, seed, sim, api, override, message):
    instance_id = setup_instance(seed)
    spec = {k: v for k, v in dict({'instance_id': instance_id, 'process': 'INT', 'environment': 'Test'}, **override).items() if v is not None}
    run = ansible.playbook('process_run.yml', api, {'run': spec})
    assert run.rc != 0
    run.assert_no_writes().assert_no_traceback()
    assert message in run.task('Run')['msg'], run.task('Run')['msg']
    assert sim.executions.all_runs() == []


def test_an_environment_the_instance_is_not_attached_to_fails_before_any_run(ansible, seed, sim, api):
    instance_id = setup_instance(seed, environments=('Test',))
    run = ansible.playbook('process_run.yml', api, {'run': {'instance_id': instance_id, 'process': 'INT', 'environment': 'Production'}})
    assert run.rc != 0
    run.assert_no_writes()
    assert 'is not attached to environment' in run.task('Run')['msg'] and 'attach the instance' in run.task('Run')['msg']
    assert sim.executions.all_runs() == []


def test_the_smoke_test_playbook_rolls_out_then_fails_on_a_run_in_error(ansible, seed, sim, api):
    """playbooks/smoke_test.yml: the role installs and attaches, then each smoke test runs; an error fails the job."""
    extra = {'integration_packs_list': [{'integration_pack_name': 'Order Intake', 'override_name': 'Smoke EU', 'environments': ['Test']}],
             'smoke_tests': [{'integration_pack_name': 'Order Intake', 'override_name': 'Smoke EU', 'process': 'INT',
                              'environment': 'Test', 'dynamic_process_properties': {'dry_run': 'true'}}]}
    first = ansible.playbook(str(REPO / 'playbooks' / 'smoke_test.yml'), api, extra, conn='env').assert_ok().assert_no_secrets()
    runs = [r for r in first.results if r['action'].endswith('ipack_process_run') and 'integration_packs :' not in r['task']]
    assert len(runs) == 1 and runs[0]['changed'] is True
    assert [r['status'] for r in sim.executions.dump()['runs']] == ['COMPLETE']
    assert 'Smoke EU - INT' in first.stdout and 'COMPLETE' in first.stdout

    instance = [i for i in seed.state()['instances'] if i['integrationPackOverrideName'] == 'Smoke EU'][0]
    sim.set_run_outcome(process_id(seed, instance['id'], 'INT'), status='ERROR', message='Connector failed: 401 from the target')
    second = ansible.playbook(str(REPO / 'playbooks' / 'smoke_test.yml'), api, extra, conn='env')
    assert second.rc != 0
    second.assert_no_traceback()
    assert 'Connector failed: 401 from the target' in second.stdout
    assert len(sim.executions.all_runs()) == 2  # the rollout changed nothing, the smoke test ran once more

    checked = ansible.playbook(str(REPO / 'playbooks' / 'smoke_test.yml'), api,
                               dict(extra, integration_packs_list=extra['integration_packs_list'] + [
                                   {'integration_pack_name': 'Order Intake', 'override_name': 'Smoke US', 'environments': ['Test']}],
                                   smoke_tests=extra['smoke_tests'] + [dict(extra['smoke_tests'][0], override_name='Smoke US')]),
                               conn='env', check=True)
    checked.assert_ok().assert_no_writes()
    assert len(sim.executions.all_runs()) == 2  # check mode: nothing started, also for an instance not installed yet

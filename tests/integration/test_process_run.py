# -*- coding: utf-8 -*-
"""ipack_process_run against the simulator, through REST and GraphQL, with real ansible-playbook runs: what needs a controller.

Two runs in a row in one play (the second one's answer lost) and the shipped smoke-test playbook (the role, then the runs).
The module's own cases (a run that completes or ends in error, two Atoms, wait: false, wait_timeout, check mode, a lost
answer, bad input) are in tests/unit/plugins/modules/test_ipack_process_run.py, in process on a fake clock.
"""

from __future__ import annotations

from boomi_harness import REPO


def setup_instance(seed, environments=('Test', 'Production')):
    instance_id = seed.install('Order Intake', 'Runs EU')
    seed.attach(instance_id, list(environments))
    return instance_id


def process_id(seed, instance_id, suffix):
    found = [p['id'] for i in seed.state()['instances'] if i['id'] == instance_id for p in i['processes'] if p['name'].endswith(' - ' + suffix)]
    assert len(found) == 1, found
    return found[0]


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

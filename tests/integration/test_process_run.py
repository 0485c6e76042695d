# -*- coding: utf-8 -*-
"""ipack_process_run against the simulator with real ansible-playbook runs: what needs a controller.

The shipped smoke-test playbook (the role, then the runs; a templated check-mode chain). The module's own cases (a run that
completes or ends in error, two Atoms, wait: false, wait_timeout, check mode, a lost answer, two runs in a row the second
one's answer lost, bad input) are in tests/unit/plugins/modules/test_ipack_process_run.py, in process on a fake clock, through
both APIs.
"""

from __future__ import annotations

from boomi_harness import REPO


def process_id(seed, instance_id, suffix):
    found = [p['id'] for i in seed.state()['instances'] if i['id'] == instance_id for p in i['processes'] if p['name'].endswith(' - ' + suffix)]
    assert len(found) == 1, found
    return found[0]


# A run, then right after it a second run whose answer is lost (issue 24 point 3), both APIs, in process:
# tests/unit/plugins/modules/test_ipack_process_run.py::test_a_second_run_whose_answer_is_lost_reports_its_own_execution


def test_the_smoke_test_playbook_rolls_out_then_fails_on_a_run_in_error(ansible, seed, sim):
    """playbooks/smoke_test.yml: the role installs and attaches, then each smoke test runs; an error fails the job."""
    api = 'graphql'  # one API (the rollout's ipack_instances on both APIs: test_ipack_instances.py; a run that completes, one in
    # error, check mode on both APIs: test_ipack_process_run.py; the BOOMI_* variables of both APIs: test_diff.py)
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

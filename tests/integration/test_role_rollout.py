# -*- coding: utf-8 -*-
"""The integration_packs role's whole rollout: extensions with a secret, paused schedules, and smoke-test runs after changes."""

from __future__ import annotations

SECRET = 'vault-S3cret-pw-771'
RUN_TASK = 'boomi.platform.integration_packs : Run the processes of the items that changed, and those whose last run did not pass'
EXT_TASK = 'boomi.platform.integration_packs : Apply the environment extensions'


def items(secret=SECRET):
    return [{
        'integration_pack_name': 'Order Intake', 'override_name': 'Rollout EU', 'environments': ['Test', 'Production'],
        'extensions': [{'environment': 'Production', 'process': 'INT',
                        'connections': [{'name': 'Order DB', 'fields': {'host': 'db.prod.example', 'password': secret}}],
                        'dynamic_process_properties': {'region': 'eu-west-1'}}],
        'schedules': [{'process': 'INT', 'environment': 'Production', 'cron': '0 6 * * MON-FRI', 'enabled': False}],
        'runs': [{'process': 'INT', 'environment': 'Test'}],
    }]


def runs_started(run):
    return [e for e in run.writes if e['operation'] in ('ExecutionRequest.create', 'processExecute')]


def test_role_rollout_with_extensions_paused_schedules_and_runs(ansible, seed, sim):
    # one API (the gate below runs the role on GraphQL; the modules of the rollout on both APIs, in process: tests/unit/plugins/
    # modules/test_ipack_env_extensions_bulk.py::test_main_check_mode_diff_and_invocation_hide_the_secrets, test_ipack_process_schedules.py::
    # test_pause_and_resume_through_schedule_status, test_ipack_process_run.py::test_an_environment_with_two_atoms_runs_on_each)
    api = 'rest'
    check = ansible.playbook('role.yml', api, {'integration_packs_list': items()}, check=True, diff=True, verbosity=3)
    check.assert_ok().assert_no_writes()
    assert SECRET not in check.output()

    first = ansible.playbook('role.yml', api, {'integration_packs_list': items()}, verbosity=3).assert_ok()
    assert SECRET not in first.output()
    instance = [i for i in seed.state()['instances'] if i['integrationPackOverrideName'] == 'Rollout EU'][0]
    ext = [e for e in sim.stored_extensions() if e['environmentId'] == seed.env_id('Production')
           and e['extensionGroupId'] in [p['id'] for p in instance['processes'] if p['name'].endswith(' - INT')]][0]
    assert sim.stored_extension_value(ext['id'], 'Order DB', 'password') == SECRET
    assert sim.stored_extension_value(ext['id'], 'Order DB', 'host') == 'db.prod.example'
    assert len(runs_started(first)) == 1  # the item changed: its smoke test ran once (Test has one Atom)
    assert [e for e in first.writes if e['operation'] == 'ProcessScheduleStatus.update'] and len(
        [e for e in first.writes if e['operation'] == 'ProcessScheduleStatus.update']) == 2  # paused on both Production Atoms

    second = ansible.playbook('role.yml', api, {'integration_packs_list': items()}).assert_ok().assert_no_writes()
    assert second.recap['localhost']['changed'] == 0, second.output()
    assert runs_started(second) == []  # nothing changed: no run

    always = ansible.playbook('role.yml', api, {'integration_packs_list': items(), 'integration_packs_runs_when': 'always'}).assert_ok()
    assert len(runs_started(always)) == 1 and len(always.writes) == 1


# A run in error fails the play, with Boomi's message in the run task's result: the first run of the gate below (and on both
# APIs, in process: tests/unit/plugins/modules/test_ipack_process_run.py::test_a_run_that_ends_in_error_fails_the_task_with_boomis_message).


def test_role_gate_that_failed_runs_again_with_nothing_left_to_change(ansible, seed, sim):
    """Issue 24 point 4: a play whose smoke test ended in ERROR fails; the same play again, with nothing left to change, runs
    the gate again (and fails again) until it passes; then it is quiet."""
    api = 'graphql'  # one API (the gate is the role itself; runs on both APIs: test_ipack_process_run.py)
    instance_id = seed.install('Order Intake', 'Gate EU')  # installed, not attached: the play attaches it, so the item changes
    process = [p for i in seed.state()['instances'] if i['id'] == instance_id for p in i['processes'] if p['name'].endswith(' - INT')][0]
    sim.set_run_outcome(process['id'], status='ERROR', message='Order DB: connection refused')
    extra = {'integration_packs_list': [{'integration_pack_name': 'Order Intake', 'override_name': 'Gate EU', 'environments': ['Test'],
                                         'runs': [{'process': 'INT', 'environment': 'Test'}]}]}
    failed = ansible.playbook('role.yml', api, extra)
    assert failed.rc != 0 and len(runs_started(failed)) == 1
    assert 'Order DB: connection refused' in failed.task(RUN_TASK)['result']['results'][0]['msg']

    again = ansible.playbook('role.yml', api, extra)  # nothing left to change: the gate that failed runs again
    assert again.rc != 0 and len(runs_started(again)) == 1 and len(again.writes) == 1
    assert 'Order DB: connection refused' in again.task(RUN_TASK)['result']['results'][0]['msg']

    sim.set_run_outcome(process['id'], status=None)  # the integration is fixed
    checked = ansible.playbook('role.yml', api, extra, check=True).assert_ok().assert_no_writes()
    assert checked.recap['localhost']['changed'] == 1  # predicted: the gate would run
    passed = ansible.playbook('role.yml', api, extra).assert_ok()
    assert len(runs_started(passed)) == 1 and len(passed.writes) == 1
    assert [r['status'] for r in sim.executions.dump()['runs']] == ['ERROR', 'ERROR', 'COMPLETE']

    quiet = ansible.playbook('role.yml', api, extra).assert_ok().assert_no_writes()
    assert quiet.recap['localhost']['changed'] == 0 and runs_started(quiet) == []
    assert len(sim.executions.all_runs()) == 3

# -*- coding: utf-8 -*-
"""The integration_packs role against the simulator, through REST and GraphQL."""

from __future__ import annotations

SUMMARY_TASK = 'Summary of what was installed, attached, detached, scheduled and uninstalled'
CONVERGE_TASK = 'boomi.platform.integration_packs : Install, attach, detach and uninstall the instances'

PACKS = [
    {'integration_pack_name': 'Order Intake', 'override_name': 'Role EU', 'environments': ['Test', 'Production'],
     'schedules': [{'process': 'INT', 'environment': 'Production', 'schedules': [{'cron': '*/15 8-18 * * MON-FRI'}], 'max_retry': 3}]},
    {'integration_pack_name': 'Order Intake', 'override_name': 'Role US', 'environments': ['Test']},
    {'integration_pack_name': 'Salesforce Account Sync', 'environments': ['Production']},
]


def summary(run):
    found = [r for r in run.results if r['task'].endswith(SUMMARY_TASK)]
    assert len(found) == 1, run.output()
    return found[0]['result']['msg']


def converged_state(seed):
    state = seed.state()
    names = {e['id']: e['name'] for e in seed.environments().values()}
    by_instance = {}
    for att in state['attachments']:
        by_instance.setdefault(att['integrationPackInstanceId'], []).append(names[att['environmentId']])
    return {(i['integrationPackName'], i['integrationPackOverrideName']): sorted(by_instance.get(i['id'], [])) for i in state['instances']}


def test_first_run_converged_rerun_and_absent(ansible, seed, api):
    first = ansible.playbook('role.yml', api, {'integration_packs_list': PACKS}).assert_ok()
    assert converged_state(seed) == {('Order Intake', 'Role EU'): ['Production', 'Test'], ('Order Intake', 'Role US'): ['Test'],
                                     ('Salesforce Account Sync', None): ['Production']}
    scheduled = [s for s in seed.state()['schedules'] if s['Schedule']]
    assert len(scheduled) == 2 and all(s['Retry']['maxRetry'] == 3 for s in scheduled)  # INT on both Production atoms
    assert summary(first) == [
        'Order Intake / Role EU: installed; attached to Production, Test; schedules set for INT',
        'Order Intake / Role US: installed; attached to Test',
        'Salesforce Account Sync: installed; attached to Production',
    ]

    second = ansible.playbook('role.yml', api, {'integration_packs_list': PACKS}).assert_ok().assert_no_writes()
    assert second.recap['localhost']['changed'] == 0, second.output()
    assert all(line.endswith('nothing to change') for line in summary(second)), summary(second)
    # the instances and attachments of all three items are read once: packs, environments, instances, attachments
    # (GraphQL: a JWT, the packs, the environments with their attachments, the instances)
    converge = second.task(CONVERGE_TASK)
    assert converge['sim']['requests'] == 4, converge['sim']

    gone = [dict(p, state='absent') for p in PACKS]
    third = ansible.playbook('role.yml', api, {'integration_packs_list': gone}).assert_ok()
    assert seed.state()['instances'] == [] and seed.state()['attachments'] == [] and seed.state()['schedules'] == []
    ops = [e['operation'] for e in third.writes]
    detach = 'IntegrationPackEnvironmentAttachment.delete' if api == 'rest' else 'integrationPackInstanceEnvironmentAttachmentUnattach'
    uninstall = 'IntegrationPackInstance.delete' if api == 'rest' else 'integrationPackInstanceUninstall'
    assert ops.count(detach) == 4 and ops.count(uninstall) == 3
    assert ops.index(detach) < ops.index(uninstall)  # detach, then uninstall
    assert summary(third)[0] == 'Order Intake / Role EU: detached from Production, Test; uninstalled'

    fourth = ansible.playbook('role.yml', api, {'integration_packs_list': gone}).assert_ok().assert_no_writes()
    assert fourth.recap['localhost']['changed'] == 0
    assert summary(fourth)[0] == 'Order Intake / Role EU: not installed, nothing to remove'


def test_check_diff_on_a_fresh_account_predicts_everything_and_writes_nothing(ansible, seed):
    api = 'graphql'  # one API (check mode and diff on both APIs: tests/unit/plugins/modules/test_ipack_instances.py::
    # test_main_check_mode_diff_then_apply_then_converged, test_ipack_process_schedules.py::test_pending_instances_are_predicted_in_check_mode)
    run = ansible.playbook('role.yml', api, {'integration_packs_list': PACKS}, check=True, diff=True).assert_ok().assert_no_writes()
    assert seed.state()['instances'] == []
    converged = run[CONVERGE_TASK]['instances']
    assert [(i['installed'], i['id'], i['attached']) for i in converged] == [
        (True, None, ['Production', 'Test']), (True, None, ['Test']), (True, None, ['Production'])]
    changed = [r['task'] for r in run.records if r['changed'] and r['item'] is False]
    schedules = [t for t in changed if t.endswith('Apply the process schedules')]
    assert len(schedules) == 1, changed
    assert summary(run) == [
        'Order Intake / Role EU: installed; attached to Production, Test; schedules set for INT',
        'Order Intake / Role US: installed; attached to Test',
        'Salesforce Account Sync: installed; attached to Production',
    ]
    assert '"environments": [' in run.stdout or 'environments' in run.stdout  # diff output of the attachments


def test_mixed_list(ansible, seed):
    api = 'rest'  # one API (the same list, predicted, applied and re-run on both APIs: tests/unit/plugins/modules/
    # test_ipack_instances.py::test_main_check_mode_diff_then_apply_then_converged)
    kept = seed.install('Order Intake', 'Keep Me')
    seed.attach(kept, ['Test'])
    doomed = seed.install('Order Intake', 'Remove Me')
    seed.attach(doomed, ['Test', 'Production'])
    wanted = [
        {'integration_pack_name': 'Order Intake', 'override_name': 'Keep Me', 'environments': ['Production'], 'exclusive': True},
        {'integration_pack_name': 'Order Intake', 'override_name': 'Remove Me', 'state': 'absent'},
        {'integration_pack_name': 'Invoice Export', 'override_name': 'New One', 'environments': ['Test']},
    ]
    check = ansible.playbook('role.yml', api, {'integration_packs_list': wanted}, check=True).assert_ok().assert_no_writes()
    assert summary(check) == [
        'Order Intake / Keep Me: already installed; attached to Production; detached from Test',
        'Order Intake / Remove Me: detached from Production, Test; uninstalled',
        'Invoice Export / New One: installed; attached to Test',
    ]
    run = ansible.playbook('role.yml', api, {'integration_packs_list': wanted}).assert_ok()
    assert summary(run) == summary(check)
    assert converged_state(seed) == {('Order Intake', 'Keep Me'): ['Production'], ('Invoice Export', 'New One'): ['Test']}
    ansible.playbook('role.yml', api, {'integration_packs_list': wanted}).assert_ok().assert_no_writes()


def test_bad_role_input_is_rejected_before_any_request(ansible, seed):
    api = 'rest'  # one API (no request is made; on both APIs: test_ipack_instances.py::test_main_refuses_bad_options_before_any_request)
    run = ansible.playbook('role.yml', api, {'integration_packs_list': [{'integration_pack_name': 'Order Intake', 'state': 'maybe'}]})
    assert run.rc != 0
    assert 'maybe' in run.stdout and 'state' in run.stdout
    assert run.log == []

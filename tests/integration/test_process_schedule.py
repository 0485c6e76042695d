# -*- coding: utf-8 -*-
"""ipack_process_schedule against the simulator, through REST and GraphQL: set, re-run, change, clear, pause and resume, with the
diff as the controller prints it, and the role. Bad input, check mode, one Atom by id and the cron warning are tested in
process: tests/unit/plugins/modules/test_ipack_process_schedule.py."""

from __future__ import annotations

import pytest

WEEKDAYS = {'minutes': '*/15', 'hours': '8-18', 'daysOfWeek': '2,3,4,5,6', 'daysOfMonth': '*', 'months': '*', 'years': '*'}


def setup_instance(seed):
    instance_id = seed.install('Order Intake', 'Sched EU')
    seed.attach(instance_id, ['Test', 'Production'])
    return instance_id


def records(seed, instance_id, process_suffix, env_name):
    """The simulator's own schedule records of that process in that environment."""
    state = seed.state()
    env_id = seed.env_id(env_name)
    procs = [p for i in state['instances'] if i['id'] == instance_id for p in i['processes'] if p['name'].endswith(' - ' + process_suffix)]
    assert len(procs) == 1, procs
    return [s for s in state['schedules'] if s['processId'] == procs[0]['id'] and s['envId'] == env_id]


@pytest.fixture(params=['list', 'object'])
def shape(request, sim):
    """GraphQL processSchedules as a list per process, or as one object per process (the seed page's shape: first Atom only)."""
    sim.set_faults(schedule_shape=request.param)
    return request.param


def test_set_rerun_change_clear(ansible, seed, api, shape):  # pylint: disable=unused-argument
    instance_id = setup_instance(seed)
    sched = {'instance_id': instance_id, 'process': 'INT', 'environment': 'Production',
             'schedules': [{'cron': '*/15 8-18 * * MON-FRI'}], 'max_retry': 3}
    first = ansible.playbook('schedule.yml', api, {'sched': sched}, diff=True).assert_ok()
    assert first['Schedule']['changed'] is True
    assert len(first.writes) == 2  # Production has two Atoms: one record each (not the first record's Atom, under the object shape)
    for record in records(seed, instance_id, 'INT', 'Production'):
        assert record['Schedule'] == [WEEKDAYS]
        assert record['Retry']['maxRetry'] == 3
    assert all(r['Schedule'] == [] for r in records(seed, instance_id, 'INT', 'Test'))
    assert '0-59/15' in first.stdout or '*/15' in first.stdout  # diff mode shows the new schedule
    returned = [r for r in first['Schedule']['schedules'] if r['environment_id'] == seed.env_id('Production')]
    assert len(returned) == 2 and all(r['schedule'][0]['days_of_week'] == '2,3,4,5,6' for r in returned)
    info = [p for p in first['Read back']['processes'] if p['name'].endswith(' - INT')][0]
    assert [s['schedule'] for s in info['schedules']] == [r['schedule'] for r in first['Schedule']['schedules']]

    # the same schedule written field by field is the same set: no write
    same = dict(sched, schedules=[{'minutes': '0-59/15', 'hours': '8-18', 'days_of_week': '2,3,4,5,6'}])
    second = ansible.playbook('schedule.yml', api, {'sched': same}).assert_ok().assert_no_writes()
    assert second['Schedule']['changed'] is False

    # two items, order does not matter; then the same two reversed: no change
    two = dict(sched, schedules=[{'minutes': '0', 'hours': '6'}, {'cron': '30 12 * * SAT'}])
    third = ansible.playbook('schedule.yml', api, {'sched': two}).assert_ok()
    assert third['Schedule']['changed'] is True and len(third.writes) == 2
    reversed_two = dict(two, schedules=list(reversed(two['schedules'])))
    ansible.playbook('schedule.yml', api, {'sched': reversed_two}).assert_ok().assert_no_writes()
    for record in records(seed, instance_id, 'INT', 'Production'):
        assert len(record['Schedule']) == 2 and record['Retry']['maxRetry'] == 3

    # clear
    clear = {'instance_id': instance_id, 'process': 'INT', 'environment': 'Production', 'state': 'absent'}
    cleared = ansible.playbook('schedule.yml', api, {'sched': clear}).assert_ok()
    assert cleared['Schedule']['changed'] is True
    assert all(r['Schedule'] == [] for r in records(seed, instance_id, 'INT', 'Production'))
    again = ansible.playbook('schedule.yml', api, {'sched': clear}).assert_ok().assert_no_writes()
    assert again['Schedule']['changed'] is False


def status(seed, sim, instance_id, process_suffix, env_name):
    """The simulator's ProcessScheduleStatus ``enabled`` of that process's records in that environment."""
    found = records(seed, instance_id, process_suffix, env_name)
    import requests  # pylint: disable=import-outside-toplevel
    from boomi_harness import ACCOUNT_ID, PASSWORD, USERNAME  # pylint: disable=import-outside-toplevel
    answer = requests.post('%s/api/rest/v1/%s/ProcessScheduleStatus/query' % (sim.url, ACCOUNT_ID), auth=(USERNAME, PASSWORD),
                           json={'QueryFilter': {'expression': {'operator': 'EQUALS', 'property': 'processId',
                                                                'argument': [found[0]['processId']]}}},
                           headers={'Accept': 'application/json'}, timeout=10).json()
    atoms = {r['atomId'] for r in found}
    return sorted(r['enabled'] for r in answer['result'] if r['atomId'] in atoms)


def test_pause_rerun_resume_and_enabled_in_info(ansible, seed, sim, api):
    instance_id = setup_instance(seed)
    pause = {'instance_id': instance_id, 'process': 'INT', 'environment': 'Production', 'cron': '*/15 8-18 * * MON-FRI', 'enabled': False}
    first = ansible.playbook('schedule.yml', api, {'sched': pause}, diff=True).assert_ok()
    assert first['Schedule']['changed'] is True
    assert status(seed, sim, instance_id, 'INT', 'Production') == [False, False]
    assert status(seed, sim, instance_id, 'INT', 'Test') == [True]
    assert sorted(e['operation'] for e in first.writes) == ['ProcessScheduleStatus.update'] * 2 + [
        'ProcessSchedules.update' if api == 'rest' else 'processSchedulesUpdate'] * 2
    assert 'cron */15 8-18 * * MON-FRI' in first.stdout and "enabled" in first.stdout  # the diff, readable
    info = [p for p in first['Read back']['processes'] if p['name'].endswith(' - INT')][0]
    prod = seed.env_id('Production')
    assert sorted((s['environment_id'] == prod, s['enabled']) for s in info['schedules']) == [(False, True), (True, False), (True, False)]

    again = ansible.playbook('schedule.yml', api, {'sched': pause}).assert_ok().assert_no_writes()
    assert again['Schedule']['changed'] is False
    checked = ansible.playbook('schedule.yml', api, {'sched': dict(pause, enabled=True)}, check=True).assert_ok().assert_no_writes()
    assert checked['Schedule']['changed'] is True
    resume = ansible.playbook('schedule.yml', api, {'sched': {'instance_id': instance_id, 'process': 'INT', 'environment': 'Production',
                                                              'enabled': True}}).assert_ok()
    assert resume['Schedule']['changed'] is True and [e['operation'] for e in resume.writes] == ['ProcessScheduleStatus.update'] * 2
    assert status(seed, sim, instance_id, 'INT', 'Production') == [True, True]
    assert all(r['Schedule'] == [WEEKDAYS] for r in records(seed, instance_id, 'INT', 'Production'))  # the schedule stayed


def test_the_role_demo_flow_under_the_object_shape(ansible, seed, sim, api):
    """The seed page's shape (processSchedules one object per process): the role schedules on Production's two Atoms."""
    sim.set_faults(schedule_shape='object')
    items = [{'integration_pack_name': 'Order Intake', 'override_name': 'Shape EU', 'environments': ['Test', 'Production'],
              'schedules': [{'process': 'INT', 'environment': 'Production', 'schedules': [{'cron': '*/15 8-18 * * MON-FRI'}],
                             'max_retry': 3}]}]
    first = ansible.playbook('role.yml', api, {'integration_packs_list': items}).assert_ok()
    instance_id = [i['id'] for i in seed.state()['instances'] if i['integrationPackOverrideName'] == 'Shape EU'][0]
    assert all(r['Schedule'] == [WEEKDAYS] for r in records(seed, instance_id, 'INT', 'Production'))
    assert len(records(seed, instance_id, 'INT', 'Production')) == 2 and 'attach the instance' not in first.output()
    ansible.playbook('role.yml', api, {'integration_packs_list': items}).assert_ok().assert_no_writes()

# -*- coding: utf-8 -*-
"""ipack_process_schedule through the role, against the simulator, under GraphQL's object shape. The module on its own (set, re-run,
change, clear, pause and resume, the diff, bad input, check mode, one Atom by id, the cron warning) is tested in process:
tests/unit/plugins/modules/test_ipack_process_schedule.py."""

from __future__ import annotations

WEEKDAYS = {'minutes': '*/15', 'hours': '8-18', 'daysOfWeek': '2,3,4,5,6', 'daysOfMonth': '*', 'months': '*', 'years': '*'}


def records(seed, instance_id, process_suffix, env_name):
    """The simulator's own schedule records of that process in that environment."""
    state = seed.state()
    env_id = seed.env_id(env_name)
    procs = [p for i in state['instances'] if i['id'] == instance_id for p in i['processes'] if p['name'].endswith(' - ' + process_suffix)]
    assert len(procs) == 1, procs
    return [s for s in state['schedules'] if s['processId'] == procs[0]['id'] and s['envId'] == env_id]


def test_the_role_demo_flow_under_the_object_shape(ansible, seed, sim):
    """The seed page's shape (processSchedules one object per process): the role schedules on Production's two Atoms."""
    api = 'graphql'  # one API (REST is unaffected by the object shape; the shapes in process, both APIs: test_ipack_process_schedule.py)
    sim.set_faults(schedule_shape='object')
    items = [{'integration_pack_name': 'Order Intake', 'override_name': 'Shape EU', 'environments': ['Test', 'Production'],
              'schedules': [{'process': 'INT', 'environment': 'Production', 'schedules': [{'cron': '*/15 8-18 * * MON-FRI'}],
                             'max_retry': 3}]}]
    first = ansible.playbook('role.yml', api, {'integration_packs_list': items}).assert_ok()
    instance_id = [i['id'] for i in seed.state()['instances'] if i['integrationPackOverrideName'] == 'Shape EU'][0]
    assert all(r['Schedule'] == [WEEKDAYS] for r in records(seed, instance_id, 'INT', 'Production'))
    assert len(records(seed, instance_id, 'INT', 'Production')) == 2 and 'attach the instance' not in first.output()
    ansible.playbook('role.yml', api, {'integration_packs_list': items}).assert_ok().assert_no_writes()

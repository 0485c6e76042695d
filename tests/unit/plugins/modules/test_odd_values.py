# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Odd but legal values (issue 9): a pack name and override names with quotes, braces, backslashes and unicode round-trip
exactly through the modules the integration_packs role runs (ipack_instances, ipack_process_schedules), a re-run changes
nothing, and check mode of every module finds them and writes nothing. Through both APIs, in process through ``run_module``;
moved from tests/integration/test_reliability_input.py, where the role's own part stays (one API)."""

from __future__ import annotations

from ansible_collections.boomi.platform.plugins.modules import (
    ipack_env_attachment, ipack_instance, ipack_instance_info, ipack_instances, ipack_process_schedule, ipack_process_schedule_info,
    ipack_process_schedules,
)
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import assert_masked, writes

ODD_PACK_PREFIX = 'Pack "quoted" {braces} \\ back\\slash'
ODD_EU = 'Ünïcødé "EU" {x} \\ 日本 🚀'
ODD_US = "O'Brien's \"orders\" {$var} \\n }"


def test_odd_values_round_trip_and_check_mode_writes_nothing(sim, run_module):
    [pack] = sim.add_packs(1, 'MULTI', ODD_PACK_PREFIX)
    instances = [{'integration_pack_name': pack['name'], 'override_name': ODD_EU, 'environments': ['Test']},
                 {'integration_pack_name': 'Order Intake', 'override_name': ODD_US}]

    def converge(check_mode=False, items=None, schedules=None):
        """ipack_instances of ``items`` (default: ``instances``), then ipack_process_schedules of the EU instance (or ``schedules``),
        as the role runs them."""
        failed, converged = run_module(ipack_instances.main, check_mode=check_mode, instances=items or instances)
        assert not failed, converged
        eu_id = converged['instances'][0]['id']
        schedules = schedules or [{'instance_id': eu_id, 'process': 'Process A', 'environment': 'Test', 'schedules': [{'cron': '15 6 * * MON'}],
                                   'max_retry': 2}]
        failed, scheduled = run_module(ipack_process_schedules.main, check_mode=check_mode, processes=schedules)
        assert not failed, scheduled['msg']
        assert_masked(converged)
        return converged, scheduled

    converged, scheduled = converge()
    assert [(i['changed'], i['override_name']) for i in converged['instances']] == [(True, ODD_EU), (True, ODD_US)]
    assert scheduled['changed'] is True

    # installed exactly as asked, byte for byte
    state = sim.state.dump()
    assert sorted((i['integrationPackName'], i['integrationPackOverrideName']) for i in state['instances']) == sorted(
        [(pack['name'], ODD_EU), ('Order Intake', ODD_US)])
    [eu] = [i for i in state['instances'] if i['integrationPackOverrideName'] == ODD_EU]
    assert sorted(p['name'] for p in eu['processes']) == [ODD_EU + ' - Process A', ODD_EU + ' - Process B']
    [process_a] = [p['id'] for p in eu['processes'] if p['name'].endswith(' - Process A')]
    assert [(s['processId'], s['Schedule'], s['Retry']['maxRetry']) for s in state['schedules'] if s['Schedule']] == [
        (process_a, [{'minutes': '15', 'hours': '6', 'daysOfWeek': '2', 'daysOfMonth': '*', 'months': '*', 'years': '*'}], 2)]
    assert len(writes(sim)) == 4  # two installs, one attach, one schedule update

    # the same again: found again by those names, nothing changed, nothing written
    del sim.log[:]
    again, rescheduled = converge()
    assert [i['changed'] for i in again['instances']] == [False, False] and again['changed'] is False and rescheduled['changed'] is False
    assert writes(sim) == []

    # check mode: the lookups find the odd names, every change is predicted, nothing is written
    failed, found = run_module(ipack_instance_info.main, check_mode=True, override_name=ODD_EU)
    assert not failed and [(i['id'], i['override_name'], i['integration_pack_name']) for i in found['instances']] == [(eu['id'], ODD_EU, pack['name'])]
    failed, by_pack = run_module(ipack_instance_info.main, check_mode=True, integration_pack_name=pack['name'], include_processes=False)
    assert not failed and [i['override_name'] for i in by_pack['instances']] == [ODD_EU]
    failed, read = run_module(ipack_process_schedule_info.main, check_mode=True, instance_id=eu['id'], environment='Test')
    read = {p['name']: p['schedules'] for p in read['processes']}
    assert not failed and [s['schedule'][0]['days_of_week'] for s in read[ODD_EU + ' - Process A']] == ['2']
    failed, uninstall = run_module(ipack_instance.main, check_mode=True, instance_id=eu['id'], state='absent')
    assert not failed and uninstall['changed'] is True and uninstall['instance'] is None, uninstall
    failed, detach = run_module(ipack_env_attachment.main, check_mode=True, instance_id=eu['id'], environments=[], exclusive=True)
    assert not failed and detach['detached'] == ['Test'], detach
    failed, cleared = run_module(ipack_process_schedule.main, check_mode=True, instance_id=eu['id'], process=ODD_EU + ' - Process A',
                                 environment='Test', state='absent')
    assert not failed and cleared['changed'] is True and cleared['process']['name'] == ODD_EU + ' - Process A', cleared
    # the role in check mode: the US instance's schedule on an environment the run would attach it to, instance_id '' (predicted)
    predicted, planned = converge(check_mode=True, items=[dict(instances[0], state='absent'), dict(instances[1], environments=['Production'])],
                                  schedules=[{'instance_id': '', 'process': 'INT', 'environment': 'Production',
                                              'schedules': [{'minutes': '0', 'hours': '*/2'}]}])
    assert [i['changed'] for i in predicted['instances']] == [True, True] and planned['changed'] is True
    assert writes(sim) == [] and sim.state.dump() == state

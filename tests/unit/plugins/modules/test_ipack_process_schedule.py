# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack_process_schedule (plan_schedule, apply_schedule) and ipack_process_schedule_info (read_schedules) against the simulator."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiInputError
from ansible_collections.boomi.platform.plugins.module_utils.schedules import item_from_option
from ansible_collections.boomi.platform.plugins.modules.ipack_process_schedule import apply_schedule, plan_schedule
from ansible_collections.boomi.platform.plugins.modules.ipack_process_schedule_info import read_schedules
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import (
    OPERATIONS, ORDER_INTAKE, PRODUCTION, PRODUCTION_ATOMS, TEST, writes,
)

WEEKDAYS = item_from_option('schedules[0]', {'cron': '*/15 8-18 * * MON-FRI'})
SIM_WEEKDAYS = {'minutes': '*/15', 'hours': '8-18', 'daysOfWeek': '2,3,4,5,6', 'daysOfMonth': '*', 'months': '*', 'years': '*'}


@pytest.fixture
def instance(sim):
    """An Order Intake instance attached to Production (two Atoms) and Test."""
    created = sim.state.install(ORDER_INTAKE, 'Unit EU')
    sim.state.attach(created['id'], [PRODUCTION, TEST])
    return created


def int_records(sim, instance):
    """``{atom id: (schedules, max retry)}`` of the simulator's records of the instance's INT process."""
    process = [p['id'] for p in instance['processes'] if p['name'] == 'Unit EU - INT'][0]
    return {r['atomId']: (r['Schedule'], r['Retry']['maxRetry']) for r in sim.state.schedules.values() if r['processId'] == process}


def run(client, instance_id, check_mode=False, **options):
    return apply_schedule(client, plan_schedule(client, instance_id, 'INT', **options), check_mode=check_mode)


def test_set_then_unchanged_then_cleared(sim, api, new_client, instance):
    result = run(new_client(), instance['id'], environment='Production', wanted=[WEEKDAYS], max_retry=3)
    assert result['changed'] is True and result['process']['name'] == 'Unit EU - INT'
    records = int_records(sim, instance)
    assert {atom: records[atom] for atom in PRODUCTION_ATOMS} == {atom: ([SIM_WEEKDAYS], 3) for atom in PRODUCTION_ATOMS}
    assert [r for a, r in records.items() if a not in PRODUCTION_ATOMS] == [([], 5)]  # Test's Atom untouched
    assert writes(sim) == [(OPERATIONS['schedule'][api], 200)] * 2  # one record per Production Atom
    assert sorted(result['diff']['after']) == sorted(PRODUCTION_ATOMS)
    assert all(d == {'schedule': ['cron */15 8-18 * * MON-FRI'], 'retry_schedule': [], 'max_retry': 3}
               for d in result['diff']['after'].values()), result['diff']

    del sim.log[:]
    # the same schedule, written another way: compared as a set of times, nothing to send
    same = item_from_option('schedules[0]', {'minutes': '0-59/15', 'hours': '8-18', 'days_of_week': '2,3,4,5,6'})
    again = run(new_client(), instance['id'], environment='Production', wanted=[same], max_retry=3)
    assert again['changed'] is False and writes(sim) == []

    cleared = run(new_client(), instance['id'], environment='Production', wanted=[], wanted_retry=[])
    assert cleared['changed'] is True
    assert {atom: int_records(sim, instance)[atom] for atom in PRODUCTION_ATOMS} == {atom: ([], 3) for atom in PRODUCTION_ATOMS}


def test_check_mode_predicts_and_writes_nothing(sim, client, instance):
    predicted = run(client, instance['id'], check_mode=True, atom_id=PRODUCTION_ATOMS[0], wanted=[WEEKDAYS])
    assert predicted['changed'] is True
    changed = [r for r in predicted['schedules'] if r['schedule']]
    assert [(r['atom_id'], r['schedule'], r['retry']['max_retry']) for r in changed] == [(PRODUCTION_ATOMS[0], [WEEKDAYS], 5)]
    pending = run(client, None, check_mode=True, environment='Test', wanted=[WEEKDAYS])
    assert pending['changed'] is True and pending['process'] == {'id': None, 'name': 'INT'}
    assert writes(sim) == [] and all(r == ([], 5) for r in int_records(sim, instance).values())


def test_unknown_process_and_missing_record_fail_before_any_write(sim, client, instance):
    with pytest.raises(BoomiInputError) as failure:
        plan_schedule(client, instance['id'], 'Nope', environment='Test', wanted=[])
    assert str(failure.value) == "process 'Nope': the instance has no such process (its processes: Unit EU - Acknowledge, Unit EU - INT)"
    with pytest.raises(BoomiInputError) as failure:
        plan_schedule(client, instance['id'], 'INT', atom_id='no-such-atom', wanted=[])
    assert str(failure.value) == ("process 'Unit EU - INT' has no schedule record on atom_id 'no-such-atom': "
                                  "attach the instance to that environment first")
    assert writes(sim) == []


def test_info_reads_the_records_of_one_environment(sim, client, instance):
    processes = read_schedules(client, instance['id'], 'Production')['processes']
    assert [p['name'] for p in processes] == ['Unit EU - Acknowledge', 'Unit EU - INT']
    assert all(sorted(r['atom_id'] for r in p['schedules']) == sorted(PRODUCTION_ATOMS) for p in processes)
    assert read_schedules(None, None, 'Production') == {'changed': False, 'processes': []}
    assert writes(sim) == []

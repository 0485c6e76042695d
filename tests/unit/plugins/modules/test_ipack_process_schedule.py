# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack_process_schedule (plan_schedule, apply_schedule, and its ``main()`` in process: ``run_module``) and
ipack_process_schedule_info (read_schedules, and its ``main()`` to read back) against the simulator; set, re-run, change, clear,
pause and resume as a playbook runs them, task after task (moved from tests/integration/test_process_schedule.py)."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiInputError
from ansible_collections.boomi.platform.plugins.module_utils.schedules import item_from_option
from ansible_collections.boomi.platform.plugins.modules import ipack_process_schedule, ipack_process_schedule_info, ipack_process_schedules
from ansible_collections.boomi.platform.plugins.modules.ipack_process_schedule import apply_schedule, plan_schedule
from ansible_collections.boomi.platform.plugins.modules.ipack_process_schedule_info import read_schedules
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import (
    OPERATIONS, ORDER_INTAKE, PRODUCTION, PRODUCTION_ATOMS, TEST, assert_masked, warnings_of, writes,
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


# -- main() in process (run_module): what the task shows (moved from tests/integration/test_process_schedule.py) ------------------
def acknowledge_records(sim, instance):
    """``{atom id: schedules}`` of the simulator's records of the instance's Acknowledge process."""
    process = [p['id'] for p in instance['processes'] if p['name'] == 'Unit EU - Acknowledge'][0]
    return {r['atomId']: r['Schedule'] for r in sim.state.schedules.values() if r['processId'] == process}


@pytest.mark.parametrize('override, message', [
    ({'max_retry': 0}, 'max_retry must be between 1 and 5, got 0'),
    ({'max_retry': 6}, 'max_retry must be between 1 and 5, got 6'),
    ({'schedules': [{'cron': '61 * * * *'}]}, 'schedules[0].cron'),
    ({'schedules': [{'cron': 'every day'}]}, 'five fields'),
    ({'schedules': [{'minutes': '0', 'hours': '24'}]}, 'schedules[0]: hours'),
    ({'schedules': [{'minutes': '0'}]}, 'hours is required'),
    ({'atom_id': PRODUCTION_ATOMS[0]}, 'parameters are mutually exclusive: environment|atom_id'),
    ({'cron': '0 6 * * *'}, 'parameters are mutually exclusive: schedules|cron'),
    ({'environment': None}, 'one of the following is required: environment, atom_id'),
    ({'schedules': None}, 'state is present but any of the following are missing: schedules, cron, enabled, max_retry, retry_schedules'),
    ({'state': 'gone'}, 'value of state must be one of'),
    ({'colour': 'red'}, 'Unsupported parameters for'),
    ({'instance_id': ''}, 'instance_id is required (null or empty is accepted only in check mode'),
])
def test_main_refuses_bad_options_before_any_request(sim, run_module, instance, override, message):
    options = dict({'instance_id': instance['id'], 'process': 'INT', 'environment': 'Production', 'schedules': [{'cron': '0 * * * *'}]},
                   **override)
    failed, result = run_module(ipack_process_schedule.main, **{k: v for k, v in options.items() if v is not None})
    assert failed and message in result['msg'], result['msg']
    assert result.get('changed', False) is False and sim.log == []
    assert_masked(result)


@pytest.mark.parametrize('override, message', [
    ({'process': 'No Such Process'}, "process 'No Such Process': the instance has no such process"),
    ({'environment': 'Sandbox'}, 'ambiguous'),
    ({'environment': 'Nowhere'}, "environment 'Nowhere' not found"),
    ({'instance_id': 'SW50ZWdyYXRpb25QYWNrSW5zdGFuY2U5OTk5'}, 'no such integration pack instance'),
])
def test_main_options_that_do_not_fit_the_account_fail_before_any_write(sim, run_module, instance, override, message):
    options = dict({'instance_id': instance['id'], 'process': 'INT', 'environment': 'Production', 'schedules': [{'cron': '0 * * * *'}]},
                   **override)
    failed, result = run_module(ipack_process_schedule.main, **options)
    assert failed and message in result['msg'], result['msg']
    assert writes(sim) == [] and 'Traceback' not in result['msg']


def test_main_an_environment_the_instance_is_not_attached_to_is_a_clear_error(sim, run_module):
    instance_id = sim.state.install(ORDER_INTAKE, 'Not Attached')['id']
    failed, result = run_module(ipack_process_schedule.main, instance_id=instance_id, process='INT', environment='Production',
                                schedules=[{'cron': '0 * * * *'}])
    assert failed and 'attach the instance to that environment first' in result['msg'], result['msg']
    assert writes(sim) == []


@pytest.mark.parametrize('shape', ['list', 'object'])
def test_main_one_atom_by_id(sim, run_module, instance, shape):
    """GraphQL processSchedules as a list per process, or one object per process (the seed page's shape): only that Atom's record."""
    sim.set_faults(schedule_shape=shape)
    failed, result = run_module(ipack_process_schedule.main, instance_id=instance['id'], process='Acknowledge', atom_id=PRODUCTION_ATOMS[1],
                                schedules=[{'minutes': '5', 'hours': '*'}])
    assert not failed and result['changed'] is True, result
    assert len(writes(sim)) == 1
    by_atom = acknowledge_records(sim, instance)
    assert by_atom[PRODUCTION_ATOMS[1]][0]['minutes'] == '5'
    assert [schedules for atom, schedules in by_atom.items() if atom != PRODUCTION_ATOMS[1]] == [[], []]  # the other Production Atom, Test


def test_main_check_mode_predicts_with_diff_and_writes_nothing(sim, run_module, instance):
    options = dict(instance_id=instance['id'], process='INT', environment='Test', schedules=[{'cron': '0 * * * *'}], max_retry=2)
    failed, result = run_module(ipack_process_schedule.main, check_mode=True, diff=True, **options)
    assert not failed and result['changed'] is True, result
    assert result['schedules'][0]['retry']['max_retry'] in (2, 5)
    assert [v['schedule'] for v in result['diff']['after'].values()] == [['cron 0 * * * *']]
    # an instance that an earlier check-mode task would install: instance_id empty, still no failure, no write
    failed, pending = run_module(ipack_process_schedule.main, check_mode=True, **dict(options, instance_id=''))
    assert not failed and pending['changed'] is True, pending
    assert writes(sim) == [] and all(schedules == [] for schedules, _retry in int_records(sim, instance).values())


def test_main_check_mode_diff_of_a_pending_instance_has_the_real_runs_fields(sim, run_module):
    """An instance an earlier check-mode task would install: the predicted diff has the real run's fields, max_retry included."""
    failed, result = run_module(ipack_process_schedule.main, check_mode=True, diff=True, instance_id='', process='INT',
                                environment='Production', schedules=[{'cron': '0 6 * * MON-FRI'}], max_retry=2)
    assert not failed, result
    after = result['diff']['after']
    assert len(after) == 2 and all(v == {'schedule': ['cron 0 6 * * MON-FRI'], 'retry_schedule': [], 'max_retry': 2} for v in after.values())
    assert writes(sim) == []  # (the environment is read: which Atoms it has)


def test_main_a_failed_write_reports_the_write_made_before_it(sim, api, run_module, instance):
    """Production has two Atoms, one record each: the second record's write is refused (not retried); the task fails with
    ``changed: true`` and ``writes`` naming the first, which the account shows."""
    options = dict(instance_id=instance['id'], process='INT', environment='Production', cron='0 6 * * *')
    run_module(ipack_process_schedule.main, check_mode=True, **options)
    reads = len(sim.log)  # the same reads as the real run makes before its first write
    del sim.log[:]
    sim.set_faults(rate_limit={'every': reads + 2, 'retry_after': 0})
    failed, result = run_module(ipack_process_schedule.main, max_retries=0, **options)
    sim.clear_faults()
    assert failed and result['changed'] is True, result
    [written] = [atom for atom, (schedules, _retry) in int_records(sim, instance).items() if schedules]
    assert [(w['write'], w['outcome'], w['atom_id']) for w in result['writes']] == [('schedule', 'done', written)]
    assert [status for _operation, status in writes(sim)] == [200, 429 if api == 'graphql' else 503]
    assert_masked(result)


@pytest.mark.parametrize('bulk', [False, True])
def test_main_a_cron_restricting_both_days_is_warned_about(sim, run_module, instance, bulk):
    """Issue 26.10: cron ORs day of the month and day of the week, Boomi's docs do not say what Boomi does; both modules warn."""
    options = dict(instance_id=instance['id'], process='INT', environment='Test', cron='0 6 1 * MON')
    if bulk:
        failed, result = run_module(ipack_process_schedules.main, check_mode=True, processes=[options])
    else:
        failed, result = run_module(ipack_process_schedule.main, check_mode=True, **options)
    assert not failed, result
    where = 'processes[0].' if bulk else ''
    assert any(w.startswith("%scron '0 6 1 * MON' restricts both the day of the month and the day of the week: standard cron runs the "
                            "process on the days that match either" % where) for w in warnings_of(result)), result.get('warnings')
    weekdays = dict(options, cron='0 6 * * MON')
    failed, result = run_module(ipack_process_schedules.main if bulk else ipack_process_schedule.main, check_mode=True,
                                **({'processes': [weekdays]} if bulk else weekdays))
    assert not failed and not [w for w in warnings_of(result) if 'restricts both' in w], result
    assert writes(sim) == []


def production_int(sim, instance):
    """``[(schedules, max retry, enabled)]`` of the simulator's records of the instance's INT process on Production's Atoms."""
    process = [p['id'] for p in instance['processes'] if p['name'] == 'Unit EU - INT'][0]
    return [(r['Schedule'], r['Retry']['maxRetry'], r['enabled']) for r in sim.state.schedules.values()
            if r['processId'] == process and r['atomId'] in PRODUCTION_ATOMS]


def read_back(run_module, instance):
    """The INT schedules as ipack_process_schedule_info returns them."""
    failed, result = run_module(ipack_process_schedule_info.main, instance_id=instance['id'])
    assert not failed, result
    return [p for p in result['processes'] if p['name'] == 'Unit EU - INT'][0]['schedules']


@pytest.mark.parametrize('shape', ['list', 'object'])
def test_main_set_rerun_change_clear(sim, run_module, instance, shape):
    """Set with diff, the same set written field by field, two items in either order, clear, clear again; under both GraphQL
    shapes of processSchedules (a list per process, or one object: not the first record's Atom only)."""
    sim.set_faults(schedule_shape=shape)
    options = dict(instance_id=instance['id'], process='INT', environment='Production', max_retry=3)
    failed, first = run_module(ipack_process_schedule.main, diff=True, schedules=[{'cron': '*/15 8-18 * * MON-FRI'}], **options)
    assert not failed and first['changed'] is True, first
    assert [status for _operation, status in writes(sim)] == [200, 200]  # Production has two Atoms: one record each
    assert production_int(sim, instance) == [([SIM_WEEKDAYS], 3, True)] * 2
    assert [r for a, r in int_records(sim, instance).items() if a not in PRODUCTION_ATOMS] == [([], 5)]  # Test's Atom untouched
    assert all(d['schedule'] == ['cron */15 8-18 * * MON-FRI'] for d in first['diff']['after'].values()), first['diff']
    returned = [r for r in first['schedules'] if r['environment_id'] == PRODUCTION]
    assert len(returned) == 2 and all(r['schedule'][0]['days_of_week'] == '2,3,4,5,6' for r in returned)
    by_atom = {r['atom_id']: r['schedule'] for r in first['schedules']}
    assert {s['atom_id']: s['schedule'] for s in read_back(run_module, instance)} == by_atom and len(by_atom) == 3

    del sim.log[:]
    same = [{'minutes': '0-59/15', 'hours': '8-18', 'days_of_week': '2,3,4,5,6'}]
    assert run_module(ipack_process_schedule.main, schedules=same, **options)[1]['changed'] is False
    two = [{'minutes': '0', 'hours': '6'}, {'cron': '30 12 * * SAT'}]
    failed, third = run_module(ipack_process_schedule.main, schedules=two, **options)
    assert not failed and third['changed'] is True and len(writes(sim)) == 2
    assert run_module(ipack_process_schedule.main, schedules=list(reversed(two)), **options)[1]['changed'] is False
    assert len(writes(sim)) == 2 and [(len(s), r) for s, r, _e in production_int(sim, instance)] == [(2, 3)] * 2

    clear = dict(instance_id=instance['id'], process='INT', environment='Production', state='absent')
    failed, cleared = run_module(ipack_process_schedule.main, **clear)
    assert not failed and cleared['changed'] is True and len(writes(sim)) == 4
    assert [s for s, _r, _e in production_int(sim, instance)] == [[], []]
    assert run_module(ipack_process_schedule.main, **clear)[1]['changed'] is False and len(writes(sim)) == 4


def test_main_pause_rerun_resume_and_enabled_in_info(sim, api, run_module, instance):
    """enabled: false pauses the records (ProcessScheduleStatus, through REST under both APIs) as it sets the schedule; check mode
    predicts the resume; enabled alone resumes and leaves the schedule; the info module returns ``enabled`` per record."""
    options = dict(instance_id=instance['id'], process='INT', environment='Production')
    pause = dict(options, cron='*/15 8-18 * * MON-FRI', enabled=False)
    failed, first = run_module(ipack_process_schedule.main, diff=True, **pause)
    assert not failed and first['changed'] is True, first
    assert [enabled for _s, _r, enabled in production_int(sim, instance)] == [False, False]
    assert sorted(w for w, _status in writes(sim)) == ['ProcessScheduleStatus.update'] * 2 + [OPERATIONS['schedule'][api]] * 2
    assert all(d['schedule'] == ['cron */15 8-18 * * MON-FRI'] and d['enabled'] is False for d in first['diff']['after'].values()), \
        first['diff']
    assert sorted((s['environment_id'] == PRODUCTION, s['enabled']) for s in read_back(run_module, instance)) == [
        (False, True), (True, False), (True, False)]

    del sim.log[:]
    assert run_module(ipack_process_schedule.main, **pause)[1]['changed'] is False
    assert run_module(ipack_process_schedule.main, check_mode=True, **dict(pause, enabled=True))[1]['changed'] is True
    assert writes(sim) == []
    failed, resume = run_module(ipack_process_schedule.main, enabled=True, **options)
    assert not failed and resume['changed'] is True and writes(sim) == [('ProcessScheduleStatus.update', 200)] * 2
    assert production_int(sim, instance) == [([SIM_WEEKDAYS], 5, True)] * 2  # the schedule stayed

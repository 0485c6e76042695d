# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack_process_schedules (its elements checked, planned and applied by the bulk engine with SchedulesKind, and the
module's ``main()`` in process: ``run_module``)
against the simulator, through both APIs."""

from __future__ import annotations

import threading

import pytest

from ansible_collections.boomi.platform.plugins.module_utils import bulk
from ansible_collections.boomi.platform.plugins.module_utils.bulk import WriteFailed
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiInputError
from ansible_collections.boomi.platform.plugins.modules import ipack_process_schedules
from ansible_collections.boomi.platform.plugins.module_utils.process_schedules import ProcessReader, SchedulesKind
from ansible_collections.boomi.platform.plugins.modules.ipack_process_schedules import converge
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import (
    OPERATIONS, ORDER_INTAKE, PRODUCTION, PRODUCTION_ATOMS, TEST, assert_masked, writes,
)

SIM_WEEKDAYS = {'minutes': '*/15', 'hours': '8-18', 'daysOfWeek': '2,3,4,5,6', 'daysOfMonth': '*', 'months': '*', 'years': '*'}
STATUS = 'ProcessScheduleStatus.update'


def element(**given):
    """One element of ``processes`` as ansible-core hands it to the module: every option, None when not given."""
    params = dict(instance_id=None, process=None, environment=None, atom_id=None, schedules=None, cron=None, enabled=None, max_retry=None,
                  retry_schedules=None, state='present')
    params.update(given)
    return params


def checked(params, check_mode=False):
    elements, problems = bulk.check(SchedulesKind(), params, params, check_mode)
    assert problems == []
    return elements


@pytest.fixture
def instances(sim):
    """Two Order Intake instances, Unit A and Unit B, each attached to Production (two Atoms) and Test (one)."""
    found = {}
    for name in ('Unit A', 'Unit B'):
        created = sim.state.install(ORDER_INTAKE, name)
        sim.state.attach(created['id'], [PRODUCTION, TEST])
        found[name] = created
    return found


def records(sim, instance, process, environment):
    """The simulator's records of the instance's process (``INT``, ``Acknowledge``) in an environment, sorted by Atom."""
    [process_id] = [p['id'] for p in instance['processes'] if p['name'].endswith(' - ' + process)]
    return sorted((r for r in sim.state.schedules.values() if r['processId'] == process_id and r['envId'] == environment),
                  key=lambda r: r['atomId'])


def wanted(instances):
    a, b = instances['Unit A']['id'], instances['Unit B']['id']
    return [
        element(instance_id=a, process='INT', environment='Production', cron='*/15 8-18 * * MON-FRI', max_retry=3),
        element(instance_id=a, process='INT', environment='Test', schedules=[{'minutes': '0', 'hours': '6'}]),
        element(instance_id=a, process='Acknowledge', environment='Production', enabled=False),
        element(instance_id=b, process='Unit B - INT', atom_id=PRODUCTION_ATOMS[1], schedules=[{'cron': '0 6 * * MON-FRI'}], max_retry=2),
        element(instance_id=b, process='Acknowledge', environment='Test', state='absent'),  # nothing to clear
    ]


def shown(result):
    """What a result says of each element: changed, the process, and per record of its Atoms the schedule, retries, status."""
    return [(p['changed'], p['process']['name'], p['environment'], p['atom_id'],
             sorted((r['atom_id'], [sorted(s.items()) for s in r['schedule']], r['retry']['max_retry'], r.get('enabled'))
                    for r in p['schedules'])) for p in result['processes']]


def test_every_bad_element_is_reported_at_once_before_any_request(sim):
    params = [
        element(instance_id='i-1', process='INT', environment='Test', cron='0 6 * * *'),  # fine
        element(instance_id='i-1', process='INT', environment='Test', atom_id='a-1', cron='61 * * * *'),
        element(instance_id='i-1', process='INT', environment='Production', max_retry=6, schedules=[{'minutes': '0'}]),
        element(instance_id='', process='INT', atom_id='a-1', state='absent', cron='0 6 * * *'),
        element(instance_id='i-1', process=['INT'], environment='Test'),
        element(instance_id='i-1', process='INT', environment='Test', enabled=True),  # the same records as processes[0]
    ]
    elements, problems = bulk.check(SchedulesKind(), params, params, check_mode=False)
    assert problems == [
        "processes[1].environment and processes[1].atom_id are mutually exclusive, got environment 'Test' and atom_id 'a-1'",
        "processes[1].cron: minutes '61' is out of range: 61 is not within 0-59",
        'processes[2].max_retry must be between 1 and 5, got 6',
        'processes[2].schedules[0]: hours is required (or give cron)',
        "processes[3].instance_id is required, got '' (null or empty is accepted only in check mode, for an instance that an earlier "
        "task would install)",
        "processes[3].cron must not be given with state=absent (absent clears every schedule), got '0 6 * * *'",
        'processes[4].process must be a string, got a list: "[\'INT\']" (quote it in YAML, for example "1.10")',
        'processes[4].state=present needs at least one of schedules, cron, enabled, max_retry, retry_schedules',
        "processes[0] and processes[5] are for the same schedule records (instance_id 'i-1', process 'INT', environment 'Test'): give "
        "each process and environment or Atom once, two writes to one record would fight",
    ]
    assert len(elements) == 6
    # in check mode an empty instance_id is an instance an earlier task would install
    assert [p for p in bulk.check(SchedulesKind(), params[3:4], params[3:4], check_mode=True)[1] if 'instance_id' in p] == []
    assert sim.log == []


def test_unknown_processes_and_environments_are_all_reported_before_any_write(sim, client, instances):
    a = instances['Unit A']['id']
    params = [
        element(instance_id=a, process='INT', environment='Production', cron='0 6 * * *'),  # fine, but must not be written
        element(instance_id=a, process='Nope', environment='Test', enabled=False),
        element(instance_id=a, process='INT', environment='Nowhere', max_retry=2),
        element(instance_id=a, process='Unit A - INT', atom_id=PRODUCTION_ATOMS[0], max_retry=2),  # one of processes[0]'s records
        element(instance_id='SW50ZWdyYXRpb25QYWNrSW5zdGFuY2U5OTk5', process='INT', environment='Test', max_retry=2),
    ]
    with pytest.raises(BoomiInputError) as failure:
        converge(client, checked(params))
    problems = failure.value.result['problems']
    assert problems == [
        "processes[1]: process 'Nope': the instance has no such process (its processes: Unit A - Acknowledge, Unit A - INT)",
        "processes[2].environment: environment 'Nowhere' not found (known: Production, Sandbox, Test)",
        "processes[4]: instance_id 'SW50ZWdyYXRpb25QYWNrSW5zdGFuY2U5OTk5': no such integration pack instance",
        "processes[0] and processes[3] both set the schedules of process 'Unit A - INT' on Atom %s: give each process and Atom once, "
        "two writes to one record would fight" % PRODUCTION_ATOMS[0],
    ]
    assert str(failure.value) == '4 problem(s) in processes, nothing was changed: ' + '; '.join(problems)
    assert writes(sim) == []


def test_check_mode_predicts_what_the_concurrent_run_then_does(sim, api, new_client, instances):
    elements = checked(wanted(instances))
    predicted = converge(new_client(), elements, check_mode=True)
    assert writes(sim) == []
    assert all(r['Schedule'] == [] and r['enabled'] for r in sim.state.schedules.values())

    del sim.log[:]
    sim.set_faults(latency=0.2)
    client = new_client()
    read = client.list_processes
    reads = []
    client.list_processes = lambda instance_id, **kw: reads.append(instance_id) or read(instance_id, **kw)
    in_flight, most = [0], [0]
    lock = threading.Lock()

    def counted(write):
        def send(*args, **kwargs):
            with lock:
                in_flight[0] += 1
                most[0] = max(most[0], in_flight[0])
            try:
                return write(*args, **kwargs)
            finally:
                with lock:
                    in_flight[0] -= 1
        return send

    client.update_schedule, client.set_schedule_status = counted(client.update_schedule), counted(client.set_schedule_status)
    done = converge(client, elements, concurrency=4)
    sim.clear_faults()
    assert sorted(reads) == sorted([instances['Unit A']['id'], instances['Unit B']['id']])  # each instance's processes read once

    # the real run did what check mode predicted, results and diff in declared order
    assert shown(done) == shown(predicted)
    assert done['diff'] == predicted['diff']
    assert [p['changed'] for p in done['processes']] == [True, True, True, True, False]
    assert [p['process']['name'] for p in done['processes']] == ['Unit A - INT', 'Unit A - INT', 'Unit A - Acknowledge', 'Unit B - INT',
                                                                 'Unit B - Acknowledge']
    assert list(done['diff']['after']) == ['Unit A - INT @ Production', 'Unit A - INT @ Test', 'Unit A - Acknowledge @ Production',
                                           'Unit B - INT @ atom_id %s' % PRODUCTION_ATOMS[1], 'Unit B - Acknowledge @ Test']
    assert done['diff']['after']['Unit A - INT @ Production'] == {
        atom: {'schedule': ['cron */15 8-18 * * MON-FRI'], 'retry_schedule': [], 'max_retry': 3} for atom in PRODUCTION_ATOMS}
    assert done['diff']['before']['Unit A - Acknowledge @ Production'] == {
        atom: {'schedule': [], 'retry_schedule': [], 'max_retry': 5, 'enabled': True} for atom in PRODUCTION_ATOMS}
    # the records of the process that two elements changed show both changes in both entries
    assert done['processes'][0]['schedules'] == done['processes'][1]['schedules']

    a, b = instances['Unit A'], instances['Unit B']
    assert [(r['Schedule'], r['Retry']['maxRetry']) for r in records(sim, a, 'INT', PRODUCTION)] == [([SIM_WEEKDAYS], 3)] * 2
    assert [r['Schedule'][0]['hours'] for r in records(sim, a, 'INT', TEST)] == ['6']
    assert [r['enabled'] for r in records(sim, a, 'Acknowledge', PRODUCTION)] == [False, False]
    assert [r['enabled'] for r in records(sim, a, 'Acknowledge', TEST)] == [True]
    assert [(r['atomId'], len(r['Schedule']), r['Retry']['maxRetry']) for r in records(sim, b, 'INT', PRODUCTION)] == [
        (atom, 1 if atom == PRODUCTION_ATOMS[1] else 0, 2 if atom == PRODUCTION_ATOMS[1] else 5) for atom in sorted(PRODUCTION_ATOMS)]

    ops = [op for op, status in writes(sim)]
    assert sorted(ops) == sorted([OPERATIONS['schedule'][api]] * 4 + [STATUS] * 2) and all(s == 200 for op, s in writes(sim))
    # the writes of different elements were in flight together (200 ms per answer), never more than concurrency
    assert 2 <= most[0] <= 4, most[0]
    assert {w['context'] for w in client.writes} == {0, 1, 2, 3}

    del sim.log[:]
    again = new_client()
    rerun = converge(again, elements, concurrency=4)
    assert rerun['changed'] is False and [p['changed'] for p in rerun['processes']] == [False] * 5
    assert writes(sim) == [] and again.writes == []


def test_a_failed_write_stops_new_elements_and_reports_what_was_written(sim, api, new_client, instances):
    a = instances['Unit A']
    params = [element(instance_id=a['id'], process='INT', atom_id=atom, cron='0 %d * * *' % hour)
              for hour, atom in enumerate(sorted(PRODUCTION_ATOMS))]
    params.append(element(instance_id=a['id'], process='Acknowledge', environment='Test', cron='0 9 * * *'))
    elements = checked(params)
    client = new_client(max_retries=0)
    plans = bulk.plan(SchedulesKind(ProcessReader(client)), client, elements)
    sim.set_faults(rate_limit={'every': 2, 'retry_after': 0})  # the first write is answered, the second refused (503/429)
    with pytest.raises(WriteFailed) as failure:
        bulk.apply(SchedulesKind(), client, elements, plans, concurrency=1)  # one element after the other
    sim.clear_faults()

    first, second = sorted(PRODUCTION_ATOMS)
    assert [(r['atomId'], r['Schedule']) for r in records(sim, a, 'INT', PRODUCTION)] == [
        (first, [{'minutes': '0', 'hours': '0', 'daysOfWeek': '*', 'daysOfMonth': '*', 'months': '*', 'years': '*'}]), (second, [])]
    assert [r['Schedule'] for r in records(sim, a, 'Acknowledge', TEST)] == [[]]  # processes[2] was never started
    assert writes(sim) == [(OPERATIONS['schedule'][api], 200), (OPERATIONS['schedule'][api], 429 if api == 'graphql' else 503)]

    result = failure.value.result
    assert result['changed'] is True
    assert [(w['item'], w['name'], w['write'], w['outcome'], w['atom_id'], w['enabled']) for w in result['writes']] == [
        ('processes[0]', 'Unit A - INT @ atom_id %s' % first, 'schedule', 'done', first, None)]
    assert [(p['changed'], p['atom_id']) for p in result['processes']] == [(True, first), (False, second)]
    # the entries show the records as the account has them
    [after] = [r for r in result['processes'][1]['schedules'] if r['atom_id'] == first]
    assert after['schedule'] == [{'minutes': '0', 'hours': '0', 'days_of_week': '*', 'days_of_month': '*', 'months': '*', 'years': '*'}]
    msg = str(failure.value)
    assert msg.startswith('processes[1]: '), msg
    assert msg.endswith('(changes made before: Unit A - INT @ atom_id %s)' % first), msg
    assert failure.value.status == (429 if api == 'graphql' else 503)

    del sim.log[:]
    rerun = converge(new_client(), elements)
    assert [p['changed'] for p in rerun['processes']] == [False, True, True]
    assert [op for op, status in writes(sim)] == [OPERATIONS['schedule'][api]] * 2
    assert [len(r['Schedule']) for r in records(sim, a, 'INT', PRODUCTION) + records(sim, a, 'Acknowledge', TEST)] == [1, 1, 1]


def test_pause_and_resume_through_schedule_status(sim, new_client, instances):
    a, b = instances['Unit A'], instances['Unit B']
    elements = checked([element(instance_id=a['id'], process='INT', environment='Production', enabled=False),
                        element(instance_id=b['id'], process='INT', environment='Test', enabled=False)])
    paused = converge(new_client(), elements)
    assert [p['changed'] for p in paused['processes']] == [True, True]
    assert [r['enabled'] for r in records(sim, a, 'INT', PRODUCTION) + records(sim, b, 'INT', TEST)] == [False] * 3
    assert [r['enabled'] for r in records(sim, a, 'INT', TEST) + records(sim, b, 'INT', PRODUCTION)] == [True] * 3
    assert [op for op, status in writes(sim)] == [STATUS] * 3  # the schedules were left alone
    assert all(r['enabled'] is False for r in paused['processes'][0]['schedules'] if r['environment_id'] == PRODUCTION)

    del sim.log[:]
    assert converge(new_client(), elements)['changed'] is False and writes(sim) == []
    resumed = converge(new_client(), checked([element(instance_id=a['id'], process='INT', environment='Production', enabled=True)]))
    assert resumed['changed'] is True and [r['enabled'] for r in records(sim, a, 'INT', PRODUCTION)] == [True, True]


def test_pending_instances_are_predicted_in_check_mode(sim, client):
    params = [element(instance_id=None, process='INT', environment='Production', cron='0 6 * * MON-FRI', max_retry=2),
              element(instance_id='', process='INT', environment='Production', enabled=False)]  # may be another instance: no duplicate
    predicted = converge(client, checked(params, check_mode=True), check_mode=True)
    assert [(p['changed'], p['process'], p['instance_id']) for p in predicted['processes']] == [(True, {'id': None, 'name': 'INT'}, None)] * 2
    assert list(predicted['diff']['after']) == ['INT @ Production', 'INT @ Production (processes[1])']
    assert predicted['diff']['after']['INT @ Production'] == {
        atom: {'schedule': ['cron 0 6 * * MON-FRI'], 'retry_schedule': [], 'max_retry': 2} for atom in PRODUCTION_ATOMS}
    assert writes(sim) == []


def test_nothing_to_do_needs_no_client():
    assert converge(None, []) == {'changed': False, 'processes': [], 'diff': {'before': {}, 'after': {}}}


def test_lost_answers_among_concurrent_elements_are_re_read_and_hold(sim, api, new_client, instances):
    """Boomi commits two writes (a schedule, a pause) but their answers are lost, while four elements run at once: the run
    re-reads, finishes every element without failing, and the account holds what was asked; a re-run sends nothing."""
    elements = checked(wanted(instances))
    sim.set_faults(drop_after_commit={'operation': 'any_write', 'count': 2}, latency=0.1)
    done = converge(new_client(), elements, concurrency=4)
    sim.clear_faults()
    assert [p['changed'] for p in done['processes']] == [True, True, True, True, False]
    a, b = instances['Unit A'], instances['Unit B']
    assert [(r['Schedule'], r['Retry']['maxRetry']) for r in records(sim, a, 'INT', PRODUCTION)] == [([SIM_WEEKDAYS], 3)] * 2
    assert [r['Schedule'][0]['hours'] for r in records(sim, a, 'INT', TEST)] == ['6']
    assert [r['enabled'] for r in records(sim, a, 'Acknowledge', PRODUCTION)] == [False, False]
    b_int = records(sim, b, 'INT', PRODUCTION)
    assert [len(r['Schedule']) for r in b_int] == [1 if r['atomId'] == PRODUCTION_ATOMS[1] else 0 for r in b_int]
    del sim.log[:]
    again = converge(new_client(), elements, concurrency=4)
    assert again['changed'] is False and writes(sim) == []


# -- main() in process (run_module): what the task shows (moved from tests/integration/test_process_schedules_bulk.py) -------------
@pytest.mark.parametrize('processes, message', [
    ([{'instance_id': 'i-1', 'process': 'INT', 'environment': 'Test', 'atom_id': 'a-1', 'cron': '0 6 * * *'}],
     "processes[0].environment and processes[0].atom_id are mutually exclusive, got environment 'Test' and atom_id 'a-1'"),
    ([{'instance_id': 'i-1', 'process': 'INT', 'environment': 'Test', 'cron': '0 6 * * *', 'schedules': [{'cron': '0 7 * * *'}]}],
     'processes[0].schedules and processes[0].cron are mutually exclusive, got schedules ['),
    ([{'instance_id': 'i-1', 'process': 'INT', 'cron': '0 6 * * *'}],
     'processes[0].environment or processes[0].atom_id is required (one of them)'),
    ([{'instance_id': 'i-1', 'environment': 'Test', 'cron': '0 6 * * *'}], 'missing required arguments: process found in processes'),
    ([{'instance_id': 'i-1', 'process': 'INT', 'environment': 'Test', 'cron': '0 6 * * *', 'colour': 'red'}], 'colour'),
])
def test_main_refuses_bad_options_before_any_request(sim, run_module, processes, message):
    failed, result = run_module(ipack_process_schedules.main, processes=processes)
    assert failed and message in result['msg'], result['msg']
    assert result.get('changed', False) is False and sim.log == []
    assert_masked(result)


def test_main_bad_elements_are_all_reported_before_any_request(sim, run_module, instances):
    a, b = instances['Unit A']['id'], instances['Unit B']['id']
    processes = [
        {'instance_id': a, 'process': 'INT', 'environment': 'Production', 'cron': '0 6 * * *'},  # fine
        {'instance_id': a, 'process': 'INT', 'environment': 'Test', 'cron': 'every day'},
        {'instance_id': a, 'process': 'Acknowledge', 'environment': 'Test', 'max_retry': 6},
        {'instance_id': '', 'process': 'INT', 'atom_id': 'a-1', 'enabled': True},
        {'instance_id': a, 'process': 'INT', 'environment': 'Production', 'enabled': False},
    ]
    failed, result = run_module(ipack_process_schedules.main, processes=processes)
    assert failed and sim.log == [] and result.get('changed', False) is False, result
    assert result['problems'] == [
        "processes[1].cron: cron 'every day' must have five fields (minute hour day-of-month month day-of-week)",
        'processes[2].max_retry must be between 1 and 5, got 6',
        "processes[3].instance_id is required, got '' (null or empty is accepted only in check mode, for an instance that an earlier "
        'task would install)',
        "processes[0] and processes[4] are for the same schedule records (instance_id %r, process 'INT', environment 'Production'): "
        'give each process and environment or Atom once, two writes to one record would fight' % a,
    ]
    assert result['msg'] == '4 problem(s) in processes, nothing was changed: ' + '; '.join(result['problems'])
    assert_masked(result)

    # unknown process and environment: found by the reads, reported together before any write
    lookups = [dict(processes[0]), {'instance_id': b, 'process': 'Nope', 'environment': 'Test', 'max_retry': 2},
               {'instance_id': b, 'process': 'INT', 'environment': 'Nowhere', 'max_retry': 2}]
    failed, result = run_module(ipack_process_schedules.main, processes=lookups)
    assert failed and writes(sim) == [], result
    assert result['problems'] == [
        "processes[1]: process 'Nope': the instance has no such process (its processes: Unit B - Acknowledge, Unit B - INT)",
        "processes[2].environment: environment 'Nowhere' not found (known: Production, Sandbox, Test)",
    ]


def test_main_check_mode_with_diff_predicts_what_the_run_then_does(sim, api, run_module, instances):
    a = instances['Unit A']['id']
    processes = [{'instance_id': a, 'process': 'INT', 'environment': 'Production', 'cron': '*/15 8-18 * * MON-FRI', 'max_retry': 3},
                 {'instance_id': a, 'process': 'Acknowledge', 'environment': 'Test', 'enabled': False}]
    failed, predicted = run_module(ipack_process_schedules.main, check_mode=True, diff=True, processes=processes)
    assert not failed and predicted['changed'] is True and writes(sim) == [], predicted
    failed, done = run_module(ipack_process_schedules.main, diff=True, processes=processes)
    assert not failed and done['diff'] == predicted['diff'], done
    assert [p['schedules'] for p in done['processes']] == [p['schedules'] for p in predicted['processes']]
    assert sorted(operation for operation, _status in writes(sim)) == sorted([OPERATIONS['schedule'][api]] * 2 + [STATUS])
    assert [(r['Schedule'], r['Retry']['maxRetry']) for r in records(sim, instances['Unit A'], 'INT', PRODUCTION)] == [([SIM_WEEKDAYS], 3)] * 2
    assert_masked(done)


def test_main_a_failed_write_reports_what_was_done_and_a_rerun_finishes(sim, api, run_module, instances):
    a, b = instances['Unit A'], instances['Unit B']
    atoms = sorted(PRODUCTION_ATOMS)
    processes = [{'instance_id': a['id'], 'process': 'INT', 'atom_id': atom, 'cron': '0 %d * * *' % hour} for hour, atom in enumerate(atoms)]
    processes.append({'instance_id': b['id'], 'process': 'INT', 'environment': 'Test', 'cron': '0 9 * * *'})
    # the same elements with nothing to clear make the same reads and no write: the fault below refuses the second write
    # after those reads (not retried)
    clear = [dict({k: v for k, v in p.items() if k != 'cron'}, state='absent') for p in processes]
    failed, _result = run_module(ipack_process_schedules.main, processes=clear, concurrency=1)
    assert not failed and writes(sim) == []
    reads = len(sim.log)
    del sim.log[:]
    sim.set_faults(rate_limit={'every': reads + 2, 'retry_after': 0})
    failed, result = run_module(ipack_process_schedules.main, processes=processes, concurrency=1, max_retries=0)
    sim.clear_faults()
    assert failed and result['changed'] is True, result
    assert result['msg'].startswith('processes[1]: ') and result['msg'].endswith(
        '(changes made before: Unit A - INT @ atom_id %s)' % atoms[0]), result['msg']
    assert [(w['item'], w['write'], w['outcome'], w['atom_id']) for w in result['writes']] == [('processes[0]', 'schedule', 'done', atoms[0])]
    assert [(p['changed'], p['atom_id']) for p in result['processes']] == [(True, atoms[0]), (False, atoms[1])]
    # the account has exactly what writes says
    assert [len(r['Schedule']) for r in records(sim, a, 'INT', PRODUCTION)] == [1, 0]
    assert [r['Schedule'] for r in records(sim, b, 'INT', TEST)] == [[]]
    assert_masked(result)

    del sim.log[:]
    failed, rerun = run_module(ipack_process_schedules.main, processes=processes)
    assert not failed and [p['changed'] for p in rerun['processes']] == [False, True, True], rerun
    assert len(writes(sim)) == 2

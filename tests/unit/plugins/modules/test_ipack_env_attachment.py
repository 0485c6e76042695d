# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack_env_attachment: plan_attachments and apply_attachments, and the module's ``main()`` in process (``run_module``), against
the simulator, through both APIs."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, BoomiInputError
from ansible_collections.boomi.platform.plugins.modules import ipack_env_attachment, ipack_process_schedule_info
from ansible_collections.boomi.platform.plugins.modules.ipack_env_attachment import apply_attachments, plan_attachments
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import (
    OPERATIONS, ORDER_INTAKE, PRODUCTION, PRODUCTION_ATOMS, SALESFORCE, SANDBOXES, TEST, assert_masked, attached_to, writes,
)


def run(client, instance_id, refs, state='present', exclusive=False, check_mode=False):
    return apply_attachments(client, plan_attachments(client, instance_id, refs, state, exclusive), check_mode=check_mode)


@pytest.fixture
def instance_id(sim):
    return sim.state.install(ORDER_INTAKE, 'Unit EU')['id']


def test_attach_then_already_attached(sim, api, new_client, instance_id):
    result = run(new_client(), instance_id, ['Test', PRODUCTION])
    assert attached_to(sim, instance_id) == sorted([TEST, PRODUCTION])
    assert result['changed'] is True and result['attached'] == ['Production', 'Test'] and result['detached'] == []
    assert [(a['environment_name'], a['environment_id'], a['instance_id']) for a in result['attachments']] == [
        ('Production', PRODUCTION, instance_id), ('Test', TEST, instance_id)]
    assert sorted(a['id'] for a in result['attachments']) == sorted(sim.state.attachments)  # the real attachment IDs
    assert result['diff'] == {'before': {'environments': []}, 'after': {'environments': ['Production', 'Test']}}
    # REST: one create per environment; GraphQL: one mutation for both
    assert writes(sim) == [(OPERATIONS['attach'][api], 200)] * (2 if api == 'rest' else 1)

    del sim.log[:]
    again = run(new_client(), instance_id, ['Production', 'Test'])
    assert again['changed'] is False and again['attached'] == [] and writes(sim) == []


def test_exclusive_detaches_the_environments_not_listed(sim, api, client, instance_id):
    sim.state.attach(instance_id, [TEST, PRODUCTION])
    result = run(client, instance_id, ['Production'], exclusive=True)
    assert result['changed'] is True and result['attached'] == [] and result['detached'] == ['Test']
    assert [a['environment_name'] for a in result['attachments']] == ['Production']
    assert attached_to(sim, instance_id) == [PRODUCTION]
    assert writes(sim) == [(OPERATIONS['detach'][api], 200)]


def test_detach_then_already_detached(sim, api, new_client, instance_id):
    sim.state.attach(instance_id, [TEST, PRODUCTION])
    result = run(new_client(), instance_id, ['Test'], state='absent')
    assert result['changed'] is True and result['detached'] == ['Test']
    assert attached_to(sim, instance_id) == [PRODUCTION]
    assert result['diff'] == {'before': {'environments': ['Production', 'Test']}, 'after': {'environments': ['Production']}}

    del sim.log[:]
    again = run(new_client(), instance_id, ['Test'], state='absent')
    assert again['changed'] is False and writes(sim) == []


def test_check_mode_predicts_and_writes_nothing(sim, client, instance_id):
    sim.state.attach(instance_id, [TEST])
    predicted = run(client, instance_id, ['Production'], exclusive=True, check_mode=True)
    assert predicted['changed'] is True and predicted['attached'] == ['Production'] and predicted['detached'] == ['Test']
    assert [(a['id'], a['environment_name']) for a in predicted['attachments']] == [(None, 'Production')]
    # an instance an earlier task would install: every environment would be attached
    pending = run(client, None, ['Test', 'Production'], check_mode=True)
    assert pending['changed'] is True and pending['attached'] == ['Production', 'Test']
    assert writes(sim) == [] and attached_to(sim, instance_id) == [TEST]


def test_unknown_instance_and_environment_fail_before_any_write(sim, client):
    with pytest.raises(BoomiInputError) as failure:
        plan_attachments(client, 'SW50ZWdyYXRpb25QYWNrSW5zdGFuY2U5OTk5', ['Test'])
    assert str(failure.value) == "instance_id 'SW50ZWdyYXRpb25QYWNrSW5zdGFuY2U5OTk5': no such integration pack instance"
    with pytest.raises(BoomiError) as failure:
        plan_attachments(client, 'SW50ZWdyYXRpb25QYWNrSW5zdGFuY2U5OTk5', ['Staging'])
    assert "environments: environment 'Staging' not found (known: Production, Sandbox, Test)" in str(failure.value)
    assert writes(sim) == []


# -- main() in process (run_module): what the task shows ----------------------------------------------------------------------------
@pytest.mark.parametrize('options, message', [
    ({'environments': ['Test']}, 'missing required arguments: instance_id'),
    ({'instance_id': 'i-1', 'environments': ['Test'], 'state': 'gone'}, 'value of state must be one of: present, absent, got: gone'),
    ({'instance_id': 'i-1', 'environments': ['Test'], 'exclusive': 'maybe'}, 'exclusive'),
    ({'instance_id': 'i-1', 'environments': ['Test'], 'colour': 'red'}, 'Unsupported parameters for'),
    ({'instance_id': 'i-1', 'environments': ['Test'], 'state': 'absent', 'exclusive': True}, 'exclusive=true is only valid with state=present'),
    ({'instance_id': 'i-1', 'environments': ['  ']}, 'environments must not be empty or blank'),
    ({'instance_id': 'i-1', 'environments': [1.5]}, 'environments must be a string'),
    ({'instance_id': '', 'environments': ['Test']}, 'instance_id is required (null or empty is accepted only in check mode'),
])
def test_main_refuses_bad_options_before_any_request(sim, run_module, options, message):
    failed, result = run_module(ipack_env_attachment.main, **options)
    assert failed and message in result['msg'], result['msg']
    assert result.get('changed', False) is False and sim.log == []
    assert_masked(result)


def test_main_attaches_with_diff_then_reports_no_change(sim, api, run_module, instance_id):
    failed, result = run_module(ipack_env_attachment.main, diff=True, instance_id=instance_id, environments=['Test', PRODUCTION])
    assert not failed and result['changed'] is True and result['attached'] == ['Production', 'Test'], result
    assert result['diff'] == {'before': {'environments': []}, 'after': {'environments': ['Production', 'Test']}}
    assert attached_to(sim, instance_id) == sorted([TEST, PRODUCTION])
    assert_masked(result)
    del sim.log[:]
    failed, again = run_module(ipack_env_attachment.main, instance_id=instance_id, environments=['Production', 'Test'])
    assert not failed and again['changed'] is False and again['attachments'] == result['attachments'] and writes(sim) == []


def test_main_check_mode_predicts_and_writes_nothing(sim, run_module, instance_id):
    sim.state.attach(instance_id, [TEST])
    failed, result = run_module(ipack_env_attachment.main, check_mode=True, instance_id=instance_id, environments=['Production'],
                                exclusive=True)
    assert not failed and result['changed'] is True, result
    assert (result['attached'], result['detached']) == (['Production'], ['Test'])
    assert result['diff'] == {'before': {'environments': ['Test']}, 'after': {'environments': ['Production']}}
    # an instance that an earlier check-mode task would install: instance_id empty, no failure
    failed, pending = run_module(ipack_env_attachment.main, check_mode=True, instance_id='', environments=['Test'])
    assert not failed and pending['changed'] is True and pending['attached'] == ['Test'], pending
    assert writes(sim) == [] and attached_to(sim, instance_id) == [TEST]


def test_main_unknown_instance_and_environment_fail_before_any_write(sim, run_module):
    failed, result = run_module(ipack_env_attachment.main, instance_id='SW50ZWdyYXRpb25QYWNrSW5zdGFuY2U5OTk5', environments=['Test'])
    assert failed and result['msg'] == "instance_id 'SW50ZWdyYXRpb25QYWNrSW5zdGFuY2U5OTk5': no such integration pack instance", result
    failed, result = run_module(ipack_env_attachment.main, instance_id='SW50ZWdyYXRpb25QYWNrSW5zdGFuY2U5OTk5', environments=['Staging'])
    assert failed and "environment 'Staging' not found (known: Production, Sandbox, Test)" in result['msg'], result
    assert writes(sim) == []


def test_main_a_failed_write_reports_the_write_made_before_it(sim, api, run_module, instance_id):
    """Exclusive: detach a Sandbox and attach Test and Production; the second write is refused (not retried): the task fails with
    ``changed: true`` and ``writes`` naming the write made, which the account shows."""
    sim.state.attach(instance_id, [SANDBOXES[0]])
    options = dict(instance_id=instance_id, environments=['Test', 'Production'], exclusive=True)
    run_module(ipack_env_attachment.main, check_mode=True, **options)
    reads = len(sim.log)  # the same reads as the real run makes before its first write
    del sim.log[:]
    sim.set_faults(rate_limit={'every': reads + 2, 'retry_after': 0})
    failed, result = run_module(ipack_env_attachment.main, max_retries=0, **options)
    sim.clear_faults()
    assert failed and result['changed'] is True, result
    [first, second] = writes(sim)
    assert first[1] == 200 and second[1] in (429, 503)
    done = [w for w in result['writes'] if w['outcome'] == 'done']
    assert len(done) == 1, result['writes']
    if first[0] == OPERATIONS['detach'][api]:
        assert done[0]['write'] == 'detach' and SANDBOXES[0] not in attached_to(sim, instance_id)
    else:
        assert done[0]['write'] == 'attach' and SANDBOXES[0] in attached_to(sim, instance_id) and attached_to(sim, instance_id) != [SANDBOXES[0]]
    assert_masked(result)


def test_main_a_lost_attach_answer_is_settled_by_a_re_read(sim, api, run_module, instance_id):
    """Boomi attached, its answer was lost: the re-read finds the attachment, the task succeeds, changed, with its real id."""
    sim.set_faults(drop_after_commit={'operation': 'attach', 'count': 1})
    failed, result = run_module(ipack_env_attachment.main, max_retries=0, instance_id=instance_id, environments=['Test'])
    sim.clear_faults()
    assert not failed and result['changed'] is True and result['attached'] == ['Test'], result
    assert [a['id'] for a in result['attachments']] == list(sim.state.attachments)
    assert writes(sim) == [(OPERATIONS['attach'][api], 0)]


# -- attach, read the schedules, exclusive, detach: a playbook's tasks one after the other (moved from
# tests/integration/test_attachments.py) ---------------------------------------------------------------------------------------------
TEST_ATOMS = ('83af9ff8-c60c-4a8a-8b9a-c4dfdbb303f1',)
ATTACHMENT_KEYS = {'id', 'environment_id', 'environment_name', 'instance_id'}
PROCESS_KEYS = {'id', 'name', 'integration_pack_id', 'instance_id', 'schedules'}
SCHEDULE_KEYS = {'id', 'process_id', 'atom_id', 'environment_id', 'schedule', 'retry', 'enabled'}


def schedule_records(processes):
    """(schedule id, process id, atom id, environment id) of every schedule record of the info module's processes."""
    return sorted((s['id'], s['process_id'], s['atom_id'], s['environment_id']) for p in processes for s in p['schedules'])


def state_records(state, instance, environment_id=None):
    return sorted((r['id'], r['processId'], r['atomId'], r['envId']) for r in state['schedules']
                  if r['integrationPackInstanceId'] == instance and environment_id in (None, r['envId']))


def test_main_attach_schedules_exclusive_detach(sim, api, run_module):
    eu_id = sim.state.install(ORDER_INTAKE, 'Order Intake EU')['id']
    sf_id = sim.state.install(SALESFORCE)['id']
    sim.state.attach(sf_id, [TEST])  # another instance's attachment: must stay untouched
    atoms = {TEST: TEST_ATOMS, PRODUCTION: PRODUCTION_ATOMS}

    def task(module, **options):
        before = len(sim.log)
        failed, result = run_module(module.main, **options)
        assert not failed, result
        return result, len([e for e in sim.log[before:] if e['write']])

    attached, written = task(ipack_env_attachment, instance_id=eu_id, environments=['Test', 'Production'])
    assert attached['changed'] is True and written == (2 if api == 'rest' else 1)
    assert (attached['attached'], attached['detached']) == (['Production', 'Test'], [])
    state = sim.state.dump()
    ours = [a for a in state['attachments'] if a['integrationPackInstanceId'] == eu_id]
    assert sorted((a['id'], a['environment_id']) for a in attached['attachments']) == sorted((a['id'], a['environmentId']) for a in ours)
    assert [a['environment_name'] for a in attached['attachments']] == ['Production', 'Test']
    for item in attached['attachments']:
        assert set(item) == ATTACHMENT_KEYS and item['instance_id'] == eu_id
        assert item['environment_id'] == {'Production': PRODUCTION, 'Test': TEST}[item['environment_name']]
    for environments in (['Production', 'Test'], [PRODUCTION, 'Test', 'Test']):  # again; Production by id, Test twice
        again, written = task(ipack_env_attachment, instance_id=eu_id, environments=environments)
        assert again['changed'] is False and (again['attached'], again['detached'], written) == ([], [], 0)
        assert again['attachments'] == attached['attachments']

    # the schedules: one record per process and Atom of each attached environment
    everything, written = task(ipack_process_schedule_info, instance_id=eu_id)
    processes = everything['processes']
    assert [p['name'] for p in processes] == ['Order Intake EU - Acknowledge', 'Order Intake EU - INT'] and written == 0
    for process in processes:
        assert set(process) == PROCESS_KEYS and process['instance_id'] == eu_id and process['integration_pack_id'] == ORDER_INTAKE
        assert len(process['schedules']) == 3  # Test: 1 Atom, Production: 2
        for record in process['schedules']:
            assert set(record) == SCHEDULE_KEYS and record['process_id'] == process['id']
            assert record['atom_id'] in atoms[record['environment_id']]
            assert record['schedule'] == [] and record['retry'] == {'schedule': [], 'max_retry': 5}
    assert len(schedule_records(processes)) == 6 and schedule_records(processes) == state_records(state, eu_id)
    production = task(ipack_process_schedule_info, instance_id=eu_id, environment=PRODUCTION)[0]['processes']
    assert schedule_records(production) == state_records(state, eu_id, PRODUCTION) and len(schedule_records(production)) == 4
    in_test = task(ipack_process_schedule_info, instance_id=eu_id, environment='Test')[0]['processes']
    assert schedule_records(in_test) == state_records(state, eu_id, TEST) and len(schedule_records(in_test)) == 2
    assert sim.state.dump() == state  # reads changed nothing

    # exclusive, then absent
    exclusive, written = task(ipack_env_attachment, instance_id=eu_id, environments=['Production'], exclusive=True)
    assert exclusive['changed'] is True and (exclusive['attached'], exclusive['detached'], written) == ([], ['Test'], 1)
    assert exclusive['attachments'] == [a for a in attached['attachments'] if a['environment_name'] == 'Production']
    again, written = task(ipack_env_attachment, instance_id=eu_id, environments=['Production'], exclusive=True)
    assert again['changed'] is False and (again['attached'], again['detached'], written) == ([], [], 0)
    assert again['attachments'] == exclusive['attachments']
    after_exclusive = task(ipack_process_schedule_info, instance_id=eu_id)[0]['processes']
    assert schedule_records(after_exclusive) == state_records(state, eu_id, PRODUCTION)
    absent, written = task(ipack_env_attachment, instance_id=eu_id, environments=['Production', 'Test'], state='absent')
    assert absent['changed'] is True and (absent['attached'], absent['detached'], absent['attachments'], written) == ([], ['Production'], [], 1)
    again, written = task(ipack_env_attachment, instance_id=eu_id, environments=['Production', 'Test'], state='absent')
    assert again['changed'] is False and (again['detached'], again['attachments'], written) == ([], [], 0)
    after = task(ipack_process_schedule_info, instance_id=eu_id)[0]['processes']
    assert [p['name'] for p in after] == ['Order Intake EU - Acknowledge', 'Order Intake EU - INT']
    assert all(p['schedules'] == [] for p in after)

    final = sim.state.dump()
    assert [a for a in final['attachments'] if a['integrationPackInstanceId'] == eu_id] == [] and state_records(final, eu_id) == []
    # the other instance's attachment and schedules are untouched
    assert [a for a in final['attachments'] if a['integrationPackInstanceId'] == sf_id] == \
        [a for a in state['attachments'] if a['integrationPackInstanceId'] == sf_id]
    assert state_records(final, sf_id) == state_records(state, sf_id) != []

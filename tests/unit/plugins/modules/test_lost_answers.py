# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``changed`` is the truth: a write whose answer was lost after Boomi applied it, and that nothing settled, makes the task fail
with ``changed: true`` and that write in ``writes`` with ``outcome: unknown``. Each module's ``main()`` runs in process against
the simulator (``run_module``), through both APIs; the simulator drops the answer after committing the write."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.modules import (
    ipack_env_attachment, ipack_env_extensions, ipack_instance, ipack_instance_info, ipack_process_schedule, ipack_process_schedules,
)
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import (
    OPERATIONS, ORDER_INTAKE, PRODUCTION, TEST, assert_masked, warnings_of, writes,
)

TEST_ATOM = '83af9ff8-c60c-4a8a-8b9a-c4dfdbb303f1'
SIX = {'minutes': '0', 'hours': '6', 'daysOfWeek': '*', 'daysOfMonth': '*', 'months': '*', 'years': '*'}
# (the simulator's fault, the module's options, the journal's name of the write): a schedule update and a pause are
# idempotent (retried like a read: with max_retries 0, one lost answer is the last)
SCHEDULE_WRITES = [
    ('schedule_update', dict(cron='0 6 * * *'), 'schedule'),
    ('schedule_status_update', dict(enabled=False), 'schedule status'),
]


@pytest.fixture
def instance(sim):
    """An Order Intake instance attached to Production and Test (one Atom)."""
    created = sim.state.install(ORDER_INTAKE, 'Unit EU')
    sim.state.attach(created['id'], [PRODUCTION, TEST])
    return created


def int_record(sim, instance):
    """The simulator's schedule record of the instance's INT process on the Test Atom."""
    [process_id] = [p['id'] for p in instance['processes'] if p['name'] == 'Unit EU - INT']
    [record] = [r for r in sim.state.schedules.values() if r['processId'] == process_id and r['atomId'] == TEST_ATOM]
    return record


def applied(sim, instance, write):
    """Whether the simulator holds what the write of SCHEDULE_WRITES asked."""
    record = int_record(sim, instance)
    return record['Schedule'] == [SIX] if write == 'schedule' else record.get('enabled', True) is False


@pytest.mark.parametrize('fault,options,write', SCHEDULE_WRITES)
def test_process_schedule_lost_answer_is_changed_and_unknown(sim, run_module, instance, fault, options, write):
    sim.set_faults(drop_after_commit={'operation': fault, 'count': 1})
    failed, result = run_module(ipack_process_schedule.main, max_retries=0, instance_id=instance['id'], process='INT',
                                environment='Test', **options)
    sim.clear_faults()
    assert applied(sim, instance, write)  # Boomi applied it; the answer was lost
    assert failed and result['changed'] is True, result
    process_id = int_record(sim, instance)['processId']
    assert result['writes'] == [{'write': write, 'outcome': 'unknown', 'process_id': process_id, 'atom_id': TEST_ATOM}]
    assert result['msg'].endswith('(outcome unknown, the write may have been applied: %s (atom_id %s; process_id %s))'
                                  % (write, TEST_ATOM, process_id)), result['msg']


@pytest.mark.parametrize('fault,options,write', SCHEDULE_WRITES)
def test_process_schedule_lost_answer_retried_is_changed(sim, run_module, instance, fault, options, write):
    """The retry settles it: the task succeeds, changed."""
    sim.set_faults(drop_after_commit={'operation': fault, 'count': 1})
    failed, result = run_module(ipack_process_schedule.main, max_retries=1, instance_id=instance['id'], process='INT',
                                environment='Test', **options)
    assert not failed and result['changed'] is True, result
    assert applied(sim, instance, write)


@pytest.mark.parametrize('fault,options,write', SCHEDULE_WRITES)
def test_process_schedules_lost_answer_is_changed_and_unknown(sim, run_module, instance, fault, options, write):
    sim.set_faults(drop_after_commit={'operation': fault, 'count': 1})
    failed, result = run_module(ipack_process_schedules.main, max_retries=0,
                                processes=[dict(instance_id=instance['id'], process='INT', environment='Test', **options)])
    sim.clear_faults()
    assert applied(sim, instance, write)
    assert failed and result['changed'] is True, result
    assert [(w['item'], w['write'], w['outcome'], w['atom_id']) for w in result['writes']] == [('processes[0]', write, 'unknown', TEST_ATOM)]
    assert [p['changed'] for p in result['processes']] == [True]
    words = 'schedules on Atom %s' % TEST_ATOM if write == 'schedule' else 'pause on Atom %s' % TEST_ATOM
    assert result['msg'].endswith('(changes made before: none; outcome unknown: Unit EU - INT @ Test (%s))' % words), result['msg']


def test_env_extensions_lost_answers_are_changed_and_unknown(sim, api, run_module, instance):
    """An extensions update is sent once more after a lost answer: both answers lost, the outcome is unknown."""
    sim.set_faults(drop_after_commit={'operation': 'extensions_update', 'count': 2})
    failed, result = run_module(ipack_env_extensions.main, max_retries=0, instance_id=instance['id'], environment='Test', process='INT',
                                dynamic_process_properties={'region': 'ap-south-1'})
    sim.clear_faults()
    [stored] = [o for o in sim.stored_extensions() if o['environmentId'] == TEST and o['extensionGroupId'] == int_record(sim, instance)['processId']]
    assert sim.stored_extension_value(stored['id'], 'region') == 'ap-south-1'
    assert failed and result['changed'] is True, result
    assert result['updated'] == []
    assert [(w['write'], w['outcome'], [i.rstrip('=') for i in w['extension_ids']]) for w in result['writes']] == [
        ('extensions update', 'unknown', [stored['id'].rstrip('=')])]
    assert 'outcome unknown, the write may have been applied: extensions update (extension_ids ' in result['msg'], result['msg']


def test_writes_whose_answer_is_lost_after_commit_are_never_duplicated(sim, api, run_module):
    """Install, attach (two environments), schedule update, detach and uninstall, each with its answer lost after Boomi committed
    it: the re-read tells what happened and nothing is sent twice (the schedule update, a full replace, is simply sent again);
    each task succeeds, changed, with the right result, and says in a warning what it checked. Moved from
    tests/integration/test_reliability_faults.py (a -vvv playbook of these tasks)."""
    sent = []

    def lose(kind, main, **options):
        """Run the task with the answer of its next ``kind`` write lost: (its result, the statuses of its writes, its warnings)."""
        del sim.log[:]
        sim.set_faults(drop_after_commit={'operation': 'schedule_update' if kind == 'schedule' else kind})
        failed, result = run_module(main, **options)
        assert not failed and result['changed'] is True, result
        assert_masked(result)
        made = writes(sim)
        sent.extend(made)
        assert {operation for operation, _status in made} == {OPERATIONS[kind][api]}, made
        return result, [status for _operation, status in made], ' | '.join(warnings_of(result))

    # install: one create, its answer lost; the re-read finds the instance, nothing is sent again
    installed, statuses, warned = lose('install', ipack_instance.main, integration_pack_name='Order Intake', override_name='Lost EU')
    instance = installed['instance']
    assert instance['override_name'] == 'Lost EU' and [p['name'] for p in instance['processes']] == ['Lost EU - Acknowledge', 'Lost EU - INT']
    assert statuses == [0] and list(sim.state.instances) == [instance['id']]
    assert 'was lost after the request was sent' in warned and 'checking whether the instance was installed' in warned, warned
    failed, listed = run_module(ipack_instance_info.main, integration_pack_name='Order Intake', include_processes=False)
    assert not failed and [i['id'] for i in listed['instances'] if i['override_name'] == 'Lost EU'] == [instance['id']]

    # attach: the lost create is found on re-read; only what is still missing is sent (REST: one create per environment,
    # GraphQL: one mutation for both)
    attach, statuses, warned = lose('attach', ipack_env_attachment.main, instance_id=instance['id'], environments=['Test', 'Production'])
    assert attach['attached'] == ['Production', 'Test'], attach
    assert sorted(a['environment_id'] for a in attach['attachments']) == sorted([TEST, PRODUCTION])
    assert all(a['id'] and a['instance_id'] == instance['id'] for a in attach['attachments']), attach['attachments']
    assert statuses == ([0, 200] if api == 'rest' else [0])
    assert 'was lost after the request was sent' in warned and 'checking which attachments exist' in warned, warned

    # schedule update: a full replace, so it is simply sent again
    sched, statuses, warned = lose('schedule', ipack_process_schedule.main, instance_id=instance['id'], process='INT', environment='Test',
                                   schedules=[{'cron': '*/30 6-20 * * MON-FRI'}], max_retry=2)
    assert statuses == [0, 200]
    assert 'connection error' in warned and 'retry 1 of' in warned, warned
    assert [(r['schedule'][0]['minutes'], r['schedule'][0]['hours'], r['retry']['max_retry'])
            for r in sched['schedules'] if r['environment_id'] == TEST] == [('*/30', '6-20', 2)], sched['schedules']

    # detach and uninstall: the lost delete is confirmed by a re-read, never sent again
    detach, statuses, warned = lose('detach', ipack_env_attachment.main, instance_id=instance['id'], environments=['Test'], state='absent')
    assert detach['detached'] == ['Test'] and [a['environment_name'] for a in detach['attachments']] == ['Production'], detach
    assert statuses == [0]
    assert 'was lost after the request was sent' in warned and 'checking whether the attachment is gone' in warned, warned
    uninstall, statuses, warned = lose('uninstall', ipack_instance.main, instance_id=instance['id'], state='absent')
    assert uninstall['instance'] is None and statuses == [0], uninstall
    assert 'was lost after the request was sent' in warned and 'checking whether the instance was uninstalled' in warned, warned
    failed, listed = run_module(ipack_instance_info.main, integration_pack_name='Order Intake', include_processes=False)
    assert not failed and listed['instances'] == []

    assert sim.state.instances == {} and sim.state.attachments == {} and sim.state.schedules == {}
    assert len(sent) == (7 if api == 'rest' else 6), sent

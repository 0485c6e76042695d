# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack_process_schedule_info: its ``main()`` in process against the simulator, through both APIs: the records of every
Atom of the attached environments, one environment, ``enabled`` (read through REST, null with a GraphQL bearer token alone),
check mode, bad input before any request, a refused read retried, the invocation."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.modules.ipack_process_schedule_info import main
from ansible_collections.boomi.platform.tests.unit.conftest import ACCOUNT_ID, API_TOKEN, PASSWORD, USERNAME
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import ORDER_INTAKE, PRODUCTION, PRODUCTION_ATOMS, TEST, writes

TEST_ATOM = '83af9ff8-c60c-4a8a-8b9a-c4dfdbb303f1'


@pytest.fixture
def instance(sim):
    """Order Intake 'Unit EU', attached to Test (one Atom) and Production (two)."""
    created = sim.state.install(ORDER_INTAKE, 'Unit EU')
    sim.state.attach(created['id'], [TEST, PRODUCTION])
    return created


def records(result):
    """``{(process name, atom_id): (environment_id, enabled)}`` of the result."""
    return {(p['name'], r['atom_id']): (r['environment_id'], r['enabled']) for p in result['processes'] for r in p['schedules']}


def pause(sim, instance, suffix, atom):
    [process_id] = [p['id'] for p in instance['processes'] if p['name'].endswith(' - ' + suffix)]
    [record] = [r for r in sim.state.schedules.values() if r['processId'] == process_id and r['atomId'] == atom]
    record['enabled'] = False


def test_every_record_of_the_attached_environments(sim, api, run_module, instance):
    pause(sim, instance, 'INT', PRODUCTION_ATOMS[0])
    failed, result = run_module(main, instance_id=instance['id'])
    assert not failed and result['changed'] is False, result
    assert [p['name'] for p in result['processes']] == ['Unit EU - Acknowledge', 'Unit EU - INT']
    for process in result['processes']:
        assert process['instance_id'] == instance['id'] and process['integration_pack_id'] == ORDER_INTAKE
        assert {r['process_id'] for r in process['schedules']} == {process['id']}
        assert all(r['schedule'] == [] for r in process['schedules'])  # attached, not scheduled yet
    expected = {(name, atom): (env, not (name == 'Unit EU - INT' and atom == PRODUCTION_ATOMS[0]))
                for name in ('Unit EU - Acknowledge', 'Unit EU - INT')
                for env, atom in [(TEST, TEST_ATOM)] + [(PRODUCTION, a) for a in PRODUCTION_ATOMS]}
    assert records(result) == expected
    assert writes(sim) == []
    if api == 'graphql':  # the status is read through REST (REST_WITH_GRAPHQL)
        assert {e['api'] for e in sim.log if 'ScheduleStatus' in e['operation']} == {'rest'}


@pytest.mark.parametrize('environment', ['Production', PRODUCTION])
def test_one_environment_by_name_or_id(sim, run_module, instance, environment):
    failed, result = run_module(main, instance_id=instance['id'], environment=environment)
    assert not failed
    assert sorted({atom for (_name, atom) in records(result)}) == sorted(PRODUCTION_ATOMS)
    assert {env for env, _enabled in records(result).values()} == {PRODUCTION}


@pytest.mark.parametrize('api', ['graphql'])
def test_graphql_with_a_bearer_token_alone_cannot_read_enabled(sim, run_module, instance, api):
    token = sim.jwt.issue(USERNAME, ACCOUNT_ID, 300)
    failed, result = run_module(main, api=api, api_token=None, username=None, bearer_token=token, instance_id=instance['id'])
    assert not failed and result['processes']
    assert {enabled for _env, enabled in records(result).values()} == {None}
    warnings = ' '.join(str(w) for w in result.get('warnings') or [])  # text, or a dict with it (ansible-core 2.19+)
    assert 'enabled is null: ' in warnings, warnings
    assert token not in str(result) and not [e for e in sim.log if e['api'] == 'rest']


def test_check_mode_on_an_instance_not_installed_yet_reads_nothing(sim, run_module):
    failed, result = run_module(main, check_mode=True, instance_id='', environment='Production')
    assert not failed and result['changed'] is False and result['processes'] == []
    assert sim.log == []


def test_check_mode_reads_the_same(sim, run_module, instance):
    assert run_module(main, check_mode=True, instance_id=instance['id'])[1]['processes'] == run_module(main, instance_id=instance['id'])[1]['processes']
    assert writes(sim) == []


def test_a_refused_read_is_retried(sim, run_module, fake_time, instance):
    sim.set_faults(rate_limit={'every': 3, 'retry_after': 0})
    failed, result = run_module(main, instance_id=instance['id'], environment='Test')
    assert not failed and set(records(result)) == {('Unit EU - Acknowledge', TEST_ATOM), ('Unit EU - INT', TEST_ATOM)}
    assert sim.counts()['rate_limited'] >= 1 and len(fake_time.slept) == sim.counts()['rate_limited']  # each retry waited, on the fake clock


@pytest.mark.parametrize('options, message', [
    ({}, 'missing required arguments: instance_id'),
    ({'instance_id': ''}, 'instance_id is required (null or empty is accepted only in check mode'),
    ({'instance_id': 'x', 'environment': ['Test']}, 'environment'),
    ({'instance_id': 'x', 'environments': 'Test'}, 'Unsupported parameters for'),
])
def test_bad_options_fail_before_any_request(sim, run_module, options, message):
    failed, result = run_module(main, **options)
    assert failed and message in result['msg'], result['msg']
    assert sim.log == []


@pytest.mark.parametrize('options, message', [
    ({'environment': 'Nowhere'}, "'Nowhere'"),
    ({'instance_id': 'SW50ZWdyYXRpb25QYWNrSW5zdGFuY2U5OTk5'}, 'SW50ZWdyYXRpb25QYWNrSW5zdGFuY2U5OTk5'),
])
def test_unknown_environment_or_instance_is_one_clear_error(sim, run_module, instance, options, message):
    failed, result = run_module(main, **dict({'instance_id': instance['id']}, **options))
    assert failed and message in result['msg'] and 'Traceback' not in result['msg'], result['msg']
    assert writes(sim) == []


def test_invocation_masks_the_credentials(sim, api, run_module, instance):
    failed, result = run_module(main, instance_id=instance['id'], environment='Nowhere')
    assert failed
    assert (PASSWORD if api == 'rest' else API_TOKEN) not in str(result)
    assert result['invocation']['module_args']['password' if api == 'rest' else 'api_token'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'

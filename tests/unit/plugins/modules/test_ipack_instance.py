# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack_instance: plan_instance and apply_instance, and the module's ``main()`` in process (``run_module``), against the
simulator, through both APIs."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, BoomiInputError
from ansible_collections.boomi.platform.plugins.modules import ipack_instance, ipack_instance_info
from ansible_collections.boomi.platform.plugins.modules.ipack_instance import apply_instance, plan_instance
from ansible_collections.boomi.platform.plugins.modules.ipack_instance_info import read_instances
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import (
    OPERATIONS, ORDER_INTAKE, SALESFORCE, assert_masked, writes,
)


def run(client, check_mode=False, **options):
    return apply_instance(client, plan_instance(client, **options), check_mode=check_mode)


def test_install_then_already_installed(sim, api, new_client):
    result = run(new_client(), pack_name='Order Intake', override_name='Unit EU')
    installed = list(sim.state.instances.values())
    assert len(installed) == 1 and installed[0]['integrationPackOverrideName'] == 'Unit EU'
    assert result['changed'] is True
    assert result['instance']['id'] == installed[0]['id']
    assert [p['name'] for p in result['instance']['processes']] == ['Unit EU - Acknowledge', 'Unit EU - INT']
    assert result['diff'] == {'before': {}, 'after': {'id': installed[0]['id'], 'integration_pack_id': ORDER_INTAKE,
                                                      'integration_pack_name': 'Order Intake', 'override_name': 'Unit EU',
                                                      'installation_type': 'MULTI'}}
    assert writes(sim) == [(OPERATIONS['install'][api], 200)]

    del sim.log[:]
    again = run(new_client(), pack_id=ORDER_INTAKE, override_name='Unit EU')
    assert again['changed'] is False and again['instance']['id'] == installed[0]['id']
    assert again['diff']['before'] == again['diff']['after']
    assert writes(sim) == [] and len(sim.state.instances) == 1


def test_uninstall_then_already_absent(sim, api, new_client):
    instance_id = sim.state.install(SALESFORCE)['id']
    result = run(new_client(), state='absent', pack_name='Salesforce Account Sync')
    assert result['changed'] is True and result['instance'] is None
    assert result['diff']['before']['id'] == instance_id and result['diff']['after'] == {}
    assert sim.state.instances == {}
    assert writes(sim) == [(OPERATIONS['uninstall'][api], 200)]

    del sim.log[:]
    again = run(new_client(), state='absent', instance_id=instance_id)
    assert again['changed'] is False and writes(sim) == []


def test_check_mode_predicts_and_writes_nothing(sim, api, client):
    predicted = run(client, check_mode=True, pack_name='Order Intake', override_name='Unit EU')
    assert predicted['changed'] is True
    assert predicted['instance'] == {'id': None, 'integration_pack_id': ORDER_INTAKE, 'integration_pack_name': 'Order Intake',
                                     'override_name': 'Unit EU', 'installation_type': 'MULTI', 'processes': []}
    existing = sim.state.install(SALESFORCE)['id']
    removed = run(client, check_mode=True, state='absent', instance_id=existing)
    assert removed['changed'] is True and removed['instance'] is None
    assert writes(sim) == [] and list(sim.state.instances) == [existing]


@pytest.mark.parametrize('options, fragment', [
    ({'pack_name': 'Order Intake'}, "override_name is required: integration pack 'Order Intake'"),
    ({'pack_name': 'Salesforce Account Sync', 'override_name': 'EU'}, "override_name 'EU' is not allowed"),
    ({'instance_id': 'SW50ZWdyYXRpb25QYWNrSW5zdGFuY2U5OTk5'}, "no such integration pack instance (to install one"),
])
def test_options_that_do_not_fit_the_account_fail_before_any_write(sim, client, options, fragment):
    with pytest.raises(BoomiInputError) as failure:
        plan_instance(client, **options)
    assert fragment in str(failure.value)
    assert writes(sim) == []


def test_instance_id_of_another_pack_is_refused(sim, client):
    instance_id = sim.state.install(ORDER_INTAKE, 'Unit EU')['id']
    with pytest.raises(BoomiInputError) as failure:
        plan_instance(client, instance_id=instance_id, pack_name='Order Intake', override_name='Unit US')
    assert str(failure.value) == ("instance_id %r is an instance of 'Order Intake' named 'Unit EU', not of 'Order Intake' named 'Unit US'"
                                  % instance_id)
    assert writes(sim) == []


def test_an_install_answer_naming_another_instance_is_an_error(sim, api, client):
    plan = plan_instance(client, pack_name='Order Intake', override_name='Unit EU')
    # the answer of the install names an instance that exists, but not the one that was asked for
    other = {'id': sim.state.install(ORDER_INTAKE, 'Someone Else')['id'], 'integrationPackId': ORDER_INTAKE,
             'integrationPackOverrideName': 'Someone Else'}
    body = dict(other, **{'@type': 'IntegrationPackInstance'}) if api == 'rest' else {'data': {'integrationPackInstanceInstall': other}}
    sim.set_faults(next_responses=[{'status': 200, 'body': body}])
    with pytest.raises(BoomiError) as failure:
        apply_instance(client, plan)
    assert "named 'Unit EU' answered with an instance of %s named 'Someone Else'" % ORDER_INTAKE in str(failure.value)
    assert sim.faults.snapshot()['next_responses'] == []  # the canned answer was the install's


def test_info_filters_and_leaves_out_processes(sim, client):
    eu = sim.state.install(ORDER_INTAKE, 'Unit EU')['id']
    sim.state.install(ORDER_INTAKE, 'Unit US')
    sf = sim.state.install(SALESFORCE)['id']
    found = read_instances(client, override_name='Unit EU')
    assert found['changed'] is False and [(i['id'], i['override_name']) for i in found['instances']] == [(eu, 'Unit EU')]
    assert [p['name'] for p in found['instances'][0]['processes']] == ['Unit EU - Acknowledge', 'Unit EU - INT']
    lean = read_instances(client, include_processes=False, integration_pack_name='Salesforce Account Sync')['instances']
    assert [i['id'] for i in lean] == [sf] and 'processes' not in lean[0]
    assert [i['override_name'] for i in read_instances(client, integration_pack_id=ORDER_INTAKE, include_processes=False)['instances']] == [
        'Unit EU', 'Unit US']
    assert writes(sim) == []


# -- main() in process (run_module): what the task shows ----------------------------------------------------------------------------
@pytest.mark.parametrize('options, message', [
    ({'integration_pack_id': ORDER_INTAKE, 'integration_pack_name': 'Order Intake'},
     'parameters are mutually exclusive: integration_pack_id|integration_pack_name'),
    ({'override_name': 'EU'}, 'one of the following is required: integration_pack_id, integration_pack_name, instance_id'),
    ({'integration_pack_name': 'Order Intake', 'state': 'gone'}, 'value of state must be one of: present, absent, got: gone'),
    ({'integration_pack_name': 'Order Intake', 'colour': 'red'}, 'Unsupported parameters for'),
    ({'integration_pack_name': 'Order Intake', 'override_name': '  '}, 'override_name must not be empty or blank'),
    ({'integration_pack_name': 'Order Intake\x07'}, 'integration_pack_name must not contain control characters'),
])
def test_main_refuses_bad_options_before_any_request(sim, run_module, options, message):
    failed, result = run_module(ipack_instance.main, **options)
    assert failed and message in result['msg'], result['msg']
    assert result.get('changed', False) is False and sim.log == []
    assert_masked(result)


def test_main_installs_with_diff_then_reports_no_change(sim, api, run_module):
    failed, result = run_module(ipack_instance.main, diff=True, integration_pack_name='Order Intake', override_name='Unit EU')
    assert not failed and result['changed'] is True, result
    [instance_id] = list(sim.state.instances)
    assert result['instance']['id'] == instance_id and result['instance']['override_name'] == 'Unit EU'
    assert result['diff']['before'] == {} and result['diff']['after']['override_name'] == 'Unit EU'
    assert result['api'] == api
    assert_masked(result)
    del sim.log[:]
    failed, again = run_module(ipack_instance.main, integration_pack_name='Order Intake', override_name='Unit EU')
    assert not failed and again['changed'] is False and again['instance'] == result['instance'] and writes(sim) == []
    assert again['diff']['before'] == again['diff']['after']


def test_main_check_mode_predicts_and_writes_nothing(sim, run_module):
    existing = sim.state.install(SALESFORCE)['id']
    failed, install = run_module(ipack_instance.main, check_mode=True, diff=True, integration_pack_name='Order Intake', override_name='EU')
    assert not failed and install['changed'] is True and install['instance']['id'] is None, install
    assert install['diff']['before'] == {} and install['diff']['after']['override_name'] == 'EU'
    failed, remove = run_module(ipack_instance.main, check_mode=True, state='absent', instance_id=existing)
    assert not failed and remove['changed'] is True and remove['instance'] is None, remove
    assert writes(sim) == [] and list(sim.state.instances) == [existing]


def test_main_a_refused_install_fails_unchanged(sim, api, run_module):
    """The install is refused (HTTP 503 / 429) and not retried: the task fails, and as nothing was made, unchanged."""
    sim.set_faults(rate_limit={'every': 3 if api == 'rest' else 4, 'retry_after': 0})  # the reads before it: 2 (REST) or 3 (a JWT)
    failed, result = run_module(ipack_instance.main, max_retries=0, integration_pack_name='Order Intake', override_name='Refused')
    sim.clear_faults()
    assert failed and result.get('changed', False) is False and 'writes' not in result, result
    assert result['status'] == (429 if api == 'graphql' else 503)
    assert writes(sim) == [(OPERATIONS['install'][api], 429 if api == 'graphql' else 503)] and sim.state.instances == {}
    assert_masked(result)


def test_main_a_lost_install_answer_that_nothing_settles_is_changed_and_unknown(sim, api, run_module):
    """Boomi installed the instance, its answer was lost and the re-read that would tell was refused: the task fails with
    ``changed: true`` and the install in ``writes`` as ``unknown``; a re-run finds the instance and writes nothing."""
    sim.set_faults(drop_after_commit={'operation': 'install', 'count': 1}, rate_limit={'every': 4 if api == 'rest' else 5, 'retry_after': 0})
    failed, result = run_module(ipack_instance.main, max_retries=0, integration_pack_name='Order Intake', override_name='Lost')
    sim.clear_faults()
    [instance_id] = list(sim.state.instances)
    assert failed and result['changed'] is True, result
    assert [(w['write'], w['outcome']) for w in result['writes']] == [('install', 'unknown')]
    assert 'outcome unknown, the write may have been applied: install' in result['msg'], result['msg']
    assert_masked(result)
    del sim.log[:]
    failed, again = run_module(ipack_instance.main, integration_pack_name='Order Intake', override_name='Lost')
    assert not failed and again['changed'] is False and again['instance']['id'] == instance_id and writes(sim) == []


def test_main_a_lost_uninstall_answer_is_settled_by_a_re_read(sim, api, run_module):
    """Boomi uninstalled the instance, its answer was lost: the re-read finds it gone, the task succeeds, changed."""
    existing = sim.state.install(SALESFORCE)['id']
    sim.set_faults(drop_after_commit={'operation': 'uninstall', 'count': 1})
    failed, result = run_module(ipack_instance.main, max_retries=0, state='absent', instance_id=existing)
    sim.clear_faults()
    assert not failed and result['changed'] is True and result['instance'] is None, result
    assert writes(sim) == [(OPERATIONS['uninstall'][api], 0)] and sim.state.instances == {}


# the REST objects the client calls under api: graphql, for what GraphQL lacks (REST_WITH_GRAPHQL in plugins/module_utils/client.py)
REST_WITH_GRAPHQL = ('ProcessScheduleStatus.', 'ProcessSchedules.', 'ExecutionRecord.', 'ExecutionRequest.', 'Account',
                     'EnvironmentAtomAttachment.')
TASKS = {  # a play of three tasks: a SINGLE pack by name, a MULTI one by name, the same by id with the alias of override_name
    'sf': {'integration_pack_name': 'Salesforce Account Sync'},
    'eu': {'integration_pack_name': 'Order Intake', 'override_name': 'Order Intake EU'},
    'us': {'integration_pack_id': ORDER_INTAKE, 'integration_pack_override_name': 'Order Intake US'},
}


def play(sim, api, run_module, state, **us):
    """The three tasks with ``state``: ``{task: result}``; each task writes at most once and talks to ``api`` only."""
    results = {}
    for name, options in TASKS.items():
        before = len(sim.log)
        failed, results[name] = run_module(ipack_instance.main, state=state, **dict(options, **(us if name == 'us' else {})))
        assert not failed, results[name]
        log = sim.log[before:]
        assert len([e for e in log if e['write']]) == (1 if results[name]['changed'] else 0), (name, log)
        apis = {e['api'] for e in log if not (api == 'graphql' and e['api'] == 'rest' and e['operation'].startswith(REST_WITH_GRAPHQL))}
        assert log and apis <= ({'rest'} if api == 'rest' else {'graphql', 'jwt'}), (name, apis)
    return results


def stored(sim, instance_id):
    """What ``instance`` must be for the simulator's record of that instance."""
    [raw] = [i for i in sim.state.dump()['instances'] if i['id'] == instance_id]
    return {'id': raw['id'], 'integration_pack_id': raw['integrationPackId'], 'integration_pack_name': raw['integrationPackName'],
            'override_name': raw['integrationPackOverrideName'], 'installation_type': raw['installationType'],
            'processes': sorted(({'id': p['id'], 'name': p['name']} for p in raw['processes']), key=lambda p: (p['name'], p['id']))}


def test_main_install_rerun_uninstall(sim, api, run_module):
    """Install, the same play again, uninstall (Order Intake US by instance_id), absent again (moved from
    tests/integration/test_instances.py)."""
    first = play(sim, api, run_module, 'present')
    assert all(r['changed'] for r in first.values()) and sorted(w for w, _s in writes(sim)) == [OPERATIONS['install'][api]] * 3
    assert len(sim.state.instances) == 3
    sf, eu, us = (first[name]['instance'] for name in TASKS)
    for instance in (sf, eu, us):
        assert instance == stored(sim, instance['id'])
    assert (sf['integration_pack_name'], sf['installation_type'], sf['override_name']) == ('Salesforce Account Sync', 'SINGLE', None)
    assert [p['name'] for p in sf['processes']] == ['Account Sync', 'Contact Sync']
    assert (eu['integration_pack_id'], eu['integration_pack_name'], eu['installation_type']) == (ORDER_INTAKE, 'Order Intake', 'MULTI')
    assert [p['name'] for p in eu['processes']] == ['Order Intake EU - Acknowledge', 'Order Intake EU - INT']
    assert [p['name'] for p in us['processes']] == ['Order Intake US - Acknowledge', 'Order Intake US - INT']
    assert len({sf['id'], eu['id'], us['id']}) == 3
    assert not {p['id'] for p in eu['processes']} & {p['id'] for p in us['processes']}  # MULTI: each its own wrapper processes

    del sim.log[:]
    second = play(sim, api, run_module, 'present')
    assert writes(sim) == [] and all(second[name]['changed'] is False and second[name]['instance'] == first[name]['instance']
                                     for name in TASKS)

    third = play(sim, api, run_module, 'absent', instance_id=us['id'])
    assert all(r['changed'] is True and r['instance'] is None for r in third.values()) and len(writes(sim)) == 3
    assert sim.state.instances == {}
    del sim.log[:]
    fourth = play(sim, api, run_module, 'absent', instance_id=us['id'])
    assert writes(sim) == [] and all(r['changed'] is False and r['instance'] is None for r in fourth.values())


ODD_NAMES = [
    'He said "hi" to O\'Brien: {braces} [brackets] <angle> %percent_ *star?',
    "back\\slash \\n \\\\ not escapes",
    "Ünïcødé – 日本語 ☃ 🚀",
    "  spaced  out  ",
    "Case Matters",
    "CASE MATTERS",
]


def test_main_odd_override_names_round_trip(sim, api, run_module):
    """Odd but legal override names (quotes, braces, backslashes, unicode, spaces, case) are stored, found and re-run exactly; the
    role's odd values through a playbook: tests/integration/test_reliability_input.py::test_odd_values_round_trip_and_check_mode_writes_nothing."""
    ids = {}
    for name in ODD_NAMES:
        failed, result = run_module(ipack_instance.main, integration_pack_name='Order Intake', override_name=name)
        assert not failed and result['changed'] is True and result['instance']['override_name'] == name, result
        assert [p['name'] for p in result['instance']['processes']] == [name + ' - Acknowledge', name + ' - INT']
        ids[name] = result['instance']['id']
    assert sorted(i['integrationPackOverrideName'] for i in sim.state.instances.values()) == sorted(ODD_NAMES)  # byte for byte
    assert len(set(ids.values())) == len(ODD_NAMES) and len(writes(sim)) == len(ODD_NAMES)

    del sim.log[:]
    for name in ODD_NAMES:
        failed, found = run_module(ipack_instance_info.main, override_name=name)
        assert not failed and [(i['id'], i['override_name']) for i in found['instances']] == [(ids[name], name)], found
        failed, again = run_module(ipack_instance.main, integration_pack_name='Order Intake', override_name=name)
        assert not failed and again['changed'] is False and again['instance']['id'] == ids[name], again
    failed, listed = run_module(ipack_instance_info.main, include_processes=False)
    assert not failed and sorted(i['override_name'] for i in listed['instances']) == sorted(ODD_NAMES)
    assert writes(sim) == []
    assert {e['api'] for e in sim.log} <= ({'rest'} if api == 'rest' else {'graphql', 'jwt'}), {e['api'] for e in sim.log}

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack_instance: plan_instance and apply_instance against the simulator, through both APIs."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, BoomiInputError
from ansible_collections.boomi.platform.plugins.modules.ipack_instance import apply_instance, plan_instance
from ansible_collections.boomi.platform.plugins.modules.ipack_instance_info import read_instances
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import OPERATIONS, ORDER_INTAKE, SALESFORCE, writes


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

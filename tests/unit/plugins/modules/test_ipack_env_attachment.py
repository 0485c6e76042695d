# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack_env_attachment: plan_attachments and apply_attachments against the simulator, through both APIs."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, BoomiInputError
from ansible_collections.boomi.platform.plugins.modules.ipack_env_attachment import apply_attachments, plan_attachments
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import (
    OPERATIONS, ORDER_INTAKE, PRODUCTION, TEST, attached_to, writes,
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

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack_env_extensions_info: its ``main()`` in process against the simulator, through both APIs: the objects of every
attached environment or one, one process, no secret returned, check mode, bad input before any request, the invocation."""

from __future__ import annotations

import json

import pytest

from ansible_collections.boomi.platform.plugins.modules import ipack_env_extensions
from ansible_collections.boomi.platform.plugins.modules.ipack_env_extensions_info import main
from ansible_collections.boomi.platform.tests.unit.conftest import API_TOKEN, PASSWORD
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import ORDER_INTAKE, PRODUCTION, SALESFORCE, SANDBOXES, TEST, writes

OBJECT_KEYS = {'id', 'environment_id', 'environment_name', 'extension_group_id', 'process_id', 'process_name', 'connections',
               'process_properties', 'dynamic_process_properties'}
DB_PASSWORD = 'Db-Pa55-info-x7Q'


@pytest.fixture
def eu(sim, run_module):
    """Order Intake EU (MULTI) attached to Test and Production, its Order DB set in Production (a password among them)."""
    created = sim.state.install(ORDER_INTAKE, 'Order Intake EU')
    sim.state.attach(created['id'], [TEST, PRODUCTION])
    failed, result = run_module(ipack_env_extensions.main, instance_id=created['id'], environment='Production',
                                connections=[{'name': 'Order DB', 'fields': {'host': 'db.prod.example', 'password': DB_PASSWORD}}],
                                dynamic_process_properties={'region': 'eu-central-1'})
    assert not failed, result
    del sim.log[:]
    return created


def read(run_module, **options):
    failed, result = run_module(main, **options)
    assert not failed and result['changed'] is False, result
    return result['extensions']


def test_every_attached_environment_and_one_process(sim, run_module, eu):
    objects = read(run_module, instance_id=eu['id'])
    assert sorted((o['environment_name'], o['process_name']) for o in objects) == [
        ('Production', 'Order Intake EU - Acknowledge'), ('Production', 'Order Intake EU - INT'),
        ('Test', 'Order Intake EU - Acknowledge'), ('Test', 'Order Intake EU - INT')]
    for obj in objects:
        assert set(obj) == OBJECT_KEYS and obj['process_id'] == obj['extension_group_id']
    [prod_int] = [o for o in objects if o['environment_id'] == PRODUCTION and o['process_name'].endswith('INT')]
    fields = {f['id']: f for c in prod_int['connections'] if c['name'] == 'Order DB' for f in c['fields']}
    assert fields['host']['value'] == 'db.prod.example'
    assert fields['password'] == {'id': 'password', 'value': None, 'use_default': False, 'encrypted': True, 'encrypted_value_set': True}
    assert prod_int['dynamic_process_properties'] == {'region': 'eu-central-1'}
    assert DB_PASSWORD not in json.dumps(objects)

    in_production = read(run_module, instance_id=eu['id'], environment='Production', process='INT')
    assert in_production == [prod_int]
    assert read(run_module, instance_id=eu['id'], process='INT') == [o for o in objects if o['process_name'].endswith('INT')]
    assert writes(sim) == []


def test_a_single_install_pack_has_one_object_per_environment(sim, run_module):
    created = sim.state.install(SALESFORCE)
    sim.state.attach(created['id'], [TEST, PRODUCTION])
    objects = read(run_module, instance_id=created['id'], environment=TEST)
    assert [(o['id'], o['environment_id'], o['extension_group_id']) for o in objects] == [(TEST, TEST, None)]


def test_check_mode(sim, run_module, eu):
    assert read(run_module, check_mode=True, instance_id=eu['id'], environment='Test') == read(run_module, instance_id=eu['id'], environment='Test')
    del sim.log[:]
    assert read(run_module, check_mode=True, instance_id='', environment='Test') == []  # an instance an earlier task would install
    assert sim.log == []


@pytest.mark.parametrize('options, message', [
    ({}, 'missing required arguments: instance_id'),
    ({'instance_id': ''}, 'instance_id is required (null or empty is accepted only in check mode'),
    ({'instance_id': 'x', 'process': {'name': 'INT'}}, 'process'),
    ({'instance_id': 'x', 'environments': 'Test'}, 'Unsupported parameters for'),
])
def test_bad_options_fail_before_any_request(sim, run_module, options, message):
    failed, result = run_module(main, **options)
    assert failed and message in result['msg'], result['msg']
    assert sim.log == []


def test_an_environment_the_instance_is_not_attached_to_gives_an_empty_list(sim, run_module, eu):
    assert read(run_module, instance_id=eu['id'], environment=SANDBOXES[0]) == []
    assert writes(sim) == []


def test_an_unknown_environment_is_one_clear_error(sim, run_module, eu):
    failed, result = run_module(main, instance_id=eu['id'], environment='Nowhere')
    assert failed and "'Nowhere'" in result['msg'] and 'Traceback' not in result['msg'], result['msg']
    assert writes(sim) == []


def test_invocation_masks_the_credentials(sim, api, run_module, eu):
    failed, result = run_module(main, instance_id=eu['id'], environment='Nowhere')
    assert failed
    assert (PASSWORD if api == 'rest' else API_TOKEN) not in str(result) and DB_PASSWORD not in str(result)
    assert result['invocation']['module_args']['password' if api == 'rest' else 'api_token'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'

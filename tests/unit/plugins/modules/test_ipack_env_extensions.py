# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack_env_extensions: its ``main()`` in process against the simulator, through both APIs.

What is stored is checked with the simulator's admin view (``sim.stored_extension_value``, secrets in clear): a secret really
arrived, a re-run sends nothing, one field changed leaves every other override as it was, and no secret is ever in the result.
"""

from __future__ import annotations

import json

import pytest

from ansible_collections.boomi.platform.plugins.modules.ipack_env_extensions import main
from ansible_collections.boomi.platform.tests.unit.conftest import API_TOKEN, PASSWORD
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import ORDER_INTAKE, PRODUCTION, SANDBOXES, TEST, writes
from ansible_collections.boomi.platform.tests.unit.plugins.modules.module_faults import refuse_writes_after

UPDATE = {'rest': 'EnvironmentExtensions.update', 'graphql': 'extensionsUpdate'}
DB_PASSWORD = 'Db-Pa55-unit-x7Q'
API_KEY = 'Key-unit-m3Z9'
HIDDEN = '********'


@pytest.fixture
def eu(sim, secret_registry):  # pylint: disable=unused-argument
    """Order Intake EU (MULTI), attached to Test and Production."""
    created = sim.state.install(ORDER_INTAKE, 'Order Intake EU')
    sim.state.attach(created['id'], [TEST, PRODUCTION])
    return created


def object_id(sim, environment_id, instance, suffix):
    """The id of the simulator's object of the instance's process ``suffix`` in the environment."""
    [process_id] = [p['id'] for p in instance['processes'] if p['name'].endswith(' - ' + suffix)]
    [found] = [o['id'] for o in sim.stored_extensions() if o['environmentId'] == environment_id and o['extensionGroupId'] == process_id]
    return found


def flat(stored):
    """``{(extension id, component, field): (value, use default)}`` of the simulator's stored objects (secrets in clear)."""
    out = {}
    for obj in stored:
        for conn in (obj.get('connections') or {}).get('connection', []):
            for field in conn['field']:
                out[(obj['id'], conn['name'], field['id'])] = (field.get('value'), field['useDefault'])
        for comp in (obj.get('processProperties') or {}).get('ProcessProperty', []):
            for value in comp['ProcessPropertyValue']:
                out[(obj['id'], comp['name'], value['label'])] = (value.get('value') or None, value['useDefault'])
        for prop in (obj.get('properties') or {}).get('property', []):
            out[(obj['id'], 'dynamic', prop['name'])] = (prop['value'], None)
    return out


def production(instance_id, **options):
    """The options of a task on the EU instance in Production: Order DB and Order Settings, a secret in each."""
    return dict(dict(instance_id=instance_id, environment='Production',
                     connections=[{'name': 'Order DB', 'fields': {'host': 'db.prod.example', 'user': 'svc_orders', 'password': DB_PASSWORD,
                                                                  'port': None}}],
                     process_properties=[{'name': 'Order Settings', 'values': {'Batch size': '100', 'API key': API_KEY}}],
                     dynamic_process_properties={'region': 'eu-central-1'}), **options)


def assert_no_secret(result, *secrets):
    shown = json.dumps(result)
    for secret in secrets + (DB_PASSWORD, API_KEY, PASSWORD, API_TOKEN):
        assert secret not in shown, secret


def test_set_rerun_rotate(sim, api, run_module, eu):
    failed, result = run_module(main, _ansible_diff=True, **production(eu['id']))
    assert not failed and result['changed'] is True, result
    assert_no_secret(result)
    assert {w[0] for w in writes(sim)} == {UPDATE[api]} and len(writes(sim)) == (2 if api == 'rest' else 1)  # REST: one per object
    prod_int, prod_ack = object_id(sim, PRODUCTION, eu, 'INT'), object_id(sim, PRODUCTION, eu, 'Acknowledge')
    for ext_id in (prod_int, prod_ack):
        assert sim.stored_extension_value(ext_id, 'Order DB', 'host') == 'db.prod.example'
        assert sim.stored_extension_value(ext_id, 'Order DB', 'password') == DB_PASSWORD
        assert sim.stored_extension_value(ext_id, 'Order DB', 'port') is None
    assert sim.stored_extension_value(prod_int, 'Order Settings', 'API key') == API_KEY
    assert sim.stored_extension_value(prod_int, 'region') == 'eu-central-1'
    assert [o['process_name'] for o in result['extensions']] == ['Order Intake EU - Acknowledge', 'Order Intake EU - INT']
    [password] = [f for o in result['extensions'] if o['id'] == prod_int for c in o['connections'] for f in c['fields'] if f['id'] == 'password']
    assert password == {'id': 'password', 'value': None, 'use_default': False, 'encrypted': True, 'encrypted_value_set': True}
    after = result['diff']['after']['Production / Order Intake EU - INT']
    assert result['diff']['before']['Production / Order Intake EU - INT']['connections']['Order DB'] == \
        {'host': None, 'user': None, 'password': None, 'port': None}
    assert after['connections']['Order DB'] == {'host': 'db.prod.example', 'user': 'svc_orders', 'password': HIDDEN, 'port': None}
    assert after['process_properties']['Order Settings'] == {'Batch size': '100', 'API key': HIDDEN}
    # the invocation shows the plain values and hides the secrets
    shown = result['invocation']['module_args']
    assert shown['connections'][0]['fields'] == {'host': 'db.prod.example', 'user': 'svc_orders', 'password': HIDDEN, 'port': None}
    assert shown['process_properties'][0]['values'] == {'Batch size': '100', 'API key': HIDDEN}

    del sim.log[:]
    stored = sim.stored_extensions()
    failed, again = run_module(main, **production(eu['id']))
    assert not failed and again['changed'] is False and writes(sim) == [] and sim.stored_extensions() == stored
    assert again['extensions'] == result['extensions']

    rotated = 'Db-Pa55-unit-rotated'
    failed, third = run_module(main, _ansible_diff=True, **production(eu['id'], update_secrets='always', connections=[
        {'name': 'Order DB', 'fields': {'host': 'db.prod.example', 'user': 'svc_orders', 'password': rotated, 'port': None}}]))
    assert not failed and third['changed'] is True
    assert_no_secret(third, rotated)
    assert sim.stored_extension_value(prod_int, 'Order DB', 'password') == rotated
    assert sim.stored_extension_value(prod_int, 'Order Settings', 'API key') == API_KEY
    assert third['diff']['before']['Production / Order Intake EU - INT']['connections']['Order DB']['password'] == '(set)'
    assert third['diff']['after']['Production / Order Intake EU - INT']['connections']['Order DB']['password'] == HIDDEN


def test_one_field_changed_leaves_every_other_override_intact(sim, run_module, eu):
    assert not run_module(main, **production(eu['id']))[0]
    before = flat(sim.stored_extensions())
    del sim.log[:]
    failed, result = run_module(main, instance_id=eu['id'], environment='Production', process='INT',
                                connections=[{'name': 'Order DB', 'fields': {'host': 'db2.prod.example'}}])
    assert not failed and result['changed'] is True
    failed, result = run_module(main, instance_id=eu['id'], environment='Production', process='INT',
                                process_properties=[{'name': 'Order Settings', 'values': {'Batch size': '250'}}])
    assert not failed and result['changed'] is True
    prod_int = object_id(sim, PRODUCTION, eu, 'INT')
    after = flat(sim.stored_extensions())
    assert sorted(after) == sorted(before)
    # the process property component travels whole (Boomi replaces it), and its stored secret is kept
    assert {k: (before[k], after[k]) for k in after if after[k] != before[k]} == {
        (prod_int, 'Order DB', 'host'): (('db.prod.example', False), ('db2.prod.example', False)),
        (prod_int, 'Order Settings', 'Batch size'): (('100', False), ('250', False))}
    assert sim.stored_extension_value(prod_int, 'Order Settings', 'API key') == API_KEY
    assert len(writes(sim)) == 2


def test_unknown_names_fail_at_once_before_any_write(sim, run_module, eu):
    before = sim.stored_extensions()
    failed, result = run_module(main, instance_id=eu['id'], environment='Production', connections=[
        {'name': 'Order DB', 'fields': {'host': 'db.prod.example', 'hots': 'db.prod.example', 'password': DB_PASSWORD}},
        {'name': 'Orders Database', 'fields': {'password': DB_PASSWORD}}], process_properties=[
        {'name': 'Order Settings', 'values': {'Batch size': '100', 'API key': API_KEY, 'Batch sise': '100'}},
        {'name': 'Order Setings', 'values': {'API key': API_KEY}}], dynamic_process_properties={'regoin': 'eu-west-1'})
    assert failed and not result.get('changed')
    msg = result['msg']
    assert "nothing was changed, 5 unknown name(s) for instance %s in environment 'Production'" % eu['id'] in msg, msg
    for part in ("connections[0].fields['hots']: connection 'Order DB' has no such field (fields: host, user, password, port)",
                 "connections[1] 'Orders Database': no such connection (known: Order DB)",
                 "process_properties[0].values['Batch sise']: component 'Order Settings' has no such value (values: Batch size, API key)",
                 "process_properties[1] 'Order Setings': no such process property component (known: Order Settings)",
                 "dynamic_process_properties['regoin']: no such dynamic process property (known: region)"):
        assert part in msg, msg
    assert result['invocation']['module_args']['connections'][0]['fields']['password'] == HIDDEN
    assert_no_secret(result)

    failed, result = run_module(main, instance_id=eu['id'], environment='Production', process='Acknowledge',
                                connections=[{'name': 'Order DB', 'fields': {'password': DB_PASSWORD}}],
                                process_properties=[{'name': 'Order Settings', 'values': {'API key': API_KEY}}])
    assert failed and "process 'Order Intake EU - Acknowledge'" in result['msg'], result['msg']
    assert 'no such process property component (known: none)' in result['msg']
    assert writes(sim) == [] and sim.stored_extensions() == before


def test_an_unknown_process_fails_as_in_every_module(sim, run_module, eu):
    """ipack_process_schedule(s), ipack_process_run and both extensions modules say it in one message."""
    failed, result = run_module(main, instance_id=eu['id'], environment='Production', process='No Such Process',
                                connections=[{'name': 'Order DB', 'fields': {'password': DB_PASSWORD}}])
    assert failed and result['msg'] == ("process 'No Such Process': the instance has no such process (its processes: "
                                        "Order Intake EU - Acknowledge, Order Intake EU - INT)"), result['msg']
    assert writes(sim) == []


@pytest.mark.parametrize('options, message', [
    ({'environment': SANDBOXES[0]}, "is not attached to environment 'Sandbox' (%s); attached to: Production, Test." % SANDBOXES[0]),
    ({'connections': [{'name': 'Order DB', 'fields': {'port': 5432.5, 'password': DB_PASSWORD}}]},
     "connections[0].fields['port'] must be a string, a whole number, a boolean or null"),
    ({'connections': 'password=%s' % DB_PASSWORD}, 'connections'),
    ({'dynamic_process_properties': {'region': None}}, 'dynamic_process_properties'),
    ({'environment': None}, 'missing required arguments: environment'),
    ({'update_secrets': 'sometimes'}, 'value of update_secrets must be one of: on_create, always, got: sometimes'),
    ({'instance_id': ''}, 'instance_id is required'),
    ({'process': 'No Such Process'}, "No Such Process"),
])
def test_bad_input_fails_before_any_write(sim, run_module, eu, options, message):
    given = dict({'instance_id': eu['id'], 'environment': 'Production',
                  'connections': [{'name': 'Order DB', 'fields': {'password': DB_PASSWORD}}]}, **options)
    failed, result = run_module(main, **{k: v for k, v in given.items() if v is not None})
    assert failed and message in result['msg'], result['msg']
    assert '5432.5' not in result['msg']
    assert not result.get('changed') and writes(sim) == []
    assert_no_secret(result)


def test_check_and_diff_predict_without_writing(sim, run_module, eu):
    before = sim.stored_extensions()
    failed, result = run_module(main, check_mode=True, _ansible_diff=True, **production(eu['id']))
    assert not failed and result['changed'] is True
    assert writes(sim) == [] and sim.stored_extensions() == before
    assert_no_secret(result)
    [int_object] = [o for o in result['extensions'] if o['process_name'].endswith('INT')]
    fields = {f['id']: f for c in int_object['connections'] for f in c['fields']}
    assert fields['host']['value'] == 'db.prod.example' and fields['password']['encrypted_value_set'] is True
    assert int_object['dynamic_process_properties'] == {'region': 'eu-central-1'}
    # Boomi says a process property value is encrypted only once one is stored: until then a prediction hides it
    assert result['diff']['after']['Production / Order Intake EU - INT']['process_properties']['Order Settings'] == \
        {'Batch size': HIDDEN, 'API key': HIDDEN}

    assert not run_module(main, **production(eu['id']))[0]
    stored = sim.stored_extensions()
    del sim.log[:]
    failed, check = run_module(main, check_mode=True, _ansible_diff=True, **production(eu['id'], update_secrets='always'))
    assert not failed and check['changed'] is True and writes(sim) == [] and sim.stored_extensions() == stored
    diff = check['diff']
    assert diff['before']['Production / Order Intake EU - INT']['process_properties']['Order Settings'] == {'Batch size': '100', 'API key': '(set)'}
    assert diff['after']['Production / Order Intake EU - INT']['process_properties']['Order Settings'] == {'Batch size': '100', 'API key': HIDDEN}
    assert run_module(main, check_mode=True, **production(eu['id']))[1]['changed'] is False


def test_check_mode_on_an_instance_not_installed_yet(sim, run_module, secret_registry):  # pylint: disable=unused-argument
    failed, result = run_module(main, check_mode=True, _ansible_diff=True, instance_id='', environment='Production',
                                connections=[{'name': 'Order DB', 'fields': {'host': 'db.us.example', 'port': None, 'password': DB_PASSWORD}}],
                                dynamic_process_properties={'region': 'us-east-1'})
    assert not failed and result['changed'] is True and result['extensions'] == []
    assert result['diff'] == {'before': {}, 'after': {'Production': {
        'connections': {'Order DB': {'host': HIDDEN, 'port': None, 'password': HIDDEN}},
        'dynamic_process_properties': {'region': 'us-east-1'}}}}
    assert result['invocation']['module_args']['connections'][0]['fields']['host'] == HIDDEN
    assert_no_secret(result)
    assert writes(sim) == [] and sim.stored_extensions() == []


def test_a_lost_answer_is_sent_once_more(sim, run_module, eu):
    sim.set_faults(drop_after_commit={'operation': 'extensions_update', 'count': 1})
    failed, result = run_module(main, instance_id=eu['id'], environment='Production', process='INT',
                                connections=[{'name': 'Order DB', 'fields': {'host': 'db2.prod.example'}}])
    assert not failed and result['changed'] is True, result
    assert len(writes(sim)) == 2
    warnings = ' '.join(str(w) for w in result.get('warnings') or [])  # text, or a dict with it (ansible-core 2.19+)
    assert 'a partial update of extension values can be repeated' in warnings and 'sending the extensions update once more' in warnings
    assert sim.stored_extension_value(object_id(sim, PRODUCTION, eu, 'INT'), 'Order DB', 'host') == 'db2.prod.example'


def test_a_failed_update_reports_the_updates_made_before_it(sim, api, run_module, monkeypatch, eu):
    """Boomi refuses the second update: REST sends one per object, so the first one landed and the task says so; GraphQL sends
    both objects in its one update, so nothing landed."""
    refuse_writes_after(monkeypatch, sim, 1 if api == 'rest' else 0)
    failed, result = run_module(main, max_retries=0, **production(eu['id']))
    sim.clear_faults()
    assert failed, result
    assert_no_secret(result)
    if api == 'rest':
        assert result['changed'] is True
        [write] = result['writes']
        assert write['write'] == 'extensions update' and write['outcome'] == 'done' and len(write['extension_ids']) == 1
        [landed] = write['extension_ids']
        assert sim.stored_extension_value(landed, 'Order DB', 'password') == DB_PASSWORD
    else:
        assert not result.get('changed') and 'writes' not in result
        assert sim.stored_extension_value(object_id(sim, PRODUCTION, eu, 'INT'), 'Order DB', 'host') is None

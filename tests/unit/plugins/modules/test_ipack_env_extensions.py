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
from ansible_collections.boomi.platform.plugins.modules.ipack_env_extensions_info import main as info_main
from ansible_collections.boomi.platform.tests.unit.conftest import API_TOKEN, PASSWORD, connection
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import (APIS, OMIT, ORDER_INTAKE, PRODUCTION, SALESFORCE, SANDBOXES,
                                                                                    TEST, writes)
from ansible_collections.boomi.platform.tests.unit.plugins.modules.module_faults import refuse_writes_after

UPDATE = {'rest': 'EnvironmentExtensions.update', 'graphql': 'extensionsUpdate'}
DB_PASSWORD = 'Db-Pa55-unit-x7Q'
API_KEY = 'Key-unit-m3Z9'
HIDDEN = '********'
SHIPPING = 'cded6cd1-97b7-4c86-a6f9-cfef0aad8d1a'  # Shipping Notifications (SINGLE)
ORDER_DB = 'ac25e0d1-8b9f-4d96-90b1-69251d036d33'  # the Order DB connection's id
BATCH_SIZE_KEY = '0d3c0ca7-c33e-4f90-9875-68e1c6a51317'  # the key of Order Settings' Batch size
OBJECT_KEYS = {'id', 'environment_id', 'environment_name', 'extension_group_id', 'process_id', 'process_name', 'connections',
               'process_properties', 'dynamic_process_properties'}


@pytest.fixture
def eu(sim):
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


def test_check_mode_on_an_instance_not_installed_yet(sim, run_module):  # pylint: disable=unused-argument
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


def test_property_values_is_the_returned_key_and_an_alias_of_values(sim, run_module, eu):
    """A component's values are returned as property_values (issue 26.1: `x.values` is the dict method in Jinja), and the option
    `values` also answers to property_values; the invocation shows the option as the task gave it, the secret hidden."""
    failed, result = run_module(main, instance_id=eu['id'], environment='Production', process='INT', process_properties=[
        {'name': 'Order Settings', 'property_values': {'Batch size': '42', 'API key': API_KEY}}])
    assert not failed and result['changed'] is True, result
    prod_int = object_id(sim, PRODUCTION, eu, 'INT')
    assert sim.stored_extension_value(prod_int, 'Order Settings', 'Batch size') == '42'
    assert sim.stored_extension_value(prod_int, 'Order Settings', 'API key') == API_KEY
    failed, read = run_module(info_main, instance_id=eu['id'], environment='Production', process='INT')
    assert not failed
    for obj in result['extensions'] + read['extensions']:
        for comp in obj['process_properties']:
            assert set(comp) == {'id', 'name', 'property_values'}, comp
    assert [v['label'] for v in result['extensions'][0]['process_properties'][0]['property_values']] == ['Batch size', 'API key']
    assert {v['label']: v['value'] for v in read['extensions'][0]['process_properties'][0]['property_values']} == \
        {'Batch size': '42', 'API key': None}
    assert result['invocation']['module_args']['process_properties'][0]['property_values'] == {'Batch size': '42', 'API key': HIDDEN}
    assert_no_secret(result)
    assert_no_secret(read)


def secrets(tag):
    """The secret values of the five tasks, unique to ``tag`` (so that a leak is never a coincidence)."""
    return {'db_password': 'Db-Pa55-%s-x7Q' % tag, 'api_key': 'Key-%s-m3Z9' % tag, 'sf_password': 'Sf-Pa55-%s-k2W' % tag,
            'smtp_password': 'Smtp-%s-p4R' % tag}


def five_tasks(eu_id, sf_id, shipping_id, tag, update_secrets='on_create'):
    """The five tasks of tests/integration/playbooks/extensions.yml, ``[(name, options)]``: a MULTI instance in Production (both
    processes) and in Test (process INT, a connection and a value named by id, whole numbers), a SINGLE one by environment id and by
    name with its one process, another SINGLE one with process properties only."""
    secret = secrets(tag)
    return [
        ('EU in Production', dict(instance_id=eu_id, environment='Production', update_secrets=update_secrets, connections=[
            {'name': 'Order DB', 'fields': {'host': 'db.prod.example', 'user': 'svc_orders', 'password': secret['db_password'], 'port': None}}],
            process_properties=[{'name': 'Order Settings', 'values': {'Batch size': '100', 'API key': secret['api_key']}}],
            dynamic_process_properties={'region': 'eu-central-1'})),
        ('EU in Test, process INT', dict(instance_id=eu_id, environment='Test', process='INT', update_secrets=update_secrets, connections=[
            {'name': ORDER_DB, 'fields': {'host': 'db.test.example', 'port': 5432, 'password': secret['db_password']}}],
            process_properties=[{'name': 'Order Settings', 'values': {BATCH_SIZE_KEY: 10}}], dynamic_process_properties={'region': 'us-east-1'})),
        ('Salesforce in Production', dict(instance_id=sf_id, environment=PRODUCTION, update_secrets=update_secrets, connections=[
            {'name': 'Salesforce', 'fields': {'url': 'https://acme.my.salesforce.com', 'user': 'integration@acme.example',
                                              'password': secret['sf_password']}}])),
        ('Salesforce in Test', dict(instance_id=sf_id, environment='Test', process='Account Sync', update_secrets=update_secrets, connections=[
            {'name': 'Salesforce', 'fields': {'url': 'https://acme--test.sandbox.my.salesforce.com', 'password': secret['sf_password']}}])),
        ('Shipping in Production', dict(instance_id=shipping_id, environment='Production', update_secrets=update_secrets, process_properties=[
            {'name': 'Notification Settings', 'values': {'Sender address': 'shipping@acme.example', 'SMTP password': secret['smtp_password']}}])),
    ]


def run_tasks(run_module, tasks, *shown, **how):
    """Run ``tasks`` (``five_tasks``) in turn: ``{name: result}``; none fails and none shows a secret of ``shown``."""
    results = {}
    for name, options in tasks:
        failed, results[name] = run_module(main, **dict(how, **options))
        assert not failed, (name, results[name])
        assert_no_secret(results[name], *shown)
    return results


def through(sim, api):
    """The connection options of ``api`` for run_module, whatever API the test's own is."""
    return {key: OMIT if value is None else value for key, value in connection(sim, api).items()}


def test_five_tasks_predict_set_converge_and_rotate(sim, api, run_module):  # pylint: disable=unused-argument
    """The tasks of the playbook extensions.yml: predicted in check mode without a write, set (every value stored where it belongs,
    the secrets too, none shown), re-run without a change, then every secret rotated with update_secrets=always and nothing else moved."""
    eu = sim.state.install(ORDER_INTAKE, 'Order Intake EU')
    sf, shipping = sim.state.install(SALESFORCE), sim.state.install(SHIPPING)
    for instance in (eu, sf, shipping):
        sim.state.attach(instance['id'], [TEST, PRODUCTION])
    first, second = secrets('1'), secrets('2')
    tasks = five_tasks(eu['id'], sf['id'], shipping['id'], '1')
    everything = tuple(first.values()) + tuple(second.values())
    before = sim.stored_extensions()

    predicted = run_tasks(run_module, tasks, *everything, check_mode=True, _ansible_diff=True)
    assert [r['changed'] for r in predicted.values()] == [True] * 5
    assert writes(sim) == [] and sim.stored_extensions() == before

    done = run_tasks(run_module, tasks, *everything, _ansible_diff=True)
    assert [r['changed'] for r in done.values()] == [True] * 5
    made = writes(sim)
    assert {w[0] for w in made} == {UPDATE[api]} and len(made) == (6 if api == 'rest' else 5), made  # REST: one per object
    prod_int, prod_ack = object_id(sim, PRODUCTION, eu, 'INT'), object_id(sim, PRODUCTION, eu, 'Acknowledge')
    test_int, test_ack = object_id(sim, TEST, eu, 'INT'), object_id(sim, TEST, eu, 'Acknowledge')
    value = sim.stored_extension_value
    for ext_id in (prod_int, prod_ack):
        assert value(ext_id, 'Order DB', 'host') == 'db.prod.example' and value(ext_id, 'Order DB', 'user') == 'svc_orders'
        assert value(ext_id, 'Order DB', 'password') == first['db_password'] and value(ext_id, 'Order DB', 'port') is None
    assert value(prod_int, 'Order Settings', 'Batch size') == '100' and value(prod_int, 'Order Settings', 'API key') == first['api_key']
    assert value(prod_int, 'region') == 'eu-central-1'
    assert value(test_int, 'Order DB', 'host') == 'db.test.example' and value(test_int, 'Order DB', 'port') == '5432'
    assert value(test_int, 'Order Settings', 'Batch size') == '10' and value(test_int, 'region') == 'us-east-1'
    assert value(test_ack, 'Order DB', 'host') is None  # process INT only
    assert value(PRODUCTION, 'Salesforce', 'password') == first['sf_password']
    assert value(PRODUCTION, 'Salesforce', 'url') == 'https://acme.my.salesforce.com'
    assert value(TEST, 'Salesforce', 'url') == 'https://acme--test.sandbox.my.salesforce.com' and value(TEST, 'Salesforce', 'user') is None
    assert value(PRODUCTION, 'Notification Settings', 'SMTP password') == first['smtp_password']
    assert value(TEST, 'Notification Settings', 'Sender address') is None

    # what the modules return: the objects, no secret; the info module through both APIs returns the same
    failed, read = run_module(info_main, instance_id=eu['id'])
    assert not failed and not read['changed']
    assert_no_secret(read, *everything)
    objects = {(o['environment_name'], o['process_name'].rsplit(' - ', 1)[1]): o for o in read['extensions']}
    assert sorted(objects) == [('Production', 'Acknowledge'), ('Production', 'INT'), ('Test', 'Acknowledge'), ('Test', 'INT')]
    for obj in read['extensions']:
        assert set(obj) == OBJECT_KEYS and obj['process_id'] == obj['extension_group_id']
    [password] = [f for c in objects[('Production', 'INT')]['connections'] for f in c['fields'] if f['id'] == 'password']
    assert password == {'id': 'password', 'value': None, 'use_default': False, 'encrypted': True, 'encrypted_value_set': True}
    [api_key] = [v for c in objects[('Production', 'INT')]['process_properties'] for v in c['property_values'] if v['label'] == 'API key']
    assert api_key['encrypted_value_set'] is True
    assert objects[('Test', 'INT')]['dynamic_process_properties'] == {'region': 'us-east-1'}
    assert done['EU in Production']['extensions'] == [objects[('Production', 'Acknowledge')], objects[('Production', 'INT')]]
    assert [o['id'] for o in done['Salesforce in Test']['extensions']] == [TEST]
    for other in APIS:
        failed, sf_test = run_module(info_main, instance_id=sf['id'], environment='Test', **through(sim, other))
        assert not failed and sf_test['extensions'] == done['Salesforce in Test']['extensions'], other
        failed, eu_int = run_module(info_main, instance_id=eu['id'], process='INT', **through(sim, other))
        assert not failed and eu_int['extensions'] == [objects[('Production', 'INT')], objects[('Test', 'INT')]], other

    # re-run: nothing differs, nothing is sent; in check mode, nothing is predicted
    stored = sim.stored_extensions()
    del sim.log[:]
    for how in ({}, {'check_mode': True}):
        again = run_tasks(run_module, tasks, *everything, **how)
        assert [r['changed'] for r in again.values()] == [False] * 5, how
    assert writes(sim) == [] and sim.stored_extensions() == stored
    failed, reread = run_module(info_main, instance_id=eu['id'])
    assert not failed and reread['extensions'] == read['extensions']

    # update_secrets: always, new secrets: predicted without a write, then every task changes, the secrets are replaced, the plain
    # values stay
    rotate = five_tasks(eu['id'], sf['id'], shipping['id'], '2', update_secrets='always')
    check = run_tasks(run_module, rotate, *everything, check_mode=True, _ansible_diff=True)
    assert [r['changed'] for r in check.values()] == [True] * 5
    assert writes(sim) == [] and sim.stored_extensions() == stored
    diff = check['EU in Production']['diff']
    assert diff['before']['Production / Order Intake EU - INT']['process_properties']['Order Settings'] == {'Batch size': '100', 'API key': '(set)'}
    assert diff['after']['Production / Order Intake EU - INT']['process_properties']['Order Settings'] == {'Batch size': '100', 'API key': HIDDEN}
    third = run_tasks(run_module, rotate, *everything, _ansible_diff=True)
    assert [r['changed'] for r in third.values()] == [True] * 5
    assert len(writes(sim)) == len(made)
    assert value(prod_int, 'Order DB', 'password') == second['db_password'] and value(test_int, 'Order DB', 'password') == second['db_password']
    assert value(prod_int, 'Order Settings', 'API key') == second['api_key']
    assert value(PRODUCTION, 'Salesforce', 'password') == second['sf_password']
    assert value(PRODUCTION, 'Notification Settings', 'SMTP password') == second['smtp_password']
    secret_fields = {'password', 'API key', 'SMTP password'}
    assert {k: v for k, v in flat(sim.stored_extensions()).items() if k[2] not in secret_fields} == \
        {k: v for k, v in flat(stored).items() if k[2] not in secret_fields}
    diff = third['EU in Production']['diff']
    assert diff['before']['Production / Order Intake EU - INT']['connections']['Order DB']['password'] == '(set)'
    assert diff['after']['Production / Order Intake EU - INT']['connections']['Order DB']['password'] == HIDDEN

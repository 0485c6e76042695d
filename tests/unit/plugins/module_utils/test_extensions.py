# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Environment extensions: reads, plans and partial updates against the Boomi API simulator over real HTTP, both APIs."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import multiprocessing
import os
import shutil
import tempfile
import threading

import pytest

from ansible_collections.boomi.platform.plugins.module_utils import _shapes_extensions as ext_shapes
from ansible_collections.boomi.platform.plugins.module_utils import extensions as ext
from ansible_collections.boomi.platform.plugins.module_utils.client import BoomiClient
from ansible_collections.boomi.platform.plugins.module_utils.errors import REDACTED, BoomiError, BoomiInputError, register_secret
from ansible_collections.boomi.platform.tests.unit.conftest import connection

APIS = ('rest', 'graphql')
ORDER_DB = 'ac25e0d1-8b9f-4d96-90b1-69251d036d33'
ORDER_SETTINGS = 'c6a365e0-519b-4167-969f-999d382e7191'
BATCH_SIZE_KEY = '0d3c0ca7-c33e-4f90-9875-68e1c6a51317'
API_KEY_KEY = '569b1bc6-c541-4ea1-a206-b3579628a46a'
SALESFORCE = 'b0b2650e-b183-4984-b88f-b42f53efc127'
NOTIFICATION_SETTINGS = '582f5838-d428-4f1f-aa88-6b67cd180f07'
PRODUCTION = 'fbf43afc-02a8-4509-8875-7dc2972c17e1'
TEST = 'c81372f1-c303-48e4-b32b-034258bfa6b3'
DB_PASSWORD = 'db-Pa55w0rd-7f3k'
API_KEY = 'api-key-Q9x2Lm4v'
SF_PASSWORD = 'sf-Pa55w0rd-2h8j'
# Boomi's sample answer of extensionsUpdate (shared/boomi-docs/graphql/spa-update_extensions.md), as the JSON text it carries
SAMPLE_ANSWER = (
    '{"@type":"EnvironmentExtensions","connections":{"@type":"Connections","connection":[{"@type":"Connection","field":['
    '{"@type":"Field","id":"port","value":"port1","encryptedValueSet":false,"usesEncryption":false,"componentOverride":false,"useDefault":false},'
    '{"@type":"Field","id":"password","encryptedValueSet":true,"usesEncryption":true,"componentOverride":false,"useDefault":false}],'
    '"id":"88181efe-f8a2-433d-ad91-17b97b57c03f","name":"New FTP Connection"}]},"processProperties":{"@type":"OverrideProcessProperties",'
    '"ProcessProperty":[{"@type":"OverrideProcessProperty","ProcessPropertyValue":[{"@type":"ProcessPropertyValue","label":"String",'
    '"key":"68dad3cb-9744-4701-984e-dc92c7481de5","value":"","encryptedValueSet":false,"useDefault":true},{"@type":"ProcessPropertyValue",'
    '"label":"Password","key":"af61be8f-b580-4917-90c1-1faf06630522","value":"[[HIDDEN]]","encryptedValueSet":true,"useDefault":false}],'
    '"id":"4e34fc8d-cc7f-4629-ab05-bfe66f0499c4","name":"Test Some Props Yo"}]},"environmentId":"0e8be959-54dd-47d8-8f77-547b7cdd407f",'
    '"extensionGroupId":"decc9f7c-028a-4647-b248-9a713ba84963",'
    '"id":"MGU4YmU5NTktNTRkZC00N2Q4LThmNzctNTQ3YjdjZGQ0MDdmOmRlY2M5ZjdjLTAyOGEtNDY0Ny1iMjQ4LTlhNzEzYmE4NDk2Mw"}')


def make(sim, api, warnings=None):
    return BoomiClient(connection(sim, api), warn=(warnings.append if warnings is not None else None))


def writes(sim):
    return [e for e in sim.log if e['write']]


def asked(connections=(), process_properties=(), dynamic=None):
    return ext.wanted([{'name': n, 'fields': f} for n, f in connections], [{'name': n, 'values': v} for n, v in process_properties],
                      dynamic or {})


def setup(sim, api='rest'):
    """Order Intake EU (MULTI), Salesforce Account Sync and Shipping Notifications (both SINGLE) attached to Test and Production."""
    client = make(sim, api)
    eu = client.install_instance(client.resolve_pack(name='Order Intake')['id'], 'Order Intake EU')
    sf = client.install_instance(client.resolve_pack(name='Salesforce Account Sync')['id'])
    shipping = client.install_instance(client.resolve_pack(pack_id='cded6cd1-97b7-4c86-a6f9-cfef0aad8d1a')['id'])
    for instance in (eu, sf, shipping):
        client.attach(instance['id'], [TEST, PRODUCTION])
    return eu['id'], sf['id'], shipping['id']


def run(sim, api, instance_id, request, environment='Production', process=None, update_secrets='on_create', warnings=None):
    """One task: read, plan, write; returns (plan, objects after)."""
    client = make(sim, api, warnings)
    found = ext.read(client, instance_id, environment, process)
    plan = ext.plan(found['objects'], request, update_secrets)
    assert not plan.problems, plan.problems
    return plan, (ext.apply(client, found, plan) if plan.updates else found['objects'])


def stored(sim, ext_id, component, field=None):
    return sim.stored_extension_value(ext_id, component, field)


def item(objects, process_suffix, kind, component, name):
    obj = [o for o in objects if (o['process_name'] or '').endswith(process_suffix)][0]
    comp = [c for c in obj[kind] if c['name'] == component][0]
    return [i for i in comp['fields' if kind == 'connections' else 'property_values'] if name in (i.get('id'), i.get('label'))][0]


# -- reads: the same normalised objects from both APIs ----------------------------------------------------------------------------
def seed_values(sim):
    eu, sf, shipping = setup(sim)
    run(sim, 'rest', eu, asked([('Order DB', {'host': 'db.eu', 'password': DB_PASSWORD})], [('Order Settings', {'Batch size': '50', 'API key': API_KEY})],
                               {'region': 'us-east-1'}))
    run(sim, 'rest', sf, asked([('Salesforce', {'url': 'https://sf.example', 'password': SF_PASSWORD})]), environment='Test')
    return eu, sf, shipping


@pytest.mark.parametrize('shape_variant', [False, True])
def test_rest_and_graphql_read_the_same_objects(sim, shape_variant):
    eu, sf, shipping = seed_values(sim)
    sim.set_faults(shape_variant=shape_variant)
    for instance_id in (eu, sf, shipping):
        own_process = {eu: 'INT', sf: 'Account Sync', shipping: 'Notify'}[instance_id]
        for environment, process in ((None, None), ('Production', None), ('Test', None), (None, own_process)):
            reads = [ext.read(make(sim, api), instance_id, environment, process)['objects'] for api in APIS]
            assert reads[0] == reads[1], (instance_id, environment, process)
    objects = ext.read(make(sim, 'graphql'), eu)['objects']
    assert [(o['environment_name'], o['process_name']) for o in objects] == [
        ('Production', 'Order Intake EU - Acknowledge'), ('Production', 'Order Intake EU - INT'),
        ('Test', 'Order Intake EU - Acknowledge'), ('Test', 'Order Intake EU - INT')]


@pytest.mark.parametrize('api', APIS)
def test_normalised_objects(sim, api):
    eu, sf, _shipping = seed_values(sim)
    production = ext.read(make(sim, api), eu, 'Production', 'INT')['objects']
    assert len(production) == 1
    obj = production[0]
    assert set(obj) == {'id', 'environment_id', 'environment_name', 'extension_group_id', 'process_id', 'process_name', 'connections',
                        'process_properties', 'dynamic_process_properties'}
    assert obj['environment_id'] == PRODUCTION and obj['process_name'] == 'Order Intake EU - INT'
    assert obj['process_id'] == obj['extension_group_id']
    assert obj['process_id'] is not None
    assert obj['connections'] == [{'id': ORDER_DB, 'name': 'Order DB', 'fields': [
        {'id': 'host', 'value': 'db.eu', 'use_default': False, 'encrypted': False, 'encrypted_value_set': False},
        {'id': 'user', 'value': None, 'use_default': True, 'encrypted': False, 'encrypted_value_set': False},
        {'id': 'password', 'value': None, 'use_default': False, 'encrypted': True, 'encrypted_value_set': True},
        {'id': 'port', 'value': None, 'use_default': True, 'encrypted': False, 'encrypted_value_set': False}]}]
    # property_values, not values: `x.values` is the dict method in Jinja (issue 26.1)
    assert obj['process_properties'] == [{'id': ORDER_SETTINGS, 'name': 'Order Settings', 'property_values': [
        {'key': BATCH_SIZE_KEY, 'label': 'Batch size', 'value': '50', 'use_default': False, 'encrypted': False, 'encrypted_value_set': False},
        {'key': API_KEY_KEY, 'label': 'API key', 'value': None, 'use_default': False, 'encrypted': True, 'encrypted_value_set': True}]}]
    assert obj['dynamic_process_properties'] == {'region': 'us-east-1'}
    # a single-install pack: the environment's object, which also holds the other single-install instance's components
    test = ext.read(make(sim, api), sf, 'Test')['objects']
    assert [(o['id'], o['extension_group_id'], o['process_id'], o['process_name']) for o in test] == [(TEST, None, None, None)]
    assert [c['name'] for c in test[0]['connections']] == ['Salesforce']
    assert [c['name'] for c in test[0]['process_properties']] == ['Notification Settings']
    assert DB_PASSWORD not in json.dumps(production) and API_KEY not in json.dumps(production) and SF_PASSWORD not in json.dumps(test)


def test_documented_forms_are_read_alike():
    """Boomi's own extensionsUpdate sample, as a bare object, a BulkResult, a list, in the SPEC's Environment wrapper."""
    sample = json.loads(SAMPLE_ANSWER)
    forms = [SAMPLE_ANSWER, json.dumps([sample]), json.dumps({'@type': 'BulkResult', 'response': [{'Result': sample, 'statusCode': 200}]}),
             json.dumps({'@type': 'BulkResult', 'response': [{'Result': [sample], 'statusCode': 200}]}),
             json.dumps({'id': 'env', 'name': 'Prod', 'EnvironmentExtensions': sample})]
    parsed = [ext_shapes.parse_text(text, 'sample') for text in forms]
    assert all(p == parsed[0] for p in parsed)
    obj = parsed[0][0]
    assert obj['connections'][0]['fields'][1] == {'id': 'password', 'value': None, 'use_default': False, 'encrypted': True, 'encrypted_value_set': True}
    assert obj['process_properties'][0]['property_values'] == [
        {'key': '68dad3cb-9744-4701-984e-dc92c7481de5', 'label': 'String', 'value': None, 'use_default': True, 'encrypted': False,
         'encrypted_value_set': False},
        {'key': 'af61be8f-b580-4917-90c1-1faf06630522', 'label': 'Password', 'value': None, 'use_default': False, 'encrypted': True,
         'encrypted_value_set': True}]
    assert ext_shapes.parse_text(None, 'x') == [] == ext_shapes.parse_text('', 'x')
    with pytest.raises(BoomiError, match='could not be read: No such object'):
        ext_shapes.parse_text(json.dumps({'@type': 'BulkResult', 'response': [{'id': 'x', 'statusCode': 400, 'errorMessage': 'No such object'}]}), 'x')
    with pytest.raises(BoomiError, match='is not JSON'):
        ext_shapes.parse_text('{"@type": "Env', 'environmentExtensions')


def _imported_module_utils(name):
    """The collection's module_utils that module_utils ``name`` imports."""
    module = importlib.import_module('ansible_collections.boomi.platform.plugins.module_utils.' + name)
    found = set()
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if isinstance(node, ast.ImportFrom) and (node.module or '').endswith('.module_utils'):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and '.module_utils.' in (node.module or ''):
            found.add(node.module.rsplit('.', 1)[-1])
    return found


def test_the_adapters_import_no_planner_and_the_plan_no_reader():
    """Layers import downward: the adapters normalise extension objects in the shapes layer, and the plan sends nothing."""
    for adapter in ('_rest', '_graphql', '_shapes_extensions'):
        assert _imported_module_utils(adapter).isdisjoint({'extensions', 'extensions_plan', 'client'}), adapter
    assert _imported_module_utils('extensions_plan') <= {'errors', 'names'}


@pytest.mark.parametrize('api', APIS)
def test_reads_cost_the_same_however_many_values_a_task_sets(sim, api):
    eu, _sf, _shipping = setup(sim)
    counts = []
    for request in (asked([('Order DB', {'host': 'a'})]),
                    asked([('Order DB', {'host': 'a', 'user': 'b', 'password': DB_PASSWORD, 'port': '1'})],
                          [('Order Settings', {'Batch size': '1', 'API key': API_KEY})], {'region': 'x'})):
        del sim.log[:]
        client = make(sim, api)
        found = ext.read(client, eu, 'Production')
        ext.plan(found['objects'], request)
        counts.append(len([e for e in sim.log if e['api'] != 'jwt']))
    assert counts == [5 if api == 'rest' else 4] * 2


# -- plans ---------------------------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize('api', APIS)
def test_unknown_names_are_all_reported_before_any_write(sim, api):
    eu, _sf, _shipping = setup(sim)
    del sim.log[:]
    found = ext.read(make(sim, api), eu, 'Production', 'Acknowledge')
    plan = ext.plan(found['objects'], asked(
        [('Order DB', {'host': 'a', 'hots': 'b'}), ('Order BD', {'host': 'c'})],
        [('Order Settings', {'Batch size': '1'})],  # exists in process INT only
        {'regoin': 'x'}))
    text = '\n'.join(plan.problems)
    assert len(plan.problems) == 4, text
    assert "connections[0].fields['hots']: connection 'Order DB' has no such field (fields: host, user, password, port)" in text
    assert "connections[1] 'Order BD': no such connection (known: Order DB)" in text
    assert "process_properties[0] 'Order Settings': no such process property component (known: none)" in text
    assert "dynamic_process_properties['regoin']: no such dynamic process property (known: none)" in text
    assert plan.updates == [] and writes(sim) == []


def test_ambiguous_and_repeated_names_are_problems(sim):
    eu, _sf, _shipping = setup(sim)
    objects = ext.read(make(sim, 'rest'), eu, 'Production')['objects']
    plan = ext.plan(objects, asked([('Order DB', {'host': 'a'}), (ORDER_DB, {'user': 'b'})],
                                   [('Order Settings', {'Batch size': '1', BATCH_SIZE_KEY: '2'})]))
    assert plan.problems == ["connections[1] %r names the same connection as connections[0]" % ORDER_DB,
                             "process_properties[0].values[%r] names the same value as process_properties[0].values['Batch size']" % BATCH_SIZE_KEY]
    with pytest.raises(BoomiInputError, match='update_secrets must be one of on_create, always'):
        ext.plan(objects, asked(), 'sometimes')


@pytest.mark.parametrize('api', APIS)
def test_secrets_on_create_and_always(sim, api):
    eu, _sf, _shipping = setup(sim)
    request = asked([('Order DB', {'password': DB_PASSWORD})], [('Order Settings', {'API key': API_KEY})])
    first, after = run(sim, api, eu, request, process='INT')
    assert len(first.updates) == 1 and sorted(first.secrets) == [DB_PASSWORD]
    assert sorted(first.possible_secrets.values()) == [API_KEY]  # Boomi says it is encrypted only once it is stored
    assert first.revealed_secrets(after) == [API_KEY]
    ext_id = after[0]['id']
    assert stored(sim, ext_id, 'Order DB', 'password') == DB_PASSWORD and stored(sim, ext_id, 'Order Settings', 'API key') == API_KEY
    assert item(after, 'INT', 'process_properties', 'Order Settings', 'API key')['encrypted'] is True

    again, _after = run(sim, api, eu, asked([('Order DB', {'password': 'other-password'})], [('Order Settings', {'API key': 'other-key'})]),
                        process='INT')
    assert again.updates == [] and again.secrets == [] and again.possible_secrets == {}  # on_create: a stored secret is not sent
    assert stored(sim, ext_id, 'Order DB', 'password') == DB_PASSWORD

    rotation = asked([('Order DB', {'password': 'rotated-Pa55'})], [('Order Settings', {'API key': 'rotated-key'})])
    rotated, after = run(sim, api, eu, rotation, process='INT', update_secrets='always')
    assert len(rotated.updates) == 1 and sorted(rotated.secrets) == ['rotated-Pa55', 'rotated-key']
    assert stored(sim, ext_id, 'Order DB', 'password') == 'rotated-Pa55' and stored(sim, ext_id, 'Order Settings', 'API key') == 'rotated-key'
    before, after_view = rotated.diff(after)['before'], rotated.diff(after)['after']
    label = 'Production / Order Intake EU - INT'
    assert before[label]['connections']['Order DB'] == {'password': '(set)'}
    assert after_view[label]['connections']['Order DB'] == {'password': REDACTED}
    assert after_view[label]['process_properties']['Order Settings'] == {'API key': REDACTED}


@pytest.mark.parametrize('api', APIS)
def test_null_sets_the_default_and_plain_values_converge(sim, api):
    eu, _sf, _shipping = setup(sim)
    plan, after = run(sim, api, eu, asked([('Order DB', {'host': 'db.eu', 'port': 5432, 'user': True})]))
    assert len(plan.updates) == 2  # both processes of the instance have Order DB
    for obj in after:
        assert stored(sim, obj['id'], 'Order DB', 'port') == '5432' and stored(sim, obj['id'], 'Order DB', 'user') == 'true'
    converged, _after = run(sim, api, eu, asked([('Order DB', {'host': 'db.eu', 'port': '5432', 'user': 'true'})]))
    assert converged.updates == []
    back, after = run(sim, api, eu, asked([('Order DB', {'port': None, 'user': None})]))
    assert [body['connections']['connection'][0]['field'] for _obj, body in back.updates] == \
        [[{'id': 'user', 'useDefault': True}, {'id': 'port', 'useDefault': True}]] * 2
    for obj in after:
        assert stored(sim, obj['id'], 'Order DB', 'port') is None and stored(sim, obj['id'], 'Order DB', 'host') == 'db.eu'
        default = {'id': 'port', 'value': None, 'use_default': True, 'encrypted': False, 'encrypted_value_set': False}
        assert item([obj], '', 'connections', 'Order DB', 'port') == default
    assert run(sim, api, eu, asked([('Order DB', {'port': None})]))[0].updates == []


@pytest.mark.parametrize('api', APIS)
def test_one_value_changed_leaves_every_other_override_as_it_was(sim, api):
    eu, _sf, _shipping = seed_values(sim)
    before = sim.stored_extensions()
    plan, _after = run(sim, api, eu, asked(process_properties=[('Order Settings', {'Batch size': '75'})]), process='INT')
    (obj, body), = plan.updates
    assert body['partial'] is True
    # the component travels whole (Boomi replaces it): the stored secret without a value, which keeps it
    assert body['processProperties']['ProcessProperty'][0]['ProcessPropertyValue'] == [
        {'key': BATCH_SIZE_KEY, 'value': '75', 'useDefault': False, 'label': 'Batch size'},
        {'key': API_KEY_KEY, 'useDefault': False, 'label': 'API key'}]
    assert set(body) == {'@type', 'id', 'environmentId', 'extensionGroupId', 'partial', 'processProperties'}
    after = sim.stored_extensions()
    changed = [(b['id'], a) for b, a in zip(before, after) if b != a]
    assert [i for i, _a in changed] == [obj['id']]
    expected = json.loads(json.dumps([b for b in before if b['id'] == obj['id']][0]).replace('"value": "50"', '"value": "75"'))
    assert changed[0][1] == expected
    assert stored(sim, obj['id'], 'Order Settings', 'API key') == API_KEY


@pytest.mark.parametrize('api', APIS)
def test_single_install_object_touches_only_named_components(sim, api):
    _eu, sf, shipping = setup(sim)
    run(sim, api, shipping, asked(process_properties=[('Notification Settings', {'Sender address': 'ops@acme.example', 'SMTP password': 'smtp-Pa55'})]))
    before = sim.stored_extensions(PRODUCTION)
    plan, after = run(sim, api, sf, asked([('Salesforce', {'url': 'https://sf.example', 'password': SF_PASSWORD})]))
    (obj, body), = plan.updates
    assert obj['id'] == PRODUCTION and body['extensionGroupId'] == '' and body['partial'] is True
    assert [c['id'] for c in body['connections']['connection']] == [SALESFORCE] and 'processProperties' not in body
    assert stored(sim, PRODUCTION, 'Notification Settings', 'SMTP password') == 'smtp-Pa55'
    assert stored(sim, PRODUCTION, 'Notification Settings', 'Sender address') == 'ops@acme.example'
    assert sim.stored_extensions(PRODUCTION)['processProperties'] == before['processProperties']
    assert after[0]['process_id'] is None and after[0]['environment_name'] == 'Production'
    assert plan.diff(after)['after'] == {'Production': {'connections': {'Salesforce': {'url': 'https://sf.example', 'password': REDACTED}}}}


@pytest.mark.parametrize('api', APIS)
def test_process_option_limits_a_multi_install_task_to_one_process(sim, api):
    eu, _sf, _shipping = setup(sim)
    _plan, after = run(sim, api, eu, asked([('Order DB', {'host': 'ack-only'})]), process='Order Intake EU - Acknowledge')
    assert [o['process_name'] for o in after] == ['Order Intake EU - Acknowledge']
    objects = ext.read(make(sim, api), eu, 'Production')['objects']
    assert [item([o], '', 'connections', 'Order DB', 'host')['value'] for o in objects] == ['ack-only', None]
    with pytest.raises(BoomiInputError, match=r"process 'Nope': the instance has no such process \(its processes: Order Intake EU - Acknowledge"):
        ext.read(make(sim, api), eu, 'Production', 'Nope')


@pytest.mark.parametrize('api', APIS)
def test_check_mode_prediction(sim, api):
    eu, _sf, _shipping = seed_values(sim)
    del sim.log[:]
    found = ext.read(make(sim, api), eu, 'Production', 'INT')
    plan = ext.plan(found['objects'], asked([('Order DB', {'host': 'db.new', 'user': 'svc'})], [('Order Settings', {'Batch size': '60'})],
                                            {'region': 'eu-west-1'}))
    predicted = plan.predicted()
    assert writes(sim) == []
    assert item(predicted, 'INT', 'connections', 'Order DB', 'host')['value'] == 'db.new'
    assert item(predicted, 'INT', 'process_properties', 'Order Settings', 'API key')['encrypted_value_set'] is True
    assert predicted[0]['dynamic_process_properties'] == {'region': 'eu-west-1'}
    diff = plan.diff(predicted, predicted=True)
    assert diff['after']['Production / Order Intake EU - INT']['connections']['Order DB'] == {'host': 'db.new', 'user': 'svc'}
    assert diff['before']['Production / Order Intake EU - INT']['process_properties']['Order Settings'] == {'Batch size': '50'}
    assert diff['after']['Production / Order Intake EU - INT']['process_properties']['Order Settings'] == {'Batch size': '60'}
    _plan, after = run(sim, api, eu, asked([('Order DB', {'host': 'db.new', 'user': 'svc'})], [('Order Settings', {'Batch size': '60'})],
                                           {'region': 'eu-west-1'}), process='INT')
    assert after == predicted


# -- writes ------------------------------------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize('api', APIS)
def test_two_tasks_at_once_on_one_object_both_hold(sim, api):
    """Two tasks (own clients, own threads, 200 ms per request so they overlap) change different components of the same
    extensions object, and a third sets what the first sets: every change holds, nothing else moves, a re-run writes nothing."""
    eu, _sf, _shipping = seed_values(sim)
    requests_ = [asked([('Order DB', {'host': 'db.together'})]), asked(process_properties=[('Order Settings', {'Batch size': '99'})]),
                 asked([('Order DB', {'host': 'db.together'})])]
    done, failed = [], []

    def task(request):
        try:
            done.append(run(sim, api, eu, request, process='INT'))
        except Exception as exc:  # pylint: disable=broad-exception-caught
            failed.append(exc)

    sim.set_faults(latency=0.2)
    threads = [threading.Thread(target=task, args=(r,)) for r in requests_]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    sim.clear_faults()
    assert not failed, failed
    _plan, objects = run(sim, api, eu, asked(), process='INT')
    assert item(objects, 'INT', 'connections', 'Order DB', 'host')['value'] == 'db.together'
    assert item(objects, 'INT', 'process_properties', 'Order Settings', 'Batch size')['value'] == '99'
    (obj,) = [o for o in objects if (o['process_name'] or '').endswith('INT')]
    assert stored(sim, obj['id'], 'Order DB', 'password') == DB_PASSWORD and stored(sim, obj['id'], 'Order Settings', 'API key') == API_KEY
    del sim.log[:]
    for request in requests_:
        plan, _objects = run(sim, api, eu, request, process='INT')
        assert plan.updates == []
    assert writes(sim) == []


def _task_after_a_shared_read(params, request, barrier, report):
    """One ipack_env_extensions task on process INT in Production (own client), whose write waits until the other task has read
    too: ``report((changed, error))``."""
    try:
        client = BoomiClient(params)
        step = ext.prepare(client, params['_eu'], 'Production', 'INT', request)
        ext.hide_secrets(step, register_secret)
        barrier.wait(30)  # both tasks have read the component before either writes
        report((ext.finish(client, step, request, False, register_secret)['changed'], None))
    except Exception as exc:  # pylint: disable=broad-exception-caught  # reported to the test
        report((None, repr(exc)))


@pytest.mark.parametrize('api', APIS)
@pytest.mark.parametrize('how', ['threads', 'processes'])
def test_two_tasks_on_one_component_keep_both_values(sim, api, how, tmp_path, monkeypatch):
    """Two tasks at once set different values of one process property component (which Boomi replaces whole): both read it
    before either writes, and both values hold (issue 24, point 6), across threads and across processes."""
    monkeypatch.setattr(tempfile, 'tempdir', str(tmp_path))  # the private state directory (the locks) of this test
    eu, _sf, _shipping = setup(sim)
    params = dict(connection(sim, api), _eu=eu)
    requests_ = [asked(process_properties=[('Order Settings', {'Batch size': '75'})]),
                 asked(process_properties=[('Order Settings', {'API key': API_KEY})])]
    del sim.log[:]
    if how == 'threads':
        results, barrier = [], threading.Barrier(2)
        workers = [threading.Thread(target=_task_after_a_shared_read, args=(params, r, barrier, results.append)) for r in requests_]
    else:
        context = multiprocessing.get_context('fork')
        queue, barrier = context.Queue(), context.Barrier(2)
        workers = [context.Process(target=_task_after_a_shared_read, args=(params, r, barrier, queue.put)) for r in requests_]
    for worker in workers:
        worker.start()
    if how == 'processes':
        results = [queue.get(timeout=60) for _worker in workers]
    for worker in workers:
        worker.join(60)
    assert results == [(True, None), (True, None)], results
    (obj,) = ext.read(make(sim, api), eu, 'Production', 'INT')['objects']
    assert stored(sim, obj['id'], 'Order Settings', 'Batch size') == '75'
    assert stored(sim, obj['id'], 'Order Settings', 'API key') == API_KEY
    assert len(writes(sim)) == 2
    assert sorted(os.listdir(str(tmp_path))) == ['boomi.platform-%d' % os.getuid()]


@pytest.mark.parametrize('api', APIS)
def test_a_task_re_reads_under_the_lock_and_sends_nothing_already_there(sim, api, tmp_path, monkeypatch):
    """The read under the lock decides: a value another task set since the first read is not sent again (changed false)."""
    monkeypatch.setattr(tempfile, 'tempdir', str(tmp_path))
    eu, _sf, _shipping = setup(sim)
    request = asked(process_properties=[('Order Settings', {'Batch size': '75'})])
    client = make(sim, api)
    step = ext.prepare(client, eu, 'Production', 'INT', request)
    assert step['plan'].updates
    run(sim, api, eu, request, process='INT')  # another task sets the same value meanwhile
    del sim.log[:]
    result = ext.finish(client, step, request, False, register_secret)
    assert result['changed'] is False and writes(sim) == []
    assert result['diff']['before'] == result['diff']['after']
    # check mode reads nothing more and takes no lock
    step = ext.prepare(make(sim, api), eu, 'Production', 'INT', asked(process_properties=[('Order Settings', {'Batch size': '76'})]), check_mode=True)
    del sim.log[:]
    shutil.rmtree(str(tmp_path / ('boomi.platform-%d' % os.getuid())), ignore_errors=True)
    assert ext.finish(client, step, request, True, register_secret)['changed'] is True
    assert sim.log == [] and os.listdir(str(tmp_path)) == []


@pytest.mark.parametrize('api', APIS)
def test_the_lock_is_never_taken_in_a_state_directory_of_another_user(sim, api, tmp_path, monkeypatch):
    """With rate_limit 0 the lock still needs the private state directory: one owned by another user is refused before
    any write, naming rate_limit, and nothing is written into it."""
    monkeypatch.setattr(tempfile, 'tempdir', str(tmp_path))
    directory = tmp_path / ('boomi.platform-%d' % os.getuid())
    directory.mkdir(mode=0o700)
    os.chown(str(directory), 65534, 65534)
    eu, _sf, _shipping = setup(sim)
    request = asked(process_properties=[('Order Settings', {'Batch size': '75'})])
    client = make(sim, api)
    step = ext.prepare(client, eu, 'Production', 'INT', request)
    del sim.log[:]
    with pytest.raises(BoomiError) as raised:
        ext.finish(client, step, request, False, register_secret)
    message = str(raised.value)
    assert 'extensions update' in message and 'rate_limit' in message and 'owned by uid 65534' in message, message
    assert writes(sim) == [] and os.listdir(str(directory)) == []


@pytest.mark.parametrize('api', APIS)
def test_a_lost_answer_is_sent_once_more(sim, api):
    eu, _sf, _shipping = setup(sim)
    sim.set_faults(drop_after_commit={'operation': 'extensions_update', 'count': 1})
    warnings = []
    client = make(sim, api, warnings)
    found = ext.read(client, eu, 'Production', 'INT')
    plan = ext.plan(found['objects'], asked([('Order DB', {'host': 'db.eu', 'password': DB_PASSWORD})], [('Order Settings', {'Batch size': '7'})]))
    del sim.log[:]
    after = ext.apply(client, found, plan)
    assert [e['operation'] for e in writes(sim)] == ['EnvironmentExtensions.update' if api == 'rest' else 'extensionsUpdate'] * 2
    assert [w['outcome'] for w in client.writes] == ['done']
    assert any('a partial update of extension values can be repeated' in w for w in warnings), warnings
    assert any('sending the extensions update once more' in w for w in warnings), warnings
    assert stored(sim, after[0]['id'], 'Order DB', 'password') == DB_PASSWORD
    assert item(after, 'INT', 'process_properties', 'Order Settings', 'Batch size')['value'] == '7'
    assert DB_PASSWORD not in ' '.join(warnings)


@pytest.mark.parametrize('api', APIS)
def test_values_round_trip_exactly_and_graphql_sends_them_as_variables(sim, api):
    eu, _sf, _shipping = setup(sim)
    odd = 'Quo"te {brace} back\\slash $var \u00e9t\u00e9 \u6771\u4eac'
    _plan, after = run(sim, api, eu, asked([('Order DB', {'host': odd})], dynamic={'region': odd}), process='INT')
    assert item(after, 'INT', 'connections', 'Order DB', 'host')['value'] == odd
    assert after[0]['dynamic_process_properties'] == {'region': odd}
    assert '$input' in make(sim, 'graphql').api.M_EXTENSIONS and '"' not in make(sim, 'graphql').api.M_EXTENSIONS
    assert run(sim, api, eu, asked([('Order DB', {'host': odd})], dynamic={'region': odd}), process='INT')[0].updates == []


@pytest.mark.parametrize('api', APIS)
def test_a_refused_update_is_an_error_naming_the_operation(sim, api):
    eu, _sf, _shipping = setup(sim)
    client = make(sim, api)
    found = ext.read(client, eu, 'Production', 'INT')
    plan = ext.plan(found['objects'], asked([('Order DB', {'host': 'x'})]))
    sim.set_faults(next_responses=[{'status': 400, 'body': {'@type': 'Error', 'message': 'Bad extension'}} if api == 'rest' else
                                   {'status': 200, 'body': {'data': {'extensionsUpdate': None},
                                                            'errors': [{'message': 'Bad extension', 'extensions': {'code': 'PLATFORM_CALL_ERROR'}}]}}])
    with pytest.raises(BoomiError, match='Bad extension') as raised:
        ext.apply(client, found, plan)
    assert raised.value.result == {'changed': False, 'updated': []}
    assert [w['outcome'] for w in client.writes] == ['failed']


# -- options --------------------------------------------------------------------------------------------------------------------------------------
def test_option_values_are_stored_as_text_and_never_echoed():
    assert ext.option_value('x', 5432) == '5432' and ext.option_value('x', False) == 'false' and ext.option_value('x', None) is None
    for bad, kind in ((1.25, 'a number with a fraction'), (['a'], 'a list'), ({'a': 1}, 'a mapping')):
        with pytest.raises(BoomiInputError) as raised:
            ext.option_value("connections[0].fields['password']", bad)
        assert kind in raised.value.message and '1.25' not in raised.value.message
    with pytest.raises(BoomiInputError) as raised:
        ext.wanted([{'name': 'A', 'fields': {'port': 1.5, 'password': 99.5}}], [], {'region': None})
    assert raised.value.message.count(';') == 2 and '99.5' not in raised.value.message
    assert "dynamic_process_properties['region']: null is not accepted" in raised.value.message


def test_invocation_shows_only_values_known_to_be_plain():
    params = {'instance_id': 'i', 'connections': [{'name': 'Order DB', 'fields': {'host': 'db', 'password': DB_PASSWORD, 'port': None}}],
              'process_properties': [{'name': 'Order Settings', 'values': {'Batch size': '5'}}], 'dynamic_process_properties': {'region': 'r'}}
    masked = ext.masked_params(params, {('connections', 0, 'host'), ('dynamic_process_properties', 'region')})
    assert masked['connections'] == [{'name': 'Order DB', 'fields': {'host': 'db', 'password': REDACTED, 'port': None}}]
    assert masked['process_properties'] == [{'name': 'Order Settings', 'values': {'Batch size': REDACTED}}]
    assert masked['dynamic_process_properties'] == {'region': 'r'} and masked['instance_id'] == 'i'
    assert params['connections'][0]['fields']['password'] == DB_PASSWORD  # a copy
    odd = ext.masked_params({'connections': 'password=%s' % DB_PASSWORD, 'process_properties': [DB_PASSWORD], 'dynamic_process_properties': 'x'})
    assert DB_PASSWORD not in json.dumps(odd)
    unknown_key = ext.masked_params({'connections': [{'name': 'Order DB', 'fields': {}, 'password': DB_PASSWORD}]})
    assert unknown_key['connections'] == [{'name': 'Order DB', 'fields': {}, 'password': REDACTED}]


def test_invocation_masks_the_property_values_alias_like_values():
    """process_properties[].values also answers to property_values (issue 26.1): the invocation shows either name as given,
    the values known to be plain in clear, the others hidden; ansible-core keeps the alias next to the option."""
    plain = {('process_properties', 0, 'Batch size')}
    by_alias = ext.masked_params({'process_properties': [{'name': 'Order Settings', 'property_values': {'Batch size': '5', 'API key': API_KEY}}]},
                                 plain)
    assert by_alias['process_properties'] == [{'name': 'Order Settings', 'values': None,
                                               'property_values': {'Batch size': '5', 'API key': REDACTED}}]
    both = ext.masked_params({'process_properties': [{'name': 'Order Settings', 'values': {'API key': API_KEY},
                                                      'property_values': {'API key': API_KEY}}]})
    assert both['process_properties'] == [{'name': 'Order Settings', 'values': {'API key': REDACTED}, 'property_values': {'API key': REDACTED}}]
    odd = ext.masked_params({'process_properties': [{'name': 'Order Settings', 'property_values': 'API key=%s' % API_KEY}]})
    assert API_KEY not in json.dumps(odd)


def test_the_option_takes_property_values_as_an_alias_of_values():
    spec = ext.options_spec()['process_properties']['options']
    assert spec['values']['aliases'] == ['property_values'] and 'property_values' not in spec

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack_env_extensions_bulk (its elements checked, planned and applied by the bulk engine with ExtensionsKind, converge,
and the module's ``main()`` in process: ``run_module``) against the simulator, through both APIs."""

from __future__ import annotations

import json
import threading

import pytest

from ansible_collections.boomi.platform.plugins.module_utils import extensions as ext
from ansible_collections.boomi.platform.plugins.module_utils import bulk
from ansible_collections.boomi.platform.plugins.module_utils.bulk import WriteFailed
from ansible_collections.boomi.platform.plugins.module_utils.errors import REDACTED, BoomiInputError
from ansible_collections.boomi.platform.plugins.modules import ipack_env_extensions_bulk
from ansible_collections.boomi.platform.plugins.module_utils.extensions import ExtensionsKind
from ansible_collections.boomi.platform.plugins.modules.ipack_env_extensions_bulk import converge
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import (
    ORDER_INTAKE, PRODUCTION, SALESFORCE, SANDBOXES, TEST, assert_masked, writes,
)

SHIPPING = 'cded6cd1-97b7-4c86-a6f9-cfef0aad8d1a'  # Shipping Notifications, SINGLE
UPDATE = {'rest': 'EnvironmentExtensions.update', 'graphql': 'extensionsUpdate'}
SECRET = 'S3cr3t-bulk-value'
SF_SECRET = 'Sf-S3cr3t-bulk-9Kq'
ROTATED = 'S3cr3t-bulk-rotated'


def element(**given):
    """One element of ``extensions`` as ansible-core hands it to the module: every option, its default when not given."""
    params = dict(instance_id=None, environment=None, process=None, connections=[], process_properties=[], dynamic_process_properties={},
                  update_secrets='on_create')
    params.update(given)
    return params


def conn(name, **fields):
    return [{'name': name, 'fields': fields}]


def props(name, **values):
    return [{'name': name, 'values': values}]


def checked(params, check_mode=False):
    elements, problems = bulk.check(ExtensionsKind(), params, params, check_mode)
    assert problems == []
    return elements


def update_writes(sim):
    """The writes the simulator received: ``[(operation, HTTP status)]``."""
    return [(e['operation'], e['status']) for e in sim.log if e['write']]


@pytest.fixture
def instances(sim):
    """Order Intake Unit A and Unit B (MULTI), Salesforce Account Sync and Shipping Notifications (SINGLE: one shared object per
    environment), each attached to Production and Test."""
    found = {}
    for name, pack, override in (('Unit A', ORDER_INTAKE, 'Unit A'), ('Unit B', ORDER_INTAKE, 'Unit B'), ('Salesforce', SALESFORCE, None),
                                 ('Shipping', SHIPPING, None)):
        found[name] = sim.state.install(pack, override)
        sim.state.attach(found[name]['id'], [PRODUCTION, TEST])
    return found


def object_id(sim, environment_id, instance=None, process=None):
    """The id of an instance process's object (``process`` INT or Acknowledge), or of the environment's object."""
    group = '' if instance is None else [p['id'] for p in instance['processes'] if p['name'].endswith(' - ' + process)][0]
    [found] = [o['id'] for o in sim.stored_extensions() if o['environmentId'] == environment_id and o['extensionGroupId'] == group]
    return found


def collector():
    """A ``secret`` callback that notes the values it is given (from any thread)."""
    hidden, lock = set(), threading.Lock()

    def secret(value):
        with lock:
            hidden.add(value)
    return hidden, secret


def test_every_bad_element_is_reported_at_once_before_any_request(sim):
    params = [
        element(instance_id='i-1', environment='Production', connections=conn('Order DB', host='db')),  # fine
        element(instance_id='i-1', environment='', connections=conn('Order DB', host='db')),
        element(instance_id='', environment='Test', dynamic_process_properties={'region': 'eu'}),
        element(instance_id='i-1', environment='Test', connections=conn('Order DB', port=5432.5, password=98765.4321)),
        element(instance_id='i-1', environment='Test', process=['INT'], dynamic_process_properties={'region': None}),
        element(instance_id='i-1', environment='Production', process_properties=props(' ', **{'Batch size': '1'})),  # same as [0]
        element(instance_id='i-1', environment=None),
    ]
    elements, problems = bulk.check(ExtensionsKind(), params, params, check_mode=False)
    assert problems == [
        "extensions[1].environment must not be empty or blank, got ''",
        "extensions[2].instance_id is required, got '' (null or empty is accepted only in check mode, for an instance that an earlier "
        "task would install)",
        "extensions[3].connections[0].fields['port'] must be a string, a whole number, a boolean or null (null: back to the default), "
        "got a number with a fraction (quote it in YAML)",
        "extensions[3].connections[0].fields['password'] must be a string, a whole number, a boolean or null (null: back to the "
        "default), got a number with a fraction (quote it in YAML)",
        'extensions[4].process must be a string, got a list: "[\'INT\']" (quote it in YAML, for example "1.10")',
        "extensions[4].dynamic_process_properties['region']: null is not accepted, a dynamic process property has no default to go "
        "back to: give a value",
        "extensions[5].process_properties[0].name must not be empty or blank, got ' '",
        'extensions[6].environment is required, got None',
        "extensions[0] and extensions[5] are for the same extension values (instance_id 'i-1', environment 'Production', process None): "
        "give each instance, environment and process once, two writes to one extensions object would fight",
    ]
    assert '98765' not in json.dumps(problems)  # a value is never shown: it may be a secret
    assert len(elements) == 7
    # in check mode an empty instance_id is an instance an earlier task would install
    assert bulk.check(ExtensionsKind(), params[2:3], params[2:3], check_mode=True)[1] == []
    assert sim.log == []


def test_unknown_names_and_lookups_are_all_reported_before_any_write(sim, client, instances):
    a = instances['Unit A']
    params = [
        element(instance_id=a['id'], environment='Production', connections=conn('Order DB', host='db', password=SECRET)),  # fine
        element(instance_id=a['id'], environment='Test', connections=conn('Orders Database', password=SECRET)),
        element(instance_id=a['id'], environment='Nowhere', dynamic_process_properties={'region': 'eu'}),
        element(instance_id='SW50ZWdyYXRpb25QYWNrSW5zdGFuY2U5OTk5', environment='Test', dynamic_process_properties={'region': 'eu'}),
        element(instance_id=a['id'], environment=SANDBOXES[0], dynamic_process_properties={'region': 'eu'}),
        element(instance_id=a['id'], environment=PRODUCTION, process='INT', connections=conn('Order DB', host='db2')),  # [0] sets it
        element(instance_id=a['id'], environment='Test', process='Nope', dynamic_process_properties={'region': 'eu'}),
    ]
    with pytest.raises(BoomiInputError) as failure:
        converge(client, checked(params))
    problems = failure.value.result['problems']
    assert problems == [
        "extensions[1]: 1 unknown name(s) for instance %s in environment 'Test': extensions[1].connections[0] 'Orders Database': no such "
        "connection (known: Order DB)" % a['id'],
        "extensions[2].environment: environment 'Nowhere' not found (known: Production, Sandbox, Test)",
        "extensions[3]: instance_id 'SW50ZWdyYXRpb25QYWNrSW5zdGFuY2U5OTk5': no such integration pack instance",
        "extensions[4]: instance %s is not attached to environment 'Sandbox' (%s); attached to: Production, Test. Attach it first "
        "(boomi.platform.ipack_env_attachment)" % (a['id'], SANDBOXES[0]),
        "extensions[6]: process 'Nope': the instance has no such process (its processes: Unit A - Acknowledge, Unit A - INT)",
        "extensions[0] and extensions[5] both set connection 'Order DB' of Production / Unit A - INT: give each component of an "
        "extensions object once, two writes to one object would fight",
    ]
    assert str(failure.value) == '6 problem(s) in extensions, nothing was changed: ' + '; '.join(problems)
    assert update_writes(sim) == []


def seed_properties(new_client, instances):
    """Values for the process properties the next tests set, so that none is a possible secret any more (a value without an
    override may turn out to be encrypted; a prediction hides it)."""
    a, b = instances['Unit A']['id'], instances['Unit B']['id']
    converge(new_client(), checked([
        element(instance_id=a, environment='Production', process='INT', process_properties=props('Order Settings', **{'Batch size': '1'})),
        element(instance_id=b, environment='Production', process='INT', process_properties=props('Order Settings', **{'Batch size': '1'})),
        element(instance_id=instances['Shipping']['id'], environment='Production',
                process_properties=props('Notification Settings', **{'Sender address': 'seed@acme.example'})),
    ]))


def wanted(instances):
    a, b = instances['Unit A']['id'], instances['Unit B']['id']
    return [
        element(instance_id=a, environment='Production', connections=conn('Order DB', host='db.a.prod', password=SECRET),
                process_properties=props('Order Settings', **{'Batch size': '100'}), dynamic_process_properties={'region': 'eu-central-1'}),
        element(instance_id=a, environment='Test', process='INT', connections=conn('Order DB', host='db.a.test', port=5432),
                dynamic_process_properties={'region': 'us-east-1'}),
        element(instance_id=b, environment=PRODUCTION, process='Unit B - INT', process_properties=props('Order Settings', **{'Batch size': 200})),
        element(instance_id=instances['Salesforce']['id'], environment='Production',
                connections=conn('Salesforce', url='https://acme.my.salesforce.com', password=SF_SECRET)),
        element(instance_id=instances['Shipping']['id'], environment='Production',  # the same object as [3]
                process_properties=props('Notification Settings', **{'Sender address': 'shipping@acme.example'})),
        element(instance_id=b, environment='Test', connections=conn('Order DB', user='svc_b')),
        element(instance_id=b, environment='Production', process='Acknowledge', connections=conn('Order DB', port=None)),  # nothing to do
    ]


def test_check_mode_predicts_what_the_concurrent_run_then_does(sim, api, new_client, instances):
    seed_properties(new_client, instances)
    elements = checked(wanted(instances))
    stored = sim.stored_extensions()
    del sim.log[:]
    hidden, secret = collector()
    predicted = converge(new_client(), elements, check_mode=True, secret=secret)
    assert update_writes(sim) == [] and sim.stored_extensions() == stored
    assert hidden == {SECRET, SF_SECRET}  # hidden before anything is shown

    del sim.log[:]
    sim.set_faults(latency=0.2)
    client = new_client()
    in_flight, most = [0], [0]
    lock = threading.Lock()
    write = client.update_extensions

    def counted(*args, **kwargs):
        with lock:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
        try:
            return write(*args, **kwargs)
        finally:
            with lock:
                in_flight[0] -= 1

    client.update_extensions = counted
    plain = {}
    done = converge(client, elements, concurrency=4, secret=secret, plain=plain)
    sim.clear_faults()

    # the real run did what check mode predicted: results and diff, in declared order
    assert done == predicted
    a, b = instances['Unit A'], instances['Unit B']
    assert [(e['changed'], e['instance_id'], e['environment'], e['process']) for e in done['extensions']] == [
        (True, a['id'], 'Production', None), (True, a['id'], 'Test', 'INT'), (True, b['id'], PRODUCTION, 'Unit B - INT'),
        (True, instances['Salesforce']['id'], 'Production', None), (True, instances['Shipping']['id'], 'Production', None),
        (True, b['id'], 'Test', None), (False, b['id'], 'Production', 'Acknowledge')]
    assert list(done['diff']['after']) == [
        '%s @ Production' % a['id'], '%s @ Test / INT' % a['id'], '%s @ %s / Unit B - INT' % (b['id'], PRODUCTION),
        '%s @ Production' % instances['Salesforce']['id'], '%s @ Production' % instances['Shipping']['id'], '%s @ Test' % b['id'],
        '%s @ Production / Acknowledge' % b['id']]
    first = done['diff']['after']['%s @ Production' % a['id']]
    assert first['Production / Unit A - INT'] == {
        'connections': {'Order DB': {'host': 'db.a.prod', 'password': REDACTED}},
        'process_properties': {'Order Settings': {'Batch size': '100'}}, 'dynamic_process_properties': {'region': 'eu-central-1'}}
    assert first['Production / Unit A - Acknowledge'] == {'connections': {'Order DB': {'host': 'db.a.prod', 'password': REDACTED}}}
    assert done['diff']['before']['%s @ Production' % a['id']]['Production / Unit A - INT']['process_properties'] == {
        'Order Settings': {'Batch size': '1'}}
    # the shared object of the two SINGLE instances shows both changes in both entries
    shared = [e['extensions'] for e in done['extensions'][3:5]]
    assert shared[0] == shared[1] and [o['id'] for o in shared[0]] == [PRODUCTION]
    assert SECRET not in json.dumps(done) and SF_SECRET not in json.dumps(done)
    # the plain values of each element, for the invocation: the password is not one of them
    assert plain[0] == {('connections', 0, 'host'), ('process_properties', 0, 'Batch size'), ('dynamic_process_properties', 'region')}

    # what is stored
    for process in ('INT', 'Acknowledge'):
        obj = object_id(sim, PRODUCTION, a, process)
        assert sim.stored_extension_value(obj, 'Order DB', 'host') == 'db.a.prod'
        assert sim.stored_extension_value(obj, 'Order DB', 'password') == SECRET
    assert sim.stored_extension_value(object_id(sim, PRODUCTION, a, 'INT'), 'Order Settings', 'Batch size') == '100'
    assert sim.stored_extension_value(object_id(sim, TEST, a, 'INT'), 'Order DB', 'port') == '5432'
    assert sim.stored_extension_value(object_id(sim, TEST, a, 'Acknowledge'), 'Order DB', 'host') is None
    assert sim.stored_extension_value(object_id(sim, PRODUCTION, b, 'INT'), 'Order Settings', 'Batch size') == '200'
    assert sim.stored_extension_value(PRODUCTION, 'Salesforce', 'password') == SF_SECRET
    assert sim.stored_extension_value(PRODUCTION, 'Notification Settings', 'Sender address') == 'shipping@acme.example'
    assert [sim.stored_extension_value(object_id(sim, TEST, b, p), 'Order DB', 'user') for p in ('INT', 'Acknowledge')] == ['svc_b'] * 2

    # REST: one write per object, GraphQL: one per element; the writes of different elements were in flight together
    assert sorted(update_writes(sim)) == [(UPDATE[api], 200)] * (8 if api == 'rest' else 6)
    assert 2 <= most[0] <= 4, most[0]
    assert {w['context'] for w in client.writes} == {0, 1, 2, 3, 4, 5}

    del sim.log[:]
    again = new_client()
    rerun = converge(again, elements, concurrency=4)
    assert rerun['changed'] is False and [e['changed'] for e in rerun['extensions']] == [False] * 7
    assert update_writes(sim) == [] and again.writes == []


def test_a_failed_write_stops_new_elements_and_reports_what_was_written(sim, api, new_client, instances):
    a, b = instances['Unit A'], instances['Unit B']
    elements = checked([
        element(instance_id=a['id'], environment='Production', process='INT', connections=conn('Order DB', host='db.1')),
        element(instance_id=a['id'], environment='Test', process='INT', connections=conn('Order DB', host='db.2', password=SECRET)),
        element(instance_id=b['id'], environment='Production', process='INT', connections=conn('Order DB', host='db.3')),
    ])
    client = new_client(max_retries=0)
    steps = bulk.plan(ExtensionsKind(), client, elements)
    for step in steps:
        ext.hide_secrets(step, lambda value: None)
    # each element reads its objects again under their lock, then writes: the first element's read and write are answered, the
    # second's read too, and its write refused (503/429)
    sim.set_faults(rate_limit={'every': 4, 'retry_after': 0})
    with pytest.raises(WriteFailed) as failure:
        bulk.apply(ExtensionsKind(), client, elements, steps, concurrency=1)  # one element after the other
    sim.clear_faults()

    first = object_id(sim, PRODUCTION, a, 'INT')
    assert sim.stored_extension_value(first, 'Order DB', 'host') == 'db.1'
    assert sim.stored_extension_value(object_id(sim, TEST, a, 'INT'), 'Order DB', 'host') is None
    assert sim.stored_extension_value(object_id(sim, PRODUCTION, b, 'INT'), 'Order DB', 'host') is None  # never started
    refused = 429 if api == 'graphql' else 503
    assert update_writes(sim) == [(UPDATE[api], 200), (UPDATE[api], refused)]

    result = failure.value.result
    assert result['changed'] is True
    assert result['writes'] == [{'item': 'extensions[0]', 'name': '%s @ Production / INT' % a['id'], 'write': 'extensions update',
                                 'outcome': 'done', 'extension_ids': [first], 'objects': ['Production / Unit A - INT']}]
    assert [(e['changed'], e['environment']) for e in result['extensions']] == [(True, 'Production'), (False, 'Test')]
    hosts = [[f['value'] for c in e['extensions'][0]['connections'] for f in c['fields'] if f['id'] == 'host'] for e in result['extensions']]
    assert hosts == [['db.1'], [None]]  # the entries show the objects as the account has them
    msg = str(failure.value)
    operation = 'REST EnvironmentExtensions.update' if api == 'rest' else 'GraphQL extensionsUpdate'
    assert msg.startswith('extensions[1]: %s failed: HTTP %d' % (operation, refused)), msg
    assert msg.endswith('(changes made before: %s @ Production / INT)' % a['id']), msg
    assert failure.value.status == refused
    assert SECRET not in msg and SECRET not in json.dumps(result)

    del sim.log[:]
    rerun = converge(new_client(), elements)
    assert [e['changed'] for e in rerun['extensions']] == [False, True, True]
    assert len(update_writes(sim)) == 2
    assert sim.stored_extension_value(object_id(sim, TEST, a, 'INT'), 'Order DB', 'password') == SECRET


def test_update_secrets_on_create_and_always(sim, api, new_client, instances):
    a, sf = instances['Unit A']['id'], instances['Salesforce']['id']

    def request(password, sf_password, update_secrets='on_create'):
        return checked([
            element(instance_id=a, environment='Production', process='INT', connections=conn('Order DB', password=password),
                    update_secrets=update_secrets),
            element(instance_id=sf, environment='Test', connections=conn('Salesforce', password=sf_password), update_secrets=update_secrets),
        ])

    prod_int = object_id(sim, PRODUCTION, instances['Unit A'], 'INT')
    created = converge(new_client(), request(SECRET, SF_SECRET))
    assert [e['changed'] for e in created['extensions']] == [True, True]
    assert sim.stored_extension_value(prod_int, 'Order DB', 'password') == SECRET
    assert sim.stored_extension_value(TEST, 'Salesforce', 'password') == SF_SECRET

    del sim.log[:]
    # on_create: a stored secret cannot be compared and is not sent again, whatever the value
    for first, second in ((SECRET, SF_SECRET), (ROTATED, ROTATED + '-sf')):
        kept = converge(new_client(), request(first, second))
        assert kept['changed'] is False and update_writes(sim) == []
    assert sim.stored_extension_value(prod_int, 'Order DB', 'password') == SECRET

    # always: sent on every run, so always a change
    for _run in range(2):
        rotated = converge(new_client(), request(ROTATED, ROTATED + '-sf', 'always'))
        assert [e['changed'] for e in rotated['extensions']] == [True, True]
    assert sim.stored_extension_value(prod_int, 'Order DB', 'password') == ROTATED
    assert sim.stored_extension_value(TEST, 'Salesforce', 'password') == ROTATED + '-sf'
    assert len(update_writes(sim)) == 4
    key = '%s @ Production / INT' % a
    assert rotated['diff']['before'][key]['Production / Unit A - INT']['connections']['Order DB'] == {'password': '(set)'}
    assert rotated['diff']['after'][key]['Production / Unit A - INT']['connections']['Order DB'] == {'password': REDACTED}


def test_pending_instances_are_predicted_in_check_mode(sim, client):
    params = [element(instance_id=None, environment='Production', connections=conn('Order DB', host='db', password=SECRET, port=None)),
              element(instance_id='', environment='Production', dynamic_process_properties={'region': 'us-east-1'})]  # maybe another
    predicted = converge(client, checked(params, check_mode=True), check_mode=True)
    assert [(e['changed'], e['extensions'], e['instance_id']) for e in predicted['extensions']] == [(True, [], None)] * 2
    first, second = '(instance not installed yet) @ Production', '(instance not installed yet) @ Production (extensions[1])'
    assert predicted['diff'] == {
        'before': {first: {}, second: {}},
        'after': {first: {'Production': {'connections': {'Order DB': {'host': REDACTED, 'password': REDACTED, 'port': None}}}},
                  second: {'Production': {'dynamic_process_properties': {'region': 'us-east-1'}}}}}
    assert update_writes(sim) == []


def test_the_invocation_masks_every_element():
    params = {'concurrency': 4, 'extensions': [
        element(instance_id='i', environment='Production', connections=conn('Order DB', host='db', password=SECRET),
                dynamic_process_properties={'region': 'eu'}),
        element(instance_id='j', environment='Test', process_properties=props('Order Settings', **{'Batch size': '5'})),
        dict(element(instance_id='k', environment='Test'), pasword=SECRET),  # a misspelt option
        'password=%s' % SECRET,
    ]}
    masked = ext.masked_elements(params, 'extensions', {0: {('connections', 0, 'host')}})
    assert masked['extensions'][0]['connections'] == [{'name': 'Order DB', 'fields': {'host': 'db', 'password': REDACTED}}]
    assert masked['extensions'][0]['dynamic_process_properties'] == {'region': 'eu'} and masked['extensions'][0]['instance_id'] == 'i'
    assert masked['extensions'][1]['process_properties'] == [{'name': 'Order Settings', 'values': {'Batch size': REDACTED}}]
    assert masked['extensions'][2]['pasword'] == REDACTED and masked['extensions'][3] == REDACTED
    assert SECRET not in json.dumps(masked) and masked['concurrency'] == 4
    assert ext.masked_elements({'extensions': SECRET}, 'extensions', {}) == {'extensions': REDACTED}


def test_nothing_to_do_needs_no_client():
    assert converge(None, []) == {'changed': False, 'extensions': [], 'diff': {'before': {}, 'after': {}}}


def test_lost_answers_among_concurrent_elements_are_re_read_and_hold(sim, api, new_client, instances):
    """Boomi commits two extensions updates but their answers are lost, while four elements run at once: the run finishes
    every element without failing, the account holds every value (the secrets too, never shown), and a re-run sends nothing.

    Two updates of two objects: the element that lost an answer sends its update again at once, and a second drop on that
    same update would be a failure by design; per_target makes the second drop fall on another object's update."""
    seed_properties(new_client, instances)
    elements = checked(wanted(instances))
    sim.set_faults(drop_after_commit={'operation': 'extensions_update', 'count': 2, 'per_target': True}, latency=0.1)
    _hidden, secret = collector()
    done = converge(new_client(), elements, concurrency=4, secret=secret)
    sim.clear_faults()
    assert [status for _operation, status in update_writes(sim)].count(0) == 2  # two answers lost
    assert [e['changed'] for e in done['extensions']] == [True] * 6 + [False]
    assert SECRET not in json.dumps(done) and SF_SECRET not in json.dumps(done)
    a = instances['Unit A']
    for process in ('INT', 'Acknowledge'):
        assert sim.stored_extension_value(object_id(sim, PRODUCTION, a, process), 'Order DB', 'password') == SECRET
    assert sim.stored_extension_value(PRODUCTION, 'Salesforce', 'password') == SF_SECRET
    del sim.log[:]
    rerun = converge(new_client(), elements, concurrency=4)
    assert rerun['changed'] is False and update_writes(sim) == []


# -- main() in process (run_module): what the task shows (moved from tests/integration/test_env_extensions_bulk.py) ----------------
API_SECRET = 'S3cr3t-bulk-api-key-5Tz'


def main_wanted(instances):
    """The elements of ``extensions`` as a task gives them (only the options it sets)."""
    a, sf = instances['Unit A']['id'], instances['Salesforce']['id']
    return [
        {'instance_id': a, 'environment': 'Production',
         'connections': conn('Order DB', host='db.prod.example', user='svc_orders', password=SECRET),
         'process_properties': props('Order Settings', **{'Batch size': '100', 'API key': API_SECRET}),
         'dynamic_process_properties': {'region': 'eu-central-1'}},
        {'instance_id': a, 'environment': 'Test', 'process': 'INT', 'connections': conn('Order DB', host='db.test.example', port=5432)},
        {'instance_id': instances['Unit B']['id'], 'environment': 'Production', 'process': 'INT', 'connections': conn('Order DB', password=SECRET)},
        {'instance_id': sf, 'environment': 'Production', 'connections': conn('Salesforce', url='https://acme.my.salesforce.com', password=SF_SECRET)},
    ]


@pytest.mark.parametrize('extensions, options, message', [
    ([{'instance_id': 'i-1', 'environment': 'Test', 'update_secrets': 'sometimes'}], {}, 'update_secrets'),
    ([{'instance_id': 'i-1', 'environment': 'Test', 'colour': 'red'}], {}, 'colour'),
    ([{'instance_id': 'i-1', 'environment': 'Test'}], {'concurrency': 0}, 'concurrency'),
    ([{'instance_id': 'i-1', 'environment': 'Test', 'connections': [{'fields': {'host': 'db'}}]}], {}, 'name'),
])
def test_main_refuses_bad_options_before_any_request(sim, run_module, extensions, options, message):
    failed, result = run_module(ipack_env_extensions_bulk.main, extensions=extensions, **options)
    assert failed and message in result['msg'], result['msg']
    assert result.get('changed', False) is False and sim.log == []
    assert_masked(result)


def test_main_bad_elements_are_all_reported_before_any_request_without_a_secret(sim, run_module, instances):
    extensions = main_wanted(instances)
    extensions[1] = dict(extensions[1], environment='  ')
    extensions[2] = dict(extensions[2], connections=[{'name': 'Order DB', 'fields': {'password': 1234.5}}])
    extensions.append(dict(extensions[0], connections=conn('Order DB', password=SECRET)))  # the same as [0]
    failed, result = run_module(ipack_env_extensions_bulk.main, extensions=extensions)
    assert failed and sim.log == [], result
    assert result['problems'] == [
        "extensions[1].environment must not be empty or blank, got '  '",
        "extensions[2].connections[0].fields['password'] must be a string, a whole number, a boolean or null (null: back to the "
        "default), got a number with a fraction (quote it in YAML)",
        "extensions[0] and extensions[4] are for the same extension values (instance_id %r, environment 'Production', process None): "
        "give each instance, environment and process once, two writes to one extensions object would fight" % instances['Unit A']['id'],
    ]
    assert result['msg'] == '3 problem(s) in extensions, nothing was changed: ' + '; '.join(result['problems'])
    # a value the task gives is hidden in invocation (it may be a secret) until the reads say it is not
    assert result['invocation']['module_args']['extensions'][0]['connections'][0]['fields']['host'] == REDACTED
    assert_masked(result, SECRET, API_SECRET, SF_SECRET)

    # unknown names and a process found by the reads, reported together before any write
    lookups = [main_wanted(instances)[0], dict(main_wanted(instances)[1], process='Nope'),
               dict(main_wanted(instances)[3], connections=conn('Salesforce', pasword=SF_SECRET))]
    failed, result = run_module(ipack_env_extensions_bulk.main, extensions=lookups)
    assert failed and writes(sim) == [], result
    assert result['problems'] == [
        "extensions[1]: process 'Nope': the instance has no such process (its processes: Unit A - Acknowledge, Unit A - INT)",
        "extensions[2]: 1 unknown name(s) for instance %s in environment 'Production': extensions[2].connections[0].fields['pasword']: "
        "connection 'Salesforce' has no such field (fields: url, user, password)" % instances['Salesforce']['id'],
    ]
    assert_masked(result, SECRET, API_SECRET, SF_SECRET)


def test_main_check_mode_diff_and_invocation_hide_the_secrets(sim, api, run_module, instances):
    stored = sim.stored_extensions()
    failed, predicted = run_module(ipack_env_extensions_bulk.main, check_mode=True, diff=True, extensions=main_wanted(instances))
    assert not failed and predicted['changed'] is True, predicted
    assert writes(sim) == [] and sim.stored_extensions() == stored
    a = instances['Unit A']['id']
    after = predicted['diff']['after']['%s @ Production' % a]['Production / Unit A - INT']
    assert after['connections'] == {'Order DB': {'host': 'db.prod.example', 'user': 'svc_orders', 'password': REDACTED}}
    # Boomi says a process property value is encrypted only once one is stored: until then a prediction hides it
    assert after['process_properties'] == {'Order Settings': {'Batch size': REDACTED, 'API key': REDACTED}}
    assert_masked(predicted, SECRET, API_SECRET, SF_SECRET)

    failed, done = run_module(ipack_env_extensions_bulk.main, diff=True, extensions=main_wanted(instances))
    assert not failed and list(done['diff']['after']) == list(predicted['diff']['after']), done
    # REST: one update per object (Unit A in Production has two), GraphQL: one per element
    assert [operation for operation, _status in writes(sim)] == [UPDATE[api]] * (5 if api == 'rest' else 4)
    assert sim.stored_extension_value(object_id(sim, PRODUCTION, instances['Unit A'], 'INT'), 'Order Settings', 'API key') == API_SECRET
    # the invocation hides the secrets, shows the plain values
    shown = done['invocation']['module_args']['extensions']
    assert shown[0]['connections'][0]['fields'] == {'host': 'db.prod.example', 'user': 'svc_orders', 'password': REDACTED}
    assert shown[0]['process_properties'][0]['values'] == {'Batch size': '100', 'API key': REDACTED}
    assert shown[3]['connections'][0]['fields'] == {'url': 'https://acme.my.salesforce.com', 'password': REDACTED}
    assert_masked(done, SECRET, API_SECRET, SF_SECRET)


def test_main_a_failed_write_reports_what_was_done_without_a_secret_and_a_rerun_finishes(sim, api, run_module, instances):
    a, b, sf = instances['Unit A']['id'], instances['Unit B']['id'], instances['Salesforce']['id']
    extensions = [
        {'instance_id': a, 'environment': 'Production', 'process': 'INT', 'connections': conn('Order DB', host='db.1', password=SECRET)},
        {'instance_id': b, 'environment': 'Production', 'connections': conn('Order DB', password=SECRET)},
        {'instance_id': sf, 'environment': 'Production', 'connections': conn('Salesforce', password=SF_SECRET)},
    ]
    # the same elements with nothing to change make the same reads and no write: the fault below refuses the second write
    # after those reads (not retried); each element that writes reads its objects once more first, under their lock
    noop = [dict(e, connections=conn(e['connections'][0]['name'], user=None)) for e in extensions]
    failed, _result = run_module(ipack_env_extensions_bulk.main, extensions=noop, concurrency=1)
    assert not failed and writes(sim) == []
    reads = len(sim.log)
    del sim.log[:]
    sim.set_faults(rate_limit={'every': reads + 4, 'retry_after': 0})
    failed, result = run_module(ipack_env_extensions_bulk.main, extensions=extensions, concurrency=1, max_retries=0)
    sim.clear_faults()
    assert failed and result['changed'] is True, result
    prod_int = object_id(sim, PRODUCTION, instances['Unit A'], 'INT')
    assert result['msg'].startswith('extensions[1]: ') and result['msg'].endswith('(changes made before: %s @ Production / INT)' % a), result['msg']
    assert result['writes'] == [{'item': 'extensions[0]', 'name': '%s @ Production / INT' % a, 'write': 'extensions update',
                                 'outcome': 'done', 'extension_ids': [prod_int], 'objects': ['Production / Unit A - INT']}]
    assert [(e['changed'], e['instance_id']) for e in result['extensions']] == [(True, a), (False, b)]
    assert_masked(result, SECRET, SF_SECRET)
    # the account has exactly what writes says
    assert sim.stored_extension_value(prod_int, 'Order DB', 'password') == SECRET
    for process in ('INT', 'Acknowledge'):
        assert sim.stored_extension_value(object_id(sim, PRODUCTION, instances['Unit B'], process), 'Order DB', 'password') is None
    assert sim.stored_extension_value(object_id(sim, PRODUCTION), 'Salesforce', 'password') is None

    del sim.log[:]
    failed, rerun = run_module(ipack_env_extensions_bulk.main, extensions=extensions)
    assert not failed and [e['changed'] for e in rerun['extensions']] == [False, True, True], rerun
    assert len(writes(sim)) == (3 if api == 'rest' else 2)
    assert sim.stored_extension_value(object_id(sim, PRODUCTION), 'Salesforce', 'password') == SF_SECRET
    assert_masked(rerun, SECRET, SF_SECRET)


def test_main_a_lost_answer_that_nothing_settles_is_changed_and_unknown(sim, api, run_module, instances):
    """An extensions update is sent once more after a lost answer: both answers lost, the task fails with ``changed: true``
    and the write ``unknown`` in ``writes``; Boomi holds the value, and no secret is shown."""
    a = instances['Unit A']
    sim.set_faults(drop_after_commit={'operation': 'extensions_update', 'count': 2})
    failed, result = run_module(ipack_env_extensions_bulk.main, max_retries=0, extensions=[
        {'instance_id': a['id'], 'environment': 'Test', 'process': 'INT', 'connections': conn('Order DB', password=SECRET)}])
    sim.clear_faults()
    stored = object_id(sim, TEST, a, 'INT')
    assert sim.stored_extension_value(stored, 'Order DB', 'password') == SECRET
    assert failed and result['changed'] is True, result
    assert [(w['item'], w['write'], w['outcome']) for w in result['writes']] == [('extensions[0]', 'extensions update', 'unknown')]
    assert 'outcome unknown' in result['msg'], result['msg']
    assert_masked(result, SECRET)

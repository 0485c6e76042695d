# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client against the Boomi API simulator over real HTTP, through both backends."""

from __future__ import annotations

import base64
import threading
import time

import pytest
import requests

from ansible_collections.boomi.platform.plugins.module_utils.client import BoomiClient
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiConfigError, BoomiError
from ansible_collections.boomi.platform.tests.unit.conftest import API_TOKEN, PASSWORD, connection

APIS = ('rest', 'graphql')
ORDER_INTAKE_ID = '4130c262-5e3b-4fd9-b5f2-d0d70fd5c063'  # MULTI
ODD_NAME = 'Quo"te {brace} back\\slash $var \u00e9t\u00e9 \u6771\u4eac'


def make(sim, api, warnings=None, sleep=None, clock=None, **overrides):
    """A client of the simulator; unless a test gives its own ``sleep``, its retry backoffs return at once (no real waits)."""
    return BoomiClient(connection(sim, api, **overrides), warn=(warnings.append if warnings is not None else None),
                       sleep=sleep or (lambda seconds: None), clock=clock)


def writes(sim):
    return [e for e in sim.log if e['write']]


def canon(value, seen=None):
    """Replace IDs by placeholders in order of first appearance (wrapper process ids are random)."""
    seen = {} if seen is None else seen
    if isinstance(value, dict):
        return {k: (canon_id(v, seen) if (k == 'id' or k.endswith('_id')) and isinstance(v, str) else canon(v, seen)) for k, v in value.items()}
    if isinstance(value, list):
        return [canon(v, seen) for v in value]
    return value


def canon_id(value, seen):
    return seen.setdefault(value, 'ID%d' % len(seen))


def scenario(sim, api):
    """Every operation of the client, in the order a playbook would use them; returns what each read returned."""
    client = make(sim, api)
    out = {}
    multi = client.resolve_pack(name='Order Intake')
    single = client.resolve_pack(name='Salesforce Account Sync')
    out['packs'] = [p for p in client.list_packs() if p['name'] != 'Legacy EDI Bridge']
    eu = client.install_instance(multi['id'], 'Order Intake EU')
    us = client.install_instance(multi['id'], ODD_NAME)
    sf = client.install_instance(single['id'])
    out['installed'] = [eu, us, sf]
    out['instances'] = client.list_instances()
    out['by_name'] = client.list_instances(integration_pack_name='Order Intake', override_name=ODD_NAME)
    out['by_id'] = client.get_instance(sf['id'])
    out['no_processes'] = client.list_instances(integration_pack_id=multi['id'], include_processes=False)
    envs = client.resolve_environments(['Test', 'Production'])
    out['environments'] = [e for e in client.list_environments() if e['name'] != 'Sandbox']
    out['attached'] = client.attach(eu['id'], [e['id'] for e in envs])
    out['attachments'] = client.list_attachments(eu['id'])
    by_instance = client.attachments_by_instance([sf['id'], eu['id'], us['id']])
    out['attachments_by_instance'] = [by_instance[eu['id']], by_instance[us['id']], by_instance[sf['id']]]
    processes = client.list_processes(eu['id'])
    out['processes'] = processes
    record = processes[0]['schedules'][0]
    record = dict(record, schedule=[{'minutes': '0-59/15', 'hours': '8-18', 'days_of_week': '2,3,4,5,6', 'days_of_month': '*',
                                     'months': '*', 'years': '*'}], retry={'schedule': [], 'max_retry': 3})
    out['updated'] = client.update_schedule(record)
    out['prod_processes'] = client.list_processes(eu['id'], environment_id=envs[1]['id'])
    client.detach(out['attachments'][0])
    out['after_detach'] = client.list_attachments(eu['id'])
    client.uninstall_instance(us['id'])
    out['after_uninstall'] = client.list_instances()
    return out


def test_both_backends_return_the_same_normalised_data(sim):
    results = {}
    for api in APIS:
        sim.reset()
        results[api] = scenario(sim, api)
    rest, graphql = canon(results['rest']), canon(results['graphql'])
    for key in rest:
        assert rest[key] == graphql[key], key


@pytest.mark.parametrize('api', APIS)
def test_scenario_results_are_right(sim, api):
    out = scenario(sim, api)
    eu = out['installed'][0]
    assert eu['integration_pack_name'] == 'Order Intake'
    assert eu['override_name'] == 'Order Intake EU'
    assert eu['installation_type'] == 'MULTI'
    assert sorted(p['name'] for p in eu['processes']) == ['Order Intake EU - Acknowledge', 'Order Intake EU - INT']
    assert out['installed'][2]['override_name'] is None and out['installed'][2]['installation_type'] == 'SINGLE'
    assert [i['override_name'] for i in out['by_name']] == [ODD_NAME]
    assert all('processes' not in i for i in out['no_processes'])
    assert sorted(a['environment_id'] for a in out['attachments']) == sorted(e['id'] for e in out['environments'] if e['name'] in ('Test', 'Production'))
    assert out['attachments_by_instance'] == [out['attachments'], [], []]  # the same as one instance's, in one read
    # one schedule record per process per atom: Test has 1 atom, Production 2
    assert all(len(p['schedules']) == 3 for p in out['processes'])
    assert out['updated']['retry']['max_retry'] == 3
    assert out['updated']['schedule'][0]['days_of_week'] == '2,3,4,5,6'
    assert all(len(p['schedules']) == 2 for p in out['prod_processes'])
    assert len(out['after_detach']) == 1
    assert [i['override_name'] for i in out['after_uninstall']] == ['Order Intake EU', None]
    state = requests.get(sim.url + '/_sim/state', timeout=5).json()
    assert state  # the simulator agrees there is state left


@pytest.mark.parametrize('api', APIS)
def test_graphql_values_travel_as_variables(sim, api):
    client = make(sim, api)
    pack = client.resolve_pack(name='Order Intake')
    created = client.install_instance(pack['id'], ODD_NAME)
    assert created['override_name'] == ODD_NAME
    assert client.find_instance(pack['id'], ODD_NAME)['id'] == created['id']


def test_graphql_accepts_both_documented_shapes(sim):
    sim.reset()
    plain = scenario(sim, 'graphql')
    sim.reset()
    sim.set_faults(shape_variant=True)
    variant = scenario(sim, 'graphql')
    assert canon(plain) == canon(variant)


@pytest.mark.parametrize('api', APIS)
def test_rest_and_graphql_page_through_250_instances(sim, api):
    pack = make(sim, 'rest').resolve_pack(name='Invoice Export')
    requests.post(sim.url + '/_sim/bulk_install', json={'integration_pack_id': pack['id'], 'count': 250, 'prefix': 'bulk'}, timeout=30)
    del sim.log[:]
    found = make(sim, api).list_instances(integration_pack_id=pack['id'], include_processes=False)
    assert len(found) == 250
    assert len({i['id'] for i in found}) == 250
    if api == 'rest':
        ops = [e['operation'] for e in sim.log]
        assert ops.count('IntegrationPackInstance.queryMore') == 2


@pytest.mark.parametrize('api', APIS)
def test_rate_limited_requests_are_retried_with_a_warning(sim, api):
    sim.set_faults(rate_limit={'every': 2, 'retry_after': 0})
    warnings = []
    client = make(sim, api, warnings)
    pack = client.resolve_pack(name='Order Intake')
    created = client.install_instance(pack['id'], 'Rate Limited')
    client.attach(created['id'], [e['id'] for e in client.resolve_environments(['Test'])])
    assert len(client.list_attachments(created['id'])) == 1
    expected_status = '429' if api == 'graphql' else '503'
    assert any(('HTTP %s' % expected_status) in w and 'retry' in w for w in warnings)
    assert len([e for e in writes(sim) if e['status'] == 200]) == 2


@pytest.mark.parametrize('api', APIS)
def test_retry_after_is_honoured(sim, api):
    sim.set_faults(rate_limit={'every': 2, 'retry_after': 7})
    slept = []
    client = make(sim, api, [], sleep=slept.append)
    client.resolve_pack(name='Order Intake')  # JWT (graphql) + first call
    client.list_instances(include_processes=False)
    client.list_environments()
    assert slept and all(seconds == 7.0 for seconds in slept)


@pytest.mark.parametrize('api', APIS)
def test_retries_are_capped_by_max_retries(sim, api):
    sim.set_faults(rate_limit={'every': 1, 'retry_after': 0})
    client = make(sim, api, [], max_retries=2, bearer_token='x.y.z' if api == 'graphql' else None)
    with pytest.raises(BoomiError) as err:
        client.list_environments()
    assert err.value.status in (429, 503)
    assert 'after 2 retries' in str(err.value)
    assert len(sim.log) == 3


@pytest.mark.parametrize('api', APIS)
def test_install_whose_answer_is_lost_is_not_duplicated(sim, api):
    sim.set_faults(drop_after_commit={'operation': 'install', 'count': 1})
    warnings = []
    client = make(sim, api, warnings)
    pack = client.resolve_pack(name='Order Intake')
    created = client.install_instance(pack['id'], 'Dropped Once')
    assert created['override_name'] == 'Dropped Once'
    assert len(client.list_instances(override_name='Dropped Once')) == 1
    assert len(writes(sim)) == 1
    assert any('checking whether the instance was installed' in w for w in warnings)


@pytest.mark.parametrize('api', APIS)
@pytest.mark.parametrize('operation', ['attach', 'detach', 'uninstall'])
def test_other_writes_whose_answer_is_lost_are_not_repeated(sim, api, operation):
    client = make(sim, api, [])
    pack = client.resolve_pack(name='Order Intake')
    created = client.install_instance(pack['id'], 'Dropped')
    envs = [e['id'] for e in client.resolve_environments(['Test', 'Production'])]
    if operation != 'attach':
        client.attach(created['id'], envs)
    sim.set_faults(drop_after_commit={'operation': operation, 'count': 1})
    del sim.log[:]
    if operation == 'attach':
        client.attach(created['id'], envs)
        assert sorted(a['environment_id'] for a in client.list_attachments(created['id'])) == sorted(envs)
    elif operation == 'detach':
        client.detach(client.list_attachments(created['id'])[0])
        assert len(client.list_attachments(created['id'])) == 1
    else:
        client.uninstall_instance(created['id'])
        assert client.get_instance(created['id']) is None
    assert all(e['status'] in (200, 0) for e in writes(sim))
    expected_writes = 2 if (operation == 'attach' and api == 'rest') else 1
    assert len(writes(sim)) == expected_writes


def test_jwt_is_regenerated_when_it_expires_mid_session(sim):
    sim.set_faults(jwt_lifetime=2)
    now = [time.time()]
    client = make(sim, 'graphql', [], clock=lambda: now[0])
    client.list_instances(include_processes=False)
    client.list_environments()
    assert [e['operation'] for e in sim.log].count('jwt.generate') == 1
    now[0] += 2.1  # the JWT's lifetime has passed: the next request generates a new one first
    client.list_instances(include_processes=False)
    assert [e['operation'] for e in sim.log].count('jwt.generate') == 2
    assert all(e['status'] == 200 for e in sim.log)


def test_jwt_revoked_server_side_is_regenerated_once_after_401(sim):
    client = make(sim, 'graphql', [])
    client.list_instances(include_processes=False)
    requests.post(sim.url + '/_sim/expire_tokens', timeout=5)
    client.list_environments()
    ops = [(e['operation'], e['status']) for e in sim.log]
    assert ops.count(('jwt.generate', 200)) == 2
    assert ('environments', 401) in ops
    assert ops[-1] == ('environments', 200)


def test_threads_of_one_client_share_one_jwt_and_renew_it_once(sim):
    """Four reads at once: one JWT for all; revoked server-side, the four 401s lead to one new JWT, not four."""
    sim.set_faults(latency=0.2)
    client = make(sim, 'graphql', [])
    reads = [client.api.list_instances] * 4
    client.read_together(*reads)
    assert [e['operation'] for e in sim.log].count('jwt.generate') == 1
    requests.post(sim.url + '/_sim/expire_tokens', timeout=5)
    client.read_together(*reads)
    ops = [(e['operation'], e['status']) for e in sim.log]
    assert ops.count(('jwt.generate', 200)) == 2 and ops.count(('integrationPackInstances', 401)) == 4, ops
    assert ops.count(('integrationPackInstances', 200)) == 8, ops


def test_no_rate_limit_slot_is_held_while_the_jwt_is_generated(sim):
    """The JWT is generated before a GraphQL request takes its slot of the client-side rate limit: a request holding a slot
    while its JWT is fetched (0.3 s here) would reach Boomi later than the limiter counted it, and waste the slot meanwhile."""
    sim.set_faults(latency=0.3)
    client = make(sim, 'graphql', [], rate_limit=10)
    limit = client.transport.rate_limit
    acquire, done = limit.acquire, limit.done
    held, seen = [0], []

    def counted_acquire():
        seen.append((client.transport._jwt is None, held[0]))  # pylint: disable=protected-access
        ticket = acquire()
        held[0] += 1
        return ticket

    def counted_done(ticket):
        held[0] -= 1
        done(ticket)

    limit.acquire, limit.done = counted_acquire, counted_done
    client.read_together(client.api.list_instances, client.api.list_environments, client.api.list_instances)
    assert [e['operation'] for e in sim.log].count('jwt.generate') == 1
    # one slot was taken before there was a JWT: the JWT request's own, while no other request held one
    assert [held_then for no_jwt, held_then in seen if no_jwt] == [0], seen
    assert all(held_then <= 3 for _none, held_then in seen[1:]) and held[0] == 0, seen


def test_expired_bearer_token_cannot_be_refreshed(sim):
    client = make(sim, 'graphql', [], api_token=None, bearer_token='eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2lnbmF0dXJl')
    with pytest.raises(BoomiError) as err:
        client.list_environments()
    assert err.value.status == 401
    assert 'cannot be refreshed' in str(err.value)


@pytest.mark.parametrize('api', APIS)
def test_bad_credentials_fail_once_with_401(sim, api):
    client = make(sim, api, [], password='wrong-password-123', api_token=None)
    with pytest.raises(BoomiError) as err:
        client.list_environments()
    assert err.value.status == 401
    assert len(sim.log) == 1
    assert 'wrong-password-123' not in str(err.value)


@pytest.mark.parametrize('api', APIS)
@pytest.mark.parametrize('status, message', [(403, 'Access denied due to insufficient permissions.'),
                                             (410, 'Endpoint is invalid or no longer exists.')])
def test_403_and_410_name_the_operation_and_boomis_message(sim, api, status, message):
    client = make(sim, api, [], bearer_token=None)
    client.transport.bearer = lambda force_new=False: 'x.y.z'
    sim.set_faults(next_responses=[{'status': status, 'body': '{"message": "%s"}' % message, 'content_type': 'application/json'}])
    with pytest.raises(BoomiError) as err:
        client.list_environments()
    text = str(err.value)
    assert 'HTTP %d' % status in text and message in text
    assert ('Environment.query' in text) if api == 'rest' else ('environments' in text)


@pytest.mark.parametrize('api', APIS)
@pytest.mark.parametrize('answer, expected', [
    ({'status': 500, 'body': '<html><body><h1>Internal error</h1></body></html>', 'content_type': 'text/html'}, 'HTML answer'),
    ({'status': 200, 'body': 'this is not json', 'content_type': 'text/plain'}, 'not valid JSON'),
    ({'status': 200, 'body': '{"result": [', 'content_type': 'application/json'}, 'not valid JSON'),
    ({'status': 200, 'body': '', 'content_type': 'application/json'}, 'empty answer'),
])
def test_html_and_non_json_answers_give_clear_errors(sim, api, answer, expected):
    client = make(sim, api, [])
    client.transport.bearer = lambda force_new=False: 'x.y.z'
    sim.set_faults(next_responses=[answer])
    with pytest.raises(BoomiError) as err:
        client.list_environments()
    assert expected in str(err.value)


def test_graphql_errors_with_null_data_are_errors(sim):
    client = make(sim, 'graphql', [])
    client.transport.bearer = lambda force_new=False: 'x.y.z'
    body = '{"data": null, "errors": [{"message": "boom", "extensions": {"code": "GENERIC_SYSTEM_ERROR"}}]}'
    sim.set_faults(next_responses=[{'status': 200, 'body': body, 'content_type': 'application/json'}])
    with pytest.raises(BoomiError) as err:
        client.list_environments()
    assert err.value.code == 'GENERIC_SYSTEM_ERROR' and 'boom' in str(err.value)


@pytest.mark.parametrize('api', APIS)
def test_domain_errors_carry_boomis_message(sim, api):
    client = make(sim, api, [])
    pack = client.resolve_pack(name='Order Intake')
    with pytest.raises(BoomiError) as err:
        client.install_instance(pack['id'])  # a MULTI pack needs an override name: refused, and nothing was installed
    assert 'integrationPackOverrideName is required' in str(err.value)
    assert [w['outcome'] for w in client.writes] == ['failed']


@pytest.mark.parametrize('api', APIS)
def test_a_create_refused_because_another_run_made_it_converges(sim, api):
    """Two jobs on one account: each read says "missing", one install and one attach win; the other's are refused, re-read, adopted."""
    warnings = []
    ours, theirs = make(sim, api, warnings), make(sim, api, [])
    pack = ours.resolve_pack(name='Salesforce Account Sync')
    envs = [e['id'] for e in ours.resolve_environments(['Test', 'Production'])]
    assert ours.find_instance(pack['id']) is None
    created = theirs.install_instance(pack['id'])
    theirs.attach(created['id'], envs)
    adopted = ours.install_instance(pack['id'])
    assert adopted['id'] == created['id'] and adopted['installed_by_another_run'] is True
    attachments = ours.attach(adopted['id'], envs, current=[])
    assert sorted(a['environment_id'] for a in attachments) == sorted(envs)
    assert [w['outcome'] for w in ours.writes] == ['done by another run'] * (2 if api == 'graphql' else 3)
    assert len(ours.list_instances(integration_pack_id=pack['id'])) == 1
    assert any('another run did it' in w for w in warnings)
    ours.uninstall_instance(theirs.uninstall_instance(created['id']) or created['id'])
    assert ours.writes[-1]['outcome'] == 'done by another run'


def test_rest_attach_re_reads_before_each_resend_after_lost_answers(sim):
    """REST attaches one environment per request: a lost answer on each one is re-read and not sent again (it was committed)."""
    client = make(sim, 'rest', [])
    pack = client.resolve_pack(name='Order Intake')
    created = client.install_instance(pack['id'], 'Two Lost')
    envs = [e['id'] for e in client.resolve_environments(['Test', 'Production'])]
    sim.set_faults(drop_after_commit={'operation': 'attach', 'count': 2})
    del sim.log[:]
    attachments = client.attach(created['id'], envs, current=[])
    assert sorted(a['environment_id'] for a in attachments) == sorted(envs)
    assert len(writes(sim)) == 2  # one per environment, none repeated
    assert [w['outcome'] for w in client.writes[1:]] == ['done', 'done']


@pytest.mark.parametrize('api', APIS)
def test_names_are_compared_after_nfc_normalisation(sim, api):
    client = make(sim, api, [])
    pack = client.resolve_pack(name='Order Intake')
    composed, decomposed = 'Caf\u00e9', 'Cafe\u0301'
    created = client.install_instance(pack['id'], decomposed)
    assert created['override_name'] == composed  # sent normalised
    assert client.find_instance(pack['id'], composed)['id'] == created['id']
    assert client.find_instance(pack['id'], decomposed)['id'] == created['id']
    assert client.install_instance(pack['id'], composed)['installed_by_another_run'] is True  # not a second "Café"
    assert len(client.list_instances(integration_pack_id=pack['id'])) == 1


@pytest.mark.parametrize('api', APIS)
def test_no_secret_appears_in_any_error_text(sim, api):
    client = make(sim, api, [])
    client.list_environments()  # generates the JWT (graphql)
    jwt = client.transport._jwt  # pylint: disable=protected-access
    secrets = [s for s in ((PASSWORD,) if api == 'rest' else (API_TOKEN, jwt)) if s]
    assert len(secrets) == (1 if api == 'rest' else 2)
    echo = 'Authorization failed for %s' % ' / '.join(secrets)
    texts = []
    for answer in ({'status': 400, 'body': '{"message": "%s"}' % echo, 'content_type': 'application/json'},
                   {'status': 500, 'body': '<html>%s</html>' % echo, 'content_type': 'text/html'},
                   {'status': 200, 'body': 'garbage %s' % echo, 'content_type': 'text/plain'}):
        sim.set_faults(next_responses=[answer])
        with pytest.raises(BoomiError) as err:
            client.list_instances(include_processes=False)
        texts.append(str(err.value) + repr(err.value.to_result()))
    assert texts
    for text in texts:
        for secret in secrets:
            assert secret not in text


def test_timeouts_fail_within_the_bound(sim):
    sim.set_faults(hang={'count': 10, 'seconds': 5})
    client = make(sim, 'rest', [], timeout=0.5, max_retries=1)
    started = time.monotonic()
    with pytest.raises(BoomiError) as err:
        client.list_environments()
    assert 'timeout' in str(err.value)
    assert time.monotonic() - started < 0.5 * 2 + 2


@pytest.mark.parametrize('params, expected', [
    ({'api': 'rest', 'account_id': None}, 'account_id'),
    ({'api': 'rest', 'password': None, 'api_token': None}, 'password or api_token'),
    ({'api': 'rest', 'password': 'a', 'api_token': 'b'}, 'mutually exclusive'),
    ({'api': 'graphql', 'space_guid': None}, 'space_guid'),
    ({'api': 'graphql', 'username': None, 'bearer_token': None}, 'username'),
    ({'api': 'rest', 'account_id': '   '}, 'account_id must not be empty'),
    ({'api': 'rest', 'timeout': 0}, 'timeout'),
    ({'api': 'rest', 'max_retries': -1}, 'max_retries'),
    ({'api': 'rest', 'api_url': 'ftp://x'}, 'api_url'),
])
def test_bad_connection_options_fail_before_any_request(sim, params, expected):
    with pytest.raises(BoomiConfigError) as err:
        make(sim, params.pop('api'), None, **params)
    assert expected in str(err.value)
    assert not sim.log


def test_api_defaults_to_graphql_with_a_space_guid(sim):
    params = connection(sim, 'graphql')
    params['api'] = None
    assert BoomiClient(params).api.name == 'graphql'
    params = connection(sim, 'rest')
    params['api'] = None
    assert BoomiClient(params).api.name == 'rest'


def test_api_token_username_gets_the_boomi_token_prefix(sim):
    client = make(sim, 'rest', [], password=None, api_token=API_TOKEN)
    assert client.transport.basic_auth()[0] == 'BOOMI_TOKEN.ops@acme.example'
    client.list_environments()
    client = make(sim, 'rest', [], username='BOOMI_TOKEN.ops@acme.example', password=None, api_token=API_TOKEN)
    assert client.transport.basic_auth()[0] == 'BOOMI_TOKEN.ops@acme.example'


SECRET_CASES = [('rest', 'password'), ('rest', 'basic'), ('graphql', 'api_token'), ('graphql', 'jwt')]


@pytest.mark.parametrize('api, which', SECRET_CASES)
@pytest.mark.parametrize('form', ['text', 'json'])
def test_a_secret_cut_by_the_shortening_of_an_answer_is_never_printed(sim, api, which, form):
    """Messages quote answers shortened (200 characters of text, 1000 of a JSON message): secrets are masked before the cut."""
    client = make(sim, api, [])
    client.list_environments()  # generates the JWT (graphql)
    secret = {'password': PASSWORD, 'api_token': API_TOKEN, 'jwt': client.transport._jwt,  # pylint: disable=protected-access
              'basic': base64.b64encode(('ops@acme.example:%s' % PASSWORD).encode()).decode()}[which]
    cut = 200 if form == 'text' else 1000
    texts = []
    for offset in range(cut - len(secret) - 30, cut + 5):
        padding = 'x' * offset
        if form == 'text':
            answer = {'status': 500, 'body': padding + secret + ' tail', 'content_type': 'text/plain'}
        else:
            answer = {'status': 400, 'body': {'message': padding + secret + ' tail'}}
        sim.set_faults(next_responses=[answer])
        with pytest.raises(BoomiError) as err:
            client.list_instances(include_processes=False)
        texts.append(str(err.value))
    pieces = {secret[i:i + 6] for i in range(len(secret) - 5)}
    for text in texts:
        assert not [piece for piece in pieces if piece in text], text


@pytest.mark.parametrize('field, read', [
    ('integrationPackInstances', lambda client: client.list_instances(include_processes=False)),
    ('environments', lambda client: client.list_environments()),
    ('Space', lambda client: client.list_packs()),
])
@pytest.mark.parametrize('answer', [None, 'missing'])
def test_a_graphql_read_answered_with_null_or_nothing_is_an_error_not_an_empty_result(sim, field, read, answer):
    client = make(sim, 'graphql', [])
    client.transport.bearer = lambda force_new=False: 'x.y.z'
    sim.set_faults(next_responses=[{'status': 200, 'body': {'data': {} if answer == 'missing' else {field: None}}}])
    with pytest.raises(BoomiError) as err:
        read(client)
    assert field in str(err.value)


def test_a_graphql_processes_read_answered_with_null_is_an_error(sim):
    client = make(sim, 'graphql', [])
    pack = client.resolve_pack(name='Order Intake')
    created = client.install_instance(pack['id'], 'Null Processes')
    sim.set_faults(next_responses=[{'status': 200, 'body': {'data': {'integrationPackInstanceProcesses': None}}}])
    with pytest.raises(BoomiError) as err:
        client.list_processes(created['id'])
    assert 'integrationPackInstanceProcesses is null or missing' in str(err.value)


def test_graphql_schedules_shown_one_object_per_process_are_read_through_rest(sim):
    """The seed page's shape: processSchedules is one object (the first Atom's record); every record still comes back."""
    rest = make(sim, 'rest', [])
    pack = rest.resolve_pack(name='Order Intake')
    created = rest.install_instance(pack['id'], 'Object Shape')
    rest.attach(created['id'], [e['id'] for e in rest.resolve_environments(['Test', 'Production'])])
    expected = canon(rest.list_processes(created['id']))
    sim.set_faults(schedule_shape='object')
    graphql = make(sim, 'graphql', [])
    del sim.log[:]
    processes = graphql.list_processes(created['id'])
    assert canon(processes) == expected and all(len(p['schedules']) == 3 for p in processes)
    assert 'ProcessSchedules.query' in [e['operation'] for e in sim.log]
    record = [r for r in processes[0]['schedules'] if r['environment_id'] == rest.resolve_environments(['Production'])[0]['id']][-1]
    updated = graphql.update_schedule(dict(record, schedule=[{'minutes': '5', 'hours': '*', 'days_of_week': '*', 'days_of_month': '*',
                                                              'months': '*', 'years': '*'}]))
    assert updated['schedule'][0]['minutes'] == '5' and sim.log[-1]['operation'] == 'ProcessSchedules.update'
    # with a bearer token alone, REST cannot be called: a clear error naming the credentials to add
    token_only = make(sim, 'graphql', [], api_token=None, bearer_token=graphql.transport.bearer())
    with pytest.raises(BoomiConfigError) as err:
        token_only.list_processes(created['id'])
    assert 'bearer_token cannot call: give account_id, username and api_token (or password)' in str(err.value)


@pytest.mark.parametrize('api', APIS)
def test_schedule_status_pause_and_resume(sim, api):
    """ProcessScheduleStatus: every record starts enabled; a pause and a resume go through REST (GraphQL has no call for it)."""
    client = make(sim, api, [])
    pack = client.resolve_pack(name='Order Intake')
    created = client.install_instance(pack['id'], 'Paused')
    client.attach(created['id'], [e['id'] for e in client.resolve_environments(['Test', 'Production'])])
    processes = client.list_processes(created['id'])
    assert client.schedule_status(processes) is None  # (the reason enabled is unknown, with optional=True)
    records = [r for p in processes for r in p['schedules']]
    assert len(records) == 6 and all(r['enabled'] is True for r in records)
    assert client.set_schedule_status(records[0], False) is False
    processes = client.list_processes(created['id'])
    client.schedule_status(processes)
    after = {(r['process_id'], r['atom_id']): r['enabled'] for p in processes for r in p['schedules']}
    assert [k for k, enabled in after.items() if not enabled] == [(records[0]['process_id'], records[0]['atom_id'])]
    assert client.set_schedule_status(records[0], True) is True
    assert [w['operation'] for w in client.writes][-2:] == ['schedule status'] * 2
    assert [e['operation'] for e in sim.log if e['write']][-2:] == ['ProcessScheduleStatus.update'] * 2


@pytest.mark.parametrize('api', APIS)
def test_a_pause_whose_answer_is_lost_is_sent_once_more_and_holds(sim, api):
    """The server paused the schedules, then the connection dropped before the answer: the pause (idempotent) is sent once
    more, the client reports it made, and the record is paused exactly as asked."""
    warnings = []
    client = make(sim, api, warnings)
    pack = client.resolve_pack(name='Order Intake')
    created = client.install_instance(pack['id'], 'Lost Pause')
    client.attach(created['id'], [e['id'] for e in client.resolve_environments(['Test'])])
    processes = client.list_processes(created['id'])
    record = [r for p in processes for r in p['schedules']][0]
    sim.set_faults(drop_after_commit={'operation': 'schedule_status_update', 'count': 1})
    assert client.set_schedule_status(record, False) is False
    sent = [(e['operation'], e['status']) for e in sim.log if e['write']][-2:]
    assert sent == [('ProcessScheduleStatus.update', 0), ('ProcessScheduleStatus.update', 200)], sent
    assert [(w['operation'], w['outcome']) for w in client.writes][-1:] == [('schedule status', 'done')], client.writes
    again = client.list_processes(created['id'])
    client.schedule_status(again)
    paused = [(r['process_id'], r['atom_id']) for p in again for r in p['schedules'] if r['enabled'] is False]
    assert paused == [(record['process_id'], record['atom_id'])]
    assert [w for w in warnings if 'ProcessScheduleStatus.update' in w and 'retry 1 of' in w], warnings  # said, not silent


@pytest.mark.parametrize('api', APIS)
def test_override_account_acts_on_the_sub_account_through_the_partner_api(sim, api):
    sub_id = sim.add_sub_accounts(1, prefix='Customer')[0].account_id
    client = make(sim, api, [], override_account=sub_id)
    pack = client.resolve_pack(name='Order Intake')
    created = client.install_instance(pack['id'], 'In The Sub-Account')
    client.attach(created['id'], [e['id'] for e in client.resolve_environments(['Test'])])
    assert [i['id'] for i in client.list_instances()] == [created['id']]
    assert sim.state.instances == {}  # nothing in the partner's own account
    assert len(sim.account_state(sub_id).instances) == 1
    if api == 'rest':
        assert all(e['path'].startswith('/partner/api/rest/v1/acme-4F7K2Q/') for e in sim.log)
    else:
        assert any(e['path'] == '/auth/jwt/generate/%s' % sub_id for e in sim.log)


@pytest.mark.parametrize('api', APIS)
def test_override_account_outside_the_hierarchy_is_one_clear_error(sim, api):
    sim.add_foreign_account('Other Partner Co', 'other-partnerco-54B3GM', 'active')
    client = make(sim, api, [], override_account='other-partnerco-54B3GM')
    with pytest.raises(BoomiError) as err:
        client.list_instances()
    assert err.value.status == 403
    assert str(err.value).count("override_account 'other-partnerco-54B3GM'") == 1
    assert "may not act on it" in str(err.value)


@pytest.mark.parametrize('api', APIS)
def test_a_write_journals_its_instance_id_on_its_own_entry(sim, api):
    """Two threads write at once (as the bulk modules' elements do): the id an install learns goes on the install's entry of
    the journal, not on the entry another thread opened meanwhile."""
    other = sim.state.install(ORDER_INTAKE_ID, 'Other')
    client = make(sim, api)
    client.resolve_pack(name='Order Intake')
    sim.set_faults(hang={'count': 1, 'seconds': 1.0})  # the install's answer is held while the uninstall is sent
    installed = {}
    installing = threading.Thread(target=lambda: installed.update(client.install_instance(ORDER_INTAKE_ID, 'Mine')))
    installing.start()
    deadline = time.monotonic() + 10
    while not writes(sim) and time.monotonic() < deadline:  # the install has reached the server, its answer is held
        time.sleep(0.01)
    client.uninstall_instance(other['id'])
    installing.join()
    assert [(w['operation'], w['outcome'], w.get('instance_id')) for w in sorted(client.writes, key=lambda w: w['operation'])] == [
        ('install', 'done', installed['id']), ('uninstall', 'done', other['id'])]

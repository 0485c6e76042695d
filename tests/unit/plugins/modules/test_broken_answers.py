# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Broken, hostile and missing answers (issue 9): a gone endpoint, an HTML error page, an empty or non-JSON or truncated body,
GraphQL errors with null data, an error echoing the credentials, gateway errors until the retries run out, JSON of the wrong
shape, bad credentials, a forbidden account, a server that never answers, and (GraphQL) a JWT endpoint answering a login page,
JWTs echoed after a regeneration, a rejected bearer_token, an expired JWT. Each task fails with one line naming the request
and what was wrong, makes no write and the requests it should, and shows no password, API token, Basic credential or JWT;
through both APIs. Moved from tests/integration/test_reliability_faults.py (a -vvv playbook of these tasks), in process through
``run_module``; the role's failure and the controller's -vvv output stay there."""

from __future__ import annotations

import base64
import re
import time

import pytest

from ansible_collections.boomi.platform.plugins.modules import (
    ipack_env_attachment, ipack_instance, ipack_instance_info, ipack_instances, ipack_process_schedule, ipack_process_schedule_info,
)
from ansible_collections.boomi.platform.tests.unit.conftest import ACCOUNT_ID, API_TOKEN, PASSWORD, USERNAME
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import ORDER_INTAKE, assert_masked, warnings_of, writes

# What a gateway that echoes request headers would print: the Basic credentials, base64-encoded.
BASIC_PASSWORD = base64.b64encode(('%s:%s' % (USERNAME, PASSWORD)).encode()).decode()
BASIC_TOKEN = base64.b64encode(('BOOMI_TOKEN.%s:%s' % (USERNAME, API_TOKEN)).encode()).decode()
SOME_INSTANCE = 'SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UxMDAw'
HTML_500 = ('<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n'
            '<body><h1>Internal Server Error</h1><p>The server encountered an internal error.</p></body></html>')
TRUNCATED = '{"@type":"QueryResult","numberOfResults":2,"result":[{"@type":"IntegrationPackInstance","id":"SW50Z'
ERRORS_NO_DATA = {'data': None, 'errors': [{'message': 'Internal server error', 'extensions': {'code': 'INTERNAL_SERVER_ERROR'}}]}
BAD_GATEWAY = {'status': 502, 'body': '<html><body><h1>502 Bad Gateway</h1></body></html>', 'content_type': 'text/html',
               'headers': {'Retry-After': '0'}}
# The first request of each task, as the module names it in its message
FIRST = {
    'rest': {'pack': 'REST IntegrationPack.query', 'instances': 'REST IntegrationPackInstance.query', 'envs': 'REST Environment.query',
             'processes': 'REST Process.query'},
    'graphql': {'pack': 'GraphQL Space', 'instances': 'GraphQL integrationPackInstances', 'envs': 'GraphQL environments',
                'processes': 'GraphQL integrationPackInstanceProcesses'},
}
WRONG_SHAPE = {
    'rest': ({'@type': 'QueryResult', 'numberOfResults': 2, 'result': ['IntegrationPackInstance', 3]}, 'a result of IntegrationPackInstance.query'),
    'graphql': ({'data': {'integrationPackInstances': ['IntegrationPackInstance', 3]}}, 'an integration pack instance'),
}


@pytest.fixture
def jwts(sim, monkeypatch):
    """Every JWT the simulator issues during the test, those the test hands out as canned answers included."""
    issued = []
    original = sim.jwt.issue

    def issue(*args, **kwargs):
        issued.append(original(*args, **kwargs))
        return issued[-1]

    monkeypatch.setattr(sim.jwt, 'issue', issue)
    return issued


def jwt_answer(sim, token=None):
    """A canned answer of the JWT endpoint: ``token``, or a valid JWT of the simulator."""
    return {'status': 200, 'body': token or sim.jwt.issue(USERNAME, ACCOUNT_ID, 300), 'content_type': 'text/plain'}


def echo_error(api, jwt):
    """A 400 whose message echoes the request's credentials, as a debugging gateway would (only those the run uses)."""
    if api == 'rest':
        return {'@type': 'Error', 'message': 'Bad request. Headers: Authorization: Basic %s; form: password=%s' % (BASIC_PASSWORD, PASSWORD)}
    return {'errors': [{'message': 'Bad request. Headers: Authorization: Bearer %s; X-Original-Authorization: Basic %s; form: api_token=%s'
                                   % (jwt, BASIC_TOKEN, API_TOKEN)}]}


def task(sim, api, run_module, jwts, main, answers=(), **options):
    """Run a task whose requests get ``answers`` first (GraphQL: a JWT before them); it consumes exactly those, writes nothing and
    shows no secret. Returns (failed, result, the simulator's log of the task)."""
    del sim.log[:]
    if answers:
        sim.set_faults(next_responses=([jwt_answer(sim)] if api == 'graphql' else []) + list(answers))
    failed, result = run_module(main, **options)
    assert sim.faults.snapshot()['next_responses'] == [], 'the task did not consume exactly its canned answers'
    assert writes(sim) == [] and result.get('changed', False) is False, result
    assert_masked(result, BASIC_PASSWORD, BASIC_TOKEN, *jwts)
    return failed, result, list(sim.log)


def fails(outcome, fragments, requests):
    """The task failed with one line holding every fragment, after ``requests`` requests; returns its result."""
    failed, result, log = outcome
    msg = result.get('msg') or ''
    assert failed, result
    assert all(f in msg for f in fragments) and '\n' not in msg, (fragments, msg)
    assert len(log) == requests, [(e['operation'], e['status']) for e in log]
    return result


def test_broken_and_hostile_answers_fail_cleanly(sim, api, run_module, jwts):
    for name in ('One', 'Two', 'Three', 'Four'):
        sim.state.install(ORDER_INTAKE, name)
    first = FIRST[api]
    gql = 1 if api == 'graphql' else 0  # the JWT request

    def run(main, answers, fragments, requests=None, **options):
        return fails(task(sim, api, run_module, jwts, main, answers, **options), fragments, 1 + gql if requests is None else requests)

    run(ipack_instance.main, [{'status': 410, 'body': {'@type': 'Error', 'message': 'Endpoint is invalid or no longer exists.'}}],
        [first['pack'] + ' failed', 'HTTP 410', 'Endpoint is invalid or no longer exists.'],
        integration_pack_name='Order Intake', override_name='Gone')
    run(ipack_instance_info.main, [{'status': 500, 'body': HTML_500, 'content_type': 'text/html; charset=utf-8'}],
        [first['instances'] + ' failed', 'HTTP 500: HTML answer instead of JSON', 'Internal Server Error'])
    run(ipack_env_attachment.main, [{'status': 200, 'body': '', 'content_type': 'application/json'}],
        [first['envs'] + ' failed', 'empty answer where JSON was expected'], instance_id=SOME_INSTANCE, environments=['Test'])
    run(ipack_process_schedule.main, [{'status': 200, 'body': 'OK', 'content_type': 'text/plain'}],
        [first['envs'] + ' failed', 'answer is not valid JSON', '(text/plain): OK'],
        instance_id=SOME_INSTANCE, process='INT', environment='Test', schedules=[{'cron': '0 * * * *'}])
    run(ipack_process_schedule_info.main, [{'status': 200, 'body': TRUNCATED, 'content_type': 'application/json'}],
        [first['processes'] + ' failed', 'answer is not valid JSON', TRUNCATED[:40]], instance_id=SOME_INSTANCE)
    # the role's module, one request after the other (the role's failure with this message: tests/integration/test_reliability_faults.py)
    run(ipack_instances.main, [{'status': 200, 'body': ERRORS_NO_DATA}], [first['instances'] + ' failed', 'Internal server error'],
        concurrency=1, instances=[{'integration_pack_name': 'Order Intake', 'override_name': 'Role EU'}])

    del sim.log[:]
    echo_jwt = sim.jwt.issue(USERNAME, ACCOUNT_ID, 300)
    sim.set_faults(next_responses=([jwt_answer(sim, echo_jwt)] if api == 'graphql' else []) + [{'status': 400, 'body': echo_error(api, echo_jwt)}])
    failed, result = run_module(ipack_instance_info.main)
    assert_masked(result, BASIC_PASSWORD, BASIC_TOKEN, *jwts)
    fails((failed, result, list(sim.log)), [first['instances'] + ' failed', 'HTTP 400', 'Bad request. Headers: Authorization: '], 1 + gql)

    gateway = run(ipack_instance_info.main, [BAD_GATEWAY] * 3,
                  [first['instances'] + ' failed', 'HTTP 502: HTML answer instead of JSON', '(after 2 retries)'], 3 + gql, max_retries=2)
    assert warnings_of(gateway) == ['Boomi API: HTTP 502 for %s; retry %d of 2 in 0.0s' % (first['instances'], n) for n in (1, 2)]
    body, shape = WRONG_SHAPE[api]
    run(ipack_instance_info.main, [{'status': 200, 'body': body}],
        ["unexpected answer: %s is 'IntegrationPackInstance', not a JSON object" % shape])

    # the real simulator
    label = 'REST IntegrationPackInstance.query' if api == 'rest' else 'JWT generation'
    wrong = {'password': 'not-the-password'} if api == 'rest' else {'api_token': 'not-the-api-token'}
    run(ipack_instance_info.main, [], [label + ' failed', 'HTTP 401', 'Unauthorized'], 1, **wrong)
    run(ipack_instance_info.main, [], [label + ' failed', 'HTTP 403', 'Access denied due to insufficient permissions.'], 1,
        account_id='acme-OTHER')
    assert len(sim.state.instances) == 4


def test_a_server_that_never_answers_fails_after_its_retries(sim, api, run_module, jwts, fake_time):
    """Each request gets no answer within ``timeout``: retried ``max_retries`` times after a short backoff, then one clear line."""
    sim.set_faults(hang={'count': 10, 'seconds': 5})
    label = 'REST IntegrationPackInstance.query' if api == 'rest' else 'JWT generation'
    started = time.monotonic()
    never = fails(task(sim, api, run_module, jwts, ipack_instance_info.main, timeout=0.5, max_retries=1),
                  [label + ' failed', 'no answer within 0.5s (timeout)', 'gave up after 1 retries'], 2)
    elapsed = time.monotonic() - started
    sim.clear_faults()
    assert 1.0 <= elapsed <= 1.0 + 5.0, elapsed  # timeout x (max_retries + 1), plus the cost of the module
    assert sum(fake_time.slept) <= 0.625, fake_time.slept  # the backoff, on the fake clock
    [warning] = warnings_of(never)
    assert re.search(r'no answer within 0\.5s \(timeout\) from 127\.0\.0\.1:\d+ \(http://\S+\) for %s; retry 1 of 1 in 0\.'
                     % re.escape(label), warning), warning


@pytest.mark.parametrize('api', ['graphql'])
def test_graphql_authentication_failures_and_expired_jwts(sim, api, run_module, jwts, fake_time, monkeypatch):
    for name in ('One', 'Two', 'Three', 'Four'):
        sim.state.install(ORDER_INTAKE, name)

    def run(answers, fragments, requests, **options):
        del sim.log[:]
        sim.set_faults(next_responses=answers)
        return fails(task(sim, api, run_module, jwts, ipack_instance_info.main, **options), fragments, requests)

    run([{'status': 200, 'body': '<html><body><form>Sign in</form></body></html>', 'content_type': 'text/html'}],
        ['JWT generation failed', 'did not return a JWT'], 1)
    first, second = sim.jwt.issue(USERNAME, ACCOUNT_ID, 300), sim.jwt.issue(USERNAME, ACCOUNT_ID, 300)
    run([jwt_answer(sim, first), {'status': 401, 'body': {'errors': [{'message': 'JWT has expired', 'extensions': {'code': 'UNAUTHORIZED'}}]}},
         jwt_answer(sim, second), {'status': 500, 'body': {'errors': [{'message': 'rejected Bearer %s, then Bearer %s' % (first, second)}]}}],
        ['GraphQL integrationPackInstances failed', 'HTTP 500', 'rejected Bearer'], 4)
    run([], ['authentication failed', 'HTTP 401', 'a bearer_token cannot be refreshed'], 1,
        bearer_token='eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJub2JvZHkifQ.bm90LWEtc2lnbmF0dXJl')

    # a JWT the server no longer accepts, though its exp claim says it is valid for 300 s: regenerated once, the task succeeds
    stale = sim.jwt.issue(USERNAME, ACCOUNT_ID, 300)
    sim.expire_tokens()
    del sim.log[:]
    sim.set_faults(next_responses=[jwt_answer(sim, stale)])
    failed, regenerated = run_module(ipack_instance_info.main)
    assert not failed and len(regenerated['instances']) == 4, regenerated
    assert [(e['api'], e['status']) for e in sim.log][:4] == [('jwt', 200), ('graphql', 401), ('jwt', 200), ('graphql', 200)], sim.log
    assert_masked(regenerated, BASIC_PASSWORD, BASIC_TOKEN, *jwts)

    # JWTs live 2 s and every reading of the module's clock moves it 2 s: the JWT expires during the task and is renewed
    sim.set_faults(jwt_lifetime=2)
    del sim.log[:]
    # the simulator stamps exp on the real clock: the module's clock starts there (the test's own real seconds so far, many on a
    # loaded machine, would otherwise leave it behind, and the JWT would look valid for longer than the task)
    fake_time.now = float(int(time.time()))

    def slow_clock():  # 2 s a reading: the JWT expires within the task even when the simulator issued it seconds later (load)
        fake_time.now += 2
        return fake_time.now

    monkeypatch.setattr(fake_time, 'clock', slow_clock)
    failed, expiring = run_module(ipack_instance_info.main)
    assert not failed and len(expiring['instances']) == 4, expiring
    assert len([e for e in sim.log if e['api'] == 'jwt']) >= 2, [(e['operation'], e['status']) for e in sim.log]
    assert writes(sim) == []
    assert_masked(expiring, BASIC_PASSWORD, BASIC_TOKEN, *jwts)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secrets in every encoding: the registry of ``errors`` (a table of secrets x the forms an answer can show them in), and
the paths a quoted answer takes to the user (the error of a failed write, a warning, the retries), on both APIs, against the
simulator's ``echo_request`` fault over real HTTP."""

from __future__ import annotations

import base64
import json
import re
from urllib.parse import quote, quote_plus

import pytest

from ansible.module_utils import basic

from ansible_collections.boomi.platform.plugins.module_utils import errors
from ansible_collections.boomi.platform.plugins.module_utils import extensions as ext
from ansible_collections.boomi.platform.plugins.module_utils.client import BoomiClient
from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule
from ansible_collections.boomi.platform.plugins.module_utils.errors import REDACTED, BoomiError, mask, mask_data, register_basic, register_secret
from ansible_collections.boomi.platform.tests.unit.conftest import connection

USER = 'ops@acme.example'
INNER = 'INNER-s3cret'
SECRETS = {
    'non_ascii': 'Pässwort-Ünïcode-42',
    'quotes_backslash': 'pa"ss\\wörd/\'x',
    'newline': 'trailing-newline-pw\n',
    'one_character': '§',
    'two_hundred': ('L0ng-Sécret/+"q"\\ ' + 'x7' * 100)[:200],
    'contains_another': 'outer-%s-tail' % INNER,
    'contained': INNER,
}


def _json(text, ascii_only=True):
    return json.dumps(text, ensure_ascii=ascii_only)[1:-1]


def _repr_quote(secret):
    return repr(secret)[0]


# How an answer (or our own message) may show a secret: name -> (text before, the secret's form, text after).
ECHOES = {
    'as_is': lambda s: ('Invalid password: ', s, ''),
    'json': lambda s: ('{"password": "', _json(s), '"}'),
    'json_unicode': lambda s: ('{"password": "', _json(s, False), '"}'),
    'json_escaped_slash': lambda s: ('{"password": "', _json(s).replace('/', '\\/'), '"}'),
    'json_twice': lambda s: ('"{\\"variables\\": {\\"password\\": \\"', _json(_json(s)), '\\"}}"'),
    'json_twice_unicode': lambda s: ('"{\\"variables\\": {\\"password\\": \\"', _json(_json(s, False), False), '\\"}}"'),
    # GraphQL's extensions travel as a JSON string in the variables: the body quoted as a JSON string holds them three times escaped
    'json_three_times': lambda s: ('\\\\\\\"password\\\\\\\": \\\\\\\"', _json(_json(_json(s))), '\\\\\\\"'),
    'stripped': lambda s: ('password "', s.strip(), '" refused'),
    'percent': lambda s: ('GET /x?password=', quote(s, safe=''), '&page=1'),
    'percent_plus': lambda s: ('password=', quote_plus(s), '; then'),
    'percent_lower_hex': lambda s: ('password=', re.sub('%[0-9A-F]{2}', lambda m: m.group(0).lower(), quote(s, safe='')), ''),
    'python_repr': lambda s: ("{'password': " + _repr_quote(s), repr(s)[1:-1], _repr_quote(s) + '}'),
    'basic_header': lambda s: ('Authorization: Basic ', base64.b64encode(('%s:%s' % (USER, s)).encode('utf-8')).decode('ascii'), ''),
}


@pytest.fixture
def table():
    for secret in SECRETS.values():
        register_basic(USER, secret)


@pytest.mark.parametrize('echo', sorted(ECHOES))
@pytest.mark.parametrize('which', sorted(SECRETS))
def test_every_form_of_every_secret_is_masked(table, which, echo):
    before, form, after = ECHOES[echo](SECRETS[which])
    assert mask(before + form + after) == before + REDACTED + after


def test_a_secret_that_contains_another_is_masked_whole(table):
    assert mask('a %s and b %s' % (SECRETS['contains_another'], INNER)) == 'a %s and b %s' % (REDACTED, REDACTED)


def test_overlapping_secrets_leave_no_part_of_either():
    register_secret('abcd-1234')
    register_secret('1234-wxyz')
    assert mask('[abcd-1234-wxyz]') == '[%s]' % REDACTED


def test_a_short_secret_is_masked_where_it_stands_whole_only():
    register_secret('q')
    register_secret(' ab\n')
    assert mask('q') == REDACTED
    assert mask('{"password": "q", "user": "quentin"}') == '{"password": "%s", "user": "quentin"}' % REDACTED
    assert mask('password=q&user=quentin') == 'password=%s&user=quentin' % REDACTED
    assert mask('password: q, then') == 'password: %s, then' % REDACTED
    assert mask("{'password': 'ab'}") == "{'password': '%s'}" % REDACTED  # the stripped form
    assert mask('a quick request failed: HTTP 400 (abc)') == 'a quick request failed: HTTP 400 (abc)'


def test_a_long_secret_is_masked_anywhere_and_white_space_alone_is_no_secret():
    register_secret('s3cr')
    register_secret(' \n')
    register_secret('')
    register_secret(None)
    assert mask('xs3cry s3cr') == 'x%sy %s' % (REDACTED, REDACTED)
    assert mask('a b\n') == 'a b\n'


def test_a_possible_secret_is_masked_in_messages_and_shown_in_result_data():
    """A value sent to a process property Boomi has not said it encrypts: hidden in messages; a result that shows it plain
    (the answer said so) shows it, until it is registered as a secret."""
    register_secret('100', possible=True)
    register_secret('plain-or-not', possible=True)
    assert mask('Bad request: {"Batch size": "100", "other": "plain-or-not"}') == 'Bad request: {"Batch size": "%s", "other": "%s"}' % (
        REDACTED, REDACTED)
    assert mask_data({'value': '100', 'other': 'plain-or-not'}) == {'value': '100', 'other': 'plain-or-not'}
    register_secret('plain-or-not')  # the answer showed it encrypted
    register_secret('plain-or-not', possible=True)  # and stays a secret
    assert mask_data({'value': '100', 'other': 'plain-or-not'}) == {'value': '100', 'other': REDACTED}


def test_results_are_masked_in_every_string_and_keep_their_shape(table):
    secret = SECRETS['non_ascii']
    result = {'changed': True, 'count': 2, 'none': None, 'msg': 'answer: %s' % _json(secret),
              'diff': {'after': {'Order DB': {'password': secret}}}, 'writes': [{'error': _json(_json(secret))}], 'pair': ('x', secret)}
    assert mask_data(result) == {'changed': True, 'count': 2, 'none': None, 'msg': 'answer: %s' % REDACTED,
                                 'diff': {'after': {'Order DB': {'password': REDACTED}}}, 'writes': [{'error': REDACTED}],
                                 'pair': ['x', REDACTED]}


def test_an_error_and_its_excerpt_are_masked_in_every_form(table):
    secret = SECRETS['quotes_backslash']
    error = BoomiError('Bad request: %s' % json.dumps({'password': secret}), status=400, operation='extensions update')
    assert _json(secret) not in str(error) and REDACTED in str(error)
    assert errors.excerpt({'password': secret}) == "{'password': '%s'}" % REDACTED


# -- the paths, against the simulator (both APIs) --------------------------------------------------------------------------------------
APIS = ('rest', 'graphql')
ECHO_FAULTS = [('body', 'json'), ('body', 'json_unicode'), ('body', 'json_string'), ('body', 'text'), ('values', 'json')]
UPDATE = {'rest': 'EnvironmentExtensions.update', 'graphql': 'extensionsUpdate'}


def leaks(text, secret):
    """The forms of ``secret`` found in ``text`` (as is, stripped, JSON-escaped once or twice, with or without ensure_ascii)."""
    forms = set()
    for value in (secret, secret.strip()):
        forms.update((value, _json(value), _json(value, False), _json(_json(value)), _json(_json(value, False), False)))
    return sorted(form for form in forms if form in text)


def extensions_setup(sim, api):
    client = BoomiClient(connection(sim, api))
    eu = client.install_instance(client.resolve_pack(name='Order Intake')['id'], 'Order Intake EU')
    client.attach(eu['id'], ['fbf43afc-02a8-4509-8875-7dc2972c17e1'])  # Production
    return eu['id']


def send_password(sim, api, instance_id, secret, warnings):
    """What ipack_env_extensions does with ``secret`` as the Order DB password: register it (``hide_secrets``), send it."""
    client = BoomiClient(connection(sim, api), warn=warnings.append, sleep=lambda seconds: None)  # no real waits between retries
    found = ext.read(client, instance_id, 'Production', 'INT')
    plan = ext.plan(found['objects'], ext.wanted([{'name': 'Order DB', 'fields': {'password': secret}}], [], {}), 'always')
    ext.hide_secrets({'plan': plan}, register_secret)
    assert plan.secrets == [secret]
    return ext.apply(client, found, plan)


@pytest.mark.parametrize('api', APIS)
def test_a_refused_write_that_quotes_the_request_shows_no_secret(sim, api):
    """The module failure path: the BoomiError that becomes fail_json's msg, for each secret and each way of quoting."""
    instance_id = extensions_setup(sim, api)
    shown = []
    for which, secret in sorted(SECRETS.items()):
        for part, how in ECHO_FAULTS:
            sim.set_faults(echo_request={'part': part, 'quote': how, 'operation': UPDATE[api], 'status': 400})
            with pytest.raises(BoomiError) as raised:
                send_password(sim, api, instance_id, secret, [])
            assert 'Bad request' in str(raised.value)
            shown.append((which, part, how, leaks(str(raised.value), secret)))
    assert [s for s in shown if s[3]] == []


@pytest.mark.parametrize('how', ('json_string', 'text'))
def test_a_write_refused_but_done_warns_without_the_secret(sim, how):
    """The warning path: the install landed but its answer, a 409, quotes the credentials the gateway decoded (trimmed); the
    re-read finds the instance: a warning says so. REST only: GraphQL writes carry a JWT, whose forms are all alike."""
    order_intake = BoomiClient(connection(sim, 'rest')).resolve_pack(name='Order Intake')['id']
    for number, (which, secret) in enumerate(sorted(SECRETS.items())):
        user = 'user-%d@acme.example' % number
        sim.state.users.append({'username': user, 'password': secret, 'api_tokens': []})
        warnings = []
        client = BoomiClient(connection(sim, 'rest', username=user, password=secret), warn=warnings.append)
        sim.set_faults(echo_request={'part': 'credentials', 'quote': how, 'status': 409, 'commit': True,
                                     'operation': 'IntegrationPackInstance.create'})
        client.install_instance(order_intake, 'EU %d' % number)
        assert [w['outcome'] for w in client.writes] == ['done by another run']
        assert any('but it is done' in w and '%s:' % user in w for w in warnings), warnings
        assert leaks(' '.join(warnings), secret) == [], which


@pytest.mark.parametrize('api', APIS)
def test_retries_of_an_answer_that_quotes_the_request_show_no_secret(sim, api):
    """The retry path: every answer is a 503 quoting the request; the retry warnings and the final error show no secret."""
    instance_id = extensions_setup(sim, api)
    for which, secret in sorted(SECRETS.items()):
        warnings = []
        sim.set_faults(echo_request={'part': 'values', 'quote': 'json_unicode', 'operation': UPDATE[api], 'status': 503, 'count': 4})
        with pytest.raises(BoomiError) as raised:
            send_password(sim, api, instance_id, secret, warnings)
        assert len([w for w in warnings if 'retry' in w]) == 3, warnings
        assert 'Bad request' in str(raised.value)
        assert leaks(' '.join(warnings + [str(raised.value)]), secret) == [], which


# -- a module's own output: warnings, the result, the failure (in process) -----------------------------------------------------
MODULE_PASSWORD = 'Pässwort "m" \\ 7\n'


def run_module(monkeypatch, capsys, act):
    """Make a BoomiModule with ``MODULE_PASSWORD`` as its password, call ``act(module)`` (which exits); the result it printed."""
    args = {'api': 'rest', 'account_id': 'acme-4F7K2Q', 'username': USER, 'password': MODULE_PASSWORD, 'api_url': 'http://127.0.0.1:9'}
    monkeypatch.setattr(basic, '_ANSIBLE_ARGS', json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode('utf-8'))
    monkeypatch.setattr(basic, '_ANSIBLE_PROFILE', 'legacy', raising=False)
    module = BoomiModule(argument_spec={}, supports_check_mode=True)
    with pytest.raises(SystemExit):
        act(module)
    return json.loads(capsys.readouterr().out)


def test_a_module_masks_its_warnings_and_result_in_every_form(monkeypatch, capsys):
    def act(module):
        module.warn('Boomi answered: {"password": "%s"}' % _json(MODULE_PASSWORD))
        module.exit_json(changed=False, answer={'quoted': [_json(_json(MODULE_PASSWORD, False), False)], 'trimmed': MODULE_PASSWORD.strip()},
                         kept=True, none=None)
    result = run_module(monkeypatch, capsys, act)
    assert leaks(json.dumps(result, ensure_ascii=False), MODULE_PASSWORD) == []
    assert result['answer'] == {'quoted': [REDACTED], 'trimmed': REDACTED} and result['kept'] is True and result['none'] is None
    assert [w for w in result['warnings'] if 'Boomi answered: {"password": "%s"}' % REDACTED in str(w)], result['warnings']


def test_a_module_failure_is_masked_in_every_form(monkeypatch, capsys):
    result = run_module(monkeypatch, capsys, lambda module: module.fail_json(msg='refused: %s' % _json(MODULE_PASSWORD),
                                                                             body=_json(MODULE_PASSWORD, False)))
    assert result['failed'] is True and result['msg'] == 'refused: %s' % REDACTED and result['body'] == REDACTED
    assert leaks(json.dumps(result, ensure_ascii=False), MODULE_PASSWORD) == []

# -*- coding: utf-8 -*-
"""Secrets in every encoding: an error answer that quotes the request back (the simulator's echo_request fault) never shows a
secret in a module failure, a warning or the role's output, whatever the form (JSON-escaped once, twice or three times, with
or without ensure_ascii, or trimmed). tests/unit/plugins/module_utils/test_secrets.py has the table of forms and secrets."""

from __future__ import annotations

import json

from boomi_harness import connection

SECRET = 'Pässwort "echo" \\ 42\n'  # non-ASCII, quotes, a backslash and a trailing newline
UPDATE = {'rest': 'EnvironmentExtensions.update', 'graphql': 'extensionsUpdate'}
ROLE_SUMMARY = 'boomi.platform.integration_packs : Summary of what was installed, attached, detached, scheduled and uninstalled'


def forms(secret):
    """The forms an answer may show ``secret`` in: as is, trimmed, JSON-escaped up to three times (with or without ensure_ascii)."""
    found = set()
    for value in (secret, secret.strip()):
        level = {value}
        found.add(value)
        for _depth in range(3):
            level = {json.dumps(v, ensure_ascii=a)[1:-1] for v in level for a in (True, False)}
            found.update(level)
    return found


def assert_no_form(run, secret=SECRET):
    text = run.stdout + run.stderr + json.dumps(run.records) + json.dumps(run.records, ensure_ascii=False)
    shown = sorted(form for form in forms(secret) if form in text)
    assert shown == [], 'the secret leaked as %s into\n%s' % (shown, run.output())


def test_module_failures_that_quote_the_request_show_no_secret(ansible, seed, sim, api):
    eu = seed.install('Order Intake', 'Order Intake EU')
    seed.attach(eu, ['Production'])
    sim.set_faults(echo_request={'part': 'body', 'quote': 'json_unicode' if api == 'rest' else 'json_string', 'count': 2,
                                 'operation': UPDATE[api]})
    run = ansible.playbook('secrets_echo.yml', api, {'eu_id': eu, 'db_password': SECRET}, verbosity=3).assert_no_traceback()
    for task in ('password of Order DB, one task', 'password of Order DB, bulk'):
        record = run.task(task)
        assert record['failed'] and 'Bad request' in json.dumps(record['result']), record
    assert [e['status'] for e in run.writes] == [400, 400]
    assert_no_form(run)


def test_role_output_shows_no_secret_from_a_warning(ansible, seed, sim):
    """REST: the gateway quotes the Basic credentials it decoded in a 409 to the install, which landed: ipack_instances warns
    that it is done, and the role goes on to its summary."""
    user = 'secret-user@acme.example'
    sim.state.users.append({'username': user, 'password': SECRET, 'api_tokens': []})
    sim.set_faults(echo_request={'part': 'credentials', 'quote': 'json_string', 'status': 409, 'commit': True,
                                 'operation': 'IntegrationPackInstance.create'})
    conn = dict(connection('rest', sim.url), username=user, password=SECRET)
    items = [{'integration_pack_name': 'Order Intake', 'override_name': 'Secret EU', 'environments': ['Production']}]
    run = ansible.playbook('role.yml', 'rest', {'boomi_conn': conn, 'integration_packs_list': items}).assert_ok()
    assert 'but it is done' in run.stdout + run.stderr, run.output()
    assert 'Secret EU' in json.dumps(run.task(ROLE_SUMMARY)['result'])
    assert_no_form(run)


def test_role_output_shows_no_secret_from_a_failed_extensions_update(ansible, sim):
    """GraphQL: the extensions update (its values a JSON string inside the variables) is refused with the request quoted
    as a JSON string: the secret is escaped three times in the answer."""
    items = [{'integration_pack_name': 'Order Intake', 'override_name': 'Secret EU', 'environments': ['Production'],
              'extensions': [{'environment': 'Production', 'process': 'INT',
                              'connections': [{'name': 'Order DB', 'fields': {'password': SECRET}}]}]}]
    sim.set_faults(echo_request={'part': 'body', 'quote': 'json_string', 'operation': 'extensionsUpdate'})
    run = ansible.playbook('role.yml', 'graphql', {'integration_packs_list': items}, verbosity=3)
    assert run.rc != 0 and 'Bad request' in run.stdout + run.stderr, run.output()
    assert_no_form(run)

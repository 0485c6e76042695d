# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a user sees of the API a module talks to (issue 26.6): the module's ``main()`` in process, its JSON result as printed.

Every result says which API was used (``api``) and why (``api_reason``), the REST fallback without ``space_guid``
included; a 401 names the username, a 403 the account, a refused connection the host and port; never a secret.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
import socket
from pathlib import Path

import pytest
import yaml

from ansible_collections.boomi.platform.plugins.module_utils import connection as connection_options
from ansible_collections.boomi.platform.plugins.modules import ipack_instance, ipack_instance_info
from ansible_collections.boomi.platform.tests.unit.conftest import ACCOUNT_ID, API_TOKEN, PASSWORD, USERNAME
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import OMIT

MODULES = Path(__file__).resolve().parents[4] / 'plugins' / 'modules'
TROUBLESHOOTING = (MODULES.parents[1] / 'docs' / 'troubleshooting.md').read_text(encoding='utf-8')


def _shape(text):
    """``text`` with hosts and ports, URLs, quoted values and numbers as placeholders (the page quotes example values)."""
    text = re.sub(r'https?://[^\s)]*', 'URL', re.sub(r'\b[\w.-]+:\d+\b', 'HOST:PORT', text))
    return re.sub(r'\b\d+\b', 'N', re.sub(r"'[^']*'", 'VALUE', text))


def quoted_in_troubleshooting(message):
    """docs/troubleshooting.md quotes ``message`` in a table (its ``...`` standing for any text)."""
    quotes = [q.replace('\\|', '|') for line in TROUBLESHOOTING.splitlines() if line.startswith('| `')
              for q in re.findall(r'`([^`]+)`', line.split(' | ')[0])]
    return any(re.fullmatch('.*?'.join(re.escape(part) for part in _shape(q).split('...')), _shape(message), re.S) for q in quotes)


def test_the_result_names_the_api_that_was_given(sim, api, run_module):
    failed, result = run_module(ipack_instance_info.main)
    assert not failed, result
    assert result['api'] == api and result['api_reason'] == connection_options.API_GIVEN
    assert {e['api'] for e in sim.log} == ({'rest'} if api == 'rest' else {'jwt', 'graphql'})


@pytest.mark.parametrize('api', ['graphql'])
def test_graphql_chosen_by_space_guid_says_so(run_module):
    result = run_module(ipack_instance_info.main, api=OMIT)[1]
    assert (result['api'], result['api_reason']) == ('graphql', 'api is not set and space_guid is: the Spaces GraphQL API')


@pytest.mark.parametrize('api', ['rest'])
def test_the_fallback_to_rest_without_space_guid_is_stated(sim, run_module):
    """No api, no space_guid: REST, and the result says why (a run that meant GraphQL sees its Space GUID is missing)."""
    failed, result = run_module(ipack_instance_info.main, api=OMIT)
    assert not failed, result
    assert result['api'] == 'rest'
    assert result['api_reason'] == ('api is not set and no space_guid is given: the Platform REST API '
                                    '(give space_guid, or BOOMI_SPACE_GUID, for the Spaces GraphQL API)')
    assert {e['api'] for e in sim.log} == {'rest'}


@pytest.mark.parametrize('api', ['rest'])
def test_a_failure_names_the_api_too(run_module):
    result = run_module(ipack_instance.main, api=OMIT, password=OMIT, integration_pack_name='Order Intake', override_name='EU')[1]
    assert result['failed'] and 'the REST API needs password or api_token' in result['msg']
    assert result['api'] == 'rest' and 'no space_guid' in result['api_reason']


def test_a_401_names_the_username_and_no_secret(api, run_module):
    wrong = 'not-the-api-token-0123'
    result = run_module(ipack_instance_info.main, api_token=wrong, password=OMIT)[1]
    operation = 'REST IntegrationPackInstance.query' if api == 'rest' else 'JWT generation'
    assert result['failed'] and result['status'] == 401 and result['operation'] == operation, result
    assert result['msg'].startswith('%s failed: HTTP 401: ' % operation)
    assert result['msg'].endswith("(the credentials of username '%s' (its api_token) were refused: check username and api_token)"
                                  % USERNAME), result['msg']
    text = json.dumps(result)
    assert wrong not in text and API_TOKEN not in text and PASSWORD not in text
    assert quoted_in_troubleshooting(result['msg']), result['msg']


def test_a_403_names_the_account_id(api, run_module):
    result = run_module(ipack_instance_info.main, account_id='acme-NOTMINE')[1]
    operation = 'REST IntegrationPackInstance.query' if api == 'rest' else 'JWT generation'
    assert result['failed'] and result['status'] == 403 and result['operation'] == operation, result
    assert ("(username '%s' may not do this in account_id 'acme-NOTMINE': check account_id and the user's privileges in that "
            "account)" % USERNAME) in result['msg'], result['msg']
    assert ACCOUNT_ID not in result['msg'] and API_TOKEN not in json.dumps(result)
    assert quoted_in_troubleshooting(result['msg']), result['msg']


def test_a_refused_connection_names_host_and_port(api, run_module):
    with socket.socket() as unused:
        unused.bind(('127.0.0.1', 0))
        port = unused.getsockname()[1]
    url = 'http://127.0.0.1:%d' % port
    result = run_module(ipack_instance_info.main, api_url=url, graphql_url=url + '/graphql', max_retries=0)[1]
    assert result['failed'] and result['api'] == api, result
    assert 'failed: connection refused by 127.0.0.1:%d (%s/' % (port, url) in result['msg'], result['msg']
    assert result['msg'].endswith('nothing listens there (check the URL and port); gave up after 0 retries')
    assert quoted_in_troubleshooting(result['msg']), result['msg']


def _constant(path, name):
    tree = ast.parse(path.read_text(encoding='utf-8'))
    return next(node.value.value for node in tree.body if isinstance(node, ast.Assign) and getattr(node.targets[0], 'id', None) == name)


@pytest.mark.parametrize('api', ['rest'])
@pytest.mark.parametrize('name', sorted(p.stem for p in MODULES.glob('ipack*.py')))
def test_every_module_returns_and_documents_api(name, run_module):
    """Run with the connection options alone: whether it fails on its own options or reads, the result names the API."""
    module = importlib.import_module('ansible_collections.boomi.platform.plugins.modules.%s' % name)
    result = run_module(module.main, api=OMIT)[1]
    assert result['api'] == 'rest' and result['api_reason'] == connection_options.API_FALLBACK, result
    returned = yaml.safe_load(_constant(MODULES / ('%s.py' % name), 'RETURN'))
    assert returned['api']['returned'] == returned['api_reason']['returned'] == 'always'

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection argument spec: BOOMI_* fallbacks, where an empty variable counts as unset."""

from __future__ import annotations

import pytest

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.boomi.platform.plugins.module_utils.connection import resolve_config
from ansible_collections.boomi.platform.plugins.module_utils.connection import argument_spec as connection_argument_spec


def validated(monkeypatch, env, params=None):
    for name in ('BOOMI_API', 'BOOMI_ACCOUNT_ID', 'BOOMI_USERNAME', 'BOOMI_PASSWORD', 'BOOMI_API_TOKEN', 'BOOMI_BEARER_TOKEN',
                 'BOOMI_SPACE_GUID', 'BOOMI_API_URL', 'BOOMI_GRAPHQL_URL', 'BOOMI_VALIDATE_CERTS', 'BOOMI_CA_PATH', 'BOOMI_TIMEOUT',
                 'BOOMI_MAX_RETRIES'):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = ArgumentSpecValidator(connection_argument_spec()).validate(params or {})
    assert not result.error_messages, result.error_messages
    return result.validated_parameters


def test_env_fallbacks_fill_every_option(monkeypatch):
    params = validated(monkeypatch, {'BOOMI_ACCOUNT_ID': 'acme-1', 'BOOMI_USERNAME': 'u', 'BOOMI_API_TOKEN': 'tok-123',
                                     'BOOMI_TIMEOUT': '7.5', 'BOOMI_MAX_RETRIES': '2', 'BOOMI_VALIDATE_CERTS': 'false'})
    assert (params['account_id'], params['api_token'], params['timeout'], params['max_retries'], params['validate_certs']) == \
        ('acme-1', 'tok-123', 7.5, 2, False)
    assert resolve_config(params)['api'] == 'rest'


def test_empty_variables_as_an_awx_credential_injects_them_count_as_unset(monkeypatch):
    params = validated(monkeypatch, {'BOOMI_ACCOUNT_ID': 'acme-1', 'BOOMI_USERNAME': 'u', 'BOOMI_API_TOKEN': 'tok-123',
                                     'BOOMI_PASSWORD': '', 'BOOMI_BEARER_TOKEN': '', 'BOOMI_CA_PATH': '', 'BOOMI_SPACE_GUID': ''})
    assert params['password'] is None and params['bearer_token'] is None and params['ca_path'] is None
    config = resolve_config(params)
    assert config['api'] == 'rest' and config['api_token'] == 'tok-123'


def test_an_explicit_empty_option_is_still_an_error(monkeypatch):
    params = validated(monkeypatch, {'BOOMI_ACCOUNT_ID': 'acme-1', 'BOOMI_USERNAME': 'u'}, {'password': ''})
    with pytest.raises(Exception) as err:
        resolve_config(params)
    assert 'password must not be empty' in str(err.value)


def test_the_doc_fragment_documents_exactly_the_declared_connection_options():
    """The doc fragment and the argument spec come from two texts: this keeps them from drifting apart."""
    import yaml  # pylint: disable=import-outside-toplevel
    from ansible_collections.boomi.platform.plugins.doc_fragments.connection import ModuleDocFragment
    from ansible_collections.boomi.platform.plugins.module_utils import connection

    documented = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)['options']
    spec = connection.argument_spec()
    assert sorted(documented) == sorted(spec)
    for name, option in spec.items():
        doc = documented[name]
        env = connection.OPTIONS[name][1]
        assert doc['type'] == option['type'], name
        assert doc.get('default') == option.get('default'), name
        assert doc.get('choices') == option.get('choices'), name
        assert option['fallback'][1] == [env]
        assert any('E(%s)' % env in line for line in doc['description']), name
        assert bool(option.get('no_log')) == (name in ('password', 'api_token', 'bearer_token')), name

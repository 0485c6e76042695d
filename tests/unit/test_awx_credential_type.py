# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWX/AAP credential types of extensions/awx/ against what the modules read.

The environment variables are taken from two places that must agree: the E(BOOMI_*) markers of
the ``boomi.platform.connection`` doc fragment and the ``env_fallback`` of the argument spec.
The injectors are then rendered as AWX renders them (a sandboxed Jinja environment in which an
empty or missing field is undefined and every ``env`` variable is set, empty or not) and the
resulting environment goes through the modules' argument spec and connection option checks.
"""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from jinja2 import meta
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible_collections.boomi.platform.plugins.module_utils import connection, transport
from ansible_collections.boomi.platform.plugins.module_utils.connection import resolve_config
from ansible_collections.boomi.platform.plugins.module_utils.connection import argument_spec as connection_argument_spec

ROOT = Path(__file__).resolve().parents[2]
TYPES = yaml.safe_load((ROOT / 'extensions' / 'awx' / 'boomi_credential_type.yml').read_text(encoding='utf-8'))['credential_types']
BY_API = {t['injectors']['env']['BOOMI_API']: t for t in TYPES}

# The BOOMI_* variables a credential type does not inject, and why (see the file's header).
NOT_INJECTED = {
    'graphql': {
        'BOOMI_PASSWORD': 'API tokens only: they work for SSO and 2FA users, passwords may not',
        'BOOMI_BEARER_TOKEN': 'a bearer JWT expires within minutes and cannot be refreshed',
        'BOOMI_OVERRIDE_ACCOUNT': 'a host variable of a fleet play (playbooks/fleet.yml), not of the credential',
        'BOOMI_OVERRIDE_ACCOUNT_RATE_LIMIT': 'set with override_account, in the fleet play',
    },
    'rest': {
        'BOOMI_PASSWORD': 'API tokens only: they work for SSO and 2FA users, passwords may not',
        'BOOMI_BEARER_TOKEN': 'GraphQL only',
        'BOOMI_SPACE_GUID': 'GraphQL only; an empty Space GUID fails',
        'BOOMI_GRAPHQL_URL': 'GraphQL only',
        'BOOMI_OVERRIDE_ACCOUNT': 'a host variable of a fleet play (playbooks/fleet.yml), not of the credential',
        'BOOMI_OVERRIDE_ACCOUNT_RATE_LIMIT': 'set with override_account, in the fleet play',
    },
}
CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBsimulated\n-----END CERTIFICATE-----\n'


def fragment_env_vars():
    """Option -> environment variable, from the E(...) markers of the connection doc fragment."""
    tree = ast.parse((ROOT / 'plugins' / 'doc_fragments' / 'connection.py').read_text(encoding='utf-8'))
    text = next(node.value.value for node in ast.walk(tree)
                if isinstance(node, ast.Assign) and any(getattr(t, 'id', None) == 'DOCUMENTATION' for t in node.targets))
    options = yaml.safe_load(text)['options']
    found = {}
    for name, option in options.items():
        markers = sorted(set(re.findall(r'E\((BOOMI_[A-Z_]+)\)', ' '.join(option['description']))))
        assert len(markers) == 1, 'option %s documents %s' % (name, markers)
        found[name] = markers[0]
    return found, options


def argspec_env_vars():
    """Option -> (environment variable, no_log), from the argument spec the modules use."""
    found = {}
    for name, option in connection_argument_spec().items():
        strategy, args = option['fallback']
        assert strategy.__name__ == 'nonempty_env_fallback' and len(args) == 1, name
        found[name] = (args[0], bool(option.get('no_log')))
    return found


def template_fields(template):
    """The credential fields a template reads."""
    return meta.find_undeclared_variables(ImmutableSandboxedEnvironment().parse(template)) - {'tower'}


def awx_env(cred_type, inputs, tmp_path):
    """The environment AWX gives a job for a credential of ``cred_type`` with ``inputs``.

    As AWX does: only non-empty inputs are defined, a missing boolean field is False, file
    injectors are written first and their path is ``tower.filename``, then every ``env``
    injector is rendered and set, even when it renders empty.
    """
    namespace = {name: value for name, value in inputs.items() if isinstance(value, bool) or value}
    for field in cred_type['inputs']['fields']:
        if field['type'] == 'boolean' and field['id'] not in inputs:
            namespace[field['id']] = False
    sandbox = ImmutableSandboxedEnvironment()
    single, many = None, {}
    for label, template in cred_type['injectors'].get('file', {}).items():
        path = tmp_path / ('awx-file-' + label.replace('.', '-'))
        path.write_text(sandbox.from_string(template).render(**namespace), encoding='utf-8')
        if '.' in label:
            many[label.split('.', 1)[1]] = str(path)
        else:
            single = str(path)
    namespace['tower'] = SimpleNamespace(filename=single or SimpleNamespace(**many))
    return {name: sandbox.from_string(template).render(**namespace) for name, template in cred_type['injectors']['env'].items()}


def module_config(env, monkeypatch):
    """What the modules make of this environment: argument spec (fallbacks, types) then connection checks."""
    for name in [n for n in os.environ if n.startswith('BOOMI_')]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = ArgumentSpecValidator(connection_argument_spec()).validate({})
    assert not result.error_messages, result.error_messages
    return resolve_config(result.validated_parameters)


def required_inputs(cred_type):
    values = {'account_id': 'acme-4F7K2Q', 'username': 'ops@acme.example', 'api_token': 'b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
              'space_guid': '7d6a3c5e-2b1f-4e8d-9c0a-1b2c3d4e5f60'}
    return {name: values[name] for name in cred_type['inputs']['required']}


def test_doc_fragment_and_argspec_name_the_same_variables():
    documented, _options = fragment_env_vars()
    declared = argspec_env_vars()
    assert documented == {name: env for name, (env, _secret) in declared.items()}


def test_both_apis_have_a_type():
    assert sorted(BY_API) == ['graphql', 'rest']
    assert len({t['name'] for t in TYPES}) == len(TYPES)


@pytest.mark.parametrize('api', sorted(BY_API))
def test_inputs_are_well_formed(api):
    cred_type = BY_API[api]
    assert cred_type['kind'] == 'cloud'
    assert set(cred_type) == {'name', 'description', 'kind', 'inputs', 'injectors'}
    assert set(cred_type['injectors']) <= {'env', 'file', 'extra_vars'}
    fields = cred_type['inputs']['fields']
    ids = [f['id'] for f in fields]
    assert len(ids) == len(set(ids))
    assert set(cred_type['inputs']['required']) <= set(ids)
    for field in fields:
        assert re.match(r'^[a-z_][a-z0-9_]*$', field['id']) and field['label'] and field['help_text'], field
        assert field['type'] in ('string', 'boolean'), field
        if 'choices' in field:
            assert field.get('default') in field['choices'], field


@pytest.mark.parametrize('api', sorted(BY_API))
def test_injects_exactly_the_variables_the_modules_read(api):
    cred_type = BY_API[api]
    declared = {env for env, _secret in argspec_env_vars().values()}
    injected = set(cred_type['injectors']['env'])
    assert injected <= declared, 'injects variables no module reads: %s' % sorted(injected - declared)
    assert not injected & set(NOT_INJECTED[api])
    assert injected | set(NOT_INJECTED[api]) == declared, \
        'decide whether the %s type injects %s' % (api, sorted(declared - injected - set(NOT_INJECTED[api])))


@pytest.mark.parametrize('api', sorted(BY_API))
def test_secret_fields_feed_no_log_options_and_only_them(api):
    cred_type = BY_API[api]
    fields = {f['id']: f for f in cred_type['inputs']['fields']}
    by_env = {env: (name, secret) for name, (env, secret) in argspec_env_vars().items()}
    used = set()
    for env, template in cred_type['injectors']['env'].items():
        option, no_log = by_env[env]
        for field_id in template_fields(template):
            assert field_id in fields, '%s reads an unknown field %s' % (env, field_id)
            assert bool(fields[field_id].get('secret')) == no_log, '%s (option %s, no_log=%s) from field %s' % (env, option, no_log, field_id)
            used.add(field_id)
    for template in cred_type['injectors'].get('file', {}).values():
        used |= template_fields(template)
    assert used == set(fields), 'fields that nothing injects: %s' % sorted(set(fields) - used)
    assert [f for f in fields.values() if f.get('secret')] == [fields['api_token']]


@pytest.mark.parametrize('api', sorted(BY_API))
def test_defaults_are_the_modules_defaults(api, tmp_path, monkeypatch):
    """A credential with only the required fields (as created through the API) gives the modules' own defaults."""
    cred_type = BY_API[api]
    env = awx_env(cred_type, required_inputs(cred_type), tmp_path)
    cfg = module_config(env, monkeypatch)
    assert cfg['api'] == api
    assert cfg['api_url'] == connection.OPTIONS['api_url'][2]
    assert cfg['graphql_url'] == connection.OPTIONS['graphql_url'][2]
    assert cfg['validate_certs'] is True
    assert not cfg['ca_path']
    assert cfg['timeout'] == connection.OPTIONS['timeout'][2]
    assert cfg['max_retries'] == connection.OPTIONS['max_retries'][2]
    assert cfg['rate_limit'] == connection.OPTIONS['rate_limit'][2]
    for field in cred_type['inputs']['fields']:
        if 'default' in field:
            ui_env = awx_env(cred_type, dict(required_inputs(cred_type), **{field['id']: field['default']}), tmp_path)
            assert ui_env == env, 'the UI default of %s differs from the injected default' % field['id']


@pytest.mark.parametrize('api', sorted(BY_API))
def test_required_fields_only_resolve_and_authenticate(api, tmp_path, monkeypatch):
    cred_type = BY_API[api]
    inputs = required_inputs(cred_type)
    env = awx_env(cred_type, inputs, tmp_path)
    cfg = module_config(env, monkeypatch)
    assert (cfg['account_id'], cfg['username'], cfg['api_token']) == (inputs['account_id'], inputs['username'], inputs['api_token'])
    assert cfg['password'] is None and cfg['bearer_token'] is None
    assert cfg['space_guid'] == inputs.get('space_guid')
    session = transport.Transport(cfg)
    assert session.basic_auth() == ('BOOMI_TOKEN.ops@acme.example', inputs['api_token'])
    assert session.verify is True


@pytest.mark.parametrize('api', sorted(BY_API))
def test_every_field_filled(api, tmp_path, monkeypatch):
    cred_type = BY_API[api]
    inputs = dict(required_inputs(cred_type), api_url='https://api.eu.example/', validate_certs='true', ca_bundle=CA_PEM,
                  timeout='12.5', max_retries='0', rate_limit='4')
    if api == 'graphql':
        inputs['graphql_url'] = 'https://graphql.eu.example/graphql'
    env = awx_env(cred_type, inputs, tmp_path)
    cfg = module_config(env, monkeypatch)
    assert cfg['api_url'] == 'https://api.eu.example'
    assert cfg['graphql_url'] == inputs.get('graphql_url', connection.OPTIONS['graphql_url'][2])
    assert (cfg['timeout'], cfg['max_retries'], cfg['rate_limit']) == (12.5, 0, 4)
    assert Path(cfg['ca_path']).read_text(encoding='utf-8') == CA_PEM
    assert transport.Transport(cfg).verify == cfg['ca_path']


@pytest.mark.parametrize('api', sorted(BY_API))
def test_tls_verification_can_be_turned_off(api, tmp_path, monkeypatch):
    cred_type = BY_API[api]
    env = awx_env(cred_type, dict(required_inputs(cred_type), validate_certs='false', ca_bundle=CA_PEM), tmp_path)
    cfg = module_config(env, monkeypatch)
    assert cfg['validate_certs'] is False
    assert transport.Transport(cfg).verify is False


@pytest.mark.parametrize('api', sorted(BY_API))
def test_the_rate_limit_can_be_turned_off_and_module_defaults_win(api, tmp_path, monkeypatch):
    """BOOMI_RATE_LIMIT from the credential: 0 turns the limit off; an option of the play (module_defaults) wins over it."""
    cred_type = BY_API[api]
    env = awx_env(cred_type, dict(required_inputs(cred_type), rate_limit='0'), tmp_path)
    assert env['BOOMI_RATE_LIMIT'] == '0'
    assert module_config(env, monkeypatch)['rate_limit'] == 0
    assert transport.Transport(module_config(env, monkeypatch)).rate_limit is None
    result = ArgumentSpecValidator(connection_argument_spec()).validate({'rate_limit': 7})
    assert resolve_config(result.validated_parameters)['rate_limit'] == 7


def test_an_empty_variable_injected_by_awx_counts_as_unset(tmp_path, monkeypatch):
    """AWX sets every injected variable, empty for a blank field: the modules read an empty one as unset."""
    cred_type = BY_API['rest']
    env = dict(awx_env(cred_type, required_inputs(cred_type), tmp_path), BOOMI_PASSWORD='', BOOMI_BEARER_TOKEN='')
    config = module_config(env, monkeypatch)
    assert config['password'] is None and config['bearer_token'] is None
    assert config['api_token'] == required_inputs(cred_type)['api_token']


def test_awx_page_shows_the_shipped_graphql_type():
    """docs/awx.md shows the Input and Injector configuration to paste: it must be the file's."""
    page = (ROOT / 'docs' / 'awx.md').read_text(encoding='utf-8')
    blocks = re.findall(r'\*\*(Input|Injector) configuration\*\*:\n\n```yaml\n(.*?)```', page, re.S)
    shown = {kind: yaml.safe_load(text) for kind, text in blocks}
    assert shown == {'Input': BY_API['graphql']['inputs'], 'Injector': BY_API['graphql']['injectors']}
    for cred_type in TYPES:
        assert cred_type['name'] in page
        for env in cred_type['injectors']['env']:
            assert '`%s' % env in page, env

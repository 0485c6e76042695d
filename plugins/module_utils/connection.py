# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection options, declared once.

:data:`OPTIONS` is the one declaration of the options that the doc fragment
``boomi.platform.connection`` documents (a unit test compares the two): type, ``BOOMI_*``
environment variable, default, choices and whether the value is a secret. The argument spec
of every module (:func:`argument_spec`, :data:`MUTUALLY_EXCLUSIVE`) and the configuration the
client gets (:func:`resolve_config`) are both made from it.
"""

from __future__ import annotations

import os

from ansible.module_utils.basic import AnsibleFallbackNotFound

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiConfigError

API_CHOICES = ('graphql', 'rest')

# name: (type, environment variable, default, secret)
OPTIONS = {
    'api': ('str', 'BOOMI_API', None, False),
    'account_id': ('str', 'BOOMI_ACCOUNT_ID', None, False),
    'username': ('str', 'BOOMI_USERNAME', None, False),
    'password': ('str', 'BOOMI_PASSWORD', None, True),
    'api_token': ('str', 'BOOMI_API_TOKEN', None, True),
    'bearer_token': ('str', 'BOOMI_BEARER_TOKEN', None, True),
    'space_guid': ('str', 'BOOMI_SPACE_GUID', None, False),
    'api_url': ('str', 'BOOMI_API_URL', 'https://api.boomi.com', False),
    'graphql_url': ('str', 'BOOMI_GRAPHQL_URL', 'https://platform.boomi.com/graphql', False),
    'validate_certs': ('bool', 'BOOMI_VALIDATE_CERTS', True, False),
    'ca_path': ('path', 'BOOMI_CA_PATH', None, False),
    'timeout': ('float', 'BOOMI_TIMEOUT', 30.0, False),
    'max_retries': ('int', 'BOOMI_MAX_RETRIES', 5, False),
    'rate_limit': ('int', 'BOOMI_RATE_LIMIT', 10, False),
    'override_account': ('str', 'BOOMI_OVERRIDE_ACCOUNT', None, False),
    'override_account_rate_limit': ('bool', 'BOOMI_OVERRIDE_ACCOUNT_RATE_LIMIT', False, False),
}
CHOICES = {'api': API_CHOICES}
MUTUALLY_EXCLUSIVE = [('password', 'api_token')]
SECRET_OPTIONS = tuple(name for name, (_kind, _env, _default, secret) in OPTIONS.items() if secret)
MAX_RETRIES_LIMIT = 20
# Why the modules use the API they use (the result's api_reason, see chosen_api).
API_GIVEN = 'the api option (or BOOMI_API) chose it'
API_FROM_SPACE = 'api is not set and space_guid is: the Spaces GraphQL API'
API_FALLBACK = ('api is not set and no space_guid is given: the Platform REST API '
                '(give space_guid, or BOOMI_SPACE_GUID, for the Spaces GraphQL API)')


def nonempty_env_fallback(*names):
    """Like ansible's ``env_fallback``, but an empty variable counts as unset.

    AWX/AAP credential types set every variable of their injectors, to ``""`` for a field left
    empty; an empty ``BOOMI_PASSWORD`` next to a ``BOOMI_API_TOKEN`` must not read as a password.
    """
    for name in names:
        if os.environ.get(name):
            return os.environ[name]
    raise AnsibleFallbackNotFound


def argument_spec():
    """The argument spec of the connection options, each with its ``BOOMI_*`` fallback; secrets ``no_log``."""
    spec = {}
    for name, (kind, env, default, secret) in OPTIONS.items():
        given = {'default': default, 'no_log': secret or None, 'choices': list(CHOICES.get(name, ())) or None}
        spec[name] = dict({'type': kind, 'fallback': (nonempty_env_fallback, [env])}, **{k: v for k, v in given.items() if v is not None})
    return spec


def secret_values(params):
    """The secrets among ``params`` and their environment variables (to mask before any validation)."""
    values = (params.get(name) or os.environ.get(OPTIONS[name][1]) for name in SECRET_OPTIONS)
    return [str(value) for value in values if value]


def chosen_api(params):
    """``(api, reason)``: the API the modules talk to and why, from the ``api`` and ``space_guid`` options.

    ``api`` when given; else ``graphql`` when ``space_guid`` is given, else ``rest``. The reason is a sentence for the
    result (key ``api_reason``): a run that meant GraphQL and forgot its Space GUID sees that it went to REST.
    """
    api = params.get('api')
    if api is not None:
        return api, API_GIVEN
    if params.get('space_guid') is not None and str(params['space_guid']).strip():
        return 'graphql', API_FROM_SPACE
    return 'rest', API_FALLBACK


# Text options that must not be empty, and those of them stripped of surrounding white space (the secrets are sent as given).
NOT_EMPTY = ('account_id', 'username', 'password', 'api_token', 'bearer_token', 'space_guid', 'api_url', 'graphql_url', 'override_account')
STRIPPED = ('account_id', 'username', 'space_guid', 'api_url', 'graphql_url', 'override_account')
# Numbers: (type, whether a value is valid, the message of one that is not).
NUMBERS = {
    'timeout': (float, lambda v: v > 0, 'timeout must be greater than 0, got %s'),
    'max_retries': (int, lambda v: 0 <= v <= MAX_RETRIES_LIMIT, 'max_retries must be between 0 and %d, got %%s' % MAX_RETRIES_LIMIT),
    'rate_limit': (int, lambda v: v >= 0, 'rate_limit must be 0 (no limit) or more requests per second, got %s'),
}


def _fail(message):
    return BoomiConfigError(message, operation='connection options')


def basic_missing(cfg):
    """What the Basic credentials of ``cfg`` (the REST API, JWT generation) lack: ``account_id``, ``username``,
    ``password or api_token``; empty when they are complete."""
    missing = [name for name in ('account_id', 'username') if not cfg.get(name)]
    return missing + ([] if cfg.get('password') or cfg.get('api_token') else ['password or api_token'])


def _credentials_problem(cfg):
    """Why the credentials of ``cfg`` cannot call the chosen API (None when they can)."""
    if cfg['password'] and cfg['api_token']:
        return 'password and api_token are mutually exclusive: give one of them'
    if cfg['override_account'] and cfg['bearer_token'] and not (cfg['password'] or cfg['api_token']):
        return ('override_account needs the partner user\'s account_id, username and api_token (or password): '
                'a bearer_token cannot be turned into a JWT of the sub-account')
    missing = basic_missing(cfg)
    if cfg['api'] == 'rest':
        return 'the REST API needs %s (or the BOOMI_* environment variables)' % ', '.join(missing) if missing else None
    if not cfg['space_guid']:
        return 'the GraphQL API needs space_guid (or BOOMI_SPACE_GUID)'
    if not cfg['bearer_token'] and missing:
        return 'the GraphQL API needs bearer_token, or %s to generate a JWT (or the BOOMI_* environment variables)' % ', '.join(missing)
    return None


def resolve_config(params):
    """The client's configuration from the connection options: validated, stripped, defaults filled.

    Raises :class:`BoomiConfigError` naming the option before any request.
    """
    cfg = {name: params.get(name) for name in OPTIONS}
    for name in NOT_EMPTY:
        if cfg[name] is not None and not str(cfg[name]).strip():
            raise _fail('%s must not be empty' % name)
        if cfg[name] is not None and name in STRIPPED:
            cfg[name] = str(cfg[name]).strip()
    cfg.update((name, default) for name, (_kind, _env, default, _secret) in OPTIONS.items() if cfg[name] is None and default is not None)
    cfg['api'], cfg['api_reason'] = chosen_api(cfg)
    if cfg['api'] not in API_CHOICES:
        raise _fail('api must be one of %s, got %r' % (', '.join(API_CHOICES), cfg['api']))
    cfg['api_url'] = cfg['api_url'].rstrip('/')
    for name in ('api_url', 'graphql_url'):
        if not cfg[name].startswith(('https://', 'http://')):
            raise _fail('%s must be an http(s) URL, got %r' % (name, cfg[name]))
    cfg['validate_certs'] = bool(cfg['validate_certs'])
    for name, (kind, valid, message) in NUMBERS.items():
        cfg[name] = kind(cfg[name])
        if not valid(cfg[name]):
            raise _fail(message % cfg[name])
    problem = _credentials_problem(cfg)
    if problem:
        raise _fail(problem)
    return cfg

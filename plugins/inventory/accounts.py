# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
name: accounts
short_description: A Boomi partner's sub-accounts as inventory hosts
version_added: 0.1.0
description:
  - Reads the sub-accounts of a Boomi partner account (REST C(Account) query, every page) and adds one host per account,
    named by its account ID, grouped by account group (C(AccountGroup) and C(AccountGroupAccount)).
  - With O(api=graphql) the accounts of the Space are read (C(spaceAccounts)), which have no status and no groups. Their groups
    are read through REST with the same credentials, and so are their statuses when O(status) filters them (one REST C(Account)
    query, every page), so the credentials must include O(account_id), O(username) and O(api_token) or O(password), not
    only a O(bearer_token).
  - Use it with C(playbooks/fleet.yml), which sets O(override_account) to each host's C(boomi_account_id), to roll
    integration packs out to every sub-account (see C(docs/fleet.md)).
  - The hosts are API targets. They are members of the group C(boomi_accounts), whose variables make them run on the
    controller with the Python that runs Ansible (O(run_on_controller)), whatever C(python3) comes first on E(PATH).
  - The connection options are those of the modules, with the same C(BOOMI_*) environment variables; credentials are never
    put into host variables.
  - The configuration file's name must end in C(.boomi_accounts.yml) or C(.boomi_accounts.yaml).
  - With O(cache=true), an entry of the cache belongs to one configuration file and one API, API URL (and GraphQL URL, Space,
    and whether O(status) filters, which decides whether the statuses are read), O(account_id), O(override_account) and
    O(username) (kept only as part of a digest); another account, URL or user reads its own accounts. Passwords and tokens
    are never part of the key, so a run with the same account and user but another password is answered from the cache
    until O(cache_timeout) expires or C(--flush-cache) is given.
author:
  - Boomi Platform Maintainers (@boomi-platform)
extends_documentation_fragment:
  - boomi.platform.connection
  - ansible.builtin.constructed
  - ansible.builtin.inventory_cache
options:
  plugin:
    description: The name of this plugin.
    type: str
    required: true
    choices: [boomi.platform.accounts]
  status:
    description:
      - Only accounts with one of these statuses; V([]) keeps every account (and, with O(api=graphql), reads no status, and
        C(boomi_account_status) is then null).
      - With O(api=graphql) the statuses of the Space's accounts are read with the REST C(Account) query, which returns the
        sub-accounts of the account it acts on (O(account_id), or O(override_account)). A Space account that query does not
        return has no known status, so a status filter leaves it out, with a warning naming it.
      - With O(api=graphql) and only a O(bearer_token), which cannot call REST, a status filter (the default V([active])
        included) is refused before any request.
    type: list
    elements: str
    default: [active]
  name_pattern:
    description:
      - Only accounts whose name matches this shell-style pattern (C(fnmatch), case-sensitive), for example V(Acme *).
    type: str
  run_on_controller:
    description:
      - The hosts are API targets, not machines. With V(true) they are all put in the group C(boomi_accounts), which gets the
        group variables C(ansible_connection=local) and C(ansible_python_interpreter={{ ansible_playbook_python }}), so that
        their tasks run on the controller with the Python that runs Ansible (which has C(requests)), not with the first
        C(python3) that interpreter discovery finds.
      - These are the weakest variables of the hosts. C(group_vars) and C(host_vars) files, O(compose), the variables another
        inventory source gives these hosts, and play, task and extra variables override them. C(ansible_python_interpreter) is
        not set when the C(interpreter_python) setting (C(ansible.cfg), E(ANSIBLE_PYTHON_INTERPRETER)) is set.
      - V(false) sets neither variable (the group C(boomi_accounts) is still made).
    type: bool
    default: true
    version_added: 0.2.0
  group_prefix:
    description:
      - Prefix of the inventory group made for each account group; the rest of the group name is the account group's name,
        with characters other than letters, digits and C(_) replaced by C(_).
    type: str
    default: boomi_group_
"""

EXAMPLES = r"""
# inventory/eu.boomi_accounts.yml: the active and trial accounts named "EU *", cached for an hour, a group per status.
# The partner's credentials come from the BOOMI_* variables (an AWX credential); the smallest file is just the plugin line.
plugin: boomi.platform.accounts
status: [active, trial]
name_pattern: "EU *"
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/boomi_accounts
cache_timeout: 3600
keyed_groups:
  - key: boomi_account_status
    prefix: status
# The hosts run on the controller with the Python that runs Ansible (run_on_controller); a group_vars/boomi_accounts.yml
# (or group_vars/all.yml) next to this file that sets ansible_python_interpreter chooses another one.
"""

import fnmatch
import hashlib
import json
import os
import re

from ansible import constants as C
from ansible.errors import AnsibleParserError
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

try:
    from ansible.template import trust_as_template
except ImportError:  # ansible-core < 2.19 renders every inventory variable that holds a template
    def trust_as_template(value):
        return value

from ansible_collections.boomi.platform.plugins.module_utils import connection
from ansible_collections.boomi.platform.plugins.module_utils.client import BoomiClient, can_call_rest
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, mask, register_secret
from ansible_collections.boomi.platform.plugins.module_utils.transport import REQUESTS_IMPORT_ERROR


ALL_GROUP = 'boomi_accounts'
# the group variables of ALL_GROUP with run_on_controller: the hosts are API targets, run on the controller with ansible's Python
CONTROLLER_VARS = (('ansible_connection', 'local'), ('ansible_python_interpreter', '{{ ansible_playbook_python }}'))


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    """The sub-accounts of a Boomi partner account as hosts."""

    NAME = 'boomi.platform.accounts'

    def verify_file(self, path):
        return super().verify_file(path) and path.endswith(('.boomi_accounts.yml', '.boomi_accounts.yaml'))

    def parse(self, inventory, loader, path, cache=True):
        super().parse(inventory, loader, path, cache)
        given = self.loader.load_from_file(path, cache='none') or {}
        self._read_config_data(path)
        params = self._connection_params(given)
        try:
            config = connection.resolve_config(params)
        except (BoomiError, ValueError, TypeError) as exc:
            raise AnsibleParserError('boomi.platform.accounts: %s' % mask(exc)) from None
        self._check_status(config)
        cache_key = self._cache_key(path, config)
        use_cache = self.get_option('cache') and cache
        accounts = None
        if use_cache:
            try:
                accounts = self._cache[cache_key]
            except KeyError:
                accounts = None
        if accounts is None:
            accounts = self._read_accounts(params)
            if self.get_option('cache'):
                self._cache[cache_key] = accounts
        self._populate(accounts)

    def _check_status(self, config):
        """With GraphQL a status filter needs the statuses from REST (``spaceAccounts`` has none), which a ``bearer_token`` alone
        cannot call: refused before any request, rather than failing after the Space's accounts were read."""
        statuses = self.get_option('status') or []
        if config['api'] == 'graphql' and statuses and not can_call_rest(config):
            raise AnsibleParserError(
                'boomi.platform.accounts: status %r needs the REST API with api: graphql: the Space\'s accounts (spaceAccounts) have '
                'no status, so their statuses are read with the REST Account query, which bearer_token cannot call. Give account_id, '
                'username and api_token (or password) instead of bearer_token (the JWT is then generated from them; the accounts\' '
                'groups are read through REST too)' % list(statuses))

    def _cache_key(self, path, config):
        """The file's cache key, plus a digest of what decides which accounts are visible: the API, its URLs, the account, the
        override account, the Space and the user. Never a secret (password, API token, JWT): those are not part of the digest,
        so a cache entry is not a way to test them; the user name is only in the digest, with the rest as salt."""
        identity = [self.NAME, config['api'], config['api_url'], config['account_id'], config['override_account'], config['username']]
        if config['api'] == 'graphql':  # and whether the statuses were read (only for a status filter: see _read_accounts)
            identity += [config['graphql_url'], config['space_guid'], bool(self.get_option('status'))]
        digest = hashlib.sha256(json.dumps(identity).encode('utf-8')).hexdigest()[:16]
        return '%s_%s' % (self.get_cache_key(path), digest)

    def _connection_params(self, given):
        """The connection options: the file's, else the ``BOOMI_*`` variable (an empty one counts as unset), else the default."""
        params = {}
        for name, (_kind, env, _default, secret) in connection.OPTIONS.items():
            if name in given:
                value = self.get_option(name)
            elif os.environ.get(env):
                value = os.environ[env]
            else:
                value = self.get_option(name)
            if secret:
                register_secret(value)
            params[name] = value
        for name in ('validate_certs', 'override_account_rate_limit'):
            if isinstance(params[name], str):
                params[name] = params[name].strip().lower() in ('1', 'true', 'yes', 'on')
        return params

    def _read_accounts(self, params):
        if REQUESTS_IMPORT_ERROR:
            raise AnsibleParserError('the boomi.platform.accounts inventory needs the Python requests library')
        try:
            client = BoomiClient(params, warn=lambda message: self.display.warning(mask(message)))
            accounts = client.list_accounts(with_status=bool(self.get_option('status')))
        except (BoomiError, ValueError, TypeError) as exc:
            raise AnsibleParserError('boomi.platform.accounts: %s' % mask(exc))
        return [{'id': a['id'], 'name': a['name'], 'status': a['status'], 'groups': a['groups']} for a in accounts if a['id']]

    def _set_controller_vars(self, group):
        """``CONTROLLER_VARS`` as variables of ``group`` (group variables of an inventory source: every other source of variables
        overrides them); not the interpreter when the user configured ``interpreter_python``, which a variable would override."""
        for name, value in CONTROLLER_VARS:
            if name == 'ansible_python_interpreter' and C.config.get_config_value_and_origin('INTERPRETER_PYTHON')[1] != 'default':
                continue
            self.inventory.set_variable(group, name, trust_as_template(value))

    def _populate(self, accounts):
        statuses = [s.lower() for s in self.get_option('status') or []]
        pattern = self.get_option('name_pattern')
        prefix = self.get_option('group_prefix')
        strict = self.get_option('strict')
        everyone = self.inventory.add_group(ALL_GROUP)
        if self.get_option('run_on_controller'):
            self._set_controller_vars(everyone)
        unknown = []
        for account in accounts:
            if pattern and not fnmatch.fnmatchcase(account['name'] or '', pattern):
                continue
            if statuses and account['status'] is None:  # a filter lists only what it can check
                unknown.append(account['id'])
                continue
            if statuses and account['status'] not in statuses:
                continue
            host = self.inventory.add_host(account['id'], group=everyone)
            hostvars = {'boomi_account_id': account['id'], 'boomi_account_name': account['name'],
                        'boomi_account_status': account['status'], 'boomi_account_groups': list(account['groups'])}
            for key, value in hostvars.items():
                self.inventory.set_variable(host, key, value)
            for name in account['groups']:
                group = self.inventory.add_group(prefix + re.sub(r'[^A-Za-z0-9_]', '_', name))
                self.inventory.add_child(group, host)
            self._set_composite_vars(self.get_option('compose'), hostvars, host, strict=strict)
            self._add_host_to_composed_groups(self.get_option('groups'), hostvars, host, strict=strict)
            self._add_host_to_keyed_groups(self.get_option('keyed_groups'), hostvars, host, strict=strict)
        if unknown:
            self.display.warning('boomi.platform.accounts: %d account(s) not listed because no status is known for them, so status %r '
                                 'cannot be checked (the statuses come from the REST Account query, which returns the sub-accounts of the '
                                 'account it acts on, and these are not among them): %s. Set status: [] to list them.'
                                 % (len(unknown), list(statuses), ', '.join(unknown)))

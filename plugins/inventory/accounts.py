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
  - With O(api=graphql) the accounts of the Space are read (C(spaceAccounts)); they have no status, so O(status) does not
    filter them, and their groups are read through REST with the same credentials when those allow it.
  - Use it with C(playbooks/fleet.yml), which sets O(override_account) to each host's C(boomi_account_id), to roll
    integration packs out to every sub-account (see C(docs/fleet.md)).
  - The connection options are those of the modules, with the same C(BOOMI_*) environment variables; credentials are never
    put into host variables.
  - The configuration file's name must end in C(.boomi_accounts.yml) or C(.boomi_accounts.yaml).
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
      - Only accounts with one of these statuses (REST); V([]) keeps every account.
    type: list
    elements: str
    default: [active]
  name_pattern:
    description:
      - Only accounts whose name matches this shell-style pattern (C(fnmatch), case-sensitive), for example V(Acme *).
    type: str
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
compose:
  ansible_connection: "'local'"
"""

import fnmatch
import os
import re

from ansible.errors import AnsibleParserError
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.boomi.platform.plugins.module_utils import connection
from ansible_collections.boomi.platform.plugins.module_utils.client import BoomiClient
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, mask, register_secret
from ansible_collections.boomi.platform.plugins.module_utils.transport import REQUESTS_IMPORT_ERROR


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    """The sub-accounts of a Boomi partner account as hosts."""

    NAME = 'boomi.platform.accounts'

    def verify_file(self, path):
        return super().verify_file(path) and path.endswith(('.boomi_accounts.yml', '.boomi_accounts.yaml'))

    def parse(self, inventory, loader, path, cache=True):
        super().parse(inventory, loader, path, cache)
        given = self.loader.load_from_file(path, cache='none') or {}
        self._read_config_data(path)
        cache_key = self.get_cache_key(path)
        use_cache = self.get_option('cache') and cache
        accounts = None
        if use_cache:
            try:
                accounts = self._cache[cache_key]
            except KeyError:
                accounts = None
        if accounts is None:
            accounts = self._read_accounts(given)
            if self.get_option('cache'):
                self._cache[cache_key] = accounts
        self._populate(accounts)

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

    def _read_accounts(self, given):
        if REQUESTS_IMPORT_ERROR:
            raise AnsibleParserError('the boomi.platform.accounts inventory needs the Python requests library')
        try:
            client = BoomiClient(self._connection_params(given), warn=lambda message: self.display.warning(mask(message)))
            accounts = client.list_accounts()
        except (BoomiError, ValueError, TypeError) as exc:
            raise AnsibleParserError('boomi.platform.accounts: %s' % mask(exc))
        return [{'id': a['id'], 'name': a['name'], 'status': a['status'], 'groups': a['groups']} for a in accounts if a['id']]

    def _populate(self, accounts):
        statuses = [s.lower() for s in self.get_option('status') or []]
        pattern = self.get_option('name_pattern')
        prefix = self.get_option('group_prefix')
        strict = self.get_option('strict')
        for account in accounts:
            if statuses and account['status'] is not None and account['status'] not in statuses:
                continue
            if pattern and not fnmatch.fnmatchcase(account['name'] or '', pattern):
                continue
            host = self.inventory.add_host(account['id'])
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

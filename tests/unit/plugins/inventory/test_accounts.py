# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inventory plugin boomi.platform.accounts against the simulator's partner account (real HTTP)."""

from __future__ import annotations

import json

import pytest

from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import inventory_loader

from ansible_collections.boomi.platform.tests.unit.conftest import ACCOUNT_ID, API_TOKEN, PASSWORD, SPACE_GUID, USERNAME

BOOMI_VARIABLES = ('BOOMI_API', 'BOOMI_ACCOUNT_ID', 'BOOMI_USERNAME', 'BOOMI_PASSWORD', 'BOOMI_API_TOKEN', 'BOOMI_BEARER_TOKEN',
                   'BOOMI_SPACE_GUID', 'BOOMI_API_URL', 'BOOMI_GRAPHQL_URL', 'BOOMI_RATE_LIMIT')


@pytest.fixture
def partner(sim, monkeypatch):
    for name in BOOMI_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    sim.add_sub_accounts(3, prefix='Alpha')
    sim.add_sub_accounts(2, prefix='Beta', status='suspended')
    sim.add_sub_accounts(1, prefix='Gamma', status='trial')
    return sim


def inventory(tmp_path, config, name='partner.boomi_accounts.yml'):
    path = tmp_path / name
    path.write_text(json.dumps(dict({'plugin': 'boomi.platform.accounts'}, **config)))
    plugin = inventory_loader.get('boomi.platform.accounts')
    assert plugin.verify_file(str(path))
    data = InventoryData()
    plugin.parse(data, DataLoader(), str(path), cache=False)
    return plugin, data


def rest(sim, **extra):
    return dict({'api': 'rest', 'account_id': ACCOUNT_ID, 'username': USERNAME, 'password': PASSWORD, 'api_url': sim.url,
                 'rate_limit': 0}, **extra)


def test_active_sub_accounts_become_hosts_with_their_variables(partner, tmp_path):
    _plugin, data = inventory(tmp_path, rest(partner))
    hosts = sorted(data.hosts)
    accounts = {a['accountId']: a for a in partner.accounts.dump()['accounts'] if a['accountId'] != ACCOUNT_ID}
    assert hosts == sorted(i for i, a in accounts.items() if a['status'] == 'active') and len(hosts) == 3
    host = data.hosts[hosts[0]]
    assert host.vars['boomi_account_id'] == hosts[0] and host.vars['boomi_account_status'] == 'active'
    assert host.vars['boomi_account_name'].startswith('Alpha-')
    assert 'All Accounts' in host.vars['boomi_account_groups']
    assert 'boomi_group_All_Accounts' in data.groups and hosts[0] in [h.name for h in data.groups['boomi_group_All_Accounts'].get_hosts()]
    assert not [k for h in data.hosts.values() for k, v in h.vars.items() if PASSWORD in str(v)]


def test_status_name_pattern_and_keyed_groups(partner, tmp_path):
    _plugin, data = inventory(tmp_path, rest(partner, status=['suspended', 'trial'], name_pattern='Beta-*',
                                             keyed_groups=[{'key': 'boomi_account_status', 'prefix': 'status'}]))
    assert len(data.hosts) == 2 and all(h.vars['boomi_account_status'] == 'suspended' for h in data.hosts.values())
    assert 'status_suspended' in data.groups


def test_environment_variables_as_the_modules_read_them(partner, tmp_path, monkeypatch):
    monkeypatch.setenv('BOOMI_ACCOUNT_ID', ACCOUNT_ID)
    monkeypatch.setenv('BOOMI_USERNAME', USERNAME)
    monkeypatch.setenv('BOOMI_API_TOKEN', API_TOKEN)
    monkeypatch.setenv('BOOMI_PASSWORD', '')  # as an AWX credential injects an empty field
    monkeypatch.setenv('BOOMI_API_URL', partner.url)
    monkeypatch.setenv('BOOMI_RATE_LIMIT', '0')
    _plugin, data = inventory(tmp_path, {'status': []})
    assert len(data.hosts) == 6


def test_paging_over_250_accounts(sim, tmp_path, monkeypatch):
    for name in BOOMI_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    sim.add_sub_accounts(250, prefix='Many')
    del sim.log[:]
    _plugin, data = inventory(tmp_path, rest(sim))
    assert len(data.hosts) == 250
    assert [e['operation'] for e in sim.log].count('Account.queryMore') == 2


def test_the_cache_answers_without_a_request(partner, tmp_path):
    config = rest(partner, cache=True, cache_plugin='ansible.builtin.jsonfile', cache_connection=str(tmp_path / 'cache'))
    plugin, data = inventory(tmp_path, config)
    plugin.update_cache_if_changed()  # what ansible's InventoryManager does after parse()
    path = str(tmp_path / 'partner.boomi_accounts.yml')
    del partner.log[:]
    again = InventoryData()
    inventory_loader.get('boomi.platform.accounts').parse(again, DataLoader(), path, cache=True)
    assert sorted(again.hosts) == sorted(data.hosts) and partner.log == []


def test_graphql_space_accounts(partner, tmp_path):
    config = {'api': 'graphql', 'account_id': ACCOUNT_ID, 'username': USERNAME, 'api_token': API_TOKEN, 'space_guid': SPACE_GUID,
              'api_url': partner.url, 'graphql_url': partner.url + '/graphql', 'rate_limit': 0}
    _plugin, data = inventory(tmp_path, config)
    assert len(data.hosts) == 6  # the Space's accounts (no status to filter on)
    assert all(h.vars['boomi_account_status'] is None for h in data.hosts.values())
    assert all('All Accounts' in h.vars['boomi_account_groups'] for h in data.hosts.values())


def test_bad_credentials_fail_with_one_clear_message_and_no_secret(partner, tmp_path):
    with pytest.raises(Exception) as err:
        inventory(tmp_path, rest(partner, password='wrong-password-42'))
    assert 'boomi.platform.accounts' in str(err.value) and 'HTTP 401' in str(err.value)
    assert 'wrong-password-42' not in str(err.value)


ODD_SECRET = 'Pässwort "inv" \\ 42\n'  # non-ASCII, quotes, a backslash and a trailing newline


@pytest.mark.parametrize('api', ('rest', 'graphql'))
@pytest.mark.parametrize('how', ('json_string', 'json', 'text'))
def test_an_error_that_quotes_the_credentials_shows_no_secret(partner, tmp_path, secret_registry, api, how):  # pylint: disable=unused-argument
    """The inventory's error when the first answer (REST query, or the JWT request of GraphQL) quotes the credentials it
    decoded, trimmed, as text or in JSON (escaped once or twice)."""
    if api == 'rest':
        config = rest(partner, password=ODD_SECRET)
    else:
        config = {'api': 'graphql', 'account_id': ACCOUNT_ID, 'username': USERNAME, 'api_token': ODD_SECRET, 'space_guid': SPACE_GUID,
                  'api_url': partner.url, 'graphql_url': partner.url + '/graphql', 'rate_limit': 0}
    partner.set_faults(echo_request={'part': 'credentials', 'quote': how})
    with pytest.raises(Exception) as err:
        inventory(tmp_path, config)
    message = str(err.value)
    assert 'boomi.platform.accounts' in message and 'HTTP 400' in message and USERNAME in message
    trimmed = ODD_SECRET.strip()
    for form in (trimmed, json.dumps(trimmed)[1:-1], json.dumps(json.dumps(trimmed)[1:-1])[1:-1], 'P\\u00e4sswort', 'Pässwort'):
        assert form not in message

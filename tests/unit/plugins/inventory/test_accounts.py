# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inventory plugin boomi.platform.accounts against the simulator's partner account (real HTTP)."""

from __future__ import annotations

import json
import sys

import pytest
import requests

from ansible.errors import AnsibleParserError

from ansible.inventory.data import InventoryData
from ansible.inventory.manager import InventoryManager
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import inventory_loader
from ansible.template import Templar
from ansible.utils.display import Display
from ansible.vars.manager import VariableManager

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


def graphql(sim, **extra):
    return dict({'api': 'graphql', 'account_id': ACCOUNT_ID, 'username': USERNAME, 'api_token': API_TOKEN, 'space_guid': SPACE_GUID,
                 'api_url': sim.url, 'graphql_url': sim.url + '/graphql', 'rate_limit': 0}, **extra)


def test_graphql_space_accounts(partner, tmp_path):
    del partner.log[:]
    _plugin, data = inventory(tmp_path, graphql(partner, status=[]))
    assert len(data.hosts) == 6  # the Space's accounts, suspended ones too: status: [] lists every one
    assert all(h.vars['boomi_account_status'] is None for h in data.hosts.values())  # and does not read their statuses
    assert 'Account.query' not in operations(partner)
    assert all('All Accounts' in h.vars['boomi_account_groups'] for h in data.hosts.values())


def test_bad_credentials_fail_with_one_clear_message_and_no_secret(partner, tmp_path):
    with pytest.raises(Exception) as err:
        inventory(tmp_path, rest(partner, password='wrong-password-42'))
    assert 'boomi.platform.accounts' in str(err.value) and 'HTTP 401' in str(err.value)
    assert 'wrong-password-42' not in str(err.value)


def space_statuses(data):
    return sorted((h.vars['boomi_account_name'].split('-')[0], h.vars['boomi_account_status']) for h in data.hosts.values())


def operations(sim):
    return [e['operation'] for e in sim.log]


def test_graphql_status_filter_holds(partner, tmp_path):
    """spaceAccounts has no status: the filter (the default [active] too) reads the statuses with one REST Account query, so
    the suspended accounts of the Space are not listed (they were, then their tasks failed)."""
    del partner.log[:]
    _plugin, data = inventory(tmp_path, graphql(partner))
    assert space_statuses(data) == [('Alpha', 'active')] * 3
    assert operations(partner).count('Account.query') == 1 and 'Account.get' not in operations(partner)
    _plugin, data = inventory(tmp_path, graphql(partner, status=['suspended', 'trial']))
    assert space_statuses(data) == [('Beta', 'suspended')] * 2 + [('Gamma', 'trial')]


def test_graphql_status_filter_leaves_out_an_account_whose_status_rest_does_not_give(partner, tmp_path, monkeypatch):
    """A Space account that the partner's Account query does not return (here a sub-account of a sub-account) has no known status:
    a status filter cannot vouch for it, so it is not listed, and a warning names it."""
    sub = partner.accounts.sub_accounts(ACCOUNT_ID)[0]
    grandchild = partner.accounts.add_sub_account('Delta Grandchild', parent_id=sub.account_id)
    space_group = [g for g in partner.accounts.dump()['groups'] if g['name'] == 'Acme Group'][0]
    answer = requests.post('%s/api/rest/v1/%s/AccountGroupAccount' % (partner.url, ACCOUNT_ID), auth=(USERNAME, PASSWORD), timeout=10,
                           headers={'Accept': 'application/json'}, json={'accountId': grandchild.account_id, 'accountGroupId': space_group['id']})
    assert answer.status_code == 200, answer.text
    warnings = []
    monkeypatch.setattr(Display, 'warning', lambda self, msg, *args, **kwargs: warnings.append(msg))
    _plugin, data = inventory(tmp_path, graphql(partner))
    assert grandchild.account_id not in data.hosts and len(data.hosts) == 3
    assert [w for w in warnings if grandchild.account_id in w and 'status' in w]
    _plugin, data = inventory(tmp_path, graphql(partner, status=[]))
    assert grandchild.account_id in data.hosts and len(data.hosts) == 7


@pytest.mark.parametrize('status', [None, ['active'], ['suspended', 'trial']])
def test_graphql_with_only_a_bearer_token_refuses_a_status_filter_before_any_request(partner, tmp_path, monkeypatch, status):
    """The statuses come from REST, which a bearer token cannot call: one error naming status, its value and the credentials
    to give, before the Space's accounts are read (status: [] is no way out: their groups are read through REST as well)."""
    config = {'api': 'graphql', 'bearer_token': 'eyJhbGciOiJIUzI1NiJ9.eyJhY2NvdW50IjoieCJ9.c2lnbmF0dXJl', 'space_guid': SPACE_GUID,
              'api_url': partner.url, 'graphql_url': partner.url + '/graphql', 'rate_limit': 0}
    if status is not None:
        config['status'] = status
    del partner.log[:]
    with pytest.raises(AnsibleParserError) as err:
        inventory(tmp_path, config)
    message = str(err.value)
    assert 'status' in message and 'graphql' in message and repr((status or ['active'])[0]) in message
    assert 'bearer_token' in message and 'account_id, username and api_token (or password)' in message
    assert 'eyJhbGciOiJIUzI1NiJ9' not in message
    assert partner.log == []
    # the same with the API inferred from BOOMI_SPACE_GUID (no api option)
    monkeypatch.setenv('BOOMI_SPACE_GUID', SPACE_GUID)
    with pytest.raises(AnsibleParserError, match='bearer_token'):
        inventory(tmp_path, {k: v for k, v in config.items() if k not in ('api', 'space_guid')})
    assert partner.log == []


# -- the cache serves only the configuration that filled it -------------------------------------------------------


def cached_inventory(tmp_path, config, env=None, monkeypatch=None):
    """Parse with the cache on (a jsonfile cache in tmp_path/cache) and save it as ansible's InventoryManager does."""
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    config = dict(config, cache=True, cache_plugin='ansible.builtin.jsonfile', cache_connection=str(tmp_path / 'cache'))
    path = tmp_path / 'partner.boomi_accounts.yml'
    path.write_text(json.dumps(dict({'plugin': 'boomi.platform.accounts', 'status': []}, **config)))
    plugin = inventory_loader.get('boomi.platform.accounts')
    data = InventoryData()
    plugin.parse(data, DataLoader(), str(path), cache=True)
    plugin.update_cache_if_changed()
    return sorted(data.hosts)


def partner_env(sim, **extra):
    return dict({'BOOMI_ACCOUNT_ID': ACCOUNT_ID, 'BOOMI_USERNAME': USERNAME, 'BOOMI_PASSWORD': PASSWORD, 'BOOMI_API_URL': sim.url,
                 'BOOMI_RATE_LIMIT': '0'}, **extra)


def test_the_cache_does_not_serve_another_account(partner, tmp_path, monkeypatch):
    """The same file, the account from BOOMI_ACCOUNT_ID (an AWX credential): each account gets its own hosts."""
    partner_hosts = cached_inventory(tmp_path, {}, partner_env(partner), monkeypatch)
    assert len(partner_hosts) == 6
    sub = partner_hosts[0]  # a sub-account: it has no sub-accounts of its own
    del partner.log[:]
    assert cached_inventory(tmp_path, {}, partner_env(partner, BOOMI_ACCOUNT_ID=sub), monkeypatch) == []
    assert [e['operation'] for e in partner.log if e['operation'].startswith('Account')]
    # and each is then served from its own entry, without a request
    del partner.log[:]
    assert cached_inventory(tmp_path, {}, partner_env(partner), monkeypatch) == partner_hosts
    assert cached_inventory(tmp_path, {}, partner_env(partner, BOOMI_ACCOUNT_ID=sub), monkeypatch) == []
    assert partner.log == []


def test_the_cache_does_not_serve_another_account_refused_or_another_url(partner, tmp_path, monkeypatch):
    partner_hosts = cached_inventory(tmp_path, rest(partner), monkeypatch=monkeypatch)
    assert len(partner_hosts) == 6
    partner.add_foreign_account('Other Partner Co', 'other-partnerco-54B3GM', 'active')
    with pytest.raises(AnsibleParserError, match='HTTP 403'):
        cached_inventory(tmp_path, rest(partner, account_id='other-partnerco-54B3GM'))
    other_url = partner.url.replace('127.0.0.1', 'localhost')
    del partner.log[:]
    assert cached_inventory(tmp_path, rest(partner, api_url=other_url)) == partner_hosts
    assert partner.log, 'another API URL was answered from the cache of the first one'


def test_the_cache_of_a_graphql_run_without_statuses_does_not_serve_a_status_filter(partner, tmp_path, monkeypatch):
    """status: [] reads no status under GraphQL: its cache entry cannot answer a status filter, which reads its own."""
    assert len(cached_inventory(tmp_path, graphql(partner), monkeypatch=monkeypatch)) == 6  # (cached_inventory's status: [])
    del partner.log[:]
    assert len(cached_inventory(tmp_path, graphql(partner, status=['active']))) == 3
    assert operations(partner).count('Account.query') == 1
    del partner.log[:]
    assert len(cached_inventory(tmp_path, graphql(partner, status=['active']))) == 3 and partner.log == []


def test_the_cache_does_not_serve_another_user_with_rejected_credentials(partner, tmp_path, monkeypatch):
    assert len(cached_inventory(tmp_path, {}, partner_env(partner), monkeypatch)) == 6
    with pytest.raises(AnsibleParserError, match='HTTP 401') as err:
        cached_inventory(tmp_path, {}, partner_env(partner, BOOMI_USERNAME='intruder@example.com', BOOMI_PASSWORD='guess-123'),
                         monkeypatch)
    assert 'guess-123' not in str(err.value)


def test_the_cache_key_holds_no_secret_nor_the_user_name(partner, tmp_path, monkeypatch):
    cached_inventory(tmp_path, rest(partner), monkeypatch=monkeypatch)
    cached_inventory(tmp_path, {}, partner_env(partner, BOOMI_PASSWORD='', BOOMI_API_TOKEN=API_TOKEN), monkeypatch)
    files = list((tmp_path / 'cache').iterdir())
    assert files
    for item in files:
        for text in (item.name, item.read_text()):
            assert PASSWORD not in text and API_TOKEN not in text and USERNAME not in text


# -- the hosts are API targets: they run on the controller, with the Python that runs Ansible -----------------------


def host_vars(tmp_path, config, files=None):
    """Each host's variables as a play sees them (InventoryManager and VariableManager, group_vars/host_vars files next to the
    inventory file), with ``ansible_python_interpreter`` rendered."""
    for name, text in (files or {}).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / 'partner.boomi_accounts.yml'
    path.write_text(json.dumps(dict({'plugin': 'boomi.platform.accounts'}, **config)))
    loader = DataLoader()
    manager = InventoryManager(loader=loader, sources=[str(path)])
    variables = VariableManager(loader=loader, inventory=manager)
    found = {}
    for host in manager.get_hosts():
        values = variables.get_vars(host=host)
        if 'ansible_python_interpreter' in values:
            values['ansible_python_interpreter'] = Templar(loader=loader, variables=values).template(values['ansible_python_interpreter'])
        found[host.name] = values
    return found


def test_hosts_run_on_the_controller_with_the_python_of_ansible(partner, tmp_path, monkeypatch):
    monkeypatch.delenv('ANSIBLE_PYTHON_INTERPRETER', raising=False)
    found = host_vars(tmp_path, rest(partner))
    assert len(found) == 3
    for values in found.values():
        assert values['ansible_connection'] == 'local'
        assert values['ansible_python_interpreter'] == sys.executable  # {{ ansible_playbook_python }}, rendered
        assert 'boomi_accounts' in values['group_names']


def test_the_users_interpreter_and_connection_win(partner, tmp_path, monkeypatch):
    monkeypatch.delenv('ANSIBLE_PYTHON_INTERPRETER', raising=False)
    files = {'group_vars/all.yml': 'ansible_python_interpreter: /opt/boomi/bin/python3\nansible_connection: ssh\n'}
    found = host_vars(tmp_path, rest(partner), files)
    assert {(v['ansible_python_interpreter'], v['ansible_connection']) for v in found.values()} == {('/opt/boomi/bin/python3', 'ssh')}
    composed = host_vars(tmp_path / 'compose', rest(partner, compose={'ansible_python_interpreter': "'/usr/local/bin/python3.12'"}))
    assert {v['ansible_python_interpreter'] for v in composed.values()} == {'/usr/local/bin/python3.12'}
    monkeypatch.setenv('ANSIBLE_PYTHON_INTERPRETER', '/opt/configured/python3')
    configured = host_vars(tmp_path / 'configured', rest(partner))
    assert all('ansible_python_interpreter' not in v and v['ansible_connection'] == 'local' for v in configured.values())


def test_run_on_controller_false_sets_neither(partner, tmp_path, monkeypatch):
    monkeypatch.delenv('ANSIBLE_PYTHON_INTERPRETER', raising=False)
    found = host_vars(tmp_path, rest(partner, run_on_controller=False))
    assert len(found) == 3
    assert all('ansible_python_interpreter' not in v and 'ansible_connection' not in v for v in found.values())


ODD_SECRET = 'Pässwort "inv" \\ 42\n'  # non-ASCII, quotes, a backslash and a trailing newline


@pytest.mark.parametrize('api', ('rest', 'graphql'))
@pytest.mark.parametrize('how', ('json_string', 'json', 'text'))
def test_an_error_that_quotes_the_credentials_shows_no_secret(partner, tmp_path, api, how):  # pylint: disable=unused-argument
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

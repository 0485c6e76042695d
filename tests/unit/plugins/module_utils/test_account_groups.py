# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sharing an Integration Pack with account groups (AccountGroupIntegrationPack) through the client, against the simulator.

Both APIs: with ``api: graphql`` the account groups and the shares go through REST with the same credentials (REST_WITH_GRAPHQL).
"""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.module_utils.client import BoomiClient
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiConfigError, BoomiError
from ansible_collections.boomi.platform.plugins.module_utils.names import membership_changes
from ansible_collections.boomi.platform.plugins.module_utils.shares import PackShares
from ansible_collections.boomi.platform.tests.unit.conftest import connection

APIS = ('rest', 'graphql')
SHARE_KEYS = {'id', 'account_group_id', 'account_group_name', 'integration_pack_id', 'integration_pack_name'}


def make(sim, api, warnings=None, **overrides):
    return BoomiClient(connection(sim, api, **overrides), warn=(warnings.append if warnings is not None else None))


def shares(sim):
    """(group id, pack id) of every share the simulator holds."""
    return sorted((s['accountGroupId'], s['integrationPackId']) for s in sim.accounts.dump()['shares'])


def share_writes(sim):
    return [e for e in sim.log if e['write']]


@pytest.mark.parametrize('api', APIS)
def test_share_list_and_unshare(sim, api):
    emea = sim.add_account_group('EMEA')
    client = make(sim, api)
    packs = PackShares(client)
    pack = client.resolve_pack(name='Order Intake')
    groups = packs.resolve_account_groups(['EMEA', 'acme-group-0001', 'EMEA'])
    assert [(g['id'], g['name']) for g in groups] == [(emea['id'], 'EMEA'), ('acme-group-0001', 'Acme Group')]
    assert [g['name'] for g in packs.list_account_groups()] == ['Acme Group', 'All Accounts', 'EMEA']
    assert packs.list_pack_shares(pack['id']) == []

    made = packs.share_pack(pack, emea['id'])
    assert set(made) == SHARE_KEYS
    assert made['account_group_name'] == 'EMEA' and made['integration_pack_name'] == 'Order Intake' and made['id']
    assert shares(sim) == [(emea['id'], pack['id'])]
    listed = packs.list_pack_shares(pack['id'])
    assert listed == [made]
    assert packs.list_pack_shares(pack['id'], ['acme-group-0001']) == []  # filtered by group
    other = client.resolve_pack(name='Salesforce Account Sync')
    assert packs.list_pack_shares(other['id']) == []  # filtered by pack

    packs.unshare_pack(made)
    assert shares(sim) == []
    assert packs.list_pack_shares(pack['id']) == []
    assert [w['outcome'] for w in client.writes] == ['done', 'done']
    # every share call went to REST, whichever the api option; one request per write
    writes = share_writes(sim)
    assert [(e['api'], e['operation']) for e in writes] == [
        ('rest', 'AccountGroupIntegrationPack.create'), ('rest', 'AccountGroupIntegrationPack.delete')]


@pytest.mark.parametrize('api', APIS)
def test_unknown_group_lists_the_known_ones_and_writes_nothing(sim, api):
    sim.add_account_group('EMEA')
    client = make(sim, api)
    packs = PackShares(client)
    with pytest.raises(BoomiError) as caught:
        packs.resolve_account_groups(['EMEA', 'APAC'])
    assert "account_groups: account group 'APAC' not found (known: Acme Group, All Accounts, EMEA)" in str(caught.value)
    assert share_writes(sim) == []


@pytest.mark.parametrize('api', APIS)
def test_lost_answer_of_a_share_makes_exactly_one_share(sim, api):
    emea = sim.add_account_group('EMEA')
    sim.set_faults(drop_after_commit={'operation': 'pack_share', 'count': 1})
    warnings = []
    client = make(sim, api, warnings)
    packs = PackShares(client)
    pack = client.resolve_pack(name='Order Intake')
    made = packs.share_pack(pack, emea['id'])
    assert shares(sim) == [(emea['id'], pack['id'])]  # exactly one: the share was found, not sent again
    assert made['account_group_id'] == emea['id'] and made['id'] == sim.accounts.dump()['shares'][0]['id']
    assert len([e for e in share_writes(sim) if e['operation'] == 'AccountGroupIntegrationPack.create']) == 1
    assert client.writes[-1]['outcome'] == 'done'
    assert any('checking whether the pack is shared with the group' in w for w in warnings), warnings


@pytest.mark.parametrize('api', APIS)
def test_share_refused_because_another_run_made_it_counts_as_done(sim, api):
    emea = sim.add_account_group('EMEA')
    warnings = []
    client = make(sim, api, warnings)
    packs = PackShares(client)
    pack = client.resolve_pack(name='Order Intake')
    current = packs.list_pack_shares(pack['id'])
    to_share, to_unshare = membership_changes(current, [emea['id']], 'account_group_id')
    assert (to_share, to_unshare) == ([emea['id']], [])
    theirs = PackShares(make(sim, 'rest')).share_pack(pack, emea['id'])  # another run, between our read and our write
    after = packs.change_pack_shares(pack, current, to_share, to_unshare)
    assert after == [theirs]
    assert shares(sim) == [(emea['id'], pack['id'])]
    assert client.writes[-1]['outcome'] == 'done by another run'
    assert any('is done: another run did it' in w for w in warnings), warnings


@pytest.mark.parametrize('api', APIS)
def test_unshare_of_a_share_already_gone_counts_as_done(sim, api):
    emea = sim.add_account_group('EMEA')
    client = make(sim, api, [])
    packs = PackShares(client)
    pack = client.resolve_pack(name='Order Intake')
    made = packs.share_pack(pack, emea['id'])
    PackShares(make(sim, 'rest')).unshare_pack(made)  # another run removed it
    packs.unshare_pack(made)
    assert shares(sim) == []
    assert client.writes[-1]['outcome'] == 'done by another run'


@pytest.mark.parametrize('api', APIS)
def test_exclusive_plan_and_check_mode_write_nothing(sim, api):
    emea = sim.add_account_group('EMEA')
    client = make(sim, api)
    packs = PackShares(client)
    pack = client.resolve_pack(name='Order Intake')
    packs.share_pack(pack, 'acme-group-0001')
    del sim.log[:]
    current = packs.list_pack_shares(pack['id'])
    to_share, to_unshare = membership_changes(current, [emea['id']], 'account_group_id', exclusive=True)
    assert to_share == [emea['id']] and [s['account_group_name'] for s in to_unshare] == ['Acme Group']
    predicted = packs.change_pack_shares(pack, current, to_share, to_unshare, check_mode=True)
    assert [(s['id'], s['account_group_name']) for s in predicted] == [(None, 'EMEA')]
    assert share_writes(sim) == []
    after = packs.change_pack_shares(pack, current, to_share, to_unshare)
    assert [s['account_group_name'] for s in after] == ['EMEA'] and after[0]['id']
    assert shares(sim) == [(emea['id'], pack['id'])]
    assert membership_changes(after, [emea['id']], 'account_group_id', state='absent') == ([], after)


def test_graphql_with_only_a_bearer_token_names_the_credentials_before_any_request(sim):
    client = make(sim, 'graphql', username=None, api_token=None, bearer_token='eyJhbGciOiJIUzI1NiJ9.eyJhY2NvdW50IjoieCJ9.c2lnbmF0dXJl')
    packs = PackShares(client)
    with pytest.raises(BoomiConfigError) as caught:
        packs.resolve_account_groups(['EMEA'])
    assert 'AccountGroupIntegrationPack' in str(caught.value) and 'api_token (or password)' in str(caught.value)
    assert sim.log == []

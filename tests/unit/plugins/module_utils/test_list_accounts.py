# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""BoomiClient.list_accounts against the simulator's partner: with ``api: graphql`` the statuses and groups come from REST."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.module_utils.client import BoomiClient
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiConfigError
from ansible_collections.boomi.platform.tests.unit.conftest import connection


def make(sim, api, **overrides):
    return BoomiClient(connection(sim, api, **overrides))


def seen(accounts):
    return [(a['id'], a['name'], a['status'], a['groups']) for a in accounts]


def test_graphql_reads_the_statuses_of_the_space_accounts_with_one_rest_query(sim):
    sim.add_sub_accounts(2, prefix='Alpha')
    sim.add_sub_accounts(2, prefix='Beta', status='suspended')
    expected = seen(make(sim, 'rest').list_accounts())
    assert sorted(a[2] for a in expected) == ['active', 'active', 'suspended', 'suspended']
    client = make(sim, 'graphql')
    del sim.log[:]
    assert seen(client.list_accounts(with_status=True)) == expected
    operations = [e['operation'] for e in sim.log]
    assert operations.count('Account.query') == 1 and not [o for o in operations if o.startswith('Account.') and o != 'Account.query']
    del sim.log[:]
    assert {a['status'] for a in client.list_accounts()} == {None}  # without with_status: spaceAccounts alone, no status read
    assert 'Account.query' not in [e['operation'] for e in sim.log]


@pytest.mark.parametrize('with_groups', [True, False])
def test_graphql_with_only_a_bearer_token_cannot_read_statuses_and_says_so_before_any_request(sim, with_groups):
    sim.add_sub_accounts(1, prefix='Alpha')
    client = make(sim, 'graphql', username=None, api_token=None, bearer_token='eyJhbGciOiJIUzI1NiJ9.eyJhY2NvdW50IjoieCJ9.c2lnbmF0dXJl')
    del sim.log[:]
    with pytest.raises(BoomiConfigError) as err:
        client.list_accounts(with_groups=with_groups, with_status=True)
    assert 'the status of sub-accounts' in str(err.value) and 'api_token (or password)' in str(err.value)
    assert sim.log == []

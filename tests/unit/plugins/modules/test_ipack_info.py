# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack_info: the packs the account publishes, by id, by name or all, through ``main()`` in process (``run_module``) against the
simulator's publisher seed, through both APIs (with ``api: graphql`` through REST); and the client's resolve_publisher_pack."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiInputError
from ansible_collections.boomi.platform.plugins.modules import ipack_info
from ansible_collections.boomi.platform.tests.unit.conftest import ACCOUNT_ID, USERNAME
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import assert_masked, writes
from ansible_collections.boomi.platform.tests.unit.plugins.modules.test_ipack import ESCALATION, SYNC, UNKNOWN, new_pack, package, release


@pytest.fixture
def packs(sim):
    """Three packs: "Helpdesk" (released 1.0 of SYNC, then 1.1 pending, ESCALATION added), "Archive" twice."""
    package(sim, SYNC)
    package(sim, ESCALATION, '2.0')
    helpdesk = new_pack(sim, description='Tickets')
    release(sim, helpdesk['id'])
    package(sim, SYNC, '1.1')
    sim.publisher.update_pack(helpdesk['id'], {'operationType': 'ADD', 'PublisherPackagedComponents': {'PublisherPackagedComponent': [
        {'componentId': SYNC, 'pendingVersion': '1.1'}, {'componentId': ESCALATION}]}})
    archives = [new_pack(sim, name='Archive', installation_type='SINGLE', items=(), description='') for _index in range(2)]
    del sim.log[:]
    return helpdesk, archives


def test_all_packs_sorted_by_name_and_id(sim, run_module, packs, api):
    helpdesk, archives = packs
    failed, result = run_module(ipack_info.main)
    assert not failed and result['changed'] is False and result['api'] == api, result
    found = result['integration_packs']
    assert [p['id'] for p in found] == sorted(p['id'] for p in archives) + [helpdesk['id']]
    assert found[-1] == {
        'id': helpdesk['id'], 'name': 'Helpdesk', 'description': 'Tickets', 'installation_type': 'MULTI',
        'components': [
            {'component_id': SYNC, 'component_name': 'Ticket Sync', 'component_type': 'process', 'current_version': '1.0',
             'pending_version': '1.1', 'latest_version': '1.1', 'deleted': False},
            {'component_id': ESCALATION, 'component_name': 'Ticket Escalation', 'component_type': 'process', 'current_version': None,
             'pending_version': '2.0', 'latest_version': '2.0', 'deleted': False}]}
    assert found[0]['components'] == [] and found[0]['description'] == '' and found[0]['installation_type'] == 'SINGLE'
    assert writes(sim) == [] and {e['api'] for e in sim.log} == {'rest'}
    assert_masked(result)


def test_by_id_by_name_and_both(sim, run_module, packs):
    helpdesk, archives = packs
    assert [p['id'] for p in run_module(ipack_info.main, id=helpdesk['id'])[1]['integration_packs']] == [helpdesk['id']]
    assert [p['id'] for p in run_module(ipack_info.main, name='Archive')[1]['integration_packs']] == sorted(p['id'] for p in archives)
    assert run_module(ipack_info.main, id=helpdesk['id'], name='Archive')[1]['integration_packs'] == []


@pytest.mark.parametrize('options', [{'id': UNKNOWN}, {'name': 'No Such Pack'}, {'name': 'helpdesk'}])
def test_an_unknown_id_or_name_is_an_empty_list(run_module, packs, options):
    failed, result = run_module(ipack_info.main, **options)
    assert not failed and result['integration_packs'] == [], result


def test_check_mode_reads_the_same(sim, run_module, packs):
    assert run_module(ipack_info.main, check_mode=True)[1]['integration_packs'] == run_module(ipack_info.main)[1]['integration_packs']
    assert writes(sim) == []


def test_a_blank_name_is_refused_before_any_request(sim, run_module):
    failed, result = run_module(ipack_info.main, name=' ')
    assert failed and 'name must not be empty or blank' in result['msg'] and sim.log == []


@pytest.mark.parametrize('api', ['graphql'])
def test_a_bearer_token_alone_names_the_credentials_to_add(sim, run_module, api):
    token = sim.jwt.issue(USERNAME, ACCOUNT_ID, 300)
    failed, result = run_module(ipack_info.main, api=api, api_token=None, username=None, bearer_token=token)
    assert failed and 'needs the REST API, which bearer_token cannot call: give account_id, username and api_token' in result['msg']
    assert token not in str(result) and sim.log == []


# -- the client's resolve_publisher_pack (ipack_release's lookup) --------------------------------------------------------------------
def test_resolve_publisher_pack(sim, client, packs):
    helpdesk, archives = packs
    assert client.resolve_publisher_pack(name='Helpdesk')['id'] == helpdesk['id']
    assert client.resolve_publisher_pack(pack_id=archives[0]['id'])['name'] == 'Archive'
    with pytest.raises(BoomiInputError) as unknown:
        client.resolve_publisher_pack(name='Nope')
    assert str(unknown.value).endswith("integration_pack_name 'Nope': the account publishes no integration pack with this name (its packs: "
                                       "Archive, Helpdesk)")
    with pytest.raises(BoomiInputError) as twice:
        client.resolve_publisher_pack(name='Archive', option='name')
    assert "name 'Archive' is ambiguous: 2 integration packs the account publishes have this name (ids " in str(twice.value)
    assert str(twice.value).endswith('; use id')
    with pytest.raises(BoomiInputError) as by_id:
        client.resolve_publisher_pack(pack_id=UNKNOWN)
    assert "integration_pack_id '%s': the account publishes no integration pack with this id" % UNKNOWN in str(by_id.value)
    assert writes(sim) == []


def test_resolve_publisher_pack_reads_the_packs_once_for_an_unknown_name(sim, client, packs):
    """The error for an unknown name lists the account's packs from the same read: one QUERY, not a second one for the list."""
    del sim.log[:]
    with pytest.raises(BoomiInputError) as unknown:
        client.resolve_publisher_pack(name='Nope')
    assert str(unknown.value).endswith('(its packs: Archive, Helpdesk)')
    assert [e['operation'] for e in sim.log] == ['PublisherIntegrationPack.query']

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack_account_group: its ``main()`` in process against the simulator (the partner account), through both APIs.

With GraphQL the pack is looked up through GraphQL and the account groups and shares through REST (REST_WITH_GRAPHQL).
"""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.modules.ipack_account_group import main
from ansible_collections.boomi.platform.tests.unit.conftest import API_TOKEN, PASSWORD
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import ORDER_INTAKE, writes
from ansible_collections.boomi.platform.tests.unit.plugins.modules.module_faults import refuse_writes_after

SHARE_KEYS = {'id', 'account_group_id', 'account_group_name', 'integration_pack_id', 'integration_pack_name'}
SHARE, UNSHARE = 'AccountGroupIntegrationPack.create', 'AccountGroupIntegrationPack.delete'


def shares(sim):
    """(group name, pack name) of every share the simulator holds."""
    dump = sim.accounts.dump()
    groups = {g['id']: g['name'] for g in dump['groups']}
    packs = {p['id']: p['name'] for p in sim.state.packs.values()}
    return sorted((groups[s['accountGroupId']], packs[s['integrationPackId']]) for s in dump['shares'])


def test_share_rerun_exclusive_absent(sim, api, run_module):
    emea = sim.add_account_group('EMEA')
    sim.add_account_group('APAC')
    failed, made = run_module(main, integration_pack_name='Order Intake', account_groups=['EMEA', 'Acme Group'], _ansible_diff=True)
    assert not failed and made['changed'] is True, made
    assert made['shared'] == ['Acme Group', 'EMEA'] and made['unshared'] == []
    assert [s['account_group_name'] for s in made['shares']] == ['Acme Group', 'EMEA']
    for item in made['shares']:
        assert set(item) == SHARE_KEYS, item
        assert item['id'] and item['integration_pack_id'] == ORDER_INTAKE and item['integration_pack_name'] == 'Order Intake'
    assert made['shares'][1]['account_group_id'] == emea['id'] and made['shares'][0]['account_group_id'] == 'acme-group-0001'
    assert made['diff'] == {'before': {'account_groups': []}, 'after': {'account_groups': ['Acme Group', 'EMEA']}}
    assert [w[0] for w in writes(sim)] == [SHARE, SHARE]
    # REST runs talk only REST; GraphQL runs look the pack up through GraphQL and the groups and shares through REST
    assert {e['api'] for e in sim.log if e['operation'].startswith('AccountGroup')} == {'rest'}
    assert made['api'] == api

    del sim.log[:]
    failed, again = run_module(main, integration_pack_id=ORDER_INTAKE, account_groups=[emea['id'], 'Acme Group'])
    assert not failed and again['changed'] is False and again['shared'] == [] and again['unshared'] == []
    assert again['shares'] == made['shares'] and writes(sim) == []

    failed, exclusive = run_module(main, integration_pack_name='Order Intake', account_groups=['EMEA'], exclusive=True, _ansible_diff=True)
    assert not failed and exclusive['changed'] is True
    assert exclusive['shared'] == [] and exclusive['unshared'] == ['Acme Group'] and exclusive['shares'] == [made['shares'][1]]
    assert exclusive['diff'] == {'before': {'account_groups': ['Acme Group', 'EMEA']}, 'after': {'account_groups': ['EMEA']}}
    assert [w[0] for w in writes(sim)] == [UNSHARE]
    assert run_module(main, integration_pack_name='Order Intake', account_groups=['EMEA'], exclusive=True)[1]['changed'] is False

    del sim.log[:]
    failed, absent = run_module(main, integration_pack_name='Order Intake', account_groups=['EMEA', 'Acme Group'], state='absent')
    assert not failed and absent['changed'] is True and absent['unshared'] == ['EMEA'] and absent['shares'] == []
    assert [w[0] for w in writes(sim)] == [UNSHARE]
    assert run_module(main, integration_pack_name='Order Intake', account_groups=['EMEA'], state='absent')[1]['changed'] is False
    assert [w[0] for w in writes(sim)] == [UNSHARE] and shares(sim) == []


def test_check_mode_predicts_and_writes_nothing(sim, run_module):
    sim.add_account_group('EMEA')
    run_module(main, integration_pack_name='Order Intake', account_groups=['Acme Group'])
    before = shares(sim)
    assert before == [('Acme Group', 'Order Intake')]
    del sim.log[:]
    failed, result = run_module(main, check_mode=True, integration_pack_name='Order Intake', account_groups=['EMEA'], exclusive=True,
                                _ansible_diff=True)
    assert not failed and result['changed'] is True
    assert result['shared'] == ['EMEA'] and result['unshared'] == ['Acme Group']
    assert [(s['id'], s['account_group_name']) for s in result['shares']] == [(None, 'EMEA')]
    assert result['diff'] == {'before': {'account_groups': ['Acme Group']}, 'after': {'account_groups': ['EMEA']}}
    assert writes(sim) == [] and shares(sim) == before


@pytest.mark.parametrize('pending', [None, ''])
def test_check_mode_predicts_for_a_pack_an_earlier_task_would_create(sim, run_module, pending):
    """``integration_pack_id: "{{ pack.integration_pack.id }}"`` after a check-mode ipack that would create the pack (id null):
    the shares are predicted from the groups alone; the groups are still looked up; outside check mode it is an error."""
    sim.add_account_group('EMEA')
    failed, result = run_module(main, check_mode=True, integration_pack_id=pending, account_groups=['EMEA', 'Acme Group'],
                                _ansible_diff=True)
    assert not failed and result['changed'] is True, result
    assert result['shared'] == ['Acme Group', 'EMEA'] and result['unshared'] == []
    assert [(s['id'], s['account_group_name'], s['integration_pack_id']) for s in result['shares']] == [
        (None, 'Acme Group', None), (None, 'EMEA', None)]
    assert result['diff'] == {'before': {'account_groups': []}, 'after': {'account_groups': ['Acme Group', 'EMEA']}}
    assert writes(sim) == [] and shares(sim) == []
    failed, result = run_module(main, check_mode=True, integration_pack_id=pending, account_groups=['Nowhere'])
    assert failed and "account group 'Nowhere' not found" in result['msg'], result
    del sim.log[:]
    failed, result = run_module(main, integration_pack_id=pending, account_groups=['EMEA'])
    assert failed and result['msg'].startswith('integration_pack_id is required (null or empty is accepted only in check mode'), result
    assert sim.log == []


def test_a_pack_just_released_is_found_and_shared_with_either_api(sim, api, run_module):
    """The publisher shares the pack it has just released: with GraphQL the pack is in the space only once it is shared with the
    space's account group, so it is looked up through REST (in the publisher's account) like the groups and shares."""
    sync = '5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21'  # "Ticket Sync" of the simulator's publisher seed
    sim.publisher.create_package({'componentId': sync, 'packageVersion': '1.0'})
    pack = sim.publisher.create_pack({'name': 'Helpdesk', 'installationType': 'MULTI',
                                      'PublisherPackagedComponents': {'PublisherPackagedComponent': [{'componentId': sync}]}})
    sim.set_release_config(release_time=0)
    sim.publisher.create_release({'id': pack['id'], 'releaseSchedule': 'IMMEDIATELY'})
    sim.publisher.settle()
    for options in ({'integration_pack_id': pack['id']}, {'integration_pack_name': 'Helpdesk'}):
        failed, result = run_module(main, check_mode=True, account_groups=['Acme Group'], **options)
        assert not failed and result['changed'] is True and result['shares'][0]['integration_pack_name'] == 'Helpdesk', result
    failed, result = run_module(main, integration_pack_name='Helpdesk', account_groups=['Acme Group'])
    assert not failed and result['changed'] is True and result['shared'] == ['Acme Group'], result
    assert shares(sim) == [('Acme Group', 'Helpdesk')]


def test_unknown_group_is_one_error_and_no_write(sim, run_module):
    sim.add_account_group('EMEA')
    failed, result = run_module(main, integration_pack_name='Order Intake', account_groups=['EMEA', 'Nowhere'])
    assert failed and not result.get('changed')
    assert result['msg'] == "account group lookup failed: account_groups: account group 'Nowhere' not found (known: Acme Group, All Accounts, EMEA)"
    assert writes(sim) == [] and shares(sim) == [] and 'writes' not in result


@pytest.mark.parametrize('options, message', [
    ({'account_groups': ['EMEA']}, 'one of the following is required: integration_pack_id, integration_pack_name'),
    ({'integration_pack_name': 'Order Intake', 'integration_pack_id': ORDER_INTAKE},
     'parameters are mutually exclusive: integration_pack_id|integration_pack_name'),
    ({'integration_pack_name': 'Order Intake', 'state': 'gone'}, 'value of state must be one of: present, absent, got: gone'),
    ({'integration_pack_name': 'Order Intake', 'colour': 'blue'}, 'Unsupported parameters for'),
    ({'integration_pack_name': 'Order Intake', 'account_groups': ['EMEA'], 'state': 'absent', 'exclusive': True},
     'exclusive=true is only valid with state=present'),
    ({'integration_pack_name': ' '}, 'integration_pack_name'),
    # YAML reads 1.10 as a number: refused, as ipack_env_attachment refuses it in environments, not turned into '1.1'
    ({'integration_pack_name': 'Order Intake', 'account_groups': ['EMEA', 1.10]},
     "account_groups must be a string, got a number: '1.1' (quote it in YAML, for example \"1.10\")"),
])
def test_bad_options_fail_before_any_request(sim, run_module, options, message):
    failed, result = run_module(main, **options)
    assert failed and message in result['msg'], result['msg']
    assert sim.log == []


def test_a_failed_share_reports_the_writes_made_before_it(sim, run_module, monkeypatch):
    """Boomi refuses the second share: the first one landed, the task fails with changed and that write."""
    sim.add_account_group('EMEA')
    refuse_writes_after(monkeypatch, sim, 1)
    failed, result = run_module(main, max_retries=0, integration_pack_name='Order Intake', account_groups=['Acme Group', 'EMEA'])
    sim.clear_faults()
    assert failed and result['changed'] is True, result
    assert [(w['write'], w['outcome'], w['account_group_id']) for w in result['writes']] == [('share pack', 'done', 'acme-group-0001')]
    assert shares(sim) == [('Acme Group', 'Order Intake')]


def test_a_lost_answer_is_read_back_and_not_sent_twice(sim, run_module):
    sim.set_faults(drop_after_commit={'operation': 'pack_share', 'count': 1})
    failed, result = run_module(main, integration_pack_name='Order Intake', account_groups=['Acme Group'])
    sim.clear_faults()
    assert not failed and result['changed'] is True, result
    assert shares(sim) == [('Acme Group', 'Order Intake')]
    assert [w[0] for w in writes(sim)] == [SHARE]


def test_invocation_masks_the_credentials(sim, api, run_module):
    failed, result = run_module(main, integration_pack_name='Order Intake', account_groups=['Nowhere'])
    assert failed
    shown = result['invocation']['module_args']
    secret = PASSWORD if api == 'rest' else API_TOKEN
    assert secret not in str(result)
    assert shown['password' if api == 'rest' else 'api_token'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'

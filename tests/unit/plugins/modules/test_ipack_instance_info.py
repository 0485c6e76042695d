# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack_instance_info: its ``main()`` in process against the simulator, through both APIs: every filter, the order,
include_processes, check mode, bad input before any request, a refused read retried, the invocation."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.modules.ipack_instance_info import main
from ansible_collections.boomi.platform.tests.unit.conftest import ACCOUNT_ID, API_TOKEN, PASSWORD, USERNAME
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import INVOICE_EXPORT, ORDER_INTAKE, SALESFORCE, writes

SHIPPING_SINGLE = 'cded6cd1-97b7-4c86-a6f9-cfef0aad8d1a'
SHIPPING_MULTI = '9f6f4cf5-eeba-4b47-86f8-44d151887857'  # both named Shipping Notifications
UNKNOWN_ID = 'SW50ZWdyYXRpb25QYWNrSW5zdGFuY2U5OTk5'


def expected(sim, raw):
    """What ``instances[]`` must be for an instance of the simulator's state."""
    pack = sim.state.packs[raw['integrationPackId']]
    return {'id': raw['id'], 'integration_pack_id': pack['id'], 'integration_pack_name': pack['name'],
            'override_name': raw['integrationPackOverrideName'], 'installation_type': pack['installationType'],
            'processes': sorted(({'id': p['id'], 'name': p['name']} for p in raw['processes']), key=lambda p: (p['name'], p['id']))}


@pytest.fixture
def installed(sim):
    """``{label: instance}`` of six instances: two packs share a name, two instances an override name."""
    return {
        'sf': sim.state.install(SALESFORCE),
        'us': sim.state.install(ORDER_INTAKE, 'Order Intake US'),
        'eu': sim.state.install(ORDER_INTAKE, 'Order Intake EU'),
        'inv': sim.state.install(INVOICE_EXPORT, 'Order Intake EU'),  # same override name, other pack
        'ship_single': sim.state.install(SHIPPING_SINGLE),
        'ship_multi': sim.state.install(SHIPPING_MULTI, 'Ship EU'),
    }


def found(run_module, **filters):
    failed, result = run_module(main, **filters)
    assert not failed and result['changed'] is False, result
    return [i['id'] for i in result['instances']]


def test_every_filter(sim, run_module, installed):
    ids = {label: instance['id'] for label, instance in installed.items()}
    failed, everything = run_module(main)
    assert not failed and everything['changed'] is False
    # sorted by pack name, override name, id; a single-install pack (no override name) sorts first
    assert [i['id'] for i in everything['instances']] == [ids[k] for k in ('inv', 'eu', 'us', 'sf', 'ship_single', 'ship_multi')]
    for item in everything['instances']:
        assert item == expected(sim, sim.state.instances[item['id']])
    assert found(run_module, instance_id=ids['eu']) == [ids['eu']]
    assert found(run_module, instance_id=UNKNOWN_ID) == []
    assert found(run_module, integration_pack_id=ORDER_INTAKE) == found(run_module, integration_pack_name='Order Intake') == [ids['eu'], ids['us']]
    assert found(run_module, integration_pack_name='Shipping Notifications') == [ids['ship_single'], ids['ship_multi']]
    assert found(run_module, override_name='Order Intake EU') == [ids['inv'], ids['eu']]
    assert found(run_module, override_name='order intake eu') == []
    assert found(run_module, integration_pack_name='Order Intake', override_name='Order Intake US') == [ids['us']]
    assert found(run_module, integration_pack_name='Invoice Export', override_name='Order Intake US') == []
    assert found(run_module, integration_pack_name='Invoice Export', override_name='Order Intake EU') == [ids['inv']]
    assert found(run_module, instance_id=ids['eu'], integration_pack_id=ORDER_INTAKE) == [ids['eu']]
    assert found(run_module, instance_id=ids['eu'], integration_pack_id=INVOICE_EXPORT) == []
    assert writes(sim) == []


def test_without_processes(sim, api, run_module, installed):
    full = run_module(main)[1]['instances']
    del sim.log[:]
    failed, lean = run_module(main, include_processes=False)
    assert not failed
    assert lean['instances'] == [{k: v for k, v in item.items() if k != 'processes'} for item in full]
    if api == 'graphql':  # include_processes=false saves the per-instance process requests
        assert 'integrationPackInstanceProcesses' not in [e['operation'] for e in sim.log]
    assert len(installed) == 6


def test_check_mode_reads_the_same(sim, run_module, installed):
    failed, result = run_module(main, check_mode=True, override_name='Order Intake EU')
    assert not failed and result['changed'] is False
    assert [i['id'] for i in result['instances']] == [installed['inv']['id'], installed['eu']['id']]
    assert writes(sim) == []


def test_a_refused_read_is_retried(sim, run_module, fake_time, installed):
    sim.set_faults(rate_limit={'every': 2, 'retry_after': 0})
    assert found(run_module, integration_pack_name='Order Intake', include_processes=False) == [installed['eu']['id'], installed['us']['id']]
    assert sim.counts()['rate_limited'] >= 1 and len(fake_time.slept) == sim.counts()['rate_limited']  # each retry waited, on the fake clock


@pytest.mark.parametrize('options, message', [
    ({'include_processes': 'perhaps'}, "argument 'include_processes' is of type"),
    ({'override': 'EU'}, 'Unsupported parameters for'),
    ({'override_name': 'x' * 300}, 'override_name'),
    ({'instance_id': ['a', 'b']}, 'instance_id'),
])
def test_bad_input_fails_before_any_request(sim, run_module, options, message):
    failed, result = run_module(main, **options)
    assert failed and message in result['msg'], result['msg']
    assert sim.log == []


def test_invocation_masks_the_credentials(sim, api, run_module):
    failed, result = run_module(main, integration_pack_name='Order Intake')
    assert not failed
    assert (PASSWORD if api == 'rest' else API_TOKEN) not in str(result)
    assert result['invocation']['module_args']['password' if api == 'rest' else 'api_token'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'


PROD_ATOM_1, PROD_ATOM_2 = 'b8a19c6c-3cc5-4f92-abba-c35b6eee2fb7', '2f5c1e8e-5089-4497-aaed-689510c43fce'


def test_include_atoms_shows_the_runtimes_each_instance_is_attached_to(sim, api, run_module, installed):
    """An account without environments: ``atom_ids`` per instance, read with one REST query (GraphQL has none)."""
    sim.set_uses_environments(False)
    sim.state.attach_atom(installed['eu']['id'], PROD_ATOM_2)
    sim.state.attach_atom(installed['eu']['id'], PROD_ATOM_1)
    sim.state.attach_atom(installed['sf']['id'], PROD_ATOM_1)
    failed, result = run_module(main, include_atoms=True, include_processes=False)
    assert not failed, result
    atoms = {i['id']: i['atom_ids'] for i in result['instances']}
    expected_atoms = {i['id']: [] for i in installed.values()}
    expected_atoms.update({installed['eu']['id']: sorted([PROD_ATOM_1, PROD_ATOM_2]), installed['sf']['id']: [PROD_ATOM_1]})
    assert atoms == expected_atoms
    queries = [e for e in sim.log if e['operation'].startswith('IntegrationPackAtomAttachment')]
    assert len(queries) == 1 and queries[0]['api'] == 'rest'
    # not asked for: no key and no request
    del sim.log[:]
    failed, lean = run_module(main, include_processes=False)
    assert not failed and 'atom_ids' not in lean['instances'][0]
    assert not [e for e in sim.log if 'Atom' in e['operation']]
    assert writes(sim) == []


@pytest.mark.parametrize('api', ['graphql'])
def test_include_atoms_with_a_bearer_token_alone_fails_before_any_request(sim, run_module, installed, api):
    token = sim.jwt.issue(USERNAME, ACCOUNT_ID, 300)
    failed, result = run_module(main, api=api, api_token=None, username=None, bearer_token=token, include_atoms=True)
    assert failed and 'needs the REST API, which bearer_token cannot call' in result['msg'], result
    assert sim.log == [] and token not in str(result) and installed

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Both APIs return the same data: the modules' ``main()`` in process through REST and through GraphQL, for the same state, and
for the same scenario replayed after a reset of the simulator (the playbook runs of tests/integration/test_api_parity.py, moved in
process). Each test talks to both APIs itself (its ``api`` is one value)."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.modules import ipack_env_attachment, ipack_instance, ipack_instance_info, ipack_process_schedule_info
from ansible_collections.boomi.platform.tests.unit.conftest import connection
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import (APIS, OMIT, ORDER_INTAKE, PRODUCTION, SALESFORCE, TEST,
                                                                                    writes)


def through(sim, api):
    """The connection options of ``api`` for run_module, whatever API the test's own is."""
    return {key: OMIT if value is None else value for key, value in connection(sim, api).items()}


def module_result(result):
    """What a module returned, without the invocation and the API it talked to (which differ)."""
    return {k: v for k, v in result.items() if k not in ('invocation', 'api', 'api_reason')}


def canonical_ids(state):
    """Ids that legitimately differ between two replays: wrapper process ids (random) and the schedule ids built on them."""
    names = {}
    for instance in state['instances']:
        for process in instance['processes']:
            if process['wrapperProcessId']:
                names[process['id']] = '<process %s / %s>' % (instance['id'], process['name'])
    for record in state['schedules']:
        names[record['id']] = '<schedule %s / %s>' % (record['atomId'], names.get(record['processId'], record['processId']))
    return names


def canonical(value, names):
    if isinstance(value, dict):
        return {k: canonical(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [canonical(v, names) for v in value]
    if isinstance(value, str):
        return names.get(value, value)
    return value


@pytest.mark.parametrize('api', ['rest'])  # the test runs every read through both APIs itself
def test_same_state_same_answers(sim, run_module):
    sf_id = sim.state.install(SALESFORCE)['id']
    eu_id = sim.state.install(ORDER_INTAKE, 'Order Intake EU')['id']
    sim.state.install(ORDER_INTAKE, 'Order Intake US')
    sim.state.attach(eu_id, [TEST, PRODUCTION])
    sim.state.attach(sf_id, [PRODUCTION])
    reads = [('info', ipack_instance_info.main, {}),
             ('info without processes', ipack_instance_info.main, {'include_processes': False}),
             ('info by pack name and override name', ipack_instance_info.main,
              {'integration_pack_name': 'Order Intake', 'override_name': 'Order Intake EU'}),
             ('schedules of EU', ipack_process_schedule_info.main, {'instance_id': eu_id}),
             ('schedules of EU in Production', ipack_process_schedule_info.main, {'instance_id': eu_id, 'environment': 'Production'}),
             ('schedules of Salesforce Account Sync', ipack_process_schedule_info.main, {'instance_id': sf_id})]
    answers = {}
    for task, main, options in reads:
        rest, graphql = (run_module(main, **dict(options, **through(sim, api)))[1] for api in APIS)
        assert rest['invocation']['module_args']['api'] == 'rest' and graphql['invocation']['module_args']['api'] == 'graphql'
        assert (rest['api'], graphql['api']) == ('rest', 'graphql')
        assert not rest.get('failed') and not graphql.get('failed'), (rest, graphql)
        assert module_result(rest) == module_result(graphql), task
        answers[task] = rest
    assert writes(sim) == []
    assert {e['api'] for e in sim.log} == {'rest', 'graphql', 'jwt'}
    # and the data is not trivially empty
    assert len(answers['info']['instances']) == 3
    assert sum(len(p['schedules']) for p in answers['schedules of EU']['processes']) == 6
    assert sum(len(p['schedules']) for p in answers['schedules of Salesforce Account Sync']['processes']) == 4


@pytest.mark.parametrize('api', ['rest'])  # the test replays the scenario through both APIs itself
def test_same_scenario_same_results_after_reset(sim, run_module):
    outcomes = {}
    for api in APIS:
        sim.reset()
        on = through(sim, api)
        results = []

        def task(name, main, **options):
            failed, result = run_module(main, **dict(options, **on))  # pylint: disable=cell-var-from-loop
            assert not failed, (name, result)
            results.append((name, result))  # pylint: disable=cell-var-from-loop
            return result

        sf = task('install Salesforce Account Sync', ipack_instance.main, integration_pack_name='Salesforce Account Sync')
        eu = task('install Order Intake EU', ipack_instance.main, integration_pack_name='Order Intake', override_name='Order Intake EU')
        task('attach Order Intake EU to Test and Production', ipack_env_attachment.main, instance_id=eu['instance']['id'],
             environments=['Test', 'Production'])
        task('attach Salesforce Account Sync to Production', ipack_env_attachment.main, instance_id=sf['instance']['id'], environments=['Production'])
        task('info', ipack_instance_info.main)
        task('schedules of Order Intake EU', ipack_process_schedule_info.main, instance_id=eu['instance']['id'])
        task('schedules of Salesforce Account Sync in Production', ipack_process_schedule_info.main, instance_id=sf['instance']['id'],
             environment='Production')
        names = canonical_ids(sim.state.dump())
        outcomes[api] = [(name, result['changed'], canonical(module_result(result), names)) for name, result in results]
        assert sum(1 for _name, changed, _result in outcomes[api] if changed) == 4
    for (task_name, *rest), (_task, *graphql) in zip(outcomes['rest'], outcomes['graphql']):
        assert rest == graphql, task_name
    assert [t for t, _c, _r in outcomes['rest']] == [t for t, _c, _r in outcomes['graphql']]
    # the canonicalisation did its job: no random wrapper id is left in what was compared
    eu = outcomes['rest'][1][2]['instance']
    assert [p['id'] for p in eu['processes']] == ['<process %s / Order Intake EU - Acknowledge>' % eu['id'],
                                                  '<process %s / Order Intake EU - INT>' % eu['id']]

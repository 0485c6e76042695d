# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack_instances: plan_items and apply_plan against the simulator, through both APIs."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.module_utils.bulk import WriteFailed
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiInputError
from ansible_collections.boomi.platform.plugins.modules.ipack_instances import apply_plan, converge, plan_items
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import (
    INVOICE_EXPORT, OPERATIONS, ORDER_INTAKE, PRODUCTION, SALESFORCE, SANDBOXES, TEST, attached_to, writes,
)


def item(index, pack_name=None, override_name=None, environments=None, exclusive=False, state='present', pack_id=None):
    """An item as check_items returns it (its text options checked)."""
    return {'where': 'instances[%d]' % index, 'integration_pack_id': pack_id, 'integration_pack_name': pack_name,
            'override_name': override_name, 'environments': environments, 'exclusive': exclusive, 'state': state}


def wanted():
    return [
        item(0, 'Order Intake', 'Keep Me', ['Production'], exclusive=True),
        item(1, 'Order Intake', 'Remove Me', state='absent'),
        item(2, 'Invoice Export', 'New One', ['Test']),
        item(3, 'Salesforce Account Sync', environments=['Test', 'Production']),
        item(4, 'Order Intake', 'Untouched'),
    ]


def summary(result):
    return [(i['name'], i['changed'], i['installed'], i['uninstalled'], i['attached'], i['detached'],
             [a['environment_name'] for a in i['attachments']]) for i in result['instances']]


EXPECTED = [
    ('Order Intake / Keep Me', True, False, False, ['Production'], ['Test'], ['Production']),
    ('Order Intake / Remove Me', True, False, True, [], ['Production', 'Test'], []),
    ('Invoice Export / New One', True, True, False, ['Test'], [], ['Test']),
    ('Salesforce Account Sync', True, True, False, ['Production', 'Test'], [], ['Production', 'Test']),
    ('Order Intake / Untouched', False, False, False, [], [], ['Test']),
]


@pytest.fixture
def account(sim):
    """Three instances: Keep Me (Test), Remove Me (Test, Production), Untouched (Test)."""
    ids = {}
    for name, envs in (('Keep Me', [TEST]), ('Remove Me', [TEST, PRODUCTION]), ('Untouched', [TEST])):
        ids[name] = sim.state.install(ORDER_INTAKE, name)['id']
        sim.state.attach(ids[name], envs)
    return ids


def test_plan_works_out_every_write_without_writing(sim, client, account):
    plan = plan_items(client, wanted())
    steps = [(s['name'], s['install'], s['uninstall'], s['to_attach'], sorted(a['environment_id'] for a in s['to_detach']))
             for s in plan['steps']]
    assert steps == [
        ('Order Intake / Keep Me', False, False, [PRODUCTION], [TEST]),
        ('Order Intake / Remove Me', False, True, [], sorted([TEST, PRODUCTION])),
        ('Invoice Export / New One', True, False, [TEST], []),
        ('Salesforce Account Sync', True, False, [TEST, PRODUCTION], []),
        ('Order Intake / Untouched', False, False, [], []),
    ]
    assert [s['instance']['id'] if s['instance'] else None for s in plan['steps']] == [account['Keep Me'], account['Remove Me'], None, None,
                                                                                       account['Untouched']]
    assert writes(sim) == []


def test_check_mode_predicts_and_writes_nothing(sim, client, account):
    predicted = apply_plan(client, plan_items(client, wanted()), check_mode=True)
    assert summary(predicted) == EXPECTED
    assert [i['id'] for i in predicted['instances']] == [account['Keep Me'], None, None, None, account['Untouched']]
    assert predicted['diff']['before']['Order Intake / Remove Me'] == {'installed': True, 'environments': ['Production', 'Test']}
    assert predicted['diff']['after']['Order Intake / Remove Me'] == {'installed': False, 'environments': []}
    assert writes(sim) == [] and len(sim.state.instances) == 3 and len(sim.state.attachments) == 4


def test_converge_then_nothing_to_do(sim, api, new_client, account):
    done = apply_plan(new_client(), plan_items(new_client(), wanted()))  # two clients: plan and apply need not share one
    assert summary(done) == EXPECTED and done['changed'] is True
    by_name = {(i['integrationPackId'], i['integrationPackOverrideName']): i['id'] for i in sim.state.instances.values()}
    assert sorted(by_name) == sorted([(ORDER_INTAKE, 'Keep Me'), (INVOICE_EXPORT, 'New One'), (SALESFORCE, None), (ORDER_INTAKE, 'Untouched')])
    assert attached_to(sim, by_name[(ORDER_INTAKE, 'Keep Me')]) == [PRODUCTION]
    assert attached_to(sim, by_name[(SALESFORCE, None)]) == sorted([TEST, PRODUCTION])
    assert [i['id'] for i in done['instances']] == [account['Keep Me'], None, by_name[(INVOICE_EXPORT, 'New One')], by_name[(SALESFORCE, None)],
                                                    account['Untouched']]
    ops = [op for op, status in writes(sim)]
    assert ops.count(OPERATIONS['install'][api]) == 2 and ops.count(OPERATIONS['uninstall'][api]) == 1
    assert ops.index(OPERATIONS['detach'][api]) < ops.index(OPERATIONS['uninstall'][api])

    del sim.log[:]
    client = new_client()
    again = converge(client, wanted())
    assert again['changed'] is False and [i['changed'] for i in again['instances']] == [False] * 5
    assert writes(sim) == [] and client.writes == []
    # four reads: REST the packs, environments, instances, attachments; GraphQL a JWT, the packs, instances, environments
    assert len(sim.log) == 4, [e['operation'] for e in sim.log]


def test_every_problem_of_every_item_is_reported_before_any_write(sim, client):
    sim.state.install(SALESFORCE)
    items = [
        item(0, 'Salesforce Account Sync', environments=['Test']),  # fine, but must not be written
        item(1, 'No Such Pack', environments=['Nope']),
        item(2, 'Invoice Export'),
        item(3, 'Order Intake', 'EU', ['Sandbox', 'Test', 'Nope', 'Staging']),
        item(4, pack_id=SALESFORCE, state='absent'),
    ]
    with pytest.raises(BoomiInputError) as failure:
        plan_items(client, items)
    problems = failure.value.result['problems']
    assert problems[0].startswith("instances[1]: integration_pack_name 'No Such Pack': no integration pack has this name"), problems
    assert problems[1:] == [
        "instances[1].environments: environment 'Nope' not found (known: Production, Sandbox, Test)",
        "instances[2]: override_name is required: integration pack 'Invoice Export' (%s) is a MULTI install pack" % INVOICE_EXPORT,
        "instances[3].environments: environment name 'Sandbox' is ambiguous: 2 environments have it (ids %s); use the id" % ', '.join(
            sorted(SANDBOXES)),
        "instances[3].environments: environment 'Nope' not found (known: Production, Sandbox, Test)",
        "instances[3].environments: environment 'Staging' not found (known: Production, Sandbox, Test)",
        "instances[0] and instances[4] describe the same instance (Salesforce Account Sync): give each instance once",
    ]
    assert str(failure.value) == '7 item(s) of instances are wrong, nothing was changed: ' + '; '.join(problems)
    assert writes(sim) == []


def test_nothing_to_do_needs_no_client():
    assert converge(None, []) == {'changed': False, 'instances': [], 'diff': {'before': {}, 'after': {}}}


def lose_attach_answers(sim, api):
    """From now on: the install is answered; the answers of the attaches are lost after the server made them, and the
    read that would tell whether the last one was made is refused (429/503; with max_retries 0 the client gives up).

    REST attaches one environment per request: Test (lost, found by a re-read), Production (lost), re-read (refused).
    GraphQL attaches both in one request: lost, re-read (refused).
    """
    sim.set_faults(drop_after_commit={'operation': 'attach', 'count': 2 if api == 'rest' else 1},
                   rate_limit={'every': 5 if api == 'rest' else 3, 'retry_after': 0})


def test_a_failed_write_reports_every_write_made_and_unknown(sim, api, new_client):
    client = new_client(max_retries=0)
    items = [item(0, 'Order Intake', 'Unit A', ['Test', 'Production'])]
    plan = plan_items(client, items)
    lose_attach_answers(sim, api)
    with pytest.raises(WriteFailed) as failure:
        apply_plan(client, plan)
    sim.clear_faults()
    [instance] = sim.state.instances.values()
    assert attached_to(sim, instance['id']) == sorted([TEST, PRODUCTION])  # every write was made, some answers were lost

    result = failure.value.result
    assert result['changed'] is True
    [partial] = result['instances']
    assert (partial['name'], partial['id'], partial['installed'], partial['changed']) == ('Order Intake / Unit A', instance['id'], True, True)
    if api == 'rest':
        assert partial['attached'] == ['Test']
        assert [a['environment_name'] for a in partial['attachments']] == ['Test']
    else:
        assert partial['attached'] == [] and partial['attachments'] == []
    reports = [(w['item'], w['name'], w['write'], w['outcome'], w['instance_id'], w['environments']) for w in result['writes']]
    known = [('instances[0]', 'Order Intake / Unit A', 'install', 'done', instance['id'], [])]
    if api == 'rest':
        known += [('instances[0]', 'Order Intake / Unit A', 'attach', 'done', instance['id'], ['Test']),
                  ('instances[0]', 'Order Intake / Unit A', 'attach', 'unknown', instance['id'], ['Production'])]
    else:
        known += [('instances[0]', 'Order Intake / Unit A', 'attach', 'unknown', instance['id'], ['Production', 'Test'])]
    assert reports == known
    msg = str(failure.value)
    assert msg.startswith('instances[0]: %s failed: HTTP %d' % ('REST IntegrationPackEnvironmentAttachment.query' if api == 'rest'
                                                                else 'GraphQL environments', 503 if api == 'rest' else 429)), msg
    made = 'installed; attached to Test' if api == 'rest' else 'installed'
    unknown = 'attach to Production' if api == 'rest' else 'attach to Production, Test'
    assert msg.endswith('(changes made before: Order Intake / Unit A (%s); outcome unknown: Order Intake / Unit A (%s))' % (made, unknown)), msg
    assert failure.value.status == (503 if api == 'rest' else 429)


def test_a_failure_after_finished_items_reports_them(sim, api, new_client):
    client = new_client(max_retries=0)
    items = [item(0, 'Salesforce Account Sync', environments=['Test']), item(1, 'Order Intake', 'Unit B')]
    plan = plan_items(client, items)
    # REST: install, attach, install (refused); GraphQL: the same
    sim.set_faults(rate_limit={'every': 3, 'retry_after': 0})
    with pytest.raises(WriteFailed) as failure:
        apply_plan(client, plan, concurrency=1)  # one item after the other: the third request is the second install
    sim.clear_faults()
    result = failure.value.result
    assert result['changed'] is True
    assert [(i['name'], i['installed'], i['attached'], i['changed']) for i in result['instances']] == [
        ('Salesforce Account Sync', True, ['Test'], True), ('Order Intake / Unit B', False, [], False)]
    assert [(w['item'], w['write'], w['outcome']) for w in result['writes']] == [('instances[0]', 'install', 'done'),
                                                                                 ('instances[0]', 'attach', 'done')]
    assert str(failure.value).startswith('instances[1]: ') and str(failure.value).endswith('(changes made before: Salesforce Account Sync)')
    assert writes(sim)[-1] == (OPERATIONS['install'][api], 429 if api == 'graphql' else 503)


def test_items_are_converged_concurrently_in_declared_order(sim, api, new_client):
    """Eight items at once with 200 ms per request: the writes overlap, the results keep the declared order, a re-run writes nothing."""
    items = [item(n, 'Order Intake', 'Unit C%d' % n, environments=['Test', 'Production']) for n in range(8)]
    sim.set_faults(latency=0.2)
    client = new_client()
    result = apply_plan(client, plan_items(client, items), concurrency=4)
    sim.clear_faults()
    assert [i['name'] for i in result['instances']] == ['Order Intake / Unit C%d' % n for n in range(8)]
    assert all(i['installed'] and i['attached'] == ['Production', 'Test'] for i in result['instances'])
    log = [e for e in sim.log if e['write']]
    assert len(log) == (24 if api == 'rest' else 16)
    installs = [e for e in log if e['operation'] in ('IntegrationPackInstance.create', 'integrationPackInstanceInstall')]
    assert installs[3]['time'] - installs[0]['time'] < 0.2  # four installs went out together
    assert {e['context'] for e in client.writes} == set(range(8))
    again = new_client()
    del sim.log[:]
    assert apply_plan(again, plan_items(again, items))['changed'] is False and [e for e in sim.log if e['write']] == []


def test_the_first_reads_go_out_together(sim, api, new_client):
    """With concurrency above 1 the instances, packs (and with REST environments) are read at the same time; the plan is the same."""
    items = [item(0, 'Order Intake', 'Keep Me', ['Production'], exclusive=True), item(1, 'Invoice Export', 'New One', ['Test'])]
    sequential = plan_items(new_client(), items)
    del sim.log[:]
    sim.set_faults(latency=0.2)
    together = plan_items(new_client(), items, concurrency=4)
    sim.clear_faults()
    reads = [e for e in sim.log if e['api'] != 'jwt']
    first = {'rest': {'IntegrationPackInstance.query', 'IntegrationPack.query', 'Environment.query'},
             'graphql': {'integrationPackInstances', 'Space'}}[api]
    assert {e['operation'] for e in reads[:len(first)]} == first, reads
    assert reads[len(first) - 1]['time'] - reads[0]['time'] < 0.15, reads
    assert [e['operation'] for e in sim.log].count('jwt.generate') == (1 if api == 'graphql' else 0)

    def shown(plan):
        return [(s['name'], s['install'], s['to_attach'], [a['id'] for a in s['to_detach']]) for s in plan['steps']], plan['names']
    assert shown(together) == shown(sequential)


@pytest.mark.parametrize('concurrency', [1, 4])
def test_another_runs_new_instance_is_never_seen_without_its_attachments(sim, api, new_client, concurrency):
    """Another run installs and attaches between this run's reads: the plan must not see its instance with stale attachments
    (GraphQL reads the attachments with the environments: they are read after the instances)."""
    ours, theirs = new_client(), new_client()
    items = [item(0, 'Order Intake', 'Race', environments=['Test', 'Production'])]
    read_instances = ours.list_instances

    def other_run_then_read(**kwargs):
        pack = theirs.resolve_pack(name='Order Intake')
        created = theirs.install_instance(pack['id'], 'Race')
        theirs.attach(created['id'], [e['id'] for e in theirs.resolve_environments(['Test', 'Production'])])
        return read_instances(**kwargs)

    ours.list_instances = other_run_then_read
    step = plan_items(ours, items, concurrency=concurrency)['steps'][0]
    assert step['install'] is False and step['to_attach'] == [] and len(step['attachments']) == 2

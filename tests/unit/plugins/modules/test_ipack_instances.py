# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack_instances: plan_items and apply_plan, and the module's ``main()`` in process (``run_module``), against the simulator,
through both APIs."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.module_utils.bulk import WriteFailed
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiInputError
from ansible_collections.boomi.platform.plugins.modules import ipack_instances
from ansible_collections.boomi.platform.plugins.modules.ipack_instances import apply_plan, converge, plan_items
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import (
    INVOICE_EXPORT, OPERATIONS, ORDER_INTAKE, PRODUCTION, PRODUCTION_ATOMS, SALESFORCE, SANDBOXES, TEST, assert_masked, attached_to,
    writes,
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


def test_a_failed_run_with_include_atoms_shows_the_atoms_of_the_attachments_made(sim, api, new_client):
    """include_atoms: the result of a failed run (the items done, the failing one as far as it got) gives each attachment's
    atom_ids as a run that succeeds does."""
    client = new_client(max_retries=0)
    items = [item(0, 'Salesforce Account Sync', environments=['Test']), item(1, 'Order Intake', 'Unit B')]
    plan = plan_items(client, items, include_atoms=True)
    sim.set_faults(rate_limit={'every': 3, 'retry_after': 0})  # install, attach, then the second install is refused
    with pytest.raises(WriteFailed) as failure:
        apply_plan(client, plan, concurrency=1)
    sim.clear_faults()
    test_atoms = sorted(a['id'] for a in sim.state.environments[TEST].get('atoms', []))
    assert test_atoms
    [done, partial] = failure.value.result['instances']
    assert [(a['environment_name'], sorted(a['atom_ids'])) for a in done['attachments']] == [('Test', test_atoms)]
    assert partial['attachments'] == []


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
    # four installs went out together: one after the other, each waiting for the answer of the one before (200 ms at least),
    # the fourth would come 600 ms after the first at the earliest; together they come within a few ms, or a few hundred
    # on a loaded machine
    assert installs[3]['time'] - installs[0]['time'] < 0.5
    assert {e['context'] for e in client.writes} == set(range(8))
    again = new_client()
    del sim.log[:]
    assert apply_plan(again, plan_items(again, items))['changed'] is False and [e for e in sim.log if e['write']] == []


def test_the_first_reads_go_out_together(sim, api, new_client):
    """With concurrency above 1 the instances, packs (and with REST environments) are read at the same time; the plan is the same."""
    items = [item(0, 'Order Intake', 'Keep Me', ['Production'], exclusive=True), item(1, 'Invoice Export', 'New One', ['Test'])]
    sequential = plan_items(new_client(), items)
    del sim.log[:]
    sim.set_faults(latency=0.5)
    together = plan_items(new_client(), items, concurrency=4)
    sim.clear_faults()
    reads = [e for e in sim.log if e['api'] != 'jwt']
    first = {'rest': {'IntegrationPackInstance.query', 'IntegrationPack.query', 'Environment.query'},
             'graphql': {'integrationPackInstances', 'Space'}}[api]
    assert {e['operation'] for e in reads[:len(first)]} == first, reads
    # together: one after the other, the last would come 500 ms after the first at the earliest (one answer's latency)
    assert reads[len(first) - 1]['time'] - reads[0]['time'] < 0.4, reads
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


# -- main() in process (run_module): what the task shows (moved from tests/integration/test_instances_bulk.py) ---------------------
def names_attached(sim):
    """``{(pack name, override name): [environment names]}`` of every instance of the simulator."""
    names = {TEST: 'Test', PRODUCTION: 'Production', SANDBOXES[0]: 'Sandbox', SANDBOXES[1]: 'Sandbox'}
    packs = {ORDER_INTAKE: 'Order Intake', INVOICE_EXPORT: 'Invoice Export', SALESFORCE: 'Salesforce Account Sync'}
    return {(packs[i['integrationPackId']], i['integrationPackOverrideName']): sorted(names[e] for e in attached_to(sim, i['id']))
            for i in sim.state.instances.values()}


MAIN_WANTED = [
    {'integration_pack_name': 'Order Intake', 'override_name': 'Keep Me', 'environments': ['Production'], 'exclusive': True},
    {'integration_pack_name': 'Order Intake', 'override_name': 'Remove Me', 'state': 'absent', 'environments': ['Test']},
    {'integration_pack_name': 'Invoice Export', 'override_name': 'New One', 'environments': ['Test']},
    {'integration_pack_name': 'Salesforce Account Sync', 'environments': ['Test', 'Production']},
    {'integration_pack_name': 'Order Intake', 'override_name': 'Untouched'},
]


@pytest.mark.parametrize('instances, message', [
    ([{'integration_pack_name': 'Order Intake', 'override_name': '  '}], 'instances[0].override_name must not be empty'),
    ([{'integration_pack_name': 'Order Intake\x07'}], 'instances[0].integration_pack_name must not contain control'),
    ([{'integration_pack_name': 'Order Intake', 'override_name': 'X', 'environments': ['']}], 'instances[0].environments must not be empty'),
    ([{'override_name': 'X'}], 'one of the following is required: integration_pack_id, integration_pack_name'),
    ([{'integration_pack_name': 'Order Intake', 'integration_pack_id': ORDER_INTAKE}], 'mutually exclusive'),
    ([{'integration_pack_name': 'Order Intake', 'state': 'gone'}], 'value of state must be one of: present, absent, got: gone'),
    ([{'integration_pack_name': 'Order Intake', 'colour': 'red'}], 'colour'),
])
def test_main_refuses_bad_options_before_any_request(sim, run_module, instances, message):
    failed, result = run_module(ipack_instances.main, instances=instances)
    assert failed and message in result['msg'], result['msg']
    assert result.get('changed', False) is False and sim.log == []
    assert_masked(result)


def test_main_refuses_a_concurrency_out_of_range(sim, run_module):
    failed, result = run_module(ipack_instances.main, instances=[{'integration_pack_name': 'Order Intake', 'override_name': 'X'}], concurrency=0)
    assert failed and 'concurrency' in result['msg'] and sim.log == [], result


def test_main_check_mode_diff_then_apply_then_converged(sim, api, run_module, account):
    before = names_attached(sim)
    failed, predicted = run_module(ipack_instances.main, check_mode=True, diff=True, instances=MAIN_WANTED)
    assert not failed, predicted
    assert writes(sim) == [] and names_attached(sim) == before
    assert summary(predicted) == EXPECTED
    assert [i['id'] for i in predicted['instances']] == [account['Keep Me'], None, None, None, account['Untouched']]
    assert [a['id'] for a in predicted['instances'][2]['attachments']] == [None]  # would be created
    assert predicted['diff']['before']['Order Intake / Remove Me'] == {'installed': True, 'environments': ['Production', 'Test']}
    assert predicted['diff']['after']['Order Intake / Remove Me'] == {'installed': False, 'environments': []}
    assert predicted['diff']['after']['Salesforce Account Sync'] == {'installed': True, 'environments': ['Production', 'Test']}
    assert_masked(predicted)

    failed, done = run_module(ipack_instances.main, instances=MAIN_WANTED)
    assert not failed and summary(done) == EXPECTED, done
    assert names_attached(sim) == {('Order Intake', 'Keep Me'): ['Production'], ('Invoice Export', 'New One'): ['Test'],
                                   ('Salesforce Account Sync', None): ['Production', 'Test'], ('Order Intake', 'Untouched'): ['Test']}
    assert {a['id'] for i in done['instances'] for a in i['attachments']} == set(sim.state.attachments)  # the real attachment ids
    ops = [operation for operation, _status in writes(sim)]
    assert ops.count(OPERATIONS['install'][api]) == 2 and ops.count(OPERATIONS['uninstall'][api]) == 1
    assert ops.index(OPERATIONS['detach'][api]) < ops.index(OPERATIONS['uninstall'][api])  # detached before it is uninstalled

    del sim.log[:]
    failed, again = run_module(ipack_instances.main, instances=MAIN_WANTED)
    assert not failed and again['changed'] is False and [i['changed'] for i in again['instances']] == [False] * 5
    # one read of each: packs, environments, instances, attachments (GraphQL: a JWT, the packs, the instances, the environments,
    # which carry the attachments), for five items
    assert len(sim.log) == 4, [e['operation'] for e in sim.log]


def test_main_check_mode_include_atoms_gives_the_atoms_of_the_environments_the_run_attaches(sim, run_module):
    """What the role checks its schedules by atom_id against (tests/integration/test_role_checks.py): in check mode, an
    attachment the run would make has the Atoms of its environment too; nothing is written."""
    instance_id = sim.state.install(ORDER_INTAKE, 'EU')['id']
    sim.state.attach(instance_id, [TEST])
    test_atoms = sorted(a['id'] for a in sim.state.environments[TEST].get('atoms', []))
    failed, result = run_module(ipack_instances.main, check_mode=True, include_atoms=True, instances=[
        {'integration_pack_name': 'Order Intake', 'override_name': 'EU', 'environments': ['Test', 'Production']}])
    assert not failed and writes(sim) == [], result
    [planned] = result['instances']
    assert planned['id'] == instance_id and planned['attached'] == ['Production']
    assert [(a['environment_name'], a['id'] is None, sorted(a['atom_ids'])) for a in planned['attachments']] == [
        ('Production', True, sorted(PRODUCTION_ATOMS)), ('Test', False, test_atoms)]
    assert test_atoms


def test_main_on_an_account_without_environments_installs_predicted_then_converged(sim, api, run_module):
    """An account that attaches instances to Runtimes (the role's ``atoms``, tests/integration/test_role_atoms.py): ipack_instances
    predicts the installs, makes them, then has nothing to change."""
    sim.set_uses_environments(False)  # the next test's reset turns them back on
    wanted = [{'integration_pack_name': 'Order Intake', 'override_name': 'Role EU'}, {'integration_pack_name': 'Salesforce Account Sync'}]
    failed, predicted = run_module(ipack_instances.main, check_mode=True, instances=wanted)
    assert not failed and writes(sim) == [], predicted
    assert [(i['name'], i['installed'], i['id'], i['attachments']) for i in predicted['instances']] == [
        ('Order Intake / Role EU', True, None, []), ('Salesforce Account Sync', True, None, [])]
    failed, done = run_module(ipack_instances.main, instances=wanted)
    assert not failed and [(i['installed'], i['attachments']) for i in done['instances']] == [(True, [])] * 2, done
    assert [operation for operation, _status in writes(sim)] == [OPERATIONS['install'][api]] * 2
    assert sorted(i['id'] for i in done['instances']) == sorted(sim.state.instances)
    del sim.log[:]
    failed, again = run_module(ipack_instances.main, instances=wanted)
    assert not failed and again['changed'] is False and writes(sim) == [], again


def test_main_bad_items_are_all_reported_and_nothing_is_written(sim, run_module):
    sim.state.install(SALESFORCE)
    instances = [
        {'integration_pack_name': 'Salesforce Account Sync', 'environments': ['Test']},  # fine, but must not be written
        {'integration_pack_name': 'No Such Pack'},
        {'integration_pack_name': 'Invoice Export'},
        {'integration_pack_name': 'Order Intake', 'override_name': 'EU', 'environments': ['Staging']},
        {'integration_pack_name': 'Order Intake', 'override_name': 'Two', 'environments': ['Sandbox', 'Test', 'Nope']},
        {'integration_pack_id': SALESFORCE, 'state': 'absent'},
    ]
    failed, result = run_module(ipack_instances.main, instances=instances)
    assert failed and writes(sim) == [] and result.get('changed', False) is False
    assert result['msg'].startswith('6 item(s) of instances are wrong, nothing was changed: '), result['msg']
    assert result['problems'][0].startswith("instances[1]: integration_pack_name 'No Such Pack': no integration pack has this name")
    assert result['problems'][1:] == [
        "instances[2]: override_name is required: integration pack 'Invoice Export' (%s) is a MULTI install pack" % INVOICE_EXPORT,
        "instances[3].environments: environment 'Staging' not found (known: Production, Sandbox, Test)",
        "instances[4].environments: environment name 'Sandbox' is ambiguous: 2 environments have it (ids %s); use the id"
        % ', '.join(sorted(SANDBOXES)),
        "instances[4].environments: environment 'Nope' not found (known: Production, Sandbox, Test)",  # every problem of the item
        "instances[0] and instances[5] describe the same instance (Salesforce Account Sync): give each instance once",
    ]
    assert result['problem_count'] == 6


def test_main_a_failed_write_reports_what_was_done_and_a_rerun_finishes(sim, api, run_module):
    instances = [{'integration_pack_name': 'Salesforce Account Sync'}, {'integration_pack_name': 'Order Intake', 'override_name': 'A'},
                 {'integration_pack_name': 'Order Intake', 'override_name': 'B'}]
    # the reads are 3 requests (REST: packs, environments, instances) or 4 (GraphQL: and a JWT); the next one is the first
    # install, the one after it the second install (concurrency 1: one item after the other): refused, and with
    # max_retries 0 not retried
    sim.set_faults(rate_limit={'every': 5 if api == 'rest' else 6})
    failed, result = run_module(ipack_instances.main, instances=instances, max_retries=0, concurrency=1)
    sim.clear_faults()
    assert failed and result['changed'] is True, result
    assert result['msg'].startswith('instances[1]: ') and '(changes made before: Salesforce Account Sync)' in result['msg'], result['msg']
    # the items done, then the failing one as far as it got (nothing: its install was refused)
    assert [(i['name'], i['installed'], i['changed']) for i in result['instances']] == [
        ('Salesforce Account Sync', True, True), ('Order Intake / A', False, False)]
    assert [(w['item'], w['write'], w['outcome']) for w in result['writes']] == [('instances[0]', 'install', 'done')]
    # the first install went through; the second was refused (429/503) and not sent again
    assert writes(sim) == [(OPERATIONS['install'][api], 200), (OPERATIONS['install'][api], 429 if api == 'graphql' else 503)]
    assert_masked(result)

    failed, rerun = run_module(ipack_instances.main, instances=instances)
    assert not failed and [i['installed'] for i in rerun['instances']] == [False, True, True], rerun
    assert sorted(names_attached(sim)) == [('Order Intake', 'A'), ('Order Intake', 'B'), ('Salesforce Account Sync', None)]


def test_main_a_failed_write_among_concurrent_items_reports_every_write_made(sim, api, run_module):
    """Four items converge at once (the default concurrency); one of their writes is refused and not retried.

    Which write meets the refusal depends on the threads' timing, so the test checks what holds whatever it is: the failure
    reports as made exactly the writes the account shows, the simulator committed nothing else, and a re-run finishes
    without a duplicate.
    """
    instances = [{'integration_pack_name': 'Order Intake', 'override_name': 'C%d' % n, 'environments': ['Test']} for n in range(1, 5)]
    sim.set_faults(rate_limit={'every': 7 if api == 'rest' else 8})  # the 4th request after the reads (and a JWT)
    failed, result = run_module(ipack_instances.main, instances=instances, max_retries=0)
    sim.clear_faults()
    assert failed and result['changed'] is True and result['msg'].startswith('instances['), result
    names = {i['id']: 'Order Intake / %s' % i['integrationPackOverrideName'] for i in sim.state.instances.values()}
    made = sorted((w['name'], w['write'], tuple(w['environments'])) for w in result['writes'] if w['outcome'] == 'done')
    shown = sorted([(names[i], 'install', ()) for i in names]
                   + [(names[a['integrationPackInstanceId']], 'attach', ('Test',)) for a in sim.state.attachments.values()])
    assert made == shown, (made, shown, result['msg'])
    assert len([w for w in writes(sim) if w[1] == 200]) == len(made)
    assert [w['outcome'] for w in result['writes']] == ['done'] * len(made)

    failed, rerun = run_module(ipack_instances.main, instances=instances)
    assert not failed and rerun['changed'] is True, rerun
    assert sorted(names_attached(sim)) == [('Order Intake', 'C%d' % n) for n in range(1, 5)]
    assert len(sim.state.instances) == 4 and len(sim.state.attachments) == 4
    del sim.log[:]
    failed, again = run_module(ipack_instances.main, instances=instances)
    assert not failed and writes(sim) == []


def test_main_a_failed_run_reports_the_writes_it_made_and_those_it_cannot_tell(sim, api, run_module):
    """Install answered, the attachments' answers lost after the server made them, and the re-read that would tell refused.

    REST sends one attach per environment: Test (answer lost, the re-read finds it made), Production (answer lost, the
    re-read refused: max_retries 0). GraphQL attaches both in one request: answer lost, the re-read refused. Reads before:
    REST the packs, environments, instances (3); GraphQL a JWT, the packs, environments, instances (4).
    """
    instances = [{'integration_pack_name': 'Order Intake', 'override_name': 'Lost A', 'environments': ['Test', 'Production']}]
    sim.set_faults(drop_after_commit={'operation': 'attach', 'count': 2 if api == 'rest' else 1},
                   rate_limit={'every': 8 if api == 'rest' else 7, 'retry_after': 0})
    failed, result = run_module(ipack_instances.main, instances=instances, max_retries=0)
    sim.clear_faults()
    assert failed and result['changed'] is True, result
    [instance_id] = list(sim.state.instances)
    assert attached_to(sim, instance_id) == sorted([TEST, PRODUCTION])
    assert writes(sim) == [(OPERATIONS['install'][api], 200)] + [(OPERATIONS['attach'][api], 0)] * (2 if api == 'rest' else 1)
    [partial] = result['instances']
    assert (partial['name'], partial['id'], partial['installed'], partial['changed']) == ('Order Intake / Lost A', instance_id, True, True)
    assert partial['attached'] == (['Test'] if api == 'rest' else [])
    reported = [(w['item'], w['write'], w['outcome'], w['instance_id'], w['environments']) for w in result['writes']]
    expected = [('instances[0]', 'install', 'done', instance_id, [])]
    if api == 'rest':
        expected += [('instances[0]', 'attach', 'done', instance_id, ['Test']), ('instances[0]', 'attach', 'unknown', instance_id, ['Production'])]
    else:
        expected += [('instances[0]', 'attach', 'unknown', instance_id, ['Production', 'Test'])]
    assert reported == expected
    made = 'installed; attached to Test' if api == 'rest' else 'installed'
    unknown = 'attach to Production' if api == 'rest' else 'attach to Production, Test'
    assert result['msg'].endswith('(changes made before: Order Intake / Lost A (%s); outcome unknown: Order Intake / Lost A (%s))'
                                  % (made, unknown)), result['msg']
    assert result['status'] == (503 if api == 'rest' else 429)
    assert_masked(result)

    del sim.log[:]
    failed, rerun = run_module(ipack_instances.main, instances=instances)
    assert not failed and rerun['changed'] is False and writes(sim) == [], rerun


def test_main_a_controller_gone_mid_run_stops_the_writes_and_reports_those_made(sim, api, run_module, monkeypatch):
    """The module's ControllerWatch (what a killed ansible-playbook or a cancelled AWX job trips) is asked before every write,
    whatever the API: once it says the controller is gone, no further write is sent, and the failed task reports the writes
    made before. (The real SIGKILL of ansible-playbook: tests/integration/test_concurrency.py, on one API.)"""
    from ansible_collections.boomi.platform.plugins.module_utils import common  # pylint: disable=import-outside-toplevel
    asked = []

    class GoneAfterTwoWrites(common.ControllerWatch):
        def gone(self):
            asked.append(True)
            return len(asked) > 2

    monkeypatch.setattr(common, 'ControllerWatch', GoneAfterTwoWrites)
    instances = [{'integration_pack_name': 'Order Intake', 'override_name': 'Gone %d' % n, 'environments': ['Test']} for n in range(3)]
    failed, result = run_module(ipack_instances.main, instances=instances, concurrency=1)
    assert failed and result['changed'] is True, result
    assert 'the Ansible controller that started this task is gone' in result['msg'], result['msg']
    assert writes(sim) == [(OPERATIONS['install'][api], 200), (OPERATIONS['attach'][api], 200)]
    assert [(w['write'], w['outcome']) for w in result['writes']] == [('install', 'done'), ('attach', 'done')], result['writes']
    assert len(sim.state.instances) == 1 and len(sim.state.attachments) == 1

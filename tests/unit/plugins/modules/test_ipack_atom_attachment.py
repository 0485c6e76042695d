# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack_atom_attachment: its ``main()`` in process (``run_module``) and its planning function, against the simulator on an
account without environments, through both APIs (GraphQL has no Atom attachments: the calls go to REST with the same
credentials)."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError
from ansible_collections.boomi.platform.plugins.modules import ipack_atom_attachment
from ansible_collections.boomi.platform.plugins.modules.ipack_atom_attachment import apply_atom_attachments, plan_atom_attachments
from ansible_collections.boomi.platform.tests.unit.conftest import ACCOUNT_ID, USERNAME
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import ORDER_INTAKE, assert_masked, warnings_of, writes

PROD_ATOM_1 = 'b8a19c6c-3cc5-4f92-abba-c35b6eee2fb7'
PROD_ATOM_2 = '2f5c1e8e-5089-4497-aaed-689510c43fce'
TEST_ATOM = '83af9ff8-c60c-4a8a-8b9a-c4dfdbb303f1'
UNKNOWN_INSTANCE = 'SW50ZWdyYXRpb25QYWNrSW5zdGFuY2U5OTk5'
ATTACH, DETACH = 'IntegrationPackAtomAttachment.create', 'IntegrationPackAtomAttachment.delete'
KNOWN = 'known: Prod Atom 1, Prod Atom 2, Sandbox Atom A, Sandbox Atom B, Test Atom'


def main():
    ipack_atom_attachment.main()


def on_atoms(sim, instance_id):
    """The sorted Runtime IDs the simulator has the instance attached to."""
    return sorted(a['atomId'] for a in sim.state.atom_attachments.values() if a['integrationPackInstanceId'] == instance_id)


def rest_only(sim):
    """Every write of the run, and every read of Runtimes and their attachments, went to the REST API (GraphQL has none)."""
    ours = [e for e in sim.log if e['write'] or 'Atom' in e['operation']]
    return bool(ours) and {e['api'] for e in ours} == {'rest'}


@pytest.fixture
def instance_id(sim):
    """An instance on the seed account, switched to "no environments"."""
    sim.set_uses_environments(False)
    return sim.state.install(ORDER_INTAKE, 'Unit EU')['id']


def test_attach_by_name_and_id_then_no_change(sim, run_module, instance_id):
    failed, result = run_module(main, diff=True, instance_id=instance_id, atoms=['Prod Atom 2', PROD_ATOM_1])
    assert not failed and result['changed'] is True, result
    assert on_atoms(sim, instance_id) == sorted([PROD_ATOM_1, PROD_ATOM_2])
    assert result['attached'] == ['Prod Atom 1', 'Prod Atom 2'] and result['detached'] == []
    assert [(a['atom_name'], a['atom_id'], a['instance_id']) for a in result['attachments']] == [
        ('Prod Atom 1', PROD_ATOM_1, instance_id), ('Prod Atom 2', PROD_ATOM_2, instance_id)]
    assert sorted(a['id'] for a in result['attachments']) == sorted(sim.state.atom_attachments)  # the real attachment IDs
    assert result['diff'] == {'before': {'atoms': []}, 'after': {'atoms': ['Prod Atom 1', 'Prod Atom 2']}}
    assert writes(sim) == [(ATTACH, 200)] * 2 and rest_only(sim)
    assert_masked(result)

    del sim.log[:]
    failed, again = run_module(main, instance_id=instance_id, atoms=[PROD_ATOM_2, 'Prod Atom 1'])
    assert not failed and again['changed'] is False and again['attached'] == [] and again['attachments'] == result['attachments']
    assert writes(sim) == []


def test_exclusive_detaches_the_atoms_not_listed(sim, run_module, instance_id):
    sim.state.attach_atom(instance_id, PROD_ATOM_1)
    sim.state.attach_atom(instance_id, TEST_ATOM)
    failed, result = run_module(main, instance_id=instance_id, atoms=['Prod Atom 1', 'Prod Atom 2'], exclusive=True)
    assert not failed and result['changed'] is True, result
    assert (result['attached'], result['detached']) == (['Prod Atom 2'], ['Test Atom'])
    assert on_atoms(sim, instance_id) == sorted([PROD_ATOM_1, PROD_ATOM_2])
    assert writes(sim) == [(DETACH, 200), (ATTACH, 200)]


def test_detach_then_already_detached(sim, run_module, instance_id):
    sim.state.attach_atom(instance_id, PROD_ATOM_1)
    sim.state.attach_atom(instance_id, PROD_ATOM_2)
    failed, result = run_module(main, diff=True, instance_id=instance_id, atoms=['Prod Atom 1'], state='absent')
    assert not failed and result['changed'] is True and result['detached'] == ['Prod Atom 1'], result
    assert on_atoms(sim, instance_id) == [PROD_ATOM_2]
    assert result['diff'] == {'before': {'atoms': ['Prod Atom 1', 'Prod Atom 2']}, 'after': {'atoms': ['Prod Atom 2']}}
    del sim.log[:]
    failed, again = run_module(main, instance_id=instance_id, atoms=['Prod Atom 1'], state='absent')
    assert not failed and again['changed'] is False and writes(sim) == []


def test_check_mode_predicts_and_writes_nothing(sim, run_module, instance_id):
    sim.state.attach_atom(instance_id, TEST_ATOM)
    failed, result = run_module(main, check_mode=True, diff=True, instance_id=instance_id, atoms=['Prod Atom 1'], exclusive=True)
    assert not failed and result['changed'] is True, result
    assert (result['attached'], result['detached']) == (['Prod Atom 1'], ['Test Atom'])
    assert [(a['id'], a['atom_id'], a['atom_name']) for a in result['attachments']] == [(None, PROD_ATOM_1, 'Prod Atom 1')]
    assert result['diff'] == {'before': {'atoms': ['Test Atom']}, 'after': {'atoms': ['Prod Atom 1']}}
    # an instance that an earlier check-mode task would install: instance_id empty, every Runtime would be attached
    failed, pending = run_module(main, check_mode=True, instance_id='', atoms=['Test Atom', 'Prod Atom 2'])
    assert not failed and pending['changed'] is True and pending['attached'] == ['Prod Atom 2', 'Test Atom'], pending
    assert writes(sim) == [] and on_atoms(sim, instance_id) == [TEST_ATOM]


@pytest.mark.parametrize('atoms, message', [
    (['Prod Atom 1', 'Staging Atom'], "atoms: Atom 'Staging Atom' not found (%s)" % KNOWN),
    (['prod atom 1'], "atoms: Atom 'prod atom 1' not found"),  # names are exact
    (['11111111-2222-3333-4444-555555555555'], "atoms: Atom '11111111-2222-3333-4444-555555555555' not found"),
])
def test_an_unknown_atom_fails_before_any_write(sim, run_module, instance_id, atoms, message):
    failed, result = run_module(main, instance_id=instance_id, atoms=atoms)
    assert failed and message in result['msg'], result['msg']
    assert result.get('changed', False) is False and writes(sim) == [] and on_atoms(sim, instance_id) == []


def test_an_ambiguous_atom_name_fails_before_any_write(sim, client, instance_id):
    sim.state.environments[next(iter(sim.state.environments))]['atoms'].append({'id': 'c0ffee00-0000-4000-8000-000000000001', 'name': 'Prod Atom 1'})
    with pytest.raises(BoomiError) as failure:
        plan_atom_attachments(client, instance_id, ['Prod Atom 1'])
    assert "atoms: Atom name 'Prod Atom 1' is ambiguous: 2 Atoms have it" in str(failure.value) and 'use the id' in str(failure.value)
    assert apply_atom_attachments(client, plan_atom_attachments(client, instance_id, [PROD_ATOM_1]))['attached'] == ['Prod Atom 1']


def test_an_unknown_instance_fails_before_any_write(sim, run_module, instance_id):
    failed, result = run_module(main, instance_id=UNKNOWN_INSTANCE, atoms=['Prod Atom 1'])
    assert failed and result['msg'] == "instance_id %r: no such integration pack instance" % UNKNOWN_INSTANCE, result
    assert writes(sim) == [] and instance_id


@pytest.mark.parametrize('options, message', [
    ({'atoms': ['Prod Atom 1']}, 'missing required arguments: instance_id'),
    ({'instance_id': 'i-1', 'atoms': ['Prod Atom 1'], 'state': 'gone'}, 'value of state must be one of: present, absent, got: gone'),
    ({'instance_id': 'i-1', 'atoms': ['Prod Atom 1'], 'exclusive': 'maybe'}, 'exclusive'),
    ({'instance_id': 'i-1', 'atoms': ['Prod Atom 1'], 'environments': ['Test']}, 'Unsupported parameters for'),
    ({'instance_id': 'i-1', 'atoms': ['Prod Atom 1'], 'state': 'absent', 'exclusive': True}, 'exclusive=true is only valid with state=present'),
    ({'instance_id': 'i-1', 'atoms': ['  ']}, 'atoms must not be empty or blank'),
    ({'instance_id': 'i-1', 'atoms': [1.5]}, 'atoms must be a string'),
    ({'instance_id': '', 'atoms': ['Prod Atom 1']}, 'instance_id is required (null or empty is accepted only in check mode'),
])
def test_bad_options_fail_before_any_request(sim, run_module, options, message):
    failed, result = run_module(main, **options)
    assert failed and message in result['msg'], result['msg']
    assert result.get('changed', False) is False and sim.log == []
    assert_masked(result)


@pytest.mark.parametrize('kind, write, status', [('atom_attach', ATTACH, 0), ('atom_detach', DETACH, 0)])
def test_a_lost_answer_is_settled_by_a_re_read(sim, run_module, instance_id, kind, write, status):
    """Boomi attached (detached), its answer was lost: the re-read finds it done, nothing is sent again, the task is changed."""
    if kind == 'atom_detach':
        sim.state.attach_atom(instance_id, PROD_ATOM_1)
    sim.set_faults(drop_after_commit={'operation': kind, 'count': 1})
    options = dict(instance_id=instance_id, atoms=['Prod Atom 1'], state='present' if kind == 'atom_attach' else 'absent')
    failed, result = run_module(main, max_retries=0, **options)
    sim.clear_faults()
    assert not failed and result['changed'] is True, result
    assert writes(sim) == [(write, status)]  # sent once: no duplicate, no second detach
    assert on_atoms(sim, instance_id) == ([PROD_ATOM_1] if kind == 'atom_attach' else [])
    if kind == 'atom_attach':
        assert [a['id'] for a in result['attachments']] == list(sim.state.atom_attachments)
    assert any('checking' in w for w in warnings_of(result)), warnings_of(result)
    del sim.log[:]
    assert run_module(main, **options)[1]['changed'] is False and writes(sim) == []


def test_an_attachment_another_run_made_since_the_read_counts_as_done(sim, client, instance_id):
    """Another run attached the instance to the Runtime between this task's read and its attach: Boomi refuses the attach, the
    re-read finds the attachment, and the task counts it as done by the other run (changed, a warning), with no second one."""
    warned = []
    client.writes._warn = warned.append  # pylint: disable=protected-access
    plan = plan_atom_attachments(client, instance_id, ['Prod Atom 1'])
    other = sim.state.attach_atom(instance_id, PROD_ATOM_1)
    result = apply_atom_attachments(client, plan)
    assert result['changed'] is True and result['attached'] == ['Prod Atom 1']
    assert [a['id'] for a in result['attachments']] == [other['id']]
    assert [(w['operation'], w['outcome']) for w in client.writes] == [('attach', 'done by another run')]
    assert any('another run did it' in w for w in warned), warned
    assert [w[0] for w in writes(sim)] == [ATTACH] and writes(sim)[0][1] >= 400 and on_atoms(sim, instance_id) == [PROD_ATOM_1]


def test_a_failed_write_reports_the_write_made_before_it(sim, run_module, instance_id):
    """Exclusive: detach Test Atom, then attach Prod Atom 1, which is refused (rate limit, not retried): the task fails with
    ``changed: true`` and ``writes`` naming the detach made."""
    sim.state.attach_atom(instance_id, TEST_ATOM)
    options = dict(instance_id=instance_id, atoms=['Prod Atom 1'], exclusive=True)
    run_module(main, check_mode=True, **options)
    reads = len(sim.log)  # the same reads as the real run makes before its first write
    del sim.log[:]
    sim.set_faults(rate_limit={'every': reads + 2, 'retry_after': 0})
    failed, result = run_module(main, max_retries=0, **options)
    sim.clear_faults()
    assert failed and result['changed'] is True, result
    assert [w[0] for w in writes(sim)] == [DETACH, ATTACH] and writes(sim)[1][1] in (429, 503)
    assert result['writes'] == [{'write': 'detach', 'outcome': 'done', 'instance_id': instance_id, 'atom_ids': [TEST_ATOM]}]
    assert on_atoms(sim, instance_id) == []
    assert_masked(result)


def test_an_account_with_environments_refuses_and_nothing_is_made(sim, run_module):
    instance_id = sim.state.install(ORDER_INTAKE, 'Unit EU')['id']  # the account uses environments
    failed, result = run_module(main, instance_id=instance_id, atoms=['Prod Atom 1'])
    assert failed and 'uses environments' in result['msg'] and 'IntegrationPackEnvironmentAttachment' in result['msg'], result
    assert result.get('changed', False) is False and 'writes' not in result
    # refused (the write protocol re-reads, finds nothing made, and sends what is missing once more: refused again)
    assert set(writes(sim)) == {(ATTACH, 400)} and sim.state.atom_attachments == {}


@pytest.mark.parametrize('api', ['graphql'])
def test_graphql_with_a_bearer_token_alone_says_which_credentials_to_add(sim, run_module, instance_id, api):
    token = sim.jwt.issue(USERNAME, ACCOUNT_ID, 300)
    failed, result = run_module(main, api=api, api_token=None, username=None, bearer_token=token, instance_id=instance_id,
                                atoms=['Prod Atom 1'])
    assert failed and 'needs the REST API, which bearer_token cannot call' in result['msg'], result
    assert 'account_id, username and api_token' in result['msg'] and 'IntegrationPackAtomAttachment' in result['msg']
    assert sim.log == [] and token not in str(result)


@pytest.mark.parametrize('api', ['rest'])
def test_a_sub_account_through_the_partner_api(sim, run_module, api):
    """override_account: the sub-account's Runtimes and attachments, the partner's own account untouched."""
    (sub,) = sim.add_sub_accounts(1, prefix='Legacy')
    sim.set_uses_environments(False, sub.account_id)
    instance = sub.state.install(ORDER_INTAKE, 'Sub EU')
    failed, result = run_module(main, api=api, override_account=sub.account_id, instance_id=instance['id'], atoms=['Prod Atom 2'])
    assert not failed and result['changed'] is True and result['attached'] == ['Prod Atom 2'], result
    assert [a['atomId'] for a in sub.state.atom_attachments.values()] == [PROD_ATOM_2] and sim.state.atom_attachments == {}

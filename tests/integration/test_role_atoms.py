# -*- coding: utf-8 -*-
"""The integration_packs role's ``atoms``: on an account without environments an item installs its instance and attaches it
to Runtimes (ipack_atom_attachment), through GraphQL (the Runtime calls go to REST with the same credentials); both APIs in
process: tests/unit/plugins/modules/test_ipack_atom_attachment.py."""

from __future__ import annotations

import pytest

SUMMARY_TASK = 'Summary of what was installed, attached, detached, scheduled and uninstalled'
ATOMS_TASK = 'boomi.platform.integration_packs : Attach the instances to their Runtimes (atoms)'
PROD_ATOM_1 = 'b8a19c6c-3cc5-4f92-abba-c35b6eee2fb7'
PROD_ATOM_2 = '2f5c1e8e-5089-4497-aaed-689510c43fce'
PACKS = [
    {'integration_pack_name': 'Order Intake', 'override_name': 'Role EU', 'atoms': ['Prod Atom 1', PROD_ATOM_2]},
    {'integration_pack_name': 'Salesforce Account Sync'},  # no atoms: its Runtime attachments are left alone
]


@pytest.fixture
def without_environments(sim):
    sim.set_uses_environments(False)  # reset before the next test turns them back on


def summary(run):
    found = [r for r in run.results if r['task'].endswith(SUMMARY_TASK)]
    assert len(found) == 1, run.output()
    return found[0]['result']['msg']


def on_atoms(seed):
    state = seed.state()
    names = {i['id']: i['integrationPackOverrideName'] or i['integrationPackName'] for i in state['instances']}
    return sorted((names[a['integrationPackInstanceId']], a['atomId']) for a in state['atom_attachments'])


def test_check_first_run_and_converged_rerun(ansible, seed, without_environments):
    # one API, GraphQL: its Runtime calls go to REST with the same credentials (the attachments on both APIs, in process:
    # tests/unit/plugins/modules/test_ipack_atom_attachment.py; installs on both APIs: test_ipack_instances.py)
    api = 'graphql'
    predicted = ansible.playbook('role.yml', api, {'integration_packs_list': PACKS}, check=True, diff=True).assert_ok().assert_no_writes()
    assert seed.state()['instances'] == []
    assert summary(predicted) == ['Order Intake / Role EU: installed; attached to Runtime(s) Prod Atom 1, Prod Atom 2',
                                  'Salesforce Account Sync: installed']

    first = ansible.playbook('role.yml', api, {'integration_packs_list': PACKS}).assert_ok()
    assert on_atoms(seed) == sorted([('Role EU', PROD_ATOM_1), ('Role EU', PROD_ATOM_2)])
    assert summary(first) == summary(predicted)
    assert {e['api'] for e in first.writes if 'Atom' in e['operation']} == {'rest'}
    assert [e['operation'] for e in first.writes].count('IntegrationPackAtomAttachment.create') == 2

    second = ansible.playbook('role.yml', api, {'integration_packs_list': PACKS}).assert_ok().assert_no_writes()
    assert second.recap['localhost']['changed'] == 0, second.output()
    assert all(line.endswith('nothing to change') for line in summary(second)), summary(second)

    # exclusive with one Runtime: the other is detached
    narrowed = [dict(PACKS[0], atoms=['Prod Atom 1'], exclusive=True)]
    third = ansible.playbook('role.yml', api, {'integration_packs_list': narrowed}).assert_ok()
    assert on_atoms(seed) == [('Role EU', PROD_ATOM_1)]
    assert summary(third) == ['Order Intake / Role EU: already installed; detached from Runtime(s) Prod Atom 2']
    assert third.task(ATOMS_TASK)

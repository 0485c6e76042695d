# -*- coding: utf-8 -*-
"""Every module on a sub-account through override_account (Partner API), both APIs; an account outside the hierarchy, one API."""

from __future__ import annotations


def test_every_module_acts_on_the_sub_account(ansible, seed, sim, api):
    sub = sim.add_sub_accounts(1, prefix='Override')[0].account_id
    run = ansible.playbook('override_account.yml', api, {'sub': sub}).assert_ok().assert_no_traceback()
    state = sim.account_state(sub)
    assert sorted(i.get('integrationPackOverrideName') or '' for i in state.instances.values()) == ['', 'Sub EU']
    assert len(state.attachments) == 3
    assert seed.state()['instances'] == []  # nothing in the partner's own account
    assert len(run['Instances']['instances']) == 2
    assert run['Run']['executions'][0]['status'] == 'COMPLETE'
    # the bulk modules too: the sub-account's instance is found and changed (on the partner's own account it does not exist)
    assert run['Schedules in one task']['changed'] and run['Schedules in one task']['processes'][0]['changed']
    assert run['Extensions in one task']['changed'] and run['Extensions in one task']['extensions'][0]['changed']
    if api == 'rest':
        assert all(e['path'].startswith('/partner/api/rest/v1/') and 'overrideAccount=%s' % sub in e.get('query', 'overrideAccount=%s' % sub)
                   for e in run.log if e['api'] == 'rest')
    else:
        assert {e['path'] for e in run.log if e['api'] == 'jwt'} == {'/auth/jwt/generate/%s' % sub}


def test_an_account_outside_the_hierarchy_fails_naming_it(ansible, seed, sim):
    api = 'graphql'  # one API (both: tests/unit/plugins/module_utils/test_client.py::test_override_account_outside_the_hierarchy_is_one_clear_error)
    sim.add_foreign_account('Other Partner Co', 'other-partnerco-54B3GM', 'active')
    run = ansible.playbook('override_account.yml', api, {'sub': 'other-partnerco-54B3GM'})
    assert run.rc != 0
    run.assert_no_writes().assert_no_traceback()
    msg = run.task('Install')['result']['msg']
    assert "override_account 'other-partnerco-54B3GM'" in msg and 'may not act on it' in msg, msg

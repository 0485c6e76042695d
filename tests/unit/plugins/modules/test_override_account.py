# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""override_account: every module's ``main()`` in process acting on a partner's sub-account (Partner API), both APIs; an account
outside the partner's hierarchy is one clear error before any write (the playbook runs of tests/integration/test_override_account.py,
moved in process)."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.modules import (ipack_env_attachment, ipack_env_extensions, ipack_env_extensions_bulk,
                                                                ipack_env_extensions_info, ipack_instance, ipack_instance_info, ipack_instances,
                                                                ipack_process_run, ipack_process_schedule, ipack_process_schedule_info,
                                                                ipack_process_schedules)
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import writes


def test_every_module_acts_on_the_sub_account(sim, api, run_module):
    sub = sim.add_sub_accounts(1, prefix='Override')[0].account_id

    def task(main, **options):
        failed, result = run_module(main, override_account=sub, **options)
        assert not failed, result
        return result

    instance_id = task(ipack_instance.main, integration_pack_name='Order Intake', override_name='Sub EU')['instance']['id']
    task(ipack_env_attachment.main, instance_id=instance_id, environments=['Test', 'Production'])
    task(ipack_instances.main, instances=[{'integration_pack_name': 'Salesforce Account Sync', 'environments': ['Test']}])
    task(ipack_process_schedule.main, instance_id=instance_id, process='INT', environment='Production', cron='0 6 * * MON-FRI', enabled=False)
    task(ipack_process_schedule_info.main, instance_id=instance_id)
    task(ipack_env_extensions.main, instance_id=instance_id, environment='Test', process='INT',
         connections=[{'name': 'Order DB', 'fields': {'host': 'db.sub.example'}}])
    task(ipack_env_extensions_info.main, instance_id=instance_id, environment='Test')
    schedules = task(ipack_process_schedules.main, processes=[{'instance_id': instance_id, 'process': 'INT', 'environment': 'Test',
                                                               'cron': '30 7 * * *'}])
    extensions = task(ipack_env_extensions_bulk.main, extensions=[{'instance_id': instance_id, 'environment': 'Production', 'process': 'INT',
                                                                   'connections': [{'name': 'Order DB', 'fields': {'host': 'db.sub-prod.example'}}]}])
    run = task(ipack_process_run.main, instance_id=instance_id, process='INT', environment='Test', wait_timeout=60)
    instances = task(ipack_instance_info.main)

    state = sim.account_state(sub)
    assert sorted(i.get('integrationPackOverrideName') or '' for i in state.instances.values()) == ['', 'Sub EU']
    assert len(state.attachments) == 3
    assert sim.state.instances == {}  # nothing in the partner's own account
    assert len(instances['instances']) == 2
    assert run['executions'][0]['status'] == 'COMPLETE'
    # the bulk modules too: the sub-account's instance is found and changed (on the partner's own account it does not exist)
    assert schedules['changed'] and schedules['processes'][0]['changed']
    assert extensions['changed'] and extensions['extensions'][0]['changed']
    if api == 'rest':
        assert all(e['path'].startswith('/partner/api/rest/v1/') and 'overrideAccount=%s' % sub in e.get('query', 'overrideAccount=%s' % sub)
                   for e in sim.log if e['api'] == 'rest')
    else:
        assert {e['path'] for e in sim.log if e['api'] == 'jwt'} == {'/auth/jwt/generate/%s' % sub}


@pytest.mark.parametrize('api', ['graphql'])  # one API (both: tests/unit/plugins/module_utils/test_client.py::
# test_override_account_outside_the_hierarchy_is_one_clear_error)
def test_an_account_outside_the_hierarchy_fails_naming_it(sim, run_module):
    sim.add_foreign_account('Other Partner Co', 'other-partnerco-54B3GM', 'active')
    failed, result = run_module(ipack_instance.main, override_account='other-partnerco-54B3GM', integration_pack_name='Order Intake',
                                override_name='Sub EU')
    assert failed and not result.get('changed')
    assert "override_account 'other-partnerco-54B3GM'" in result['msg'] and 'may not act on it' in result['msg'], result['msg']
    assert writes(sim) == []

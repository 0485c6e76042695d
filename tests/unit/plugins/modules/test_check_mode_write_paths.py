# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check mode on every write path of ipack_instance and ipack_env_attachment, task after task as a playbook runs them with
--check --diff: the change is predicted right, with its diff, and nothing is written; through both APIs. Moved from
tests/integration/test_check_mode.py (the printed diff: tests/integration/test_diff.py)."""

from __future__ import annotations

from ansible_collections.boomi.platform.plugins.modules import ipack_env_attachment, ipack_instance
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import (
    ORDER_INTAKE, PRODUCTION, SALESFORCE, SANDBOXES, TEST, writes,
)

# REST objects the client calls under api: graphql, for what GraphQL lacks (REST_WITH_GRAPHQL in plugins/module_utils/client.py)
REST_WITH_GRAPHQL = ('ProcessScheduleStatus.', 'ProcessSchedules.', 'ExecutionRecord.', 'ExecutionRequest.', 'Account',
                     'EnvironmentAtomAttachment.')


def instance_of(sim, instance_id):
    """What ``instance`` must be for the simulator's record of that instance."""
    [raw] = [i for i in sim.state.dump()['instances'] if i['id'] == instance_id]
    return {'id': raw['id'], 'integration_pack_id': raw['integrationPackId'], 'integration_pack_name': raw['integrationPackName'],
            'override_name': raw['integrationPackOverrideName'], 'installation_type': raw['installationType'],
            'processes': sorted(({'id': p['id'], 'name': p['name']} for p in raw['processes']), key=lambda p: (p['name'], p['id']))}


def test_check_mode_every_write_path(sim, api, run_module):
    sf_id = sim.state.install(SALESFORCE)['id']
    eu_id = sim.state.install(ORDER_INTAKE, 'Order Intake EU')['id']
    sim.state.attach(eu_id, [TEST, PRODUCTION])
    sandbox = SANDBOXES[0]
    before = sim.state.dump()
    del sim.log[:]
    tasks = [  # (task, module, options)
        ('install Order Intake US', ipack_instance, {'integration_pack_name': 'Order Intake', 'override_name': 'Order Intake US'}),
        ('install Order Intake EU (exists)', ipack_instance, {'integration_pack_name': 'Order Intake', 'override_name': 'Order Intake EU'}),
        ('install Salesforce Account Sync (exists)', ipack_instance, {'integration_pack_name': 'Salesforce Account Sync'}),
        ('uninstall Salesforce Account Sync', ipack_instance, {'integration_pack_name': 'Salesforce Account Sync', 'state': 'absent'}),
        ('uninstall Order Intake EU by instance_id', ipack_instance, {'instance_id': eu_id, 'state': 'absent'}),
        ('uninstall Invoice Export (missing)', ipack_instance,
         {'integration_pack_name': 'Invoice Export', 'override_name': 'Nowhere', 'state': 'absent'}),
        ('attach to Test and Production (attached)', ipack_env_attachment, {'instance_id': eu_id, 'environments': ['Test', 'Production']}),
        ('attach to a Sandbox by id', ipack_env_attachment, {'instance_id': eu_id, 'environments': ['Test', sandbox]}),
        ('exclusive Production', ipack_env_attachment, {'instance_id': eu_id, 'environments': ['Production'], 'exclusive': True}),
        ('exclusive Production and Test (no change)', ipack_env_attachment,
         {'instance_id': eu_id, 'environments': ['Production', 'Test'], 'exclusive': True}),
        ('detach from Test', ipack_env_attachment, {'instance_id': eu_id, 'environments': ['Test'], 'state': 'absent'}),
        ('detach from a Sandbox (not attached)', ipack_env_attachment, {'instance_id': eu_id, 'environments': [sandbox], 'state': 'absent'}),
    ]
    run = {}
    for name, module, options in tasks:
        failed, run[name] = run_module(module.main, check_mode=True, diff=True, **options)
        assert not failed, (name, run[name])
    assert writes(sim) == [] and sim.state.dump() == before
    apis = {e['api'] for e in sim.log if not (api == 'graphql' and e['api'] == 'rest' and e['operation'].startswith(REST_WITH_GRAPHQL))}
    assert apis <= ({'rest'} if api == 'rest' else {'graphql', 'jwt'}), apis

    assert {name: result['changed'] for name, result in run.items()} == {
        'install Order Intake US': True,
        'install Order Intake EU (exists)': False,
        'install Salesforce Account Sync (exists)': False,
        'uninstall Salesforce Account Sync': True,
        'uninstall Order Intake EU by instance_id': True,
        'uninstall Invoice Export (missing)': False,
        'attach to Test and Production (attached)': False,
        'attach to a Sandbox by id': True,
        'exclusive Production': True,
        'exclusive Production and Test (no change)': False,
        'detach from Test': True,
        'detach from a Sandbox (not attached)': False,
    }
    assert run['install Order Intake US']['instance'] == {
        'id': None, 'integration_pack_id': ORDER_INTAKE, 'integration_pack_name': 'Order Intake', 'override_name': 'Order Intake US',
        'installation_type': 'MULTI', 'processes': []}
    assert run['install Order Intake EU (exists)']['instance'] == instance_of(sim, eu_id)
    assert run['install Salesforce Account Sync (exists)']['instance'] == instance_of(sim, sf_id)
    assert run['uninstall Salesforce Account Sync']['instance'] is None
    assert run['uninstall Order Intake EU by instance_id']['instance'] is None

    def envs(name):
        return [(a['environment_name'], a['id'] is None) for a in run[name]['attachments']]

    assert envs('attach to Test and Production (attached)') == [('Production', False), ('Test', False)]
    attached = run['attach to a Sandbox by id']
    assert attached['attached'] == ['Sandbox'] and attached['detached'] == []
    assert envs('attach to a Sandbox by id') == [('Production', False), ('Sandbox', True), ('Test', False)]
    assert [a for a in attached['attachments'] if a['id'] is None] == [
        {'id': None, 'environment_id': sandbox, 'environment_name': 'Sandbox', 'instance_id': eu_id}]
    assert run['exclusive Production']['detached'] == ['Test'] and run['exclusive Production']['attached'] == []
    assert envs('exclusive Production') == [('Production', False)]
    assert run['exclusive Production and Test (no change)']['detached'] == []
    assert run['detach from Test']['detached'] == ['Test'] and envs('detach from Test') == [('Production', False)]
    assert run['detach from a Sandbox (not attached)']['detached'] == []
    assert envs('detach from a Sandbox (not attached)') == [('Production', False), ('Test', False)]

    # --diff: the predicted change
    assert run['install Order Intake US']['diff']['before'] == {}
    assert run['install Order Intake US']['diff']['after']['id'] is None
    assert run['install Order Intake US']['diff']['after']['override_name'] == 'Order Intake US'
    assert run['uninstall Salesforce Account Sync']['diff'] == {
        'before': {k: v for k, v in instance_of(sim, sf_id).items() if k != 'processes'}, 'after': {}}
    assert run['detach from Test']['diff'] == {'before': {'environments': ['Production', 'Test']}, 'after': {'environments': ['Production']}}

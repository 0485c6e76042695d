# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Names and IDs of the wrong type (issue 14.5): a list, a mapping, a number or a boolean where a name or an ID goes (what
unquoted YAML makes of ``1.10`` or ``yes``) is refused by every module with one line naming the option, before any request.
Moved from tests/integration/test_reliability_input.py (a playbook of these tasks, per API), in process through ``run_module``."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.modules import (
    ipack_env_attachment, ipack_instance, ipack_instance_info, ipack_instances, ipack_process_schedule, ipack_process_schedule_info,
)
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import assert_masked

ID = 'SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UxMDAw'  # an instance id of the right form
SF = {'integration_pack_name': 'Salesforce Account Sync'}

# (case, module, the task's options, fragments of its one-line message)
WRONG_TYPES = [
    ('instance: override_name is a list', ipack_instance, {'integration_pack_name': 'Order Intake', 'override_name': ['A', 'B']},
     ['override_name must be a string, got a list: "[\'A\', \'B\']"']),
    ('instance: integration_pack_name is a mapping', ipack_instance, {'integration_pack_name': {'region': 'EU'}},
     ['integration_pack_name must be a string, got a mapping: "{\'region\': \'EU\'}"']),
    ('instance: integration_pack_id is a float', ipack_instance, {'integration_pack_id': 1.1},
     ["integration_pack_id must be a string, got a number: '1.1'", 'quote it in YAML']),
    ('instance: override_name is a boolean', ipack_instance, {'integration_pack_name': 'Order Intake', 'override_name': True},
     ["override_name must be a string, got a boolean: 'True'"]),
    ('instance: instance_id is a list', ipack_instance, {'instance_id': [ID], 'state': 'absent'},
     ['instance_id must be a string, got a list']),
    ('info: integration_pack_id is a float', ipack_instance_info, {'integration_pack_id': 2.5},
     ["integration_pack_id must be a string, got a number: '2.5'"]),
    ('info: override_name is a boolean', ipack_instance_info, {'override_name': False},
     ["override_name must be a string, got a boolean: 'False'"]),
    ('info: integration_pack_name is a list', ipack_instance_info, {'integration_pack_name': ['Order Intake']},
     ['integration_pack_name must be a string, got a list: "[\'Order Intake\']"']),
    ('info: instance_id is a mapping', ipack_instance_info, {'instance_id': {'id': ID}},
     ['instance_id must be a string, got a mapping']),
    ('attachment: an environment is a float', ipack_env_attachment, {'instance_id': ID, 'environments': ['Test', 1.1]},
     ["environments must be a string, got a number: '1.1'"]),
    ('attachment: an environment is a boolean', ipack_env_attachment, {'instance_id': ID, 'environments': [True]},
     ["environments must be a string, got a boolean: 'True'"]),
    ('attachment: an environment is a list', ipack_env_attachment, {'instance_id': ID, 'environments': [['Test', 'Production']]},
     ['environments must be a string, got a list: "[\'Test\', \'Production\']"']),
    ('attachment: an environment is a mapping', ipack_env_attachment, {'instance_id': ID, 'environments': [{'name': 'Test'}]},
     ['environments must be a string, got a mapping: "{\'name\': \'Test\'}"']),
    ('attachment: instance_id is a float', ipack_env_attachment, {'instance_id': 10.0, 'environments': ['Test']},
     ["instance_id must be a string, got a number: '10.0'"]),
    ('schedule: process is a list', ipack_process_schedule, {'instance_id': ID, 'process': ['INT'], 'environment': 'Test', 'schedules': []},
     ['process must be a string, got a list: "[\'INT\']"']),
    ('schedule: environment is a boolean', ipack_process_schedule, {'instance_id': ID, 'process': 'INT', 'environment': True, 'schedules': []},
     ["environment must be a string, got a boolean: 'True'"]),
    ('schedule: atom_id is a float', ipack_process_schedule, {'instance_id': ID, 'process': 'INT', 'atom_id': 1.5, 'schedules': []},
     ["atom_id must be a string, got a number: '1.5'"]),
    ('schedule: instance_id is a mapping', ipack_process_schedule, {'instance_id': {'id': ID}, 'process': 'INT', 'environment': 'Test', 'schedules': []},
     ['instance_id must be a string, got a mapping']),
    ('schedule info: environment is a mapping', ipack_process_schedule_info, {'instance_id': ID, 'environment': {'name': 'Test'}},
     ['environment must be a string, got a mapping: "{\'name\': \'Test\'}"']),
    ('schedule info: instance_id is a float', ipack_process_schedule_info, {'instance_id': 1.1},
     ["instance_id must be a string, got a number: '1.1'"]),
    ('instances: override_name is a list', ipack_instances, {'instances': [{'integration_pack_name': 'Order Intake', 'override_name': ['A', 'B']}]},
     ['instances[0].override_name must be a string, got a list: "[\'A\', \'B\']"']),
    ('instances: integration_pack_name is a mapping', ipack_instances, {'instances': [{'integration_pack_name': {'region': 'EU'}}]},
     ['instances[0].integration_pack_name must be a string, got a mapping: "{\'region\': \'EU\'}"']),
    ('instances: integration_pack_id is a float', ipack_instances, {'instances': [{'integration_pack_id': 1.1}]},
     ["instances[0].integration_pack_id must be a string, got a number: '1.1'"]),
    ('instances: override_name is a boolean, by its alias, in the second item', ipack_instances,
     {'instances': [SF, {'integration_pack_name': 'Order Intake', 'integration_pack_override_name': True}]},
     ["instances[1].override_name must be a string, got a boolean: 'True'"]),
    ('instances: an environment is a float', ipack_instances, {'instances': [dict(SF, environments=['Test', 1.1])]},
     ["instances[0].environments must be a string, got a number: '1.1'"]),
    ('instances: an environment is a boolean', ipack_instances, {'instances': [dict(SF, environments=[False])]},
     ["instances[0].environments must be a string, got a boolean: 'False'"]),
    ('instances: an environment is a mapping', ipack_instances, {'instances': [dict(SF, environments=[{'name': 'Test'}])]},
     ['instances[0].environments must be a string, got a mapping: "{\'name\': \'Test\'}"']),
]


@pytest.mark.parametrize('case, module, options, fragments', WRONG_TYPES, ids=[row[0] for row in WRONG_TYPES])
def test_names_and_ids_of_the_wrong_type_are_refused_before_any_request(sim, run_module, case, module, options, fragments):
    failed, result = run_module(module.main, **options)
    assert failed, (case, result)
    msg = result['msg']
    assert all(fragment in msg for fragment in fragments) and '\n' not in msg, (fragments, msg)
    assert result.get('changed', False) is False and sim.log == []
    assert_masked(result)

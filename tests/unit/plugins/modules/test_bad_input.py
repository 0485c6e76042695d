# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad input (issue 9): empty, blank and whitespace ids, 10,000-character strings, control characters, wrong types and bad
connection options are refused by every module with one clear line naming the option, before any request, through both APIs.
Moved from tests/integration/test_reliability_input.py (a -vvv playbook of these tasks), in process through ``run_module``; the
role's cases stay there."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.modules import (
    ipack_env_attachment, ipack_instance, ipack_instance_info, ipack_process_schedule, ipack_process_schedule_info,
)
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import assert_masked

LONG = 'x' * 10000
ID = 'SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UxMDAw'  # an instance id of the right form

# (case, module, the task's options, fragments of its one-line message)
BEFORE_ANY_REQUEST = [
    ('instance: empty integration_pack_id', ipack_instance, {'integration_pack_id': ''},
     ['integration_pack_id must not be empty or blank']),
    ('instance: whitespace instance_id', ipack_instance, {'instance_id': '  \t  ', 'state': 'absent'},
     ['instance_id must not be empty or blank']),
    ('instance: 10,000-character override_name', ipack_instance, {'integration_pack_name': 'Order Intake', 'override_name': LONG},
     ['override_name is 10000 characters long, at most 255 are allowed']),
    ('instance: line break in integration_pack_name', ipack_instance, {'integration_pack_name': 'Order\nIntake'},
     ['integration_pack_name must not contain control characters']),
    ('instance: unknown state', ipack_instance, {'integration_pack_name': 'Order Intake', 'override_name': 'EU', 'state': 'installed'},
     ['state', 'present, absent', 'installed']),
    ('instance: neither pack nor instance', ipack_instance, {'override_name': 'EU'},
     ['one of the following is required', 'integration_pack_id', 'integration_pack_name', 'instance_id']),
    ('info: whitespace integration_pack_id', ipack_instance_info, {'integration_pack_id': '   '},
     ['integration_pack_id must not be empty or blank']),
    ('info: 10,000-character integration_pack_name', ipack_instance_info, {'integration_pack_name': LONG},
     ['integration_pack_name is 10000 characters long']),
    ('info: include_processes is not a boolean', ipack_instance_info, {'include_processes': 'perhaps'},
     ['include_processes', 'bool']),
    ('connection: timeout 0', ipack_instance_info, {'timeout': 0},
     ['timeout must be greater than 0']),
    ('connection: timeout is not a number', ipack_instance_info, {'timeout': 'soon'},
     ['timeout', 'float']),
    ('connection: max_retries 21', ipack_instance_info, {'max_retries': 21},
     ['max_retries must be between 0 and 20, got 21']),
    ('connection: api_url is not http(s)', ipack_instance_info, {'api_url': 'ftp://api.boomi.com'},
     ['api_url must be an http(s) URL', 'ftp://api.boomi.com']),
    ('attachment: empty instance_id', ipack_env_attachment, {'instance_id': '', 'environments': ['Test']},
     ['instance_id is required (null or empty is accepted only in check mode']),
    ('attachment: 10,000-character environment', ipack_env_attachment, {'instance_id': ID, 'environments': ['Test', LONG]},
     ['environments is 10000 characters long']),
    ('attachment: exclusive is not a boolean', ipack_env_attachment, {'instance_id': ID, 'environments': ['Test'], 'exclusive': 'sometimes'},
     ['exclusive', 'bool']),
    ('attachment: environments is a mapping', ipack_env_attachment, {'instance_id': ID, 'environments': {'Test': 'Production'}},
     ['environments', 'list']),
    ('schedule: whitespace instance_id', ipack_process_schedule,
     {'instance_id': '   ', 'process': 'INT', 'environment': 'Test', 'schedules': [{'cron': '0 * * * *'}]},
     ['instance_id must not be empty or blank']),
    ('schedule: max_retry is not a number', ipack_process_schedule,
     {'instance_id': ID, 'process': 'INT', 'environment': 'Test', 'schedules': [{'cron': '0 * * * *'}], 'max_retry': 'three'},
     ['max_retry', 'int']),
    ('schedule: cron with a step of 0', ipack_process_schedule,
     {'instance_id': ID, 'process': 'INT', 'environment': 'Test', 'schedules': [{'cron': '*/0 * * * *'}]},
     ['schedules[0].cron', 'step of 0']),
    ('schedule: 10,000-character cron', ipack_process_schedule, {'instance_id': ID, 'process': 'INT', 'environment': 'Test', 'schedules': [{'cron': LONG}]},
     ['schedules[0].cron', 'must have five fields']),
    ('schedule: 10,000-character minutes', ipack_process_schedule,
     {'instance_id': ID, 'process': 'INT', 'environment': 'Test', 'schedules': [{'minutes': LONG, 'hours': '1'}]},
     ['schedules[0]: minutes', 'is not valid']),
    ('schedule: cron and fields together', ipack_process_schedule,
     {'instance_id': ID, 'process': 'INT', 'environment': 'Test', 'schedules': [{'cron': '0 * * * *', 'minutes': '5'}]},
     ['schedules[0]: give either cron or minutes, not both']),
    ('schedule: 10,000-character process', ipack_process_schedule,
     {'instance_id': ID, 'process': LONG, 'environment': 'Test', 'schedules': [{'cron': '0 * * * *'}]},
     ['process is 10000 characters long']),
    ('schedule: retry schedule without hours', ipack_process_schedule,
     {'instance_id': ID, 'process': 'INT', 'environment': 'Test', 'schedules': [], 'retry_schedules': [{'minutes': '0'}]},
     ['retry_schedules[0]: hours is required']),
    ('schedule: schedules with state absent', ipack_process_schedule,
     {'instance_id': ID, 'process': 'INT', 'environment': 'Test', 'schedules': [{'cron': '0 * * * *'}], 'state': 'absent'},
     ['schedules must not be given with state=absent']),
    ('schedule: schedules is a string', ipack_process_schedule, {'instance_id': ID, 'process': 'INT', 'environment': 'Test', 'schedules': '0 * * * *'},
     ['dictionary requested, could not parse JSON or key=value']),
    ('schedule info: blank instance_id', ipack_process_schedule_info, {'instance_id': '   '},
     ['instance_id must not be empty or blank']),
    ('schedule info: 10,000-character environment', ipack_process_schedule_info, {'instance_id': ID, 'environment': LONG},
     ['environment is 10000 characters long']),
]


@pytest.mark.parametrize('case, module, options, fragments', BEFORE_ANY_REQUEST, ids=[row[0] for row in BEFORE_ANY_REQUEST])
def test_bad_input_is_refused_before_any_request(sim, run_module, case, module, options, fragments):
    failed, result = run_module(module.main, **options)
    assert failed, (case, result)
    msg = result['msg']
    assert all(fragment in msg for fragment in fragments) and '\n' not in msg and len(msg) <= 400, (fragments, msg)
    assert result.get('changed', False) is False and sim.log == []
    assert_masked(result)

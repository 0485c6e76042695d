# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every error path of what a task asks and of its connection options: one clear line naming what is wrong, no traceback,
no write, no secret, and no request at all when the options alone are wrong; through both APIs. Moved from
tests/integration/test_errors.py (a -vvv playbook of these tasks), in process through ``run_module``."""

from __future__ import annotations

import json

import pytest

from ansible_collections.boomi.platform.plugins.modules import (
    ipack_env_attachment, ipack_instance, ipack_instance_info, ipack_instances, ipack_process_schedule, ipack_process_schedule_info,
)
from ansible_collections.boomi.platform.tests.unit.conftest import API_TOKEN, PASSWORD
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import OMIT, SALESFORCE, SANDBOXES, writes

BOGUS_INSTANCE = 'SW50ZWdyYXRpb25QYWNrSW5zdGFuY2U5OTk5'
UNKNOWN_PACK = '00000000-0000-4000-8000-000000000000'
SF = '<the Salesforce Account Sync instance>'  # an option value the test replaces with that instance's id
SHIPPING = '<the Shipping Notifications packs>'  # a fragment the test replaces with the ids of the packs of that name
WRONG = ('not-the-password', 'not-the-api-token')
CONNECTION = ('username', 'password', 'api_token', 'bearer_token', 'space_guid', 'graphql_url', 'account_id', 'api_url')


def without(*kept):
    """Connection options left out of the task, but ``kept`` (the task gives no module_defaults, no BOOMI_* variable)."""
    return {name: OMIT for name in CONNECTION if name not in kept}


# (case, module, the task's options, fragments of its one-line message, whether the failure comes before any request)
WHAT_IS_ASKED = [
    ('unknown pack id', ipack_instance, {'integration_pack_id': UNKNOWN_PACK},
     ['integration_pack_id', UNKNOWN_PACK, 'no such integration pack'], False),
    ('unknown pack name', ipack_instance, {'integration_pack_name': 'No Such Pack'},
     ['integration_pack_name', "'No Such Pack'", 'no integration pack has this name'], False),
    ('ambiguous pack name', ipack_instance, {'integration_pack_name': 'Shipping Notifications', 'override_name': 'Europe'},
     ['integration_pack_name', "'Shipping Notifications'", 'ambiguous', SHIPPING], False),
    ('MULTI pack without override_name', ipack_instance, {'integration_pack_name': 'Order Intake'},
     ['override_name is required', "'Order Intake'", 'MULTI'], False),
    ('override_name on a SINGLE pack', ipack_instance, {'integration_pack_name': 'Salesforce Account Sync', 'override_name': 'Salesforce EU'},
     ['override_name', "'Salesforce EU'", 'not allowed', 'SINGLE'], False),
    # the integration_packs role's lookups (its modules; the role itself: tests/integration/test_reliability_input.py, one API)
    ('unknown pack id, uninstall', ipack_instance, {'integration_pack_id': UNKNOWN_PACK, 'state': 'absent'},
     ["integration_pack_id '%s'" % UNKNOWN_PACK, 'no such integration pack'], False),
    ('override_name on a SINGLE pack, ipack_instances', ipack_instances,
     {'instances': [{'integration_pack_name': 'Salesforce Account Sync', 'override_name': 'EU'}]}, ["override_name 'EU' is not allowed", 'SINGLE'], False),
    ('ambiguous environment of a schedule, instance to be installed', ipack_process_schedule,
     {'instance_id': '', 'process': 'INT', 'environment': 'Sandbox', 'schedules': [], 'check_mode': True},
     ['environment', "'Sandbox'", 'ambiguous'] + list(SANDBOXES), False),
    ('unknown environment filter of schedule info, unknown instance', ipack_process_schedule_info,
     {'instance_id': BOGUS_INSTANCE, 'environment': 'Nowhere'}, ['environment', "'Nowhere'", 'not found'], False),
    ('instance_id of another pack', ipack_instance, {'integration_pack_name': 'Order Intake', 'override_name': 'Order Intake EU', 'instance_id': SF},
     [SF, 'Salesforce Account Sync', 'Order Intake'], False),
    ('unknown environment name', ipack_env_attachment, {'instance_id': SF, 'environments': ['Test', 'Staging']},
     ['environments', "'Staging'", 'not found'], False),
    ('ambiguous environment name', ipack_env_attachment, {'instance_id': SF, 'environments': ['Test', 'Sandbox']},
     ['environments', "'Sandbox'", 'ambiguous'] + list(SANDBOXES), False),
    ('ambiguous environment name, state absent', ipack_env_attachment, {'instance_id': SF, 'environments': ['Sandbox'], 'state': 'absent'},
     ['environments', "'Sandbox'", 'ambiguous'] + list(SANDBOXES), False),
    ('ambiguous environment filter of schedule info', ipack_process_schedule_info, {'instance_id': SF, 'environment': 'Sandbox'},
     ['environment', "'Sandbox'", 'ambiguous'] + list(SANDBOXES), False),
    ('exclusive with state absent', ipack_env_attachment, {'instance_id': SF, 'environments': ['Test'], 'state': 'absent', 'exclusive': True},
     ['exclusive', 'state=present'], True),
    ('non-existent instance_id, install', ipack_instance, {'instance_id': BOGUS_INSTANCE},
     ['instance_id', BOGUS_INSTANCE, 'no such integration pack instance'], False),
    ('non-existent instance_id, attach', ipack_env_attachment, {'instance_id': BOGUS_INSTANCE, 'environments': ['Test']},
     ['instance_id', BOGUS_INSTANCE, 'no such integration pack instance'], False),
    ('non-existent instance_id, attach in check mode', ipack_env_attachment,
     {'instance_id': BOGUS_INSTANCE, 'environments': ['Test'], 'check_mode': True},
     ['instance_id', BOGUS_INSTANCE, 'no such integration pack instance'], False),
    ('non-existent instance_id, schedules', ipack_process_schedule_info, {'instance_id': BOGUS_INSTANCE},
     ['instance_id', BOGUS_INSTANCE, 'no such integration pack instance'], False),
    ('blank pack name', ipack_instance, {'integration_pack_name': '   '}, ['integration_pack_name', 'must not be empty or blank'], True),
    ('empty override_name', ipack_instance, {'integration_pack_name': 'Order Intake', 'override_name': ''},
     ['override_name', 'must not be empty or blank'], True),
    ('blank environment', ipack_env_attachment, {'instance_id': SF, 'environments': ['Test', ' ']},
     ['environments', 'must not be empty or blank'], True),
    ('empty instance_id of info', ipack_instance_info, {'instance_id': ''}, ['instance_id', 'must not be empty or blank'], True),
    ('blank account_id', ipack_instance_info, {'account_id': '  '}, ['account_id', 'must not be empty'], True),
    ('password and api_token together', ipack_instance_info, {'password': PASSWORD, 'api_token': API_TOKEN},
     ['mutually exclusive: password|api_token'], True),
]

# (case, module, the task's options, {api: (fragments, whether the failure comes before any request)})
CONNECTION_ERRORS = [
    ('wrong password', ipack_instance_info, {'rest': {'password': WRONG[0]}, 'graphql': {'api_token': WRONG[1]}},
     {'rest': (['401', 'Unauthorized'], False), 'graphql': (['JWT generation', '401'], False)}),
    ('missing credentials', ipack_instance_info, {'rest': without('account_id', 'api_url'),
                                                  'graphql': without('account_id', 'api_url', 'space_guid', 'graphql_url')},
     {'rest': (['REST API needs', 'username', 'password or api_token'], True),
      'graphql': (['GraphQL API needs', 'bearer_token', 'username', 'password or api_token'], True)}),
    ('no connection option at all', ipack_instance_info, {'rest': without(), 'graphql': without()},
     {'rest': (['REST API needs', 'account_id', 'username', 'password or api_token'], True),
      'graphql': (['GraphQL API needs space_guid'], True)}),
    ('GraphQL without space_guid', ipack_instance_info, {'rest': {'api': 'graphql', 'space_guid': OMIT},
                                                         'graphql': {'space_guid': OMIT, 'api_token': OMIT, 'password': PASSWORD}},
     {'rest': (['GraphQL API needs space_guid'], True), 'graphql': (['GraphQL API needs space_guid'], True)}),
]


def fails_cleanly(sim, run_module, module, options, fragments, before_any_request):
    """The task fails with one line holding every fragment, writes nothing (sends nothing when ``before_any_request``), shows
    no secret; returns its message."""
    options = dict(options)
    check_mode = options.pop('check_mode', False)
    before = sim.state.dump()
    del sim.log[:]
    failed, result = run_module(module.main, check_mode=check_mode, **options)
    msg = result.get('msg') or ''
    assert failed, result
    assert all(fragment in msg for fragment in fragments) and '\n' not in msg and 'Traceback' not in msg, (fragments, msg)
    assert writes(sim) == [] and sim.state.dump() == before and result.get('changed', False) is False
    if before_any_request:
        assert sim.log == [], sim.log
    text = json.dumps(result)
    assert not [secret for secret in (PASSWORD, API_TOKEN) + WRONG if secret in text], text
    return msg


@pytest.mark.parametrize('case, module, options, fragments, before_any_request', WHAT_IS_ASKED, ids=[row[0] for row in WHAT_IS_ASKED])
def test_what_is_asked_fails_cleanly(sim, run_module, case, module, options, fragments,  # pylint: disable=unused-argument
                                     before_any_request):
    sf_id = sim.state.install(SALESFORCE)['id']
    options = {name: (sf_id if value == SF else value) for name, value in options.items()}
    shipping = sorted(p['id'] for p in sim.state.packs.values() if p['name'] == 'Shipping Notifications')
    fragments = [f for fragment in fragments for f in ({SF: [sf_id], SHIPPING: shipping}.get(fragment) or [fragment])]
    assert len(shipping) == 2
    fails_cleanly(sim, run_module, module, options, fragments, before_any_request)


@pytest.mark.parametrize('case, module, options, expected', CONNECTION_ERRORS, ids=[row[0] for row in CONNECTION_ERRORS])
def test_connection_errors_fail_cleanly(sim, api, run_module, case, module, options, expected):  # pylint: disable=unused-argument
    fails_cleanly(sim, run_module, module, options[api], *expected[api])


def test_a_pack_not_shared_with_the_space_is_found_through_rest_only(sim, api, run_module):
    """Legacy EDI Bridge is available to the account but not shared with the space: REST predicts its install (check mode),
    GraphQL cannot see it, by name or by id."""
    [legacy_id] = [p['id'] for p in sim.state.packs.values() if p['name'] == 'Legacy EDI Bridge']
    for options, fragments in (({'integration_pack_name': 'Legacy EDI Bridge'}, ["'Legacy EDI Bridge'", 'no integration pack has this name']),
                               ({'integration_pack_id': legacy_id}, [legacy_id, 'no such integration pack is available to this space'])):
        if api == 'rest':
            failed, result = run_module(ipack_instance.main, check_mode=True, **options)
            assert not failed and result['changed'] is True, result
            assert result['instance']['integration_pack_name'] == 'Legacy EDI Bridge' and writes(sim) == []
        else:
            fails_cleanly(sim, run_module, ipack_instance, dict(options, check_mode=True), fragments, False)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A rollout under rate limiting (issue 9): Boomi refuses every 3rd request (REST 503, GraphQL 429, the JWT endpoint 503;
Retry-After: 0). The modules the integration_packs role runs (ipack_instances, ipack_process_schedules, then the info modules)
converge exactly: each refusal is retried at once and said in one warning, no write is sent twice. Through both APIs, in
process through ``run_module``; the role itself under the same limit: tests/integration/test_reliability_faults.py (one API)."""

from __future__ import annotations

import re

from ansible_collections.boomi.platform.plugins.modules import (
    ipack_instance_info, ipack_instances, ipack_process_schedule_info, ipack_process_schedules,
)
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import (
    INVOICE_EXPORT, OPERATIONS, ORDER_INTAKE, PRODUCTION, SALESFORCE, TEST, warnings_of,
)

WEEKDAYS = {'minutes': '*/15', 'hours': '8-18', 'daysOfWeek': '2,3,4,5,6', 'daysOfMonth': '*', 'months': '*', 'years': '*'}
EARLY = {'minutes': '0', 'hours': '6', 'daysOfWeek': '*', 'daysOfMonth': '*', 'months': '*', 'years': '*'}
INSTANCES = [
    {'integration_pack_name': 'Order Intake', 'override_name': 'Limited EU', 'environments': ['Test', 'Production']},
    {'integration_pack_name': 'Salesforce Account Sync', 'environments': ['Production']},
    {'integration_pack_name': 'Invoice Export', 'override_name': 'Limited Old', 'state': 'absent'},
]
LABELS = {'rest': 'REST {}', 'graphql': 'GraphQL {}', 'jwt': 'JWT generation'}  # how the modules name a logged operation
RETRY = re.compile(r'^Boomi API: (HTTP \d+ for .+); retry (\d) of 5 in 0\.0s$')


def test_a_rate_limited_rollout_converges_exactly(sim, api, run_module):
    old = sim.state.install(INVOICE_EXPORT, 'Limited Old')['id']
    sim.state.attach(old, [TEST, PRODUCTION])
    sim.set_faults(rate_limit={'every': 3, 'retry_after': 0})
    tasks = []

    def task(main, **options):
        before = len(sim.log)
        failed, result = run_module(main, max_retries=5, **options)
        assert not failed, result
        tasks.append((result, sim.log[before:]))
        return result

    converged = task(ipack_instances.main, instances=INSTANCES)
    eu_id, sf_id = (i['id'] for i in converged['instances'][:2])
    task(ipack_process_schedules.main, processes=[
        {'instance_id': eu_id, 'process': 'INT', 'environment': 'Production', 'cron': '*/15 8-18 * * MON-FRI', 'max_retry': 3},
        {'instance_id': eu_id, 'process': 'Acknowledge', 'environment': 'Test', 'schedules': [{'minutes': '0', 'hours': '6'}]}])
    listed = task(ipack_instance_info.main, integration_pack_name='Order Intake')
    read = task(ipack_process_schedule_info.main, instance_id=eu_id, environment='Production')
    log = list(sim.log)
    sim.clear_faults()

    # the exact end state
    state = sim.state.dump()
    assert sorted((i['integrationPackId'], i['integrationPackOverrideName']) for i in state['instances']) == sorted(
        [(ORDER_INTAKE, 'Limited EU'), (SALESFORCE, None)])
    assert sorted((a['integrationPackInstanceId'], a['environmentId']) for a in state['attachments']) == sorted(
        [(eu_id, PRODUCTION), (eu_id, TEST), (sf_id, PRODUCTION)])
    names = {p['id']: p['name'] for i in state['instances'] for p in i['processes']}
    expected = {}
    for attachment in state['attachments']:
        [instance] = [i for i in state['instances'] if i['id'] == attachment['integrationPackInstanceId']]
        for process in instance['processes']:
            for atom in (a['id'] for a in sim.state.environments[attachment['environmentId']].get('atoms', [])):
                schedule, retry = [], 5
                if names[process['id']] == 'Limited EU - INT' and attachment['environmentId'] == PRODUCTION:
                    schedule, retry = [WEEKDAYS], 3
                if names[process['id']] == 'Limited EU - Acknowledge' and attachment['environmentId'] == TEST:
                    schedule = [EARLY]
                expected[(process['id'], atom)] = (schedule, retry)
    assert {(s['processId'], s['atomId']): (s['Schedule'], s['Retry']['maxRetry']) for s in state['schedules']} == expected

    # what the tasks reported
    assert [i['id'] for i in listed['instances']] == [eu_id]
    production = [s for p in read['processes'] if p['name'] == 'Limited EU - INT' for s in p['schedules']]
    assert len(production) == 2 and all(s['retry']['max_retry'] == 3 for s in production), production

    # every 3rd request was refused, each refusal was retried at once and said so in one warning
    refused = [e for e in log if e['status'] in (429, 503)]
    assert len(refused) == len(log) // 3 and len(refused) >= 5, [(e['operation'], e['status']) for e in log]
    assert all(e['status'] == (429 if e['api'] == 'graphql' else 503) for e in refused), refused  # the JWT endpoint answers 503
    # with GraphQL, the schedule status (enabled) of the schedule records is read through REST (REST_WITH_GRAPHQL)
    assert {e['api'] for e in refused} - {'rest'} <= (set() if api == 'rest' else {'graphql', 'jwt'}), refused
    for result, entries in tasks:
        warnings = set(warnings_of(result))
        retry_warnings = {w for w in warnings if w.startswith('Boomi API: HTTP ')}
        assert all(RETRY.match(w) for w in retry_warnings), retry_warnings
        expected = {'HTTP %d for %s' % (e['status'], LABELS[e['api']].format(e['operation'])) for e in entries if e['status'] in (429, 503)}
        assert {RETRY.match(w).group(1) for w in retry_warnings} == expected, (retry_warnings, expected)
    for entry in refused:
        answered = [e for e in log if e['seq'] > entry['seq'] and e['operation'] == entry['operation'] and e['status'] == 200]
        assert answered and answered[0]['time'] - entry['time'] < 2.0, (entry, answered[:1])
    # no write was ever sent twice
    committed = {}
    for entry in log:
        if entry['write'] and entry['status'] == 200:
            committed[entry['operation']] = committed.get(entry['operation'], 0) + 1
    assert committed == {OPERATIONS['install'][api]: 2, OPERATIONS['attach'][api]: 3 if api == 'rest' else 2, OPERATIONS['schedule'][api]: 3,
                         OPERATIONS['detach'][api]: 2, OPERATIONS['uninstall'][api]: 1}, committed

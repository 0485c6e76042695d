# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bounded messages: a bulk task with 2,000 bad elements fails, before any write, with the first 50 problems and the count of
the rest in its message, the first 500 in ``problems`` and the count of all in ``problem_count``. Each module's ``main()`` runs
in process (``run_module``) against the simulator."""

from __future__ import annotations

import json

from ansible_collections.boomi.platform.plugins.modules import ipack_env_extensions_bulk, ipack_instances, ipack_process_schedules

COUNT = 2000


def bounded(sim, result, problem):
    """The failure lists the first 50 problems (``problem(index)``) and counts the rest; nothing was written."""
    assert result['failed'] is True and result.get('changed', False) is False
    msg = result['msg']
    assert msg.startswith('%d ' % COUNT), msg[:200]
    listed = [problem(index) for index in range(50)]
    assert msg.endswith(': %s; and %d more (the result\'s problems lists the first 500)' % ('; '.join(listed), COUNT - 50)), msg[-300:]
    assert problem(50) not in msg
    assert len(msg) < 20000
    assert result['problem_count'] == COUNT
    assert result['problems'] == [problem(index) for index in range(500)]
    assert len(json.dumps(result)) < 200000 + len(json.dumps(result['invocation']))
    assert [e for e in sim.log if e['write']] == []


def test_process_schedules_with_2000_bad_elements(sim, run_module):
    processes = [dict(instance_id='i-%d' % index, process='INT', environment='Test', max_retry=6) for index in range(COUNT)]
    failed, result = run_module(ipack_process_schedules.main, processes=processes)
    assert failed
    bounded(sim, result, lambda index: 'processes[%d].max_retry must be between 1 and 5, got 6' % index)
    assert sim.log == []  # found before any request


def test_env_extensions_bulk_with_2000_bad_elements(sim, run_module):
    extensions = [dict(instance_id='i-%d' % index, environment='') for index in range(COUNT)]
    failed, result = run_module(ipack_env_extensions_bulk.main, extensions=extensions)
    assert failed
    bounded(sim, result, lambda index: "extensions[%d].environment must not be empty or blank, got ''" % index)
    assert sim.log == []


def test_instances_with_2000_unknown_packs(sim, run_module):
    """Found when the items are checked against the account (one read), before any write."""
    instances = [dict(integration_pack_name='No Such Pack %04d' % index) for index in range(COUNT)]
    failed, result = run_module(ipack_instances.main, instances=instances)
    assert failed
    first = result['problems'][0]
    assert first.startswith("instances[0]: integration_pack_name 'No Such Pack 0000': no integration pack has this name"), first
    bounded(sim, result, lambda index: first.replace('instances[0]', 'instances[%d]' % index).replace('0000', '%04d' % index))

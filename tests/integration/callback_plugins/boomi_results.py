# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only callback: append every task result as one JSON line to $BOOMI_TEST_RESULTS.

Stdout-agnostic (the default stdout callback keeps printing), enabled by the integration
harness with ANSIBLE_CALLBACK_PLUGINS + ANSIBLE_CALLBACKS_ENABLED. Each line is
``{"task", "host", "action", "status", "item", "changed", "failed", "ignored", "skipped", "msg", "result", "sim"}``.

When $BOOMI_TEST_SIM_URL is set, the callback also reads the simulator's request counters
(``GET /_sim/counts``) when a task starts and when its result arrives, and stores the
difference in ``sim`` (``{"requests": n, "writes": n, "by_operation": {...}}``): that is
how a test checks "this very task made zero writes" inside a playbook of many tasks.
"""

from __future__ import annotations

import json
import os
import urllib.request

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r"""
name: boomi_results
type: aggregate
short_description: write task results as JSON lines (integration tests only)
description:
  - Appends every task result to the file named by E(BOOMI_TEST_RESULTS).
"""


def _counts(url):
    try:
        with urllib.request.urlopen(url.rstrip('/') + '/_sim/counts', timeout=10) as answer:  # nosec - test-only, local simulator
            return json.loads(answer.read().decode('utf-8'))
    except Exception:  # pylint: disable=broad-except
        return None


def _delta(before, after):
    if not before or not after:
        return None
    ops = {}
    for name, count in (after.get('by_operation') or {}).items():
        diff = count - (before.get('by_operation') or {}).get(name, 0)
        if diff:
            ops[name] = diff
    return {'requests': after['total'] - before['total'], 'writes': after['writes'] - before['writes'], 'by_operation': ops}


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'boomi_results'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._path = os.environ.get('BOOMI_TEST_RESULTS')
        self._sim_url = os.environ.get('BOOMI_TEST_SIM_URL')
        self._before = None

    # -- helpers ---------------------------------------------------------------------------
    def _start(self):
        self._before = _counts(self._sim_url) if self._sim_url else None

    def _write(self, result, status, item=False, ignored=False):
        if not self._path:
            return
        data = getattr(result, 'result', None)
        if data is None:
            data = result._result  # pylint: disable=protected-access
        task = result._task  # pylint: disable=protected-access
        host = result._host  # pylint: disable=protected-access
        sim = None
        if self._sim_url and not item:
            sim = _delta(self._before, _counts(self._sim_url))
        record = {
            'task': task.get_name(),
            'host': host.get_name(),
            'action': task.action,
            'status': status,
            'item': item,
            'changed': bool(data.get('changed', False)),
            'failed': status in ('failed', 'unreachable'),
            'ignored': bool(ignored),
            'skipped': status == 'skipped',
            'msg': data.get('msg'),
            'result': data,
            'sim': sim,
        }
        with open(self._path, 'a', encoding='utf-8') as handle:
            handle.write(json.dumps(record, default=repr, sort_keys=True) + '\n')
        if self._sim_url and not item:
            self._before = _counts(self._sim_url)

    # -- playbook hooks ----------------------------------------------------------------------
    def v2_playbook_on_task_start(self, task, is_conditional):
        self._start()

    def v2_playbook_on_handler_task_start(self, task):
        self._start()

    def v2_runner_on_ok(self, result, **kwargs):
        self._write(result, 'ok')

    def v2_runner_on_failed(self, result, ignore_errors=False, **kwargs):
        self._write(result, 'failed', ignored=ignore_errors)

    def v2_runner_on_skipped(self, result, **kwargs):
        self._write(result, 'skipped')

    def v2_runner_on_unreachable(self, result, **kwargs):
        self._write(result, 'unreachable')

    def v2_runner_item_on_ok(self, result, **kwargs):
        self._write(result, 'ok', item=True)

    def v2_runner_item_on_failed(self, result, **kwargs):
        self._write(result, 'failed', item=True)

    def v2_runner_item_on_skipped(self, result, **kwargs):
        self._write(result, 'skipped', item=True)

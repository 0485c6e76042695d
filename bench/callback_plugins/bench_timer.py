# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark-only callback: when each task and each loop item ended, written as JSON at the end of the run.

Enabled by bench/bench.py (``ANSIBLE_CALLBACKS_ENABLED=bench_timer``), which sets
``BENCH_TIMER_OUT`` to the file to write.  Times are ``time.time()`` so that they can be matched
against the simulator's request log.
"""

from __future__ import annotations

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r"""
name: bench_timer
type: aggregate
short_description: Times of task starts and loop item results, for bench/bench.py
description:
  - Writes the events to the file named by the environment variable E(BENCH_TIMER_OUT).
requirements:
  - enabled in the configuration
"""


class CallbackModule(CallbackBase):
    """Records ``[time, event, task name, changed]`` for every task start and every result."""

    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'bench_timer'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self.events = []

    def _record(self, event, task, changed=False):
        self.events.append([time.time(), event, task.get_name(), bool(changed)])

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._record('start', task)

    def v2_runner_on_ok(self, result):
        self._record('ok', result._task, result._result.get('changed'))  # pylint: disable=protected-access

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record('failed', result._task)  # pylint: disable=protected-access

    def v2_runner_on_skipped(self, result):
        self._record('skipped', result._task)  # pylint: disable=protected-access

    def v2_runner_item_on_ok(self, result):
        self._record('item', result._task, result._result.get('changed'))  # pylint: disable=protected-access

    def v2_runner_item_on_failed(self, result):
        self._record('item_failed', result._task)  # pylint: disable=protected-access

    def v2_playbook_on_stats(self, stats):
        path = os.environ.get('BENCH_TIMER_OUT')
        if path:
            with open(path, 'w', encoding='utf-8') as handle:
                json.dump(self.events, handle)

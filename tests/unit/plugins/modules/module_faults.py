# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers of the in-process module tests: a fake clock for the module's client, and Boomi refusing a module's later writes."""

from __future__ import annotations

import functools

from ansible_collections.boomi.platform.plugins.module_utils import common
from ansible_collections.boomi.platform.plugins.module_utils.client import BoomiClient
from ansible_collections.boomi.platform.tests.unit.plugins.module_utils.test_runs import FakeTime


def fake_time(monkeypatch, sim):
    """Give the client that a module's ``main()`` builds, and the simulator's runs, one ``FakeTime`` (until sim.reset): a clock
    that only the client's sleeps move forward, so that no test waits for real and a run moves only while the module waits."""
    fake = FakeTime()
    sim.executions.clock = fake.clock
    monkeypatch.setattr(common, 'BoomiClient', functools.partial(BoomiClient, sleep=fake.sleep, clock=fake.clock))
    return fake


def refuse_writes_after(monkeypatch, sim, count):
    """From the module's write number ``count + 1`` on, Boomi refuses every request (REST 503, GraphQL 429, as a rate limit
    does; with ``max_retries: 0`` nothing is retried). Set from the client's hook called before each write."""
    seen = []

    def before_write():
        seen.append(True)
        if len(seen) > count:
            sim.set_faults(rate_limit={'every': 1, 'retry_after': 0})

    monkeypatch.setattr(common, 'ControllerWatch', lambda: before_write)

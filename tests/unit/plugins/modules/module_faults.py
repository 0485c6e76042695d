# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helper of the in-process module tests: Boomi refusing a module's later writes (the fake clock is ``conftest.fake_time``)."""

from __future__ import annotations

from ansible_collections.boomi.platform.plugins.module_utils import common


def refuse_writes_after(monkeypatch, sim, count):
    """From the module's write number ``count + 1`` on, Boomi refuses every request (REST 503, GraphQL 429, as a rate limit
    does; with ``max_retries: 0`` nothing is retried). Set from the client's hook called before each write."""
    seen = []

    def before_write():
        seen.append(True)
        if len(seen) > count:
            sim.set_faults(rate_limit={'every': 1, 'retry_after': 0})

    monkeypatch.setattr(common, 'ControllerWatch', lambda: before_write)

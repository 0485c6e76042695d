# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Two module processes on one account, each with the default client-side rate limit, against the simulator's window of
one second as Boomi counts it: none of their requests is refused.

Timed against the simulator's real clock (the limiter takes a request to reach Boomi within 0.05 s of its send), so it runs
with the tests marked serial, on a machine no other test loads; its control (the same load without the limit is refused)
and the limiter's own accounting on a shared fake clock are unit tests (tests/unit/plugins/module_utils/test_ratelimit.py).
"""

from __future__ import annotations

import multiprocessing
import sys

import pytest

from boomi_harness import ACCOUNT_ID, PASSWORD, USERNAME

pytestmark = pytest.mark.serial


def _read(collections, params, count, queue):
    sys.path.insert(0, str(collections))
    from ansible_collections.boomi.platform.plugins.module_utils.client import BoomiClient  # pylint: disable=import-outside-toplevel

    client = BoomiClient(params)
    for _n in range(count):
        client.api.list_packs()
    queue.put(count)


def test_two_module_processes_on_one_account_stay_within_boomis_limit(sim, collections_dir, tmp_path, monkeypatch):
    """The simulator refuses an 11th request in any one-second window (as Boomi does): with the default limit, none is refused."""
    monkeypatch.setenv('TMPDIR', str(tmp_path))
    sim.set_faults(rate_limit_window={'limit': 10, 'window': 1.0})
    params = {'api': 'rest', 'account_id': ACCOUNT_ID, 'username': USERNAME, 'password': PASSWORD, 'api_url': sim.url,
              'timeout': 5, 'max_retries': 0, 'rate_limit': 10}
    context = multiprocessing.get_context('fork')
    queue = context.Queue()
    procs = [context.Process(target=_read, args=(collections_dir, params, 15, queue)) for _n in range(2)]
    for proc in procs:
        proc.start()
    done = [queue.get(timeout=60) for _proc in procs]
    for proc in procs:
        proc.join(10)
        assert proc.exitcode == 0
    statuses = [e['status'] for e in sim.log]
    assert done == [15, 15] and len(statuses) == 30 and statuses.count(503) == 0, statuses

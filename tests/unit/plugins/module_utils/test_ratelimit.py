# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client-side rate limit holds across processes: two module processes on one account stay under Boomi's limit."""

from __future__ import annotations

import multiprocessing
import os
import time

from ansible_collections.boomi.platform.plugins.module_utils.client import BoomiClient
from ansible_collections.boomi.platform.plugins.module_utils.ratelimit import ARRIVAL_MARGIN, WINDOW, SharedRateLimit
from ansible_collections.boomi.platform.tests.unit.conftest import connection


def _acquire(directory, key, count, queue):
    """Take ``count`` slots; put the arrival time the limiter counted for each (send + ARRIVAL_MARGIN, or the answer if sooner).

    The times are the limiter's own clock reads, under its file lock: a stamp taken by the test after ``acquire`` returns
    would be late by however long the process waited for a CPU, which on a loaded machine is more than the margin."""
    reads = []

    def clock():
        reads.append(time.time())
        return reads[-1]

    limit = SharedRateLimit(10, key, directory=directory, clock=clock)
    arrivals = []
    for _n in range(count):
        ticket = limit.acquire()
        sent = reads[-1]  # the clock read of the acquire that let this request go
        limit.done(ticket)
        arrivals.append(min(sent + ARRIVAL_MARGIN, reads[-1]))
    queue.put(arrivals)


def _read(params, count, queue):
    client = BoomiClient(params)
    for _n in range(count):
        client.api.list_packs()
    queue.put(os.getpid())


def _run(target, args_list):
    context = multiprocessing.get_context('fork')
    queue = context.Queue()
    procs = [context.Process(target=target, args=args + (queue,)) for args in args_list]
    for proc in procs:
        proc.start()
    results = [queue.get(timeout=60) for _proc in procs]
    for proc in procs:
        proc.join(10)
        assert proc.exitcode == 0
    return results


def test_two_processes_share_one_budget(tmp_path):
    stamps = sorted(sum(_run(_acquire, [(str(tmp_path), 'https://api.example|acme', 12)] * 2), []))
    assert len(stamps) == 24
    # no window of one second holds more than 10 of them, across the two processes (1e-5: the file keeps 6 decimals)
    assert all(stamps[i + 10] - stamps[i] >= WINDOW - 1e-5 for i in range(len(stamps) - 10)), stamps
    assert stamps[-1] - stamps[0] >= 2 * WINDOW * 0.95  # 24 requests at 10 per second take more than two seconds
    assert os.listdir(str(tmp_path)) and all(name.startswith('ratelimit-') and 'acme' not in name for name in os.listdir(str(tmp_path)))


def test_a_limit_of_zero_never_waits(tmp_path):
    slept = []
    limit = SharedRateLimit(0, 'k', directory=str(tmp_path), sleep=slept.append)
    assert [limit.acquire() for _n in range(50)] == [None] * 50 and slept == []


def test_two_module_processes_on_one_account_stay_within_boomis_limit(sim, tmp_path, monkeypatch):
    """The simulator refuses an 11th request in any one-second window (as Boomi does): with the default limit, none is refused."""
    monkeypatch.setenv('TMPDIR', str(tmp_path))
    sim.set_faults(rate_limit_window={'limit': 10, 'window': 1.0})
    _run(_read, [(connection(sim, 'rest', rate_limit=10, max_retries=0), 15)] * 2)
    statuses = [e['status'] for e in sim.log]
    assert len(statuses) == 30 and statuses.count(503) == 0, statuses


def test_without_the_limit_the_same_load_is_refused(sim):
    """The control: the same two processes with rate_limit 0 trip the simulator's limit (so the test above can fail)."""
    sim.set_faults(rate_limit_window={'limit': 10, 'window': 1.0})
    params = connection(sim, 'rest', rate_limit=0, max_retries=0)
    context = multiprocessing.get_context('fork')
    procs = [context.Process(target=_read_tolerant, args=(params, 15)) for _n in range(2)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(60)
    assert [e['status'] for e in sim.log].count(503) > 0


def _read_tolerant(params, count):
    client = BoomiClient(params)
    for _n in range(count):
        try:
            client.api.list_packs()
        except Exception:  # pylint: disable=broad-except
            pass

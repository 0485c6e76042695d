# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the bulk modules (``ipack_instances``, ``ipack_process_schedules``) share: their items run on a bounded pool.

Each item runs on its own thread, its writes marked with its index in the client's write journal (``client.writes``,
``context``); when one fails, no further item is started (those started finish), and the caller reports the writes sent.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, mask

DEFAULT_CONCURRENCY = 4  # with Boomi's 300 ms or so per request, four items at once reach its 10 requests per second
MAX_CONCURRENCY = 16
# outcomes of the client's write journal (client.writes): the effect is there, or may be
MADE = ('done', 'done by another run')
MAYBE_MADE = ('unknown',)


class WriteFailed(BoomiError):
    """A write of one item failed: the cause's message and fields, and the failed result (what was written before it)."""

    def __init__(self, message, cause, result):
        super().__init__(message, status=cause.status, code=cause.code, operation=cause.operation)
        self.result = result

    def __str__(self):
        return mask(self.message)  # the cause's message already names its operation and status


def concurrency_problem(concurrency):
    """The message for a ``concurrency`` option out of range, None when it is fine."""
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        return 'concurrency must be between 1 and %d, got %d' % (MAX_CONCURRENCY, concurrency)
    return None


def run_items(client, count, work, concurrency=DEFAULT_CONCURRENCY, sequential=False):
    """``work(index)`` for each item ``0 .. count - 1``, up to ``concurrency`` at once (``sequential``: one after the other,
    in order), each thread's writes marked with the item's index (``client.set_context``).

    A :class:`BoomiError` of an item stops the start of further items (those started finish). Returns one entry per item:
    ``(work's value, None)``, ``(None, the error)``, or None for an item not started.
    """
    outcomes = [None] * count
    stop = threading.Event()

    def run(index):
        if stop.is_set():
            return
        if client is not None:
            client.set_context(index)
        try:
            value = work(index)
        except BoomiError as exc:
            stop.set()
            outcomes[index] = (None, exc)
            return
        outcomes[index] = (value, None)

    workers = max(1, min(concurrency, count))
    if workers == 1 or sequential:
        for index in range(count):
            run(index)
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(run, range(count)))
    return outcomes

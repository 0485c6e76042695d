# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client-side rate limit, shared by every module process of one controller that talks to one account.

Boomi allows 10 requests per second per account and answers 503 (GraphQL: 429) beyond that. Forks of a
play, and the concurrent requests of one task, each run in their own process or thread: they share one
budget through a small file under the user's temp directory (``boomi.platform-<uid>/``, mode 0700), keyed
by a hash of the API host and the account. The file holds only the times of the last requests;
:meth:`SharedRateLimit.acquire` waits until sending one more keeps at most ``rate`` requests in any
window of one second (a sliding window, as Boomi counts). Boomi counts a request when it arrives, some
time after it is sent and before its answer comes back: the limiter takes that time to be at most
``ARRIVAL_MARGIN`` (0.05 s), so a request counts from when it is sent until one second after the
earlier of its answer (:meth:`SharedRateLimit.done`) and its send plus the margin. A request that
takes longer than the margin to arrive (a slow TLS handshake) may meet a 503 now and then: the
transport's retries are the safety net. Files idle for an hour are removed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import time

try:
    import fcntl
except ImportError:  # not POSIX: the limit holds within one process only
    fcntl = None

WINDOW = 1.0
ARRIVAL_MARGIN = 0.05  # how long after its send a request is taken to reach Boomi at the latest
STALE_AFTER = 3600


class SharedRateLimit:
    """At most ``rate`` requests in any ``WINDOW`` for one ``key``, across processes (file lock) and threads."""

    _threads = threading.Lock()

    def __init__(self, rate, key, directory=None, clock=time.time, sleep=time.sleep):
        self.rate = int(rate)
        self._clock = clock
        self._sleep = sleep
        directory = directory or os.path.join(tempfile.gettempdir(), 'boomi.platform-%s' % (os.getuid() if hasattr(os, 'getuid') else 'user'))
        os.makedirs(directory, mode=0o700, exist_ok=True)
        self.path = os.path.join(directory, 'ratelimit-%s' % hashlib.sha256(key.encode('utf-8')).hexdigest()[:24])
        self._remove_stale(directory)

    def _remove_stale(self, directory):
        now = time.time()
        for name in os.listdir(directory):
            path = os.path.join(directory, name)
            try:
                if name.startswith('ratelimit-') and path != self.path and now - os.path.getmtime(path) > STALE_AFTER:
                    os.remove(path)
            except OSError:
                pass

    def acquire(self):
        """Wait until one more request fits the budget, and count it; returns its ticket for :meth:`done` (None: no limit)."""
        if self.rate <= 0:
            return None
        ticket = '%d-%s' % (os.getpid(), os.urandom(6).hex())
        while True:
            delay = self._update(ticket, add=True)
            if delay <= 0:
                return ticket
            self._sleep(delay)

    def done(self, ticket):
        """The request of ``ticket`` has its answer: it arrived by now, so it counts until one second from now at the latest."""
        if ticket is not None:
            self._update(ticket, add=False)

    def _update(self, ticket, add):
        """Under the lock: add ``ticket`` as arriving by now + margin (or return how long to wait first), or by now."""
        with self._threads, open(self.path, 'a+') as handle:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_EX)
            handle.seek(0)
            now = self._clock()
            entries = {}
            for line in handle.read().splitlines():
                stamp, _sep, name = line.partition(' ')
                try:
                    if now - WINDOW < float(stamp) <= now + 60:
                        entries[name] = float(stamp)
                except ValueError:
                    continue
            if add and len(entries) >= self.rate:
                return max(sorted(entries.values())[-self.rate] + WINDOW - now, 0.001)
            if add:
                entries[ticket] = now + ARRIVAL_MARGIN
            elif ticket in entries:  # (gone: it was sent more than a second ago, it no longer counts)
                entries[ticket] = min(entries[ticket], now)
            handle.seek(0)
            handle.truncate()
            handle.write(''.join('%.6f %s\n' % (stamp, name) for name, stamp in entries.items()))
            return 0.0

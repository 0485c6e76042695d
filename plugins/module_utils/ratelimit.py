# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client-side rate limit, shared by every module process of one controller that talks to one account.

Boomi allows 10 requests per second per account and answers 503 (GraphQL: 429) beyond that. Forks of a
play, and the concurrent requests of one task, each run in their own process or thread: they share one
budget through a small file in the user's private state directory (``<temp dir>/boomi.platform-<uid>/``,
see ``statefiles``: 0700, the user's own, the file 0600 and never opened through a symlink), keyed
by a hash of the API host and the account. The file holds only the times of the last requests;
:meth:`SharedRateLimit.acquire` waits until sending one more keeps at most ``rate`` requests in any
window of one second (a sliding window, as Boomi counts). Boomi counts a request when it arrives, some
time after it is sent and before its answer comes back: the limiter takes that time to be at most
``ARRIVAL_MARGIN`` (0.05 s), so a request counts from when it is sent until one second after the
earlier of its answer (:meth:`SharedRateLimit.done`) and its send plus the margin. A request that
takes longer than the margin to arrive (a slow TLS handshake) may meet a 503 now and then: the
transport's retries are the safety net. Files idle for an hour are removed.

A file that cannot be read as such times (not UTF-8, not numbers) is rebuilt, with a warning; a time later than a request
sent now could count (the clock was stepped back, or someone else wrote it) is ignored, so that no request waits more than
one window for its slot.
"""

from __future__ import annotations

import fcntl
import hashlib
import math
import os
import threading
import time

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiConfigError
from ansible_collections.boomi.platform.plugins.module_utils.statefiles import StateUnwritableError, open_private, private_directory, remove_stale

WINDOW = 1.0
ARRIVAL_MARGIN = 0.05  # how long after its send a request is taken to reach Boomi at the latest


class SharedRateLimit:
    """At most ``rate`` requests in any ``WINDOW`` for one ``key``, across processes (file lock) and threads."""

    _threads = threading.Lock()

    def __init__(self, rate, key, directory=None, clock=time.time, sleep=time.sleep, warn=None):
        self.rate = int(rate)
        self._clock = clock
        self._sleep = sleep
        self._warn = warn or (lambda msg: None)
        try:
            self.directory = private_directory(directory)
        except BoomiConfigError as exc:
            raise _state_error(exc) from None
        self.name = 'ratelimit-%s' % hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]
        self.path = os.path.join(self.directory, self.name)
        remove_stale(self.directory, 'ratelimit-', keep=self.name)  # (idle for an hour)

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
        with self._threads:
            try:
                handle = os.fdopen(open_private(self.directory, self.name), 'r+b')
            except BoomiConfigError as exc:
                raise _state_error(exc) from None
            with handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                now = self._clock()
                entries = self._read(handle.read(), now)
                if add and len(entries) >= self.rate:
                    return max(sorted(entries.values())[-self.rate] + WINDOW - now, 0.001)
                if add:
                    entries[ticket] = now + ARRIVAL_MARGIN
                elif ticket in entries:  # (gone: it was sent more than a second ago, it no longer counts)
                    entries[ticket] = min(entries[ticket], now)
                handle.seek(0)
                handle.truncate()
                handle.write(''.join('%.6f %s\n' % (stamp, name) for name, stamp in entries.items()).encode('utf-8'))
                return 0.0

    def _read(self, content, now):
        """``{ticket: arrival}`` of the requests that still count at ``now``: those of the last window, none later than a
        request sent now; a file that is not such lines is taken as empty (it is rebuilt), with a warning."""
        entries = {}
        try:
            for line in content.decode('utf-8').splitlines():
                if not line.strip():
                    continue
                stamp, name = line.split(' ', 1)
                stamp = float(stamp)
                if not math.isfinite(stamp) or not name.strip():
                    raise ValueError(line)
                if now - WINDOW < stamp <= now + ARRIVAL_MARGIN:  # later: a clock stepped back or a foreign writer; ignored
                    entries[name] = stamp
        except ValueError:  # (UnicodeDecodeError is one)
            self._warn('rate_limit: the state file %s was not readable (not UTF-8, or not request times): rebuilt; the limit '
                       'holds from now on' % self.path)
            return {}
        return entries


def _state_error(exc):
    """The error of a state directory or file that is refused or cannot be written, naming rate_limit and the way out."""
    if isinstance(exc, StateUnwritableError):
        return StateUnwritableError('rate_limit: cannot keep the shared rate-limit state: %s; make it writable (the directory is '
                                    'under TMPDIR), or turn the shared limit off with rate_limit: 0 (BOOMI_RATE_LIMIT=0)' % exc.message)
    return type(exc)('rate_limit: %s; set TMPDIR to a directory of your own (or have it removed), or turn the shared limit '
                     'off with rate_limit: 0 (BOOMI_RATE_LIMIT=0)' % exc.message)

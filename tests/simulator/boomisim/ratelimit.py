"""The ``rate_limit_window`` fault: a real per-account request rate limit.

At most ``limit`` API requests are accepted per account in any sliding window of ``window``
seconds (1 by default, as Boomi's "requests per second"); beyond that REST and JWT answer 503
and GraphQL 429 (see ``server._Handler._rate_limited``), with ``Retry-After: <retry_after>``
when it is set and no such header otherwise (Boomi documents none).

Accounts: the account id in a REST or JWT path; for GraphQL the ``account`` claim of the
bearer JWT (read without checking the signature, so that even requests with a bad token
count).  Requests whose account cannot be told share the bucket ``""``.  A request on a
sub-account (Partner path with ``overrideAccount``, Platform path or JWT of a sub-account)
counts against its partner's bucket unless the sub-account's ``overrideAccountRateLimit`` flag
is on: the server maps the account through ``accounts.Accounts.budget_account``.
Refused requests do not use up the budget: only accepted requests are counted.
"""

import base64
import collections
import json
import threading
import time
from urllib.parse import unquote

from .faults import ExtraFault, FaultError, register_fault

FAULT_NAME = "rate_limit_window"
DEFAULT_WINDOW = 1.0


class WindowLimit:
    """The active ``rate_limit_window`` setting and its sliding windows (one per account)."""

    def __init__(self, limit, window=DEFAULT_WINDOW, retry_after=None):
        self.limit = limit
        self.window = window
        self.retry_after = retry_after
        self._lock = threading.Lock()
        self._accepted = collections.defaultdict(collections.deque)  # account -> monotonic times

    def admit(self, account, now=None):
        """Count one request of ``account``; True when it is within the limit."""
        now = time.monotonic() if now is None else now
        with self._lock:
            times = self._accepted[account]
            while times and times[0] <= now - self.window:
                times.popleft()
            if len(times) >= self.limit:
                return False
            times.append(now)
            return True

    def settings(self):
        """JSON-able settings (what ``GET /_sim/faults`` shows)."""
        return {"limit": self.limit, "window": self.window, "retry_after": self.retry_after}


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def parse(value):
    """``{"limit": N, "window": 1.0, "retry_after": null}`` -> WindowLimit (None switches it off)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise FaultError("%s must be an object (or null to clear it)" % FAULT_NAME)
    unknown = sorted(set(value) - {"limit", "window", "retry_after"})
    if unknown:
        raise FaultError("%s: unknown key(s) %s" % (FAULT_NAME, ", ".join(unknown)))
    limit = value.get("limit")
    window = value.get("window", DEFAULT_WINDOW)
    retry_after = value.get("retry_after")
    if not _is_int(limit) or limit < 1:
        raise FaultError("%s.limit must be an integer >= 1" % FAULT_NAME)
    if isinstance(window, bool) or not isinstance(window, (int, float)) or window <= 0:
        raise FaultError("%s.window must be a number of seconds > 0" % FAULT_NAME)
    if retry_after is not None and (not _is_int(retry_after) or retry_after < 0):
        raise FaultError("%s.retry_after must be an integer number of seconds >= 0, or null for no Retry-After header" % FAULT_NAME)
    return WindowLimit(limit, float(window), retry_after)


register_fault(ExtraFault(FAULT_NAME, parse, None, lambda setting: setting.settings() if setting else None))


def jwt_account(authorization):
    """The ``account`` claim of a bearer JWT, without verifying it ("" when there is none)."""
    if not authorization or not authorization.lower().startswith("bearer "):
        return ""
    parts = authorization[7:].strip().split(".")
    if len(parts) != 3:
        return ""
    try:
        claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, TypeError):
        return ""
    account = claims.get("account") if isinstance(claims, dict) else None
    return account if isinstance(account, str) else ""


def request_account(api, path, rest_route, headers, jwt_prefix):
    """The account a request counts against."""
    if api == "rest":
        return rest_route.account_id
    if api == "jwt":
        return unquote(path[len(jwt_prefix):]).rstrip("/")
    return jwt_account(headers.get("Authorization"))


def check(faults, account):
    """(refused, retry_after) for one API request under the ``rate_limit_window`` fault."""
    limit = getattr(faults, FAULT_NAME)
    if limit is None or limit.admit(account):
        return False, None
    return True, limit.retry_after

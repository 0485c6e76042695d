"""Faults the tests can switch on.  They apply to API requests (rest, graphql, jwt) only."""

import copy
import json
import threading

DROP_OPERATIONS = ("install", "uninstall", "attach", "detach", "schedule_update", "extensions_update", "any_write")
DROP_OPERATIONS += ("schedule_status_update", "execute")  # schedule_status.py, executions.py
FAULT_KEYS = ("rate_limit", "drop_after_commit", "latency", "next_responses", "hang", "jwt_lifetime", "shape_variant")
# Faults defined in other modules (ratelimit.py, schedule_shape.py): name -> ExtraFault.
EXTRA_FAULTS = {}
DEFAULT_HANG_SECONDS = 30.0


class FaultError(ValueError):
    """A fault setting was refused."""


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _check_dict(name, value, allowed):
    if not isinstance(value, dict):
        raise FaultError("%s must be an object (or null to clear it)" % name)
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise FaultError("%s: unknown key(s) %s" % (name, ", ".join(unknown)))


def _canned_response(index, item):
    where = "next_responses[%d]" % index
    _check_dict(where, item, ("status", "body", "content_type", "headers"))
    status = item.get("status", 200)
    if not _is_int(status) or not 100 <= status <= 599:
        raise FaultError("%s.status must be an HTTP status code" % where)
    body = item.get("body", "")
    if body is None:
        body = ""
    if isinstance(body, (dict, list)):
        default_type = "application/json"
        body = json.dumps(body)
    elif isinstance(body, str):
        default_type = "text/plain"
    else:
        raise FaultError("%s.body must be a string, an object, a list or null" % where)
    content_type = item.get("content_type", default_type)
    if content_type is not None and not isinstance(content_type, str):
        raise FaultError("%s.content_type must be a string or null" % where)
    headers = item.get("headers") or {}
    if not isinstance(headers, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in headers.items()):
        raise FaultError("%s.headers must map strings to strings" % where)
    return {"status": status, "body": body, "content_type": content_type, "headers": dict(headers)}


class ExtraFault:
    """A fault defined outside this module: ``parse(value)`` (None = off) -> setting, ``snapshot(setting)`` -> JSON."""

    def __init__(self, name, parse, default=None, snapshot=copy.deepcopy):
        self.name = name
        self.parse = parse
        self.default = default
        self.snapshot = snapshot


def register_fault(extra):
    """Make an ExtraFault known to every Faults object."""
    EXTRA_FAULTS[extra.name] = extra
    return extra


class Faults:
    """The active faults.  ``update`` merges settings; ``clear`` switches everything off."""

    def __init__(self):
        self._lock = threading.Lock()
        self.rate_limit = None
        self._rate_count = 0
        self.drop_after_commit = None
        self._dropped_targets = set()
        self.latency = 0.0
        self.next_responses = []
        self.hang = None
        self.jwt_lifetime = None
        self.shape_variant = False
        for extra in EXTRA_FAULTS.values():
            setattr(self, extra.name, extra.default)

    def __getattr__(self, name):
        # An ExtraFault registered after this object was made.
        if name in EXTRA_FAULTS:
            return EXTRA_FAULTS[name].default
        raise AttributeError(name)

    def clear(self):
        """Switch every fault off (jwt_lifetime back to the simulator's default)."""
        with self._lock:
            self.rate_limit = None
            self._rate_count = 0
            self.drop_after_commit = None
            self._dropped_targets = set()
            self.latency = 0.0
            self.next_responses = []
            self.hang = None
            self.jwt_lifetime = None
            self.shape_variant = False
            for extra in EXTRA_FAULTS.values():
                setattr(self, extra.name, extra.default)

    def update(self, **settings):
        """Validate and merge fault settings; a value of None switches that fault off."""
        known = FAULT_KEYS + tuple(EXTRA_FAULTS)
        unknown = sorted(set(settings) - set(known))
        if unknown:
            raise FaultError("Unknown fault(s): %s (known: %s)" % (", ".join(unknown), ", ".join(known)))
        parsed = {key: self._parse(key, value) for key, value in settings.items()}
        with self._lock:
            for key, value in parsed.items():
                setattr(self, key, value)
                if key == "rate_limit":
                    self._rate_count = 0
                if key == "drop_after_commit":
                    self._dropped_targets = set()

    @staticmethod
    def _parse(key, value):
        # pylint: disable=too-many-return-statements,too-many-branches
        if key in EXTRA_FAULTS:
            return EXTRA_FAULTS[key].parse(value)
        if key == "shape_variant":
            if value is None:
                return False
            if not isinstance(value, bool):
                raise FaultError("shape_variant must be true or false")
            return value
        if key == "latency":
            if value is None:
                return 0.0
            if not _is_number(value) or value < 0:
                raise FaultError("latency must be a number of seconds >= 0")
            return float(value)
        if key == "next_responses":
            if value is None:
                return []
            if not isinstance(value, list):
                raise FaultError("next_responses must be a list")
            return [_canned_response(index, item) for index, item in enumerate(value)]
        if value is None:
            return None
        if key == "jwt_lifetime":
            if not _is_number(value) or value < 0:
                raise FaultError("jwt_lifetime must be a number of seconds >= 0")
            return value
        if key == "rate_limit":
            _check_dict(key, value, ("every", "retry_after"))
            every = value.get("every")
            retry_after = value.get("retry_after", 1)
            if not _is_int(every) or every < 1:
                raise FaultError("rate_limit.every must be an integer >= 1")
            if not _is_int(retry_after) or retry_after < 0:
                raise FaultError("rate_limit.retry_after must be an integer number of seconds >= 0")
            return {"every": every, "retry_after": retry_after}
        if key == "drop_after_commit":
            _check_dict(key, value, ("operation", "count", "per_target"))
            operation = value.get("operation", "any_write")
            count = value.get("count", 1)
            per_target = value.get("per_target", False)
            if operation not in DROP_OPERATIONS:
                raise FaultError("drop_after_commit.operation must be one of %s" % ", ".join(DROP_OPERATIONS))
            if not _is_int(count) or count < 1:
                raise FaultError("drop_after_commit.count must be an integer >= 1")
            if not isinstance(per_target, bool):
                raise FaultError("drop_after_commit.per_target must be true or false")
            return dict({"operation": operation, "count": count}, **({"per_target": True} if per_target else {}))
        # hang
        _check_dict(key, value, ("count", "seconds"))
        count = value.get("count", 1)
        seconds = value.get("seconds", DEFAULT_HANG_SECONDS)
        if not _is_int(count) or count < 1:
            raise FaultError("hang.count must be an integer >= 1")
        if not _is_number(seconds) or seconds < 0:
            raise FaultError("hang.seconds must be a number >= 0")
        return {"count": count, "seconds": float(seconds)}

    def snapshot(self):
        """The active settings as JSON-able data."""
        with self._lock:
            extras = {name: extra.snapshot(getattr(self, name)) for name, extra in EXTRA_FAULTS.items()}
            return dict({
                "rate_limit": copy.deepcopy(self.rate_limit),
                "drop_after_commit": copy.deepcopy(self.drop_after_commit),
                "latency": self.latency,
                "next_responses": copy.deepcopy(self.next_responses),
                "hang": copy.deepcopy(self.hang),
                "jwt_lifetime": self.jwt_lifetime,
                "shape_variant": self.shape_variant,
            }, **extras)

    # -- used by the server for each API request --------------------------------

    def take_hang(self):
        """Seconds to hold this request's answer (consumes one hang), or 0."""
        with self._lock:
            if not self.hang:
                return 0.0
            seconds = self.hang["seconds"]
            self.hang["count"] -= 1
            if self.hang["count"] <= 0:
                self.hang = None
            return seconds

    def take_next_response(self):
        """The next canned response, or None."""
        with self._lock:
            if not self.next_responses:
                return None
            return self.next_responses.pop(0)

    def rate_limited(self):
        """Count this request; return Retry-After seconds when it must be refused, else None."""
        with self._lock:
            if not self.rate_limit:
                return None
            self._rate_count += 1
            if self._rate_count % self.rate_limit["every"] == 0:
                return self.rate_limit["retry_after"]
            return None

    def take_drop(self, committed_kinds, target=None):
        """True when the connection must be dropped after these committed writes (consumes one). ``target``: what the request
        wrote to (its path and body); with ``per_target``, a target loses one answer at most (the same write sent again is
        answered)."""
        if not committed_kinds:
            return False
        with self._lock:
            drop = self.drop_after_commit
            if not drop:
                return False
            if drop["operation"] != "any_write" and drop["operation"] not in committed_kinds:
                return False
            if drop.get("per_target"):
                if target in self._dropped_targets:
                    return False
                self._dropped_targets.add(target)
            drop["count"] -= 1
            if drop["count"] <= 0:
                self.drop_after_commit = None
            return True

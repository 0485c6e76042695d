"""Process runs: REST ExecutionRequest / ExecutionRecord and GraphQL processExecute / executionHistory.

Sources: NEXT-APIS.md section 3, rest/openapi-extra.json (ExecutionRequest, ExecutionRecord),
graphql/spa-execute_process.md, graphql/spa-get_execution_history.md.

A run is accepted only for a process of an installed instance on an Atom of an environment
that instance is attached to (exactly the (process, Atom) pairs that have a ProcessSchedules
record).  Its record then goes through a timeline measured from the request, when the Atom takes
the run (its executionTime), by the store's ``clock`` (the run time and record delay in force at the
request are kept with the run):

    [0, record_delay)              no record yet: GET /ExecutionRecord/async/{requestId} answers 202
    record_delay .. run_time       ENQUEUED, then STARTED, then INPROCESS (a third of the rest each)
    run_time ..                    the outcome: COMPLETE (default) or what set_run_outcome said

``record_delay`` defaults to a third of ``run_time`` (0.3 s by default).  Statuses are computed
when read; no thread runs in the background.  ``clock`` (``time.time`` by default) gives both the
executionTime and the timeline: a test that replaces it with a clock of its own moves every run
forward only when it moves that clock (no real waiting).
"""

import copy
import datetime
import json
import re
import threading
import time
import uuid

from . import graphql_api, rest, rest_extra
from .graphql_api import SCHEMA, _domain, _require_space  # pylint: disable=protected-access
from .queryfilter import QueryError
from .state import INVALID, NOT_FOUND, DomainError

STORE = "executions"
DEFAULT_RUN_TIME = 0.3
ASYNC_SHAPES = ("wrapped", "bare", "inner202")
LONG_FORMATS = ("number", "string", "plain")
OUTCOME_STATUSES = ("COMPLETE", "COMPLETE_WARN", "ERROR", "ABORTED", "DISCARDED")
HISTORY_STATUSES = ("ABORTED", "COMPLETE", "COMPLETE_WARN", "DISCARDED", "ERROR", "INPROCESS", "STARTED")
RUNNING_STATUSES = ("ENQUEUED", "STARTED", "INPROCESS")
DOCUMENT_SIZE = 128  # bytes per document in inbound/outboundDocumentSize
DEFAULT_DOCUMENTS = {  # outcome status -> (inbound, inbound errors, outbound)
    "COMPLETE": (1, 0, 1),
    "COMPLETE_WARN": (1, 0, 1),
    "ERROR": (1, 1, 0),
    "ABORTED": (0, 0, 0),
    "DISCARDED": (0, 0, 0),
}
DEFAULT_ERROR_MESSAGE = "Simulated process error"
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_TIME_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-]00:?00)?$")


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_count(value):
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def format_time(epoch):
    """Boomi's date-time form, ``2024-09-25T15:41:54Z`` (UTC, whole seconds)."""
    return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).strftime(TIME_FORMAT)


def parse_time(text):
    """``yyyy-MM-dd'T'HH:mm:ss'Z'`` (fractions, ``+00:00`` or no zone accepted) -> canonical string, or None."""
    if not isinstance(text, str):
        return None
    match = _TIME_RE.match(text.strip())
    if not match:
        return None
    try:
        moment = datetime.datetime(*(int(part) for part in match.groups()))
    except ValueError:
        return None
    return moment.strftime(TIME_FORMAT)


class _Number(str):
    """A query value compared as a number with numeric arguments (strings otherwise)."""

    def _other(self, other):
        try:
            return int(self), int(other)
        except (TypeError, ValueError):
            return str(self), str(other)

    def __eq__(self, other):
        mine, theirs = self._other(other)
        return mine == theirs

    def __ne__(self, other):
        return not self.__eq__(other)

    def __lt__(self, other):
        mine, theirs = self._other(other)
        return mine < theirs

    def __le__(self, other):
        mine, theirs = self._other(other)
        return mine <= theirs

    def __gt__(self, other):
        mine, theirs = self._other(other)
        return mine > theirs

    def __ge__(self, other):
        mine, theirs = self._other(other)
        return mine >= theirs

    __hash__ = str.__hash__


class _Time(_Number):
    """A query date-time compared after both sides are put in canonical form."""

    def _other(self, other):
        theirs = parse_time(other) if isinstance(other, str) else None
        return str(self), theirs if theirs is not None else str(other)


# ---------------------------------------------------------------------------
# The store
# ---------------------------------------------------------------------------


class Executions:
    """Runs and their settings.  Registered as ``state.extensions["executions"]`` (reset with the state)."""

    def __init__(self, state, base_url=None, settings_from=None):
        self.state = state
        self._base_url = base_url  # callable -> "http://127.0.0.1:port"
        # Another Executions (the seed account's) whose config, outcomes and clock this one uses:
        # the stores of sub-accounts (accounts.py) share the simulator-wide settings.
        self._settings_from = settings_from
        self._lock = threading.RLock()
        self.runs = {}
        self._config = {}
        self._outcomes = {}
        self._clock = time.time
        self.reset()
        state.extensions[STORE] = self

    def reset(self):
        """No runs, default settings, no outcomes (a store sharing another's settings keeps them)."""
        with self._lock:
            self.runs = {}
            if self._settings_from is None:
                self.clock = time.time  # executionTime and the timeline of runs; tests may replace it until the next reset
                self.config = {"run_time": DEFAULT_RUN_TIME, "record_delay": None, "async_shape": "wrapped", "long_format": "number"}
                self.outcomes = {}

    def _settings(self):
        return self if self._settings_from is None else self._settings_from

    @property
    def config(self):
        """run_time, record_delay, async_shape, long_format."""
        return self._settings()._config  # pylint: disable=protected-access

    @config.setter
    def config(self, value):
        self._settings()._config = value  # pylint: disable=protected-access

    @property
    def outcomes(self):
        """process id -> outcome of its runs."""
        return self._settings()._outcomes  # pylint: disable=protected-access

    @outcomes.setter
    def outcomes(self, value):
        self._settings()._outcomes = value  # pylint: disable=protected-access

    @property
    def clock(self):
        """The clock giving executionTime and the timeline of runs (seconds since the epoch)."""
        return self._settings()._clock  # pylint: disable=protected-access

    @clock.setter
    def clock(self, value):
        self._settings()._clock = value  # pylint: disable=protected-access

    @property
    def base_url(self):
        """The simulator's URL (for recordUrl)."""
        return self._base_url() if self._base_url else "http://127.0.0.1"

    # -- settings --------------------------------------------------------------

    def configure(self, **settings):
        """Merge settings: run_time, record_delay (null = run_time / 3), async_shape, long_format."""
        unknown = sorted(set(settings) - set(self.config))
        if unknown:
            raise DomainError("Unknown execution setting(s): %s (known: %s)" % (", ".join(unknown), ", ".join(self.config)))
        if "run_time" in settings and (not _is_number(settings["run_time"]) or settings["run_time"] < 0):
            raise DomainError("run_time must be a number of seconds >= 0")
        delay = settings.get("record_delay")
        if delay is not None and (not _is_number(delay) or delay < 0):
            raise DomainError("record_delay must be a number of seconds >= 0, or null for a third of run_time")
        if "async_shape" in settings and settings["async_shape"] not in ASYNC_SHAPES:
            raise DomainError("async_shape must be one of %s" % ", ".join(ASYNC_SHAPES))
        if "long_format" in settings and settings["long_format"] not in LONG_FORMATS:
            raise DomainError("long_format must be one of %s" % ", ".join(LONG_FORMATS))
        with self._lock:
            self.config.update(settings)
            return dict(self.config)

    def set_outcome(self, process_id, status="ERROR", message=None, inbound=None, outbound=None, inbound_errors=None):
        """How the runs of ``process_id`` requested from now on end; ``status=None`` back to COMPLETE."""
        if not isinstance(process_id, str) or not process_id:
            raise DomainError("process_id must be a non-empty string")
        with self._lock:
            if status is None:
                self.outcomes.pop(process_id, None)
                return None
            if status not in OUTCOME_STATUSES:
                raise DomainError("status must be one of %s" % ", ".join(OUTCOME_STATUSES))
            if message is not None and not isinstance(message, str):
                raise DomainError("message must be a string")
            default_in, default_err, default_out = DEFAULT_DOCUMENTS[status]
            outcome = {"status": status,
                       "message": message if message is not None else (DEFAULT_ERROR_MESSAGE if status == "ERROR" else None),
                       "inbound": default_in if inbound is None else inbound,
                       "inbound_errors": default_err if inbound_errors is None else inbound_errors,
                       "outbound": default_out if outbound is None else outbound}
            for key in ("inbound", "inbound_errors", "outbound"):
                if not _is_count(outcome[key]):
                    raise DomainError("%s must be an integer >= 0" % key)
            self.outcomes[process_id] = outcome
            return dict(outcome)

    def clear_outcomes(self):
        """Every process's runs end COMPLETE again."""
        with self._lock:
            self.outcomes = {}

    # -- runs ------------------------------------------------------------------

    def _find_process(self, process_id, space_id=None):
        for inst, proc in self.state.all_processes():
            if proc["id"] == process_id and (space_id is None or self.state.instance_visible_in(space_id, inst)):
                return inst, proc
        raise DomainError("Invalid processId: %s is not a process of an installed integration pack instance" % process_id)

    def _find_atom(self, atom_id):
        env_id = self.state.atom_environment.get(atom_id)
        if env_id is None:
            raise DomainError("Invalid atomId: no Runtime %s in account %s" % (atom_id, self.state.account_id))
        env = self.state.environments[env_id]
        atom = next(atom for atom in env.get("atoms", []) if atom["id"] == atom_id)
        return env, atom

    def start(self, atom_id, process_id, dynamic=None, properties=None, space_id=None, execution_type="exec_manual"):
        """Start a run (validated as described in the module doc); returns the run.  A run request starts an ``exec_manual``
        run; a test may start one of another executionType (``exec_sched``: as a schedule would) directly."""
        with self.state.lock, self._lock:
            for name, value in (("atomId", atom_id), ("processId", process_id)):
                if not isinstance(value, str) or not value:
                    raise DomainError("%s is required" % name)
            inst, proc = self._find_process(process_id, space_id)
            env, atom = self._find_atom(atom_id)
            if not any(rec["atomId"] == atom_id for rec in self.state.schedules_of_process(process_id)):
                raise DomainError("Process %s (%s) is not deployed to Runtime %s (%s): integration pack instance %s is not attached to "
                                  "environment %s (%s)" % (proc["name"], process_id, atom["name"], atom_id, inst["id"], env["name"], env["id"]))
            run_time = float(self.config["run_time"])
            delay = self.config["record_delay"]
            delay = run_time / 3.0 if delay is None else min(float(delay), run_time)
            outcome = self.outcomes.get(process_id) or dict(zip(("inbound", "inbound_errors", "outbound"), DEFAULT_DOCUMENTS["COMPLETE"]),
                                                            status="COMPLETE", message=None)
            started = self.clock()
            run = {
                "requestId": "executionrecord-%s" % uuid.uuid4(),
                "executionId": "execution-%s-%s" % (uuid.uuid4(), datetime.datetime.fromtimestamp(int(started), datetime.timezone.utc).strftime("%Y.%m.%d")),
                "account": self.state.account_id,
                "processId": process_id,
                "processName": proc["name"],
                "atomId": atom_id,
                "atomName": atom["name"],
                "environmentId": env["id"],
                "integrationPackInstanceId": inst["id"],
                "started": started,
                "executionType": execution_type,
                "run_time": run_time,
                "record_delay": delay,
                "outcome": dict(outcome),
                "DynamicProcessProperties": copy.deepcopy(dynamic),
                "ProcessProperties": copy.deepcopy(properties),
            }
            self.runs[run["requestId"]] = run
            return run

    def get_run(self, request_id):
        """The run with that requestId, or DomainError(NOT_FOUND)."""
        with self._lock:
            run = self.runs.get(request_id)
        if run is None:
            raise DomainError("No execution request %s" % request_id, NOT_FOUND)
        return run

    def all_runs(self):
        """Every run, oldest first."""
        with self._lock:
            return list(self.runs.values())

    def status(self, run, now=None):
        """The run's status at ``now`` (the store's clock by default), or None while its record does not exist yet."""
        elapsed = (self.clock() if now is None else now) - run["started"]
        if elapsed >= run["run_time"]:
            return run["outcome"]["status"]
        if elapsed < run["record_delay"]:
            return None
        third = (run["run_time"] - run["record_delay"]) / 3.0
        return RUNNING_STATUSES[min(2, int((elapsed - run["record_delay"]) // third))] if third > 0 else RUNNING_STATUSES[-1]

    def record(self, run, now=None):
        """The ExecutionRecord as plain data (numbers as ints), or None while it does not exist."""
        now = self.clock() if now is None else now
        status = self.status(run, now)
        if status is None:
            return None
        done = status not in RUNNING_STATUSES
        outcome = run["outcome"]
        elapsed_ms = int(round(1000 * (run["run_time"] if done else max(now - run["started"], 0))))
        inbound, errors, outbound = (outcome["inbound"], outcome["inbound_errors"], outcome["outbound"]) if done else (0, 0, 0)
        out = {
            "executionId": run["executionId"],
            "account": run["account"],
            "executionTime": format_time(run["started"]),
            "status": status,
            "executionType": run["executionType"],
            "processName": run["processName"],
            "processId": run["processId"],
            "atomName": run["atomName"],
            "atomId": run["atomId"],
            "inboundDocumentCount": inbound,
            "inboundErrorDocumentCount": errors,
            "outboundDocumentCount": outbound,
            "executionDuration": elapsed_ms,
            "inboundDocumentSize": DOCUMENT_SIZE * inbound,
            "outboundDocumentSize": DOCUMENT_SIZE * outbound,
        }
        if done and outcome.get("message"):
            out["message"] = outcome["message"]
        if done:
            out["recordedDate"] = format_time(run["started"] + run["run_time"])
        return out

    def records(self, now=None):
        """(run, record) of every run whose record exists, oldest first."""
        now = self.clock() if now is None else now
        found = []
        for run in self.all_runs():
            rec = self.record(run, now)
            if rec is not None:
                found.append((run, rec))
        return found

    def dump(self):
        """JSON-able view for GET /_sim/executions."""
        now = self.clock()
        with self._lock:
            runs = [{"requestId": run["requestId"], "executionId": run["executionId"], "processId": run["processId"], "atomId": run["atomId"],
                     "status": self.status(run, now), "run_time": run["run_time"], "record_delay": run["record_delay"],
                     "DynamicProcessProperties": run["DynamicProcessProperties"], "ProcessProperties": run["ProcessProperties"]}
                    for run in self.runs.values()]
            return {"config": dict(self.config), "outcomes": copy.deepcopy(self.outcomes), "runs": runs}


def store_of(state):
    """The Executions store of a State (created on first use when no Simulator made one)."""
    store = state.extensions.get(STORE)
    return store if store is not None else Executions(state)


# ---------------------------------------------------------------------------
# REST
# ---------------------------------------------------------------------------


def long_value(value, long_format):
    """Boomi's type-tagged Long: ["Long", 3832] (SPEC), ["Long", "5816"] (Spaces doc) or plain."""
    if long_format == "string":
        return ["Long", str(value)]
    if long_format == "plain":
        return value
    return ["Long", value]


def record_json(rec, long_format="number"):
    """REST ExecutionRecord (key order of the SPEC's query example)."""
    out = {"@type": "ExecutionRecord"}
    for key, value in rec.items():
        out[key] = long_value(value, long_format) if key in ("executionDuration", "inboundDocumentSize", "outboundDocumentSize") else value
    return out


def _one_or_list(where, value):
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return value
    raise DomainError("%s must be an object or a list of objects" % where)


def _check_keys(where, item, allowed):
    if not isinstance(item, dict):
        raise DomainError("%s must be an object" % where)
    unknown = sorted(set(item) - set(allowed) - {"@type"})
    if unknown:
        raise DomainError("Unknown field(s) in %s: %s" % (where, ", ".join(unknown)))


def _string_fields(where, item, required, optional):
    out = {"@type": ""}
    for key in required + optional:
        if key not in item:
            if key in required:
                raise DomainError("%s.%s is required" % (where, key))
            continue
        if not isinstance(item[key], str):
            raise DomainError("%s.%s must be a string, got %s" % (where, key, json.dumps(item[key])))
        out[key] = item[key]
    return out


_VALUE_FLAGS = ("componentOverride", "encryptedValueSet", "useDefault", "usesEncryption", "validate")


def parse_dynamic_properties(value):
    """ExecutionRequest.DynamicProcessProperties -> normalised echo (None when absent)."""
    if value is None:
        return None
    _check_keys("DynamicProcessProperties", value, ("DynamicProcessProperty",))
    items = []
    for index, item in enumerate(_one_or_list("DynamicProcessProperties.DynamicProcessProperty", value.get("DynamicProcessProperty", []))):
        where = "DynamicProcessProperty[%d]" % index
        _check_keys(where, item, ("name", "value"))
        items.append(_string_fields(where, item, ("name",), ("value",)))
    return {"@type": "ExecutionRequestDynamicProcessProperties", "DynamicProcessProperty": items}


def parse_process_properties(value):
    """ExecutionRequest.ProcessProperties (ProcessProperty one object or a list) -> normalised echo."""
    if value is None:
        return None
    _check_keys("ProcessProperties", value, ("ProcessProperty",))
    items = []
    for index, item in enumerate(_one_or_list("ProcessProperties.ProcessProperty", value.get("ProcessProperty", []))):
        where = "ProcessProperty[%d]" % index
        _check_keys(where, item, ("componentId", "ProcessPropertyValue"))
        values = []
        for value_index, entry in enumerate(_one_or_list(where + ".ProcessPropertyValue", item.get("ProcessPropertyValue", []))):
            value_where = "%s.ProcessPropertyValue[%d]" % (where, value_index)
            _check_keys(value_where, entry, ("key", "value", "label") + _VALUE_FLAGS)
            parsed = _string_fields(value_where, entry, ("key",), ("value", "label"))
            for flag in _VALUE_FLAGS:
                if flag in entry:
                    parsed[flag] = entry[flag]
            values.append(parsed)
        parsed_item = {"@type": "", "ProcessPropertyValue": values}
        parsed_item.update({key: val for key, val in _string_fields(where, item, ("componentId",), ()).items() if key != "@type"})
        items.append(parsed_item)
    return {"@type": "ExecutionRequestProcessProperties", "ProcessProperty": items}


class ExecutionRequest(rest_extra.RestObject):
    """POST /ExecutionRequest"""

    object_type = "ExecutionRequest"
    operations = ("create",)
    write_kinds = {"create": "execute"}

    def op_create(self, api, _object_id, body):
        """Start a run; answer the request echoed with requestId and recordUrl."""
        data = rest_extra.json_body(body)
        try:
            if not isinstance(data, dict):
                raise DomainError("The ExecutionRequest body must be a JSON object")
            _check_keys("ExecutionRequest", data, ("atomId", "processId", "processName", "DynamicProcessProperties", "ProcessProperties"))
            dynamic = parse_dynamic_properties(data.get("DynamicProcessProperties"))
            properties = parse_process_properties(data.get("ProcessProperties"))
            store = store_of(api.state)
            run = store.start(data.get("atomId"), data.get("processId"), dynamic, properties)
        except DomainError as exc:
            raise rest.RestError(400, exc.message) from exc
        out = {"@type": "ExecutionRequest"}
        if dynamic is not None:
            out["DynamicProcessProperties"] = dynamic
        if properties is not None:
            out["ProcessProperties"] = properties
        out.update((key, value) for key, value in request_echo(store, run).items() if key != "@type")
        return out


def request_echo(store, run):
    """{"@type", "processId", "atomId", "requestId", "recordUrl"} (the Spaces sample's order)."""
    return {"@type": "ExecutionRequest", "processId": run["processId"], "atomId": run["atomId"], "requestId": run["requestId"],
            "recordUrl": "%s%s%s/ExecutionRecord/async/%s" % (store.base_url, rest.REST_PREFIX, store.state.account_id, run["requestId"])}


_RECORD_PROPERTIES = ("executionId", "originalExecutionId", "account", "executionTime", "status", "executionType", "processName", "processId",
                      "atomName", "atomId", "inboundDocumentCount", "outboundDocumentCount", "executionDuration", "message", "reportKey",
                      "launcherId", "nodeId", "recordedDate")
_NUMBER_PROPERTIES = ("inboundDocumentCount", "outboundDocumentCount", "executionDuration")
_TIME_PROPERTIES = ("executionTime", "recordedDate")


def _property_getter(name):
    def getter(pair):
        value = pair[1].get(name)
        if value is None:
            return None
        if name in _NUMBER_PROPERTIES:
            return _Number(value)
        if name in _TIME_PROPERTIES:
            return _Time(value)
        return value
    return getter


def _sort_key(name):
    def key(pair):
        value = pair[1].get(name)
        if value is None:
            return (0, 0, "")
        if isinstance(value, int):
            return (1, value, "")
        return (1, 0, str(value))
    return key


class ExecutionRecord(rest_extra.RestObject):
    """GET /ExecutionRecord/async/{requestId}, POST /ExecutionRecord/query, /queryMore"""

    object_type = "ExecutionRecord"
    operations = ("async", "query", "queryMore")

    def route(self, method, tail):
        if method == "GET" and len(tail) == 2 and tail[0] == "async" and tail[1]:
            return "async", tail[1]
        return super().route(method, tail)

    def op_async(self, api, object_id, _body):
        """202 until the record exists, then the record (wrapped, bare or inner-202 per async_shape)."""
        store = store_of(api.state)
        try:
            run = store.get_run(object_id)
        except DomainError as exc:
            raise rest.RestError(404, exc.message) from exc
        rec = store.record(run)
        shape = store.config["async_shape"]
        if rec is None:
            if shape == "bare":
                return 202, None
            pending = {"@type": "AsyncOperationResult", "responseStatusCode": 202}
            return (200 if shape == "inner202" else 202), pending
        body = record_json(rec, store.config["long_format"])
        if shape == "bare":
            return body
        return {"@type": "AsyncOperationResult", "result": [body], "numberOfResults": 1, "responseStatusCode": 200}

    def items(self, api):
        return store_of(api.state).records()

    def serialise(self, api, item):
        # The record as it was when the query ran (queryMore pages too).
        return record_json(item[1], store_of(api.state).config["long_format"])

    def properties(self, api):
        return {name: _property_getter(name) for name in _RECORD_PROPERTIES}

    def query_items(self, api, query_body):
        sort = None
        if isinstance(query_body, dict) and "QuerySort" in query_body:
            query_body = dict(query_body)
            sort = query_body.pop("QuerySort")
        matches = super().query_items(api, query_body)
        for field in reversed(_sort_fields(sort)):
            matches.sort(key=_sort_key(field[0]), reverse=field[1])
        return matches


def _sort_fields(sort):
    """QuerySort {"sortField": [{"fieldName", "sortOrder"}]} (one object or a list) -> [(name, descending)]."""
    if sort is None:
        return []
    if not isinstance(sort, dict) or "sortField" not in sort:
        raise QueryError("QuerySort must be an object with a sortField")
    fields = sort["sortField"]
    fields = [fields] if isinstance(fields, dict) else fields
    if not isinstance(fields, list):
        raise QueryError("QuerySort.sortField must be an object or a list")
    out = []
    for field in fields:
        name = field.get("fieldName") if isinstance(field, dict) else None
        order = field.get("sortOrder", "ASC") if isinstance(field, dict) else None
        if name not in _RECORD_PROPERTIES:
            raise QueryError("Unknown sort field %s; valid fields: %s" % (json.dumps(name), ", ".join(_RECORD_PROPERTIES)))
        if not isinstance(order, str) or order.upper() not in ("ASC", "DESC"):
            raise QueryError("sortOrder must be ASC or DESC, got %s" % json.dumps(order))
        out.append((name, order.upper() == "DESC"))
    return out


rest_extra.register(ExecutionRequest())
rest_extra.register(ExecutionRecord())


# ---------------------------------------------------------------------------
# GraphQL
# ---------------------------------------------------------------------------


def _scalar_literal(parse):
    def parse_literal(node, _variables=None):
        value = getattr(node, "value", None)
        if not isinstance(value, str):
            raise ValueError("expected a string")
        return parse(value)
    return parse_literal


def _parse_datetime(value):
    parsed = parse_time(value)
    if parsed is None:
        raise ValueError("DateTime must look like 2023-01-31T15:32:00Z, got %s" % json.dumps(value))
    return parsed


def _parse_history_status(value):
    if value not in HISTORY_STATUSES:
        raise ValueError("ExecutionHistoryStatus must be one of %s, got %s" % (", ".join(HISTORY_STATUSES), json.dumps(value)))
    return value


def _setup_scalars():
    # Literals may be strings ("ERROR", "2023-01-31T15:32:00Z") or, for the status, an enum value
    # (ERROR): the doc page shows both.  A custom scalar accepts both forms.
    for name, parse in (("DateTime", _parse_datetime), ("ExecutionHistoryStatus", _parse_history_status)):
        scalar = SCHEMA.type_map[name]
        scalar.parse_value = parse
        scalar.parse_literal = _scalar_literal(parse)
        scalar.serialize = str
        if hasattr(scalar, "coerce_input_value"):  # graphql-core 3.3 names
            scalar.coerce_input_value = parse
            scalar.coerce_output_value = str


def history_obj(rec):
    """An executionHistory item (Longs as ["Long", "<n>"], as in the Spaces sample)."""
    out = dict(rec)
    for key in ("executionDuration", "inboundDocumentSize", "outboundDocumentSize"):
        out[key] = ["Long", str(rec[key])]
    out.setdefault("originalExecutionId", None)
    out.setdefault("message", None)
    out.setdefault("recordedDate", None)
    return out


@_domain
def resolve_process_execute(_root, info, **kwargs):
    """Mutation.processExecute -> the JSON text of the ExecutionRequest answer."""
    state = info.context["state"]
    space_id = _require_space(info)
    data = kwargs["input"]
    store = store_of(state)
    run = store.start(data["atomId"], data["processId"], space_id=space_id)
    return json.dumps(request_echo(store, run))


@_domain
def resolve_execution_history(_root, info, **kwargs):
    """Query.executionHistory: runs of the process with that status that started at or after executionTime."""
    state = info.context["state"]
    _require_space(info)
    data = kwargs["input"]
    return [history_obj(rec) for _run, rec in store_of(state).records()
            if rec["processId"] == data["processId"] and rec["status"] == data["status"] and rec["executionTime"] >= data["executionTime"]]


_setup_scalars()
SCHEMA.mutation_type.fields["processExecute"].resolve = resolve_process_execute
SCHEMA.query_type.fields["executionHistory"].resolve = resolve_execution_history
graphql_api.WRITE_KINDS["processExecute"] = "execute"


# ---------------------------------------------------------------------------
# Admin API and Simulator methods
# ---------------------------------------------------------------------------


def admin(sim, method, name, data):
    """/_sim/executions...: (status, payload), or None when the path is not ours."""
    store = store_of(sim.state)
    if (method, name) == ("GET", "executions"):
        return 200, store.dump()
    if (method, name) == ("POST", "executions/config"):
        return 200, {"config": store.configure(**data)}
    if (method, name) == ("POST", "executions/outcomes"):
        settings = dict(data)
        process_id = settings.pop("process_id", None)
        unknown = sorted(set(settings) - {"status", "message", "inbound", "outbound", "inbound_errors"})
        if unknown:
            raise DomainError("Unknown key(s): %s" % ", ".join(unknown), INVALID)
        settings.setdefault("status", "ERROR")
        return 200, {"outcome": store.set_outcome(process_id, **settings)}
    if (method, name) == ("DELETE", "executions/outcomes"):
        store.clear_outcomes()
        return 200, {"cleared": True}
    return None


class SimulatorMethods:
    """Mixed into server.Simulator (needs ``self.state``)."""

    @property
    def executions(self):
        """The Executions store (runs, config, outcomes)."""
        return store_of(self.state)

    def set_execution_config(self, **settings):
        """run_time (s, default 0.3), record_delay (s, None = run_time / 3), async_shape, long_format; returns the config."""
        return self.executions.configure(**settings)

    def set_run_time(self, seconds, record_delay=None):
        """Runs requested from now on take ``seconds`` to end; their record appears after ``record_delay``."""
        return self.executions.configure(run_time=seconds, record_delay=record_delay)

    def set_run_outcome(self, process_id, status="ERROR", message=None, inbound=None, outbound=None, inbound_errors=None):
        """Runs of ``process_id`` requested from now on end with ``status`` (None: back to COMPLETE) and ``message``."""
        return self.executions.set_outcome(process_id, status, message, inbound, outbound, inbound_errors)

    def clear_run_outcomes(self):
        """Every process's runs end COMPLETE again."""
        self.executions.clear_outcomes()

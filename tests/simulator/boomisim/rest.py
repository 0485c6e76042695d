"""Platform REST API (JSON flavour) under ``/api/rest/v1/{accountId}/``.

Routing, JSON shapes (see shared/boomi-docs/SHAPES.md) and the mapping of domain errors
to HTTP statuses.  Authentication, Accept negotiation and faults are done by the server.
"""

import json
from collections import namedtuple
from urllib.parse import unquote

from . import extensions
from .queryfilter import QueryError, Pager, compile_query
from .state import DomainError

REST_PREFIX = "/api/rest/v1/"
PARTNER_PREFIX = "/partner/api/rest/v1/"  # the Partner API (accounts.py): same objects, ?overrideAccount=
MAX_BULK_IDS = 100

MESSAGE_403 = "Access denied due to insufficient permissions."
MESSAGE_410 = "Endpoint is invalid or no longer exists."
MESSAGE_503 = "The Boomi server is currently unavailable or your account's rate limits have been exceeded. Retry later."

# Which operations each object supports.
OBJECT_OPERATIONS = {
    "IntegrationPackInstance": ("create", "get", "delete", "bulk", "query", "queryMore"),
    "IntegrationPackEnvironmentAttachment": ("create", "delete", "query", "queryMore"),
    "IntegrationPack": ("get", "query", "queryMore"),
    "Environment": ("get", "query", "queryMore"),
    "EnvironmentAtomAttachment": ("query", "queryMore"),
    "Process": ("query", "queryMore"),
    "ProcessSchedules": ("get", "update", "query", "queryMore"),
    "EnvironmentExtensions": ("get", "update", "bulk", "query", "queryMore"),
}
# Objects whose UPDATE is also served at POST /<Object>/{id}/update (the URL Boomi's help pages and CI tools use).
UPDATE_SUFFIX_OBJECTS = ("EnvironmentExtensions",)

# REST operation -> kind of write (used by the drop_after_commit fault).
WRITE_KINDS = {
    "IntegrationPackInstance.create": "install",
    "IntegrationPackInstance.delete": "uninstall",
    "IntegrationPackEnvironmentAttachment.create": "attach",
    "IntegrationPackEnvironmentAttachment.delete": "detach",
    "ProcessSchedules.update": "schedule_update",
    "EnvironmentExtensions.update": "extensions_update",
}

# Objects served by other modules (rest_extra.RestObject, see rest_extra.register): type -> object.
EXTRA_OBJECTS = {}

Route = namedtuple("Route", ["account_id", "object_type", "op", "object_id"])


def route(method, path, prefix=REST_PREFIX):
    """Parse a REST path (``prefix`` + ``{accountId}/<Object>/...``); ``op`` is None when the endpoint does not exist (410)."""
    parts = [unquote(part) for part in path[len(prefix):].split("/")]
    if parts and parts[-1] == "" and len(parts) > 1:
        parts.pop()
    account_id = parts[0] if parts else ""
    object_type = parts[1] if len(parts) > 1 else ""
    tail = parts[2:]
    if object_type in EXTRA_OBJECTS:
        return Route(account_id, object_type, *EXTRA_OBJECTS[object_type].route(method, tail))
    op = None
    object_id = None
    if method == "POST" and not tail:
        op = "create"
    elif method == "POST" and tail in (["bulk"], ["query"], ["queryMore"]):
        op = tail[0]
    elif len(tail) == 1 and tail[0]:
        op = {"GET": "get", "DELETE": "delete", "POST": "update"}.get(method)
        object_id = tail[0]
    elif method == "POST" and len(tail) == 2 and tail[0] and tail[1] == "update" and object_type in UPDATE_SUFFIX_OBJECTS:
        op, object_id = "update", tail[0]
    if op not in OBJECT_OPERATIONS.get(object_type, ()):
        op = None
    return Route(account_id, object_type, op, object_id)


def operation_name(rest_route):
    """``<Object>.<op>`` for the request log."""
    if rest_route.op is None:
        known = rest_route.object_type in OBJECT_OPERATIONS or rest_route.object_type in EXTRA_OBJECTS
        return "%s.unknown" % rest_route.object_type if known else "unknown"
    return "%s.%s" % (rest_route.object_type, rest_route.op)


def error_body(message):
    """The JSON error object."""
    return {"@type": "Error", "message": message}


class RestError(Exception):
    """An HTTP error answer."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


# ---------------------------------------------------------------------------
# JSON shapes
# ---------------------------------------------------------------------------


def _schedule_items(items):
    return [dict({"@type": "Schedule"}, **item) for item in items]


def instance_json(inst):
    """IntegrationPackInstance.  Single-install instances have no integrationPackOverrideName."""
    process_ids = []
    for proc in inst["processes"]:
        entry = {"@type": "ProcessId", "originalProcessId": proc["originalProcessId"]}
        if proc["wrapperProcessId"] is not None:
            entry["wrapperProcessId"] = proc["wrapperProcessId"]
        entry["name"] = proc["name"]
        process_ids.append(entry)
    out = {"@type": "IntegrationPackInstance", "ProcessId": process_ids, "integrationPackId": inst["integrationPackId"]}
    if inst["integrationPackOverrideName"] is not None:
        out["integrationPackOverrideName"] = inst["integrationPackOverrideName"]
    out["id"] = inst["id"]
    return out


def attachment_json(att):
    """IntegrationPackEnvironmentAttachment."""
    return {"@type": "IntegrationPackEnvironmentAttachment", "integrationPackInstanceId": att["integrationPackInstanceId"],
            "environmentId": att["environmentId"], "id": att["id"]}


def pack_json(pack):
    """IntegrationPack."""
    return {"@type": "IntegrationPack", "Description": pack.get("description", ""), "id": pack["id"], "name": pack["name"],
            "installationType": pack["installationType"]}


def environment_json(env):
    """Environment."""
    return {"@type": "Environment", "id": env["id"], "name": env["name"], "classification": env["classification"]}


def environment_atom_json(item):
    """EnvironmentAtomAttachment."""
    return {"@type": "EnvironmentAtomAttachment", "atomId": item["atomId"], "environmentId": item["environmentId"], "id": item["id"]}


def process_json(pair):
    """Process of an installed instance."""
    inst, proc = pair
    return {"@type": "Process",
            "IntegrationPack": [{"@type": "ProcessIntegrationPackInfo", "integrationPackId": inst["integrationPackId"],
                                 "integrationPackInstanceId": inst["id"]}],
            "Description": "", "name": proc["name"], "id": proc["id"]}


def schedule_json(record):
    """ProcessSchedules."""
    return {"@type": "ProcessSchedules",
            "Schedule": _schedule_items(record["Schedule"]),
            "Retry": {"@type": "ScheduleRetry", "Schedule": _schedule_items(record["Retry"]["Schedule"]), "maxRetry": record["Retry"]["maxRetry"]},
            "processId": record["processId"], "atomId": record["atomId"], "id": record["id"]}


# ---------------------------------------------------------------------------
# The API
# ---------------------------------------------------------------------------


class RestApi:
    """Executes routed REST requests against a State."""

    def __init__(self, state):
        self.state = state
        self.pager = Pager()
        self._query_sources = {
            "IntegrationPackInstance": (self._instance_items, instance_json, self._instance_properties()),
            "IntegrationPackEnvironmentAttachment": (lambda: list(self.state.attachments.values()), attachment_json, {
                "environmentId": lambda att: att["environmentId"],
                "integrationPackInstanceId": lambda att: att["integrationPackInstanceId"],
            }),
            "IntegrationPack": (self.state.visible_packs, pack_json, {
                "name": lambda pack: pack["name"],
                "id": lambda pack: pack["id"],
                "installationType": lambda pack: pack["installationType"],
            }),
            "Environment": (lambda: list(self.state.environments.values()) if self.state.uses_environments else [], environment_json, {
                "name": lambda env: env["name"],
                "id": lambda env: env["id"],
                "classification": lambda env: env["classification"],
            }),
            "EnvironmentAtomAttachment": (lambda: self.state.environment_atom_attachments() if self.state.uses_environments else [], environment_atom_json, {
                "atomId": lambda item: item["atomId"],
                "environmentId": lambda item: item["environmentId"],
            }),
            "Process": (self.state.all_processes, process_json, {
                "name": lambda pair: pair[1]["name"],
                "id": lambda pair: pair[1]["id"],
                "integrationPackId": lambda pair: pair[0]["integrationPackId"],
                "integrationPackInstanceId": lambda pair: pair[0]["id"],
            }),
            "ProcessSchedules": (lambda: list(self.state.schedules.values()), schedule_json, {
                "processId": lambda rec: rec["processId"],
                "atomId": lambda rec: rec["atomId"],
            }),
            "EnvironmentExtensions": extensions.rest_query_source(self.state),
        }

    def _instance_items(self):
        return list(self.state.instances.values())

    def _instance_properties(self):
        def pack_name(inst):
            pack = self.state.packs.get(inst["integrationPackId"])
            return pack["name"] if pack else None
        return {
            "integrationPackOverrideName": lambda inst: inst["integrationPackOverrideName"],
            "integrationPackName": pack_name,
            "integrationPackId": lambda inst: inst["integrationPackId"],
        }

    def reset(self):
        """Forget query tokens."""
        self.pager.clear()

    # -- entry point ---------------------------------------------------------

    def handle(self, rest_route, body):
        """Return (status, JSON-able payload) for an authenticated, routed request."""
        if rest_route.op is None:
            return 410, error_body(MESSAGE_410)
        try:
            with self.state.lock:
                if rest_route.object_type in EXTRA_OBJECTS:
                    return EXTRA_OBJECTS[rest_route.object_type].handle(self, rest_route, body)
                return 200, self._dispatch(rest_route, body)
        except RestError as exc:
            return exc.status, error_body(exc.message)
        except QueryError as exc:
            return 400, error_body(str(exc))

    def _dispatch(self, rest_route, body):
        obj, op = rest_route.object_type, rest_route.op
        if op == "query":
            return self._query(obj, _json_body(body, allow_empty=True))
        if op == "queryMore":
            return self._query_more(obj, body)
        handler = getattr(self, "_%s_%s" % (_snake(obj), op))
        if op in ("get", "delete", "update"):
            return handler(rest_route.object_id, body)
        return handler(body)

    # -- query ---------------------------------------------------------------

    def _query(self, obj, query_body):
        source, serialise, properties = self._query_sources[obj]
        predicate = compile_query(query_body, properties)
        matches = [item for item in source() if predicate(item)]
        page, token = self.pager.page(obj, matches)
        return _query_result([serialise(item) for item in page], token)

    def _query_more(self, obj, body):
        token = body.decode("utf-8", errors="replace") if body else ""
        page, token = self.pager.more(obj, token)
        serialise = self._query_sources[obj][1]
        return _query_result([serialise(item) for item in page], token)

    # -- IntegrationPackInstance ----------------------------------------------

    def _integration_pack_instance_create(self, body):
        data = _json_body(body)
        if not isinstance(data, dict):
            raise RestError(400, "The IntegrationPackInstance body must be a JSON object")
        pack_id = data.get("integrationPackId")
        if not isinstance(pack_id, str) or not pack_id:
            raise RestError(400, "integrationPackId is required")
        try:
            inst = self.state.install(pack_id, data.get("integrationPackOverrideName"))
        except DomainError as exc:
            raise RestError(400, exc.message) from exc
        return instance_json(inst)

    def _integration_pack_instance_get(self, object_id, _body):
        return instance_json(_by_id(self.state.get_instance, object_id))

    def _integration_pack_instance_delete(self, object_id, _body):
        _by_id(self.state.uninstall, object_id)
        return True

    def _integration_pack_instance_bulk(self, body):
        data = _json_body(body)
        if not isinstance(data, dict):
            raise RestError(400, "The bulk body must be a JSON object")
        if data.get("type") != "GET":
            raise RestError(400, "Only bulk type GET is supported for IntegrationPackInstance, got %s" % json.dumps(data.get("type")))
        request = data.get("request")
        if not isinstance(request, list):
            raise RestError(400, "The bulk body needs a request list")
        if len(request) > MAX_BULK_IDS:
            raise RestError(400, "A bulk request takes at most %d ids, got %d" % (MAX_BULK_IDS, len(request)))
        response = []
        for index, item in enumerate(request):
            item_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(item_id, str):
                raise RestError(400, "request[%d] must be an object with a string id" % index)
            inst = self.state.instances.get(item_id)
            if inst is None:
                response.append({"@type": "BulkResponse", "index": index, "id": item_id, "statusCode": 400,
                                 "errorMessage": "Integration pack instance %s not found" % item_id})
            else:
                response.append({"@type": "BulkResponse", "Result": instance_json(inst), "index": index, "id": item_id, "statusCode": 200})
        return {"@type": "BulkResult", "response": response}

    # -- IntegrationPackEnvironmentAttachment ---------------------------------

    def _integration_pack_environment_attachment_create(self, body):
        data = _json_body(body)
        if not isinstance(data, dict):
            raise RestError(400, "The IntegrationPackEnvironmentAttachment body must be a JSON object")
        for key in ("integrationPackInstanceId", "environmentId"):
            if not isinstance(data.get(key), str) or not data.get(key):
                raise RestError(400, "%s is required" % key)
        try:
            created = self.state.attach(data["integrationPackInstanceId"], [data["environmentId"]])
        except DomainError as exc:
            raise RestError(400, exc.message) from exc
        return attachment_json(created[0])

    def _integration_pack_environment_attachment_delete(self, object_id, _body):
        _by_id(self.state.detach, object_id)
        return True

    # -- read-only objects -----------------------------------------------------

    def _integration_pack_get(self, object_id, _body):
        return pack_json(_by_id(self.state.get_pack, object_id))

    def _environment_get(self, object_id, _body):
        if not self.state.uses_environments:
            raise RestError(404, "Environment %s not found: account %s does not use environments" % (object_id, self.state.account_id))
        return environment_json(_by_id(self.state.get_environment, object_id))

    # -- ProcessSchedules -------------------------------------------------------

    def _process_schedules_get(self, object_id, _body):
        return schedule_json(_by_id(self.state.get_schedule, object_id))

    def _process_schedules_update(self, object_id, body):
        record = _by_id(self.state.get_schedule, object_id)
        data = _json_body(body)
        try:
            record = self.state.update_schedule(record["id"], data)
        except DomainError as exc:
            raise RestError(400, exc.message) from exc
        return schedule_json(record)

    # -- EnvironmentExtensions (boomisim/extensions.py) ------------------------

    def _environment_extensions_get(self, object_id, _body):
        return _by_id(lambda ext_id: extensions.rest_get(self.state, ext_id), object_id)

    def _environment_extensions_update(self, object_id, body):
        return _by_id(lambda ext_id: extensions.update(self.state, ext_id, _json_body(body)), object_id)

    def _environment_extensions_bulk(self, body):
        return _by_id(lambda _none: extensions.rest_bulk(self.state, _json_body(body)), None)


def _snake(name):
    out = []
    for index, char in enumerate(name):
        if char.isupper() and index:
            out.append("_")
        out.append(char.lower())
    return "".join(out)


def _by_id(getter, object_id):
    """Call a State method taking an id from the path: unknown ids are 404, rule breaks 400."""
    try:
        return getter(object_id)
    except DomainError as exc:
        raise RestError(404 if exc.is_not_found else 400, exc.message) from exc


def _json_body(body, allow_empty=False):
    if not body or not body.strip():
        if allow_empty:
            return None
        raise RestError(400, "A JSON request body is required")
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise RestError(400, "The request body is not valid JSON: %s" % exc) from exc


def _query_result(results, token):
    out = {"@type": "QueryResult", "numberOfResults": len(results), "result": results}
    if token is not None:
        out["queryToken"] = token
    return out

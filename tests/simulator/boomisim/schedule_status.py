"""REST ``ProcessScheduleStatus``: are a (process, Atom)'s schedules in effect?

One status per ProcessSchedules record, with the same id (``base64("CPS"+atomId+":"+processId)``,
unpadded: NEXT-APIS.md section 2, as MCP builds it), created ``enabled: true`` when attach creates
the record and gone when detach or uninstall removes it (the flag is kept on the record,
``state.State.attach`` sets it).  Re-attaching starts again from ``enabled: true``.

- ``GET /ProcessScheduleStatus/{id}``, ``POST /ProcessScheduleStatus/bulk`` (GET, at most 100 ids)
- ``POST /ProcessScheduleStatus/query`` (properties ``processId``, ``atomId``) and ``queryMore``
- UPDATE: ``POST /ProcessScheduleStatus/{id}`` (SPEC) and ``POST /ProcessScheduleStatus/{id}/update``
  (CLI, CHG).  The body must carry ``id``, ``atomId``, ``processId`` equal to the record's and
  ``enabled`` (JSON true/false or the strings "true"/"false", any case); ``@type`` is accepted.
  Answer: the updated object.  Log operation ``ProcessScheduleStatus.update`` (a write);
  ``drop_after_commit`` kind ``schedule_status_update``.
"""

import json

from . import rest, rest_extra
from .state import DomainError


def status_json(record):
    """The ProcessScheduleStatus shape (key order of the SPEC's GET example)."""
    return {"@type": "ProcessScheduleStatus", "enabled": bool(record.get("enabled", True)), "processId": record["processId"],
            "atomId": record["atomId"], "id": record["id"]}


def parse_enabled(value):
    """JSON true/false, or "true"/"false" as the CLI sends them."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise DomainError("ProcessScheduleStatus.enabled must be true or false, got %s" % json.dumps(value))


def update_status(state, status_id, body):
    """Set a record's ``enabled`` flag from an UPDATE body; returns the record."""
    with state.lock:
        record = state.get_schedule(status_id)
        if not isinstance(body, dict):
            raise DomainError("The ProcessScheduleStatus body must be a JSON object")
        unknown = sorted(set(body) - {"@type", "id", "atomId", "processId", "enabled"})
        if unknown:
            raise DomainError("Unknown field(s) in ProcessScheduleStatus: %s" % ", ".join(unknown))
        for key in ("id", "atomId", "processId", "enabled"):
            if key not in body:
                raise DomainError("ProcessScheduleStatus.%s is required" % key)
        for key in ("id", "atomId", "processId"):
            if body[key] != record[key]:
                raise DomainError("ProcessScheduleStatus.%s %s does not match the record (%s)" % (key, json.dumps(body[key]), record[key]))
        record["enabled"] = parse_enabled(body["enabled"])
        return record


class ProcessScheduleStatus(rest_extra.RestObject):
    """The REST object."""

    object_type = "ProcessScheduleStatus"
    operations = ("get", "update", "bulk", "query", "queryMore")
    write_kinds = {"update": "schedule_status_update"}

    def route(self, method, tail):
        if method == "POST" and len(tail) == 2 and tail[0] and tail[1] == "update":
            return "update", tail[0]
        return super().route(method, tail)

    def items(self, api):
        return list(api.state.schedules.values())

    def serialise(self, api, item):
        return status_json(item)

    def properties(self, api):
        return {"processId": lambda rec: rec["processId"], "atomId": lambda rec: rec["atomId"]}

    def get_item(self, api, object_id):
        try:
            return api.state.get_schedule(object_id)
        except DomainError as exc:
            raise rest.RestError(404, exc.message.replace("ProcessSchedules", "ProcessScheduleStatus")) from exc

    def op_get(self, api, object_id, _body):
        """GET /ProcessScheduleStatus/{id}"""
        return status_json(self.get_item(api, object_id))

    def op_update(self, api, object_id, body):
        """POST /ProcessScheduleStatus/{id} and /{id}/update"""
        self.get_item(api, object_id)
        data = rest_extra.json_body(body)
        try:
            return status_json(update_status(api.state, object_id, data))
        except DomainError as exc:
            raise rest.RestError(400, exc.message) from exc


rest_extra.register(ProcessScheduleStatus())

"""EnvironmentExtensions: the extension values of attached integration pack instances.

Written from shared/boomi-docs/NEXT-APIS.md section 1, rest/openapi-extra.json and the Spaces
pages spa-get_mappers_extensions.md / spa-update_extensions.md.

Each seeded pack may declare extensible components under ``"extensions"`` (connections with
fields, process property components with values, dynamic process properties, and optionally
which of them each process uses).  Objects exist only while an instance is attached:

- MULTI pack: one object per (attachment, instance process) whose process declares components;
  ``extensionGroupId`` = the instance's process id, ``id`` = unpadded base64 of
  ``environmentId:extensionGroupId``.
- SINGLE pack: one environment-level object per environment (``extensionGroupId`` "",
  ``id`` = environment id) holding the components of every SINGLE instance attached there.

The overrides live on the attachment dicts of ``State`` (key ``extensionOverrides``), so they
go away with the attachment on detach or uninstall and on reset, without hooks in ``state.py``.
Every function expects the caller to hold ``state.lock`` unless it says otherwise.
"""

import base64
import binascii
import json
from urllib.parse import unquote

from .state import INVALID, NOT_FOUND, DomainError, b64_unpadded

HIDDEN = "[[HIDDEN]]"
COMPACT = (",", ":")
MAX_BULK_IDS = 100
STORE_KEY = "extensionOverrides"
QUERY_PROPERTIES = {
    "environmentId": lambda obj: obj.environment_id,
    "extensionGroupId": lambda obj: obj.group_id,
}


def extension_id_for(environment_id, group_id):
    """The EnvironmentExtensions id: the environment id, or base64(envId:groupId) for a multi-install process."""
    if not group_id:
        return environment_id
    return b64_unpadded(environment_id + ":" + group_id)


# ---------------------------------------------------------------------------
# Objects
# ---------------------------------------------------------------------------


class _Slot:
    """The components one attachment contributes to an object, and where their overrides live."""

    def __init__(self, attachment, key, components):
        self.attachment = attachment
        self.key = key
        self.components = components

    @property
    def store(self):
        """{"updated", "fields": {connId: {fieldId: override}}, "values": {ppId: {key: override}}, "properties": {name: value}}"""
        stores = self.attachment.setdefault(STORE_KEY, {})
        return stores.setdefault(self.key, {"updated": False, "fields": {}, "values": {}, "properties": {}})


class ExtensionObject:
    """One EnvironmentExtensions object as it exists now."""

    def __init__(self, environment_id, group_id, slots):
        self.environment_id = environment_id
        self.group_id = group_id
        self.id = extension_id_for(environment_id, group_id)
        self.slots = slots

    @property
    def attachment_ids(self):
        """Ids of the attachments whose components the object holds."""
        return [slot.attachment["id"] for slot in self.slots]


def _declared(pack, original_process_ids, seen):
    """Components the given processes of a pack declare, minus the ids in ``seen`` (updated)."""
    decl = pack.get("extensions") or {}
    per_process = decl.get("processes") or {}
    everything = any(pid not in per_process for pid in original_process_ids)
    wanted = {ident for pid in original_process_ids for ident in per_process.get(pid, [])}

    def keep(ident):
        if ident in seen or not (everything or ident in wanted):
            return False
        seen.add(ident)
        return True

    components = {
        "connections": [conn for conn in decl.get("connections", []) if keep(conn["id"])],
        "processProperties": [comp for comp in decl.get("processProperties", []) if keep(comp["id"])],
        "properties": [prop for prop in decl.get("properties", []) if keep("property:" + prop["name"])],
    }
    return components if any(components.values()) else None


def objects(state, environment_id=None):
    """The current objects (of one environment, or all) in query order.

    Per environment (seed order): the environment-level object first, then the multi-install
    objects in attach order, processes in instance order.
    """
    if environment_id is None:
        environments = list(state.environments)
    else:
        environments = [environment_id] if environment_id in state.environments else []
    result = []
    for env_id in environments:
        single_slots, multi = [], []
        seen = set()
        for att in state.attachments_of_environment(env_id):
            inst = state.instances.get(att["integrationPackInstanceId"])
            pack = state.packs.get(inst["integrationPackId"]) if inst else None
            if pack is None:
                continue
            if pack["installationType"] == "MULTI":
                for proc in inst["processes"]:
                    components = _declared(pack, [proc["originalProcessId"]], set())
                    if components:
                        multi.append(ExtensionObject(env_id, proc["id"], [_Slot(att, proc["id"], components)]))
            else:
                components = _declared(pack, [proc["originalProcessId"] for proc in inst["processes"]], seen)
                if components:
                    single_slots.append(_Slot(att, "", components))
        if single_slots:
            result.append(ExtensionObject(env_id, "", single_slots))
        result.extend(multi)
    return result


def _environment_of(ext_id):
    """The environment id an extension id names (the id itself, or the part before ':' when it decodes)."""
    try:
        decoded = base64.b64decode(ext_id + "=" * (-len(ext_id) % 4), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return ext_id
    return decoded.split(":", 1)[0] if ":" in decoded else ext_id


def find(state, ext_id):
    """The object with that id; DomainError NOT_FOUND when unknown, INVALID for an environment without extensions."""
    if not isinstance(ext_id, str) or not ext_id:
        raise DomainError("An EnvironmentExtensions id is required")
    ext_id = ext_id.rstrip("=") or ext_id
    for obj in objects(state, _environment_of(ext_id)):
        if obj.id == ext_id:
            return obj
    if ext_id in state.environments:
        # Boomi answers 400 when nothing extensible is deployed to the environment (MCP observation).
        raise DomainError("No extensible components are deployed to environment %s" % ext_id, INVALID)
    raise DomainError("EnvironmentExtensions %s not found" % ext_id, NOT_FOUND)


def objects_of_attachment(state, attachment):
    """Objects holding the components of one attachment (per process for MULTI, the environment's for SINGLE)."""
    return [obj for obj in objects(state, attachment["environmentId"]) if attachment["id"] in obj.attachment_ids]


# ---------------------------------------------------------------------------
# JSON shape (REST payload; GraphQL carries the same as JSON text)
# ---------------------------------------------------------------------------


def _field_json(store, conn, field, reveal):
    override = store["fields"].get(conn["id"], {}).get(field["id"])
    encrypted = bool(field.get("encrypted"))
    out = {"@type": "Field", "id": field["id"]}
    if override is not None and (reveal or not encrypted):
        out["value"] = override["value"]
    out["encryptedValueSet"] = encrypted and override is not None
    out["usesEncryption"] = encrypted
    out["componentOverride"] = bool(override and override["componentOverride"])
    out["useDefault"] = override is None
    return out


def _value_json(store, comp, value, reveal):
    override = store["values"].get(comp["id"], {}).get(value["key"])
    encrypted = bool(value.get("encrypted"))
    out = {"@type": "ProcessPropertyValue", "label": value["label"], "key": value["key"]}
    if override is not None:
        out["value"] = override["value"] if reveal or not encrypted else HIDDEN
    elif store["updated"]:
        # "the GET operation response returns values for the value field only when you perform an UPDATE"
        out["value"] = ""
    out["encryptedValueSet"] = encrypted and override is not None
    out["useDefault"] = override is None
    return out


def to_json(obj, reveal=False):
    """The EnvironmentExtensions payload; ``reveal`` shows stored encrypted values in clear (admin only)."""
    connections, process_properties, properties = [], [], []
    for slot in obj.slots:
        store = slot.store
        for conn in slot.components["connections"]:
            connections.append({"@type": "Connection", "field": [_field_json(store, conn, field, reveal) for field in conn["fields"]],
                                "id": conn["id"], "name": conn["name"]})
        for comp in slot.components["processProperties"]:
            process_properties.append({"@type": "OverrideProcessProperty",
                                       "ProcessPropertyValue": [_value_json(store, comp, value, reveal) for value in comp["values"]],
                                       "id": comp["id"], "name": comp["name"]})
        for prop in slot.components["properties"]:
            properties.append({"@type": "", "name": prop["name"], "value": store["properties"].get(prop["name"], prop.get("default", ""))})
    out = {"@type": "EnvironmentExtensions"}
    if connections:
        out["connections"] = {"@type": "Connections", "connection": connections}
    if process_properties:
        out["processProperties"] = {"@type": "OverrideProcessProperties", "ProcessProperty": process_properties}
    if properties:
        out["properties"] = {"@type": "", "property": properties}
    out["environmentId"] = obj.environment_id
    out["extensionGroupId"] = obj.group_id
    out["id"] = obj.id
    return out


def bulk_result(objs):
    """A BulkResult of GET responses for the objects."""
    return {"@type": "BulkResult", "response": [{"@type": "BulkResponse", "Result": to_json(obj), "index": index, "id": obj.id, "statusCode": 200}
                                                for index, obj in enumerate(objs)]}


# ---------------------------------------------------------------------------
# UPDATE
# ---------------------------------------------------------------------------


def _bool(value, where, default):
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise DomainError("%s must be true or false, got %s" % (where, json.dumps(value)))


def _text(value, where):
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise DomainError("%s must be a string, got %s" % (where, json.dumps(value)))


def _items(container, key, where):
    """The list under ``key`` of a section object; a single object counts as a one-element list (SPEC example)."""
    if container is None:
        return []
    if not isinstance(container, dict):
        raise DomainError("%s must be an object" % where)
    items = container.get(key)
    if items is None:
        return []
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise DomainError("%s.%s must be a list of objects" % (where, key))
    return items


def _override_spec(item, where):
    for flag in ("usesEncryption", "encryptedValueSet", "validate"):
        _bool(item.get(flag), "%s.%s" % (where, flag), None)
    return {
        "useDefault": _bool(item.get("useDefault"), where + ".useDefault", False),
        "value": _text(item.get("value"), where + ".value"),
        "componentOverride": _bool(item.get("componentOverride"), where + ".componentOverride", None),
    }


def parse_update(obj, body):
    """Validate an UPDATE body for ``obj``; returns the plan ``apply_update`` takes."""
    if isinstance(body, dict) and isinstance(body.get("EnvironmentExtensions"), dict):
        body = body["EnvironmentExtensions"]  # the SPEC's JSON example wraps the object in an Environment
    if not isinstance(body, dict):
        raise DomainError("The EnvironmentExtensions body must be a JSON object")
    if body.get("id") not in (None, obj.id):
        raise DomainError("EnvironmentExtensions.id %s does not match %s" % (json.dumps(body["id"]), obj.id))
    if body.get("environmentId") not in (None, obj.environment_id):
        raise DomainError("environmentId %s does not match %s" % (json.dumps(body["environmentId"]), obj.environment_id))
    if body.get("extensionGroupId") is not None and body["extensionGroupId"] != obj.group_id:
        raise DomainError("extensionGroupId %s does not match %s" % (json.dumps(body["extensionGroupId"]), json.dumps(obj.group_id)))
    plan = {"partial": _bool(body.get("partial"), "partial", False), "connections": {}, "processProperties": {}, "properties": {}}
    for index, conn in enumerate(_items(body.get("connections"), "connection", "connections")):
        where = "connections.connection[%d]" % index
        fields = plan["connections"].setdefault(conn.get("id"), {})
        for number, field in enumerate(_items(conn, "field", where)):
            spec = _override_spec(field, "%s.field[%d]" % (where, number))
            if isinstance(field.get("id"), str):
                fields[field["id"]] = spec
    section = body.get("processProperties")
    key = "processProperty" if isinstance(section, dict) and "ProcessProperty" not in section else "ProcessProperty"
    for index, comp in enumerate(_items(section, key, "processProperties")):
        where = "processProperties.%s[%d]" % (key, index)
        values = plan["processProperties"].setdefault(comp.get("id"), {"key": {}, "label": {}})
        for number, value in enumerate(_items(comp, "ProcessPropertyValue", where)):
            spec = _override_spec(value, "%s.ProcessPropertyValue[%d]" % (where, number))
            if isinstance(value.get("key"), str):
                values["key"][value["key"]] = spec
            elif isinstance(value.get("label"), str):
                values["label"][value["label"]] = spec
    for index, prop in enumerate(_items(body.get("properties"), "property", "properties")):
        where = "properties.property[%d]" % index
        if "value" not in prop or prop["value"] is None:
            raise DomainError("%s.value is required" % where)
        value = _text(prop["value"], where + ".value")
        if isinstance(prop.get("name"), str):
            plan["properties"][prop["name"]] = value
    return plan


def _apply_override(target, ident, spec):
    if spec["useDefault"]:
        target.pop(ident, None)
    elif spec["value"] is not None:
        target[ident] = {"value": spec["value"], "componentOverride": bool(spec["componentOverride"])}
    elif ident in target and spec["componentOverride"] is not None:
        target[ident]["componentOverride"] = spec["componentOverride"]
    # useDefault false without a value: "the previously overridden values will continue to be used"


def apply_update(obj, plan):
    """Apply a parsed UPDATE.  Partial: only what the body carries changes (a carried process property
    component is replaced whole).  Full (``partial`` false or absent): everything not carried is reset.
    Unknown component, field, key and property ids are ignored."""
    partial = plan["partial"]
    for slot in obj.slots:
        store = slot.store
        for conn in slot.components["connections"]:
            carried = plan["connections"].get(conn["id"])
            target = store["fields"].setdefault(conn["id"], {})
            for field in conn["fields"]:
                spec = carried.get(field["id"]) if carried is not None else None
                if spec is not None:
                    _apply_override(target, field["id"], spec)
                elif not partial:
                    target.pop(field["id"], None)
        for comp in slot.components["processProperties"]:
            carried = plan["processProperties"].get(comp["id"])
            if carried is None and partial:
                continue
            target = store["values"].setdefault(comp["id"], {})
            for value in comp["values"]:
                spec = None
                if carried is not None:
                    spec = carried["key"].get(value["key"]) or carried["label"].get(value["label"])
                if spec is not None:
                    _apply_override(target, value["key"], spec)
                else:
                    target.pop(value["key"], None)
        for prop in slot.components["properties"]:
            if prop["name"] in plan["properties"]:
                store["properties"][prop["name"]] = plan["properties"][prop["name"]]
            elif not partial:
                store["properties"].pop(prop["name"], None)
        store["updated"] = True


def update(state, ext_id, body):
    """UPDATE one object; returns its new (hidden) payload."""
    obj = find(state, ext_id)
    apply_update(obj, parse_update(obj, body))
    return to_json(obj)


# ---------------------------------------------------------------------------
# REST glue (called by rest.RestApi under state.lock)
# ---------------------------------------------------------------------------


def rest_query_source(state):
    """(source, serialise, properties) for RestApi's QUERY/queryMore machinery."""
    return (lambda: objects(state), to_json, QUERY_PROPERTIES)


def rest_get(state, ext_id):
    """GET /EnvironmentExtensions/{id}"""
    return to_json(find(state, ext_id))


def rest_bulk(state, data):
    """POST /EnvironmentExtensions/bulk (type GET, at most 100 ids)."""
    if not isinstance(data, dict):
        raise DomainError("The bulk body must be a JSON object")
    if data.get("type") != "GET":
        raise DomainError("Only bulk type GET is supported for EnvironmentExtensions, got %s" % json.dumps(data.get("type")))
    request = data.get("request")
    if not isinstance(request, list):
        raise DomainError("The bulk body needs a request list")
    if len(request) > MAX_BULK_IDS:
        raise DomainError("A bulk request takes at most %d ids, got %d" % (MAX_BULK_IDS, len(request)))
    response = []
    for index, item in enumerate(request):
        item_id = item.get("id") if isinstance(item, dict) else None
        if not isinstance(item_id, str):
            raise DomainError("request[%d] must be an object with a string id" % index)
        try:
            response.append({"@type": "BulkResponse", "Result": to_json(find(state, item_id)), "index": index, "id": item_id, "statusCode": 200})
        except DomainError as exc:
            response.append({"@type": "BulkResponse", "index": index, "id": item_id, "statusCode": 400, "errorMessage": exc.message})
    return {"@type": "BulkResult", "response": response}


# ---------------------------------------------------------------------------
# GraphQL glue
# ---------------------------------------------------------------------------


def register_graphql(schema, domain, require_space, visible_instance):
    """Attach the resolvers of ``integrationPackEnvironmentAttachments`` and ``extensionsUpdate``."""

    def resolve_attachments(_root, info, **kwargs):
        """Query.integrationPackEnvironmentAttachments: per attached environment, the extensions as JSON text."""
        state = info.context["state"]
        space_id = require_space(info)
        inst = visible_instance(state, space_id, kwargs["ipackInstanceId"])
        attachments = [att for att in state.attachments.values() if att["integrationPackInstanceId"] == inst["id"]]
        environment_ids = kwargs.get("environmentIds")
        if environment_ids is not None:
            for env_id in environment_ids:
                state.get_environment(env_id)
            attachments = [att for env_id in dict.fromkeys(environment_ids) for att in attachments if att["environmentId"] == env_id]
        result = []
        for att in attachments:
            objs = objects_of_attachment(state, att)
            result.append({"id": att["id"], "environmentId": att["environmentId"], "integrationPackInstanceId": inst["id"],
                           "environmentMapExtension": [],
                           "environmentExtensions": json.dumps(bulk_result(objs), separators=COMPACT) if objs else None})
        return result

    def resolve_update(_root, info, **kwargs):
        """Mutation.extensionsUpdate: each input's JSON text is an UPDATE body; returns the updated objects as JSON text."""
        state = info.context["state"]
        require_space(info)
        items = kwargs.get("input") or []
        if not items:
            raise DomainError("extensionsUpdate needs at least one input")
        planned = []
        for index, item in enumerate(items):
            if item is None:
                raise DomainError("input[%d] is null" % index)
            obj = find(state, item["envExtensionId"])
            try:
                body = json.loads(item["extensions"])
            except ValueError as exc:
                raise DomainError("input[%d].extensions is not valid JSON: %s" % (index, exc)) from exc
            planned.append((obj, parse_update(obj, body)))
        for obj, plan in planned:
            apply_update(obj, plan)
        return [json.dumps(to_json(obj), separators=COMPACT) for obj, _plan in planned]

    schema.query_type.fields["integrationPackEnvironmentAttachments"].resolve = domain(resolve_attachments)
    schema.mutation_type.fields["extensionsUpdate"].resolve = domain(resolve_update)


def plain_form(text):
    """``shape_variant``: a BulkResult text becomes a bare object (one result) or a list of objects."""
    try:
        data = json.loads(text)
    except (TypeError, ValueError):
        return text
    if not isinstance(data, dict) or data.get("@type") != "BulkResult":
        return text
    results = [item["Result"] for item in data.get("response", []) if "Result" in item]
    return json.dumps(results[0] if len(results) == 1 else results, separators=COMPACT)


# ---------------------------------------------------------------------------
# Admin (what was stored, secrets in clear)
# ---------------------------------------------------------------------------


def stored(state, ext_id=None):
    """Objects with encrypted values in clear: one (by id) or all.  Takes the lock."""
    with state.lock:
        if ext_id is not None:
            return to_json(find(state, ext_id), reveal=True)
        return [to_json(obj, reveal=True) for obj in objects(state)]


def stored_value(state, ext_id, component, field=None):
    """The stored override of one field/value/property in clear, or None when it uses its default.

    ``component``: a connection or process property component (id or name) with ``field`` its
    field id or value key/label; or a dynamic process property name with ``field`` None.
    Raises KeyError when the object has no such component.  Takes the lock.
    """
    with state.lock:
        obj = find(state, ext_id)
        for slot in obj.slots:
            store = slot.store
            for conn in slot.components["connections"]:
                if component in (conn["id"], conn["name"]) and any(f["id"] == field for f in conn["fields"]):
                    override = store["fields"].get(conn["id"], {}).get(field)
                    return override["value"] if override else None
            for comp in slot.components["processProperties"]:
                if component not in (comp["id"], comp["name"]):
                    continue
                for value in comp["values"]:
                    if field in (value["key"], value["label"]):
                        override = store["values"].get(comp["id"], {}).get(value["key"])
                        return override["value"] if override else None
            for prop in slot.components["properties"]:
                if field is None and component == prop["name"]:
                    return store["properties"].get(prop["name"])
    raise KeyError("%s has no component %s with field %s" % (ext_id, component, field))


def admin(state, method, name):
    """``GET /_sim/extensions`` and ``GET /_sim/extensions/<id>``: (status, payload), or None for other paths."""
    if name != "extensions" and not name.startswith("extensions/"):
        return None
    if method != "GET":
        return 405, {"error": "Use GET for /_sim/extensions"}
    ext_id = unquote(name[len("extensions/"):]) if "/" in name else None
    try:
        if ext_id is None:
            return 200, {"extensions": stored(state)}
        return 200, stored(state, ext_id)
    except DomainError as exc:
        return (404 if exc.is_not_found else 400), {"error": exc.message}

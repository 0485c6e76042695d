"""Spaces GraphQL API (``POST /graphql``): schema, resolvers, execution, shape variants.

The SDL is in ``schema.graphql``; resolvers are attached to its root fields here.  Domain
errors become GraphQL errors with ``extensions.code`` (IPACK_INSTANCE_ID_INVALID,
IPACK_NOT_FOUND_IN_SPACE, SPACE_NOT_FOUND, MISSING_SPACE_ID, PLATFORM_CALL_ERROR).
"""

import copy
import functools
import json
from pathlib import Path

from graphql import GraphQLError, build_schema, execute, get_operation_ast, parse, validate
from graphql.language import FieldNode, FragmentDefinitionNode, FragmentSpreadNode, InlineFragmentNode, OperationType

from . import extensions
from .state import INSTANCE_NOT_FOUND, PACK_NOT_FOUND, SPACE_NOT_FOUND, DomainError

SCHEMA_PATH = Path(__file__).resolve().parent / "schema.graphql"
with open(SCHEMA_PATH, encoding="utf-8") as _schema_file:
    SCHEMA = build_schema(_schema_file.read())

# Mutation field -> kind of write (used by the drop_after_commit fault).
WRITE_KINDS = {
    "integrationPackInstanceInstall": "install",
    "integrationPackInstanceUninstall": "uninstall",
    "integrationPackInstanceEnvironmentAttachmentAttach": "attach",
    "integrationPackInstanceEnvironmentAttachmentUnattach": "detach",
    "processSchedulesUpdate": "schedule_update",
    "extensionsUpdate": "extensions_update",
}

_CODE_BY_KIND = {
    PACK_NOT_FOUND: "IPACK_NOT_FOUND_IN_SPACE",
    INSTANCE_NOT_FOUND: "IPACK_INSTANCE_ID_INVALID",
    SPACE_NOT_FOUND: "SPACE_NOT_FOUND",
}


def gql_error(message, code):
    """A GraphQL error carrying ``extensions.code``."""
    return GraphQLError(message, extensions={"code": code})


def _domain(func):
    """Turn DomainError into GraphQL errors with the documented codes."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except DomainError as exc:
            raise gql_error(exc.message, _CODE_BY_KIND.get(exc.kind, "PLATFORM_CALL_ERROR")) from exc
    return wrapper


# ---------------------------------------------------------------------------
# Object shapes (plain dicts; graphql-core's default resolver reads dict keys)
# ---------------------------------------------------------------------------


def _pack_obj(pack):
    return {"id": pack["id"], "name": pack["name"], "description": pack.get("description"), "installationType": pack["installationType"]}


def _instance_obj(state, inst):
    pack = state.packs.get(inst["integrationPackId"])
    return {
        "id": inst["id"],
        "integrationPackId": inst["integrationPackId"],
        "integrationPackOverrideName": inst["integrationPackOverrideName"],
        "integrationPack": _pack_obj(pack) if pack else None,
    }


def schedule_obj(record):
    """A ProcessSchedules record in GraphQL shape."""
    return {
        "id": record["id"],
        "processId": record["processId"],
        "atomId": record["atomId"],
        "envId": record["envId"],
        "schedule": copy.deepcopy(record["Schedule"]),
        "retry": {"schedule": copy.deepcopy(record["Retry"]["Schedule"]), "maxRetry": record["Retry"]["maxRetry"]},
    }


def _attachment_obj(att):
    return {"id": att["id"], "environmentId": att["environmentId"], "integrationPackInstanceId": att["integrationPackInstanceId"],
            "environmentExtensions": None}


# ---------------------------------------------------------------------------
# Resolvers
# ---------------------------------------------------------------------------


def _require_space(info):
    guid = info.context["space_guid"]
    if not guid:
        raise gql_error("The SPACE_GUID header is required", "MISSING_SPACE_ID")
    return info.context["state"].get_space(guid)["id"]


def _visible_instance(state, space_id, instance_id):
    inst = state.get_instance(instance_id)
    if not state.instance_visible_in(space_id, inst):
        raise DomainError("Integration pack instance %s not found in space %s" % (instance_id, space_id), INSTANCE_NOT_FOUND)
    return inst


@_domain
def resolve_instances(_root, info):
    """Query.integrationPackInstances"""
    state = info.context["state"]
    space_id = _require_space(info)
    return [_instance_obj(state, inst) for inst in state.instances_in_space(space_id)]


@_domain
def resolve_instance_processes(_root, info, **kwargs):
    """Query.integrationPackInstanceProcesses"""
    state = info.context["state"]
    space_id = _require_space(info)
    inst = _visible_instance(state, space_id, kwargs["integrationPackInstanceId"])
    result = []
    for proc in inst["processes"]:
        result.append({
            "id": proc["id"],
            "name": proc["name"],
            "integrationPack": [{"integrationPackId": inst["integrationPackId"], "integrationPackInstanceId": inst["id"]}],
            "processSchedules": [schedule_obj(rec) for rec in state.schedules_of_process(proc["id"])],
        })
    return result


@_domain
def resolve_environments(_root, info):
    """Query.environments (attachments of instances visible in the space)."""
    state = info.context["state"]
    space_id = _require_space(info)
    result = []
    for env in state.environments.values():
        attachments = [_attachment_obj(att) for att in state.attachments_of_environment(env["id"])
                       if state.instance_visible_in(space_id, state.instances[att["integrationPackInstanceId"]])]
        result.append({
            "id": env["id"],
            "name": env["name"],
            "classification": env["classification"],
            "integrationPackEnvironmentAttachment": attachments,
            "atoms": [{"id": atom["id"], "name": atom["name"]} for atom in env.get("atoms", [])],
        })
    return result


@_domain
def resolve_space(_root, info, **kwargs):
    """Query.Space(id)"""
    state = info.context["state"]
    space = state.get_space(kwargs["id"])
    out = {key: space.get(key) for key in ("id", "name", "description", "createdDate", "modifiedDate", "modifiedByAccountId", "url", "theme", "accountGroup")}
    out["sharedIpacks"] = [_pack_obj(pack) for pack in state.shared_packs(space["id"])]
    return out


@_domain
def resolve_install(_root, info, **kwargs):
    """Mutation.integrationPackInstanceInstall (SPACE_GUID optional; when given the pack must be shared)."""
    state = info.context["state"]
    data = kwargs["input"]
    space_id = info.context["space_guid"] or None
    inst = state.install(data["integrationPackId"], data.get("integrationPackOverrideName"), space_id=space_id)
    return _instance_obj(state, inst)


@_domain
def resolve_uninstall(_root, info, **kwargs):
    """Mutation.integrationPackInstanceUninstall -> the instance id."""
    return info.context["state"].uninstall(kwargs["id"])["id"]


@_domain
def resolve_attach(_root, info, **kwargs):
    """Mutation.integrationPackInstanceEnvironmentAttachmentAttach"""
    state = info.context["state"]
    data = kwargs["input"]
    space_id = _require_space(info)
    _visible_instance(state, space_id, data["integrationPackInstanceId"])
    return [_attachment_obj(att) for att in state.attach(data["integrationPackInstanceId"], list(data["environmentIds"]))]


@_domain
def resolve_unattach(_root, info, **kwargs):
    """Mutation.integrationPackInstanceEnvironmentAttachmentUnattach -> the attachment id."""
    state = info.context["state"]
    _require_space(info)
    return state.detach(kwargs["id"])["id"]


@_domain
def resolve_schedule_update(_root, info, **kwargs):
    """Mutation.processSchedulesUpdate: full replace from the JSON text of a ProcessSchedules object."""
    state = info.context["state"]
    _require_space(info)
    try:
        body = json.loads(kwargs["processSchedules"])
    except ValueError as exc:
        raise DomainError("processSchedules is not valid JSON: %s" % exc) from exc
    return schedule_obj(state.update_schedule(kwargs["processSchedulesId"], body))


def _attach_resolvers():
    query = SCHEMA.query_type.fields
    query["integrationPackInstances"].resolve = resolve_instances
    query["integrationPackInstanceProcesses"].resolve = resolve_instance_processes
    query["environments"].resolve = resolve_environments
    query["Space"].resolve = resolve_space
    mutation = SCHEMA.mutation_type.fields
    mutation["integrationPackInstanceInstall"].resolve = resolve_install
    mutation["integrationPackInstanceUninstall"].resolve = resolve_uninstall
    mutation["integrationPackInstanceEnvironmentAttachmentAttach"].resolve = resolve_attach
    mutation["integrationPackInstanceEnvironmentAttachmentUnattach"].resolve = resolve_unattach
    mutation["processSchedulesUpdate"].resolve = resolve_schedule_update
    extensions.register_graphql(SCHEMA, _domain, _require_space, _visible_instance)


_attach_resolvers()


# ---------------------------------------------------------------------------
# Requests
# ---------------------------------------------------------------------------


def _error_payload(message, code):
    return {"errors": [{"message": message, "extensions": {"code": code}}]}


def _formatted(errors, default_code):
    out = []
    for error in errors:
        item = error.formatted
        if not item.get("extensions"):
            item["extensions"] = {"code": default_code}
        out.append(item)
    return out


class Prepared:
    """A parsed GraphQL request: what the log and the faults need before execution."""

    def __init__(self):
        self.document = None
        self.variables = None
        self.operation_name = None
        self.fields = []  # (field name, response key) of the top-level selection
        self.is_mutation = False
        self.error = None  # (status, payload) when the request is unusable

    @property
    def operation(self):
        """Top-level field names joined by ','."""
        names = []
        for name, _key in self.fields:
            if name not in names:
                names.append(name)
        return ",".join(names)


def _top_fields(document, operation):
    fragments = {node.name.value: node for node in document.definitions if isinstance(node, FragmentDefinitionNode)}
    fields = []

    def walk(selection_set, seen):
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                fields.append((selection.name.value, selection.alias.value if selection.alias else selection.name.value))
            elif isinstance(selection, InlineFragmentNode):
                walk(selection.selection_set, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in fragments and name not in seen:
                    walk(fragments[name].selection_set, seen | {name})

    walk(operation.selection_set, frozenset())
    return fields


def prepare(body):
    """Parse and validate the JSON body of ``POST /graphql``."""
    prepared = Prepared()
    try:
        data = json.loads(body.decode("utf-8")) if body else None
    except (UnicodeDecodeError, ValueError):
        prepared.error = (400, _error_payload("The request body is not valid JSON", "BAD_REQUEST"))
        return prepared
    if not isinstance(data, dict) or not isinstance(data.get("query"), str) or not data["query"].strip():
        prepared.error = (400, _error_payload("The request body must be a JSON object with a query string", "BAD_REQUEST"))
        return prepared
    variables = data.get("variables")
    operation_name = data.get("operationName")
    if variables is not None and not isinstance(variables, dict):
        prepared.error = (400, _error_payload("variables must be a JSON object", "BAD_REQUEST"))
        return prepared
    if operation_name is not None and not isinstance(operation_name, str):
        prepared.error = (400, _error_payload("operationName must be a string", "BAD_REQUEST"))
        return prepared
    prepared.variables = variables
    prepared.operation_name = operation_name or None
    try:
        document = parse(data["query"])
    except GraphQLError as exc:
        prepared.error = (400, {"errors": _formatted([exc], "GRAPHQL_PARSE_FAILED")})
        return prepared
    prepared.document = document
    operation = get_operation_ast(document, prepared.operation_name)
    if operation is not None:
        prepared.fields = _top_fields(document, operation)
        prepared.is_mutation = operation.operation == OperationType.MUTATION
    errors = validate(SCHEMA, document)
    if errors:
        prepared.error = (400, {"errors": _formatted(errors, "GRAPHQL_VALIDATION_FAILED")})
    return prepared


def run(prepared, state, space_guid, shape_variant=False):
    """Execute a prepared request.  Returns (status, payload, committed write kinds)."""
    if prepared.error is not None:
        return prepared.error[0], prepared.error[1], set()
    with state.lock:
        result = execute(SCHEMA, prepared.document, context_value={"state": state, "space_guid": space_guid},
                         variable_values=prepared.variables, operation_name=prepared.operation_name)
    if result.data is None:
        return 400, {"data": None, "errors": _formatted(result.errors or [], "BAD_USER_INPUT")}, set()
    payload = {"data": result.data}
    failed_keys = set()
    if result.errors:
        payload["errors"] = _formatted(result.errors, "GENERIC_SYSTEM_ERROR")
        failed_keys = {error.path[0] for error in result.errors if error.path}
    committed = set()
    if prepared.is_mutation:
        for name, key in prepared.fields:
            if name in WRITE_KINDS and key not in failed_keys and result.data.get(key) is not None:
                committed.add(WRITE_KINDS[name])
    if shape_variant:
        payload["data"] = apply_shape_variant(payload["data"])
    return 200, payload, committed


def apply_shape_variant(value):
    """Rewrite a response into the documentation's other shapes.

    Instance ``integrationPack`` objects become one-element lists; one-element
    ``Process.integrationPack`` and ``processSchedules`` lists become bare objects.
    """
    if isinstance(value, list):
        return [apply_shape_variant(item) for item in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        item = apply_shape_variant(item)
        if key == "integrationPack":
            if isinstance(item, dict):
                item = [item]
            elif isinstance(item, list) and len(item) == 1:
                item = item[0]
        elif key == "processSchedules" and isinstance(item, list) and len(item) == 1:
            item = item[0]
        elif key == "environmentExtensions" and isinstance(item, str):
            item = extensions.plain_form(item)
        out[key] = item
    return out

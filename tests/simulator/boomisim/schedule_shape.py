"""The ``schedule_shape`` switch (issue 19): ``processSchedules`` as one object per process.

The seed page for processes and schedules (seeds/002, graphql/spa-integration_pack_schedule.md)
shows ``processSchedules`` as ONE object per process, the field table a type name; the
simulator's default is a list with one record per Atom.  With ``schedule_shape: "object"``
GraphQL answers carry, for every ``processSchedules`` list, only its first record (the first
Atom's, in the environment's Atom order) as a bare object, or ``null`` when the process has no
record.  Like ``shape_variant`` this rewrites the executed result, so the schema and the
queries stay the same.  REST is unaffected.
"""

from .faults import ExtraFault, FaultError, register_fault

FAULT_NAME = "schedule_shape"
SHAPES = ("list", "object")


def parse(value):
    """``"list"`` (default; also null) or ``"object"``."""
    if value is None:
        return "list"
    if value not in SHAPES:
        raise FaultError("%s must be one of %s (or null for list)" % (FAULT_NAME, ", ".join(SHAPES)))
    return value


register_fault(ExtraFault(FAULT_NAME, parse, "list", lambda setting: setting))


def apply(value):
    """Every ``processSchedules`` list in a GraphQL result becomes its first item (or None)."""
    if isinstance(value, list):
        return [apply(item) for item in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        if key == "processSchedules" and isinstance(item, list):
            item = apply(item[0]) if item else None
        else:
            item = apply(item)
        out[key] = item
    return out


def rewrite(faults, payload):
    """Apply the switch to a GraphQL answer payload when it is on."""
    if getattr(faults, FAULT_NAME) == "object" and isinstance(payload.get("data"), dict):
        payload["data"] = apply(payload["data"])
    return payload

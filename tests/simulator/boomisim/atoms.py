"""REST ``Atom`` (the account's Runtimes): GET, QUERY, queryMore — what a client needs to turn Runtime names into ids.

The Platform API's Atom object (developer.boomi.com, Platform API reference "Atom"; not in the shared OpenAPI subset):
``{"@type": "Atom", "id", "name", "status" (ONLINE|OFFLINE|UNKNOWN), "type" (ATOM|MOLECULE|CLOUD), "hostName",
"currentVersion", "dateInstalled", "createdBy", "purgeHistoryDays", "purgeImmediate", "forceRestartTime"}``; QUERY by
``id name status type hostName``. The Runtimes are the seed's Atoms (those of its environments): they exist also on an account
without environments (``/_sim/environments``), where only the environments are hidden. Every seeded Atom is ONLINE, of type
ATOM, on a host named after it. Unknown id on GET: 404.
"""

from . import rest, rest_extra


def _atoms(state):
    """The Atoms of the account, in seed order: ``{id, name}`` dicts."""
    found = {}
    for env in state.environments.values():
        for atom in env.get("atoms", []):
            found.setdefault(atom["id"], atom)
    return list(found.values())


def atom_json(atom):
    """Atom (the fields the SPEC's Atom schema lists; fixed values where the seed has none)."""
    host = "".join(c if c.isalnum() else "-" for c in atom["name"].lower()) + ".example.com"
    return {"@type": "Atom", "id": atom["id"], "name": atom["name"], "status": "ONLINE", "type": "ATOM", "hostName": host,
            "currentVersion": "25.01.0", "dateInstalled": "2025-01-06T09:00:00Z", "createdBy": "ops@acme.example",
            "purgeHistoryDays": 30, "purgeImmediate": False, "forceRestartTime": 0}


class AtomObject(rest_extra.RestObject):
    """``Atom``: GET, QUERY, queryMore (read only)."""

    object_type = "Atom"
    operations = ("get", "query", "queryMore")

    def items(self, api):
        return _atoms(api.state)

    def serialise(self, api, item):
        return atom_json(item)

    def properties(self, api):
        return {"id": lambda atom: atom["id"], "name": lambda atom: atom["name"], "status": lambda _atom: "ONLINE",
                "type": lambda _atom: "ATOM", "hostName": lambda atom: atom_json(atom)["hostName"]}

    def get_item(self, api, object_id):
        for atom in _atoms(api.state):
            if atom["id"] == object_id:
                return atom
        raise rest.RestError(404, "Atom %s not found" % object_id)

    def op_get(self, api, object_id, _body):
        """GET /Atom/{id}"""
        return atom_json(self.get_item(api, object_id))


rest_extra.register(AtomObject())

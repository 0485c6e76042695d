"""The publisher's side (issue 27): packaged components, publisher integration packs, releases, and
Integration Pack Atom attachments.  Sources: NEXT-APIS.md section 6, rest/openapi-publisher.json.

A ``Publisher`` store per account (``state.extensions["publisher"]``; the seed account's is loaded
from ``seed.json["publisher"]``, other accounts start empty) holds:

- ``components``: the account's Build components (id, name, type, latest revision), seeded;
  ``add_revision`` simulates a developer saving a change;
- ``packages``: PackagedComponent records (one per component x packageVersion; DELETE marks them
  ``deleted``, CREATE with ``packageId`` restores them);
- ``packs``: PublisherIntegrationPack records (their packaged components with current / pending
  versions);
- ``releases``: ReleaseIntegrationPack requests with a timeline on the simulator's clock
  (``sim.executions.clock``): a scheduled release is SCHEDULED until 00:00 UTC of its
  ``releaseOnDate``, then every release is IN_PROGRESS for ``release_time`` seconds, then SUCCESS
  (or the ERROR set with ``set_release_outcome``).  Nothing runs in the background: ``settle`` applies
  due releases at the start of every API request (and before admin reads).

A successful release puts the pack in the shared catalogue as an IntegrationPack (its process
components are its processes, each with its packaged ``version``), visible to the publisher and to
the accounts of the account groups it is shared with (AccountGroupIntegrationPack), and gives every
installed instance, in every account, the released processes.  Deleting a publisher pack
uninstalls it everywhere and removes its shares.

IntegrationPackAtomAttachment (REST only: no Spaces GraphQL page documents one) is served over
``State.attach_atom`` / ``detach_atom`` for accounts that do not use environments.
"""

import copy
import datetime
import json
import re
import uuid

from . import faults, rest, rest_extra
from .executions import _Time, format_time  # pylint: disable=protected-access
from .executions import store_of as executions_of
from .state import NOT_FOUND, DomainError

STORE = "publisher"
DEFAULT_RELEASE_TIME = 0.3
IN_PROGRESS_SPELLINGS = ("IN_PROGRESS", "INPROGRESS")  # the SPEC's enum, the SPEC's description text
RELEASE_STATUSES = ("IN_PROGRESS", "INPROGRESS", "SUCCESS", "SCHEDULED", "ERROR")
SCHEDULES = ("IMMEDIATELY", "RELEASE_ON_SPECIFIED_DATE")
INSTALLATION_TYPES = ("SINGLE", "MULTI")
COMPONENT_TYPES = ("process", "certificate", "customlibrary", "flowservice", "processroute", "tpgroup", "webservice")
SHAREABLE_TYPES = ("process", "webservice")  # "(For processes and API Service components only)"
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_VERSION_NUMBER = re.compile(r"^[0-9]+(?:\.0+)?$")

faults.DROP_OPERATIONS += ("package", "package_delete", "ipack_create", "ipack_update", "ipack_delete", "release", "release_update",
                           "atom_attach", "atom_detach")


def _bool_text(value):
    return "true" if value else "false"


def _revision(value, where="componentVersion"):
    """A Build revision: an integer, or its text ("3", "3.0": the SPEC's examples write "2.0")."""
    if isinstance(value, bool):
        raise DomainError("%s must be a revision number, got %s" % (where, json.dumps(value)))
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _VERSION_NUMBER.match(value.strip()):
        return int(value.strip().split(".")[0])
    raise DomainError("%s must be a revision number, got %s" % (where, json.dumps(value)))


def _one_or_list(value, where):
    """A list, or one object where the SPEC has a list (as the XML-derived JSON sometimes is)."""
    if value is None:
        return []
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        return value
    raise DomainError("%s must be a list of objects" % where)


class Publisher:
    """One account's publisher objects.  Settings (release_time, in_progress_spelling, outcomes) are the root store's."""

    def __init__(self, state, seeded=True, settings_from=None):
        self.state = state
        self._seeded = seeded
        self._settings_from = settings_from
        self.components = {}
        self.packages = {}
        self.packs = {}
        self.releases = {}
        self._config = {}
        self._outcomes = {}
        state.extensions[STORE] = self
        self.reset()

    def reset(self):
        """Back to the seed's components; no packaged components, packs or releases; default settings."""
        with self.state.lock:
            seed = copy.deepcopy(self.state._seed.get("publisher") or {}) if self._seeded else {}  # pylint: disable=protected-access
            self.components = {}
            for component in seed.get("components", []):
                self.components[component["id"]] = {
                    "id": component["id"], "name": component["name"], "type": component.get("type", "process"),
                    "revision": int(component.get("revision", 1))}
            self.packages = {}
            self.packs = {}
            self.releases = {}
            self._config = {"release_time": DEFAULT_RELEASE_TIME, "in_progress_spelling": "IN_PROGRESS"}
            self._outcomes = {}

    # -- settings ----------------------------------------------------------------

    def _settings(self):
        return self if self._settings_from is None else self._settings_from

    @property
    def config(self):
        """release_time, in_progress_spelling."""
        return self._settings()._config  # pylint: disable=protected-access

    @property
    def outcomes(self):
        """pack id -> "ERROR" for its releases requested from now on."""
        return self._settings()._outcomes  # pylint: disable=protected-access

    def configure(self, **settings):
        """Merge release_time (seconds >= 0) and in_progress_spelling (IN_PROGRESS or INPROGRESS)."""
        unknown = sorted(set(settings) - {"release_time", "in_progress_spelling"})
        if unknown:
            raise DomainError("Unknown release setting(s): %s (known: release_time, in_progress_spelling)" % ", ".join(unknown))
        if "release_time" in settings:
            value = settings["release_time"]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise DomainError("release_time must be a number of seconds >= 0")
        if "in_progress_spelling" in settings and settings["in_progress_spelling"] not in IN_PROGRESS_SPELLINGS:
            raise DomainError("in_progress_spelling must be IN_PROGRESS or INPROGRESS")
        with self.state.lock:
            self.config.update(settings)
            return dict(self.config)

    def set_outcome(self, pack_id, status="ERROR"):
        """Releases of ``pack_id`` requested from now on end ERROR (``status=None``: SUCCESS again)."""
        if not isinstance(pack_id, str) or not pack_id:
            raise DomainError("integration_pack_id must be a non-empty string")
        if status not in (None, "SUCCESS", "ERROR"):
            raise DomainError("status must be ERROR, SUCCESS or null")
        with self.state.lock:
            if status in (None, "SUCCESS"):
                self.outcomes.pop(pack_id, None)
            else:
                self.outcomes[pack_id] = status
            return status or "SUCCESS"

    def now(self):
        """The simulator's clock (``sim.executions.clock``; tests may replace it)."""
        return executions_of(self.state).clock()

    # -- components and packaged components -----------------------------------------

    def add_revision(self, component_id):
        """A developer saved the component: its latest revision goes up by one."""
        with self.state.lock:
            component = self.components.get(component_id)
            if component is None:
                raise DomainError("Unknown component %s" % component_id, NOT_FOUND)
            component["revision"] += 1
            return dict(component)

    def get_package(self, package_id):
        """The PackagedComponent with that packageId (deleted ones too), or DomainError(NOT_FOUND)."""
        package = self.packages.get(package_id)
        if package is None:
            raise DomainError("PackagedComponent %s not found" % package_id, NOT_FOUND)
        return package

    def live_packages(self, component_id):
        """Non-deleted packaged versions of a component, oldest first."""
        return [pkg for pkg in self.packages.values() if pkg["componentId"] == component_id and not pkg["deleted"]]

    def latest_version(self, component_id):
        """The newest non-deleted packageVersion of a component, or ""."""
        live = self.live_packages(component_id)
        return live[-1]["packageVersion"] if live else ""

    def package_in_use(self, package):
        """The publisher pack whose current or pending version is this packaged component, or None."""
        for pack in self.packs.values():
            for entry in pack["components"]:
                if entry["componentId"] == package["componentId"] and package["packageVersion"] in (entry["current"], entry["pending"]):
                    return pack
        for release in self.releases.values():
            if not release["final"]:
                for item in release["components"]:
                    if item["componentId"] == package["componentId"] and item["version"] == package["packageVersion"]:
                        return self.packs.get(release["packId"])
        return None

    def create_package(self, data):
        """PackagedComponent CREATE: a new packaged version, or (with packageId) the restore of a deleted one."""
        if not isinstance(data, dict):
            raise DomainError("The PackagedComponent body must be a JSON object")
        allowed = {"@type", "componentId", "packageVersion", "notes", "branchName", "componentVersion", "packageId",
                   "componentType", "createdBy", "createdDate", "shareable", "deleted", "fullyPubliclyConsumable"}
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise DomainError("Unknown field(s) in PackagedComponent: %s" % ", ".join(unknown))
        component_id = data.get("componentId")
        if not isinstance(component_id, str) or not component_id:
            raise DomainError("componentId is required")
        component = self.components.get(component_id)
        if component is None:
            raise DomainError("Invalid componentId: component %s was not found in account %s" % (component_id, self.state.account_id))
        for key in ("packageVersion", "notes", "branchName", "packageId"):
            if data.get(key) is not None and not isinstance(data[key], str):
                raise DomainError("%s must be a string, got %s" % (key, json.dumps(data[key])))
        version = data.get("packageVersion") or None
        if data.get("packageId"):
            return self._restore_package(data["packageId"], component, version)
        revision = component["revision"]
        if data.get("componentVersion") not in (None, ""):
            revision = _revision(data["componentVersion"])
            if not 1 <= revision <= component["revision"]:
                raise DomainError("Invalid componentVersion %d: component %s (%s) has revisions 1 to %d"
                                  % (revision, component["name"], component_id, component["revision"]))
        version = version or "%d.0" % revision
        for pkg in self.packages.values():
            if pkg["componentId"] == component_id and pkg["packageVersion"] == version:
                if pkg["deleted"]:
                    raise DomainError("Packaged component version %s of component %s (%s) was deleted (packageId %s); restore it with "
                                      "packageId, componentId and packageVersion" % (version, component["name"], component_id, pkg["packageId"]))
                raise DomainError("Packaged component version %s already exists for component %s (%s): packageId %s"
                                  % (version, component["name"], component_id, pkg["packageId"]))
        package = {"packageId": str(uuid.uuid4()), "packageVersion": version, "componentId": component_id, "componentVersion": revision,
                   "componentType": component["type"], "createdDate": format_time(self.now()), "createdBy": self.state.users[0]["username"],
                   "notes": data.get("notes") or None, "shareable": component["type"] in SHAREABLE_TYPES, "deleted": False,
                   "branchName": data.get("branchName") or None}
        self.packages[package["packageId"]] = package
        return package

    def _restore_package(self, package_id, component, version):
        package = self.packages.get(package_id)
        if package is None:
            raise DomainError("Invalid packageId: packaged component %s was not found" % package_id)
        if version is None:
            raise DomainError("packageVersion is required to restore packaged component %s" % package_id)
        if package["componentId"] != component["id"] or package["packageVersion"] != version:
            raise DomainError("Packaged component %s is version %s of component %s, not version %s of %s"
                              % (package_id, package["packageVersion"], package["componentId"], version, component["id"]))
        if not package["deleted"]:
            raise DomainError("Packaged component %s (version %s of %s) is not deleted" % (package_id, version, component["name"]))
        package["deleted"] = False
        return package

    def delete_package(self, package_id):
        """PackagedComponent DELETE: refused while an integration pack uses it."""
        package = self.get_package(package_id)
        if package["deleted"]:
            raise DomainError("Packaged component %s is already deleted" % package_id)
        pack = self.package_in_use(package)
        if pack is not None:
            raise DomainError("Packaged component %s (version %s of component %s) is in use by integration pack %s (%s) and cannot be deleted"
                              % (package_id, package["packageVersion"], self.components[package["componentId"]]["name"], pack["name"], pack["id"]))
        package["deleted"] = True
        return package

    # -- publisher integration packs ------------------------------------------------

    def get_pack(self, pack_id):
        """The publisher pack with that id, or DomainError(NOT_FOUND)."""
        pack = self.packs.get(pack_id)
        if pack is None:
            raise DomainError("Integration pack ID %s is invalid. Provide a valid integration pack ID to complete this action." % pack_id, NOT_FOUND)
        return pack

    def _check_version(self, component, version, where):
        if not isinstance(version, str) or not version:
            raise DomainError("%s must be a non-empty string" % where)
        if not any(pkg["packageVersion"] == version for pkg in self.live_packages(component["id"])):
            raise DomainError("Invalid %s: component %s (%s) has no packaged version %s" % (where, component["name"], component["id"], version))
        return version

    def _component_for(self, item, index):
        component_id = item.get("componentId")
        if not isinstance(component_id, str) or not component_id:
            raise DomainError("PublisherPackagedComponent[%d].componentId is required" % index)
        component = self.components.get(component_id)
        if component is None:
            raise DomainError("Invalid componentId: component %s was not found in account %s" % (component_id, self.state.account_id))
        return component

    @staticmethod
    def _drop(pack, entry):
        if entry["current"]:
            entry.update(removing=True, pending="")  # removed in the next release
        else:
            pack["components"].remove(entry)

    def _apply_components(self, pack, items, operation):
        """ADD: ``items`` is the whole new list (what it leaves out is removed); DELETE: remove ``items``."""
        seen = set()
        plan = []
        for index, item in enumerate(items):
            component = self._component_for(item, index)
            if component["id"] in seen:
                raise DomainError("Component %s (%s) is listed more than once" % (component["name"], component["id"]))
            seen.add(component["id"])
            entry = next((entry for entry in pack["components"] if entry["componentId"] == component["id"]), None)
            if operation == "DELETE":
                if entry is None:
                    raise DomainError("Component %s (%s) is not in integration pack %s" % (component["name"], component["id"], pack["name"]))
                plan.append((component, entry, None))
                continue
            if entry is None and component["type"] not in SHAREABLE_TYPES:
                raise DomainError("Component %s (%s) is a %s: only process and API service packaged components can be in an integration pack"
                                  % (component["name"], component["id"], component["type"]))
            pending = item.get("pendingVersion") or item.get("version") or None
            if pending is not None:
                self._check_version(component, pending, "pendingVersion")
            elif entry is None:
                pending = self.latest_version(component["id"])
                if not pending:
                    raise DomainError("Component %s (%s) has no packaged component to add to integration pack %s"
                                      % (component["name"], component["id"], pack["name"]))
            plan.append((component, entry, pending))
        if operation == "DELETE":
            for _component, entry, _pending in plan:
                self._drop(pack, entry)
            return
        for entry in [entry for entry in pack["components"] if entry["componentId"] not in seen]:
            self._drop(pack, entry)
        for component, entry, pending in plan:
            if entry is None:
                pack["components"].append({"componentId": component["id"], "current": "", "pending": pending, "removing": False})
                continue
            entry["removing"] = False
            if pending is not None:
                entry["pending"] = "" if pending == entry["current"] else pending

    @staticmethod
    def _description(data):
        for key in ("Description", "description"):  # the SPEC's field; MCP sends "description"
            if key in data:
                if data[key] is not None and not isinstance(data[key], str):
                    raise DomainError("Description must be a string")
                return data[key] or ""
        return None

    @staticmethod
    def _check_pack_body(data):
        if not isinstance(data, dict):
            raise DomainError("The PublisherIntegrationPack body must be a JSON object")
        unknown = sorted(set(data) - {"@type", "id", "name", "Description", "description", "installationType", "operationType",
                                      "PublisherPackagedComponents"})
        if unknown:
            raise DomainError("Unknown field(s) in PublisherIntegrationPack: %s" % ", ".join(unknown))
        operation = data.get("operationType")
        if operation is not None and operation not in ("ADD", "DELETE"):
            raise DomainError("operationType must be ADD or DELETE, got %s" % json.dumps(operation))
        wrapper = data.get("PublisherPackagedComponents")
        if wrapper is not None and not isinstance(wrapper, dict):
            raise DomainError("PublisherPackagedComponents must be an object with a PublisherPackagedComponent list")
        return _one_or_list((wrapper or {}).get("PublisherPackagedComponent"), "PublisherPackagedComponents.PublisherPackagedComponent")

    def create_pack(self, data):
        """PublisherIntegrationPack CREATE."""
        items = self._check_pack_body(data)
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise DomainError("name is required")
        installation_type = data.get("installationType")
        if installation_type not in INSTALLATION_TYPES:
            raise DomainError("installationType must be SINGLE or MULTI, got %s" % json.dumps(installation_type))
        pack = {"id": str(uuid.uuid4()), "name": name, "description": self._description(data) or "", "installationType": installation_type,
                "components": []}
        self._apply_components(pack, items, "ADD")
        self.packs[pack["id"]] = pack
        return pack

    def update_pack(self, pack_id, data):
        """PublisherIntegrationPack UPDATE (POST /{id}): every rule is checked before anything changes."""
        pack = self.get_pack(pack_id)
        items = self._check_pack_body(data)
        if data.get("id") not in (None, "", pack_id):
            raise DomainError("id %s in the body does not match integration pack %s" % (json.dumps(data["id"]), pack_id))
        operation = data.get("operationType")
        if operation is None:
            raise DomainError("operationType is required for the Update operation (ADD or DELETE)")
        installation_type = data.get("installationType")
        if installation_type is not None and installation_type != pack["installationType"]:
            raise DomainError("installationType of integration pack %s (%s) is %s and cannot be changed to %s"
                              % (pack["name"], pack_id, pack["installationType"], json.dumps(installation_type)))
        name = data.get("name")
        if name is not None:
            if not isinstance(name, str) or not name.strip():
                raise DomainError("name must be a non-empty string")
            if name != pack["name"] and pack["installationType"] == "MULTI":
                raise DomainError("The name of multiple attachment integration pack %s (%s) cannot be changed (to %s): only single "
                                  "attachment integration packs can be renamed" % (pack["name"], pack_id, json.dumps(name)))
        description = self._description(data)
        trial = copy.deepcopy(pack)
        self._apply_components(trial, items, operation)
        pack["components"] = trial["components"]
        if name is not None:
            pack["name"] = name
        if description is not None:
            pack["description"] = description
        return pack

    def delete_pack(self, pack_id):
        """PublisherIntegrationPack DELETE: uninstalled from every account, shares removed, releases forgotten."""
        pack = self.get_pack(pack_id)
        for state in _all_states(self.state):
            for instance in [inst for inst in state.instances.values() if inst["integrationPackId"] == pack_id]:
                state.uninstall(instance["id"])
        registry = getattr(self.state, "account_registry", None)
        if registry is not None:
            for share_id in [sid for sid, share in registry.shares.items() if share["integrationPackId"] == pack_id]:
                del registry.shares[share_id]
        self.state.packs.pop(pack_id, None)
        for space in self.state.spaces.values():
            if pack_id in space["sharedIntegrationPackIds"]:
                space["sharedIntegrationPackIds"].remove(pack_id)
        for request_id in [rid for rid, release in self.releases.items() if release["packId"] == pack_id]:
            del self.releases[request_id]
        del self.packs[pack_id]
        return pack

    # -- releases ---------------------------------------------------------------------

    def active_release(self, pack_id):
        """The pack's release that is scheduled or in progress, or None."""
        for release in self.releases.values():
            if release["packId"] == pack_id and not release["final"]:
                return release
        return None

    def _today(self):
        return datetime.datetime.fromtimestamp(self.now(), datetime.timezone.utc).date()

    def _parse_release(self, data, pack_id=None):
        """(pack, schedule, date, {componentId: version}) of a CREATE or UPDATE body."""
        if not isinstance(data, dict):
            raise DomainError("The ReleaseIntegrationPack body must be a JSON object")
        unknown = sorted(set(data) - {"@type", "id", "name", "installationType", "releaseSchedule", "releaseOnDate", "ReleasePackagedComponents",
                                      "requestId", "releaseStatusUrl", "releaseStatus"})
        if unknown:
            raise DomainError("Unknown field(s) in ReleaseIntegrationPack: %s" % ", ".join(unknown))
        body_id = data.get("id")
        if pack_id is None:
            if not isinstance(body_id, str) or not body_id:
                raise DomainError("id (the integration pack id) is required")
            pack = self.packs.get(body_id)
            if pack is None:
                raise DomainError("Invalid id: integration pack %s was not found" % body_id)
        else:
            pack = self.get_pack(pack_id)
            if body_id not in (None, "", pack_id):
                raise DomainError("id %s in the body does not match integration pack %s" % (json.dumps(body_id), pack_id))
        if data.get("releaseStatus") is not None and data["releaseStatus"] not in RELEASE_STATUSES:
            raise DomainError("releaseStatus must be one of %s" % ", ".join(RELEASE_STATUSES))
        if data.get("installationType") not in (None, pack["installationType"]):
            raise DomainError("installationType of integration pack %s (%s) is %s, not %s"
                              % (pack["name"], pack["id"], pack["installationType"], json.dumps(data["installationType"])))
        schedule = data.get("releaseSchedule")
        if schedule not in SCHEDULES:
            raise DomainError("releaseSchedule must be IMMEDIATELY or RELEASE_ON_SPECIFIED_DATE, got %s" % json.dumps(schedule))
        date = None
        if schedule == "RELEASE_ON_SPECIFIED_DATE":
            date = data.get("releaseOnDate")
            if not isinstance(date, str) or not _DATE.match(date):
                raise DomainError("releaseOnDate (yyyy-MM-dd) is required for releaseSchedule RELEASE_ON_SPECIFIED_DATE, got %s" % json.dumps(date))
            try:
                day = datetime.date.fromisoformat(date)
            except ValueError as exc:
                raise DomainError("releaseOnDate %s is not a date" % date) from exc
            if day <= self._today():
                raise DomainError("releaseOnDate %s must be a future date (today is %s UTC)" % (date, self._today().isoformat()))
        wrapper = data.get("ReleasePackagedComponents")
        if wrapper is not None and not isinstance(wrapper, dict):
            raise DomainError("ReleasePackagedComponents must be an object with a ReleasePackagedComponent list")
        chosen = {}
        for index, item in enumerate(_one_or_list((wrapper or {}).get("ReleasePackagedComponent"), "ReleasePackagedComponents.ReleasePackagedComponent")):
            component = self._component_for(item, index)
            entry = next((entry for entry in pack["components"] if entry["componentId"] == component["id"] and not entry["removing"]), None)
            if entry is None:
                raise DomainError("Component %s (%s) is not in integration pack %s (%s)" % (component["name"], component["id"], pack["name"], pack["id"]))
            if item.get("version") not in (None, ""):
                chosen[component["id"]] = self._check_version(component, item["version"], "version")
        return pack, schedule, date, chosen

    def _plan(self, pack, chosen):
        """(items, removed component ids) of a release of ``pack`` now."""
        items = []
        removed = []
        for entry in pack["components"]:
            if entry["removing"]:
                removed.append(entry["componentId"])
                continue
            version = chosen.get(entry["componentId"]) or entry["pending"] or entry["current"]
            if not version:
                raise DomainError("Component %s of integration pack %s has no version to release" % (entry["componentId"], pack["name"]))
            items.append({"componentId": entry["componentId"], "version": version, "releasedVersion": entry["current"]})
        if not items:
            raise DomainError("Integration pack %s (%s) has no packaged components to release" % (pack["name"], pack["id"]))
        if not removed and all(item["version"] == item["releasedVersion"] for item in items):
            raise DomainError("Nothing to release: the versions of integration pack %s (%s) are the released ones" % (pack["name"], pack["id"]))
        return items, removed

    def _schedule_release(self, release, schedule, date, plan):
        items, removed = plan
        now = self.now()
        if schedule == "IMMEDIATELY":
            start = now
        else:
            start = datetime.datetime.combine(datetime.date.fromisoformat(date), datetime.time(0, tzinfo=datetime.timezone.utc)).timestamp()
        release.update(schedule=schedule, date=date, start=start, release_time=float(self.config["release_time"]), components=items, removed=removed)
        pack = self.packs[release["packId"]]
        for item in items:  # the pack shows what the next release brings
            entry = next(entry for entry in pack["components"] if entry["componentId"] == item["componentId"])
            entry["pending"] = "" if item["version"] == entry["current"] else item["version"]

    def create_release(self, data):
        """ReleaseIntegrationPack CREATE: one active (scheduled or in progress) release per pack."""
        pack, schedule, date, chosen = self._parse_release(data)
        active = self.active_release(pack["id"])
        if active is not None:
            raise DomainError("Integration pack %s (%s) already has a %s release (requestId %s)%s"
                              % (pack["name"], pack["id"], "scheduled" if self.status_of(active) == "SCHEDULED" else "running", active["requestId"],
                                 ": update it with POST /ReleaseIntegrationPack/%s" % pack["id"] if self.status_of(active) == "SCHEDULED" else ""))
        plan = self._plan(pack, chosen)
        release = {"requestId": "release-%s" % uuid.uuid4(), "packId": pack["id"], "final": None,
                   "outcome": self.outcomes.get(pack["id"], "SUCCESS")}
        self._schedule_release(release, schedule, date, plan)
        self.releases[release["requestId"]] = release
        return release

    def update_release(self, reference, data):
        """ReleaseIntegrationPack UPDATE (POST /{id}, id = the pack id or the requestId): only a scheduled release."""
        release = self.releases.get(reference)
        pack_id = release["packId"] if release is not None else reference
        self.get_pack(pack_id)
        active = self.active_release(pack_id)
        if active is None or self.status_of(active) != "SCHEDULED":
            raise DomainError("Integration pack %s has no scheduled release to update" % pack_id)
        pack, schedule, date, chosen = self._parse_release(data, pack_id)
        # what the update does not name keeps the version the scheduled release chose
        chosen = dict({item["componentId"]: item["version"] for item in active["components"]}, **chosen)
        plan = self._plan(pack, chosen)
        self._schedule_release(active, schedule, date, plan)
        return active

    def get_release(self, reference):
        """A release by requestId, or the latest release of a pack by the pack id."""
        release = self.releases.get(reference)
        if release is None:
            of_pack = [rel for rel in self.releases.values() if rel["packId"] == reference]
            if not of_pack:
                raise DomainError("ReleaseIntegrationPackStatus %s not found" % reference, NOT_FOUND)
            release = of_pack[-1]
        return release

    def status_of(self, release, now=None):
        """SCHEDULED, IN_PROGRESS (as spelled by the config), SUCCESS or ERROR at ``now``."""
        if release["final"]:
            return release["final"]
        now = self.now() if now is None else now
        if now < release["start"]:
            return "SCHEDULED"
        if now < release["start"] + release["release_time"]:
            return self.config["in_progress_spelling"]
        return release["outcome"]

    def settle(self):
        """Apply every release whose time has come."""
        now = self.now()
        for release in list(self.releases.values()):
            if release["final"] is None and self.status_of(release, now) in ("SUCCESS", "ERROR"):
                release["final"] = release["outcome"]
                if release["outcome"] == "SUCCESS":
                    self._apply_release(release)

    def _apply_release(self, release):
        """The release's versions become current; what it removed goes.  Changes made to the pack since it was
        requested (components added or marked for removal) stay for the next release."""
        pack = self.packs[release["packId"]]
        versions = {item["componentId"]: item["version"] for item in release["components"]}
        pack["components"] = [entry for entry in pack["components"] if not (entry["componentId"] in release["removed"] and entry["removing"])]
        for entry in pack["components"]:
            if entry["componentId"] in versions:
                entry["current"] = versions[entry["componentId"]]
                if entry["pending"] == entry["current"]:
                    entry["pending"] = ""
        catalogue = self.state.packs.get(pack["id"])
        if catalogue is None:
            catalogue = {"id": pack["id"], "publisherAccountId": self.state.account_id}
            self.state.packs[pack["id"]] = catalogue
        catalogue.update(name=pack["name"], description=pack["description"], installationType=pack["installationType"],
                         processes=[{"id": entry["componentId"], "name": self.components[entry["componentId"]]["name"], "version": entry["current"]}
                                    for entry in pack["components"] if entry["current"] and self.components[entry["componentId"]]["type"] == "process"])
        for state in _all_states(self.state):
            state.sync_instances(catalogue)

    # -- inspection --------------------------------------------------------------------

    def dump(self):
        """JSON-able view for GET /_sim/publisher."""
        with self.state.lock:
            self.settle()
            return {"config": dict(self.config), "outcomes": dict(self.outcomes),
                    "components": [dict(component) for component in self.components.values()],
                    "packagedComponents": [package_json(package) for package in self.packages.values()],
                    "packs": [pack_json(self, pack) for pack in self.packs.values()],
                    "releases": [dict(status_json(self, release), start=format_time(release["start"])) for release in self.releases.values()]}


def _all_states(state):
    """Every account's State (the seed account's and its sub-accounts'), or just ``state``."""
    registry = getattr(state, "account_registry", None)
    if registry is None:
        return [state]
    return [account.state for account in registry.entries.values() if account.state is not None]


def store_of(state):
    """The Publisher store of a State (created on first use: empty for an account other than the seed's)."""
    store = state.extensions.get(STORE)
    if store is None:
        registry = getattr(state, "account_registry", None)
        root = registry.state.extensions.get(STORE) if registry is not None and registry.state is not state else None
        store = Publisher(state, seeded=root is None, settings_from=root)
    return store


def settle_all(state):
    """Apply due releases of every account (called before each API request)."""
    with state.lock:
        for account_state in _all_states(state):
            store = account_state.extensions.get(STORE)
            if store is not None:
                store.settle()


# ---------------------------------------------------------------------------
# JSON shapes (key order of the SPEC's examples)
# ---------------------------------------------------------------------------


def package_json(package):
    """PackagedComponent; ``notes`` and ``branchName`` only when set."""
    out = {"@type": "PackagedComponent", "packageId": package["packageId"], "packageVersion": package["packageVersion"],
           "componentId": package["componentId"], "componentVersion": package["componentVersion"], "componentType": package["componentType"],
           "createdDate": package["createdDate"], "createdBy": package["createdBy"]}
    if package["notes"] is not None:
        out["notes"] = package["notes"]
    out["shareable"] = package["shareable"]
    out["deleted"] = package["deleted"]
    if package["branchName"] is not None:
        out["branchName"] = package["branchName"]
    return out


def pack_json(store, pack):
    """PublisherIntegrationPack."""
    items = []
    for entry in pack["components"]:
        component = store.components[entry["componentId"]]
        items.append({"@type": "PublisherPackagedComponent", "componentId": entry["componentId"], "componentName": component["name"],
                      "componentType": component["type"], "currentVersion": entry["current"], "pendingVersion": entry["pending"],
                      "deleted": entry["removing"], "latestVersion": store.latest_version(entry["componentId"])})
    return {"@type": "PublisherIntegrationPack", "Description": pack["description"],
            "PublisherPackagedComponents": {"@type": "PublisherPackagedComponents", "PublisherPackagedComponent": items},
            "id": pack["id"], "name": pack["name"], "installationType": pack["installationType"], "operationType": "ADD"}


def _release_components(release):
    items = []
    for item in release["components"]:
        out = {"@type": "ReleasePackagedComponent", "componentId": item["componentId"]}
        if item["releasedVersion"]:
            out["releasedVersion"] = item["releasedVersion"]
        out["version"] = item["version"]
        items.append(out)
    return {"@type": "ReleasePackagedComponents", "ReleasePackagedComponent": items}


def release_json(store, release, base_url):
    """ReleaseIntegrationPack (the CREATE / UPDATE answer)."""
    pack = store.packs[release["packId"]]
    out = {"@type": "ReleaseIntegrationPack", "id": pack["id"], "installationType": pack["installationType"], "name": pack["name"],
           "releaseSchedule": release["schedule"], "requestId": release["requestId"],
           "releaseStatusUrl": "%s/api/rest/v1/%s/ReleaseIntegrationPackStatus/%s" % (base_url, store.state.account_id, release["requestId"])}
    if release["date"]:
        out["releaseOnDate"] = release["date"]
    out["ReleasePackagedComponents"] = _release_components(release)
    return out


def status_json(store, release):
    """ReleaseIntegrationPackStatus with ``responseStatusCode`` 202 (scheduled, in progress) or 200 (done)."""
    pack = store.packs[release["packId"]]
    status = store.status_of(release)
    out = {"@type": "ReleaseIntegrationPackStatus", "ReleasePackagedComponents": _release_components(release),
           "responseStatusCode": 200 if status in ("SUCCESS", "ERROR") else 202,
           "integrationPackId": pack["id"], "name": pack["name"], "installationType": pack["installationType"],
           "releaseSchedule": release["schedule"], "requestId": release["requestId"], "releaseStatus": status}
    if release["date"]:
        out["releaseOnDate"] = release["date"]
    return out


def atom_attachment_json(attachment):
    """IntegrationPackAtomAttachment."""
    return {"@type": "IntegrationPackAtomAttachment", "integrationPackInstanceId": attachment["integrationPackInstanceId"],
            "atomId": attachment["atomId"], "id": attachment["id"]}


# ---------------------------------------------------------------------------
# REST objects
# ---------------------------------------------------------------------------


def _call(function, *args, not_found_status=404):
    """Run a store call: DomainError -> RestError (unknown ids in the path ``not_found_status``, the rest 400)."""
    try:
        return function(*args)
    except DomainError as exc:
        raise rest.RestError(not_found_status if exc.is_not_found else 400, exc.message) from exc


class PackagedComponentObject(rest_extra.RestObject):
    """``PackagedComponent``: create (or restore), GET, DELETE, bulk, query, queryMore."""

    object_type = "PackagedComponent"
    operations = ("create", "get", "delete", "bulk", "query", "queryMore")
    write_kinds = {"create": "package", "delete": "package_delete"}

    def items(self, api):
        return list(store_of(api.state).packages.values())

    def serialise(self, api, item):
        return package_json(item)

    def properties(self, api):
        return {"packageId": lambda pkg: pkg["packageId"], "componentId": lambda pkg: pkg["componentId"],
                "packageVersion": lambda pkg: pkg["packageVersion"], "componentVersion": lambda pkg: str(pkg["componentVersion"]),
                "componentType": lambda pkg: pkg["componentType"], "createdBy": lambda pkg: pkg["createdBy"],
                "createdDate": lambda pkg: _Time(pkg["createdDate"]), "shareable": lambda pkg: _bool_text(pkg["shareable"]),
                "deleted": lambda pkg: _bool_text(pkg["deleted"]), "notes": lambda pkg: pkg["notes"], "branchName": lambda pkg: pkg["branchName"]}

    def get_item(self, api, object_id):
        return _call(store_of(api.state).get_package, object_id)

    def op_get(self, api, object_id, _body):
        """GET /PackagedComponent/{id}"""
        return package_json(self.get_item(api, object_id))

    def op_create(self, api, _object_id, body):
        """POST /PackagedComponent"""
        return package_json(_call(store_of(api.state).create_package, rest_extra.json_body(body), not_found_status=400))

    def op_delete(self, api, object_id, _body):
        """DELETE /PackagedComponent/{id} -> true"""
        _call(store_of(api.state).delete_package, object_id)
        return True


class PublisherIntegrationPackObject(rest_extra.RestObject):
    """``PublisherIntegrationPack``: create, GET, update, DELETE, bulk, query, queryMore."""

    object_type = "PublisherIntegrationPack"
    operations = ("create", "get", "update", "delete", "bulk", "query", "queryMore")
    write_kinds = {"create": "ipack_create", "update": "ipack_update", "delete": "ipack_delete"}

    def items(self, api):
        return list(store_of(api.state).packs.values())

    def serialise(self, api, item):
        return pack_json(store_of(api.state), item)

    def properties(self, api):
        return {"name": lambda pack: pack["name"], "id": lambda pack: pack["id"], "installationType": lambda pack: pack["installationType"]}

    def get_item(self, api, object_id):
        return _call(store_of(api.state).get_pack, object_id)

    def op_get(self, api, object_id, _body):
        """GET /PublisherIntegrationPack/{id}"""
        return self.serialise(api, self.get_item(api, object_id))

    def op_create(self, api, _object_id, body):
        """POST /PublisherIntegrationPack"""
        return self.serialise(api, _call(store_of(api.state).create_pack, rest_extra.json_body(body), not_found_status=400))

    def op_update(self, api, object_id, body):
        """POST /PublisherIntegrationPack/{id}"""
        self.get_item(api, object_id)
        return self.serialise(api, _call(store_of(api.state).update_pack, object_id, rest_extra.json_body(body)))

    def op_delete(self, api, object_id, _body):
        """DELETE /PublisherIntegrationPack/{id} -> true"""
        _call(store_of(api.state).delete_pack, object_id)
        return True


class ReleaseIntegrationPackObject(rest_extra.RestObject):
    """``ReleaseIntegrationPack``: create (immediate or scheduled) and update (a scheduled one)."""

    object_type = "ReleaseIntegrationPack"
    operations = ("create", "update")
    write_kinds = {"create": "release", "update": "release_update"}

    @staticmethod
    def _url(api):
        executions = api.state.extensions.get("executions")
        return executions.base_url if executions is not None else "http://127.0.0.1"

    def op_create(self, api, _object_id, body):
        """POST /ReleaseIntegrationPack"""
        store = store_of(api.state)
        return release_json(store, _call(store.create_release, rest_extra.json_body(body), not_found_status=400), self._url(api))

    def op_update(self, api, object_id, body):
        """POST /ReleaseIntegrationPack/{id}"""
        store = store_of(api.state)
        data = rest_extra.json_body(body)
        return release_json(store, _call(store.update_release, object_id, data), self._url(api))


class ReleaseIntegrationPackStatusObject(rest_extra.RestObject):
    """``ReleaseIntegrationPackStatus``: GET (202 scheduled or in progress, 200 done) and bulk."""

    object_type = "ReleaseIntegrationPackStatus"
    operations = ("get", "bulk")

    def get_item(self, api, object_id):
        return _call(store_of(api.state).get_release, object_id)

    def serialise(self, api, item):
        return status_json(store_of(api.state), item)

    def op_get(self, api, object_id, _body):
        """GET /ReleaseIntegrationPackStatus/{requestId}"""
        payload = self.serialise(api, self.get_item(api, object_id))
        return payload["responseStatusCode"], payload

    def op_bulk(self, api, object_id, body):
        """Bulk GET: ``statusCode`` 202 for releases not done yet."""
        answer = super().op_bulk(api, object_id, body)
        for item in answer["response"]:
            if "Result" in item:
                item["statusCode"] = item["Result"]["responseStatusCode"]
        return answer


class IntegrationPackAtomAttachmentObject(rest_extra.RestObject):
    """``IntegrationPackAtomAttachment``: create, DELETE, query, queryMore (accounts without environments)."""

    object_type = "IntegrationPackAtomAttachment"
    operations = ("create", "delete", "query", "queryMore")
    write_kinds = {"create": "atom_attach", "delete": "atom_detach"}

    def items(self, api):
        return list(api.state.atom_attachments.values())

    def serialise(self, api, item):
        return atom_attachment_json(item)

    def properties(self, api):
        return {"atomId": lambda att: att["atomId"], "integrationPackInstanceId": lambda att: att["integrationPackInstanceId"]}

    def op_create(self, api, _object_id, body):
        """POST /IntegrationPackAtomAttachment {integrationPackInstanceId, atomId}"""
        data = rest_extra.json_body(body)
        if not isinstance(data, dict):
            raise rest.RestError(400, "The IntegrationPackAtomAttachment body must be a JSON object")
        unknown = sorted(set(data) - {"@type", "id", "integrationPackInstanceId", "atomId"})
        if unknown:
            raise rest.RestError(400, "Unknown field(s) in IntegrationPackAtomAttachment: %s" % ", ".join(unknown))
        return atom_attachment_json(_call(api.state.attach_atom, data.get("integrationPackInstanceId"), data.get("atomId"), not_found_status=400))

    def op_delete(self, api, object_id, _body):
        """DELETE /IntegrationPackAtomAttachment/{id} -> true"""
        _call(api.state.detach_atom, object_id)
        return True


rest_extra.register(PackagedComponentObject())
rest_extra.register(PublisherIntegrationPackObject())
rest_extra.register(ReleaseIntegrationPackObject())
rest_extra.register(ReleaseIntegrationPackStatusObject())
rest_extra.register(IntegrationPackAtomAttachmentObject())


# ---------------------------------------------------------------------------
# Admin API and Simulator methods
# ---------------------------------------------------------------------------


def _account_state(sim, account_id):
    if account_id in (None, ""):
        return sim.state
    try:
        return sim.account_state(account_id)
    except KeyError as exc:
        raise DomainError("Unknown account %s" % account_id) from exc


def admin(sim, method, name, data):
    """/_sim/publisher..., /_sim/environments: (status, payload), or None when the path is not ours."""
    parts = name.split("/")
    if parts == ["environments"] and method == "POST":
        unknown = sorted(set(data) - {"account", "enabled"})
        if unknown:
            raise DomainError("Unknown key(s): %s" % ", ".join(unknown))
        state = sim.set_uses_environments(data.get("enabled"), data.get("account"))
        return 200, {"account": state.account_id, "uses_environments": state.uses_environments}
    if parts[0] != "publisher":
        return None
    store = sim.publisher
    if parts == ["publisher"] and method == "GET":
        return 200, store.dump()
    if parts == ["publisher", "config"] and method == "POST":
        return 200, {"config": store.configure(**data)}
    if parts == ["publisher", "outcomes"] and method == "POST":
        unknown = sorted(set(data) - {"integration_pack_id", "status"})
        if unknown:
            raise DomainError("Unknown key(s): %s" % ", ".join(unknown))
        return 200, {"outcome": store.set_outcome(data.get("integration_pack_id"), data.get("status", "ERROR"))}
    if len(parts) == 4 and parts[1] == "components" and parts[3] == "revision" and method == "POST":
        try:
            return 200, {"component": store.add_revision(parts[2])}
        except DomainError as exc:
            return 404, {"error": exc.message}
    return None


class SimulatorMethods:
    """Mixed into server.Simulator (needs ``self.state``)."""

    @property
    def publisher(self):
        """The seed account's Publisher store (components, packaged components, packs, releases)."""
        store = store_of(self.state)
        with self.state.lock:
            store.settle()
        return store

    def set_release_config(self, **settings):
        """release_time (seconds in progress, default 0.3), in_progress_spelling (IN_PROGRESS or INPROGRESS)."""
        return self.publisher.configure(**settings)

    def set_release_outcome(self, integration_pack_id, status="ERROR"):
        """Releases of that pack requested from now on end ERROR (None: SUCCESS)."""
        return self.publisher.set_outcome(integration_pack_id, status)

    def add_component_revision(self, component_id):
        """The component gets a new Build revision; returns the component."""
        return self.publisher.add_revision(component_id)

    def set_uses_environments(self, enabled, account_id=None):
        """Whether an account (the seed account by default) uses environments; returns its State."""
        if not isinstance(enabled, bool):
            raise DomainError("enabled must be true or false")
        state = _account_state(self, account_id)
        with state.lock:
            state.uses_environments = enabled
        return state

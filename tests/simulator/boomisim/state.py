"""Domain model of the Boomi API simulator.

One ``State`` object per account holds everything both APIs (Spaces GraphQL and Platform REST)
see: the seeded catalogue (account, users, spaces, integration packs, environments and atoms)
and what the tests change (integration pack instances, environment attachments and
process schedule records).  All rules live here so that GraphQL and REST agree.  Sub-accounts
(accounts.py) have States of their own that share the seed account's catalogue and lock.
"""

import base64
import copy
import hmac
import json
import re
import threading
import uuid
from pathlib import Path

DEFAULT_SEED = Path(__file__).resolve().parent / "data" / "seed.json"

FIRST_INSTANCE_NUMBER = 1000
MAX_OVERRIDE_NAME_LENGTH = 255
DEFAULT_MAX_RETRY = 5
TOKEN_USER_PREFIX = "BOOMI_TOKEN."

# Kinds of DomainError; the API layers map them to HTTP statuses and GraphQL error codes.
INVALID = "invalid"
PACK_NOT_FOUND = "pack_not_found"
INSTANCE_NOT_FOUND = "instance_not_found"
SPACE_NOT_FOUND = "space_not_found"
ENVIRONMENT_NOT_FOUND = "environment_not_found"
ATTACHMENT_NOT_FOUND = "attachment_not_found"
SCHEDULE_NOT_FOUND = "schedule_not_found"
NOT_FOUND = "not_found"


class DomainError(Exception):
    """A request broke a rule of the domain, or named something that does not exist."""

    def __init__(self, message, kind=INVALID):
        super().__init__(message)
        self.message = message
        self.kind = kind

    @property
    def is_not_found(self):
        """True when the error is about an unknown id."""
        return self.kind.endswith("not_found")


def b64_unpadded(text):
    """Standard base64 of a UTF-8 string without the '=' padding."""
    return base64.b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def b64url_unpadded(text):
    """URL-safe base64 of a UTF-8 string without the '=' padding."""
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def instance_id_for(number):
    """Instance ids look like the docs' ``SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UyNQ``."""
    return b64_unpadded("IntegrationPackInstance%d" % number)


def attachment_id_for(instance_id, environment_id):
    """Attachment ids look like the docs' ``QVRUQUNIX0lQQUNLX0VOV...``."""
    return b64url_unpadded("ATTACH_IPACK_ENV" + instance_id + ":" + environment_id)


def schedule_id_for(atom_id, process_id):
    """ProcessSchedules ids look like the docs' ``Q1BT...`` (``CPS<atomId>:<processId>``)."""
    return b64_unpadded("CPS" + atom_id + ":" + process_id)


def atom_attachment_id_for(instance_id, atom_id):
    """IntegrationPackAtomAttachment id, "synthesized from the Runtime and integration pack instance IDs"."""
    return b64url_unpadded("ATTACH_IPACK_ATOM" + instance_id + ":" + atom_id)


def environment_atom_attachment_id_for(atom_id, environment_id):
    """Synthetic id of an EnvironmentAtomAttachment."""
    return b64url_unpadded(atom_id + ":" + environment_id)


# ---------------------------------------------------------------------------
# Schedule validation
# ---------------------------------------------------------------------------

SCHEDULE_FIELDS = (
    ("minutes", 0, 59),
    ("hours", 0, 23),
    ("daysOfWeek", 1, 7),
    ("daysOfMonth", 1, 31),
    ("months", 1, 12),
    ("years", 1970, 9999),
)
_SCHEDULE_FIELD_NAMES = tuple(name for name, _low, _high in SCHEDULE_FIELDS)
_TERM = re.compile(r"^(\*|[0-9]+(?:-[0-9]+)?)(?:/([0-9]+))?$")


def _validate_cron_field(where, name, value, low, high):
    if not isinstance(value, str):
        raise DomainError("%s.%s must be a string, got %s" % (where, name, json.dumps(value)))
    if value == "":
        # The documentation's own samples send "" for daysOfMonth, months and years.
        return
    for term in value.split(","):
        match = _TERM.match(term)
        if not match:
            raise DomainError("%s.%s: invalid value %s (expected *, n, a-b, a,b or x/n)" % (where, name, json.dumps(value)))
        base, step = match.group(1), match.group(2)
        if step is not None and int(step) < 1:
            raise DomainError("%s.%s: invalid step in %s" % (where, name, json.dumps(value)))
        if base == "*":
            continue
        bounds = [int(part) for part in base.split("-")]
        for bound in bounds:
            if bound < low or bound > high:
                raise DomainError("%s.%s: %d is out of range %d-%d in %s" % (where, name, bound, low, high, json.dumps(value)))
        if len(bounds) == 2 and bounds[0] > bounds[1]:
            raise DomainError("%s.%s: range %s is reversed" % (where, name, base))


def normalise_schedule_list(where, value):
    """Validate a list of Schedule objects and return them in canonical form.

    Missing fields default to ``*``; ``@type`` is ignored; unknown keys are refused.
    """
    if value is None:
        return []
    if not isinstance(value, list):
        raise DomainError("%s must be a list of Schedule objects" % where)
    result = []
    for index, item in enumerate(value):
        item_where = "%s[%d]" % (where, index)
        if not isinstance(item, dict):
            raise DomainError("%s must be an object" % item_where)
        unknown = sorted(set(item) - set(_SCHEDULE_FIELD_NAMES) - {"@type"})
        if unknown:
            raise DomainError("%s: unknown field(s) %s" % (item_where, ", ".join(unknown)))
        entry = {}
        for name, low, high in SCHEDULE_FIELDS:
            field_value = item.get(name, "*")
            _validate_cron_field(item_where, name, field_value, low, high)
            entry[name] = field_value
        result.append(entry)
    return result


def parse_process_schedules_body(record, body):
    """Validate a ProcessSchedules update body against ``record``; return (schedule, retry)."""
    if not isinstance(body, dict):
        raise DomainError("The ProcessSchedules body must be a JSON object")
    unknown = sorted(set(body) - {"@type", "Schedule", "Retry", "id", "atomId", "processId"})
    if unknown:
        raise DomainError("Unknown field(s) in ProcessSchedules: %s" % ", ".join(unknown))
    for key in ("id", "atomId", "processId"):
        if key not in body:
            raise DomainError("ProcessSchedules.%s is required" % key)
        if body[key] != record[key]:
            raise DomainError("ProcessSchedules.%s %s does not match the record (%s)" % (key, json.dumps(body[key]), record[key]))
    schedule = normalise_schedule_list("Schedule", body.get("Schedule"))
    retry_body = body.get("Retry")
    if retry_body is None:
        retry = {"Schedule": [], "maxRetry": DEFAULT_MAX_RETRY}
    else:
        if not isinstance(retry_body, dict):
            raise DomainError("Retry must be an object")
        unknown = sorted(set(retry_body) - {"@type", "Schedule", "maxRetry"})
        if unknown:
            raise DomainError("Unknown field(s) in Retry: %s" % ", ".join(unknown))
        max_retry = retry_body.get("maxRetry")
        if isinstance(max_retry, bool) or not isinstance(max_retry, int) or not 1 <= max_retry <= 5:
            raise DomainError("Retry.maxRetry must be an integer from 1 to 5, got %s" % json.dumps(max_retry))
        retry = {"Schedule": normalise_schedule_list("Retry.Schedule", retry_body.get("Schedule")), "maxRetry": max_retry}
    return schedule, retry


# ---------------------------------------------------------------------------
# State
# ---------------------------------------------------------------------------


class State:
    """The simulated account.  Every public method takes ``self.lock``."""

    def __init__(self, seed_path=None, account_id=None, shared_from=None, first_instance_number=FIRST_INSTANCE_NUMBER):
        """The seed's account, or (``shared_from``) another account sharing that State's catalogue and lock.

        A State made with ``shared_from`` (a sub-account, see accounts.py) has its own instances,
        attachments, schedules and stores, but uses the same users, spaces, packs, environments and
        atoms objects and the same lock as ``shared_from``; ``account_id`` names it.
        """
        self._shared_from = shared_from
        self._account_id = account_id
        self._first_instance_number = first_instance_number
        if shared_from is not None:
            self.seed_path = shared_from.seed_path
            self._seed = shared_from._seed  # pylint: disable=protected-access
            self.lock = shared_from.lock
        else:
            self.seed_path = Path(seed_path) if seed_path else DEFAULT_SEED
            with open(self.seed_path, encoding="utf-8") as handle:
                self._seed = json.load(handle)
            self.lock = threading.RLock()
        self.account_id = None
        self.users = []
        self.spaces = {}
        self.packs = {}
        self.environments = {}
        self.atom_environment = {}
        self.instances = {}
        self.attachments = {}
        self.atom_attachments = {}  # IntegrationPackAtomAttachment (accounts without environments)
        self.uses_environments = True
        self.schedules = {}
        self._schedule_ids_by_process = {}
        self._next_instance_number = FIRST_INSTANCE_NUMBER
        self._extra_pack_number = 0
        self.extensions = {}  # stores of other modules (executions.py), each with reset(); reset with the state
        self.reset()

    # -- lifecycle -----------------------------------------------------------

    def reset(self):
        """Back to the seed: no instances, attachments or schedules, no extra packs."""
        with self.lock:
            if self._shared_from is not None:
                source = self._shared_from
                self.account_id = self._account_id
                self.users = source.users
                self.spaces = source.spaces
                self.packs = source.packs
                self.environments = source.environments
                self.atom_environment = source.atom_environment
            else:
                seed = copy.deepcopy(self._seed)
                self.account_id = self._account_id or seed["account_id"]
                self.users = seed["users"]
                self.spaces = {space["id"]: space for space in seed["spaces"]}
                for space in self.spaces.values():
                    space["sharedIntegrationPackIds"] = list(space.get("sharedIntegrationPackIds", []))
                self.packs = {pack["id"]: pack for pack in seed["integration_packs"]}
                self.environments = {env["id"]: env for env in seed["environments"]}
                self.atom_environment = {}
                for env in self.environments.values():
                    for atom in env.get("atoms", []):
                        self.atom_environment[atom["id"]] = env["id"]
            self.instances = {}
            self.attachments = {}
            self.atom_attachments = {}
            self.uses_environments = True
            self.schedules = {}
            self._schedule_ids_by_process = {}
            self._next_instance_number = self._first_instance_number
            self._extra_pack_number = 0
            for extension in self.extensions.values():
                extension.reset()

    # -- authentication ------------------------------------------------------

    def authenticate(self, username, password):
        """Return the user name for valid Basic credentials, else None.

        ``user`` + password, or ``BOOMI_TOKEN.user`` + one of the user's API tokens.
        """
        if username is None or password is None:
            return None
        use_token = username.startswith(TOKEN_USER_PREFIX)
        name = username[len(TOKEN_USER_PREFIX):] if use_token else username
        for user in self.users:
            if user["username"] != name:
                continue
            candidates = user.get("api_tokens", []) if use_token else [user.get("password", "")]
            for secret in candidates:
                if hmac.compare_digest(secret.encode("utf-8"), password.encode("utf-8")):
                    return name
        return None

    # -- lookups -------------------------------------------------------------

    def get_space(self, space_id):
        """The space with that guid, or DomainError(SPACE_NOT_FOUND)."""
        space = self.spaces.get(space_id)
        if space is None:
            raise DomainError("Space %s not found" % space_id, SPACE_NOT_FOUND)
        return space

    def get_pack(self, pack_id):
        """The integration pack with that id, or DomainError(PACK_NOT_FOUND)."""
        pack = self.packs.get(pack_id)
        if pack is None or not self.pack_visible(pack):
            raise DomainError("Integration pack %s not found" % pack_id, PACK_NOT_FOUND)
        return pack

    def pack_visible(self, pack):
        """Seeded packs: always.  A released publisher pack (publisher.py): its publisher, and the accounts of
        the account groups it is shared with (AccountGroupIntegrationPack)."""
        owner = pack.get("publisherAccountId")
        if owner is None or owner == self.account_id:
            return True
        registry = getattr(self, "account_registry", None)
        if registry is None:
            return False
        return any(share["integrationPackId"] == pack["id"] and self.account_id in registry.groups[share["accountGroupId"]]["members"]
                   for share in registry.shares.values())

    def visible_packs(self):
        """The catalogue this account sees, in catalogue order."""
        return [pack for pack in self.packs.values() if self.pack_visible(pack)]

    def get_instance(self, instance_id):
        """The instance with that id, or DomainError(INSTANCE_NOT_FOUND)."""
        instance = self.instances.get(instance_id)
        if instance is None:
            raise DomainError("Integration pack instance %s not found" % instance_id, INSTANCE_NOT_FOUND)
        return instance

    def get_environment(self, environment_id):
        """The environment with that id, or DomainError(ENVIRONMENT_NOT_FOUND)."""
        env = self.environments.get(environment_id)
        if env is None:
            raise DomainError("Environment %s not found" % environment_id, ENVIRONMENT_NOT_FOUND)
        return env

    def get_attachment(self, attachment_id):
        """The environment attachment with that id, or DomainError(ATTACHMENT_NOT_FOUND)."""
        attachment = self.attachments.get(attachment_id)
        if attachment is None:
            raise DomainError("Integration pack environment attachment %s not found" % attachment_id, ATTACHMENT_NOT_FOUND)
        return attachment

    def get_schedule(self, schedule_id):
        """The ProcessSchedules record with that id, or DomainError(SCHEDULE_NOT_FOUND)."""
        record = self.schedules.get(schedule_id)
        if record is None:
            raise DomainError("ProcessSchedules %s not found" % schedule_id, SCHEDULE_NOT_FOUND)
        return record

    def pack_shared_with(self, space_id, pack_id):
        """True when the pack is shared with the space."""
        space = self.spaces.get(space_id)
        if space is None:
            return False
        if pack_id in space["sharedIntegrationPackIds"]:
            return True
        # A released publisher pack is in a space once it is shared with the space's account group.
        pack = self.packs.get(pack_id)
        registry = getattr(self, "account_registry", None)
        group_id = (space.get("accountGroup") or {}).get("id")
        if pack is None or not pack.get("publisherAccountId") or registry is None or not group_id:
            return False
        return any(share["integrationPackId"] == pack_id and share["accountGroupId"] == group_id for share in registry.shares.values())

    def shared_packs(self, space_id):
        """Packs shared with the space, in catalogue order."""
        space = self.get_space(space_id)
        listed = [self.packs[pack_id] for pack_id in space["sharedIntegrationPackIds"] if pack_id in self.packs]
        return listed + [pack for pack in self.packs.values() if pack not in listed and self.pack_shared_with(space_id, pack["id"])]

    def instance_visible_in(self, space_id, instance):
        """An instance is visible in a space when its pack is shared with the space."""
        return self.pack_shared_with(space_id, instance["integrationPackId"])

    def instances_in_space(self, space_id):
        """Instances of packs shared with the space, in install order."""
        self.get_space(space_id)
        return [inst for inst in self.instances.values() if self.instance_visible_in(space_id, inst)]

    def attachments_of_environment(self, environment_id):
        """Attachments of one environment, in attach order."""
        return [att for att in self.attachments.values() if att["environmentId"] == environment_id]

    def schedules_of_process(self, process_id):
        """ProcessSchedules records of one process, in creation order."""
        return [self.schedules[schedule_id] for schedule_id in self._schedule_ids_by_process.get(process_id, [])]

    def all_processes(self):
        """(instance, process) pairs of every installed instance."""
        return [(inst, proc) for inst in self.instances.values() for proc in inst["processes"]]

    def environment_atom_attachments(self):
        """Synthetic EnvironmentAtomAttachment records derived from the seed."""
        result = []
        for env in self.environments.values():
            for atom in env.get("atoms", []):
                result.append({"id": environment_atom_attachment_id_for(atom["id"], env["id"]), "atomId": atom["id"], "environmentId": env["id"]})
        return result

    # -- writes --------------------------------------------------------------

    def _check_override_name(self, pack, override_name):
        if override_name is not None and not isinstance(override_name, str):
            raise DomainError("integrationPackOverrideName must be a string")
        if pack["installationType"] == "SINGLE":
            if override_name:
                raise DomainError(
                    "integrationPackOverrideName can only be set for multi-install integration packs; "
                    "%s (%s) is a single-install pack" % (pack["name"], pack["id"]))
            if any(inst["integrationPackId"] == pack["id"] for inst in self.instances.values()):
                raise DomainError("Integration pack %s (%s) is a single-install pack and is already installed" % (pack["name"], pack["id"]))
            return None
        if not override_name:
            raise DomainError("integrationPackOverrideName is required to install the multi-install integration pack %s (%s)" % (pack["name"], pack["id"]))
        if len(override_name) > MAX_OVERRIDE_NAME_LENGTH:
            raise DomainError("integrationPackOverrideName is longer than %d characters" % MAX_OVERRIDE_NAME_LENGTH)
        for inst in self.instances.values():
            if inst["integrationPackId"] == pack["id"] and inst["integrationPackOverrideName"] == override_name:
                raise DomainError("An instance named %s of integration pack %s already exists (%s)" % (json.dumps(override_name), pack["name"], inst["id"]))
        return override_name

    @staticmethod
    def _new_process(pack, proc, override_name):
        if pack["installationType"] == "SINGLE":
            entry = {"id": proc["id"], "originalProcessId": proc["id"], "wrapperProcessId": None, "name": proc["name"]}
        else:
            wrapper = str(uuid.uuid4())
            entry = {"id": wrapper, "originalProcessId": proc["id"], "wrapperProcessId": wrapper, "name": "%s - %s" % (override_name, proc["name"])}
        if "version" in proc:  # processes of released publisher packs (publisher.py) carry their packaged version
            entry["version"] = proc["version"]
        return entry

    def _create_instance(self, pack, override_name):
        instance_id = instance_id_for(self._next_instance_number)
        self._next_instance_number += 1
        processes = []
        for proc in pack["processes"]:
            processes.append(self._new_process(pack, proc, override_name))
        instance = {
            "id": instance_id,
            "integrationPackId": pack["id"],
            "integrationPackOverrideName": override_name,
            "processes": processes,
        }
        self.instances[instance_id] = instance
        return instance

    def install(self, pack_id, override_name=None, space_id=None):
        """Install a pack.  With ``space_id`` the pack must be shared with that space."""
        with self.lock:
            if not isinstance(pack_id, str) or not pack_id:
                raise DomainError("integrationPackId is required")
            pack = self.get_pack(pack_id)
            if space_id is not None:
                self.get_space(space_id)
                if not self.pack_shared_with(space_id, pack_id):
                    raise DomainError("Integration pack %s is not shared with space %s" % (pack_id, space_id), PACK_NOT_FOUND)
            override_name = self._check_override_name(pack, override_name)
            return self._create_instance(pack, override_name)

    def uninstall(self, instance_id):
        """Remove an instance with its attachments and their schedule records."""
        with self.lock:
            instance = self.get_instance(instance_id)
            for attachment in [att for att in self.attachments.values() if att["integrationPackInstanceId"] == instance_id]:
                self._remove_attachment(attachment)
            for attachment in [att for att in self.atom_attachments.values() if att["integrationPackInstanceId"] == instance_id]:
                self._remove_attachment(attachment, self.atom_attachments)
            del self.instances[instance_id]
            return instance

    def attach(self, instance_id, environment_ids):
        """Attach an instance to environments; all or nothing.  Returns the new attachments."""
        with self.lock:
            instance = self.get_instance(instance_id)
            if not self.uses_environments:
                raise DomainError("Account %s does not use environments: attach integration pack instance %s to a Runtime "
                                  "(IntegrationPackAtomAttachment) instead" % (self.account_id, instance_id))
            if not isinstance(environment_ids, list) or not environment_ids:
                raise DomainError("At least one environment id is required")
            seen = set()
            for env_id in environment_ids:
                self.get_environment(env_id)
                if env_id in seen:
                    raise DomainError("Environment %s is listed more than once" % env_id)
                seen.add(env_id)
                if attachment_id_for(instance_id, env_id) in self.attachments:
                    raise DomainError("Integration pack instance %s is already attached to environment %s" % (instance_id, env_id))
            created = []
            for env_id in environment_ids:
                env = self.environments[env_id]
                attachment = {"id": attachment_id_for(instance_id, env_id), "integrationPackInstanceId": instance_id, "environmentId": env_id,
                              "scheduleIds": []}
                for proc in instance["processes"]:
                    for atom in env.get("atoms", []):
                        self._add_schedule_record(attachment, proc, atom["id"], env_id)
                self.attachments[attachment["id"]] = attachment
                created.append(attachment)
            return created

    def _add_schedule_record(self, attachment, proc, atom_id, env_id):
        record = {
            "id": schedule_id_for(atom_id, proc["id"]),
            "processId": proc["id"],
            "atomId": atom_id,
            "envId": env_id,
            "attachmentId": attachment["id"],
            "integrationPackInstanceId": attachment["integrationPackInstanceId"],
            "Schedule": [],
            "Retry": {"Schedule": [], "maxRetry": DEFAULT_MAX_RETRY},
            "enabled": True,  # its ProcessScheduleStatus (schedule_status.py)
        }
        self.schedules[record["id"]] = record
        self._schedule_ids_by_process.setdefault(proc["id"], []).append(record["id"])
        attachment["scheduleIds"].append(record["id"])

    def _remove_schedule_record(self, schedule_id):
        record = self.schedules.pop(schedule_id, None)
        if record is not None:
            siblings = self._schedule_ids_by_process.get(record["processId"], [])
            if schedule_id in siblings:
                siblings.remove(schedule_id)
            if not siblings:
                self._schedule_ids_by_process.pop(record["processId"], None)

    def _remove_attachment(self, attachment, store=None):
        for schedule_id in attachment["scheduleIds"]:
            self._remove_schedule_record(schedule_id)
        del (self.attachments if store is None else store)[attachment["id"]]

    # -- IntegrationPackAtomAttachment (accounts without environments) ---------

    def get_atom_attachment(self, attachment_id):
        """The Atom attachment with that id, or DomainError(ATTACHMENT_NOT_FOUND)."""
        attachment = self.atom_attachments.get(attachment_id)
        if attachment is None:
            raise DomainError("Integration pack Atom attachment %s not found" % attachment_id, ATTACHMENT_NOT_FOUND)
        return attachment

    def attach_atom(self, instance_id, atom_id):
        """Attach an instance to a Runtime directly (an account without environments); one schedule record per process."""
        with self.lock:
            for key, value in (("integrationPackInstanceId", instance_id), ("atomId", atom_id)):
                if not isinstance(value, str) or not value:
                    raise DomainError("%s is required" % key)
            instance = self.instances.get(instance_id)
            if instance is None:
                raise DomainError("Invalid integrationPackInstanceId: integration pack instance %s not found" % instance_id)
            if atom_id not in self.atom_environment:
                raise DomainError("Invalid atomId: no Runtime %s in account %s" % (atom_id, self.account_id))
            if self.uses_environments:
                raise DomainError("Account %s uses environments: attach integration pack instance %s to an environment "
                                  "(IntegrationPackEnvironmentAttachment) instead of Runtime %s" % (self.account_id, instance_id, atom_id))
            attachment_id = atom_attachment_id_for(instance_id, atom_id)
            if attachment_id in self.atom_attachments:
                raise DomainError("Integration pack instance %s is already attached to Runtime %s" % (instance_id, atom_id))
            attachment = {"id": attachment_id, "integrationPackInstanceId": instance_id, "atomId": atom_id, "scheduleIds": []}
            for proc in instance["processes"]:
                self._add_schedule_record(attachment, proc, atom_id, None)
            self.atom_attachments[attachment_id] = attachment
            return attachment

    def detach_atom(self, attachment_id):
        """Delete an Atom attachment and its schedule records."""
        with self.lock:
            attachment = self.get_atom_attachment(attachment_id)
            self._remove_attachment(attachment, self.atom_attachments)
            return attachment

    # -- releases of publisher packs (publisher.py) ----------------------------

    def sync_instances(self, pack):
        """Give every instance of ``pack`` the pack's processes (a release): new processes are added (with schedule
        records on the Atoms the instance is attached to), removed ones go, kept ones take the new name and version."""
        with self.lock:
            wanted = {proc["id"]: proc for proc in pack["processes"]}
            for instance in [inst for inst in self.instances.values() if inst["integrationPackId"] == pack["id"]]:
                attachments = [att for att in list(self.attachments.values()) + list(self.atom_attachments.values())
                               if att["integrationPackInstanceId"] == instance["id"]]
                kept = []
                for entry in instance["processes"]:
                    proc = wanted.get(entry["originalProcessId"])
                    if proc is None:
                        for attachment in attachments:
                            for schedule_id in [sid for sid in attachment["scheduleIds"] if self.schedules.get(sid, {}).get("processId") == entry["id"]]:
                                attachment["scheduleIds"].remove(schedule_id)
                                self._remove_schedule_record(schedule_id)
                        continue
                    entry["name"] = proc["name"] if entry["wrapperProcessId"] is None else "%s - %s" % (instance["integrationPackOverrideName"], proc["name"])
                    if "version" in proc:
                        entry["version"] = proc["version"]
                    kept.append(entry)
                have = {entry["originalProcessId"] for entry in kept}
                for proc in pack["processes"]:
                    if proc["id"] in have:
                        continue
                    entry = self._new_process(pack, proc, instance["integrationPackOverrideName"])
                    kept.append(entry)
                    for attachment in attachments:
                        if "environmentId" in attachment:
                            for atom in self.environments[attachment["environmentId"]].get("atoms", []):
                                self._add_schedule_record(attachment, entry, atom["id"], attachment["environmentId"])
                        else:
                            self._add_schedule_record(attachment, entry, attachment["atomId"], None)
                order = {proc["id"]: index for index, proc in enumerate(pack["processes"])}
                instance["processes"] = sorted(kept, key=lambda entry: order[entry["originalProcessId"]])

    def detach(self, attachment_id):
        """Delete an attachment and the schedule records it created."""
        with self.lock:
            attachment = self.get_attachment(attachment_id)
            self._remove_attachment(attachment)
            return attachment

    def update_schedule(self, schedule_id, body):
        """Full replace of a ProcessSchedules record's Schedule and Retry."""
        with self.lock:
            record = self.get_schedule(schedule_id)
            schedule, retry = parse_process_schedules_body(record, body)
            record["Schedule"] = schedule
            record["Retry"] = retry
            return record

    # -- bulk helpers for tests and benchmarks -------------------------------

    def bulk_install(self, pack_id, count, prefix):
        """Install ``count`` instances of a MULTI pack named ``prefix-00001`` ... quickly."""
        with self.lock:
            pack = self.get_pack(pack_id)
            if pack["installationType"] != "MULTI":
                raise DomainError("bulk_install needs a multi-install integration pack; %s is %s" % (pack_id, pack["installationType"]))
            if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                raise DomainError("count must be a non-negative integer")
            if not isinstance(prefix, str) or not prefix:
                raise DomainError("prefix must be a non-empty string")
            taken = {inst["integrationPackOverrideName"] for inst in self.instances.values() if inst["integrationPackId"] == pack_id}
            names = ["%s-%05d" % (prefix, number) for number in range(1, count + 1)]
            clashes = [name for name in names if name in taken]
            if clashes:
                raise DomainError("Instance name %s already exists for pack %s" % (clashes[0], pack_id))
            return [self._create_instance(pack, name) for name in names]

    def add_packs(self, count, installation_type, prefix):
        """Add ``count`` packs with two processes each, shared with every space."""
        with self.lock:
            if installation_type not in ("SINGLE", "MULTI"):
                raise DomainError("installation_type must be SINGLE or MULTI")
            if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                raise DomainError("count must be a non-negative integer")
            if not isinstance(prefix, str) or not prefix:
                raise DomainError("prefix must be a non-empty string")
            created = []
            for _index in range(count):
                self._extra_pack_number += 1
                pack = {
                    "id": str(uuid.uuid4()),
                    "name": "%s %03d" % (prefix, self._extra_pack_number),
                    "description": "Generated %s pack %d" % (installation_type, self._extra_pack_number),
                    "installationType": installation_type,
                    "processes": [{"id": str(uuid.uuid4()), "name": "Process A"}, {"id": str(uuid.uuid4()), "name": "Process B"}],
                }
                self.packs[pack["id"]] = pack
                for space in self.spaces.values():
                    space["sharedIntegrationPackIds"].append(pack["id"])
                created.append(pack)
            return created

    # -- inspection ----------------------------------------------------------

    def dump(self):
        """A JSON-able snapshot of what the tests changed (and the pack list)."""
        with self.lock:
            instances = []
            for inst in self.instances.values():
                pack = self.packs.get(inst["integrationPackId"], {})
                instances.append({
                    "id": inst["id"],
                    "integrationPackId": inst["integrationPackId"],
                    "integrationPackName": pack.get("name"),
                    "installationType": pack.get("installationType"),
                    "integrationPackOverrideName": inst["integrationPackOverrideName"],
                    "processes": copy.deepcopy(inst["processes"]),
                })
            attachments = [{key: att[key] for key in ("id", "integrationPackInstanceId", "environmentId", "scheduleIds")} for att in self.attachments.values()]
            attachments = copy.deepcopy(attachments)
            atom_attachments = copy.deepcopy(list(self.atom_attachments.values()))
            schedules = copy.deepcopy(list(self.schedules.values()))
            packs = [{"id": pack["id"], "name": pack["name"], "installationType": pack["installationType"],
                      "sharedWith": [sid for sid, space in self.spaces.items() if pack["id"] in space["sharedIntegrationPackIds"]]}
                     for pack in self.packs.values()]
            return {"account_id": self.account_id, "packs": packs, "instances": instances, "attachments": attachments,
                    "atom_attachments": atom_attachments, "uses_environments": self.uses_environments, "schedules": schedules}

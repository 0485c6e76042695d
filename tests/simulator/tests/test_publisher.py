"""The publisher's side (issue 27): PackagedComponent, PublisherIntegrationPack, ReleaseIntegrationPack(Status),
the release timeline on the simulator's clock, subscribers seeing released packs, lost answers of every write."""

import datetime

import pytest
import requests

from partner_helpers import PARTNER, partner, partner_ok

SYNC = "5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21"  # "Ticket Sync", process, revision 3
ESCALATION = "8c2e4a6f-1b3d-4f5e-a7c9-0d2e4f6a8b31"  # "Ticket Escalation", process, revision 2
ARCHIVE = "e1f3a5c7-9b2d-4e6f-8a1c-3e5f7a9c1d41"  # "Ticket Archive", process, revision 1
CERTIFICATE = "9a7c5e3b-1d2f-4a6b-8c0e-2f4a6c8e0b61"  # "Helpdesk Certificate", certificate
GROUP = "acme-group-0001"  # the account group of the seeded space
START = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.timezone.utc).timestamp()


class Clock:
    """A fake simulator clock (``sim.executions.clock``): no real sleeps."""

    def __init__(self, sim):
        self.now = START
        sim.executions.clock = lambda: self.now

    def advance(self, seconds):
        """Move time on."""
        self.now += seconds


@pytest.fixture
def clock(sim):
    """The fake clock, and releases that take 60 simulated seconds."""
    sim.set_release_config(release_time=60)
    return Clock(sim)


def package(api, component_id, version=None, **extra):
    body = dict({"componentId": component_id}, **extra)
    if version is not None:
        body["packageVersion"] = version
    return api.rest_ok("POST", "PackagedComponent", body)


def components(*items):
    return {"PublisherPackagedComponent": [item if isinstance(item, dict) else {"componentId": item} for item in items]}


def new_pack(api, name="Helpdesk", installation_type="MULTI", items=(SYNC,)):
    return api.rest_ok("POST", "PublisherIntegrationPack", {"name": name, "Description": "Helpdesk tickets", "installationType": installation_type,
                                                            "PublisherPackagedComponents": components(*items)})


def entries(pack):
    return {item["componentId"]: item for item in pack["PublisherPackagedComponents"]["PublisherPackagedComponent"]}


def release(api, pack_id, schedule="IMMEDIATELY", **extra):
    return api.rest_ok("POST", "ReleaseIntegrationPack", dict({"id": pack_id, "releaseSchedule": schedule}, **extra))


def status(api, reference):
    return api.rest("GET", "ReleaseIntegrationPackStatus/" + reference)


def released_pack(api, clock, installation_type="MULTI", items=(SYNC,)):
    """A pack with one released version (1.0 of each component)."""
    for component_id in items:
        package(api, component_id, "1.0")
    pack = new_pack(api, installation_type=installation_type, items=items)
    release(api, pack["id"])
    clock.advance(61)
    assert status(api, pack["id"]).status_code == 200
    return pack


# -- PackagedComponent ---------------------------------------------------------------------------------------------


def test_seeded_components_are_listed_by_the_admin_api(api):
    dump = api.admin("GET", "publisher").json()
    assert [(c["name"], c["type"], c["revision"]) for c in dump["components"]][:3] == [
        ("Ticket Sync", "process", 3), ("Ticket Escalation", "process", 2), ("Ticket Archive", "process", 1)]
    assert dump["packagedComponents"] == [] and dump["packs"] == [] and dump["releases"] == []
    bumped = api.admin("POST", "publisher/components/%s/revision" % ARCHIVE).json()["component"]
    assert bumped["revision"] == 2
    assert api.admin("POST", "publisher/components/nope/revision").status_code == 404


def test_package_create_get_query_and_bulk(api):
    first = package(api, SYNC, "1.0", notes="First cut")
    assert {key: first[key] for key in ("@type", "packageVersion", "componentId", "componentVersion", "componentType", "notes", "shareable", "deleted")} == {
        "@type": "PackagedComponent", "packageVersion": "1.0", "componentId": SYNC, "componentVersion": 3, "componentType": "process",
        "notes": "First cut", "shareable": True, "deleted": False}
    assert first["createdBy"] == api.username and first["createdDate"].endswith("Z")
    automatic = package(api, ESCALATION)  # no packageVersion: from the revision number
    assert (automatic["packageVersion"], automatic["componentVersion"]) == ("2.0", 2) and "notes" not in automatic
    older = package(api, SYNC, "0.9", componentVersion="2.0")  # a given revision, as the SPEC's examples write it
    assert older["componentVersion"] == 2
    assert api.rest_ok("GET", "PackagedComponent/" + first["packageId"]) == first
    assert api.rest("GET", "PackagedComponent/nope").status_code == 404
    by_component = api.query("PackagedComponent", {"property": "componentId", "operator": "EQUALS", "argument": [SYNC]})
    assert [item["packageVersion"] for item in by_component["result"]] == ["1.0", "0.9"]
    between = api.query("PackagedComponent", {"property": "createdDate", "operator": "BETWEEN", "argument": ["2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z"]})
    assert between["numberOfResults"] == 3
    bulk = api.rest_ok("POST", "PackagedComponent/bulk", {"type": "GET", "request": [{"id": first["packageId"]}, {"id": "nope"}]})
    assert [(item["statusCode"], "Result" in item) for item in bulk["response"]] == [(200, True), (400, False)]


def test_package_version_is_the_key_and_cannot_be_changed(api):
    first = package(api, SYNC, "1.0", notes="n")
    again = api.rest("POST", "PackagedComponent", {"componentId": SYNC, "packageVersion": "1.0", "notes": "other"})
    assert again.status_code == 400 and "1.0 already exists" in again.json()["message"] and first["packageId"] in again.json()["message"]
    # no UPDATE: packageVersion and notes cannot change after creation
    assert api.rest("POST", "PackagedComponent/" + first["packageId"], {"notes": "changed"}).status_code == 410


@pytest.mark.parametrize("body, message", [
    ({"componentId": "no-such-component"}, "Invalid componentId"),
    ({}, "componentId is required"),
    ({"componentId": SYNC, "componentVersion": 9}, "revisions 1 to 3"),
    ({"componentId": SYNC, "surprise": 1}, "surprise"),
])
def test_package_create_errors(api, body, message):
    answer = api.rest("POST", "PackagedComponent", body)
    assert answer.status_code == 400 and message in answer.json()["message"], answer.text


def test_delete_restore_and_delete_while_in_use(api):
    old = package(api, ESCALATION, "1.0")
    assert api.rest_ok("DELETE", "PackagedComponent/" + old["packageId"]) is True
    assert api.rest_ok("GET", "PackagedComponent/" + old["packageId"])["deleted"] is True
    assert api.query("PackagedComponent", {"property": "deleted", "operator": "EQUALS", "argument": ["true"]})["numberOfResults"] == 1
    # the same packageVersion again, without packageId: refused, naming the restore
    again = api.rest("POST", "PackagedComponent", {"componentId": ESCALATION, "packageVersion": "1.0"})
    assert again.status_code == 400 and "restore it with packageId" in again.json()["message"]
    restored = package(api, ESCALATION, "1.0", packageId=old["packageId"])
    assert (restored["packageId"], restored["deleted"]) == (old["packageId"], False)
    assert api.rest("POST", "PackagedComponent", {"componentId": ESCALATION, "packageVersion": "1.0", "packageId": old["packageId"]}).status_code == 400
    new_pack(api, items=(ESCALATION,))
    in_use = api.rest("DELETE", "PackagedComponent/" + old["packageId"])
    assert in_use.status_code == 400 and "is in use by integration pack Helpdesk" in in_use.json()["message"]
    assert api.rest("DELETE", "PackagedComponent/nope").status_code == 404


# -- PublisherIntegrationPack --------------------------------------------------------------------------------------


def test_pack_create_get_query_bulk(api):
    package(api, SYNC, "1.0")
    package(api, SYNC, "1.1")
    pack = new_pack(api)
    assert (pack["name"], pack["Description"], pack["installationType"]) == ("Helpdesk", "Helpdesk tickets", "MULTI")
    assert entries(pack)[SYNC] == {"@type": "PublisherPackagedComponent", "componentId": SYNC, "componentName": "Ticket Sync", "componentType": "process",
                                   "currentVersion": "", "pendingVersion": "1.1", "deleted": False, "latestVersion": "1.1"}
    lower = api.rest_ok("POST", "PublisherIntegrationPack", {"name": "Plain", "description": "MCP spelling", "installationType": "SINGLE"})
    assert lower["Description"] == "MCP spelling" and entries(lower) == {}
    assert api.rest_ok("GET", "PublisherIntegrationPack/" + pack["id"]) == pack
    assert api.rest("GET", "PublisherIntegrationPack/nope").status_code == 404
    singles = api.query("PublisherIntegrationPack", {"property": "installationType", "operator": "EQUALS", "argument": ["SINGLE"]})
    assert [item["name"] for item in singles["result"]] == ["Plain"]
    bulk = api.rest_ok("POST", "PublisherIntegrationPack/bulk", {"type": "GET", "request": [{"id": pack["id"]}, {"id": "not_a_real_package_id"}]})
    assert bulk["response"][1] == {"@type": "BulkResponse", "index": 1, "id": "not_a_real_package_id", "statusCode": 400,
                                   "errorMessage": "Integration pack ID not_a_real_package_id is invalid. "
                                                   "Provide a valid integration pack ID to complete this action."}


@pytest.mark.parametrize("body, message", [
    ({"name": "X", "installationType": "BOTH"}, "installationType must be SINGLE or MULTI"),
    ({"installationType": "SINGLE"}, "name is required"),
    ({"name": "X", "installationType": "SINGLE", "PublisherPackagedComponents": components("no-such-component")}, "Invalid componentId"),
    ({"name": "X", "installationType": "SINGLE", "PublisherPackagedComponents": components(ARCHIVE)}, "has no packaged component"),
    ({"name": "X", "installationType": "SINGLE", "PublisherPackagedComponents": components(CERTIFICATE)}, "is a certificate"),
])
def test_pack_create_errors(api, body, message):
    answer = api.rest("POST", "PublisherIntegrationPack", body)
    assert answer.status_code == 400 and message in answer.json()["message"], answer.text


def test_update_carries_every_component_and_keeps_the_type(api, clock):
    for component_id in (SYNC, ESCALATION):
        package(api, component_id, "1.0")
    pack = new_pack(api, items=(SYNC, ESCALATION))
    path = "PublisherIntegrationPack/" + pack["id"]
    # an update that leaves ESCALATION out deletes it (never released: it just goes)
    updated = api.rest_ok("POST", path, {"operationType": "ADD", "Description": "new", "PublisherPackagedComponents": components(SYNC)})
    assert list(entries(updated)) == [SYNC] and updated["Description"] == "new"
    release(api, pack["id"])
    clock.advance(61)
    # leaving out a released component marks it deleted: removed in the next release
    emptied = api.rest_ok("POST", path, {"operationType": "ADD"})
    assert entries(emptied)[SYNC]["deleted"] is True and entries(emptied)[SYNC]["currentVersion"] == "1.0"
    back = api.rest_ok("POST", path, {"operationType": "ADD", "PublisherPackagedComponents": components(SYNC, ESCALATION)})
    assert entries(back)[SYNC]["deleted"] is False and entries(back)[ESCALATION]["pendingVersion"] == "1.0"
    removed = api.rest_ok("POST", path, {"operationType": "DELETE", "PublisherPackagedComponents": components(ESCALATION)})
    assert list(entries(removed)) == [SYNC]
    for body, message in (({"operationType": "ADD", "installationType": "SINGLE"}, "cannot be changed to \"SINGLE\""),
                          ({"operationType": "ADD", "name": "Renamed", "PublisherPackagedComponents": components(SYNC)}, "cannot be changed"),
                          ({"PublisherPackagedComponents": components(SYNC)}, "operationType is required"),
                          ({"operationType": "ADD", "PublisherPackagedComponents": components("nope")}, "Invalid componentId"),
                          ({"operationType": "ADD", "PublisherPackagedComponents": components({"componentId": SYNC, "pendingVersion": "7.0"})},
                           "no packaged version 7.0")):
        answer = api.rest("POST", path, body)
        assert answer.status_code == 400 and message in answer.json()["message"], (body, answer.text)
    assert api.rest_ok("GET", path) == removed  # refused updates changed nothing
    assert api.rest("POST", "PublisherIntegrationPack/nope", {"operationType": "ADD"}).status_code == 404


def test_single_packs_can_be_renamed(api):
    package(api, SYNC, "1.0")
    pack = new_pack(api, installation_type="SINGLE")
    renamed = api.rest_ok("POST", "PublisherIntegrationPack/" + pack["id"],
                          {"operationType": "ADD", "name": "Helpdesk Sync", "PublisherPackagedComponents": components(SYNC)})
    assert renamed["name"] == "Helpdesk Sync" and list(entries(renamed)) == [SYNC]


# -- releases --------------------------------------------------------------------------------------------------------


def test_immediate_release_timeline(api, clock):
    package(api, SYNC, "1.0")
    pack = new_pack(api)
    answer = release(api, pack["id"], name="Helpdesk", installationType="MULTI",
                     ReleasePackagedComponents={"ReleasePackagedComponent": [{"componentId": SYNC, "version": "1.0"}]})
    assert answer["requestId"].startswith("release-") and answer["id"] == pack["id"]
    assert answer["releaseStatusUrl"] == "%s/api/rest/v1/%s/ReleaseIntegrationPackStatus/%s" % (api.url, api.account_id, answer["requestId"])
    assert answer["ReleasePackagedComponents"]["ReleasePackagedComponent"] == [
        {"@type": "ReleasePackagedComponent", "componentId": SYNC, "version": "1.0"}]
    running = status(api, answer["requestId"])
    assert running.status_code == 202
    assert (running.json()["releaseStatus"], running.json()["responseStatusCode"]) == ("IN_PROGRESS", 202)
    assert api.rest("GET", "IntegrationPack/" + pack["id"]).status_code == 404  # not released yet
    again = api.rest("POST", "ReleaseIntegrationPack", {"id": pack["id"], "releaseSchedule": "IMMEDIATELY"})
    assert again.status_code == 400 and "running release" in again.json()["message"]
    clock.advance(59)
    assert status(api, answer["requestId"]).status_code == 202
    clock.advance(2)
    done = status(api, answer["requestId"])
    assert done.status_code == 200 and (done.json()["releaseStatus"], done.json()["responseStatusCode"]) == ("SUCCESS", 200)
    assert status(api, pack["id"]).json()["requestId"] == answer["requestId"]  # the pack id works too
    assert api.rest_ok("GET", "IntegrationPack/" + pack["id"])["name"] == "Helpdesk"
    after = entries(api.rest_ok("GET", "PublisherIntegrationPack/" + pack["id"]))[SYNC]
    assert (after["currentVersion"], after["pendingVersion"]) == ("1.0", "")
    same = api.rest("POST", "ReleaseIntegrationPack", {"id": pack["id"], "releaseSchedule": "IMMEDIATELY"})
    assert same.status_code == 400 and "Nothing to release" in same.json()["message"]
    assert status(api, "release-nope").status_code == 404


def test_in_progress_spelling_and_release_status_in_bodies(api, clock):
    package(api, SYNC, "1.0")
    pack = new_pack(api)
    api.sim.set_release_config(in_progress_spelling="INPROGRESS")
    answer = release(api, pack["id"], releaseStatus="INPROGRESS")  # what a client read back is accepted
    assert status(api, answer["requestId"]).json()["releaseStatus"] == "INPROGRESS"
    assert api.admin("POST", "publisher/config", {"in_progress_spelling": "IN_PROGRESS"}).status_code == 200
    assert status(api, answer["requestId"]).json()["releaseStatus"] == "IN_PROGRESS"
    assert api.admin("POST", "publisher/config", {"in_progress_spelling": "RUNNING"}).status_code == 400
    bad = api.rest("POST", "ReleaseIntegrationPack", {"id": pack["id"], "releaseSchedule": "IMMEDIATELY", "releaseStatus": "RUNNING"})
    assert bad.status_code == 400


def test_scheduled_release_and_its_update(api, clock):
    package(api, SYNC, "1.0")
    package(api, SYNC, "1.1")
    pack = new_pack(api)
    past = api.rest("POST", "ReleaseIntegrationPack", {"id": pack["id"], "releaseSchedule": "RELEASE_ON_SPECIFIED_DATE", "releaseOnDate": "2026-03-10"})
    assert past.status_code == 400 and "future date" in past.json()["message"]
    missing = api.rest("POST", "ReleaseIntegrationPack", {"id": pack["id"], "releaseSchedule": "RELEASE_ON_SPECIFIED_DATE"})
    assert missing.status_code == 400 and "releaseOnDate" in missing.json()["message"]
    assert api.rest("POST", "ReleaseIntegrationPack/" + pack["id"], {"releaseSchedule": "IMMEDIATELY"}).status_code == 400  # nothing scheduled
    answer = release(api, pack["id"], "RELEASE_ON_SPECIFIED_DATE", releaseOnDate="2026-03-11",
                     ReleasePackagedComponents={"ReleasePackagedComponent": {"componentId": SYNC, "version": "1.0"}})
    scheduled = status(api, answer["requestId"])
    assert scheduled.status_code == 202 and scheduled.json()["releaseStatus"] == "SCHEDULED" and scheduled.json()["releaseOnDate"] == "2026-03-11"
    assert entries(api.rest_ok("GET", "PublisherIntegrationPack/" + pack["id"]))[SYNC]["pendingVersion"] == "1.0"
    again = api.rest("POST", "ReleaseIntegrationPack", {"id": pack["id"], "releaseSchedule": "IMMEDIATELY"})
    assert again.status_code == 400 and "POST /ReleaseIntegrationPack/" in again.json()["message"]
    moved = api.rest_ok("POST", "ReleaseIntegrationPack/" + pack["id"], {
        "id": pack["id"], "releaseSchedule": "RELEASE_ON_SPECIFIED_DATE", "releaseOnDate": "2026-03-12",
        "ReleasePackagedComponents": {"ReleasePackagedComponent": [{"componentId": SYNC, "version": "1.1"}]}})
    assert (moved["requestId"], moved["releaseOnDate"]) == (answer["requestId"], "2026-03-12")
    assert api.rest_ok("POST", "ReleaseIntegrationPack/" + answer["requestId"], {
        "releaseSchedule": "RELEASE_ON_SPECIFIED_DATE", "releaseOnDate": "2026-03-12"})["requestId"] == answer["requestId"]  # by requestId too
    clock.advance(86400)  # 2026-03-11 12:00: the old date has passed, the new one not
    assert status(api, answer["requestId"]).json()["releaseStatus"] == "SCHEDULED"
    clock.advance(12 * 3600 + 30)  # 2026-03-12 00:00:30: in progress
    assert status(api, answer["requestId"]).json()["releaseStatus"] == "IN_PROGRESS"
    too_late = api.rest("POST", "ReleaseIntegrationPack/" + pack["id"], {"releaseSchedule": "IMMEDIATELY"})
    assert too_late.status_code == 400 and "no scheduled release" in too_late.json()["message"]
    clock.advance(60)
    done = status(api, answer["requestId"])
    assert done.status_code == 200 and done.json()["ReleasePackagedComponents"]["ReleasePackagedComponent"][0]["version"] == "1.1"
    assert entries(api.rest_ok("GET", "PublisherIntegrationPack/" + pack["id"]))[SYNC]["currentVersion"] == "1.1"


def test_scheduled_release_can_become_immediate(api, clock):
    package(api, SYNC, "1.0")
    pack = new_pack(api)
    answer = release(api, pack["id"], "RELEASE_ON_SPECIFIED_DATE", releaseOnDate="2027-01-01")
    api.rest_ok("POST", "ReleaseIntegrationPack/" + pack["id"], {"releaseSchedule": "IMMEDIATELY"})
    assert status(api, answer["requestId"]).json()["releaseStatus"] == "IN_PROGRESS"
    clock.advance(61)
    assert status(api, answer["requestId"]).json()["releaseStatus"] == "SUCCESS"


def test_pack_changes_during_a_release_wait_for_the_next_one(api, clock):
    for component_id in (SYNC, ESCALATION):
        package(api, component_id, "1.0")
    pack = new_pack(api)
    answer = release(api, pack["id"], "RELEASE_ON_SPECIFIED_DATE", releaseOnDate="2026-03-11")
    api.rest_ok("POST", "PublisherIntegrationPack/" + pack["id"], {"operationType": "ADD", "PublisherPackagedComponents": components(SYNC, ESCALATION)})
    clock.advance(86400)
    assert status(api, answer["requestId"]).json()["releaseStatus"] == "SUCCESS"
    after = entries(api.rest_ok("GET", "PublisherIntegrationPack/" + pack["id"]))
    assert [(item["currentVersion"], item["pendingVersion"]) for item in after.values()] == [("1.0", ""), ("", "1.0")]
    assert [proc["name"] for proc in api.admin("GET", "state").json()["packs"] if proc["id"] == pack["id"]] == ["Helpdesk"]
    assert [proc["name"] for proc in api.sim.state.packs[pack["id"]]["processes"]] == ["Ticket Sync"]  # Escalation is not released yet
    release(api, pack["id"])
    clock.advance(61)
    assert api.sim.publisher.status_of(api.sim.publisher.get_release(pack["id"])) == "SUCCESS"  # sim.publisher applies due releases
    assert [proc["name"] for proc in api.sim.state.packs[pack["id"]]["processes"]] == ["Ticket Sync", "Ticket Escalation"]


def test_release_errors(api, clock):
    package(api, SYNC, "1.0")
    package(api, ESCALATION, "1.0")
    pack = new_pack(api)
    for body, message in (({"releaseSchedule": "IMMEDIATELY"}, "id (the integration pack id) is required"),
                          ({"id": "nope", "releaseSchedule": "IMMEDIATELY"}, "Invalid id"),
                          ({"id": pack["id"], "releaseSchedule": "SOON"}, "releaseSchedule must be"),
                          ({"id": pack["id"], "releaseSchedule": "IMMEDIATELY", "installationType": "SINGLE"}, "not \"SINGLE\""),
                          ({"id": pack["id"], "releaseSchedule": "IMMEDIATELY",
                            "ReleasePackagedComponents": {"ReleasePackagedComponent": [{"componentId": ESCALATION, "version": "1.0"}]}},
                           "is not in integration pack"),
                          ({"id": pack["id"], "releaseSchedule": "IMMEDIATELY",
                            "ReleasePackagedComponents": {"ReleasePackagedComponent": [{"componentId": SYNC, "version": "3.0"}]}}, "no packaged version 3.0")):
        answer = api.rest("POST", "ReleaseIntegrationPack", body)
        assert answer.status_code == 400 and message in answer.json()["message"], (body, answer.text)


def test_bulk_status_answers_202_and_200(api, clock):
    package(api, SYNC, "1.0")
    first = new_pack(api, "One")
    second = new_pack(api, "Two")
    done = release(api, first["id"])
    clock.advance(61)
    running = release(api, second["id"])
    request = [{"id": done["requestId"]}, {"id": running["requestId"]}, {"id": "release-nope"}]
    bulk = api.rest_ok("POST", "ReleaseIntegrationPackStatus/bulk", {"type": "GET", "request": request})
    assert [item["statusCode"] for item in bulk["response"]] == [200, 202, 400]
    assert bulk["response"][1]["Result"]["releaseStatus"] == "IN_PROGRESS"


def test_error_release_changes_nothing(api, clock):
    package(api, SYNC, "1.0")
    pack = new_pack(api)
    api.admin("POST", "publisher/outcomes", {"integration_pack_id": pack["id"], "status": "ERROR"})
    answer = release(api, pack["id"])
    clock.advance(61)
    failed = status(api, answer["requestId"])
    assert failed.status_code == 200 and failed.json()["releaseStatus"] == "ERROR"
    assert api.rest("GET", "IntegrationPack/" + pack["id"]).status_code == 404
    assert entries(api.rest_ok("GET", "PublisherIntegrationPack/" + pack["id"]))[SYNC]["currentVersion"] == ""
    api.sim.set_release_outcome(pack["id"], None)
    release(api, pack["id"])  # a new release may follow the failed one
    clock.advance(61)
    assert api.rest_ok("GET", "IntegrationPack/" + pack["id"])["installationType"] == "MULTI"


# -- subscribers -----------------------------------------------------------------------------------------------------


def test_released_pack_reaches_the_accounts_it_is_shared_with(api, clock):
    sub, other = api.sim.add_sub_accounts(2, prefix="Subscriber", groups=[])
    api.sim.accounts.group(GROUP)["members"].append(sub.account_id)
    pack = released_pack(api, clock)
    assert api.rest_ok("GET", "IntegrationPack/" + pack["id"])["id"] == pack["id"]  # the publisher sees its own pack
    assert partner(api, "GET", "IntegrationPack/" + pack["id"], override=sub.account_id).status_code == 404  # not shared yet
    partner_ok(api, "POST", "AccountGroupIntegrationPack", {"integrationPackId": pack["id"], "accountGroupId": GROUP})
    listed = partner_ok(api, "POST", "IntegrationPack/query", {"QueryFilter": {"expression": {
        "property": "id", "operator": "EQUALS", "argument": [pack["id"]]}}}, override=sub.account_id)
    assert listed["numberOfResults"] == 1
    assert partner(api, "GET", "IntegrationPack/" + pack["id"], override=other.account_id).status_code == 404  # not in the group
    instance = partner_ok(api, "POST", "IntegrationPackInstance", {"integrationPackId": pack["id"], "integrationPackOverrideName": "EU"},
                          override=sub.account_id)
    attach = partner_ok(api, "POST", "IntegrationPackEnvironmentAttachment", {"integrationPackInstanceId": instance["id"],
                                                                              "environmentId": api.env("Production")["id"]}, override=sub.account_id)
    assert attach["environmentId"] == api.env("Production")["id"]
    # the publisher packages a new revision and a second process, and releases them
    api.sim.add_component_revision(SYNC)
    package(api, SYNC, "2.0")
    package(api, ESCALATION, "1.0")
    api.rest_ok("POST", "PublisherIntegrationPack/" + pack["id"], {"operationType": "ADD", "PublisherPackagedComponents": components(
        {"componentId": SYNC, "pendingVersion": "2.0"}, ESCALATION)})
    release(api, pack["id"])
    state = api.admin("GET", "accounts/%s/state" % sub.account_id).json()
    assert [proc["version"] for proc in state["instances"][0]["processes"]] == ["1.0"]  # still in progress
    clock.advance(61)
    state = api.admin("GET", "accounts/%s/state" % sub.account_id).json()
    processes = state["instances"][0]["processes"]
    assert [(proc["name"], proc["version"]) for proc in processes] == [("EU - Ticket Sync", "2.0"), ("EU - Ticket Escalation", "1.0")]
    assert len(state["schedules"]) == 2 * 2  # two processes x the two Production Atoms
    names = [item["name"] for item in partner_ok(api, "POST", "Process/query", {}, override=sub.account_id)["result"]]
    assert names == ["EU - Ticket Sync", "EU - Ticket Escalation"]
    # the publisher drops Ticket Sync in the next release: it leaves the instance with its schedules
    api.rest_ok("POST", "PublisherIntegrationPack/" + pack["id"], {"operationType": "DELETE", "PublisherPackagedComponents": components(SYNC)})
    release(api, pack["id"])
    clock.advance(61)
    state = api.admin("GET", "accounts/%s/state" % sub.account_id).json()
    assert [proc["name"] for proc in state["instances"][0]["processes"]] == ["EU - Ticket Escalation"] and len(state["schedules"]) == 2


def test_an_unreleased_pack_cannot_be_shared_or_installed(api, clock):
    package(api, SYNC, "1.0")
    pack = new_pack(api)
    share = api.rest("POST", "AccountGroupIntegrationPack", {"integrationPackId": pack["id"], "accountGroupId": GROUP})
    assert share.status_code == 400 and "Invalid integrationPackId" in share.json()["message"]
    install = api.rest("POST", "IntegrationPackInstance", {"integrationPackId": pack["id"], "integrationPackOverrideName": "EU"})
    assert install.status_code == 400
    release(api, pack["id"])
    clock.advance(61)
    instance = api.rest_ok("POST", "IntegrationPackInstance", {"integrationPackId": pack["id"], "integrationPackOverrideName": "EU"})
    assert [proc["name"] for proc in instance["ProcessId"]] == ["EU - Ticket Sync"]
    assert [proc["version"] for proc in api.admin("GET", "state").json()["instances"][0]["processes"]] == ["1.0"]


def test_released_pack_in_a_space_through_graphql(api, clock):
    pack = released_pack(api, clock, installation_type="SINGLE")
    install = "mutation i($input: IntegrationPackInstanceInput!) { integrationPackInstanceInstall(input: $input) { id integrationPack { name } } }"
    refused = api.gql_error(install, {"input": {"integrationPackId": pack["id"]}})
    assert refused["extensions"]["code"] == "IPACK_NOT_FOUND_IN_SPACE"
    api.rest_ok("POST", "AccountGroupIntegrationPack", {"integrationPackId": pack["id"], "accountGroupId": GROUP})
    done = api.gql_data(install, {"input": {"integrationPackId": pack["id"]}})["integrationPackInstanceInstall"]
    assert done["integrationPack"]["name"] == "Helpdesk"


def test_deleting_a_pack_uninstalls_it_everywhere(api, clock):
    (sub,) = api.sim.add_sub_accounts(1, prefix="Subscriber")
    pack = released_pack(api, clock)
    api.rest_ok("POST", "AccountGroupIntegrationPack", {"integrationPackId": pack["id"], "accountGroupId": GROUP})
    mine = api.rest_ok("POST", "IntegrationPackInstance", {"integrationPackId": pack["id"], "integrationPackOverrideName": "Mine"})
    api.attach(mine["id"], "Test")
    partner_ok(api, "POST", "IntegrationPackInstance", {"integrationPackId": pack["id"], "integrationPackOverrideName": "Theirs"}, override=sub.account_id)
    assert api.rest_ok("DELETE", "PublisherIntegrationPack/" + pack["id"]) is True
    assert api.sim.state.instances == {} and api.sim.state.schedules == {} and api.sim.account_state(sub.account_id).instances == {}
    assert api.query("AccountGroupIntegrationPack")["numberOfResults"] == 0
    assert api.rest("GET", "IntegrationPack/" + pack["id"]).status_code == 404
    assert api.rest("GET", "PublisherIntegrationPack/" + pack["id"]).status_code == 404
    assert api.rest("DELETE", "PublisherIntegrationPack/" + pack["id"]).status_code == 404


# -- lost answers: the write is applied once ---------------------------------------------------------------------------


def _lost(api, kind, method, path, body):
    api.sim.set_faults(drop_after_commit={"operation": kind})
    with pytest.raises(requests.exceptions.ConnectionError):
        api.rest(method, path, body)
    assert api.sim.log[-1]["status"] == 0 and api.sim.log[-1]["committed"] == [kind]


def test_lost_answer_of_package_applies_it_once(api):
    _lost(api, "package", "POST", "PackagedComponent", {"componentId": SYNC, "packageVersion": "1.0"})
    assert api.query("PackagedComponent")["numberOfResults"] == 1
    retry = api.rest("POST", "PackagedComponent", {"componentId": SYNC, "packageVersion": "1.0"})
    assert retry.status_code == 400 and api.query("PackagedComponent")["numberOfResults"] == 1


def test_lost_answer_of_pack_create_and_update(api):
    package(api, SYNC, "1.0")
    package(api, ESCALATION, "1.0")
    _lost(api, "ipack_create", "POST", "PublisherIntegrationPack", {"name": "Helpdesk", "installationType": "MULTI"})
    (pack,) = api.query("PublisherIntegrationPack")["result"]
    body = {"operationType": "ADD", "PublisherPackagedComponents": components(SYNC, ESCALATION)}
    _lost(api, "ipack_update", "POST", "PublisherIntegrationPack/" + pack["id"], body)
    applied = api.rest_ok("GET", "PublisherIntegrationPack/" + pack["id"])
    assert list(entries(applied)) == [SYNC, ESCALATION]
    assert api.rest_ok("POST", "PublisherIntegrationPack/" + pack["id"], body) == applied  # the same update again changes nothing


def test_lost_answer_of_release_and_its_update(api, clock):
    package(api, SYNC, "1.0")
    pack = new_pack(api)
    _lost(api, "release", "POST", "ReleaseIntegrationPack", {"id": pack["id"], "releaseSchedule": "RELEASE_ON_SPECIFIED_DATE", "releaseOnDate": "2026-04-01"})
    assert len(api.sim.publisher.releases) == 1
    assert api.rest("POST", "ReleaseIntegrationPack", {"id": pack["id"], "releaseSchedule": "IMMEDIATELY"}).status_code == 400
    assert status(api, pack["id"]).json()["releaseStatus"] == "SCHEDULED"  # found again by the pack id
    _lost(api, "release_update", "POST", "ReleaseIntegrationPack/" + pack["id"],
          {"releaseSchedule": "RELEASE_ON_SPECIFIED_DATE", "releaseOnDate": "2026-04-02"})
    again = api.rest_ok("POST", "ReleaseIntegrationPack/" + pack["id"], {"releaseSchedule": "RELEASE_ON_SPECIFIED_DATE", "releaseOnDate": "2026-04-02"})
    assert again["releaseOnDate"] == "2026-04-02" and len(api.sim.publisher.releases) == 1


def test_lost_answer_of_deletes(api):
    old = package(api, SYNC, "1.0")
    _lost(api, "package_delete", "DELETE", "PackagedComponent/" + old["packageId"], None)
    assert api.rest_ok("GET", "PackagedComponent/" + old["packageId"])["deleted"] is True
    pack = new_pack(api, items=())
    _lost(api, "ipack_delete", "DELETE", "PublisherIntegrationPack/" + pack["id"], None)
    assert api.rest("DELETE", "PublisherIntegrationPack/" + pack["id"]).status_code == 404


def test_publisher_objects_on_the_partner_path_and_a_sub_account(api):
    (sub,) = api.sim.add_sub_accounts(1, prefix="Publisher")
    assert partner_ok(api, "POST", "PackagedComponent", {"componentId": SYNC, "packageVersion": "1.0"})["componentId"] == SYNC
    assert partner_ok(api, "POST", "PackagedComponent/query", {})["numberOfResults"] == 1
    # a sub-account has no components of its own here
    refused = partner(api, "POST", "PackagedComponent", {"componentId": SYNC}, override=sub.account_id)
    assert refused.status_code == 400 and "Invalid componentId" in refused.json()["message"]
    assert partner_ok(api, "POST", "PackagedComponent/query", {}, override=sub.account_id)["numberOfResults"] == 0
    assert api.sim.accounts.partner.account_id == PARTNER

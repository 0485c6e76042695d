"""REST ProcessScheduleStatus: lifecycle with the schedule records, GET, bulk, QUERY + queryMore, UPDATE."""

import pytest
import requests

from boomisim.state import schedule_id_for

PROD_ATOMS = ["b8a19c6c-3cc5-4f92-abba-c35b6eee2fb7", "2f5c1e8e-5089-4497-aaed-689510c43fce"]
TEST_ATOM = "83af9ff8-c60c-4a8a-8b9a-c4dfdbb303f1"


def _eq(prop, value):
    return {"property": prop, "operator": "EQUALS", "argument": [value]}


def _attached(api, env="Production", override="EU"):
    inst = api.install("Order Intake", override)
    att = api.attach(inst["id"], env)
    return inst, att, [p["wrapperProcessId"] for p in inst["ProcessId"]]


def test_attach_creates_one_enabled_status_per_schedule_record(api):
    inst, _att, process_ids = _attached(api)
    statuses = api.query("ProcessScheduleStatus")
    schedules = api.query("ProcessSchedules")
    assert statuses["@type"] == "QueryResult" and statuses["numberOfResults"] == 4 and "queryToken" not in statuses
    assert [s["id"] for s in statuses["result"]] == [s["id"] for s in schedules["result"]]
    expected = [{"@type": "ProcessScheduleStatus", "enabled": True, "processId": pid, "atomId": atom, "id": schedule_id_for(atom, pid)}
                for pid in process_ids for atom in PROD_ATOMS]
    assert statuses["result"] == expected
    for status in expected:
        assert api.rest_ok("GET", "ProcessScheduleStatus/" + status["id"]) == status
    assert inst["id"]


def test_query_filters(api):
    _inst, _att, process_ids = _attached(api)
    by_process = api.query("ProcessScheduleStatus", _eq("processId", process_ids[1]))["result"]
    assert [(s["processId"], s["atomId"]) for s in by_process] == [(process_ids[1], atom) for atom in PROD_ATOMS]
    by_atom = api.query("ProcessScheduleStatus", _eq("atomId", PROD_ATOMS[1]))["result"]
    assert [(s["processId"], s["atomId"]) for s in by_atom] == [(pid, PROD_ATOMS[1]) for pid in process_ids]
    both = api.query("ProcessScheduleStatus", {"operator": "and", "nestedExpression": [_eq("atomId", PROD_ATOMS[0]), _eq("processId", process_ids[0])]})
    assert both["numberOfResults"] == 1 and both["result"][0]["id"] == schedule_id_for(PROD_ATOMS[0], process_ids[0])
    assert api.query("ProcessScheduleStatus", _eq("atomId", TEST_ATOM)) == {"@type": "QueryResult", "numberOfResults": 0, "result": []}
    answer = api.rest("POST", "ProcessScheduleStatus/query", {"QueryFilter": {"expression": _eq("enabled", "true")}})
    assert answer.status_code == 400 and "enabled" in answer.json()["message"]


def test_query_paging_and_query_more(api):
    created = api.sim.bulk_install(api.pack("Order Intake")["id"], 26, "page")
    for inst in created:
        api.sim.state.attach(inst["id"], [api.env("Production")["id"]])  # 26 x 2 processes x 2 atoms = 104
    first = api.rest_ok("POST", "ProcessScheduleStatus/query", {})
    assert first["numberOfResults"] == 100 and len(first["result"]) == 100 and first["queryToken"]
    more = api.rest("POST", "ProcessScheduleStatus/queryMore", data=first["queryToken"].encode(), headers={"Content-Type": "text/plain"})
    assert more.status_code == 200
    rest_page = more.json()
    assert rest_page["numberOfResults"] == 4 and "queryToken" not in rest_page
    ids = [s["id"] for s in first["result"] + rest_page["result"]]
    assert ids == list(api.sim.state.schedules) and len(set(ids)) == 104
    # A ProcessSchedules token is not a ProcessScheduleStatus token.
    other = api.rest_ok("POST", "ProcessSchedules/query", {})
    assert api.rest("POST", "ProcessScheduleStatus/queryMore", data=other["queryToken"].encode()).status_code == 400


def test_update_both_urls_bool_and_string_forms(api):
    _attached(api)
    status = api.query("ProcessScheduleStatus")["result"][1]
    off = api.rest_ok("POST", "ProcessScheduleStatus/" + status["id"], dict(status, enabled=False))
    assert off == dict(status, enabled=False)
    assert api.rest_ok("GET", "ProcessScheduleStatus/" + status["id"])["enabled"] is False
    body = {"processId": status["processId"], "atomId": status["atomId"], "id": status["id"], "enabled": "true"}  # CLI sends a string
    assert api.rest_ok("POST", "ProcessScheduleStatus/%s/update" % status["id"], body)["enabled"] is True
    assert api.rest_ok("POST", "ProcessScheduleStatus/%s/update" % status["id"], dict(body, enabled="FALSE"))["enabled"] is False
    others = [s for s in api.query("ProcessScheduleStatus")["result"] if s["id"] != status["id"]]
    assert all(s["enabled"] is True for s in others) and len(others) == 3
    ops = [(e["operation"], e["status"], e["write"]) for e in api.sim.log if e["operation"].startswith("ProcessScheduleStatus.update")]
    assert ops == [("ProcessScheduleStatus.update", 200, True)] * 3
    assert api.sim.counts()["committed"]["schedule_status_update"] == 3


def test_status_is_independent_of_the_schedule(api):
    _attached(api)
    status = api.query("ProcessScheduleStatus")["result"][0]
    api.rest_ok("POST", "ProcessScheduleStatus/" + status["id"], dict(status, enabled=False))
    record = api.rest_ok("GET", "ProcessSchedules/" + status["id"])
    record["Schedule"] = [{"minutes": "0", "hours": "6"}]
    api.rest_ok("POST", "ProcessSchedules/" + status["id"], record)  # full replace of the schedule keeps the status
    assert api.rest_ok("GET", "ProcessScheduleStatus/" + status["id"])["enabled"] is False
    api.rest_ok("POST", "ProcessScheduleStatus/" + status["id"], dict(status, enabled=True))
    assert api.rest_ok("GET", "ProcessSchedules/" + status["id"])["Schedule"][0]["hours"] == "6"  # and the status keeps the schedule


@pytest.mark.parametrize("change, message", [
    ({"enabled": None}, "enabled"),
    ({"enabled": "yes"}, "enabled"),
    ({"enabled": 0}, "enabled"),
    ({"atomId": TEST_ATOM}, "atomId"),
    ({"processId": "x"}, "processId"),
    ({"colour": "red"}, "colour"),
])
def test_update_refuses_bad_bodies(api, change, message):
    _attached(api)
    status = api.query("ProcessScheduleStatus")["result"][0]
    body = dict(status, **change)
    if change.get("enabled", True) is None:
        del body["enabled"]
    answer = api.rest("POST", "ProcessScheduleStatus/" + status["id"], body)
    assert answer.status_code == 400 and answer.json()["@type"] == "Error" and message in answer.json()["message"]
    assert api.rest_ok("GET", "ProcessScheduleStatus/" + status["id"])["enabled"] is True


def test_update_needs_the_ids_in_the_body(api):
    _attached(api)
    status = api.query("ProcessScheduleStatus")["result"][0]
    for key in ("id", "atomId", "processId"):
        body = dict(status, enabled=False)
        del body[key]
        answer = api.rest("POST", "ProcessScheduleStatus/" + status["id"], body)
        assert answer.status_code == 400 and key in answer.json()["message"]
    assert api.rest("POST", "ProcessScheduleStatus/" + status["id"], data=b"{not json").status_code == 400


def test_unknown_ids_and_endpoints(api):
    _attached(api)
    status = api.query("ProcessScheduleStatus")["result"][0]
    unknown = schedule_id_for(TEST_ATOM, status["processId"])
    assert api.rest("GET", "ProcessScheduleStatus/" + unknown).status_code == 404
    assert api.rest("POST", "ProcessScheduleStatus/" + unknown, dict(status, id=unknown)).status_code == 404
    assert api.rest("POST", "ProcessScheduleStatus/%s/update" % unknown, dict(status, id=unknown)).status_code == 404
    assert api.rest("DELETE", "ProcessScheduleStatus/" + status["id"]).status_code == 410
    assert api.rest("GET", "ProcessScheduleStatus/%s/update" % status["id"]).status_code == 410
    assert api.rest("POST", "ProcessScheduleStatus", dict(status)).status_code == 410
    assert api.sim.log[-1]["operation"] == "ProcessScheduleStatus.unknown"


def test_bulk_get(api):
    _attached(api)
    status = api.query("ProcessScheduleStatus")["result"][2]
    answer = api.rest_ok("POST", "ProcessScheduleStatus/bulk", {"type": "GET", "request": [{"id": status["id"]}, {"id": "nope"}]})
    assert answer["@type"] == "BulkResult"
    assert answer["response"][0] == {"@type": "BulkResponse", "Result": status, "index": 0, "id": status["id"], "statusCode": 200}
    assert answer["response"][1]["statusCode"] == 400 and "Result" not in answer["response"][1] and answer["response"][1]["errorMessage"]
    too_many = {"type": "GET", "request": [{"id": status["id"]}] * 101}
    assert api.rest("POST", "ProcessScheduleStatus/bulk", too_many).status_code == 400


def test_detach_and_uninstall_remove_statuses_and_reattach_starts_enabled(api):
    inst, att, _process_ids = _attached(api)
    status = api.query("ProcessScheduleStatus")["result"][0]
    api.rest_ok("POST", "ProcessScheduleStatus/" + status["id"], dict(status, enabled=False))
    api.rest_ok("DELETE", "IntegrationPackEnvironmentAttachment/" + att["id"])
    assert api.query("ProcessScheduleStatus")["numberOfResults"] == 0
    assert api.rest("GET", "ProcessScheduleStatus/" + status["id"]).status_code == 404
    api.attach(inst["id"], "Production")
    assert api.rest_ok("GET", "ProcessScheduleStatus/" + status["id"])["enabled"] is True
    api.attach(inst["id"], "Test")
    assert api.query("ProcessScheduleStatus")["numberOfResults"] == 6
    api.rest_ok("DELETE", "IntegrationPackInstance/" + inst["id"])
    assert api.query("ProcessScheduleStatus")["numberOfResults"] == 0


def test_graphql_attach_creates_statuses_too(api):
    inst = api.install("Salesforce Account Sync", None)
    mutation = ("mutation a($input: IntegrationPackEnvironmentAttachmentInput!) {"
                " integrationPackInstanceEnvironmentAttachmentAttach(input: $input) { id } }")
    api.gql_data(mutation, {"input": {"integrationPackInstanceId": inst["id"], "environmentIds": [api.env("Test")["id"]]}})
    statuses = api.query("ProcessScheduleStatus")["result"]
    assert [(s["processId"], s["atomId"], s["enabled"]) for s in statuses] == [(p["originalProcessId"], TEST_ATOM, True) for p in inst["ProcessId"]]


def test_drop_after_commit_on_status_update(api):
    _attached(api)
    status = api.query("ProcessScheduleStatus")["result"][0]
    api.sim.set_faults(drop_after_commit={"operation": "schedule_status_update"})
    api.rest_ok("POST", "ProcessSchedules/" + status["id"], dict(api.rest_ok("GET", "ProcessSchedules/" + status["id"])))  # not this kind
    with pytest.raises(requests.ConnectionError):
        api.rest("POST", "ProcessScheduleStatus/%s/update" % status["id"], dict(status, enabled=False))
    assert api.rest_ok("GET", "ProcessScheduleStatus/" + status["id"])["enabled"] is False  # committed before the drop
    dropped = [e for e in api.sim.log if e["status"] == 0]
    assert [(e["operation"], e["write"], e["committed"]) for e in dropped] == [("ProcessScheduleStatus.update", True, ["schedule_status_update"])]
    assert api.rest_ok("POST", "ProcessScheduleStatus/" + status["id"], dict(status, enabled=True))["enabled"] is True  # count 1: used up

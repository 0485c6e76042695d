"""Request log, counts and the /_sim/ admin API."""

import time

import requests

INSTALL = "mutation i($input: IntegrationPackInstanceInput!) { integrationPackInstanceInstall(input: $input) { id } }"


def test_log_entries(api):
    api.token()
    inst = api.install()
    api.gql_data("query { integrationPackInstances { id } }")
    api.rest("GET", "IntegrationPackInstance/" + inst["id"])
    entries = api.sim.log
    assert [e["seq"] for e in entries] == [1, 2, 3, 4]
    assert [(e["method"], e["api"], e["operation"], e["status"], e["write"]) for e in entries] == [
        ("GET", "jwt", "jwt.generate", 200, False),
        ("POST", "rest", "IntegrationPackInstance.create", 200, True),
        ("POST", "graphql", "integrationPackInstances", 200, False),
        ("GET", "rest", "IntegrationPackInstance.get", 200, False),
    ]
    assert entries[0]["path"] == "/auth/jwt/generate/" + api.account_id
    assert entries[3]["path"] == "/api/rest/v1/%s/IntegrationPackInstance/%s" % (api.account_id, inst["id"])
    assert all(abs(e["time"] - time.time()) < 30 for e in entries)
    assert set(entries[0]) == {"seq", "time", "method", "path", "api", "operation", "status", "write"}
    assert api.admin("GET", "log").json() == {"requests": entries}


def test_rest_operation_names_and_write_flags(api):
    inst = api.install()
    att = api.attach(inst["id"], "Test")
    record = api.query("ProcessSchedules")["result"][0]
    api.rest_ok("POST", "ProcessSchedules/" + record["id"], record)
    api.rest_ok("GET", "ProcessSchedules/" + record["id"])
    api.rest_ok("POST", "IntegrationPackInstance/bulk", {"type": "GET", "request": [{"id": inst["id"]}]})
    api.rest_ok("POST", "IntegrationPackInstance/query", {})
    api.rest("POST", "IntegrationPackInstance/queryMore", data=b"bad-token")
    api.rest_ok("DELETE", "IntegrationPackEnvironmentAttachment/" + att["id"])
    api.rest_ok("DELETE", "IntegrationPackInstance/" + inst["id"])
    api.rest("GET", "IntegrationPackInstance/" + inst["id"])
    api.rest("POST", "Nope/query", {})
    api.rest("DELETE", "IntegrationPackInstance/" + inst["id"])  # a failed write is still a write
    got = [(e["operation"], e["status"], e["write"]) for e in api.sim.log]
    assert got == [
        ("IntegrationPackInstance.create", 200, True),
        ("IntegrationPackEnvironmentAttachment.create", 200, True),
        ("ProcessSchedules.query", 200, False),
        ("ProcessSchedules.update", 200, True),
        ("ProcessSchedules.get", 200, False),
        ("IntegrationPackInstance.bulk", 200, False),
        ("IntegrationPackInstance.query", 200, False),
        ("IntegrationPackInstance.queryMore", 400, False),
        ("IntegrationPackEnvironmentAttachment.delete", 200, True),
        ("IntegrationPackInstance.delete", 200, True),
        ("IntegrationPackInstance.get", 404, False),
        ("unknown", 410, False),
        ("IntegrationPackInstance.delete", 404, True),
    ]


def test_graphql_mutations_are_writes_even_when_they_fail(api):
    api.token()
    del api.sim.log[:]
    single = api.pack("Salesforce Account Sync")["id"]
    api.gql_data(INSTALL, {"input": {"integrationPackId": single}})
    api.gql_error(INSTALL, {"input": {"integrationPackId": single}})
    api.gql("mutation { integrationPackInstanceUninstall(id: \"x\") }", token="bad")
    assert [(e["operation"], e["status"], e["write"]) for e in api.sim.log] == [
        ("integrationPackInstanceInstall", 200, True),
        ("integrationPackInstanceInstall", 200, True),
        ("integrationPackInstanceUninstall", 401, True),
    ]


def test_counts(api):
    api.token()
    api.install("Order Intake", "a")
    api.install("Order Intake", "b")
    api.query("Environment")
    api.gql_data("query { environments { id } }")
    counts = api.admin("GET", "counts").json()
    assert counts == {"total": 5, "writes": 2, "by_operation": {
        "jwt.generate": 1, "IntegrationPackInstance.create": 2, "Environment.query": 1, "environments": 1},
        "committed": {"install": 2}, "rate_limited": 0}
    assert api.sim.counts() == counts


def test_admin_requests_are_not_logged_and_log_can_be_cleared(api):
    api.query("Environment")
    for name in ("log", "counts", "state", "faults"):
        assert api.admin("GET", name).status_code == 200
    assert len(api.sim.log) == 1
    assert api.admin("DELETE", "log").status_code == 200
    counts = api.admin("GET", "counts").json()
    assert api.sim.log == [] and counts == {"total": 0, "writes": 0, "by_operation": {}, "committed": {}, "rate_limited": 0}
    api.query("Environment")
    assert api.sim.log[0]["seq"] == 2  # sequence numbers keep counting after a clear


def test_unknown_paths(api):
    answer = requests.get(api.url + "/nothing/here", timeout=5)
    assert answer.status_code == 404
    assert api.sim.log[-1]["api"] == "other"
    assert api.admin("GET", "nothing").status_code == 404
    assert api.admin("POST", "log").status_code == 404


def test_reset(api):
    inst = api.install()
    api.attach(inst["id"], "Test")
    api.sim.add_packs(2)
    api.sim.set_faults(latency=0.01, jwt_lifetime=5, shape_variant=True)
    assert api.admin("POST", "reset").json() == {"reset": True}
    state = api.admin("GET", "state").json()
    assert state["instances"] == [] and state["attachments"] == [] and state["schedules"] == []
    assert len(state["packs"]) == 6
    assert api.sim.log == []
    assert api.sim.faults.snapshot()["latency"] == 0.0 and api.sim.jwt_lifetime == 300
    assert api.install()["id"] == inst["id"]  # instance numbering restarts


def test_state_dump(api):
    inst = api.install("Order Intake", "EU")
    att = api.attach(inst["id"], "Production")
    state = api.admin("GET", "state").json()
    assert state["account_id"] == api.account_id
    assert [(i["id"], i["integrationPackName"], i["integrationPackOverrideName"], i["installationType"]) for i in state["instances"]] == [
        (inst["id"], "Order Intake", "EU", "MULTI")]
    assert [p["wrapperProcessId"] for p in state["instances"][0]["processes"]] == [p["wrapperProcessId"] for p in inst["ProcessId"]]
    assert [(a["id"], a["environmentId"], len(a["scheduleIds"])) for a in state["attachments"]] == [(att["id"], att["environmentId"], 4)]
    assert len(state["schedules"]) == 4
    assert {s["envId"] for s in state["schedules"]} == {att["environmentId"]}
    legacy = [p for p in state["packs"] if p["name"] == "Legacy EDI Bridge"][0]
    assert legacy["sharedWith"] == []


def test_bulk_install_10000_over_http_is_fast(api):
    pack = api.pack("Invoice Export")
    started = time.monotonic()
    answer = api.admin("POST", "bulk_install", {"integration_pack_id": pack["id"], "count": 10000, "prefix": "bench"})
    elapsed = time.monotonic() - started
    assert answer.status_code == 200
    assert answer.json()["count"] == 10000 and len(answer.json()["ids"]) == 10000
    assert elapsed < 2.0
    last = api.query("IntegrationPackInstance", {"argument": ["bench-10000"], "operator": "EQUALS", "property": "integrationPackOverrideName"})
    assert last["numberOfResults"] == 1
    assert not api.sim.log[:-1]  # the admin call itself is not logged
    started = time.monotonic()
    listed = api.gql_data("query { integrationPackInstances { id integrationPackOverrideName } }", timeout=30)["integrationPackInstances"]
    assert len(listed) == 10000
    assert time.monotonic() - started < 10


def test_bulk_install_errors(api):
    for body in ({"integration_pack_id": api.pack("Salesforce Account Sync")["id"], "count": 3},
                 {"integration_pack_id": "nope", "count": 3},
                 {"integration_pack_id": api.pack("Invoice Export")["id"], "count": "3"},
                 {"integration_pack_id": api.pack("Invoice Export")["id"], "count": 3, "prefix": ""}):
        assert api.admin("POST", "bulk_install", body).status_code == 400, body
    assert requests.post(api.url + "/_sim/bulk_install", data=b"{", timeout=5).status_code == 400


def test_add_packs(api):
    answer = api.admin("POST", "packs", {"count": 20, "installation_type": "MULTI", "prefix": "Bench"})
    assert answer.status_code == 200
    packs = answer.json()["packs"]
    assert len(packs) == 20 and all(p["installationType"] == "MULTI" and len(p["processes"]) == 2 for p in packs)
    assert [p["name"] for p in packs][:2] == ["Bench 001", "Bench 002"]
    space = api.gql_data("query s($id: ID!) { Space(id: $id) { sharedIpacks { id } } }", {"id": api.space_guid})["Space"]
    assert {p["id"] for p in packs} <= {p["id"] for p in space["sharedIpacks"]}
    assert api.query("IntegrationPack")["numberOfResults"] == 26
    inst = api.gql_data(INSTALL, {"input": {"integrationPackId": packs[5]["id"], "integrationPackOverrideName": "x"}})
    assert inst["integrationPackInstanceInstall"]["id"]
    single = api.admin("POST", "packs", {"count": 1, "installation_type": "SINGLE"}).json()["packs"][0]
    assert single["installationType"] == "SINGLE"
    assert api.admin("POST", "packs", {"count": 1, "installation_type": "BOTH"}).status_code == 400

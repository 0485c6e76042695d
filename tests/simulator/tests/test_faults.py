"""Faults: rate_limit, drop_after_commit, latency, next_responses, hang, jwt_lifetime, shape_variant."""

import base64
import json
import threading
import time

import pytest
import requests

from boomisim.faults import FaultError
from boomisim.server import Simulator

# Timed: latency and time-out bounds of a few hundred milliseconds. `make pytest` runs the tests marked serial on their own after the others (not beside them).
pytestmark = pytest.mark.serial

MESSAGE_503 = "The Boomi server is currently unavailable or your account's rate limits have been exceeded. Retry later."
INSTANCES = "query { integrationPackInstances { id integrationPackOverrideName integrationPack { id name } } }"
PROCESSES = """query p($id: ID!) { integrationPackInstanceProcesses(integrationPackInstanceId: $id) {
  id name integrationPack { integrationPackId integrationPackInstanceId } processSchedules { id atomId } } }"""
INSTALL = "mutation i($input: IntegrationPackInstanceInput!) { integrationPackInstanceInstall(input: $input) { id integrationPack { name } } }"


def _install_body(api, name):
    return {"integrationPackId": api.pack("Order Intake")["id"], "integrationPackOverrideName": name}


# -- rate_limit ---------------------------------------------------------------------------------------


def test_rate_limit_rest_every_third_request(api):
    api.query("Environment")  # requests before the fault is set do not count
    api.sim.set_faults(rate_limit={"every": 3, "retry_after": 7})
    statuses = []
    for number in range(6):
        answer = api.rest("POST", "IntegrationPackInstance", _install_body(api, "n%d" % number))
        statuses.append(answer.status_code)
        if answer.status_code == 503:
            assert answer.headers["Retry-After"] == "7"
            assert answer.json() == {"@type": "Error", "message": MESSAGE_503}
    assert statuses == [200, 200, 503, 200, 200, 503]
    names = [i["integrationPackOverrideName"] for i in api.sim.state.instances.values()]
    assert names == ["n0", "n1", "n3", "n4"]  # refused requests did nothing
    refused = [e for e in api.sim.log if e["status"] == 503]
    assert len(refused) == 2 and all(e["write"] and e["operation"] == "IntegrationPackInstance.create" for e in refused)


def test_rate_limit_graphql_is_429(api):
    api.token()
    api.sim.set_faults(rate_limit={"every": 2, "retry_after": 3})
    first = api.gql(INSTANCES)
    second = api.gql(INSTANCES)
    assert first.status_code == 200
    assert second.status_code == 429
    assert second.headers["Retry-After"] == "3"
    assert second.json() == {"errors": [{"message": "Too many requests"}]}


def test_rate_limit_jwt_is_503_and_applies_before_auth(api):
    api.sim.set_faults(rate_limit={"every": 1, "retry_after": 0})
    answer = api.new_token(secret="wrong")
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "0"
    assert answer.json()["message"] == MESSAGE_503
    assert api.admin("GET", "counts").status_code == 200  # admin requests are never refused
    api.sim.clear_faults()
    assert api.new_token().status_code == 200


# -- drop_after_commit ------------------------------------------------------------------------------


def test_drop_after_commit_rest_install(api):
    api.sim.set_faults(drop_after_commit={"operation": "install", "count": 1})
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.post(api.url + "/api/rest/v1/%s/IntegrationPackInstance" % api.account_id, json=_install_body(api, "Dropped"),
                      auth=(api.username, api.password), headers={"Accept": "application/json"}, timeout=5)
    assert [i["integrationPackOverrideName"] for i in api.sim.state.instances.values()] == ["Dropped"]
    entry = api.sim.log[-1]
    assert (entry["operation"], entry["status"], entry["write"]) == ("IntegrationPackInstance.create", 0, True)
    # count consumed: the next install answers normally
    assert api.install("Order Intake", "Second")["integrationPackOverrideName"] == "Second"
    assert api.sim.faults.snapshot()["drop_after_commit"] is None


def test_drop_after_commit_graphql_install(api):
    api.token()
    api.sim.set_faults(drop_after_commit={"operation": "install"})
    with pytest.raises(requests.exceptions.ConnectionError):
        api.gql(INSTALL, {"input": _install_body(api, "Dropped")})
    assert len(api.sim.state.instances) == 1
    assert api.sim.log[-1]["status"] == 0 and api.sim.log[-1]["write"] is True
    assert api.gql_data(INSTANCES)["integrationPackInstances"][0]["integrationPackOverrideName"] == "Dropped"


def test_drop_ignores_reads_failed_writes_and_other_operations(api):
    api.sim.set_faults(drop_after_commit={"operation": "attach", "count": 2})
    inst = api.install()  # an install is not an attach
    assert api.query("IntegrationPackEnvironmentAttachment")["numberOfResults"] == 0  # reads are never dropped
    bad = api.rest("POST", "IntegrationPackEnvironmentAttachment", {"integrationPackInstanceId": inst["id"], "environmentId": "nope"})
    assert bad.status_code == 400  # a failed write is answered
    for env in ("Test", "Production"):
        with pytest.raises(requests.exceptions.ConnectionError):
            api.attach(inst["id"], env)
    assert len(api.sim.state.attachments) == 2
    sandbox = api.environments_named("Sandbox")[0]["id"]
    third = api.rest("POST", "IntegrationPackEnvironmentAttachment", {"integrationPackInstanceId": inst["id"], "environmentId": sandbox})
    assert third.status_code == 200  # both drops are used up
    assert api.sim.faults.snapshot()["drop_after_commit"] is None


def test_drop_after_commit_per_target_drops_each_write_once(api):
    """per_target: a write sent again as it was (same path and body) is answered; the next drop falls on another target."""
    inst = api.install()
    api.attach(inst["id"], "Test")
    api.attach(inst["id"], "Production")
    first, second = api.query("ProcessSchedules")["result"][:2]
    api.sim.set_faults(drop_after_commit={"operation": "schedule_update", "count": 2, "per_target": True})
    assert api.sim.faults.snapshot()["drop_after_commit"] == {"operation": "schedule_update", "count": 2, "per_target": True}
    del api.sim.log[:]

    def update(record):
        return api.rest("POST", "ProcessSchedules/" + record["id"], dict(record, Retry={"Schedule": [], "maxRetry": 2}))
    with pytest.raises(requests.exceptions.ConnectionError):
        update(first)
    assert update(first).status_code == 200  # the same write sent again: answered
    with pytest.raises(requests.exceptions.ConnectionError):
        update(second)  # another target: the second drop
    assert api.sim.faults.snapshot()["drop_after_commit"] is None
    assert [(e["operation"], e["status"]) for e in api.sim.log] == [
        ("ProcessSchedules.update", 0), ("ProcessSchedules.update", 200), ("ProcessSchedules.update", 0)]
    assert [api.sim.state.schedules[r["id"]]["Retry"]["maxRetry"] for r in (first, second)] == [2, 2]  # all committed
    with pytest.raises(FaultError, match="per_target must be true or false"):
        api.sim.set_faults(drop_after_commit={"per_target": "yes"})


@pytest.mark.parametrize("operation", ["uninstall", "detach", "schedule_update", "any_write"])
def test_drop_after_commit_other_operations(api, operation):
    inst = api.install()
    att = api.attach(inst["id"], "Test")
    record = api.query("ProcessSchedules")["result"][0]
    api.sim.set_faults(drop_after_commit={"operation": operation, "count": 1})
    if operation in ("uninstall", "any_write"):
        request = ("DELETE", "IntegrationPackInstance/" + inst["id"], None)
    elif operation == "detach":
        request = ("DELETE", "IntegrationPackEnvironmentAttachment/" + att["id"], None)
    else:
        body = dict(record, Retry={"Schedule": [], "maxRetry": 2})
        request = ("POST", "ProcessSchedules/" + record["id"], body)
    with pytest.raises(requests.exceptions.ConnectionError):
        api.rest(*request)
    state = api.sim.state
    if operation in ("uninstall", "any_write"):
        assert state.instances == {} and state.schedules == {}
    elif operation == "detach":
        assert state.attachments == {} and state.schedules == {}
    else:
        assert state.schedules[record["id"]]["Retry"]["maxRetry"] == 2
    assert api.sim.log[-1]["status"] == 0 and api.sim.log[-1]["write"] is True


# -- latency, hang --------------------------------------------------------------------------------------


def test_latency(api):
    api.sim.set_faults(latency=0.3)
    started = time.monotonic()
    api.query("Environment")
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    api.admin("GET", "counts")
    assert time.monotonic() - started < 0.25  # admin requests are not delayed


def test_hang_makes_clients_time_out_then_answers_normally(api):
    api.sim.set_faults(hang={"count": 1, "seconds": 2})
    started = time.monotonic()
    with pytest.raises(requests.exceptions.Timeout):
        api.rest("POST", "Environment/query", {}, timeout=0.5)
    assert time.monotonic() - started < 1.5
    assert api.rest("POST", "Environment/query", {}).status_code == 200
    assert api.sim.faults.snapshot()["hang"] is None


def test_hang_does_not_block_shutdown():
    sim = Simulator(port=0).start()
    sim.set_faults(hang={"count": 1, "seconds": 30})
    outcome = {}

    def call():
        try:
            outcome["status"] = requests.get(sim.url + "/auth/jwt/generate/acme-4F7K2Q", auth=("ops@acme.example", "sim-password"), timeout=20).status_code
        except requests.exceptions.RequestException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=call)
    thread.start()
    deadline = time.monotonic() + 5
    while not sim.log and time.monotonic() < deadline:
        time.sleep(0.02)
    assert sim.log, "the request never reached the simulator"
    started = time.monotonic()
    sim.stop()
    assert time.monotonic() - started < 3
    thread.join(5)
    assert not thread.is_alive()
    assert outcome


# -- next_responses --------------------------------------------------------------------------------------


def test_next_responses_in_order_without_touching_state(api):
    api.sim.set_faults(next_responses=[
        {"status": 502, "body": "<html><body>Bad gateway</body></html>", "content_type": "text/html"},
        {"status": 200, "body": ""},
        {"status": 200, "body": '{"result": [', "content_type": "application/json"},
        {"status": 403, "body": {"message": "Access denied due to insufficient permissions."}, "headers": {"X-Test": "yes"}},
        {"status": 200, "body": "plain text", "content_type": None},
        {"status": 410, "body": {"message": "Endpoint is invalid or no longer exists."}},
        {"status": 200, "body": {"data": None, "errors": [{"message": "boom"}]}},
    ])
    answers = [api.rest("POST", "IntegrationPackInstance", _install_body(api, "x%d" % n)) for n in range(7)]
    assert [a.status_code for a in answers] == [502, 200, 200, 403, 200, 410, 200]
    assert answers[0].headers["Content-Type"] == "text/html" and "Bad gateway" in answers[0].text
    assert answers[1].content == b"" and answers[1].headers["Content-Length"] == "0"
    assert answers[2].text == '{"result": ['
    assert answers[3].headers["X-Test"] == "yes" and answers[3].json()["message"].startswith("Access denied")
    assert answers[3].headers["Content-Type"] == "application/json"
    assert "Content-Type" not in answers[4].headers and answers[4].text == "plain text"
    assert answers[6].json() == {"data": None, "errors": [{"message": "boom"}]}
    assert api.sim.state.instances == {}
    assert [e["status"] for e in api.sim.log[-7:]] == [502, 200, 200, 403, 200, 410, 200]
    assert api.install("Order Intake", "real")["integrationPackOverrideName"] == "real"


def test_next_responses_apply_to_graphql_and_jwt(api):
    api.sim.set_faults(next_responses=[{"status": 500, "body": "oops"}, {"status": 200, "body": {"data": None, "errors": [{"message": "x"}]}}])
    assert api.new_token().status_code == 500
    answer = requests.post(api.url + "/graphql", json={"query": INSTANCES}, timeout=5)  # no token needed: canned answers skip auth
    assert answer.json() == {"data": None, "errors": [{"message": "x"}]}


# -- jwt_lifetime, shape_variant ----------------------------------------------------------------------------


def _lifetime(token):
    payload = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return claims["exp"] - claims["iat"]


def test_jwt_lifetime_fault(api):
    api.sim.set_faults(jwt_lifetime=7)
    assert _lifetime(api.new_token().text) == 7
    assert api.sim.jwt_lifetime == 7
    api.sim.clear_faults()
    assert _lifetime(api.new_token().text) == 300
    api.admin("POST", "faults", {"jwt_lifetime": 11})
    assert _lifetime(api.new_token().text) == 11
    api.admin("POST", "reset")
    assert _lifetime(api.new_token().text) == 300


def test_shape_variant(api):
    inst = api.install("Order Intake", "EU")
    api.attach(inst["id"], "Test")
    single = api.install("Salesforce Account Sync", None)
    api.attach(single["id"], "Production")
    plain = api.gql_data(INSTANCES)["integrationPackInstances"]
    assert isinstance(plain[0]["integrationPack"], dict)
    api.sim.set_faults(shape_variant=True)
    variant = api.gql_data(INSTANCES)["integrationPackInstances"]
    assert [v["integrationPack"] for v in variant] == [[p["integrationPack"]] for p in plain]
    installed = api.gql_data(INSTALL, {"input": _install_body(api, "US")})["integrationPackInstanceInstall"]
    assert installed["integrationPack"] == [{"name": "Order Intake"}]
    processes = api.gql_data(PROCESSES, {"id": inst["id"]})["integrationPackInstanceProcesses"]
    for proc in processes:
        assert proc["integrationPack"] == {"integrationPackId": inst["integrationPackId"], "integrationPackInstanceId": inst["id"]}
        assert isinstance(proc["processSchedules"], dict)  # one record (Test has one atom)
    processes = api.gql_data(PROCESSES, {"id": single["id"]})["integrationPackInstanceProcesses"]
    assert all(isinstance(p["processSchedules"], list) and len(p["processSchedules"]) == 2 for p in processes)  # Production: two atoms
    api.sim.set_faults(shape_variant=False)
    processes = api.gql_data(PROCESSES, {"id": inst["id"]})["integrationPackInstanceProcesses"]
    assert isinstance(processes[0]["integrationPack"], list) and isinstance(processes[0]["processSchedules"], list)


# -- the admin faults endpoint ----------------------------------------------------------------------------------


def test_admin_faults_merge_and_clear(api):
    assert api.admin("POST", "faults", {"latency": 0.01}).status_code == 200
    snapshot = api.admin("POST", "faults", {"rate_limit": {"every": 5}}).json()
    assert snapshot["latency"] == 0.01 and snapshot["rate_limit"] == {"every": 5, "retry_after": 1}
    assert api.admin("GET", "faults").json() == snapshot
    snapshot = api.admin("POST", "faults", {"rate_limit": None}).json()
    assert snapshot["rate_limit"] is None and snapshot["latency"] == 0.01
    cleared = api.admin("DELETE", "faults").json()
    assert cleared == {"rate_limit": None, "drop_after_commit": None, "latency": 0.0, "next_responses": [], "hang": None,
                       "jwt_lifetime": None, "shape_variant": False, "rate_limit_window": None, "schedule_shape": "list",
                       "echo_request": None}


@pytest.mark.parametrize("settings", [
    {"no_such_fault": 1},
    {"rate_limit": {"every": 0}},
    {"rate_limit": {"every": 2, "retry_after": "soon"}},
    {"rate_limit": 3},
    {"drop_after_commit": {"operation": "explode"}},
    {"drop_after_commit": {"operation": "install", "count": 0}},
    {"latency": -1},
    {"latency": "1"},
    {"next_responses": {"status": 500}},
    {"next_responses": [{"status": 99}]},
    {"next_responses": [{"status": 200, "body": 5}]},
    {"next_responses": [{"status": 200, "headers": {"X": 1}}]},
    {"hang": {"count": 0}},
    {"hang": {"seconds": -2}},
    {"jwt_lifetime": -5},
    {"shape_variant": "yes"},
])
def test_bad_fault_settings_are_refused(api, settings):
    answer = api.admin("POST", "faults", settings)
    assert answer.status_code == 400
    assert answer.json()["error"]
    with pytest.raises(FaultError):
        api.sim.set_faults(**settings)
    assert api.admin("GET", "faults").json()["rate_limit"] is None

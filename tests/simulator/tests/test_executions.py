"""Process runs: REST ExecutionRequest, ExecutionRecord (async GET, QUERY, queryMore), GraphQL processExecute and
executionHistory, run outcomes and timing, the log and drop_after_commit."""

import json
import re
import time

import pytest
import requests

PROD_ATOM_1 = "b8a19c6c-3cc5-4f92-abba-c35b6eee2fb7"
PROD_ATOM_2 = "2f5c1e8e-5089-4497-aaed-689510c43fce"
TEST_ATOM = "83af9ff8-c60c-4a8a-8b9a-c4dfdbb303f1"
UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
EXECUTE = "mutation x($input: ProcessExecuteInput!) { processExecute(input: $input) }"
HISTORY_FIELDS = """executionId originalExecutionId account executionTime status executionType processName processId atomName atomId
  inboundDocumentCount inboundErrorDocumentCount outboundDocumentCount executionDuration message inboundDocumentSize outboundDocumentSize"""
HISTORY = "query h($input: executionHistoryInput!) { executionHistory(input: $input) { %s } }" % HISTORY_FIELDS


def _deployed(api, override="EU"):
    """An Order Intake instance attached to Production; returns (instance, [process ids])."""
    inst = api.install("Order Intake", override)
    api.attach(inst["id"], "Production")
    return inst, [p["wrapperProcessId"] for p in inst["ProcessId"]]


def _run(api, process_id, atom_id=PROD_ATOM_1, **extra):
    return api.rest_ok("POST", "ExecutionRequest", dict({"atomId": atom_id, "processId": process_id}, **extra))


def _async(api, request_id):
    return api.rest("GET", "ExecutionRecord/async/" + request_id)


def _wait_record(api, request_id, timeout=10):
    """Poll until the record is terminal; returns the record."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        answer = _async(api, request_id)
        if answer.status_code == 200:
            record = answer.json()["result"][0]
            if record["status"] not in ("ENQUEUED", "STARTED", "INPROCESS"):
                return record
        time.sleep(0.02)
    raise AssertionError("run %s did not end" % request_id)


# -- ExecutionRequest ------------------------------------------------------------------------------------


def test_execution_request_answer(api):
    _inst, pids = _deployed(api)
    body = {"@type": "ExecutionRequest", "atomId": PROD_ATOM_1, "processId": pids[0],
            "DynamicProcessProperties": {"DynamicProcessProperty": [{"name": "property1", "value": "value1"}, {"name": "property2"}]},
            "ProcessProperties": {"ProcessProperty": [{"componentId": "456789a-bcde", "ProcessPropertyValue": [{"key": "key1", "value": "v"}]}]}}
    answer = api.rest_ok("POST", "ExecutionRequest", body)
    assert re.fullmatch("executionrecord-" + UUID, answer["requestId"])
    assert answer == {
        "@type": "ExecutionRequest",
        "DynamicProcessProperties": {"@type": "ExecutionRequestDynamicProcessProperties",
                                     "DynamicProcessProperty": [{"@type": "", "name": "property1", "value": "value1"},
                                                                {"@type": "", "name": "property2"}]},
        "ProcessProperties": {"@type": "ExecutionRequestProcessProperties",
                              "ProcessProperty": [{"@type": "", "ProcessPropertyValue": [{"@type": "", "key": "key1", "value": "v"}],
                                                   "componentId": "456789a-bcde"}]},
        "processId": pids[0], "atomId": PROD_ATOM_1, "requestId": answer["requestId"],
        "recordUrl": "%s/api/rest/v1/%s/ExecutionRecord/async/%s" % (api.url, api.account_id, answer["requestId"]),
    }
    assert list(answer) == ["@type", "DynamicProcessProperties", "ProcessProperties", "processId", "atomId", "requestId", "recordUrl"]
    run = api.admin("GET", "executions").json()["runs"][0]
    assert run["requestId"] == answer["requestId"] and run["DynamicProcessProperties"] == answer["DynamicProcessProperties"]


def test_minimal_request_and_single_object_forms(api):
    _inst, pids = _deployed(api)
    minimal = _run(api, pids[1], PROD_ATOM_2)  # CHG sends only atomId + processId
    assert list(minimal) == ["@type", "processId", "atomId", "requestId", "recordUrl"]
    # The SPEC schema example gives ProcessProperty and ProcessPropertyValue as single objects.
    single = _run(api, pids[1], ProcessProperties={"ProcessProperty": {"componentId": "c1", "ProcessPropertyValue": {"key": "k"}}},
                  DynamicProcessProperties={"DynamicProcessProperty": {"name": "n", "value": "v"}})
    assert single["ProcessProperties"]["ProcessProperty"] == [{"@type": "", "ProcessPropertyValue": [{"@type": "", "key": "k"}], "componentId": "c1"}]
    assert single["DynamicProcessProperties"]["DynamicProcessProperty"] == [{"@type": "", "name": "n", "value": "v"}]


@pytest.mark.parametrize("body, words", [
    ({"processId": "P"}, "atomId is required"),
    ({"atomId": PROD_ATOM_1}, "processId is required"),
    ({"atomId": PROD_ATOM_1, "processId": "no-such-process"}, "processId"),
    ({"atomId": "no-such-atom", "processId": "P"}, "atomId"),
    ({"atomId": TEST_ATOM, "processId": "P"}, "not deployed to Runtime Test Atom"),
    ({"atomId": PROD_ATOM_1, "processId": "P", "priority": 1}, "priority"),
    ({"atomId": PROD_ATOM_1, "processId": "P", "DynamicProcessProperties": {"DynamicProcessProperty": [{"value": "v"}]}}, "name is required"),
    ({"atomId": PROD_ATOM_1, "processId": "P", "DynamicProcessProperties": {"DynamicProcessProperty": [{"name": 5}]}}, "must be a string"),
    ({"atomId": PROD_ATOM_1, "processId": "P", "ProcessProperties": {"ProcessProperty": [{"ProcessPropertyValue": []}]}}, "componentId is required"),
    ({"atomId": PROD_ATOM_1, "processId": "P", "ProcessProperties": "x"}, "ProcessProperties must be an object"),
])
def test_execution_request_refusals(api, body, words):
    _inst, pids = _deployed(api)
    body = json.loads(json.dumps(body).replace('"P"', json.dumps(pids[0])))
    answer = api.rest("POST", "ExecutionRequest", body)
    assert answer.status_code == 400, answer.text
    assert answer.json()["@type"] == "Error" and words in answer.json()["message"]
    assert api.admin("GET", "executions").json()["runs"] == []
    assert api.sim.log[-1]["write"] is True and "committed" not in api.sim.log[-1]


def test_run_needs_an_attachment_of_the_atoms_environment(api):
    inst = api.install("Salesforce Account Sync", None)
    pid = inst["ProcessId"][0]["originalProcessId"]
    assert api.rest("POST", "ExecutionRequest", {"atomId": TEST_ATOM, "processId": pid}).status_code == 400  # installed, not attached
    att = api.attach(inst["id"], "Test")
    assert _run(api, pid, TEST_ATOM)["processId"] == pid
    api.rest_ok("DELETE", "IntegrationPackEnvironmentAttachment/" + att["id"])
    assert api.rest("POST", "ExecutionRequest", {"atomId": TEST_ATOM, "processId": pid}).status_code == 400
    assert api.rest("POST", "ExecutionRequest", data=b"[]").status_code == 400
    assert api.rest("GET", "ExecutionRequest").status_code == 410


# -- ExecutionRecord async -------------------------------------------------------------------------------


def test_status_timeline(api):
    _inst, pids = _deployed(api)
    api.sim.set_run_time(1.6, record_delay=0.5)
    request_id = _run(api, pids[0])["requestId"]
    seen = []
    deadline = time.time() + 10
    while time.time() < deadline:
        answer = _async(api, request_id)
        if answer.status_code == 202:
            assert answer.json() == {"@type": "AsyncOperationResult", "responseStatusCode": 202}
            status = 202
        else:
            assert answer.status_code == 200
            status = answer.json()["result"][0]["status"]
        if not seen or seen[-1] != status:
            seen.append(status)
        if status == "COMPLETE":
            break
        time.sleep(0.03)
    order = [202, "ENQUEUED", "STARTED", "INPROCESS", "COMPLETE"]
    assert seen[0] == 202 and seen[-1] == "COMPLETE"
    assert [order.index(s) for s in seen] == sorted(order.index(s) for s in seen), seen
    assert len(seen) >= 4, seen  # 202, at least two running statuses, COMPLETE


def test_complete_record_shape(api):
    _inst, pids = _deployed(api)
    api.sim.set_run_time(0)
    before = time.time()
    request_id = _run(api, pids[0], PROD_ATOM_2)["requestId"]
    answer = _async(api, request_id)
    assert answer.status_code == 200
    body = answer.json()
    assert body["@type"] == "AsyncOperationResult" and body["responseStatusCode"] == 200 and body["numberOfResults"] == 1
    record = body["result"][0]
    assert re.fullmatch(r"execution-%s-\d{4}\.\d{2}\.\d{2}" % UUID, record["executionId"])
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(before)))
    assert record["executionTime"] >= started and record["executionTime"].endswith("Z")
    assert record["executionId"].endswith(record["executionTime"][:10].replace("-", "."))
    assert {k: v for k, v in record.items() if k not in ("executionId", "executionTime", "recordedDate")} == {
        "@type": "ExecutionRecord", "account": api.account_id, "status": "COMPLETE", "executionType": "exec_manual",
        "processName": "EU - INT", "processId": pids[0], "atomName": "Prod Atom 2", "atomId": PROD_ATOM_2,
        "inboundDocumentCount": 1, "inboundErrorDocumentCount": 0, "outboundDocumentCount": 1,
        "executionDuration": ["Long", 0], "inboundDocumentSize": ["Long", 128], "outboundDocumentSize": ["Long", 128]}
    assert record["recordedDate"] == record["executionTime"]


def test_error_outcome_through_the_admin_api(api):
    _inst, pids = _deployed(api)
    api.sim.set_run_time(0.2)
    answer = api.admin("POST", "executions/outcomes", {"process_id": pids[1], "message": "No data produced from map 'mapTest'"})
    assert answer.status_code == 200
    assert answer.json()["outcome"] == {"status": "ERROR", "message": "No data produced from map 'mapTest'", "inbound": 1, "inbound_errors": 1,
                                        "outbound": 0}
    failed = _wait_record(api, _run(api, pids[1])["requestId"])
    fine = _wait_record(api, _run(api, pids[0])["requestId"])
    assert (failed["status"], failed["message"], failed["inboundDocumentCount"], failed["inboundErrorDocumentCount"],
            failed["outboundDocumentCount"], failed["executionDuration"]) == ("ERROR", "No data produced from map 'mapTest'", 1, 1, 0, ["Long", 200])
    assert fine["status"] == "COMPLETE" and "message" not in fine
    assert api.admin("DELETE", "executions/outcomes").json() == {"cleared": True}
    assert _wait_record(api, _run(api, pids[1])["requestId"])["status"] == "COMPLETE"


def test_outcome_python_methods_and_document_counts(api):
    _inst, pids = _deployed(api)
    api.sim.set_run_time(0)
    api.sim.set_run_outcome(pids[0], "ERROR", "boom", inbound=5, inbound_errors=2, outbound=3)
    record = _wait_record(api, _run(api, pids[0])["requestId"])
    assert (record["status"], record["message"], record["inboundDocumentCount"], record["inboundErrorDocumentCount"],
            record["outboundDocumentCount"], record["inboundDocumentSize"], record["outboundDocumentSize"]) == \
        ("ERROR", "boom", 5, 2, 3, ["Long", 640], ["Long", 384])
    api.sim.set_run_outcome(pids[0], "COMPLETE_WARN")
    assert _wait_record(api, _run(api, pids[0])["requestId"])["status"] == "COMPLETE_WARN"
    api.sim.set_run_outcome(pids[0], None)
    assert _wait_record(api, _run(api, pids[0])["requestId"])["status"] == "COMPLETE"
    api.sim.set_run_outcome(pids[0], "ERROR")
    api.sim.clear_run_outcomes()
    assert _wait_record(api, _run(api, pids[0])["requestId"])["status"] == "COMPLETE"


def test_outcome_is_fixed_when_the_run_is_requested(api):
    _inst, pids = _deployed(api)
    api.sim.set_run_time(0.3)
    request_id = _run(api, pids[0])["requestId"]
    api.sim.set_run_outcome(pids[0], "ERROR", "too late")
    api.sim.set_run_time(30)
    assert _wait_record(api, request_id)["status"] == "COMPLETE"


def test_async_shapes_and_long_formats(api):
    _inst, pids = _deployed(api)
    api.admin("POST", "executions/config", {"run_time": 0.4, "record_delay": 0.3, "async_shape": "bare", "long_format": "string"})
    request_id = _run(api, pids[0])["requestId"]
    pending = _async(api, request_id)
    assert pending.status_code == 202 and pending.content == b"" and "Content-Type" not in pending.headers
    time.sleep(0.45)
    done = _async(api, request_id).json()
    assert done["@type"] == "ExecutionRecord" and done["status"] == "COMPLETE" and done["executionDuration"] == ["Long", "400"]
    api.sim.set_execution_config(async_shape="inner202", long_format="plain")
    request_id = _run(api, pids[0])["requestId"]
    pending = _async(api, request_id)
    assert pending.status_code == 200 and pending.json() == {"@type": "AsyncOperationResult", "responseStatusCode": 202}
    time.sleep(0.45)
    done = _async(api, request_id).json()
    assert done["responseStatusCode"] == 200 and done["result"][0]["executionDuration"] == 400
    config = api.admin("GET", "executions").json()["config"]
    assert config == {"run_time": 0.4, "record_delay": 0.3, "async_shape": "inner202", "long_format": "plain"}


@pytest.mark.parametrize("settings", [
    {"run_time": -1}, {"run_time": "fast"}, {"record_delay": -0.1}, {"async_shape": "odd"}, {"long_format": "hex"}, {"speed": 1},
])
def test_bad_execution_config(api, settings):
    answer = api.admin("POST", "executions/config", settings)
    assert answer.status_code == 400 and answer.json()["error"]


@pytest.mark.parametrize("settings", [{"message": "x"}, {"process_id": "p", "status": "BROKEN"}, {"process_id": "p", "inbound": -1},
                                      {"process_id": "p", "colour": "red"}])
def test_bad_outcomes(api, settings):
    assert api.admin("POST", "executions/outcomes", settings).status_code == 400


def test_unknown_request_id(api):
    answer = _async(api, "executionrecord-00000000-0000-0000-0000-000000000000")
    assert answer.status_code == 404 and answer.json()["@type"] == "Error"
    assert api.rest("GET", "ExecutionRecord/async").status_code == 410
    assert api.rest("GET", "ExecutionRecord/x").status_code == 410


# -- ExecutionRecord QUERY -------------------------------------------------------------------------------------


def _query(api, expression=None, **extra):
    body = dict({"QueryFilter": {"expression": expression}} if expression else {}, **extra)
    return api.rest_ok("POST", "ExecutionRecord/query", body)


def _eq(prop, value):
    return {"property": prop, "operator": "EQUALS", "argument": [value]}


def test_query_filters(api):
    _inst, pids = _deployed(api)
    api.sim.set_run_time(0)
    api.sim.set_run_outcome(pids[1], "ERROR", "bad")
    runs = [_run(api, pids[0], PROD_ATOM_1), _run(api, pids[1], PROD_ATOM_1), _run(api, pids[0], PROD_ATOM_2)]
    everything = _query(api)
    assert everything["numberOfResults"] == 3 and "queryToken" not in everything
    assert [(r["processId"], r["atomId"]) for r in everything["result"]] == [(r["processId"], r["atomId"]) for r in runs]
    assert [r["atomId"] for r in _query(api, _eq("processId", pids[0]))["result"]] == [PROD_ATOM_1, PROD_ATOM_2]
    assert [r["processId"] for r in _query(api, _eq("atomId", PROD_ATOM_1))["result"]] == [pids[0], pids[1]]
    assert [r["message"] for r in _query(api, _eq("status", "ERROR"))["result"]] == ["bad"]
    both = {"operator": "and", "nestedExpression": [_eq("processId", pids[0]), _eq("atomId", PROD_ATOM_2)]}
    assert _query(api, both)["numberOfResults"] == 1
    now = time.time()
    window = [time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - 60)), time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now + 60))]
    assert _query(api, {"property": "executionTime", "operator": "BETWEEN", "argument": window})["numberOfResults"] == 3
    past = [time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(now - 7200)), time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - 3600))]
    assert _query(api, {"property": "executionTime", "operator": "BETWEEN", "argument": past})["numberOfResults"] == 0
    assert _query(api, {"property": "inboundDocumentCount", "operator": "GREATER_THAN", "argument": ["0"]})["numberOfResults"] == 3
    assert _query(api, {"property": "outboundDocumentCount", "operator": "LESS_THAN", "argument": ["1"]})["numberOfResults"] == 1  # the error
    assert _query(api, {"property": "processName", "operator": "LIKE", "argument": ["EU - %"]})["numberOfResults"] == 3
    bad = api.rest("POST", "ExecutionRecord/query", {"QueryFilter": {"expression": _eq("colour", "red")}})
    assert bad.status_code == 400 and "colour" in bad.json()["message"]


def test_query_sort(api):
    _inst, pids = _deployed(api)
    api.sim.set_run_time(0)
    start = time.time() - 100
    for offset, atom in ((0, PROD_ATOM_1), (10, PROD_ATOM_2), (20, PROD_ATOM_1)):
        api.sim.executions.clock = lambda offset=offset: start + offset  # executionTime 10 s apart
        _run(api, pids[0], atom)
    ascending = [r["executionId"] for r in _query(api)["result"]]
    assert [r["executionId"] for r in api.sim.executions.all_runs()] == ascending
    descending = _query(api, QuerySort={"sortField": [{"fieldName": "executionTime", "sortOrder": "DESC"}]})["result"]
    assert [r["executionId"] for r in descending] == ascending[::-1]
    by_atom = _query(api, QuerySort={"sortField": {"fieldName": "atomName", "sortOrder": "ASC"}})["result"]  # one object, not a list
    assert [r["executionId"] for r in by_atom] == [ascending[0], ascending[2], ascending[1]]
    two_keys = [{"fieldName": "atomName", "sortOrder": "DESC"}, {"fieldName": "executionTime", "sortOrder": "DESC"}]
    assert [r["executionId"] for r in _query(api, QuerySort={"sortField": two_keys})["result"]] == [ascending[1], ascending[2], ascending[0]]
    assert api.rest("POST", "ExecutionRecord/query", {"QuerySort": {"sortField": [{"fieldName": "colour"}]}}).status_code == 400
    assert api.rest("POST", "ExecutionRecord/query", {"QuerySort": {"sortField": [{"fieldName": "atomId", "sortOrder": "UP"}]}}).status_code == 400


def test_records_appear_only_after_the_record_delay(api):
    _inst, pids = _deployed(api)
    api.sim.set_run_time(30, record_delay=0.4)
    _run(api, pids[0])
    assert _query(api)["numberOfResults"] == 0
    time.sleep(0.5)
    assert [r["status"] for r in _query(api)["result"]] == ["ENQUEUED"]
    assert "recordedDate" not in _query(api)["result"][0] and _query(api)["result"][0]["inboundDocumentCount"] == 0


def test_a_test_clock_moves_the_runs_and_the_record_appears_only_after_the_record_delay(api):
    """The store's clock drives the timeline: a run whose answer is lost shows its record exactly record_delay seconds of that
    clock after the Atom took it (its executionTime), and nothing moves while the clock stands still."""
    _inst, pids = _deployed(api)
    now = [time.time() - 1000]
    api.sim.executions.clock = lambda: now[0]
    api.sim.set_run_time(5, record_delay=2)
    first = _run(api, pids[0])["requestId"]
    now[0] += 2
    assert [r["status"] for r in _query(api)["result"]] == ["ENQUEUED"]
    api.sim.set_faults(drop_after_commit={"operation": "execute", "count": 1})
    with pytest.raises(requests.ConnectionError):
        _run(api, pids[0])
    taken = now[0]
    time.sleep(0.3)  # real time does not move the runs
    assert [r["executionId"] for r in _query(api)["result"]] == [api.sim.executions.all_runs()[0]["executionId"]]
    now[0] += 1.9
    assert _query(api)["numberOfResults"] == 1
    now[0] += 0.1
    records = _query(api)["result"]
    lost = api.sim.executions.all_runs()[1]
    assert [r["executionId"] for r in records] == [api.sim.executions.all_runs()[0]["executionId"], lost["executionId"]]
    assert records[1]["executionTime"] == time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(taken))) and records[1]["status"] == "ENQUEUED"
    assert records[0]["status"] == "INPROCESS"  # 4 s into a 5 s run whose record appeared after 2 s (then a third each)
    now[0] += 1
    assert _wait_record(api, first)["status"] == "COMPLETE" and _query(api)["result"][1]["status"] == "STARTED"


def test_a_run_started_as_a_schedule_would_has_its_execution_type(api):
    _inst, pids = _deployed(api)
    api.sim.set_run_time(0)
    requested = _run(api, pids[0])["requestId"]
    scheduled = api.sim.executions.start(PROD_ATOM_1, pids[0], execution_type="exec_sched")
    assert _wait_record(api, requested)["executionType"] == "exec_manual"
    found = _query(api, {"property": "executionType", "operator": "NOT_EQUALS", "argument": ["exec_manual"]})["result"]
    assert [(r["executionId"], r["executionType"]) for r in found] == [(scheduled["executionId"], "exec_sched")]


def test_query_paging_and_query_more(api):
    _inst, pids = _deployed(api)
    api.sim.set_run_time(0)
    store = api.sim.executions
    for index in range(205):
        store.start(PROD_ATOM_1 if index % 2 else PROD_ATOM_2, pids[index % 2])
    first = _query(api)
    assert first["numberOfResults"] == 100 and first["queryToken"]
    ids = [r["executionId"] for r in first["result"]]
    token = first["queryToken"]
    pages = [100]
    while token:
        answer = api.rest("POST", "ExecutionRecord/queryMore", data=token.encode(), headers={"Content-Type": "text/plain"})
        assert answer.status_code == 200
        page = answer.json()
        pages.append(page["numberOfResults"])
        ids += [r["executionId"] for r in page["result"]]
        token = page.get("queryToken")
    assert pages == [100, 100, 5] and len(set(ids)) == 205
    assert ids == [run["executionId"] for run in store.all_runs()]
    assert api.rest("POST", "ExecutionRecord/queryMore", data=b"nope").status_code == 400


# -- GraphQL -----------------------------------------------------------------------------------------------------


def test_process_execute(api):
    _inst, pids = _deployed(api)
    api.sim.set_run_time(0)
    data = api.gql_data(EXECUTE, {"input": {"atomId": PROD_ATOM_2, "processId": pids[1]}})
    text = data["processExecute"]
    assert isinstance(text, str)
    answer = json.loads(text)
    assert list(answer) == ["@type", "processId", "atomId", "requestId", "recordUrl"]
    assert answer["@type"] == "ExecutionRequest" and answer["processId"] == pids[1] and answer["atomId"] == PROD_ATOM_2
    assert answer["recordUrl"] == "%s/api/rest/v1/%s/ExecutionRecord/async/%s" % (api.url, api.account_id, answer["requestId"])
    polled = requests.get(answer["recordUrl"], auth=(api.username, api.password), headers={"Accept": "application/json"}, timeout=10)
    assert polled.status_code == 200 and polled.json()["result"][0]["processId"] == pids[1]
    # The doc's sample: literal input, no variables.
    literal = 'mutation executeProcess { processExecute(input: {atomId: "%s", processId: "%s"}) }' % (PROD_ATOM_1, pids[0])
    assert json.loads(api.gql_data(literal)["processExecute"])["atomId"] == PROD_ATOM_1
    assert [(e["operation"], e["write"], e.get("committed")) for e in api.sim.log if e["api"] == "graphql"] == [
        ("processExecute", True, ["execute"])] * 2


def test_process_execute_errors(api):
    inst, pids = _deployed(api)
    error = api.gql_error(EXECUTE, {"input": {"atomId": TEST_ATOM, "processId": pids[0]}})
    assert error["extensions"]["code"] == "PLATFORM_CALL_ERROR" and "not deployed" in error["message"]
    assert api.gql_error(EXECUTE, {"input": {"atomId": PROD_ATOM_1, "processId": "nope"}})["extensions"]["code"] == "PLATFORM_CALL_ERROR"
    assert api.gql_error(EXECUTE, {"input": {"atomId": PROD_ATOM_1, "processId": pids[0]}}, space=None)["extensions"]["code"] == "MISSING_SPACE_ID"
    legacy = api.install("Legacy EDI Bridge", None)  # not shared with the space: its processes cannot be run through it
    api.attach(legacy["id"], "Production")
    error = api.gql_error(EXECUTE, {"input": {"atomId": PROD_ATOM_1, "processId": legacy["ProcessId"][0]["originalProcessId"]}})
    assert error["extensions"]["code"] == "PLATFORM_CALL_ERROR"
    assert api.sim.counts()["committed"].get("execute", 0) == 0 and inst


def test_execution_history(api):
    _inst, pids = _deployed(api)
    api.sim.set_run_time(0)
    api.sim.set_run_outcome(pids[0], "ERROR", "No data produced from map 'mapTest'")
    _run(api, pids[0])
    _run(api, pids[0], PROD_ATOM_2)
    api.sim.clear_run_outcomes()
    _run(api, pids[0])
    _run(api, pids[1])
    since = "2016-01-31T15:32:00Z"
    errors = api.gql_data(HISTORY, {"input": {"processId": pids[0], "executionTime": since, "status": "ERROR"}})["executionHistory"]
    assert [(h["status"], h["atomId"]) for h in errors] == [("ERROR", PROD_ATOM_1), ("ERROR", PROD_ATOM_2)]
    first = errors[0]
    assert first["message"] == "No data produced from map 'mapTest'" and first["originalExecutionId"] is None
    assert (first["inboundDocumentCount"], first["inboundErrorDocumentCount"], first["outboundDocumentCount"]) == (1, 1, 0)
    assert first["executionDuration"] == ["Long", "0"] and first["inboundDocumentSize"] == ["Long", "128"]
    assert (first["account"], first["processName"], first["atomName"], first["executionType"]) == (api.account_id, "EU - INT", "Prod Atom 1", "exec_manual")
    rest_records = _query(api, {"property": "status", "operator": "EQUALS", "argument": ["ERROR"]})["result"]
    assert [h["executionId"] for h in errors] == [r["executionId"] for r in rest_records]
    # The doc sample: enum literal for the status, string for the time.
    literal = 'query executionHistory { executionHistory(input: {processId: "%s", executionTime: "%s", status: COMPLETE}) { executionId status } }'
    assert [h["status"] for h in api.gql_data(literal % (pids[0], since))["executionHistory"]] == ["COMPLETE"]
    quoted = literal.replace("status: COMPLETE", 'status: "COMPLETE"')
    assert len(api.gql_data(quoted % (pids[1], since))["executionHistory"]) == 1
    later = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
    assert api.gql_data(HISTORY, {"input": {"processId": pids[0], "executionTime": later, "status": "ERROR"}})["executionHistory"] == []
    assert api.gql_data(HISTORY, {"input": {"processId": "other", "executionTime": since, "status": "ERROR"}})["executionHistory"] == []


def test_execution_history_input_errors(api):
    literal = 'query { executionHistory(input: {processId: "p", executionTime: %s, status: %s}) { executionId } }'
    for time_value, status in (('"2016-01-31"', "ERROR"), ('"2016-01-31T15:32:00Z"', "BROKEN"), ('"2016-01-31T15:32:00Z"', "ENQUEUED")):
        answer = api.gql(literal % (time_value, status))
        assert answer.status_code == 400 and answer.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    answer = api.gql(HISTORY, {"input": {"processId": "p", "executionTime": "yesterday", "status": "ERROR"}})
    assert answer.status_code == 400 and answer.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    error = api.gql_error(HISTORY, {"input": {"processId": "p", "executionTime": "2016-01-31T15:32:00Z", "status": "ERROR"}}, space=None)
    assert error["extensions"]["code"] == "MISSING_SPACE_ID"


# -- log, faults, reset ---------------------------------------------------------------------------------------------


def test_runs_in_the_log_and_counts(api):
    _inst, pids = _deployed(api)
    del api.sim.log[:]
    _run(api, pids[0])
    api.rest("POST", "ExecutionRequest", {"atomId": TEST_ATOM, "processId": pids[0]})
    _run(api, pids[1])
    api.rest("GET", "ExecutionRecord/async/x")
    counts = api.sim.counts()
    assert counts["by_operation"] == {"ExecutionRequest.create": 3, "ExecutionRecord.async": 1}
    assert counts["writes"] == 3 and counts["committed"] == {"execute": 2}
    assert [e.get("committed") for e in api.sim.log] == [["execute"], None, ["execute"], None]


def test_drop_after_commit_loses_the_answer_of_a_started_run(api):
    _inst, pids = _deployed(api)
    api.sim.set_faults(drop_after_commit={"operation": "execute", "count": 2})
    with pytest.raises(requests.ConnectionError):
        api.rest("POST", "ExecutionRequest", {"atomId": PROD_ATOM_1, "processId": pids[0]})
    with pytest.raises(requests.ConnectionError):
        api.gql(EXECUTE, {"input": {"atomId": PROD_ATOM_2, "processId": pids[0]}})
    runs = api.admin("GET", "executions").json()["runs"]
    assert [(r["processId"], r["atomId"]) for r in runs] == [(pids[0], PROD_ATOM_1), (pids[0], PROD_ATOM_2)]
    assert [(e["operation"], e["status"]) for e in api.sim.log if e.get("committed") == ["execute"]] == [
        ("ExecutionRequest.create", 0), ("processExecute", 0)]
    assert api.sim.counts()["committed"]["execute"] == 2
    assert _run(api, pids[0])["requestId"]  # count 2: used up


def test_reset_forgets_runs_and_settings(api):
    _inst, pids = _deployed(api)
    api.sim.set_run_time(5)
    api.sim.set_run_outcome(pids[0], "ERROR")
    request_id = _run(api, pids[0])["requestId"]
    assert api.admin("POST", "reset").status_code == 200
    assert api.admin("GET", "executions").json() == {
        "config": {"run_time": 0.3, "record_delay": None, "async_shape": "wrapped", "long_format": "number"}, "outcomes": {}, "runs": []}
    assert _async(api, request_id).status_code == 404


def test_history_outlives_the_instance(api):
    inst, pids = _deployed(api)
    api.sim.set_run_time(0)
    _run(api, pids[0])
    api.rest_ok("DELETE", "IntegrationPackInstance/" + inst["id"])
    assert api.rest("POST", "ExecutionRequest", {"atomId": PROD_ATOM_1, "processId": pids[0]}).status_code == 400
    assert _query(api)["numberOfResults"] == 1

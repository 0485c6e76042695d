"""Platform REST API: every endpoint, JSON shapes, statuses, QueryFilter and paging."""

import pytest
import requests

ODD_NAME = 'Quo"te {brace} back\\slash \u00e9t\u00e9 \u6771\u4eac'


def _eq(prop, value):
    return {"argument": [value], "operator": "EQUALS", "property": prop}


def _has_type_everywhere(value):
    if isinstance(value, dict):
        return "@type" in value and all(_has_type_everywhere(item) for item in value.values())
    if isinstance(value, list):
        return all(_has_type_everywhere(item) for item in value)
    return True


# -- IntegrationPackInstance -------------------------------------------------------------


def test_create_multi_instance_shape(api):
    pack = api.pack("Order Intake")
    inst = api.install("Order Intake", "Domestic Order Intake")
    assert list(inst) == ["@type", "ProcessId", "integrationPackId", "integrationPackOverrideName", "id"]
    assert inst["@type"] == "IntegrationPackInstance"
    assert inst["integrationPackId"] == pack["id"]
    assert inst["integrationPackOverrideName"] == "Domestic Order Intake"
    assert [p["originalProcessId"] for p in inst["ProcessId"]] == [p["id"] for p in pack["processes"]]
    assert [p["name"] for p in inst["ProcessId"]] == ["Domestic Order Intake - INT", "Domestic Order Intake - Acknowledge"]
    for entry in inst["ProcessId"]:
        assert entry["@type"] == "ProcessId"
        assert entry["wrapperProcessId"] not in (entry["originalProcessId"], None)
    assert _has_type_everywhere(inst)


def test_create_single_instance_has_no_wrapper_ids_nor_override_name(api):
    pack = api.pack("Salesforce Account Sync")
    inst = api.install("Salesforce Account Sync", None)
    assert "integrationPackOverrideName" not in inst
    assert inst["ProcessId"] == [{"@type": "ProcessId", "originalProcessId": p["id"], "name": p["name"]} for p in pack["processes"]]


def test_rest_may_install_a_pack_not_shared_with_the_space(api):
    inst = api.install("Legacy EDI Bridge", None)
    assert inst["integrationPackId"] == api.pack("Legacy EDI Bridge")["id"]


@pytest.mark.parametrize("pack_name, override, fragment", [
    ("Salesforce Account Sync", "X", "multi-install"),
    ("Order Intake", None, "integrationPackOverrideName is required"),
    ("Order Intake", "", "integrationPackOverrideName is required"),
    ("Order Intake", "y" * 256, "255"),
])
def test_create_rule_violations_are_400(api, pack_name, override, fragment):
    body = {"integrationPackId": api.pack(pack_name)["id"]}
    if override is not None:
        body["integrationPackOverrideName"] = override
    answer = api.rest("POST", "IntegrationPackInstance", body)
    assert answer.status_code == 400
    assert answer.json()["@type"] == "Error"
    assert fragment in answer.json()["message"]
    assert api.sim.state.instances == {}


def test_create_duplicates_are_400(api):
    api.install("Salesforce Account Sync", None)
    api.install("Order Intake", "EU")
    for body in ({"integrationPackId": api.pack("Salesforce Account Sync")["id"]},
                 {"integrationPackId": api.pack("Order Intake")["id"], "integrationPackOverrideName": "EU"}):
        answer = api.rest("POST", "IntegrationPackInstance", body)
        assert answer.status_code == 400, body
    assert len(api.sim.state.instances) == 2


@pytest.mark.parametrize("body", [{}, {"integrationPackId": "no-such-pack"}, {"integrationPackId": 5}, None, "not json"])
def test_create_bad_input_is_400(api, body):
    if body == "not json":
        answer = api.rest("POST", "IntegrationPackInstance", data=b"{not json", headers={"Content-Type": "application/json"})
    else:
        answer = api.rest("POST", "IntegrationPackInstance", body)
    assert answer.status_code == 400
    assert answer.json()["@type"] == "Error"


def test_odd_override_name_round_trips(api):
    inst = api.install("Order Intake", ODD_NAME)
    assert inst["integrationPackOverrideName"] == ODD_NAME
    assert api.rest_ok("GET", "IntegrationPackInstance/" + inst["id"])["integrationPackOverrideName"] == ODD_NAME
    found = api.query("IntegrationPackInstance", _eq("integrationPackOverrideName", ODD_NAME))
    assert [i["id"] for i in found["result"]] == [inst["id"]]


def test_get_and_delete_instance(api):
    inst = api.install()
    assert api.rest_ok("GET", "IntegrationPackInstance/" + inst["id"]) == inst
    env_att = api.attach(inst["id"], "Production")
    assert len(api.sim.state.schedules) == 4
    answer = api.rest("DELETE", "IntegrationPackInstance/" + inst["id"])
    assert answer.status_code == 200
    assert answer.json() is True
    assert answer.text == "true"
    assert api.sim.state.instances == {} and api.sim.state.schedules == {}
    assert env_att["id"] not in api.sim.state.attachments
    for method in ("GET", "DELETE"):
        answer = api.rest(method, "IntegrationPackInstance/" + inst["id"])
        assert answer.status_code == 404
        assert answer.json()["@type"] == "Error"


def test_bulk_get(api):
    first, second = api.install("Order Intake", "A"), api.install("Order Intake", "B")
    body = {"type": "GET", "request": [{"id": second["id"]}, {"id": "missing"}, {"id": first["id"]}]}
    result = api.rest_ok("POST", "IntegrationPackInstance/bulk", body)
    assert result["@type"] == "BulkResult"
    assert [r["statusCode"] for r in result["response"]] == [200, 400, 200]
    assert [r["index"] for r in result["response"]] == [0, 1, 2]
    assert result["response"][0]["Result"] == second and result["response"][2]["Result"] == first
    assert result["response"][1]["id"] == "missing" and "missing" in result["response"][1]["errorMessage"]
    assert "Result" not in result["response"][1]
    assert all(r["@type"] == "BulkResponse" for r in result["response"])


def test_bulk_get_limits(api):
    api.sim.bulk_install(api.pack("Invoice Export")["id"], 101, "b")
    ids = list(api.sim.state.instances)
    ok = api.rest_ok("POST", "IntegrationPackInstance/bulk", {"type": "GET", "request": [{"id": i} for i in ids[:100]]})
    assert len(ok["response"]) == 100 and all(r["statusCode"] == 200 for r in ok["response"])
    answer = api.rest("POST", "IntegrationPackInstance/bulk", {"type": "GET", "request": [{"id": i} for i in ids]})
    assert answer.status_code == 400
    assert "100" in answer.json()["message"]
    for body in ({"type": "DELETE", "request": []}, {"request": []}, {"type": "GET"}, {"type": "GET", "request": ["x"]}):
        assert api.rest("POST", "IntegrationPackInstance/bulk", body).status_code == 400, body


# -- IntegrationPackEnvironmentAttachment -------------------------------------------------------


def test_attachment_create_query_delete(api):
    inst = api.install()
    att = api.attach(inst["id"], "Test")
    assert att == {"@type": "IntegrationPackEnvironmentAttachment", "integrationPackInstanceId": inst["id"],
                   "environmentId": api.env("Test")["id"], "id": att["id"]}
    prod = api.attach(inst["id"], "Production")
    assert len(api.sim.state.schedules) == 2 * 3
    found = api.query("IntegrationPackEnvironmentAttachment", _eq("integrationPackInstanceId", inst["id"]))
    assert found["result"] == [att, prod]
    found = api.query("IntegrationPackEnvironmentAttachment", _eq("environmentId", api.env("Production")["id"]))
    assert found["result"] == [prod]
    answer = api.rest("DELETE", "IntegrationPackEnvironmentAttachment/" + prod["id"])
    assert answer.status_code == 200 and answer.json() is True
    assert len(api.sim.state.schedules) == 2
    assert api.rest("DELETE", "IntegrationPackEnvironmentAttachment/" + prod["id"]).status_code == 404


def test_attachment_errors(api):
    inst = api.install()
    api.attach(inst["id"], "Test")
    cases = [
        {"integrationPackInstanceId": inst["id"], "environmentId": api.env("Test")["id"]},  # already attached
        {"integrationPackInstanceId": "nope", "environmentId": api.env("Test")["id"]},
        {"integrationPackInstanceId": inst["id"], "environmentId": "nope"},
        {"integrationPackInstanceId": inst["id"]},
    ]
    for body in cases:
        answer = api.rest("POST", "IntegrationPackEnvironmentAttachment", body)
        assert answer.status_code == 400, body
        assert answer.json()["@type"] == "Error"
    assert "already attached" in api.rest("POST", "IntegrationPackEnvironmentAttachment", cases[0]).json()["message"]
    assert api.rest("GET", "IntegrationPackEnvironmentAttachment/anything").status_code == 410


# -- read-only objects -----------------------------------------------------------------------------


def test_integration_pack_get_and_query(api):
    pack = api.pack("Legacy EDI Bridge")
    got = api.rest_ok("GET", "IntegrationPack/" + pack["id"])
    assert got == {"@type": "IntegrationPack", "Description": pack["description"], "id": pack["id"], "name": pack["name"], "installationType": "SINGLE"}
    everything = api.query("IntegrationPack")
    assert everything["numberOfResults"] == 6
    shipping = api.query("IntegrationPack", _eq("name", "Shipping Notifications"))
    assert sorted(p["installationType"] for p in shipping["result"]) == ["MULTI", "SINGLE"]
    multi = api.query("IntegrationPack", _eq("installationType", "MULTI"))
    assert {p["name"] for p in multi["result"]} == {"Order Intake", "Invoice Export", "Shipping Notifications"}
    assert api.query("IntegrationPack", _eq("id", pack["id"]))["result"] == [got]
    assert api.rest("GET", "IntegrationPack/no-such-pack").status_code == 404


def test_environment_get_and_query(api):
    env = api.env("Production")
    got = api.rest_ok("GET", "Environment/" + env["id"])
    assert got == {"@type": "Environment", "id": env["id"], "name": "Production", "classification": "PROD"}
    sandboxes = api.query("Environment", _eq("name", "Sandbox"))
    assert len(sandboxes["result"]) == 2
    tests = api.query("Environment", _eq("classification", "TEST"))
    assert [e["name"] for e in tests["result"]] == ["Test", "Sandbox", "Sandbox"]
    assert api.query("Environment", _eq("id", env["id"]))["result"] == [got]
    assert api.rest("GET", "Environment/no-such-env").status_code == 404


def test_environment_atom_attachment_query(api):
    everything = api.query("EnvironmentAtomAttachment")
    assert everything["numberOfResults"] == 5
    prod = api.env("Production")
    found = api.query("EnvironmentAtomAttachment", _eq("environmentId", prod["id"]))
    assert [a["atomId"] for a in found["result"]] == [a["id"] for a in prod["atoms"]]
    for item in found["result"]:
        assert item["@type"] == "EnvironmentAtomAttachment" and item["environmentId"] == prod["id"] and item["id"]
    by_atom = api.query("EnvironmentAtomAttachment", _eq("atomId", prod["atoms"][1]["id"]))
    assert by_atom["result"] == [found["result"][1]]


def test_process_query(api):
    multi = api.install("Order Intake", "EU")
    single = api.install("Salesforce Account Sync", None)
    found = api.query("Process", _eq("integrationPackInstanceId", multi["id"]))
    assert [p["id"] for p in found["result"]] == [p["wrapperProcessId"] for p in multi["ProcessId"]]
    item = found["result"][0]
    assert item == {"@type": "Process",
                    "IntegrationPack": [{"@type": "ProcessIntegrationPackInfo", "integrationPackId": multi["integrationPackId"],
                                         "integrationPackInstanceId": multi["id"]}],
                    "Description": "", "name": "EU - INT", "id": multi["ProcessId"][0]["wrapperProcessId"]}
    by_pack = api.query("Process", _eq("integrationPackId", single["integrationPackId"]))
    assert [p["id"] for p in by_pack["result"]] == [p["originalProcessId"] for p in single["ProcessId"]]
    assert [p["name"] for p in api.query("Process", _eq("name", "Contact Sync"))["result"]] == ["Contact Sync"]
    assert api.query("Process", _eq("id", item["id"]))["result"] == [item]
    assert api.query("Process")["numberOfResults"] == 4


# -- ProcessSchedules ---------------------------------------------------------------------------------


def _records(api, env="Production"):
    inst = api.install()
    api.attach(inst["id"], env)
    return inst, api.query("ProcessSchedules")["result"]


def test_process_schedules_get_and_query(api):
    inst, records = _records(api)
    assert len(records) == 4
    record = records[0]
    assert record == {"@type": "ProcessSchedules", "Schedule": [], "Retry": {"@type": "ScheduleRetry", "Schedule": [], "maxRetry": 5},
                      "processId": inst["ProcessId"][0]["wrapperProcessId"], "atomId": api.env("Production")["atoms"][0]["id"], "id": record["id"]}
    assert api.rest_ok("GET", "ProcessSchedules/" + record["id"]) == record
    both = {"operator": "and", "nestedExpression": [_eq("atomId", record["atomId"]), _eq("processId", record["processId"])]}
    assert api.query("ProcessSchedules", both)["result"] == [record]
    assert len(api.query("ProcessSchedules", _eq("processId", record["processId"]))["result"]) == 2
    assert api.rest("GET", "ProcessSchedules/unknown").status_code == 404


def test_process_schedules_update_full_replace(api):
    _inst, records = _records(api)
    record = records[0]
    schedule = {"minutes": "0-59/15", "hours": "8-18", "daysOfWeek": "2,3,4,5,6", "daysOfMonth": "*", "months": "*", "years": "*"}
    body = {"Schedule": [schedule], "Retry": {"Schedule": [dict(schedule, hours="1")], "maxRetry": 2},
            "processId": record["processId"], "atomId": record["atomId"], "id": record["id"]}
    updated = api.rest_ok("POST", "ProcessSchedules/" + record["id"], body)
    assert updated["Schedule"] == [dict(schedule, **{"@type": "Schedule"})]
    assert updated["Retry"] == {"@type": "ScheduleRetry", "Schedule": [dict(schedule, hours="1", **{"@type": "Schedule"})], "maxRetry": 2}
    assert api.rest_ok("GET", "ProcessSchedules/" + record["id"]) == updated
    # the body as returned (with @type) is accepted too; partial items default to "*"
    updated["Schedule"] = [{"@type": "Schedule", "minutes": "30", "hours": "2"}]
    again = api.rest_ok("POST", "ProcessSchedules/" + record["id"], updated)
    assert again["Schedule"] == [{"@type": "Schedule", "minutes": "30", "hours": "2", "daysOfWeek": "*", "daysOfMonth": "*", "months": "*", "years": "*"}]
    # full replace: without Retry the retry settings go back to the defaults
    bare = {"Schedule": [], "processId": record["processId"], "atomId": record["atomId"], "id": record["id"]}
    cleared = api.rest_ok("POST", "ProcessSchedules/" + record["id"], bare)
    assert cleared["Schedule"] == [] and cleared["Retry"] == {"@type": "ScheduleRetry", "Schedule": [], "maxRetry": 5}
    # other records are untouched
    assert all(r["Schedule"] == [] for r in api.query("ProcessSchedules")["result"])


@pytest.mark.parametrize("max_retry", [0, 6, -1, "3", None, 1.5])
def test_process_schedules_update_bad_max_retry_is_400(api, max_retry):
    _inst, records = _records(api)
    record = records[0]
    body = {"Schedule": [], "Retry": {"Schedule": [], "maxRetry": max_retry}, "processId": record["processId"], "atomId": record["atomId"], "id": record["id"]}
    answer = api.rest("POST", "ProcessSchedules/" + record["id"], body)
    assert answer.status_code == 400
    assert "maxRetry" in answer.json()["message"]


@pytest.mark.parametrize("max_retry", [1, 5])
def test_process_schedules_update_max_retry_bounds_are_valid(api, max_retry):
    _inst, records = _records(api)
    record = records[0]
    body = {"Schedule": [], "Retry": {"Schedule": [], "maxRetry": max_retry}, "processId": record["processId"], "atomId": record["atomId"], "id": record["id"]}
    assert api.rest_ok("POST", "ProcessSchedules/" + record["id"], body)["Retry"]["maxRetry"] == max_retry


def test_process_schedules_update_ids_must_match(api):
    _inst, records = _records(api)
    record, other = records[0], records[1]
    base = {"Schedule": [], "Retry": {"Schedule": [], "maxRetry": 1}, "processId": record["processId"], "atomId": record["atomId"], "id": record["id"]}
    for key in ("id", "atomId", "processId"):
        missing = {k: v for k, v in base.items() if k != key}
        assert api.rest("POST", "ProcessSchedules/" + record["id"], missing).status_code == 400, key
        wrong = dict(base, **{key: other[key] if other[key] != record[key] else "x"})
        answer = api.rest("POST", "ProcessSchedules/" + record["id"], wrong)
        assert answer.status_code == 400 and key in answer.json()["message"], key
    assert api.rest("POST", "ProcessSchedules/unknown-id", base).status_code == 404
    assert api.rest("POST", "ProcessSchedules/" + record["id"], dict(base, extra=1)).status_code == 400
    assert api.rest("POST", "ProcessSchedules/" + record["id"], data=b"[", headers={"Content-Type": "application/json"}).status_code == 400


# -- QueryFilter -----------------------------------------------------------------------------------------


@pytest.fixture
def four(api):
    """Four instances: three of Order Intake, one of Invoice Export, one single."""
    names = ["Alpha EU", "Beta US", "Gamma EU"]
    instances = [api.install("Order Intake", name) for name in names]
    instances.append(api.install("Invoice Export", "Delta"))
    instances.append(api.install("Salesforce Account Sync", None))
    return instances


def _names(api, expression):
    return [i.get("integrationPackOverrideName") for i in api.query("IntegrationPackInstance", expression)["result"]]


@pytest.mark.parametrize("operator, args, expected", [
    ("EQUALS", ["Beta US"], ["Beta US"]),
    ("NOT_EQUALS", ["Beta US"], ["Alpha EU", "Gamma EU", "Delta", None]),
    ("LIKE", ["%EU"], ["Alpha EU", "Gamma EU"]),
    ("LIKE", ["B%U%"], ["Beta US"]),
    ("LIKE", ["eu"], []),
    ("STARTS_WITH", ["Ga"], ["Gamma EU"]),
    ("CONTAINS", ["ta"], ["Beta US", "Delta"]),
    ("NOT_CONTAINS", ["EU"], ["Beta US", "Delta", None]),
    ("IS_NULL", [], [None]),
    ("IS_NOT_NULL", [], ["Alpha EU", "Beta US", "Gamma EU", "Delta"]),
    ("BETWEEN", ["B", "Gz"], ["Beta US", "Gamma EU", "Delta"]),
    ("GREATER_THAN", ["Beta US"], ["Gamma EU", "Delta"]),
    ("GREATER_THAN_OR_EQUAL", ["Beta US"], ["Beta US", "Gamma EU", "Delta"]),
    ("LESS_THAN", ["Beta US"], ["Alpha EU"]),
    ("LESS_THAN_OR_EQUAL", ["Beta US"], ["Alpha EU", "Beta US"]),
])
def test_simple_operators(api, four, operator, args, expected):
    assert four
    assert _names(api, {"argument": args, "operator": operator, "property": "integrationPackOverrideName"}) == expected


def test_instance_query_properties(api, four):
    assert len(api.query("IntegrationPackInstance", _eq("integrationPackName", "Order Intake"))["result"]) == 3
    assert len(api.query("IntegrationPackInstance", _eq("integrationPackId", api.pack("Invoice Export")["id"]))["result"]) == 1
    assert api.query("IntegrationPackInstance", _eq("integrationPackName", "Order Intake"))["result"] == four[:3]


def test_nested_and_or(api, four):
    assert four
    expression = {"operator": "and", "nestedExpression": [
        _eq("integrationPackName", "Order Intake"),
        {"operator": "or", "nestedExpression": [
            {"argument": ["%EU"], "operator": "LIKE", "property": "integrationPackOverrideName"},
            _eq("integrationPackOverrideName", "Delta"),
        ]},
    ]}
    assert _names(api, expression) == ["Alpha EU", "Gamma EU"]
    expression = {"operator": "or", "nestedExpression": [_eq("integrationPackOverrideName", "Delta"), _eq("integrationPackOverrideName", "Beta US")]}
    assert _names(api, expression) == ["Beta US", "Delta"]
    assert len(_names(api, {"operator": "and", "nestedExpression": []})) == 5
    assert _names(api, {"operator": "or", "nestedExpression": []}) == []


@pytest.mark.parametrize("body", [None, {}])
def test_empty_query_returns_everything(api, four, body):
    answer = api.rest("POST", "IntegrationPackInstance/query", body)
    assert answer.status_code == 200
    assert answer.json()["numberOfResults"] == len(four)
    assert "queryToken" not in answer.json()


def test_query_without_results(api):
    result = api.query("IntegrationPackInstance", _eq("integrationPackName", "nothing"))
    assert result == {"@type": "QueryResult", "numberOfResults": 0, "result": []}


@pytest.mark.parametrize("expression, fragment", [
    (_eq("noSuchProperty", "x"), "noSuchProperty"),
    ({"argument": ["x"], "operator": "MATCHES", "property": "integrationPackName"}, "MATCHES"),
    ({"argument": ["x", "y"], "operator": "EQUALS", "property": "integrationPackName"}, "EQUALS"),
    ({"argument": ["x"], "operator": "BETWEEN", "property": "integrationPackName"}, "BETWEEN"),
    ({"argument": ["x"], "operator": "IS_NULL", "property": "integrationPackName"}, "IS_NULL"),
    ({"operator": "EQUALS", "property": "integrationPackName"}, "EQUALS"),
    ({"operator": "xor", "nestedExpression": []}, "xor"),
    ({"operator": "and", "nestedExpression": [_eq("bad", "x")]}, "bad"),
    ({"argument": [1], "operator": "EQUALS", "property": "integrationPackName"}, "argument"),
])
def test_bad_query_filters_are_400(api, expression, fragment):
    answer = api.rest("POST", "IntegrationPackInstance/query", {"QueryFilter": {"expression": expression}})
    assert answer.status_code == 400
    assert answer.json()["@type"] == "Error"
    assert fragment in answer.json()["message"]


@pytest.mark.parametrize("body", [{"QueryFilter": {}}, {"Filter": {}}, [1], "x"])
def test_malformed_query_bodies_are_400(api, body):
    assert api.rest("POST", "IntegrationPackInstance/query", body).status_code == 400


@pytest.mark.parametrize("object_type, prop", [
    ("IntegrationPackEnvironmentAttachment", "integrationPackName"),
    ("IntegrationPack", "integrationPackId"),
    ("Environment", "atomId"),
    ("EnvironmentAtomAttachment", "name"),
    ("Process", "atomId"),
    ("ProcessSchedules", "id"),
])
def test_each_object_refuses_foreign_properties(api, object_type, prop):
    answer = api.rest("POST", object_type + "/query", {"QueryFilter": {"expression": _eq(prop, "x")}})
    assert answer.status_code == 400
    assert prop in answer.json()["message"]


# -- paging ----------------------------------------------------------------------------------------------


def _query_more(api, object_type, token):
    return api.rest("POST", object_type + "/queryMore", data=token.encode(), headers={"Content-Type": "text/plain"})


def test_paging_over_250_instances(api):
    api.sim.bulk_install(api.pack("Invoice Export")["id"], 250, "page")
    first = api.query("IntegrationPackInstance")
    assert first["numberOfResults"] == 100 and len(first["result"]) == 100
    assert first["queryToken"]
    second = _query_more(api, "IntegrationPackInstance", first["queryToken"])
    assert second.status_code == 200
    second = second.json()
    assert second["numberOfResults"] == 100 and second["queryToken"] and second["queryToken"] != first["queryToken"]
    third = _query_more(api, "IntegrationPackInstance", second["queryToken"]).json()
    assert third["numberOfResults"] == 50 and len(third["result"]) == 50
    assert "queryToken" not in third
    names = [i["integrationPackOverrideName"] for page in (first, second, third) for i in page["result"]]
    assert names == ["page-%05d" % n for n in range(1, 251)]
    assert [e["operation"] for e in api.sim.log[-3:]] == ["IntegrationPackInstance.query"] + ["IntegrationPackInstance.queryMore"] * 2


def test_exactly_100_results_have_no_token(api):
    api.sim.bulk_install(api.pack("Invoice Export")["id"], 100, "p")
    page = api.query("IntegrationPackInstance")
    assert page["numberOfResults"] == 100 and "queryToken" not in page


def test_query_more_with_bad_tokens_is_400(api):
    api.sim.bulk_install(api.pack("Invoice Export")["id"], 150, "p")
    token = api.query("IntegrationPackInstance")["queryToken"]
    for bad in ("", "not-a-token", '"%s"' % token):
        answer = _query_more(api, "IntegrationPackInstance", bad)
        assert answer.status_code == 400
        assert answer.json()["@type"] == "Error"
    assert _query_more(api, "Process", token).status_code == 400  # a token of another object
    assert _query_more(api, "IntegrationPackInstance", token).status_code == 200
    api.sim.reset()
    assert _query_more(api, "IntegrationPackInstance", token).status_code == 400  # tokens do not survive a reset


@pytest.mark.parametrize("object_type", ["Process", "ProcessSchedules", "IntegrationPackEnvironmentAttachment"])
def test_paging_other_objects(api, object_type):
    bulk = api.sim.bulk_install(api.pack("Invoice Export")["id"], 60, "p")
    prod = api.env("Production")["id"]
    for inst in bulk:
        api.sim.state.attach(inst["id"], [prod])
    # 60 attachments, 60 processes, 120 schedule records
    first = api.query(object_type)
    total = first["numberOfResults"]
    if "queryToken" in first:
        total += _query_more(api, object_type, first["queryToken"]).json()["numberOfResults"]
    assert total == {"Process": 60, "ProcessSchedules": 120, "IntegrationPackEnvironmentAttachment": 60}[object_type]


# -- HTTP-level -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method, path", [
    ("POST", "NoSuchObject/query"),
    ("GET", "IntegrationPackInstance"),
    ("PUT", "IntegrationPackInstance/x"),
    ("POST", "IntegrationPackInstance/x/extra"),
    ("GET", "EnvironmentAtomAttachment/x"),
    ("DELETE", "IntegrationPack/x"),
    ("POST", "Process/bulk"),
    ("GET", ""),
])
def test_unknown_endpoints_are_410(api, method, path):
    answer = api.rest(method, path)
    assert answer.status_code == 410
    assert answer.json() == {"@type": "Error", "message": "Endpoint is invalid or no longer exists."}


@pytest.mark.parametrize("accept", [None, "application/xml", "*/*", "text/plain"])
def test_without_json_accept_is_406(api, accept):
    headers = {"Authorization": requests.auth._basic_auth_str(api.username, api.password)}  # pylint: disable=protected-access
    if accept is not None:
        headers["Accept"] = accept
    answer = requests.post(api.url + "/api/rest/v1/%s/Environment/query" % api.account_id, json={}, headers=headers, timeout=5)
    assert answer.status_code == 406
    answer = requests.post(api.url + "/api/rest/v1/%s/Environment/query" % api.account_id, json={}, timeout=5,
                           headers=dict(headers, Accept="application/xml, application/json;q=0.9"))
    assert answer.status_code == 200


def test_responses_have_content_length_and_keep_alive(api):
    with requests.Session() as session:
        session.auth = (api.username, api.password)
        session.headers["Accept"] = "application/json"
        for _attempt in range(3):
            answer = session.post(api.url + "/api/rest/v1/%s/Environment/query" % api.account_id, json={}, timeout=5)
            assert answer.status_code == 200
            assert int(answer.headers["Content-Length"]) == len(answer.content)
            assert answer.headers["Content-Type"] == "application/json"


def test_every_json_object_carries_a_type(api):
    inst = api.install()
    api.attach(inst["id"], "Test")
    for object_type in ("IntegrationPackInstance", "IntegrationPackEnvironmentAttachment", "IntegrationPack", "Environment",
                        "EnvironmentAtomAttachment", "Process", "ProcessSchedules"):
        assert _has_type_everywhere(api.query(object_type)), object_type


@pytest.mark.parametrize("object_type", ["IntegrationPackInstance", "IntegrationPackEnvironmentAttachment", "IntegrationPack", "Environment",
                                         "EnvironmentAtomAttachment", "Process", "ProcessSchedules"])
def test_every_object_has_query_more(api, object_type):
    answer = _query_more(api, object_type, "unknown-token")
    assert answer.status_code == 400
    assert "queryToken" in answer.json()["message"]
    assert api.sim.log[-1]["operation"] == object_type + ".queryMore"


def test_paging_integration_packs(api):
    api.sim.add_packs(150, "MULTI", "Many")
    first = api.query("IntegrationPack")
    second = _query_more(api, "IntegrationPack", first["queryToken"]).json()
    assert (first["numberOfResults"], second["numberOfResults"]) == (100, 56)
    assert "queryToken" not in second
    assert len({p["id"] for p in first["result"] + second["result"]}) == 156

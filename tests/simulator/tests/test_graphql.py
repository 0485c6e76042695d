"""Spaces GraphQL API: every field, the install rules, SPACE_GUID handling and error codes."""

import base64
import json

import pytest
import requests

INSTALL = """
mutation install($input: IntegrationPackInstanceInput!) {
  integrationPackInstanceInstall(input: $input) {
    id integrationPackId integrationPackOverrideName
    integrationPack { id name description installationType }
  }
}"""
UNINSTALL = "mutation u($id: ID!) { integrationPackInstanceUninstall(id: $id) }"
INSTANCES = "query { integrationPackInstances { id integrationPackId integrationPackOverrideName integrationPack { id name installationType } } }"
PROCESSES = """
query p($id: ID!) {
  integrationPackInstanceProcesses(integrationPackInstanceId: $id) {
    id name
    integrationPack { integrationPackId integrationPackInstanceId }
    processSchedules { id processId atomId envId
      schedule { minutes hours daysOfWeek daysOfMonth months years }
      retry { schedule { minutes hours daysOfWeek daysOfMonth months years } maxRetry } }
  }
}"""
ATTACH = """
mutation a($input: IntegrationPackEnvironmentAttachmentInput!) {
  integrationPackInstanceEnvironmentAttachmentAttach(input: $input) { id environmentId integrationPackInstanceId environmentExtensions }
}"""
UNATTACH = "mutation d($id: ID!) { integrationPackInstanceEnvironmentAttachmentUnattach(id: $id) }"
ENVIRONMENTS = """
query { environments { id name classification
  integrationPackEnvironmentAttachment { id environmentId integrationPackInstanceId environmentExtensions }
  atoms { id name } } }"""
SPACE = """
query s($id: ID!) { Space(id: $id) { id name description createdDate modifiedDate modifiedByAccountId url
  sharedIpacks { id name description installationType } theme { logoUrl logoAltTxt } accountGroup { id name } } }"""
SCHEDULE_UPDATE = """
mutation s($body: String!, $id: String!) {
  processSchedulesUpdate(processSchedules: $body, processSchedulesId: $id) {
    id processId atomId envId
    schedule { minutes hours daysOfWeek daysOfMonth months years }
    retry { schedule { minutes hours daysOfWeek daysOfMonth months years } maxRetry }
  }
}"""

ODD_NAMES = [
    'Quo"te {brace} back\\slash',
    "single ' quote and $dollar and #hash",
    "\u00e9t\u00e9 \u6771\u4eac \U0001F600",
    "tab\tnew\nline",
    "  leading and trailing  ",
    "x" * 255,
]


def _b64decode(text):
    return base64.b64decode(text + "=" * (-len(text) % 4)).decode()


def _install(api, pack_name="Order Intake", override="EU", **kwargs):
    payload = {"integrationPackId": api.pack(pack_name)["id"]}
    if override is not None:
        payload["integrationPackOverrideName"] = override
    return api.gql(INSTALL, {"input": payload}, **kwargs)


def _installed(api, pack_name="Order Intake", override="EU"):
    answer = _install(api, pack_name, override)
    assert answer.status_code == 200 and "errors" not in answer.json(), answer.text
    return answer.json()["data"]["integrationPackInstanceInstall"]


def _attach(api, instance_id, *env_names):
    env_ids = [api.env(name)["id"] for name in env_names]
    return api.gql_data(ATTACH, {"input": {"integrationPackInstanceId": instance_id, "environmentIds": env_ids}})[
        "integrationPackInstanceEnvironmentAttachmentAttach"]


# -- install --------------------------------------------------------------------


def test_install_multi(api):
    inst = _installed(api, "Order Intake", "Domestic")
    pack = api.pack("Order Intake")
    assert inst["integrationPackId"] == pack["id"]
    assert inst["integrationPackOverrideName"] == "Domestic"
    assert inst["integrationPack"] == {"id": pack["id"], "name": "Order Intake", "description": pack["description"], "installationType": "MULTI"}
    assert _b64decode(inst["id"]) == "IntegrationPackInstance1000"
    assert "=" not in inst["id"]
    second = _installed(api, "Order Intake", "International")
    assert _b64decode(second["id"]) == "IntegrationPackInstance1001"


def test_install_single(api):
    inst = _installed(api, "Salesforce Account Sync", None)
    assert inst["integrationPackOverrideName"] is None
    assert inst["integrationPack"]["installationType"] == "SINGLE"


def test_install_without_space_guid_is_allowed(api):
    answer = _install(api, "Invoice Export", "No space", space=None)
    assert answer.status_code == 200
    assert answer.json()["data"]["integrationPackInstanceInstall"]["integrationPackOverrideName"] == "No space"


def test_single_installed_twice_is_refused(api):
    _installed(api, "Salesforce Account Sync", None)
    error = api.gql_error(INSTALL, {"input": {"integrationPackId": api.pack("Salesforce Account Sync")["id"]}})
    assert error["extensions"]["code"] == "PLATFORM_CALL_ERROR"
    assert "already installed" in error["message"]
    assert error["path"] == ["integrationPackInstanceInstall"]


def test_override_name_on_single_is_refused(api):
    error = api.gql_error(INSTALL, {"input": {"integrationPackId": api.pack("Salesforce Account Sync")["id"], "integrationPackOverrideName": "X"}})
    assert error["extensions"]["code"] == "PLATFORM_CALL_ERROR"
    assert "multi-install" in error["message"]
    assert api.sim.state.instances == {}


@pytest.mark.parametrize("override", [None, ""])
def test_multi_without_override_name_is_refused(api, override):
    payload = {"integrationPackId": api.pack("Order Intake")["id"]}
    if override is not None:
        payload["integrationPackOverrideName"] = override
    error = api.gql_error(INSTALL, {"input": payload})
    assert error["extensions"]["code"] == "PLATFORM_CALL_ERROR"
    assert "integrationPackOverrideName is required" in error["message"]


def test_multi_duplicate_override_name_is_refused_case_sensitively(api):
    _installed(api, "Order Intake", "EU")
    error = api.gql_error(INSTALL, {"input": {"integrationPackId": api.pack("Order Intake")["id"], "integrationPackOverrideName": "EU"}})
    assert error["extensions"]["code"] == "PLATFORM_CALL_ERROR"
    assert "already exists" in error["message"]
    _installed(api, "Order Intake", "eu")  # different case: a different name
    _installed(api, "Invoice Export", "EU")  # unique per pack only


def test_override_name_longer_than_255_is_refused(api):
    error = api.gql_error(INSTALL, {"input": {"integrationPackId": api.pack("Order Intake")["id"], "integrationPackOverrideName": "x" * 256}})
    assert error["extensions"]["code"] == "PLATFORM_CALL_ERROR"
    assert "255" in error["message"]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_override_names_round_trip_through_variables(api, name):
    inst = _installed(api, "Order Intake", name)
    assert inst["integrationPackOverrideName"] == name
    listed = api.gql_data(INSTANCES)["integrationPackInstances"]
    assert [i["integrationPackOverrideName"] for i in listed] == [name]
    processes = api.gql_data(PROCESSES, {"id": inst["id"]})["integrationPackInstanceProcesses"]
    assert sorted(p["name"] for p in processes) == sorted([name + " - INT", name + " - Acknowledge"])
    rest = api.rest_ok("GET", "IntegrationPackInstance/" + inst["id"])
    assert rest["integrationPackOverrideName"] == name


def test_odd_override_name_as_an_escaped_literal(api):
    name = 'Quo"te {brace} back\\slash \u00e9'
    literal = json.dumps(name)  # a valid GraphQL string literal for this text
    query = 'mutation { integrationPackInstanceInstall(input: {integrationPackId: "%s", integrationPackOverrideName: %s}) { integrationPackOverrideName } }' % (
        api.pack("Order Intake")["id"], literal)
    assert api.gql_data(query)["integrationPackInstanceInstall"]["integrationPackOverrideName"] == name


def test_install_of_pack_not_shared_with_the_space_is_refused(api):
    error = _install(api, "Legacy EDI Bridge", None).json()["errors"][0]
    assert error["extensions"]["code"] == "IPACK_NOT_FOUND_IN_SPACE"
    assert api.sim.state.instances == {}


def test_install_of_unknown_pack(api):
    error = api.gql_error(INSTALL, {"input": {"integrationPackId": "00000000-0000-0000-0000-000000000000"}}, space=None)
    assert error["extensions"]["code"] == "IPACK_NOT_FOUND_IN_SPACE"


def test_install_with_unknown_space(api):
    error = _install(api, "Order Intake", "X", space="no-such-space").json()["errors"][0]
    assert error["extensions"]["code"] == "SPACE_NOT_FOUND"


# -- queries ----------------------------------------------------------------------


def test_instances_lists_only_packs_shared_with_the_space(api):
    shared = _installed(api, "Order Intake", "EU")
    api.install("Legacy EDI Bridge", None)  # via REST: the account may install it
    listed = api.gql_data(INSTANCES)["integrationPackInstances"]
    assert [i["id"] for i in listed] == [shared["id"]]
    assert listed[0]["integrationPack"]["name"] == "Order Intake"
    assert len(api.rest_ok("POST", "IntegrationPackInstance/query", {})["result"]) == 2


def test_instances_are_listed_in_install_order(api):
    names = ["c", "a", "b"]
    for name in names:
        _installed(api, "Order Intake", name)
    assert [i["integrationPackOverrideName"] for i in api.gql_data(INSTANCES)["integrationPackInstances"]] == names


def test_processes_of_a_multi_instance(api):
    inst = _installed(api, "Order Intake", "EU")
    pack = api.pack("Order Intake")
    processes = api.gql_data(PROCESSES, {"id": inst["id"]})["integrationPackInstanceProcesses"]
    assert [p["name"] for p in processes] == ["EU - INT", "EU - Acknowledge"]
    pack_process_ids = {p["id"] for p in pack["processes"]}
    for proc in processes:
        assert proc["id"] not in pack_process_ids  # a synthetic wrapper id
        assert proc["integrationPack"] == [{"integrationPackId": pack["id"], "integrationPackInstanceId": inst["id"]}]
        assert proc["processSchedules"] == []
    rest = api.rest_ok("GET", "IntegrationPackInstance/" + inst["id"])
    assert [p["wrapperProcessId"] for p in rest["ProcessId"]] == [p["id"] for p in processes]
    assert [p["originalProcessId"] for p in rest["ProcessId"]] == [p["id"] for p in pack["processes"]]
    other = _installed(api, "Order Intake", "US")
    other_ids = {p["id"] for p in api.gql_data(PROCESSES, {"id": other["id"]})["integrationPackInstanceProcesses"]}
    assert not other_ids & {p["id"] for p in processes}


def test_processes_of_a_single_instance_keep_the_pack_process_ids(api):
    inst = _installed(api, "Salesforce Account Sync", None)
    pack = api.pack("Salesforce Account Sync")
    processes = api.gql_data(PROCESSES, {"id": inst["id"]})["integrationPackInstanceProcesses"]
    assert [(p["id"], p["name"]) for p in processes] == [(p["id"], p["name"]) for p in pack["processes"]]


def test_processes_of_unknown_instance(api):
    error = api.gql_error(PROCESSES, {"id": "SW50ZWdyYXRpb25QYWNrSW5zdGFuY2U5OTk5"})
    assert error["extensions"]["code"] == "IPACK_INSTANCE_ID_INVALID"
    assert error["path"] == ["integrationPackInstanceProcesses"]


def test_processes_of_an_instance_not_visible_in_the_space(api):
    legacy = api.install("Legacy EDI Bridge", None)
    error = api.gql_error(PROCESSES, {"id": legacy["id"]})
    assert error["extensions"]["code"] == "IPACK_INSTANCE_ID_INVALID"


def test_environments(api):
    envs = api.gql_data(ENVIRONMENTS)["environments"]
    assert [(e["name"], e["classification"], len(e["atoms"])) for e in envs] == [
        ("Test", "TEST", 1), ("Production", "PROD", 2), ("Sandbox", "TEST", 1), ("Sandbox", "TEST", 1)]
    assert envs[1]["atoms"] == [{"id": a["id"], "name": a["name"]} for a in api.env("Production")["atoms"]]
    assert all(e["integrationPackEnvironmentAttachment"] == [] for e in envs)
    inst = _installed(api)
    attachment = _attach(api, inst["id"], "Production")[0]
    envs = api.gql_data(ENVIRONMENTS)["environments"]
    assert envs[1]["integrationPackEnvironmentAttachment"] == [attachment]
    assert envs[0]["integrationPackEnvironmentAttachment"] == []


def test_space(api):
    space = api.gql_data(SPACE, {"id": api.space_guid}, space=None)["Space"]
    assert space["id"] == api.space_guid
    assert space["name"] == "Acme Integrations"
    names = [p["name"] for p in space["sharedIpacks"]]
    assert names == ["Salesforce Account Sync", "Order Intake", "Invoice Export", "Shipping Notifications", "Shipping Notifications"]
    assert "Legacy EDI Bridge" not in names
    assert {p["installationType"] for p in space["sharedIpacks"] if p["name"] == "Shipping Notifications"} == {"SINGLE", "MULTI"}
    assert space["accountGroup"]["name"] == "Acme Group"
    assert space["theme"] == {"logoUrl": None, "logoAltTxt": "Acme"}


def test_unknown_space(api):
    error = api.gql_error(SPACE, {"id": "no-such-space"})
    assert error["extensions"]["code"] == "SPACE_NOT_FOUND"
    assert api.gql(SPACE, {"id": "no-such-space"}).json()["data"] == {"Space": None}


# -- SPACE_GUID -------------------------------------------------------------------


SPACE_REQUIRED = [
    ("integrationPackInstances", INSTANCES, None),
    ("integrationPackInstanceProcesses", PROCESSES, {"id": "x"}),
    ("environments", ENVIRONMENTS, None),
    ("integrationPackInstanceEnvironmentAttachmentAttach", ATTACH, {"input": {"integrationPackInstanceId": "x", "environmentIds": ["y"]}}),
    ("integrationPackInstanceEnvironmentAttachmentUnattach", UNATTACH, {"id": "x"}),
    ("processSchedulesUpdate", SCHEDULE_UPDATE, {"body": "{}", "id": "x"}),
]


@pytest.mark.parametrize("field, query, variables", SPACE_REQUIRED)
def test_space_guid_is_required(api, field, query, variables):
    error = api.gql_error(query, variables, space=None)
    assert error["extensions"]["code"] == "MISSING_SPACE_ID"
    assert error["path"] == [field]
    error = api.gql_error(query, variables, space="00000000-no-such-space")
    assert error["extensions"]["code"] == "SPACE_NOT_FOUND"


def test_uninstall_does_not_need_a_space(api):
    inst = _installed(api)
    assert api.gql_data(UNINSTALL, {"id": inst["id"]}, space=None) == {"integrationPackInstanceUninstall": inst["id"]}


# -- uninstall, attach, unattach --------------------------------------------------------


def test_uninstall(api):
    inst = _installed(api)
    _attach(api, inst["id"], "Test", "Production")
    assert len(api.sim.state.schedules) == 6
    assert api.gql_data(UNINSTALL, {"id": inst["id"]})["integrationPackInstanceUninstall"] == inst["id"]
    assert api.gql_data(INSTANCES)["integrationPackInstances"] == []
    assert api.sim.state.attachments == {} and api.sim.state.schedules == {}
    error = api.gql_error(UNINSTALL, {"id": inst["id"]})
    assert error["extensions"]["code"] == "IPACK_INSTANCE_ID_INVALID"


def test_attach_to_several_environments_creates_schedules_per_process_and_atom(api):
    inst = _installed(api)
    created = _attach(api, inst["id"], "Test", "Production")
    test_env, prod_env = api.env("Test"), api.env("Production")
    assert [a["environmentId"] for a in created] == [test_env["id"], prod_env["id"]]
    for att in created:
        assert att["integrationPackInstanceId"] == inst["id"]
        assert att["environmentExtensions"] is None
        assert base64.urlsafe_b64decode(att["id"] + "=" * (-len(att["id"]) % 4)).decode() == "ATTACH_IPACK_ENV%s:%s" % (inst["id"], att["environmentId"])
    processes = api.gql_data(PROCESSES, {"id": inst["id"]})["integrationPackInstanceProcesses"]
    atoms = {a["id"]: env["id"] for env in (test_env, prod_env) for a in env["atoms"]}
    for proc in processes:
        records = proc["processSchedules"]
        assert len(records) == 3  # Test has 1 atom, Production 2
        assert {r["atomId"] for r in records} == set(atoms)
        for record in records:
            assert record["processId"] == proc["id"]
            assert record["envId"] == atoms[record["atomId"]]
            assert _b64decode(record["id"]) == "CPS%s:%s" % (record["atomId"], proc["id"])
            assert record["schedule"] == []
            assert record["retry"] == {"schedule": [], "maxRetry": 5}


def test_attach_twice_is_refused_and_attaches_nothing(api):
    inst = _installed(api)
    _attach(api, inst["id"], "Test")
    variables = {"input": {"integrationPackInstanceId": inst["id"], "environmentIds": [api.env("Production")["id"], api.env("Test")["id"]]}}
    error = api.gql_error(ATTACH, variables)
    assert error["extensions"]["code"] == "PLATFORM_CALL_ERROR"
    assert "already attached" in error["message"]
    assert len(api.sim.state.attachments) == 1


def test_attach_errors(api):
    inst = _installed(api)
    error = api.gql_error(ATTACH, {"input": {"integrationPackInstanceId": "bad", "environmentIds": [api.env("Test")["id"]]}})
    assert error["extensions"]["code"] == "IPACK_INSTANCE_ID_INVALID"
    error = api.gql_error(ATTACH, {"input": {"integrationPackInstanceId": inst["id"], "environmentIds": ["no-such-env"]}})
    assert error["extensions"]["code"] == "PLATFORM_CALL_ERROR"
    assert "no-such-env" in error["message"]
    error = api.gql_error(ATTACH, {"input": {"integrationPackInstanceId": inst["id"], "environmentIds": []}})
    assert error["extensions"]["code"] == "PLATFORM_CALL_ERROR"
    assert api.sim.state.attachments == {}


def test_attach_single_instance(api):
    inst = _installed(api, "Salesforce Account Sync", None)
    _attach(api, inst["id"], "Production")
    processes = api.gql_data(PROCESSES, {"id": inst["id"]})["integrationPackInstanceProcesses"]
    assert [len(p["processSchedules"]) for p in processes] == [2, 2]


def test_unattach_removes_the_attachment_and_its_schedules(api):
    inst = _installed(api)
    test_att, prod_att = _attach(api, inst["id"], "Test", "Production")
    assert api.gql_data(UNATTACH, {"id": prod_att["id"]}) == {"integrationPackInstanceEnvironmentAttachmentUnattach": prod_att["id"]}
    processes = api.gql_data(PROCESSES, {"id": inst["id"]})["integrationPackInstanceProcesses"]
    assert all(len(p["processSchedules"]) == 1 for p in processes)
    assert all(p["processSchedules"][0]["envId"] == api.env("Test")["id"] for p in processes)
    assert list(api.sim.state.attachments) == [test_att["id"]]
    error = api.gql_error(UNATTACH, {"id": prod_att["id"]})
    assert error["extensions"]["code"] == "PLATFORM_CALL_ERROR"
    # and attaching again works
    assert _attach(api, inst["id"], "Production")[0]["id"] == prod_att["id"]


# -- processSchedulesUpdate -------------------------------------------------------------


def _first_record(api, env="Test"):
    inst = _installed(api)
    _attach(api, inst["id"], env)
    return api.gql_data(PROCESSES, {"id": inst["id"]})["integrationPackInstanceProcesses"][0]["processSchedules"][0]


def _body(record, schedule=None, retry=None):
    return {"Schedule": schedule if schedule is not None else [], "Retry": retry if retry is not None else {"Schedule": [], "maxRetry": 3},
            "processId": record["processId"], "atomId": record["atomId"], "id": record["id"]}


def test_schedule_update_full_replace(api):
    record = _first_record(api)
    every15 = {"minutes": "0-59/15", "hours": "8-18", "daysOfWeek": "2,3,4,5,6", "daysOfMonth": "*", "months": "*", "years": "*"}
    body = _body(record, [every15, dict(every15, hours="20")], {"Schedule": [dict(every15, minutes="5")], "maxRetry": 2})
    updated = api.gql_data(SCHEDULE_UPDATE, {"body": json.dumps(body), "id": record["id"]})["processSchedulesUpdate"]
    assert updated["id"] == record["id"] and updated["envId"] == record["envId"]
    assert updated["schedule"] == [every15, dict(every15, hours="20")]
    assert updated["retry"] == {"schedule": [dict(every15, minutes="5")], "maxRetry": 2}
    # full replace: a second update with an empty schedule clears it
    updated = api.gql_data(SCHEDULE_UPDATE, {"body": json.dumps(_body(record)), "id": record["id"]})["processSchedulesUpdate"]
    assert updated["schedule"] == [] and updated["retry"] == {"schedule": [], "maxRetry": 3}
    rest = api.rest_ok("GET", "ProcessSchedules/" + record["id"])
    assert rest["Schedule"] == [] and rest["Retry"]["maxRetry"] == 3


@pytest.mark.parametrize("max_retry", [0, 6, "3", None, 2.5, True])
def test_schedule_update_bad_max_retry(api, max_retry):
    record = _first_record(api)
    body = _body(record, retry={"Schedule": [], "maxRetry": max_retry})
    error = api.gql_error(SCHEDULE_UPDATE, {"body": json.dumps(body), "id": record["id"]})
    assert error["extensions"]["code"] == "PLATFORM_CALL_ERROR"
    assert "maxRetry" in error["message"]
    assert api.sim.state.schedules[record["id"]]["Retry"]["maxRetry"] == 5


def test_schedule_update_errors(api):
    record = _first_record(api)
    cases = [
        ("not json", record["id"], "not valid JSON"),
        (json.dumps(_body(record)), "unknown-id", "not found"),
        (json.dumps(dict(_body(record), atomId="other")), record["id"], "atomId"),
        (json.dumps({k: v for k, v in _body(record).items() if k != "processId"}), record["id"], "processId"),
        (json.dumps(_body(record, [{"minutes": "61"}])), record["id"], "minutes"),
    ]
    for body, schedule_id, fragment in cases:
        error = api.gql_error(SCHEDULE_UPDATE, {"body": body, "id": schedule_id})
        assert error["extensions"]["code"] == "PLATFORM_CALL_ERROR"
        assert fragment in error["message"], (fragment, error)


# -- request-level errors --------------------------------------------------------------------


def test_unparsable_query_is_400(api):
    answer = api.gql("query { integrationPackInstances { id ")
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


def test_invalid_query_is_400(api):
    answer = api.gql("query { integrationPackInstances { id noSuchField } }")
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert "noSuchField" in errors[0]["message"]
    assert errors[0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


def test_bad_variables_are_400(api):
    answer = api.gql(UNINSTALL, {"id": None})
    assert answer.status_code == 400
    assert answer.json()["data"] is None and answer.json()["errors"]


@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"variables": {}}', b'{"query": "{ environments { id } }", "variables": []}'])
def test_malformed_body_is_400(api, body):
    answer = requests.post(api.url + "/graphql", data=body, timeout=5,
                           headers={"Authorization": "Bearer " + api.token(), "SPACE_GUID": api.space_guid, "Content-Type": "application/json"})
    assert answer.status_code == 400
    assert answer.json()["errors"]


def test_get_is_405(api):
    answer = requests.get(api.url + "/graphql", headers={"Authorization": "Bearer " + api.token()}, timeout=5)
    assert answer.status_code == 405


def test_operation_name_selects_the_operation(api):
    query = "query a { environments { id } } query b { Space(id: \"%s\") { name } }" % api.space_guid
    assert api.gql_data(query, operation_name="b") == {"Space": {"name": "Acme Integrations"}}
    assert api.gql(query).status_code == 400  # ambiguous without operationName


def test_aliases_and_several_fields(api):
    data = api.gql_data("query { envs: environments { name } s: Space(id: \"%s\") { name } }" % api.space_guid)
    assert len(data["envs"]) == 4 and data["s"]["name"] == "Acme Integrations"
    assert api.sim.log[-1]["operation"] == "environments,Space"

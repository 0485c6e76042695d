"""EnvironmentExtensions over real HTTP: REST (GET, UPDATE at both URLs, QUERY, queryMore, bulk) and
GraphQL (integrationPackEnvironmentAttachments, extensionsUpdate), the admin view of stored values,
and the drop_after_commit fault."""

import base64
import json
import re

import pytest
import requests

ORDER_DB = "ac25e0d1-8b9f-4d96-90b1-69251d036d33"
ORDER_SETTINGS = "c6a365e0-519b-4167-969f-999d382e7191"
BATCH_SIZE = "0d3c0ca7-c33e-4f90-9875-68e1c6a51317"
API_KEY = "569b1bc6-c541-4ea1-a206-b3579628a46a"
SALESFORCE = "b0b2650e-b183-4984-b88f-b42f53efc127"
NOTIFICATION_SETTINGS = "582f5838-d428-4f1f-aa88-6b67cd180f07"
SENDER_ADDRESS = "7a52a856-cd0e-4cef-a5f2-ee501f8bb948"
SMTP_PASSWORD = "9358004d-bcef-4d3a-bb76-eddbe3359df0"
ACKNOWLEDGE = "2f18b37f-ad56-43cb-b0ff-fc35becf799f"

ATTACHMENTS = """
query x($id: String!, $envs: [String!]) {
  integrationPackEnvironmentAttachments(ipackInstanceId: $id, environmentIds: $envs) {
    integrationPackInstanceId environmentId environmentMapExtension environmentExtensions
  }
}"""
UPDATE = "mutation u($input: [ExtensionInput]) { extensionsUpdate(input: $input) }"


def _ext_id(environment_id, group_id):
    return base64.b64encode(("%s:%s" % (environment_id, group_id)).encode()).decode().rstrip("=")


def _query(api, expression=None):
    return api.query("EnvironmentExtensions", expression)["result"]


def _eq(prop, value):
    return {"property": prop, "operator": "EQUALS", "argument": [value]}


def _get(api, ext_id):
    return api.rest_ok("GET", "EnvironmentExtensions/" + ext_id)


def _update(api, ext_id, body, suffix=""):
    return api.rest("POST", "EnvironmentExtensions/%s%s" % (ext_id, suffix), body)


def _fields(obj, conn_id):
    conn = [c for c in obj["connections"]["connection"] if c["id"] == conn_id][0]
    return {field["id"]: field for field in conn["field"]}


def _values(obj, comp_id):
    comp = [c for c in obj["processProperties"]["ProcessProperty"] if c["id"] == comp_id][0]
    return {value["label"]: value for value in comp["ProcessPropertyValue"]}


def _dpps(obj):
    return {prop["name"]: prop["value"] for prop in obj.get("properties", {}).get("property", [])}


def _order_intake(api, env="Test", name="EU"):
    """Install Order Intake, attach it; returns (instance, {process name suffix: extension id})."""
    inst = api.install("Order Intake", name)
    api.attach(inst["id"], env)
    env_id = api.env(env)["id"]
    ids = {proc["name"].split(" - ")[-1]: _ext_id(env_id, proc["wrapperProcessId"]) for proc in inst["ProcessId"]}
    return inst, ids


def _set_everything(api, ext_id):
    """Full update giving every Order Intake INT override a value."""
    body = {"connections": {"connection": [{"id": ORDER_DB, "field": [
        {"id": "host", "value": "db.eu", "useDefault": False},
        {"id": "user", "value": "orders", "useDefault": False},
        {"id": "password", "value": "s3cret", "useDefault": False, "usesEncryption": True},
        {"id": "port", "value": "5432", "useDefault": False}]}]},
        "processProperties": {"ProcessProperty": [{"id": ORDER_SETTINGS, "ProcessPropertyValue": [
            {"key": BATCH_SIZE, "value": "50", "useDefault": False},
            {"key": API_KEY, "value": "key-123", "useDefault": False}]}]},
        "properties": {"property": [{"name": "region", "value": "us-east-1"}]}}
    answer = _update(api, ext_id, body)
    assert answer.status_code == 200, answer.text
    return answer.json()


# -- lifecycle ------------------------------------------------------------------------------------------


def test_no_objects_before_an_attach(api):
    api.install("Order Intake", "EU")
    assert _query(api) == []
    assert api.rest("GET", "EnvironmentExtensions/" + api.env("Test")["id"]).status_code == 400  # nothing deployed there
    answer = api.rest("GET", "EnvironmentExtensions/" + _ext_id(api.env("Test")["id"], "nope"))
    assert answer.status_code == 404 and answer.json()["@type"] == "Error"


def test_multi_attach_gives_one_object_per_process(api):
    inst, ids = _order_intake(api)
    env_id = api.env("Test")["id"]
    found = _query(api, _eq("environmentId", env_id))
    wrappers = [proc["wrapperProcessId"] for proc in inst["ProcessId"]]
    assert [(o["environmentId"], o["extensionGroupId"], o["id"]) for o in found] == [(env_id, w, _ext_id(env_id, w)) for w in wrappers]
    intake, acknowledge = found
    assert base64.b64decode(intake["id"] + "==").decode() == "%s:%s" % (env_id, wrappers[0])
    assert [c["name"] for c in intake["connections"]["connection"]] == ["Order DB"]
    assert list(_fields(intake, ORDER_DB)) == ["host", "user", "password", "port"]
    assert list(_values(intake, ORDER_SETTINGS)) == ["Batch size", "API key"]
    assert _dpps(intake) == {"region": "eu-west-1"}
    # the Acknowledge process declares only the connection
    assert set(acknowledge) == {"@type", "connections", "environmentId", "extensionGroupId", "id"}
    assert _get(api, ids["Acknowledge"]) == acknowledge
    # every field defaults, nothing encrypted is set
    for field in _fields(intake, ORDER_DB).values():
        assert field["useDefault"] is True and field["encryptedValueSet"] is False and "value" not in field
        assert field["usesEncryption"] is (field["id"] == "password")
    default_host = {"@type": "Field", "id": "host", "encryptedValueSet": False, "usesEncryption": False, "componentOverride": False, "useDefault": True}
    assert _fields(intake, ORDER_DB)["host"] == default_host
    # query filters: environment + group, or group alone
    pair = {"operator": "and", "nestedExpression": [_eq("environmentId", env_id), _eq("extensionGroupId", wrappers[1])]}
    assert [o["id"] for o in _query(api, pair)] == [ids["Acknowledge"]]
    api.attach(inst["id"], "Production")
    assert len(_query(api)) == 4
    assert len(_query(api, _eq("extensionGroupId", wrappers[0]))) == 2
    assert _query(api, _eq("extensionGroupId", "")) == []


def test_detach_and_uninstall_remove_objects_and_values(api):
    inst, ids = _order_intake(api)
    _set_everything(api, ids["INT"])
    attachment = api.query("IntegrationPackEnvironmentAttachment")["result"][0]
    api.rest_ok("DELETE", "IntegrationPackEnvironmentAttachment/" + attachment["id"])
    assert _query(api) == []
    assert api.rest("GET", "EnvironmentExtensions/" + ids["INT"]).status_code == 404
    assert _update(api, ids["INT"], {"partial": True}).status_code == 404
    api.attach(inst["id"], "Test")  # a new attachment starts from the defaults
    again = _get(api, ids["INT"])
    assert all(field["useDefault"] for field in _fields(again, ORDER_DB).values())
    assert _dpps(again) == {"region": "eu-west-1"}
    api.rest_ok("DELETE", "IntegrationPackInstance/" + inst["id"])
    assert _query(api) == []


def test_single_packs_share_the_environment_level_object(api):
    env_id = api.env("Test")["id"]
    salesforce = api.install("Salesforce Account Sync", None)
    shipping = api.rest_ok("POST", "IntegrationPackInstance", {"integrationPackId": "cded6cd1-97b7-4c86-a6f9-cfef0aad8d1a"})
    first = api.attach(salesforce["id"], "Test")
    api.attach(shipping["id"], "Test")
    found = _query(api)
    assert len(found) == 1
    obj = found[0]
    assert (obj["id"], obj["environmentId"], obj["extensionGroupId"]) == (env_id, env_id, "")
    assert [c["name"] for c in obj["connections"]["connection"]] == ["Salesforce"]
    assert [c["name"] for c in obj["processProperties"]["ProcessProperty"]] == ["Notification Settings"]
    assert list(_fields(obj, SALESFORCE)) == ["url", "user", "password"]
    # a full update carrying only the Salesforce connection resets the other pack's values too
    partial = {"partial": True, "processProperties": {"ProcessProperty": [{"id": NOTIFICATION_SETTINGS, "ProcessPropertyValue": [
        {"key": SENDER_ADDRESS, "value": "ship@acme.example"}, {"key": SMTP_PASSWORD, "value": "smtp-pw"}]}]}}
    assert _update(api, env_id, partial).status_code == 200
    assert api.sim.stored_extension_value(env_id, "Notification Settings", "SMTP password") == "smtp-pw"
    full = {"connections": {"connection": [{"id": SALESFORCE, "field": [{"id": "url", "value": "https://acme.my.salesforce.com"}]}]}}
    obj = _update(api, env_id, full).json()
    assert _fields(obj, SALESFORCE)["url"]["value"] == "https://acme.my.salesforce.com"
    assert all(value["useDefault"] for value in _values(obj, NOTIFICATION_SETTINGS).values())
    assert api.sim.stored_extension_value(env_id, "Notification Settings", "SMTP password") is None
    # detaching one SINGLE instance removes its components only
    api.rest_ok("DELETE", "IntegrationPackEnvironmentAttachment/" + first["id"])
    obj = _get(api, env_id)
    assert "connections" not in obj and [c["id"] for c in obj["processProperties"]["ProcessProperty"]] == [NOTIFICATION_SETTINGS]
    api.rest_ok("DELETE", "IntegrationPackInstance/" + shipping["id"])
    assert api.rest("GET", "EnvironmentExtensions/" + env_id).status_code == 400
    assert _query(api) == []


# -- reading hides secrets; the admin view shows them --------------------------------------------------------


def test_get_never_returns_encrypted_values(api):
    inst, ids = _order_intake(api)
    returned = _set_everything(api, ids["INT"])
    got = _get(api, ids["INT"])
    assert returned == got
    password = _fields(got, ORDER_DB)["password"]
    assert password == {"@type": "Field", "id": "password", "encryptedValueSet": True, "usesEncryption": True,
                        "componentOverride": False, "useDefault": False}
    assert _fields(got, ORDER_DB)["host"]["value"] == "db.eu"
    assert _values(got, ORDER_SETTINGS)["API key"] == {"@type": "ProcessPropertyValue", "label": "API key", "key": API_KEY,
                                                       "value": "[[HIDDEN]]", "encryptedValueSet": True, "useDefault": False}
    assert _values(got, ORDER_SETTINGS)["Batch size"]["value"] == "50"
    env_id = api.env("Test")["id"]
    texts = [api.rest("GET", "EnvironmentExtensions/" + ids["INT"]).text,
             api.rest("POST", "EnvironmentExtensions/query", {}).text,
             api.rest("POST", "EnvironmentExtensions/bulk", {"type": "GET", "request": [{"id": ids["INT"]}]}).text,
             api.gql(ATTACHMENTS, {"id": inst["id"], "envs": [env_id]}).text,
             json.dumps(api.sim.state.dump())]
    for text in texts:
        assert "s3cret" not in text and "key-123" not in text


def test_process_property_values_appear_after_the_first_update(api):
    _inst, ids = _order_intake(api)
    before = _values(_get(api, ids["INT"]), ORDER_SETTINGS)
    assert all("value" not in value for value in before.values())
    _update(api, ids["INT"], {"partial": True})
    after = _values(_get(api, ids["INT"]), ORDER_SETTINGS)
    assert [value["value"] for value in after.values()] == ["", ""]


def test_admin_shows_what_was_stored(api):
    _inst, ids = _order_intake(api)
    _set_everything(api, ids["INT"])
    answer = api.admin("GET", "extensions/" + ids["INT"])
    assert answer.status_code == 200
    stored = answer.json()
    assert _fields(stored, ORDER_DB)["password"]["value"] == "s3cret"
    assert _fields(stored, ORDER_DB)["password"]["encryptedValueSet"] is True
    assert _values(stored, ORDER_SETTINGS)["API key"]["value"] == "key-123"
    listing = api.admin("GET", "extensions").json()["extensions"]
    assert [o["id"] for o in listing] == [ids["INT"], ids["Acknowledge"]] and listing[0] == stored
    assert api.sim.stored_extensions(ids["INT"]) == stored
    assert api.sim.stored_extensions() == listing
    assert api.sim.stored_extension_value(ids["INT"], "Order DB", "password") == "s3cret"
    assert api.sim.stored_extension_value(ids["INT"], ORDER_DB, "host") == "db.eu"
    assert api.sim.stored_extension_value(ids["INT"], "Order Settings", API_KEY) == "key-123"
    assert api.sim.stored_extension_value(ids["INT"], "region") == "us-east-1"
    assert api.sim.stored_extension_value(ids["Acknowledge"], "Order DB", "password") is None
    with pytest.raises(KeyError):
        api.sim.stored_extension_value(ids["INT"], "Order DB", "nope")
    assert api.admin("GET", "extensions/unknown").status_code == 404
    assert api.admin("POST", "extensions").status_code == 405
    assert not [e for e in api.sim.log if "_sim" in e["path"]]  # admin requests are not logged


# -- update semantics --------------------------------------------------------------------------------------


@pytest.mark.parametrize("partial", [True, "true", "TRUE"])
def test_partial_update_changes_only_what_it_carries(api, partial):
    _inst, ids = _order_intake(api)
    _set_everything(api, ids["INT"])
    body = {"partial": partial, "connections": {"connection": [{"id": ORDER_DB, "field": [{"id": "host", "value": "db2.eu", "useDefault": False}]}]}}
    obj = _update(api, ids["INT"], body).json()
    fields = _fields(obj, ORDER_DB)
    assert fields["host"]["value"] == "db2.eu"
    assert fields["user"]["value"] == "orders" and fields["port"]["value"] == "5432"
    assert fields["password"]["encryptedValueSet"] is True
    assert _values(obj, ORDER_SETTINGS)["API key"]["encryptedValueSet"] is True
    assert _dpps(obj) == {"region": "us-east-1"}
    assert api.sim.stored_extension_value(ids["INT"], "Order DB", "password") == "s3cret"


def test_partial_update_replaces_a_carried_process_property_component_whole(api):
    _inst, ids = _order_intake(api)
    _set_everything(api, ids["INT"])
    body = {"partial": True, "processProperties": {"ProcessProperty": [{"id": ORDER_SETTINGS, "ProcessPropertyValue": [
        {"key": BATCH_SIZE, "value": "75", "useDefault": False}]}]}}
    obj = _update(api, ids["INT"], body).json()
    values = _values(obj, ORDER_SETTINGS)
    assert values["Batch size"]["value"] == "75"
    assert values["API key"]["useDefault"] is True and values["API key"]["encryptedValueSet"] is False
    assert _fields(obj, ORDER_DB)["host"]["value"] == "db.eu"  # other components untouched


@pytest.mark.parametrize("partial", [None, False, "false"])
def test_full_update_resets_every_override_it_does_not_carry(api, partial):
    _inst, ids = _order_intake(api)
    _set_everything(api, ids["INT"])
    body = {"connections": {"connection": [{"id": ORDER_DB, "field": [{"id": "port", "value": "6432", "useDefault": False}]}]}}
    if partial is not None:
        body["partial"] = partial
    obj = _update(api, ids["INT"], body).json()
    fields = _fields(obj, ORDER_DB)
    assert fields["port"]["value"] == "6432"
    for name in ("host", "user", "password"):
        assert fields[name]["useDefault"] is True and "value" not in fields[name] and fields[name]["encryptedValueSet"] is False
    assert all(value["useDefault"] for value in _values(obj, ORDER_SETTINGS).values())
    assert _dpps(obj) == {"region": "eu-west-1"}
    assert api.sim.stored_extension_value(ids["INT"], "Order DB", "password") is None


def test_full_update_of_what_get_returned_keeps_stored_secrets(api):
    _inst, ids = _order_intake(api)
    _set_everything(api, ids["INT"])
    echoed = _get(api, ids["INT"])  # the encrypted field comes back without a value, useDefault false
    _fields(echoed, ORDER_DB)["host"]["value"] = "db3.eu"
    for value in echoed["processProperties"]["ProcessProperty"][0]["ProcessPropertyValue"]:
        if value["label"] == "API key":
            del value["value"]  # "[[HIDDEN]]" would be stored as the new key; a client leaves it out
    obj = _update(api, ids["INT"], echoed).json()
    assert _fields(obj, ORDER_DB)["host"]["value"] == "db3.eu"
    assert api.sim.stored_extension_value(ids["INT"], "Order DB", "password") == "s3cret"
    assert api.sim.stored_extension_value(ids["INT"], "Order Settings", "API key") == "key-123"


def test_use_default_true_clears_an_override(api):
    _inst, ids = _order_intake(api)
    _set_everything(api, ids["INT"])
    body = {"partial": "true", "connections": {"connection": [{"id": ORDER_DB, "field": [
        {"id": "password", "useDefault": "true", "value": "ignored"}, {"id": "user", "useDefault": True}]}]}}
    fields = _fields(_update(api, ids["INT"], body).json(), ORDER_DB)
    assert fields["password"]["useDefault"] is True and fields["password"]["encryptedValueSet"] is False
    assert fields["user"]["useDefault"] is True and "value" not in fields["user"]
    assert fields["host"]["value"] == "db.eu"


def test_unknown_ids_in_an_update_are_ignored(api):
    _inst, ids = _order_intake(api)
    _set_everything(api, ids["INT"])
    before = api.sim.stored_extensions(ids["INT"])
    body = {"partial": True,
            "connections": {"connection": [{"id": "no-such-connection", "field": [{"id": "host", "value": "x"}]},
                                           {"id": ORDER_DB, "field": [{"id": "no-such-field", "value": "x"}]}]},
            "processProperties": {"ProcessProperty": [{"id": "no-such-component", "ProcessPropertyValue": [{"key": "k", "value": "x"}]}]},
            "properties": {"property": [{"name": "no-such-property", "value": "x"}]},
            "operations": {"operation": [{"id": "op", "field": [{"id": "f", "value": "x"}]}]},
            "tradingPartners": {"tradingPartner": []}, "crossReferences": {}, "PGPCertificates": {}, "sharedCommunications": {}}
    answer = _update(api, ids["INT"], body)
    assert answer.status_code == 200, answer.text
    assert api.sim.stored_extensions(ids["INT"]) == before


def test_documented_request_forms_are_accepted(api):
    """The SPEC example: the object wrapped in an Environment, string booleans, single objects instead of lists,
    a field with only CloudManagedSecretConfig, customProperties; process property values matched by label."""
    _inst, ids = _order_intake(api)
    env_id = api.env("Test")["id"]
    group = api.sim.stored_extensions(ids["INT"])["extensionGroupId"]
    body = {"id": env_id, "name": "Test", "classification": "TEST", "EnvironmentExtensions": {
        "id": ids["INT"], "environmentId": env_id, "extensionGroupId": group, "partial": "false",
        "connections": {"connection": {"name": "Order DB", "id": ORDER_DB, "field": [
            {"componentOverride": "false", "usesEncryption": "true", "encryptedValueSet": "false", "id": "password", "value": "pw", "useDefault": "false",
             "customProperties": {"properties": [{"key": "k", "value": "v", "encrypted": "false"}]}},
            {"@type": "Field", "CloudManagedSecretConfig": {"@type": "CloudManagedSecretConfig", "usesRemoteSecretsManager": True,
                                                            "secretsManagerType": "GCP", "secretReference": "projects/1/secrets/s/versions/1"}}]}},
        "processProperties": {"ProcessProperty": {"name": "Order Settings", "id": ORDER_SETTINGS, "ProcessPropertyValue": [
            {"encryptedValueSet": "false", "value": "20", "label": "Batch size", "useDefault": "false", "validate": "false"}]}},
        "properties": {"property": {"name": "region", "value": "ap-south-1"}}}}
    answer = _update(api, ids["INT"], body, "/update")
    assert answer.status_code == 200, answer.text
    assert api.sim.stored_extension_value(ids["INT"], "Order DB", "password") == "pw"
    assert api.sim.stored_extension_value(ids["INT"], "Order Settings", "Batch size") == "20"
    assert api.sim.stored_extension_value(ids["INT"], "region") == "ap-south-1"
    lower = {"partial": True, "processProperties": {"processProperty": [{"id": ORDER_SETTINGS, "ProcessPropertyValue": [
        {"key": BATCH_SIZE, "value": 30}]}]}}  # lower-case section key (NEXT-APIS 1.3), a number as value
    assert _update(api, ids["INT"], lower).status_code == 200
    assert api.sim.stored_extension_value(ids["INT"], "Order Settings", "Batch size") == "30"


@pytest.mark.parametrize("suffix", ["", "/update"])
def test_both_update_urls(api, suffix):
    _inst, ids = _order_intake(api)
    del api.sim.log[:]
    body = {"partial": True, "connections": {"connection": [{"id": ORDER_DB, "field": [{"id": "password", "value": "via" + suffix}]}]}}
    answer = _update(api, ids["INT"], body, suffix)
    assert answer.status_code == 200, answer.text
    assert api.sim.stored_extension_value(ids["INT"], "Order DB", "password") == "via" + suffix
    entry = api.sim.log[-1]
    assert (entry["operation"], entry["write"], entry["status"]) == ("EnvironmentExtensions.update", True, 200)
    assert entry["path"].endswith(ids["INT"] + suffix)


def test_other_objects_have_no_update_suffix_and_reads_are_not_writes(api):
    _inst, ids = _order_intake(api)
    assert api.rest("POST", "ProcessSchedules/x/update", {}).status_code == 410
    assert api.rest("GET", "EnvironmentExtensions/%s/update" % ids["INT"]).status_code == 410
    assert api.rest("DELETE", "EnvironmentExtensions/" + ids["INT"]).status_code == 410
    del api.sim.log[:]
    _get(api, ids["INT"])
    api.query("EnvironmentExtensions")
    assert [(e["operation"], e["write"]) for e in api.sim.log] == [("EnvironmentExtensions.get", False), ("EnvironmentExtensions.query", False)]


@pytest.mark.parametrize("body, status, fragment", [
    ({"id": "other"}, 400, "does not match"),
    ({"environmentId": "other"}, 400, "does not match"),
    ({"extensionGroupId": ""}, 400, "does not match"),
    ({"partial": "yes"}, 400, "partial"),
    ({"partial": True, "connections": []}, 400, "connections"),
    ({"partial": True, "connections": {"connection": "x"}}, 400, "connection"),
    ({"partial": True, "connections": {"connection": [{"id": ORDER_DB, "field": [{"id": "host", "useDefault": 1}]}]}}, 400, "useDefault"),
    ({"partial": True, "connections": {"connection": [{"id": ORDER_DB, "field": [{"id": "host", "value": {"a": 1}}]}]}}, 400, "value"),
    ({"partial": True, "properties": {"property": [{"name": "region"}]}}, 400, "value is required"),
    ([], 400, "object"),
])
def test_bad_update_bodies_are_400(api, body, status, fragment):
    _inst, ids = _order_intake(api)
    answer = _update(api, ids["INT"], body)
    assert answer.status_code == status, answer.text
    assert fragment in answer.json()["message"]
    assert api.sim.stored_extensions(ids["INT"])["connections"]["connection"][0]["field"][0]["useDefault"] is True


def test_update_needs_a_json_body(api):
    _inst, ids = _order_intake(api)
    assert api.rest("POST", "EnvironmentExtensions/" + ids["INT"], data=b"not json").status_code == 400
    assert api.rest("POST", "EnvironmentExtensions/" + ids["INT"]).status_code == 400


# -- query paging and bulk ------------------------------------------------------------------------------------


def test_query_pages_of_100_and_query_more(api):
    instances = api.sim.bulk_install(api.pack("Order Intake")["id"], 60, "page")
    env_id = api.env("Test")["id"]
    with api.sim.state.lock:
        for inst in instances:
            api.sim.state.attach(inst["id"], [env_id])
    first = api.query("EnvironmentExtensions", _eq("environmentId", env_id))
    assert first["numberOfResults"] == 100 and first["queryToken"]
    more = api.rest("POST", "EnvironmentExtensions/queryMore", data=first["queryToken"].encode(), headers={"Content-Type": "text/plain"})
    assert more.status_code == 200
    second = more.json()
    assert second["numberOfResults"] == 20 and "queryToken" not in second
    groups = [o["extensionGroupId"] for page in (first, second) for o in page["result"]]
    assert groups == [proc["id"] for inst in instances for proc in inst["processes"]]
    assert len({o["id"] for page in (first, second) for o in page["result"]}) == 120
    assert api.query("EnvironmentExtensions", _eq("environmentId", api.env("Production")["id"]))["result"] == []


def test_bulk_get(api):
    _inst, ids = _order_intake(api)
    answer = api.rest_ok("POST", "EnvironmentExtensions/bulk", {"type": "GET", "request": [{"id": ids["INT"]}, {"id": "unknown"}, {"id": ids["Acknowledge"]}]})
    assert answer["@type"] == "BulkResult"
    assert [(r["index"], r["id"], r["statusCode"]) for r in answer["response"]] == [(0, ids["INT"], 200), (1, "unknown", 400), (2, ids["Acknowledge"], 200)]
    assert answer["response"][0]["Result"] == _get(api, ids["INT"])
    assert "Result" not in answer["response"][1] and answer["response"][1]["errorMessage"]
    too_many = {"type": "GET", "request": [{"id": ids["INT"]}] * 101}
    assert api.rest("POST", "EnvironmentExtensions/bulk", too_many).status_code == 400
    assert api.rest("POST", "EnvironmentExtensions/bulk", {"type": "UPDATE", "request": []}).status_code == 400


# -- GraphQL -----------------------------------------------------------------------------------------------


def _bulk_results(text):
    data = json.loads(text)
    assert data["@type"] == "BulkResult"
    assert all(item["statusCode"] == 200 for item in data["response"])
    return [item["Result"] for item in data["response"]]


def test_graphql_read_matches_rest(api):
    inst, ids = _order_intake(api)
    api.attach(inst["id"], "Production")
    _set_everything(api, ids["INT"])
    test_id, prod_id = api.env("Test")["id"], api.env("Production")["id"]
    data = api.gql_data(ATTACHMENTS, {"id": inst["id"], "envs": [test_id]})["integrationPackEnvironmentAttachments"]
    assert len(data) == 1
    item = data[0]
    assert (item["integrationPackInstanceId"], item["environmentId"], item["environmentMapExtension"]) == (inst["id"], test_id, [])
    results = _bulk_results(item["environmentExtensions"])
    assert results == [_get(api, ids["INT"]), _get(api, ids["Acknowledge"])]
    everything = api.gql_data(ATTACHMENTS, {"id": inst["id"]})["integrationPackEnvironmentAttachments"]
    assert [i["environmentId"] for i in everything] == [test_id, prod_id]
    assert all(o["environmentId"] == prod_id for o in _bulk_results(everything[1]["environmentExtensions"]))
    # an environment the instance is not attached to gives no item
    sandbox = api.environments_named("Sandbox")[0]["id"]
    assert api.gql_data(ATTACHMENTS, {"id": inst["id"], "envs": [sandbox]})["integrationPackEnvironmentAttachments"] == []


def test_graphql_read_of_a_single_instance_gives_the_environment_object(api):
    inst = api.install("Salesforce Account Sync", None)
    api.attach(inst["id"], "Test")
    env_id = api.env("Test")["id"]
    item = api.gql_data(ATTACHMENTS, {"id": inst["id"], "envs": [env_id]})["integrationPackEnvironmentAttachments"][0]
    assert _bulk_results(item["environmentExtensions"]) == [_get(api, env_id)]


def test_graphql_read_errors(api):
    inst, _ids = _order_intake(api)
    assert api.gql_error(ATTACHMENTS, {"id": "unknown"})["extensions"]["code"] == "IPACK_INSTANCE_ID_INVALID"
    assert api.gql_error(ATTACHMENTS, {"id": inst["id"], "envs": ["no-such-env"]})["extensions"]["code"] == "PLATFORM_CALL_ERROR"
    assert api.gql_error(ATTACHMENTS, {"id": inst["id"]}, space=None)["extensions"]["code"] == "MISSING_SPACE_ID"
    edi = api.rest_ok("POST", "IntegrationPackInstance", {"integrationPackId": api.pack("Legacy EDI Bridge")["id"]})
    assert api.gql_error(ATTACHMENTS, {"id": edi["id"]})["extensions"]["code"] == "IPACK_INSTANCE_ID_INVALID"  # not shared


def test_graphql_docs_sample_request_is_accepted(api):
    inst, _ids = _order_intake(api)
    text = (api.shared_dir / "boomi-docs" / "graphql" / "spa-get_mappers_extensions.md").read_text(encoding="utf-8")
    sample = re.search(r"#### Sample request\s+```[^\n]*\n(.*?)```", text, re.S).group(1)
    sample = sample.replace("SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UyNzk3Mg", inst["id"]).replace("4c9d031e-408b-4903-a44e-5a4219e62b25", api.env("Test")["id"])
    item = api.gql_data(sample)["integrationPackEnvironmentAttachments"][0]
    assert set(item) == {"integrationPackInstanceId", "environmentMapExtension", "environmentExtensions"}
    assert len(_bulk_results(item["environmentExtensions"])) == 2


def test_graphql_update_then_rest_read(api):
    _inst, ids = _order_intake(api)
    body = {"partial": "true", "connections": {"connection": [{"id": ORDER_DB, "field": [
        {"id": "password", "value": "gql-secret", "useDefault": False, "usesEncryption": True}, {"id": "host", "value": "gql.db"}]}]}}
    api.token()
    del api.sim.log[:]
    data = api.gql_data(UPDATE, {"input": [{"extensions": json.dumps(body), "envExtensionId": ids["INT"]}]})
    returned = data["extensionsUpdate"]
    assert isinstance(returned, list) and len(returned) == 1 and isinstance(returned[0], str)
    assert "gql-secret" not in returned[0]
    assert json.loads(returned[0]) == _get(api, ids["INT"])
    assert _fields(json.loads(returned[0]), ORDER_DB)["host"]["value"] == "gql.db"
    assert api.sim.stored_extension_value(ids["INT"], "Order DB", "password") == "gql-secret"
    entry = api.sim.log[0]
    assert (entry["api"], entry["operation"], entry["write"]) == ("graphql", "extensionsUpdate", True)


def test_graphql_update_without_partial_is_a_full_update(api):
    _inst, ids = _order_intake(api)
    _set_everything(api, ids["INT"])
    body = {"processProperties": {"ProcessProperty": [{"id": ORDER_SETTINGS, "ProcessPropertyValue": [{"key": BATCH_SIZE, "value": "5"}]}]}}
    data = api.gql_data(UPDATE, {"input": [{"extensions": json.dumps(body), "envExtensionId": ids["INT"]}]})
    obj = json.loads(data["extensionsUpdate"][0])
    assert _values(obj, ORDER_SETTINGS)["Batch size"]["value"] == "5"
    assert all(field["useDefault"] for field in _fields(obj, ORDER_DB).values())
    assert api.sim.stored_extension_value(ids["INT"], "Order DB", "password") is None


def test_graphql_update_of_several_objects(api):
    _inst, ids = _order_intake(api)
    inputs = [{"extensions": json.dumps({"partial": True, "connections": {"connection": [{"id": ORDER_DB, "field": [{"id": "user", "value": name}]}]}}),
               "envExtensionId": ids[name]} for name in ("INT", "Acknowledge")]
    returned = api.gql_data(UPDATE, {"input": inputs})["extensionsUpdate"]
    assert [json.loads(text)["id"] for text in returned] == [ids["INT"], ids["Acknowledge"]]
    assert api.sim.stored_extension_value(ids["Acknowledge"], "Order DB", "user") == "Acknowledge"


def test_graphql_docs_update_sample_body_is_accepted(api):
    """The extensions text of spa-update_extensions.md (ids replaced): unknown connections are ignored,
    and without "partial" it is a full update."""
    _inst, ids = _order_intake(api)
    _set_everything(api, ids["INT"])
    text = (api.shared_dir / "boomi-docs" / "graphql" / "spa-update_extensions.md").read_text(encoding="utf-8")
    extensions = re.search(r'extensions: "(\{.*\})"\n', text).group(1)
    sample = json.loads(extensions)
    stored = api.sim.stored_extensions(ids["INT"])
    sample.update({"environmentId": stored["environmentId"], "extensionGroupId": stored["extensionGroupId"], "id": ids["INT"]})
    data = api.gql_data(UPDATE, {"input": [{"extensions": json.dumps(sample), "envExtensionId": ids["INT"]}]})
    obj = json.loads(data["extensionsUpdate"][0])
    assert all(field["useDefault"] for field in _fields(obj, ORDER_DB).values())


def test_graphql_update_errors_apply_nothing(api):
    _inst, ids = _order_intake(api)
    good = {"extensions": json.dumps({"partial": True, "properties": {"property": [{"name": "region", "value": "x"}]}}), "envExtensionId": ids["INT"]}
    for bad in ({"extensions": "{}", "envExtensionId": "unknown"},
                {"extensions": "not json", "envExtensionId": ids["INT"]},
                {"extensions": json.dumps({"id": "other"}), "envExtensionId": ids["INT"]}):
        error = api.gql_error(UPDATE, {"input": [good, bad]})
        assert error["extensions"]["code"] == "PLATFORM_CALL_ERROR"
        assert error["path"] == ["extensionsUpdate"]
    assert api.sim.stored_extension_value(ids["INT"], "region") is None
    assert api.gql_error(UPDATE, {"input": [good]}, space=None)["extensions"]["code"] == "MISSING_SPACE_ID"
    for empty in ({"input": []}, {}):
        assert api.gql_error(UPDATE, empty)["extensions"]["code"] == "PLATFORM_CALL_ERROR"


def test_shape_variant_gives_bare_objects_and_lists(api):
    inst, ids = _order_intake(api)
    single = api.install("Salesforce Account Sync", None)
    api.attach(single["id"], "Test")
    env_id = api.env("Test")["id"]
    api.sim.set_faults(shape_variant=True)
    multi = api.gql_data(ATTACHMENTS, {"id": inst["id"]})["integrationPackEnvironmentAttachments"][0]
    assert [o["id"] for o in json.loads(multi["environmentExtensions"])] == [ids["INT"], ids["Acknowledge"]]
    bare = api.gql_data(ATTACHMENTS, {"id": single["id"]})["integrationPackEnvironmentAttachments"][0]
    assert json.loads(bare["environmentExtensions"]) == _get(api, env_id)


# -- lost answers ---------------------------------------------------------------------------------------------


def test_drop_after_commit_rest_update(api):
    _inst, ids = _order_intake(api)
    api.sim.set_faults(drop_after_commit={"operation": "extensions_update"})
    body = {"partial": True, "connections": {"connection": [{"id": ORDER_DB, "field": [{"id": "password", "value": "lost-answer"}]}]}}
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.post("%s/api/rest/v1/%s/EnvironmentExtensions/%s/update" % (api.url, api.account_id, ids["INT"]), json=body,
                      auth=(api.username, api.password), headers={"Accept": "application/json"}, timeout=5)
    assert api.sim.stored_extension_value(ids["INT"], "Order DB", "password") == "lost-answer"
    entry = api.sim.log[-1]
    assert (entry["operation"], entry["status"], entry["write"]) == ("EnvironmentExtensions.update", 0, True)
    assert api.sim.faults.snapshot()["drop_after_commit"] is None
    assert _update(api, ids["INT"], body).status_code == 200


def test_drop_after_commit_graphql_update_and_other_writes_unaffected(api):
    inst, ids = _order_intake(api)
    api.token()
    api.sim.set_faults(drop_after_commit={"operation": "extensions_update", "count": 1})
    api.attach(inst["id"], "Production")  # another kind of write answers normally
    body = {"partial": True, "properties": {"property": [{"name": "region", "value": "dropped"}]}}
    with pytest.raises(requests.exceptions.ConnectionError):
        api.gql(UPDATE, {"input": [{"extensions": json.dumps(body), "envExtensionId": ids["INT"]}]}, timeout=5)
    assert api.sim.stored_extension_value(ids["INT"], "region") == "dropped"
    entry = api.sim.log[-1]
    assert (entry["operation"], entry["status"], entry["write"]) == ("extensionsUpdate", 0, True)
    # a failed update commits nothing and is not dropped
    api.sim.set_faults(drop_after_commit={"operation": "extensions_update"})
    assert _update(api, ids["INT"], {"id": "other"}).status_code == 400
    assert api.sim.faults.snapshot()["drop_after_commit"] == {"operation": "extensions_update", "count": 1}

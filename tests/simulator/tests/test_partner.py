"""A partner account with sub-accounts (issue 18): per-account state, the Partner API path with
overrideAccount, the Platform path and JWTs for sub-accounts, refusals outside the hierarchy."""

import base64
import json
import re

import pytest
import requests

from boomisim import rest
from boomisim.state import DomainError
from partner_helpers import MESSAGE_403, PARTNER, partner, partner_ok, sub_token

INSTANCES = "query { integrationPackInstances { id integrationPackOverrideName } }"


def claims_of(token):
    """The JWT's claims, unverified."""
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


# -- accounts -------------------------------------------------------------------------------------------------


def test_generated_sub_accounts_look_like_boomi_accounts(sim):
    first = sim.add_sub_accounts(3, prefix="Name")
    assert [acc.name for acc in first] == ["Name-1-Account", "Name-2-Account", "Name-3-Account"]
    assert all(re.match(r"^name-[123]account-[A-Z0-9]{6}$", acc.account_id) for acc in first), [acc.account_id for acc in first]
    more = sim.add_sub_accounts(2, prefix="Name", status="trial")
    assert [acc.name for acc in more] == ["Name-4-Account", "Name-5-Account"]  # numbering goes on per prefix
    assert len({acc.account_id for acc in first + more}) == 5
    assert [acc.status for acc in more] == ["trial", "trial"] and all(acc.expiration_date for acc in more)
    named = sim.add_sub_account("Name-1-Account-A", account_id="name-1accounta-WU8VYK")
    assert (named.account_id, named.parent_id, named.kind) == ("name-1accounta-WU8VYK", PARTNER, "sub")
    assert sim.add_sub_account("Name-2-Account-A").account_id.startswith("name-2accounta-")  # the Spaces doc's shape
    with pytest.raises(DomainError):
        sim.add_sub_account("Again", account_id="name-1accounta-WU8VYK")
    with pytest.raises(DomainError):
        sim.add_sub_accounts(1, status="closed")
    with pytest.raises(DomainError):
        sim.add_sub_accounts(1, groups=["No Such Group"])
    assert len(sim.accounts.sub_accounts(PARTNER)) == 7  # the refused calls created nothing
    foreign = sim.add_foreign_account("Other Partner Co")
    assert foreign.kind == "foreign" and foreign.parent_id is None and foreign.account_id.startswith("other-partnerco-")
    sim.reset()
    assert [acc.account_id for acc in sim.accounts.entries.values()] == [PARTNER]


def test_admin_endpoints_for_accounts(api):
    created = api.admin("POST", "accounts", {"count": 2, "prefix": "Tenant", "status": "suspended"}).json()["accounts"]
    assert [(acc["name"], acc["status"], acc["parentAccountId"], acc["kind"], acc["overrideAccountRateLimit"]) for acc in created] == [
        ("Tenant-1-Account", "suspended", PARTNER, "sub", False), ("Tenant-2-Account", "suspended", PARTNER, "sub", False)]
    one = api.admin("POST", "accounts", {"name": "Solo Co", "account_id": "solo-ABC123"}).json()["accounts"][0]
    assert one["accountId"] == "solo-ABC123" and one["status"] == "active"
    foreign = api.admin("POST", "accounts/foreign", {"name": "Elsewhere", "account_id": "elsewhere-Z9Z9Z9"}).json()["account"]
    assert foreign["kind"] == "foreign"
    changed = api.admin("POST", "accounts/" + created[0]["accountId"], {"status": "active", "override_rate_limit": True}).json()
    assert (changed["status"], changed["overrideAccountRateLimit"]) == ("active", True)
    listing = api.admin("GET", "accounts").json()
    assert listing["partner"] == PARTNER
    assert [acc["accountId"] for acc in listing["accounts"]] == [PARTNER] + [acc["accountId"] for acc in created] + ["solo-ABC123", "elsewhere-Z9Z9Z9"]
    assert api.admin("GET", "accounts/solo-ABC123").json()["name"] == "Solo Co"
    assert api.admin("GET", "accounts/solo-ABC123/state").json()["account_id"] == "solo-ABC123"
    assert api.admin("GET", "accounts/nobody-000000").status_code == 404
    assert api.admin("GET", "accounts/elsewhere-Z9Z9Z9/state").status_code == 404
    for bad in ({"count": -1}, {"count": 1, "status": "closed"}, {"count": 1, "colour": "red"}, {"name": "X", "count": 1}):
        assert api.admin("POST", "accounts", bad).status_code == 400, bad
    assert api.admin("POST", "accounts/" + PARTNER, {"status": "suspended"}).status_code == 400
    assert api.admin("POST", "accounts/elsewhere-Z9Z9Z9", {"override_rate_limit": True}).status_code == 400
    api.admin("POST", "reset")
    assert [acc["accountId"] for acc in api.admin("GET", "accounts").json()["accounts"]] == [PARTNER]


# -- Partner path ----------------------------------------------------------------------------------------------


def test_partner_path_with_override_acts_on_the_sub_accounts_own_state(api):
    sub_a, sub_b = api.sim.add_sub_accounts(2)
    body = {"integrationPackId": api.pack("Order Intake")["id"], "integrationPackOverrideName": "EU"}
    installed = partner_ok(api, "POST", "IntegrationPackInstance", body, override=sub_a.account_id)
    assert base64.b64decode(installed["id"] + "==").decode() == "IntegrationPackInstance1001000"  # sub-account 1's own numbering
    assert partner_ok(api, "POST", "IntegrationPackInstance/query", {}, override=sub_a.account_id)["result"] == [installed]
    assert partner_ok(api, "POST", "IntegrationPackInstance/query", {}, override=sub_b.account_id)["result"] == []
    assert partner_ok(api, "POST", "IntegrationPackInstance/query", {})["result"] == []  # no override: the partner itself
    assert api.query("IntegrationPackInstance")["result"] == []                           # Platform path, the partner
    assert partner(api, "GET", "IntegrationPackInstance/" + installed["id"]).status_code == 404
    # The same name again is a clash only in the same account.
    assert partner(api, "POST", "IntegrationPackInstance", body, override=sub_a.account_id).status_code == 400
    assert partner(api, "POST", "IntegrationPackInstance", body, override=sub_b.account_id).status_code == 200
    assert api.install()["id"] == base64.b64encode(b"IntegrationPackInstance1000").decode().rstrip("=")  # the partner's numbering is unchanged
    assert [inst["id"] for inst in api.admin("GET", "accounts/%s/state" % sub_a.account_id).json()["instances"]] == [installed["id"]]
    assert list(api.sim.account_state(sub_a.account_id).instances) == [installed["id"]]
    assert api.sim.account_state(PARTNER) is api.sim.state and len(api.sim.state.instances) == 1
    entry = api.sim.log[0]
    assert (entry["operation"], entry["account"], entry["committed"]) == ("IntegrationPackInstance.create", sub_a.account_id, ["install"])
    assert "overrideAccount=" + sub_a.account_id in entry["path"] and entry["path"].startswith("/partner/api/rest/v1/" + PARTNER + "/")
    assert "account" not in api.sim.log[3]  # the partner's own requests carry no account key


def test_every_rest_object_is_served_through_the_partner_path(api):
    sub = api.sim.add_sub_account("Sub Co").account_id
    for object_type in sorted(set(rest.OBJECT_OPERATIONS) | set(rest.EXTRA_OBJECTS)):
        operations = rest.OBJECT_OPERATIONS.get(object_type) or rest.EXTRA_OBJECTS[object_type].operations
        if "query" in operations:
            answer = partner(api, "POST", object_type + "/query", {}, override=sub)
            assert answer.status_code == 200 and answer.json()["@type"] == "QueryResult", (object_type, answer.text)
    assert {entry.get("account") for entry in api.sim.log} == {sub}


def test_a_full_lifecycle_in_a_sub_account_through_the_partner_path(api):
    # pylint: disable=too-many-locals
    sub = api.sim.add_sub_account("Lifecycle Co").account_id

    def call(method, path, body=None, **kwargs):
        return partner_ok(api, method, path, body, override=sub, **kwargs)
    env = api.env("Test")
    assert call("GET", "Environment/" + env["id"])["name"] == "Test"
    assert call("GET", "IntegrationPack/" + api.pack("Order Intake")["id"])["installationType"] == "MULTI"
    assert call("POST", "EnvironmentAtomAttachment/query", {})["numberOfResults"] == 5
    inst = call("POST", "IntegrationPackInstance", {"integrationPackId": api.pack("Order Intake")["id"], "integrationPackOverrideName": "EU"})
    assert call("GET", "IntegrationPackInstance/" + inst["id"]) == inst
    assert call("POST", "IntegrationPackInstance/bulk", {"type": "GET", "request": [{"id": inst["id"]}]})["response"][0]["statusCode"] == 200
    att = call("POST", "IntegrationPackEnvironmentAttachment", {"integrationPackInstanceId": inst["id"], "environmentId": env["id"]})
    process = call("POST", "Process/query", {})["result"][0]
    by_process = {"QueryFilter": {"expression": {"property": "processId", "operator": "EQUALS", "argument": [process["id"]]}}}
    record = call("POST", "ProcessSchedules/query", by_process)["result"][0]
    schedule = {"id": record["id"], "atomId": record["atomId"], "processId": record["processId"], "Schedule": [{"minutes": "0", "hours": "6"}]}
    assert call("POST", "ProcessSchedules/" + record["id"], schedule)["Schedule"][0]["hours"] == "6"
    status = {"id": record["id"], "atomId": record["atomId"], "processId": record["processId"], "enabled": False}
    assert call("POST", "ProcessScheduleStatus/%s/update" % record["id"], status)["enabled"] is False
    ext = [e for e in call("POST", "EnvironmentExtensions/query", {})["result"] if e["extensionGroupId"] == process["id"]][0]
    update = {"id": ext["id"], "partial": True, "properties": {"property": [{"name": "region", "value": "ap-south-1"}]}}
    updated = call("POST", "EnvironmentExtensions/" + ext["id"], update)
    assert updated["properties"]["property"] == [{"@type": "", "name": "region", "value": "ap-south-1"}]
    api.sim.set_run_time(0)
    run = call("POST", "ExecutionRequest", {"atomId": record["atomId"], "processId": record["processId"]})
    assert run["recordUrl"] == "%s/api/rest/v1/%s/ExecutionRecord/async/%s" % (api.url, sub, run["requestId"])
    # The recordUrl is a Platform path on the sub-account: the partner's credentials may follow it.
    polled = requests.get(run["recordUrl"], auth=(api.username, api.password), headers={"Accept": "application/json"}, timeout=10).json()
    assert polled["result"][0]["account"] == sub and polled["result"][0]["status"] == "COMPLETE"
    assert call("POST", "ExecutionRecord/query", {})["numberOfResults"] == 1
    # Nothing of it is in the partner's state, runs included.
    dump = api.sim.state.dump()
    assert (dump["instances"], dump["attachments"], dump["schedules"]) == ([], [], [])
    assert api.sim.executions.all_runs() == [] and len(api.sim.account_state(sub).extensions["executions"].all_runs()) == 1
    assert api.sim.stored_extensions() == []
    assert partner(api, "POST", "ExecutionRecord/query", {}).json()["result"] == []
    assert call("DELETE", "IntegrationPackEnvironmentAttachment/" + att["id"]) is True
    assert call("DELETE", "IntegrationPackInstance/" + inst["id"]) is True
    assert api.admin("GET", "accounts/%s/state" % sub).json()["instances"] == []


def test_query_more_needs_the_same_account(api):
    sub = api.sim.add_sub_account("Many Co").account_id
    api.sim.bulk_install(api.pack("Order Intake")["id"], 150, "bulk", account_id=sub)
    assert api.admin("POST", "bulk_install", {"integration_pack_id": api.pack("Invoice Export")["id"], "count": 3, "account": sub}).json()["count"] == 3
    first = partner_ok(api, "POST", "IntegrationPackInstance/query", {}, override=sub)
    assert first["numberOfResults"] == 100 and first["queryToken"]
    more = partner(api, "POST", "IntegrationPackInstance/queryMore", data=first["queryToken"], override=sub, headers={"Content-Type": "text/plain"})
    assert more.status_code == 200 and more.json()["numberOfResults"] == 53 and "queryToken" not in more.json()
    # Without overrideAccount the queryMore runs in the partner account, which does not know the token.
    lost = partner(api, "POST", "IntegrationPackInstance/queryMore", data=first["queryToken"], headers={"Content-Type": "text/plain"})
    assert lost.status_code == 400 and lost.json() == {"@type": "Error", "message": "Invalid or expired queryToken"}
    # Tokens belong to the account, not to the path: the Platform path on the sub-account continues it.
    platform = api.rest("POST", "IntegrationPackInstance/queryMore", data=first["queryToken"], account=sub, headers={"Content-Type": "text/plain"})
    assert platform.status_code == 200 and platform.json()["numberOfResults"] == 53
    assert api.admin("POST", "bulk_install", {"integration_pack_id": api.pack("Invoice Export")["id"], "count": 1, "account": "nobody"}).status_code == 400


def test_refusals_outside_the_hierarchy(api):
    sub = api.sim.add_sub_account("Mine Co").account_id
    suspended = api.sim.add_sub_account("Paused Co", status="suspended").account_id
    deleted = api.sim.add_sub_account("Gone Co", status="deleted").account_id
    trial = api.sim.add_sub_account("Trying Co", status="trial").account_id
    foreign = api.sim.add_foreign_account("Other Co", account_id="otherco-QQ11ZZ").account_id

    def status_and_message(**kwargs):
        answer = partner(api, "POST", "Environment/query", {}, **kwargs)
        return answer.status_code, answer.json().get("message")
    outside = MESSAGE_403 + " overrideAccount %s is not in the account hierarchy of " + PARTNER + "."
    assert status_and_message(override=foreign) == (403, outside % "otherco-QQ11ZZ")
    assert status_and_message(override="nobody-000000") == (403, outside % "nobody-000000")
    assert status_and_message(override=suspended) == (403, "%s Account %s is suspended." % (MESSAGE_403, suspended))
    assert status_and_message(override=deleted) == (403, "%s Account %s is deleted." % (MESSAGE_403, deleted))
    assert status_and_message(override=trial)[0] == 200
    assert status_and_message(override=PARTNER)[0] == 200  # the partner itself
    assert status_and_message(params={"overrideAccount": ""})[0] == 200
    # The Partner path's own account must be the partner (the user's account).
    assert status_and_message(account=sub) == (403, MESSAGE_403)
    assert status_and_message(account=foreign, override=sub) == (403, MESSAGE_403)
    # Order of checks: credentials first, then the accounts, then Accept, then the endpoint.
    assert partner(api, "POST", "Environment/query", {}, override=foreign, auth=("ops@acme.example", "wrong")).status_code == 401
    assert partner(api, "POST", "Environment/query", {}, override=foreign, headers={"Accept": "application/xml"}).status_code == 403
    assert partner(api, "POST", "Environment/query", {}, override=sub, headers={"Accept": "application/xml"}).status_code == 406
    assert partner(api, "POST", "NoSuchObject/query", {}, override=sub).status_code == 410
    assert api.sim.account_state(sub).instances == {}
    # Turning a sub-account suspended closes it; active again opens it.
    api.sim.set_account_status(sub, "suspended")
    assert status_and_message(override=sub)[0] == 403
    api.admin("POST", "accounts/" + sub, {"status": "active"})
    assert status_and_message(override=sub)[0] == 200


def test_platform_path_for_sub_accounts_with_the_partners_credentials(api):
    sub = api.sim.add_sub_account("Direct Co").account_id
    suspended = api.sim.add_sub_account("Paused Co", status="suspended").account_id
    foreign = api.sim.add_foreign_account("Other Co").account_id
    body = {"integrationPackId": api.pack("Order Intake")["id"], "integrationPackOverrideName": "EU"}
    inst = api.rest_ok("POST", "IntegrationPackInstance", body, account=sub)
    assert partner_ok(api, "POST", "IntegrationPackInstance/query", {}, override=sub)["result"] == [inst]
    assert api.sim.state.instances == {}
    token_auth = ("BOOMI_TOKEN." + api.username, api.api_token)
    assert api.rest("GET", "IntegrationPackInstance/" + inst["id"], account=sub, auth=token_auth).status_code == 200
    assert api.rest("POST", "Environment/query", {}, account=foreign).json() == {"@type": "Error", "message": MESSAGE_403}
    refused = api.rest("POST", "Environment/query", {}, account=suspended).json()
    assert refused == {"@type": "Error", "message": "%s Account %s is suspended." % (MESSAGE_403, suspended)}
    # overrideAccount is not a Platform API parameter: the path's account is used.
    platform_override = requests.post("%s/api/rest/v1/%s/IntegrationPackInstance/query" % (api.url, PARTNER), params={"overrideAccount": sub}, json={},
                                      auth=(api.username, api.password), headers={"Accept": "application/json"}, timeout=10)
    assert platform_override.status_code == 200 and platform_override.json()["result"] == []
    assert api.sim.log[-1].get("account") is None


# -- JWT and GraphQL --------------------------------------------------------------------------------------------


def test_jwt_for_a_sub_account_routes_graphql_to_its_state(api):
    sub = api.sim.add_sub_account("Spaces Co").account_id
    token = sub_token(api, sub)
    claims = claims_of(token)
    assert (claims["account"], claims["sub"]) == (sub, api.username)
    install = 'mutation { integrationPackInstanceInstall(input: {integrationPackId: "%s", integrationPackOverrideName: "EU"}) { id } }'
    created = api.gql_data(install % api.pack("Order Intake")["id"], token=token)["integrationPackInstanceInstall"]
    assert api.gql_data(INSTANCES, token=token)["integrationPackInstances"] == [{"id": created["id"], "integrationPackOverrideName": "EU"}]
    assert api.gql_data(INSTANCES)["integrationPackInstances"] == []  # the partner's JWT: the partner's state
    assert partner_ok(api, "POST", "IntegrationPackInstance/query", {}, override=sub)["result"][0]["id"] == created["id"]
    assert [(e["api"], e.get("account")) for e in api.sim.log] == [("jwt", sub), ("graphql", sub), ("graphql", sub), ("jwt", None), ("graphql", None),
                                                                   ("rest", sub)]
    # Password credentials work as well.
    assert api.new_token(username=api.username, secret=api.password, account=sub).status_code == 200


def test_jwt_refusals_for_accounts_outside_the_hierarchy(api):
    sub = api.sim.add_sub_account("Spaces Co").account_id
    suspended = api.sim.add_sub_account("Paused Co", status="suspended").account_id
    foreign = api.sim.add_foreign_account("Other Co").account_id
    for account, message in ((foreign, MESSAGE_403), ("nobody-000000", MESSAGE_403), (suspended, "%s Account %s is suspended." % (MESSAGE_403, suspended))):
        answer = api.new_token(account=account)
        assert (answer.status_code, answer.json()) == (403, {"@type": "Error", "message": message})
    assert api.new_token(account=sub, secret="wrong").status_code == 401
    token = sub_token(api, sub)
    api.sim.set_account_status(sub, "deleted")
    refused = api.gql(INSTANCES, token=token)
    assert refused.status_code == 401
    assert refused.json() == {"errors": [{"message": "%s Account %s is deleted." % (MESSAGE_403, sub), "extensions": {"code": "UNAUTHORIZED"}}]}
    api.sim.set_account_status(sub, "active")
    assert api.gql(INSTANCES, token=token).status_code == 200
    api.sim.reset()  # the sub-account is gone
    assert api.gql(INSTANCES, token=token).json()["errors"][0]["message"] == "JWT was issued for another account"


def test_graphql_runs_in_a_sub_account_point_at_its_rest_api(api):
    sub = api.sim.add_sub_account("Runs Co").account_id
    token = sub_token(api, sub)
    api.sim.set_run_time(0)
    inst = api.gql_data('mutation { integrationPackInstanceInstall(input: {integrationPackId: "%s", integrationPackOverrideName: "EU"}) { id } }'
                        % api.pack("Order Intake")["id"], token=token)["integrationPackInstanceInstall"]
    api.gql_data('mutation { integrationPackInstanceEnvironmentAttachmentAttach(input: {integrationPackInstanceId: "%s", environmentIds: ["%s"]}) { id } }'
                 % (inst["id"], api.env("Test")["id"]), token=token)
    process = api.gql_data('query { integrationPackInstanceProcesses(integrationPackInstanceId: "%s") { id processSchedules { atomId } } }' % inst["id"],
                           token=token)["integrationPackInstanceProcesses"][0]
    text = api.gql_data('mutation { processExecute(input: {atomId: "%s", processId: "%s"}) }' % (process["processSchedules"][0]["atomId"], process["id"]),
                        token=token)["processExecute"]
    assert json.loads(text)["recordUrl"].startswith("%s/api/rest/v1/%s/ExecutionRecord/async/" % (api.url, sub))
    assert api.sim.executions.all_runs() == []
    assert partner_ok(api, "POST", "ExecutionRecord/query", {}, override=sub)["result"][0]["account"] == sub

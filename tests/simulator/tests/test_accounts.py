"""Account, AccountGroup, AccountGroupAccount, AccountGroupIntegrationPack (REST) and spaceAccounts (GraphQL) on the partner."""

import base64
import datetime

import pytest
import requests

from boomisim.state import DomainError
from partner_helpers import MESSAGE_403, PARTNER, partner, partner_ok, sub_token

ACME_GROUP = "acme-group-0001"
ACCOUNT_KEYS = ["@type", "licensing", "molecule", "accountId", "name", "status", "dateCreated", "widgetAccount", "supportAccess", "supportLevel",
                "overDeployed", "suggestionsEnabled"]


def expression(prop, operator, *arguments):
    """A QUERY body with one simple expression."""
    return {"QueryFilter": {"expression": {"property": prop, "operator": operator, "argument": list(arguments)}}}


def query_all(api, object_type, body=None, **kwargs):
    """Every result of a Partner API query, following queryTokens; returns (results, page sizes)."""
    page = partner_ok(api, "POST", object_type + "/query", body if body is not None else {}, **kwargs)
    results, sizes = list(page["result"]), [page["numberOfResults"]]
    while "queryToken" in page:
        page = partner_ok(api, "POST", object_type + "/queryMore", data=page["queryToken"], headers={"Content-Type": "text/plain"}, **kwargs)
        results += page["result"]
        sizes.append(page["numberOfResults"])
    return results, sizes


def b64(text):
    """Unpadded standard base64."""
    return base64.b64encode(text.encode()).decode().rstrip("=")


# -- Account -----------------------------------------------------------------------------------------------


def test_account_query_returns_the_sub_accounts_100_a_page(api):
    subs = api.sim.add_sub_accounts(230)
    odd = api.sim.add_sub_accounts(3, prefix="Susp", status="suspended") + api.sim.add_sub_accounts(2, prefix="Gone", status="deleted")
    trial = api.sim.add_sub_account("Trying Co", status="trial")
    api.sim.add_foreign_account("Other Co")
    results, sizes = query_all(api, "Account")
    assert sizes == [100, 100, 36]
    assert [acc["accountId"] for acc in results] == [acc.account_id for acc in subs + odd + [trial]]  # not the partner, not the foreign one
    first = results[0]
    assert list(first) == ACCOUNT_KEYS
    assert (first["name"], first["status"], first["@type"], first["supportLevel"]) == ("Sub-1-Account", "active", "Account", "standard")
    assert first["licensing"]["standard"] == {"@type": "License", "purchased": 25, "used": 0} and first["molecule"]["@type"] == "Molecule"
    assert results[-1]["status"] == "trial" and results[-1]["expirationDate"] > results[-1]["dateCreated"]
    # The same through the Platform path.
    assert api.rest_ok("POST", "Account/query", {})["numberOfResults"] == 100


def test_account_query_filters_with_both_property_spellings(api):
    active = api.sim.add_sub_accounts(4)
    suspended = api.sim.add_sub_accounts(2, prefix="Susp", status="suspended")
    deleted = api.sim.add_sub_account("Gone Co", status="deleted")
    trial = api.sim.add_sub_account("Trying Co", status="trial")

    def ids(body):
        return [acc["accountId"] for acc in query_all(api, "Account", body)[0]]
    for prop in ("STATUS", "status"):
        assert ids(expression(prop, "EQUALS", "suspended")) == [acc.account_id for acc in suspended]
    for prop in ("NAME", "name"):
        assert ids(expression(prop, "LIKE", "Susp-%")) == [acc.account_id for acc in suspended]
    for prop in ("ACCOUNTID", "accountId"):
        assert ids(expression(prop, "EQUALS", active[2].account_id)) == [active[2].account_id]
    for prop in ("EXPIRATIONDATE", "expirationDate"):
        assert ids(expression(prop, "IS_NOT_NULL")) == [trial.account_id]
    assert ids(expression("WIDGETACCOUNT", "EQUALS", "false")) == ids(expression("overDeployed", "EQUALS", "false")) == ids({})
    now = datetime.datetime.now(datetime.timezone.utc)
    # The SPEC's example body, with dates around now.
    spec_example = {"QueryFilter": {"expression": {"operator": "and", "nestedExpression": [
        {"argument": ["deleted"], "operator": "NOT_EQUALS", "property": "status"},
        {"argument": [(now - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ"), (now + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S.000Z")],
         "operator": "BETWEEN", "property": "dateCreated"}]}}}
    assert ids(spec_example) == [acc.account_id for acc in active + suspended + [trial]]
    assert deleted.account_id in ids(expression("DATECREATED", "GREATER_THAN", "2020-01-01T00:00:00Z"))
    for bad in (expression("Status", "EQUALS", "active"), expression("status", "SOUNDS_LIKE", "active"), expression("status", "EQUALS")):
        answer = partner(api, "POST", "Account/query", bad)
        assert answer.status_code == 400 and answer.json()["@type"] == "Error", bad


def test_account_get_and_bulk(api):
    sub = api.sim.add_sub_account("Sub Co", account_id="subco-AAAAAA")
    foreign = api.sim.add_foreign_account("Other Co", account_id="otherco-BBBBBB")
    me = partner_ok(api, "GET", "Account/" + PARTNER)
    assert (me["accountId"], me["name"], me["status"], me["dateCreated"]) == (PARTNER, "Acme", "active", "2019-04-01T09:00:00Z")
    assert partner_ok(api, "GET", "Account/subco-AAAAAA")["name"] == "Sub Co"
    assert api.rest_ok("GET", "Account/" + PARTNER) == me
    for unknown in ("otherco-BBBBBB", "nobody-CCCCCC"):
        answer = partner(api, "GET", "Account/" + unknown)
        assert (answer.status_code, answer.json()) == (403, {"@type": "Error", "message": MESSAGE_403})
    # Acting on the sub-account: its own record; it created no accounts.
    assert partner_ok(api, "GET", "Account/subco-AAAAAA", override=sub.account_id)["accountId"] == "subco-AAAAAA"
    assert partner(api, "GET", "Account/" + PARTNER, override=sub.account_id).status_code == 403
    assert partner_ok(api, "POST", "Account/query", {}, override=sub.account_id) == {"@type": "QueryResult", "numberOfResults": 0, "result": []}
    bulk = partner_ok(api, "POST", "Account/bulk", {"type": "GET", "request": [{"id": "subco-AAAAAA"}, {"id": foreign.account_id}]})
    assert [(item["statusCode"], item.get("Result", {}).get("name"), item.get("errorMessage")) for item in bulk["response"]] == [
        (200, "Sub Co", None), (400, None, MESSAGE_403)]
    assert partner(api, "POST", "Account", {"name": "New"}).status_code == 410  # CREATE is not served


# -- AccountGroup / AccountGroupAccount ----------------------------------------------------------------------------


def test_account_groups_default_seeded_and_added(api):
    subs = api.sim.add_sub_accounts(3)
    groups = partner_ok(api, "POST", "AccountGroup/query", {})["result"]
    assert [(g["name"], g["defaultGroup"], g["accountId"]) for g in groups] == [("All Accounts", True, PARTNER), ("Acme Group", False, PARTNER)]
    assert groups[1]["id"] == ACME_GROUP and list(groups[0]) == ["@type", "id", "accountId", "name", "autoSubscribeAlertLevel", "defaultGroup"]
    emea = api.sim.add_account_group("EMEA", [subs[0].account_id, subs[2].account_id])
    made = api.admin("POST", "account_groups", {"name": "APAC", "account_ids": [subs[1].account_id]}).json()["group"]
    assert made["members"] == [subs[1].account_id]
    assert [g["name"] for g in partner_ok(api, "POST", "AccountGroup/query", {})["result"]] == ["All Accounts", "Acme Group", "EMEA", "APAC"]
    assert [g["id"] for g in partner_ok(api, "POST", "AccountGroup/query", expression("name", "EQUALS", "EMEA"))["result"]] == [emea["id"]]
    assert [g["name"] for g in partner_ok(api, "POST", "AccountGroup/query", expression("defaultGroup", "EQUALS", "true"))["result"]] == ["All Accounts"]
    got = partner_ok(api, "GET", "AccountGroup/" + emea["id"])
    assert got == {"@type": "AccountGroup", "id": emea["id"], "accountId": PARTNER, "name": "EMEA", "autoSubscribeAlertLevel": "none",
                   "defaultGroup": False, "Resources": {"@type": "Resources", "Resource": []}}
    assert partner(api, "GET", "AccountGroup/no-such-group").status_code == 404
    bulk = partner_ok(api, "POST", "AccountGroup/bulk", {"type": "GET", "request": [{"id": emea["id"]}, {"id": "nope"}]})["response"]
    assert bulk[0]["Result"] == got and bulk[1]["statusCode"] == 400
    # A sub-account owns no groups.
    assert partner_ok(api, "POST", "AccountGroup/query", {}, override=subs[0].account_id)["result"] == []
    assert partner(api, "GET", "AccountGroup/" + emea["id"], override=subs[0].account_id).status_code == 404
    for bad in ({"name": "EMEA"}, {"name": ""}, {"name": "X", "account_ids": ["nobody-000000"]}):
        assert api.admin("POST", "account_groups", bad).status_code == 400, bad
    with pytest.raises(DomainError):
        api.sim.add_account_group("Twice", [subs[0].account_id, subs[0].account_id])


def test_account_group_accounts_query_pages_and_filters(api):
    many = api.sim.add_sub_accounts(120)  # each joins "All Accounts" and the seeded space's "Acme Group"
    alone = api.sim.add_sub_account("Alone Co", groups=[])
    emea = api.sim.add_account_group("EMEA", [many[0].account_id])
    extra = api.sim.add_sub_accounts(1, prefix="Emea", groups=["EMEA", emea["id"]])[0]  # by name or id, once
    all_accounts = partner_ok(api, "POST", "AccountGroup/query", expression("defaultGroup", "EQUALS", "true"))["result"][0]["id"]
    results, sizes = query_all(api, "AccountGroupAccount")
    assert sizes == [100, 100, 44]  # 122 in All Accounts, 120 in Acme Group, 2 in EMEA
    assert results[0] == {"@type": "AccountGroupAccount", "id": b64("%s|%s" % (all_accounts, many[0].account_id)), "accountGroupId": all_accounts,
                          "accountId": many[0].account_id}
    by_group, _sizes = query_all(api, "AccountGroupAccount", expression("accountGroupId", "EQUALS", emea["id"]))
    assert [item["accountId"] for item in by_group] == [many[0].account_id, extra.account_id]
    by_account, _sizes = query_all(api, "AccountGroupAccount", expression("accountId", "EQUALS", many[0].account_id))
    assert [item["accountGroupId"] for item in by_account] == [all_accounts, ACME_GROUP, emea["id"]]
    assert [item["accountGroupId"] for item in query_all(api, "AccountGroupAccount", expression("accountId", "EQUALS", alone.account_id))[0]] == [all_accounts]
    assert partner(api, "POST", "AccountGroupAccount/query", expression("name", "EQUALS", "x")).status_code == 400


def test_account_group_account_create_and_delete(api):
    sub_a, sub_b = api.sim.add_sub_accounts(2, groups=[])
    foreign = api.sim.add_foreign_account()
    emea = api.sim.add_account_group("EMEA")
    added = partner_ok(api, "POST", "AccountGroupAccount", {"accountId": sub_a.account_id, "accountGroupId": emea["id"]})
    assert added == {"@type": "AccountGroupAccount", "id": b64("%s|%s" % (emea["id"], sub_a.account_id)), "accountGroupId": emea["id"],
                     "accountId": sub_a.account_id}
    all_accounts = api.sim.accounts.group("All Accounts")["id"]
    for body in ({"accountId": sub_a.account_id, "accountGroupId": emea["id"]},       # already a member
                 {"accountId": foreign.account_id, "accountGroupId": emea["id"]},     # outside the hierarchy
                 {"accountId": sub_b.account_id, "accountGroupId": all_accounts},     # the default group is automatic
                 {"accountId": sub_b.account_id, "accountGroupId": "no-such-group"},
                 {"accountId": sub_b.account_id}, {"accountId": sub_b.account_id, "accountGroupId": emea["id"], "colour": "red"}):
        answer = partner(api, "POST", "AccountGroupAccount", body)
        assert answer.status_code == 400 and answer.json()["@type"] == "Error", body
    assert partner_ok(api, "DELETE", "AccountGroupAccount/" + added["id"]) is True
    assert partner(api, "DELETE", "AccountGroupAccount/" + added["id"]).status_code == 404
    assert partner(api, "DELETE", "AccountGroupAccount/" + b64("%s|%s" % (all_accounts, sub_a.account_id))).status_code == 400
    assert api.sim.accounts.group("EMEA")["members"] == []
    writes = [(e["operation"], e["status"], e["write"], e.get("committed")) for e in api.sim.log if e["write"]]
    assert writes[0] == ("AccountGroupAccount.create", 200, True, ["group_add_account"])
    assert ("AccountGroupAccount.delete", 200, True, ["group_remove_account"]) in writes


# -- AccountGroupIntegrationPack -------------------------------------------------------------------------------------


def test_sharing_packs_with_account_groups(api):
    order_intake, salesforce = api.pack("Order Intake"), api.pack("Salesforce Account Sync")
    emea = api.sim.add_account_group("EMEA")
    body = {"integrationPackId": order_intake["id"], "accountGroupId": emea["id"]}
    share = partner_ok(api, "POST", "AccountGroupIntegrationPack", body)
    assert share == {"@type": "AccountGroupIntegrationPack", "id": b64("1|" + emea["id"]), "integrationPackId": order_intake["id"],
                     "integrationPackName": "Order Intake", "installationType": "MULTI", "accountGroupId": emea["id"]}
    duplicate = partner(api, "POST", "AccountGroupIntegrationPack", body)
    message = "Integration pack Order Intake (%s) is already added to account group EMEA (%s)" % (order_intake["id"], emea["id"])
    assert (duplicate.status_code, duplicate.json()) == (400, {"@type": "Error", "message": message})
    for bad in ({"integrationPackId": "no-such-pack", "accountGroupId": emea["id"]}, {"integrationPackId": order_intake["id"], "accountGroupId": "nope"},
                {"accountGroupId": emea["id"]}, {"integrationPackId": order_intake["id"], "accountGroupId": emea["id"], "colour": "red"}):
        assert partner(api, "POST", "AccountGroupIntegrationPack", bad).status_code == 400, bad
    other = partner_ok(api, "POST", "AccountGroupIntegrationPack", {"@type": "AccountGroupIntegrationPack", "integrationPackId": salesforce["id"],
                                                                    "accountGroupId": ACME_GROUP})
    assert other["id"] == b64("2|" + ACME_GROUP) and other["installationType"] == "SINGLE"
    assert partner_ok(api, "GET", "AccountGroupIntegrationPack/" + share["id"]) == share
    assert partner_ok(api, "POST", "AccountGroupIntegrationPack/query", expression("accountGroupId", "EQUALS", emea["id"]))["result"] == [share]
    assert partner_ok(api, "POST", "AccountGroupIntegrationPack/query", {})["numberOfResults"] == 2
    assert partner_ok(api, "POST", "AccountGroupIntegrationPack/bulk", {"type": "GET", "request": [{"id": share["id"]}]})["response"][0]["Result"] == share
    assert partner_ok(api, "GET", "AccountGroup/" + emea["id"])["Resources"]["Resource"] == [
        {"@type": "Resource", "resourceId": order_intake["id"], "resourceName": "Order Intake", "objectType": "Integration Pack"}]
    assert "Resources" not in partner_ok(api, "POST", "AccountGroup/query", expression("id", "EQUALS", emea["id"]))["result"][0]
    # Shares belong to the partner: a sub-account sees none, and its catalogue is the same as before.
    sub = api.sim.add_sub_account("Sub Co").account_id
    assert partner_ok(api, "POST", "AccountGroupIntegrationPack/query", {}, override=sub)["result"] == []
    assert partner(api, "GET", "AccountGroupIntegrationPack/" + share["id"], override=sub).status_code == 404
    assert partner_ok(api, "POST", "IntegrationPack/query", {}, override=sub)["numberOfResults"] == 6
    assert partner_ok(api, "DELETE", "AccountGroupIntegrationPack/" + share["id"]) is True
    assert partner(api, "GET", "AccountGroupIntegrationPack/" + share["id"]).status_code == 404
    assert partner(api, "DELETE", "AccountGroupIntegrationPack/" + share["id"]).status_code == 404
    again = partner_ok(api, "POST", "AccountGroupIntegrationPack", body)  # shared again: a new id
    assert again["id"] == b64("3|" + emea["id"])
    committed = [(e["operation"], e.get("committed")) for e in api.sim.log if e.get("committed")]
    create, delete = ("AccountGroupIntegrationPack.create", ["pack_share"]), ("AccountGroupIntegrationPack.delete", ["pack_unshare"])
    assert committed == [create, create, delete, create]
    assert [s["integrationPackId"] for s in api.admin("GET", "accounts").json()["shares"]] == [salesforce["id"], order_intake["id"]]


def test_drop_after_commit_on_a_pack_share(api):
    emea = api.sim.add_account_group("EMEA")
    api.sim.set_faults(drop_after_commit={"operation": "pack_share"})
    with pytest.raises(requests.exceptions.ConnectionError):
        partner(api, "POST", "AccountGroupIntegrationPack", {"integrationPackId": api.pack("Order Intake")["id"], "accountGroupId": emea["id"]})
    assert api.sim.log[-1]["status"] == 0 and len(api.sim.accounts.shares) == 1


# -- GraphQL spaceAccounts -------------------------------------------------------------------------------------------------


SPACE_ACCOUNTS = "query spaceAccounts\n{\n  spaceAccounts\n  {\n     id\n     name\n  }\n}"  # the doc's sample, verbatim
SEARCH = "query spaceAccounts\n{\n  spaceAccounts(criteria:{\n    operator: %s,\n    argument: %s\n  })\n  {\n     id\n     name\n  }\n}"


def test_space_accounts_lists_the_members_of_the_spaces_account_group(api):
    subs = api.sim.add_sub_accounts(3, prefix="Name")                       # default groups: All Accounts and the space's Acme Group
    api.sim.add_sub_account("Test-Account-A", account_id="TestAccountA-WU8VYK")
    api.sim.add_sub_account("Paused-Account", status="suspended")
    api.sim.add_sub_account("Gone-Account", status="deleted")               # never listed
    api.sim.add_sub_account("Elsewhere-Account", groups=[])                 # not in the space's group
    api.sim.add_foreign_account("Foreign-Account")
    listed = api.gql_data(SPACE_ACCOUNTS)["spaceAccounts"]
    assert [item["name"] for item in listed] == ["Name-1-Account", "Name-2-Account", "Name-3-Account", "Test-Account-A", "Paused-Account"]
    assert listed[0] == {"id": subs[0].account_id, "name": "Name-1-Account"}
    assert api.gql_data(SEARCH % ("CONTAINS", '"test"'))["spaceAccounts"] == [{"id": "TestAccountA-WU8VYK", "name": "Test-Account-A"}]
    names = [item["name"] for item in api.gql_data(SEARCH % ("STARTSWITH", '"NAME-"'))["spaceAccounts"]]
    assert names == ["Name-1-Account", "Name-2-Account", "Name-3-Account"]
    assert api.gql_data(SEARCH % ("CONTAINS", '""'))["spaceAccounts"] == listed
    assert api.gql_data(SEARCH % ("STARTSWITH", '"wu8vyk"'))["spaceAccounts"] == []
    assert api.gql_data(SEARCH % ("CONTAINS", '"wu8vyk"'))["spaceAccounts"] == [{"id": "TestAccountA-WU8VYK", "name": "Test-Account-A"}]  # ids match too
    variables = api.gql_data("query($c: Criteria) { spaceAccounts(criteria: $c) { id } }", {"c": {"operator": "STARTSWITH", "argument": "paused"}})
    assert len(variables["spaceAccounts"]) == 1
    # The same answer with a sub-account's JWT; the space is required.
    assert api.gql_data(SPACE_ACCOUNTS, token=sub_token(api, subs[1].account_id))["spaceAccounts"] == listed
    assert api.gql_error(SPACE_ACCOUNTS, space=None)["extensions"]["code"] == "MISSING_SPACE_ID"
    assert api.gql_error(SPACE_ACCOUNTS, space="no-such-space")["extensions"]["code"] == "SPACE_NOT_FOUND"
    assert api.gql(SEARCH % ('"CONTAINS"', '"x"')).status_code == 400  # the operator is an enum value
    assert api.gql_data(SPACE_ACCOUNTS, token=None)["spaceAccounts"] == listed
    assert api.sim.log[-1]["operation"] == "spaceAccounts"

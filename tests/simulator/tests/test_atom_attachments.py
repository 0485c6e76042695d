"""IntegrationPackAtomAttachment (issue 27): instances attached to Runtimes directly, on accounts without environments."""

import base64

import pytest
import requests

from partner_helpers import partner, partner_ok

PROD_ATOM_1 = "b8a19c6c-3cc5-4f92-abba-c35b6eee2fb7"
PROD_ATOM_2 = "2f5c1e8e-5089-4497-aaed-689510c43fce"


def attach(api, instance_id, atom_id):
    return api.rest("POST", "IntegrationPackAtomAttachment", {"integrationPackInstanceId": instance_id, "atomId": atom_id})


@pytest.fixture
def no_envs(api):
    """The seed account switched to "no environments" through the admin API."""
    answer = api.admin("POST", "environments", {"enabled": False})
    assert answer.json() == {"account": api.account_id, "uses_environments": False}
    return api


def test_refused_on_an_account_with_environments(api):
    inst = api.install()
    answer = attach(api, inst["id"], PROD_ATOM_1)
    assert answer.status_code == 400 and "uses environments" in answer.json()["message"] and "IntegrationPackEnvironmentAttachment" in answer.json()["message"]
    assert api.query("IntegrationPackAtomAttachment")["numberOfResults"] == 0


def test_an_account_without_environments(no_envs):
    api = no_envs
    assert api.query("Environment")["numberOfResults"] == 0 and api.query("EnvironmentAtomAttachment")["numberOfResults"] == 0
    assert api.rest("GET", "Environment/" + api.env("Production")["id"]).status_code == 404
    inst = api.install()
    refused = api.rest("POST", "IntegrationPackEnvironmentAttachment", {"integrationPackInstanceId": inst["id"], "environmentId": api.env("Test")["id"]})
    assert refused.status_code == 400 and "does not use environments" in refused.json()["message"]
    graphql = api.gql_error("mutation a($input: IntegrationPackEnvironmentAttachmentInput!) "
                            "{ integrationPackInstanceEnvironmentAttachmentAttach(input: $input) { id } }",
                            {"input": {"integrationPackInstanceId": inst["id"], "environmentIds": [api.env("Test")["id"]]}})
    assert graphql["extensions"]["code"] == "PLATFORM_CALL_ERROR"
    api.sim.set_uses_environments(True)
    assert api.query("Environment")["numberOfResults"] == 4


def test_attach_query_and_delete(no_envs):
    api = no_envs
    first, second = api.install(override="EU"), api.install(override="US")
    made = attach(api, first["id"], PROD_ATOM_1)
    assert made.status_code == 200
    body = made.json()
    assert body == {"@type": "IntegrationPackAtomAttachment", "integrationPackInstanceId": first["id"], "atomId": PROD_ATOM_1, "id": body["id"]}
    decoded = base64.urlsafe_b64decode(body["id"] + "=" * (-len(body["id"]) % 4)).decode()
    assert first["id"] in decoded and PROD_ATOM_1 in decoded  # synthesized from both ids
    assert attach(api, first["id"], PROD_ATOM_2).status_code == 200
    assert attach(api, second["id"], PROD_ATOM_1).status_code == 200
    on_atom = api.query("IntegrationPackAtomAttachment", {"property": "atomId", "operator": "EQUALS", "argument": [PROD_ATOM_1]})
    assert [item["integrationPackInstanceId"] for item in on_atom["result"]] == [first["id"], second["id"]]
    of_first = api.query("IntegrationPackAtomAttachment", {"property": "integrationPackInstanceId", "operator": "EQUALS", "argument": [first["id"]]})
    assert [item["atomId"] for item in of_first["result"]] == [PROD_ATOM_1, PROD_ATOM_2]
    # one schedule record per process and Atom, so schedules and runs work as with environments
    records = api.query("ProcessSchedules", {"property": "atomId", "operator": "EQUALS", "argument": [PROD_ATOM_1]})
    assert records["numberOfResults"] == 2 * 2
    process_id = first["ProcessId"][0]["wrapperProcessId"]
    run = api.rest_ok("POST", "ExecutionRequest", {"atomId": PROD_ATOM_1, "processId": process_id})
    assert run["requestId"].startswith("executionrecord-")
    assert api.rest_ok("DELETE", "IntegrationPackAtomAttachment/" + body["id"]) is True
    assert api.query("ProcessSchedules", {"property": "atomId", "operator": "EQUALS", "argument": [PROD_ATOM_1]})["numberOfResults"] == 2
    assert api.rest("DELETE", "IntegrationPackAtomAttachment/" + body["id"]).status_code == 404
    # uninstall removes the instance's Atom attachments and their records
    api.rest_ok("DELETE", "IntegrationPackInstance/" + first["id"])
    assert [item["integrationPackInstanceId"] for item in api.query("IntegrationPackAtomAttachment")["result"]] == [second["id"]]
    assert len(api.admin("GET", "state").json()["atom_attachments"]) == 1


@pytest.mark.parametrize("body, message", [
    ({"atomId": PROD_ATOM_1}, "integrationPackInstanceId is required"),
    ({"integrationPackInstanceId": "nope", "atomId": PROD_ATOM_1}, "Invalid integrationPackInstanceId"),
    ({"integrationPackInstanceId": "INSTANCE", "atomId": "nope"}, "Invalid atomId"),
    ({"integrationPackInstanceId": "INSTANCE", "atomId": PROD_ATOM_1, "environmentId": "x"}, "Unknown field"),
])
def test_attach_errors(no_envs, body, message):
    api = no_envs
    inst = api.install()
    body = {key: inst["id"] if value == "INSTANCE" else value for key, value in body.items()}
    answer = api.rest("POST", "IntegrationPackAtomAttachment", body)
    assert answer.status_code == 400 and message in answer.json()["message"], answer.text


def test_attaching_twice_and_a_lost_answer(no_envs):
    api = no_envs
    inst = api.install()
    api.sim.set_faults(drop_after_commit={"operation": "atom_attach"})
    with pytest.raises(requests.exceptions.ConnectionError):
        attach(api, inst["id"], PROD_ATOM_1)
    assert api.query("IntegrationPackAtomAttachment")["numberOfResults"] == 1  # applied once
    again = attach(api, inst["id"], PROD_ATOM_1)
    assert again.status_code == 400 and "already attached" in again.json()["message"]
    assert api.query("IntegrationPackAtomAttachment")["numberOfResults"] == 1


def test_a_sub_account_without_environments(api):
    (sub,) = api.sim.add_sub_accounts(1, prefix="Legacy")
    assert api.admin("POST", "environments", {"account": sub.account_id, "enabled": False}).status_code == 200
    assert api.admin("POST", "environments", {"account": "nope", "enabled": False}).status_code == 400
    assert api.admin("POST", "environments", {"enabled": "no"}).status_code == 400
    inst = partner_ok(api, "POST", "IntegrationPackInstance", {"integrationPackId": api.pack("Order Intake")["id"], "integrationPackOverrideName": "EU"},
                      override=sub.account_id)
    made = partner(api, "POST", "IntegrationPackAtomAttachment", {"integrationPackInstanceId": inst["id"], "atomId": PROD_ATOM_2}, override=sub.account_id)
    assert made.status_code == 200, made.text
    assert api.query("IntegrationPackAtomAttachment")["numberOfResults"] == 0  # the partner's own account has none
    assert api.query("Environment")["numberOfResults"] == 4  # and still uses environments


def test_atoms_are_listed_also_without_environments(no_envs):
    """REST Atom (query, GET): a client resolves Runtime names to ids on an account without environments."""
    api = no_envs
    found = api.query("Atom")
    assert found["numberOfResults"] == 5
    assert {atom["name"] for atom in found["result"]} == {"Test Atom", "Prod Atom 1", "Prod Atom 2", "Sandbox Atom A", "Sandbox Atom B"}
    named = api.query("Atom", {"property": "name", "operator": "EQUALS", "argument": ["Prod Atom 2"]})
    assert [atom["id"] for atom in named["result"]] == [PROD_ATOM_2]
    one = api.rest_ok("GET", "Atom/" + PROD_ATOM_1)
    assert one["@type"] == "Atom" and one["name"] == "Prod Atom 1" and one["status"] == "ONLINE" and one["type"] == "ATOM"
    assert api.rest("GET", "Atom/nope").status_code == 404
    assert api.rest("POST", "Atom", {"name": "x"}).status_code == 410  # read only here

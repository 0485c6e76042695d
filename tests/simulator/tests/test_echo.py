"""The echo_request fault: an error answer that quotes the request back (body, trimmed values, headers, credentials)."""

import base64
import json

import pytest
import requests

from boomisim.faults import FaultError

ACCOUNT_ID = "acme-4F7K2Q"  # the seed (conftest.py)
USERNAME = "ops@acme.example"
PASSWORD = "sim-password"

NAME = 'Pässwort "q" \\ end'
ESCAPED = json.dumps(NAME)[1:-1]  # as the client sends it: P\u00e4sswort \"q\" \\ end
INSTALL = "mutation i($input: IntegrationPackInstanceInput!) { integrationPackInstanceInstall(input: $input) { id } }"


def _install(api, name=NAME):
    body = {"integrationPackId": api.pack("Order Intake")["id"], "integrationPackOverrideName": name}
    return api.rest("POST", "IntegrationPackInstance", body)


def _names(api):
    return [i["integrationPackOverrideName"] for i in api.sim.state.instances.values()]


def test_echo_body_json_escapes_the_request_once_and_nothing_is_done(api):
    api.sim.set_faults(echo_request={"status": 400})
    answer = _install(api)
    assert answer.status_code == 400
    assert answer.headers["Content-Type"] == "application/json"
    message = answer.json()["message"]
    assert message.startswith("Bad request: {") and ESCAPED in message  # the body as the client sent it
    assert "\\u00e4" in answer.text  # ensure_ascii: escaped again in the answer's JSON
    assert NAME not in _names(api)
    assert _install(api).status_code == 200  # count 1: the next request is processed
    assert api.sim.log[-2]["status"] == 400 and api.sim.log[-2]["operation"] == "IntegrationPackInstance.create"


def test_echo_json_unicode_keeps_non_ascii(api):
    api.sim.set_faults(echo_request={"part": "values", "quote": "json_unicode"})
    answer = _install(api, "  " + NAME + "\n")
    assert "ä" in answer.content.decode("utf-8")
    assert answer.json()["message"].endswith(', "%s"' % NAME)  # trimmed values, after the pack id


def test_echo_json_string_escapes_twice_graphql(api):
    api.token()
    api.sim.set_faults(echo_request={"quote": "json_string", "status": 200})
    answer = api.gql(INSTALL, {"input": {"integrationPackId": api.pack("Order Intake")["id"], "integrationPackOverrideName": NAME}})
    message = answer.json()["errors"][0]["message"]
    assert json.dumps(ESCAPED)[1:-1] in message  # escaped twice once decoded
    assert NAME not in _names(api)


def test_echo_text_headers_and_credentials(api):
    api.sim.set_faults(echo_request={"part": "headers", "quote": "text", "count": 2})
    first = _install(api)
    assert first.headers["Content-Type"].startswith("text/plain")
    basic = base64.b64encode(("%s:%s" % (USERNAME, PASSWORD)).encode()).decode()
    assert "Authorization: Basic %s" % basic in first.text
    api.sim.set_faults(echo_request={"part": "credentials", "quote": "text"})
    second = requests.get("%s/auth/jwt/generate/%s" % (api.url, ACCOUNT_ID), auth=("BOOMI_TOKEN.u", " tok-en \n"), timeout=10)
    assert second.status_code == 400 and second.text == "Bad request: BOOMI_TOKEN.u:tok-en"


def test_echo_commit_lands_the_write_and_operation_filters(api):
    api.sim.set_faults(echo_request={"commit": True, "status": 409, "operation": "IntegrationPackInstance.create"})
    assert api.rest("POST", "Environment/query", {}).status_code == 200  # another operation: not echoed
    answer = _install(api)
    assert answer.status_code == 409 and "Bad request:" in answer.json()["message"]
    assert NAME in _names(api)  # processed first
    assert api.sim.log[-1]["committed"] == ["install"]
    assert api.sim.faults.snapshot()["echo_request"] is None


@pytest.mark.parametrize("setting, error", [
    ({"part": "cookies"}, "echo_request.part"), ({"quote": "xml"}, "echo_request.quote"), ({"count": 0}, "echo_request.count"),
    ({"status": 99}, "echo_request.status"), ({"commit": "yes"}, "echo_request.commit"), ({"what": 1}, "unknown key"), ("x", "object"),
])
def test_echo_bad_settings_refused(sim, setting, error):
    with pytest.raises(FaultError, match=error):
        sim.set_faults(echo_request=setting)

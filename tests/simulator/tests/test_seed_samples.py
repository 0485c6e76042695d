"""The request samples of the seed documents are accepted verbatim (placeholder ids replaced by real ones).

The documents are read from ``<repo root>/../shared`` at test time; nothing is copied into the repo.
"""

import json
import re

import pytest

SAMPLE_HEADINGS = ("sample request", "json request", "implementation", "input syntax")
SECTION = re.compile(r"^#### (?P<heading>[^\n]+)\n(?P<body>.*?)(?=^#### |\Z)", re.M | re.S)
CODE_BLOCK = re.compile(r"^```[^\n]*\n(?P<code>.*?)^```", re.M | re.S)


def _seed_file(api, prefix):
    found = sorted((api.shared_dir / "seeds").glob(prefix + "_*.txt"))
    assert len(found) == 1, "seed document %s_* not found in %s" % (prefix, api.shared_dir)
    return found[0].read_text(encoding="utf-8")


def _graphql_samples(text):
    """(heading, code) of the GraphQL request blocks under the sample/implementation/input headings."""
    samples = []
    for section in SECTION.finditer(text):
        if section.group("heading").strip().lower() not in SAMPLE_HEADINGS:
            continue
        for block in CODE_BLOCK.finditer(section.group("body")):
            code = block.group("code")
            if code.lstrip().startswith(("query", "mutation")):
                samples.append((section.group("heading").strip(), code))
    return samples


def _substitute(code, replacements):
    """Replace each placeholder (in order, one occurrence each) by a real id."""
    for placeholder, value in replacements:
        assert placeholder in code, (placeholder, code)
        code = code.replace(placeholder, value, 1)
    return code


def _rest_payloads(text):
    """The 'Request samples / - Payload' JSON bodies of the REST reference page, '- ' list markers removed."""
    payloads = []
    for match in re.finditer(r"Request samples\n- Payload\n(?P<body>.*?)(?:Response samples|\Z)", text, re.S):
        body = re.sub(r"(^|[\[{]|, )- ", r"\1", match.group("body").strip(), flags=re.M)
        payloads.append(json.loads(body))
    return payloads


def _ok(answer):
    assert answer.status_code == 200, answer.text
    payload = answer.json()
    assert "errors" not in payload, payload
    assert payload["data"] and all(value is not None for value in payload["data"].values()), payload
    return payload["data"]


def test_000_instances_samples(api):
    api.install("Order Intake", "EU")
    samples = _graphql_samples(_seed_file(api, "000"))
    assert [heading for heading, _code in samples] == ["Input Syntax", "Implementation"]
    for _heading, code in samples:
        data = _ok(api.gql(code))
        assert data["integrationPackInstances"][0]["integrationPack"]["name"] == "Order Intake"


def test_001_install_samples(api):
    samples = _graphql_samples(_seed_file(api, "001"))
    assert [heading for heading, _code in samples] == ["Input syntax", "JSON request"]
    multi = api.pack("Order Intake")["id"]
    input_syntax, json_request = samples[0][1], samples[1][1]
    data = _ok(api.gql(_substitute(json_request, [('"c0523638-0838-40e1-bd53-*****"', json.dumps(multi))]), space=None))
    assert data["integrationPackInstanceInstall"]["integrationPackOverrideName"] == "adhoc_08 - Mon Apr 24 2023"
    assert data["integrationPackInstanceInstall"]["integrationPackId"] == multi
    data = _ok(api.gql(_substitute(input_syntax, [('"ID!"', json.dumps(multi))]), space=None))
    assert data["integrationPackInstanceInstall"]["integrationPackOverrideName"] == "String"


def test_002_processes_samples(api):
    inst = api.install("Order Intake", "EU")
    api.attach(inst["id"], "Test")
    samples = _graphql_samples(_seed_file(api, "002"))
    assert [heading for heading, _code in samples] == ["Input syntax", "Sample request"]
    for _heading, code in samples:
        data = _ok(api.gql(_substitute(code, [('"ID"', json.dumps(inst["id"]))])))
        processes = data["integrationPackInstanceProcesses"]
        assert [p["name"] for p in processes] == ["EU - INT", "EU - Acknowledge"]
        assert all(len(p["processSchedules"]) == 1 and p["processSchedules"][0]["retry"]["maxRetry"] == 5 for p in processes)


def test_003_attach_samples(api):
    first, second = api.install("Order Intake", "first"), api.install("Order Intake", "second")
    env = api.env("Test")["id"]
    samples = _graphql_samples(_seed_file(api, "003"))
    assert [heading for heading, _code in samples] == ["Input Syntax", "Sample request"]
    input_syntax, sample = samples[0][1], samples[1][1]
    data = _ok(api.gql(_substitute(sample, [('"SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UxOTUw"', json.dumps(first["id"])),
                                            ('"730bc9b1-1f7c-4049-bb65-aacf993b6fe0"', json.dumps(env))])))
    attached = data["integrationPackInstanceEnvironmentAttachmentAttach"]
    assert [(a["integrationPackInstanceId"], a["environmentId"], a["environmentExtensions"]) for a in attached] == [(first["id"], env, None)]
    data = _ok(api.gql(_substitute(input_syntax, [('"ID!"', json.dumps(second["id"])), ('"ID!"', json.dumps(env))])))
    assert data["integrationPackInstanceEnvironmentAttachmentAttach"][0]["integrationPackInstanceId"] == second["id"]


def test_other_graphql_pages_samples(api):
    """Uninstall, unattach, environments and Space pages (their parseable request samples)."""
    docs = api.shared_dir / "boomi-docs" / "graphql"
    inst = api.install("Order Intake", "EU")
    att = api.attach(inst["id"], "Test")
    envs_code = _graphql_samples((docs / "spa-account_environments_list.md").read_text(encoding="utf-8"))
    assert len(envs_code) == 2
    for _heading, code in envs_code:
        data = _ok(api.gql(code))
        assert data["environments"][0]["integrationPackEnvironmentAttachment"][0]["id"] == att["id"]
    unattach = dict(_graphql_samples((docs / "spa-unattach_integration_environment.md").read_text(encoding="utf-8")))["Sample request"]
    data = _ok(api.gql(_substitute(unattach, [('"<IpackinstanceID>"', json.dumps(att["id"]))])))
    assert data["integrationPackInstanceEnvironmentAttachmentUnattach"] == att["id"]
    uninstall = dict(_graphql_samples((docs / "spa-uninstall_an_integration.md").read_text(encoding="utf-8")))["JSON request"]
    data = _ok(api.gql(_substitute(uninstall, [('"SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UyOTUyMg"', json.dumps(inst["id"]))]), space=None))
    assert data["integrationPackInstanceUninstall"] == inst["id"]
    space = dict(_graphql_samples((docs / "spa-get_space_details.md").read_text(encoding="utf-8")))["Input syntax"]
    data = _ok(api.gql(_substitute(space, [('"ID!"', json.dumps(api.space_guid))]), space=None))
    assert data["Space"]["name"] == "Acme Integrations"


def test_004_rest_payloads(api):
    create, bulk, query = _rest_payloads(_seed_file(api, "004"))
    assert create == {"integrationPackOverrideName": "Domestic Order Intake", "integrationPackId": "89abcdef-0123-4567-89ab-cdef01234567"}
    assert bulk == {"request": [{"id": "56789abc-def0-1234-5678-9abcdef01234"}], "type": "GET"}
    assert query == {"QueryFilter": {"expression": {"argument": ["Order Intake"], "operator": "EQUALS", "property": "integrationPackName"}}}

    create["integrationPackId"] = api.pack("Order Intake")["id"]
    inst = api.rest_ok("POST", "IntegrationPackInstance", create)
    assert inst["integrationPackOverrideName"] == "Domestic Order Intake"
    bulk["request"][0]["id"] = inst["id"]
    result = api.rest_ok("POST", "IntegrationPackInstance/bulk", bulk)
    assert result["response"][0]["Result"] == inst
    found = api.rest_ok("POST", "IntegrationPackInstance/query", query)
    assert found["result"] == [inst]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_each_graphql_seed_has_samples(api, prefix):
    assert _graphql_samples(_seed_file(api, prefix))

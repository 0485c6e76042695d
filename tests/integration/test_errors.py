# -*- coding: utf-8 -*-
"""Every error path: one clear message naming what is wrong, no traceback, no write (run with -vvv)."""

from __future__ import annotations

BOGUS_INSTANCE = "SW50ZWdyYXRpb25QYWNrSW5zdGFuY2U5OTk5"
UNKNOWN_PACK = "00000000-0000-4000-8000-000000000000"
NO_REQUEST = "no request"  # the failure must come before any HTTP request


def expectations(api, seed, sf_id):
    """``{task: (fragments the message must contain, NO_REQUEST or None)}``."""
    shipping = sorted(p["id"] for p in seed.state()["packs"] if p["name"] == "Shipping Notifications")
    sandboxes = seed.env_ids("Sandbox")
    legacy_id = seed.pack_id("Legacy EDI Bridge")
    if api == "rest":
        missing = (["REST API needs", "username", "password or api_token"], NO_REQUEST)
        nothing = (["REST API needs", "account_id", "username", "password or api_token"], NO_REQUEST)
        wrong = (["401", "Unauthorized"], None)
    else:
        missing = (["GraphQL API needs", "bearer_token", "username", "password or api_token"], NO_REQUEST)
        nothing = (["GraphQL API needs space_guid"], NO_REQUEST)
        wrong = (["JWT generation", "401"], None)
    table = {
        "unknown pack id": (["integration_pack_id", UNKNOWN_PACK, "no such integration pack"], None),
        "unknown pack name": (["integration_pack_name", "'No Such Pack'", "no integration pack has this name"], None),
        "ambiguous pack name": (["integration_pack_name", "'Shipping Notifications'", "ambiguous"] + shipping, None),
        "MULTI pack without override_name": (["override_name is required", "'Order Intake'", "MULTI"], None),
        "override_name on a SINGLE pack": (["override_name", "'Salesforce EU'", "not allowed", "SINGLE"], None),
        "instance_id of another pack": ([sf_id, "Salesforce Account Sync", "Order Intake"], None),
        "unknown environment name": (["environments", "'Staging'", "not found"], None),
        "ambiguous environment name": (["environments", "'Sandbox'", "ambiguous"] + sandboxes, None),
        "ambiguous environment name, state absent": (["environments", "'Sandbox'", "ambiguous"] + sandboxes, None),
        "ambiguous environment filter of schedule info": (["environment", "'Sandbox'", "ambiguous"] + sandboxes, None),
        "exclusive with state absent": (["exclusive", "state=present"], NO_REQUEST),
        "non-existent instance_id, install": (["instance_id", BOGUS_INSTANCE, "no such integration pack instance"], None),
        "non-existent instance_id, attach": (["instance_id", BOGUS_INSTANCE, "no such integration pack instance"], None),
        "non-existent instance_id, attach in check mode": (["instance_id", BOGUS_INSTANCE, "no such integration pack instance"], None),
        "non-existent instance_id, schedules": (["instance_id", BOGUS_INSTANCE, "no such integration pack instance"], None),
        "blank pack name": (["integration_pack_name", "must not be empty or blank"], NO_REQUEST),
        "empty override_name": (["override_name", "must not be empty or blank"], NO_REQUEST),
        "blank environment": (["environments", "must not be empty or blank"], NO_REQUEST),
        "empty instance_id of info": (["instance_id", "must not be empty or blank"], NO_REQUEST),
        "blank account_id": (["account_id", "must not be empty"], NO_REQUEST),
        "wrong password": wrong,
        "missing credentials": missing,
        "no connection option at all": nothing,
        "password and api_token together": (["mutually exclusive: password|api_token"], NO_REQUEST),
        "GraphQL without space_guid": (["GraphQL API needs space_guid"], NO_REQUEST),
    }
    if api == "graphql":
        # Legacy EDI Bridge is available to the account but not shared with the space
        table["Legacy EDI Bridge by name"] = (["integration_pack_name", "'Legacy EDI Bridge'", "no integration pack has this name"], None)
        table["Legacy EDI Bridge by id"] = (["integration_pack_id", legacy_id, "no such integration pack is available to this space"], None)
    return table, legacy_id


MISSING_INSTANCE_TASKS = ("non-existent instance_id, attach", "non-existent instance_id, attach in check mode")
_RUNS = {}


def error_run(ansible, seed, api):
    """One -vvv run of errors.yml per API, shared by the tests of this file (they only read its records)."""
    if api not in _RUNS:
        sf_id = seed.install("Salesforce Account Sync")
        table, legacy_id = expectations(api, seed, sf_id)
        before = seed.state()
        run = ansible.playbook("errors.yml", api, {"sf_id": sf_id, "legacy_id": legacy_id}, verbosity=3)
        _RUNS[api] = (run, table, before, seed.state())
    return _RUNS[api]


def check_failure(run, name, fragments, requests_allowed):
    """The problems of one task that had to fail (empty when it failed cleanly)."""
    record = run.task(name)
    msg = record["msg"] or ""
    if not record["failed"]:
        shown = {k: v for k, v in record["result"].items() if k in ("changed", "msg", "attached", "attachments", "instance")}
        return ["%s: did not fail: %r" % (name, shown)]
    problems = []
    missing = [f for f in fragments if f not in msg]
    if missing or "\n" in msg or not msg.strip():
        problems.append("%s: message %r lacks %r" % (name, msg, missing))
    if record["sim"]["writes"]:
        problems.append("%s: made %d write(s) before failing: %s" % (name, record["sim"]["writes"], record["sim"]["by_operation"]))
    if requests_allowed == NO_REQUEST and record["sim"]["requests"]:
        problems.append("%s: sent %d request(s), the options alone are wrong" % (name, record["sim"]["requests"]))
    return problems


def test_error_paths_fail_cleanly(ansible, seed, api):
    run, table, before, after = error_run(ansible, seed, api)
    assert run.rc == 0, run.output()  # every failure is ignored: the playbook itself succeeds
    run.assert_no_traceback().assert_api(api)
    run.assert_no_secrets(extra=("not-the-password", "not-the-api-token"))
    assert [e for e in run.writes if e["path"].endswith("/IntegrationPackInstance") or "Install" in e["operation"]] == []
    assert after["instances"] == before["instances"]

    problems = []
    for name, (fragments, requests_allowed) in table.items():
        if name not in MISSING_INSTANCE_TASKS:
            problems += check_failure(run, name, fragments, requests_allowed)

    # Legacy EDI Bridge: REST can install it (asked in check mode), GraphQL cannot see it
    if api == "rest":
        for name in ("Legacy EDI Bridge by name", "Legacy EDI Bridge by id"):
            record = run.task(name)
            if record["failed"] or not record["changed"] or record["result"]["instance"]["integration_pack_name"] != "Legacy EDI Bridge":
                problems.append("%s: REST should predict an install, got %r" % (name, record["result"]))
    assert not problems, "\n".join(problems)


def test_attach_of_missing_instance_fails_before_writing(ansible, seed, api):
    """ipack_env_attachment must check that instance_id exists before it attaches (or predicts an attach)."""
    run, table, before, after = error_run(ansible, seed, api)
    problems = []
    for name in MISSING_INSTANCE_TASKS:
        problems += check_failure(run, name, *table[name])
    if run.writes:
        problems.append("the run wrote: %s" % [(e["method"], e["path"], e["operation"], e["status"]) for e in run.writes])
    if after != before:
        problems.append("the simulator state changed")
    assert not problems, "\n".join(problems)

# -*- coding: utf-8 -*-
"""Reliability under faults, proven with real ansible-playbook runs against the simulator (issue #9): what needs a controller.

Every run is at -vvv and must leak no password, API token, Basic credential or JWT. Cases:

- rate limiting (every 3rd request refused with Retry-After: 0): the role converges exactly;
- answers that echo the credentials (REST and GraphQL), and a broken answer the role fails on.

The modules' own cases, in process through both APIs: answers lost after the server committed an install, attach, schedule
update, detach, uninstall (tests/unit/plugins/modules/test_lost_answers.py), the modules the role runs under rate limiting
(test_rate_limited.py), bad credentials, 403, 410, hostile or broken answers, JWT expiry, a server that never answers
(test_broken_answers.py).

Helpers shared with ``test_reliability_input.py`` live here.
"""

from __future__ import annotations

import base64
import json
import re
import time

import pytest

from boomi_harness import ACCOUNT_ID, API_TOKEN, PASSWORD, USERNAME

OPS = {
    "install": {"rest": "IntegrationPackInstance.create", "graphql": "integrationPackInstanceInstall"},
    "uninstall": {"rest": "IntegrationPackInstance.delete", "graphql": "integrationPackInstanceUninstall"},
    "attach": {"rest": "IntegrationPackEnvironmentAttachment.create", "graphql": "integrationPackInstanceEnvironmentAttachmentAttach"},
    "detach": {"rest": "IntegrationPackEnvironmentAttachment.delete", "graphql": "integrationPackInstanceEnvironmentAttachmentUnattach"},
    "schedule_update": {"rest": "ProcessSchedules.update", "graphql": "processSchedulesUpdate"},
}
# What a gateway that echoes request headers would print: the Basic credentials, base64-encoded.
BASIC_PASSWORD = base64.b64encode(("%s:%s" % (USERNAME, PASSWORD)).encode()).decode()
BASIC_TOKEN = base64.b64encode(("BOOMI_TOKEN.%s:%s" % (USERNAME, API_TOKEN)).encode()).decode()
ROLE_PREFIX = "boomi.platform.integration_packs : "
LABELS = {"rest": "REST {}", "graphql": "GraphQL {}", "jwt": "JWT generation"}  # how the modules name a logged operation


# ---------------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------------


@pytest.fixture
def jwts(sim, monkeypatch):
    """Every JWT the simulator issues during the test (its own issue() wrapped; nothing added to product code)."""
    issued = []
    original = sim.jwt.issue

    def issue(*args, **kwargs):
        token = original(*args, **kwargs)
        issued.append(token)
        return token

    monkeypatch.setattr(sim.jwt, "issue", issue)
    return issued


def mint_jwt(sim):
    """A valid JWT of the simulator, made by the test (to hand out as a canned JWT answer)."""
    return sim.jwt.issue(USERNAME, ACCOUNT_ID, 300)


def assert_clean(run, jwts):
    """No traceback; no password, API token, Basic credential or JWT anywhere in the output (run at -vvv)."""
    assert "-vvv" in run.argv, run.argv
    assert jwts or not any(e["api"] == "jwt" and e["status"] == 200 for e in run.log), "JWTs were issued but not collected"
    run.assert_no_traceback()
    secrets = {"password": PASSWORD, "API token": API_TOKEN, "Basic credentials (password)": BASIC_PASSWORD,
               "Basic credentials (API token)": BASIC_TOKEN}
    secrets.update(("JWT #%d" % n, token) for n, token in enumerate(jwts))
    leaks = ["%s in %s" % (label, where) for label, secret in secrets.items()
             for where, text in [("stdout", run.stdout), ("stderr", run.stderr)] + [("task %r" % r["task"], json.dumps(r)) for r in run.records]
             if secret in text]
    assert not leaks, "secrets leaked at -vvv: %s" % "; ".join(leaks)
    run.assert_no_secrets(extra=tuple(jwts) + (BASIC_PASSWORD, BASIC_TOKEN))


def task_logs(run):
    """``[(task record, [simulator log entries of that task])]``: the per-task request counts cut the run's log in order."""
    out = []
    position = 0
    for record in run.results:
        count = (record["sim"] or {}).get("requests", 0)
        out.append((record, run.log[position:position + count]))
        position += count
    assert position == len(run.log), "per-task counts (%d) do not add up to the log (%d)" % (position, len(run.log))
    return out


def warnings_of(record):
    return [str(w) for w in record["result"].get("warnings") or []]


def check_failure(problems, run, name, fragments, requests=None):
    """Task ``name`` failed with one line naming every fragment, made no write and ``requests`` requests."""
    record = run.task(name)
    msg = str(record["msg"] or "")
    if not record["failed"]:
        problems.append("%s: did not fail: %r" % (name, record["result"]))
        return record
    missing = [f for f in fragments if f not in msg]
    if missing or "\n" in msg:
        problems.append("%s: message %r lacks %r (or is not one line)" % (name, msg, missing))
    if record["sim"]["writes"]:
        problems.append("%s: made %d write(s): %s" % (name, record["sim"]["writes"], record["sim"]["by_operation"]))
    if requests is not None and record["sim"]["requests"] != requests:
        problems.append("%s: %d request(s), expected %d: %s" % (name, record["sim"]["requests"], requests, record["sim"]["by_operation"]))
    return record


# Answers lost after the server committed the write: install, attach, schedule update, detach, uninstall, both APIs, in
# process: tests/unit/plugins/modules/test_lost_answers.py::test_writes_whose_answer_is_lost_after_commit_are_never_duplicated


# ---------------------------------------------------------------------------------------------------
# Rate limiting
# ---------------------------------------------------------------------------------------------------

WEEKDAYS = {"minutes": "*/15", "hours": "8-18", "daysOfWeek": "2,3,4,5,6", "daysOfMonth": "*", "months": "*", "years": "*"}
EARLY = {"minutes": "0", "hours": "6", "daysOfWeek": "*", "daysOfMonth": "*", "months": "*", "years": "*"}
LIMITED = [
    {"integration_pack_name": "Order Intake", "override_name": "Limited EU", "environments": ["Test", "Production"],
     "schedules": [{"process": "INT", "environment": "Production", "schedules": [{"cron": "*/15 8-18 * * MON-FRI"}], "max_retry": 3},
                   {"process": "Acknowledge", "environment": "Test", "schedules": [{"minutes": "0", "hours": "6"}]}]},
    {"integration_pack_name": "Salesforce Account Sync", "environments": ["Production"]},
    {"integration_pack_name": "Invoice Export", "override_name": "Limited Old", "state": "absent"},
]


def test_rate_limited_role_run_converges_exactly(ansible, seed, sim, jwts):
    # one API, the one whose refusals come from three endpoints (GraphQL, the JWT endpoint, REST for the schedules); the modules
    # the role runs, under the same limit, both APIs: tests/unit/plugins/modules/test_rate_limited.py::test_a_rate_limited_rollout_converges_exactly
    api = 'graphql'
    old = seed.install("Invoice Export", "Limited Old")
    seed.attach(old, ["Test", "Production"])
    sim.set_faults(rate_limit={"every": 3, "retry_after": 0})
    started = time.monotonic()
    run = ansible.playbook("reliability_rate_limit.yml", api, {"integration_packs_list": LIMITED}, verbosity=3)
    elapsed = time.monotonic() - started
    sim.clear_faults()  # the checks below read through the simulator's REST API
    run.assert_ok()
    assert_clean(run, jwts)

    # the exact end state
    state = seed.state()
    envs = {e["id"]: e for e in seed.environments().values()}
    installed = {(i["integrationPackName"], i["integrationPackOverrideName"]): i for i in state["instances"]}
    assert sorted(installed, key=str) == [("Order Intake", "Limited EU"), ("Salesforce Account Sync", None)]
    attached = sorted((a["integrationPackInstanceId"], envs[a["environmentId"]]["name"]) for a in state["attachments"])
    eu_id = installed[("Order Intake", "Limited EU")]["id"]
    sf_id = installed[("Salesforce Account Sync", None)]["id"]
    assert attached == sorted([(eu_id, "Production"), (eu_id, "Test"), (sf_id, "Production")])
    names = {p["id"]: p["name"] for i in state["instances"] for p in i["processes"]}
    expected = {}
    for env_id, proc_id in [(a["environmentId"], p["id"]) for a in state["attachments"]
                            for i in state["instances"] if i["id"] == a["integrationPackInstanceId"] for p in i["processes"]]:
        for atom in envs[env_id]["atom_ids"]:
            schedule, retry = [], 5
            if names[proc_id] == "Limited EU - INT" and envs[env_id]["name"] == "Production":
                schedule, retry = [WEEKDAYS], 3
            if names[proc_id] == "Limited EU - Acknowledge" and envs[env_id]["name"] == "Test":
                schedule = [EARLY]
            expected[(proc_id, atom)] = (schedule, retry)
    assert {(s["processId"], s["atomId"]): (s["Schedule"], s["Retry"]["maxRetry"]) for s in state["schedules"]} == expected

    # what the run reported
    assert run["list instances"]["instances"][0]["id"] == eu_id
    production = [s for p in run["read schedules"]["processes"] if p["name"] == "Limited EU - INT" for s in p["schedules"]]
    assert len(production) == 2 and all(s["retry"]["max_retry"] == 3 for s in production), production
    summary = [r for r in run.results if r["task"].endswith("Summary of what was installed, attached, detached, scheduled and uninstalled")]
    assert summary[0]["result"]["msg"] == [
        "Order Intake / Limited EU: installed; attached to Production, Test; schedules set for INT, Acknowledge",
        "Salesforce Account Sync: installed; attached to Production",
        "Invoice Export / Limited Old: detached from Production, Test; uninstalled",
    ]

    # every 3rd request was refused, each refusal was retried once after Retry-After (0 s) and said so
    refused = [e for e in run.log if e["status"] in (429, 503)]
    assert len(refused) == len(run.log) // 3 and len(refused) >= 10, [(e["operation"], e["status"]) for e in run.log]
    assert all(e["status"] == (429 if e["api"] == "graphql" else 503) for e in refused), refused  # the JWT endpoint answers 503
    # with GraphQL, the schedule status (enabled) of the schedule records is read through REST (REST_WITH_GRAPHQL)
    assert {e["api"] for e in refused} - {"rest"} == (set() if api == "rest" else {"graphql", "jwt"}), refused
    retry = re.compile(r"^Boomi API: (HTTP \d+ for .+); retry (\d) of 5 in 0\.0s$")
    for record, entries in task_logs(run):
        # a module reports a warning once even when it retried the same operation twice (Ansible de-duplicates them)
        warnings = set(warnings_of(record)) | {w for item in record["result"].get("results") or [] for w in item.get("warnings") or []}
        retry_warnings = {w for w in warnings if w.startswith("Boomi API: HTTP ")}
        assert all(retry.match(w) for w in retry_warnings), retry_warnings
        # ipack_instances sends up to 4 items' requests at once: a retry may meet the next 3rd request (retry 2 of 5)
        expected = {"HTTP %d for %s" % (e["status"], LABELS[e["api"]].format(e["operation"])) for e in entries if e["status"] in (429, 503)}
        assert {retry.match(w).group(1) for w in retry_warnings} == expected, (record["task"], retry_warnings, expected)
    # each refused request is retried at once until it is answered, and no write was ever sent twice
    for entry in refused:
        answered = [e for e in run.log if e["seq"] > entry["seq"] and e["operation"] == entry["operation"] and e["status"] == 200]
        assert answered and answered[0]["time"] - entry["time"] < 2.0, (entry, answered[:1])
    committed = {}
    for entry in run.writes:
        if entry["status"] == 200:
            committed[entry["operation"]] = committed.get(entry["operation"], 0) + 1
    assert committed == {OPS["install"][api]: 2, OPS["attach"][api]: 3 if api == "rest" else 2, OPS["schedule_update"][api]: 3,
                         OPS["detach"][api]: 2, OPS["uninstall"][api]: 1}, committed
    # bounded: Retry-After 0 means no waiting; the run costs what it costs without the limit, plus the retried requests
    assert elapsed < 120, elapsed


# ---------------------------------------------------------------------------------------------------
# Broken, hostile and missing answers; authentication; timeouts
# ---------------------------------------------------------------------------------------------------

ERRORS_NO_DATA = {"data": None, "errors": [{"message": "Internal server error", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]}


def echo_error(api, jwt):
    """A 400 whose message echoes the request's credentials, as a debugging gateway would (only those the run uses)."""
    if api == "rest":
        return {"@type": "Error", "message": "Bad request. Headers: Authorization: Basic %s; form: password=%s" % (BASIC_PASSWORD, PASSWORD)}
    return {"errors": [{"message": "Bad request. Headers: Authorization: Bearer %s; X-Original-Authorization: Basic %s; form: api_token=%s"
                                   % (jwt, BASIC_TOKEN, API_TOKEN)}]}


def test_hostile_answers_leak_nothing_at_vvv_and_fail_the_role(ansible, seed, sim, jwts):
    """One -vvv run: an error echoing the credentials through REST (password) and GraphQL (API token, JWT), then the role through
    GraphQL on an answer with errors and null data. The same failures and every other broken, hostile or missing answer, in
    process through both APIs: tests/unit/plugins/modules/test_broken_answers.py::test_broken_and_hostile_answers_fail_cleanly,
    test_a_server_that_never_answers_fails_after_its_retries, test_graphql_authentication_failures_and_expired_jwts."""
    for name in ("One", "Two", "Three", "Four"):
        seed.install("Order Intake", name)

    def jwt(token=None):
        return {"status": 200, "body": token or mint_jwt(sim), "content_type": "text/plain"}

    echo_jwt = mint_jwt(sim)
    sim.set_faults(next_responses=[{"status": 400, "body": echo_error("rest", None)},
                                   jwt(echo_jwt), {"status": 400, "body": echo_error("graphql", echo_jwt)},
                                   jwt(), {"status": 200, "body": ERRORS_NO_DATA}])
    run = ansible.playbook("reliability_errors.yml", None, verbosity=3)
    assert run.rc == 0, run.output()
    assert sim.faults.snapshot()["next_responses"] == [], "the tasks did not consume exactly their canned answers"
    assert run.writes == [] and len(seed.state()["instances"]) == 4
    problems = []
    check_failure(problems, run, "error echoing the credentials, REST",
                  ["REST IntegrationPackInstance.query failed", "HTTP 400", "Bad request. Headers: Authorization: "], requests=1)
    check_failure(problems, run, "error echoing the credentials, GraphQL",
                  ["GraphQL integrationPackInstances failed", "HTTP 400", "Bad request. Headers: Authorization: "], requests=2)
    check_failure(problems, run, ROLE_PREFIX + "Install, attach, detach and uninstall the instances",
                  ["GraphQL integrationPackInstances failed", "Internal server error"], requests=2)
    assert not problems, "\n".join(problems)
    assert_clean(run, jwts)

# -*- coding: utf-8 -*-
"""Reliability under faults, proven with real ansible-playbook runs against the simulator (issue #9).

Every run is at -vvv and must leak no password, API token, Basic credential or JWT. Cases:

- rate limiting (every 3rd request refused with Retry-After: 0): the role converges exactly;
- answers lost after the server committed an install, attach, schedule update, detach, uninstall:
  no duplicate, right ``changed`` and result;
- bad credentials, 403, 410, hostile or broken answers, JWT expiry, a server that never answers.

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


# ---------------------------------------------------------------------------------------------------
# Answers lost after the server committed the write
# ---------------------------------------------------------------------------------------------------


def test_lost_answers_after_commit_never_duplicate(ansible, seed, sim, api, jwts):
    run = ansible.playbook("reliability_lost_answers.yml", api, {"sim_url": sim.url}, verbosity=3).assert_ok()
    assert_clean(run, jwts)
    logs = {record["task"]: entries for record, entries in task_logs(run)}
    problems = []

    def writes(task, kind):
        """(operation, status) of the task's writes; status 0 = the connection was dropped after the commit."""
        entries = [(e["operation"], e["status"]) for e in logs[task] if e["write"]]
        if any(op != OPS[kind][api] for op, _status in entries):
            problems.append("%s: unexpected writes %s" % (task, entries))
        return [status for _op, status in entries]

    def warned(task, *fragments):
        text = " | ".join(warnings_of(run.task(task)))
        if not all(f in text for f in fragments):
            problems.append("%s: warnings %r lack %r" % (task, text, fragments))

    # install: one create, answer lost; the re-read finds the instance, nothing is sent again
    installed = run["install"]
    assert installed["changed"] is True and installed["instance"]["override_name"] == "Lost EU", installed
    assert [p["name"] for p in installed["instance"]["processes"]] == ["Lost EU - Acknowledge", "Lost EU - INT"]
    instance_id = installed["instance"]["id"]
    assert writes("install", "install") == [0]
    warned("install", "was lost after the request was sent", "checking whether the instance was installed")
    assert [i["id"] for i in run["list after install"]["instances"] if i["override_name"] == "Lost EU"] == [instance_id]

    # attach: the lost create is found on re-read; only what is still missing is sent (REST: one
    # create per environment, GraphQL: one mutation for both)
    attach = run["attach"]
    assert attach["changed"] is True and attach["attached"] == ["Production", "Test"], attach
    envs = {seed.env_id("Test"), seed.env_id("Production")}
    assert sorted(a["environment_id"] for a in attach["attachments"]) == sorted(envs)
    assert all(a["id"] and a["instance_id"] == instance_id for a in attach["attachments"]), attach["attachments"]
    assert writes("attach", "attach") == ([0, 200] if api == "rest" else [0])
    warned("attach", "was lost after the request was sent", "checking which attachments exist")

    # schedule update: a full replace, so it is simply sent again
    sched = run["schedule"]
    assert sched["changed"] is True, sched
    assert writes("schedule", "schedule_update") == [0, 200]
    warned("schedule", "connection error", "retry 1 of")
    test_records = [r for r in sched["schedules"] if r["environment_id"] == seed.env_id("Test")]
    assert [(r["schedule"][0]["minutes"], r["schedule"][0]["hours"], r["retry"]["max_retry"]) for r in test_records] == [("*/30", "6-20", 2)]

    # detach and uninstall: the lost delete is confirmed by a re-read, never re-sent
    detach = run["detach"]
    assert detach["changed"] is True and detach["detached"] == ["Test"], detach
    assert [a["environment_name"] for a in detach["attachments"]] == ["Production"]
    assert writes("detach", "detach") == [0]
    warned("detach", "was lost after the request was sent", "checking whether the attachment is gone")
    uninstall = run["uninstall"]
    assert uninstall["changed"] is True and uninstall["instance"] is None, uninstall
    assert writes("uninstall", "uninstall") == [0]
    warned("uninstall", "was lost after the request was sent", "checking whether the instance was uninstalled")
    assert run["list after uninstall"]["instances"] == []

    state = seed.state()
    assert state["instances"] == [] and state["attachments"] == [] and state["schedules"] == []
    assert len(run.writes) == (7 if api == "rest" else 6), run.writes
    assert not problems, "\n".join(problems)


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


def test_rate_limited_role_run_converges_exactly(ansible, seed, sim, api, jwts):
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

HTML_500 = ("<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n"
            "<body><h1>Internal Server Error</h1><p>The server encountered an internal error.</p></body></html>")
TRUNCATED = '{"@type":"QueryResult","numberOfResults":2,"result":[{"@type":"IntegrationPackInstance","id":"SW50Z'
ERRORS_NO_DATA = {"data": None, "errors": [{"message": "Internal server error", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]}
# The first request of each task, as the module names it in its message
FIRST = {
    "rest": {"pack": "REST IntegrationPack.query", "instances": "REST IntegrationPackInstance.query", "envs": "REST Environment.query",
             "processes": "REST Process.query"},
    "graphql": {"pack": "GraphQL Space", "instances": "GraphQL integrationPackInstances", "envs": "GraphQL environments",
                "processes": "GraphQL integrationPackInstanceProcesses"},
}


def echo_error(api, jwt):
    """A 400 whose message echoes the request's credentials, as a debugging gateway would (only those the run uses)."""
    if api == "rest":
        return {"@type": "Error", "message": "Bad request. Headers: Authorization: Basic %s; form: password=%s" % (BASIC_PASSWORD, PASSWORD)}
    return {"errors": [{"message": "Bad request. Headers: Authorization: Bearer %s; X-Original-Authorization: Basic %s; form: api_token=%s"
                                   % (jwt, BASIC_TOKEN, API_TOKEN)}]}


def canned_answers(api, sim):
    """The answers of the playbook's first tasks, in order (GraphQL: each task first asks for a JWT)."""
    def jwt(token=None):
        return {"status": 200, "body": token or mint_jwt(sim), "content_type": "text/plain"}

    def task(*answers):
        return ([jwt()] if api == "graphql" else []) + list(answers)

    queue = []
    queue += task({"status": 410, "body": {"@type": "Error", "message": "Endpoint is invalid or no longer exists."}})
    queue += task({"status": 500, "body": HTML_500, "content_type": "text/html; charset=utf-8"})
    queue += task({"status": 200, "body": "", "content_type": "application/json"})
    queue += task({"status": 200, "body": "OK", "content_type": "text/plain"})
    queue += task({"status": 200, "body": TRUNCATED, "content_type": "application/json"})
    queue += task({"status": 200, "body": ERRORS_NO_DATA})
    echo_jwt = mint_jwt(sim)
    queue += ([jwt(echo_jwt)] if api == "graphql" else []) + [{"status": 400, "body": echo_error(api, echo_jwt)}]
    queue += task(*[{"status": 502, "body": "<html><body><h1>502 Bad Gateway</h1></body></html>", "content_type": "text/html",
                     "headers": {"Retry-After": "0"}}] * 3)
    if api == "rest":
        queue += task({"status": 200, "body": {"@type": "QueryResult", "numberOfResults": 2, "result": ["IntegrationPackInstance", 3]}})
    else:
        queue += task({"status": 200, "body": {"data": {"integrationPackInstances": ["IntegrationPackInstance", 3]}}})
        queue += [{"status": 200, "body": "<html><body><form>Sign in</form></body></html>", "content_type": "text/html"}]
        first, second = mint_jwt(sim), mint_jwt(sim)
        queue += [jwt(first), {"status": 401, "body": {"errors": [{"message": "JWT has expired", "extensions": {"code": "UNAUTHORIZED"}}]}},
                  jwt(second), {"status": 500, "body": {"errors": [{"message": "rejected Bearer %s, then Bearer %s" % (first, second)}]}}]
        stale = mint_jwt(sim)
        sim.expire_tokens()  # the server no longer accepts it, though its exp claim says it is valid for 300 s
        queue += [jwt(stale)]
    return queue


def test_broken_hostile_and_missing_answers(ansible, seed, sim, api, jwts):
    for name in ("One", "Two", "Three", "Four"):
        seed.install("Order Intake", name)
    sim.set_faults(next_responses=canned_answers(api, sim))
    run = ansible.playbook("reliability_errors.yml", api, {"sim_url": sim.url}, verbosity=3)
    assert run.rc == 0, run.output()
    assert sim.faults.snapshot()["next_responses"] == [], "the tasks did not consume exactly their canned answers"
    assert run.writes == [] and len(seed.state()["instances"]) == 4
    first = FIRST[api]
    gql = 1 if api == "graphql" else 0  # the JWT request
    problems = []
    check_failure(problems, run, "gone endpoint (410)", [first["pack"] + " failed", "HTTP 410", "Endpoint is invalid or no longer exists."],
                  requests=1 + gql)
    check_failure(problems, run, "HTML error page", [first["instances"] + " failed", "HTTP 500: HTML answer instead of JSON",
                                                     "Internal Server Error"], requests=1 + gql)
    check_failure(problems, run, "empty body", [first["envs"] + " failed", "empty answer where JSON was expected"], requests=1 + gql)
    check_failure(problems, run, "non-JSON 200", [first["envs"] + " failed", "answer is not valid JSON", "(text/plain): OK"],
                  requests=1 + gql)
    check_failure(problems, run, "truncated JSON", [first["processes"] + " failed", "answer is not valid JSON", TRUNCATED[:40]],
                  requests=1 + gql)
    check_failure(problems, run, ROLE_PREFIX + "Install, attach, detach and uninstall the instances", [first["instances"] + " failed", "Internal server error"],
                  requests=1 + gql)
    check_failure(problems, run, "error echoing the credentials", [first["instances"] + " failed", "HTTP 400", "Bad request. Headers: Authorization: "],
                  requests=1 + gql)
    gateway = check_failure(problems, run, "gateway errors until the retries run out",
                            [first["instances"] + " failed", "HTTP 502: HTML answer instead of JSON", "(after 2 retries)"], requests=3 + gql)
    if warnings_of(gateway) != ["Boomi API: HTTP 502 for %s; retry %d of 2 in 0.0s" % (first["instances"], n) for n in (1, 2)]:
        problems.append("gateway: warnings %r" % warnings_of(gateway))
    shape = "a result of IntegrationPackInstance.query" if api == "rest" else "an integration pack instance"
    check_failure(problems, run, "JSON of the wrong shape", ["unexpected answer: %s is 'IntegrationPackInstance', not a JSON object" % shape],
                  requests=1 + gql)
    label = "REST IntegrationPackInstance.query" if api == "rest" else "JWT generation"
    check_failure(problems, run, "bad credentials", [label + " failed", "HTTP 401", "Unauthorized"], requests=1)
    check_failure(problems, run, "forbidden account (403)", [label + " failed", "HTTP 403", "Access denied due to insufficient permissions."],
                  requests=1)
    never = check_failure(problems, run, "server never answers", [label + " failed", "no answer within 1.0s (timeout)", "gave up after 1 retries"],
                          requests=2)
    # timeout x (max_retries + 1) plus the backoff (at most 0.625 s), plus the cost of starting the module
    seconds = float(run["Stop the clock"]["ansible_facts"]["timeout_task_seconds"])
    if not 2.0 <= seconds <= 2.0 + 0.625 + 5.0:
        problems.append("server never answers: took %.1fs" % seconds)
    if len(warnings_of(never)) != 1 or not re.search(r"no answer within 1\.0s \(timeout\) from 127\.0\.0\.1:\d+ \(http://\S+\) for %s; "
                                                     r"retry 1 of 1 in 0\." % re.escape(label), warnings_of(never)[0]):
        problems.append("server never answers: warnings %r" % warnings_of(never))

    if api == "graphql":
        check_failure(problems, run, "JWT endpoint answers a login page", ["JWT generation failed", "did not return a JWT"], requests=1)
        check_failure(problems, run, "JWTs echoed after a regeneration", ["GraphQL integrationPackInstances failed", "HTTP 500", "rejected Bearer"],
                      requests=4)
        check_failure(problems, run, "rejected bearer_token", ["authentication failed", "HTTP 401", "a bearer_token cannot be refreshed"],
                      requests=1)
        logs = {record["task"]: entries for record, entries in task_logs(run)}
        regenerated = run.task("expired JWT is regenerated")
        if regenerated["failed"] or len(regenerated["result"]["instances"]) != 4:
            problems.append("expired JWT: %r" % regenerated["result"])
        if [(e["api"], e["status"]) for e in logs["expired JWT is regenerated"]][:4] != [("jwt", 200), ("graphql", 401), ("jwt", 200),
                                                                                         ("graphql", 200)]:
            problems.append("expired JWT: requests %s" % logs["expired JWT is regenerated"])
        expiring = run.task("JWT expires during the task")
        generated = [e for e in logs["JWT expires during the task"] if e["api"] == "jwt"]
        if expiring["failed"] or len(expiring["result"]["instances"]) != 4 or len(generated) < 2:
            problems.append("JWT expiring during the task: %d JWTs, result %r" % (len(generated), expiring["result"]))
    assert not problems, "\n".join(problems)
    assert_clean(run, jwts)

# -*- coding: utf-8 -*-
"""Hostile and odd input through the integration_packs role, proven with real ansible-playbook runs at -vvv against the
simulator (issue #9): what needs a controller.

- bad input, for the role: one clear message naming the option, no write (and, when the options alone are wrong, no
  request at all);
- odd but legal values (quotes, braces, backslashes, unicode) round-trip exactly through the role, a re-run changes
  nothing, and check mode of the role writes nothing.

The modules' own cases, in process through both APIs: bad input and wrong types (tests/unit/plugins/modules/test_bad_input.py,
test_wrong_types.py), unknown and ambiguous names and the pack rules (test_error_paths.py, test_ipack_instances.py), odd override
names (test_ipack_instance.py), odd values through the role's modules and check mode of every module (test_odd_values.py).
"""

from __future__ import annotations

from test_reliability_faults import ROLE_PREFIX, assert_clean, check_failure, jwts  # noqa: F401  pylint: disable=unused-import

LONG = "x" * 10000
MULTI_ATOM = "83af9ff8-c60c-4a8a-8b9a-c4dfdbb303f1"  # Test Atom


def order_intake(**extra):
    return dict({"integration_pack_name": "Order Intake", "override_name": "Role EU"}, **extra)


def on_atom(**extra):
    """A schedule entry on one Atom: checking it needs no request."""
    return dict({"process": "INT", "atom_id": MULTI_ATOM, "schedules": [{"cron": "0 6 * * *"}]}, **extra)


# role case: (its integration_packs_list, the role task that must fail, fragments of the message)
ROLE_BEFORE_ANY_REQUEST = {
    "exclusive is not a boolean": ([order_intake(exclusive="sometimes")], "Validating arguments against arg spec", ["exclusive", "bool"]),
    "misspelt option": ([{"integration_pack_nam": "Order Intake"}], "Validating arguments against arg spec", ["integration_pack_nam"]),
    "max_retry 0": ([order_intake(schedules=[on_atom(max_retry=0)])], "Check every process schedule",
                    ["max_retry must be between 1 and 5, got 0"]),
    "max_retry 6": ([order_intake(schedules=[on_atom(max_retry=6)])], "Check every process schedule",
                    ["max_retry must be between 1 and 5, got 6"]),
    "malformed cron": ([order_intake(schedules=[on_atom(schedules=[{"cron": "every monday"}])])], "Check every process schedule",
                       ["schedules[0].cron", "'every monday'", "five fields"]),
    "blank process": ([order_intake(schedules=[on_atom(process="  ")])], "Check every process schedule", ["process must not be empty or blank"]),
    "10,000-character override_name": ([order_intake(override_name=LONG)], "Install, attach, detach and uninstall the instances",
                                       ["override_name is 10000 characters long"]),
}


def role_failures(run, table, problems):
    """Check each role case of ``table`` against what the playbook recorded in ``role_failures``."""
    recorded = run["role failures"]["role_failures"]
    for case, (_items, task, fragments) in table.items():
        failure = recorded.get(case)
        if not failure:
            problems.append("role: %s: did not fail" % case)
            continue
        msg = str(failure["msg"])
        if not failure["task"].startswith((task, ROLE_PREFIX + task)):
            problems.append("role: %s: failed in %r, expected %r: %s" % (case, failure["task"], task, msg))
        missing = [f for f in fragments if f not in msg]
        if task.startswith("Validating arguments"):
            msg = msg.replace("Validation of arguments failed:\n", "", 1)  # ansible-core's own two-line format
        if missing or "\n" in msg or len(msg) > 600:
            problems.append("role: %s: message %r lacks %r (or is not one short line)" % (case, msg[:700], missing))


def test_bad_input_is_refused_before_any_request(ansible, seed, jwts):  # noqa: F811  pylint: disable=redefined-outer-name
    before = seed.state()
    cases = {name: items for name, (items, _task, _fragments) in ROLE_BEFORE_ANY_REQUEST.items()}
    run = ansible.playbook("reliability_bad_input.yml", "rest", {"role_cases": cases}, verbosity=3)
    assert run.rc == 0, run.output()
    assert run.log == [], "bad options must be refused before any request: %s" % run.log
    assert seed.state() == before
    problems = []
    role_failures(run, ROLE_BEFORE_ANY_REQUEST, problems)
    assert not problems, "\n".join(problems)
    assert_clean(run, jwts)


def test_bad_input_found_by_lookups_writes_nothing(ansible, seed, jwts):  # noqa: F811  pylint: disable=redefined-outer-name
    # one API (the role's modules on both APIs: test_ipack_instances.py::test_main_bad_items_are_all_reported_and_nothing_is_written,
    # test_error_paths.py::test_what_is_asked_fails_cleanly, test_ipack_process_schedule.py::test_main_refuses_bad_options_before_any_request;
    # the uninstall by an unknown pack id and the schedule info of an unknown environment, moved there too)
    api = "graphql"
    sandboxes = seed.env_ids("Sandbox")
    good = order_intake(environments=["Test"], schedules=[{"process": "INT", "environment": "Test", "schedules": [{"cron": "0 6 * * *"}]}])
    table = {
        "unknown pack name": ([{"integration_pack_name": "No Such Pack"}], "Install, attach, detach and uninstall the instances",
                              ["integration_pack_name 'No Such Pack'", "no integration pack has this name"]),
        "MULTI pack without override_name": ([{"integration_pack_name": "Invoice Export"}], "Install, attach, detach and uninstall the instances",
                                             ["override_name is required", "'Invoice Export'", "MULTI"]),
        "override_name on a SINGLE pack": ([{"integration_pack_name": "Salesforce Account Sync", "override_name": "EU"}],
                                           "Install, attach, detach and uninstall the instances", ["override_name 'EU' is not allowed", "SINGLE"]),
        "ambiguous environment name": ([order_intake(environments=["Test", "Sandbox"])], "Install, attach, detach and uninstall the instances",
                                       ["environments", "'Sandbox'", "ambiguous"] + sandboxes),
        "unknown environment in the second item": ([good, order_intake(override_name="Role US", environments=["Staging"])],
                                                   "Install, attach, detach and uninstall the instances", ["environments", "'Staging'", "not found"]),
        "malformed cron in the second item": ([good, order_intake(override_name="Role US", schedules=[
            {"process": "INT", "environment": "Test", "schedules": [{"cron": "61 * * * *"}]}])], "Check every process schedule",
            ["schedules[0].cron", "61"]),
        "ambiguous schedule environment": ([order_intake(schedules=[{"process": "INT", "environment": "Sandbox", "schedules": []}])],
                                           "Check every process schedule", ["environment", "'Sandbox'", "ambiguous"]),
    }
    run = ansible.playbook("reliability_bad_lookups.yml", api, {"role_cases": {k: v[0] for k, v in table.items()}}, verbosity=3)
    assert run.rc == 0, run.output()
    assert run.writes == [], run.writes
    assert seed.state()["instances"] == []
    problems = []
    role_failures(run, table, problems)
    assert not problems, "\n".join(problems)
    assert_clean(run, jwts)


# ---------------------------------------------------------------------------------------------------
# Odd but legal values; check mode
# ---------------------------------------------------------------------------------------------------

ODD_PACK_PREFIX = 'Pack "quoted" {braces} \\ back\\slash'
ODD_EU = 'Ünïcødé "EU" {x} \\ 日本 🚀'
ODD_US = "O'Brien's \"orders\" {$var} \\n }"
SUMMARY = "Summary of what was installed, attached, detached, scheduled and uninstalled"


def segments(run, *markers):
    """The task records of the run cut at the marker tasks (the markers themselves left out)."""
    parts = [[]]
    for record in run.results:
        if record["task"] in markers:
            parts.append([])
        else:
            parts[-1].append(record)
    assert len(parts) == len(markers) + 1, [r["task"] for r in run.results]
    return parts


def summary_of(records):
    return [r["result"]["msg"] for r in records if r["task"].endswith(SUMMARY)][0]


def test_odd_values_round_trip_and_check_mode_writes_nothing(ansible, seed, sim, jwts):  # noqa: F811  pylint: disable=redefined-outer-name
    # one API (the role's modules with these values, a re-run and check mode of every module, both APIs:
    # tests/unit/plugins/modules/test_odd_values.py::test_odd_values_round_trip_and_check_mode_writes_nothing)
    api = "rest"
    [pack] = sim.add_packs(1, "MULTI", ODD_PACK_PREFIX)
    weekly = {"process": "Process A", "environment": "Test", "schedules": [{"cron": "15 6 * * MON"}], "max_retry": 2}
    odd_items = [{"integration_pack_name": pack["name"], "override_name": ODD_EU, "environments": ["Test"], "schedules": [weekly]},
                 {"integration_pack_name": "Order Intake", "override_name": ODD_US}]
    check_items = [dict(odd_items[0], state="absent"),
                   {"integration_pack_name": "Order Intake", "override_name": ODD_US, "environments": ["Production"],
                    "schedules": [{"process": "INT", "environment": "Production", "schedules": [{"minutes": "0", "hours": "*/2"}]}]}]
    run = ansible.playbook("reliability_odd_values.yml", api, {"odd_items": odd_items, "check_items": check_items},
                           verbosity=3).assert_ok()
    first, again, checked = segments(run, "converge again", "check mode")

    # installed exactly as asked, byte for byte
    state = seed.state()
    assert sorted((i["integrationPackName"], i["integrationPackOverrideName"]) for i in state["instances"]) == sorted(
        [(pack["name"], ODD_EU), ("Order Intake", ODD_US)])
    eu = [i for i in state["instances"] if i["integrationPackOverrideName"] == ODD_EU][0]
    assert sorted(p["name"] for p in eu["processes"]) == [ODD_EU + " - Process A", ODD_EU + " - Process B"]
    process_a = [p["id"] for p in eu["processes"] if p["name"].endswith(" - Process A")][0]
    scheduled = [(s["processId"], s["Schedule"], s["Retry"]["maxRetry"]) for s in state["schedules"] if s["Schedule"]]
    assert scheduled == [(process_a, [{"minutes": "15", "hours": "6", "daysOfWeek": "2", "daysOfMonth": "*", "months": "*", "years": "*"}], 2)]
    assert summary_of(first) == ["%s / %s: installed; attached to Test; schedules set for Process A" % (pack["name"], ODD_EU),
                                 "Order Intake / %s: installed" % ODD_US]
    assert sum(r["sim"]["writes"] for r in first if r["sim"]) == 4  # two installs, one attach, one schedule update

    # the same list again: found again by those names, nothing changed, nothing written
    assert [r["task"] for r in again if r["changed"]] == []
    assert sum(r["sim"]["writes"] for r in again if r["sim"]) == 0
    assert summary_of(again) == ["%s / %s: already installed; nothing to change" % (pack["name"], ODD_EU),
                                 "Order Intake / %s: already installed; nothing to change" % ODD_US]

    # check mode of the role: the lookups find the odd names, every change is predicted, nothing is written
    assert [r["task"] for r in checked if r["sim"] and r["sim"]["writes"]] == []
    assert summary_of(checked) == ["%s / %s: detached from Test; uninstalled" % (pack["name"], ODD_EU),
                                   "Order Intake / %s: already installed; attached to Production; schedules set for INT" % ODD_US]
    assert seed.state() == state
    assert_clean(run, jwts)

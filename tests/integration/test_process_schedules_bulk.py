# -*- coding: utf-8 -*-
"""ipack_process_schedules (many process schedules in one task): real ansible-playbook runs against the simulator, through REST
and GraphQL, for what needs a controller (the printed diff, the info module reading back); bad elements and failed writes
are tested in process: tests/unit/plugins/modules/test_ipack_process_schedules.py."""

from __future__ import annotations

import requests

from boomi_harness import ACCOUNT_ID, PASSWORD, USERNAME

WEEKDAYS = {"minutes": "*/15", "hours": "8-18", "daysOfWeek": "2,3,4,5,6", "daysOfMonth": "*", "months": "*", "years": "*"}
SCHEDULE_WRITE = {"rest": "ProcessSchedules.update", "graphql": "processSchedulesUpdate"}


def setup(seed):
    """Two Order Intake instances attached to Test and Production (two Atoms): ``{override name: id}``."""
    found = {}
    for name in ("Bulk EU", "Bulk US"):
        found[name] = seed.install("Order Intake", name)
        seed.attach(found[name], ["Test", "Production"])
    return found


def records(seed, instance_id, process_suffix, env_name):
    """The simulator's schedule records of that process in that environment, sorted by Atom."""
    state = seed.state()
    env_id = seed.env_id(env_name)
    [proc] = [p for i in state["instances"] if i["id"] == instance_id for p in i["processes"] if p["name"].endswith(" - " + process_suffix)]
    return sorted((s for s in state["schedules"] if s["processId"] == proc["id"] and s["envId"] == env_id), key=lambda s: s["atomId"])


def paused(sim, seed, instance_id, process_suffix, env_name):
    """The ProcessScheduleStatus ``enabled`` of those records, read through the simulator's REST API, sorted."""
    found = records(seed, instance_id, process_suffix, env_name)
    answer = requests.post("%s/api/rest/v1/%s/ProcessScheduleStatus/query" % (sim.url, ACCOUNT_ID), auth=(USERNAME, PASSWORD),
                           json={"QueryFilter": {"expression": {"operator": "EQUALS", "property": "processId",
                                                                "argument": [found[0]["processId"]]}}},
                           headers={"Accept": "application/json"}, timeout=10).json()
    atoms = {r["atomId"] for r in found}
    return sorted(r["enabled"] for r in answer["result"] if r["atomId"] in atoms)


def wanted(ids):
    return [
        {"instance_id": ids["Bulk EU"], "process": "INT", "environment": "Production", "cron": "*/15 8-18 * * MON-FRI", "max_retry": 3},
        {"instance_id": ids["Bulk EU"], "process": "Acknowledge", "environment": "Test", "schedules": [{"minutes": "0", "hours": "6"}]},
        {"instance_id": ids["Bulk US"], "process": "INT", "environment": "Production", "enabled": False},
        {"instance_id": ids["Bulk US"], "process": "Acknowledge", "environment": "Test", "state": "absent"},  # nothing to clear
    ]


def summary(result):
    return [(p["changed"], p["process"]["name"], p["instance_id"], p["environment"], p["atom_id"]) for p in result["processes"]]


def test_check_apply_rerun(ansible, seed, sim):
    api = "rest"  # one API (check mode with diff, the run and a re-run on both APIs, in process: test_ipack_process_schedules.py::
    # test_main_check_mode_with_diff_predicts_what_the_run_then_does, ::test_check_mode_predicts_what_the_concurrent_run_then_does,
    # ::test_main_a_failed_write_reports_what_was_done_and_a_rerun_finishes)
    ids = setup(seed)
    before = seed.state()
    items = wanted(ids)
    expected = [(True, "Bulk EU - INT", ids["Bulk EU"], "Production", None), (True, "Bulk EU - Acknowledge", ids["Bulk EU"], "Test", None),
                (True, "Bulk US - INT", ids["Bulk US"], "Production", None), (False, "Bulk US - Acknowledge", ids["Bulk US"], "Test", None)]

    check = ansible.playbook("schedules_bulk.yml", api, {"sched_items": items}, check=True, diff=True).assert_ok().assert_no_writes()
    assert seed.state() == before
    predicted = check["Schedules"]
    assert predicted["changed"] is True and summary(predicted) == expected
    assert "Bulk EU - INT @ Production" in check.stdout and "cron */15 8-18 * * MON-FRI" in check.stdout  # the diff is printed

    run = ansible.playbook("schedules_bulk.yml", api, {"sched_items": items, "sched_read": ids["Bulk EU"]}, diff=True).assert_ok()
    done = run["Schedules"]
    assert summary(done) == expected
    assert done["diff"] == predicted["diff"]  # check mode showed what the run did
    assert [p["schedules"] for p in done["processes"]] == [p["schedules"] for p in predicted["processes"]]
    assert sorted(w["operation"] for w in run.writes) == sorted([SCHEDULE_WRITE[api]] * 3 + ["ProcessScheduleStatus.update"] * 2)
    assert [(r["Schedule"], r["Retry"]["maxRetry"]) for r in records(seed, ids["Bulk EU"], "INT", "Production")] == [([WEEKDAYS], 3)] * 2
    assert [r["Schedule"][0]["hours"] for r in records(seed, ids["Bulk EU"], "Acknowledge", "Test")] == ["6"]
    assert paused(sim, seed, ids["Bulk US"], "INT", "Production") == [False, False]
    assert paused(sim, seed, ids["Bulk US"], "INT", "Test") == [True]
    info = [p for p in run["Read back"]["processes"] if p["name"] == "Bulk EU - INT"][0]
    assert sorted(s["schedule"] != [] for s in info["schedules"]) == [False, True, True]

    again = ansible.playbook("schedules_bulk.yml", api, {"sched_items": items, "sched_concurrency": 1}).assert_ok().assert_no_writes()
    assert again.task("Schedules")["changed"] is False
    assert [p["changed"] for p in again["Schedules"]["processes"]] == [False] * 4

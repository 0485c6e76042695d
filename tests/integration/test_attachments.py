# -*- coding: utf-8 -*-
"""ipack_env_attachment and ipack_process_schedule_info against the simulator, through REST and GraphQL."""

from __future__ import annotations

from boomi_harness import ATTACHMENT_KEYS

PROCESS_KEYS = {"id", "name", "integration_pack_id", "instance_id", "schedules"}
SCHEDULE_KEYS = {"id", "process_id", "atom_id", "environment_id", "schedule", "retry", "enabled"}


def records(processes):
    """(schedule id, process id, atom id, environment id) of every schedule record of the processes."""
    return sorted((s["id"], s["process_id"], s["atom_id"], s["environment_id"]) for p in processes for s in p["schedules"])


def state_records(state, instance_id, environment_id=None):
    return sorted((r["id"], r["processId"], r["atomId"], r["envId"]) for r in state["schedules"]
                  if r["integrationPackInstanceId"] == instance_id and environment_id in (None, r["envId"]))


def test_attach_schedules_exclusive_detach(ansible, seed, api):
    eu_id = seed.install("Order Intake", "Order Intake EU")
    sf_id = seed.install("Salesforce Account Sync")
    seed.attach(sf_id, ["Test"])  # another instance's attachment: must stay untouched
    envs = seed.environments()
    test_id, prod_id = seed.env_id("Test"), seed.env_id("Production")
    assert len(envs[prod_id]["atom_ids"]) == 2 and len(envs[test_id]["atom_ids"]) == 1
    extra = {"instance_id": eu_id, "production_id": prod_id}

    # -- attach -------------------------------------------------------------------------------------
    run = ansible.playbook("attach.yml", api, extra).assert_ok().assert_api(api)
    state = seed.state()
    ours = sorted((a for a in state["attachments"] if a["integrationPackInstanceId"] == eu_id), key=lambda a: a["environmentId"])
    assert sorted(a["environmentId"] for a in ours) == sorted([test_id, prod_id])

    attached = run["attach to Test and Production"]
    assert attached["changed"] is True
    assert attached["attached"] == ["Production", "Test"]
    assert attached["detached"] == []
    assert [a["environment_name"] for a in attached["attachments"]] == ["Production", "Test"]
    for item in attached["attachments"]:
        assert set(item) == ATTACHMENT_KEYS, item
        assert item["instance_id"] == eu_id
        assert item["environment_id"] == {"Production": prod_id, "Test": test_id}[item["environment_name"]]
    assert sorted((a["id"], a["environment_id"]) for a in attached["attachments"]) == sorted((a["id"], a["environmentId"]) for a in ours)
    assert run.task("attach to Test and Production")["sim"]["writes"] == (2 if api == "rest" else 1)
    assert len(run.writes) == (2 if api == "rest" else 1), run.writes

    for name in ("attach again", "attach again, Production by id"):
        again = run[name]
        assert again["changed"] is False, again
        assert again["attached"] == [] and again["detached"] == []
        assert again["attachments"] == attached["attachments"]
        assert run.task(name)["sim"]["writes"] == 0, run.task(name)["sim"]

    # -- schedules: one record per process x atom of each attached environment -------------------------
    instance = [i for i in state["instances"] if i["id"] == eu_id][0]
    process_ids = sorted(p["id"] for p in instance["processes"])
    everything = run["schedules"]["processes"]
    assert [p["name"] for p in everything] == ["Order Intake EU - Acknowledge", "Order Intake EU - INT"]
    assert sorted(p["id"] for p in everything) == process_ids
    for process in everything:
        assert set(process) == PROCESS_KEYS, process
        assert process["instance_id"] == eu_id
        assert process["integration_pack_id"] == seed.pack_id("Order Intake")
        assert len(process["schedules"]) == 3  # Test: 1 atom, Production: 2 atoms
        for record in process["schedules"]:
            assert set(record) == SCHEDULE_KEYS, record
            assert record["process_id"] == process["id"]
            assert record["atom_id"] in envs[record["environment_id"]]["atom_ids"]
            assert record["schedule"] == []
            assert record["retry"] == {"schedule": [], "max_retry": 5}
    assert len(records(everything)) == 6 == len(state_records(state, eu_id))
    assert records(everything) == state_records(state, eu_id)

    production = run["schedules in Production, by id"]["processes"]
    assert records(production) == state_records(state, eu_id, prod_id)
    assert len(records(production)) == 4
    assert {s["atom_id"] for p in production for s in p["schedules"]} == set(envs[prod_id]["atom_ids"])
    assert records(run["schedules in Test"]["processes"]) == state_records(state, eu_id, test_id)
    assert len(records(run["schedules in Test"]["processes"])) == 2
    for name in ("schedules", "schedules in Production, by id", "schedules in Test"):
        assert run[name]["changed"] is False
        assert run.task(name)["sim"]["writes"] == 0

    assert seed.state() == state  # reads changed nothing

    # -- exclusive, then absent ---------------------------------------------------------------------------
    detach = ansible.playbook("detach.yml", api, extra).assert_ok().assert_api(api)
    exclusive = detach["Production only (exclusive)"]
    assert exclusive["changed"] is True
    assert exclusive["attached"] == [] and exclusive["detached"] == ["Test"]
    assert [a["environment_name"] for a in exclusive["attachments"]] == ["Production"]
    assert exclusive["attachments"][0] == [a for a in attached["attachments"] if a["environment_name"] == "Production"][0]
    assert detach.task("Production only (exclusive)")["sim"]["writes"] == 1

    again = detach["Production only again"]
    assert again["changed"] is False and again["attached"] == [] and again["detached"] == []
    assert again["attachments"] == exclusive["attachments"]
    assert detach.task("Production only again")["sim"]["writes"] == 0

    assert records(detach["schedules after exclusive"]["processes"]) == state_records(state, eu_id, prod_id)

    absent = detach["detach from Production and Test"]
    assert absent["changed"] is True
    assert absent["attached"] == [] and absent["detached"] == ["Production"]
    assert absent["attachments"] == []
    assert detach.task("detach from Production and Test")["sim"]["writes"] == 1

    absent_again = detach["detach again"]
    assert absent_again["changed"] is False
    assert absent_again["detached"] == [] and absent_again["attachments"] == []
    assert detach.task("detach again")["sim"]["writes"] == 0

    after = detach["schedules after detach"]["processes"]
    assert [p["name"] for p in after] == ["Order Intake EU - Acknowledge", "Order Intake EU - INT"]
    assert all(p["schedules"] == [] for p in after)

    assert detach.recap["localhost"]["changed"] == 2
    assert len(detach.writes) == 2
    final = seed.state()
    assert [a for a in final["attachments"] if a["integrationPackInstanceId"] == eu_id] == []
    assert state_records(final, eu_id) == []
    # the other instance's attachment and schedules are untouched
    assert [a for a in final["attachments"] if a["integrationPackInstanceId"] == sf_id] == \
        [a for a in state["attachments"] if a["integrationPackInstanceId"] == sf_id]
    assert state_records(final, sf_id) == state_records(state, sf_id) != []

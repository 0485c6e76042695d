# -*- coding: utf-8 -*-
"""ipack_instance and ipack_instance_info against the simulator, through REST and GraphQL."""

from __future__ import annotations

from boomi_harness import INSTANCE_KEYS, expected_instance

SF_TASK = "Salesforce Account Sync (SINGLE, by name)"
EU_TASK = "Order Intake EU (MULTI, by name)"
US_TASK = "Order Intake US (MULTI, by id, alias of override_name)"
TASKS = (SF_TASK, EU_TASK, US_TASK)


def check_instance_shape(instance):
    assert set(instance) == INSTANCE_KEYS, instance
    assert isinstance(instance["processes"], list)
    for process in instance["processes"]:
        assert set(process) == {"id", "name"}, process
        assert process["id"] and process["name"]
    assert [p["name"] for p in instance["processes"]] == sorted(p["name"] for p in instance["processes"])


def test_install_rerun_uninstall(ansible, seed, api):
    order_intake_id = seed.pack_id("Order Intake")

    # 1. install: everything changes, one install write per instance
    first = ansible.playbook("instances.yml", api, {"wanted": "present", "order_intake_id": order_intake_id}).assert_ok()
    first.assert_api(api)
    assert first.recap["localhost"]["changed"] == 3, first.output()
    assert [e["operation"] for e in first.writes].count(
        "IntegrationPackInstance.create" if api == "rest" else "integrationPackInstanceInstall") == 3, first.writes
    assert len(first.writes) == 3, first.writes
    state = seed.state()
    assert len(state["instances"]) == 3
    for name in TASKS:
        result = first[name]
        assert result["changed"] is True, (name, result)
        check_instance_shape(result["instance"])
        assert result["instance"]["id"], result
        assert result["instance"] == expected_instance(state, result["instance"]["id"]), name
        assert first.task(name)["sim"]["writes"] == 1, first.task(name)

    sf, eu, us = (first[name]["instance"] for name in TASKS)
    assert sf["integration_pack_name"] == "Salesforce Account Sync"
    assert sf["installation_type"] == "SINGLE"
    assert sf["override_name"] is None
    assert [p["name"] for p in sf["processes"]] == ["Account Sync", "Contact Sync"]
    assert eu["integration_pack_id"] == order_intake_id
    assert eu["integration_pack_name"] == "Order Intake"
    assert eu["installation_type"] == "MULTI"
    assert eu["override_name"] == "Order Intake EU"
    assert [p["name"] for p in eu["processes"]] == ["Order Intake EU - Acknowledge", "Order Intake EU - INT"]
    assert us["override_name"] == "Order Intake US"
    assert [p["name"] for p in us["processes"]] == ["Order Intake US - Acknowledge", "Order Intake US - INT"]
    assert len({sf["id"], eu["id"], us["id"]}) == 3
    # MULTI instances get their own (wrapper) process ids
    assert not {p["id"] for p in eu["processes"]} & {p["id"] for p in us["processes"]}

    # 2. the same run again: nothing changes, not one write, the same instances come back
    second = ansible.playbook("instances.yml", api, {"wanted": "present", "order_intake_id": order_intake_id}).assert_ok()
    second.assert_no_writes()
    assert second.recap["localhost"]["changed"] == 0, second.output()
    for name in TASKS:
        assert second[name]["changed"] is False, second[name]
        assert second[name]["instance"] == first[name]["instance"], name
    assert seed.state()["instances"] == state["instances"]

    # 3. uninstall (Order Intake US addressed by instance_id)
    absent_vars = {"wanted": "absent", "order_intake_id": order_intake_id, "us_instance_id": us["id"]}
    third = ansible.playbook("instances.yml", api, absent_vars).assert_ok()
    assert third.recap["localhost"]["changed"] == 3, third.output()
    assert len(third.writes) == 3, third.writes
    for name in TASKS:
        assert third[name]["changed"] is True, third[name]
        assert third[name]["instance"] is None, third[name]
    assert seed.state()["instances"] == []

    # 4. absent again: no change, no write
    fourth = ansible.playbook("instances.yml", api, absent_vars).assert_ok()
    fourth.assert_no_writes()
    assert fourth.recap["localhost"]["changed"] == 0, fourth.output()
    for name in TASKS:
        assert fourth[name]["changed"] is False, fourth[name]
        assert fourth[name]["instance"] is None


def ids(result):
    return [i["id"] for i in result["instances"]]


def test_instance_info_filters(ansible, seed, api):
    sf_id = seed.install("Salesforce Account Sync")
    us_id = seed.install("Order Intake", "Order Intake US")
    eu_id = seed.install("Order Intake", "Order Intake EU")
    inv_id = seed.install("Invoice Export", "Order Intake EU")  # same override name, other pack
    ship_single = seed.install("Shipping Notifications", installation_type="SINGLE")
    ship_multi = seed.install("Shipping Notifications", "Ship EU", installation_type="MULTI")
    extra = {"eu_id": eu_id, "sf_id": sf_id, "order_intake_id": seed.pack_id("Order Intake"),
             "invoice_export_id": seed.pack_id("Invoice Export")}
    run = ansible.playbook("info.yml", api, extra).assert_ok().assert_api(api)
    run.assert_no_writes()
    assert run.recap["localhost"]["changed"] == 0
    state = seed.state()

    everything = run["all"]["instances"]
    # sorted by pack name, override name, id
    assert [i["id"] for i in everything] == [inv_id, eu_id, us_id, sf_id, ship_single, ship_multi], everything
    for item in everything:
        check_instance_shape(item)
        assert item == expected_instance(state, item["id"])

    assert ids(run["by instance_id"]) == [eu_id]
    assert run["by instance_id"]["instances"][0] == expected_instance(state, eu_id)
    assert run["by unknown instance_id"]["instances"] == []
    assert ids(run["by integration_pack_id"]) == [eu_id, us_id]
    assert ids(run["by integration_pack_name"]) == [eu_id, us_id]
    shipping = run["by a pack name two packs share"]["instances"]
    assert [(i["id"], i["installation_type"], i["override_name"]) for i in shipping] == [
        (ship_single, "SINGLE", None), (ship_multi, "MULTI", "Ship EU")]  # no override name sorts first
    assert ids(run["by override_name"]) == [inv_id, eu_id]
    assert run["by override_name, wrong case"]["instances"] == []
    assert ids(run["pack name AND override name"]) == [us_id]
    assert run["pack name AND override name of another pack"]["instances"] == []
    assert ids(run["pack name AND override name shared by two packs"]) == [inv_id]
    assert ids(run["instance_id AND matching pack id"]) == [eu_id]
    assert run["instance_id AND another pack id"]["instances"] == []

    without = run["without processes"]["instances"]
    assert [i["id"] for i in without] == [i["id"] for i in everything]
    for item, full in zip(without, everything):
        assert "processes" not in item, item
        assert item == {k: v for k, v in full.items() if k != "processes"}
    if api == "graphql":
        # include_processes=false saves the per-instance process requests
        assert "integrationPackInstanceProcesses" not in run.task("without processes")["sim"]["by_operation"]

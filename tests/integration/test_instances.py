# -*- coding: utf-8 -*-
"""ipack_instance against the simulator, through REST and GraphQL (ipack_instance_info's filters: tests/unit/plugins/modules/test_ipack_instance_info.py)."""

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

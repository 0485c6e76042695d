# -*- coding: utf-8 -*-
"""--check on every write path: the change is predicted right and nothing is written."""

from __future__ import annotations

from boomi_harness import expected_instance


def test_check_mode_every_write_path(ansible, seed, api):
    sf_id = seed.install("Salesforce Account Sync")
    eu_id = seed.install("Order Intake", "Order Intake EU")
    seed.attach(eu_id, ["Test", "Production"])
    sandbox_id = seed.env_ids("Sandbox")[0]
    before = seed.state()

    run = ansible.playbook("check_writes.yml", api, {"eu_id": eu_id, "sandbox_id": sandbox_id}, check=True, diff=True).assert_ok().assert_api(api)
    run.assert_no_writes()
    assert seed.state() == before
    for record in run.results:
        assert record["sim"]["writes"] == 0, record

    predicted = {r["task"]: r["changed"] for r in run.results}
    assert predicted == {
        "install Order Intake US": True,
        "install Order Intake EU (exists)": False,
        "install Salesforce Account Sync (exists)": False,
        "uninstall Salesforce Account Sync": True,
        "uninstall Order Intake EU by instance_id": True,
        "uninstall Invoice Export (missing)": False,
        "attach to Test and Production (attached)": False,
        "attach to a Sandbox by id": True,
        "exclusive Production": True,
        "exclusive Production and Test (no change)": False,
        "detach from Test": True,
        "detach from a Sandbox (not attached)": False,
    }
    assert run.recap["localhost"]["changed"] == 6, run.output()

    assert run["install Order Intake US"]["instance"] == {
        "id": None, "integration_pack_id": seed.pack_id("Order Intake"), "integration_pack_name": "Order Intake",
        "override_name": "Order Intake US", "installation_type": "MULTI", "processes": []}
    assert run["install Order Intake EU (exists)"]["instance"] == expected_instance(before, eu_id)
    assert run["install Salesforce Account Sync (exists)"]["instance"] == expected_instance(before, sf_id)
    assert run["uninstall Salesforce Account Sync"]["instance"] is None
    assert run["uninstall Order Intake EU by instance_id"]["instance"] is None

    def envs(name):
        return [(a["environment_name"], a["id"] is None) for a in run[name]["attachments"]]

    assert envs("attach to Test and Production (attached)") == [("Production", False), ("Test", False)]
    sandbox = run["attach to a Sandbox by id"]
    assert sandbox["attached"] == ["Sandbox"] and sandbox["detached"] == []
    assert envs("attach to a Sandbox by id") == [("Production", False), ("Sandbox", True), ("Test", False)]
    assert [a for a in sandbox["attachments"] if a["id"] is None] == [
        {"id": None, "environment_id": sandbox_id, "environment_name": "Sandbox", "instance_id": eu_id}]
    assert run["exclusive Production"]["detached"] == ["Test"]
    assert run["exclusive Production"]["attached"] == []
    assert envs("exclusive Production") == [("Production", False)]
    assert run["exclusive Production and Test (no change)"]["detached"] == []
    assert run["detach from Test"]["detached"] == ["Test"]
    assert envs("detach from Test") == [("Production", False)]
    assert run["detach from a Sandbox (not attached)"]["detached"] == []

    # --check --diff: the predicted change
    assert run["install Order Intake US"]["diff"]["before"] == {}
    assert run["install Order Intake US"]["diff"]["after"]["id"] is None
    assert run["install Order Intake US"]["diff"]["after"]["override_name"] == "Order Intake US"
    assert run["uninstall Salesforce Account Sync"]["diff"] == {"before": {k: v for k, v in expected_instance(before, sf_id).items()
                                                                           if k != "processes"}, "after": {}}
    assert run["detach from Test"]["diff"] == {"before": {"environments": ["Production", "Test"]}, "after": {"environments": ["Production"]}}
    assert '+    "override_name": "Order Intake US"' in run.stdout
    assert envs("detach from a Sandbox (not attached)") == [("Production", False), ("Test", False)]


def test_check_mode_install_then_attach_on_fresh_account(ansible, seed, api):
    run = ansible.playbook("check_chain.yml", api, check=True)
    run.assert_api(api)
    run.assert_no_writes()
    assert seed.state()["instances"] == [] and seed.state()["attachments"] == []
    chained = run.task("attach it to Test and Production")
    assert not chained["failed"], (
        "in check mode the attach task must accept instance_id == null (the instance would be installed), got: %r"
        % chained["msg"])
    run.assert_ok()

    eu = run["install Order Intake EU"]
    assert eu["changed"] is True
    assert eu["instance"]["id"] is None
    assert eu["instance"]["override_name"] == "Order Intake EU"

    attach = run["attach it to Test and Production"]
    assert attach["changed"] is True
    assert attach["attached"] == ["Production", "Test"]
    assert attach["detached"] == []
    assert [(a["environment_name"], a["id"], a["instance_id"]) for a in attach["attachments"]] == [
        ("Production", None, None), ("Test", None, None)]
    assert [a["environment_id"] for a in attach["attachments"]] == [seed.env_id("Production"), seed.env_id("Test")]

    assert run["its schedules"]["processes"] == [] and run["its schedules"]["changed"] is False

    sf = run["install Salesforce Account Sync"]
    assert sf["changed"] is True and sf["instance"]["id"] is None and sf["instance"]["installation_type"] == "SINGLE"
    exclusive = run["attach it to Production exclusively"]
    assert exclusive["changed"] is True
    assert exclusive["attached"] == ["Production"] and exclusive["detached"] == []
    assert run.recap["localhost"]["changed"] == 4, run.output()

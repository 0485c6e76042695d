# -*- coding: utf-8 -*-
"""--check on a templated chain of tasks: an install predicted in check mode feeds the tasks after it, and nothing is written.
Every write path of the modules in check mode: tests/unit/plugins/modules/test_check_mode_write_paths.py, in process."""

from __future__ import annotations


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

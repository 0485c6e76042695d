# -*- coding: utf-8 -*-
"""ipack_instances (many instances and their attachments in one task) against the simulator, through REST and GraphQL."""

from __future__ import annotations

UNINSTALL = {"rest": "IntegrationPackInstance.delete", "graphql": "integrationPackInstanceUninstall"}
DETACH = {"rest": "IntegrationPackEnvironmentAttachment.delete", "graphql": "integrationPackInstanceEnvironmentAttachmentUnattach"}
INSTALL = {"rest": "IntegrationPackInstance.create", "graphql": "integrationPackInstanceInstall"}

WANTED = [
    {"integration_pack_name": "Order Intake", "override_name": "Keep Me", "environments": ["Production"], "exclusive": True},
    {"integration_pack_name": "Order Intake", "override_name": "Remove Me", "state": "absent", "environments": ["Test"]},
    {"integration_pack_name": "Invoice Export", "override_name": "New One", "environments": ["Test"]},
    {"integration_pack_name": "Salesforce Account Sync", "environments": ["Test", "Production"]},
    {"integration_pack_name": "Order Intake", "override_name": "Untouched"},
]


def attached(seed):
    """``{(pack name, override name): [environment names]}`` of every instance of the simulator."""
    state = seed.state()
    names = {e["id"]: e["name"] for e in seed.environments().values()}
    out = {}
    for inst in state["instances"]:
        out[(inst["integrationPackName"], inst["integrationPackOverrideName"])] = sorted(
            names[a["environmentId"]] for a in state["attachments"] if a["integrationPackInstanceId"] == inst["id"])
    return out


def summary(result):
    return [(i["name"], i["changed"], i["installed"], i["uninstalled"], i["attached"], i["detached"],
             [a["environment_name"] for a in i["attachments"]]) for i in result["instances"]]


EXPECTED = [
    ("Order Intake / Keep Me", True, False, False, ["Production"], ["Test"], ["Production"]),
    ("Order Intake / Remove Me", True, False, True, [], ["Production", "Test"], []),
    ("Invoice Export / New One", True, True, False, ["Test"], [], ["Test"]),
    ("Salesforce Account Sync", True, True, False, ["Production", "Test"], [], ["Production", "Test"]),
    ("Order Intake / Untouched", False, False, False, [], [], ["Test"]),
]


def test_check_apply_converged(ansible, seed, api):
    keep = seed.install("Order Intake", "Keep Me")
    seed.attach(keep, ["Test"])
    doomed = seed.install("Order Intake", "Remove Me")
    seed.attach(doomed, ["Test", "Production"])
    untouched = seed.install("Order Intake", "Untouched")
    seed.attach(untouched, ["Test"])  # no environments given for it: its attachments stay as they are
    before = seed.state()

    check = ansible.playbook("bulk.yml", api, {"bulk_items": WANTED}, check=True, diff=True).assert_ok().assert_no_writes()
    assert seed.state() == before
    predicted = check["converge"]
    assert summary(predicted) == EXPECTED
    assert [i["id"] for i in predicted["instances"]] == [keep, None, None, None, untouched]
    assert [a["id"] for a in predicted["instances"][2]["attachments"]] == [None]  # would be created
    assert predicted["diff"]["before"]["Order Intake / Remove Me"] == {"installed": True, "environments": ["Production", "Test"]}
    assert predicted["diff"]["after"]["Order Intake / Remove Me"] == {"installed": False, "environments": []}
    assert predicted["diff"]["after"]["Salesforce Account Sync"] == {"installed": True, "environments": ["Production", "Test"]}
    assert "Order Intake / Keep Me" in check.stdout  # the diff is printed

    run = ansible.playbook("bulk.yml", api, {"bulk_items": WANTED}).assert_ok().assert_api(api)
    done = run["converge"]
    assert summary(done) == EXPECTED
    assert attached(seed) == {("Order Intake", "Keep Me"): ["Production"], ("Invoice Export", "New One"): ["Test"],
                              ("Salesforce Account Sync", None): ["Production", "Test"], ("Order Intake", "Untouched"): ["Test"]}
    state = seed.state()
    ids = {(i["integrationPackName"], i["integrationPackOverrideName"]): i["id"] for i in state["instances"]}
    assert [i["id"] for i in done["instances"]] == [keep, None, ids[("Invoice Export", "New One")], ids[("Salesforce Account Sync", None)],
                                                    untouched]
    ours = {a["id"] for a in state["attachments"]}
    assert {a["id"] for i in done["instances"] for a in i["attachments"]} == ours  # the real attachment ids
    ops = [w["operation"] for w in run.writes]
    assert ops.count(INSTALL[api]) == 2 and ops.count(UNINSTALL[api]) == 1
    assert ops.index(DETACH[api]) < ops.index(UNINSTALL[api])  # detached before it is uninstalled

    again = ansible.playbook("bulk.yml", api, {"bulk_items": WANTED}).assert_ok().assert_no_writes()
    assert again.task("converge")["changed"] is False
    assert [i["changed"] for i in again["converge"]["instances"]] == [False] * 5
    # one read of each: packs, environments, instances, attachments (GraphQL: a JWT, the packs, the instances,
    # the environments, which carry the attachments), for five items
    assert len(again.log) == 4, [e["operation"] for e in again.log]


def test_bad_items_are_all_reported_and_nothing_is_written(ansible, seed, api):
    seed.install("Salesforce Account Sync")
    items = [
        {"integration_pack_name": "Salesforce Account Sync", "environments": ["Test"]},  # fine, but must not be written
        {"integration_pack_name": "No Such Pack"},
        {"integration_pack_name": "Invoice Export"},
        {"integration_pack_name": "Order Intake", "override_name": "EU", "environments": ["Staging"]},
        {"integration_pack_name": "Order Intake", "override_name": "Two", "environments": ["Sandbox", "Test", "Nope"]},
        {"integration_pack_id": seed.pack_id("Salesforce Account Sync"), "state": "absent"},
    ]
    run = ansible.playbook("bulk.yml", api, {"bulk_items": items})
    assert run.rc != 0 and run.writes == []
    result = run["converge"]
    msg = result["msg"]
    assert msg.startswith("6 item(s) of instances are wrong, nothing was changed: "), msg
    assert result["problems"] == [
        "instances[1]: integration_pack_name 'No Such Pack': " + result["problems"][0].split(": ", 2)[2],
        "instances[2]: override_name is required: integration pack 'Invoice Export' (%s) is a MULTI install pack"
        % seed.pack_id("Invoice Export"),
        "instances[3].environments: environment 'Staging' not found (known: Production, Sandbox, Test)",
        "instances[4].environments: environment name 'Sandbox' is ambiguous: 2 environments have it (ids %s); use the id"
        % ", ".join(seed.env_ids("Sandbox")),
        "instances[4].environments: environment 'Nope' not found (known: Production, Sandbox, Test)",  # every problem of the item
        "instances[0] and instances[5] describe the same instance (Salesforce Account Sync): give each instance once",
    ]
    assert "no integration pack has this name" in result["problems"][0]


def test_text_options_are_checked_before_any_request(ansible, seed, api):
    for bad, fragment in (({"integration_pack_name": "Order Intake", "override_name": "  "}, "instances[0].override_name must not be empty"),
                          ({"integration_pack_name": "Order Intake\x07"}, "instances[0].integration_pack_name must not contain control"),
                          ({"integration_pack_name": "Order Intake", "override_name": "X", "environments": [""]},
                           "instances[0].environments must not be empty"),
                          ({"override_name": "X"}, "one of the following is required: integration_pack_id, integration_pack_name")):
        run = ansible.playbook("bulk.yml", api, {"bulk_items": [bad]})
        assert run.rc != 0 and run.log == [], (bad, run.log)
        assert fragment in run["converge"]["msg"], run["converge"]["msg"]


def test_a_failed_write_reports_what_was_done_and_a_rerun_finishes(ansible, seed, sim, api):
    items = [{"integration_pack_name": "Salesforce Account Sync"}, {"integration_pack_name": "Order Intake", "override_name": "A"},
             {"integration_pack_name": "Order Intake", "override_name": "B"}]
    # the reads are 3 requests (REST: packs, environments, instances) or 4 (GraphQL: and a JWT); the next one is the first
    # install, the one after it the second install (concurrency 1: one item after the other): refused, and with
    # max_retries 0 not retried
    sim.set_faults(rate_limit={"every": 5 if api == "rest" else 6})
    run = ansible.playbook("bulk.yml", api, {"bulk_items": items, "bulk_max_retries": 0, "bulk_concurrency": 1})
    sim.clear_faults()
    assert run.rc != 0
    failed = run.task("converge")
    assert failed["changed"] is True
    msg = failed["result"]["msg"]
    assert msg.startswith("instances[1]: ") and "(changes made before: Salesforce Account Sync)" in msg, msg
    # the items done, then the failing one as far as it got (nothing: its install was refused)
    assert [(i["name"], i["installed"], i["changed"]) for i in failed["result"]["instances"]] == [
        ("Salesforce Account Sync", True, True), ("Order Intake / A", False, False)]
    assert [(w["item"], w["write"], w["outcome"]) for w in failed["result"]["writes"]] == [("instances[0]", "install", "done")]
    # the first install went through; the second was refused (429/503) and not sent again
    assert [(w["operation"], w["status"]) for w in run.writes] == [(INSTALL[api], 200), (INSTALL[api], 429 if api == "graphql" else 503)]

    rerun = ansible.playbook("bulk.yml", api, {"bulk_items": items}).assert_ok()
    assert [i["installed"] for i in rerun["converge"]["instances"]] == [False, True, True]
    assert sorted(attached(seed)) == [("Order Intake", "A"), ("Order Intake", "B"), ("Salesforce Account Sync", None)]


ATTACH = {"rest": "IntegrationPackEnvironmentAttachment.create", "graphql": "integrationPackInstanceEnvironmentAttachmentAttach"}


def test_a_failed_write_among_concurrent_items_reports_every_write_made(ansible, seed, sim, api):
    """Four items converge at once (the default concurrency); one of their writes is refused and not retried.

    Which write meets the refusal depends on the threads' timing, so the test checks what holds whatever it is: the failure
    reports as made exactly the writes the account shows, the simulator committed nothing else, and a re-run finishes
    without a duplicate.
    """
    items = [{"integration_pack_name": "Order Intake", "override_name": "C%d" % n, "environments": ["Test"]} for n in range(1, 5)]
    sim.set_faults(rate_limit={"every": 7 if api == "rest" else 8})  # the 4th request after the reads (and a JWT)
    run = ansible.playbook("bulk.yml", api, {"bulk_items": items, "bulk_max_retries": 0})
    sim.clear_faults()
    assert run.rc != 0
    result = run.task("converge")["result"]
    state = seed.state()
    names = {i["id"]: "Order Intake / %s" % i["integrationPackOverrideName"] for i in state["instances"]}
    envs = {e["id"]: e["name"] for e in seed.environments().values()}
    made = sorted((w["name"], w["write"], tuple(w["environments"])) for w in result["writes"] if w["outcome"] == "done")
    shown = sorted([(names[i], "install", ()) for i in names]
                   + [(names[a["integrationPackInstanceId"]], "attach", (envs[a["environmentId"]],)) for a in state["attachments"]])
    assert made == shown, (made, shown, result["msg"])
    assert len([e for e in run.writes if e["status"] == 200]) == len(made)
    assert result["changed"] is True and result["msg"].startswith("instances[")
    assert [w["outcome"] for w in result["writes"]] == ["done"] * len(made)

    rerun = ansible.playbook("bulk.yml", api, {"bulk_items": items}).assert_ok()
    assert rerun["converge"]["changed"] is True
    assert sorted(attached(seed)) == [("Order Intake", "C%d" % n) for n in range(1, 5)]
    assert len(seed.state()["instances"]) == 4 and len(seed.state()["attachments"]) == 4
    ansible.playbook("bulk.yml", api, {"bulk_items": items}).assert_ok().assert_no_writes()


def test_a_failed_run_reports_the_writes_it_made_and_those_it_cannot_tell(ansible, seed, sim, api):
    """Install answered, the attachments' answers lost after the server made them, and the re-read that would tell refused.

    REST sends one attach per environment: Test (answer lost, the re-read finds it made), Production (answer lost, the
    re-read refused: max_retries 0). GraphQL attaches both in one request: answer lost, the re-read refused. Reads before:
    REST the packs, environments, instances (3); GraphQL a JWT, the packs, environments, instances (4).
    """
    items = [{"integration_pack_name": "Order Intake", "override_name": "Lost A", "environments": ["Test", "Production"]}]
    sim.set_faults(drop_after_commit={"operation": "attach", "count": 2 if api == "rest" else 1},
                   rate_limit={"every": 8 if api == "rest" else 7, "retry_after": 0})
    run = ansible.playbook("bulk.yml", api, {"bulk_items": items, "bulk_max_retries": 0})
    sim.clear_faults()
    assert run.rc != 0
    [instance] = seed.state()["instances"]
    assert sorted(a["environmentId"] for a in seed.state()["attachments"]) == sorted([seed.env_id("Test"), seed.env_id("Production")])
    assert [(w["operation"], w["status"]) for w in run.writes] == [(INSTALL[api], 200)] + [(ATTACH[api], 0)] * (2 if api == "rest" else 1)

    failed = run.task("converge")
    result = failed["result"]
    assert failed["changed"] is True and result["changed"] is True
    [partial] = result["instances"]
    assert (partial["name"], partial["id"], partial["installed"], partial["changed"]) == ("Order Intake / Lost A", instance["id"], True, True)
    assert partial["attached"] == (["Test"] if api == "rest" else [])
    writes = [(w["item"], w["write"], w["outcome"], w["instance_id"], w["environments"]) for w in result["writes"]]
    expected = [("instances[0]", "install", "done", instance["id"], [])]
    if api == "rest":
        expected += [("instances[0]", "attach", "done", instance["id"], ["Test"]), ("instances[0]", "attach", "unknown", instance["id"], ["Production"])]
    else:
        expected += [("instances[0]", "attach", "unknown", instance["id"], ["Production", "Test"])]
    assert writes == expected
    made = "installed; attached to Test" if api == "rest" else "installed"
    unknown = "attach to Production" if api == "rest" else "attach to Production, Test"
    assert result["msg"].endswith("(changes made before: Order Intake / Lost A (%s); outcome unknown: Order Intake / Lost A (%s))"
                                  % (made, unknown)), result["msg"]
    assert result["status"] == (503 if api == "rest" else 429)

    rerun = ansible.playbook("bulk.yml", api, {"bulk_items": items}).assert_ok().assert_no_writes()
    assert rerun["converge"]["changed"] is False

# -*- coding: utf-8 -*-
"""The EXAMPLES of the bulk modules ipack_process_schedules and ipack_env_extensions_bulk run as written, against the simulator."""

from __future__ import annotations

import ast

import yaml

from boomi_harness import REPO

SECRETS = {"vault_order_db_password": "ex-Db-pw-5521", "vault_order_db_test_password": "ex-Test-pw-5522",
           "vault_salesforce_password": "ex-Sf-pw-5523"}
PRODUCTION_ATOM_2 = "2f5c1e8e-5089-4497-aaed-689510c43fce"


def module_examples(module):
    """The EXAMPLES of a module, as tasks."""
    tree = ast.parse((REPO / "plugins" / "modules" / (module + ".py")).read_text(encoding="utf-8"))
    return yaml.safe_load([n.value.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "EXAMPLES"][0])


def test_the_examples_of_the_bulk_modules_run(ansible, seed, sim):
    api = "graphql"  # one API (the modules on both APIs, in process: test_ipack_env_extensions_bulk.py, test_ipack_process_schedules.py)
    eu = seed.install("Order Intake", "Order Intake EU")
    us = seed.install("Order Intake", "Order Intake US")
    salesforce = seed.install("Salesforce Account Sync")
    seed.attach(eu, ["Test", "Production"])
    seed.attach(us, ["Test"])
    seed.attach(salesforce, ["Production"])
    tasks = module_examples("ipack_process_schedules") + module_examples("ipack_env_extensions_bulk")
    play = [{"name": "EXAMPLES", "hosts": "localhost", "gather_facts": False,
             "module_defaults": {"group/boomi.platform.boomi": "{{ boomi_conn }}"},
             "vars": {"eu": {"instance": {"id": eu}}, "us": {"instance": {"id": us}}, "salesforce": {"instance": {"id": salesforce}}},
             "tasks": tasks}]
    path = ansible.workdir / "bulk-examples.yml"
    path.write_text(yaml.safe_dump(play, sort_keys=False), encoding="utf-8")
    run = ansible.playbook(str(path), api, SECRETS, verbosity=3).assert_ok().assert_no_traceback().assert_no_secrets(extra=SECRETS.values())
    assert [r["changed"] for r in run.results if r["task"] != "Show which elements changed"] == [True, True, True]

    state = seed.state()
    processes = {p["id"]: (i["id"], p["name"]) for i in state["instances"] for p in i["processes"]}
    scheduled = {(processes[s["processId"]], s["atomId"]): s for s in state["schedules"] if s["processId"] in processes}
    eu_int = [s for (owner, atom), s in scheduled.items() if owner == (eu, "Order Intake EU - INT") and s["envId"] == seed.env_id("Production")]
    assert len(eu_int) == 2 and all(s["Retry"]["maxRetry"] == 3 and len(s["Schedule"]) == 1 for s in eu_int)
    acknowledge = {atom: s for (owner, atom), s in scheduled.items() if owner == (eu, "Order Intake EU - Acknowledge")
                   and s["envId"] == seed.env_id("Production")}
    # two schedules on the Production Atoms, then cleared on one of them by the second example
    assert len(acknowledge[PRODUCTION_ATOM_2]["Schedule"]) == 0
    assert [len(s["Schedule"]) for atom, s in acknowledge.items() if atom != PRODUCTION_ATOM_2] == [2]

    extensions = run["Set the extension values of two instances in Test and Production, in one task"]["extensions"]
    assert [(e["instance_id"], e["environment"], e["changed"]) for e in extensions] == [
        (eu, "Production", True), (eu, "Test", True), (salesforce, "Production", True)]
    stored = [(o["environmentId"], c["name"], f["id"], f.get("value")) for o in sim.stored_extensions()
              for c in (o.get("connections") or {}).get("connection", []) for f in c["field"]]
    production, test = seed.env_id("Production"), seed.env_id("Test")
    assert (production, "Salesforce", "password", SECRETS["vault_salesforce_password"]) in stored
    assert (production, "Order DB", "password", SECRETS["vault_order_db_password"]) in stored
    assert (test, "Order DB", "password", SECRETS["vault_order_db_test_password"]) in stored


def test_the_example_of_ipack_instances_runs(ansible, seed):
    """Issue 26.7: the EXAMPLES of ipack_instances name packs the simulator has, and do what they say."""
    api = "rest"  # one API (ipack_instances on both APIs, in process: test_ipack_instances.py)
    us = seed.install("Order Intake", "Order Intake US")
    play = [{"name": "EXAMPLES", "hosts": "localhost", "gather_facts": False,
             "module_defaults": {"group/boomi.platform.boomi": "{{ boomi_conn }}"}, "tasks": module_examples("ipack_instances")}]
    path = ansible.workdir / "instances-examples.yml"
    path.write_text(yaml.safe_dump(play, sort_keys=False), encoding="utf-8")
    run = ansible.playbook(str(path), api).assert_ok().assert_no_traceback()
    assert run["Show what changed"]["msg"] == ["Salesforce Account Sync", "Order Intake / Order Intake EU", "Order Intake / Order Intake US"]
    converged = run["Install three instances and attach them to their environments, in one task"]["instances"]
    assert [(i["state"], sorted(a["environment_name"] for a in i["attachments"])) for i in converged] == [
        ("present", ["Production", "Test"]), ("present", ["Production"]), ("absent", [])]
    assert us not in {i["id"] for i in seed.state()["instances"]} and len(seed.state()["instances"]) == 2

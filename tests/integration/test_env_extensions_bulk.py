# -*- coding: utf-8 -*-
"""ipack_env_extensions_bulk (the extension values of many instances and environments in one task): real ansible-playbook runs
against the simulator, through REST and GraphQL; no secret is ever printed, at -vvv. Bad elements, failed and lost writes
and the masking of invocation are tested in process: tests/unit/plugins/modules/test_ipack_env_extensions_bulk.py."""

from __future__ import annotations

SECRET = "S3cr3t-bulk-value"
API_SECRET = "S3cr3t-bulk-api-key-5Tz"
SF_SECRET = "S3cr3t-bulk-sf-pass-8Wd"
ALL_SECRETS = (SECRET, API_SECRET, SF_SECRET)
UPDATE = {"rest": "EnvironmentExtensions.update", "graphql": "extensionsUpdate"}


def setup(seed):
    """Order Intake Bulk EU and Bulk US (MULTI) and Salesforce Account Sync (SINGLE), attached to Test and Production."""
    found = {"eu": seed.install("Order Intake", "Bulk EU"), "us": seed.install("Order Intake", "Bulk US"),
             "sf": seed.install("Salesforce Account Sync")}
    for instance_id in found.values():
        seed.attach(instance_id, ["Test", "Production"])
    return found


def object_id(sim, seed, env_name, instance_id=None, process_suffix=None):
    """The id of an instance process's extensions object, or (no instance) of the environment's own."""
    group = ""
    if instance_id is not None:
        [instance] = [i for i in seed.state()["instances"] if i["id"] == instance_id]
        [group] = [p["id"] for p in instance["processes"] if p["name"].endswith(" - " + process_suffix)]
    env_id = seed.env_id(env_name)
    [found] = [o["id"] for o in sim.stored_extensions() if o["environmentId"] == env_id and o["extensionGroupId"] == group]
    return found


def wanted(ids):
    return [
        {"instance_id": ids["eu"], "environment": "Production",
         "connections": [{"name": "Order DB", "fields": {"host": "db.prod.example", "user": "svc_orders", "password": SECRET}}],
         "process_properties": [{"name": "Order Settings", "values": {"Batch size": "100", "API key": API_SECRET}}],
         "dynamic_process_properties": {"region": "eu-central-1"}},
        {"instance_id": ids["eu"], "environment": "Test", "process": "INT",
         "connections": [{"name": "Order DB", "fields": {"host": "db.test.example", "port": 5432}}]},
        {"instance_id": ids["us"], "environment": "Production", "process": "INT",
         "connections": [{"name": "Order DB", "fields": {"password": SECRET}}]},
        {"instance_id": ids["sf"], "environment": "Production",
         "connections": [{"name": "Salesforce", "fields": {"url": "https://acme.my.salesforce.com", "password": SF_SECRET}}]},
    ]


def summary(result):
    return [(e["changed"], e["instance_id"], e["environment"], e["process"]) for e in result["extensions"]]


def test_check_apply_rerun(ansible, seed, sim):
    api = "graphql"  # one API (check mode, diff, invocation and a re-run on both APIs, in process: test_ipack_env_extensions_bulk.py::
    # test_main_check_mode_diff_and_invocation_hide_the_secrets, ::test_check_mode_predicts_what_the_concurrent_run_then_does,
    # ::test_main_a_failed_write_reports_what_was_done_without_a_secret_and_a_rerun_finishes)
    ids = setup(seed)
    items = wanted(ids)
    stored = sim.stored_extensions()
    expected = [(True, ids["eu"], "Production", None), (True, ids["eu"], "Test", "INT"), (True, ids["us"], "Production", "INT"),
                (True, ids["sf"], "Production", None)]

    check = ansible.playbook("extensions_bulk.yml", api, {"ext_items": items}, check=True, diff=True, verbosity=3)
    check.assert_ok().assert_no_traceback().assert_no_writes().assert_no_secrets(extra=ALL_SECRETS)
    assert sim.stored_extensions() == stored
    predicted = check["Extensions"]
    assert predicted["changed"] is True and summary(predicted) == expected
    assert "%s @ Test / INT" % ids["eu"] in check.stdout and '"host": "db.test.example"' in check.stdout  # the diff is printed
    after = predicted["diff"]["after"]["%s @ Production" % ids["eu"]]["Production / Bulk EU - INT"]
    assert after["connections"] == {"Order DB": {"host": "db.prod.example", "user": "svc_orders", "password": "********"}}
    # Boomi says a process property value is encrypted only once one is stored: until then a prediction hides it
    assert after["process_properties"] == {"Order Settings": {"Batch size": "********", "API key": "********"}}

    run = ansible.playbook("extensions_bulk.yml", api, {"ext_items": items, "ext_read": ids["eu"]}, diff=True, verbosity=3)
    run.assert_ok().assert_no_traceback().assert_no_secrets(extra=ALL_SECRETS)
    done = run["Extensions"]
    assert summary(done) == expected
    assert list(done["diff"]["after"]) == list(predicted["diff"]["after"])
    # REST: one update per object (Bulk EU in Production has two), GraphQL: one per element
    assert [w["operation"] for w in run.writes] == [UPDATE[api]] * (5 if api == "rest" else 4), run.writes
    for process in ("INT", "Acknowledge"):
        obj = object_id(sim, seed, "Production", ids["eu"], process)
        assert sim.stored_extension_value(obj, "Order DB", "host") == "db.prod.example"
        assert sim.stored_extension_value(obj, "Order DB", "password") == SECRET
    prod_int = object_id(sim, seed, "Production", ids["eu"], "INT")
    assert sim.stored_extension_value(prod_int, "Order Settings", "API key") == API_SECRET
    assert sim.stored_extension_value(prod_int, "Order Settings", "Batch size") == "100"
    assert sim.stored_extension_value(prod_int, "region") == "eu-central-1"
    assert sim.stored_extension_value(object_id(sim, seed, "Test", ids["eu"], "INT"), "Order DB", "port") == "5432"
    assert sim.stored_extension_value(object_id(sim, seed, "Production", ids["us"], "INT"), "Order DB", "password") == SECRET
    assert sim.stored_extension_value(object_id(sim, seed, "Production", ids["us"], "Acknowledge"), "Order DB", "password") is None
    assert sim.stored_extension_value(object_id(sim, seed, "Production"), "Salesforce", "password") == SF_SECRET
    # the results: what ipack_env_extensions_info reads, no secret; the invocation hides the secrets, shows the plain values
    read = {(o["environment_name"], o["process_name"]): o for o in run["Read back"]["extensions"]}
    assert done["extensions"][0]["extensions"] == [read[("Production", "Bulk EU - Acknowledge")], read[("Production", "Bulk EU - INT")]]
    shown = run["Extensions"]["invocation"]["module_args"]["extensions"]
    assert shown[0]["connections"][0]["fields"] == {"host": "db.prod.example", "user": "svc_orders", "password": "********"}
    assert shown[0]["process_properties"][0]["values"] == {"Batch size": "100", "API key": "********"}
    assert shown[3]["connections"][0]["fields"] == {"url": "https://acme.my.salesforce.com", "password": "********"}

    stored = sim.stored_extensions()
    again = ansible.playbook("extensions_bulk.yml", api, {"ext_items": items, "ext_concurrency": 1}, verbosity=3)
    again.assert_ok().assert_no_writes().assert_no_secrets(extra=ALL_SECRETS)
    assert again.recap["localhost"]["changed"] == 0
    assert [e["changed"] for e in again["Extensions"]["extensions"]] == [False] * 4
    assert sim.stored_extensions() == stored

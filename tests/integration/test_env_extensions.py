# -*- coding: utf-8 -*-
"""ipack_env_extensions and ipack_env_extensions_info: real ansible-playbook runs at -vvv against the simulator.

What is stored is checked with the simulator's admin view (``sim.stored_extensions``, secrets in clear): a secret really
arrived, and no secret is ever printed at -vvv. The module's own cases on both APIs (the five tasks of extensions.yml set,
re-run and rotated, property_values, unknown names and bad input before any write, one field changed, a lost answer, check
mode and diff, a failed update) are in tests/unit/plugins/modules/test_ipack_env_extensions.py, in process; what stays here
needs a controller, and runs on one API: -vvv output, the printed diff, Jinja on the results, templated check-mode chains,
two controllers at once, module_defaults groups, the EXAMPLES and the shipped playbook.
"""

from __future__ import annotations

import ast
import json
import re

import yaml
from boomi_harness import BIN, REPO, connection, connection_env
from test_diff import sections

SANDBOX_B = "33c066f1-5661-4a6a-a123-85e0619feb4f"
EXT_TASKS = ["EU in Production", "EU in Test, process INT", "Salesforce in Production", "Salesforce in Test", "Shipping in Production"]
OBJECT_KEYS = {"id", "environment_id", "environment_name", "extension_group_id", "process_id", "process_name", "connections",
               "process_properties", "dynamic_process_properties"}


def secrets(api, tag="1"):
    """Secret values unique to the test and the API (so that a leak is never a coincidence)."""
    return {"db_password": "Db-Pa55-%s-%s-x7Q" % (api, tag), "api_key": "Key-%s-%s-m3Z9" % (api, tag),
            "sf_password": "Sf-Pa55-%s-%s-k2W" % (api, tag), "smtp_password": "Smtp-%s-%s-p4R" % (api, tag)}


def setup(seed, api, tag="1"):
    """Order Intake EU (MULTI), Salesforce Account Sync and Shipping Notifications (SINGLE) attached to Test and Production."""
    eu = seed.install("Order Intake", "Order Intake EU")
    sf = seed.install("Salesforce Account Sync")
    shipping = seed.install("Shipping Notifications", installation_type="SINGLE")
    for instance in (eu, sf, shipping):
        seed.attach(instance, ["Test", "Production"])
    return dict(secrets(api, tag), eu_id=eu, sf_id=sf, shipping_id=shipping, production_id=seed.env_id("Production"), sandbox_id=SANDBOX_B)


def ids(sim, environment_id, group_id=""):
    """The id of the object of (environment, extension group), as the simulator lists it."""
    found = [o["id"] for o in sim.stored_extensions() if o["environmentId"] == environment_id and o["extensionGroupId"] == group_id]
    assert len(found) == 1, (environment_id, group_id)
    return found[0]


def eu_objects(run):
    """``{(environment name, process suffix): object}`` of the EU instance from the info task."""
    return {(o["environment_name"], o["process_name"].rsplit(" - ", 1)[1]): o for o in run["read EU"]["extensions"]}


def value(obj, kind, component, name):
    comp = [c for c in obj[kind] if c["name"] == component][0]
    return [i for i in comp["fields" if kind == "connections" else "property_values"] if name in (i.get("id"), i.get("label"))][0]


def test_property_values_returned_and_accepted(ansible, seed, sim):
    """The returned key of a component's values is property_values (issue 26.1: `x.values` is the dict method in Jinja, so a
    returned `values` could not be read with dot notation); the option `values` also answers to property_values."""
    api = 'graphql'  # one API (both, in process: test_ipack_env_extensions.py::test_property_values_is_the_returned_key_and_an_alias_of_values)
    extra = setup(seed, api)
    run = ansible.playbook("extensions_property_values.yml", api, {"eu_id": extra["eu_id"], "api_key": extra["api_key"]},
                           verbosity=3).assert_ok().assert_no_traceback()
    run.assert_no_secrets(extra=[extra["api_key"]])
    prod_int = [o["id"] for o in run["set Order Settings by property_values"]["extensions"] if o["process_name"].endswith(" - INT")][0]
    assert sim.stored_extension_value(prod_int, "Order Settings", "Batch size") == "42"
    assert sim.stored_extension_value(prod_int, "Order Settings", "API key") == extra["api_key"]
    for task in ("set Order Settings by property_values", "read Order Settings"):
        for obj in run[task]["extensions"]:
            for comp in obj["process_properties"]:
                assert set(comp) == {"id", "name", "property_values"}, comp
    shown = run["the values, with dot notation"]["msg"]
    assert shown["set"] == ["Batch size", "API key"]
    read = shown["read"] if isinstance(shown["read"], dict) else ast.literal_eval(shown["read"])
    assert read == {"Batch size": "42", "API key": None}
    # the invocation shows the option as the task gave it: the plain value, the secret hidden
    given = run["set Order Settings by property_values"]["invocation"]["module_args"]["process_properties"][0]
    assert given["property_values"] == {"Batch size": "42", "API key": "********"}, given


def test_set_at_vvv(ansible, seed, sim):
    """The five tasks of extensions.yml at -vvv: no secret printed, the values stored. One run on one API: the same tasks set,
    re-run (nothing sent) and rotated (update_secrets: always) on both APIs, every result free of secrets, in process:
    test_ipack_env_extensions.py::test_five_tasks_predict_set_converge_and_rotate."""
    api = 'rest'  # one API (test_check_and_diff_predict_without_writing runs the same playbook at -vvv through GraphQL)
    extra = setup(seed, api)
    run = ansible.playbook("extensions.yml", api, extra, verbosity=3).assert_ok().assert_no_traceback()
    run.assert_no_secrets(extra=secrets(api).values())
    assert [run[t]["changed"] for t in EXT_TASKS] == [True] * 5
    assert len(run.writes) == (6 if api == "rest" else 5), run.writes  # REST: one update per object; EU in Production has two
    assert {w["operation"] for w in run.writes} == {"EnvironmentExtensions.update" if api == "rest" else "extensionsUpdate"}

    # what is stored, read straight from the simulator
    objects = eu_objects(run)
    assert sorted(objects) == [("Production", "Acknowledge"), ("Production", "INT"), ("Test", "Acknowledge"), ("Test", "INT")]
    keys = (("Production", "INT"), ("Production", "Acknowledge"), ("Test", "INT"), ("Test", "Acknowledge"))
    prod_int, prod_ack, test_int, test_ack = (objects[k]["id"] for k in keys)
    for ext_id in (prod_int, prod_ack):
        assert sim.stored_extension_value(ext_id, "Order DB", "host") == "db.prod.example"
        assert sim.stored_extension_value(ext_id, "Order DB", "user") == "svc_orders"
        assert sim.stored_extension_value(ext_id, "Order DB", "password") == extra["db_password"]
        assert sim.stored_extension_value(ext_id, "Order DB", "port") is None
    assert sim.stored_extension_value(prod_int, "Order Settings", "Batch size") == "100"
    assert sim.stored_extension_value(prod_int, "Order Settings", "API key") == extra["api_key"]
    assert sim.stored_extension_value(prod_int, "region") == "eu-central-1"
    assert sim.stored_extension_value(test_int, "Order DB", "host") == "db.test.example"
    assert sim.stored_extension_value(test_int, "Order DB", "port") == "5432"
    assert sim.stored_extension_value(test_int, "Order Settings", "Batch size") == "10"
    assert sim.stored_extension_value(test_int, "region") == "us-east-1"
    assert sim.stored_extension_value(test_ack, "Order DB", "host") is None  # process INT only
    production, test = seed.env_id("Production"), seed.env_id("Test")
    assert sim.stored_extension_value(production, "Salesforce", "password") == extra["sf_password"]
    assert sim.stored_extension_value(production, "Salesforce", "url") == "https://acme.my.salesforce.com"
    assert sim.stored_extension_value(test, "Salesforce", "url") == "https://acme--test.sandbox.my.salesforce.com"
    assert sim.stored_extension_value(test, "Salesforce", "user") is None
    assert sim.stored_extension_value(production, "Notification Settings", "SMTP password") == extra["smtp_password"]
    assert sim.stored_extension_value(test, "Notification Settings", "Sender address") is None

    # what the modules return: the objects, no secret
    for obj in run["read EU"]["extensions"]:
        assert set(obj) == OBJECT_KEYS
        assert obj["process_id"] == obj["extension_group_id"] and obj["process_name"].startswith("Order Intake EU - ")
    password = value(objects[("Production", "INT")], "connections", "Order DB", "password")
    assert password == {"id": "password", "value": None, "use_default": False, "encrypted": True, "encrypted_value_set": True}
    assert value(objects[("Production", "INT")], "process_properties", "Order Settings", "API key")["encrypted_value_set"] is True
    assert objects[("Test", "INT")]["dynamic_process_properties"] == {"region": "us-east-1"}
    written = run["EU in Production"]["extensions"]
    assert [o["process_name"] for o in written] == ["Order Intake EU - Acknowledge", "Order Intake EU - INT"]
    assert written == [objects[("Production", "Acknowledge")], objects[("Production", "INT")]]
    assert [o["id"] for o in run["Salesforce in Test"]["extensions"]] == [test]
    both = run["read Salesforce in Test, through both APIs"]["results"]
    assert both[0]["extensions"] == both[1]["extensions"] == run["Salesforce in Test"]["extensions"]
    both = run["read EU process INT, through both APIs"]["results"]
    assert both[0]["extensions"] == both[1]["extensions"] == [objects[("Production", "INT")], objects[("Test", "INT")]]
    diff = run["EU in Production"]["diff"]
    assert diff["before"]["Production / Order Intake EU - INT"]["connections"]["Order DB"] == \
        {"host": None, "user": None, "password": None, "port": None}
    assert diff["after"]["Production / Order Intake EU - INT"]["connections"]["Order DB"] == \
        {"host": "db.prod.example", "user": "svc_orders", "password": "********", "port": None}
    assert diff["after"]["Production / Order Intake EU - INT"]["process_properties"]["Order Settings"] == {"Batch size": "100", "API key": "********"}
    # the invocation shows the plain values and hides the secrets
    shown = run["EU in Production"]["invocation"]["module_args"]
    assert shown["connections"][0]["fields"] == {"host": "db.prod.example", "user": "svc_orders", "password": "********", "port": None}
    assert shown["process_properties"][0]["values"] == {"Batch size": "100", "API key": "********"}


def test_check_and_diff_predict_without_writing(ansible, seed, sim):
    api = 'graphql'  # one API (the predictions on both APIs: tests/unit/plugins/modules/test_ipack_env_extensions.py)
    extra = setup(seed, api)
    before = sim.stored_extensions()
    run = ansible.playbook("extensions.yml", api, extra, check=True, diff=True, verbosity=3).assert_ok().assert_no_traceback()
    run.assert_no_secrets(extra=secrets(api).values()).assert_no_writes()
    assert sim.stored_extensions() == before
    assert [run[t]["changed"] for t in EXT_TASKS] == [True] * 5
    predicted = run["EU in Production"]["extensions"]
    int_object = [o for o in predicted if o["process_name"].endswith("INT")][0]
    assert value(int_object, "connections", "Order DB", "host")["value"] == "db.prod.example"
    assert value(int_object, "connections", "Order DB", "password")["encrypted_value_set"] is True
    assert int_object["dynamic_process_properties"] == {"region": "eu-central-1"}
    # Boomi says a process property value is encrypted only once one is stored: until then a prediction hides it
    assert run["EU in Production"]["diff"]["after"]["Production / Order Intake EU - INT"]["process_properties"]["Order Settings"] == \
        {"Batch size": "********", "API key": "********"}
    printed = sections(run.stdout)["EU in Production"]
    assert "--- before" in printed and "+++ after" in printed, printed
    assert re.search(r'\+\s+"host": "db.prod.example"', printed) and re.search(r'\+\s+"password": "\*{8}"', printed), printed
    # after a set: a re-run in check mode predicts nothing, and update_secrets: always predicts the rotation (diff "(set)" to
    # hidden) without a write, on both APIs: test_ipack_env_extensions.py::test_five_tasks_predict_set_converge_and_rotate


def test_check_mode_on_an_instance_not_installed_yet(ansible, sim):
    api = 'rest'  # one API (on both APIs: test_ipack_env_extensions.py, the same name)
    extra = {"db_password": secrets(api)["db_password"]}
    run = ansible.playbook("extensions_pending.yml", api, extra, check=True, diff=True, verbosity=3).assert_ok().assert_api(api)
    run.assert_no_traceback().assert_no_secrets(extra=extra.values()).assert_no_writes()
    result = run["its extension values in Production"]
    assert result["changed"] is True and result["extensions"] == []
    assert result["diff"] == {"before": {}, "after": {"Production": {
        "connections": {"Order DB": {"host": "********", "port": None, "password": "********"}},
        "dynamic_process_properties": {"region": "us-east-1"}}}}
    assert result["invocation"]["module_args"]["connections"][0]["fields"]["host"] == "********"
    assert sim.stored_extensions() == []


def test_two_playbooks_on_one_component_keep_both_values(ansible, seed, sim):
    """Two ansible-playbook runs at once set different values of one process property component (which Boomi replaces whole):
    both values hold (issue 24, point 6). The simulator answers reads slowly, so that both runs read before either writes."""
    api = 'graphql'  # one API (both, two threads and two processes: tests/unit/plugins/module_utils/test_extensions.py::
    # test_two_tasks_on_one_component_keep_both_values)
    extra = setup(seed, api)
    sim.set_faults(latency=0.4)
    values = [{"Batch size": "75"}, {"API key": extra["api_key"]}]
    procs = [ansible.background("extensions_one_value.yml", api, {"eu_id": extra["eu_id"], "order_settings": v}, tag="component")
             for v in values]
    outputs = [proc.communicate(timeout=240)[0] for proc in procs]
    sim.clear_faults()
    for proc, output in zip(procs, outputs):
        assert proc.returncode == 0, output
        assert "Traceback" not in output and extra["api_key"] not in output
    touched = {o["id"]: (sim.stored_extension_value(o["id"], "Order Settings", "Batch size"),
                         sim.stored_extension_value(o["id"], "Order Settings", "API key"))
               for o in sim.stored_extensions() if o["environmentId"] == extra["production_id"]
               and "Order Settings" in json.dumps(o.get("processProperties"))}
    assert [v for v in touched.values() if v != (None, None)] == [("75", extra["api_key"])], touched


def module_examples(module):
    """The EXAMPLES of a module, as tasks."""
    tree = ast.parse((REPO / "plugins" / "modules" / (module + ".py")).read_text(encoding="utf-8"))
    text = [n.value.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "EXAMPLES"][0]
    return yaml.safe_load(text)


def test_the_examples_and_the_shipped_playbook_run(ansible, seed, sim):
    api = 'rest'  # one API (the modules on both APIs: test_ipack_env_extensions.py, test_ipack_env_extensions_info.py; BOOMI_* of
    # both APIs: test_role_checks.py::test_uninstall_playbook_uninstalls_the_list_given_as_extra_vars (REST) and
    # ::test_converge_playbook_takes_the_list_as_extra_vars (GraphQL))
    extra = setup(seed, api)
    vault = {"vault_order_db_password": secrets(api)["db_password"], "vault_order_api_key": secrets(api)["api_key"]}
    tasks = module_examples("ipack_env_extensions") + module_examples("ipack_env_extensions_info")
    play = [{"name": "EXAMPLES", "hosts": "localhost", "gather_facts": False, "module_defaults": {"group/boomi.platform.boomi": "{{ boomi_conn }}"},
             "vars": {"eu": {"instance": {"id": extra["eu_id"]}}}, "tasks": tasks}]
    path = ansible.workdir / "examples.yml"
    path.write_text(yaml.safe_dump(play, sort_keys=False), encoding="utf-8")
    vars_file = ansible.workdir / "examples-vars.json"
    vars_file.write_text(json.dumps(dict(vault, boomi_conn=connection(api, sim.url))), encoding="utf-8")
    argv = [str(BIN / "ansible-playbook"), "-i", str(ansible.inventory), "-e", "@%s" % vars_file, str(path), "-vvv"]
    run = ansible._execute(argv, None, 300)  # pylint: disable=protected-access
    run.assert_ok().assert_no_traceback().assert_no_secrets(extra=vault.values())
    assert [r["changed"] for r in run.results][:2] == [True, True]  # the second example rotates the password: always a change
    prod_int = ids(sim, extra["production_id"], run.results[0]["result"]["extensions"][0]["process_id"])
    assert sim.stored_extension_value(prod_int, "Order DB", "password") == vault["vault_order_db_password"]
    assert sim.stored_extension_value(prod_int, "Order Settings", "Batch size") == "100"

    # playbooks/extensions.yml, credentials from BOOMI_* variables as its header says
    shipped = [str(BIN / "ansible-playbook"), "-i", str(REPO / "playbooks" / "inventory" / "localhost.yml"), "-e", "@%s" % vars_file,
               str(REPO / "playbooks" / "extensions.yml"), "-vvv"]
    for number in (1, 2):
        run = ansible._execute(shipped, connection_env(api, sim.url), 300)  # pylint: disable=protected-access
        run.assert_ok().assert_no_traceback().assert_no_secrets(extra=vault.values())
        assert run.recap["localhost"]["changed"] == (1 if number == 1 else 0), run.output()
    test_int_process = [o for o in run["Read what is stored"]["extensions"] if o["environment_name"] == "Test" and o["process_name"].endswith("INT")]
    test_int = ids(sim, seed.env_id("Test"), test_int_process[0]["process_id"])
    assert sim.stored_extension_value(test_int, "Order Settings", "API key") == vault["vault_order_api_key"]
    assert sim.stored_extension_value(test_int, "Order DB", "host") == "db.test.example"
    assert "Order DB password: (secret stored)" in run.stdout

# -*- coding: utf-8 -*-
"""Ad hoc: ``ansible localhost -m boomi.platform.ipack_instance_info`` with only BOOMI_* environment variables."""

from __future__ import annotations

import json

from boomi_harness import connection_env, expected_instance


def test_adhoc_info_with_environment_only(ansible, seed, api, sim):
    eu_id = seed.install("Order Intake", "Order Intake EU")
    sf_id = seed.install("Salesforce Account Sync")
    state = seed.state()
    # REST with the API token, GraphQL with the password (the playbooks use the other ones);
    # no BOOMI_API: it follows from BOOMI_SPACE_GUID being set or not.
    env = connection_env(api, sim.url, token=(api == "rest"))
    assert "BOOMI_API" not in env and ("BOOMI_SPACE_GUID" in env) == (api == "graphql")

    run = ansible.adhoc("boomi.platform.ipack_instance_info", env=env)
    assert run.rc == 0, run.output()
    run.assert_no_writes().assert_no_traceback().assert_no_secrets()
    assert {e["api"] for e in run.log} == ({"rest"} if api == "rest" else {"jwt", "graphql"}), run.log
    assert "localhost | SUCCESS" in run.stdout, run.output()

    [record] = run.results
    assert record["action"] == "boomi.platform.ipack_instance_info"
    assert record["changed"] is False and not record["failed"]
    instances = record["result"]["instances"]
    assert instances == [expected_instance(state, eu_id), expected_instance(state, sf_id)]
    # what the default ad hoc output prints is that same result
    printed = json.loads(run.stdout.split("=>", 1)[1])
    assert printed["instances"] == instances

    # the example of the module's documentation: one filter as a module argument
    run = ansible.adhoc("boomi.platform.ipack_instance_info", args="integration_pack_name='Order Intake'", env=env)
    assert run.rc == 0, run.output()
    run.assert_no_writes()
    assert run.results[0]["result"]["instances"] == [expected_instance(state, eu_id)]

# -*- coding: utf-8 -*-
"""ipack_account_group against the simulator (the partner account), through REST and GraphQL.

With GraphQL the pack is looked up through GraphQL and the account groups and shares through REST (REST_WITH_GRAPHQL).
"""

from __future__ import annotations

SHARE_KEYS = {"id", "account_group_id", "account_group_name", "integration_pack_id", "integration_pack_name"}
SHARE_OPS = {"AccountGroupIntegrationPack.create", "AccountGroupIntegrationPack.delete"}


def shares(sim):
    """(group name, pack name) of every share the simulator holds."""
    dump = sim.accounts.dump()
    groups = {g["id"]: g["name"] for g in dump["groups"]}
    packs = {p["id"]: p["name"] for p in sim.state.packs.values()}
    return sorted((groups[s["accountGroupId"]], packs[s["integrationPackId"]]) for s in dump["shares"])


def assert_apis(run, api):
    """REST runs talk only REST; GraphQL runs look the pack up through GraphQL and the groups and shares through REST."""
    assert run.apis() == ({"rest"} if api == "rest" else {"graphql", "jwt", "rest"}), run.apis()
    assert all(e["api"] == "rest" for e in run.log if e["operation"].startswith("AccountGroup"))


def test_share_rerun_exclusive_absent(ansible, sim, seed, api):
    emea = sim.add_account_group("EMEA")
    sim.add_account_group("APAC")
    pack_id = seed.pack_id("Order Intake")
    run = ansible.playbook("account_group.yml", api, {"emea_id": emea["id"]}, diff=True).assert_ok().assert_no_traceback()
    assert_apis(run, api)

    made = run["share with EMEA and Acme Group"]
    assert made["changed"] is True
    assert made["shared"] == ["Acme Group", "EMEA"] and made["unshared"] == []
    assert [s["account_group_name"] for s in made["shares"]] == ["Acme Group", "EMEA"]
    for item in made["shares"]:
        assert set(item) == SHARE_KEYS, item
        assert item["id"] and item["integration_pack_id"] == pack_id and item["integration_pack_name"] == "Order Intake"
    assert made["shares"][1]["account_group_id"] == emea["id"] and made["shares"][0]["account_group_id"] == "acme-group-0001"
    assert made["diff"] == {"before": {"account_groups": []}, "after": {"account_groups": ["Acme Group", "EMEA"]}}
    assert run.task("share with EMEA and Acme Group")["sim"]["writes"] == 2

    again = run["share again, EMEA by id"]
    assert again["changed"] is False and again["shared"] == [] and again["unshared"] == []
    assert again["shares"] == made["shares"]
    assert run.task("share again, EMEA by id")["sim"]["writes"] == 0

    exclusive = run["EMEA only (exclusive)"]
    assert exclusive["changed"] is True
    assert exclusive["shared"] == [] and exclusive["unshared"] == ["Acme Group"]
    assert exclusive["shares"] == [made["shares"][1]]
    assert exclusive["diff"] == {"before": {"account_groups": ["Acme Group", "EMEA"]}, "after": {"account_groups": ["EMEA"]}}
    assert run.task("EMEA only (exclusive)")["sim"]["writes"] == 1
    assert run["EMEA only again"]["changed"] is False and run.task("EMEA only again")["sim"]["writes"] == 0

    absent = run["unshare from EMEA and Acme Group"]
    assert absent["changed"] is True and absent["unshared"] == ["EMEA"] and absent["shares"] == []
    assert run.task("unshare from EMEA and Acme Group")["sim"]["writes"] == 1
    assert run["unshare again"]["changed"] is False and run.task("unshare again")["sim"]["writes"] == 0

    assert [e["operation"] for e in run.writes] == ["AccountGroupIntegrationPack.create"] * 2 + ["AccountGroupIntegrationPack.delete"] * 2
    assert shares(sim) == []
    assert run.recap["localhost"]["changed"] == 3


def test_check_mode_predicts_and_writes_nothing(ansible, sim, api):
    sim.add_account_group("EMEA")
    ansible.playbook("account_group_one.yml", api, {"pack": "Order Intake", "share_groups": ["Acme Group"]}).assert_ok()
    before = shares(sim)
    assert before == [("Acme Group", "Order Intake")]

    run = ansible.playbook("account_group_one.yml", api, {"pack": "Order Intake", "share_groups": ["EMEA"], "exclusive": True},
                           check=True, diff=True).assert_ok().assert_no_traceback()
    result = run["share"]
    assert result["changed"] is True
    assert result["shared"] == ["EMEA"] and result["unshared"] == ["Acme Group"]
    assert [(s["id"], s["account_group_name"]) for s in result["shares"]] == [(None, "EMEA")]
    assert result["diff"] == {"before": {"account_groups": ["Acme Group"]}, "after": {"account_groups": ["EMEA"]}}
    run.assert_no_writes()
    assert shares(sim) == before


def test_unknown_group_is_one_error_and_no_write(ansible, sim, api):
    sim.add_account_group("EMEA")
    run = ansible.playbook("account_group_one.yml", api, {"pack": "Order Intake", "share_groups": ["EMEA", "Nowhere"]})
    assert run.rc != 0
    failed = [r for r in run.results if r["failed"]]
    assert len(failed) == 1 and failed[0]["task"] == "share", run.output()
    assert failed[0]["msg"] == ("account group lookup failed: account_groups: account group 'Nowhere' not found "
                                "(known: Acme Group, All Accounts, EMEA)")
    run.assert_no_writes().assert_no_traceback()
    assert shares(sim) == []

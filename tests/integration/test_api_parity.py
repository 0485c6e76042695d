# -*- coding: utf-8 -*-
"""Both APIs return the same data: for the same state, and for the same scenario replayed after a reset."""

from __future__ import annotations


def module_result(result):
    """What a module returned, without ansible's bookkeeping, the invocation and the API it talked to (which differ)."""
    return {k: v for k, v in result.items()
            if k not in ("invocation", "api", "api_reason") and not k.startswith("_ansible") and k not in ("item", "ansible_loop_var")}


def canonical_ids(state):
    """Ids that legitimately differ between two replays: wrapper process ids (random) and the schedule ids built on them."""
    names = {}
    for instance in state["instances"]:
        for process in instance["processes"]:
            if process["wrapperProcessId"]:
                names[process["id"]] = "<process %s / %s>" % (instance["id"], process["name"])
    for record in state["schedules"]:
        names[record["id"]] = "<schedule %s / %s>" % (record["atomId"], names.get(record["processId"], record["processId"]))
    return names


def canonical(value, names):
    if isinstance(value, dict):
        return {k: canonical(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [canonical(v, names) for v in value]
    if isinstance(value, str):
        return names.get(value, value)
    return value


def test_same_state_same_answers(ansible, seed):
    sf_id = seed.install("Salesforce Account Sync")
    eu_id = seed.install("Order Intake", "Order Intake EU")
    seed.install("Order Intake", "Order Intake US")
    seed.attach(eu_id, ["Test", "Production"])
    seed.attach(sf_id, ["Production"])
    run = ansible.playbook("read_both.yml", "rest", {"eu_id": eu_id, "sf_id": sf_id}).assert_ok()
    run.assert_no_writes()
    assert {e["api"] for e in run.log} == {"rest", "graphql", "jwt"}

    for record in run.results:
        rest, graphql = record["result"]["results"]
        assert (rest["item"], graphql["item"]) == ("rest", "graphql")
        assert rest["invocation"]["module_args"]["api"] == "rest" and graphql["invocation"]["module_args"]["api"] == "graphql"
        assert (rest["api"], graphql["api"]) == ("rest", "graphql")
        assert not rest.get("failed") and not graphql.get("failed"), (rest, graphql)
        assert module_result(rest) == module_result(graphql), record["task"]

    # and the data is not trivially empty
    assert len(run["info"]["results"][0]["instances"]) == 3
    assert sum(len(p["schedules"]) for p in run["schedules of EU"]["results"][0]["processes"]) == 6
    assert sum(len(p["schedules"]) for p in run["schedules of Salesforce Account Sync"]["results"][0]["processes"]) == 4


def test_same_scenario_same_results_after_reset(ansible, seed, sim):
    outcomes = {}
    for api in ("rest", "graphql"):
        sim.reset()
        run = ansible.playbook("scenario.yml", api).assert_ok()
        names = canonical_ids(seed.state())
        outcomes[api] = [(r["task"], r["changed"], canonical(module_result(r["result"]), names)) for r in run.results]
        assert run.recap["localhost"]["changed"] == 4
    for (task, *rest), (_task, *graphql) in zip(outcomes["rest"], outcomes["graphql"]):
        assert rest == graphql, task
    assert [t for t, _c, _r in outcomes["rest"]] == [t for t, _c, _r in outcomes["graphql"]]
    # the canonicalisation did its job: no random wrapper id is left in what was compared
    eu = outcomes["rest"][1][2]["instance"]
    assert [p["id"] for p in eu["processes"]] == ["<process %s / Order Intake EU - Acknowledge>" % eu["id"],
                                                  "<process %s / Order Intake EU - INT>" % eu["id"]]

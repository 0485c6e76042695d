# -*- coding: utf-8 -*-
"""The EXAMPLES of ipack_release run as written, against the simulator's publisher seed (issue 27)."""

from __future__ import annotations

import yaml

from test_bulk_examples import module_examples

SYNC = "5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21"  # "Ticket Sync", process


def test_the_examples_of_ipack_release_run(ansible, sim):
    api = "graphql"  # one API: with GraphQL credentials the release calls go through REST (REST_WITH_GRAPHQL); ipack_release on
    # both APIs, in process: test_ipack_release.py
    store = sim.publisher  # the setup the examples name: Ticket Sync packaged as 1.0 and 1.1, in the pack "Helpdesk"
    for version in ("1.0", "1.1"):
        store.create_package({"componentId": SYNC, "packageVersion": version})
    pack_id = store.create_pack({"name": "Helpdesk", "installationType": "MULTI",
                                 "PublisherPackagedComponents": {"PublisherPackagedComponent": [{"componentId": SYNC}]}})["id"]
    play = [{"name": "EXAMPLES", "hosts": "localhost", "gather_facts": False,
             "module_defaults": {"group/boomi.platform.boomi": "{{ boomi_conn }}"}, "tasks": module_examples("ipack_release")}]
    path = ansible.workdir / "release-examples.yml"
    path.write_text(yaml.safe_dump(play, sort_keys=False), encoding="utf-8")
    run = ansible.playbook(str(path), api).assert_ok().assert_no_traceback().assert_no_secrets()
    first = run["Release version 1.0 of Ticket Sync now, and wait until it is released"]
    assert first["changed"] and first["release"]["status"] == "SUCCESS"
    assert run["Show the released versions"]["msg"] == ["1.0"]
    scheduled = run["Schedule the release of every component at its latest packaged version, in two weeks"]
    assert scheduled["changed"] and scheduled["release"]["status"] == "SCHEDULED"
    now = run["Release it now after all (the scheduled release is updated), without waiting, and not failing on ERROR"]
    assert now["changed"] and now["release"]["request_id"] == scheduled["release"]["request_id"]
    assert [c["version"] for c in now["release"]["components"]] == ["1.1"]
    assert [(e["operation"], e["api"]) for e in sim.log if e["write"]] == [
        ("ReleaseIntegrationPack.create", "rest"), ("ReleaseIntegrationPack.create", "rest"), ("ReleaseIntegrationPack.update", "rest")]
    assert len([r for r in sim.publisher.releases.values() if r["packId"] == pack_id]) == 2


def test_the_examples_of_ipack_info_ipack_and_ipack_atom_attachment_run(ansible, sim):
    """On a fresh simulator: ipack_info's EXAMPLES (no pack yet), ipack's (package, create, release, a SINGLE pack created and
    renamed by id, delete), ipack_info's again, then ipack_atom_attachment's on an account without environments. REST: the
    three modules are REST only (with api: graphql the same credentials call REST, tested in process)."""
    sim.set_uses_environments(False)
    tasks = module_examples("ipack_info") + module_examples("ipack") + module_examples("ipack_info") + module_examples("ipack_atom_attachment")
    play = [{"name": "EXAMPLES", "hosts": "localhost", "gather_facts": False,
             "module_defaults": {"group/boomi.platform.boomi": "{{ boomi_conn }}"}, "tasks": tasks}]
    path = ansible.workdir / "publisher-examples.yml"
    path.write_text(yaml.safe_dump(play, sort_keys=False), encoding="utf-8")
    run = ansible.playbook(str(path), "rest").assert_ok().assert_no_traceback().assert_no_secrets()
    infos = [r for r in run.results if r["task"] == "Every pack the account publishes"]
    assert [[p["name"] for p in r["result"]["integration_packs"]] for r in infos] == [[], ["Helpdesk Basic"]]
    assert run["Release it"]["changed"] and run["Release it"]["release"]["status"] == "SUCCESS"
    assert sorted(p["name"] for p in sim.publisher.dump()["packs"]) == ["Helpdesk Basic"]
    attached = [r for r in run.results if r["task"].startswith(("Attach it", "Detach it"))]
    assert [r["changed"] for r in attached] == [True, True, True]
    # the last example detaches b8a19c6c..., which is Prod Atom 1
    assert [sorted(a["atom_name"] for a in r["result"]["attachments"]) for r in attached] == [["Prod Atom 1", "Prod Atom 2"], ["Prod Atom 1"], []]

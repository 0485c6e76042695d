# -*- coding: utf-8 -*-
"""The EXAMPLES of ipack_release run as written, against the simulator's publisher seed (issue 27)."""

from __future__ import annotations

import yaml

from test_bulk_examples import module_examples

SYNC = "5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21"  # "Ticket Sync", process


def test_the_examples_of_ipack_release_run(ansible, sim, api):
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

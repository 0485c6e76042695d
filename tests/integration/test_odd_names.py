# -*- coding: utf-8 -*-
"""Odd but legal override names (quotes, braces, backslashes, unicode, spaces, case) round-trip exactly."""

from __future__ import annotations

ODD_NAMES = [
    'He said "hi" to O\'Brien: {braces} [brackets] <angle> %percent_ *star?',
    "back\\slash \\n \\\\ not escapes",
    "Ünïcødé – 日本語 ☃ 🚀",
    "  spaced  out  ",
    "Case Matters",
    "CASE MATTERS",
]


def test_odd_override_names_round_trip(ansible, seed, api):
    run = ansible.playbook("odd_names.yml", api, {"odd_names": ODD_NAMES}).assert_ok().assert_api(api)
    state = seed.state()
    stored = sorted(i["integrationPackOverrideName"] for i in state["instances"])
    assert stored == sorted(ODD_NAMES)  # exactly what was asked, byte for byte

    installed = run["install"]["results"]
    assert [r["item"] for r in installed] == ODD_NAMES
    ids = {}
    for item in installed:
        assert item["changed"] is True, item
        assert item["instance"]["override_name"] == item["item"]
        assert [p["name"] for p in item["instance"]["processes"]] == [item["item"] + " - Acknowledge", item["item"] + " - INT"]
        ids[item["item"]] = item["instance"]["id"]
    assert len(set(ids.values())) == len(ODD_NAMES)
    assert run.task("install")["sim"]["writes"] == len(ODD_NAMES)

    for item in run["find by override name"]["results"]:
        assert [(i["id"], i["override_name"]) for i in item["instances"]] == [(ids[item["item"]], item["item"])], item

    again = run["install again"]["results"]
    assert [r["changed"] for r in again] == [False] * len(ODD_NAMES)
    assert [r["instance"]["id"] for r in again] == [ids[name] for name in ODD_NAMES]
    assert run.task("install again")["sim"]["writes"] == 0

    listed = run["list all"]["instances"]
    assert sorted(i["override_name"] for i in listed) == sorted(ODD_NAMES)
    assert len(run.writes) == len(ODD_NAMES)

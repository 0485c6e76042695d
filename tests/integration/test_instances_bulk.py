# -*- coding: utf-8 -*-
"""ipack_instances (many instances and their attachments in one task): a real ansible-playbook run against the simulator,
through REST and GraphQL, for what needs a controller; the rest is in tests/unit/plugins/modules/test_ipack_instances.py."""

from __future__ import annotations

WANTED = [
    {"integration_pack_name": "Order Intake", "override_name": "Keep Me", "environments": ["Production"], "exclusive": True},
    {"integration_pack_name": "Order Intake", "override_name": "Remove Me", "state": "absent", "environments": ["Test"]},
    {"integration_pack_name": "Invoice Export", "override_name": "New One", "environments": ["Test"]},
    {"integration_pack_name": "Salesforce Account Sync", "environments": ["Test", "Production"]},
    {"integration_pack_name": "Order Intake", "override_name": "Untouched"},
]


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


def test_the_check_mode_diff_is_printed(ansible, seed, api):
    """What needs a controller: the diff of a check-mode run as ansible-playbook --check --diff prints it. What the module
    predicts, applies and reports (check mode, diff, bad items, failed and lost writes) is tested in process:
    tests/unit/plugins/modules/test_ipack_instances.py."""
    keep = seed.install("Order Intake", "Keep Me")
    seed.attach(keep, ["Test"])
    doomed = seed.install("Order Intake", "Remove Me")
    seed.attach(doomed, ["Test", "Production"])
    untouched = seed.install("Order Intake", "Untouched")
    seed.attach(untouched, ["Test"])
    before = seed.state()

    check = ansible.playbook("bulk.yml", api, {"bulk_items": WANTED}, check=True, diff=True).assert_ok().assert_no_writes()
    check.assert_api(api)
    assert seed.state() == before
    assert summary(check["converge"]) == EXPECTED
    for name in ("Order Intake / Keep Me", "Order Intake / Remove Me", "Salesforce Account Sync"):
        assert name in check.stdout, check.stdout  # the diff is printed

# -*- coding: utf-8 -*-
"""--diff: every change shows before/after, in the result and in the printed output."""

from __future__ import annotations

import re


def sections(stdout):
    """``{task name: text printed for it}`` from the default stdout callback."""
    parts = re.split(r"^TASK \[(.*?)\] \**$", stdout, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_diff_shows_before_and_after(ansible, seed, api):
    # connection from BOOMI_* environment variables only (module_defaults get an empty dict)
    run = ansible.playbook("diff.yml", api, diff=True, conn="env").assert_ok().assert_api(api)
    assert run.recap["localhost"]["changed"] == 4
    printed = sections(run.stdout)
    eu_id = run["install Order Intake EU"]["instance"]["id"]
    assert eu_id

    summary = {"id": eu_id, "integration_pack_id": seed.pack_id("Order Intake"), "integration_pack_name": "Order Intake",
               "override_name": "Order Intake EU", "installation_type": "MULTI"}
    assert run["install Order Intake EU"]["diff"] == {"before": {}, "after": summary}
    text = printed["install Order Intake EU"]
    assert "--- before" in text and "+++ after" in text, text
    assert "\n-{}\n" in text, text
    assert '+    "id": "%s",' % eu_id in text, text
    assert '+    "override_name": "Order Intake EU"' in text, text
    assert '+    "installation_type": "MULTI",' in text, text

    assert run["attach to Test and Production"]["diff"] == {"before": {"environments": []}, "after": {"environments": ["Production", "Test"]}}
    text = printed["attach to Test and Production"]
    assert "--- before" in text and "+++ after" in text, text
    assert '-    "environments": []' in text, text
    assert '+        "Production",' in text and '+        "Test"' in text, text

    assert run["Production only"]["diff"] == {"before": {"environments": ["Production", "Test"]},
                                              "after": {"environments": ["Production"]}}
    text = printed["Production only"]
    assert '-        "Test"' in text, text
    assert '+        "Test"' not in text, text

    assert run["uninstall Order Intake EU"]["diff"] == {"before": summary, "after": {}}
    text = printed["uninstall Order Intake EU"]
    assert '-    "id": "%s",' % eu_id in text and "\n+{}\n" in text, text

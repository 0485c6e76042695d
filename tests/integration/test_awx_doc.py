# -*- coding: utf-8 -*-
"""docs/awx.md: the playbook that creates the credential types finds them from any directory (issue 26.7)."""

from __future__ import annotations

import re

import yaml

from boomi_harness import REPO

TYPES = yaml.safe_load((REPO / "extensions" / "awx" / "boomi_credential_type.yml").read_text(encoding="utf-8"))["credential_types"]


def test_the_credential_types_playbook_of_the_page_runs_from_any_directory(ansible, tmp_path):
    page = (REPO / "docs" / "awx.md").read_text(encoding="utf-8")
    block = re.search(r"### With the awx.awx collection\n.*?```yaml\n(.*?)```", page, re.S).group(1)
    play = yaml.safe_load(block)
    [task] = play[0]["tasks"]
    # awx.awx is not installed here: the same task, with its arguments printed instead of sent to a controller
    task["ansible.builtin.debug"] = {"msg": task.pop("awx.awx.credential_type")}
    playbook = tmp_path / "somewhere" / "else" / "credential_types.yml"  # neither the repository nor the collection
    playbook.parent.mkdir(parents=True)
    playbook.write_text(yaml.safe_dump(play, sort_keys=False), encoding="utf-8")

    run = ansible.playbook(str(playbook), "rest", conn="none").assert_ok()
    sent = [r["msg"] for r in run.task(task["name"])["result"]["results"]]
    assert sent == [dict(t, state="present") for t in TYPES]
    # the injectors' templates reach AWX as they are (Ansible does not template what a lookup returns)
    assert sent[0]["injectors"]["env"]["BOOMI_ACCOUNT_ID"] == "{{ account_id }}"

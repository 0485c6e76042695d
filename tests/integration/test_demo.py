# -*- coding: utf-8 -*-
"""playbooks/demo.yml as docs/first-run.md runs it (issue 26.2)."""

from __future__ import annotations

from boomi_harness import REPO

DEMO = str(REPO / 'playbooks' / 'demo.yml')


def test_demo_check_diff_on_a_fresh_account_succeeds_and_writes_nothing(ansible, seed, api):
    run = ansible.playbook(DEMO, api, conn='env', check=True, diff=True)
    run.assert_ok().assert_no_writes().assert_no_traceback().assert_no_secrets(extra=('demo-only-S3cret',))
    assert seed.state()['instances'] == []

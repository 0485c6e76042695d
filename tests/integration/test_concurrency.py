# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs that overlap, as two AWX jobs on one account do: they converge, and a cancelled run stops writing."""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

from boomi_harness import APIS

# Timed: a SIGKILL against the writes in flight, five runs racing. `make pytest` runs the tests marked serial on their own, after the others.
pytestmark = pytest.mark.serial

ITEMS = [
    {"integration_pack_name": "Salesforce Account Sync", "environments": ["Test", "Production"]},
    {"integration_pack_name": "Order Intake", "override_name": "Order Intake EU", "environments": ["Test"]},
]


@pytest.mark.parametrize("api", APIS)
def test_five_runs_started_together_converge_without_failing_or_duplicating(ansible, sim, seed, api):
    sim.set_faults(latency=0.3)
    procs = [ansible.background("bulk.yml", api, {"bulk_items": ITEMS}, tag="together") for _n in range(5)]
    outputs = [proc.communicate(timeout=240)[0] for proc in procs]
    sim.clear_faults()
    for proc, output in zip(procs, outputs):
        assert proc.returncode == 0, output
        assert "Traceback" not in output
    state = seed.state()
    instances = state["instances"]
    assert sorted((i["integrationPackId"], i.get("integrationPackOverrideName") or None) for i in instances) == sorted([
        (seed.pack_id("Salesforce Account Sync"), None), (seed.pack_id("Order Intake"), "Order Intake EU")])
    by_instance = {}
    for attachment in state["attachments"]:
        by_instance.setdefault(attachment["integrationPackInstanceId"], []).append(attachment["environmentId"])
    assert sorted(len(v) for v in by_instance.values()) == [1, 2]
    assert all(len(set(v)) == len(v) for v in by_instance.values())


def test_a_killed_controller_stops_the_module_before_its_next_write(ansible, sim, seed):
    """SIGKILL of ansible-playbook (what an AWX cancel can do) must not leave the module writing on its own."""
    # One API: the watch is asked before every write of the write journal, whatever the API (both, in process:
    # tests/unit/plugins/modules/test_ipack_instances.py::test_main_a_controller_gone_mid_run_stops_the_writes_and_reports_those_made)
    api = "rest"
    items = [{"integration_pack_name": "Order Intake", "override_name": "Killed %d" % n, "environments": ["Test", "Production"]}
             for n in range(4)]
    sim.set_faults(latency=0.6)
    sim.clear_log()
    # one item at a time: each write is the only one in flight, so at most one more can land after the kill
    proc = ansible.background("bulk.yml", api, {"bulk_items": items, "bulk_concurrency": 1}, tag="killed")
    deadline = time.monotonic() + 120
    while not [e for e in sim.log_snapshot() if e["write"]]:
        assert time.monotonic() < deadline and proc.poll() is None, "no write started"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    at_kill = len([e for e in sim.log_snapshot() if e["write"]])
    time.sleep(6)  # ten requests' worth of latency: a module that goes on would send several more writes
    after = [e for e in sim.log_snapshot() if e["write"]]
    sim.clear_faults()
    assert len(after) <= at_kill + 1, json.dumps([e["operation"] for e in after])

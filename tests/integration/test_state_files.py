# -*- coding: utf-8 -*-
"""The files a module keeps on disk are the user's own: what a task shows when they are not (issue 24, point 2).

The rate-limit state lives in ``$TMPDIR/boomi.platform-<uid>/``; each run here has its own ``TMPDIR``.
"""

from __future__ import annotations

import hashlib
import os

from boomi_harness import ACCOUNT_ID, connection_env


def state_file(directory, sim):
    """The rate-limit file of the simulator's account (its name: a hash of the API URL and the account)."""
    key = "%s|%s" % (sim.url.rstrip("/"), ACCOUNT_ID)
    return directory / ("ratelimit-%s" % hashlib.sha256(key.encode("utf-8")).hexdigest()[:24])


def test_a_corrupt_state_file_is_a_warning_of_the_task(ansible, api, sim, tmp_path):
    directory = tmp_path / ("boomi.platform-%d" % os.getuid())
    directory.mkdir(mode=0o700)
    state_file(directory, sim).write_bytes(b"\xff\xfe not request times\n")
    run = ansible.adhoc("boomi.platform.ipack_instance_info", env=dict(connection_env(api, sim.url), TMPDIR=str(tmp_path)))
    assert run.rc == 0, run.output()
    run.assert_no_traceback()
    [record] = run.results
    warnings = record["result"].get("warnings") or []
    assert [w for w in warnings if w.startswith("rate_limit: the state file %s was not readable" % state_file(directory, sim))
            and "rebuilt" in w], (warnings, run.output())
    assert state_file(directory, sim).read_bytes().decode("utf-8").strip()  # rebuilt: this run's request times


def test_a_state_directory_of_another_user_fails_the_task_before_any_request(ansible, api, sim, tmp_path):
    directory = tmp_path / ("boomi.platform-%d" % os.getuid())
    directory.mkdir(mode=0o700)
    os.chown(str(directory), 65534, 65534)  # another local user made it first (the tests run as root)
    run = ansible.adhoc("boomi.platform.ipack_instance_info", env=dict(connection_env(api, sim.url), TMPDIR=str(tmp_path)))
    assert run.rc != 0
    run.assert_no_traceback()
    [record] = run.results
    msg = record["result"]["msg"]
    assert msg.startswith("rate_limit: %s is owned by uid 65534, not by this user" % directory), msg
    assert "BOOMI_RATE_LIMIT=0" in msg and "\n" not in msg
    assert run.log == [] and os.listdir(str(directory)) == []

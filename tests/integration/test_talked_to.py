# -*- coding: utf-8 -*-
"""What a user sees of what the modules talk to (issue 26.6), in real ansible runs against the simulator.

Without ``space_guid`` the modules use REST: ``-v`` shows it in the result. A refused connection (nothing listens at
``api_url``) fails within 8 seconds, naming the host and port (it used to retry 5 times with backoff, ~19 s, and named
neither).
"""

from __future__ import annotations

import socket
import time

from boomi_harness import connection_env

FALLBACK = ('"api_reason": "api is not set and no space_guid is given: the Platform REST API '
            '(give space_guid, or BOOMI_SPACE_GUID, for the Spaces GraphQL API)"')


def test_the_fallback_to_rest_shows_at_v(ansible, sim):
    run = ansible.playbook("talked_to.yml", "rest", conn="env", verbosity=1).assert_ok()
    assert {e["api"] for e in run.log} == {"rest"}
    assert run["read the instances"]["api"] == "rest"
    assert FALLBACK in run.stdout, run.output()

    quiet = ansible.playbook("talked_to.yml", "graphql", conn="env").assert_ok()
    assert quiet["read the instances"]["api"] == "graphql"
    assert "api_reason" not in quiet.stdout  # without -v the result is not printed


def test_a_refused_connection_fails_within_8_seconds_naming_host_and_port(ansible, sim):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    env = dict(connection_env("rest", sim.url), BOOMI_API_URL="http://127.0.0.1:%d" % port)  # default timeout and max_retries

    started = time.monotonic()
    baseline = ansible.adhoc("boomi.platform.ipack_instance_info", env=dict(env, BOOMI_API_TOKEN=""))  # fails before any request
    baseline_seconds = time.monotonic() - started
    assert baseline.rc != 0 and "the REST API needs password or api_token" in baseline.stdout, baseline.output()

    started = time.monotonic()
    run = ansible.adhoc("boomi.platform.ipack_instance_info", env=env)
    seconds = time.monotonic() - started
    assert run.rc != 0
    [record] = run.results
    assert "failed: connection refused by 127.0.0.1:%d (http://127.0.0.1:%d/api/rest/v1/" % (port, port) in record["msg"], record["msg"]
    assert record["msg"].endswith("gave up after 2 retries"), record["msg"]
    assert run.stderr.count("[WARNING]: Boomi API: connection refused by 127.0.0.1:%d" % port) == 2, run.output()
    # what ansible itself takes is the baseline's: the task's own requests and retries take less than 8 s (they took ~19 s)
    assert seconds - baseline_seconds < 8, (seconds, baseline_seconds)

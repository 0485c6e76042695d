# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit-test fixtures: the Boomi API simulator on loopback, connection options for it, and ``FakeTime``."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

SIMULATOR_DIR = Path(__file__).resolve().parents[1] / 'simulator'
if str(SIMULATOR_DIR) not in sys.path:
    sys.path.insert(0, str(SIMULATOR_DIR))

from boomisim.server import Simulator  # noqa: E402  pylint: disable=wrong-import-position

ACCOUNT_ID = 'acme-4F7K2Q'
USERNAME = 'ops@acme.example'
PASSWORD = 'sim-password'
API_TOKEN = 'b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d'
SPACE_GUID = '7d6a3c5e-2b1f-4e8d-9c0a-1b2c3d4e5f60'


class FakeTime:
    """A clock that only sleeps move forward (from ``now``, by default the real time of its making in whole seconds: a time
    written with six decimals, as the rate limiter's state file has them, reads back the same): given to a client, a rate limiter
    or the simulator's runs (their executionTime, record delay and run time), no test waits for real, and a run moves only while
    the client waits. ``slept`` lists the waits."""

    def __init__(self, now=None):
        self.now = float(int(time.time())) if now is None else now
        self.slept = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        assert seconds >= 0
        self.slept.append(seconds)
        self.now += seconds


# Built (its seed read) once, when pytest imports this file: ansible-test runs each test in a child forked from a process that
# sets up no fixture, so each child would build its own; it starts its copy instead (a port of its own, the state the seed's:
# each test's ``sim`` resets it).
_SIMULATOR = Simulator(host='127.0.0.1', port=0)


@pytest.fixture(scope='session')
def simulator():
    _SIMULATOR.start()
    yield _SIMULATOR
    _SIMULATOR.stop()


@pytest.fixture
def sim(simulator):
    simulator.reset()
    return simulator


def connection(sim, api, **overrides):
    """Connection options for the simulator: API token for GraphQL, password for REST unless overridden."""
    params = {
        'api': api,
        'account_id': ACCOUNT_ID,
        'username': USERNAME,
        'password': None,
        'api_token': API_TOKEN,
        'bearer_token': None,
        'space_guid': SPACE_GUID if api == 'graphql' else None,
        'api_url': sim.url,
        'graphql_url': sim.url + '/graphql',
        'validate_certs': None,
        'ca_path': None,
        'timeout': 5,
        'max_retries': 3,
        'rate_limit': 0,
    }
    if api == 'rest':
        params.update(password=PASSWORD, api_token=None)
    params.update(overrides)
    return params


@pytest.fixture(autouse=True)
def secret_registry(monkeypatch):
    """An empty registry of secrets (``errors``) for each test, as each module run starts with in its own process: a secret
    registered by one test must not mask the messages of the tests after it, nor make their masking pass for them (and a
    registry that only grows makes every later mask() compile ever longer patterns)."""
    from ansible_collections.boomi.platform.plugins.module_utils import errors  # pylint: disable=import-outside-toplevel
    monkeypatch.setattr(errors, '_SECRETS', {})
    monkeypatch.setattr(errors, '_PATTERNS', {})

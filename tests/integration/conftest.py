# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Harness of the integration suite: real ``ansible-playbook`` runs against the Boomi API simulator.

- ``sim``: one simulator per session (in process, real HTTP on 127.0.0.1); reset before every test.
- ``collections_dir``: a copy of the collection made by ``hack/copy_collection.sh``, used as
  ``ANSIBLE_COLLECTIONS_PATH`` by every ansible process.
- ``ansible``: :class:`Ansible`, which runs ``ansible-playbook`` (or ad hoc ``ansible``) from next
  to ``sys.executable`` and returns a :class:`Run`: rc, stdout, PLAY RECAP, every task result as
  JSON (test-only callback ``callback_plugins/boomi_results.py``), and the simulator's request log
  entries of that run (``run.writes``).
- ``api``: parametrises a test over ``rest`` and ``graphql``.
- ``seed``: :class:`SimSeed`, which sets up state straight through the simulator's REST API
  (fast, no ansible) and reads ``GET /_sim/state``.

Playbooks get the connection either as extra vars (``boomi_conn``, used in the plays as
``module_defaults`` of the ``group/boomi.platform.boomi`` action group; ``boomi_rest`` and
``boomi_graphql`` are always there too, to read through the other API in the same run), or
as ``BOOMI_*`` environment variables (``conn='env'``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# Re-exported: tests may also write `from conftest import ...`.
from boomi_harness import (  # noqa: F401  pylint: disable=unused-import
    ACCOUNT_ID, API_TOKEN, APIS, ATTACHMENT_KEYS, INSTANCE_KEYS, PASSWORD, REPO, SIM_DIR, SPACE_GUID, USERNAME,
    Ansible, Run, SimSeed, connection, connection_env, expected_instance, state_instance,
)


def pytest_configure(config):
    config.addinivalue_line("markers", "serial: timed test; `make pytest` runs these alone, after the others have run in parallel")


# ---------------------------------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sim():
    sys.path.insert(0, str(SIM_DIR))
    from boomisim.server import Simulator  # pylint: disable=import-outside-toplevel

    simulator = Simulator(host="127.0.0.1", port=0)
    simulator.start()
    try:
        yield simulator
    finally:
        simulator.stop()


@pytest.fixture(scope="session")
def collections_dir(tmp_path_factory):
    """Copy of the collection at <tmp>/ansible_collections/boomi/platform (hack/copy_collection.sh)."""
    dest = tmp_path_factory.mktemp("collections")
    proc = subprocess.run(["bash", str(REPO / "hack" / "copy_collection.sh"), str(dest)], cwd=str(REPO),
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    target = Path(proc.stdout.strip().splitlines()[-1])
    assert target == dest / "ansible_collections" / "boomi" / "platform", target
    assert (target / "plugins" / "modules" / "ipack_instance.py").is_file()
    return dest


@pytest.fixture(autouse=True)
def fresh_sim(sim):
    """Every test starts from the seed, without faults and with an empty request log."""
    sim.reset()
    sim.clear_faults()
    yield sim


@pytest.fixture
def ansible(sim, collections_dir, tmp_path):
    return Ansible(sim, collections_dir, tmp_path / "ansible")


@pytest.fixture
def seed(sim):
    return SimSeed(sim)


@pytest.fixture(params=APIS)
def api(request):
    return request.param

# -*- coding: utf-8 -*-
"""`make simulator` and `make demo` on a port in use: one line naming the port and SIM_PORT, no traceback (issue 14.17)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from boomi_harness import REPO

VENV = Path(sys.executable).parent.parent


@pytest.fixture
def busy_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        sock.listen()
        yield sock.getsockname()[1]


@pytest.mark.parametrize('target', ['simulator', 'demo'])
def test_make_refuses_a_port_in_use_with_one_line(busy_port, target, tmp_path):
    # -o: the venv is the one running this test; make must not rebuild it. BUILD: the collection copy of `demo` goes there.
    # run as a user runs it, also when this test runs under `make test` (a sub-make would say "make[1]: ***")
    env = {k: v for k, v in os.environ.items() if k not in ('MAKEFLAGS', 'MAKELEVEL', 'MFLAGS')}
    proc = subprocess.run(['make', '--no-print-directory', '-o', '%s/.installed' % VENV, target, 'VENV=%s' % VENV,
                           'SIM_PORT=%d' % busy_port, 'BUILD=%s' % tmp_path],
                          cwd=str(REPO), capture_output=True, text=True, timeout=120, check=False, env=env)
    assert proc.returncode != 0
    lines = [line for line in proc.stderr.splitlines() if not re.match(r'^make(\[\d+\])?: \*\*\*', line)]
    assert lines == ['port %d is in use on 127.0.0.1: stop what listens there, or pick another port: make %s SIM_PORT=8766'
                     % (busy_port, target)], proc.stdout + proc.stderr
    assert 'Traceback' not in proc.stdout + proc.stderr


def test_demo_script_reports_a_simulator_that_cannot_start_in_one_line(busy_port, tmp_path):
    log = tmp_path / 'simulator.log'
    proc = subprocess.run(['bash', str(REPO / 'hack' / 'demo.sh'), sys.executable, str(busy_port), str(log)],
                          cwd=str(REPO), capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 1
    assert proc.stderr.startswith('the simulator did not start on port %d: ' % busy_port) and 'SIM_PORT' in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and 'Traceback' not in proc.stdout + proc.stderr, proc.stderr
    assert 'Traceback' in log.read_text(encoding='utf-8')  # the whole story stays in the log

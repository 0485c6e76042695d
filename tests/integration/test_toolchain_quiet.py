# -*- coding: utf-8 -*-
"""The pinned tool chain (requirements-dev.txt) runs without warnings about itself (issue 26.9).

ansible-core imports cryptography's DSA on every command; cryptography 51 deprecates DSA, so each `ansible*`
command printed a CryptographyDeprecationWarning before its own output.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent

COMMANDS = [
    ['ansible', '--version'],
    ['ansible-playbook', '--version'],
    ['ansible-galaxy', '--version'],
    ['ansible-doc', '--version'],
    ['ansible-config', '--version'],
    ['ansible-test', '--version'],
    ['ansible-lint', '--offline', '--version'],
    ['antsibull-changelog', '--version'],
    ['antsibull-docs', '--version'],
    ['ansible-builder', '--version'],
    ['ansible-runner', '--version'],
    ['shellcheck', '--version'],
]


@pytest.mark.parametrize('command', COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_tool_of_the_chain_prints_no_warning(command, tmp_path):
    env = dict(os.environ, PATH='%s%s%s' % (BIN, os.pathsep, os.environ.get('PATH', '')), ANSIBLE_LOCAL_TEMP=str(tmp_path))
    proc = subprocess.run([str(BIN / command[0])] + command[1:], capture_output=True, text=True, env=env, timeout=300,
                          check=False, cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert 'Warning' not in proc.stderr and 'WARNING' not in proc.stderr, proc.stderr
    assert proc.stdout.strip(), 'no version printed'

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Offline stand-in for the get-pip script that ansible-test downloads.

ansible-test runs ``get_pip_<version>.py [pip options] pip==X ...`` to bootstrap pip
in the virtual environments it creates. The host it downloads that script from is not
reachable here, so CI places this file in ``~/.ansible/test/cache/`` under the expected
names: it installs the requested packages (pip==X first) from the package registry with the
pip wheel that Python bundles for ``ensurepip``, run straight from the wheel (a wheel of pip
runs as ``python pip-X.whl/pip``): one install of pip per venv, not two (``ensurepip`` then
``pip install pip==X`` took twice the CPU time, and ansible-test makes some thirty venvs
per ``make test``). Without a bundled wheel it bootstraps with ``ensurepip`` first.
"""

from __future__ import annotations

import ensurepip
import glob
import os
import subprocess
import sys


def main() -> int:
    args = [arg for arg in sys.argv[1:] if arg not in ('--no-setuptools', '--no-wheel')]
    wheels = sorted(glob.glob(os.path.join(os.path.dirname(ensurepip.__file__), '_bundled', 'pip-*.whl')))
    if wheels:
        pip = [sys.executable, os.path.join(wheels[-1], 'pip')]
    else:
        subprocess.run([sys.executable, '-m', 'ensurepip', '--upgrade', '--default-pip'], check=True, stdout=subprocess.DEVNULL)
        pip = [sys.executable, '-m', 'pip']
    return subprocess.run(pip + ['install', '--quiet'] + args, check=False).returncode


if __name__ == '__main__':
    sys.exit(main())

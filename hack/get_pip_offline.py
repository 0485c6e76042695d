# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Offline stand-in for the get-pip script that ansible-test downloads.

ansible-test runs ``get_pip_<version>.py [pip options] pip==X ...`` to bootstrap pip
in the virtual environments it creates. The host it downloads that script from is not
reachable here, so CI places this file in ``~/.ansible/test/cache/`` under the expected
names: it bootstraps pip with ``ensurepip`` and then installs the requested packages
from the package registry.
"""

from __future__ import annotations

import subprocess
import sys


def main() -> int:
    args = [arg for arg in sys.argv[1:] if arg not in ('--no-setuptools', '--no-wheel')]
    subprocess.run([sys.executable, '-m', 'ensurepip', '--upgrade', '--default-pip'], check=True, stdout=subprocess.DEVNULL)
    return subprocess.run([sys.executable, '-m', 'pip', 'install', '--quiet'] + args, check=False).returncode


if __name__ == '__main__':
    sys.exit(main())

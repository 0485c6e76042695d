# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Start the Boomi API simulator for the benchmarks: ``python bench/simulator.py --port 0``.

The same command line as ``python -m boomisim`` (``tests/simulator`` must be on PYTHONPATH), with
one difference: the server sets ``TCP_NODELAY`` on its connections.  The simulator writes an
answer's headers and body with two ``send()`` calls; without ``TCP_NODELAY`` the second one waits
for the client's delayed ACK, so every request after the first on a keep-alive connection takes
about 40 ms on Linux loopback, against about 1 ms on a fresh connection.  That would charge a
client that reuses its connection (every module of this collection) 40 ms per request that a
client opening one connection per request (``ansible.builtin.uri``) does not pay, which no real
HTTP server does; see docs/performance.md.
"""

from __future__ import annotations

import sys

from boomisim import __main__ as boomisim_cli
from boomisim import server as boomisim_server


def main():
    # pylint: disable-next=protected-access
    boomisim_server._Handler.disable_nagle_algorithm = True
    return boomisim_cli.main()


if __name__ == '__main__':
    sys.exit(main())

# -*- coding: utf-8 -*-
"""`make demo > demo.log 2>&1` keeps the whole output of the demo in the log (issue 26.9).

hack/demo.sh used to show the second run through `tee /dev/stderr`: tee opens stderr's file anew, truncating
it, so a log that stdout and stderr share lost the start of the demo and got the second run written over it.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys

from boomi_harness import REPO


def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def test_demo_output_sent_to_one_file_is_whole(collections_dir, tmp_path):
    port = _free_port()
    log = tmp_path / 'demo.log'
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(collections_dir))
    # What the shell does for `> demo.log 2>&1`: one file, truncated, opened once for stdout and stderr.
    with log.open('w', encoding='utf-8') as out:
        proc = subprocess.run(['bash', str(REPO / 'hack' / 'demo.sh'), sys.executable, str(port), str(tmp_path / 'simulator.log')],
                              cwd=str(REPO), stdout=out, stderr=subprocess.STDOUT, env=env, timeout=600, check=False)
    text = log.read_text(encoding='utf-8')
    assert proc.returncode == 0, text
    assert text.startswith('Boomi API simulator: http://127.0.0.1:%d ' % port), text[:500]
    check = text.index('=== Check mode on the fresh account: what would change (nothing is written) ===')
    first = text.index('=== First run: install, attach, schedule ===')
    second = text.index('=== Second run: already converged, nothing to change ===')
    recaps = [(m.start(), int(m.group(1))) for m in re.finditer(r'localhost +: ok=\d+ +changed=(\d+) ', text)]
    assert len(recaps) == 3, text
    assert check < recaps[0][0] < first < recaps[1][0] < second < recaps[2][0], text
    assert recaps[0][1] > 0 and recaps[1][1] > 0 and recaps[2][1] == 0, recaps
    assert text.rstrip().endswith('Demo finished: the second run reported changed=0.'), text[-500:]
    assert text.count('PLAY RECAP') == 3, text

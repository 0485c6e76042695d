#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client of two copies of the collection, alternating in one run: ``list_instances`` over 10,000 instances.

    python bench/client_ab.py /tmp/bench-a322eaa /tmp/bench-d71ad19 [--runs 5]

Each argument is an ANSIBLE_COLLECTIONS_PATH holding a copy of boomi.platform (``git archive <commit>``
into ``<dir>/ansible_collections/boomi/platform``). Every run is a new Python process, of which only ``list_instances`` is timed (not the imports), against one
simulator on loopback (``TCP_NODELAY``, as ``bench/simulator.py``); prints the median of each side per API and the ratio second / first.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SNIPPET = r'''
import sys, time
sys.path.insert(0, sys.argv[1])
from ansible_collections.boomi.platform.plugins.module_utils.client import BoomiClient
api, url = sys.argv[3], sys.argv[2]
params = dict(api=api, account_id='acme-4F7K2Q', username='ops@acme.example', password='sim-password' if api == 'rest' else None,
              api_token=None if api == 'rest' else 'b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d', bearer_token=None,
              space_guid=None if api == 'rest' else '7d6a3c5e-2b1f-4e8d-9c0a-1b2c3d4e5f60', api_url=url, graphql_url=url + '/graphql',
              validate_certs=None, ca_path=None, timeout=30, max_retries=0, rate_limit=int(sys.argv[4]))
start = time.perf_counter()
found = len(BoomiClient(params).list_instances(include_processes=False))
print(time.perf_counter() - start, found)
'''


def post(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode('utf-8'), headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(request, timeout=60) as answer:  # nosec - the simulator on loopback
        return json.loads(answer.read())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    parser.add_argument('first')
    parser.add_argument('second')
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--count', type=int, default=10000)
    parser.add_argument('--rate-limit', type=int, default=0,
                        help='the client-side rate_limit (default 0: off, the simulator has none; copies older than e3f5875 have no limit)')
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / 'tests' / 'simulator'))
    from boomisim import server as boomisim_server  # pylint: disable=import-outside-toplevel
    # as bench/simulator.py: without TCP_NODELAY an answer's body waits for the client's delayed ACK (~40 ms a request)
    boomisim_server._Handler.disable_nagle_algorithm = True  # pylint: disable=protected-access
    sim = boomisim_server.Simulator(host='127.0.0.1', port=0)
    sim.start()
    try:
        with urllib.request.urlopen(sim.url + '/_sim/state', timeout=30) as answer:  # nosec - loopback
            pack = [p for p in json.loads(answer.read())['packs'] if p['name'] == 'Order Intake'][0]['id']
        post(sim.url + '/_sim/bulk_install', {'integration_pack_id': pack, 'count': args.count, 'prefix': 'ab'})
        times = {}
        for api in ('rest', 'graphql'):
            for _run in range(args.runs):
                for side in (args.first, args.second):
                    argv = [sys.executable, '-c', SNIPPET, side, sim.url, api, str(args.rate_limit)]
                    proc = subprocess.run(argv, capture_output=True, text=True, check=False)
                    if proc.returncode != 0:
                        sys.exit(proc.stderr[-2000:])
                    seconds, found = proc.stdout.split()
                    if int(found) != args.count:
                        sys.exit('%s found %s instances, expected %d' % (side, found, args.count))
                    times.setdefault((api, side), []).append(float(seconds))
        for api in ('rest', 'graphql'):
            first, second = statistics.median(times[(api, args.first)]), statistics.median(times[(api, args.second)])
            print('%s: %s %.3f s, %s %.3f s (medians of %d), second / first %.2f'
                  % (api, args.first, first, args.second, second, args.runs, second / first))
    finally:
        sim.stop()


if __name__ == '__main__':
    main()

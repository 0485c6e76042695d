#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""CPU time of a module's imports for two copies of the collection, alternating in one run.

    python bench/import_ab.py /tmp/bench-7162d87 /tmp/bench-bc399ce [--runs 21] [--module ipack_instance_info]

Each argument is an ANSIBLE_COLLECTIONS_PATH holding a copy of boomi.platform. Every measurement is a
new ``python -B`` process that imports ``ansible.module_utils.basic`` (which every module, ``uri``
included, pays) and then, timed with the process's CPU clock, the module and its REST and GraphQL
adapters: what one module task pays beyond ``basic``. The collection's sources are compiled in every
process, as AnsiballZ has them; the standard library and site-packages come from their ``.pyc``.
CPU time, not wall time: on a machine that other jobs use, it moves far less with the load.
Also times ``import requests`` against the standard-library modules the transport used before
(``http.client``, ``ssl``, ``urllib.request``, ``select``), each in a fresh process.
Prints medians and the ratio second / first.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

SNIPPET = r'''
import sys, time
sys.path.insert(0, sys.argv[1])
import ansible.module_utils.basic
start = time.process_time()
for name in sys.argv[2:]:
    __import__(name)
print(time.process_time() - start)
'''
PREFIX = 'ansible_collections.boomi.platform.plugins.'


def cpu_ms(path, names):
    proc = subprocess.run([sys.executable, '-B', '-c', SNIPPET, path] + names, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(proc.stderr[-2000:])
    return float(proc.stdout) * 1000.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    parser.add_argument('first')
    parser.add_argument('second')
    parser.add_argument('--runs', type=int, default=21)
    parser.add_argument('--module', default='ipack_instance_info')
    args = parser.parse_args()
    names = [PREFIX + 'modules.' + args.module, PREFIX + 'module_utils._rest', PREFIX + 'module_utils._graphql']
    cases = [(args.first, names), (args.second, names), ('', ['requests']), ('', ['http.client', 'ssl', 'urllib.request', 'select'])]
    times = {index: [] for index in range(len(cases))}
    for run in range(args.runs):
        order = range(len(cases)) if run % 2 == 0 else reversed(range(len(cases)))
        for index in order:
            times[index].append(cpu_ms(*cases[index]))
    med = {index: statistics.median(found) for index, found in times.items()}
    print('%s imports, CPU ms, medians of %d alternating runs: %s %.1f, %s %.1f, second - first %+.1f ms, second / first %.2f'
          % (args.module, args.runs, args.first, med[0], args.second, med[1], med[1] - med[0], med[1] / med[0]))
    print('import requests %.1f ms CPU; import http.client, ssl, urllib.request, select %.1f ms CPU; difference %+.1f ms'
          % (med[2], med[3], med[2] - med[3]))


if __name__ == '__main__':
    main()

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``make bench``: the collection against what users would do instead, measured in one run.

Starts the Boomi API simulator on loopback (``bench/simulator.py``), then measures:

1. the first run of the role ``integration_packs`` for 20 packs x 2 environments on an empty
   account against a hand-written ``ansible.builtin.uri`` playbook making the same installs and
   attachments (``bench/playbooks/uri_<api>.yml``): wall time ratio, API calls of each;
2. the converged re-run of the role: API calls per pack, writes;
3. one ``ipack_instance_info`` task against one ``uri`` task fetching the same list, as loops of
   ``--iterations`` items in one playbook (``ansible.builtin.ping`` gives the floor every task pays);
4. ``ipack_instance_info`` over 10,000 instances: the module's AnsiballZ payload run on its own,
   wall time, CPU time and peak RSS (``ru_maxrss`` from ``wait4``) of that process;
5. the import cost of each module's module_utils (``python -X importtime``), laid out the way
   AnsiballZ ships them (sources compiled at every run; site-packages from their .pyc);
6. throughput at the rate limit: 300 ms a request and 10 requests per second on the simulator
   (``rate_limit_window``), the role's first run (20 packs x 2 environments) and 10 hosts x 4 packs
   x 2 environments on one account (forks=10): wall time against the floor the limit allows
   ((writes + reads of a converged run) / 10 + an empty play), 503/429 answers, failed hosts, with
   the default client-side ``rate_limit``, with ``rate_limit: 0``, and with no limit on either side
   (the reference: what the work costs at that latency alone);
7. a fleet: 200 sub-accounts of the partner x 2 packs x 2 environments, ``playbooks/fleet.yml`` on
   4 slices at once (hosts round-robin, as AWX job slicing), forks=10, inventory from the
   ``boomi.platform.accounts`` plugin: wall time against requests / 10.

Every figure is a median over runs (section 3: over loop items); every ratio is taken between
measurements of the same run, and the order of the two sides alternates between runs.
Prints a markdown table and writes it, with the raw numbers, to ``--workdir``.

    python bench/bench.py [--runs 3] [--apis rest,graphql] [--sections 1,2,3,4,5] (6 and 7: --sections 6,7)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PLAYBOOKS = HERE / 'playbooks'

ACCOUNT_ID = 'acme-4F7K2Q'
USERNAME = 'ops@acme.example'
API_TOKEN = 'b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d'
SPACE_GUID = '7d6a3c5e-2b1f-4e8d-9c0a-1b2c3d4e5f60'
ORDER_INTAKE = '4130c262-5e3b-4fd9-b5f2-d0d70fd5c063'  # the seed's MULTI pack "Order Intake"

PACKS = 20
ENVIRONMENTS = ['Test', 'Production']
BULK = 10000
PER_TASK_INSTANCES = 20
MODULES = ('ipack_instance', 'ipack_instance_info', 'ipack_instances', 'ipack_env_attachment', 'ipack_process_schedule',
           'ipack_process_schedule_info')
COLLECTION_PREFIX = 'ansible_collections.boomi.platform.plugins.'

TARGETS = {
    'first_run_ratio': 0.6,
    'converged_calls_per_pack': 2,
    'per_task_ratio': 0.85,
    'bulk_wall_s': 3.0,
    'bulk_rss_mb': 150.0,
    'rate_role_ratio': 1.25,
    'rate_hosts_ratio': 1.3,
    'rate_refused_share': 0.05,
    'rate_converged_reads': 5,
    'fleet_ratio': 1.3,
}

# sections 6 and 7: the simulator's latency and rate limit (Boomi: 10 requests per second per account)
RATE_LATENCY = 0.3
RATE_LIMIT = 10
RATE_HOSTS = 10
RATE_HOST_PACKS = 4
RATE_FORKS = 10
FLEET_ACCOUNTS = 200
FLEET_SLICES = 4
FLEET_ITEMS = [{'integration_pack_name': 'Order Intake', 'override_name': 'Fleet EU', 'environments': ['Test', 'Production']},
               {'integration_pack_name': 'Salesforce Account Sync', 'environments': ['Test', 'Production']}]

RECAP_RE = re.compile(r'^\S+\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)', re.MULTILINE)
RECAP_HOST_RE = re.compile(r'^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)', re.MULTILINE)


class BenchError(Exception):
    """Something the benchmark could not do; the message says what."""


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def log(message):
    print('[bench %s] %s' % (time.strftime('%H:%M:%S'), message), file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# The simulator
# ---------------------------------------------------------------------------------------------


class Simulator:
    """The simulator as a child process on 127.0.0.1 (a free port), driven through its admin API."""

    def __init__(self, python, logfile, latency=0.0):
        self.python = python
        self.logfile = logfile
        self.latency = latency
        self.proc = None
        self.url = None
        self.http = requests.Session()

    def __enter__(self):
        env = dict(os.environ, PYTHONPATH=str(REPO / 'tests' / 'simulator'), PYTHONUNBUFFERED='1')
        with open(self.logfile, 'wb') as sink:
            self.proc = subprocess.Popen(  # pylint: disable=consider-using-with
                [self.python, str(HERE / 'simulator.py'), '--port', '0'], stdout=subprocess.PIPE, stderr=sink, env=env)
        line = self.proc.stdout.readline().decode('utf-8', 'replace').strip()
        match = re.search(r'listening on (http://\S+)', line)
        if not match:
            self.proc.kill()
            raise BenchError('the simulator did not start (%r); see %s' % (line, self.logfile))
        self.url = match.group(1)
        return self

    def __exit__(self, *exc_info):
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc.stdout.close()
        self.http.close()

    def admin(self, method, name, body=None):
        answer = self.http.request(method, '%s/_sim/%s' % (self.url, name), json=body, timeout=120)
        if answer.status_code != 200:
            raise BenchError('simulator %s /_sim/%s: HTTP %s %s' % (method, name, answer.status_code, answer.text[:300]))
        return answer.json()

    def reset(self):
        """State back to the seed, log cleared; the ``latency`` fault set again when one was asked for."""
        self.admin('POST', 'reset')
        if self.latency:
            self.admin('POST', 'faults', {'latency': self.latency})

    def add_packs(self, count, installation_type):
        return self.admin('POST', 'packs', {'count': count, 'installation_type': installation_type})['packs']

    def set_faults(self, **faults):
        return self.admin('POST', 'faults', faults)

    def rate_limited(self):
        """Latency and the rate limit of sections 6 and 7 (after a reset, which clears every fault)."""
        self.set_faults(latency=RATE_LATENCY, rate_limit_window={'limit': RATE_LIMIT, 'window': 1.0, 'retry_after': None})

    def add_sub_accounts(self, count, prefix):
        return self.admin('POST', 'accounts', {'count': count, 'prefix': prefix})['accounts']

    def bulk_install(self, pack_id, count, prefix='bench'):
        return self.admin('POST', 'bulk_install', {'integration_pack_id': pack_id, 'count': count, 'prefix': prefix})

    def clear_log(self):
        self.admin('DELETE', 'log')

    def counts(self):
        return self.admin('GET', 'counts')

    def log(self):
        return self.admin('GET', 'log')['requests']

    def state(self):
        return self.admin('GET', 'state')


CLIENT_RATE_LIMIT = [None]  # --rate-limit: BOOMI_RATE_LIMIT for sections 1-5 (None: the collection's default)


def boomi_env(api, sim_url):
    """The BOOMI_* variables of the modules (and of the uri playbooks, which read them with lookup('env'))."""
    env = {'BOOMI_API': api, 'BOOMI_API_URL': sim_url, 'BOOMI_ACCOUNT_ID': ACCOUNT_ID, 'BOOMI_USERNAME': USERNAME,
           'BOOMI_API_TOKEN': API_TOKEN}
    if CLIENT_RATE_LIMIT[0] is not None:
        env['BOOMI_RATE_LIMIT'] = str(CLIENT_RATE_LIMIT[0])
    if api == 'graphql':
        env.update(BOOMI_GRAPHQL_URL=sim_url + '/graphql', BOOMI_SPACE_GUID=SPACE_GUID)
    return env


# ---------------------------------------------------------------------------------------------
# Ansible
# ---------------------------------------------------------------------------------------------


class Ansible:
    """Runs ansible-playbook / ansible with the collection copy, an explicit interpreter and the timing callback."""

    def __init__(self, python, collections, workdir, sim):
        self.python = python
        self.bin = Path(python).parent
        self.collections = collections
        self.workdir = workdir
        self.sim = sim
        self.count = 0
        self.inventory = workdir / 'inventory.ini'
        self.inventory.write_text('localhost ansible_connection=local ansible_python_interpreter=%s\n' % python, encoding='utf-8')
        self.config = workdir / 'ansible.cfg'
        self.config.write_text('[defaults]\n', encoding='utf-8')

    def env(self, api, extra=None):
        env = {k: v for k, v in os.environ.items() if not k.startswith(('BOOMI_', 'ANSIBLE_'))}
        env.update({
            'ANSIBLE_CONFIG': str(self.config),
            'ANSIBLE_COLLECTIONS_PATH': str(self.collections),
            'ANSIBLE_COLLECTIONS_SCAN_SYS_PATH': 'false',
            'ANSIBLE_HOME': str(self.workdir / 'ansible_home'),
            'ANSIBLE_LOCAL_TEMP': str(self.workdir / 'ansible_tmp'),
            'ANSIBLE_REMOTE_TEMP': str(self.workdir / 'ansible_tmp'),
            'ANSIBLE_NOCOLOR': '1',
            'ANSIBLE_RETRY_FILES_ENABLED': '0',
            'ANSIBLE_CALLBACK_PLUGINS': str(HERE / 'callback_plugins'),
            'ANSIBLE_CALLBACKS_ENABLED': 'bench_timer',
            'ANSIBLE_DEPRECATION_WARNINGS': '0',
        })
        env.update(boomi_env(api, self.sim.url))
        env.update(extra or {})
        return {k: v for k, v in env.items() if v is not None}  # None in extra: not set at all

    def _run(self, argv, api, extra_env=None, check=True):
        """Run one ansible command; its wall time, the CPU time of its whole process tree, its output and the timing events."""
        self.count += 1
        events_file = self.workdir / ('events-%03d.json' % self.count)
        output = self.workdir / ('run-%03d.log' % self.count)
        env = self.env(api, dict(extra_env or {}, BENCH_TIMER_OUT=str(events_file)))
        with open(output, 'w', encoding='utf-8') as sink:
            sink.write('$ %s\n' % ' '.join(argv))
            sink.flush()
            started = time.perf_counter()
            proc = subprocess.Popen(argv, env=env, cwd=str(self.workdir), stdout=sink, stderr=subprocess.STDOUT)  # pylint: disable=consider-using-with
            _pid, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        text = output.read_text(encoding='utf-8', errors='replace')
        if proc.returncode != 0 and check:
            raise BenchError('%s failed (rc=%s), see %s:\n%s' % (' '.join(argv[:4]), proc.returncode, output, text[-4000:]))
        events = json.loads(events_file.read_text(encoding='utf-8')) if events_file.exists() else []
        return {'wall': wall, 'cpu': usage.ru_utime + usage.ru_stime, 'stdout': text, 'events': events, 'rc': proc.returncode,
                'log': str(output)}

    def playbook(self, name, api, extra_vars=None, inventory=None, forks=None, extra_env=None, check=True):
        argv = [str(self.bin / 'ansible-playbook'), '-i', str(inventory or self.inventory), str(PLAYBOOKS / name)]
        if forks:
            argv += ['-f', str(forks)]
        if extra_vars is not None:
            vars_file = self.workdir / ('vars-%03d.json' % (self.count + 1))
            vars_file.write_text(json.dumps(extra_vars), encoding='utf-8')
            argv += ['-e', '@%s' % vars_file]
        run = self._run(argv, api, extra_env, check)
        recap = RECAP_RE.search(run['stdout'])
        run['changed'] = int(recap.group(2)) if recap else None
        hosts = {m.group(1): (int(m.group(3)), int(m.group(4)) + int(m.group(5))) for m in RECAP_HOST_RE.finditer(run['stdout'])}
        run['changed_total'] = sum(c for c, _f in hosts.values())
        run['failed_hosts'] = sorted(h for h, (_c, f) in hosts.items() if f)
        run['hosts'] = len(hosts)
        return run

    def keep_payload(self, module, args, api, name):
        """Run ``module`` ad hoc with ANSIBLE_KEEP_REMOTE_FILES and return the path of its AnsiballZ payload."""
        keep = self.workdir / 'payloads' / name
        shutil.rmtree(keep, ignore_errors=True)
        keep.mkdir(parents=True)
        argv = [str(self.bin / 'ansible'), '-i', str(self.inventory), 'localhost', '-m', module, '-a', json.dumps(args)]
        self._run(argv, api, {'ANSIBLE_KEEP_REMOTE_FILES': '1', 'ANSIBLE_REMOTE_TEMP': str(keep)})
        found = sorted(keep.glob('*/AnsiballZ_*.py'))
        if len(found) != 1:
            raise BenchError('expected one AnsiballZ payload under %s, found %s' % (keep, found))
        return found[0]


def task_runs(events, task):
    """(start, end) of every run of the (non-loop) task named ``task`` that ended ok, in order; ``time.time()`` values."""
    runs = []
    start = None
    for when, kind, name, _changed in events:
        if kind == 'start':
            start = when if name == task else None
        elif kind == 'ok' and name == task and start is not None:
            runs.append((start, when))
            start = None
    return runs


# ---------------------------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------------------------


def bench_packs():
    return [{'integration_pack_name': 'Bench Pack %03d' % number, 'environments': list(ENVIRONMENTS)} for number in range(1, PACKS + 1)]


def fresh_account(sim):
    """Seed state plus 20 SINGLE packs "Bench Pack 001".. shared with the space, nothing installed."""
    sim.reset()
    sim.add_packs(PACKS, 'SINGLE')


def check_converged_state(sim, what):
    state = sim.state()
    instances = [i for i in state['instances'] if (i['integrationPackName'] or '').startswith('Bench Pack ')]
    if len(instances) != PACKS or len(state['attachments']) != PACKS * len(ENVIRONMENTS):
        raise BenchError('%s left %d instances and %d attachments, expected %d and %d'
                         % (what, len(instances), len(state['attachments']), PACKS, PACKS * len(ENVIRONMENTS)))


def section_first_and_converged(sim, ansible, apis, runs):
    """Sections 1 and 2: the role (first run, then re-run) against the hand-written uri playbook."""
    out = {}
    packs = {'bench_packs': bench_packs()}
    for api in apis:
        rows = []
        for run in range(runs):
            order = ('role', 'uri') if run % 2 == 0 else ('uri', 'role')
            row = {}
            for side in order:
                fresh_account(sim)
                sim.clear_log()
                if side == 'role':
                    first = ansible.playbook('role.yml', api, packs)
                    row['role_wall'] = first['wall']
                    row['role_cpu'] = first['cpu']
                    row['role_calls'] = sim.counts()
                    row['role_changed'] = first['changed']
                    check_converged_state(sim, 'the role')
                    sim.clear_log()
                    again = ansible.playbook('role.yml', api, packs)
                    row['converged_wall'] = again['wall']
                    row['converged_calls'] = sim.counts()
                    row['converged_changed'] = again['changed']
                else:
                    uri = ansible.playbook('uri_%s.yml' % api, api, packs)
                    row['uri_wall'] = uri['wall']
                    row['uri_cpu'] = uri['cpu']
                    row['uri_calls'] = sim.counts()
                    check_converged_state(sim, 'the uri playbook')
            row['ratio'] = row['role_wall'] / row['uri_wall']
            row['cpu_ratio'] = row['role_cpu'] / row['uri_cpu']
            log('%s run %d: role %.1fs (%d calls), uri %.1fs (%d calls), ratio %.2f; converged %.1fs, %d calls, %d writes, changed=%s'
                % (api, run + 1, row['role_wall'], row['role_calls']['total'], row['uri_wall'], row['uri_calls']['total'], row['ratio'],
                   row['converged_wall'], row['converged_calls']['total'], row['converged_calls']['writes'], row['converged_changed']))
            rows.append(row)
        out[api] = {
            'runs': rows,
            'role_wall': median(r['role_wall'] for r in rows),
            'uri_wall': median(r['uri_wall'] for r in rows),
            'ratio': median(r['ratio'] for r in rows),
            'ratio_range': (min(r['ratio'] for r in rows), max(r['ratio'] for r in rows)),
            'role_cpu': median(r['role_cpu'] for r in rows),
            'uri_cpu': median(r['uri_cpu'] for r in rows),
            'cpu_ratio': median(r['cpu_ratio'] for r in rows),
            'role_calls': median(r['role_calls']['total'] for r in rows),
            'role_writes': median(r['role_calls']['writes'] for r in rows),
            'uri_calls': median(r['uri_calls']['total'] for r in rows),
            'uri_writes': median(r['uri_calls']['writes'] for r in rows),
            'converged_wall': median(r['converged_wall'] for r in rows),
            'converged_calls': median(r['converged_calls']['total'] for r in rows),
            'converged_writes': max(r['converged_calls']['writes'] for r in rows),
            'converged_changed': max(r['converged_changed'] or 0 for r in rows),
            'role_by_operation': rows[0]['role_calls']['by_operation'],
            'converged_by_operation': rows[0]['converged_calls']['by_operation'],
            'uri_by_operation': rows[0]['uri_calls']['by_operation'],
        }
    return out


def calls_in(log_entries, windows):
    return sum(1 for e in log_entries if any(start <= e['time'] <= end for start, end in windows))


def section_per_task(sim, ansible, apis, iterations):
    """Section 3: ipack_instance_info against uri fetching the same list, as interleaved pairs of tasks (ping = floor)."""
    out = {}
    sim.reset()
    # the uri tasks use one JWT for the whole loop: on a loaded machine 50 pairs can take longer than its default 300 s
    sim.set_faults(jwt_lifetime=3600)
    sim.bulk_install(ORDER_INTAKE, PER_TASK_INSTANCES)
    names = {'floor': 'Floor - ansible.builtin.ping', 'uri': 'Measured - uri', 'info': 'Measured - ipack_instance_info'}
    for api in apis:
        sim.clear_log()
        result = ansible.playbook('per_task.yml', api, {'bench_api': api, 'bench_iterations': iterations})
        entries = sim.log()
        runs = {key: task_runs(result['events'], task) for key, task in names.items()}
        if len(runs['uri']) != iterations or len(runs['info']) != iterations:
            raise BenchError('expected %d runs of each measured task, got %d uri and %d info' % (iterations, len(runs['uri']), len(runs['info'])))
        seconds = {key: [end - start for start, end in found] for key, found in runs.items()}
        ratios = [info / uri for info, uri in zip(seconds['info'], seconds['uri'])]
        quartiles = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [ratios[0]] * 3
        out[api] = {'floor': median(seconds['floor']), 'uri': median(seconds['uri']), 'info': median(seconds['info']), 'ratio': median(ratios),
                    'ratio_range': (quartiles[0], quartiles[2]),
                    'uri_calls': calls_in(entries, runs['uri']) / float(iterations), 'info_calls': calls_in(entries, runs['info']) / float(iterations),
                    'seconds': seconds, 'ratios': ratios}
        log('%s per task (%d pairs): ping %.3fs, uri %.3fs, info %.3fs, median ratio %.2f'
            % (api, iterations, out[api]['floor'], out[api]['uri'], out[api]['info'], out[api]['ratio']))
    return out


def run_payload(python, payload, env, output):
    """Run an AnsiballZ payload; wall seconds, CPU seconds and peak RSS (MiB) of that one process."""
    with open(output, 'wb') as sink:
        started = time.perf_counter()
        proc = subprocess.Popen([python, str(payload)], stdout=sink, stderr=subprocess.PIPE, env=env)  # pylint: disable=consider-using-with
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode('utf-8', 'replace')
    proc.stderr.close()
    if proc.returncode != 0:
        raise BenchError('%s exited %s: %s %s' % (payload.name, proc.returncode, stderr[-2000:], Path(output).read_text(encoding='utf-8')[-2000:]))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def section_bulk(sim, ansible, apis, runs):
    """Section 4: ipack_instance_info over 10,000 instances, the module process on its own."""
    variants = []
    if 'rest' in apis:
        variants += [('rest', True), ('rest', False)]
    if 'graphql' in apis:
        variants += [('graphql', False)]
    sim.reset()
    payloads = {}
    for include in sorted({v[1] for v in variants}):
        payloads[include] = ansible.keep_payload('boomi.platform.ipack_instance_info', {'include_processes': include}, 'rest',
                                                 'info-processes-%s' % str(include).lower())
    sim.bulk_install(ORDER_INTAKE, BULK)
    out = {}
    output = ansible.workdir / 'bulk-output.json'
    for api, include in variants:
        rows = []
        env = {k: v for k, v in os.environ.items() if not k.startswith(('BOOMI_', 'ANSIBLE_'))}
        env.update(boomi_env(api, sim.url))
        for run in range(runs):
            sim.clear_log()
            wall, cpu, rss = run_payload(ansible.python, payloads[include], env, output)
            found = len(json.loads(output.read_text(encoding='utf-8'))['instances'])
            if found != BULK:
                raise BenchError('ipack_instance_info returned %d instances, expected %d' % (found, BULK))
            counts = sim.counts()
            log('%s include_processes=%s run %d: %.2fs wall, %.2fs CPU, %.1f MiB, %d calls' % (api, include, run + 1, wall, cpu, rss, counts['total']))
            rows.append({'wall': wall, 'cpu': cpu, 'rss': rss, 'calls': counts['total']})
        out['%s/%s' % (api, include)] = {'api': api, 'include_processes': include, 'runs': rows, 'wall': median(r['wall'] for r in rows),
                                         'cpu': median(r['cpu'] for r in rows), 'rss': median(r['rss'] for r in rows),
                                         'calls': median(r['calls'] for r in rows)}
    return out


def importtime_tree(collections, workdir):
    """The module_utils laid out as AnsiballZ ships them: ansible.module_utils and the collection as sources, no .pyc."""
    import ansible  # pylint: disable=import-outside-toplevel

    tree = workdir / 'importtime'
    shutil.rmtree(tree, ignore_errors=True)
    installed = Path(ansible.__file__).resolve().parent
    ignore = shutil.ignore_patterns('__pycache__', '*.pyc')
    (tree / 'ansible' / 'modules').mkdir(parents=True)
    (tree / 'ansible' / '__init__.py').write_text('', encoding='utf-8')
    (tree / 'ansible' / 'modules' / '__init__.py').write_text('', encoding='utf-8')
    shutil.copy(installed / 'modules' / 'uri.py', tree / 'ansible' / 'modules' / 'uri.py')
    shutil.copytree(installed / 'module_utils', tree / 'ansible' / 'module_utils', ignore=ignore)
    shutil.copytree(Path(collections) / 'ansible_collections' / 'boomi' / 'platform', tree / 'ansible_collections' / 'boomi' / 'platform',
                    ignore=shutil.ignore_patterns('__pycache__', '*.pyc', 'tests', 'build', 'bench', 'docs'))
    return tree


def parse_importtime(text):
    """[(self µs, cumulative µs, depth, name)] from ``-X importtime`` output."""
    rows = []
    for line in text.splitlines():
        match = re.match(r'import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)$', line)
        if match:
            rows.append((int(match.group(1)), int(match.group(2)), len(match.group(3)) // 2, match.group(4)))
    return rows


def measure_imports(python, tree, statement):
    env = {k: v for k, v in os.environ.items() if not k.startswith(('PYTHON', 'ANSIBLE_'))}
    env['PYTHONPATH'] = str(tree)
    proc = subprocess.run([python, '-B', '-X', 'importtime', '-c', statement], env=env, cwd=str(tree), capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise BenchError('import measurement failed: %s' % proc.stderr[-2000:])
    return parse_importtime(proc.stderr)


HTTP_MODULES = ('requests', 'ansible.module_utils.urls', 'http.client', 'ssl', 'urllib.request', 'select')


def http_import_us(parsed):
    """µs spent importing the HTTP library: ``requests`` or ``ansible.module_utils.urls``, or the standard library's
    ``http.client``, ``ssl``, ``urllib.request`` and ``select`` (each counted once: not again inside another one)."""
    total = 0
    counted = []  # depths of the counted modules that enclose the current row
    for _own, cumulative, depth, name in reversed(parsed):  # reversed post-order: a parent comes before its children
        while counted and counted[-1] >= depth:
            counted.pop()
        if name in HTTP_MODULES and not counted:
            total += cumulative
            counted.append(depth)
    return total


def section_imports(collections, workdir, python, apis, runs):
    """Section 5: ms to import what each module imports beyond ansible.module_utils.basic (which every module pays)."""
    tree = importtime_tree(collections, workdir)
    out = {}
    cases = [('uri (reference)', 'ansible.modules.uri', None)]
    for module in MODULES:
        for api in apis:
            cases.append((module, COLLECTION_PREFIX + 'modules.' + module, COLLECTION_PREFIX + 'module_utils._' + api))
    for label, module, adapter in cases:
        rows = []
        for _run in range(runs):
            statement = 'import ansible.module_utils.basic; import %s' % module + ('; import %s' % adapter if adapter else '')
            parsed = measure_imports(python, tree, statement)
            top = {name: (own, cumulative) for own, cumulative, depth, name in parsed if depth == 0}
            mod_self, mod_cumulative = top[module]
            total = mod_cumulative - mod_self + (top[adapter][1] if adapter and adapter in top else 0)
            http = http_import_us(parsed)
            own_code = sum(own for own, _cumulative, _depth, name in parsed if name.startswith(COLLECTION_PREFIX + 'module_utils.'))
            rows.append({'total_ms': total / 1000.0, 'http_ms': http / 1000.0, 'own_ms': own_code / 1000.0})
        key = '%s/%s' % (label, adapter.rsplit('_', 1)[-1] if adapter else 'rest')
        out[key] = {'module': label, 'api': adapter.rsplit('_', 1)[-1] if adapter else None, 'runs': rows,
                    'total_ms': median(r['total_ms'] for r in rows), 'http_ms': median(r['http_ms'] for r in rows),
                    'own_ms': median(r['own_ms'] for r in rows)}
        log('imports %s %s: %.1f ms (HTTP library %.1f ms, collection code %.1f ms)'
            % (label, out[key]['api'] or '', out[key]['total_ms'], out[key]['http_ms'], out[key]['own_ms']))
    return out


# ---------------------------------------------------------------------------------------------
# Sections 6 and 7: throughput at the rate limit
# ---------------------------------------------------------------------------------------------


# (name, the client-side rate_limit: None = its default (10/s), '0' = off; whether the simulator limits):
# 'none' is the reference without any rate limit, to show what the run costs at that latency alone.
LIMITERS = (('default', None, True), ('off', '0', True), ('none', '0', False))


def accepted_counts(sim):
    """Requests since the log was cleared: all, refused by the rate limit, and the accepted ones split in reads and writes
    (the simulator's ``writes`` count also has the refused writes: a write is logged as one whatever its answer)."""
    entries = sim.log()
    taken = [e for e in entries if not e.get('rate_limited')]
    writes = sum(1 for e in taken if e['write'])
    return {'total': len(entries), 'refused': len(entries) - len(taken), 'writes': writes, 'reads': len(taken) - writes,
            'by_operation': dict(sim.counts()['by_operation'])}


def hosts_inventory(ansible, name, hosts):
    """A JSON inventory of local hosts with their variables."""
    path = ansible.workdir / name
    local = {host: dict(hostvars, ansible_connection='local', ansible_python_interpreter=ansible.python) for host, hostvars in hosts.items()}
    path.write_text(json.dumps({'all': {'hosts': local}}), encoding='utf-8')
    return path


def rate_hosts():
    """10 hosts, each with 4 packs of its own (Bench Pack 001-040) x 2 environments."""
    return {'bench-h%02d' % (h + 1): {'bench_packs': [{'integration_pack_name': 'Bench Pack %03d' % (h * RATE_HOST_PACKS + p + 1),
                                                       'environments': list(ENVIRONMENTS)} for p in range(RATE_HOST_PACKS)]}
            for h in range(RATE_HOSTS)}


def rate_case(sim, ansible, api, limiter, case, inventory, server_limit=True):
    """One measurement of section 6: an empty play, the first run, the converged re-run, from a fresh account."""
    env = {'BOOMI_RATE_LIMIT': limiter}  # None: the collection's default, whatever --rate-limit says for sections 1-5
    sim.reset()
    if case == 'role':
        sim.add_packs(PACKS, 'SINGLE')
        playbook, extra, forks = 'role.yml', {'bench_packs': bench_packs()}, None
    else:
        sim.add_packs(RATE_HOSTS * RATE_HOST_PACKS, 'SINGLE')
        playbook, extra, forks = 'hosts.yml', None, RATE_FORKS
    if server_limit:
        sim.rate_limited()
    else:
        sim.set_faults(latency=RATE_LATENCY)
    empty = ansible.playbook('empty.yml', api, inventory=inventory, forks=forks, extra_env=env)
    sim.clear_log()
    first = ansible.playbook(playbook, api, extra, inventory=inventory, forks=forks, extra_env=env, check=False)
    first_counts = accepted_counts(sim)
    sim.clear_log()
    again = ansible.playbook(playbook, api, extra, inventory=inventory, forks=forks, extra_env=env, check=False)
    again_counts = accepted_counts(sim)
    reads = again_counts['reads']
    floor = (first_counts['writes'] + reads) / float(RATE_LIMIT) + empty['wall']
    row = {'wall': first['wall'], 'cpu': first['cpu'], 'empty_wall': empty['wall'], 'floor': floor, 'ratio': first['wall'] / floor,
           'requests': first_counts['total'], 'writes': first_counts['writes'], 'refused': first_counts['refused'],
           'refused_share': first_counts['refused'] / float(first_counts['total'] or 1), 'failed_hosts': len(first['failed_hosts']),
           'hosts': first['hosts'], 'converged_wall': again['wall'], 'converged_reads': reads, 'converged_writes': again_counts['writes'],
           'converged_refused': again_counts['refused'], 'converged_failed_hosts': len(again['failed_hosts']),
           'by_operation': first_counts['by_operation'], 'log': first['log']}
    log('%s %s rate_limit=%s%s: %.1fs, floor %.1fs ((%d writes + %d converged reads)/%d + empty %.1fs), ratio %.2f; %d requests, %d refused, '
        '%d/%d hosts failed; converged %.1fs, %d reads, %d writes'
        % (api, case, limiter or 'default', '' if server_limit else ', simulator without rate limit', row['wall'], floor, row['writes'], reads,
           RATE_LIMIT, empty['wall'], row['ratio'], row['requests'], row['refused'], row['failed_hosts'],
           row['hosts'], row['converged_wall'], reads, row['converged_writes']))
    return row


def section_rate(sim, ansible, apis, runs):
    """Section 6: the role at 300 ms a request and 10 requests/s, one host (20 packs) and 10 hosts x 4 packs (forks=10)."""
    out = {}
    inventories = {'role': ansible.inventory, 'hosts': hosts_inventory(ansible, 'inventory-hosts.json', rate_hosts())}
    for api in apis:
        for case in ('role', 'hosts'):
            rows = {name: [] for name, _limit, _server in LIMITERS}
            for run in range(runs):
                order = LIMITERS if run % 2 == 0 else tuple(reversed(LIMITERS))
                for name, limiter, server_limit in order:
                    rows[name].append(rate_case(sim, ansible, api, limiter, case, inventories[case], server_limit))
            for name, found in rows.items():
                item = {'runs': found}
                for key in ('wall', 'floor', 'ratio', 'empty_wall', 'requests', 'writes', 'refused', 'refused_share', 'converged_wall',
                            'converged_reads'):
                    item[key] = median(r[key] for r in found)
                item['ratio_range'] = (min(r['ratio'] for r in found), max(r['ratio'] for r in found))
                for key in ('failed_hosts', 'converged_writes', 'converged_failed_hosts', 'refused', 'converged_refused'):
                    item[key + '_max'] = max(r[key] for r in found)
                item['hosts'] = found[0]['hosts']
                out['%s/%s/%s' % (api, case, name)] = item
    return out


def fleet_inventory(ansible, collections):
    """The hosts of the boomi.platform.accounts inventory plugin: ansible-inventory --list, as an AWX inventory update runs it."""
    source = ansible.workdir / 'partner.boomi_accounts.yml'
    source.write_text('plugin: boomi.platform.accounts\n', encoding='utf-8')
    started = time.perf_counter()
    proc = subprocess.run([str(ansible.bin / 'ansible-inventory'), '-i', str(source), '--list'], env=ansible.env('rest'), cwd=str(ansible.workdir),
                          capture_output=True, text=True, check=False, timeout=600)
    if proc.returncode != 0:
        raise BenchError('ansible-inventory on the accounts plugin failed: %s' % proc.stderr[-3000:])
    return json.loads(proc.stdout)['_meta']['hostvars'], time.perf_counter() - started


def fleet_playbook(collections):
    """playbooks/fleet.yml of the collection under test (of this checkout if that copy has none)."""
    found = Path(collections) / 'ansible_collections' / 'boomi' / 'platform' / 'playbooks' / 'fleet.yml'
    return found if found.exists() else REPO / 'playbooks' / 'fleet.yml'


def run_slices(ansible, playbook, inventories, vars_file, forks, extra_env=None):
    """Every slice's ansible-playbook at once; wall time until the last ends, CPU of all their process trees, per-host failures."""
    procs = []
    started = time.perf_counter()
    for number, inventory in enumerate(inventories):
        output = ansible.workdir / ('fleet-slice-%d-%03d.log' % (number + 1, ansible.count))
        argv = [str(ansible.bin / 'ansible-playbook'), '-i', str(inventory), '-f', str(forks), '-e', '@%s' % vars_file, str(playbook)]
        env = ansible.env('rest', dict(extra_env or {}, ANSIBLE_LOCAL_TEMP=str(ansible.workdir / ('ansible_tmp_slice%d' % (number + 1)))))
        sink = open(output, 'w', encoding='utf-8')  # pylint: disable=consider-using-with
        proc = subprocess.Popen(argv, env=env, cwd=str(ansible.workdir), stdout=sink, stderr=subprocess.STDOUT)  # pylint: disable=consider-using-with
        procs.append((proc, sink, output))
    ansible.count += 1
    cpu = 0.0
    ended = {}
    for proc, _sink, _output in procs:  # in order: the wall time is taken once the last one has ended
        _pid, status, usage = os.wait4(proc.pid, 0)
        ended[proc.pid] = proc.returncode = os.waitstatus_to_exitcode(status)
        cpu += usage.ru_utime + usage.ru_stime
    wall = time.perf_counter() - started
    failed, ok_hosts, changed = [], 0, 0
    for proc, sink, output in procs:
        sink.close()
        text = output.read_text(encoding='utf-8', errors='replace')
        hosts = {m.group(1): (int(m.group(3)), int(m.group(4)) + int(m.group(5))) for m in RECAP_HOST_RE.finditer(text)}
        if not hosts:
            raise BenchError('slice %s ended (rc=%s) without a recap, see %s:\n%s' % (output.name, ended[proc.pid], output, text[-3000:]))
        failed += [h for h, (_c, f) in hosts.items() if f]
        ok_hosts += sum(1 for _h, (_c, f) in hosts.items() if not f)
        changed += sum(c for c, _f in hosts.values())
    return {'wall': wall, 'cpu': cpu, 'failed_hosts': sorted(failed), 'ok_hosts': ok_hosts, 'changed': changed}


def section_fleet(sim, ansible, collections, runs, accounts=FLEET_ACCOUNTS):
    """Section 7: playbooks/fleet.yml on every sub-account, 4 slices at once (AWX job slicing), forks=10, REST."""
    rows = []
    playbook = fleet_playbook(collections)
    vars_file = ansible.workdir / 'fleet-vars.json'
    vars_file.write_text(json.dumps({'integration_packs_list': FLEET_ITEMS}), encoding='utf-8')
    for run in range(runs):
        sim.reset()
        created = sim.add_sub_accounts(accounts, 'Fleet')
        sim.rate_limited()
        hostvars, inventory_wall = fleet_inventory(ansible, collections)
        if len(hostvars) != accounts:
            raise BenchError('the accounts plugin listed %d hosts, expected %d (%d created)' % (len(hostvars), accounts, len(created)))
        names = sorted(hostvars)
        inventories = [hosts_inventory(ansible, 'inventory-fleet-slice-%d.json' % (n + 1), {h: hostvars[h] for h in names[n::FLEET_SLICES]})
                       for n in range(FLEET_SLICES)]
        sim.clear_log()
        first = run_slices(ansible, playbook, inventories, vars_file, RATE_FORKS, {'BOOMI_RATE_LIMIT': None})  # the default limit
        counts = accepted_counts(sim)
        accepted = counts['total'] - counts['refused']
        row = {'wall': first['wall'], 'cpu': first['cpu'], 'requests': counts['total'], 'accepted': accepted, 'writes': counts['writes'],
               'refused': counts['refused'], 'refused_share': counts['refused'] / float(counts['total'] or 1), 'floor': accepted / float(RATE_LIMIT),
               'failed_hosts': len(first['failed_hosts']), 'ok_hosts': first['ok_hosts'], 'inventory_wall': inventory_wall,
               'by_operation': counts['by_operation']}
        row['ratio'] = row['wall'] / row['floor']
        log('fleet run %d: %d accounts, %.1fs for %d requests (%d writes, %d refused), floor %.1fs, ratio %.2f, %d failed hosts, CPU %.0fs; '
            'inventory %.1fs' % (run + 1, accounts, row['wall'], accepted, row['writes'], row['refused'], row['floor'], row['ratio'],
                                 row['failed_hosts'], row['cpu'], inventory_wall))
        rows.append(row)
    out = {'runs': rows, 'accounts': accounts}
    for key in ('wall', 'cpu', 'requests', 'accepted', 'writes', 'refused', 'refused_share', 'floor', 'ratio', 'inventory_wall'):
        out[key] = median(r[key] for r in rows)
    out['failed_hosts_max'] = max(r['failed_hosts'] for r in rows)
    out['ratio_range'] = (min(r['ratio'] for r in rows), max(r['ratio'] for r in rows))
    return out


# ---------------------------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------------------------


def verdict(ok):
    return 'met' if ok else '**missed**'


def fmt(value, pattern='%.2f'):
    return '-' if value is None else pattern % value


def table(results, apis, args):
    lines = ['| # | measurement | %s | target | result |' % ' | '.join({'rest': 'REST', 'graphql': 'GraphQL'}[a] for a in apis),
             '| --- | --- | %s | --- | --- |' % ' | '.join(['---'] * len(apis))]

    def row(section, what, cells, target='', result=''):
        lines.append('| %s | %s | %s | %s | %s |' % (section, what, ' | '.join(cells), target, result))

    first = results.get('first')
    if first:
        row('1', 'role, first run, wall s (%d packs x %d envs)' % (PACKS, len(ENVIRONMENTS)), [fmt(first[a]['role_wall'], '%.1f') for a in apis])
        row('1', 'uri playbook, same installs + attachments, wall s', [fmt(first[a]['uri_wall'], '%.1f') for a in apis])
        ratios = [first[a]['ratio'] for a in apis]
        cells = ['%.2f [%.2f..%.2f]' % ((first[a]['ratio'],) + first[a]['ratio_range']) for a in apis]
        row('1', 'role / uri wall time (same run) [min..max of the runs]', cells, '<= %.1f' % TARGETS['first_run_ratio'],
            verdict(all(r <= TARGETS['first_run_ratio'] for r in ratios)))
        row('1', 'role / uri CPU time of the ansible process tree (same run)', [fmt(first[a]['cpu_ratio']) for a in apis])
        row('1', 'API calls, role first run (per pack)', ['%d (%.2f)' % (first[a]['role_calls'], first[a]['role_calls'] / PACKS) for a in apis])
        row('1', 'API calls, uri playbook (per pack)', ['%d (%.2f)' % (first[a]['uri_calls'], first[a]['uri_calls'] / PACKS) for a in apis])
        row('1', 'writes, role / uri', ['%d / %d' % (first[a]['role_writes'], first[a]['uri_writes']) for a in apis])
        per_pack = [first[a]['converged_calls'] / PACKS for a in apis]
        row('2', 'converged re-run: API calls (per pack)', ['%d (%.2f)' % (first[a]['converged_calls'], p) for a, p in zip(apis, per_pack)],
            '<= %d per pack' % TARGETS['converged_calls_per_pack'], verdict(all(p <= TARGETS['converged_calls_per_pack'] for p in per_pack)))
        writes = [first[a]['converged_writes'] for a in apis]
        row('2', 'converged re-run: writes (changed tasks)', ['%d (%d)' % (w, first[a]['converged_changed']) for a, w in zip(apis, writes)], '0',
            verdict(all(w == 0 for w in writes)))
        row('2', 'converged re-run: wall s', [fmt(first[a]['converged_wall'], '%.1f') for a in apis])
    per_task = results.get('per_task')
    if per_task:
        row('3', 'per task s: ansible.builtin.ping (floor of any module task)', [fmt(per_task[a]['floor'], '%.3f') for a in apis])
        row('3', 'per task s: uri fetching the instance list (API calls)',
            ['%.3f (%.0f)' % (per_task[a]['uri'], per_task[a]['uri_calls']) for a in apis])
        row('3', 'per task s: ipack_instance_info, same list (API calls)',
            ['%.3f (%.0f)' % (per_task[a]['info'], per_task[a]['info_calls']) for a in apis])
        ratios = [per_task[a]['ratio'] for a in apis]
        row('3', 'info / uri per task, median of the pairs [quartiles]',
            ['%.2f [%.2f..%.2f]' % ((per_task[a]['ratio'],) + per_task[a]['ratio_range']) for a in apis], '<= %.2f' % TARGETS['per_task_ratio'],
            verdict(all(r <= TARGETS['per_task_ratio'] for r in ratios)))
    bulk = results.get('bulk')
    if bulk:
        for include in (True, False):
            cells = []
            oks = []
            for api in apis:
                item = bulk.get('%s/%s' % (api, include))
                if item is None:
                    cells.append('n/a')
                    continue
                cells.append('%.2f s, %.2f s CPU, %.0f MiB, %d calls' % (item['wall'], item['cpu'], item['rss'], item['calls']))
                oks.append(item['wall'] < TARGETS['bulk_wall_s'] and item['rss'] < TARGETS['bulk_rss_mb'])
            if oks:
                row('4', 'ipack_instance_info, %s instances, include_processes=%s: wall, CPU, peak RSS, calls'
                    % (format(BULK, ','), str(include).lower()), cells,
                    '< %.0f s, < %.0f MB' % (TARGETS['bulk_wall_s'], TARGETS['bulk_rss_mb']), verdict(all(oks)))
    imports = results.get('imports')
    if imports:
        ref = imports.get('uri (reference)/rest')
        if ref:
            row('5', 'import ms: uri module_utils (reference: ansible.module_utils.urls)', ['%.0f' % ref['total_ms']] + [''] * (len(apis) - 1))
        for module in MODULES:
            cells = []
            for api in apis:
                item = imports['%s/%s' % (module, api)]
                cells.append('%.0f (HTTP lib %.0f, own %.0f)' % (item['total_ms'], item['http_ms'], item['own_ms']))
            row('5', 'import ms: %s module_utils' % module, cells)
    rate = results.get('rate')
    if rate:
        hosts_what = '%d hosts x %d packs x %d envs, one account, forks=%d' % (RATE_HOSTS, RATE_HOST_PACKS, len(ENVIRONMENTS), RATE_FORKS)
        for case, what, target in (('role', 'role first run, %d packs x %d envs' % (PACKS, len(ENVIRONMENTS)), 'rate_role_ratio'),
                                   ('hosts', hosts_what, 'rate_hosts_ratio')):
            for name, label in (('default', 'default rate_limit (10/s)'), ('off', 'rate_limit: 0'),
                                ('none', 'reference: no rate limit on either side')):
                items = [rate.get('%s/%s/%s' % (api, case, name)) for api in apis]
                if not all(items):
                    continue
                row('6', '%s, %s: wall s / floor s' % (what, label), ['%.1f / %.1f' % (i['wall'], i['floor']) for i in items])
                ok = all(i['ratio'] <= TARGETS[target] for i in items)
                if case == 'hosts':
                    ok = ok and all(i['failed_hosts_max'] == 0 and i['refused_share'] < TARGETS['rate_refused_share'] for i in items)
                row('6', '%s, %s: wall / floor [min..max]' % (what, label),
                    ['%.2f [%.2f..%.2f]' % ((i['ratio'],) + i['ratio_range']) for i in items],
                    ('<= %.2f' % TARGETS[target]) + (', 0 failed hosts, < 5 % refused' if case == 'hosts' else '') if name == 'default' else '',
                    verdict(ok) if name == 'default' else '')
                row('6', '%s, %s: requests (writes), refused 503/429 (share), failed hosts' % (what, label),
                    ['%d (%d), %d (%.1f %%), %d of %d' % (i['requests'], i['writes'], i['refused'], 100 * i['refused_share'],
                                                          i['failed_hosts_max'], i['hosts']) for i in items])
                if case == 'role':
                    row('6', '%s, %s: converged re-run reads, writes, wall s' % (what, label),
                        ['%d, %d, %.1f' % (i['converged_reads'], i['converged_writes_max'], i['converged_wall']) for i in items],
                        '<= %d reads, 0 writes' % TARGETS['rate_converged_reads'] if name == 'default' else '',
                        verdict(all(i['converged_reads'] <= TARGETS['rate_converged_reads'] and i['converged_writes_max'] == 0 for i in items))
                        if name == 'default' else '')
                else:
                    row('6', '%s, %s: converged re-run reads, writes, wall s' % (what, label),
                        ['%d, %d, %.1f' % (i['converged_reads'], i['converged_writes_max'], i['converged_wall']) for i in items])
    fleet = results.get('fleet')
    if fleet:
        cells = ['%.0f s / %.0f s = %.2f [%.2f..%.2f]; %d requests (%d writes), %d refused (%.1f %%), %d failed hosts; inventory %.1f s'
                 % ((fleet['wall'], fleet['floor'], fleet['ratio']) + fleet['ratio_range']
                    + (fleet['accepted'], fleet['writes'], fleet['refused'], 100 * fleet['refused_share'], fleet['failed_hosts_max'],
                       fleet['inventory_wall']))]
        row('7', 'fleet: %d sub-accounts x %d packs x 2 envs, %d slices, forks=%d, REST: wall / (requests / %d)'
            % (fleet['accounts'], len(FLEET_ITEMS), FLEET_SLICES, RATE_FORKS, RATE_LIMIT), cells + [''] * (len(apis) - 1),
            '<= %.1f, 0 failed hosts' % TARGETS['fleet_ratio'], verdict(fleet['ratio'] <= TARGETS['fleet_ratio'] and fleet['failed_hosts_max'] == 0))
    lines.append('')
    lines.append('Medians of %d runs (section 3: of %d interleaved uri/info task pairs, the ratio is the median of the pair ratios; '
                 'section 5: of %d runs); every ratio compares measurements of the same run. Section 1 uses %d SINGLE packs added with '
                 'POST /_sim/packs; the role and the uri playbook each start from that account, freshly reset. Simulator on loopback '
                 '(bench/simulator.py: TCP_NODELAY), %s.'
                 % (args.runs, args.iterations, max(args.runs, 5), PACKS,
                    'answers delayed %.3f s each (--latency)' % args.latency if args.latency else 'no added latency'))
    if rate or fleet:
        lines.append('Sections 6 and 7: the simulator waits %.1f s before every answer and refuses (REST 503, GraphQL 429) what goes beyond %d '
                     'requests in any second per partner (rate_limit_window); floor = (accepted writes + reads of the converged re-run) / %d '
                     '+ the wall time of an empty play on the same hosts (section 7: accepted requests / %d); "refused" counts the 503/429 '
                     'answers in the simulator log.' % (RATE_LATENCY, RATE_LIMIT, RATE_LIMIT, RATE_LIMIT))
    return '\n'.join(lines)


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def copy_collection(dest):
    subprocess.run(['bash', str(REPO / 'hack' / 'copy_collection.sh'), str(dest)], check=True, stdout=subprocess.DEVNULL)
    return dest


def main(argv=None):
    parser = argparse.ArgumentParser(prog='bench', description=__doc__.split('\n', 1)[0])
    parser.add_argument('--runs', type=int, default=3, help='runs of every measurement (default 3)')
    parser.add_argument('--iterations', type=int, default=50, help='pairs of tasks (uri, info) in section 3 (default 50)')
    parser.add_argument('--apis', default='rest,graphql', help='comma-separated: rest, graphql')
    parser.add_argument('--latency', type=float, default=0.0,
                        help='seconds the simulator waits before every API answer (its latency fault), to model a remote API; default 0')
    parser.add_argument('--sections', default='1,2,3,4,5,6,7', help='comma-separated section numbers (1 and 2 run together)')
    parser.add_argument('--rate-limit', type=int, default=None,
                        help='BOOMI_RATE_LIMIT for sections 1-5 (default: the collection\'s, 10/s; 0 = off: the simulator has no limit there)')
    parser.add_argument('--fleet-accounts', type=int, default=FLEET_ACCOUNTS, help='sub-accounts in section 7 (default %d)' % FLEET_ACCOUNTS)
    parser.add_argument('--collections', help='an ANSIBLE_COLLECTIONS_PATH holding boomi.platform (default: a fresh copy in the workdir)')
    parser.add_argument('--workdir', default=str(REPO / 'build' / 'bench'), help='where logs and results go (default build/bench)')
    args = parser.parse_args(argv)
    apis = [a.strip() for a in args.apis.split(',') if a.strip()]
    CLIENT_RATE_LIMIT[0] = args.rate_limit
    sections = {s.strip() for s in args.sections.split(',') if s.strip()}
    if not set(apis) <= {'rest', 'graphql'} or not apis:
        parser.error('--apis takes rest and/or graphql')

    workdir = Path(args.workdir).resolve()
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    python = sys.executable
    collections = Path(args.collections).resolve() if args.collections else copy_collection(workdir / 'collections')
    started = time.monotonic()
    results = {}
    with Simulator(python, workdir / 'simulator.log', args.latency) as sim:
        log('simulator at %s; collection from %s; python %s' % (sim.url, collections, python))
        ansible = Ansible(python, collections, workdir, sim)
        if sections & {'1', '2'}:
            results['first'] = section_first_and_converged(sim, ansible, apis, args.runs)
        if '3' in sections:
            results['per_task'] = section_per_task(sim, ansible, apis, args.iterations)
        if '4' in sections:
            results['bulk'] = section_bulk(sim, ansible, apis, args.runs)
        if '6' in sections:
            results['rate'] = section_rate(sim, ansible, apis, args.runs)
        if '7' in sections:
            results['fleet'] = section_fleet(sim, ansible, collections, args.runs, args.fleet_accounts)
    if '5' in sections:
        results['imports'] = section_imports(collections, workdir, python, apis, max(args.runs, 5))
    elapsed = time.monotonic() - started
    text = table(results, apis, args)
    text += ' Took %.0f s on %d CPUs; load average at the end %s.' % (elapsed, os.cpu_count() or 0, ', '.join('%.1f' % v for v in os.getloadavg()))
    (workdir / 'results.md').write_text(text + '\n', encoding='utf-8')
    (workdir / 'results.json').write_text(json.dumps({'args': vars(args), 'elapsed_s': elapsed, 'results': results}, indent=1, default=str),
                                          encoding='utf-8')
    print(text)
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main())
    except BenchError as exc:
        print('bench: %s' % exc, file=sys.stderr)
        sys.exit(1)

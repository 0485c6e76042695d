# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A fleet rollout as AWX runs it: ansible-runner, the inventory plugin as inventory source, job slicing, forks.

AWX/AAP runs a job with ansible-runner from a private data directory: the credential type's injectors
rendered into ``env/envvars``, the job's extra vars in ``env/extravars``, the project's playbook under
``project/``, and the job's inventory (for a sliced job, every Nth host of the inventory source's hosts)
as a file. This test lays four slices out that way, from the inventory that the ``boomi.platform.accounts``
plugin reads from the simulator's partner account, and runs them at the same time with forks=10, with
the simulator's per-partner rate limit on (10 requests in any second).
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import ansible_runner
import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

from boomi_harness import ACCOUNT_ID, API_TOKEN, REPO, USERNAME, connection_env


SLICES = 4
ACCOUNTS = 40
FOREIGN = 'other-partnerco-54B3GM'
ITEMS = [{'integration_pack_name': 'Order Intake', 'override_name': 'Fleet EU', 'environments': ['Test', 'Production']},
         {'integration_pack_name': 'Salesforce Account Sync', 'environments': ['Production']}]


def rendered_envvars(api_url):
    """The REST credential type's injectors, rendered as AWX renders them for a credential with these inputs."""
    types = yaml.safe_load((REPO / 'extensions' / 'awx' / 'boomi_credential_type.yml').read_text())['credential_types']
    rest = [t for t in types if 'REST' in t['name']][0]
    inputs = {'account_id': ACCOUNT_ID, 'username': USERNAME, 'api_token': API_TOKEN, 'api_url': api_url, 'validate_certs': 'true',
              'ca_bundle': '', 'timeout': '30', 'max_retries': '5', 'tower': {'filename': ''}}
    env = ImmutableSandboxedEnvironment()
    return {name: env.from_string(template).render(**inputs) for name, template in rest['injectors']['env'].items()}


def inventory_hosts(collections_dir, workdir, envvars):
    """The hosts the inventory source gives: ansible-inventory on a *.boomi_accounts.yml, as an AWX inventory update runs it."""
    source = workdir / 'partner.boomi_accounts.yml'
    source.write_text('plugin: boomi.platform.accounts\n')
    env = dict(envvars, ANSIBLE_COLLECTIONS_PATH=str(collections_dir), PATH='%s:/usr/bin:/bin' % Path(sys.executable).parent,
               HOME=str(workdir))
    out = subprocess.run([str(Path(sys.executable).parent / 'ansible-inventory'), '-i', str(source), '--list'], env=env,
                         capture_output=True, text=True, check=True, timeout=120)
    listing = json.loads(out.stdout)
    return dict(listing['_meta']['hostvars'])


def slice_dirs(workdir, collections_dir, envvars, hosts):
    """One private data directory per slice (AWX: slice n of N gets every Nth host, starting at the nth)."""
    names = sorted(hosts)
    dirs = []
    for number in range(SLICES):
        pdd = workdir / ('slice-%d' % (number + 1))
        (pdd / 'env').mkdir(parents=True)
        (pdd / 'project').mkdir()
        (pdd / 'inventory').mkdir()
        (pdd / 'project' / 'fleet.yml').write_text((REPO / 'playbooks' / 'fleet.yml').read_text())
        mine = {name: dict(hosts[name], ansible_python_interpreter=sys.executable) for name in names[number::SLICES]}
        (pdd / 'inventory' / 'hosts.json').write_text(json.dumps({'all': {'hosts': mine}}))
        (pdd / 'env' / 'envvars').write_text(json.dumps(dict(envvars, ANSIBLE_COLLECTIONS_PATH=str(collections_dir),
                                                             ANSIBLE_HOME=str(pdd / 'home'), ANSIBLE_LOCAL_TEMP=str(pdd / 'tmp'),
                                                             PATH='%s:%s' % (Path(sys.executable).parent, os.environ.get('PATH', '')))))
        (pdd / 'env' / 'extravars').write_text(json.dumps({'integration_packs_list': ITEMS}))
        dirs.append(pdd)
    return dirs


def run_slices(dirs):
    """Run every slice at once (ansible-runner, forks=10); returns the runners."""
    runners = [None] * len(dirs)

    def run(index):
        runners[index] = ansible_runner.run(private_data_dir=str(dirs[index]), playbook='fleet.yml', forks=10, quiet=True,
                                            timeout=600)
    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(dirs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return runners


def test_fleet_rollout_on_four_slices(sim, seed, collections_dir, tmp_path):
    accounts = [a.account_id for a in sim.add_sub_accounts(ACCOUNTS, prefix='Fleet')]
    sim.add_foreign_account('Other Partner Co', FOREIGN, 'active')
    sim.set_faults(rate_limit_window={'limit': 10, 'window': 1.0})
    envvars = rendered_envvars(sim.url)
    hosts = inventory_hosts(collections_dir, tmp_path, envvars)
    assert sorted(hosts) == sorted(accounts)
    # a host added by hand to the inventory (a second source) that is outside the partner's hierarchy: it fails alone
    hosts[FOREIGN] = {'boomi_account_id': FOREIGN, 'boomi_account_name': 'Other Partner Co'}
    sim.clear_log()

    runners = run_slices(slice_dirs(tmp_path / 'first', collections_dir, envvars, hosts))
    failures = {host for r in runners for host in r.stats['failures']}
    assert failures == {FOREIGN}, [r.stdout.read()[-3000:] for r in runners if set(r.stats['failures']) - {FOREIGN}]
    ok_hosts = {host for r in runners for host in r.stats['ok']}
    assert set(accounts) <= ok_hosts
    foreign_output = [r for r in runners if FOREIGN in r.stats['failures']][0].stdout.read()
    assert "override_account '%s'" % FOREIGN in foreign_output and 'may not act on it' in foreign_output
    assert API_TOKEN not in ''.join(r.stdout.read() for r in runners)
    refused = [e for e in sim.log_snapshot() if e['status'] in (429, 503)]
    assert len(refused) <= len(sim.log_snapshot()) * 0.05, len(refused)

    order_intake, salesforce = seed.pack_id('Order Intake'), seed.pack_id('Salesforce Account Sync')
    for account in accounts:
        state = sim.account_state(account)
        declared = sorted((i['integrationPackId'], i.get('integrationPackOverrideName') or None) for i in state.instances.values())
        assert declared == sorted([(order_intake, 'Fleet EU'), (salesforce, None)]), account
        links = sorted((a['integrationPackInstanceId'], a['environmentId']) for a in state.attachments.values())
        assert len(links) == 3 and len(set(links)) == 3, account
    assert sim.state.instances == {}  # nothing in the partner's own account

    sim.clear_log()
    again = run_slices(slice_dirs(tmp_path / 'second', collections_dir, envvars, {k: v for k, v in hosts.items() if k != FOREIGN}))
    assert all(r.rc == 0 for r in again) and not [h for r in again for h in r.stats['changed']]
    assert [e for e in sim.log_snapshot() if e['write']] == []


def docs_inventory_file():
    """The inventory file that docs/fleet.md shows (the YAML block that starts with ``# inventory/partner.boomi_accounts.yml``)."""
    lines = (REPO / 'docs' / 'fleet.md').read_text().splitlines()
    start = [n for n, line in enumerate(lines) if line.strip() == '# inventory/partner.boomi_accounts.yml']
    assert len(start) == 1, 'docs/fleet.md no longer shows inventory/partner.boomi_accounts.yml'
    end = [n for n in range(start[0], len(lines)) if lines[n].strip() == '```'][0]
    return textwrap.dedent('\n'.join(lines[start[0]:end])) + '\n'


def fleet_command():
    """The command line of docs/fleet.md (playbooks/fleet.yml gives the same in its header)."""
    found = [line.strip() for line in (REPO / 'docs' / 'fleet.md').read_text().splitlines()
             if line.strip().startswith('ansible-playbook -i inventory/partner.boomi_accounts.yml ')]
    assert len(found) == 1, found
    header = [line.lstrip('# ') for line in (REPO / 'playbooks' / 'fleet.yml').read_text().splitlines()
              if line.lstrip('# ').startswith('ansible-playbook ')]
    assert header == found, (header, found)
    return shlex.split(found[0])


def broken_python_dir(path):
    """A directory of ``python3`` programs that fail (every name Ansible's interpreter discovery looks for on PATH), as on a
    machine whose default python3 cannot run the modules (no ``requests``)."""
    path.mkdir()
    for name in ('python3',) + tuple('python3.%d' % minor for minor in range(8, 15)):
        program = path / name
        program.write_text('#!/bin/sh\necho "this python3 has no requests" >&2\nexit 1\n')
        program.chmod(0o755)
    return path


def test_the_fleet_rollout_of_the_docs_runs_on_the_controller_python(sim, ansible, tmp_path):
    """docs/fleet.md as written, on a machine whose default python3 is broken (first on PATH) and no interpreter is configured:
    the plugin's hosts are API targets, run with the Python that runs Ansible, and converge."""
    accounts = sorted(a.account_id for a in sim.add_sub_accounts(3, prefix='Docs'))
    suspended = [a.account_id for a in sim.add_sub_accounts(1, prefix='Gone', status='suspended')]
    (ansible.workdir / 'inventory').mkdir()
    (ansible.workdir / 'inventory' / 'partner.boomi_accounts.yml').write_text(docs_inventory_file())
    (ansible.workdir / 'playbooks').mkdir()
    (ansible.workdir / 'playbooks' / 'fleet.yml').write_text((REPO / 'playbooks' / 'fleet.yml').read_text())
    (ansible.workdir / 'fleet_vars.yml').write_text(yaml.safe_dump({'integration_packs_list': [
        {'integration_pack_name': 'Order Intake', 'override_name': 'Fleet Docs', 'environments': ['Test']}]}))
    broken = broken_python_dir(tmp_path / 'broken-bin')
    env = dict(connection_env('rest', sim.url), PATH='%s:%s' % (broken, os.environ.get('PATH', '')), ANSIBLE_PYTHON_INTERPRETER=None)

    run = ansible.command(fleet_command(), env=env)
    assert run.rc == 0, run.output()
    assert sorted(run.recap) == accounts and not set(suspended) & set(run.recap), run.output()
    assert all(r['failed'] == 0 and r['unreachable'] == 0 and r['changed'] > 0 for r in run.recap.values()), run.output()
    assert 'has no requests' not in run.stdout + run.stderr
    for account in accounts:
        names = sorted(i.get('integrationPackOverrideName') for i in sim.account_state(account).instances.values())
        assert names == ['Fleet Docs'], account
    assert sim.state.instances == {}
    assert API_TOKEN not in run.stdout + run.stderr

    again = ansible.command(fleet_command(), env=env)
    assert again.rc == 0 and all(r['changed'] == 0 for r in again.recap.values()), again.output()
    assert again.writes == []

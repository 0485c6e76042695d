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
import subprocess
import sys
import threading
from pathlib import Path

import ansible_runner
import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

from conftest import ACCOUNT_ID, API_TOKEN, REPO, USERNAME


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

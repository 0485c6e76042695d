# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/publish.yml as docs/publishing.md runs it (issue 27): package -> ipack -> ipack_release -> share, in the
partner's own account, then the rollout to its sub-accounts through the Partner API (override_account).

The variables file and the command lines are read from docs/publishing.md, so the page shows what is tested."""

from __future__ import annotations

import shlex
import textwrap

import yaml

from boomi_harness import API_TOKEN, REPO, connection_env

DOCS = REPO / 'docs' / 'publishing.md'
SYNC = '5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21'  # "Ticket Sync", a process of the simulator's publisher seed
ESCALATION = '8c2e4a6f-1b3d-4f5e-a7c9-0d2e4f6a8b31'  # "Ticket Escalation"
ARCHIVE = 'e1f3a5c7-9b2d-4e6f-8a1c-3e5f7a9c1d41'  # "Ticket Archive"
ACCOUNTS = 'inventory/partner.boomi_accounts.yml'


def docs_block(first_line):
    """The fenced block of docs/publishing.md that starts with ``first_line`` (a comment naming the file)."""
    lines = DOCS.read_text(encoding='utf-8').splitlines()
    start = [n for n, line in enumerate(lines) if line.strip() == first_line]
    assert len(start) == 1, 'docs/publishing.md no longer shows %s' % first_line
    end = [n for n in range(start[0], len(lines)) if lines[n].strip() == '```'][0]
    return textwrap.dedent('\n'.join(lines[start[0]:end])) + '\n'


def docs_command(inventory, check=False):
    """The ansible-playbook command line of docs/publishing.md with this inventory, with or without ``--check``."""
    found = [shlex.split(line.strip()) for line in DOCS.read_text(encoding='utf-8').splitlines()
             if line.strip().startswith('ansible-playbook -i %s ' % inventory)]
    found = [argv for argv in found if ('--check' in argv) == check]
    assert len(found) == 1, (inventory, check, found)
    return found[0]


def lay_out(ansible):
    """The user's files of docs/publishing.md in the run's working directory; returns the variables."""
    (ansible.workdir / 'inventory').mkdir()
    (ansible.workdir / 'inventory' / 'partner.boomi_accounts.yml').write_text(docs_block('# inventory/partner.boomi_accounts.yml'))
    (ansible.workdir / 'playbooks' / 'inventory').mkdir(parents=True)
    (ansible.workdir / 'playbooks' / 'inventory' / 'localhost.yml').write_text((REPO / 'playbooks' / 'inventory' / 'localhost.yml').read_text())
    (ansible.workdir / 'playbooks' / 'publish.yml').write_text((REPO / 'playbooks' / 'publish.yml').read_text())
    text = docs_block('# publish_vars.yml')
    (ansible.workdir / 'publish_vars.yml').write_text(text)
    return yaml.safe_load(text)


def publisher_writes(run):
    return [(e['method'], e['path'].split('/')[5].split('?')[0]) for e in run.writes if e['path'].startswith('/api/rest/v1/')]


def process_versions(sim, account):
    """``{process name: version}`` of the account's one instance, "Helpdesk EU" (the simulator's state; a MULTI instance's
    processes are named "<override name> - <process name>")."""
    instances = sim.account_state(account).dump()['instances']
    assert [i['integrationPackOverrideName'] for i in instances] == ['Helpdesk EU'], instances
    return {p['name'].replace('Helpdesk EU - ', '', 1): p.get('version') for p in instances[0]['processes']}


def test_publish_check_publish_converged_and_a_second_version(ansible, sim, seed):
    subscribers = sorted(a.account_id for a in sim.add_sub_accounts(2, prefix='Customer'))
    variables = lay_out(ansible)
    env = connection_env('rest', sim.url)
    assert variables['publish_components'][0]['component_id'] == SYNC

    # 1. --check --diff on the fresh account: the chain predicts (a pack with id null, the release from it), nothing is written
    header = [line.lstrip('# ') for line in (REPO / 'playbooks' / 'publish.yml').read_text().splitlines()
              if line.lstrip('# ').startswith('ansible-playbook ')]
    assert [shlex.split(line) for line in header] == [docs_command(ACCOUNTS)]  # the playbook's header shows the page's command
    check = ansible.command(docs_command(ACCOUNTS, check=True), env=env)
    check.assert_ok().assert_no_writes().assert_no_traceback().assert_no_secrets()
    pack = check['Put exactly these components in the pack']
    assert check.task('Put exactly these components in the pack')['changed'] and pack['integration_pack']['id'] is None
    assert sorted(c['component_id'] for c in pack['integration_pack']['components']) == sorted([SYNC, ESCALATION])
    release = check['Release the packaged versions']
    assert check.task('Release the packaged versions')['changed']
    assert sorted((c['component_id'], c['version']) for c in release['release']['components']) == [(SYNC, '1.0'), (ESCALATION, '1.0')]
    assert check.task('Share the pack with the account groups')['changed']
    assert '+    "id": null,\n+    "installation_type": "MULTI",\n+    "name": "Helpdesk"' in check.stdout, check.output()  # the pack's diff
    assert sim.publisher.dump()['packs'] == [] and sim.publisher.dump()['packagedComponents'] == []

    # 2. the real run: published in the partner's own account, rolled out to both sub-accounts through the Partner API
    first = ansible.command(docs_command(ACCOUNTS), env=env)
    first.assert_ok().assert_no_traceback().assert_no_secrets()
    assert sorted(first.recap) == sorted(['localhost'] + subscribers), first.output()
    assert all(first.recap[h]['changed'] > 0 for h in first.recap), first.output()
    assert sorted(set(publisher_writes(first))) == [('POST', 'AccountGroupIntegrationPack'), ('POST', 'PackagedComponent'),
                                                    ('POST', 'PublisherIntegrationPack'), ('POST', 'ReleaseIntegrationPack')]
    assert len([w for w in publisher_writes(first) if w[1] == 'PackagedComponent']) == 2
    assert first['Release the packaged versions']['release']['status'] == 'SUCCESS'
    packs = sim.publisher.dump()['packs']
    assert len(packs) == 1 and packs[0]['name'] == 'Helpdesk'
    # the sub-accounts' installs and attachments went through the Partner API, for those accounts
    installs = [e for e in first.writes if e['path'].split('?')[0].rsplit('/', 1)[-1] in ('IntegrationPackInstance',
                                                                                          'IntegrationPackEnvironmentAttachment')]
    assert len(installs) == 4 and all(e['path'].startswith('/partner/') for e in installs), installs
    assert all(len([e for e in installs if 'overrideAccount=%s' % a in e['path']]) == 2 for a in subscribers), installs
    for account in subscribers:
        assert process_versions(sim, account) == {'Ticket Sync': '1.0', 'Ticket Escalation': '1.0'}, account
        assert len(sim.account_state(account).attachments) == 1
    assert seed.state()['instances'] == []  # the publisher installs nothing in its own account
    assert API_TOKEN not in first.stdout + first.stderr

    # 3. again: nothing to do, nothing written
    again = ansible.command(docs_command(ACCOUNTS), env=env)
    again.assert_ok().assert_no_writes()
    assert all(r['changed'] == 0 for r in again.recap.values()), again.output()

    # 4. a developer saves Ticket Sync again; version 2.0 is packaged and released: every subscriber's instance runs it
    sim.add_component_revision(SYNC)
    variables['publish_components'][0]['version'] = '2.0'
    (ansible.workdir / 'publish_vars.yml').write_text(yaml.safe_dump(variables, sort_keys=False))
    predicted = ansible.command(docs_command('playbooks/inventory/localhost.yml', check=True), env=env)
    predicted.assert_ok().assert_no_writes()
    assert predicted.task('Put exactly these components in the pack')['changed'] is False
    assert predicted.task('Release the packaged versions')['changed'] is True
    assert '-        "%s": "1.0",\n+        "%s": "2.0",' % (SYNC, SYNC) in predicted.stdout, predicted.output()
    second = ansible.command(docs_command('playbooks/inventory/localhost.yml'), env=env)
    second.assert_ok().assert_no_traceback()
    assert publisher_writes(second) == [('POST', 'PackagedComponent'), ('POST', 'ReleaseIntegrationPack')], second.output()
    assert [c for c in second['Release the packaged versions']['release']['components'] if c['component_id'] == SYNC][0]['version'] == '2.0'
    for account in subscribers:
        assert process_versions(sim, account) == {'Ticket Sync': '2.0', 'Ticket Escalation': '1.0'}, account
    assert sorted(second.recap) == ['localhost'] and [e for e in second.log if e['path'].startswith('/partner/')] == []


def test_every_answer_lost_along_the_chain_makes_each_write_once(ansible, sim):
    """With GraphQL credentials (the publisher's calls go to REST with them, the rollout to GraphQL), every write's answer is
    lost (the connection drops after Boomi applied it): each is settled by a read, none is sent twice; then a component added
    to the pack (package, pack update, release) the same way."""
    subscribers = sorted(a.account_id for a in sim.add_sub_accounts(2, prefix='Customer'))
    variables = lay_out(ansible)
    env = connection_env('graphql', sim.url)
    sim.set_faults(drop_after_commit={'operation': 'any_write', 'count': 100})

    first = ansible.command(docs_command(ACCOUNTS), env=env)
    first.assert_ok().assert_no_traceback()
    assert all(first.recap[h]['changed'] > 0 for h in ['localhost'] + subscribers), first.output()
    assert sorted(e['committed'][0] for e in first.writes if e.get('committed')) == sorted(
        ['package', 'package', 'ipack_create', 'release', 'pack_share', 'install', 'install', 'attach', 'attach'])
    assert len(first.writes) == 9 and 'was lost after the request was sent' in first.stdout + first.stderr
    assert {e['api'] for e in first.writes if e['path'].startswith('/partner/')} == set()  # the rollout wrote through GraphQL
    assert {e['api'] for e in first.writes} == {'rest', 'graphql'}
    assert len(sim.publisher.dump()['packs']) == 1 and len(sim.publisher.dump()['releases']) == 1
    for account in subscribers:
        assert process_versions(sim, account) == {'Ticket Sync': '1.0', 'Ticket Escalation': '1.0'}, account

    variables['publish_components'].append({'component_id': ARCHIVE, 'version': '1.0'})
    (ansible.workdir / 'publish_vars.yml').write_text(yaml.safe_dump(variables, sort_keys=False))
    second = ansible.command(docs_command('playbooks/inventory/localhost.yml'), env=env)
    second.assert_ok().assert_no_traceback()
    assert [e['committed'][0] for e in second.writes if e.get('committed')] == ['package', 'ipack_update', 'release'], second.output()
    assert len(second.writes) == 3
    for account in subscribers:
        assert process_versions(sim, account) == {'Ticket Sync': '1.0', 'Ticket Escalation': '1.0', 'Ticket Archive': '1.0'}, account

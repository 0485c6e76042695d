# -*- coding: utf-8 -*-
"""What ansible-doc shows: exactly the public filters (issue 26.8), and the role (issue 26.5).

The role's decisions are filters internal to the role (plugins/filter/__internal/integration_packs.py): Jinja finds them by name,
ansible-doc does not list them. The role's own tests (test_role*.py) show that they still work.
"""

from __future__ import annotations

import json
import os
import subprocess

from boomi_harness import BIN

PUBLIC_FILTERS = ['boomi.platform.schedule_text']


def ansible_doc(collections_dir, tmp_path, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(('ANSIBLE_', 'BOOMI_'))}
    env.update(ANSIBLE_COLLECTIONS_PATH=str(collections_dir), ANSIBLE_COLLECTIONS_SCAN_SYS_PATH='false', ANSIBLE_HOME=str(tmp_path),
               ANSIBLE_NOCOLOR='1')
    proc = subprocess.run([str(BIN / 'ansible-doc')] + list(args), cwd=str(tmp_path), env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def test_ansible_doc_lists_exactly_the_public_filters(collections_dir, tmp_path):
    listed = json.loads(ansible_doc(collections_dir, tmp_path, '-t', 'filter', '-l', '--json', 'boomi.platform'))
    assert sorted(listed) == PUBLIC_FILTERS
    assert 'UNDOCUMENTED' not in listed.values()
    for name in PUBLIC_FILTERS:
        doc = json.loads(ansible_doc(collections_dir, tmp_path, '-t', 'filter', '--json', name))
        assert doc[name]['doc']['name'] == name.rsplit('.', 1)[1] and doc[name]['examples'], doc


def test_ansible_doc_shows_the_role_and_that_its_list_is_needed(collections_dir, tmp_path):
    doc = json.loads(ansible_doc(collections_dir, tmp_path, '-t', 'role', '--json', 'boomi.platform.integration_packs'))
    option = doc['boomi.platform.integration_packs']['entry_points']['main']['options']['integration_packs_list']
    assert all(isinstance(line, str) for line in option['description']), option['description']
    assert 'default' not in option and any('missing or empty' in line for line in option['description'])

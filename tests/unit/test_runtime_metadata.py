# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's metadata agrees with its content: action group, module docs, README, versions."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(path.stem for path in (ROOT / 'plugins' / 'modules').glob('*.py') if path.stem != '__init__')
GROUP = 'boomi.platform.boomi'


def read_yaml(relative):
    return yaml.safe_load((ROOT / relative).read_text(encoding='utf-8'))


def module_string(module, name):
    """The string constant ``name`` (DOCUMENTATION, EXAMPLES, RETURN) of a module, read without importing it."""
    tree = ast.parse((ROOT / 'plugins' / 'modules' / (module + '.py')).read_text(encoding='utf-8'))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return node.value.value
    raise AssertionError('%s has no %s' % (module, name))


def fragment_documentation(name):
    tree = ast.parse((ROOT / 'plugins' / 'doc_fragments' / (name + '.py')).read_text(encoding='utf-8'))
    docs = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    docs[target.id] = yaml.safe_load(node.value.value)
    return docs


def test_there_are_modules():
    assert len(MODULES) >= 5, MODULES


def test_action_group_lists_every_module_once():
    group = read_yaml('meta/runtime.yml')['action_groups']['boomi']
    assert len(group) == len(set(group)), 'duplicates in action_groups.boomi: %s' % group
    missing = sorted(set(MODULES) - set(group))
    unknown = sorted(set(group) - set(MODULES))
    assert not missing, 'modules missing from meta/runtime.yml action_groups.boomi: %s' % missing
    assert not unknown, 'action_groups.boomi names modules that do not exist: %s' % unknown


def test_info_modules_are_in_the_group():
    group = read_yaml('meta/runtime.yml')['action_groups']['boomi']
    info = [m for m in MODULES if m.endswith('_info')]
    assert info and set(info) <= set(group)


@pytest.mark.parametrize('module', MODULES)
def test_module_documents_its_action_group(module):
    doc = yaml.safe_load(module_string(module, 'DOCUMENTATION'))
    assert doc['module'] == module
    assert 'boomi.platform.attributes' in doc['extends_documentation_fragment'], module
    assert 'boomi.platform.connection' in doc['extends_documentation_fragment'], module


def test_attributes_fragment_names_the_group():
    attributes = fragment_documentation('attributes')['DOCUMENTATION']['attributes']
    assert attributes['action_group']['membership'] == [GROUP]
    assert 'group/%s' % GROUP in attributes['action_group']['description']


def test_readme_shows_the_group_and_every_module():
    readme = (ROOT / 'README.md').read_text(encoding='utf-8')
    assert 'group/%s:' % GROUP in readme
    for module in MODULES:
        assert '`boomi.platform.%s`' % module in readme, 'README.md does not list %s' % module


def test_docs_use_the_group_name_only():
    """Every ``group/...`` in README and docs/ is the collection's one action group."""
    texts = [ROOT / 'README.md'] + sorted((ROOT / 'docs').glob('*.md'))
    groups = {m for path in texts for m in re.findall(r'group/([\w.]+)', path.read_text(encoding='utf-8'))}
    assert groups == {GROUP}, groups


def test_versions_agree():
    galaxy = read_yaml('galaxy.yml')
    runtime = read_yaml('meta/runtime.yml')
    role_meta = read_yaml('roles/integration_packs/meta/main.yml')
    assert runtime['requires_ansible'] == '>=2.16.0'
    assert str(role_meta['galaxy_info']['min_ansible_version']) == '2.16'
    for module in MODULES:
        added = str(yaml.safe_load(module_string(module, 'DOCUMENTATION'))['version_added'])
        assert tuple(int(p) for p in added.split('.')) <= tuple(int(p) for p in galaxy['version'].split('.')), module


def option_table(relative, heading):
    """``{option: environment variable}`` of the table under ``heading`` (rows ``| `option` | `BOOMI_X` | ...``)."""
    text = (ROOT / relative).read_text(encoding='utf-8')
    section = text.split(heading, 1)[1].split('\n#', 1)[0]
    return dict(re.findall(r'^\| `(\w+)` \| `(BOOMI_\w+)` \|', section, re.M))


@pytest.mark.parametrize('relative, heading', [('README.md', '## Connection and credentials'),
                                               ('docs/credentials.md', '## Where to put them')])
def test_option_tables_name_every_connection_option_and_its_variable(relative, heading):
    """Issue 26.7: the tables of README and docs/credentials.md are the options the modules take, with their variables."""
    from ansible_collections.boomi.platform.plugins.module_utils.connection import OPTIONS
    assert option_table(relative, heading) == {name: env for name, (_kind, env, _default, _secret) in OPTIONS.items()}


def test_the_credentials_page_gives_every_default():
    from ansible_collections.boomi.platform.plugins.module_utils.connection import OPTIONS
    text = (ROOT / 'docs' / 'credentials.md').read_text(encoding='utf-8').split('## Where to put them', 1)[1]
    defaults = {name: cell.strip() for name, cell in re.findall(r'^\| `(\w+)` \| `BOOMI_\w+` \|(.*)\|$', text, re.M)}
    for name, (_kind, _env, default, _secret) in OPTIONS.items():
        if default is None:
            assert name == 'api' or not defaults[name].startswith('`'), name  # api: chosen from space_guid
        else:
            shown = str(default).lower() if isinstance(default, bool) else '%g' % default if isinstance(default, float) else str(default)
            assert defaults[name].startswith('`%s`' % shown), (name, defaults[name])

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""docs/troubleshooting.md quotes the messages as the code prints them.

Every message quoted in the first column of its tables must come from a message the code can build: a string literal
of the collection (its ``%s``/``%r``/``%d`` standing for any value), of the simulator (what Boomi answers), of
ansible-core's argument validation, or a line of the playbooks and the role (their own fail messages). In the page,
``...`` stands for a part left out and quoted values for any value.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from ansible.module_utils.common import validation

ROOT = Path(__file__).resolve().parents[2]
SPECIFIER = re.compile(r'%(?:\(\w+\))?(?:\.\d+)?[srdf]')


def literals():
    files = list((ROOT / 'plugins').glob('**/*.py')) + list((ROOT / 'tests' / 'simulator' / 'boomisim').glob('*.py'))
    files.append(Path(validation.__file__))
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(SPECIFIER.sub('', node.value).split()) >= 3:
                found.append(node.value)  # a message has words; names of options and keys are no messages
    for path in list((ROOT / 'playbooks').glob('*.yml')) + list((ROOT / 'roles').glob('*/tasks/*.yml')):
        for line in path.read_text(encoding='utf-8').splitlines():  # the playbooks' and the role's own fail messages
            text = re.sub(r'\{\{.*?\}\}', '%s', line.strip())
            if len(SPECIFIER.sub('', text).split()) >= 3 and not text.startswith('#'):
                found.append(text)
    return found


def literal_pattern(text):
    """A code literal as a regex: each format specifier stands for any text."""
    return re.compile('.*?'.join(re.escape(part) for part in SPECIFIER.split(text)), re.S)


def piece_pattern(text):
    """A piece of a quoted message as a regex: quoted values and numbers stand for any value (a specifier in the code)."""
    parts = re.split(r"\x00|https?://\S*|\b\d+(?:\.\d+)?\b", re.sub(r'^failed: (HTTP \d+: )?', '', text))
    return re.compile(r'.*?'.join(re.escape(part) for part in parts), re.S)


def quoted_messages():
    rows = [line for line in (ROOT / 'docs' / 'troubleshooting.md').read_text(encoding='utf-8').splitlines() if line.startswith('| `')]
    return [(row, [m.replace('\\|', '|') for m in re.findall(r'`([^`]+)`', row.split(' | ')[0])]) for row in rows]


def traced(message, codes, patterns):
    if any(p.search(message) for p in patterns):  # a whole literal within the message
        return True
    operation = re.match(r'^(.+?) failed: (HTTP \d+: )?(\.\.\.)?$', message)
    if operation:  # "<operation> failed: HTTP 401: ...": an operation the code names (REST <Object>.<call>, GraphQL <field>)
        return bool(re.match(r'^(REST \w+\.\w+|GraphQL \w+|JWT generation)$', operation.group(1)))
    pieces = [p.strip(' :;') for p in re.sub(r"'[^']*'", '\x00', message).split('...')]
    pieces = [p for p in pieces if len(p) >= 15]
    return bool(pieces) and all(any(piece_pattern(piece).search(code) for code in codes) for piece in pieces)


def test_every_quoted_message_comes_from_the_code():
    codes = literals()
    patterns = [literal_pattern(code) for code in codes]
    messages = quoted_messages()
    assert len(messages) > 40
    untraced = [row[:120] for row, quoted in messages if not any(traced(m, codes, patterns) for m in quoted)]
    assert untraced == [], untraced


def test_the_mutually_exclusive_message_is_the_one_a_module_prints(monkeypatch, capsys):
    """password from a BOOMI_* variable and api_token from the task: the page quotes what the module prints (issue 26.7)."""
    import json

    import pytest
    from ansible.module_utils import basic
    from ansible_collections.boomi.platform.plugins.modules import ipack_instance_info

    monkeypatch.setenv('BOOMI_PASSWORD', 'from-the-environment')
    args = {'account_id': 'acme-4F7K2Q', 'username': 'ops@acme.example', 'api_token': 'from-the-task'}
    monkeypatch.setattr(basic, '_ANSIBLE_ARGS', json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode())  # as ansible-core 2.16 to 2.21 read it
    monkeypatch.setattr(basic, '_ANSIBLE_PROFILE', 'legacy', raising=False)
    with pytest.raises(SystemExit):
        ipack_instance_info.main()
    result = json.loads(capsys.readouterr().out)
    assert result['failed'] and 'mutually exclusive' in result['msg'], result
    # the one row about it quotes that message and no other (it used to promise another one for a BOOMI_* variable)
    rows = [quoted for row, quoted in quoted_messages() if 'mutually exclusive' in row]
    assert rows == [[result['msg']]], (result['msg'], rows)

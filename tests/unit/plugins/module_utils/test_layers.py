# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The low layers import only downward (docs/architecture.md): each file of module_utils below the client imports only files
of the layers below its own, never the client, a planner or a module."""

from __future__ import annotations

import ast
import fnmatch
import os

import pytest

from ansible_collections.boomi.platform.plugins.module_utils import errors

PACKAGE = 'ansible_collections.boomi.platform.plugins.module_utils'
MODULE_UTILS = os.path.dirname(errors.__file__)
# From the bottom up: a file may import the files of the layers below its own (patterns: the normalisers of one resource
# beside _shapes, which may use its helpers).
LAYERS = (
    ('errors',),
    ('statefiles', 'connection'),
    ('ratelimit',),
    ('transport',),
    ('_shapes',),
    ('_shapes_*',),
    ('_rest', '_graphql'),
)


def _layer(name):
    for index, patterns in enumerate(LAYERS):
        if any(fnmatch.fnmatch(name, pattern) for pattern in patterns):
            return index
    return None


def _imports(name):
    """The module_utils files ``name`` imports, at the top or inside a function."""
    with open(os.path.join(MODULE_UTILS, name + '.py'), encoding='utf-8') as source:
        tree = ast.parse(source.read())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == PACKAGE:
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or '').startswith(PACKAGE + '.'):
            found.add(node.module[len(PACKAGE) + 1:].split('.')[0])
        elif isinstance(node, ast.Import):
            found.update(a.name[len(PACKAGE) + 1:].split('.')[0] for a in node.names if a.name.startswith(PACKAGE + '.'))
    return found


LOW = sorted(name[:-3] for name in os.listdir(MODULE_UTILS) if name.endswith('.py') and _layer(name[:-3]) is not None)


def test_every_layer_file_exists():
    assert {'errors', 'statefiles', 'connection', 'ratelimit', 'transport', '_shapes', '_rest', '_graphql'} <= set(LOW)


@pytest.mark.parametrize('name', LOW)
def test_a_low_layer_imports_only_the_layers_below_it(name):
    upward = sorted(other for other in _imports(name) - {name} if (_layer(other) is None or _layer(other) >= _layer(name)))
    assert upward == [], '%s imports %s, which are not below it (layers: %s)' % (name, ', '.join(upward), LAYERS)

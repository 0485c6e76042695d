# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Normalisation of the publisher's objects (issue 27; the shapes layer, beside ``_shapes``): Boomi's camelCase JSON of the
Platform REST API (these objects have no GraphQL counterpart) into the snake_case dicts the modules return.

Each object has its own section, headed by a comment naming it.
"""

from __future__ import annotations

import re

from ansible_collections.boomi.platform.plugins.module_utils import _shapes as shapes
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, excerpt

# -- PackagedComponent ---------------------------------------------------------------------------------------------------
PACKAGED_COMPONENT_KEYS = ('package_id', 'component_id', 'component_type', 'component_version', 'version', 'notes', 'shareable',
                           'deleted', 'created_by', 'created_date')
_REVISION = re.compile(r'^[0-9]+(?:\.0+)?$')  # the SPEC's schema says an integer, its examples write "2.0"


def revision(value, what='componentVersion of a PackagedComponent'):
    """A Build revision number as an int (None when absent): ``3``, ``"3"`` or ``"3.0"``."""
    if value is None or value == '':
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _REVISION.match(value.strip()):
        return int(value.strip().split('.')[0])
    raise BoomiError('unexpected answer: %s is %s, not a revision number' % (what, excerpt(repr(value), 60)))


def packaged_component(raw):
    """``{package_id, component_id, component_type, component_version, version, notes, shareable, deleted, created_by,
    created_date}`` of a PackagedComponent (``version`` is its ``packageVersion``; ``notes`` None when it has none; ``shareable``
    None when Boomi does not say; ``deleted`` false when absent)."""
    raw = shapes.json_object(raw, 'a PackagedComponent')
    shareable = raw.get('shareable')
    return {
        'package_id': raw.get('packageId'),
        'component_id': raw.get('componentId'),
        'component_type': raw.get('componentType'),
        'component_version': revision(raw.get('componentVersion')),
        'version': raw.get('packageVersion'),
        'notes': raw.get('notes') or None,
        'shareable': None if shareable is None else shapes.boolean(shareable, 'shareable of a PackagedComponent'),
        'deleted': shapes.boolean(raw.get('deleted') or False, 'deleted of a PackagedComponent'),
        'created_by': raw.get('createdBy'),
        'created_date': raw.get('createdDate'),
    }

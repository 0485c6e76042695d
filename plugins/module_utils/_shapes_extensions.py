# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Normalisation of Boomi's EnvironmentExtensions objects (the shapes layer, beside ``_shapes``).

One shape from both APIs (REST ``EnvironmentExtensions``; GraphQL ``environmentExtensions`` / ``extensionsUpdate``,
which carry the same JSON as text, as a BulkResult, one object or a list of objects)::

    {id, environment_id, extension_group_id,
     connections: [{id, name, fields: [{id, value, use_default, encrypted, encrypted_value_set}]}],
     process_properties: [{id, name, property_values: [{key, label, value, use_default, encrypted, encrypted_value_set}]}],
     dynamic_process_properties: {name: value}}

An encrypted value is never there (``value`` None); ``value`` is None as well when the default is used. The names
(``environment_name``, ``process_id``, ``process_name``) are added by ``extensions.read``.
"""

from __future__ import annotations

import json

from ansible_collections.boomi.platform.plugins.module_utils import _shapes as shapes
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, excerpt

HIDDEN = '[[HIDDEN]]'  # how Boomi shows a stored encrypted process property value


def _flag(value):
    """A Boomi boolean: true, false, or the strings "true"/"false" (any case); absent is false."""
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() == 'true'


def stored_text(value):
    """A value as Boomi stores it: text (a number or a boolean as its JSON text), or None."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value) if isinstance(value, bool) else str(value)


def _items(container, *keys):
    """The objects under the first present key of a section (one object counts as a list of one)."""
    key = next((k for k in keys if isinstance(container, dict) and container.get(k) is not None), None)
    return shapes.json_objects(container[key], 'an item of %s' % key) if key else []


def _value(raw, **ident):
    """A connection field (``ident``: its id) or a process property value (its key and label)."""
    value = stored_text(raw.get('value'))
    value_set = _flag(raw.get('encryptedValueSet'))
    encrypted = _flag(raw.get('usesEncryption')) or value_set or ('key' in ident and value == HIDDEN)
    use_default = _flag(raw['useDefault']) if raw.get('useDefault') is not None else not (value is not None or value_set)
    return dict(ident, value=None if encrypted or use_default else value, use_default=use_default, encrypted=encrypted,
                encrypted_value_set=value_set)


def normalise(raw):
    """One EnvironmentExtensions object (also in the SPEC's Environment wrapper) in the collection's shape, without names."""
    raw = shapes.json_object(raw, 'an EnvironmentExtensions object')
    if isinstance(raw.get('EnvironmentExtensions'), dict):
        raw = raw['EnvironmentExtensions']
    if not raw.get('id'):
        raise BoomiError('unexpected answer: an EnvironmentExtensions object without id: %s' % excerpt(raw))
    return {
        'id': raw['id'],
        'environment_id': raw.get('environmentId'),
        'extension_group_id': raw.get('extensionGroupId') or None,
        'connections': [{'id': conn.get('id'), 'name': conn.get('name'), 'fields': [_value(f, id=f.get('id')) for f in _items(conn, 'field')]}
                        for conn in _items(raw.get('connections'), 'connection')],
        'process_properties': [{'id': comp.get('id'), 'name': comp.get('name'),
                                'property_values': [_value(v, key=v.get('key'), label=v.get('label'))
                                                    for v in _items(comp, 'ProcessPropertyValue', 'processPropertyValue')]}
                               for comp in _items(raw.get('processProperties'), 'ProcessProperty', 'processProperty')],
        'dynamic_process_properties': {prop['name']: stored_text(prop.get('value')) for prop in _items(raw.get('properties'), 'property')
                                       if prop.get('name')},
    }


def parse_text(text, what):
    """The normalised objects of a GraphQL JSON text: a BulkResult, one object or a list of objects; null or "" is none."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return []
    data = text
    if isinstance(text, str):
        try:
            data = json.loads(text)
        except ValueError:
            raise BoomiError('unexpected answer: %s is not JSON: %s' % (what, excerpt(text)))
    found = []
    for item in shapes.as_list(data):
        item = shapes.json_object(item, what)
        if item.get('@type') != 'BulkResult' and ('response' not in item or 'id' in item):
            found.append(normalise(item))
            continue
        for answer in shapes.json_objects(item.get('response'), 'a response of %s' % what):
            result = shapes.first(answer.get('Result'))
            if result is None:
                raise BoomiError('%s: EnvironmentExtensions %s could not be read: %s'
                                 % (what, answer.get('id'), excerpt(answer.get('errorMessage') or 'status %s' % answer.get('statusCode'))))
            found.append(normalise(result))
    return found

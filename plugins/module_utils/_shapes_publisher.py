# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Normalisers of the publisher's side of the Platform REST API (issue 27): Boomi's camelCase JSON into the collection's
snake_case dicts. One section per object."""

from __future__ import annotations

from ansible_collections.boomi.platform.plugins.module_utils._shapes import json_object


# -- IntegrationPackAtomAttachment (and the Atoms, by which names are resolved) -------------------------------------
def atom(raw):
    """A Runtime (REST ``Atom``): ``{id, name, status, type}``."""
    raw = json_object(raw, 'an Atom')
    return {'id': raw.get('id'), 'name': raw.get('name'), 'status': raw.get('status'), 'type': raw.get('type')}


def atom_attachment(raw):
    """An instance attached to a Runtime directly (REST ``IntegrationPackAtomAttachment``): ``{id, atom_id, instance_id}``."""
    raw = json_object(raw, 'an Atom attachment')
    return {'id': raw.get('id'), 'atom_id': raw.get('atomId'), 'instance_id': raw.get('integrationPackInstanceId')}

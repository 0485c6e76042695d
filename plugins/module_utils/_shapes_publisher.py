# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Normalisation of the publisher's objects (REST only: the Platform API's PublisherIntegrationPack, PackagedComponent...)
into the collection's snake_case shapes. Each object has its own section.

- integration pack (PublisherIntegrationPack): ``id, name, description, installation_type ('SINGLE'|'MULTI'), components``
  where each component is ``component_id, component_name, component_type, current_version, pending_version, latest_version,
  deleted``. Boomi sends ``""`` for a version it has not: ``current_version`` before the first release, ``pending_version``
  when the next release brings the current one; both are ``None`` then.
- packaged component (PackagedComponent): ``package_id, component_id, component_type, component_version, version, notes,
  shareable, deleted, created_by, created_date``.
"""

from __future__ import annotations

import re

from ansible_collections.boomi.platform.plugins.module_utils._shapes import boolean, json_object, json_objects

_REVISION = re.compile(r'^[0-9]+(?:\.0+)?$')


# -- PublisherIntegrationPack -------------------------------------------------------------------------------------------------
def _version(value):
    """A packaged version as text (Boomi sends "" for none: None); a number (the examples' "2.0" as a JSON number) as text."""
    if value is None or value == '':
        return None
    return value if isinstance(value, str) else str(value)


def publisher_pack_component(raw):
    raw = json_object(raw, 'a PublisherPackagedComponent')
    return {'component_id': raw.get('componentId'), 'component_name': raw.get('componentName'), 'component_type': raw.get('componentType'),
            'current_version': _version(raw.get('currentVersion')), 'pending_version': _version(raw.get('pendingVersion')),
            'latest_version': _version(raw.get('latestVersion')),
            'deleted': boolean(raw.get('deleted') or False, 'PublisherPackagedComponent.deleted')}


def publisher_pack(raw):
    """A PublisherIntegrationPack (``Description`` as the SPEC spells it, or ``description``); components sorted by id."""
    raw = json_object(raw, 'a PublisherIntegrationPack')
    wrapper = json_object(raw.get('PublisherPackagedComponents') or {}, 'PublisherIntegrationPack.PublisherPackagedComponents')
    items = json_objects(wrapper.get('PublisherPackagedComponent'), 'a PublisherPackagedComponent')
    components = [publisher_pack_component(item) for item in items]
    description = raw.get('Description') if 'Description' in raw else raw.get('description')
    installation_type = raw.get('installationType')
    return {'id': raw.get('id'), 'name': raw.get('name'), 'description': description or '',
            'installation_type': installation_type.upper() if isinstance(installation_type, str) else installation_type,
            'components': sorted(components, key=lambda c: c['component_id'] or '')}


def publisher_pack_to_boomi(name, description, installation_type=None, component_ids=None, pack_id=None):
    """The body of a PublisherIntegrationPack CREATE (``installation_type``) or UPDATE (``pack_id``: ``operationType`` ADD, whose
    component list is the whole new list: Boomi deletes what it leaves out). Components by id only: a new one gets its latest
    packaged version, a kept one keeps its pending version."""
    body = {'name': name, 'Description': description or ''}
    if pack_id is not None:
        body = dict({'id': pack_id}, operationType='ADD', **body)
    if installation_type is not None:
        body['installationType'] = installation_type
    body['PublisherPackagedComponents'] = {'PublisherPackagedComponent': [{'componentId': c} for c in component_ids or []]}
    return body


# -- PackagedComponent ----------------------------------------------------------------------------------------------------------
def packaged_component(raw):
    """A PackagedComponent (``componentVersion`` as the schema's integer or the examples' "2.0": an integer when it is one)."""
    raw = json_object(raw, 'a PackagedComponent')
    revision = raw.get('componentVersion')
    if isinstance(revision, str) and _REVISION.match(revision.strip()):
        revision = int(revision.strip().split('.')[0])
    return {'package_id': raw.get('packageId'), 'component_id': raw.get('componentId'), 'component_type': raw.get('componentType'),
            'component_version': revision, 'version': _version(raw.get('packageVersion')), 'notes': raw.get('notes'),
            'shareable': boolean(raw.get('shareable') or False, 'PackagedComponent.shareable'),
            'deleted': boolean(raw.get('deleted') or False, 'PackagedComponent.deleted'),
            'created_by': raw.get('createdBy'), 'created_date': raw.get('createdDate')}

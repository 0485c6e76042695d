# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Normalisation of the publisher's objects (the shapes layer, beside ``_shapes``): REST only (NEXT-APIS 6.5 item 5).

- packaged component (``PackagedComponent``): ``package_id, component_id, component_type, component_version, version, notes,
  shareable, deleted, created_by, created_date``
- integration pack (``PublisherIntegrationPack``): ``id, name, description, installation_type, components`` where each
  component is ``component_id, component_name, component_type, current_version, pending_version, latest_version, deleted``
  (a version Boomi leaves empty is None)
- release (``ReleaseIntegrationPack`` answer, ``ReleaseIntegrationPackStatus``): ``request_id, status, release_on,
  components`` where each component is ``component_id, version, released_version`` (the version released before)
"""

from __future__ import annotations

from ansible_collections.boomi.platform.plugins.module_utils import _shapes as shapes
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, excerpt


def _version(value):
    """A version as text (Boomi's examples also write numbers); empty is None."""
    if value is None or value == '':
        return None
    return value if isinstance(value, str) else str(value)


def _flag(value, what):
    return False if value is None else shapes.boolean(value, what)


def packaged_component(raw):
    raw = shapes.json_object(raw, 'a PackagedComponent')
    return {
        'package_id': raw.get('packageId'),
        'component_id': raw.get('componentId'),
        'component_type': raw.get('componentType'),
        'component_version': raw.get('componentVersion'),
        'version': _version(raw.get('packageVersion')),
        'notes': raw.get('notes'),
        'shareable': _flag(raw.get('shareable'), 'PackagedComponent.shareable'),
        'deleted': _flag(raw.get('deleted'), 'PackagedComponent.deleted'),
        'created_by': raw.get('createdBy'),
        'created_date': raw.get('createdDate'),
    }


def publisher_pack(raw):
    raw = shapes.json_object(raw, 'a PublisherIntegrationPack')
    wrapper = raw.get('PublisherPackagedComponents') or {}
    items = shapes.json_objects(shapes.json_object(wrapper, 'PublisherPackagedComponents').get('PublisherPackagedComponent'),
                                'a PublisherPackagedComponent')
    return {
        'id': raw.get('id'),
        'name': raw.get('name'),
        'description': shapes.pick(raw, 'Description', 'description'),
        'installation_type': raw.get('installationType'),
        'components': [{
            'component_id': item.get('componentId'),
            'component_name': item.get('componentName'),
            'component_type': item.get('componentType'),
            'current_version': _version(item.get('currentVersion')),
            'pending_version': _version(item.get('pendingVersion')),
            'latest_version': _version(item.get('latestVersion')),
            'deleted': _flag(item.get('deleted'), 'PublisherPackagedComponent.deleted'),
        } for item in items],
    }


# releaseStatus: the enum says IN_PROGRESS, the description INPROGRESS (NEXT-APIS 6.3): both read as IN_PROGRESS
RELEASE_STATUSES = {'IN_PROGRESS': 'IN_PROGRESS', 'INPROGRESS': 'IN_PROGRESS', 'SUCCESS': 'SUCCESS', 'SCHEDULED': 'SCHEDULED',
                    'ERROR': 'ERROR'}
RELEASE_DONE = ('SUCCESS', 'ERROR')


def release(raw, status=None, operation='REST ReleaseIntegrationPackStatus.get'):
    """A release from the answer of ReleaseIntegrationPack (create, update; it has no status: ``status`` is given) or of
    ReleaseIntegrationPackStatus (HTTP 202 while scheduled or in progress, 200 when done; its body bare, or wrapped in an
    AsyncOperationResult as other status calls are). An empty 202 reads as IN_PROGRESS (``status`` when given)."""
    if raw is None:
        return {'request_id': None, 'status': status or 'IN_PROGRESS', 'release_on': None, 'components': [], 'integration_pack_id': None}
    raw = shapes.json_object(raw, 'a release of an integration pack')
    if 'result' in raw and not raw.get('requestId'):  # AsyncOperationResult {responseStatusCode, result: [status]}
        found = shapes.first(raw.get('result'))
        return release(found, status or ('IN_PROGRESS' if found is None else None), operation)
    given = raw.get('releaseStatus')
    if given is not None:
        status = RELEASE_STATUSES.get(str(given).upper().replace(' ', ''))
        if status is None:
            raise BoomiError('unexpected answer: releaseStatus is %s, not one of IN_PROGRESS (INPROGRESS), SUCCESS, SCHEDULED, ERROR'
                             % excerpt(repr(given), 60), operation=operation)
    items = shapes.json_objects(shapes.json_object(raw.get('ReleasePackagedComponents') or {}, 'ReleasePackagedComponents')
                                .get('ReleasePackagedComponent'), 'a ReleasePackagedComponent')
    return {
        'request_id': raw.get('requestId'),
        'status': status,
        'release_on': raw.get('releaseOnDate') or None,
        'components': [{'component_id': item.get('componentId'), 'version': _version(item.get('version')),
                        'released_version': _version(item.get('releasedVersion'))} for item in items],
        'integration_pack_id': shapes.pick(raw, 'integrationPackId', 'id'),
    }

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Normalisation of the publisher's objects (issue 27; the shapes layer, beside ``_shapes``): Boomi's camelCase JSON of the
Platform REST API (these objects have no GraphQL counterpart) into the snake_case dicts the modules return.

Each object has its own section, headed by a comment naming it.

- integration pack (PublisherIntegrationPack): ``id, name, description, installation_type ('SINGLE'|'MULTI'), components``
  where each component is ``component_id, component_name, component_type, current_version, pending_version, latest_version,
  deleted``. Boomi sends ``""`` for a version it has not: ``current_version`` before the first release, ``pending_version``
  when the next release brings the current one; both are ``None`` then.
- packaged component (PackagedComponent): ``package_id, component_id, component_type, component_version, version, notes,
  shareable, deleted, created_by, created_date``.
- release (``ReleaseIntegrationPack`` answer, ``ReleaseIntegrationPackStatus``): ``request_id, status, release_on,
  components`` where each component is ``component_id, version, released_version`` (the version released before).
- Atom attachment (``IntegrationPackAtomAttachment``): ``id, atom_id, instance_id``; Atom (``Atom``): ``id, name, status, type``.
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
    found = shapes.renamed(raw, 'a PackagedComponent', package_id='packageId', component_id='componentId', component_type='componentType',
                           component_version='componentVersion', version='packageVersion', notes='notes', shareable='shareable',
                           deleted='deleted', created_by='createdBy', created_date='createdDate')
    shareable = found['shareable']
    return dict(found, component_version=revision(found['component_version']), notes=found['notes'] or None,
                shareable=None if shareable is None else shapes.boolean(shareable, 'shareable of a PackagedComponent'),
                deleted=shapes.boolean(found['deleted'] or False, 'deleted of a PackagedComponent'))


# -- PublisherIntegrationPack -------------------------------------------------------------------------------------------------
def _version(value):
    """A packaged version as text (Boomi sends "" for none: None); a number (the examples' "2.0" as a JSON number) as text."""
    if value is None or value == '':
        return None
    return value if isinstance(value, str) else str(value)


def publisher_pack_component(raw):
    found = shapes.renamed(raw, 'a PublisherPackagedComponent', component_id='componentId', component_name='componentName',
                           component_type='componentType', current_version='currentVersion', pending_version='pendingVersion',
                           latest_version='latestVersion', deleted='deleted')
    return dict(found, current_version=_version(found['current_version']), pending_version=_version(found['pending_version']),
                latest_version=_version(found['latest_version']),
                deleted=shapes.boolean(found['deleted'] or False, 'PublisherPackagedComponent.deleted'))


def publisher_pack(raw):
    """A PublisherIntegrationPack (``Description`` as the SPEC spells it, or ``description``); components sorted by id."""
    raw = shapes.json_object(raw, 'a PublisherIntegrationPack')
    wrapper = shapes.json_object(raw.get('PublisherPackagedComponents') or {}, 'PublisherIntegrationPack.PublisherPackagedComponents')
    items = shapes.json_objects(wrapper.get('PublisherPackagedComponent'), 'a PublisherPackagedComponent')
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


# -- ReleaseIntegrationPack, ReleaseIntegrationPackStatus ------------------------------------------------------------------
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


def versions(release):
    """``{component id: version}`` of a release."""
    return {c['component_id']: c['version'] for c in release['components']}


def released_versions(pack, deleted=False):
    """``{component id: current version}`` of a publisher pack's components; those removed in the next release only with
    ``deleted``."""
    return {c['component_id']: c['current_version'] for c in pack['components'] if deleted or not c['deleted']}


# -- IntegrationPackAtomAttachment (and the Atoms, by which names are resolved) -------------------------------------
def atom(raw):
    """A Runtime (REST ``Atom``): ``{id, name, status, type}``."""
    return shapes.renamed(raw, 'an Atom', id='id', name='name', status='status', type='type')


def atom_attachment(raw):
    """An instance attached to a Runtime directly (REST ``IntegrationPackAtomAttachment``): ``{id, atom_id, instance_id}``."""
    return shapes.renamed(raw, 'an Atom attachment', id='id', atom_id='atomId', instance_id='integrationPackInstanceId')

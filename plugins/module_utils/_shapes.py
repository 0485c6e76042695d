# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Normalisation of Boomi's JSON into the collection's snake_case shapes.

Boomi's documentation shows some fields as an object in one place and as a list in
another (``integrationPack``, ``processSchedules``, ``ProcessId``...). Everything here
accepts both and returns one shape, the same whichever API produced it:

- pack: ``id, name, description, installation_type``
- instance: ``id, integration_pack_id, integration_pack_name, override_name, installation_type, processes``
  where each process is ``id, name``
- environment: ``id, name, classification, atom_ids``
- attachment: ``id, environment_id, instance_id``
- process: ``id, name, integration_pack_id, instance_id, schedules``
- schedule record: ``id, process_id, atom_id, environment_id, schedule, retry: {schedule, max_retry}``
  where each schedule item is ``minutes, hours, days_of_week, days_of_month, months, years``
"""

from __future__ import annotations

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, excerpt

SCHEDULE_FIELDS = (
    ('minutes', 'minutes'),
    ('hours', 'hours'),
    ('days_of_week', 'daysOfWeek'),
    ('days_of_month', 'daysOfMonth'),
    ('months', 'months'),
    ('years', 'years'),
)


def as_list(value):
    """A list whether Boomi sent nothing, one object or a list."""
    if value is None:
        return []
    if isinstance(value, list):
        return [item for item in value if item is not None]
    return [value]


def json_object(raw, what):
    """``raw`` when it is a JSON object; else a BoomiError, so that a broken or hostile answer never ends in a traceback."""
    if not isinstance(raw, dict):
        raise BoomiError('unexpected answer: %s is %s, not a JSON object' % (what, excerpt(repr(raw), 60)))
    return raw


def required_list(value, what):
    """A list (or one object) that a read must return: null or missing is an error naming ``what``, never "nothing found"."""
    if value is None:
        raise BoomiError('unexpected answer: %s is null or missing; an empty result would be []' % what)
    return value


def json_objects(value, what):
    """``as_list(value)``, each item checked with :func:`json_object`."""
    return [json_object(item, what) for item in as_list(value)]


def boolean(value, what):
    """A JSON boolean, or Boomi's string form of one (``"true"``, ``"false"``, any case)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ('true', 'false'):
        return value.strip().lower() == 'true'
    raise BoomiError('unexpected answer: %s is %s, not a boolean' % (what, excerpt(repr(value), 60)))


def first(value):
    """The object whether Boomi sent it bare or as a list (``None`` when absent)."""
    items = as_list(value)
    return items[0] if items else None


def pick(raw, *keys):
    """The first key of ``raw`` that is present and not None."""
    for key in keys:
        if raw.get(key) is not None:
            return raw[key]
    return None


def pack(raw):
    raw = json_object(raw, 'an integration pack')
    return {
        'id': raw.get('id'),
        'name': raw.get('name'),
        'description': pick(raw, 'description', 'Description'),
        'installation_type': raw.get('installationType'),
    }


def process_ref(raw):
    """A process of an instance: REST ``ProcessId`` entries or GraphQL processes."""
    raw = json_object(raw, 'a process of an instance')
    return {
        'id': pick(raw, 'wrapperProcessId', 'originalProcessId', 'id'),
        'name': raw.get('name'),
    }


def instance(raw, processes=None):
    """An instance from REST ``IntegrationPackInstance`` or GraphQL ``integrationPackInstances``."""
    raw = json_object(raw, 'an integration pack instance')
    ipack = json_object(first(raw.get('integrationPack')) or {}, 'the integration pack of an instance')
    pack_id = pick(raw, 'integrationPackId') or ipack.get('id')
    if processes is None:
        processes = [process_ref(p) for p in as_list(raw.get('ProcessId'))]
    return {
        'id': raw.get('id'),
        'integration_pack_id': pack_id,
        'integration_pack_name': ipack.get('name'),
        'override_name': raw.get('integrationPackOverrideName') or None,
        'installation_type': ipack.get('installationType'),
        'processes': processes,
    }


def account(raw):
    """A (sub-)account from REST ``Account`` or GraphQL ``spaceAccounts`` (which has no status)."""
    raw = json_object(raw, 'an account')
    status = raw.get('status')
    return {'id': pick(raw, 'accountId', 'id'), 'name': raw.get('name'), 'status': str(status).lower() if status else None}


def environment(raw, atom_ids=None):
    raw = json_object(raw, 'an environment')
    if atom_ids is None:
        atom_ids = [atom.get('id') for atom in json_objects(raw.get('atoms'), 'an atom of an environment')]
    return {
        'id': raw.get('id'),
        'name': raw.get('name'),
        'classification': raw.get('classification'),
        'atom_ids': sorted(atom_ids),
    }


def attachment(raw):
    raw = json_object(raw, 'an environment attachment')
    return {
        'id': raw.get('id'),
        'environment_id': raw.get('environmentId'),
        'instance_id': raw.get('integrationPackInstanceId'),
    }


def schedule_item(raw):
    raw = json_object(raw, 'a schedule')
    return {ours: _text(raw.get(theirs)) for ours, theirs in SCHEDULE_FIELDS}


def schedule_item_to_boomi(item):
    return {theirs: item.get(ours) for ours, theirs in SCHEDULE_FIELDS}


def _text(value):
    return None if value is None else str(value)


def schedule_record(raw, environment_id=None):
    """A ProcessSchedules record from REST (``Schedule``/``Retry``) or GraphQL (``schedule``/``retry``)."""
    raw = json_object(raw, 'a process schedules record')
    retry = json_object(first(pick(raw, 'Retry', 'retry')) or {}, 'the retry settings of a process schedules record')
    max_retry = retry.get('maxRetry')
    return {
        'id': raw.get('id'),
        'process_id': raw.get('processId'),
        'atom_id': raw.get('atomId'),
        'environment_id': pick(raw, 'envId', 'environmentId') or environment_id,
        'schedule': [schedule_item(s) for s in as_list(pick(raw, 'Schedule', 'schedule'))],
        'retry': {
            'schedule': [schedule_item(s) for s in as_list(pick(retry, 'Schedule', 'schedule'))],
            'max_retry': int(max_retry) if max_retry is not None else None,
        },
    }


def schedule_record_to_boomi(record):
    """The REST ``ProcessSchedules`` body (also the GraphQL ``processSchedules`` string) of a record."""
    body = {
        'Schedule': [schedule_item_to_boomi(s) for s in record['schedule']],
        'Retry': {'Schedule': [schedule_item_to_boomi(s) for s in record['retry']['schedule']]},
        'processId': record['process_id'],
        'atomId': record['atom_id'],
        'id': record['id'],
    }
    if record['retry'].get('max_retry') is not None:
        body['Retry']['maxRetry'] = record['retry']['max_retry']
    return body


def process(raw, instance_id, schedules):
    raw = json_object(raw, 'a process')
    info = json_object(first(pick(raw, 'IntegrationPack', 'integrationPack')) or {}, 'the integration pack of a process')
    return {
        'id': raw.get('id'),
        'name': raw.get('name'),
        'integration_pack_id': info.get('integrationPackId'),
        'instance_id': info.get('integrationPackInstanceId') or instance_id,
        'schedules': sorted(schedules, key=lambda s: (s['environment_id'] or '', s['atom_id'] or '')),
    }

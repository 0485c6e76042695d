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
- execution (a process run, one per Atom): ``EXECUTION_KEYS``, from an ExecutionRecord; a run request's answer is
  ``request_id, process_id, atom_id``. A run is started with REST ``ExecutionRequest`` (or GraphQL ``processExecute``); its
  record is read with ``GET /ExecutionRecord/async/{requestId}``, which answers HTTP 202 until the record exists, in one of
  three documented forms (an empty 202, a 202 ``AsyncOperationResult`` without result, or a 200 ``AsyncOperationResult``
  whose ``responseStatusCode`` is 202), then the record bare or wrapped in an ``AsyncOperationResult``. Boomi's Long fields
  come as ``["Long", 300]``, ``["Long", "300"]`` or a plain number: all are read.
"""

from __future__ import annotations

import datetime
import json
import re
import time

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
    """The value of the first key of ``raw`` that is present and not None."""
    return next((raw[key] for key in keys if raw.get(key) is not None), None)


def renamed(raw, what, **fields):
    """``raw`` (a JSON object, else an error naming ``what``) in our keys: ``fields`` maps each of our keys to Boomi's, or to
    several, space-separated, of which the first present counts (:func:`pick`)."""
    raw = json_object(raw, what)
    return {ours: pick(raw, *theirs.split()) for ours, theirs in fields.items()}


def pack(raw):
    return renamed(raw, 'an integration pack', id='id', name='name', description='description Description', installation_type='installationType')


def process_ref(raw):
    """A process of an instance: REST ``ProcessId`` entries or GraphQL processes."""
    return renamed(raw, 'a process of an instance', id='wrapperProcessId originalProcessId id', name='name')


def instance(raw, processes=None):
    """An instance from REST ``IntegrationPackInstance`` or GraphQL ``integrationPackInstances``."""
    found = renamed(raw, 'an integration pack instance', id='id', integration_pack_id='integrationPackId', override_name='integrationPackOverrideName')
    ipack = renamed(first(raw.get('integrationPack')) or {}, 'the integration pack of an instance', id='id', name='name',
                    installation_type='installationType')
    if processes is None:
        processes = [process_ref(p) for p in as_list(raw.get('ProcessId'))]
    return dict(found, integration_pack_id=found['integration_pack_id'] or ipack['id'], integration_pack_name=ipack['name'],
                override_name=found['override_name'] or None, installation_type=ipack['installation_type'], processes=processes)


def account(raw):
    """A (sub-)account from REST ``Account`` or GraphQL ``spaceAccounts`` (which has no status)."""
    found = renamed(raw, 'an account', id='accountId id', name='name', status='status')
    return dict(found, status=str(found['status']).lower() if found['status'] else None)


def environment(raw, atom_ids=None):
    raw = json_object(raw, 'an environment')
    if atom_ids is None:
        atom_ids = [atom.get('id') for atom in json_objects(raw.get('atoms'), 'an atom of an environment')]
    return dict(renamed(raw, 'an environment', id='id', name='name', classification='classification'), atom_ids=sorted(atom_ids))


def attachment(raw):
    return renamed(raw, 'an environment attachment', id='id', environment_id='environmentId', instance_id='integrationPackInstanceId')


def schedule_item(raw):
    raw = json_object(raw, 'a schedule')
    return {ours: _text(raw.get(theirs)) for ours, theirs in SCHEDULE_FIELDS}


def schedule_item_to_boomi(item):
    return {theirs: item.get(ours) for ours, theirs in SCHEDULE_FIELDS}


def _text(value):
    return None if value is None else str(value)


def schedule_record(raw, environment_id=None):
    """A ProcessSchedules record from REST (``Schedule``/``Retry``) or GraphQL (``schedule``/``retry``)."""
    found = renamed(raw, 'a process schedules record', id='id', process_id='processId', atom_id='atomId', environment_id='envId environmentId',
                    schedule='Schedule schedule', retry='Retry retry')
    retry = json_object(first(found['retry']) or {}, 'the retry settings of a process schedules record')
    max_retry = retry.get('maxRetry')
    return dict(found, environment_id=found['environment_id'] or environment_id, schedule=[schedule_item(s) for s in as_list(found['schedule'])],
                retry={'schedule': [schedule_item(s) for s in as_list(pick(retry, 'Schedule', 'schedule'))],
                       'max_retry': int(max_retry) if max_retry is not None else None})


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
    found = renamed(raw, 'a process', id='id', name='name')
    info = json_object(first(pick(raw, 'IntegrationPack', 'integrationPack')) or {}, 'the integration pack of a process')
    return dict(found, integration_pack_id=info.get('integrationPackId'), instance_id=info.get('integrationPackInstanceId') or instance_id,
                schedules=sorted(schedules, key=lambda s: (s['environment_id'] or '', s['atom_id'] or '')))


# -- process runs: ExecutionRequest answers and ExecutionRecords --------------------------------------------

# executionType of runs that no ExecutionRequest starts: never adopted as ours.
NOT_REQUESTED = frozenset(('exec_sched', 'retry_sched', 'retry_manual', 'exec_listener', 'exec_listener_bridge', 'sub_process',
                           'test_sub_process', 'fiber'))

EXECUTION_KEYS = ('request_id', 'execution_id', 'atom_id', 'status', 'duration_ms', 'inbound_document_count', 'outbound_document_count',
                  'error_document_count', 'message', 'execution_time')
# The Long counts of an ExecutionRecord: (our key, Boomi's).
EXECUTION_COUNTS = (('duration_ms', 'executionDuration'), ('inbound_document_count', 'inboundDocumentCount'),
                    ('outbound_document_count', 'outboundDocumentCount'), ('error_document_count', 'inboundErrorDocumentCount'))


def long_number(value, what):
    """A Boomi Long or count: ``["Long", 300]``, ``["Long", "300"]``, ``300`` or ``"300"`` as an int (None when absent)."""
    raw = value
    if isinstance(value, list) and len(value) == 2 and value[0] == 'Long':
        value = value[1]
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip('-').isdigit():
        return int(value.strip())
    raise BoomiError('unexpected answer: %s of an ExecutionRecord is %s, not a number' % (what, excerpt(repr(raw), 60)))


def run_request(raw, operation):
    """``{request_id, process_id, atom_id}`` of an ExecutionRequest answer (REST: an object; GraphQL: its JSON text)."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raw = excerpt(raw, 60)
    request_id = raw.get('requestId') if isinstance(raw, dict) else None
    if not isinstance(request_id, str) or not request_id:
        raise BoomiError('the run was requested, but the answer has no requestId to follow it with: %s; look for the run in Boomi '
                         '(Process Reporting) before running the process again' % excerpt(repr(raw), 120), operation=operation)
    return {'request_id': request_id, 'process_id': raw.get('processId'), 'atom_id': raw.get('atomId')}


def async_record(body, operation='REST ExecutionRecord.async'):
    """The ExecutionRecord of an ``ExecutionRecord/async`` answer, or None while Boomi answers that it is not there yet.

    Not there yet: an empty body (HTTP 202), or an ``AsyncOperationResult`` without result whose ``responseStatusCode`` is 202
    (with HTTP 202, or HTTP 200 as the SDK describes). There: the record bare (SPEC) or as ``AsyncOperationResult.result[0]``.
    """
    if body is None:
        return None
    if not isinstance(body, dict):
        raise BoomiError('unexpected answer: %s, not an ExecutionRecord' % excerpt(repr(body), 80), operation=operation)
    if 'result' in body or 'responseStatusCode' in body or body.get('@type') == 'AsyncOperationResult':
        results = as_list(body.get('result'))
        if not results:
            if str(body.get('responseStatusCode', 202)) == '202':
                return None
            raise BoomiError('unexpected answer: an AsyncOperationResult with responseStatusCode %s and no ExecutionRecord'
                             % excerpt(repr(body.get('responseStatusCode')), 20), operation=operation)
        body = results[0]
        if not isinstance(body, dict):
            raise BoomiError('unexpected answer: the result of an AsyncOperationResult is %s, not an ExecutionRecord'
                             % excerpt(repr(body), 60), operation=operation)
    if not body.get('executionId') and not body.get('status'):
        raise BoomiError('unexpected answer: neither an ExecutionRecord nor an AsyncOperationResult (keys %s)'
                         % excerpt(', '.join(sorted(str(k) for k in body)), 120), operation=operation)
    return body


def pending_execution(atom_id, request_id=None):
    """An execution whose record is not known (yet): in check mode, or just after the request."""
    return dict({key: None for key in EXECUTION_KEYS}, request_id=request_id, atom_id=atom_id)


def execution(record, request_id=None, atom_id=None):
    """The execution of an ExecutionRecord (REST or GraphQL item)."""
    found = renamed(record, 'an ExecutionRecord', execution_id='executionId', atom_id='atomId', status='status', message='message',
                    execution_time='executionTime')
    found.update((ours, long_number(record.get(theirs), theirs)) for ours, theirs in EXECUTION_COUNTS)
    found.update(request_id=request_id, atom_id=found['atom_id'] or atom_id, status=_text(found['status']), message=found['message'] or None)
    return {key: found[key] for key in EXECUTION_KEYS}


def format_time(epoch):
    """``epoch`` as Boomi writes date-times: ``yyyy-MM-dd'T'HH:mm:ss'Z'`` (UTC, whole seconds)."""
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(int(epoch)))


def parse_time(text):
    """Seconds since the epoch of a Boomi date-time (``...Z``, ``.000Z``, ``+00:00``), None when it cannot be read."""
    if not isinstance(text, str):
        return None
    value = re.sub(r'\.\d+', '', text.strip().replace('Z', '+00:00'), count=1)  # whole seconds (Python < 3.11 reads 3 or 6 digits only)
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.timezone.utc)
    return parsed.timestamp()


def requested_runs(records, process_id, atom_id):
    """The ExecutionRecords of runs of ``process_id`` on ``atom_id`` that a run request (``ipack_process_run``, Boomi's Execute,
    the API) may have started: not a scheduled, listener, sub-process or retry run."""
    return [r for r in records if isinstance(r, dict) and r.get('executionType') not in NOT_REQUESTED
            and r.get('processId') in (None, process_id) and r.get('atomId') in (None, atom_id)]


def adoptable(records, process_id, atom_id, known_ids=()):
    """The records that may be the run a lost request started: :func:`requested_runs` that are not already ours."""
    return [r for r in requested_runs(records, process_id, atom_id) if r.get('executionId') not in known_ids]


def nearest(records, requested_at):
    """The record whose executionTime is nearest to ``requested_at`` (the run the request started, when there are several)."""
    def distance(record):
        started = parse_time(record.get('executionTime'))
        return (abs(started - requested_at) if started is not None else float('inf'), str(record.get('executionId')))
    return sorted(records, key=distance)[0]


def latest_requested(records, process_id=None, atom_id=None):
    """The latest of :func:`requested_runs` by executionTime (then execution id), or None when there is none."""
    found = requested_runs(records, process_id, atom_id)
    return max(found, key=lambda r: (parse_time(r.get('executionTime')) or 0, str(r.get('executionId')))) if found else None

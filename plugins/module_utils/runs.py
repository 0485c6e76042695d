# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Process runs: what to run where, Boomi's run answers normalised, and waiting for runs to end.

A run is started with REST ``ExecutionRequest`` (or GraphQL ``processExecute``), which answers with a
``requestId``; the run's ``ExecutionRecord`` is then read with ``GET /ExecutionRecord/async/{requestId}``
(see ``REST_WITH_GRAPHQL`` in ``client``). That read answers HTTP 202 until the record exists, in one of
three documented forms (an empty 202, a 202 ``AsyncOperationResult`` without result, or a 200
``AsyncOperationResult`` whose ``responseStatusCode`` is 202), then the record bare or wrapped in an
``AsyncOperationResult``; its ``status`` moves through ENQUEUED, STARTED, INPROCESS to a terminal one.
Boomi's Long fields come as ``["Long", 300]``, ``["Long", "300"]`` or a plain number: all are read.

An execution (what the module returns, one per Atom) is
``request_id, execution_id, atom_id, status, duration_ms, inbound_document_count, outbound_document_count,
error_document_count, message, execution_time``.
"""

from __future__ import annotations

import datetime
import json
import re
import time

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, BoomiInputError, excerpt
from ansible_collections.boomi.platform.plugins.module_utils.names import check_text, shown

# Statuses of an ExecutionRecord (SPEC). A run is over once its status is terminal; it failed when it ended in FAILED.
TERMINAL = frozenset(('COMPLETE', 'COMPLETE_WARN', 'ERROR', 'ABORTED', 'DISCARDED'))
FAILED = frozenset(('ERROR', 'ABORTED', 'DISCARDED'))
# A run passed (as a gate, with fail_on_error) when it ended so.
PASSED = frozenset(('COMPLETE', 'COMPLETE_WARN'))

# Waiting for runs: the first poll after POLL_FIRST seconds, each wait POLL_FACTOR times longer, at most POLL_MAX.
POLL_FIRST = 0.5
POLL_FACTOR = 1.5
POLL_MAX = 10.0

# How long a task waits for its runs by default (the module's wait_timeout).
DEFAULT_WAIT_TIMEOUT = 600

# Looking for a run whose request lost its answer (see BoomiClient.start_run): before each run request one ExecutionRecord
# query reads the runs of the process on the Atom that started at most LOOKUP_SKEW seconds before (the controller's clock and
# Boomi's may differ; executionTime has whole seconds); after a lost answer the same query is repeated, first after
# LOOKUP_POLL_FIRST seconds, then twice as long each time up to LOOKUP_POLL_MAX, until a run that was not there appears (Boomi
# writes the record only some time after the Atom takes the run), for up to wait_timeout seconds.
LOOKUP_SKEW = 300.0
LOOKUP_POLL_FIRST = 0.5
LOOKUP_POLL_MAX = 5.0
# executionType of runs that no ExecutionRequest starts: never adopted as ours.
NOT_REQUESTED = frozenset(('exec_sched', 'retry_sched', 'retry_manual', 'exec_listener', 'exec_listener_bridge', 'sub_process',
                           'test_sub_process', 'fiber'))

EXECUTION_KEYS = ('request_id', 'execution_id', 'atom_id', 'status', 'duration_ms', 'inbound_document_count', 'outbound_document_count',
                  'error_document_count', 'message', 'execution_time')


# -- planning ---------------------------------------------------------------------------------------------


def process_problem(processes, ref, proc):
    """Why ``find_process`` found no single process for ``ref`` (None when it did)."""
    if proc is None:
        return 'process %r: the instance has no such process (its processes: %s)' % (ref, ', '.join(sorted(p['name'] or p['id'] for p in processes)) or 'none')
    if isinstance(proc, list):
        return 'process %r is ambiguous: %s; use the process id' % (ref, ', '.join('%s (%s)' % (p['name'], p['id']) for p in proc))
    return None


def target_atoms(environments, attached_ids, environment=None, atom_id=None, instance_id=None):
    """The Atoms to run on: every Atom of ``environment`` (an environment dict), or the one ``atom_id``.

    ``environments``: every environment with its ``atom_ids``; ``attached_ids``: the ids of the environments the instance is
    attached to (``None``: not known yet, an instance that check mode would install). BoomiInputError when the instance is not
    attached there (Boomi would refuse the run: the process is not deployed to those Atoms) or there is no such Atom.
    """
    if environment is not None:
        env, atoms = environment, list(environment['atom_ids'])
        if not atoms:
            raise BoomiInputError('environment %r (%s) has no Atom to run the process on' % (env['name'], env['id']))
    else:
        owners = [e for e in environments if atom_id in e['atom_ids']]
        if not owners:
            raise BoomiInputError('atom_id %s: no Atom of the account has this id (the Atoms of its environments: %s)'
                                  % (shown(atom_id), ', '.join(sorted(a for e in environments for a in e['atom_ids'])) or 'none'))
        env, atoms = owners[0], [atom_id]
    if attached_ids is not None and env['id'] not in attached_ids:
        raise BoomiInputError('instance %s is not attached to environment %r (%s), so its processes are not deployed to %s: attach '
                              'the instance to that environment first (boomi.platform.ipack_env_attachment)'
                              % (instance_id, env['name'], env['id'], 'its Atoms' if atom_id is None else 'Atom %s' % atom_id))
    return atoms


def dynamic_properties(value, option='dynamic_process_properties'):
    """``{name: value}`` of the option as ``[(name, text or None)]`` (sorted by name); BoomiInputError naming the property.

    Boomi's properties are text: a boolean becomes ``true``/``false``, an integer its digits, null a property without value.
    A float is refused (YAML reads ``1.10`` as 1.1: quote it). Names are checked as names are (``names.check_text``).
    """
    if value is None:
        return []
    if not isinstance(value, dict):
        raise BoomiInputError('%s must be a mapping of property names to values, got %s' % (option, shown(value)))
    out = []
    for name in sorted(value, key=str):
        key = check_text('%s key' % option, name)
        item = value[name]
        where = '%s.%s' % (option, key)
        if isinstance(item, bool):
            item = 'true' if item else 'false'
        elif isinstance(item, int):
            item = str(item)
        elif isinstance(item, float):
            raise BoomiInputError('%s must be a string, got a number: %s (quote it in YAML, for example "1.10")' % (where, shown(item)))
        elif item is not None and not isinstance(item, str):
            kind = {list: 'a list', dict: 'a mapping'}.get(type(item), type(item).__name__)
            raise BoomiInputError('%s must be a string, got %s: %s' % (where, kind, shown(item)))
        out.append((key, item))
    return out


# -- Boomi's answers ----------------------------------------------------------------------------------------


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
        results = body.get('result')
        results = [r for r in (results if isinstance(results, list) else [results]) if r is not None]
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
    if not isinstance(record, dict):
        raise BoomiError('unexpected answer: an ExecutionRecord is %s, not a JSON object' % excerpt(repr(record), 60))
    status = record.get('status')
    return {
        'request_id': request_id,
        'execution_id': record.get('executionId'),
        'atom_id': record.get('atomId') or atom_id,
        'status': str(status) if status is not None else None,
        'duration_ms': long_number(record.get('executionDuration'), 'executionDuration'),
        'inbound_document_count': long_number(record.get('inboundDocumentCount'), 'inboundDocumentCount'),
        'outbound_document_count': long_number(record.get('outboundDocumentCount'), 'outboundDocumentCount'),
        'error_document_count': long_number(record.get('inboundErrorDocumentCount'), 'inboundErrorDocumentCount'),
        'message': record.get('message') or None,
        'execution_time': record.get('executionTime'),
    }


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


def adoptable(records, process_id, atom_id, known_ids=()):
    """The records that may be the run a lost request started: that process on that Atom, not scheduled, not already ours."""
    return [r for r in records if isinstance(r, dict) and r.get('processId') in (None, process_id) and r.get('atomId') in (None, atom_id)
            and r.get('executionType') not in NOT_REQUESTED and r.get('executionId') not in known_ids]


def nearest(records, requested_at):
    """The record whose executionTime is nearest to ``requested_at`` (the run the request started, when there are several)."""
    def distance(record):
        started = parse_time(record.get('executionTime'))
        return (abs(started - requested_at) if started is not None else float('inf'), str(record.get('executionId')))
    return sorted(records, key=distance)[0]


# -- gates: is a run due again? ----------------------------------------------------------------------------------


def is_requested(record):
    """Whether an ExecutionRecord is of a run that a run request (this module, Boomi's Execute, the API) may have started:
    not a scheduled, listener, sub-process or retry run."""
    return isinstance(record, dict) and record.get('executionType') not in NOT_REQUESTED


def latest_requested(records, process_id=None, atom_id=None):
    """The ExecutionRecord of the latest run of ``process_id`` on ``atom_id`` that a run request started (:func:`is_requested`),
    by executionTime (then execution id), or None when there is none."""
    found = [r for r in records if is_requested(r) and r.get('processId') in (None, process_id) and r.get('atomId') in (None, atom_id)]
    if not found:
        return None
    return max(found, key=lambda r: (parse_time(r.get('executionTime')) or 0, str(r.get('executionId'))))


def gate_due(latest):
    """Whether a gate (a smoke-test run that the role starts when its item changed) must run again although nothing changed:
    when ``latest`` (see :func:`latest_requested`) did not end in success, COMPLETE or COMPLETE_WARN (it ended in error, was
    still running, or there is no such run at all)."""
    return latest is None or latest.get('status') not in PASSED


# -- waiting --------------------------------------------------------------------------------------------------


def is_over(item):
    return item['status'] in TERMINAL


def wait_for_runs(client, executions, timeout):
    """Poll every execution not over until all are over or ``timeout`` seconds have passed; True when all are over.

    One read per unfinished run and round (``client.run_record``); between rounds the wait grows from POLL_FIRST by POLL_FACTOR
    to POLL_MAX seconds, never past the deadline, through the client's ``sleep`` and ``clock`` (injectable in tests).
    ``executions`` are updated in place.
    """
    deadline = client.clock() + timeout
    delay = POLL_FIRST
    while True:
        for index, item in enumerate(executions):
            if not is_over(item):
                executions[index] = client.run_record(item)
        if all(is_over(item) for item in executions):
            return True
        left = deadline - client.clock()
        if left <= 0:
            return False
        client.sleep(min(delay, left))
        delay = min(delay * POLL_FACTOR, POLL_MAX)


def describe(item):
    """One run for a message: ``execution <id> on Atom <id>`` (or its request id while it has no record)."""
    if item.get('execution_id'):
        return 'execution %s on Atom %s' % (item['execution_id'], item['atom_id'])
    if item.get('request_id'):
        return 'run request %s on Atom %s' % (item['request_id'], item['atom_id'])
    return 'the run on Atom %s' % item['atom_id']


def timeout_message(process_name, executions, timeout):
    waiting = [item for item in executions if not is_over(item)]
    return ('wait_timeout: %s of process %r did not end within %d seconds (%s); the run goes on in Boomi, it is not cancelled: '
            'follow it in Process Reporting, or raise wait_timeout'
            % ('the run' if len(executions) == 1 else '%d of the %d runs' % (len(waiting), len(executions)), process_name, timeout,
               '; '.join('%s: last status %s' % (describe(i), i['status'] or 'none yet (no execution record)') for i in waiting)))


def failure_message(process_name, executions):
    """The failed runs, with Boomi's message: ``the run of process 'X' ended ERROR (execution ... on Atom ...): <message>``."""
    failed = [item for item in executions if item['status'] in FAILED]
    return '; '.join('the run of process %r ended %s (%s): %s' % (process_name, item['status'], describe(item),
                                                                  item['message'] or 'Boomi gave no message') for item in failed)

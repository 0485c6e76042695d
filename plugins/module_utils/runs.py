# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Process runs: what to run where, whether a gate is due again, and waiting for runs to end.

Boomi's run answers (ExecutionRequest, ``ExecutionRecord/async`` and ExecutionRecord) are read in ``_shapes``, which the
adapters call; an execution (what ``ipack_process_run`` returns, one per Atom) has the keys ``_shapes.EXECUTION_KEYS``.
Runs are started and found again by ``BoomiClient.start_run``.
"""

from __future__ import annotations

from ansible_collections.boomi.platform.plugins.module_utils._shapes_extensions import stored_text
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiInputError
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


# -- planning ---------------------------------------------------------------------------------------------


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
        if isinstance(item, float):
            raise BoomiInputError('%s must be a string, got a number: %s (quote it in YAML, for example "1.10")' % (where, shown(item)))
        if item is not None and not isinstance(item, (str, int)):
            kind = {list: 'a list', dict: 'a mapping'}.get(type(item), type(item).__name__)
            raise BoomiInputError('%s must be a string, got %s: %s' % (where, kind, shown(item)))
        out.append((key, stored_text(item)))  # a boolean as true or false, an integer as its digits
    return out


# -- gates: is a run due again? ----------------------------------------------------------------------------------


def gate_due(latest):
    """Whether a gate (a smoke-test run that the role starts when its item changed) must run again although nothing changed:
    when ``latest`` (see ``_shapes.latest_requested``) did not end in success, COMPLETE or COMPLETE_WARN (it ended in error, was
    still running, or there is no such run at all)."""
    return latest is None or latest.get('status') not in PASSED


# -- waiting --------------------------------------------------------------------------------------------------


def is_over(item):
    return item['status'] in TERMINAL


def wait_for_runs(client, executions, timeout):
    """Poll every execution not over until all are over or ``timeout`` seconds have passed; True when all are over.

    One read per unfinished run and round (``client.run_record``); between rounds the wait grows from POLL_FIRST by POLL_FACTOR
    to POLL_MAX seconds, never past the deadline (``BoomiClient.poll``: the client's ``sleep`` and ``clock``, fakes in tests).
    ``executions`` are updated in place.
    """

    def one_round():
        for index, item in enumerate(executions):
            if not is_over(item):
                executions[index] = client.run_record(item)
        return all(is_over(item) for item in executions)
    return bool(client.poll(one_round, client.clock() + timeout, POLL_FIRST, POLL_FACTOR, POLL_MAX))


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

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The backend-neutral Boomi client the modules call.

:class:`BoomiClient` offers one surface (packs, instances, environments, attachments,
processes and schedules) over two thin adapters, ``_graphql`` and ``_rest``, and returns
the same normalised snake_case data from both (see ``_shapes``). It also owns what must
not depend on the backend: resolving names to ids, caches, which API serves which call
(:data:`REST_WITH_GRAPHQL`), and sending every write through the write protocol of
``_writes`` (``self.writes``). Account groups and pack shares are in ``shares``.
"""

from __future__ import annotations

import threading
import time
from collections import namedtuple

from ansible_collections.boomi.platform.plugins.module_utils import _shapes as shapes
from ansible_collections.boomi.platform.plugins.module_utils import _shapes_publisher as publisher_shapes
from ansible_collections.boomi.platform.plugins.module_utils import _writes
from ansible_collections.boomi.platform.plugins.module_utils import transport as _transport
from ansible_collections.boomi.platform.plugins.module_utils._graphql import GraphqlAdapter
from ansible_collections.boomi.platform.plugins.module_utils._rest import RestAdapter
from ansible_collections.boomi.platform.plugins.module_utils.connection import basic_missing, resolve_config
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiConfigError, BoomiError, BoomiInputError, BoomiOutcomeUnknown
from ansible_collections.boomi.platform.plugins.module_utils.names import nfc, pick, same_name

# Looking for a run whose request lost its answer (see BoomiClient.start_run): before each run request one ExecutionRecord
# query reads the runs of the process on the Atom that started at most LOOKUP_SKEW seconds before (the controller's clock and
# Boomi's may differ; executionTime has whole seconds); after a lost answer the same query is repeated, first after
# LOOKUP_POLL_FIRST seconds, then twice as long each time up to LOOKUP_POLL_MAX, until a run that was not there appears (Boomi
# writes the record only some time after the Atom takes the run), for up to wait_timeout seconds.
LOOKUP_SKEW = 300.0
LOOKUP_POLL_FIRST = 0.5
LOOKUP_POLL_MAX = 5.0
DEFAULT_WAIT_TIMEOUT = 600  # how long a task waits for its runs by default (ipack_process_run's wait_timeout)
# Waiting for a release (BoomiClient.wait_release): its status is read after RELEASE_POLL_FIRST seconds, then twice as long
# each time up to RELEASE_POLL_MAX.
RELEASE_POLL_FIRST = 2.0
RELEASE_POLL_MAX = 30.0


def override_name_problem(pack, override_name):
    """Why ``override_name`` does not fit the pack's installation type (SINGLE: none, MULTI: one), or None."""
    if pack['installation_type'] == 'MULTI' and not override_name:
        return 'override_name is required: integration pack %r (%s) is a MULTI install pack' % (pack['name'], pack['id'])
    if pack['installation_type'] == 'SINGLE' and override_name:
        return 'override_name %r is not allowed: integration pack %r (%s) is a SINGLE install pack' % (override_name, pack['name'], pack['id'])
    return None


# Which API serves which call. Every call goes to the API of the ``api`` option, except these, which the GraphQL API cannot
# answer (or not completely): with ``api: graphql`` they go to the REST API with the same account credentials (the ones the
# JWT is generated from). docs/graphql-vs-rest.md lists them.
REST_WITH_GRAPHQL = {
    'schedule records': 'the ProcessSchedules records of a process whose GraphQL answer cannot show every (process, Atom) record: '
                        'processSchedules is one object, or has fewer records than the Atoms of the environments the instance is '
                        'attached to; such records are also updated through REST',
    'account groups': 'the account groups of sub-accounts (AccountGroup, AccountGroupAccount): GraphQL has no call for them',
    'account statuses': 'the status of sub-accounts (the Account query): GraphQL spaceAccounts gives only ids and names',
    'schedule status': 'the ProcessScheduleStatus of schedule records (enabled or paused): GraphQL has no call for it',
    'run records': 'the ExecutionRecord of a process run (its status, document counts and message, also to find a run whose request '
                   'lost its answer): GraphQL executionHistory cannot find one run by its request id, wants an exact status and '
                   'knows no ENQUEUED run',
    'runs with properties': 'the start of a run with dynamic_process_properties: GraphQL processExecute takes no properties, so such '
                            'a run is started with REST ExecutionRequest',
    'pack shares': 'the account groups an integration pack is shared with, and sharing or unsharing it (AccountGroup, '
                   'AccountGroupIntegrationPack): GraphQL has no call for them',
    'packaged components': 'the packaged versions of a component, and packaging, restoring or deleting one (PackagedComponent): '
                           'GraphQL has no call for them',
    'publisher packs': 'the integration packs the account publishes, and creating, updating or deleting them '
                       '(PublisherIntegrationPack): GraphQL has no call for them',
    'releases': 'releasing an integration pack and reading its release status (ReleaseIntegrationPack, '
                'ReleaseIntegrationPackStatus): GraphQL has no call for them',
    'atom attachments': 'the Runtimes (Atom) and the instances attached to them directly, attaching and detaching them '
                        '(IntegrationPackAtomAttachment): GraphQL has no call for them',
}

# What an instance is attached to: environments (IntegrationPackEnvironmentAttachment, either API) or, on an account without
# environments, Runtimes directly (IntegrationPackAtomAttachment, REST only: REST_WITH_GRAPHQL). kind -> the key of the target
# in an attachment, the ids field of the write journal, and the adapter's list, attach and detach methods.
ATTACHMENT_KINDS = {
    'environment': ('environment_id', 'environment_ids', 'list_attachments', 'attach', 'detach'),
    'atom': ('atom_id', 'atom_ids', 'list_atom_attachments', 'attach_atoms', 'detach_atom'),
}
AttachmentCalls = namedtuple('AttachmentCalls', ['api', 'key', 'ids', 'list', 'attach', 'detach'])


def can_call_rest(config):
    """Whether the connection options ``config`` (resolved) let the client call the REST API: ``api: rest``, or with GraphQL the
    account credentials the JWT is generated from (``account_id``, ``username``, ``api_token`` or ``password``), not only a
    ``bearer_token``."""
    return config.get('api') == 'rest' or not basic_missing(config)


class BoomiClient:
    """One backend-neutral surface over the Boomi GraphQL and REST APIs."""

    def __init__(self, params, warn=None, sleep=None, clock=None):
        self.config = resolve_config(params)
        self._warn = warn or (lambda msg: None)
        # what every wait of the client and its transport (retries, rate limit, runs) sleeps with and is timed by: tests give fakes
        self.sleep, self.clock = sleep or time.sleep, clock or time.time
        self.transport = _transport.Transport(self.config, warn=self._warn, sleep=self.sleep, clock=self.clock)
        # every write of this client (operation, ids, outcome, context) and the protocol it is sent with (see _writes)
        self.writes = _writes.WriteJournal(warn=self._warn)
        self.set_context = self.writes.set_context  # the bulk engine marks each element's writes
        self.api = (GraphqlAdapter if self.config['api'] == 'graphql' else RestAdapter)(self.transport)
        self._packs = None
        self._environments = None
        self._environments_with_atoms = False
        # reads on threads (read_together, concurrent items) that need the same list wait for one read of it
        self._packs_lock, self._environments_lock = threading.Lock(), threading.Lock()
        self._rest_api = None
        self._rest_record_ids = set()  # schedule records read through REST (REST_WITH_GRAPHQL): written through REST too
        self._atoms = None  # the Runtimes (list_atoms), read once

    def rest_for(self, call):
        """The REST adapter for a ``call`` of :data:`REST_WITH_GRAPHQL` (or the client's own when ``api: rest``).

        It shares the transport (and so the credentials) of the client; with only ``bearer_token`` there is no credential
        that REST accepts, and the error says which to add.
        """
        if self.api.name == 'rest':
            return self.api
        if self._rest_api is None:
            if not can_call_rest(self.config):
                raise BoomiConfigError('reading %s needs the REST API, which bearer_token cannot call: give account_id, username and '
                                       'api_token (or password) as well (the JWT is then generated from them)' % REST_WITH_GRAPHQL[call],
                                       operation='connection options')
            self._rest_api = RestAdapter(self.transport)
        return self._rest_api

    def read_together(self, *reads):
        """The results of the callables ``reads`` (reads of this client), in order, sent at the same time on threads that share
        the client's session, JWT and rate limit. When reads fail, the first error in the order given is raised once all have
        ended."""
        results, errors = [None] * len(reads), [None] * len(reads)

        def run(index):
            try:
                results[index] = reads[index]()
            except Exception as exc:  # pylint: disable=broad-exception-caught  # raised below, in this thread
                errors[index] = exc

        threads = [threading.Thread(target=run, args=(index,), daemon=True) for index in range(1, len(reads))]
        for thread in threads:
            thread.start()
        run(0)
        for thread in threads:
            thread.join()
        for error in errors:
            if error is not None:
                raise error
        return results

    # -- accounts ----------------------------------------------------------------------------------------
    def list_accounts(self, with_groups=True, with_status=False):
        """The partner's sub-accounts (GraphQL: the Space's accounts), sorted by id; ``groups``: their account groups' names.

        REST gives each account's ``status``. GraphQL ``spaceAccounts`` gives none: with ``with_status`` the statuses come from one
        REST ``Account`` query (every page: the sub-accounts of the acting account), and an account that query does not return
        has the status ``None``; without it every status is ``None``. With GraphQL the groups come from REST too. With only a
        ``bearer_token`` such a REST read raises :class:`BoomiConfigError` (``with_status``: before any request).
        """
        status_api = self.rest_for('account statuses') if with_status and self.api.name == 'graphql' else None
        accounts = sorted(self.api.list_accounts(), key=lambda a: a['id'] or '')
        if status_api is not None and accounts:
            statuses = {a['id']: a['status'] for a in status_api.list_accounts() if a['id']}
            for item in accounts:
                item['status'] = statuses.get(item['id'])
        groups = self.rest_for('account groups').account_groups([a['id'] for a in accounts]) if with_groups and accounts else {}
        for item in accounts:
            item['groups'] = groups.get(item['id'], [])
        return accounts

    # -- packs ---------------------------------------------------------------------------------------
    def list_packs(self, pack_id=None, name=None, call=None):
        """Packs the account can install (GraphQL: those shared with the space). With ``call`` (a key of
        :data:`REST_WITH_GRAPHQL`) and ``api: graphql``, the account's packs read through REST instead (read anew)."""
        if call is not None and self.api.name != 'rest':
            packs = sorted(self.rest_for(call).list_packs(), key=lambda p: (p['name'] or '', p['id'] or ''))
        else:
            with self._packs_lock:
                if self._packs is None:
                    self._packs = sorted(self.api.list_packs(), key=lambda p: (p['name'] or '', p['id'] or ''))
            packs = self._packs
        return [p for p in packs if (pack_id is None or p['id'] == pack_id) and (name is None or same_name(p['name'], name))]

    def resolve_pack(self, pack_id=None, name=None, call=None):
        """Exactly one pack by id or exact name, else BoomiError naming the option and value (``call``: see list_packs)."""
        in_space = self.api.name == 'graphql' and call is None
        if pack_id is not None:
            found = self.list_packs(pack_id=pack_id, call=call)
            if not found:
                raise BoomiError('integration_pack_id %r: no such integration pack is available to this %s'
                                 % (pack_id, 'space' if in_space else 'account'), operation='pack lookup')
            return found[0]
        found = self.list_packs(name=name, call=call)
        if not found:
            known = sorted({p['name'] for p in self.list_packs(call=call) if p['name']})
            where = 'shared with the space %s' % self.config['space_guid'] if in_space else 'available to the account'
            raise BoomiError('integration_pack_name %r: no integration pack has this name among those %s (available: %s)'
                             % (name, where, ', '.join(known) or 'none'), operation='pack lookup')
        if len(found) > 1:
            raise BoomiError('integration_pack_name %r is ambiguous: %d packs have this name (ids %s); use integration_pack_id'
                             % (name, len(found), ', '.join(p['id'] for p in found)), operation='pack lookup')
        return found[0]

    # -- instances -----------------------------------------------------------------------------------
    def _fill_pack_fields(self, instances):
        """Pack name and installation type, from the packs list when the backend did not send them."""
        if any(not i['integration_pack_name'] or not i['installation_type'] for i in instances):
            packs = {p['id']: p for p in self.list_packs()}
            for item in instances:
                known = packs.get(item['integration_pack_id']) or {}
                item['integration_pack_name'] = item['integration_pack_name'] or known.get('name')
                item['installation_type'] = item['installation_type'] or known.get('installation_type')
        return instances

    def _set_processes(self, instances, include_processes):
        """Processes sorted by name (GraphQL: one request per instance), or no ``processes`` key at all."""
        for item in instances:
            if not include_processes:
                item.pop('processes', None)
                continue
            if self.api.name == 'graphql':
                item['processes'] = [{'id': p['id'], 'name': p['name']} for p in self.api.list_processes(item['id'])]
            item['processes'] = sorted(item['processes'], key=lambda p: (p['name'] or '', p['id'] or ''))
        return instances

    def list_instances(self, instance_id=None, integration_pack_id=None, integration_pack_name=None, override_name=None,
                       include_processes=True):
        """Installed instances matching every given filter (ANDed), sorted by pack name, override name, id."""
        if instance_id is not None:
            found = [i for i in [self.api.get_instance(instance_id)] if i]
        else:
            found = self.api.list_instances(integration_pack_id=integration_pack_id, integration_pack_name=integration_pack_name,
                                            override_name=override_name)
        found = [i for i in self._fill_pack_fields(found)
                 if (integration_pack_id is None or i['integration_pack_id'] == integration_pack_id)
                 and (integration_pack_name is None or same_name(i['integration_pack_name'], integration_pack_name))
                 and (override_name is None or same_name(i['override_name'], override_name))]
        found.sort(key=lambda i: (i['integration_pack_name'] or '', i['override_name'] or '', i['id'] or ''))
        return self._set_processes(found, include_processes)

    def get_instance(self, instance_id, include_processes=True):
        return shapes.first(self.list_instances(instance_id=instance_id, include_processes=include_processes))

    def instance_exists(self, instance_id):
        """Whether the instance exists: one read, without the pack name and type that get_instance adds (REST: a pack list)."""
        return self.api.get_instance(instance_id) is not None

    def find_instance(self, integration_pack_id, override_name=None, include_processes=True):
        """The instance of a pack with that override name (``None`` = the pack's unnamed instance).

        One list request, plus (GraphQL, ``include_processes``) one for the processes of the instance found:
        the listing already holds what a second read of the instance would return.
        """
        found = [i for i in self._fill_pack_fields(self.api.list_instances(integration_pack_id=integration_pack_id))
                 if i['integration_pack_id'] == integration_pack_id and same_name(i['override_name'], override_name)]
        if not found:
            return None
        found.sort(key=lambda i: (i['integration_pack_name'] or '', i['override_name'] or '', i['id'] or ''))
        return self._set_processes(found[:1], include_processes)[0]

    def install_instance(self, integration_pack_id, override_name=None, include_processes=True):
        """Install (see ``writes.send``: a lost answer or a conflict is re-read, never a duplicate).

        ``include_processes=False``: no ``processes`` key (GraphQL: one request less). The instance has ``installed_by_another_run``
        true when another run installed it since our read.
        """
        override_name = nfc(override_name)
        created, by_another_run = self.writes.send(
            {'operation': 'install', 'integration_pack_id': integration_pack_id, 'override_name': override_name},
            lambda: self.api.install(integration_pack_id, override_name),
            lambda: self.find_instance(integration_pack_id, override_name, include_processes=include_processes),
            ('the install of %s' % (override_name or integration_pack_id), 'checking whether the instance was installed',
             'the instance was not installed; sending the install once more'))
        if by_another_run:
            return dict(created, installed_by_another_run=True)
        created = self._set_processes(self._fill_pack_fields([created]), include_processes=include_processes)[0]
        self.writes.last()['instance_id'] = created['id']
        if created['integration_pack_id'] != integration_pack_id or not same_name(created['override_name'], override_name):
            raise BoomiError('the install of integration pack %s named %r answered with an instance of %s named %r (%s): '
                             'check the instance in Boomi' % (integration_pack_id, override_name, created['integration_pack_id'],
                                                              created['override_name'], created['id']), operation='install')
        return created

    def uninstall_instance(self, instance_id):
        """Uninstall (a lost answer is re-read; an instance already gone counts as uninstalled, with a warning)."""
        self.writes.send({'operation': 'uninstall', 'instance_id': instance_id},
                         lambda: self.api.uninstall(instance_id), lambda: self.api.get_instance(instance_id) is None,
                         ('the uninstall of instance %s' % instance_id, 'checking whether the instance was uninstalled',
                          'the instance is still installed; sending the uninstall once more'))

    # -- environments and attachments -------------------------------------------------------------------
    def list_environments(self, with_atoms=True):
        """The environments, sorted by name.

        ``with_atoms=False`` is for callers that use only ids and names: REST then skips the EnvironmentAtomAttachment
        query and ``atom_ids`` is empty (GraphQL reads the atoms in the same request in any case).
        """
        with self._environments_lock:
            if self._environments is None or (with_atoms and not self._environments_with_atoms):
                self._environments = sorted(self.api.list_environments(with_atoms=with_atoms), key=lambda e: (e['name'] or '', e['id'] or ''))
                self._environments_with_atoms = with_atoms or self.api.name == 'graphql'
            return self._environments

    def resolve_environments(self, refs, option='environments', with_atoms=True):
        """Environments for ids or exact names; BoomiError for an unknown or ambiguous one (``with_atoms``: see list_environments)."""
        return pick(self.list_environments(with_atoms=with_atoms), refs, 'environment', option)

    def read_account(self, together=False):
        """The installed instances (without processes), with the packs and environments read into this client's caches for
        the lookups that follow: one after the other, or with ``together`` at the same time. GraphQL reads the attachments
        with the environments, so there they are left to be read after the instances: a read of the attachments older than
        the read of the instances could show another run's new instance with none of its attachments."""
        reads = [lambda: self.list_instances(include_processes=False), self.list_packs]
        if self.api.name == 'rest':
            reads.append(lambda: self.list_environments(with_atoms=False))
        return (self.read_together(*reads) if together else [read() for read in reads])[0]

    def _attachment_calls(self, kind):
        """The :class:`AttachmentCalls` of a ``kind`` of ATTACHMENT_KINDS (Atoms: the REST adapter, REST_WITH_GRAPHQL)."""
        key, ids, list_name, attach_name, detach_name = ATTACHMENT_KINDS[kind]
        api = self.api if kind == 'environment' else self.rest_for('atom attachments')
        return AttachmentCalls(api, key, ids, getattr(api, list_name), getattr(api, attach_name), getattr(api, detach_name))

    def list_attachments(self, instance_id, kind='environment'):
        return self.attachments_by_instance([instance_id], kind)[instance_id]

    def attachments_by_instance(self, instance_ids, kind='environment'):
        """The attachments of several instances at once, as ``{instance_id: [attachment, ...]}``; ``kind``: ``environment``
        or ``atom`` (ATTACHMENT_KINDS).

        REST: one query per 50 instances; GraphQL: the environments query, which also serves
        list_environments (no request when that was read already); Atom attachments: REST, one query per 50 instances.
        """
        found = {i: [] for i in instance_ids}
        key = ATTACHMENT_KINDS[kind][0]
        if found:
            for item in self._attachment_calls(kind).list(sorted(found)):
                if item['instance_id'] in found:
                    found[item['instance_id']].append(item)
        for items in found.values():
            items.sort(key=lambda a: a[key] or '')
        return found

    def attach(self, instance_id, target_ids, current=None, kind='environment'):
        """Attach to every environment (``kind='atom'``: every Runtime), one write per request the API takes (REST: one
        environment or Runtime; GraphQL: all environments).

        Each write follows ``writes.send``: after a lost answer only what is still missing is sent again, and an attachment
        another run made meanwhile counts as done. Returns the instance's attachments afterwards: ``current`` (its
        attachments before the call) plus the new ones when the API answered with every one, else a fresh read.
        """
        target_ids = list(target_ids)
        if not target_ids:
            return []
        calls = self._attachment_calls(kind)
        size = calls.api.attach_batch_size or len(target_ids)
        answers = [self._attach_batch(instance_id, target_ids[start:start + size], calls) for start in range(0, len(target_ids), size)]
        if current is None or None in answers:
            return self.list_attachments(instance_id, kind)
        return sorted(list(current) + [a for answer in answers for a in answer], key=lambda a: a[calls.key] or '')

    def _attach_batch(self, instance_id, batch, calls):
        """One attach write (see :meth:`attach`); the attachments it created, or None when they must be read back."""
        pending = list(batch)  # what is still to be attached: a re-read after a lost answer or a conflict narrows it

        def done_already():
            present = {a[calls.key] for a in calls.list([instance_id])}
            pending[:] = [e for e in batch if e not in present]
            return not pending

        answer, by_another_run = self.writes.send(
            {'operation': 'attach', 'instance_id': instance_id, calls.ids: batch},
            lambda: calls.attach(instance_id, list(pending)), done_already,
            ('the attachment of instance %s to %s' % (instance_id, ', '.join(batch)), 'checking which attachments exist',
             'attachment(s) missing; sending the attach once more for them'), resend_rest=True)
        if answer is True or by_another_run or pending != batch or sorted(a[calls.key] for a in answer) != sorted(batch):
            return None
        return answer

    def change_attachments(self, instance_id, current, to_attach, to_detach, check_mode=False, kind='environment'):
        """Detach ``to_detach``, then attach ``to_attach`` (see names.membership_changes); return the attachments afterwards.
        ``kind``: ``environment`` or ``atom`` (ATTACHMENT_KINDS).

        In check mode nothing is sent: the attachments as they would be, ``id=None`` for those that would be created.
        """
        key = ATTACHMENT_KINDS[kind][0]
        gone = {a[key] for a in to_detach}
        kept = [a for a in current if a[key] not in gone]
        if check_mode:
            return kept + [{'id': None, key: i, 'instance_id': instance_id} for i in to_attach]
        for attachment in to_detach:
            self.detach(attachment, kind)
        return self.attach(instance_id, to_attach, current=kept, kind=kind) if to_attach else kept

    def detach(self, attachment, kind='environment'):
        """Detach (a lost answer is re-read; an attachment already gone counts as detached, with a warning)."""
        calls = self._attachment_calls(kind)
        self.writes.send({'operation': 'detach', 'instance_id': attachment['instance_id'], calls.ids: [attachment[calls.key]]},
                         lambda: calls.detach(attachment),
                         lambda: not any(a['id'] == attachment['id'] for a in calls.list([attachment['instance_id']])),
                         ('the detachment of instance %s from %s' % (attachment['instance_id'], attachment[calls.key]),
                          'checking whether the attachment is gone', 'the attachment still exists; sending the detach once more'))

    # -- processes and schedules -------------------------------------------------------------------------
    def list_processes(self, instance_id, environment_id=None):
        """The instance's processes with their schedule records (only those of ``environment_id`` when given)."""
        try:
            processes = self.api.list_processes(instance_id)
        except BoomiError as exc:
            if exc.code == 'IPACK_INSTANCE_ID_INVALID':
                raise BoomiError('instance_id %r: no such integration pack instance' % instance_id, operation='process lookup')
            raise
        if not processes and self.api.get_instance(instance_id) is None:
            raise BoomiError('instance_id %r: no such integration pack instance' % instance_id, operation='process lookup')
        if self.api.name == 'graphql':
            self._complete_schedules(instance_id, processes)
        for proc in processes:
            if environment_id is not None:
                proc['schedules'] = [s for s in proc['schedules'] if s['environment_id'] == environment_id]
        return sorted(processes, key=lambda p: (p['name'] or '', p['id'] or ''))

    def _complete_schedules(self, instance_id, processes):
        """GraphQL: replace the schedule records of processes whose answer cannot show all of them by REST's (REST_WITH_GRAPHQL)."""
        attached = {a['environment_id'] for a in self.list_attachments(instance_id)}
        atom_env = {atom: env['id'] for env in self.list_environments() if env['id'] in attached for atom in env['atom_ids']}
        # one record per (process, Atom) of the attached environments; fewer (processSchedules as one object) means some are missing
        partial = [p for p in processes if len({r['atom_id'] for r in p['schedules']} & set(atom_env)) < len(atom_env)]
        if not partial:
            return
        records = self.rest_for('schedule records').schedule_records([p['id'] for p in partial], atom_env)
        for proc in partial:
            proc['schedules'] = records.get(proc['id'], [])
            self._rest_record_ids.update(r['id'] for r in proc['schedules'])

    def schedule_status(self, processes, optional=False):
        """Set ``enabled`` (True: the schedules run, False: paused) on every schedule record of ``processes``, in place.

        The status is read through REST (REST_WITH_GRAPHQL): with credentials that cannot call it, BoomiConfigError, or with
        ``optional`` ``enabled`` None on every record and the reason returned (else None).
        """
        ids = [p['id'] for p in processes if p['schedules']]
        found, reason = {}, None
        if ids:
            try:
                found = self.rest_for('schedule status').schedule_status(ids)
            except BoomiConfigError as exc:
                if not optional:
                    raise
                reason = exc.message
        for proc in processes:
            for record in proc['schedules']:
                record['enabled'] = None if reason else found.get((record['process_id'], record['atom_id']), True)
        return reason

    def set_schedule_status(self, record, enabled):
        """Pause (``enabled=False``) or resume the schedules of one record; idempotent, so a lost answer is sent once more."""
        api = self.rest_for('schedule status')
        return self._repeatable('schedule status', record, lambda: api.set_schedule_status(record, enabled),
                                ('the schedule status', 'it can be repeated', 'the schedule status'))

    def update_schedule(self, record):
        """Full replace of one ProcessSchedules record: idempotent, so a lost answer is sent once more."""
        api = self.rest_for('schedule records') if record['id'] in self._rest_record_ids else self.api
        return self._repeatable('schedule', record, lambda: api.update_schedule(record),
                                ('the schedule update', 'a schedule update can be repeated', 'the schedule update'))

    def _repeatable(self, operation, record, send, texts):
        """Send an idempotent write about the schedules of ``record`` (a lost answer: sent once more); its answer."""
        what, why, again = texts
        answer, _by_another_run = self.writes.send(
            {'operation': operation, 'process_id': record['process_id'], 'atom_id': record['atom_id']}, send, lambda: None,
            ('%s of process %s on Atom %s' % (what, record['process_id'], record['atom_id']), 'sending it once more (%s)' % why,
             'sending %s once more' % again))
        return answer

    # -- process runs ------------------------------------------------------------------------------------
    def check_run_apis(self, with_properties=False, follow=True):
        """Before any request: BoomiConfigError when a run needs REST (REST_WITH_GRAPHQL) and the credentials cannot call it.

        ``with_properties``: the run is started with dynamic process properties; ``follow``: its ExecutionRecord is read.
        """
        if with_properties:
            self.rest_for('runs with properties')
        if follow:
            self.rest_for('run records')

    def start_run(self, process_id, atom_id, properties=(), wait_timeout=DEFAULT_WAIT_TIMEOUT):
        """Start one run of a process on an Atom; returns its execution (``_shapes.EXECUTION_KEYS``), status None until read.

        A run is not idempotent, so its request is sent once, never twice (see ``writes.send``). Before it, one ExecutionRecord
        query reads the runs of the process on that Atom (:meth:`_run_records`). When the answer of the request is lost, the
        run is looked for among the runs that appear since, and only those (:meth:`_find_lost_run`, for up to ``wait_timeout``
        seconds): the one found is adopted (``request_id`` None); when none appears the task fails with BoomiOutcomeUnknown
        (the run may have started) and the request time. A refused request (the process is not deployed to the Atom...) is the
        error it is: never "done by another run".
        ``properties``: ``[(name, value or None)]``, dynamic process properties (with GraphQL such a run starts through REST).
        """
        api = self.rest_for('runs with properties') if properties else self.api
        since = shapes.format_time(self.clock() - LOOKUP_SKEW)
        known = self._run_records(process_id, atom_id, since)
        state = {'lost': None, 'requested_at': None}

        def send():
            state['requested_at'] = self.clock()
            try:
                return api.execute(process_id, atom_id, properties)
            except BoomiOutcomeUnknown as exc:
                state['lost'] = exc
                raise

        def started_already():
            if state['lost'] is None:
                return None  # refused: the refusal is the task's error
            return self._find_lost_run(process_id, atom_id, state, since, known, wait_timeout)

        answer, _by_another_run = self.writes.send(
            {'operation': 'run', 'process_id': process_id, 'atom_id': atom_id}, send, started_already,
            ('the run of process %s on Atom %s' % (process_id, atom_id),
             'looking for the new run among the ExecutionRecords of the process on that Atom (for up to %d seconds, wait_timeout); '
             'the run is never requested again' % wait_timeout,
             'the run of process %s on Atom %s is not requested again' % (process_id, atom_id)))
        if 'record' in answer:
            item = shapes.execution(answer['record'], None, atom_id)
            self._warn('the run of process %s on Atom %s was found and adopted: %s (status %s)'
                       % (process_id, atom_id, item['execution_id'], item['status']))
            self.writes.last()['execution_id'] = item['execution_id']
            return item
        self.writes.last()['request_id'] = answer['request_id']
        return shapes.pending_execution(atom_id, answer['request_id'])

    def _run_records(self, process_id, atom_id, since):
        """The execution ids of the runs of the process on the Atom that started at or after ``since`` (one ExecutionRecord
        query), read before a run is requested; None when the credentials cannot call REST (GraphQL with bearer_token only)."""
        try:
            api = self.rest_for('run records')
        except BoomiConfigError:
            return None
        return {r.get('executionId') for r in api.execution_records(process_id, atom_id, since=since)}

    def _find_lost_run(self, process_id, atom_id, state, since, known, wait_timeout):
        """The run a request whose answer was lost started: ``{'record': ExecutionRecord}``; BoomiOutcomeUnknown when none
        appears within ``wait_timeout`` seconds of the request.

        Only a run that was not among ``known`` (the runs read before the request, see :meth:`_run_records`) is ours: a run of
        the process on the Atom (not a scheduled or listener run) that started at or after ``since``. The ExecutionRecord query
        is repeated until one appears (Boomi writes the record only some time after the Atom takes the run); of several, the one
        that started nearest to the request, with a warning.
        """
        requested_at = state['requested_at']
        lost = ('the answer of the run request of process %s on Atom %s, sent at %s by this controller\'s clock, was lost (%s)'
                % (process_id, atom_id, shapes.format_time(requested_at), state['lost'].message))
        look = ('look for it in Boomi (Process Reporting: runs of the process on that Atom since %s) before running the process '
                'again' % shapes.format_time(requested_at))
        try:
            api = self.rest_for('run records')  # known is None when it cannot be called (GraphQL with bearer_token only)
        except BoomiConfigError as exc:
            raise BoomiOutcomeUnknown('%s, and %s; the run was not requested again and may have started: %s'
                                      % (lost, exc.message, look), operation='run lookup')
        found = self.poll(lambda: shapes.adoptable(api.execution_records(process_id, atom_id, since=since), process_id, atom_id, known),
                          requested_at + wait_timeout, LOOKUP_POLL_FIRST, 2, LOOKUP_POLL_MAX)
        if not found:
            raise BoomiOutcomeUnknown('%s, and no new run of the process on that Atom appeared within %d seconds (wait_timeout): '
                                      'the run may have started; it was not requested again: %s' % (lost, wait_timeout, look),
                                      operation='run lookup')
        chosen = shapes.nearest(found, requested_at)
        others = [r for r in found if r is not chosen]
        if others:
            self._warn('%d runs of process %s on Atom %s appeared after the lost request: adopting %s, the one that started '
                       'nearest to the request (the others: %s)'
                       % (len(found), process_id, atom_id, chosen.get('executionId'), ', '.join(str(r.get('executionId')) for r in others)))
        return {'record': chosen}

    def poll(self, attempt, deadline, first, factor, most):
        """``attempt()`` repeated until it returns a true value (returned) or ``deadline`` (by :attr:`clock`) has passed (None);
        between attempts the wait grows from ``first`` by ``factor`` to ``most`` seconds, never past the deadline."""
        delay = first
        while True:
            found = attempt()
            if found:
                return found
            left = deadline - self.clock()
            if left <= 0:
                return None
            self.sleep(min(delay, left))
            delay = min(delay * factor, most)

    def latest_requested_run(self, process_id, atom_id):
        """The ExecutionRecord of the latest run of a process on an Atom that a run request started (not a scheduled, listener,
        sub-process or retry run; ``_shapes.latest_requested``), or None. One ExecutionRecord query, newest first."""
        api = self.rest_for('run records')
        return shapes.latest_requested(api.latest_execution_records(process_id, atom_id, shapes.NOT_REQUESTED), process_id, atom_id)

    def run_record(self, item):
        """``item`` (an execution) with its ExecutionRecord read again; unchanged while Boomi has no record yet.

        By request id (``ExecutionRecord/async``); an adopted run (no request id), or one whose async record is no longer served,
        by its execution id (ExecutionRecord QUERY).
        """
        api = self.rest_for('run records')
        record = api.execution_record(item['request_id']) if item['request_id'] else None
        if record is None and item['execution_id']:
            record = shapes.first([r for r in api.execution_records(execution_id=item['execution_id']) if r.get('executionId') == item['execution_id']])
        return item if record is None else shapes.execution(record, item['request_id'], item['atom_id'])

    # -- environment extensions (extensions.py reads and plans; these read and write) ------------------------------------
    def list_extensions(self, instance, environment_ids):
        """The EnvironmentExtensions objects of an instance (from get_instance) in the environments (``extensions.normalise``):
        one per process for a multi-install pack, the environment's own object for a single-install pack. One request."""
        environment_ids = list(environment_ids)
        if not environment_ids:
            return []
        if self.api.name == 'graphql':
            return self.api.instance_extensions(instance['id'], environment_ids)
        if instance['installation_type'] == 'SINGLE':
            return [o for o in self.api.query_extensions(environment_ids) if not o['extension_group_id']]
        group_ids = [p['id'] for p in instance['processes']]
        return self.api.query_extensions(environment_ids, group_ids) if group_ids else []

    def update_extensions(self, updates):
        """Send the partial updates ``[(object, body)]`` of ``extensions.Plan``; the updated objects in the same order (None where
        an answer carried none). REST: one request per object; GraphQL: one for all.

        A partial update of values is idempotent: when its answer is lost it is sent once more (``done_already`` finds nothing,
        so ``writes.send`` sends it again), and a refusal is the task's error.
        """
        batches = [updates] if self.api.name == 'graphql' else [[u] for u in updates]
        updated = []
        for batch in batches:
            ids = [obj['id'] for obj, _body in batch]
            answer, _by_another_run = self.writes.send(
                {'operation': 'extensions update', 'extension_ids': ids},
                lambda batch=batch: self.api.update_extensions([(obj['id'], body) for obj, body in batch]), lambda: None,
                ('the extensions update of %s' % ', '.join(ids), 'a partial update of extension values can be repeated',
                 'sending the extensions update once more'))
            updated.extend(answer)
        return updated

    # -- publisher: packaged components (REST only: REST_WITH_GRAPHQL['packaged components']) -----------------------------------
    def list_packaged_components(self, component_id):
        """Every packaged version of a component (``_shapes_publisher.packaged_component``: ``{package_id, component_id,
        component_type, component_version, version, notes, shareable, deleted, created_by, created_date}``), deleted ones included
        (``deleted: true``), oldest first (by ``created_date``, then as Boomi listed them). One QUERY (every page). With only a
        ``bearer_token``: BoomiConfigError before any request."""
        found = self.rest_for('packaged components').list_packaged_components(component_id)
        return sorted((p for p in found if p['component_id'] == component_id), key=lambda p: p['created_date'] or '')

    def find_packaged_component(self, component_id, version):
        """The packaged version ``version`` (the packageVersion, compared exactly) of a component, deleted or not (a live one
        first), or None."""
        return packaged_version(self.list_packaged_components(component_id), version)

    def _package_write(self, record, what, send, done, states, hint=''):
        """One write of a packaged component (``record``: its journal entry, with ``component_id`` and ``version``) through
        ``writes.send``; its answer. ``done(found)``: whether the packaged version read again (:meth:`find_packaged_component`)
        shows the write made; ``states``: ``(verb, the version's state when made, when not)``, for the warnings. A refusal (HTTP
        4xx but authentication and rate limits) becomes a BoomiInputError that says which task options Boomi refused (``what``)
        and why."""
        verb, made, missing = states
        try:
            answer, _by_another_run = self.writes.send(
                record, send, lambda: done(self.find_packaged_component(record['component_id'], record['version'])),
                (what, 'checking whether the packaged version was %s' % made, 'the packaged version %s; sending the %s once more' % (missing, verb)))
            return answer
        except BoomiError as exc:
            if exc.status is None or not 400 <= exc.status < 500 or exc.status in _writes.CONFLICT_CHECK_EXCLUDED:
                raise
            raise BoomiInputError('%s was refused (%s, HTTP %d): %s%s' % (what, exc.operation, exc.status, exc.message, hint)) from None

    def create_packaged_component(self, component_id, version, component_version=None, notes=None):
        """Package one version of a component (without ``component_version``, Boomi packages its latest revision).

        A lost answer is settled by re-reading the component's packaged versions: ours is the live ``version`` (built from
        ``component_version`` when given), never created twice; a refusal whose version exists counts as done by another run.
        A refusal (an unknown component, revision or a version that exists) is a BoomiInputError naming the options.
        """
        api = self.rest_for('packaged components')
        what = 'packaging version %r of component_id %r%s' % (
            version, component_id, ' (component_version %d)' % component_version if component_version is not None else '')
        created = self._package_write(
            {'operation': 'package', 'component_id': component_id, 'version': version}, what,
            lambda: api.create_packaged_component(component_id, version, component_version, notes),
            lambda found: found if found and not found['deleted'] and component_version in (None, found['component_version']) else None,
            ('create', 'created', 'is missing'))
        self.writes.last()['package_id'] = created['package_id']
        if created['component_id'] != component_id or created['version'] != version:
            raise BoomiError('%s answered with version %r of component %s (package_id %s): check the packaged components in Boomi'
                             % (what, created['version'], created['component_id'], created['package_id']), operation='package')
        return created

    def restore_packaged_component(self, package):
        """Restore a deleted packaged version (``package`` from :meth:`find_packaged_component`); a lost answer is re-read."""
        api = self.rest_for('packaged components')
        return self._package_change(package, lambda: api.restore_packaged_component(package),
                                    lambda found: found if found and not found['deleted'] and found['package_id'] == package['package_id'] else None,
                                    ('restore', 'restored', 'is still deleted'))

    def delete_packaged_component(self, package):
        """Delete a packaged version (``package`` from :meth:`find_packaged_component`); a lost answer is re-read, and one found
        deleted counts as deleted. Boomi refuses while it is in use: a BoomiInputError naming the component and version."""
        api = self.rest_for('packaged components')
        self._package_change(package, lambda: api.delete_packaged_component(package['package_id']),
                             lambda found: found is None or found['deleted'], ('delete', 'deleted', 'is not deleted'),
                             hint=' (Boomi keeps a packaged version while it is in use: in an integration pack, in a release, deployed or '
                                  'in the Process Library)')

    def _package_change(self, package, send, done, states, hint=''):
        """Restore or delete (``states[0]``) the packaged version ``package`` (see :meth:`_package_write`)."""
        record = {'operation': states[0] + ' package', 'component_id': package['component_id'], 'version': package['version'],
                  'package_id': package['package_id']}
        what = '%sing version %r of component_id %r (package_id %s)' % (states[0][:-1], package['version'], package['component_id'], package['package_id'])
        return self._package_write(record, what, send, done, states, hint)

    # -- publisher: integration packs (PublisherIntegrationPack; REST only, REST_WITH_GRAPHQL) ------------------------------
    def list_publisher_packs(self, pack_id=None, name=None):
        """The integration packs the account publishes (``_shapes_publisher.publisher_pack``) with that id and that exact name
        (``names.same_name``) when given, sorted by name and id. Read anew at each call: by id one GET, else one QUERY (every
        page; names are compared here, in NFC, not by Boomi)."""
        api = self.rest_for('publisher packs')
        found = api.list_publisher_packs() if pack_id is None else [p for p in [api.get_publisher_pack(pack_id)] if p]
        found = [p for p in found if (pack_id is None or p['id'] == pack_id) and (name is None or same_name(p['name'], name))]
        return sorted(found, key=lambda p: (p['name'] or '', p['id'] or ''))

    def resolve_publisher_pack(self, pack_id=None, name=None, option='integration_pack_name'):
        """Exactly one of the packs the account publishes, by id or exact name; else :class:`BoomiInputError` naming the option
        (``option`` for the name; its ``_id`` twin, or ``id``, for the id) and the value."""
        id_option = option[:-len('name')] + 'id' if option.endswith('name') else 'id'
        if pack_id is not None:
            found = self.list_publisher_packs(pack_id=pack_id)
            if not found:
                raise BoomiInputError('%s %r: the account publishes no integration pack with this id' % (id_option, pack_id),
                                      operation='publisher pack lookup')
            return found[0]
        every = self.list_publisher_packs()  # one QUERY: the packs with that name, and the names an error lists
        found = [p for p in every if same_name(p['name'], name)]
        if not found:
            known = sorted({p['name'] for p in every if p['name']})
            raise BoomiInputError('%s %r: the account publishes no integration pack with this name (its packs: %s)'
                                  % (option, name, ', '.join(known) or 'none'), operation='publisher pack lookup')
        if len(found) > 1:
            raise BoomiInputError('%s %r is ambiguous: %d integration packs the account publishes have this name (ids %s); use %s'
                                  % (option, name, len(found), ', '.join(p['id'] for p in found), id_option),
                                  operation='publisher pack lookup')
        return found[0]

    def create_publisher_pack(self, name, description, installation_type, component_ids):
        """Create a pack (``writes.send``); the caller has read that the account publishes no pack with that name. After a lost
        answer the packs with that name are read again and one found is the one created (never a second pack); a refusal whose
        pack another run created since counts as done by it. Returns the pack."""
        name = nfc(name)
        api = self.rest_for('publisher packs')
        created, _by_another_run = self.writes.send(
            {'operation': 'pack create', 'name': name},
            lambda: api.create_publisher_pack(publisher_shapes.publisher_pack_to_boomi(name, description, installation_type, component_ids)),
            lambda: shapes.first(self.list_publisher_packs(name=name)),
            ('the create of integration pack %r' % name, 'checking whether the integration pack was created',
             'the integration pack was not created; sending the create once more'))
        self.writes.last()['integration_pack_id'] = created['id']
        return created

    def update_publisher_pack(self, pack, name, description, component_ids):
        """Update ``pack`` (from list_publisher_packs) to ``name``, ``description`` and exactly ``component_ids`` (the whole
        list: Boomi deletes what an update leaves out). After a lost answer the pack is read again: when it has them, the
        update is done; else it is sent once more (it carries the whole state, so sending it twice changes nothing more).
        ``name`` is sent as given: the pack's own spelling unless it is a rename (Boomi refuses renaming a MULTI pack)."""
        api = self.rest_for('publisher packs')

        def has_them():
            found = api.get_publisher_pack(pack['id'])
            same = found and same_name(found['name'], name) and found['description'] == (description or '')
            return found if same and set(publisher_components(found)) == set(component_ids) else None

        body = publisher_shapes.publisher_pack_to_boomi(name, description, None, component_ids, pack_id=pack['id'])
        updated, _by_another_run = self.writes.send(
            {'operation': 'pack update', 'integration_pack_id': pack['id'], 'name': name},
            lambda: api.update_publisher_pack(pack['id'], body), has_them,
            ('the update of integration pack %r (%s)' % (pack['name'], pack['id']), 'checking whether the integration pack was updated',
             'the integration pack was not updated; sending the update once more'))
        return updated

    def delete_publisher_pack(self, pack):
        """Delete ``pack``: Boomi uninstalls it from every account. A lost answer is settled by reading the pack again (gone:
        deleted), a refusal for a pack already gone counts as done by another run."""
        api = self.rest_for('publisher packs')
        self.writes.send({'operation': 'pack delete', 'integration_pack_id': pack['id'], 'name': pack['name']},
                         lambda: api.delete_publisher_pack(pack['id']), lambda: api.get_publisher_pack(pack['id']) is None,
                         ('the delete of integration pack %r (%s)' % (pack['name'], pack['id']), 'checking whether the integration pack was deleted',
                          'the integration pack is still there; sending the delete once more'))

    # -- publisher: release ----------------------------------------------------------------------------------------------
    def release_status(self, reference):
        """The release ``reference`` (a requestId, or a pack's id: its latest release), or None when Boomi knows none."""
        return self.rest_for('releases').release_status(reference)

    def _release_landed(self, pack, versions, release_on, known_request_id):
        """After a lost answer or a refusal: the release of ``pack`` at ``versions`` (on ``release_on``) that is there now and
        was not before (its latest release was ``known_request_id``), or None. Read from the pack's release status, else from
        the pack itself: its released versions are the ones asked."""
        found = self.release_status(pack['id'])
        if found is not None and found['request_id'] and found['request_id'] != known_request_id:
            return found if publisher_shapes.versions(found) == versions and found['release_on'] == release_on else None
        now = self.list_publisher_packs(pack_id=pack['id']) if found is None and not release_on else None
        released = publisher_shapes.released_versions(now[0]) if now else None
        if released == versions:
            return {'request_id': None, 'status': 'SUCCESS', 'release_on': None, 'integration_pack_id': pack['id'],
                    'components': [{'component_id': c, 'version': v, 'released_version': None} for c, v in released.items()]}
        return None

    def _release_write(self, record, send, landed, texts, release_on):
        """A release or its update through ``writes.send``; the release, its status (None in Boomi's answer) as sent."""
        answer, _by_another_run = self.writes.send(record, send, landed, texts)
        answer['status'] = answer['status'] or ('SCHEDULED' if release_on else 'IN_PROGRESS')
        return answer

    def release_pack(self, pack, versions, release_on=None, known_request_id=None):
        """Release ``pack`` (a publisher pack) with its components at ``versions`` (``{component id: version}``), now or on the
        date ``release_on``; the release (status IN_PROGRESS or SCHEDULED until read).

        A release is not idempotent: sent once (see ``writes.send``). When its answer is lost (or it is refused), the pack's
        release status is read again (``known_request_id``: its latest release before) and a new release of these versions
        counts as made; it is sent again only when none is there.
        """
        api = self.rest_for('releases')
        answer = self._release_write(
            {'operation': 'release', 'integration_pack_id': pack['id'], 'release_on': release_on},
            lambda: api.release_pack(pack['id'], versions, release_on),
            lambda: self._release_landed(pack, versions, release_on, known_request_id),
            ('the release of integration pack %s' % pack['id'], 'checking whether the release was made (its release status)',
             'no release was made; sending the release once more'), release_on)
        self.writes.last()['request_id'] = answer['request_id']
        return answer

    def update_release(self, pack, scheduled, versions, release_on=None):
        """Update the scheduled release ``scheduled`` of ``pack``: its versions and its date (``release_on`` None: release it
        now). A lost answer is settled by reading the release status again (the same request with these versions and date)."""
        api = self.rest_for('releases')

        def updated():
            found = self.release_status(pack['id'])
            same = found is not None and found['request_id'] == scheduled['request_id'] and found['release_on'] == release_on
            return found if same and publisher_shapes.versions(found) == versions and (found['status'] == 'SCHEDULED') == bool(release_on) else None

        answer = self._release_write(
            {'operation': 'release update', 'integration_pack_id': pack['id'], 'request_id': scheduled['request_id'],
             'release_on': release_on},
            lambda: api.update_release(pack['id'], versions, release_on), updated,
            ('the update of the scheduled release %s' % scheduled['request_id'], 'checking whether the release was updated',
             'the release was not updated; sending the update once more'), release_on)
        answer['request_id'] = answer['request_id'] or scheduled['request_id']
        return answer

    def wait_release(self, release, wait_timeout):
        """``(release, ended)``: the release read until its status is SUCCESS or ERROR (``ended`` True), or, after
        ``wait_timeout`` seconds (by :attr:`clock`), as last read (``ended`` False)."""
        last = [release]  # the release as last read (a read that finds none keeps the one before)

        def ended():
            last.append(self.release_status(release['request_id']) or last[-1])
            return last[-1]['status'] in publisher_shapes.RELEASE_DONE

        ended_in_time = self.poll(ended, self.clock() + wait_timeout, RELEASE_POLL_FIRST, 2, RELEASE_POLL_MAX)
        return last[-1], bool(ended_in_time)

    # -- publisher: Atom attachments (instances attached to Runtimes directly; the attach machinery above, kind='atom') ---------
    def list_atoms(self):
        """The account's Runtimes (REST ``Atom``, REST_WITH_GRAPHQL), sorted by name: ``[{id, name, status, type}]``; read once."""
        if self._atoms is None:
            self._atoms = sorted(self.rest_for('atom attachments').list_atoms(), key=lambda a: (a['name'] or '', a['id'] or ''))
        return self._atoms

    def resolve_atoms(self, refs, option='atoms'):
        """Runtimes for ids or exact names; BoomiError naming ``option`` for an unknown or ambiguous one."""
        return pick(self.list_atoms(), refs, 'Atom', option)


def packaged_version(packages, version):
    """The packaged version ``version`` (the packageVersion, compared exactly) among ``packages`` (of one component), deleted or
    not (a live one first), or None."""
    return shapes.first(sorted((p for p in packages if p['version'] == version), key=lambda p: p['deleted']))


def publisher_components(pack):
    """The ids of the components in ``pack`` (a publisher pack), in order, without those removed in the next release
    (``deleted``): the component list the publisher keeps."""
    return [c['component_id'] for c in pack['components'] if not c['deleted']]

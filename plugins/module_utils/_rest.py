# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Adapter: the Boomi Platform REST API (``/api/rest/v1/{accountId}``), JSON flavour."""

from __future__ import annotations

from urllib.parse import quote

from ansible_collections.boomi.platform.plugins.module_utils import _shapes as shapes
from ansible_collections.boomi.platform.plugins.module_utils import _shapes_extensions as ext_shapes
from ansible_collections.boomi.platform.plugins.module_utils import _shapes_publisher as pub_shapes
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, boomi_message, excerpt

OR_CHUNK = 50


def simple(prop, value, operator='EQUALS'):
    return {'argument': [value], 'operator': operator, 'property': prop}


def all_of(*expressions):
    expressions = [e for e in expressions if e]
    if not expressions:
        return None
    if len(expressions) == 1:
        return expressions[0]
    return {'operator': 'and', 'nestedExpression': list(expressions)}


def given(*conditions):
    """The AND of the ``(property, value[, operator])`` conditions whose value is given: an empty one filters nothing."""
    return all_of(*[simple(*condition) for condition in conditions if condition[1]])


def any_of(prop, values):
    values = list(values)
    if len(values) == 1:
        return simple(prop, values[0])
    return {'operator': 'or', 'nestedExpression': [simple(prop, v) for v in values]}


def _query_results(page, obj):
    """The results of one page of a QUERY of ``obj``; an answer that is not a QueryResult must not read as "nothing found"."""
    if not isinstance(page, dict) or not ('result' in page or 'numberOfResults' in page):
        detail = boomi_message(page) or (type(page).__name__ if not isinstance(page, dict) else 'keys %s' % ', '.join(sorted(page)))
        raise BoomiError('unexpected answer, not a QueryResult: %s' % excerpt(detail), operation='REST %s.query' % obj)
    return shapes.json_objects(page.get('result'), 'a result of %s.query' % obj)


def _chunks(values, size):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start:start + size]


class RestAdapter:
    """Backend operations over REST; results in the shapes of ``_shapes``."""

    name = 'rest'
    attach_batch_size = 1  # one IntegrationPackEnvironmentAttachment per request

    def __init__(self, transport):
        self.transport = transport
        cfg = transport.config
        self.base = '%s/api/rest/v1/%s' % (cfg['api_url'], quote(cfg['account_id'], safe=''))
        self.query_string = ''
        if cfg.get('override_account'):  # the Partner API, acting on a sub-account of account_id
            self.base = '%s/partner/api/rest/v1/%s' % (cfg['api_url'], quote(cfg['account_id'], safe=''))
            self.query_string = '?overrideAccount=%s' % quote(cfg['override_account'], safe='')

    # -- plumbing ----------------------------------------------------------------------------
    def _call(self, method, path, operation, body=None, write=False, parse='json', data=None, headers=None):
        # a 401 or 403 names the user, the account or the override_account: errors.access_refused, applied by the transport
        return self.transport.request(method, self.base + path + self.query_string, operation='REST %s' % operation,
                                      auth='basic', json_body=body, data=data, headers=headers, write=write,
                                      parse=parse)

    def query(self, obj, expression=None):
        """Every result of a QUERY, following queryMore to the end."""
        body = {'QueryFilter': {'expression': expression}} if expression else None
        page = self._call('POST', '/%s/query' % obj, '%s.query' % obj, body=body)
        results = []
        while True:
            results.extend(_query_results(page, obj))
            token = page.get('queryToken')
            if not token:
                return results
            page = self._call('POST', '/%s/queryMore' % obj, '%s.queryMore' % obj, data=token.encode('utf-8'),
                              headers={'Content-Type': 'text/plain'})

    def query_any(self, obj, prop, values, extra=None):
        """QUERY where ``prop`` is any of ``values`` (chunked OR groups)."""
        results = []
        for chunk in _chunks(sorted(set(values)), OR_CHUNK):
            results.extend(self.query(obj, all_of(any_of(prop, chunk), extra)))
        return results

    def get(self, obj, object_id, shape):
        """One object by id, in ``shape``; None when Boomi does not know it (400, 404)."""
        try:
            raw = self._call('GET', '/%s/%s' % (obj, quote(object_id, safe='')), '%s.get' % obj)
        except BoomiError as exc:
            if exc.status in (400, 404):
                return None
            raise
        return shape(raw) if raw else None

    def create(self, obj, body, operation='create'):
        """A CREATE of ``obj`` (a write): Boomi's answer."""
        return self._call('POST', '/' + obj, '%s.%s' % (obj, operation), body=body, write=True)

    def update(self, obj, object_id, body, write=True):
        """An UPDATE (``POST /obj/{id}``): Boomi's answer. ``write`` False: an idempotent update, retried as a read is."""
        return self._call('POST', '/%s/%s' % (obj, quote(object_id, safe='')), '%s.update' % obj, body=body, write=write)

    def delete(self, obj, object_id):
        self._call('DELETE', '/%s/%s' % (obj, quote(object_id, safe='')), '%s.delete' % obj, write=True, parse='json-or-empty')

    # -- accounts (of a partner) ------------------------------------------------------------
    def list_accounts(self):
        """The sub-accounts of the account (REST ``Account`` query, every page)."""
        return [shapes.account(a) for a in self.query('Account')]

    def account_groups(self, account_ids):
        """``{account id: [group name, ...]}``: the account groups of the account and their members."""
        groups = {g.get('id'): g.get('name') for g in self.query('AccountGroup') if g.get('id')}
        found = {i: [] for i in account_ids}
        if groups:
            for link in self.query_any('AccountGroupAccount', 'accountGroupId', groups):
                if link.get('accountId') in found and groups.get(link.get('accountGroupId')):
                    found[link['accountId']].append(groups[link['accountGroupId']])
        return {i: sorted(set(names)) for i, names in found.items()}

    # -- packs ---------------------------------------------------------------------------------
    def list_packs(self):
        return [shapes.pack(p) for p in self.query('IntegrationPack')]

    # -- instances -------------------------------------------------------------------------------
    def list_instances(self, integration_pack_id=None, integration_pack_name=None, override_name=None):
        expression = given(('integrationPackId', integration_pack_id), ('integrationPackName', integration_pack_name),
                           ('integrationPackOverrideName', override_name))
        return [shapes.instance(raw) for raw in self.query('IntegrationPackInstance', expression)]

    def get_instance(self, instance_id):
        return self.get('IntegrationPackInstance', instance_id, shapes.instance)

    def install(self, integration_pack_id, override_name=None):
        body = {'integrationPackId': integration_pack_id}
        if override_name is not None:
            body['integrationPackOverrideName'] = override_name
        return shapes.instance(self.create('IntegrationPackInstance', body))

    def uninstall(self, instance_id):
        self.delete('IntegrationPackInstance', instance_id)

    # -- environments and attachments ---------------------------------------------------------
    def list_environments(self, with_atoms=True):
        envs = self.query('Environment')
        atoms = {}
        if with_atoms and envs:
            for link in self.query('EnvironmentAtomAttachment'):
                atoms.setdefault(link.get('environmentId'), []).append(link.get('atomId'))
        return [shapes.environment(e, atoms.get(e.get('id'), [])) for e in envs]

    def list_attachments(self, instance_ids):
        """The attachments of several instances: one query per 50 instances."""
        raw = self.query_any('IntegrationPackEnvironmentAttachment', 'integrationPackInstanceId', instance_ids)
        return [shapes.attachment(a) for a in raw]

    def attach(self, instance_id, environment_ids, obj='IntegrationPackEnvironmentAttachment', key='environmentId', shape=shapes.attachment):
        """Attach the instance to each environment (or, with the others, to each Runtime), one request each; the attachments made."""
        return [shape(self.create(obj, {'integrationPackInstanceId': instance_id, key: target})) for target in environment_ids]

    def detach(self, attachment, obj='IntegrationPackEnvironmentAttachment'):
        self.delete(obj, attachment['id'])

    # -- processes and schedules -------------------------------------------------------------------
    def list_processes(self, instance_id):
        raw_processes = self.query('Process', simple('integrationPackInstanceId', instance_id))
        if not raw_processes:
            return []
        env_ids = [a['environment_id'] for a in self.list_attachments([instance_id])]
        atom_env = {}
        if env_ids:
            for link in self.query_any('EnvironmentAtomAttachment', 'environmentId', env_ids):
                atom_env[link.get('atomId')] = link.get('environmentId')
        by_process = self.schedule_records([p.get('id') for p in raw_processes], atom_env)
        return [shapes.process(p, instance_id, by_process.get(p.get('id'), [])) for p in raw_processes]

    def schedule_records(self, process_ids, atom_env):
        """``{process id: [schedule record]}`` of the processes on the Atoms of ``atom_env`` (``{atom id: environment id}``)."""
        by_process = {}
        if atom_env and process_ids:
            for raw in self.query_any('ProcessSchedules', 'processId', process_ids):
                if raw.get('atomId') in atom_env:
                    record = shapes.schedule_record(raw, atom_env[raw.get('atomId')])
                    by_process.setdefault(record['process_id'], []).append(record)
        return by_process

    def schedule_status(self, process_ids):
        """``{(process id, atom id): enabled}`` of the processes' schedules (ProcessScheduleStatus; ``enabled`` as bool or string)."""
        return {(raw.get('processId'), raw.get('atomId')): shapes.boolean(raw.get('enabled'), 'ProcessScheduleStatus.enabled')
                for raw in self.query_any('ProcessScheduleStatus', 'processId', process_ids)}

    def set_schedule_status(self, record, enabled):
        body = {'id': record['id'], 'processId': record['process_id'], 'atomId': record['atom_id'], 'enabled': bool(enabled)}
        raw = self.update('ProcessScheduleStatus', record['id'], body, write=False)
        return shapes.boolean(shapes.json_object(raw, 'a ProcessScheduleStatus').get('enabled'), 'ProcessScheduleStatus.enabled')

    def update_schedule(self, record):
        raw = self.update('ProcessSchedules', record['id'], shapes.schedule_record_to_boomi(record), write=False)
        return shapes.schedule_record(raw, record.get('environment_id'))

    # -- process runs ------------------------------------------------------------------------------------
    def execute(self, process_id, atom_id, properties=()):
        """Start a run (``ExecutionRequest``): ``{request_id, process_id, atom_id}``. ``properties``: ``[(name, value or None)]``."""
        body = {'@type': 'ExecutionRequest', 'atomId': atom_id, 'processId': process_id}
        if properties:
            body['DynamicProcessProperties'] = {'DynamicProcessProperty': [dict({'name': n}, **({} if v is None else {'value': v}))
                                                                           for n, v in properties]}
        return shapes.run_request(self.create('ExecutionRequest', body), 'REST ExecutionRequest.create')

    def execution_record(self, request_id):
        """The ExecutionRecord of a run by its request id, or None while Boomi has none yet (see ``_shapes.async_record``)."""
        body = self._call('GET', '/ExecutionRecord/async/%s' % quote(request_id, safe=''), 'ExecutionRecord.async', parse='json-or-empty')
        return shapes.async_record(body)

    def execution_records(self, process_id=None, atom_id=None, since=None, execution_id=None):
        """ExecutionRecord QUERY: the runs of a process on an Atom that started at or after ``since`` (``yyyy-MM-ddTHH:mm:ssZ``),
        or the run ``execution_id``."""
        return self.query('ExecutionRecord', given(('executionId', execution_id), ('processId', process_id), ('atomId', atom_id),
                                                   ('executionTime', since, 'GREATER_THAN_OR_EQUAL')))

    def latest_execution_records(self, process_id, atom_id, exclude_types=()):
        """The first page (up to 100) of the ExecutionRecords of a process on an Atom, newest first (QuerySort executionTime DESC):
        runs whose executionType is one of ``exclude_types`` are left out by the query. One request, never queryMore."""
        expression = all_of(simple('processId', process_id), simple('atomId', atom_id),
                            *[simple('executionType', t, 'NOT_EQUALS') for t in sorted(exclude_types)])
        body = {'QueryFilter': {'expression': expression},
                'QuerySort': {'sortField': [{'fieldName': 'executionTime', 'sortOrder': 'DESC'}]}}
        return _query_results(self._call('POST', '/ExecutionRecord/query', 'ExecutionRecord.query', body=body), 'ExecutionRecord')

    # -- environment extensions (normalised by _shapes_extensions.normalise) -------------------------------------------
    # UPDATE is POST /EnvironmentExtensions/{id} (SPEC, SDK); Boomi's Spaces docs, the Boomi CLI and CHG send the same UPDATE to
    # POST /EnvironmentExtensions/{id}/update. Both forms are served; the collection sends to the SPEC's.
    EXTENSIONS_UPDATE_PATH = '/EnvironmentExtensions/%s'

    def query_extensions(self, environment_ids, group_ids=None):
        """The EnvironmentExtensions objects of the environments, only those of the extension groups ``group_ids`` when given."""
        found = []
        for envs in _chunks(sorted(set(environment_ids)), OR_CHUNK):
            for groups in (_chunks(sorted(set(group_ids)), OR_CHUNK) if group_ids else [None]):
                found.extend(self.query('EnvironmentExtensions', all_of(any_of('environmentId', envs),
                                                                        any_of('extensionGroupId', groups) if groups else None)))
        return [ext_shapes.normalise(raw) for raw in found]

    def get_extensions(self, extension_id):
        return self.get('EnvironmentExtensions', extension_id, ext_shapes.normalise)

    def update_extensions(self, items):
        """UPDATE each ``(id, body)``, one request each; the updated objects (read again when an answer carries none)."""
        updated = []
        for extension_id, body in items:
            raw = self._call('POST', self.EXTENSIONS_UPDATE_PATH % quote(extension_id, safe=''), 'EnvironmentExtensions.update', body=body,
                             write=True, parse='json-or-empty')
            updated.append(ext_shapes.normalise(raw) if isinstance(raw, dict) and raw.get('id') else self.get_extensions(extension_id))
        return updated

    # -- integration pack shares with account groups (run in the publisher account) ------------------------------
    def list_account_group_refs(self):
        """The account's account groups (REST ``AccountGroup`` query): ``[{id, name, default_group}]``."""
        return [{'id': g.get('id'), 'name': g.get('name'), 'default_group': shapes.boolean(g.get('defaultGroup') or False, 'AccountGroup.defaultGroup')}
                for g in self.query('AccountGroup') if g.get('id')]

    @staticmethod
    def _pack_share(raw):
        return shapes.renamed(raw, 'an AccountGroupIntegrationPack', id='id', account_group_id='accountGroupId',
                              integration_pack_id='integrationPackId', integration_pack_name='integrationPackName')

    def list_pack_shares(self, account_group_ids):
        """The packs shared with the account groups (``AccountGroupIntegrationPack`` query by ``accountGroupId``, 50 a query)."""
        return [self._pack_share(raw) for raw in self.query_any('AccountGroupIntegrationPack', 'accountGroupId', account_group_ids)]

    def share_pack(self, integration_pack_id, account_group_id):
        return self._pack_share(self.create('AccountGroupIntegrationPack', {'integrationPackId': integration_pack_id, 'accountGroupId': account_group_id}))

    def unshare_pack(self, share_id):
        self.delete('AccountGroupIntegrationPack', share_id)

    # -- PackagedComponent (the publisher's packaged versions of a component; REST only) --------------------------------------
    def list_packaged_components(self, component_id):
        """Every packaged version of a component (QUERY by ``componentId``, every page), deleted ones included."""
        return [pub_shapes.packaged_component(raw) for raw in self.query('PackagedComponent', simple('componentId', component_id))]

    def create_packaged_component(self, component_id, version, component_version=None, notes=None):
        """CREATE one packaged version; without ``component_version`` Boomi packages the component's latest revision."""
        body = {'componentId': component_id, 'packageVersion': version}
        if component_version is not None:
            body['componentVersion'] = component_version
        if notes is not None:
            body['notes'] = notes
        return pub_shapes.packaged_component(self.create('PackagedComponent', body))

    def restore_packaged_component(self, package):
        """Restore a deleted packaged version: a CREATE with its ``packageId``, ``componentId`` and ``packageVersion``."""
        body = {'packageId': package['package_id'], 'componentId': package['component_id'], 'packageVersion': package['version']}
        return pub_shapes.packaged_component(self.create('PackagedComponent', body, 'restore'))

    def delete_packaged_component(self, package_id):
        self.delete('PackagedComponent', package_id)

    # -- PublisherIntegrationPack (the publisher's packs; normalised by _shapes_publisher) ----------------------------------
    def list_publisher_packs(self):
        """Every PublisherIntegrationPack of the account (QUERY without a filter, every page)."""
        return [pub_shapes.publisher_pack(raw) for raw in self.query('PublisherIntegrationPack')]

    def get_publisher_pack(self, pack_id):
        """One PublisherIntegrationPack by id, or None when Boomi does not know it."""
        return self.get('PublisherIntegrationPack', pack_id, pub_shapes.publisher_pack)

    def create_publisher_pack(self, body):
        return pub_shapes.publisher_pack(self.create('PublisherIntegrationPack', body))

    def update_publisher_pack(self, pack_id, body):
        return pub_shapes.publisher_pack(self.update('PublisherIntegrationPack', pack_id, body))

    def delete_publisher_pack(self, pack_id):
        self.delete('PublisherIntegrationPack', pack_id)

    # -- ReleaseIntegrationPack, ReleaseIntegrationPackStatus --------------------------------------------------------------
    @staticmethod
    def _release_body(pack_id, versions, release_on):
        body = {'id': pack_id, 'releaseSchedule': 'RELEASE_ON_SPECIFIED_DATE' if release_on else 'IMMEDIATELY'}
        if release_on:
            body['releaseOnDate'] = release_on
        body['ReleasePackagedComponents'] = {'ReleasePackagedComponent': [{'componentId': component_id, 'version': version}
                                                                          for component_id, version in sorted(versions.items())]}
        return body

    def release_pack(self, pack_id, versions, release_on=None):
        """ReleaseIntegrationPack CREATE of the pack's components at ``versions`` (``{component id: version}``), now or on the
        date ``release_on`` (``yyyy-MM-dd``); the answer (``_shapes_publisher.release``) has no status (None)."""
        return pub_shapes.release(self.create('ReleaseIntegrationPack', self._release_body(pack_id, versions, release_on)), None,
                                  'REST ReleaseIntegrationPack.create')

    def update_release(self, pack_id, versions, release_on=None):
        """ReleaseIntegrationPack UPDATE (``POST /{id}``, the pack's id) of the pack's scheduled release: its versions and date
        (``release_on`` None: release it now)."""
        raw = self.update('ReleaseIntegrationPack', pack_id, self._release_body(pack_id, versions, release_on))
        return pub_shapes.release(raw, None, 'REST ReleaseIntegrationPack.update')

    def release_status(self, reference):
        """ReleaseIntegrationPackStatus of a release (``reference``: its requestId, or the pack's id for its latest release), or
        None when Boomi knows none (404). HTTP 202 while scheduled or in progress, 200 when done: both bodies are read."""
        try:
            raw = self._call('GET', '/ReleaseIntegrationPackStatus/%s' % quote(reference, safe=''), 'ReleaseIntegrationPackStatus.get',
                             parse='json-or-empty')
        except BoomiError as exc:
            if exc.status == 404:
                return None
            raise
        return pub_shapes.release(raw)

    # -- IntegrationPackAtomAttachment (and Atom, to resolve Runtime names) ---------------------------------------------
    def list_atoms(self):
        """The account's Runtimes (REST ``Atom`` query, every page): ``[{id, name, status, type}]``."""
        return [pub_shapes.atom(raw) for raw in self.query('Atom')]

    def list_atom_attachments(self, instance_ids):
        """The Atom attachments of several instances: one query per 50 instances."""
        raw = self.query_any('IntegrationPackAtomAttachment', 'integrationPackInstanceId', instance_ids)
        return [pub_shapes.atom_attachment(a) for a in raw]

    def attach_atoms(self, instance_id, atom_ids):
        return self.attach(instance_id, atom_ids, 'IntegrationPackAtomAttachment', 'atomId', pub_shapes.atom_attachment)

    def detach_atom(self, attachment):
        self.detach(attachment, 'IntegrationPackAtomAttachment')

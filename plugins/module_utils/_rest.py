# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Adapter: the Boomi Platform REST API (``/api/rest/v1/{accountId}``), JSON flavour."""

from __future__ import annotations

from urllib.parse import quote

from ansible_collections.boomi.platform.plugins.module_utils import _shapes as shapes
from ansible_collections.boomi.platform.plugins.module_utils import extensions
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


def any_of(prop, values):
    values = list(values)
    if len(values) == 1:
        return simple(prop, values[0])
    return {'operator': 'or', 'nestedExpression': [simple(prop, v) for v in values]}


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

    # -- plumbing ----------------------------------------------------------------------------
    def _call(self, method, path, operation, body=None, write=False, parse='json', data=None, headers=None):
        return self.transport.request(method, self.base + path, operation='REST %s' % operation, auth=self.transport.basic_auth(),
                                      json_body=body,
                                      data=data, headers=headers, write=write, parse=parse)

    def query(self, obj, expression=None):
        """Every result of a QUERY, following queryMore to the end."""
        body = {'QueryFilter': {'expression': expression}} if expression else None
        page = self._call('POST', '/%s/query' % obj, '%s.query' % obj, body=body)
        results = []
        while True:
            if not isinstance(page, dict) or not ('result' in page or 'numberOfResults' in page):
                # an answer that is not a QueryResult must not read as "nothing found"
                detail = boomi_message(page) or (type(page).__name__ if not isinstance(page, dict) else 'keys %s' % ', '.join(sorted(page)))
                raise BoomiError('unexpected answer, not a QueryResult: %s' % excerpt(detail), operation='REST %s.query' % obj)
            results.extend(shapes.json_objects(page.get('result'), 'a result of %s.query' % obj))
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

    def get(self, obj, object_id):
        try:
            return self._call('GET', '/%s/%s' % (obj, quote(object_id, safe='')), '%s.get' % obj)
        except BoomiError as exc:
            if exc.status in (400, 404):
                return None
            raise

    # -- packs ---------------------------------------------------------------------------------
    def list_packs(self):
        return [shapes.pack(p) for p in self.query('IntegrationPack')]

    # -- instances -------------------------------------------------------------------------------
    def list_instances(self, integration_pack_id=None, integration_pack_name=None, override_name=None):
        expression = all_of(
            simple('integrationPackId', integration_pack_id) if integration_pack_id else None,
            simple('integrationPackName', integration_pack_name) if integration_pack_name else None,
            simple('integrationPackOverrideName', override_name) if override_name else None,
        )
        return [shapes.instance(raw) for raw in self.query('IntegrationPackInstance', expression)]

    def get_instance(self, instance_id):
        raw = self.get('IntegrationPackInstance', instance_id)
        return shapes.instance(raw) if raw else None

    def install(self, integration_pack_id, override_name=None):
        body = {'integrationPackId': integration_pack_id}
        if override_name is not None:
            body['integrationPackOverrideName'] = override_name
        raw = self._call('POST', '/IntegrationPackInstance', 'IntegrationPackInstance.create', body=body, write=True)
        return shapes.instance(raw)

    def uninstall(self, instance_id):
        self._call('DELETE', '/IntegrationPackInstance/%s' % quote(instance_id, safe=''), 'IntegrationPackInstance.delete',
                   write=True, parse='json-or-empty')

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

    def attach(self, instance_id, environment_ids):
        created = []
        for env_id in environment_ids:
            raw = self._call('POST', '/IntegrationPackEnvironmentAttachment', 'IntegrationPackEnvironmentAttachment.create',
                             body={'integrationPackInstanceId': instance_id, 'environmentId': env_id}, write=True)
            created.append(shapes.attachment(raw))
        return created

    def detach(self, attachment):
        self._call('DELETE', '/IntegrationPackEnvironmentAttachment/%s' % quote(attachment['id'], safe=''),
                   'IntegrationPackEnvironmentAttachment.delete', write=True, parse='json-or-empty')

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

    def update_schedule(self, record):
        body = shapes.schedule_record_to_boomi(record)
        raw = self._call('POST', '/ProcessSchedules/%s' % quote(record['id'], safe=''), 'ProcessSchedules.update', body=body)
        return shapes.schedule_record(raw, record.get('environment_id'))

    # -- environment extensions (normalised by extensions.normalise) ---------------------------------------------------
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
        return [extensions.normalise(raw) for raw in found]

    def get_extensions(self, extension_id):
        raw = self.get('EnvironmentExtensions', extension_id)
        return extensions.normalise(raw) if raw else None

    def update_extensions(self, items):
        """UPDATE each ``(id, body)``, one request each; the updated objects (read again when an answer carries none)."""
        updated = []
        for extension_id, body in items:
            raw = self._call('POST', self.EXTENSIONS_UPDATE_PATH % quote(extension_id, safe=''), 'EnvironmentExtensions.update', body=body,
                             write=True, parse='json-or-empty')
            updated.append(extensions.normalise(raw) if isinstance(raw, dict) and raw.get('id') else self.get_extensions(extension_id))
        return updated

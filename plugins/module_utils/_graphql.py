# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Adapter: the Boomi Spaces GraphQL API. Every value travels as a GraphQL variable."""

from __future__ import annotations

import json

from ansible_collections.boomi.platform.plugins.module_utils import _shapes as shapes
from ansible_collections.boomi.platform.plugins.module_utils import _shapes_extensions as ext_shapes
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, excerpt

SCHEDULE_SELECTION = 'minutes hours daysOfWeek daysOfMonth months years'

Q_INSTANCES = 'query ipackInstances { integrationPackInstances { id integrationPackId integrationPackOverrideName ' \
              'integrationPack { id name description installationType } } }'
Q_PACKS = 'query sharedIpacks($id: ID!) { Space(id: $id) { id sharedIpacks { id name description installationType } } }'
Q_ENVIRONMENTS = 'query environments { environments { id name classification ' \
                 'integrationPackEnvironmentAttachment { id environmentId integrationPackInstanceId } atoms { id name } } }'
Q_PROCESSES = 'query processes($instanceId: ID!) { integrationPackInstanceProcesses(integrationPackInstanceId: $instanceId) { ' \
              'id name integrationPack { integrationPackId integrationPackInstanceId } ' \
              'processSchedules { id processId atomId envId schedule { %s } retry { schedule { %s } maxRetry } } } }' \
              % (SCHEDULE_SELECTION, SCHEDULE_SELECTION)
Q_ACCOUNTS = 'query spaceAccounts { spaceAccounts { id name } }'
M_INSTALL = 'mutation installIpack($input: IntegrationPackInstanceInput!) { integrationPackInstanceInstall(input: $input) { ' \
            'id integrationPackId integrationPackOverrideName } }'
M_UNINSTALL = 'mutation uninstallIpack($id: ID!) { integrationPackInstanceUninstall(id: $id) }'
M_ATTACH = 'mutation attachIpackInstance($input: IntegrationPackEnvironmentAttachmentInput!) { ' \
           'integrationPackInstanceEnvironmentAttachmentAttach(input: $input) { id environmentId integrationPackInstanceId } }'
M_DETACH = 'mutation unattachIpackInstance($id: ID!) { integrationPackInstanceEnvironmentAttachmentUnattach(id: $id) }'
M_SCHEDULES = 'mutation updateSchedules($schedules: String!, $id: String!) { ' \
              'processSchedulesUpdate(processSchedules: $schedules, processSchedulesId: $id) { ' \
              'id processId atomId envId schedule { %s } retry { schedule { %s } maxRetry } } }' % (SCHEDULE_SELECTION, SCHEDULE_SELECTION)


class GraphqlAdapter:
    """Backend operations over GraphQL; results in the shapes of ``_shapes``."""

    name = 'graphql'
    attach_batch_size = None  # every environment in one request

    def __init__(self, transport):
        self.transport = transport
        self.url = transport.config['graphql_url']
        self.space_guid = transport.config['space_guid']
        self._env_cache = None

    def _call(self, document, field, variables=None, write=False):
        operation = 'GraphQL %s' % field
        headers = {'Content-Type': 'application/json', 'SPACE_GUID': self.space_guid}
        body = self.transport.request('POST', self.url, operation=operation, json_body={'query': document, 'variables': variables or {}},
                                      headers=headers, write=write, auth='jwt')
        if not isinstance(body, dict):
            raise BoomiError('unexpected answer (%s)' % type(body).__name__, operation=operation)
        errors = body.get('errors')
        if errors:
            errors = shapes.as_list(errors)
            code = (errors[0].get('extensions') or {}).get('code') if isinstance(errors[0], dict) else None
            messages = '; '.join(str(e.get('message')) if isinstance(e, dict) else str(e) for e in errors)
            raise BoomiError(excerpt(messages, 1000), code=code, operation=operation)
        data = body.get('data')
        if not isinstance(data, dict) or field not in data:
            raise BoomiError('the answer has no data for %s' % field, operation=operation)
        return data[field]

    # -- accounts ------------------------------------------------------------------------------------
    def list_accounts(self):
        """The accounts of the Space (``spaceAccounts``: ids and names, no status)."""
        found = shapes.required_list(self._call(Q_ACCOUNTS, 'spaceAccounts'), 'spaceAccounts')
        return [shapes.account(a) for a in shapes.as_list(found)]

    # -- packs and instances -----------------------------------------------------------------------
    def list_packs(self):
        space = shapes.json_object(shapes.required_list(self._call(Q_PACKS, 'Space', {'id': self.space_guid}), 'Space'), 'the space')
        return [shapes.pack(p) for p in shapes.as_list(shapes.required_list(space.get('sharedIpacks'), 'Space.sharedIpacks'))]

    def list_instances(self, integration_pack_id=None, integration_pack_name=None, override_name=None):
        """Every instance of the space: GraphQL has no filter arguments, the client applies the filters."""
        found = shapes.required_list(self._call(Q_INSTANCES, 'integrationPackInstances'), 'integrationPackInstances')
        return [shapes.instance(raw) for raw in shapes.as_list(found)]

    def get_instance(self, instance_id):
        return next((item for item in self.list_instances() if item['id'] == instance_id), None)

    def install(self, integration_pack_id, override_name=None):
        self._env_cache = None
        variables = {'input': {'integrationPackId': integration_pack_id}}
        if override_name is not None:
            variables['input']['integrationPackOverrideName'] = override_name
        raw = self._call(M_INSTALL, 'integrationPackInstanceInstall', variables, write=True)
        if not raw:
            raise BoomiError('the install returned no instance', operation='GraphQL integrationPackInstanceInstall')
        return shapes.instance(raw, processes=[])

    def uninstall(self, instance_id):
        self._env_cache = None
        self._call(M_UNINSTALL, 'integrationPackInstanceUninstall', {'id': instance_id}, write=True)

    # -- environments and attachments ---------------------------------------------------------------
    def _environments(self):
        # One query serves environments and attachments; every write clears the cache.
        if self._env_cache is None:
            found = shapes.required_list(self._call(Q_ENVIRONMENTS, 'environments'), 'environments')
            self._env_cache = shapes.json_objects(found, 'an environment')
        return self._env_cache

    def list_environments(self, with_atoms=True):
        return [shapes.environment(e) for e in self._environments()]

    def list_attachments(self, instance_ids):
        """The attachments of several instances, from the environments query (no request when it is cached)."""
        wanted = set(instance_ids)
        return [shapes.attachment(raw) for env in self._environments()
                for raw in shapes.json_objects(env.get('integrationPackEnvironmentAttachment'), 'an environment attachment')
                if raw.get('integrationPackInstanceId') in wanted]

    def attach(self, instance_id, environment_ids):
        self._env_cache = None
        variables = {'input': {'integrationPackInstanceId': instance_id, 'environmentIds': list(environment_ids)}}
        raw = self._call(M_ATTACH, 'integrationPackInstanceEnvironmentAttachmentAttach', variables, write=True)
        return [shapes.attachment(a) for a in shapes.as_list(raw)]

    def detach(self, attachment):
        self._env_cache = None
        self._call(M_DETACH, 'integrationPackInstanceEnvironmentAttachmentUnattach', {'id': attachment['id']}, write=True)

    # -- processes and schedules ---------------------------------------------------------------------
    def list_processes(self, instance_id):
        found = self._call(Q_PROCESSES, 'integrationPackInstanceProcesses', {'instanceId': instance_id})
        raw = shapes.json_objects(shapes.required_list(found, 'integrationPackInstanceProcesses'), 'a process')
        # processSchedules may be one object per process (the seed page's shape): the client then completes it (REST_WITH_GRAPHQL)
        return [shapes.process(p, instance_id, [shapes.schedule_record(s) for s in shapes.as_list(p.get('processSchedules'))])
                for p in raw]

    def update_schedule(self, record):
        body = shapes.schedule_record_to_boomi(record)
        raw = self._call(M_SCHEDULES, 'processSchedulesUpdate', {'schedules': json.dumps(body), 'id': record['id']})
        return shapes.schedule_record(raw or body, record.get('environment_id'))

    # -- process runs --------------------------------------------------------------------------------------
    M_EXECUTE = 'mutation executeProcess($input: ProcessExecuteInput!) { processExecute(input: $input) }'

    def execute(self, process_id, atom_id, properties=()):
        """Start a run (``processExecute``, whose answer is the JSON text of REST's ExecutionRequest answer).

        processExecute takes no properties: the client starts runs with properties through REST (REST_WITH_GRAPHQL).
        """
        if properties:
            raise BoomiError('processExecute takes no dynamic process properties', operation='GraphQL processExecute')
        raw = self._call(self.M_EXECUTE, 'processExecute', {'input': {'atomId': atom_id, 'processId': process_id}}, write=True)
        return shapes.run_request(raw, 'GraphQL processExecute')

    # -- environment extensions (normalised by _shapes_extensions.normalise) -------------------------------------------
    Q_EXTENSIONS = 'query ipackEnvAttachmentDtl($instanceId: String!, $environmentIds: [String!]) { integrationPackEnvironmentAttachments(' \
                   'ipackInstanceId: $instanceId, environmentIds: $environmentIds) { integrationPackInstanceId environmentExtensions } }'
    M_EXTENSIONS = 'mutation updateExtension($input: [ExtensionInput]) { extensionsUpdate(input: $input) }'

    def instance_extensions(self, instance_id, environment_ids):
        """The EnvironmentExtensions objects of an instance in the environments (one request)."""
        found = self._call(self.Q_EXTENSIONS, 'integrationPackEnvironmentAttachments',
                           {'instanceId': instance_id, 'environmentIds': list(environment_ids)})
        return [extension for item in shapes.json_objects(shapes.required_list(found, 'integrationPackEnvironmentAttachments'),
                                                          'an environment attachment')
                for extension in ext_shapes.parse_text(item.get('environmentExtensions'), 'environmentExtensions')]

    def update_extensions(self, items):
        """UPDATE every ``(id, body)`` in one extensionsUpdate; the updated objects in input order (None where the answer has none)."""
        variables = {'input': [{'extensions': json.dumps(body), 'envExtensionId': extension_id} for extension_id, body in items]}
        answer = self._call(self.M_EXTENSIONS, 'extensionsUpdate', variables, write=True)
        answer = answer if isinstance(answer, list) else [answer]
        found = [ext_shapes.parse_text(answer[index], 'extensionsUpdate[%d]' % index) if index < len(answer) else [] for index in range(len(items))]
        return [objects[0] if objects else None for objects in found]

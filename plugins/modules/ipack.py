# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: ipack
short_description: Create, update or delete a Boomi Integration Pack as its publisher
version_added: 0.1.0
description:
  - Run in the publisher (partner) account. Makes sure an Integration Pack that the account publishes (the Boomi
    C(PublisherIntegrationPack) object) exists with the given name, description, installation type and components
    (O(state=present)), or does not exist (O(state=absent)).
  - The pack is found by its exact O(name), or by its O(id) when given. Two packs with the name are an error; give O(id) then.
  - An update is sent only when the description, the name (a rename, for C(SINGLE) packs only) or the list of components
    differ, so a second run changes nothing and writes nothing. The update carries every component of the pack, as Boomi
    deletes a component that an update leaves out.
  - This module manages which components are in the pack, not their versions. A component added to the pack goes into its
    next release with its latest packaged version (its C(pending_version)); a released component that is removed stays in
    the pack with C(deleted=true) until the next release. Release the pack with C(boomi.platform.ipack_release).
  - Every option is checked against the account before the first write; a wrong one fails the task without any change,
    naming the option and the value.
  - After a lost answer the pack is read again before anything is sent again (the packs with the name after a create, the
    pack after an update or a delete), so a lost answer never makes a second pack.
  - GraphQL has no call for the publisher's packs; with O(api=graphql) the module calls the REST API with the same
    credentials (C(account_id), C(username) and C(api_token) or C(password); O(bearer_token) alone is not enough).
author:
  - Boomi Platform Maintainers (@boomi-platform)
extends_documentation_fragment:
  - boomi.platform.connection
  - boomi.platform.attributes
attributes:
  check_mode:
    support: full
    details:
      - Nothing is written. RV(integration_pack) is the predicted pack, with C(id=null) when it would be created, so that later
        tasks can still run in check mode. A component that would be added shows what Boomi says before a release
        (C(pending_version) its latest packaged version, no C(current_version), no C(component_name)).
      - A component without a packaged version is a warning in check mode, not an error (an earlier task of the run, with
        C(boomi.platform.packaged_component), may be the one that packages it); its versions are V(null) in the prediction.
  diff_mode:
    support: full
    details:
      - The pack's name, description, installation type and components with their versions, before and after.
options:
  name:
    description:
      - Exact name of the Integration Pack (case and spaces count).
      - With O(id), a different name renames the pack; Boomi renames C(SINGLE) packs only, so a different name for a C(MULTI)
        pack is an error.
    type: str
    required: true
  id:
    description:
      - ID of the Integration Pack, to address it by id rather than by O(name), which is how a C(SINGLE) pack is renamed.
      - With O(state=present) the pack must exist (a pack is created only when it is looked up by O(name)).
    type: str
  description:
    description:
      - Description of the pack. When left out, a new pack has none and an existing pack keeps its own.
    type: str
  installation_type:
    description:
      - V(single) (one instance per account) or V(multi) (many instances, told apart by their override names); any case.
      - Required when the pack is created. It cannot change afterwards; a different one is an error.
    type: str
  components:
    description:
      - The complete list of the component IDs in the pack; a component of the pack that is not listed is removed from it.
      - Each component must have a packaged version (see C(boomi.platform.packaged_component)) when it is added; an unknown
        component, or one without a packaged version, is an error (a warning in check mode).
      - When left out, a new pack has no components and an existing pack keeps its own.
    type: list
    elements: str
  state:
    description:
      - V(present) creates or updates the pack; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  uninstall_everywhere:
    description:
      - Deleting a pack uninstalls it from every account where it is installed (and detaches its environments and Atoms).
        Required V(true) with O(state=absent), to say that this is meant; V(false) with O(state=absent) is an error.
    type: bool
    default: false
notes:
  - Boomi requires the privilege API Publisher Integration Pack (and the Integration Pack privilege).
seealso:
  - module: boomi.platform.ipack_info
  - module: boomi.platform.ipack_account_group
"""

EXAMPLES = r"""
# Against the simulator's publisher seed: "Ticket Sync" and "Ticket Escalation" are process components of the account.
- name: Package the components
  boomi.platform.packaged_component:
    component_id: "{{ item }}"
    version: "1.0"
  loop:
    - 5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21
    - 8c2e4a6f-1b3d-4f5e-a7c9-0d2e4f6a8b31

- name: The pack "Helpdesk" with both components
  boomi.platform.ipack:
    name: Helpdesk
    description: Tickets from the help desk into the ERP
    installation_type: multi
    components:
      - 5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21
      - 8c2e4a6f-1b3d-4f5e-a7c9-0d2e4f6a8b31
  register: pack

- name: Release it
  boomi.platform.ipack_release:
    integration_pack_name: Helpdesk
    wait: true

- name: A single-install pack with one component
  boomi.platform.ipack:
    name: Helpdesk Lite
    installation_type: single
    components: [5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21]
  register: lite

- name: Rename it, addressed by its id (Boomi renames single-install packs only)
  boomi.platform.ipack:
    id: "{{ lite.integration_pack.id }}"
    name: Helpdesk Basic

- name: Delete the pack "Helpdesk", which uninstalls it from every subscriber
  boomi.platform.ipack:
    name: Helpdesk
    state: absent
    uninstall_everywhere: true
"""

RETURN = r"""
api:
  description:
    - The Boomi API the module talked to (or, when it failed before its first request, would have talked to), C(graphql) or
      C(rest); see O(api). With C(graphql) the publisher's packs are read and written through REST.
  returned: always
  type: str
  sample: rest
api_reason:
  description: Why the module used that API.
  returned: always
  type: str
  sample: "api is set to rest"
integration_pack:
  description:
    - The pack after the run; in check mode, what it would be (C(id=null) when it would be created).
    - V(null) after O(state=absent).
  returned: always
  type: dict
  sample:
    id: 3c9e1f4a-7b2d-4c6e-9a8f-1d3b5c7e9f20
    name: Helpdesk
    description: Tickets from the help desk into the ERP
    installation_type: MULTI
    components:
      - component_id: 5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21
        component_name: Ticket Sync
        component_type: process
        current_version: "1.0"
        pending_version: "1.1"
        latest_version: "1.1"
        deleted: false
  contains:
    id:
      description: ID of the pack (V(null) in check mode when it would be created).
      type: str
    name:
      description: Name of the pack.
      type: str
    description:
      description: Description of the pack (V("") when it has none).
      type: str
    installation_type:
      description: C(SINGLE) or C(MULTI).
      type: str
    components:
      description: The components in the pack, sorted by component ID.
      type: list
      elements: dict
      contains:
        component_id:
          description: ID of the component.
          type: str
        component_name:
          description: Name of the component (V(null) in check mode for a component that would be added).
          type: str
        component_type:
          description: Type of the component, C(process) or C(webservice).
          type: str
        current_version:
          description: The packaged version released now (V(null) before the component's first release).
          type: str
        pending_version:
          description: The packaged version the next release brings (V(null) when that is the current one).
          type: str
        latest_version:
          description: The newest packaged version of the component that is not deleted.
          type: str
        deleted:
          description: Whether the component is removed from the pack by the next release.
          type: bool
writes:
  description:
    - Only when the task fails after a write that was made or may have been; C(changed) is then true.
    - Every such write, in the order sent, with its outcome; a refused write is not listed. When a write's outcome is V(unknown),
      the failure's message names it too.
  returned: when the task fails after a write
  type: list
  elements: dict
  contains:
    write:
      description: V(pack create), V(pack update) or V(pack delete).
      type: str
    outcome:
      description:
        - V(done) (Boomi answered, or a read after a lost answer showed it made).
        - V(unknown) (sent, but its answer was lost and no read or second send could tell whether it was made; re-run the task,
          which reads the account first).
        - V(done by another run) (refused because another run made the same change after this task read the account).
      type: str
    name:
      description: The name of the pack.
      type: str
    integration_pack_id:
      description: The pack (for a create, absent when its answer was lost).
      type: str
  sample:
    - write: pack update
      outcome: unknown
      integration_pack_id: 3c9e1f4a-7b2d-4c6e-9a8f-1d3b5c7e9f20
      name: Helpdesk
"""

from ansible_collections.boomi.platform.plugins.module_utils._shapes import first
from ansible_collections.boomi.platform.plugins.module_utils.client import publisher_components
from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiInputError
from ansible_collections.boomi.platform.plugins.module_utils.names import same_name, shown

INSTALLATION_TYPES = ('SINGLE', 'MULTI')
PACKAGE_HINT = 'package it first with boomi.platform.packaged_component'


def check_options(state, installation_type, components, uninstall_everywhere):
    """The options that need no request, checked: ``(installation_type in upper case or None, components)``; BoomiInputError."""
    if state == 'absent' and not uninstall_everywhere:
        raise BoomiInputError('uninstall_everywhere must be true with state=absent: deleting an integration pack uninstalls it from '
                              'every account where it is installed')
    if installation_type is not None:
        if installation_type.upper() not in INSTALLATION_TYPES:
            raise BoomiInputError('installation_type must be single or multi, got %s' % shown(installation_type))
        installation_type = installation_type.upper()
    if components is not None:
        twice = sorted({c for c in components if components.count(c) > 1})
        if twice:
            raise BoomiInputError('components lists %s more than once' % ', '.join(shown(c) for c in twice))
    return installation_type, components


def find_pack(client, state, name, pack_id):
    """The publisher pack the options address (by id, else by exact name), or None; BoomiInputError when they do not fit."""
    if pack_id is None:
        found = client.list_publisher_packs(name=name)
        if len(found) > 1:
            raise BoomiInputError('name %s is ambiguous: %d integration packs the account publishes have this name (ids %s); give id'
                                  % (shown(name), len(found), ', '.join(p['id'] for p in found)))
        return first(found)
    current = first(client.list_publisher_packs(pack_id=pack_id))
    if current is None:
        if state == 'present':
            raise BoomiInputError('id %s: the account publishes no integration pack with this id (to create a pack, give name '
                                  'without id)' % shown(pack_id))
        return None
    if not same_name(current['name'], name):
        if state == 'absent':
            raise BoomiInputError('id %s is the integration pack named %s, not %s' % (shown(pack_id), shown(current['name']), shown(name)))
        if current['installation_type'] == 'MULTI':
            raise BoomiInputError('name %s: integration pack %s (%s) is a MULTI install pack, and Boomi renames SINGLE install packs only'
                                  % (shown(name), shown(current['name']), pack_id))
    return current


def packaged(client, component_ids, check_mode=False, warn=None):
    """``{component id: its newest packaged version that is not deleted}`` of ``component_ids``; BoomiInputError naming every
    component without one (unknown components included). In check mode such a component is only a warning (``warn``) and has
    no version here: an earlier task of the same check-mode run (``packaged_component``) may be the one that packages it."""
    latest, missing = {}, []
    for component_id in component_ids:
        live = [p for p in client.list_packaged_components(component_id) if not p['deleted']]
        if live:
            latest[component_id] = live[-1]
        else:
            missing.append(component_id)
    if missing:
        message = 'components: %s %s no packaged version (an unknown component has none either): %s' % (
            ', '.join(shown(c) for c in missing), 'has' if len(missing) == 1 else 'have', PACKAGE_HINT)
        if not check_mode:
            raise BoomiInputError(message)
        if warn is not None:
            warn('%s; check mode predicts the pack as if an earlier task packaged it, a real run fails unless one does' % message)
    return latest


def predicted_components(current, wanted, latest):
    """The components Boomi would show after an update to ``wanted`` (ids) of the components ``current``: a kept one unchanged
    (no longer removed), a released one left out marked ``deleted`` (removed by the next release), one never released left out
    gone, a new one with its latest packaged version pending (``latest``: see :func:`packaged`; none known in check mode: null)."""
    after = []
    for component in current:
        if component['component_id'] in wanted:
            after.append(dict(component, deleted=False))
        elif component['current_version']:
            after.append(dict(component, deleted=True, pending_version=None))
    known = {c['component_id'] for c in current}
    after += [{'component_id': c, 'component_name': None, 'component_type': latest.get(c, {}).get('component_type'), 'current_version': None,
               'pending_version': latest.get(c, {}).get('version'), 'latest_version': latest.get(c, {}).get('version'), 'deleted': False}
              for c in wanted if c not in known]
    return sorted(after, key=lambda c: c['component_id'] or '')


def plan_pack(client, state='present', name=None, pack_id=None, description=None, installation_type=None, components=None,
              uninstall_everywhere=False, check_mode=False, warn=None):
    """The pack as it is and what the task must do about it; nothing is written.

    The name and id options are already checked (``names.check_text``). Returns ``{'action', 'current', 'after', 'target'}``:
    ``action`` None, ``create``, ``update`` or ``delete``; ``current`` the pack found (None when there is none); ``after`` the
    pack as it will be (predicted; None after a delete); ``target`` the ``name``, ``description``, ``installation_type`` and
    ``component_ids`` a create or update sends. Raises :class:`BoomiInputError` for options that do not fit the account, and
    :class:`BoomiError` for a failed read. ``check_mode``: a component without a packaged version is a warning (``warn``), not an
    error (see :func:`packaged`).
    """
    installation_type, components = check_options(state, installation_type, components, uninstall_everywhere)
    current = find_pack(client, state, name, pack_id)
    if state == 'absent':
        return {'action': 'delete' if current else None, 'current': current, 'after': None, 'target': None}
    if current is None:
        if installation_type is None:
            raise BoomiInputError('installation_type is required to create integration pack %s: single or multi' % shown(name))
        wanted = list(components or [])
        after = {'id': None, 'name': name, 'description': description or '', 'installation_type': installation_type,
                 'components': predicted_components([], wanted, packaged(client, wanted, check_mode, warn))}
        return {'action': 'create', 'current': None, 'after': after,
                'target': {'name': name, 'description': description or '', 'installation_type': installation_type, 'component_ids': wanted}}
    if installation_type is not None and installation_type != current['installation_type']:
        raise BoomiInputError('installation_type %s: integration pack %s (%s) is %s, and the installation type cannot change after '
                              'creation' % (shown(installation_type.lower()), shown(current['name']), current['id'], current['installation_type']))
    kept = publisher_components(current)
    wanted = kept if components is None else list(components)
    description = current['description'] if description is None else description
    new = [c for c in wanted if c not in {k['component_id'] for k in current['components']}]
    latest = packaged(client, new, check_mode, warn)
    if same_name(current['name'], name):
        if description == current['description'] and set(wanted) == set(kept):
            return {'action': None, 'current': current, 'after': current, 'target': None}
        name = current['name']  # the same name in another Unicode form: not a rename (which Boomi refuses for a MULTI pack)
    after = dict(current, name=name, description=description, components=predicted_components(current['components'], wanted, latest))
    return {'action': 'update', 'current': current, 'after': after,
            'target': {'name': name, 'description': description, 'installation_type': current['installation_type'], 'component_ids': wanted}}


def summary(pack):
    """What diff mode shows of a pack: its fields and each component's versions, by component id."""
    if not pack:
        return {}
    return dict({k: pack[k] for k in ('id', 'name', 'description', 'installation_type')},
                components={c['component_id']: {k: c[k] for k in ('component_name', 'current_version', 'pending_version', 'deleted')}
                            for c in pack['components']})


def apply_pack(client, plan, check_mode=False):
    """Create, update or delete as ``plan`` (see :func:`plan_pack`) says; in check mode nothing is sent. Returns the module's result."""
    action, current, after, target = plan['action'], plan['current'], plan['after'], plan['target']
    if not check_mode:
        if action == 'create':
            after = client.create_publisher_pack(target['name'], target['description'], target['installation_type'], target['component_ids'])
        elif action == 'update':
            after = client.update_publisher_pack(current, target['name'], target['description'], target['component_ids'])
        elif action == 'delete':
            client.delete_publisher_pack(current)
    return dict(changed=action is not None, integration_pack=after, diff=dict(before=summary(current), after=summary(after)))


def main():
    module = BoomiModule(
        argument_spec=dict(
            name=dict(type='str', required=True),
            id=dict(type='str'),
            description=dict(type='str'),
            installation_type=dict(type='str'),
            components=dict(type='list', elements='str'),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
            uninstall_everywhere=dict(type='bool', default=False),
        ),
    )
    given = module.given_value('components')
    components = None
    if module.params['components'] is not None:
        components = [module.text_option('components[%d]' % index, value)
                      for index, value in enumerate(given if isinstance(given, list) else module.params['components'])]
    options = dict(
        state=module.params['state'],
        name=module.text_option('name'),
        pack_id=module.text_option('id'),
        description=module.params['description'],
        installation_type=module.params['installation_type'],
        components=components,
        uninstall_everywhere=module.params['uninstall_everywhere'],
        check_mode=module.check_mode,
        warn=module.warn,
    )
    module.run(lambda: apply_pack(module.client, plan_pack(module.client, **options), check_mode=module.check_mode))


if __name__ == '__main__':
    main()

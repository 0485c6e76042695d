# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: packaged_component
short_description: Package a version of a Boomi component, restore it or delete it, as an Integration Pack publisher
version_added: 0.1.0
description:
  - Run in the publisher's account. Makes sure one packaged version (Boomi's C(PackagedComponent), its C(packageVersion)) of
    a component exists (O(state=present)) or is deleted (O(state=absent)). A packaged component is what a publisher puts in an
    Integration Pack (M(boomi.platform.ipack)) and releases (M(boomi.platform.ipack_release)).
  - O(version) is the key. The component's packaged versions are read first; a version that exists is left as it is (no write),
    a deleted one is restored (the same C(package_id), not a second version), a missing one is created.
  - A packaged version cannot be rebuilt, and its notes cannot change after it was created. When it exists and was built from
    another revision than O(component_version), the task fails before any write; when its notes differ from O(notes), the task
    warns and changes nothing.
  - When the answer to a write is lost, the component's packaged versions are read again and the write is sent once more only
    when its effect is missing, so a version is never packaged twice.
  - The C(PackagedComponent) object is served by the Platform REST API only. With O(api=graphql) the module calls it through the
    REST API with the same credentials (C(account_id), C(username) and C(api_token) or C(password)); O(bearer_token) alone is
    not enough, and the task fails before any request, naming the credentials to add.
author:
  - Boomi Platform Maintainers (@boomi-platform)
extends_documentation_fragment:
  - boomi.platform.connection
  - boomi.platform.attributes
attributes:
  check_mode:
    support: full
    details:
      - Nothing is written. RV(packaged_component) is the packaged version as it would be; one that would be created has
        C(package_id=null), C(created_by=null) and C(created_date=null).
      - Without O(component_version), Boomi packages the component's latest revision when it creates the version; no API call
        tells that revision before, so a predicted C(component_version) is V(null) then.
      - Boomi has no call that tells whether a component exists; check mode cannot tell an unknown O(component_id) from a
        component that has no packaged version yet, and warns when the component has none.
      - Check mode cannot foresee a deletion that Boomi refuses because the version is in use.
  diff_mode:
    support: full
    details:
      - The packaged version before and after (C({}) when there is none).
options:
  component_id:
    description:
      - ID of the component (process or API service for an Integration Pack; Boomi also packages certificates, custom
        libraries, Flow services, process routes and trading partner groups), as the Build page's Revision History shows it.
      - An ID that Boomi does not know fails the task (Boomi refuses to package it); nothing is written.
    type: str
    required: true
  version:
    description:
      - The packaged version (Boomi's C(packageVersion)), for example V("1.2"); the key of the packaged component, compared exactly.
      - A string. Quote it in YAML; an unquoted number such as V(1.2) or V(1.10) is refused rather than turned into another text.
    type: str
    required: true
    aliases: [package_version]
  component_version:
    description:
      - The component revision (the Build page's Revision History number) to package.
      - Default the component's latest revision, when the version is created.
      - When the packaged version exists and was built from another revision, the task fails before any write (a packaged version
        cannot be rebuilt; give a new O(version)).
    type: int
  notes:
    description:
      - Notes of the packaged version, set when it is created.
      - They cannot change afterwards; a difference with an existing version is a warning, not a change.
    type: str
  state:
    description:
      - V(present) creates the packaged version, or restores it when it was deleted.
      - V(absent) deletes it. Boomi refuses to delete a packaged version that is in use (in an Integration Pack or a release,
        deployed, or in the Process Library); the task then fails with that reason, naming the component and the version.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Boomi's C(shareable) (whether the packaged component can go into an Integration Pack or the Process Library) is set by Boomi
    from the component's type; it is returned, not an option.
  - Boomi keeps a deleted packaged version (C(deleted=true)); its version cannot be created again, only restored, which this
    module does.
seealso:
  - module: boomi.platform.ipack
  - module: boomi.platform.ipack_release
"""

EXAMPLES = r"""
# Against the simulator's publisher seed: "Ticket Sync" (5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21) has revisions 1 to 3.
- name: Package revision 3 of Ticket Sync as version 1.2
  boomi.platform.packaged_component:
    component_id: 5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21
    version: "1.2"
    component_version: 3
    notes: Ticket sync, EU fields
  register: pkg

- name: Package the latest revision of Ticket Escalation as version 1.0
  boomi.platform.packaged_component:
    component_id: 8c2e4a6f-1b3d-4f5e-a7c9-0d2e4f6a8b31
    version: "1.0"

- name: Delete version 1.2 of Ticket Sync (refused while it is in an Integration Pack or a release)
  boomi.platform.packaged_component:
    component_id: 5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21
    version: "1.2"
    state: absent
"""

RETURN = r"""
api:
  description:
    - C(rest) or C(graphql), the API of O(api). The packaged components are always read and written through the REST API
      (with O(api=graphql), with the same credentials).
  returned: always
  type: str
  sample: rest
api_reason:
  description: Why the module used that API (see O(api)).
  returned: always
  type: str
  sample: "api is not set and no space_guid is given: the Platform REST API (give space_guid, or BOOMI_SPACE_GUID, for the Spaces GraphQL API)"
packaged_component:
  description:
    - The packaged version after the run; in check mode, what it would be (C(package_id=null) when it would be created).
    - After O(state=absent), the deleted version (C(deleted=true)), or V(null) when the component has no such version.
  returned: always
  type: dict
  sample:
    package_id: 0f6e2a39-7c1b-4d85-9e3a-5b2c8d1f4a70
    component_id: 5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21
    component_type: process
    component_version: 3
    version: "1.2"
    notes: Ticket sync, EU fields
    shareable: true
    deleted: false
    created_by: ops@acme.example
    created_date: "2026-12-07T10:15:00Z"
  contains:
    package_id:
      description: ID of the packaged component (V(null) in check mode when it would be created).
      type: str
    component_id:
      description: ID of the component.
      type: str
    component_type:
      description:
        - C(process), C(webservice), C(certificate), C(customlibrary), C(flowservice), C(processroute) or C(tpgroup).
        - V(null) in check mode for a version that would be created when the component has no other packaged version.
      type: str
    component_version:
      description:
        - The component revision the version was built from.
        - V(null) in check mode for a version that would be created without O(component_version).
      type: int
    version:
      description: The packaged version (Boomi's C(packageVersion)).
      type: str
    notes:
      description: Notes of the packaged version (V(null) when it has none).
      type: str
    shareable:
      description:
        - Whether it can be shared in an Integration Pack or the Process Library (processes and API services).
        - V(null) in check mode for a version that would be created when the component has no other packaged version.
      type: bool
    deleted:
      description: Whether the packaged version is deleted.
      type: bool
    created_by:
      description: The user who created it.
      type: str
    created_date:
      description: When it was created (C(yyyy-MM-ddTHH:mm:ssZ)).
      type: str
writes:
  description:
    - Only when the task fails after a write that was made or may have been; C(changed) is then true.
  returned: when the task fails after a write
  type: list
  elements: dict
  contains:
    write:
      description: V(package), V(restore package) or V(delete package).
      type: str
    outcome:
      description: V(done), V(unknown) (the answer was lost and nothing settled it) or V(done by another run).
      type: str
    component_id:
      description: The component.
      type: str
    version:
      description: The packaged version.
      type: str
    package_id:
      description: The packaged component (absent for a create whose answer was lost).
      type: str
"""

from ansible_collections.boomi.platform.plugins.module_utils.client import packaged_version
from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiInputError

DIFF_KEYS = ('package_id', 'component_id', 'component_type', 'component_version', 'version', 'notes', 'deleted')


def summary(package):
    """What diff mode shows of a packaged version ({} when there is none)."""
    return {key: package.get(key) for key in DIFF_KEYS} if package else {}


def plan_packaged_component(client, component_id, version, component_version=None, notes=None, state='present'):
    """The packaged version as it is and what the task must do: ``{'action': None|'create'|'restore'|'delete', 'current',
    'others', 'warnings', 'unverified', ...the options}``; nothing is written.

    ``current``: the packaged version ``version`` of the component (deleted or not), or None; ``others``: the component's
    other packaged versions; ``unverified``: a create of a component that has no packaged version (Boomi has no call that
    tells whether a component exists: only the create does). Raises :class:`BoomiInputError` when ``component_version`` is
    given and the existing version was built from another revision (a packaged version cannot be rebuilt).
    """
    packages = client.list_packaged_components(component_id)
    current = packaged_version(packages, version)
    plan = {'state': state, 'component_id': component_id, 'version': version, 'component_version': component_version, 'notes': notes,
            'current': current, 'others': [p for p in packages if p is not current], 'warnings': [], 'action': None,
            'unverified': False}
    if current is None:
        plan['action'] = 'create' if state == 'present' else None
        plan['unverified'] = state == 'present' and not packages  # no packaged version: only the create tells whether it exists
        return plan
    plan['action'] = {('absent', False): 'delete', ('present', True): 'restore'}.get((state, current['deleted']))  # else: nothing to do
    if plan['action'] == 'delete' or state == 'present':
        if component_version is not None and current['component_version'] != component_version:
            raise BoomiInputError('component_version %d: version %r of component_id %r (package_id %s) was built from revision %s; '
                                  'a packaged version cannot be rebuilt: give another version, or leave out component_version'
                                  % (component_version, version, component_id, current['package_id'], current['component_version']))
    if state == 'present' and notes is not None and (notes or None) != current['notes']:
        plan['warnings'].append('notes: version %r of component_id %r keeps its notes %r: the notes of a packaged version cannot '
                                'change after it was created (the task gives %r)' % (version, component_id, current['notes'], notes))
    return plan


def predicted(plan):
    """The packaged version a create would make, as far as it can be known before (see the module's check mode)."""
    like = plan['others'][-1] if plan['others'] else {}
    return {'package_id': None, 'component_id': plan['component_id'], 'component_type': like.get('component_type'),
            'component_version': plan['component_version'], 'version': plan['version'], 'notes': plan['notes'] or None,
            'shareable': like.get('shareable'), 'deleted': False, 'created_by': None, 'created_date': None}


def apply_packaged_component(client, plan, check_mode=False):
    """Create, restore or delete as ``plan`` (see :func:`plan_packaged_component`) says; in check mode nothing is sent.
    Returns the module's result."""
    current, action = plan['current'], plan['action']
    if action is None:
        after = current
    elif check_mode:
        after = predicted(plan) if action == 'create' else dict(current, deleted=action == 'delete')
    elif action == 'create':
        after = client.create_packaged_component(plan['component_id'], plan['version'], plan['component_version'], plan['notes'])
    elif action == 'restore':
        after = client.restore_packaged_component(current)
    else:
        client.delete_packaged_component(current)
        after = dict(current, deleted=True)
    return dict(changed=action is not None, packaged_component=after, diff=dict(before=summary(current), after=summary(after)))


def main():
    module = BoomiModule(
        argument_spec=dict(
            component_id=dict(type='str', required=True),
            version=dict(type='str', required=True, aliases=['package_version']),
            component_version=dict(type='int'),
            notes=dict(type='str'),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
        ),
    )
    component_version = module.params['component_version']
    if component_version is not None and component_version < 1:
        module.fail_json(msg='component_version must be a revision number of 1 or more, got %d' % component_version)
    options = dict(
        component_id=module.text_option('component_id'),
        version=module.text_option('version'),
        component_version=component_version,
        notes=module.params['notes'],
        state=module.params['state'],
    )

    def run():
        plan = plan_packaged_component(module.client, **options)
        for warning in plan['warnings']:
            module.warn(warning)
        if module.check_mode and plan['unverified']:
            module.warn('component_id %r has no packaged version yet, and Boomi has no call that tells whether a component exists: '
                        'check mode predicts the create, which Boomi refuses for an unknown component' % options['component_id'])
        return apply_packaged_component(module.client, plan, check_mode=module.check_mode)

    module.run(run)


if __name__ == '__main__':
    main()

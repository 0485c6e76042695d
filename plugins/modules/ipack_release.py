# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: ipack_release
short_description: Release a Boomi Integration Pack as its publisher, now or on a date
version_added: 0.1.0
description:
  - Makes sure the components of an Integration Pack that the account publishes are released at the versions asked, so that the
    accounts it is shared with install (or update to) those versions. Boomi's C(ReleaseIntegrationPack) and
    C(ReleaseIntegrationPackStatus) objects.
  - Releases only when a component's released version differs from the one asked, or a component is removed from the pack
    in the next release (see M(boomi.platform.ipack)). A converged run sends no write.
  - With O(release_on), the release is scheduled for that date. When the pack already has a scheduled release, it is updated
    (its date and versions), never released a second time; a scheduled release that already matches is left alone. Without
    O(release_on), a scheduled release of the pack is updated to be released now.
  - An immediate release is followed until it ends (O(wait)); Boomi's in-progress status is read in both spellings,
    C(IN_PROGRESS) and C(INPROGRESS).
  - When the answer of the release request is lost (connection lost, timeout, HTTP 502 or 504), the pack's release status is read
    again before anything else is sent; a release that was made is taken as this task's, never released twice.
  - The Platform REST API only (Boomi has no GraphQL call for releases); with O(api=graphql) the calls go to the REST API with the
    same account credentials; with only O(bearer_token) the task fails before any request, naming the credentials to add.
author:
  - Boomi Platform Maintainers (@boomi-platform)
extends_documentation_fragment:
  - boomi.platform.connection
  - boomi.platform.attributes
attributes:
  check_mode:
    support: full
    details:
      - Predicts the release (RV(release.request_id=null) for a new one) and sends nothing.
      - O(integration_pack_id) may be null or empty in check mode, for a pack that an earlier task (M(boomi.platform.ipack)) would
        create; a component or version that an earlier task would add or package is then a warning, not an error.
  diff_mode:
    support: full
    details:
      - Shows the released version of each component before and after, and the scheduled release (date and versions).
options:
  integration_pack_id:
    description:
      - ID of the Integration Pack, as its publisher (M(boomi.platform.ipack) returns it).
      - Mutually exclusive with O(integration_pack_name); one of them is required.
    type: str
  integration_pack_name:
    description:
      - Exact name of an Integration Pack the account publishes; it must match exactly one.
      - Mutually exclusive with O(integration_pack_id).
    type: str
  components:
    description:
      - The versions to release. Every component given must be in the pack, and every version a packaged version of it
        (M(boomi.platform.packaged_component)) that is not deleted.
      - The components of the pack that are not listed are released at the version already pending in the pack, else at the
        released one, else at their latest packaged version.
      - When left out, every component of the pack is released at its latest packaged version.
    type: list
    elements: dict
    suboptions:
      component_id:
        description: ID of the component.
        type: str
        required: true
      version:
        description:
          - The packaged version (C(packageVersion)) to release, for example C("1.2") (quote it in YAML).
          - Default the component's latest packaged version.
        type: str
  release_on:
    description:
      - Schedule the release for this date, C(YYYY-MM-DD); it must be a future date (after today, in UTC by the controller's
        clock; Boomi reads it in the time zone of the releasing user).
      - Left out, the pack is released now.
    type: str
  wait:
    description:
      - Wait until an immediate release ends (status C(SUCCESS) or C(ERROR)). With V(false) the task returns status
        C(IN_PROGRESS) at once.
      - A scheduled release is not waited for.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait for the release to end. When it passes, the task fails with the release as last read; the
        release goes on in Boomi, and a re-run does not release again.
    type: int
    default: 600
  fail_on_error:
    description:
      - Fail the task (as changed) when the release ends with status C(ERROR). With V(false) the release is returned with that
        status and a warning.
    type: bool
    default: true
notes:
  - Boomi allows one scheduled or running release per pack. While another task's release of the pack runs with other versions,
    the task fails before any write, naming that release.
  - Boomi documents the status call by the release's C(requestId). This module finds the pack's scheduled or latest release
    by the pack's id in the same call.
seealso:
  - module: boomi.platform.ipack
  - module: boomi.platform.packaged_component
  - module: boomi.platform.ipack_account_group
"""

EXAMPLES = r"""
# Against the simulator's publisher seed, once "Ticket Sync" is packaged as 1.0 and 1.1 and the pack "Helpdesk" holds it
# (boomi.platform.packaged_component, boomi.platform.ipack).
- name: Release version 1.0 of Ticket Sync now, and wait until it is released
  boomi.platform.ipack_release:
    integration_pack_name: Helpdesk
    components:
      - component_id: 5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21
        version: "1.0"
  register: rel

- name: Show the released versions
  ansible.builtin.debug:
    msg: "{{ rel.release.components | map(attribute='version') | list }}"

- name: Schedule the release of every component at its latest packaged version, in two weeks
  boomi.platform.ipack_release:
    integration_pack_name: Helpdesk
    release_on: "{{ '%Y-%m-%d' | strftime(now().timestamp() + 14 * 86400, utc=true) }}"

- name: Release it now after all (the scheduled release is updated), without waiting, and not failing on ERROR
  boomi.platform.ipack_release:
    integration_pack_name: Helpdesk
    wait: false
    fail_on_error: false
"""

RETURN = r"""
api:
  description:
    - The Boomi API the module was asked to use (see O(api)); the release calls go through REST in any case.
  returned: always
  type: str
  sample: rest
api_reason:
  description: Why the module used that API.
  returned: always
  type: str
  sample: "api is not set and no space_guid is given: the Platform REST API (give space_guid, or BOOMI_SPACE_GUID, for the Spaces GraphQL API)"
release:
  description:
    - The release made, updated or found; in check mode, the one predicted.
    - When nothing had to be released, the pack's latest release when it brought the versions asked, else one with
      RV(release.request_id=null) and status C(SUCCESS) showing the released versions.
  returned: always
  type: dict
  contains:
    request_id:
      description: The release's request ID (V(null) in check mode for a new release).
      type: str
    status:
      description:
        - C(IN_PROGRESS), C(SUCCESS), C(SCHEDULED) or C(ERROR) (Boomi's C(INPROGRESS) is returned as C(IN_PROGRESS)).
        - In check mode the predicted one (C(SUCCESS) for an immediate release waited for).
      type: str
    release_on:
      description: The date of a scheduled release, V(null) for an immediate one.
      type: str
    components:
      description: The components the release brings.
      type: list
      elements: dict
      contains:
        component_id:
          description: ID of the component.
          type: str
        version:
          description: The packaged version the release brings.
          type: str
        released_version:
          description: The version released before it (V(null) for a component never released).
          type: str
  sample:
    request_id: release-6e1b2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e
    status: SUCCESS
    release_on: null
    components:
      - component_id: 5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21
        version: "1.1"
        released_version: "1.0"
writes:
  description:
    - Only when the task fails after a write that was made or may have been (a release that ended in error, a wait that timed
      out); C(changed) is then true.
  returned: when the task fails after a write
  type: list
  elements: dict
  contains:
    write:
      description: V(release) or V(release update).
      type: str
    outcome:
      description: V(done), V(unknown) or V(done by another run) (see M(boomi.platform.ipack_instance)).
      type: str
    integration_pack_id:
      description: The pack released.
      type: str
    request_id:
      description: The release's request ID, when known.
      type: str
    release_on:
      description: The date of a scheduled release.
      type: str
  sample:
    - write: release
      outcome: done
      integration_pack_id: 0b6c1f0e-2d3a-4b5c-9d8e-7f6a5b4c3d2e
      request_id: release-6e1b2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e
"""

import datetime
import re

from ansible_collections.boomi.platform.plugins.module_utils import _shapes_publisher as pub_shapes
from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, BoomiInputError

DATE = re.compile(r'^[0-9]{4}-[0-9]{2}-[0-9]{2}$')
RELEASE_KEYS = ('request_id', 'status', 'release_on', 'components')
ACTIVE = ('SCHEDULED', 'IN_PROGRESS')


class ReleaseFailed(BoomiError):
    """A release that ended in error or not in time: the task fails with ``result`` (the release in it)."""

    def __init__(self, message, result):
        super().__init__(message)
        self.result = result


def check_release_on(value, today):
    """``value`` (``YYYY-MM-DD``) when it is a date after ``today``; BoomiInputError naming the option otherwise."""
    if value is None:
        return None
    try:
        day = datetime.date.fromisoformat(value) if DATE.match(value) else None
    except ValueError:
        day = None
    if day is None:
        raise BoomiInputError('release_on %r is not a date YYYY-MM-DD' % value)
    if day <= today:
        raise BoomiInputError('release_on %r must be a future date (after today, %s UTC); leave it out to release now'
                              % (value, today.isoformat()))
    return value


def shown_release(release):
    return {key: release.get(key) for key in RELEASE_KEYS}


def _asked_version(client, pack, in_pack, where, component_id, version, problem):
    """The version of the component ``components[N]`` (``where``) asks for (its latest packaged one when it gives none), after
    ``problem(message)`` for a component that is not in the pack (``in_pack``) or a version that is not packaged."""
    entry = in_pack.get(component_id)
    if entry is None:
        known = ', '.join('%s (%s)' % (c['component_id'], c['component_name']) for c in in_pack.values()) or 'none'
        problem('%s.component_id %r is not a component of integration pack %r (its components: %s)'
                % (where, component_id, pack['name'], known))
    elif version is None:
        version = entry['latest_version']
        if version is None:
            problem('%s.component_id %r (%s) has no packaged version: package one first (boomi.platform.packaged_component)'
                    % (where, component_id, entry['component_name']))
    else:
        packaged = [p['version'] for p in client.list_packaged_components(component_id) if not p['deleted']]
        if version not in packaged:
            problem('%s.version %r is not a packaged version of component %r (%s) (its packaged versions: %s)'
                    % (where, version, component_id, entry['component_name'], ', '.join(packaged) or 'none'))
    return version


def _desired(client, pack, components, check_mode, warn):
    """``{component id: version}`` the release must bring; BoomiInputError naming ``components[N]`` for a component that is not
    in the pack or a version that is not packaged (in check mode a warning: an earlier task may add or package it)."""
    def problem(message):
        if not check_mode:
            raise BoomiInputError(message)
        warn('%s (check mode: an earlier task may add or package it)' % message)

    in_pack = {c['component_id']: c for c in pack['components'] if not c['deleted']}
    asked = {}
    for index, item in enumerate(components or []):
        component_id, where = item['component_id'], 'components[%d]' % index
        if component_id in asked:
            raise BoomiInputError('%s.component_id %r is listed twice' % (where, component_id))
        asked[component_id] = _asked_version(client, pack, in_pack, where, component_id, item['version'], problem)
    desired, named = {}, set(asked)  # in the pack's order
    for component_id, entry in in_pack.items():
        if component_id in asked:
            version = asked.pop(component_id)
        elif components is None:
            version = entry['latest_version']
        else:
            version = entry['pending_version'] or entry['current_version'] or entry['latest_version']
        if version is None and component_id not in named:  # a named one was reported above
            problem('components: component %r (%s) of integration pack %r has no packaged version: package one first '
                    '(boomi.platform.packaged_component)' % (component_id, entry['component_name'], pack['name']))
        desired[component_id] = version
    desired.update(asked)  # check mode: components an earlier task would add
    return desired


def plan_release(client, pack_id=None, pack_name=None, components=None, release_on=None, check_mode=False, warn=None):
    """The pack's released versions and release, and what the task must do; nothing is written.

    Returns ``{'pack', 'desired', 'release_on', 'action', 'active', 'latest'}``: ``action`` is ``None`` (nothing to send),
    ``'release'``, ``'update'`` (the scheduled release ``active``) or ``'follow'`` (the release ``active`` in progress already
    brings the versions asked). ``pack`` is None for a pack that an earlier task in check mode would create.
    Raises :class:`BoomiInputError` for options that do not fit the pack (before any write).
    """
    warn = warn or (lambda msg: None)
    release_on = check_release_on(release_on, datetime.datetime.fromtimestamp(client.clock(), datetime.timezone.utc).date())
    if pack_id is None and pack_name is None:  # check mode: the pack would be created by an earlier task
        desired = {c['component_id']: c['version'] for c in components or []}
        return {'pack': None, 'desired': desired, 'release_on': release_on, 'action': 'release', 'active': None, 'latest': None}
    pack = client.resolve_publisher_pack(pack_id, pack_name)
    desired = _desired(client, pack, components, check_mode, warn)
    latest = client.release_status(pack['id'])
    active = latest if latest is not None and latest['status'] in ACTIVE else None
    plan = {'pack': pack, 'desired': desired, 'release_on': release_on, 'action': None, 'active': active, 'latest': latest}
    released = pub_shapes.released_versions(pack)
    removing = [c['component_id'] for c in pack['components'] if c['deleted']]
    differs = desired != released or bool(removing)
    if active is not None and active['status'] == 'IN_PROGRESS':
        if pub_shapes.versions(active) != desired:
            raise BoomiError('integration pack %r (%s) has a release in progress (request %s) that brings other versions (%s): run the '
                             'task again when it has ended' % (pack['name'], pack['id'], active['request_id'], _described(pub_shapes.versions(active))),
                             operation='release')
        plan['action'] = 'follow'
    elif active is not None:  # scheduled
        if release_on == active['release_on'] and pub_shapes.versions(active) == desired:
            return plan
        if release_on is None and not differs:
            warn('integration pack %r (%s) has a release scheduled for %s (request %s); the versions asked are the released ones, so '
                 'nothing is released now and the scheduled release is left as it is'
                 % (pack['name'], pack['id'], active['release_on'], active['request_id']))
            return plan
        plan['action'] = 'update'
    elif differs:
        plan['action'] = 'release'
    return plan


def _described(versions):
    return ', '.join('%s %s' % (component_id, version) for component_id, version in sorted(versions.items())) or 'none'


def _state(pack, active):
    """What diff mode shows of the pack: the released version of each component and the scheduled release."""
    if pack is None:
        return {}
    scheduled = None
    if active is not None and active['status'] == 'SCHEDULED':
        scheduled = {'release_on': active['release_on'], 'versions': pub_shapes.versions(active)}
    return {'released_versions': pub_shapes.released_versions(pack, deleted=True), 'scheduled_release': scheduled}


def _after(plan):
    """The diff's after of a run that sends what ``plan`` says (or predicts it)."""
    if plan['release_on']:
        before = _state(plan['pack'], plan['active']) or {'released_versions': {}}
        return dict(before, scheduled_release={'release_on': plan['release_on'], 'versions': dict(plan['desired'])})
    return {'released_versions': dict(plan['desired']), 'scheduled_release': None}


def _predicted(plan, wait):
    """The release check mode predicts."""
    pack = plan['pack']
    released = pub_shapes.released_versions(pack, deleted=True) if pack else {}
    status = 'SCHEDULED' if plan['release_on'] else ('SUCCESS' if wait else 'IN_PROGRESS')
    request_id = plan['active']['request_id'] if plan['action'] == 'update' else None
    return {'request_id': request_id, 'status': status, 'release_on': plan['release_on'],
            'components': [{'component_id': component_id, 'version': version, 'released_version': released.get(component_id)}
                           for component_id, version in plan['desired'].items()]}


def _converged(plan):
    """The release a run that sends nothing returns."""
    if plan['active'] is not None:
        return shown_release(plan['active'])
    latest = plan['latest']
    if latest is not None and latest['status'] == 'SUCCESS' and pub_shapes.versions(latest) == plan['desired']:
        return shown_release(latest)
    return {'request_id': None, 'status': 'SUCCESS', 'release_on': None,
            'components': [{'component_id': component_id, 'version': version, 'released_version': version}
                           for component_id, version in plan['desired'].items()]}


def apply_release(client, plan, wait=True, wait_timeout=600, fail_on_error=True, check_mode=False, warn=None):
    """Release, update the scheduled release or follow the running one as ``plan`` (see :func:`plan_release`) says; in check
    mode nothing is sent. Returns the module's result; raises :class:`ReleaseFailed` for a release that ended in error
    (``fail_on_error``) or not within ``wait_timeout`` seconds."""
    warn = warn or (lambda msg: None)
    action, pack = plan['action'], plan['pack']
    before = _state(pack, plan['active'])
    if action is None:
        return dict(changed=False, release=_converged(plan), diff=dict(before=before, after=before))
    changed = action != 'follow'
    after = _after(plan) if changed else before
    if check_mode:
        release = _predicted(plan, wait) if changed else shown_release(plan['active'])
        return dict(changed=changed, release=release, diff=dict(before=before, after=after))
    if action == 'release':
        release = client.release_pack(pack, plan['desired'], plan['release_on'], (plan['latest'] or {}).get('request_id'))
    elif action == 'update':
        release = client.update_release(pack, plan['active'], plan['desired'], plan['release_on'])
    else:
        release = plan['active']
    result = dict(changed=changed, release=shown_release(release), diff=dict(before=before, after=after))
    if release['status'] != 'IN_PROGRESS' or not wait:
        return result
    release, ended = client.wait_release(release, wait_timeout)
    result['release'] = shown_release(release)
    if not ended:
        raise ReleaseFailed('the release %s of integration pack %r (%s) is still %s after %d seconds (wait_timeout): it goes on in '
                            'Boomi, and running the task again does not release twice'
                            % (release['request_id'], pack['name'], pack['id'], release['status'], wait_timeout), result)
    if release['status'] == 'ERROR':
        message = ('the release %s of integration pack %r (%s) ended with status ERROR: the versions it was to bring (%s) are not '
                   'released; running the task again releases them again' % (release['request_id'], pack['name'], pack['id'],
                                                                             _described(plan['desired'])))
        if fail_on_error:
            raise ReleaseFailed(message, result)
        warn(message)
    return result


def main():
    module = BoomiModule(
        argument_spec=dict(
            integration_pack_id=dict(type='str'),
            integration_pack_name=dict(type='str'),
            components=dict(type='list', elements='dict', options=dict(
                component_id=dict(type='str', required=True),
                version=dict(type='str'),
            )),
            release_on=dict(type='str'),
            wait=dict(type='bool', default=True),
            wait_timeout=dict(type='int', default=600),
            fail_on_error=dict(type='bool', default=True),
        ),
        mutually_exclusive=[('integration_pack_id', 'integration_pack_name')],
    )
    params = module.params
    pack_id = module.given_value('integration_pack_id')
    pack_name = module.text_option('integration_pack_name')
    if pack_name is None and pack_id in (None, ''):
        if not module.check_mode:
            module.fail_json(msg='one of the following is required: integration_pack_id, integration_pack_name (integration_pack_id '
                                 'null or empty is accepted only in check mode, for a pack that an earlier task would create)')
        pack_id = None
    else:
        pack_id = module.text_option('integration_pack_id')
    if params['wait_timeout'] < 1:
        module.fail_json(msg='wait_timeout must be at least 1 second, got %d' % params['wait_timeout'])
    components = None
    if params['components'] is not None:
        given = module.given_value('components') or []
        components = [{'component_id': module.text_option('components[%d].component_id' % index, (item or {}).get('component_id')),
                       'version': module.text_option('components[%d].version' % index, (item or {}).get('version'))}
                      for index, item in enumerate(given)]
    release_on = module.text_option('release_on')

    def plan_and_apply():
        plan = plan_release(module.client, pack_id, pack_name, components, release_on, check_mode=module.check_mode, warn=module.warn)
        return apply_release(module.client, plan, wait=params['wait'], wait_timeout=params['wait_timeout'],
                             fail_on_error=params['fail_on_error'], check_mode=module.check_mode, warn=module.warn)

    module.run(plan_and_apply)


if __name__ == '__main__':
    main()

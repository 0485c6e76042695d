# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack: plan_pack and apply_pack, and the module's ``main()`` in process (``run_module``), against the simulator's publisher
seed, through both APIs (with ``api: graphql`` the publisher's packs go through REST)."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiInputError
from ansible_collections.boomi.platform.plugins.modules import ipack
from ansible_collections.boomi.platform.plugins.modules.ipack import apply_pack, plan_pack
from ansible_collections.boomi.platform.tests.unit.conftest import ACCOUNT_ID, USERNAME
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import OMIT, assert_masked, warnings_of, writes

# The simulator's publisher seed (tests/simulator/README.md section 8)
SYNC = '5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21'  # "Ticket Sync", process
ESCALATION = '8c2e4a6f-1b3d-4f5e-a7c9-0d2e4f6a8b31'  # "Ticket Escalation", process
ARCHIVE = 'e1f3a5c7-9b2d-4e6f-8a1c-3e5f7a9c1d41'  # "Ticket Archive", process, never packaged here
CERTIFICATE = '9a7c5e3b-1d2f-4a6b-8c0e-2f4a6c8e0b61'  # "Helpdesk Certificate", certificate
UNKNOWN = '00000000-0000-4000-8000-000000000000'
CREATE, UPDATE, DELETE = ('PublisherIntegrationPack.%s' % op for op in ('create', 'update', 'delete'))


def package(sim, component_id, version='1.0'):
    return sim.publisher.create_package({'componentId': component_id, 'packageVersion': version})


def new_pack(sim, name='Helpdesk', installation_type='MULTI', items=(SYNC,), description='Tickets'):
    return sim.publisher.create_pack({'name': name, 'Description': description, 'installationType': installation_type,
                                      'PublisherPackagedComponents': {'PublisherPackagedComponent': [{'componentId': c} for c in items]}})


def release(sim, pack_id):
    """Release the pack at once (its pending versions become current)."""
    sim.set_release_config(release_time=0)
    sim.publisher.create_release({'id': pack_id, 'releaseSchedule': 'IMMEDIATELY'})
    sim.publisher.settle()


def components_of(sim, pack_id):
    """``{component id: (current, pending, removed in the next release)}`` as the simulator holds them."""
    return {c['componentId']: (c['current'], c['pending'], c['removing']) for c in sim.publisher.packs[pack_id]['components']}


def run(client, check_mode=False, **options):
    return apply_pack(client, plan_pack(client, **options), check_mode=check_mode)


def test_create_then_converged(sim, api, new_client):
    package(sim, SYNC)
    package(sim, ESCALATION, '2.1')
    result = run(new_client(), name='Helpdesk', description='Tickets', installation_type='Multi', components=[SYNC, ESCALATION])
    [pack_id] = list(sim.publisher.packs)
    assert result['changed'] is True and writes(sim) == [(CREATE, 200)]
    assert result['integration_pack'] == {
        'id': pack_id, 'name': 'Helpdesk', 'description': 'Tickets', 'installation_type': 'MULTI',
        'components': [
            {'component_id': SYNC, 'component_name': 'Ticket Sync', 'component_type': 'process', 'current_version': None,
             'pending_version': '1.0', 'latest_version': '1.0', 'deleted': False},
            {'component_id': ESCALATION, 'component_name': 'Ticket Escalation', 'component_type': 'process', 'current_version': None,
             'pending_version': '2.1', 'latest_version': '2.1', 'deleted': False}]}
    assert result['diff']['before'] == {}
    assert result['diff']['after']['components'][ESCALATION] == {'component_name': 'Ticket Escalation', 'current_version': None,
                                                                 'pending_version': '2.1', 'deleted': False}

    del sim.log[:]
    again = run(new_client(), name='Helpdesk', description='Tickets', installation_type='MULTI', components=[ESCALATION, SYNC])
    assert again['changed'] is False and again['integration_pack'] == result['integration_pack']
    assert again['diff']['before'] == again['diff']['after']
    assert writes(sim) == [] and len(sim.publisher.packs) == 1


def test_an_update_carries_every_component(sim, api, client):
    """A description-only update keeps both components (Boomi deletes what an update leaves out); components left out of the
    option keep the pack's own; a new component comes with its latest packaged version pending."""
    package(sim, SYNC)
    package(sim, ESCALATION)
    pack = new_pack(sim, items=(SYNC, ESCALATION))
    result = run(client, name='Helpdesk', description='Tickets and escalations')
    assert result['changed'] is True and writes(sim) == [(UPDATE, 200)]
    assert sim.publisher.packs[pack['id']]['description'] == 'Tickets and escalations'
    assert components_of(sim, pack['id']) == {SYNC: ('', '1.0', False), ESCALATION: ('', '1.0', False)}

    del sim.log[:]
    package(sim, ARCHIVE, '0.9')
    added = run(client, name='Helpdesk', components=[ARCHIVE, ESCALATION])
    assert added['changed'] is True and writes(sim) == [(UPDATE, 200)]
    assert components_of(sim, pack['id']) == {ESCALATION: ('', '1.0', False), ARCHIVE: ('', '0.9', False)}
    assert added['integration_pack']['description'] == 'Tickets and escalations'


def test_check_mode_predicts_the_update_boomi_makes(sim, api, new_client):
    """A released component left out stays, removed by the next release; one never released goes; a new one is pending at its
    latest version. The check-mode prediction is what the update then answers (but the new component's name)."""
    package(sim, SYNC)
    package(sim, ESCALATION)
    pack = new_pack(sim, items=(SYNC, ESCALATION))
    release(sim, pack['id'])
    package(sim, ESCALATION, '1.1')  # not in the pack yet: ESCALATION keeps 1.0 current, nothing pending
    package(sim, ARCHIVE, '3.0')
    options = dict(name='Helpdesk', components=[ESCALATION, ARCHIVE])
    del sim.log[:]
    predicted = run(new_client(), check_mode=True, **options)
    assert predicted['changed'] is True and writes(sim) == []
    assert components_of(sim, pack['id']) == {SYNC: ('1.0', '', False), ESCALATION: ('1.0', '', False)}
    done = run(new_client(), **options)
    assert writes(sim) == [(UPDATE, 200)]
    assert components_of(sim, pack['id']) == {SYNC: ('1.0', '', True), ESCALATION: ('1.0', '', False), ARCHIVE: ('', '3.0', False)}
    archive = [c for c in done['integration_pack']['components'] if c['component_id'] == ARCHIVE][0]
    assert archive['component_name'] == 'Ticket Archive'
    expected = [dict(c, component_name=None) if c['component_id'] == ARCHIVE else c for c in done['integration_pack']['components']]
    assert predicted['integration_pack'] == dict(done['integration_pack'], components=expected)
    assert [c['deleted'] for c in done['integration_pack']['components']] == [c['deleted'] for c in predicted['integration_pack']['components']]
    assert predicted['diff'] == dict(done['diff'], after=dict(done['diff']['after'], components=dict(
        done['diff']['after']['components'], **{ARCHIVE: dict(done['diff']['after']['components'][ARCHIVE], component_name=None)})))
    assert predicted['diff']['before']['components'][SYNC] == {'component_name': 'Ticket Sync', 'current_version': '1.0',
                                                               'pending_version': None, 'deleted': False}
    assert predicted['diff']['after']['components'][SYNC]['deleted'] is True


def test_check_mode_create_predicts_a_pack_without_id(sim, api, client):
    package(sim, SYNC, '1.2')
    predicted = run(client, check_mode=True, name='Helpdesk', installation_type='single', components=[SYNC])
    assert predicted['changed'] is True and writes(sim) == [] and sim.publisher.packs == {}
    assert predicted['integration_pack'] == {
        'id': None, 'name': 'Helpdesk', 'description': '', 'installation_type': 'SINGLE',
        'components': [{'component_id': SYNC, 'component_name': None, 'component_type': 'process', 'current_version': None,
                        'pending_version': '1.2', 'latest_version': '1.2', 'deleted': False}]}
    assert predicted['diff']['before'] == {} and predicted['diff']['after']['id'] is None


def test_a_single_pack_is_renamed_by_id(sim, api, client):
    package(sim, SYNC)
    pack = new_pack(sim, installation_type='SINGLE')
    result = run(client, pack_id=pack['id'], name='Helpdesk Archive')
    assert result['changed'] is True and result['integration_pack']['name'] == 'Helpdesk Archive'
    assert result['diff']['before']['name'] == 'Helpdesk' and result['diff']['after']['name'] == 'Helpdesk Archive'
    assert sim.publisher.packs[pack['id']]['name'] == 'Helpdesk Archive' and writes(sim) == [(UPDATE, 200)]
    assert components_of(sim, pack['id']) == {SYNC: ('', '1.0', False)}


def test_a_name_in_another_unicode_form_is_not_a_rename(sim, api, client):
    """Boomi holds the decomposed "Cafe\u0301"; the task gives the composed "Caf\u00e9": the same MULTI pack, updated, not renamed."""
    package(sim, SYNC)
    pack = new_pack(sim, name='Cafe\u0301')
    result = run(client, name='Caf\u00e9', description='Coffee orders')
    assert result['changed'] is True and writes(sim) == [(UPDATE, 200)]
    assert sim.publisher.packs[pack['id']]['name'] == 'Cafe\u0301' and sim.publisher.packs[pack['id']]['description'] == 'Coffee orders'


def test_delete_then_already_absent(sim, api, new_client):
    package(sim, SYNC)
    pack = new_pack(sim)
    result = run(new_client(), state='absent', name='Helpdesk', uninstall_everywhere=True)
    assert result['changed'] is True and result['integration_pack'] is None
    assert result['diff']['before']['id'] == pack['id'] and result['diff']['after'] == {}
    assert sim.publisher.packs == {} and writes(sim) == [(DELETE, 200)]
    del sim.log[:]
    again = run(new_client(), state='absent', name='Helpdesk', uninstall_everywhere=True)
    assert again['changed'] is False and writes(sim) == []


def test_a_pack_another_run_deleted_since_the_read_counts_as_deleted(sim, api, client):
    """Another run deleted the pack between this task's read and its delete: Boomi refuses the delete, the re-read finds the
    pack gone, and the task counts it as done by the other run (changed, a warning), not as a failure."""
    package(sim, SYNC)
    pack = new_pack(sim)
    warned = []
    client.writes._warn = warned.append  # pylint: disable=protected-access
    plan = plan_pack(client, state='absent', name='Helpdesk', uninstall_everywhere=True)
    sim.publisher.delete_pack(pack['id'])
    result = apply_pack(client, plan)
    assert result['changed'] is True and result['integration_pack'] is None
    assert [(w['operation'], w['outcome']) for w in client.writes] == [('pack delete', 'done by another run')]
    assert any('another run did it' in w for w in warned), warned
    assert [w[0] for w in writes(sim)] == [DELETE] and writes(sim)[0][1] >= 400 and sim.publisher.packs == {}


@pytest.mark.parametrize('options, message', [
    ({'components': [UNKNOWN]},
     "components: '%s' has no packaged version (an unknown component has none either): package it first" % UNKNOWN),
    ({'components': [SYNC, ARCHIVE, UNKNOWN]}, "components: '%s', '%s' have no packaged version" % (ARCHIVE, UNKNOWN)),
    ({'components': [SYNC, SYNC]}, "components lists '%s' more than once" % SYNC),
    ({'installation_type': None}, "installation_type is required to create integration pack 'New Pack': single or multi"),
    ({'installation_type': 'several'}, "installation_type must be single or multi, got 'several'"),
    ({'state': 'absent'}, 'uninstall_everywhere must be true with state=absent: deleting an integration pack uninstalls it'),
    ({'pack_id': UNKNOWN}, "id '%s': the account publishes no integration pack with this id (to create a pack, give name" % UNKNOWN),
])
def test_options_wrong_for_a_new_pack_fail_before_any_write(sim, client, options, message):
    package(sim, SYNC)
    with pytest.raises(BoomiInputError) as failure:
        plan_pack(client, **dict(dict(name='New Pack', installation_type='multi', components=[SYNC]), **options))
    assert message in str(failure.value)
    assert writes(sim) == [] and sim.publisher.packs == {}


@pytest.mark.parametrize('options, message', [
    ({'installation_type': 'single'},
     "installation_type 'single': integration pack 'Helpdesk' (%(id)s) is MULTI, and the installation type cannot change after creation"),
    ({'pack_id': '%(id)s', 'name': 'Helpdesk EU'},
     "name 'Helpdesk EU': integration pack 'Helpdesk' (%(id)s) is a MULTI install pack, and Boomi renames SINGLE install packs only"),
    ({'pack_id': '%(id)s', 'name': 'Other', 'state': 'absent', 'uninstall_everywhere': True},
     "id '%(id)s' is the integration pack named 'Helpdesk', not 'Other'"),
    ({'components': [SYNC, ARCHIVE]}, "components: '%s' has no packaged version" % ARCHIVE),
    ({'name': 'Twice'}, "name 'Twice' is ambiguous: 2 integration packs the account publishes have this name (ids "),
])
def test_options_wrong_for_an_existing_pack_fail_before_any_write(sim, client, options, message):
    package(sim, SYNC)
    pack = new_pack(sim)
    new_pack(sim, name='Twice')
    new_pack(sim, name='Twice')
    before = {k: dict(v, components=list(v['components'])) for k, v in sim.publisher.packs.items()}
    options = {k: (v % pack if isinstance(v, str) else v) for k, v in options.items()}
    with pytest.raises(BoomiInputError) as failure:
        plan_pack(client, **dict(dict(name='Helpdesk', components=[SYNC]), **options))
    assert message % pack in str(failure.value)
    assert writes(sim) == [] and sim.publisher.packs == before


# -- main() in process (run_module): what the task shows ----------------------------------------------------------------------------
@pytest.mark.parametrize('options, message', [
    ({'name': OMIT}, 'missing required arguments: name'),
    ({'state': 'gone'}, 'value of state must be one of: present, absent, got: gone'),
    ({'colour': 'red'}, 'Unsupported parameters for'),
    ({'name': '  '}, 'name must not be empty or blank'),
    ({'components': [SYNC, 1.5]}, "components[1] must be a string, got a number: '1.5'"),
    ({'state': 'absent', 'uninstall_everywhere': False}, 'uninstall_everywhere must be true with state=absent'),
])
def test_main_refuses_bad_options_before_any_request(sim, run_module, options, message):
    failed, result = run_module(ipack.main, **dict(dict(name='Helpdesk', installation_type='multi'), **options))
    assert failed and message in result['msg'], result['msg']
    assert result.get('changed', False) is False and sim.log == []
    assert_masked(result)


def test_main_creates_with_diff_then_reports_no_change(sim, api, run_module):
    package(sim, SYNC)
    options = dict(name='Helpdesk', description='Tickets', installation_type='MULTI', components=[SYNC])
    failed, result = run_module(ipack.main, diff=True, **options)
    assert not failed and result['changed'] is True, result
    [pack_id] = list(sim.publisher.packs)
    assert result['integration_pack']['id'] == pack_id and result['api'] == api
    assert {e['api'] for e in sim.log} == {'rest'}  # with api: graphql too (REST_WITH_GRAPHQL 'publisher packs')
    assert result['diff'] == {'before': {}, 'after': {
        'id': pack_id, 'name': 'Helpdesk', 'description': 'Tickets', 'installation_type': 'MULTI',
        'components': {SYNC: {'component_name': 'Ticket Sync', 'current_version': None, 'pending_version': '1.0', 'deleted': False}}}}
    assert_masked(result)
    del sim.log[:]
    failed, again = run_module(ipack.main, **options)
    assert not failed and again['changed'] is False and again['integration_pack'] == result['integration_pack'] and writes(sim) == []


def test_main_check_mode_predicts_and_writes_nothing(sim, run_module):
    package(sim, SYNC)
    failed, result = run_module(ipack.main, check_mode=True, diff=True, name='Helpdesk', installation_type='multi', components=[SYNC])
    assert not failed and result['changed'] is True and result['integration_pack']['id'] is None, result
    assert result['diff']['after']['components'][SYNC]['pending_version'] == '1.0'
    pack = new_pack(sim)
    failed, result = run_module(ipack.main, check_mode=True, name='Helpdesk', state='absent', uninstall_everywhere=True)
    assert not failed and result['changed'] is True and result['integration_pack'] is None, result
    assert writes(sim) == [] and list(sim.publisher.packs) == [pack['id']]


@pytest.mark.parametrize('kind', ['ipack_create', 'ipack_update', 'ipack_delete'])
def test_main_a_lost_answer_is_settled_by_a_re_read(sim, api, run_module, kind):
    """Boomi applied the write, its answer was lost: the re-read finds it made, nothing is sent again (no second pack)."""
    package(sim, SYNC)
    package(sim, ESCALATION)
    options = dict(name='Helpdesk', installation_type='multi', components=[SYNC, ESCALATION])
    if kind != 'ipack_create':
        pack = new_pack(sim)
    if kind == 'ipack_delete':
        options = dict(name='Helpdesk', state='absent', uninstall_everywhere=True)
    sim.set_faults(drop_after_commit={'operation': kind, 'count': 1})
    failed, result = run_module(ipack.main, max_retries=0, **options)
    sim.clear_faults()
    assert not failed and result['changed'] is True, result
    operation = {'ipack_create': CREATE, 'ipack_update': UPDATE, 'ipack_delete': DELETE}[kind]
    assert writes(sim) == [(operation, 0)]
    if kind == 'ipack_delete':
        assert sim.publisher.packs == {} and result['integration_pack'] is None
        return
    [pack_id] = list(sim.publisher.packs)
    assert result['integration_pack']['id'] == pack_id
    assert components_of(sim, pack_id) == {SYNC: ('', '1.0', False), ESCALATION: ('', '1.0', False)}
    del sim.log[:]
    failed, again = run_module(ipack.main, **options)
    assert not failed and again['changed'] is False and writes(sim) == []


def test_main_check_mode_predicts_after_a_package_predicted_by_an_earlier_task(sim, run_module):
    """Along the chain packaged_component -> ipack in check mode, nothing is packaged yet: a warning, the pack predicted."""
    failed, result = run_module(ipack.main, check_mode=True, name='Helpdesk', installation_type='multi', components=[SYNC])
    assert not failed and result['changed'] is True, result
    assert result['integration_pack']['id'] is None
    assert result['integration_pack']['components'] == [{'component_id': SYNC, 'component_name': None, 'component_type': None,
                                                         'current_version': None, 'pending_version': None, 'latest_version': None,
                                                         'deleted': False}]
    assert any("components: '%s' has no packaged version" % SYNC in w and 'a real run fails unless one does' in w
               for w in warnings_of(result)), result
    assert writes(sim) == [] and sim.publisher.packs == {}
    failed, real = run_module(ipack.main, name='Helpdesk', installation_type='multi', components=[SYNC])
    assert failed and "components: '%s' has no packaged version" % SYNC in real['msg'] and writes(sim) == []


def test_main_a_lost_create_answer_that_nothing_settles_is_changed_and_unknown(sim, api, run_module):
    """Boomi created the pack, its answer was lost and the re-read that would tell was refused: the task fails with
    ``changed: true`` and the create in ``writes`` as ``unknown``; a re-run finds the pack and writes nothing."""
    package(sim, SYNC)
    # the requests: the packs query, the packaged components query, the create (dropped), the re-read (refused)
    sim.set_faults(drop_after_commit={'operation': 'ipack_create', 'count': 1}, rate_limit={'every': 4, 'retry_after': 0})
    failed, result = run_module(ipack.main, max_retries=0, name='Helpdesk', installation_type='multi', components=[SYNC])
    sim.clear_faults()
    [pack_id] = list(sim.publisher.packs)
    assert failed and result['changed'] is True, result
    assert result['writes'] == [{'write': 'pack create', 'outcome': 'unknown', 'name': 'Helpdesk'}]
    assert 'outcome unknown, the write may have been applied: pack create (name Helpdesk)' in result['msg'], result['msg']
    assert_masked(result)
    del sim.log[:]
    failed, again = run_module(ipack.main, name='Helpdesk', installation_type='multi', components=[SYNC])
    assert not failed and again['changed'] is False and again['integration_pack']['id'] == pack_id and writes(sim) == []


def test_main_a_refused_update_fails_unchanged(sim, run_module):
    """Boomi refuses the update (a component of another type): nothing was made, the task fails unchanged with Boomi's message."""
    package(sim, SYNC)
    new_pack(sim)
    package(sim, CERTIFICATE)
    failed, result = run_module(ipack.main, name='Helpdesk', components=[SYNC, CERTIFICATE])
    assert failed and result.get('changed', False) is False and 'writes' not in result, result
    assert 'only process and API service packaged components' in result['msg'] and result['status'] == 400
    assert writes(sim) == [(UPDATE, 400)]


@pytest.mark.parametrize('api', ['graphql'])
def test_main_with_a_bearer_token_only_names_the_credentials_to_add(sim, run_module, api):
    token = sim.jwt.issue(USERNAME, ACCOUNT_ID, 300)
    failed, result = run_module(ipack.main, api=api, api_token=None, username=None, bearer_token=token, name='Helpdesk',
                                installation_type='multi')
    assert failed and result.get('changed', False) is False, result
    assert 'reading the integration packs the account publishes, and creating, updating or deleting them (PublisherIntegrationPack)' in result['msg']
    assert 'needs the REST API, which bearer_token cannot call: give account_id, username and api_token' in result['msg'], result['msg']
    assert token not in str(result) and sim.log == []

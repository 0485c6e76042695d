# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""packaged_component: the module's ``main()`` in process (``run_module``) against the simulator's publisher seed, through both
APIs (with ``api: graphql`` the PackagedComponent calls go to REST with the same credentials, REST_WITH_GRAPHQL)."""

from __future__ import annotations

import pytest
import yaml

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiInputError
from ansible_collections.boomi.platform.plugins.modules import packaged_component
from ansible_collections.boomi.platform.plugins.modules.packaged_component import apply_packaged_component, plan_packaged_component
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import OMIT, assert_masked, warnings_of, writes

# The simulator's publisher seed (tests/simulator/README.md section 8)
SYNC = '5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21'  # "Ticket Sync", a process, revisions 1 to 3
ESCALATION = '8c2e4a6f-1b3d-4f5e-a7c9-0d2e4f6a8b31'  # "Ticket Escalation", a process, revisions 1 to 2
UNKNOWN = '00000000-0000-4000-8000-000000000000'
CREATE, DELETE = 'PackagedComponent.create', 'PackagedComponent.delete'


def packages(sim, component_id=SYNC):
    """``[(packageVersion, componentVersion, deleted)]`` the simulator holds for the component."""
    return [(p['packageVersion'], p['componentVersion'], p['deleted']) for p in sim.publisher.packages.values()
            if p['componentId'] == component_id]


def package(sim, component_id=SYNC, version='1.0', **extra):
    """A packaged version made in the simulator directly (not through the module)."""
    with sim.state.lock:
        return dict(sim.publisher.create_package(dict({'componentId': component_id, 'packageVersion': version}, **extra)))


def delete(sim, package_id):
    with sim.state.lock:
        sim.publisher.delete_package(package_id)


def rest_only(sim):
    """Every request of the task went to the REST API (with api: graphql too: REST_WITH_GRAPHQL)."""
    return {e['api'] for e in sim.log} == {'rest'}


def test_main_creates_with_diff_then_reports_no_change(sim, api, run_module):
    failed, result = run_module(packaged_component.main, diff=True, component_id=SYNC, version='1.2', component_version=2,
                                notes='Ticket sync, EU fields')
    assert not failed and result['changed'] is True, result
    [stored] = list(sim.publisher.packages.values())
    assert result['packaged_component'] == {
        'package_id': stored['packageId'], 'component_id': SYNC, 'component_type': 'process', 'component_version': 2, 'version': '1.2',
        'notes': 'Ticket sync, EU fields', 'shareable': True, 'deleted': False, 'created_by': 'ops@acme.example',
        'created_date': stored['createdDate']}
    assert result['diff']['before'] == {} and result['diff']['after']['package_id'] == stored['packageId']
    assert writes(sim) == [(CREATE, 200)] and rest_only(sim) and result['api'] == api
    assert_masked(result)

    del sim.log[:]
    failed, again = run_module(packaged_component.main, diff=True, component_id=SYNC, version='1.2', component_version=2,
                               notes='Ticket sync, EU fields')
    assert not failed and again['changed'] is False and again['packaged_component'] == result['packaged_component'], again
    assert again['diff']['before'] == again['diff']['after'] and warnings_of(again) == []
    assert writes(sim) == [] and packages(sim) == [('1.2', 2, False)]


def test_main_packages_the_latest_revision_by_default(sim, run_module):
    sim.add_component_revision(SYNC)  # a developer saved Ticket Sync: revision 4
    failed, result = run_module(packaged_component.main, component_id=SYNC, version='2.0')
    assert not failed and result['packaged_component']['component_version'] == 4, result
    assert packages(sim) == [('2.0', 4, False)]
    # the version exists: built from revision 4, which a later task leaving out component_version does not contradict
    sim.add_component_revision(SYNC)
    del sim.log[:]
    failed, again = run_module(packaged_component.main, component_id=SYNC, version='2.0')
    assert not failed and again['changed'] is False and writes(sim) == [], again


def test_main_check_mode_predicts_and_writes_nothing(sim, run_module):
    failed, result = run_module(packaged_component.main, check_mode=True, diff=True, component_id=SYNC, version='1.2', notes='n')
    assert not failed and result['changed'] is True, result
    assert result['packaged_component'] == {'package_id': None, 'component_id': SYNC, 'component_type': None, 'component_version': None,
                                            'version': '1.2', 'notes': 'n', 'shareable': None, 'deleted': False, 'created_by': None,
                                            'created_date': None}
    assert result['diff']['before'] == {} and result['diff']['after']['version'] == '1.2'
    assert any('has no packaged version yet' in w for w in warnings_of(result)), result
    assert writes(sim) == [] and packages(sim) == []

    # with another packaged version of the component, the prediction takes its type; component_version as given
    package(sim, version='1.0')
    failed, result = run_module(packaged_component.main, check_mode=True, component_id=SYNC, version='1.1', component_version=3)
    assert not failed and result['changed'] is True and warnings_of(result) == [], result
    assert {k: result['packaged_component'][k] for k in ('package_id', 'component_type', 'component_version', 'shareable')} == {
        'package_id': None, 'component_type': 'process', 'component_version': 3, 'shareable': True}
    assert writes(sim) == [] and packages(sim) == [('1.0', 3, False)]


def test_main_check_mode_predicts_a_restore_and_a_delete(sim, run_module):
    live = package(sim, version='1.0')
    gone = package(sim, version='0.9', componentVersion=2)
    delete(sim, gone['packageId'])
    failed, restore = run_module(packaged_component.main, check_mode=True, diff=True, component_id=SYNC, version='0.9')
    assert not failed and restore['changed'] is True, restore
    assert restore['packaged_component']['package_id'] == gone['packageId'] and restore['packaged_component']['deleted'] is False
    assert restore['diff']['before']['deleted'] is True and restore['diff']['after']['deleted'] is False
    failed, remove = run_module(packaged_component.main, check_mode=True, diff=True, component_id=SYNC, version='1.0', state='absent')
    assert not failed and remove['changed'] is True, remove
    assert remove['packaged_component']['package_id'] == live['packageId'] and remove['packaged_component']['deleted'] is True
    assert writes(sim) == [] and packages(sim) == [('1.0', 3, False), ('0.9', 2, True)]


def test_main_restores_a_deleted_version_instead_of_creating_it(sim, api, run_module):
    gone = package(sim, version='1.0', notes='first')
    delete(sim, gone['packageId'])
    failed, result = run_module(packaged_component.main, diff=True, component_id=SYNC, version='1.0')
    assert not failed and result['changed'] is True, result
    assert result['packaged_component']['package_id'] == gone['packageId'] and result['packaged_component']['deleted'] is False
    assert result['diff']['before']['deleted'] is True and result['diff']['after']['deleted'] is False
    assert writes(sim) == [(CREATE, 200)] and packages(sim) == [('1.0', 3, False)] and rest_only(sim)
    del sim.log[:]
    failed, again = run_module(packaged_component.main, component_id=SYNC, version='1.0')
    assert not failed and again['changed'] is False and writes(sim) == [], again


def test_main_deletes_then_reports_no_change(sim, api, run_module):
    kept = package(sim, version='1.0')
    failed, result = run_module(packaged_component.main, diff=True, component_id=SYNC, version='1.0', state='absent')
    assert not failed and result['changed'] is True, result
    assert result['packaged_component']['package_id'] == kept['packageId'] and result['packaged_component']['deleted'] is True
    assert result['diff']['before']['deleted'] is False and result['diff']['after']['deleted'] is True
    assert writes(sim) == [(DELETE, 200)] and packages(sim) == [('1.0', 3, True)] and rest_only(sim)
    del sim.log[:]
    for version in ('1.0', '7.7'):  # deleted already; never packaged
        failed, again = run_module(packaged_component.main, component_id=SYNC, version=version, state='absent')
        assert not failed and again['changed'] is False, again
    assert again['packaged_component'] is None and writes(sim) == []


def test_main_different_notes_are_a_warning_not_a_write(sim, run_module):
    package(sim, version='1.0', notes='first cut')
    failed, result = run_module(packaged_component.main, component_id=SYNC, version='1.0', notes='second thoughts')
    assert not failed and result['changed'] is False and result['packaged_component']['notes'] == 'first cut', result
    [warning] = warnings_of(result)
    assert "notes: version '1.0' of component_id %r keeps its notes 'first cut'" % SYNC in warning and 'second thoughts' in warning
    assert writes(sim) == []


# -- errors: each before any write ---------------------------------------------------------------------------------------------------
def test_main_refuses_to_rebuild_a_version_from_another_revision(sim, run_module):
    existing = package(sim, version='1.0', componentVersion=2)
    for state in ('present', 'absent'):
        failed, result = run_module(packaged_component.main, component_id=SYNC, version='1.0', component_version=3, state=state)
        assert failed and result.get('changed', False) is False, result
        assert result['msg'] == ("component_version 3: version '1.0' of component_id %r (package_id %s) was built from revision 2; a "
                                 "packaged version cannot be rebuilt: give another version, or leave out component_version"
                                 % (SYNC, existing['packageId']))
    assert writes(sim) == [] and packages(sim) == [('1.0', 2, False)]


def test_main_unknown_component_id_is_refused_naming_it(sim, api, run_module):
    failed, result = run_module(packaged_component.main, component_id=UNKNOWN, version='1.0')
    assert failed and result.get('changed', False) is False and 'writes' not in result, result
    assert result['msg'].startswith("packaging version '1.0' of component_id %r was refused (REST PackagedComponent.create, HTTP 400): Invalid "
                                    "componentId" % UNKNOWN), result['msg']
    # Boomi has no read of a component: only its create can tell, and it refused it (nothing was written)
    assert writes(sim) == [(CREATE, 400)] and sim.publisher.packages == {}
    assert_masked(result)


def test_main_a_revision_the_component_does_not_have_is_refused_naming_it(sim, run_module):
    failed, result = run_module(packaged_component.main, component_id=ESCALATION, version='1.0', component_version=9)
    assert failed and result.get('changed', False) is False, result
    assert result['msg'].startswith("packaging version '1.0' of component_id %r (component_version 9) was refused (REST "
                                    "PackagedComponent.create, HTTP 400): Invalid componentVersion 9" % ESCALATION), result['msg']
    assert sim.publisher.packages == {}


def test_main_a_version_in_use_is_not_deleted_and_the_error_names_it(sim, api, run_module):
    used = package(sim, version='1.0')
    with sim.state.lock:
        pack = sim.publisher.create_pack({'name': 'Tickets', 'installationType': 'SINGLE',
                                          'PublisherPackagedComponents': {'PublisherPackagedComponent': [{'componentId': SYNC}]}})
    failed, result = run_module(packaged_component.main, component_id=SYNC, version='1.0', state='absent')
    assert failed and result.get('changed', False) is False and 'writes' not in result, result
    assert result['msg'].startswith("deleting version '1.0' of component_id %r (package_id %s) was refused (REST PackagedComponent.delete, "
                                    "HTTP 400): " % (SYNC, used['packageId']))
    assert 'is in use by integration pack Tickets (%s)' % pack['id'] in result['msg'] and 'in an integration pack' in result['msg']
    assert writes(sim) == [(DELETE, 400)] and packages(sim) == [('1.0', 3, False)]


@pytest.mark.parametrize('options, message', [
    ({'version': '1.0'}, 'missing required arguments: component_id'),
    ({'component_id': SYNC}, 'missing required arguments: version'),
    ({'component_id': SYNC, 'version': 1.2}, 'version must be a string, got a number: \'1.2\' (quote it in YAML'),
    ({'component_id': SYNC, 'version': 1.10}, 'version must be a string, got a number: \'1.1\''),
    ({'component_id': SYNC, 'version': '  '}, 'version must not be empty or blank'),
    ({'component_id': ['a', 'b'], 'version': '1.0'}, 'component_id must be a string, got a list'),
    ({'component_id': SYNC, 'version': '1.0', 'component_version': 0}, 'component_version must be a revision number of 1 or more, got 0'),
    ({'component_id': SYNC, 'version': '1.0', 'component_version': 'latest'}, "argument 'component_version' is of type"),
    ({'component_id': SYNC, 'version': '1.0', 'state': 'gone'}, 'value of state must be one of: present, absent, got: gone'),
    ({'component_id': SYNC, 'version': '1.0', 'shareable': True}, 'Unsupported parameters for'),
])
def test_main_refuses_bad_options_before_any_request(sim, run_module, options, message):
    failed, result = run_module(packaged_component.main, **options)
    assert failed and message in result['msg'], result['msg']
    assert result.get('changed', False) is False and sim.log == []
    assert_masked(result)


def test_main_an_integer_version_is_its_text(sim, run_module):
    failed, result = run_module(packaged_component.main, component_id=SYNC, version=2)
    assert not failed and result['packaged_component']['version'] == '2', result
    assert packages(sim) == [('2', 3, False)]


@pytest.mark.parametrize('api', ['graphql'])
def test_main_with_a_bearer_token_only_names_the_credentials_to_add(sim, api, run_module):
    failed, result = run_module(packaged_component.main, component_id=SYNC, version='1.0', bearer_token='a-bearer-token-for-the-space',
                                username=OMIT, api_token=OMIT, password=OMIT)
    assert failed and result.get('changed', False) is False, result
    assert 'packaged versions of a component' in result['msg'] and 'needs the REST API, which bearer_token cannot call' in result['msg']
    assert 'give account_id, username and api_token (or password)' in result['msg']
    assert sim.log == [] and 'a-bearer-token-for-the-space' not in str(result)


# -- lost answers and failed writes --------------------------------------------------------------------------------------------------
def test_main_a_lost_create_answer_is_settled_by_a_re_read_without_a_duplicate(sim, api, run_module):
    sim.set_faults(drop_after_commit={'operation': 'package', 'count': 1})
    failed, result = run_module(packaged_component.main, max_retries=0, component_id=SYNC, version='1.0')
    sim.clear_faults()
    assert not failed and result['changed'] is True, result
    [stored] = list(sim.publisher.packages.values())
    assert result['packaged_component']['package_id'] == stored['packageId']
    assert writes(sim) == [(CREATE, 0)] and packages(sim) == [('1.0', 3, False)]
    assert any('checking whether the packaged version was created' in w for w in warnings_of(result)), result


def test_main_a_lost_restore_answer_is_settled_by_a_re_read(sim, run_module):
    gone = package(sim, version='1.0')
    delete(sim, gone['packageId'])
    sim.set_faults(drop_after_commit={'operation': 'package', 'count': 1})
    failed, result = run_module(packaged_component.main, max_retries=0, component_id=SYNC, version='1.0')
    sim.clear_faults()
    assert not failed and result['changed'] is True and result['packaged_component']['deleted'] is False, result
    assert writes(sim) == [(CREATE, 0)] and packages(sim) == [('1.0', 3, False)]


def test_main_a_lost_delete_answer_is_settled_by_a_re_read(sim, api, run_module):
    kept = package(sim, version='1.0')
    sim.set_faults(drop_after_commit={'operation': 'package_delete', 'count': 1})
    failed, result = run_module(packaged_component.main, max_retries=0, component_id=SYNC, version='1.0', state='absent')
    sim.clear_faults()
    assert not failed and result['changed'] is True, result
    assert result['packaged_component']['package_id'] == kept['packageId'] and result['packaged_component']['deleted'] is True
    assert writes(sim) == [(DELETE, 0)] and packages(sim) == [('1.0', 3, True)]


def test_main_a_lost_create_answer_that_nothing_settles_is_changed_and_unknown(sim, api, run_module):
    """The create landed, its answer was lost and the re-read that would tell was refused (the 3rd request: query, create,
    query): the task fails with ``changed: true`` and the write as ``unknown``; a re-run finds the version and writes nothing."""
    sim.set_faults(drop_after_commit={'operation': 'package', 'count': 1}, rate_limit={'every': 3, 'retry_after': 0})
    failed, result = run_module(packaged_component.main, max_retries=0, component_id=SYNC, version='1.0', notes='n')
    sim.clear_faults()
    assert failed and result['changed'] is True, result
    assert result['writes'] == [{'write': 'package', 'outcome': 'unknown', 'component_id': SYNC, 'version': '1.0'}]
    assert 'outcome unknown, the write may have been applied: package' in result['msg'], result['msg']
    assert_masked(result)
    del sim.log[:]
    failed, again = run_module(packaged_component.main, component_id=SYNC, version='1.0', notes='n')
    assert not failed and again['changed'] is False and writes(sim) == [] and packages(sim) == [('1.0', 3, False)], again


def test_plan_reads_the_versions_and_refuses_a_rebuild_before_any_write(sim, client):
    package(sim, version='1.0', componentVersion=1)
    plan = plan_packaged_component(client, SYNC, '1.0')
    assert plan['action'] is None and plan['current']['component_version'] == 1 and plan['others'] == []
    with pytest.raises(BoomiInputError):
        plan_packaged_component(client, SYNC, '1.0', component_version=3, state='absent')
    assert writes(sim) == []


def test_apply_a_version_another_run_packaged_since_the_read_counts_as_done(sim, client):
    """Another run packaged the same version (same revision) between this task's read and its create: Boomi refuses the create,
    the re-read finds the version, and the task counts it as done (a warning), not as a failure and not as a second version."""
    warned = []
    client.writes._warn = warned.append  # pylint: disable=protected-access
    plan = plan_packaged_component(client, SYNC, '1.0', component_version=3)
    other = package(sim, version='1.0', componentVersion=3)
    result = apply_packaged_component(client, plan)
    assert result['changed'] is True and result['packaged_component']['package_id'] == other['packageId']
    assert [(w['operation'], w['outcome']) for w in client.writes] == [('package', 'done by another run')]
    assert any('another run did it' in w for w in warned), warned
    assert writes(sim) == [(CREATE, 400)] and packages(sim) == [('1.0', 3, False)]


def test_apply_a_version_another_run_packaged_from_another_revision_is_an_error(sim, client):
    plan = plan_packaged_component(client, SYNC, '1.0', component_version=2)
    package(sim, version='1.0', componentVersion=3)
    with pytest.raises(BoomiInputError) as failure:
        apply_packaged_component(client, plan)
    assert "packaging version '1.0' of component_id %r (component_version 2) was refused" % SYNC in str(failure.value)
    assert 'already exists' in str(failure.value)
    assert not client.writes.sent() and packages(sim) == [('1.0', 3, False)]


def test_main_the_examples_run_against_the_publisher_seed(sim, run_module):
    """The EXAMPLES, each task's options as written, run in order on the simulator's publisher seed and do what they say."""
    tasks = yaml.safe_load(packaged_component.EXAMPLES)
    results = []
    for task in tasks:
        failed, result = run_module(packaged_component.main, **task['boomi.platform.packaged_component'])
        assert not failed, (task['name'], result)
        results.append(result)
    assert [r['changed'] for r in results] == [True, True, True]
    assert (results[0]['packaged_component']['component_version'], results[1]['packaged_component']['component_version']) == (3, 2)
    assert packages(sim) == [('1.2', 3, True)] and packages(sim, ESCALATION) == [('1.0', 2, False)]

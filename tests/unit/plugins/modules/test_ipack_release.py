# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipack_release: the module's ``main()`` in process (``run_module``) against the simulator's publisher seed, through both APIs
(with ``api: graphql`` the release calls go through REST, REST_WITH_GRAPHQL). The release timeline runs on the fake clock."""

from __future__ import annotations

import datetime

import pytest

from ansible_collections.boomi.platform.plugins.modules import ipack_release
from ansible_collections.boomi.platform.plugins.modules.ipack_release import apply_release, plan_release
from ansible_collections.boomi.platform.tests.unit.plugins.modules.conftest import OMIT, assert_masked, warnings_of, writes

SYNC = '5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21'  # "Ticket Sync", process, revision 3
ESCALATION = '8c2e4a6f-1b3d-4f5e-a7c9-0d2e4f6a8b31'  # "Ticket Escalation", process, revision 2
ARCHIVE = 'e1f3a5c7-9b2d-4e6f-8a1c-3e5f7a9c1d41'  # "Ticket Archive", process, not in the pack
CREATE, UPDATE = 'ReleaseIntegrationPack.create', 'ReleaseIntegrationPack.update'


def helpdesk(sim, versions=(('1.0',), ('1.0',))):
    """The publisher pack "Helpdesk" (MULTI) with Ticket Sync and Ticket Escalation, packaged at ``versions``; nothing released.
    Made in the simulator's store directly: the request log stays empty."""
    store = sim.publisher
    for component_id, packaged in zip((SYNC, ESCALATION), versions):
        for version in packaged:
            store.create_package({'componentId': component_id, 'packageVersion': version})
    items = [{'componentId': SYNC}, {'componentId': ESCALATION}]
    pack = store.create_pack({'name': 'Helpdesk', 'Description': 'Helpdesk tickets', 'installationType': 'MULTI',
                              'PublisherPackagedComponents': {'PublisherPackagedComponent': items}})
    return pack['id']


def released(sim, pack_id):
    """``{component id: released version}`` of the pack in the simulator."""
    return {entry['componentId']: entry['current'] or None for entry in sim.publisher.packs[pack_id]['components']}


def releases(sim, pack_id):
    return [r for r in sim.publisher.releases.values() if r['packId'] == pack_id]


def in_days(fake_time, days):
    today = datetime.datetime.fromtimestamp(fake_time.clock(), datetime.timezone.utc).date()
    return (today + datetime.timedelta(days=days)).isoformat()


def only_rest(sim):
    """Every request went to the REST API (the release calls are REST only, also with api: graphql)."""
    return {entry['api'] for entry in sim.log} == {'rest'}


def test_releases_now_waits_for_success_then_converges(sim, api, run_module, fake_time):
    pack_id = helpdesk(sim)
    sim.set_release_config(release_time=5)
    failed, result = run_module(ipack_release.main, diff=True, integration_pack_name='Helpdesk')
    assert not failed and result['changed'] is True, result
    [release] = releases(sim, pack_id)
    assert result['release'] == {'request_id': release['requestId'], 'status': 'SUCCESS', 'release_on': None,
                                 'components': [{'component_id': SYNC, 'version': '1.0', 'released_version': None},
                                                {'component_id': ESCALATION, 'version': '1.0', 'released_version': None}]}
    assert released(sim, pack_id) == {SYNC: '1.0', ESCALATION: '1.0'}
    assert result['diff'] == {'before': {'released_versions': {SYNC: None, ESCALATION: None}, 'scheduled_release': None},
                              'after': {'released_versions': {SYNC: '1.0', ESCALATION: '1.0'}, 'scheduled_release': None}}
    assert writes(sim) == [(CREATE, 200)] and only_rest(sim)
    assert fake_time.slept  # it waited, on the fake clock
    assert result['api'] == api
    assert_masked(result)

    del sim.log[:]
    failed, again = run_module(ipack_release.main, diff=True, integration_pack_id=pack_id)
    assert not failed and again['changed'] is False, again
    assert again['release'] == result['release'] and writes(sim) == []
    assert again['diff']['before'] == again['diff']['after']


def test_a_new_packaged_version_is_released_and_the_others_stay(sim, run_module):
    pack_id = helpdesk(sim, versions=(('1.0', '1.1'), ('1.0',)))
    failed, first = run_module(ipack_release.main, integration_pack_id=pack_id, components=[{'component_id': SYNC, 'version': '1.0'}])
    assert not failed and first['changed'] is True, first
    assert released(sim, pack_id) == {SYNC: '1.0', ESCALATION: '1.0'}
    del sim.log[:]
    failed, same = run_module(ipack_release.main, integration_pack_id=pack_id, components=[{'component_id': SYNC, 'version': '1.0'}])
    assert not failed and same['changed'] is False and writes(sim) == [], same
    failed, newer = run_module(ipack_release.main, integration_pack_id=pack_id, components=[{'component_id': SYNC}])
    assert not failed and newer['changed'] is True, newer
    assert {c['component_id']: (c['version'], c['released_version']) for c in newer['release']['components']} == {
        SYNC: ('1.1', '1.0'), ESCALATION: ('1.0', '1.0')}
    assert released(sim, pack_id) == {SYNC: '1.1', ESCALATION: '1.0'} and writes(sim) == [(CREATE, 200)]


def test_a_component_removed_from_the_pack_is_released(sim, run_module):
    """Ticket Escalation is taken out of the pack after a release: the versions asked are the released ones, but the pack
    changes in the next release, so it is released."""
    pack_id = helpdesk(sim)
    assert not run_module(ipack_release.main, integration_pack_id=pack_id)[0]
    sim.publisher.update_pack(pack_id, {'id': pack_id, 'operationType': 'DELETE',
                                        'PublisherPackagedComponents': {'PublisherPackagedComponent': [{'componentId': ESCALATION}]}})
    del sim.log[:]
    failed, result = run_module(ipack_release.main, diff=True, integration_pack_id=pack_id)
    assert not failed and result['changed'] is True, result
    assert [c['component_id'] for c in result['release']['components']] == [SYNC]
    assert result['diff']['after']['released_versions'] == {SYNC: '1.0'}
    assert released(sim, pack_id) == {SYNC: '1.0'} and writes(sim) == [(CREATE, 200)]


def test_in_progress_spelled_inprogress_is_waited_for(sim, run_module, fake_time):
    pack_id = helpdesk(sim)
    sim.set_release_config(release_time=20, in_progress_spelling='INPROGRESS')
    failed, result = run_module(ipack_release.main, integration_pack_id=pack_id)
    assert not failed and result['release']['status'] == 'SUCCESS', result
    assert sum(fake_time.slept) >= 6  # the status was read more than once


def test_wait_false_returns_in_progress_and_a_rerun_follows_it_without_writing(sim, run_module):
    pack_id = helpdesk(sim)
    sim.set_release_config(release_time=100)
    failed, result = run_module(ipack_release.main, integration_pack_id=pack_id, wait=False)
    assert not failed and result['changed'] is True and result['release']['status'] == 'IN_PROGRESS', result
    del sim.log[:]
    failed, again = run_module(ipack_release.main, integration_pack_id=pack_id)
    assert not failed and again['changed'] is False, again
    assert again['release']['status'] == 'SUCCESS' and again['release']['request_id'] == result['release']['request_id']
    assert writes(sim) == [] and len(releases(sim, pack_id)) == 1


def test_scheduled_release_is_left_when_it_matches_and_updated_when_the_date_differs(sim, api, run_module, fake_time):
    pack_id = helpdesk(sim)
    date = in_days(fake_time, 10)
    failed, result = run_module(ipack_release.main, diff=True, integration_pack_name='Helpdesk', release_on=date)
    assert not failed and result['changed'] is True, result
    [release] = releases(sim, pack_id)
    assert result['release']['status'] == 'SCHEDULED' and result['release']['release_on'] == date
    assert result['release']['request_id'] == release['requestId']
    assert result['diff']['after'] == {'released_versions': {SYNC: None, ESCALATION: None},
                                       'scheduled_release': {'release_on': date, 'versions': {SYNC: '1.0', ESCALATION: '1.0'}}}
    assert released(sim, pack_id) == {SYNC: None, ESCALATION: None} and writes(sim) == [(CREATE, 200)] and only_rest(sim)

    del sim.log[:]
    failed, same = run_module(ipack_release.main, integration_pack_name='Helpdesk', release_on=date)
    assert not failed and same['changed'] is False and same['release'] == result['release'] and writes(sim) == [], same

    later = in_days(fake_time, 20)
    failed, predicted = run_module(ipack_release.main, check_mode=True, integration_pack_name='Helpdesk', release_on=later)
    assert not failed and predicted['changed'] is True and writes(sim) == [] and release['date'] == date, predicted
    assert predicted['release'] == dict(result['release'], release_on=later)  # the update keeps the request
    failed, moved = run_module(ipack_release.main, diff=True, integration_pack_name='Helpdesk', release_on=later)
    assert not failed and moved['changed'] is True, moved
    assert moved['release']['request_id'] == release['requestId'] and moved['release']['release_on'] == later
    assert moved['diff']['before']['scheduled_release']['release_on'] == date
    assert writes(sim) == [(UPDATE, 200)] and len(releases(sim, pack_id)) == 1 and release['date'] == later


def test_a_scheduled_release_whose_versions_differ_is_updated(sim, run_module, fake_time):
    pack_id = helpdesk(sim, versions=(('1.0', '1.1'), ('1.0',)))
    date = in_days(fake_time, 7)
    one = [{'component_id': SYNC, 'version': '1.0'}]
    assert not run_module(ipack_release.main, integration_pack_id=pack_id, release_on=date, components=one)[0]
    del sim.log[:]
    failed, result = run_module(ipack_release.main, diff=True, integration_pack_id=pack_id, release_on=date,
                                components=[{'component_id': SYNC, 'version': '1.1'}])
    assert not failed and result['changed'] is True, result
    assert result['diff']['before']['scheduled_release']['versions'][SYNC] == '1.0'
    assert result['diff']['after']['scheduled_release']['versions'][SYNC] == '1.1'
    assert writes(sim) == [(UPDATE, 200)] and [r['components'][0]['version'] for r in releases(sim, pack_id)] == ['1.1']


def test_without_release_on_a_scheduled_release_is_released_now(sim, run_module, fake_time):
    pack_id = helpdesk(sim)
    assert not run_module(ipack_release.main, integration_pack_id=pack_id, release_on=in_days(fake_time, 5))[0]
    del sim.log[:]
    failed, result = run_module(ipack_release.main, integration_pack_id=pack_id)
    assert not failed and result['changed'] is True and result['release']['status'] == 'SUCCESS', result
    assert writes(sim) == [(UPDATE, 200)] and len(releases(sim, pack_id)) == 1
    assert released(sim, pack_id) == {SYNC: '1.0', ESCALATION: '1.0'}


def test_a_lost_release_answer_is_settled_by_the_release_status(sim, run_module):
    """Boomi made the release and its answer was lost: the status read finds it, nothing is sent again."""
    pack_id = helpdesk(sim)
    sim.set_faults(drop_after_commit={'operation': 'release', 'count': 1})
    failed, result = run_module(ipack_release.main, max_retries=0, integration_pack_id=pack_id)
    sim.clear_faults()
    assert not failed and result['changed'] is True, result
    [release] = releases(sim, pack_id)
    assert result['release']['request_id'] == release['requestId'] and result['release']['status'] == 'SUCCESS'
    assert writes(sim) == [(CREATE, 0)]
    assert any('checking whether the release was made' in w for w in warnings_of(result))


def test_a_release_another_run_made_since_the_read_counts_as_done(sim, client):
    """Another run released the same versions between this task's read and its release: Boomi refuses a second active release,
    the release status read again shows the other run's, and the task counts it as done by that run (no second release)."""
    pack_id = helpdesk(sim)
    warned = []
    client.writes._warn = warned.append  # pylint: disable=protected-access
    plan = plan_release(client, pack_id)
    assert plan['action'] == 'release'
    other = sim.publisher.create_release({'id': pack_id, 'releaseSchedule': 'IMMEDIATELY'})
    result = apply_release(client, plan, wait=False)
    assert result['changed'] is True and result['release']['request_id'] == other['requestId'], result
    assert [(w['operation'], w['outcome']) for w in client.writes] == [('release', 'done by another run')]
    assert any('another run did it' in w for w in warned), warned
    assert [w[0] for w in writes(sim)] == [CREATE] and writes(sim)[0][1] >= 400 and len(releases(sim, pack_id)) == 1


def test_a_lost_update_answer_is_settled_by_the_release_status(sim, run_module, fake_time):
    pack_id = helpdesk(sim)
    assert not run_module(ipack_release.main, integration_pack_id=pack_id, release_on=in_days(fake_time, 5))[0]
    del sim.log[:]
    later = in_days(fake_time, 6)
    sim.set_faults(drop_after_commit={'operation': 'release_update', 'count': 1})
    failed, result = run_module(ipack_release.main, max_retries=0, integration_pack_id=pack_id, release_on=later)
    sim.clear_faults()
    assert not failed and result['changed'] is True and result['release']['release_on'] == later, result
    assert writes(sim) == [(UPDATE, 0)] and len(releases(sim, pack_id)) == 1


def test_a_release_that_ends_in_error_fails_as_changed(sim, run_module):
    pack_id = helpdesk(sim)
    sim.set_release_outcome(pack_id, 'ERROR')
    failed, result = run_module(ipack_release.main, integration_pack_id=pack_id)
    assert failed and result['changed'] is True, result
    assert 'ended with status ERROR' in result['msg'] and result['release']['status'] == 'ERROR'
    assert [(w['write'], w['outcome'], w['request_id']) for w in result['writes']] == [('release', 'done', result['release']['request_id'])]
    assert released(sim, pack_id) == {SYNC: None, ESCALATION: None}
    assert_masked(result)


def test_a_release_that_ends_in_error_with_fail_on_error_false_warns(sim, run_module):
    pack_id = helpdesk(sim)
    sim.set_release_outcome(pack_id, 'ERROR')
    failed, result = run_module(ipack_release.main, integration_pack_id=pack_id, fail_on_error=False)
    assert not failed and result['changed'] is True and result['release']['status'] == 'ERROR', result
    assert any('ended with status ERROR' in w for w in warnings_of(result))


def test_a_release_that_does_not_end_in_time_fails_and_a_rerun_does_not_release_again(sim, run_module, fake_time):
    pack_id = helpdesk(sim)
    sim.set_release_config(release_time=100000)
    failed, result = run_module(ipack_release.main, integration_pack_id=pack_id, wait_timeout=60)
    assert failed and result['changed'] is True, result
    assert 'still IN_PROGRESS after 60 seconds (wait_timeout)' in result['msg'] and result['release']['status'] == 'IN_PROGRESS'
    assert [w['write'] for w in result['writes']] == ['release']
    assert 50 <= sum(fake_time.slept) <= 61  # the wait is timed from the request (real time passes too)
    del sim.log[:]
    failed, again = run_module(ipack_release.main, integration_pack_id=pack_id, wait=False)
    assert not failed and again['changed'] is False and writes(sim) == [] and len(releases(sim, pack_id)) == 1, again


@pytest.mark.parametrize('options, message', [
    ({'integration_pack_name': 'Nope'}, "integration_pack_name 'Nope': the account publishes no integration pack with this name "
                                        "(its packs: Helpdesk)"),
    ({'integration_pack_name': OMIT, 'integration_pack_id': 'a7d1e0f2-0000-4000-8000-000000000000'},
     "integration_pack_id 'a7d1e0f2-0000-4000-8000-000000000000': the account publishes no integration pack with this id"),
    ({'components': [{'component_id': ARCHIVE}]}, "components[0].component_id '%s' is not a component of integration pack 'Helpdesk'" % ARCHIVE),
    ({'components': [{'component_id': SYNC, 'version': '2.0'}]},
     "components[0].version '2.0' is not a packaged version of component '%s' (Ticket Sync) (its packaged versions: 1.0)" % SYNC),
    ({'components': [{'component_id': SYNC}, {'component_id': SYNC}]}, "components[1].component_id '%s' is listed twice" % SYNC),
    ({'components': [{'component_id': SYNC, 'version': 1.0}]}, 'components[0].version must be a string, got a number'),
    ({'release_on': '2020-01-31'}, "release_on '2020-01-31' must be a future date"),
    ({'release_on': 'TODAY'}, "release_on 'today' must be a future date"),
    ({'release_on': '2026-02-30'}, "release_on '2026-02-30' is not a date YYYY-MM-DD"),
    ({'wait_timeout': 0}, 'wait_timeout must be at least 1 second, got 0'),
    ({'integration_pack_name': OMIT}, 'one of the following is required: integration_pack_id, integration_pack_name'),
    ({'integration_pack_id': 'x'}, 'parameters are mutually exclusive: integration_pack_id|integration_pack_name'),
    ({'components': [{'version': '1.0'}]}, 'missing required arguments: component_id'),
])
def test_bad_options_fail_before_any_write(sim, run_module, fake_time, options, message):
    helpdesk(sim)
    if options.get('release_on') == 'TODAY':
        options = dict(options, release_on=in_days(fake_time, 0))
        message = message.replace('today', options['release_on'])
    failed, result = run_module(ipack_release.main, **dict({'integration_pack_name': 'Helpdesk'}, **options))
    assert failed and message in result['msg'], result['msg']
    assert result.get('changed', False) is False and writes(sim) == [] and sim.publisher.releases == {}
    assert_masked(result)


def test_a_release_in_progress_with_other_versions_is_an_error_before_any_write(sim, run_module):
    pack_id = helpdesk(sim, versions=(('1.0', '1.1'), ('1.0',)))
    sim.set_release_config(release_time=1000)
    assert not run_module(ipack_release.main, integration_pack_id=pack_id, wait=False)[0]  # 1.1 of Ticket Sync
    del sim.log[:]
    failed, result = run_module(ipack_release.main, integration_pack_id=pack_id, components=[{'component_id': SYNC, 'version': '1.0'}])
    assert failed and 'has a release in progress' in result['msg'] and writes(sim) == [], result
    assert result.get('changed', False) is False


def test_check_mode_predicts_and_writes_nothing(sim, run_module, fake_time):
    pack_id = helpdesk(sim)
    failed, now = run_module(ipack_release.main, check_mode=True, diff=True, integration_pack_id=pack_id)
    assert not failed and now['changed'] is True, now
    assert now['release'] == {'request_id': None, 'status': 'SUCCESS', 'release_on': None,
                              'components': [{'component_id': SYNC, 'version': '1.0', 'released_version': None},
                                             {'component_id': ESCALATION, 'version': '1.0', 'released_version': None}]}
    assert now['diff']['after']['released_versions'] == {SYNC: '1.0', ESCALATION: '1.0'}
    failed, nowait = run_module(ipack_release.main, check_mode=True, integration_pack_id=pack_id, wait=False)
    assert not failed and nowait['release']['status'] == 'IN_PROGRESS'
    date = in_days(fake_time, 3)
    failed, later = run_module(ipack_release.main, check_mode=True, integration_pack_id=pack_id, release_on=date)
    assert not failed and later['release']['status'] == 'SCHEDULED' and later['release']['release_on'] == date
    assert writes(sim) == [] and sim.publisher.releases == {} and released(sim, pack_id) == {SYNC: None, ESCALATION: None}


def test_check_mode_after_a_predicted_pack_and_package(sim, run_module):
    """In a check-mode run of the chain, the pack an earlier task would create has no id, and a version an earlier task would
    package is not there yet: both are predicted (with a warning), not errors; nothing is sent."""
    failed, result = run_module(ipack_release.main, check_mode=True, integration_pack_name=OMIT, integration_pack_id=None,
                                components=[{'component_id': SYNC, 'version': '1.0'}])
    assert not failed and result['changed'] is True, result
    assert result['release']['request_id'] is None and result['release']['components'] == [
        {'component_id': SYNC, 'version': '1.0', 'released_version': None}]
    assert sim.log == []
    pack_id = helpdesk(sim)
    failed, result = run_module(ipack_release.main, check_mode=True, integration_pack_id=pack_id,
                                components=[{'component_id': SYNC, 'version': '1.1'}])
    assert not failed and result['changed'] is True, result
    assert any("components[0].version '1.1' is not a packaged version" in w for w in warnings_of(result))
    assert writes(sim) == []


def test_graphql_with_only_a_bearer_token_names_the_credentials_to_add(sim, run_module):
    helpdesk(sim)
    failed, result = run_module(ipack_release.main, api='graphql', space_guid='7d6a3c5e-2b1f-4e8d-9c0a-1b2c3d4e5f60',
                                bearer_token='a-bearer-token', username=OMIT, api_token=OMIT, password=OMIT, account_id=OMIT,
                                integration_pack_name='Helpdesk')
    assert failed and 'needs the REST API, which bearer_token cannot call: give account_id, username and api_token' in result['msg'], result
    assert sim.log == [] and 'a-bearer-token' not in str(result)


def test_a_refused_release_fails_unchanged(sim, run_module):
    """The release is refused (HTTP 503) and not retried: the task fails and, as nothing was made, unchanged."""
    pack_id = helpdesk(sim)
    sim.set_faults(rate_limit={'every': 3, 'retry_after': 0})  # the reads before it: the pack and its release status
    failed, result = run_module(ipack_release.main, max_retries=0, integration_pack_id=pack_id)
    sim.clear_faults()
    assert failed and result.get('changed', False) is False and 'writes' not in result, result
    assert writes(sim) == [(CREATE, 503)] and sim.publisher.releases == {}


def test_a_lost_release_answer_that_nothing_settles_is_changed_and_unknown(sim, run_module):
    """Boomi made the release, its answer was lost and the status read that would tell was refused: the task fails with
    ``changed: true`` and the release in ``writes`` as ``unknown``; a re-run finds the release and sends nothing."""
    pack_id = helpdesk(sim)
    sim.set_faults(drop_after_commit={'operation': 'release', 'count': 1}, rate_limit={'every': 4, 'retry_after': 0})
    failed, result = run_module(ipack_release.main, max_retries=0, integration_pack_id=pack_id)
    sim.clear_faults()
    assert failed and result['changed'] is True, result
    assert [(w['write'], w['outcome']) for w in result['writes']] == [('release', 'unknown')]
    assert 'outcome unknown, the write may have been applied: release' in result['msg'], result['msg']
    assert_masked(result)
    del sim.log[:]
    failed, again = run_module(ipack_release.main, integration_pack_id=pack_id)
    assert not failed and again['changed'] is False and writes(sim) == [] and len(releases(sim, pack_id)) == 1, again
    assert again['release']['status'] == 'SUCCESS'

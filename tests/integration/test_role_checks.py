# -*- coding: utf-8 -*-
"""The integration_packs role's checks before its first write, in check mode and in the real run (issues 13.4, 14.10-14.14, 14.17).

Every bad list must fail the real run where ``--check`` fails, before anything is written; every list that the real run
converges must pass ``--check``.
"""

from __future__ import annotations

import pytest

from boomi_harness import REPO

ROLE = 'boomi.platform.integration_packs : '
CHECK_LIST = ROLE + 'Check integration_packs_list (every item names its pack, every schedule its environment or Atom)'
CHECK_SCHEDULES = ROLE + 'Check the schedules against the environments the instances are attached to after the run'
CONVERGE = ROLE + 'Install, attach, detach and uninstall the instances'
APPLY = ROLE + 'Apply the process schedules'
SUMMARY = ROLE + 'Summary of what was installed, attached, detached, scheduled and uninstalled'
SCHEDULE_LINES = ROLE + 'The schedules set or cleared (cron with the days of the week by name)'
PROD_ATOM_1 = 'b8a19c6c-3cc5-4f92-abba-c35b6eee2fb7'
WEEKDAYS = [{'cron': '0 6 * * MON-FRI'}]
BOOMI_WEEKDAYS = {'minutes': '0', 'hours': '6', 'daysOfWeek': '2,3,4,5,6', 'daysOfMonth': '*', 'months': '*', 'years': '*'}


def eu(**extra):
    return dict({'integration_pack_name': 'Order Intake', 'override_name': 'EU'}, **extra)


def int_on(**target):
    return dict({'process': 'INT', 'schedules': WEEKDAYS}, **target)


def failure(run, task):
    """The message of the one failed task, which must be ``task``."""
    failed = [r for r in run.results if r['failed']]
    assert run.rc != 0 and [r['task'] for r in failed] == [task], run.output()
    return str(failed[0]['msg'])


def fail_in_both_modes(ansible, api, cases):
    """Run the role on each list of ``cases`` ({name: (items, task, fragments)}) in one play, with ``--check`` and without;
    each list must fail in ``task`` with a one-line message holding ``fragments``, the converge task never runs. The runs."""
    runs = []
    for check in (True, False):
        run = ansible.playbook('role_cases.yml', api, {'role_cases': {name: case[0] for name, case in cases.items()}}, check=check)
        recorded = run['role failures']['role_failures']
        for name, (_items, task, fragments) in cases.items():
            failure = recorded.get(name)
            assert failure and failure['task'] in (task, task[len(ROLE):]), (name, failure, run.output())
            msg = str(failure['msg'])
            assert all(f in msg for f in fragments) and '\n' not in msg.strip(), (name, msg)
        assert not any(r['task'] == CONVERGE for r in run.results), 'the real converge task ran'
        runs.append(run)
    return runs


def schedules_of(seed, instance_id, process_suffix):
    state = seed.state()
    [instance] = [i for i in state['instances'] if i['id'] == instance_id]
    [process] = [p['id'] for p in instance['processes'] if p['name'].endswith(process_suffix)]
    return {s['atomId']: s['Schedule'] for s in state['schedules'] if s['processId'] == process}


# -- issues 14.10 and 14.11: check mode agrees with the real run, and the real run fails before its first write --------------
def test_bad_schedules_fail_before_any_write_in_both_modes(ansible, seed):
    """Every list fails ``--check`` and the real run in the schedules' check; one play runs them all, each its own instance. The
    cases are those that show the role's wiring (what ipack_instances and ipack_process_schedule_info give the check); every
    case of the check itself: tests/unit/plugins/filter/test_integration_packs.py."""
    # one API (what the check reads, on both APIs: tests/unit/plugins/modules/test_ipack_instances.py::
    # test_main_check_mode_include_atoms_gives_the_atoms_of_the_environments_the_run_attaches, test_ipack_process_schedule_info.py::
    # test_check_mode_reads_the_same)
    api = 'graphql'
    test_only = seed.install('Order Intake', 'Test Only')
    seed.attach(test_only, ['Test'])
    prod_only = seed.install('Order Intake', 'Prod Only')
    seed.attach(prod_only, ['Production'])
    sandbox_atom = 'ea02d3b1-ee37-498b-bac5-1dd7ce5229dc'
    cases = {
        # (a) used to pass --check; the real run installed, attached to Test, then failed "attach first"
        'environment the item does not list': (
            [eu(environments=['Test'], schedules=[int_on(environment='Test'), int_on(environment='Production')])], [
                "integration_packs_list[0].schedules[1]: environment 'Production' is not one the instance is attached to after this run "
                "(Test)", 'add it to environments', 'nothing was changed']),
        # (b) 'environment that exclusive detaches' (used to pass --check; the real run detached Production, then failed): the same
        # check on what ipack_instances plans, in process: tests/unit/plugins/filter/test_integration_packs.py::
        # test_a_schedule_on_an_environment_that_exclusive_detaches_fails_before_the_run
        'Atom of no attached environment': (
            [eu(override_name='Test Only', environments=['Test'], schedules=[int_on(atom_id=PROD_ATOM_1)])], [
                "integration_packs_list[0].schedules[0]: atom_id '%s' is not an Atom of the environments the instance is attached to "
                "after this run (Test)" % PROD_ATOM_1]),
        # attached to Test, the run attaches Production too, the Atom is Sandbox A's (ipack_instances include_atoms gives the
        # Atoms of Production before the attachment exists)
        'Atom outside the environments while the run attaches another': (
            [eu(override_name='Test Only', environments=['Test', 'Production'], schedules=[int_on(atom_id=sandbox_atom)])], [
                "integration_packs_list[0].schedules[0]: atom_id '%s' is not an Atom of the environments the instance is attached to "
                "after this run (Production, Test)" % sandbox_atom]),
        # issue 14.11: two entries for one process and Atom
        'entries by environment and by Atom for one process and Atom': (
            [eu(override_name='Prod Only', environments=['Production'], schedules=[
                int_on(environment='Production'), int_on(atom_id=PROD_ATOM_1, schedules=[{'cron': '0 18 * * *'}])])], [
                "integration_packs_list[0].schedules[0] and integration_packs_list[0].schedules[1] both schedule process 'INT' on the "
                "same Atom", "(environment 'Production', atom_id '%s')" % PROD_ATOM_1, 'give one entry per process and Atom']),
        # 'two entries for one environment by name and by id': test_integration_packs.py::
        # test_two_entries_for_one_process_on_one_environment_overlap_name_or_id
    }
    before = seed.state()
    runs = fail_in_both_modes(ansible, api, {name: (items, CHECK_SCHEDULES, fragments) for name, (items, fragments) in cases.items()})
    for run in runs:
        run.assert_no_writes()
    assert seed.state() == before


def test_schedule_on_an_atom_of_an_environment_the_run_attaches(ansible, seed):
    # (c) used to fail --check ("no schedule record on atom_id") while the real run succeeded
    # one API (on both APIs: test_ipack_instances.py::test_main_check_mode_include_atoms_gives_the_atoms_of_the_environments_the_run_attaches,
    # test_ipack_process_schedules.py::test_pending_instances_are_predicted_in_check_mode, test_ipack_process_schedule.py::test_main_one_atom_by_id)
    api = 'rest'
    instance = seed.install('Order Intake', 'EU')
    seed.attach(instance, ['Test'])
    items = [eu(environments=['Test', 'Production'], schedules=[int_on(atom_id=PROD_ATOM_1)])]
    check = ansible.playbook('role.yml', api, {'integration_packs_list': items}, check=True).assert_ok().assert_no_writes()
    assert check[SUMMARY]['msg'] == ['Order Intake / EU: already installed; attached to Production; schedules set for INT']
    run = ansible.playbook('role.yml', api, {'integration_packs_list': items}).assert_ok()
    assert run[SUMMARY]['msg'] == check[SUMMARY]['msg']
    assert schedules_of(seed, instance, ' - INT')[PROD_ATOM_1] == [BOOMI_WEEKDAYS]
    ansible.playbook('role.yml', api, {'integration_packs_list': items}).assert_ok().assert_no_writes()


# -- issue 14.17 ----------------------------------------------------------------------------------------------------------
def test_lists_wrong_on_their_face_fail_before_any_request(ansible, seed):
    """An item without its pack, a megabyte process name and an empty list: each fails the role's first checks, in
    ``--check`` and in the real run, before any request, with a short message (the empty list: issue 26.5)."""
    api = 'rest'  # one API (no request is made: the API is never reached)
    no_pack = ('1 problem(s) in integration_packs_list, nothing was changed: '
               'integration_packs_list[1]: give integration_pack_name or integration_pack_id')
    cases = {
        'an item without its pack': ([eu(), {'override_name': 'US', 'environments': ['Test']}], CHECK_LIST, [no_pack]),
        'a megabyte process name': ([eu(environments=['Test'], schedules=[int_on(environment='Test', process='P' * 1000000)])], CHECK_LIST,
                                    ['integration_packs_list[0].schedules[0].process is 1000000 characters long, at most 255 are allowed']),
        'an empty list': ([], ROLE + 'Check that integration_packs_list was given', ['integration_packs_list is empty or not given: ']),
    }
    for run in fail_in_both_modes(ansible, api, cases):
        failures = run['role failures']['role_failures']
        assert str(failures['an item without its pack']['msg']).strip() == no_pack
        assert str(failures['an empty list']['msg']).startswith('integration_packs_list is empty or not given: ')
        assert len(run.stdout) < 20000 and run.log == [], run.output()[:20000]


def test_a_date_that_never_occurs_is_warned_about_and_cleared_schedules_say_so(ansible, seed):
    api = 'graphql'  # one API (the schedules set and cleared on both APIs: tests/unit/plugins/modules/test_ipack_process_schedules.py)
    items = [eu(environments=['Test'], schedules=[int_on(environment='Test', schedules=[{'cron': '0 0 31 2 *'}])])]
    run = ansible.playbook('role.yml', api, {'integration_packs_list': items}).assert_ok()
    warning = "integration_packs_list[0].schedules[0].schedules[0]: cron '0 0 31 2 *' never runs: there is no day 31 in February"
    assert warning in ' '.join((run.stdout + run.stderr).split()), run.output()
    assert run[SCHEDULE_LINES]['msg'] == ['Order Intake / EU: INT @ Test: cron 0 0 31 2 *']

    items[0]['schedules'] = [{'process': 'INT', 'environment': 'Test', 'state': 'absent'}]
    cleared = ansible.playbook('role.yml', api, {'integration_packs_list': items}).assert_ok()
    assert cleared[SUMMARY]['msg'] == ['Order Intake / EU: already installed; schedules cleared for INT']
    assert cleared[SCHEDULE_LINES]['msg'] == ['Order Intake / EU: INT @ Test: cleared']
    assert all(not s['Schedule'] for s in seed.state()['schedules'])


def test_loop_labels_cut_long_names(ansible, seed):
    api = 'graphql'  # one API (the labels are the role's; check mode on both APIs: test_check_mode_write_paths.py)
    process = 'P' * 250
    items = [eu(environments=['Test'], schedules=[int_on(environment='Test', process=process)])]
    run = ansible.playbook('role.yml', api, {'integration_packs_list': items}, check=True).assert_ok().assert_no_writes()
    labels = [line for line in run.stdout.splitlines() if '(item=' in line]
    # the check's loop (the apply is one ipack_process_schedules task, no loop)
    assert len(labels) == 1 and all('P' * 57 + '... @ Test' in line for line in labels), labels
    assert process not in '\n'.join(labels)


# -- issue 14.14: schedules shown as cron with the days by name ----------------------------------------------------------
def test_the_role_shows_schedules_as_cron_with_day_names(ansible, seed):
    api = 'rest'  # one API (the schedules as both APIs return them: test_ipack_process_schedules.py)
    items = [eu(environments=['Production'], schedules=[
        int_on(environment='Production', schedules=[{'minutes': '0', 'hours': '6', 'days_of_week': '2,3,4,5,6'}], max_retry=2)])]
    run = ansible.playbook('role.yml', api, {'integration_packs_list': items}).assert_ok()
    assert run[SCHEDULE_LINES]['msg'] == ['Order Intake / EU: INT @ Production: cron 0 6 * * MON-FRI; max retry 2']
    assert '0 6 2,3,4,5,6' not in run.stdout


# -- issue 14.13 and 14.17: the playbooks with extra vars ------------------------------------------------------------------
def test_uninstall_playbook_uninstalls_the_list_given_as_extra_vars(ansible, seed):
    api = 'rest'  # one API (the BOOMI_* variables of GraphQL: test_converge_playbook_takes_the_list_as_extra_vars; detach and uninstall
    # on both APIs: test_ipack_instances.py::test_main_check_mode_diff_then_apply_then_converged)
    kept = seed.install('Order Intake', 'Kept')
    gone = seed.install('Order Intake', 'EU')
    seed.attach(gone, ['Test', 'Production'])
    playbook = str(REPO / 'playbooks' / 'uninstall.yml')
    extra = {'integration_packs_list': [eu(environments=['Test'])]}  # -e, as the playbook's header says
    run = ansible.playbook(playbook, api, extra, conn='env').assert_ok().assert_no_secrets()
    assert [i['id'] for i in seed.state()['instances']] == [kept]
    assert run[SUMMARY]['msg'] == ['Order Intake / EU: detached from Production, Test; uninstalled']
    again = ansible.playbook(playbook, api, extra, conn='env').assert_ok().assert_no_writes()
    assert again[SUMMARY]['msg'] == ['Order Intake / EU: not installed, nothing to remove']


@pytest.mark.parametrize('playbook', ['integration_packs.yml', 'uninstall.yml'])
def test_the_playbooks_fail_clearly_without_a_list(ansible, seed, playbook):
    for extra in ({}, {'integration_packs_list': []}):
        run = ansible.playbook(str(REPO / 'playbooks' / playbook), 'rest', extra, conn='env')
        [failed] = [r for r in run.results if r['failed']]
        assert run.rc != 0 and 'integration_packs_list is empty or not given' in str(failed['msg']), run.output()
        assert run.log == []


def test_the_role_in_a_playbook_of_ones_own_fails_without_a_list(ansible, seed):
    """The role written into a user's own playbook (docs/awx.md step 4) does not succeed doing nothing (issue 26.5); an
    empty list: test_lists_wrong_on_their_face_fail_before_any_request."""
    for check in (True, False):
        run = ansible.playbook('role.yml', 'rest', {}, check=check)
        msg = failure(run, ROLE + 'Check that integration_packs_list was given')
        assert msg.startswith('integration_packs_list is empty or not given: '), msg
        assert run.log == []


def test_converge_playbook_takes_the_list_as_extra_vars(ansible, seed):
    api = 'graphql'  # one API (the BOOMI_* variables of REST: the uninstall playbook above)
    run = ansible.playbook(str(REPO / 'playbooks' / 'integration_packs.yml'), api,
                           {'integration_packs_list': [eu(environments=['Test'])]}, conn='env').assert_ok()
    assert run[SUMMARY]['msg'] == ['Order Intake / EU: installed; attached to Test']


def test_a_second_run_of_the_role_in_one_play_reports_only_its_own_work(ansible, seed):
    """The second list has no schedules: its steps for them are not included, and nothing of the first run's leaks into its summary."""
    api = 'rest'  # one API (what leaks between two runs is the role's own)
    first = [eu(environments=['Test'], schedules=[int_on(environment='Test')])]
    second = [{'integration_pack_name': 'Salesforce Account Sync', 'environments': ['Test']}]
    run = ansible.playbook('role_twice.yml', api, {'first_list': first, 'second_list': second}).assert_ok()
    summaries = [r['msg'] for r in run.results if r['task'] == SUMMARY]
    assert summaries == [['Order Intake / EU: installed; attached to Test; schedules set for INT'],
                         ['Salesforce Account Sync: installed; attached to Test']], summaries
    lines = [r for r in run.results if r['task'] == SCHEDULE_LINES and not r.get('skipped')]
    assert [r['msg'] for r in lines] == [['Order Intake / EU: INT @ Test: cron 0 6 * * MON-FRI']], lines


# -- issue 26.7: what docs/troubleshooting.md says of the messages of the role's later steps --------------------------------
def test_a_pack_the_account_lacks_is_named_as_instances_n_of_the_same_index(ansible, seed):
    """The page: ``instances[N]`` in the message of the converge task is ``integration_packs_list[N]``; nothing is written."""
    api = 'graphql'  # one API (the message on both APIs: test_ipack_instances.py::test_main_bad_items_are_all_reported_and_nothing_is_written)
    items = [eu(environments=['Test']), {'integration_pack_name': 'Order Intak', 'override_name': 'US'}]
    run = ansible.playbook('role.yml', api, {'integration_packs_list': items})
    msg = failure(run, CONVERGE)
    assert msg.startswith("1 item(s) of instances are wrong, nothing was changed: instances[1]: integration_pack_name 'Order Intak': "
                          "no integration pack has this name"), msg
    run.assert_no_writes()

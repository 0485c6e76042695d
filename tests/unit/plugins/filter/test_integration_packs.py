# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The decisions of the integration_packs role (plugins/filter/__internal/integration_packs.py, internal), called directly.

The results fed to them have the shapes ipack_instances, ipack_process_schedule_info and a registered loop of
ipack_process_schedule return (ids of the simulator's seed).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import yaml

from ansible_collections.boomi.platform.plugins.filter.__internal import integration_packs as f
from ansible_collections.boomi.platform.plugins.filter.schedule_text import schedule_text_filter
from ansible_collections.boomi.platform.plugins.module_utils.schedules import never_runs, schedule_text

TEST = 'c81372f1-c303-48e4-b32b-034258bfa6b3'
PROD = 'fbf43afc-02a8-4509-8875-7dc2972c17e1'
TEST_ATOM = '83af9ff8-c60c-4a8a-8b9a-c4dfdbb303f1'
PROD_ATOM_1 = 'b8a19c6c-3cc5-4f92-abba-c35b6eee2fb7'
PROD_ATOM_2 = '2f5c1e8e-5089-4497-aaed-689510c43fce'
ENV_NAMES = {TEST: 'Test', PROD: 'Production'}
EU_ID = 'SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UxMDAw'
WEEKDAYS = {'cron': '*/15 8-18 * * MON-FRI'}


def eu(**extra):
    return dict({'integration_pack_name': 'Order Intake', 'override_name': 'EU'}, **extra)


def entry(process='INT', **target):
    return dict({'process': process, 'schedules': [WEEKDAYS]}, **target)


def attachment(env, attachment_id='att'):
    return {'id': attachment_id, 'environment_id': env, 'environment_name': ENV_NAMES[env]}


def converged(*results):
    """A registered ipack_instances result."""
    return {'changed': True, 'instances': list(results)}


def result(envs=(), instance_id=EU_ID, pending=(), state='present', name='Order Intake / EU', **extra):
    """One entry of ipack_instances' ``instances``: attached to ``envs``, ``pending`` would be attached (id null)."""
    attachments = [attachment(e) for e in envs] + [attachment(e, None) for e in pending]
    done = dict(name=name, id=instance_id, state=state, changed=bool(pending) or instance_id is None, installed=instance_id is None,
                uninstalled=False, attached=[ENV_NAMES[e] for e in pending], detached=[], attachments=attachments)
    done.update(extra)
    return done


def looked_up(index, records):
    """A registered loop of ipack_process_schedule_info: ``records`` = [(process name, atom, environment)]."""
    processes = {}
    for name, atom, env in records:
        processes.setdefault(name, {'id': 'proc-' + name, 'name': name, 'schedules': []})['schedules'].append(
            {'atom_id': atom, 'environment_id': env, 'schedule': [], 'retry': {'schedule': [], 'max_retry': 5}})
    return {'results': [{'integration_packs_lookup': {'index': index, 'instance_id': EU_ID}, 'ansible_loop_var': 'integration_packs_lookup',
                         'processes': list(processes.values()), 'changed': False}]}


# -- the items for ipack_instances ----------------------------------------------------------------------------------------
def test_instances_are_the_items_without_their_schedules():
    items = [eu(environments=['Test'], exclusive=True, schedules=[entry(environment='Test')]),
             {'integration_pack_id': 'acaa2640', 'state': 'absent'}]
    assert f.instances(items) == [
        {'integration_pack_name': 'Order Intake', 'override_name': 'EU', 'environments': ['Test'], 'exclusive': True},
        {'integration_pack_id': 'acaa2640', 'state': 'absent'},
    ]
    assert f.instances([]) == [] and f.instances(None) == []


# -- the list on its own ------------------------------------------------------------------------------------------------
def test_an_item_without_its_pack_is_named_by_index():
    items = [eu(), {'override_name': 'US', 'environments': ['Test']}, eu(integration_pack_id='4130c262')]
    assert f.problems(items) == [
        'integration_packs_list[1]: give integration_pack_name or integration_pack_id',
        'integration_packs_list[2]: give integration_pack_name or integration_pack_id, not both',
    ]


def test_a_schedule_needs_its_environment_or_atom_but_not_both():
    items = [eu(schedules=[entry(environment='Test'), entry(), entry(environment='Test', atom_id=TEST_ATOM)]),
             eu(override_name='Gone', state='absent', schedules=[entry()])]  # an absent item's schedules are not applied
    assert f.problems(items) == ['integration_packs_list[0].schedules[1]: give environment or atom_id',
                                 'integration_packs_list[0].schedules[2]: give environment or atom_id, not both']


@pytest.mark.parametrize('raw, reason', [
    ({'cron': '0 0 31 2 *'}, "cron '0 0 31 2 *' never runs: there is no day 31 in February"),
    ({'cron': '0 0 30,31 2 *'}, "there is no day 30,31 in February"),
    ({'cron': '0 0 31 4,6,9,11 *'}, "there is no day 31 in April, June, September, November"),
    ({'minutes': '0', 'hours': '0', 'days_of_month': '29', 'months': '2', 'years': '2027'},
     'this schedule never runs: there is no day 29 in February of 2027'),
])
def test_a_schedule_that_never_runs_is_warned_about(raw, reason):
    items = [eu(schedules=[entry(environment='Test'), entry(environment='Test', schedules=[{'cron': '0 6 * * *'}], retry_schedules=[raw])])]
    found = f.warnings(items)
    assert len(found) == 1 and found[0].startswith('integration_packs_list[0].schedules[1].retry_schedules[0]: ')
    assert reason in found[0] and 'never starts the process' in found[0]


@pytest.mark.parametrize('raw', [{'cron': '0 0 29 2 *'}, {'cron': '0 0 31 1-2 *'}, {'cron': '0 0 31 * *'}, {'cron': 'not cron'},
                                 {'minutes': '0', 'hours': '0', 'days_of_month': '29', 'months': '2', 'years': '2027-2028'}])
def test_dates_that_occur_and_bad_cron_are_not_warned_about(raw):
    # a bad cron is the check-mode schedule task's to refuse, with the module's message
    assert f.warnings([eu(schedules=[entry(environment='Test', schedules=[raw])])]) == []


def test_never_runs_in_module_utils():
    assert never_runs({'days_of_month': '31', 'months': '2'}) == 'there is no day 31 in February'
    assert never_runs({'days_of_month': '1-31', 'months': '2'}) is None
    assert never_runs({'days_of_month': '*/30', 'months': '2'}) is None  # 1 and 31: February 1st
    assert never_runs({'days_of_month': '29', 'months': '2', 'years': '2028'}) is None


# -- the schedule tasks ------------------------------------------------------------------------------------------------
def test_before_the_run_every_schedule_of_a_present_item_is_checked_without_instance():
    items = [eu(schedules=[entry(environment='Production'), entry('Acknowledge', atom_id=TEST_ATOM)]),
             eu(override_name='Gone', state='absent', schedules=[entry(environment='Test')]),
             {'integration_pack_name': 'Salesforce Account Sync'}]
    found = f.schedules(items)
    assert [(e['index'], e['schedule_index'], e['instance_id'], e['label']) for e in found] == [
        (0, 0, '', 'Order Intake / EU: INT @ Production'),
        (0, 1, '', 'Order Intake / EU: Acknowledge @ %s' % TEST_ATOM),
    ]
    assert found[0]['where'] == 'integration_packs_list[0].schedules[0]' and found[0]['schedule'] is items[0]['schedules'][0]


def test_a_label_cuts_each_name_to_60_characters():
    huge = 'P' * 1000000
    [found] = f.schedules([eu(override_name='O' * 300, schedules=[entry(huge, environment='E' * 5000)])])
    instance, rest = found['label'].split(': ', 1)
    process, env = rest.split(' @ ')
    assert [len(instance), len(process), len(env)] == [60, 60, 60]
    assert process == 'P' * 57 + '...' and len(found['label']) < 200


def test_after_a_real_run_every_schedule_gets_the_instance_id():
    items = [eu(environments=['Test', 'Production'], schedules=[entry(environment='Production'), entry(atom_id=TEST_ATOM)])]
    found = f.schedules(items, converged(result(envs=[TEST, PROD])))
    assert [e['instance_id'] for e in found] == [EU_ID, EU_ID]
    assert found[0]['label'] == 'Order Intake / EU: INT @ Production'


def test_the_processes_for_ipack_process_schedules_are_the_entries_options_in_order():
    schedules = [entry(environment='Production', max_retry=3, enabled=False), entry('Acknowledge', atom_id=TEST_ATOM, state='absent', schedules=None)]
    items = [eu(environments=['Test', 'Production'], schedules=schedules), eu(override_name='US', state='absent', schedules=[entry(environment='Test')])]
    found = f.schedule_processes(f.schedules(items, converged(result(envs=[TEST, PROD]), result(state='absent', instance_id=None))))
    # only the module's options (no label, index or None values); enabled false is kept; the absent item has no entry
    assert found == [
        {'instance_id': EU_ID, 'process': 'INT', 'environment': 'Production', 'schedules': [WEEKDAYS], 'max_retry': 3, 'enabled': False},
        {'instance_id': EU_ID, 'process': 'Acknowledge', 'atom_id': TEST_ATOM, 'state': 'absent'},
    ]


def test_the_extensions_for_ipack_env_extensions_bulk_are_the_entries_values_in_order():
    secret = {'name': 'Order DB', 'fields': {'password': 'pw-123'}}
    items = [eu(environments=['Test'], extensions=[{'environment': 'Test', 'process': 'INT', 'connections': [secret]},
                                                   {'environment': 'Test', 'dynamic_process_properties': {'a': '1'}, 'update_secrets': 'always'}]),
             eu(override_name='US', environments=['Test'], extensions=[{'environment': 'Test', 'process_properties': []}])]
    done = converged(result(envs=[TEST]), result(name='Order Intake / US', instance_id=None, pending=[TEST]))
    found = f.extension_elements(items, done, 'on_create')
    assert found == [
        {'instance_id': EU_ID, 'environment': 'Test', 'process': 'INT', 'connections': [secret], 'update_secrets': 'on_create'},
        {'instance_id': EU_ID, 'environment': 'Test', 'dynamic_process_properties': {'a': '1'}, 'update_secrets': 'always'},
        {'instance_id': '', 'environment': 'Test', 'process_properties': [], 'update_secrets': 'on_create'},  # installed by the run
    ]
    # the labels of the entries the results are paired with carry no value
    assert 'pw-123' not in str(f.extensions(items, done))


def test_the_summary_and_the_runs_take_entries_paired_with_the_bulk_results():
    items = [eu(environments=['Test'], schedules=[entry(environment='Test'), entry('Acknowledge', environment='Test', state='absent')],
                runs=[{'process': 'INT', 'environment': 'Test'}])]
    done = converged(result(envs=[TEST], changed=False))
    entries = f.schedules(items, done)
    pairs = [[entries[0], {'changed': True}], [entries[1], {'changed': False}]]  # what `entries | zip(result.processes)` gives
    assert f.summary(done, pairs)[0]['line'] == 'Order Intake / EU: already installed; schedules set for INT'
    assert [(r['label'], r['skip_if_passed']) for r in f.runs(items, done, pairs)] == [('Order Intake / EU: INT @ Test', False)]
    # nothing changed: the smoke test starts only where its last run did not pass (a gate that failed runs again)
    assert [(r['label'], r['skip_if_passed']) for r in f.runs(items, done, [[entries[0], {'changed': False}]])] == [
        ('Order Intake / EU: INT @ Test (unless its last run passed)', True)]


def test_the_runs_of_unchanged_items_run_again_unless_they_passed_and_always_runs_them_all():
    items = [eu(environments=['Test'], runs=[{'process': 'INT', 'environment': 'Test'}, {'process': 'Acknowledge', 'atom_id': TEST_ATOM}]),
             eu(override_name='New', runs=[{'process': 'INT', 'environment': 'Test'}])]
    done = converged(result(envs=[TEST], changed=False), result(instance_id='new-id', name='Order Intake / New', changed=True))
    due = f.runs(items, done)
    assert [(r['index'], r['run_index'], r['skip_if_passed']) for r in due] == [(0, 0, True), (0, 1, True), (1, 0, False)]
    assert [r['skip_if_passed'] for r in f.runs(items, done, when='always')] == [False, False, False]


def test_in_check_mode_what_has_no_records_yet_is_predicted():
    items = [eu(environments=['Test', 'Production'], schedules=[
        entry(environment='Test'),             # attached already: the real records
        entry(environment='Production'),       # would be attached (by name)
        entry(environment=PROD),               # would be attached (by ID)
        entry(atom_id=TEST_ATOM),              # an Atom read before: attached already
        entry(atom_id=PROD_ATOM_1),            # not read: of the environment the run attaches
    ]), eu(override_name='New', schedules=[entry(environment='Test')])]
    planned = converged(result(envs=[TEST], pending=[PROD]), result(instance_id=None, name='Order Intake / New', pending=[TEST]))
    atoms = looked_up(0, [('EU - INT', TEST_ATOM, TEST)])
    found = f.schedules(items, planned, atoms)
    assert [e['instance_id'] for e in found] == [EU_ID, '', '', EU_ID, '', '']


def test_an_atom_known_from_the_attachments_needs_no_read():
    planned = converged(result(envs=[TEST], pending=[PROD]))
    planned['instances'][0]['attachments'][0]['atom_ids'] = [TEST_ATOM]
    planned['instances'][0]['attachments'][1]['atom_ids'] = [PROD_ATOM_1, PROD_ATOM_2]
    items = [eu(environments=['Test', 'Production'], schedules=[entry(atom_id=TEST_ATOM), entry(atom_id=PROD_ATOM_1)])]
    assert f.atom_lookups(items, planned) == []
    assert [e['instance_id'] for e in f.schedules(items, planned)] == [EU_ID, '']


def test_atoms_are_read_only_for_installed_instances_with_a_schedule_by_atom():
    items = [eu(schedules=[entry(atom_id=TEST_ATOM)]), eu(override_name='New', schedules=[entry(atom_id=TEST_ATOM)]),
             eu(override_name='Env', schedules=[entry(environment='Test')]), eu(override_name='Gone', state='absent')]
    planned = converged(result(envs=[TEST]), result(instance_id=None, name='Order Intake / New', pending=[TEST]),
                        result(envs=[TEST], instance_id='env-id'), result(state='absent', instance_id=None))
    assert f.atom_lookups(items, planned) == [{'index': 0, 'instance_id': EU_ID, 'label': 'Order Intake / EU'}]
    assert f.atom_lookups(items, {'skipped': True, 'changed': False}) == []


# -- the schedules against the attachments after the run ---------------------------------------------------------------
def test_a_schedule_on_an_environment_not_listed_nor_attached_fails_before_the_run():
    # issue 14.10 (a): the instance would be installed and attached to Test, the schedule is on Production
    items = [eu(environments=['Test'], schedules=[entry(environment='Test'), entry(environment='Production')])]
    planned = converged(result(instance_id=None, pending=[TEST]))
    assert f.schedule_problems(items, planned) == [
        "integration_packs_list[0].schedules[1]: environment 'Production' is not one the instance is attached to after this run "
        "(Test): add it to environments (a schedule needs the attachment)"]


def test_a_schedule_on_an_environment_attached_already_is_fine():
    items = [eu(environments=['Test'], schedules=[entry(environment='Production'), entry(environment=PROD, process='Acknowledge')])]
    assert f.schedule_problems(items, converged(result(envs=[TEST, PROD]))) == []


def test_a_schedule_on_an_environment_that_exclusive_detaches_fails_before_the_run():
    # issue 14.10 (b)
    items = [eu(environments=['Test'], exclusive=True, schedules=[entry(environment='Production')])]
    planned = converged(result(envs=[TEST], detached=['Production'], changed=True))
    assert f.schedule_problems(items, planned) == [
        "integration_packs_list[0].schedules[0]: environment 'Production' is one this run detaches the instance from "
        "(exclusive: true and not in environments): add it to environments, or drop the schedule"]


def test_a_schedule_on_an_atom_of_a_detached_environment_fails_before_the_run():
    items = [eu(environments=['Test'], exclusive=True, schedules=[entry(atom_id=PROD_ATOM_2)])]
    planned = converged(result(envs=[TEST], detached=['Production']), result(envs=[PROD], name='Other', instance_id='other'))
    atoms = looked_up(0, [('EU - INT', TEST_ATOM, TEST), ('EU - INT', PROD_ATOM_1, PROD), ('EU - INT', PROD_ATOM_2, PROD)])
    assert f.schedule_problems(items, planned, atoms) == [
        "integration_packs_list[0].schedules[0]: atom_id '%s' is an Atom of environment 'Production', which this run detaches "
        "the instance from (exclusive: true and not in environments): add it to environments, or drop the schedule" % PROD_ATOM_2]


def test_a_schedule_on_an_atom_of_an_environment_the_run_attaches_passes():
    # issue 14.10 (c): check mode used to fail on it while the real run succeeded
    items = [eu(environments=['Test', 'Production'], schedules=[entry(atom_id=PROD_ATOM_1)])]
    planned = converged(result(envs=[TEST], pending=[PROD]))
    atoms = looked_up(0, [('EU - INT', TEST_ATOM, TEST)])
    assert f.schedule_problems(items, planned, atoms) == []


def test_a_schedule_on_an_atom_outside_the_attached_environments_fails_when_nothing_is_attached():
    items = [eu(environments=['Test'], schedules=[entry(atom_id=PROD_ATOM_1)])]
    planned = converged(result(envs=[TEST]))
    atoms = looked_up(0, [('EU - INT', TEST_ATOM, TEST)])
    assert f.schedule_problems(items, planned, atoms) == [
        "integration_packs_list[0].schedules[0]: atom_id '%s' is not an Atom of the environments the instance is attached to "
        "after this run (Test): add its environment to environments (a schedule needs the attachment)" % PROD_ATOM_1]


def test_absent_and_skipped_give_no_schedule_problem():
    items = [eu(state='absent', schedules=[entry(environment='Nowhere')])]
    assert f.schedule_problems(items, converged(result(state='absent', instance_id=None))) == []
    assert f.schedule_problems(items, {'skipped': True}) == []


# -- overlapping entries (issue 14.11) ----------------------------------------------------------------------------------
def test_two_entries_for_one_process_on_one_environment_overlap_name_or_id():
    items = [eu(environments=['Production'], schedules=[entry(environment='Production'), entry('Acknowledge', environment='Production'),
                                                        entry(environment=PROD, schedules=[{'cron': '0 6 * * *'}])])]
    assert f.schedule_problems(items, converged(result(envs=[PROD]))) == [
        "integration_packs_list[0].schedules[0] and integration_packs_list[0].schedules[2] both schedule process 'INT' on the same "
        "Atom (environment 'Production', environment '%s'): each run would set it twice; give one entry per process and Atom" % PROD]


def test_an_environment_entry_and_an_atom_entry_on_one_of_its_atoms_overlap():
    items = [eu(schedules=[entry(environment='Production'), entry('Order Intake / EU - INT', atom_id=PROD_ATOM_1),
                           entry('Acknowledge', atom_id=PROD_ATOM_1), entry(atom_id=TEST_ATOM)])]
    atoms = looked_up(0, [('Order Intake / EU - INT', TEST_ATOM, TEST), ('Order Intake / EU - INT', PROD_ATOM_1, PROD),
                          ('Order Intake / EU - INT', PROD_ATOM_2, PROD), ('Order Intake / EU - Acknowledge', PROD_ATOM_1, PROD)])
    found = f.schedule_problems(items, converged(result(envs=[TEST, PROD])), atoms)
    assert found == [
        "integration_packs_list[0].schedules[0] and integration_packs_list[0].schedules[1] both schedule process 'INT' on the same "
        "Atom (environment 'Production', atom_id '%s'): each run would set it twice; give one entry per process and Atom" % PROD_ATOM_1]


def test_two_entries_on_one_atom_overlap_and_different_atoms_do_not():
    items = [eu(schedules=[entry(atom_id=PROD_ATOM_1), entry(atom_id=PROD_ATOM_2), entry(atom_id=PROD_ATOM_1)])]
    atoms = looked_up(0, [('EU - INT', PROD_ATOM_1, PROD), ('EU - INT', PROD_ATOM_2, PROD)])
    found = f.schedule_problems(items, converged(result(envs=[PROD])), atoms)
    assert len(found) == 1 and found[0].startswith('integration_packs_list[0].schedules[0] and integration_packs_list[0].schedules[2] ')


def test_entries_of_two_items_never_overlap():
    items = [eu(schedules=[entry(environment='Test')]), eu(override_name='US', schedules=[entry(environment='Test')])]
    assert f.schedule_problems(items, converged(result(envs=[TEST]), result(envs=[TEST], name='Order Intake / US'))) == []


# -- the summary ---------------------------------------------------------------------------------------------------------
def scheduled(*entries):
    """A registered loop of ipack_process_schedule: (index, schedule entry, changed)."""
    return {'results': [{'integration_packs_schedule': {'index': index, 'schedule': schedule}, 'ansible_loop_var': 'integration_packs_schedule',
                         'changed': changed} for index, schedule, changed in entries]}


def test_summary_says_set_for_and_cleared_for():
    done = converged(result(envs=[TEST, PROD], changed=False),
                     result(name='Order Intake / US', instance_id='us', envs=[TEST], changed=False),
                     result(name='Order Intake / Same', instance_id='same', envs=[TEST], changed=False))
    runs = scheduled((0, entry(environment='Production', max_retry=3), True), (0, entry('Acknowledge', environment='Test', state='absent'), True),
                     (0, entry(environment='Test'), True), (1, entry(environment='Test'), False))
    found = f.summary(done, runs)
    assert [s['line'] for s in found] == [
        'Order Intake / EU: already installed; schedules set for INT; schedules cleared for Acknowledge',
        'Order Intake / US: already installed; nothing to change',
        'Order Intake / Same: already installed; nothing to change',
    ]
    assert found[0]['scheduled'] == ['INT'] and found[0]['cleared'] == ['Acknowledge']
    assert found[0]['schedules'] == [
        'Order Intake / EU: INT @ Production: cron */15 8-18 * * MON-FRI; max retry 3',
        'Order Intake / EU: Acknowledge @ Test: cleared',
        'Order Intake / EU: INT @ Test: cron */15 8-18 * * MON-FRI',
    ]
    assert found[1]['schedules'] == []


def test_summary_of_installs_attachments_and_uninstalls():
    done = converged(result(instance_id=None, pending=[TEST, PROD]),
                     result(state='absent', instance_id=None, name='Gone', uninstalled=True, detached=['Test'], changed=True),
                     result(state='absent', instance_id=None, name='Never', changed=False))
    runs = scheduled((0, {'process': 'Export', 'atom_id': TEST_ATOM, 'schedules': [{'minutes': '0', 'hours': '6', 'days_of_week': '1,7'}]}, True))
    found = f.summary(done, runs)
    assert [s['line'] for s in found] == [
        'Order Intake / EU: installed; attached to Test, Production; schedules set for Export',
        'Gone: detached from Test; uninstalled',
        'Never: not installed, nothing to remove',
    ]
    assert found[0]['schedules'] == ['Order Intake / EU: Export @ Atom %s: cron 0 6 * * SUN,SAT' % TEST_ATOM]
    assert f.summary({'skipped': True}, None) == []


def test_runtime_attachments_of_the_items_that_list_atoms():
    """``atoms``: one ipack_atom_attachment per present item that lists them; '' for an instance the run would install."""
    items = [eu(atoms=['Prod Atom 1', PROD_ATOM_2], exclusive=True), eu(override_name='US'), eu(override_name='New', atoms=[]),
             eu(override_name='Gone', atoms=['Prod Atom 1'], state='absent')]
    done = converged(result(), result(name='Order Intake / US', instance_id='us'), result(name='Order Intake / New', instance_id=None),
                     result(name='Order Intake / Gone', state='absent', instance_id=None))
    assert f.runtime_attachments(items, done) == [
        {'index': 0, 'instance_id': EU_ID, 'atoms': ['Prod Atom 1', PROD_ATOM_2], 'exclusive': True,
         'label': 'Order Intake / EU: Prod Atom 1, %s' % PROD_ATOM_2},
        {'index': 2, 'instance_id': '', 'atoms': [], 'exclusive': False, 'label': 'Order Intake / New: (none)'},
    ]
    assert f.instances(items)[0] == {'integration_pack_name': 'Order Intake', 'override_name': 'EU', 'exclusive': True}  # not to ipack_instances


def test_summary_names_the_runtimes_attached_and_detached():
    done = converged(result(changed=False), result(name='Order Intake / US', instance_id='us', changed=False))
    runtimes = {'results': [{'integration_packs_runtime': {'index': 0}, 'ansible_loop_var': 'integration_packs_runtime', 'changed': True,
                             'attached': ['Prod Atom 1'], 'detached': ['Test Atom']},
                            {'integration_packs_runtime': {'index': 1}, 'ansible_loop_var': 'integration_packs_runtime', 'changed': False,
                             'attached': [], 'detached': []}]}
    found = f.summary(done, None, runtimes)
    assert [s['line'] for s in found] == [
        'Order Intake / EU: already installed; attached to Runtime(s) Prod Atom 1; detached from Runtime(s) Test Atom',
        'Order Intake / US: already installed; nothing to change',
    ]
    assert (found[0]['atoms_attached'], found[0]['atoms_detached']) == (['Prod Atom 1'], ['Test Atom'])
    assert f.summary(done, None, {'skipped': True, 'results': []})[0]['line'] == 'Order Intake / EU: already installed; nothing to change'


# -- schedules shown so that nobody reads Boomi's field order as cron (issue 14.14) -----------------------------------------
@pytest.mark.parametrize('item, text', [
    ({'minutes': '0', 'hours': '6', 'days_of_week': '2,3,4,5,6', 'days_of_month': '*', 'months': '*', 'years': '*'}, 'cron 0 6 * * MON-FRI'),
    ({'minutes': '0-59/15', 'hours': '8-18', 'days_of_week': '2-6', 'days_of_month': '*', 'months': '*', 'years': '*'},
     'cron 0-59/15 8-18 * * MON-FRI'),
    ({'minutes': '30', 'hours': '23', 'days_of_week': '1,7', 'days_of_month': '1,15', 'months': '*', 'years': '*'}, 'cron 30 23 1,15 * SUN,SAT'),
    ({'minutes': '0', 'hours': '0', 'days_of_week': '1,2,3,4,5,6,7', 'days_of_month': '*', 'months': '1-3', 'years': '*'}, 'cron 0 0 * 1-3 *'),
    ({'minutes': '0', 'hours': '12', 'days_of_week': '*/2', 'days_of_month': '*', 'months': '*', 'years': '*'}, 'cron 0 12 * * SUN,TUE,THU,SAT'),
    ({'minutes': '0', 'hours': '6', 'days_of_week': '2', 'days_of_month': '*', 'months': '*', 'years': '2027'},
     'minutes 0, hours 6, days of month *, months *, days of week MON, years 2027'),
    ({'minutes': '0', 'hours': '6'}, 'cron 0 6 * * *'),
])
def test_schedule_text_is_cron_with_days_by_name(item, text):
    assert schedule_text(item) == text
    assert schedule_text_filter(item) == text


def test_schedule_text_of_a_list():
    items = [{'minutes': '0', 'hours': '6', 'days_of_week': '2'}, {'minutes': '0', 'hours': '18', 'days_of_week': '6'}]
    assert schedule_text_filter(items) == 'cron 0 6 * * MON; cron 0 18 * * FRI'
    assert schedule_text_filter([]) == ''


# -- every public filter is documented, the role's are not ---------------------------------------------------------------
def test_every_public_filter_has_its_documentation_file_and_the_roles_have_none():
    here = Path(f.__file__).parent.parent  # plugins/filter: the role's filters are in its __internal/ directory
    assert not list(here.glob('*/*.yml')), 'a filter of the role has a documentation file'
    public = []
    for path in sorted(here.glob('*.py')):
        if not path.name.startswith('__'):
            public.extend(importlib.import_module('ansible_collections.boomi.platform.plugins.filter.' + path.stem).FilterModule().filters())
    documented = sorted(p.stem for p in here.glob('*.yml'))
    assert sorted(public) == documented == ['schedule_text']
    for name in documented:
        doc = yaml.safe_load((here / (name + '.yml')).read_text(encoding='utf-8'))
        assert doc['DOCUMENTATION']['name'] == name and doc['EXAMPLES'] and doc['RETURN']['_value']
    assert not set(f.FilterModule().filters()) & set(documented), 'a filter of the role is documented as public'

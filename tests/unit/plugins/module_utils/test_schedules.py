# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Schedule validation, cron conversion (1 = Sunday in Boomi) and set comparison."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.module_utils.process_schedules import schedule_warnings
from ansible_collections.boomi.platform.plugins.module_utils.schedules import ScheduleError, from_cron, item_from_option, restricts_both_days, same_items


@pytest.mark.parametrize('cron, expected', [
    ('*/15 8-18 * * 1-5', {'minutes': '*/15', 'hours': '8-18', 'days_of_week': '2,3,4,5,6', 'days_of_month': '*', 'months': '*', 'years': '*'}),
    ('0 6 * * 0', {'minutes': '0', 'hours': '6', 'days_of_week': '1', 'days_of_month': '*', 'months': '*', 'years': '*'}),
    ('0 6 * * 7', {'minutes': '0', 'hours': '6', 'days_of_week': '1', 'days_of_month': '*', 'months': '*', 'years': '*'}),
    ('30 23 1,15 * SAT,SUN', {'minutes': '30', 'hours': '23', 'days_of_week': '1,7', 'days_of_month': '1,15', 'months': '*', 'years': '*'}),
    ('0 0 * JAN-MAR MON-FRI', {'minutes': '0', 'hours': '0', 'days_of_week': '2,3,4,5,6', 'days_of_month': '*', 'months': '1,2,3', 'years': '*'}),
    ('0 0 * * 5-7', {'minutes': '0', 'hours': '0', 'days_of_week': '1,6,7', 'days_of_month': '*', 'months': '*', 'years': '*'}),
    ('0 12 * * */2', {'minutes': '0', 'hours': '12', 'days_of_week': '1,3,5,7', 'days_of_month': '*', 'months': '*', 'years': '*'}),
])
def test_cron_is_converted_to_boomi_fields(cron, expected):
    assert from_cron('schedules[0].cron', cron) == expected


@pytest.mark.parametrize('cron, message', [
    ('* * * *', 'five fields'),
    ('61 * * * *', 'out of range'),
    ('* 24 * * *', 'out of range'),
    ('* * * * 8', 'out of range'),
    ('* * 0 * *', 'out of range'),
    ('*/0 * * * *', 'step of 0'),
    ('a b c d e', 'not valid'),
])
def test_bad_cron_is_rejected_naming_the_option(cron, message):
    with pytest.raises(ScheduleError) as err:
        from_cron('schedules[2].cron', cron)
    assert 'schedules[2].cron' in str(err.value) and message in str(err.value)


def test_a_cron_field_by_name_is_refused_in_the_words_of_the_six_fields():
    # one message for one fault, whether the field came from cron (days and months by name) or from the six fields
    with pytest.raises(ScheduleError) as err:
        from_cron('cron', '0 6 * JAN-MAR MON-9')
    assert str(err.value) == "cron: cron day-of-week 'MON-9' is out of range: 9 is not within 0-7"
    with pytest.raises(ScheduleError) as err:
        from_cron('cron', '0 6 * JAN-MAR FRI-MON')
    assert str(err.value) == "cron: cron day-of-week 'FRI-MON' has a range that runs backwards"


def test_a_long_field_is_shortened_in_its_message_as_any_value_is():
    with pytest.raises(ScheduleError) as err:
        item_from_option('schedules[0]', {'minutes': '1' * 100 + 'x', 'hours': '1'})
    assert str(err.value) == "schedules[0]: minutes '%s...' is not valid: use *, N, N-M, */S, N-M/S or a comma list of those" % ('1' * 57)


def test_fields_default_to_star_and_are_validated():
    assert item_from_option('schedules[0]', {'minutes': '0-59/15', 'hours': '8-18'}) == {
        'minutes': '0-59/15', 'hours': '8-18', 'days_of_week': '*', 'days_of_month': '*', 'months': '*', 'years': '*'}


@pytest.mark.parametrize('raw, message', [
    ({'minutes': '60', 'hours': '1'}, 'minutes'),
    ({'minutes': '5'}, 'hours is required'),
    ({'hours': '5'}, 'minutes is required'),
    ({'minutes': '5', 'hours': '1', 'days_of_week': '0'}, 'days_of_week'),
    ({'minutes': '5', 'hours': '1', 'months': '13'}, 'months'),
    ({'minutes': '9-3', 'hours': '1'}, 'backwards'),
    ({'minutes': '', 'hours': '1'}, 'must not be empty'),
    ({'minutes': '1;2', 'hours': '1'}, 'not valid'),
    ({'cron': '* * * * *', 'minutes': '1'}, 'not both'),
])
def test_bad_fields_are_rejected_naming_the_option(raw, message):
    with pytest.raises(ScheduleError) as err:
        item_from_option('schedules[1]', raw)
    assert 'schedules[1]' in str(err.value) and message in str(err.value)


def test_comparison_ignores_order_duplicates_blanks_and_empty_fields():
    one = {'minutes': '0', 'hours': '1', 'days_of_week': '*', 'days_of_month': '*', 'months': '*', 'years': '*'}
    two = {'minutes': '0-59/15', 'hours': '8-18', 'days_of_week': '2,3', 'days_of_month': '*', 'months': '*', 'years': '*'}
    assert same_items([one, two], [two, one, one])
    assert same_items([dict(one, days_of_month='')], [one])
    assert same_items([dict(two, days_of_week='2, 3')], [two])
    assert same_items([dict(two, minutes='*/15')], [two])
    assert same_items([dict(two, minutes='0,15,30,45')], [two])
    assert same_items([dict(one, hours='0-23')], [dict(one, hours='*')])
    assert not same_items([dict(two, minutes='*/20')], [two])
    assert not same_items([one], [two])
    assert not same_items([one], [])


# -- issue 26.10: day of the month and day of the week both restricted --------------------------------------------------
@pytest.mark.parametrize('cron, both', [
    ('0 6 1 * MON', True),
    ('0 6 */2 * MON-FRI', True),
    ('0 6 1 * *', False),
    ('0 6 * * MON', False),
    ('0 6 1-31 * MON', False),  # every day of the month: only the day of the week restricts
    ('0 6 1 * 0-6', False),  # every day of the week
    ('0 6 1 * */1', False),
])
def test_an_item_restricting_both_days_is_recognised(cron, both):
    assert restricts_both_days(from_cron('cron', cron)) is both


def test_the_planner_warns_about_each_schedule_restricting_both_days():
    ambiguous = ("restricts both the day of the month and the day of the week: standard cron runs the process on the days that "
                 "match either, Boomi's documentation does not say whether Boomi needs both or either; to be sure, restrict "
                 "only one of them (the other *)")
    assert schedule_warnings({'cron': '0 6 1 * MON'}) == ["cron '0 6 1 * MON' " + ambiguous]
    params = {'schedules': [{'cron': '0 6 * * MON'}, {'minutes': '0', 'hours': '6', 'days_of_month': '1', 'days_of_week': '2'}],
              'retry_schedules': [{'cron': '0 7 15 * FRI'}], 'state': 'present'}
    assert schedule_warnings(params, 'processes[1]') == [
        "processes[1].schedules[1] (days_of_month '1', days_of_week '2' = MON) " + ambiguous,
        "processes[1].retry_schedules[0].cron '0 7 15 * FRI' " + ambiguous,
    ]
    # nothing to warn about: state=absent sets no schedule; an invalid item is a problem of check_options, not a warning
    assert schedule_warnings(dict(params, state='absent')) == []
    assert schedule_warnings({'schedules': [{'cron': '0 6 1 * XYZ'}, {'minutes': '0'}]}) == []
    assert schedule_warnings({'cron': '*/15 8-18 * * MON-FRI', 'schedules': None}) == []

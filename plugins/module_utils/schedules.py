# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Boomi run schedules: validation, cron conversion and order-insensitive comparison.

A Boomi schedule item has six string fields, each ``*``, a number, a range ``a-b``, a step
``x/n`` (``x`` being ``*``, a number or a range) or a comma list of those. Days of the week
count from 1 = Sunday to 7 = Saturday (cron counts from 0 = Sunday).
"""

from __future__ import annotations

import calendar
import re

from ansible_collections.boomi.platform.plugins.module_utils.names import shown

FIELDS = ('minutes', 'hours', 'days_of_week', 'days_of_month', 'months', 'years')
RANGES = {
    'minutes': (0, 59),
    'hours': (0, 23),
    'days_of_week': (1, 7),
    'days_of_month': (1, 31),
    'months': (1, 12),
    'years': (1970, 2099),
}
DAY_NAMES = ('SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT')  # Boomi's days of the week 1 to 7
MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # the most days each month can have
MONTH_NAMES = ('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November',
               'December')
CRON_DAY_NAMES = {name: number for number, name in enumerate(DAY_NAMES)}  # cron's days: 0 = SUN
CRON_MONTH_NAMES = {name[:3].upper(): number for number, name in enumerate(MONTH_NAMES, 1)}  # JAN = 1
_ITEM = re.compile(r'^(\*|\d+(?:-\d+)?)(?:/(\d+))?$')


class ScheduleError(ValueError):
    """An invalid schedule value; the message names the option."""


def validate_field(option, field, value):
    """``value`` checked against Boomi's syntax and the field's range (:func:`_values`); returns it without blanks."""
    if not isinstance(value, str):
        value = str(value)
    text = value.replace(' ', '')
    if not text:
        raise ScheduleError('%s: %s must not be empty' % (option, field))
    try:
        _values(text, *RANGES[field])
    except ValueError as exc:
        raise ScheduleError('%s: %s %s %s' % (option, field, shown(value), exc)) from None
    return text


def _values(text, low, high):
    """The set of numbers a field's text stands for (``*/15`` and ``0-59/15`` are the same, ``5/15`` runs to ``high``);
    ValueError saying what is wrong with it: not of the syntax, a step of 0, a number out of range, a range that runs backwards."""
    values = set()
    for item in text.split(','):
        match = _ITEM.match(item)
        if not match:
            raise ValueError('is not valid: use *, N, N-M, */S, N-M/S or a comma list of those')
        base, step = match.group(1), int(match.group(2) or 1)
        if step < 1:
            raise ValueError('has a step of 0')
        bounds = [low, high] if base == '*' else [int(n) for n in base.split('-')]
        for number in bounds:
            if not low <= number <= high:
                raise ValueError('is out of range: %d is not within %d-%d' % (number, low, high))
        if bounds[0] > bounds[-1]:
            raise ValueError('has a range that runs backwards')
        values.update(range(bounds[0], (high if match.group(2) and len(bounds) == 1 else bounds[-1]) + 1, step))
    return frozenset(values)


def _cron_values(option, field, text, low, high, names):
    """The set of numbers a cron field stands for (days and months by name too)."""
    numbers = text
    for name, number in names.items():
        numbers = re.sub(name, str(number), numbers, flags=re.IGNORECASE)
    try:
        return _values(numbers, low, high)
    except ValueError as exc:
        raise ScheduleError('%s: cron %s %s %s' % (option, field, shown(text), exc)) from None


def from_cron(option, expression):
    """A Boomi schedule item from a five-field cron expression ``m h dom mon dow``."""
    if not isinstance(expression, str):
        raise ScheduleError('%s: cron must be a string like "*/15 8-18 * * 1-5"' % option)
    parts = expression.split()
    if len(parts) != 5:
        raise ScheduleError('%s: cron %s must have five fields (minute hour day-of-month month day-of-week)' % (option, shown(expression)))
    minute, hour, dom, month, dow = parts
    days_of_week = dow
    if dow != '*':  # cron counts from 0 = Sunday (7 too), Boomi from 1 = Sunday
        days_of_week = ','.join(str(d % 7 + 1) for d in sorted({d % 7 for d in _cron_values(option, 'day-of-week', dow, 0, 7, CRON_DAY_NAMES)}))
    if month != '*' and re.search('[A-Za-z]', month):
        month = ','.join(str(m) for m in sorted(_cron_values(option, 'month', month, 1, 12, CRON_MONTH_NAMES)))
    item = {'minutes': minute, 'hours': hour, 'days_of_week': days_of_week, 'days_of_month': dom, 'months': month, 'years': '*'}
    return {field: validate_field(option, field, item[field]) for field in FIELDS}


def item_from_option(option, raw):
    """A validated schedule item from a module option entry (``cron`` or the six fields)."""
    if raw.get('cron') is not None:
        given = [f for f in FIELDS if raw.get(f) is not None]
        if given:
            raise ScheduleError('%s: give either cron or %s, not both' % (option, ', '.join(given)))
        return from_cron(option + '.cron', raw['cron'])
    missing = [f for f in ('minutes', 'hours') if raw.get(f) is None]
    if missing:
        raise ScheduleError('%s: %s required (or give cron)' % (option, ' and '.join(missing) + (' is' if len(missing) == 1 else ' are')))
    return {f: validate_field(option, f, raw.get(f) if raw.get(f) is not None else '*') for f in FIELDS}


def _expand(field, text):
    """The set of values a field of a schedule item stands for; the text itself if it cannot be read."""
    try:
        return _values(text, *RANGES[field])
    except ValueError:
        return text


def canonical(item):
    """A comparable form of a schedule item: each field as the set of values it stands for (empty means ``*``)."""
    return tuple(_expand(f, _text(item, f)) for f in FIELDS)


def same_items(left, right):
    """Whether two lists of schedule items are the same set (order and duplicates ignored)."""
    return set(canonical(i) for i in left) == set(canonical(i) for i in right)


def _text(item, field):
    return str(item.get(field) or '*').replace(' ', '') or '*'


def day_names(text):
    """Boomi days of the week (1 = Sunday) by name, runs of three or more as ranges: ``2,3,4,5,6`` -> ``MON-FRI``; None if unreadable."""
    days = _expand('days_of_week', text)
    if not isinstance(days, frozenset) or not days:
        return None
    if days == frozenset(range(1, 8)):
        return '*'
    runs = []
    for day in sorted(days):
        if runs and day == runs[-1][1] + 1:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    parts = []
    for first, last in runs:
        if last - first >= 2:
            parts.append('%s-%s' % (DAY_NAMES[first - 1], DAY_NAMES[last - 1]))
        else:
            parts.extend(DAY_NAMES[day - 1] for day in range(first, last + 1))
    return ','.join(parts)


def schedule_text(item):
    """A Boomi schedule item as text that cannot be misread for Boomi's field order.

    ``cron 0 6 * * MON-FRI`` (five cron fields, days of the week by name) when ``years`` is ``*``; else the named fields,
    ``minutes 0, hours 6, days of month *, months *, days of week MON-FRI, years 2027``.
    """
    fields = {field: _text(item, field) for field in FIELDS}
    days = day_names(fields['days_of_week'])
    if days is None:
        days = '%s (1 = Sunday)' % fields['days_of_week']
    elif fields['years'] == '*':
        return 'cron %s %s %s %s %s' % (fields['minutes'], fields['hours'], fields['days_of_month'], fields['months'], days)
    return 'minutes %s, hours %s, days of month %s, months %s, days of week %s, years %s' % (
        fields['minutes'], fields['hours'], fields['days_of_month'], fields['months'], days, fields['years'])


def restricts_both_days(item):
    """Whether the item restricts both its days of the month and its days of the week (neither stands for every day).

    Standard cron runs such an entry on the days that match either field (``0 6 1 * MON``: the 1st and every Monday);
    Boomi's documentation does not say whether its schedules need both or either.
    """
    days = _expand('days_of_month', _text(item, 'days_of_month'))
    weekdays = _expand('days_of_week', _text(item, 'days_of_week'))
    return days != frozenset(range(1, 32)) and weekdays != frozenset(range(1, 8))


def never_runs(item):
    """Why no date matches the item's days of the month, months and years (``'there is no day 31 in February'``); None if some does.

    Boomi accepts such an item and never starts the process on it. February 29 occurs when ``years`` holds a leap year.
    """
    texts = {field: _text(item, field) for field in ('days_of_month', 'months', 'years')}
    days, months, years = (_expand(field, text) for field, text in texts.items())
    if not all(isinstance(values, frozenset) and values for values in (days, months, years)):
        return None
    leap = any(calendar.isleap(year) for year in years)
    for month in months:
        longest = 28 if month == 2 and not leap else MONTH_DAYS[month - 1]
        if any(day <= longest for day in days):
            return None
    shown_months = ', '.join(MONTH_NAMES[month - 1] for month in sorted(months))
    return 'there is no day %s in %s%s' % (texts['days_of_month'], shown_months, '' if texts['years'] == '*' else ' of ' + texts['years'])

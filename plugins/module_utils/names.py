# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Names and ids given by users: what is accepted, how they are compared and shown.

A name or id option must be a string (YAML turns ``1.10`` into a float, ``yes`` into a boolean, and
a list or a mapping is never a name), must not be blank, too long, or carry characters that make two
different names look the same (control characters, DEL, bidirectional controls, zero-width
characters). Names are compared after Unicode NFC normalisation, so that the composed and the
decomposed "Café" are one name.
"""

from __future__ import annotations

import unicodedata

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, BoomiInputError

MAX_LENGTH = 255
SHOWN_LENGTH = 60
# Bidirectional controls and zero-width characters: invisible, they make different names look the same.
INVISIBLE = frozenset('\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064'
                      '\u2066\u2067\u2068\u2069\ufeff')


def shown(value, limit=SHOWN_LENGTH):
    """``value`` as a message shows it: its repr, shortened to ``limit`` characters."""
    text = value if isinstance(value, str) else repr(value)
    return repr(text if len(text) <= limit else text[:limit - 3] + '...')


def nfc(value):
    """``value`` in Unicode normal form C (None stays None)."""
    return None if value is None else unicodedata.normalize('NFC', value)


def same_name(left, right):
    """Whether two names are the same after NFC normalisation (None and '' are "no name")."""
    return nfc(left or None) == nfc(right or None)


def check_text(option, value, max_length=MAX_LENGTH):
    """``value`` of ``option`` checked and NFC-normalised (None stays None); :class:`BoomiInputError` naming the option otherwise."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # an integer reads back the same as a string; a float or a boolean does not
    if not isinstance(value, str):
        kind = {bool: 'a boolean', float: 'a number', list: 'a list', dict: 'a mapping'}.get(type(value), type(value).__name__)
        raise BoomiInputError('%s must be a string, got %s: %s (quote it in YAML, for example "1.10")' % (option, kind, shown(value)))
    if not value.strip():
        raise BoomiInputError('%s must not be empty or blank, got %s' % (option, shown(value)))
    if len(value) > max_length:
        raise BoomiInputError('%s is %d characters long, at most %d are allowed: %s' % (option, len(value), max_length, shown(value)))
    bad = [char for char in value if ord(char) < 32 or 127 <= ord(char) < 160 or char in INVISIBLE]
    if bad:
        raise BoomiInputError('%s must not contain control characters, DEL, bidirectional controls or zero-width characters (found %s), got %s'
                              % (option, ', '.join(sorted({'U+%04X' % ord(c) for c in bad})), shown(value)))
    return nfc(value)


def find_process(processes, ref):
    """The process of an instance by ID, by exact name, or (multi-install packs) by the name after ``<override name> - ``
    (names compared in NFC); None when none matches, a list when several do."""
    for proc in processes:
        if proc['id'] == ref:
            return proc
    exact = [p for p in processes if same_name(p['name'], ref)]
    if exact:
        return exact if len(exact) > 1 else exact[0]
    suffix = [p for p in processes if nfc(p['name'] or '').endswith(' - ' + nfc(ref))]
    if len(suffix) == 1:
        return suffix[0]
    return suffix or None


def one_process(processes, ref):
    """The process ``ref`` of an instance's ``processes`` (:func:`find_process`); :class:`BoomiInputError` when the
    instance has none or several such (one message for every module)."""
    found = find_process(processes, ref)
    if found is None:
        raise BoomiInputError('process %s: the instance has no such process (its processes: %s)'
                              % (shown(ref), ', '.join(sorted(p['name'] or p['id'] for p in processes)) or 'none'))
    if isinstance(found, list):
        raise BoomiInputError('process %s is ambiguous: %s; use the process id'
                              % (shown(ref), ', '.join('%s (%s)' % (p['name'], p['id']) for p in found)))
    return found


def pick(records, refs, kind, option, known=None):
    """The ``records`` (dicts with ``id`` and ``name``) that ``refs`` name, each an ID or an exact name, in the order given and
    without duplicates. BoomiError (operation ``<kind> lookup``) for a name no record has, naming the ``known`` names (default:
    every record's), or one several records have, naming their IDs: "use the id"."""
    by_id = {r['id']: r for r in records}
    picked = []
    for ref in refs:
        record = by_id.get(ref)
        if record is None:
            named = [r for r in records if same_name(r['name'], ref)]
            if not named:
                known = ', '.join(sorted({r['name'] for r in records}) if known is None else known) or 'none'
                raise BoomiError('%s: %s %r not found (known: %s)' % (option, kind, ref, known), operation='%s lookup' % kind)
            if len(named) > 1:
                raise BoomiError('%s: %s name %r is ambiguous: %d %ss have it (ids %s); use the id'
                                 % (option, kind, ref, len(named), kind, ', '.join(r['id'] for r in named)), operation='%s lookup' % kind)
            record = named[0]
        if record not in picked:
            picked.append(record)
    return picked


def membership_changes(current, wanted_ids, key, state='present', exclusive=False):
    """``(ids to add, members to remove)`` that take the ``current`` members (dicts whose ``key`` is the id: an instance's
    attachments by ``environment_id``, a pack's shares by ``account_group_id``) to ``wanted_ids``: present adds the missing
    ones (and, ``exclusive``, removes the others); absent removes them."""
    if state == 'absent':
        return [], [m for m in current if m[key] in wanted_ids]
    current_ids = {m[key] for m in current}
    to_add = [i for i in wanted_ids if i not in current_ids]
    return to_add, ([m for m in current if m[key] not in wanted_ids] if exclusive else [])

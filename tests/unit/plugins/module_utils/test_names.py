# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Names and ids as users give them: strings only, nothing invisible, compared in Unicode NFC."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiInputError
from ansible_collections.boomi.platform.plugins.module_utils.names import check_text, find_process, same_name


@pytest.mark.parametrize('value, found', [
    ('Order\x7fIntake', 'U+007F'),           # DEL
    ('EU\u202eUE', 'U+202E'),                # right-to-left override
    ('Caf\u200be', 'U+200B'),                # zero-width space
    ('\ufeffOrder Intake', 'U+FEFF'),        # byte order mark / zero-width no-break space
    ('Order\u2066Intake\u2069', 'U+2066'),   # bidi isolates
    ('Tab\there', 'U+0009'),
    ('C1\x85control', 'U+0085'),
])
def test_invisible_and_bidi_characters_are_refused_naming_the_option(value, found):
    with pytest.raises(BoomiInputError) as err:
        check_text('override_name', value)
    assert str(err.value).startswith('override_name must not contain control characters') and found in str(err.value)


@pytest.mark.parametrize('value, kind', [(['A', 'B'], 'a list'), ({'region': 'EU'}, 'a mapping'), (1.1, 'a number'), (True, 'a boolean')])
def test_values_that_are_not_text_are_refused(value, kind):
    with pytest.raises(BoomiInputError) as err:
        check_text('override_name', value)
    assert 'override_name must be a string, got %s' % kind in str(err.value)


def test_names_are_normalised_and_compared_in_nfc():
    composed, decomposed = 'Caf\u00e9', 'Cafe\u0301'
    assert check_text('override_name', decomposed) == composed
    assert same_name(composed, decomposed) and not same_name(composed, 'Cafe')
    assert check_text('integration_pack_id', 12345) == '12345'  # an integer reads back the same as text
    processes = [{'id': 'p1', 'name': 'EU %s - INT' % composed}, {'id': 'p2', 'name': 'EU %s - Acknowledge' % composed}]
    assert find_process(processes, 'EU %s - INT' % decomposed)['id'] == 'p1'
    assert find_process(processes, 'Acknowledge')['id'] == 'p2' and find_process(processes, 'Nope') is None

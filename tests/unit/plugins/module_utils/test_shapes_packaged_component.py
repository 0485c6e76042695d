# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_shapes_publisher.packaged_component: the forms of a PackagedComponent the SPEC shows (its schema says componentVersion is an
integer and shareable/deleted booleans, its examples write "2.0" and "true"), one shape out; a broken answer is a BoomiError."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.module_utils._shapes_publisher import packaged_component
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError

SPEC_EXAMPLE = {'@type': 'PackagedComponent', 'packageId': 'e8dbc278-e970-49e5-84bd-af39d7d38140', 'packageVersion': '2.0',
                'componentId': '66d665d1-3ec7-479c-9e24-8df3fa728cf8', 'componentVersion': '2.0', 'componentType': 'process',
                'createdDate': '2017-03-16T13:34:01Z', 'createdBy': 'userboomi.com', 'shareable': 'true', 'deleted': 'false'}


def test_the_spec_example_reads_as_one_shape():
    assert packaged_component(SPEC_EXAMPLE) == {
        'package_id': 'e8dbc278-e970-49e5-84bd-af39d7d38140', 'component_id': '66d665d1-3ec7-479c-9e24-8df3fa728cf8',
        'component_type': 'process', 'component_version': 2, 'version': '2.0', 'notes': None, 'shareable': True, 'deleted': False,
        'created_by': 'userboomi.com', 'created_date': '2017-03-16T13:34:01Z'}


def test_missing_flags_and_an_integer_revision():
    found = packaged_component(dict(SPEC_EXAMPLE, componentVersion=7, notes='n', shareable=None, deleted=None))
    assert (found['component_version'], found['notes'], found['shareable'], found['deleted']) == (7, 'n', None, False)


@pytest.mark.parametrize('raw', [['not', 'an', 'object'], dict(SPEC_EXAMPLE, componentVersion='2.5'),
                                 dict(SPEC_EXAMPLE, componentVersion=True), dict(SPEC_EXAMPLE, deleted='maybe')])
def test_a_broken_answer_is_an_error(raw):
    with pytest.raises(BoomiError) as failure:
        packaged_component(raw)
    assert 'unexpected answer' in str(failure.value)

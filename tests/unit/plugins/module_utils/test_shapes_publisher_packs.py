# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_shapes_publisher: the forms of a PublisherIntegrationPack and a PackagedComponent that the SPEC's examples show besides the
simulator's (one object where the schema has a list, ``description`` as MCP sends it, versions as "" or numbers)."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.module_utils import _shapes_publisher as shapes
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError


def test_a_pack_with_one_component_object_and_a_lower_case_description():
    pack = shapes.publisher_pack({'id': 'P', 'name': 'Helpdesk', 'description': 'Tickets', 'installationType': 'multi',
                                  'PublisherPackagedComponents': {'PublisherPackagedComponent': {
                                      'componentId': 'C', 'componentName': 'Sync', 'componentType': 'process', 'currentVersion': '',
                                      'pendingVersion': 1.0, 'latestVersion': '1.0', 'deleted': 'false'}}})
    assert pack == {'id': 'P', 'name': 'Helpdesk', 'description': 'Tickets', 'installation_type': 'MULTI', 'components': [
        {'component_id': 'C', 'component_name': 'Sync', 'component_type': 'process', 'current_version': None, 'pending_version': '1.0',
         'latest_version': '1.0', 'deleted': False}]}


def test_a_pack_without_components_or_description():
    assert shapes.publisher_pack({'id': 'P', 'name': 'Empty', 'installationType': 'SINGLE'}) == {
        'id': 'P', 'name': 'Empty', 'description': '', 'installation_type': 'SINGLE', 'components': []}


@pytest.mark.parametrize('raw', [None, [], {'id': 'P', 'PublisherPackagedComponents': ['C']}])
def test_an_answer_that_is_not_a_pack_is_an_error(raw):
    with pytest.raises(BoomiError) as failure:
        shapes.publisher_pack(raw)
    assert 'unexpected answer' in str(failure.value)


@pytest.mark.parametrize('given, revision', [(3, 3), ('2.0', 2), ('7', 7)])
def test_a_packaged_component_revision(given, revision):
    found = shapes.packaged_component({'packageId': 'K', 'componentId': 'C', 'packageVersion': '1.2', 'componentVersion': given,
                                       'componentType': 'process', 'shareable': True, 'deleted': False})
    assert found['component_version'] == revision and found['version'] == '1.2' and found['deleted'] is False


def test_an_update_body_carries_every_component_and_add():
    body = shapes.publisher_pack_to_boomi('Helpdesk', None, None, ['A', 'B'], pack_id='P')
    assert body == {'id': 'P', 'operationType': 'ADD', 'name': 'Helpdesk', 'Description': '',
                    'PublisherPackagedComponents': {'PublisherPackagedComponent': [{'componentId': 'A'}, {'componentId': 'B'}]}}

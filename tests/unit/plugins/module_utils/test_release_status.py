# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""BoomiClient.release_status reads every documented form of the ReleaseIntegrationPackStatus answer (NEXT-APIS 6.3): HTTP 202
while scheduled or in progress (also with an empty body), 200 when done, the body bare or in an AsyncOperationResult, the
in-progress status spelled IN_PROGRESS or INPROGRESS. Canned answers over real HTTP (the simulator's next_responses)."""

from __future__ import annotations

import pytest

from ansible_collections.boomi.platform.plugins.module_utils.client import BoomiClient
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError
from ansible_collections.boomi.platform.tests.unit.conftest import connection

SYNC = '5b0d1c7e-3f4a-4e21-9c8b-7a6d5e4f3a21'
STATUS = {'@type': 'ReleaseIntegrationPackStatus', 'integrationPackId': 'pack-1', 'requestId': 'release-1', 'releaseSchedule': 'IMMEDIATELY',
          'ReleasePackagedComponents': {'ReleasePackagedComponent': {'componentId': SYNC, 'version': '1.1', 'releasedVersion': '1.0'}}}


@pytest.mark.parametrize('status, body, expected', [
    (202, '', 'IN_PROGRESS'),
    (202, dict(STATUS, releaseStatus='INPROGRESS'), 'IN_PROGRESS'),
    (202, dict(STATUS, releaseStatus='SCHEDULED', releaseOnDate='2030-01-02'), 'SCHEDULED'),
    (200, dict(STATUS, releaseStatus='SUCCESS'), 'SUCCESS'),
    (200, {'@type': 'AsyncOperationResult', 'responseStatusCode': 200, 'result': [dict(STATUS, releaseStatus='ERROR')]}, 'ERROR'),
])
def test_every_form_of_the_status_answer_is_read(sim, status, body, expected):
    client = BoomiClient(connection(sim, 'rest'))
    sim.set_faults(next_responses=[{'status': status, 'body': body}])
    found = client.release_status('release-1')
    assert found['status'] == expected
    if body:
        assert found['request_id'] == 'release-1' and found['integration_pack_id'] == 'pack-1'
        assert found['components'] == [{'component_id': SYNC, 'version': '1.1', 'released_version': '1.0'}]
        assert found['release_on'] == ('2030-01-02' if expected == 'SCHEDULED' else None)


def test_an_unknown_release_is_none_and_an_unknown_status_an_error(sim):
    client = BoomiClient(connection(sim, 'rest'))
    assert client.release_status('release-unknown') is None
    sim.set_faults(next_responses=[{'status': 200, 'body': dict(STATUS, releaseStatus='DONE')}])
    with pytest.raises(BoomiError) as failure:
        client.release_status('release-1')
    assert "releaseStatus is 'DONE', not one of IN_PROGRESS (INPROGRESS), SUCCESS, SCHEDULED, ERROR" in str(failure.value)

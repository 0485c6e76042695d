# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module tests call the modules' planning and apply functions in process, against the simulator over real HTTP.

Fixtures: ``api`` (each test runs through REST and GraphQL), ``new_client`` (a factory of clients of that API: one per
module run, as a module process has its own), ``client``, and ``run_module`` (a module's ``main()`` run in process, its
result as the controller would read it). Helpers read what the simulator received and holds.

No test waits for real: every client of these fixtures waits with ``fake_time`` (its retry backoffs and polls are noted, and
move its clock forward), the module's own client included.
"""

from __future__ import annotations

import json

import pytest

from ansible_collections.boomi.platform.plugins.module_utils.client import BoomiClient
from ansible_collections.boomi.platform.tests.unit.conftest import API_TOKEN, PASSWORD, FakeTime, connection

APIS = ('rest', 'graphql')
# run_module: an option left out of the task (a connection option of the simulator too); a text, not an object(): equal even
# when pytest imports this conftest under another name than the tests that import it
OMIT = '<run_module: omit>'

# The simulator's seed (tests/simulator/README.md)
ORDER_INTAKE = '4130c262-5e3b-4fd9-b5f2-d0d70fd5c063'  # MULTI
INVOICE_EXPORT = '6f181f3d-a32f-462d-824d-54b41fc388e3'  # MULTI
SALESFORCE = 'acaa2640-d551-4f9c-b901-abede51fedbb'  # SINGLE
TEST = 'c81372f1-c303-48e4-b32b-034258bfa6b3'
PRODUCTION = 'fbf43afc-02a8-4509-8875-7dc2972c17e1'
PRODUCTION_ATOMS = ('2f5c1e8e-5089-4497-aaed-689510c43fce', 'b8a19c6c-3cc5-4f92-abba-c35b6eee2fb7')
SANDBOXES = ('33c066f1-5661-4a6a-a123-85e0619feb4f', 'c865b38d-ae4d-4eff-98f8-b270e212133f')

# the simulator's log names of the writes
OPERATIONS = {
    'install': {'rest': 'IntegrationPackInstance.create', 'graphql': 'integrationPackInstanceInstall'},
    'uninstall': {'rest': 'IntegrationPackInstance.delete', 'graphql': 'integrationPackInstanceUninstall'},
    'attach': {'rest': 'IntegrationPackEnvironmentAttachment.create', 'graphql': 'integrationPackInstanceEnvironmentAttachmentAttach'},
    'detach': {'rest': 'IntegrationPackEnvironmentAttachment.delete', 'graphql': 'integrationPackInstanceEnvironmentAttachmentUnattach'},
    'schedule': {'rest': 'ProcessSchedules.update', 'graphql': 'processSchedulesUpdate'},
}


@pytest.fixture(params=APIS)
def api(request):
    return request.param


@pytest.fixture
def fake_time(sim, monkeypatch):
    """One ``FakeTime`` for every client of the test, the one a module's ``main()`` builds included, and for the simulator's runs
    (until the next test's reset): no test waits for real, and a run moves only while a client waits."""
    from ansible_collections.boomi.platform.plugins.module_utils import common  # pylint: disable=import-outside-toplevel

    fake = FakeTime()
    sim.executions.clock = fake.clock

    class Client(BoomiClient):
        def __init__(self, params, warn=None):
            super().__init__(params, warn=warn, sleep=fake.sleep, clock=fake.clock)

    monkeypatch.setattr(common, 'BoomiClient', Client)
    return fake


@pytest.fixture
def new_client(sim, api, fake_time):
    """A factory of clients of ``api`` on the simulator; keyword arguments override connection options."""
    def make(**overrides):
        return BoomiClient(connection(sim, api, **overrides), sleep=fake_time.sleep, clock=fake_time.clock)
    return make


@pytest.fixture
def client(new_client):
    return new_client()


def writes(sim):
    """The writes the simulator received: ``[(operation, HTTP status)]`` (status 0: the answer was dropped)."""
    return [(e['operation'], e['status']) for e in sim.log if e['write']]


def attached_to(sim, instance_id):
    """The sorted environment IDs the simulator has the instance attached to."""
    return sorted(a['environmentId'] for a in sim.state.attachments.values() if a['integrationPackInstanceId'] == instance_id)


def assert_masked(result, *secrets):
    """No secret in the module's result: the connection's password and API token, and ``secrets`` (values of the task), nowhere;
    the no_log options in ``invocation`` are shown as ansible-core shows them."""
    text = json.dumps(result)
    for secret in (PASSWORD, API_TOKEN) + secrets:
        assert secret not in text, secret
    args = result['invocation']['module_args']
    for name in ('password', 'api_token'):
        assert args.get(name) in (None, 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'), (name, args.get(name))
    assert 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER' in (args.get('password'), args.get('api_token'))


def warnings_of(result):
    """The texts of the result's warnings (ansible-core 2.19+ prints each as ``{'event': {'msg': text}}``, older ones as text)."""
    return [w if isinstance(w, str) else w.get('event', w)['msg'] for w in result.get('warnings', [])]


@pytest.fixture
def run_module(sim, api, capsys, monkeypatch, fake_time):
    """Run a module's ``main()`` in process, as ansible-core would, against the simulator through ``api``.

    ``run_module(main, check_mode=False, diff=False, **args)``: ``args`` are the task's options (the connection options of the
    simulator are added; given ones override them, ``OMIT`` leaves one out). Returns ``(failed, result)``: the
    JSON the module printed, and whether it failed. The module's client waits with ``fake_time``. The result has ``invocation``
    on every ansible-core (2.21+ returns it when the controller asks, INJECT_INVOCATION).
    """
    from ansible.module_utils import basic
    from ansible.module_utils.common import warnings as module_warnings
    from ansible.module_utils.common.parameters import PASS_VARS

    def run(main, check_mode=False, diff=False, **args):
        params = {key: value for key, value in connection(sim, api).items() if value is not None}
        params.update(args)
        params = {key: value for key, value in params.items() if value != OMIT}
        if check_mode:
            params['_ansible_check_mode'] = True
        if diff:
            params['_ansible_diff'] = True
        if 'inject_invocation' in PASS_VARS:  # ansible-core 2.21+ returns ``invocation`` only when asked (INJECT_INVOCATION): ask
            params['_ansible_inject_invocation'] = True
        for name in ('_global_warnings', '_global_deprecations'):  # a module process starts without any (a list before 2.19)
            monkeypatch.setattr(module_warnings, name, type(getattr(module_warnings, name))())
        monkeypatch.setattr(basic, '_ANSIBLE_ARGS', json.dumps({'ANSIBLE_MODULE_ARGS': params}).encode())
        monkeypatch.setattr(basic, '_ANSIBLE_PROFILE', 'legacy', raising=False)
        capsys.readouterr()
        with pytest.raises(SystemExit) as ended:
            main()
        result = json.loads(capsys.readouterr().out)
        failed = bool(result.get('failed'))
        assert failed == (ended.value.code != 0), result
        return failed, result
    return run

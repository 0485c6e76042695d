"""Fixtures for the simulator's own test suite: one simulator per session, reset before each test."""

import json
import sys
from pathlib import Path

import pytest
import requests

SIMULATOR_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = Path(__file__).resolve().parents[3]
SHARED_DIR = (REPO_ROOT / ".." / "shared").resolve()
if str(SIMULATOR_DIR) not in sys.path:
    sys.path.insert(0, str(SIMULATOR_DIR))

from boomisim.server import Simulator  # noqa: E402  pylint: disable=wrong-import-position

SEED = json.loads((SIMULATOR_DIR / "boomisim" / "data" / "seed.json").read_text(encoding="utf-8"))
ACCOUNT_ID = "acme-4F7K2Q"
USERNAME = "ops@acme.example"
PASSWORD = "sim-password"
API_TOKEN = "b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
SPACE_GUID = "7d6a3c5e-2b1f-4e8d-9c0a-1b2c3d4e5f60"
JSON_ACCEPT = {"Accept": "application/json"}


def pytest_configure(config):
    config.addinivalue_line("markers", "serial: timed test; `make pytest` runs these alone, after the others have run in parallel")


class Api:
    """Small HTTP helpers around a running simulator (and the seeded constants)."""

    account_id = ACCOUNT_ID
    username = USERNAME
    password = PASSWORD
    api_token = API_TOKEN
    space_guid = SPACE_GUID
    seed = SEED
    shared_dir = SHARED_DIR
    simulator_dir = SIMULATOR_DIR

    def __init__(self, sim):
        self.sim = sim
        self.url = sim.url
        self._token = None

    # -- catalogue -------------------------------------------------------------

    @staticmethod
    def packs_named(name):
        """Seeded packs with that name."""
        return [pack for pack in SEED["integration_packs"] if pack["name"] == name]

    def pack(self, name):
        """The one seeded pack with that name."""
        found = self.packs_named(name)
        assert len(found) == 1, name
        return found[0]

    @staticmethod
    def environments_named(name):
        """Seeded environments with that name."""
        return [env for env in SEED["environments"] if env["name"] == name]

    def env(self, name):
        """The one seeded environment with that name."""
        found = self.environments_named(name)
        assert len(found) == 1, name
        return found[0]

    # -- JWT and GraphQL -----------------------------------------------------------

    def new_token(self, username="BOOMI_TOKEN." + USERNAME, secret=API_TOKEN, account=ACCOUNT_ID):
        """GET a fresh JWT; returns the response."""
        return requests.get("%s/auth/jwt/generate/%s" % (self.url, account), auth=(username, secret), timeout=10)

    def token(self):
        """A cached valid JWT."""
        if self._token is None:
            answer = self.new_token()
            assert answer.status_code == 200, answer.text
            self._token = answer.text
        return self._token

    def gql(self, query, variables=None, space=SPACE_GUID, token=None, operation_name=None, timeout=10):
        """POST /graphql; returns the response."""
        headers = {"Authorization": "Bearer " + (token or self.token()), "Accept": "application/json"}
        if space is not None:
            headers["SPACE_GUID"] = space
        body = {"query": query}
        if variables is not None:
            body["variables"] = variables
        if operation_name is not None:
            body["operationName"] = operation_name
        return requests.post(self.url + "/graphql", json=body, headers=headers, timeout=timeout)

    def gql_data(self, query, variables=None, **kwargs):
        """POST /graphql and return ``data``, asserting HTTP 200 and no errors."""
        answer = self.gql(query, variables, **kwargs)
        assert answer.status_code == 200, answer.text
        payload = answer.json()
        assert "errors" not in payload, payload
        return payload["data"]

    def gql_error(self, query, variables=None, **kwargs):
        """POST /graphql and return the first error, asserting there is one."""
        answer = self.gql(query, variables, **kwargs)
        assert answer.status_code == 200, answer.text
        payload = answer.json()
        assert payload.get("errors"), payload
        return payload["errors"][0]

    # -- REST ------------------------------------------------------------------------

    def rest(self, method, path, json_body=None, data=None, auth=(USERNAME, PASSWORD), headers=None, account=ACCOUNT_ID, timeout=10):
        """A REST request to /api/rest/v1/<account>/<path>; returns the response."""
        all_headers = dict(JSON_ACCEPT)
        all_headers.update(headers or {})
        return requests.request(method, "%s/api/rest/v1/%s/%s" % (self.url, account, path), json=json_body, data=data,
                                auth=auth, headers=all_headers, timeout=timeout)

    def rest_ok(self, method, path, json_body=None, **kwargs):
        """A REST request that must answer 200; returns the JSON body."""
        answer = self.rest(method, path, json_body, **kwargs)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def install(self, pack_name="Order Intake", override="EU"):
        """Install through REST; returns the IntegrationPackInstance."""
        body = {"integrationPackId": self.pack(pack_name)["id"]}
        if override is not None:
            body["integrationPackOverrideName"] = override
        return self.rest_ok("POST", "IntegrationPackInstance", body)

    def attach(self, instance_id, env_name):
        """Attach through REST; returns the attachment."""
        return self.rest_ok("POST", "IntegrationPackEnvironmentAttachment",
                            {"integrationPackInstanceId": instance_id, "environmentId": self.env(env_name)["id"]})

    def query(self, object_type, expression=None):
        """One page of a REST query."""
        body = {} if expression is None else {"QueryFilter": {"expression": expression}}
        return self.rest_ok("POST", object_type + "/query", body)

    # -- admin -----------------------------------------------------------------------

    def admin(self, method, name, json_body=None):
        """An admin request to /_sim/<name>; returns the response."""
        return requests.request(method, "%s/_sim/%s" % (self.url, name), json=json_body, timeout=30)


@pytest.fixture(scope="session")
def simulator():
    """One simulator for the whole session."""
    sim = Simulator(host="127.0.0.1", port=0)
    sim.start()
    yield sim
    sim.stop()


@pytest.fixture
def sim(simulator):  # pylint: disable=redefined-outer-name
    """The session simulator, reset to the seed."""
    simulator.reset()
    return simulator


@pytest.fixture
def api(sim):  # pylint: disable=redefined-outer-name
    """HTTP helpers for the reset simulator."""
    return Api(sim)

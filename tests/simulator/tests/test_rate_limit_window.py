"""The rate_limit_window fault: at most N API requests per account in any sliding window."""

import time

import pytest
import requests

from boomisim.faults import FaultError

# Timed: requests timed within one-second windows. `make pytest` runs the tests marked serial on their own after the others (not beside them).
pytestmark = pytest.mark.serial

MESSAGE_503 = "The Boomi server is currently unavailable or your account's rate limits have been exceeded. Retry later."
ENVIRONMENTS = "query { environments { id } }"


def test_rest_requests_beyond_the_limit_get_503_without_retry_after(api):
    api.sim.set_faults(rate_limit_window={"limit": 3})
    answers = [api.rest("POST", "Environment/query", {}) for _attempt in range(5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 503, 503]
    assert answers[3].json() == {"@type": "Error", "message": MESSAGE_503}
    assert "Retry-After" not in answers[3].headers
    time.sleep(1.05)
    assert api.rest("POST", "Environment/query", {}).status_code == 200  # a new second
    refused = [e for e in api.sim.log if e.get("rate_limited")]
    assert [(e["operation"], e["status"], e["rate_limited"]) for e in refused] == [("Environment.query", 503, "rate_limit_window")] * 2
    assert api.sim.counts()["rate_limited"] == 2 and api.admin("GET", "counts").json()["rate_limited"] == 2


def test_graphql_gets_429_and_the_configured_retry_after(api):
    api.token()  # the JWT request counts too, so get it before the fault
    api.admin("POST", "faults", {"rate_limit_window": {"limit": 2, "retry_after": 4}})
    answers = [api.gql(ENVIRONMENTS) for _attempt in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].json() == {"errors": [{"message": "Too many requests"}]}
    assert answers[2].headers["Retry-After"] == "4"
    rest_answer = api.rest("GET", "Environment/" + api.env("Test")["id"])  # same account: the budget is shared with REST
    assert rest_answer.status_code == 503 and rest_answer.headers["Retry-After"] == "4"
    jwt_answer = api.new_token()
    assert jwt_answer.status_code == 503 and jwt_answer.json()["message"] == MESSAGE_503


def test_counted_per_account(api):
    token = api.token()
    api.sim.set_faults(rate_limit_window={"limit": 2, "window": 5})
    assert [api.rest("POST", "Environment/query", {}).status_code for _attempt in range(2)] == [200, 200]
    # Another account id in the path has its own budget (and is then refused as usual: 403).
    assert [api.rest("POST", "Environment/query", {}, account="other-1").status_code for _attempt in range(3)] == [403, 403, 503]
    assert api.rest("POST", "Environment/query", {}).status_code == 503
    # GraphQL counts against the JWT's account (acme: spent), whatever the token's validity.
    assert api.gql(ENVIRONMENTS, token=token).status_code == 429
    assert api.gql(ENVIRONMENTS, token="not-a-jwt").status_code == 401  # no account: its own bucket
    assert requests.get(api.url + "/auth/jwt/generate/other-2", auth=(api.username, api.password), timeout=5).status_code == 403
    assert api.new_token().status_code == 503
    assert api.sim.counts()["rate_limited"] == 4


def test_sliding_window(api):
    api.sim.set_faults(rate_limit_window={"limit": 2, "window": 1.0})

    def query():
        return api.rest("POST", "Environment/query", {}).status_code
    start = time.monotonic()
    assert query() == 200                     # t = 0
    time.sleep(max(0.0, 0.5 - (time.monotonic() - start)))
    assert [query(), query()] == [200, 503]   # t = 0.5: two in the last second
    time.sleep(max(0.0, 1.25 - (time.monotonic() - start)))
    assert [query(), query()] == [200, 503]   # t = 1.25: the first has left the window, the second not yet
    assert time.monotonic() - start < 1.5, "too slow to test the window"


def test_refused_requests_do_not_use_the_budget(api):
    api.sim.set_faults(rate_limit_window={"limit": 1, "window": 0.6})
    start = time.monotonic()
    statuses = [api.rest("POST", "Environment/query", {}).status_code]
    while time.monotonic() - start < 0.5:
        statuses.append(api.rest("POST", "Environment/query", {}).status_code)
        time.sleep(0.05)
    time.sleep(max(0.0, 0.65 - (time.monotonic() - start)))
    assert statuses[0] == 200 and set(statuses[1:]) == {503}
    assert api.rest("POST", "Environment/query", {}).status_code == 200  # refusals at 0.05..0.5 did not restart the window


def test_admin_requests_are_never_refused_and_clearing_restores_service(api):
    api.sim.set_faults(rate_limit_window={"limit": 1, "window": 30})
    assert api.rest("POST", "Environment/query", {}).status_code == 200
    assert api.rest("POST", "Environment/query", {}).status_code == 503
    for _attempt in range(3):
        assert api.admin("GET", "counts").status_code == 200
    assert api.admin("GET", "faults").json()["rate_limit_window"] == {"limit": 1, "window": 30.0, "retry_after": None}
    api.admin("POST", "faults", {"rate_limit_window": None})
    assert api.rest("POST", "Environment/query", {}).status_code == 200
    api.sim.set_faults(rate_limit_window={"limit": 1, "window": 30})  # setting it again starts from an empty window
    assert api.rest("POST", "Environment/query", {}).status_code == 200
    api.sim.clear_faults()
    assert api.rest("POST", "Environment/query", {}).status_code == 200


def test_the_every_nth_fault_is_unchanged_and_runs_first(api):
    api.sim.set_faults(rate_limit={"every": 2, "retry_after": 3}, rate_limit_window={"limit": 2, "window": 30})
    answers = [api.rest("POST", "Environment/query", {}) for _attempt in range(5)]
    assert [a.status_code for a in answers] == [200, 503, 200, 503, 503]
    assert answers[1].headers["Retry-After"] == "3" and "Retry-After" not in answers[4].headers
    # Requests refused by rate_limit never reach the window: the 5th is the window's third.
    assert [e.get("rate_limited") for e in api.sim.log] == [None, "rate_limit", None, "rate_limit", "rate_limit_window"]
    assert api.sim.counts()["rate_limited"] == 3


@pytest.mark.parametrize("value", [
    {"limit": 0}, {"limit": "10"}, {}, {"limit": 2, "window": 0}, {"limit": 2, "window": True},
    {"limit": 2, "retry_after": "soon"}, {"limit": 2, "retry_after": -1}, {"limit": 2, "burst": 3}, 10,
])
def test_bad_settings(api, value):
    with pytest.raises(FaultError):
        api.sim.set_faults(rate_limit_window=value)
    answer = api.admin("POST", "faults", {"rate_limit_window": value})
    assert answer.status_code == 400 and "rate_limit_window" in answer.json()["error"]
    assert api.sim.faults.snapshot()["rate_limit_window"] is None

"""rate_limit_window with a partner: calls on sub-accounts use the partner's budget unless overrideAccountRateLimit is on."""

import pytest

from boomisim.state import DomainError
from partner_helpers import partner, sub_token

# Timed: budgets counted within one-second windows. `make pytest` runs the tests marked serial on their own after the others (not beside them).
pytestmark = pytest.mark.serial

ENVIRONMENTS = "query { environments { id } }"


def statuses(calls):
    """HTTP statuses of a list of zero-argument request functions, called in order."""
    return [call().status_code for call in calls]


def test_sub_account_calls_through_the_partner_use_the_partners_budget(api):
    sub = api.sim.add_sub_account("Sub Co").account_id
    other = api.sim.add_sub_account("Other Sub Co").account_id
    api.sim.set_faults(rate_limit_window={"limit": 4, "window": 5})

    def override(account):
        return lambda: partner(api, "POST", "Environment/query", {}, override=account)
    assert statuses([override(sub), override(other), lambda: api.rest("POST", "Environment/query", {}, account=sub),
                     lambda: partner(api, "POST", "Environment/query", {})]) == [200] * 4
    # The partner's budget is spent: the partner and every sub-account reached through it are refused.
    assert statuses([override(sub), lambda: api.rest("POST", "Environment/query", {}), lambda: api.new_token(account=sub),
                     override(other)]) == [503] * 4
    refused = [entry for entry in api.sim.log if entry.get("rate_limited")]
    assert len(refused) == 4 and {entry["rate_limited"] for entry in refused} == {"rate_limit_window"}
    assert all("account" not in entry for entry in refused)  # refused before acting on any account


def test_override_account_rate_limit_gives_the_sub_account_its_own_budget(api):
    own = api.sim.add_sub_account("Own Budget Co", override_rate_limit=True).account_id
    shared = api.sim.add_sub_account("Shared Budget Co").account_id
    api.sim.set_faults(rate_limit_window={"limit": 2, "window": 5})
    assert statuses([lambda: partner(api, "POST", "Environment/query", {})] * 3) == [200, 200, 503]
    assert statuses([lambda: partner(api, "POST", "Environment/query", {}, override=shared)]) == [503]
    own_calls = [lambda: partner(api, "POST", "Environment/query", {}, override=own), lambda: api.rest("POST", "Environment/query", {}, account=own),
                 lambda: partner(api, "POST", "Environment/query", {}, override=own)]
    assert statuses(own_calls) == [200, 200, 503]  # its own limit of 2
    # Switched off through the admin API: back on the partner's (spent) budget; on again: its own (spent too).
    assert api.admin("POST", "accounts/" + own, {"override_rate_limit": False}).json()["overrideAccountRateLimit"] is False
    api.sim.set_faults(rate_limit_window={"limit": 2, "window": 5})  # setting the fault again starts from empty windows
    assert statuses([lambda: partner(api, "POST", "Environment/query", {})] * 2 + own_calls[:1]) == [200, 200, 503]
    api.sim.set_override_account_rate_limit(own, True)
    assert statuses(own_calls) == [200, 200, 503]
    with pytest.raises(DomainError):
        api.sim.set_override_account_rate_limit(api.account_id, True)  # the partner has no override budget


def test_graphql_with_a_sub_account_jwt_counts_against_the_partner(api):
    sub = api.sim.add_sub_account("Spaces Co").account_id
    own = api.sim.add_sub_account("Own Budget Co", override_rate_limit=True).account_id
    sub_jwt, own_jwt, partner_jwt = sub_token(api, sub), sub_token(api, own), api.token()
    api.sim.set_faults(rate_limit_window={"limit": 3, "window": 5})
    assert statuses([lambda: api.gql(ENVIRONMENTS, token=sub_jwt)] * 2 + [lambda: api.gql(ENVIRONMENTS, token=partner_jwt)]) == [200] * 3
    assert statuses([lambda: api.gql(ENVIRONMENTS, token=partner_jwt), lambda: api.gql(ENVIRONMENTS, token=sub_jwt)]) == [429, 429]
    assert statuses([lambda: api.gql(ENVIRONMENTS, token=own_jwt)] * 4) == [200, 200, 200, 429]
    # A foreign or unknown account in the path keeps its own bucket (and is refused as before).
    foreign = api.sim.add_foreign_account().account_id
    assert statuses([lambda: partner(api, "POST", "Environment/query", {}, account=foreign)] * 4) == [403, 403, 403, 503]
    assert api.sim.counts()["rate_limited"] == 4

"""Helpers shared by the partner / sub-account tests (issue 18)."""

import requests

PARTNER = "acme-4F7K2Q"
USERNAME = "ops@acme.example"
PASSWORD = "sim-password"
JSON_ACCEPT = {"Accept": "application/json"}
MESSAGE_403 = "Access denied due to insufficient permissions."


def partner(api, method, path, json_body=None, override=None, data=None, auth=(USERNAME, PASSWORD), headers=None, account=PARTNER, params=None):
    """A request to /partner/api/rest/v1/<account>/<path>[?overrideAccount=<override>]; returns the response."""
    all_headers = dict(JSON_ACCEPT)
    all_headers.update(headers or {})
    query = dict(params or {})
    if override is not None:
        query["overrideAccount"] = override
    return requests.request(method, "%s/partner/api/rest/v1/%s/%s" % (api.url, account, path), json=json_body, data=data, auth=auth,
                            headers=all_headers, params=query or None, timeout=10)


def partner_ok(api, method, path, json_body=None, **kwargs):
    """A Partner API request that must answer 200; returns the JSON body."""
    answer = partner(api, method, path, json_body, **kwargs)
    assert answer.status_code == 200, answer.text
    return answer.json()


def sub_token(api, account_id):
    """A JWT for ``account_id`` obtained with the partner user's API token."""
    answer = api.new_token(account=account_id)
    assert answer.status_code == 200, answer.text
    return answer.text

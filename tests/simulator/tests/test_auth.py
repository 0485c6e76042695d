"""JWT endpoint, HTTP Basic on REST, Bearer on GraphQL."""

import base64
import hashlib
import hmac
import json
import time

import pytest
import requests

from boomisim.auth import JwtIssuer, TokenError
from boomisim.server import Simulator

ENVIRONMENTS = "query env { environments { id name } }"


def _claims(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def test_jwt_with_api_token(api):
    answer = api.new_token()
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "text/plain"
    parts = answer.text.split(".")
    assert len(parts) == 3
    header = json.loads(base64.urlsafe_b64decode(parts[0] + "=" * (-len(parts[0]) % 4)))
    assert header == {"alg": "HS256", "typ": "JWT"}
    claims = _claims(answer.text)
    assert claims["sub"] == api.username
    assert claims["account"] == api.account_id
    assert claims["exp"] - claims["iat"] == 300
    assert abs(claims["iat"] - time.time()) < 5
    assert api.sim.log[-1]["operation"] == "jwt.generate" and api.sim.log[-1]["api"] == "jwt"


def test_jwt_with_password(api):
    answer = api.new_token(username=api.username, secret=api.password)
    assert answer.status_code == 200
    assert _claims(answer.text)["sub"] == api.username


def test_jwt_is_signed_with_hs256():
    issuer = JwtIssuer(secret=b"known-secret")
    token = issuer.issue("ops@acme.example", "acme-4F7K2Q", 300)
    header, payload, signature = token.split(".")
    expected = hmac.new(b"known-secret", (header + "." + payload).encode("ascii"), hashlib.sha256).digest()
    assert base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)) == expected
    assert issuer.verify(token, "acme-4F7K2Q")["sub"] == "ops@acme.example"
    with pytest.raises(TokenError):
        issuer.verify(token, "other-account")
    with pytest.raises(TokenError):
        JwtIssuer(secret=b"other-secret").verify(token, "acme-4F7K2Q")


def test_tampered_jwt_is_401(api):
    token = api.new_token().text
    header, _payload, signature = token.split(".")
    claims = _claims(token)
    claims["exp"] += 3600
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    answer = api.gql(ENVIRONMENTS, token=header + "." + forged + "." + signature)
    assert answer.status_code == 401
    assert answer.json()["errors"][0]["extensions"]["code"] == "UNAUTHORIZED"


def test_jwt_wrong_credentials_is_401(api):
    assert api.new_token(secret="not-the-token").status_code == 401
    assert api.new_token(username=api.username, secret="wrong").status_code == 401
    assert api.new_token(username=api.username, secret=api.api_token).status_code == 401  # token needs BOOMI_TOKEN.
    assert api.new_token(username="BOOMI_TOKEN." + api.username, secret=api.password).status_code == 401
    assert requests.get(api.url + "/auth/jwt/generate/" + api.account_id, timeout=5).status_code == 401
    assert [entry["status"] for entry in api.sim.log] == [401] * 5


def test_jwt_unknown_account_is_403(api):
    answer = api.new_token(account="someone-else")
    assert answer.status_code == 403
    assert answer.json()["message"] == "Access denied due to insufficient permissions."


def test_jwt_lifetime_from_constructor():
    with Simulator(port=0, jwt_lifetime=42) as sim:
        answer = requests.get(sim.url + "/auth/jwt/generate/acme-4F7K2Q", auth=("ops@acme.example", "sim-password"), timeout=5)
        claims = _claims(answer.text)
        assert claims["exp"] - claims["iat"] == 42


def test_graphql_without_token_is_401(api):
    answer = requests.post(api.url + "/graphql", json={"query": ENVIRONMENTS}, headers={"SPACE_GUID": api.space_guid}, timeout=5)
    assert answer.status_code == 401
    assert answer.json() == {"errors": [{"message": "Missing bearer token", "extensions": {"code": "UNAUTHORIZED"}}]}


def test_graphql_with_garbage_or_basic_auth_is_401(api):
    for headers in ({"Authorization": "Bearer not-a-jwt"}, {"Authorization": "Bearer a.b.c"}):
        headers["SPACE_GUID"] = api.space_guid
        answer = requests.post(api.url + "/graphql", json={"query": ENVIRONMENTS}, headers=headers, timeout=5)
        assert answer.status_code == 401
        assert answer.json()["errors"][0]["extensions"]["code"] == "UNAUTHORIZED"
    answer = requests.post(api.url + "/graphql", json={"query": ENVIRONMENTS}, auth=(api.username, api.password),
                           headers={"SPACE_GUID": api.space_guid}, timeout=5)
    assert answer.status_code == 401


def test_graphql_with_valid_token(api):
    data = api.gql_data(ENVIRONMENTS)
    assert len(data["environments"]) == 4


def test_expired_jwt_is_401(api):
    api.sim.set_faults(jwt_lifetime=1)
    token = api.new_token().text
    claims = _claims(token)
    assert claims["exp"] - claims["iat"] == 1
    time.sleep(max(0.0, claims["exp"] - time.time()) + 0.05)
    answer = api.gql(ENVIRONMENTS, token=token)
    assert answer.status_code == 401
    assert answer.json()["errors"][0]["message"] == "JWT has expired"


def test_expire_tokens_invalidates_every_issued_token(api):
    old = [api.new_token().text, api.new_token(username=api.username, secret=api.password).text]
    assert api.gql(ENVIRONMENTS, token=old[0]).status_code == 200
    assert api.admin("POST", "expire_tokens").status_code == 200
    for token in old:
        answer = api.gql(ENVIRONMENTS, token=token)
        assert answer.status_code == 401
        assert answer.json()["errors"][0]["extensions"]["code"] == "UNAUTHORIZED"
    assert api.gql(ENVIRONMENTS, token=api.new_token().text).status_code == 200


def test_expire_tokens_in_process(api):
    token = api.new_token().text
    api.sim.expire_tokens()
    assert api.gql(ENVIRONMENTS, token=token).status_code == 401


def test_rest_basic_with_password_and_api_token(api):
    for auth in ((api.username, api.password), ("BOOMI_TOKEN." + api.username, api.api_token)):
        answer = api.rest("POST", "Environment/query", {}, auth=auth)
        assert answer.status_code == 200
        assert answer.json()["numberOfResults"] == 4


def test_rest_wrong_credentials_is_401(api):
    for auth in ((api.username, "nope"), ("BOOMI_TOKEN." + api.username, "nope"), ("someone@else", api.password), None):
        answer = api.rest("POST", "Environment/query", {}, auth=auth)
        assert answer.status_code == 401
        assert answer.json()["@type"] == "Error"
    answer = requests.post(api.url + "/api/rest/v1/acme-4F7K2Q/Environment/query", json={},
                           headers={"Accept": "application/json", "Authorization": "Bearer " + api.token()}, timeout=5)
    assert answer.status_code == 401


def test_rest_wrong_account_is_403(api):
    answer = api.rest("POST", "Environment/query", {}, account="other-account")
    assert answer.status_code == 403
    assert answer.json() == {"@type": "Error", "message": "Access denied due to insufficient permissions."}

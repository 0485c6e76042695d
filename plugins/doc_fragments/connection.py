# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """Connection options shared by every module of the collection."""

    DOCUMENTATION = r"""
options:
  api:
    description:
      - Which Boomi API the module talks to.
      - C(graphql) is the Spaces GraphQL API (needs O(space_guid)); C(rest) is the Platform REST API (needs O(account_id)).
      - Defaults to C(graphql) when O(space_guid) is set, else C(rest).
      - Every module returns the API it used as C(api), and why as C(api_reason); a run that falls back to C(rest) because no
        O(space_guid) was given says so there (shown with C(-v)).
      - If not set, the value of the E(BOOMI_API) environment variable is used.
    type: str
    choices: [graphql, rest]
  account_id:
    description:
      - The Boomi account ID, for example C(acme-4F7K2Q).
      - Required for the REST API and to generate JWTs for the GraphQL API.
      - If not set, the value of the E(BOOMI_ACCOUNT_ID) environment variable is used.
    type: str
  username:
    description:
      - The Boomi platform user name.
      - With O(api_token), the C(BOOMI_TOKEN.) prefix is added when it is missing.
      - If not set, the value of the E(BOOMI_USERNAME) environment variable is used.
    type: str
  password:
    description:
      - The password of O(username).
      - Mutually exclusive with O(api_token).
      - If not set, the value of the E(BOOMI_PASSWORD) environment variable is used.
    type: str
  api_token:
    description:
      - A Boomi platform API token of O(username), used instead of a password.
      - Mutually exclusive with O(password).
      - If not set, the value of the E(BOOMI_API_TOKEN) environment variable is used.
    type: str
  bearer_token:
    description:
      - A ready JWT for the GraphQL API. No JWT is generated and the token cannot be refreshed when it expires.
      - If not set, the value of the E(BOOMI_BEARER_TOKEN) environment variable is used.
    type: str
  space_guid:
    description:
      - The Space GUID, sent as the C(SPACE_GUID) header to the GraphQL API.
      - If not set, the value of the E(BOOMI_SPACE_GUID) environment variable is used.
    type: str
  api_url:
    description:
      - Base URL of the Platform REST API and of the JWT endpoint.
      - If not set, the value of the E(BOOMI_API_URL) environment variable is used.
    type: str
    default: https://api.boomi.com
  graphql_url:
    description:
      - URL of the Spaces GraphQL endpoint.
      - If not set, the value of the E(BOOMI_GRAPHQL_URL) environment variable is used.
    type: str
    default: https://platform.boomi.com/graphql
  validate_certs:
    description:
      - Whether to verify the TLS certificates of the API.
      - They are verified against the trust store of the Python C(requests) library (the C(certifi) bundle, or the file
        that the E(REQUESTS_CA_BUNDLE) environment variable names), or against O(ca_path) when it is set.
      - If not set, the value of the E(BOOMI_VALIDATE_CERTS) environment variable is used.
    type: bool
    default: true
  ca_path:
    description:
      - Path of a CA bundle (a PEM file), or of a directory of CA certificates prepared with C(openssl rehash), used to verify the
        API's certificates instead of the default trust store (for a TLS-inspecting proxy or a private CA).
      - Ignored when O(validate_certs=false).
      - If not set, the value of the E(BOOMI_CA_PATH) environment variable is used.
    type: path
  timeout:
    description:
      - Seconds one HTTP request may take in all, from connecting to the last byte of the answer (a slow answer is cut off).
      - If not set, the value of the E(BOOMI_TIMEOUT) environment variable is used.
    type: float
    default: 30
  max_retries:
    description:
      - How many times a request is retried after HTTP 429, 502, 503, 504 or a connection error, with exponential backoff honouring C(Retry-After).
      - A refused connection (nothing listens at the host and port) is retried at most twice, within about 2 seconds (it is
        almost always a wrong URL or port, and the task fails naming them).
      - If not set, the value of the E(BOOMI_MAX_RETRIES) environment variable is used.
    type: int
    default: 5
  rate_limit:
    description:
      - At most this many requests per second to the account, counted together for every module task (and every fork)
        of this controller that talks to the same O(api_url) and account (O(account_id), else O(space_guid)).
      - Boomi allows 10 requests per second per account and refuses the rest (HTTP 503, GraphQL 429); a play with many
        forks on one account then waits on this limit instead of paying retries. V(0) turns the limit off.
      - Boomi counts a request when it arrives; the limit takes that to be at most 0.05 s after it is sent (or when its answer
        came, if sooner), so at most O(rate_limit) requests go out in any 1.05 s. A request that takes longer to arrive (a slow
        TLS handshake) may be refused now and then, and is retried.
      - The count is kept in a small file (send times only, no secret) under the user's temporary directory, in
        C(boomi.platform-<uid>/); it does not reach other controllers or other tools on the account.
      - If not set, the value of the E(BOOMI_RATE_LIMIT) environment variable is used.
    type: int
    default: 10
  override_account:
    description:
      - Act on this sub-account of O(account_id) through the Boomi Partner API. O(account_id), O(username) and the
        credentials are the partner's. REST calls go to C(<api_url>/partner/api/rest/v1/<account_id>/...?overrideAccount=<override_account>);
        with GraphQL a JWT of the sub-account is generated with the partner user's credentials.
      - The partner account must have the Partner API enabled, and the sub-account must be in its hierarchy.
      - If not set, the value of the E(BOOMI_OVERRIDE_ACCOUNT) environment variable is used.
    type: str
  override_account_rate_limit:
    description:
      - Whether Boomi counts the calls made with O(override_account) against the sub-account's own rate limit (the
        account property C(overrideAccountRateLimit), enabled by Boomi on request) instead of the partner's.
      - It selects which budget O(rate_limit) shares. With V(false) every sub-account of the partner shares one budget,
        with V(true) each sub-account has its own.
      - If not set, the value of the E(BOOMI_OVERRIDE_ACCOUNT_RATE_LIMIT) environment variable is used.
    type: bool
    default: false
notes:
  - An empty C(BOOMI_*) environment variable counts as unset (AWX/AAP credentials set every variable they inject).
  - The modules need the Python C(requests) library on the host that runs them (the controller, or the execution environment).
  - Proxies are taken from the E(https_proxy), E(http_proxy), E(all_proxy) and E(no_proxy) environment variables, as C(requests)
    reads them (lower or upper case; C(http://) and C(https://) proxies; E(no_proxy) takes host names, domain suffixes and CIDR networks).
    HTTPS requests go through a proxy in a C(CONNECT) tunnel. Credentials in the proxy URL (C(http://user:password@proxy:3128))
    are sent as C(Proxy-Authorization) and never appear in messages.
  - HTTP redirects are not followed (the Boomi APIs do not redirect); set O(api_url) and O(graphql_url) to the final URLs.
  - Secrets (O(password), O(api_token), O(bearer_token)) are never logged and never appear in error messages.
"""

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP transport for the Boomi APIs, on ``requests``: the Boomi rules only.

``requests`` does the HTTP: one :class:`requests.Session` per client (a kept-alive connection pool),
TLS verified against ``ca_path`` or the ``requests`` trust store (certifi, ``REQUESTS_CA_BUNDLE``),
proxies and ``no_proxy`` from the environment as ``requests`` reads them. :class:`Transport` adds
what is Boomi's: Basic auth for REST, JWT generation and renewal for GraphQL, retries with backoff
that honour ``Retry-After``, writes whose outcome is unknown never re-sent blindly
(:class:`~.errors.BoomiOutcomeUnknown`), ``timeout`` bounding the whole answer, redirects refused,
and errors that carry the status and Boomi's message but never a secret.
"""

from __future__ import annotations

import base64
import collections
import json
import os
import random
import re
import threading
import time
import traceback
import warnings
from urllib.parse import quote, unquote, urlsplit

from ansible_collections.boomi.platform.plugins.module_utils.errors import (
    BoomiAnswerLost,
    BoomiError,
    BoomiOutcomeUnknown,
    access_refused,
    basic_value,
    boomi_message,
    excerpt,
    mask,
    register_basic,
    register_secret,
)
from ansible_collections.boomi.platform.plugins.module_utils.ratelimit import SharedRateLimit

try:
    import requests
    from requests.adapters import HTTPAdapter
except ImportError:  # the module reports missing_required_lib('requests')
    requests = None
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    REQUESTS_IMPORT_ERROR = None

RETRY_STATUSES = frozenset((429, 502, 503, 504))
MAX_BACKOFF = 30.0
# A refused connection (nothing listens at the host and port) is a wrong URL or port far more often than a server that
# restarts: a few short retries, so that the task fails within seconds, naming the host and port (docs/reliability.md).
REFUSED_RETRIES = 2
REFUSED_MAX_BACKOFF = 1.0
MAX_RETRY_AFTER = 120.0
JWT_REFRESH_MARGIN = 30
TOKEN_PREFIX = 'BOOMI_TOKEN.'
USER_AGENT = 'boomi.platform (Ansible collection)'
POOL_SIZE = 10  # connections kept alive per host: room for concurrent requests of one client
READ_CHUNK = 65536
_PROXY_REFUSED = re.compile(r'Tunnel connection failed: 407\b')  # http.client's words for a CONNECT refused with 407


def _jwt_renew_at(token):
    """When to stop using a JWT: ``exp`` less a margin (a tenth of its lifetime, at most 30 s); ``None`` if unreadable."""
    try:
        payload = token.split('.')[1]
        payload += '=' * (-len(payload) % 4)
        claims = json.loads(base64.urlsafe_b64decode(payload.encode('ascii')))
        expiry = int(claims['exp'])
        lifetime = expiry - int(claims.get('iat', expiry - 300))
        return expiry - min(JWT_REFRESH_MARGIN, max(lifetime, 0) / 10.0)
    except (IndexError, ValueError, KeyError, TypeError, AttributeError):
        return None


class _Failure(Exception):
    """No (complete) answer: ``sent`` once the request may have reached the server; ``timeout`` or a lost connection;
    ``refused`` when the connection was refused (nothing listens at the host and port); ``endpoint``: host:port (URL)."""

    def __init__(self, reason, sent, timeout=False, refused=False, endpoint=''):
        super().__init__(reason)
        self.reason, self.sent, self.timeout, self.refused, self.endpoint = reason, sent, timeout, refused, endpoint


def _endpoint(url):
    """``host:port`` of ``url``, the port spelt out (443 for https, 80 for http), as connection errors name it."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    host = parts.hostname or parts.netloc
    if ':' in host:
        host = '[%s]' % host  # an IPv6 address
    return '%s:%s' % (host, port or (443 if parts.scheme == 'https' else 80))


# A whole HTTP answer: its status, headers (case-insensitive) and body as text (see _text).
_Answer = collections.namedtuple('_Answer', 'status headers text')


def _text(content, headers):
    """The body decoded with the charset of its Content-Type, else UTF-8; undecodable bytes are replaced."""
    found = re.search(r'charset="?([\w.:-]+)', headers.get('Content-Type', ''), re.IGNORECASE)
    try:
        return content.decode(found.group(1) if found else 'utf-8', errors='replace')
    except LookupError:
        return content.decode('utf-8', errors='replace')


class Transport:
    """One kept-alive ``requests`` session with the Boomi rules: auth, retries, outcome-unknown writes, errors.

    ``sleep`` and ``clock`` (``time.sleep``, ``time.time``) are what the retry backoff waits with and what
    JWT expiry is judged by: tests pass their own so that they do not wait for real.
    """

    def __init__(self, config, warn=None, sleep=time.sleep, clock=time.time):
        self.config = config
        self._warn = warn or (lambda msg: None)
        self._sleep = sleep
        self._clock = clock
        self._jwt = config.get('bearer_token')
        self._jwt_lock = threading.Lock()  # threads of one client generate one JWT, not one each
        # how many JWTs were generated (0 while the JWT in use is the given bearer_token): a thread renews only the JWT that was
        # rejected for it
        self._jwt_generation = 0
        self._sent = threading.local()  # .generation: that of the JWT the thread's last request was sent with
        # What TLS verification uses: the ca_path bundle (file or directory), True (requests' trust store) or False (none).
        self.verify = config['ca_path'] if config.get('ca_path') and config['validate_certs'] else config['validate_certs']
        if not self.verify:  # validate_certs=false is the user's choice: no urllib3 warning on every request
            warnings.filterwarnings('ignore', message='Unverified HTTPS request')
        self.session = requests.Session()
        adapter = HTTPAdapter(pool_connections=2, pool_maxsize=POOL_SIZE, max_retries=0)
        self.session.mount('https://', adapter)
        self.session.mount('http://', adapter)
        self.session.headers['User-Agent'] = USER_AGENT
        for name in ('password', 'api_token', 'bearer_token'):
            register_secret(config.get(name))
        if config.get('username') and (config.get('password') or config.get('api_token')):
            register_basic(*self.basic_auth())  # the header value too, as a server or proxy that echoes request headers prints it
        _register_proxy_secrets()
        self.rate_limit = None
        if config.get('rate_limit'):
            account = config.get('account_id') or config.get('space_guid') or ''
            if config.get('override_account') and config.get('override_account_rate_limit'):
                account = config['override_account']  # Boomi counts this sub-account's calls on its own budget
            self.rate_limit = SharedRateLimit(config['rate_limit'], '%s|%s' % (config['api_url'], account), sleep=sleep, clock=clock,
                                              warn=self._warn)

    # -- auth ------------------------------------------------------------------------------
    def basic_auth(self):
        """``(user, password)`` of the REST API and the JWT endpoint; the API token user gets the ``BOOMI_TOKEN.`` prefix."""
        cfg = self.config
        if cfg.get('api_token'):
            return (cfg['username'] if cfg['username'].startswith(TOKEN_PREFIX) else TOKEN_PREFIX + cfg['username'], cfg['api_token'])
        return (cfg['username'], cfg['password'])

    def bearer(self, force_new=False, rejected=None):
        """A JWT for GraphQL: the given ``bearer_token``, or one generated (again when near expiry, or ``force_new`` when the
        JWT of generation ``rejected`` (the count of JWTs generated when it was) is still the one in use: another thread may
        have renewed it since). The generation of a generated JWT returned is kept for the calling thread (``_sent.generation``)."""
        with self._jwt_lock:
            if self.config.get('bearer_token') and not self._jwt_generation:
                if force_new:
                    raise BoomiError('the GraphQL API rejected bearer_token (expired or invalid); a bearer_token cannot be refreshed: '
                                     'give account_id, username and api_token (or password) instead', status=401, operation='authentication')
                return self._jwt
            if force_new and rejected is not None and rejected != self._jwt_generation:
                force_new = False  # another thread renewed it since
            renew_at = _jwt_renew_at(self._jwt) if self._jwt else None
            if force_new or not self._jwt or (renew_at is not None and renew_at <= self._clock()):
                self._jwt = self._generate_jwt()
                register_secret(self._jwt)
                self._jwt_generation += 1
            self._sent.generation = self._jwt_generation
            return self._jwt

    def _generate_jwt(self):
        # with override_account, a JWT of the sub-account, generated with the partner user's credentials
        account = self.config.get('override_account') or self.config['account_id']
        url = '%s/auth/jwt/generate/%s' % (self.config['api_url'], quote(account, safe=''))
        # a refusal names the user (401) or the account (403; with override_account, the sub-account): see request
        token = self.request('GET', url, operation='JWT generation', auth='basic', accept='text/plain, application/json',
                             parse='text').strip()
        if token.startswith('{'):
            try:
                decoded = json.loads(token)
                token = decoded.get('token') or decoded.get('jwt') or '' if isinstance(decoded, dict) else ''
            except ValueError:
                token = ''
        if token.count('.') != 2:
            raise BoomiError('the JWT endpoint did not return a JWT', operation='JWT generation')
        return token

    def _authorizer(self, auth):
        """What ``requests`` calls to set the Authorization header of ``auth`` (see :meth:`request`): UTF-8 Basic of
        :meth:`basic_auth`, or the Bearer JWT of :meth:`bearer` (asked for first: generating it is a request of its own, not to
        be made while this one holds a rate-limit slot). A callable auth keeps ``requests`` from reading netrc."""
        if auth is None:
            return None
        value = 'Basic %s' % basic_value(*self.basic_auth()) if auth == 'basic' else 'Bearer %s' % self.bearer()

        def authorize(prepared):
            prepared.headers['Authorization'] = value
            return prepared
        return authorize

    # -- requests --------------------------------------------------------------------------
    def _retry_delay(self, attempt, answer, refused):
        """The wait before retry ``attempt + 1``: ``Retry-After`` when the answer has one, else backoff with jitter (short
        when the connection was ``refused``)."""
        header = answer.headers.get('Retry-After') if answer is not None else None
        try:
            return min(max(float(header), 0.0), MAX_RETRY_AFTER)
        except (TypeError, ValueError):
            pass
        base = min(MAX_BACKOFF, 0.5 * (2 ** attempt))
        delay = base + random.uniform(0, base / 4)  # nosec - jitter, not cryptography
        return min(delay, REFUSED_MAX_BACKOFF) if refused else delay

    def request(self, method, url, operation, auth=None, json_body=None, data=None, headers=None, accept='application/json',
                parse='json', write=False):
        """Send one logical request, retrying what is safe to retry; return the decoded body.

        ``auth``: ``'basic'`` (the REST API and JWT generation), ``'jwt'`` (GraphQL: the JWT, renewed once when it is rejected)
        or None. ``write=True`` marks a non-idempotent write: when it was sent but no answer came back (connection lost, read
        timeout, 502/504), it is not re-sent here; :class:`~.errors.BoomiOutcomeUnknown` is raised so that the caller re-reads
        state first. ``parse`` is ``json``, ``json-or-empty`` (an empty body gives None) or ``text``.
        """
        body, send_headers = _encoded(data, json_body, operation)
        send_headers.update(dict({'Accept': accept}, **(headers or {})))
        attempt, renewed = 0, False
        while True:
            answer, lost, refused = None, False, False
            try:
                answer = self._exchange(method, url, body, send_headers, self._authorizer(auth), operation)
            except _Failure as failure:
                if failure.sent and write:  # a timeout's reason is the wait that passed: 'no answer within 30s (timeout) from ...'
                    what = failure.reason if failure.timeout else 'the connection to %s was lost after the request was sent' % failure.endpoint
                    raise BoomiOutcomeUnknown('%s; the write may or may not have been applied' % what, operation=operation)
                retry_reason, lost, refused = failure.reason, failure.sent, failure.refused
            else:
                if answer.status == 401 and auth == 'jwt' and not renewed:
                    renewed = True
                    self.bearer(force_new=True, rejected=getattr(self._sent, 'generation', None))
                    continue
                if answer.status not in RETRY_STATUSES:
                    return self._decode(answer, operation, parse, basic=auth == 'basic')
                if write and answer.status in (502, 504):
                    raise BoomiOutcomeUnknown('HTTP %s from a gateway; the write may or may not have been applied' % answer.status,
                                              status=answer.status, operation=operation)
                retry_reason = 'HTTP %s' % answer.status
            retries = min(self.config['max_retries'], REFUSED_RETRIES) if refused else self.config['max_retries']
            if attempt >= retries:
                if answer is not None:
                    return self._decode(answer, operation, parse, retries=attempt)
                # sent and never answered: an idempotent write (schedules, extension values) may have been applied
                raise (BoomiAnswerLost if lost else BoomiError)('%s; gave up after %d retries' % (retry_reason, attempt), operation=operation)
            delay = self._retry_delay(attempt, answer, refused)
            attempt += 1
            self._warn(mask('Boomi API: %s for %s; retry %d of %d in %.1fs' % (retry_reason, operation, attempt, retries, delay)))
            self._sleep(delay)

    def _exchange(self, method, url, body, headers, authorize, operation):
        """One HTTP exchange within the rate limit, its whole answer read within ``timeout`` seconds of the start.

        Raises :class:`_Failure` when no complete answer came back, :class:`~.errors.BoomiError` for a TLS error,
        a proxy that refuses the credentials, or a request that cannot be sent.
        """
        ticket = self.rate_limit.acquire() if self.rate_limit is not None else None
        try:
            return self._send(method, url, body, headers, authorize, operation)
        finally:
            if ticket is not None:
                self.rate_limit.done(ticket)

    def _send(self, method, url, body, headers, authorize, operation):
        timeout = self.config['timeout']
        deadline = time.monotonic() + timeout
        exceptions = requests.exceptions
        where = url.split('?')[0]
        endpoint = '%s (%s)' % (_endpoint(url), where)
        late = 'no answer within %ss (timeout) from %s' % (timeout, endpoint)
        try:
            response = self.session.request(method, url, data=body, headers=headers, auth=authorize, timeout=(timeout, timeout),
                                            verify=self.verify, allow_redirects=False, stream=True)
        except exceptions.SSLError as exc:
            raise BoomiError('TLS error talking to %s: %s (see validate_certs and ca_path%s)'
                             % (endpoint, excerpt(_reason(exc), 300), ' %s' % self.verify if isinstance(self.verify, str) else ''),
                             operation=operation)
        except exceptions.ProxyError as exc:
            reason = _reason(exc)
            if _PROXY_REFUSED.search(reason):
                raise BoomiError('the proxy refused the request to %s: %s; check the credentials of the proxy URL'
                                 % (where, excerpt(reason)), operation=operation)
            raise _Failure('proxy error (%s) talking to %s' % (excerpt(reason, 120), endpoint), sent=False, endpoint=endpoint)
        except exceptions.ConnectTimeout:
            raise _Failure('connection to %s timed out after %ss' % (endpoint, timeout), sent=False, timeout=True, endpoint=endpoint)
        except exceptions.ReadTimeout:
            raise _Failure(late, sent=True, timeout=True, endpoint=endpoint)
        except exceptions.ConnectionError as exc:
            # a connection that could not be made (refused, DNS) was never sent anything
            causes = {type(e).__name__ for e in _chain(exc)}
            never_sent = {'NewConnectionError', 'NameResolutionError', 'ConnectionRefusedError', 'gaierror'} & causes
            if 'ConnectionRefusedError' in causes:
                raise _Failure('connection refused by %s: nothing listens there (check the URL and port)' % endpoint, sent=False, refused=True,
                               endpoint=endpoint)
            raise _Failure('connection error (%s) talking to %s' % (_cause_name(exc), endpoint), sent=not never_sent, endpoint=endpoint)
        except (exceptions.InvalidURL, exceptions.InvalidSchema, exceptions.MissingSchema, exceptions.InvalidHeader, ValueError) as exc:
            raise BoomiError('request error: %s: %s' % (where, excerpt(str(exc), 200)), operation=operation)
        except OSError as exc:  # requests: "Could not find a suitable TLS CA certificate bundle, invalid path: ..."
            raise BoomiError('TLS error talking to %s: cannot load the CA certificates of ca_path %s: %s (see validate_certs and ca_path)'
                             % (endpoint, self.verify, excerpt(str(exc), 200)), operation=operation)
        try:
            content = self._read(response, deadline)
        except (exceptions.RequestException, OSError) as exc:
            timed_out = isinstance(exc, exceptions.Timeout) or 'timed out' in str(exc)
            raise _Failure(late if timed_out else 'connection error (%s) talking to %s' % (_cause_name(exc), endpoint), sent=True,
                           timeout=timed_out, endpoint=endpoint)
        finally:
            response.close()
        return _Answer(response.status_code, response.headers, _text(content, response.headers))

    @staticmethod
    def _read(response, deadline):
        """The whole body, or a timeout when it has not arrived by ``deadline`` (a slow sender cannot hold a task)."""
        raw = response.raw
        chunks = []
        while True:
            if time.monotonic() > deadline:
                raise requests.exceptions.ReadTimeout('the answer did not arrive in time (timed out)')
            read = getattr(raw, 'read1', raw.read)  # urllib3 2: returns what has arrived; urllib3 1.26: read() a chunk
            chunk = read(READ_CHUNK, decode_content=True)
            if not chunk:
                return b''.join(chunks)
            chunks.append(chunk)

    def close(self):
        """Close the kept-alive connections."""
        self.session.close()

    def _decode(self, answer, operation, parse, retries=0, basic=False):
        """The body of a whole answer as ``parse`` says (see :meth:`request`); an HTTP error is a BoomiError with Boomi's
        message, a 401 or 403 naming who was refused (``errors.access_refused``; ``basic``: the request carried Basic auth)."""
        status, text = answer.status, answer.text
        if 300 <= status < 400:
            raise BoomiError('redirected to %s; redirects are not followed: set api_url or graphql_url to the final URL'
                             % excerpt(answer.headers.get('Location') or '(no Location header)'), status=status, operation=operation)
        body = None
        if text.strip() and (parse != 'text' or status >= 400):
            try:
                body = json.loads(text)
            except ValueError:
                body = None
        if status >= 400:
            message = boomi_message(body)
            message = excerpt(message, 1000) if message is not None else _describe_non_json(answer)
            if retries:
                message = '%s (after %d retries)' % (message, retries)
            code = None
            if isinstance(body, dict) and isinstance(body.get('errors'), list) and body['errors'] and isinstance(body['errors'][0], dict):
                code = (body['errors'][0].get('extensions') or {}).get('code')
            raise access_refused(BoomiError(message, status=status, code=code, operation=operation), self.config, basic=basic)
        if parse == 'text':
            return text
        if body is None:
            if not text.strip():
                if parse == 'json-or-empty':
                    return None
                raise BoomiError('empty answer where JSON was expected', status=status, operation=operation)
            raise BoomiError('answer is not valid JSON: %s' % _describe_non_json(answer), status=status, operation=operation)
        return body


def _encoded(data, json_body, operation):
    """``(body bytes or None, headers)`` of a request: ``data`` as it is (text in UTF-8), else ``json_body`` as JSON."""
    if data:
        return (data.encode('utf-8') if isinstance(data, str) else data), {}
    if json_body is None:
        return None, {}
    try:
        return json.dumps(json_body, allow_nan=False).encode('utf-8'), {'Content-Type': 'application/json'}
    except (TypeError, ValueError) as exc:
        raise BoomiError('request error: the body cannot be sent as JSON: %s' % exc, operation=operation) from None


def _register_proxy_secrets():
    """Register the credentials of the proxy URLs in the environment (``*_proxy``): the password as written and as sent, and
    the Basic value made of them (``errors`` adds the percent-encoded and the other forms)."""
    for name, url in os.environ.items():
        if not name.lower().endswith('_proxy') or name.lower() == 'no_proxy' or '@' not in url:
            continue
        parts = urlsplit(url if '://' in url else 'http://' + url)
        if parts.password:
            register_secret(parts.password)
            register_basic(unquote(parts.username or ''), unquote(parts.password))


def _chain(exc):
    """``exc`` and the exceptions it wraps (``args[0]``, ``reason``, ``__cause__``, ``__context__``)."""
    seen, todo = [], [exc]
    while todo:
        current = todo.pop(0)
        if not isinstance(current, BaseException) or any(current is s for s in seen):
            continue
        seen.append(current)
        todo.extend([getattr(current, 'reason', None), current.__cause__, current.__context__] + list(current.args))
    return seen


def _cause_name(exc):
    """The name of the innermost cause of a connection error (``RemoteDisconnected``, ``ConnectionRefusedError``...)."""
    names = [type(e).__name__ for e in _chain(exc)]
    wrappers = ('MaxRetryError', 'ProtocolError', 'NewConnectionError', 'NameResolutionError', 'ConnectionError')
    return next((name for name in names[::-1] if name not in wrappers), names[-1])


def _reason(exc):
    """The text of the innermost cause, masked (a proxy URL may carry credentials)."""
    return mask(' / '.join(dict.fromkeys(str(e) for e in _chain(exc)[1:] if str(e)) or [str(exc)]))


def _describe_non_json(answer):
    content_type = answer.headers.get('Content-Type', '')
    snippet = excerpt(answer.text)
    if not snippet:
        return 'empty answer'
    if 'html' in content_type or snippet.lower().startswith(('<!doctype', '<html')):
        return 'HTML answer instead of JSON: %s' % snippet
    return 'non-JSON answer (%s): %s' % (content_type or 'no content type', snippet)

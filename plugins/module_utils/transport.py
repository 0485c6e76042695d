# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP transport for the Boomi APIs: session, authentication, retries, errors.

Everything that touches the network goes through :class:`Transport`: Basic auth for REST,
JWT generation (and one regeneration) for GraphQL, retries with backoff that honour
``Retry-After``, timeouts and TLS options, and the one error type :class:`BoomiError`,
whose message carries the HTTP status and Boomi's message but never a secret.
"""

from __future__ import annotations

import base64
import json
import random
import time

try:
    import requests
    from requests.adapters import HTTPAdapter
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - reported by the module with missing_required_lib
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

DEFAULT_API_URL = 'https://api.boomi.com'
DEFAULT_GRAPHQL_URL = 'https://platform.boomi.com/graphql'
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RETRIES = 5
RETRY_STATUSES = frozenset((429, 502, 503, 504))
MAX_BACKOFF = 30.0
MAX_RETRY_AFTER = 120.0
JWT_REFRESH_MARGIN = 30
TOKEN_PREFIX = 'BOOMI_TOKEN.'
REDACTED = '********'


class BoomiError(Exception):
    """The one error type of the collection.

    ``status`` is the HTTP status (``None`` when there was no answer), ``code`` Boomi's error
    code when it sent one (GraphQL ``extensions.code``), ``operation`` what was being done.
    The message never contains a header, a credential or a token.
    """

    def __init__(self, message, status=None, code=None, operation=None):
        self.message = message
        self.status = status
        self.code = code
        self.operation = operation
        super().__init__(self.__str__())

    def __str__(self):
        parts = []
        if self.operation:
            parts.append('%s failed' % self.operation)
        if self.status:
            parts.append('HTTP %s' % self.status)
        if self.code:
            parts.append(str(self.code))
        prefix = ': '.join(parts)
        return '%s: %s' % (prefix, self.message) if prefix else str(self.message)

    def to_result(self):
        """The error's fields for ``fail_json``."""
        return {'status': self.status, 'error_code': self.code, 'operation': self.operation}


class BoomiConfigError(BoomiError):
    """Bad or missing connection options, raised before any request."""


class BoomiOutcomeUnknown(BoomiError):
    """A write was sent but no answer came back: it may or may not have happened."""


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


def _boomi_message(body):
    """Boomi's error message from a decoded JSON error body, in its documented shapes."""
    if isinstance(body, dict):
        if isinstance(body.get('error'), dict) and body['error'].get('message'):
            return str(body['error']['message'])
        if body.get('message'):
            return str(body['message'])
        if isinstance(body.get('errors'), list) and body['errors']:
            return '; '.join(str(err.get('message', err)) if isinstance(err, dict) else str(err) for err in body['errors'])
    return None


class Transport:
    """One ``requests`` session with auth, retries and error mapping."""

    def __init__(self, config, warn=None, sleep=time.sleep):
        self.config = config
        self._warn = warn or (lambda msg: None)
        self._sleep = sleep
        self._jwt = config.get('bearer_token')
        self._jwt_generated = False
        self._jwts_generated = []  # every JWT of this run, the replaced ones too: scrub() hides them all
        self.requests_made = 0
        session = requests.Session()
        # Our own retry loop reports each retry; urllib3 must not retry underneath it.
        session.mount('https://', HTTPAdapter(max_retries=0))
        session.mount('http://', HTTPAdapter(max_retries=0))
        session.verify = config['ca_path'] if config.get('ca_path') and config['validate_certs'] else config['validate_certs']
        self.session = session

    # -- secrets -------------------------------------------------------------------------
    def _secrets(self):
        values = [self.config.get(k) for k in ('password', 'api_token', 'bearer_token')]
        values.append(self._jwt)
        values.extend(self._jwts_generated)
        if self.config.get('username') and (self.config.get('password') or self.config.get('api_token')):
            # the Authorization: Basic value, as a server or proxy that echoes request headers would print it
            values.append(base64.b64encode(('%s:%s' % self.basic_auth()).encode('utf-8')).decode('ascii'))
        return [v for v in values if v and len(v) >= 4]

    def scrub(self, text):
        """``text`` with every known secret replaced."""
        text = str(text)
        for secret in self._secrets():
            text = text.replace(secret, REDACTED)
        return text

    def _error(self, message, status=None, code=None, operation=None, cls=BoomiError):
        return cls(self.scrub(message), status=status, code=code, operation=operation)

    # -- auth ------------------------------------------------------------------------------
    def basic_auth(self):
        cfg = self.config
        if cfg.get('api_token'):
            user = cfg['username']
            if not user.startswith(TOKEN_PREFIX):
                user = TOKEN_PREFIX + user
            return (user, cfg['api_token'])
        return (cfg['username'], cfg['password'])

    def bearer(self, force_new=False):
        """A JWT for GraphQL: the given one, or one generated (again when near expiry)."""
        cfg = self.config
        if cfg.get('bearer_token') and not self._jwt_generated:
            if force_new:
                raise self._error('the GraphQL API rejected bearer_token (expired or invalid); a bearer_token cannot be refreshed: '
                                  'give account_id, username and api_token (or password) instead', status=401, operation='authentication')
            return self._jwt
        renew_at = _jwt_renew_at(self._jwt) if self._jwt else None
        if force_new or not self._jwt or (renew_at is not None and renew_at <= time.time()):
            self._jwt = self._generate_jwt()
            self._jwts_generated.append(self._jwt)
            self._jwt_generated = True
        return self._jwt

    def _generate_jwt(self):
        url = '%s/auth/jwt/generate/%s' % (self.config['api_url'], requests.utils.quote(self.config['account_id'], safe=''))
        token = self.request('GET', url, operation='JWT generation', auth=self.basic_auth(), accept='text/plain, application/json',
                             parse='text')
        token = token.strip()
        if token.startswith('{'):
            try:
                decoded = json.loads(token)
                token = decoded.get('token') or decoded.get('jwt') or ''
            except ValueError:
                token = ''
        if token.count('.') != 2:
            raise self._error('the JWT endpoint did not return a JWT', operation='JWT generation')
        return token

    # -- requests --------------------------------------------------------------------------
    def _retry_delay(self, attempt, response):
        if response is not None:
            header = response.headers.get('Retry-After')
            if header:
                try:
                    return min(max(float(header), 0.0), MAX_RETRY_AFTER)
                except ValueError:
                    pass
        base = min(MAX_BACKOFF, 0.5 * (2 ** attempt))
        return base + random.uniform(0, base / 4)  # nosec - jitter, not cryptography

    def request(self, method, url, operation, auth=None, json_body=None, data=None, headers=None, accept='application/json',
                parse='json', write=False, bearer=False):
        """Send one logical request, retrying what is safe to retry; return the decoded body.

        ``write=True`` marks a non-idempotent write: when the request was sent but no answer
        came back (connection lost, read timeout, 502/504), it is not re-sent here;
        :class:`BoomiOutcomeUnknown` is raised so that the caller re-reads state first.
        """
        max_retries = self.config['max_retries']
        attempt = 0
        refreshed = False
        while True:
            send_headers = {'Accept': accept}
            if headers:
                send_headers.update(headers)
            if bearer:
                send_headers['Authorization'] = 'Bearer %s' % self.bearer()
            response = None
            retry_reason = None
            try:
                self.requests_made += 1
                response = self.session.request(method, url, auth=auth, json=json_body, data=data, headers=send_headers,
                                                timeout=self.config['timeout'])
            except requests.exceptions.ConnectTimeout:
                retry_reason = 'connection timed out after %ss' % self.config['timeout']
            except requests.exceptions.ReadTimeout:
                if write:
                    raise self._error('no answer within %ss (timeout); the write may or may not have been applied' % self.config['timeout'],
                                      operation=operation, cls=BoomiOutcomeUnknown)
                retry_reason = 'no answer within %ss (timeout)' % self.config['timeout']
            except requests.exceptions.SSLError as exc:
                raise self._error('TLS error talking to %s: %s (see validate_certs and ca_path)' % (url.split('?')[0], exc), operation=operation)
            except requests.exceptions.ConnectionError as exc:
                sent = not _is_connect_failure(exc)
                if write and sent:
                    raise self._error('the connection was lost after the request was sent; the write may or may not have been applied',
                                      operation=operation, cls=BoomiOutcomeUnknown)
                retry_reason = 'connection error (%s)' % type(_root_cause(exc)).__name__
            except requests.exceptions.RequestException as exc:
                raise self._error('request error: %s' % exc, operation=operation)

            if response is not None:
                status = response.status_code
                if status == 401 and bearer and not refreshed:
                    refreshed = True
                    self.bearer(force_new=True)
                    continue
                if status in RETRY_STATUSES:
                    if write and status in (502, 504):
                        raise self._error('HTTP %s from a gateway; the write may or may not have been applied' % status, status=status,
                                          operation=operation, cls=BoomiOutcomeUnknown)
                    retry_reason = 'HTTP %s' % status
                else:
                    return self._decode(response, operation, parse)

            if attempt >= max_retries:
                if response is not None:
                    return self._decode(response, operation, parse, retries=attempt)
                raise self._error('%s; gave up after %d retries' % (retry_reason, attempt), operation=operation)
            delay = self._retry_delay(attempt, response)
            attempt += 1
            self._warn('Boomi API: %s for %s; retry %d of %d in %.1fs' % (retry_reason, operation, attempt, max_retries, delay))
            self._sleep(delay)

    def _decode(self, response, operation, parse, retries=0):
        status = response.status_code
        text = response.text
        content_type = response.headers.get('Content-Type', '')
        body = None
        if text.strip() and (parse != 'text' or status >= 400):
            try:
                body = json.loads(text)
            except ValueError:
                body = None
        if status >= 400:
            message = _boomi_message(body)
            if message is None:
                message = _describe_non_json(text, content_type)
            if retries:
                message = '%s (after %d retries)' % (message, retries)
            code = None
            if isinstance(body, dict) and isinstance(body.get('errors'), list) and body['errors']:
                first = body['errors'][0]
                if isinstance(first, dict):
                    code = (first.get('extensions') or {}).get('code')
            raise self._error(message, status=status, code=code, operation=operation)
        if parse == 'text':
            return text
        if body is None:
            if not text.strip():
                if parse == 'json-or-empty':
                    return None
                raise self._error('empty answer where JSON was expected', status=status, operation=operation)
            raise self._error('answer is not valid JSON: %s' % _describe_non_json(text, content_type), status=status, operation=operation)
        return body


def _exception_chain(exc):
    """``exc`` and the exceptions it wraps (requests -> urllib3 -> socket), outermost first."""
    chain = []
    while isinstance(exc, BaseException) and all(exc is not seen for seen in chain):
        chain.append(exc)
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        exc = inner or getattr(exc, 'reason', None) or exc.__cause__ or exc.__context__
    return chain


def _root_cause(exc):
    return _exception_chain(exc)[-1]


def _is_connect_failure(exc):
    """True when the request never reached the server (refused, DNS, connect timeout)."""
    names = {type(e).__name__ for e in _exception_chain(exc)}
    return bool(names & {'NewConnectionError', 'NameResolutionError', 'ConnectTimeoutError', 'ConnectionRefusedError', 'gaierror'})


def _describe_non_json(text, content_type):
    snippet = ' '.join(text.split())[:200]
    if not snippet:
        return 'empty answer'
    if 'html' in content_type or snippet.lower().startswith(('<!doctype', '<html')):
        return 'HTML answer instead of JSON: %s' % snippet
    return 'non-JSON answer (%s): %s' % (content_type or 'no content type', snippet)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP transport for the Boomi APIs: connections, authentication, retries, errors.

Everything that touches the network goes through :class:`Transport`: one kept-alive connection
per origin (the standard library's ``http.client``; TLS verified against the system trust store
or ``ca_path``; proxies from the ``*_proxy`` environment variables), Basic auth for REST, JWT
generation (and one regeneration) for GraphQL, retries with backoff that honour ``Retry-After``,
timeouts, and the one error type :class:`BoomiError`, whose message carries the HTTP status and
Boomi's message but never a secret.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import random
import select
import socket
import ssl
import time
import urllib.request
from urllib.parse import quote, unquote, urlsplit

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
USER_AGENT = 'boomi.platform (Ansible collection)'
# Methods that are safe to send again when a kept-alive connection was closed before any answer byte.
IDEMPOTENT_METHODS = frozenset(('GET', 'HEAD', 'OPTIONS'))
# Characters left as they are in a request target (as requests' requote_uri): the rest is percent-encoded (UTF-8).
URL_SAFE = "!#$%&'()*+,/:;=?@[]~"


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


class _Failure(Exception):
    """No (complete) answer to one HTTP request.

    ``sent`` is False when the request never reached the server (connect refused, DNS, connect or
    TLS handshake timeout, proxy tunnel refused), True once it was sent (connection lost, read
    timeout); ``timeout`` tells a timeout from a lost connection; ``reason`` names the cause.
    """

    def __init__(self, reason, sent, timeout=False):
        self.reason = reason
        self.sent = sent
        self.timeout = timeout
        super().__init__(reason)


class _Response:
    """A whole HTTP answer: ``status_code``, ``headers`` (case-insensitive ``get``), ``content`` (bytes), ``text``."""

    def __init__(self, status, headers, content):
        self.status_code = status
        self.headers = headers
        self.content = content

    @property
    def text(self):
        """The body decoded with the charset of its Content-Type, else UTF-8; undecodable bytes are replaced."""
        charset = self.headers.get_content_charset() or 'utf-8'
        try:
            return self.content.decode(charset, errors='replace')
        except LookupError:
            return self.content.decode('utf-8', errors='replace')


class _Proxy:
    """An ``http://[user:password@]host[:port]`` proxy from the environment."""

    def __init__(self, url):
        parts = _proxy_url(url)
        try:
            port = parts.port or {'http': 80, 'https': 443}.get(parts.scheme.lower())
        except ValueError:
            port = None
        self.label = '%s://%s:%s' % (parts.scheme, parts.hostname, port)  # never the credentials
        if parts.scheme.lower() != 'http' or not parts.hostname or port is None:
            raise BoomiConfigError('the proxy %s (from the https_proxy, http_proxy or all_proxy environment variable) is not supported: '
                                   'give an http://host:port proxy' % self.label, operation='proxy')
        self.host = parts.hostname
        self.port = port
        self.headers = {}
        credentials = _url_credentials(parts)
        if credentials:
            self.headers['Proxy-Authorization'] = _basic_header(*credentials)


class Transport:
    """Kept-alive HTTP(S) connections with auth, retries and error mapping (standard library only)."""

    def __init__(self, config, warn=None, sleep=time.sleep):
        self.config = config
        self._warn = warn or (lambda msg: None)
        self._sleep = sleep
        self._jwt = config.get('bearer_token')
        self._jwt_generated = False
        self._jwts_generated = []  # every JWT of this run, the replaced ones too: scrub() hides them all
        self.requests_made = 0
        # What TLS verification uses: the ca_path bundle (file or directory), True (the system trust store) or False (none).
        self.verify = config['ca_path'] if config.get('ca_path') and config['validate_certs'] else config['validate_certs']
        self._tls = None  # the ssl.SSLContext, made for the first https connection
        self._connections = {}  # (scheme, host, port) -> kept-alive http.client connection
        self._routes = {}  # (scheme, host, port) -> _Proxy, or None for a direct connection
        self._proxies = urllib.request.getproxies()  # {'https': url, 'http': url, 'all': url, 'no': 'host,...'}
        self._proxy_secrets = []  # the credentials of the proxy URLs, as written and as sent
        for name, url in self._proxies.items():
            parts = _proxy_url(url)
            credentials = _url_credentials(parts) if name != 'no' else None
            if credentials:
                self._proxy_secrets.extend([parts.password, credentials[1], '%s:%s' % credentials, _basic_header(*credentials)[len('Basic '):]])

    # -- secrets -------------------------------------------------------------------------
    def _secrets(self):
        values = [self.config.get(k) for k in ('password', 'api_token', 'bearer_token')]
        values.append(self._jwt)
        values.extend(self._jwts_generated)
        if self.config.get('username') and (self.config.get('password') or self.config.get('api_token')):
            # the Authorization: Basic value, as a server or proxy that echoes request headers would print it
            values.append(base64.b64encode(('%s:%s' % self.basic_auth()).encode('utf-8')).decode('ascii'))
        values.extend(self._proxy_secrets)
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
        url = '%s/auth/jwt/generate/%s' % (self.config['api_url'], quote(self.config['account_id'], safe=''))
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
        body, content_type = None, None
        if data:
            body = data.encode('utf-8') if isinstance(data, str) else data
        elif json_body is not None:
            try:
                body = json.dumps(json_body, allow_nan=False).encode('utf-8')
            except (TypeError, ValueError) as exc:
                raise self._error('request error: the body cannot be sent as JSON: %s' % exc, operation=operation)
            content_type = 'application/json'
        if body is None and method.upper() not in ('GET', 'HEAD'):
            body = b''  # Content-Length: 0 on DELETE too, as requests sent it (http.client sends none)
        max_retries = self.config['max_retries']
        timeout = self.config['timeout']
        attempt = 0
        refreshed = False
        while True:
            send_headers = {'User-Agent': USER_AGENT, 'Accept': accept}
            if content_type:
                send_headers['Content-Type'] = content_type
            for name, value in (headers or {}).items():
                _set_header(send_headers, name, value)
            if auth:
                _set_header(send_headers, 'Authorization', _basic_header(*auth))
            if bearer:
                _set_header(send_headers, 'Authorization', 'Bearer %s' % self.bearer())
            response = None
            retry_reason = None
            try:
                self.requests_made += 1
                response = self._exchange(method, url, body, send_headers, operation, write)
            except _Failure as failure:
                if not failure.sent:
                    retry_reason = failure.reason
                elif failure.timeout:
                    if write:
                        raise self._error('no answer within %ss (timeout); the write may or may not have been applied' % timeout,
                                          operation=operation, cls=BoomiOutcomeUnknown)
                    retry_reason = 'no answer within %ss (timeout)' % timeout
                elif write:
                    raise self._error('the connection was lost after the request was sent; the write may or may not have been applied',
                                      operation=operation, cls=BoomiOutcomeUnknown)
                else:
                    retry_reason = failure.reason

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

    # -- one HTTP exchange -------------------------------------------------------------------
    def _exchange(self, method, url, body, headers, operation, write):
        """Send one HTTP request on the origin's kept-alive connection and read the whole answer.

        Raises :class:`_Failure` when no complete answer came back, :class:`BoomiError` for a TLS
        error or a request that cannot be sent. A kept-alive connection that the server closed while
        idle is replaced before use; when the server closes a reused connection before any answer,
        a non-write request is sent again at once on a new connection (once, no retry counted) if it
        had not been sent completely or its method is idempotent (GET, HEAD, OPTIONS).
        """
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        try:
            port = parts.port or (443 if scheme == 'https' else 80)
        except ValueError as exc:
            raise self._error('request error: bad URL %s: %s' % (url.split('?')[0], exc), operation=operation)
        if scheme not in ('http', 'https') or not parts.hostname:
            raise self._error('request error: not an http(s) URL: %s' % url.split('?')[0], operation=operation)
        for name, value in headers.items():
            if any(char in str(value) for char in '\r\n\0'):
                raise self._error('request error: the %s header contains a line break' % name, operation=operation)
            try:
                str(value).encode('latin-1')
            except UnicodeEncodeError:
                raise self._error('request error: the %s header contains characters that HTTP headers cannot carry' % name,
                                  operation=operation) from None
        key = (scheme, parts.hostname, port)
        target = quote(parts.path or '/', safe=URL_SAFE) + ('?' + quote(parts.query, safe=URL_SAFE) if parts.query else '')
        while True:
            conn, reused, proxy = self._connection(key, url, operation)
            if proxy is not None and scheme == 'http':
                # an http:// URL through a proxy: the absolute URL to the proxy, with its credentials
                path = 'http://%s%s' % (parts.netloc.rpartition('@')[2], target)
                send_headers = dict(headers, **proxy.headers)
            else:
                path = target
                send_headers = headers
            if not reused:
                self._connect(conn, key, url, proxy, operation)
            phase = 'send'
            try:
                try:
                    conn.request(method, path, body=body, headers=send_headers)
                except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                    # The server closed the connection: it may still have answered (an early error), as urllib3 reads it.
                    phase = 'send-failed'
                else:
                    phase = 'status'
                response = conn.getresponse()
                phase = 'body'
                content = response.read()
            except socket.timeout:
                self._discard(key)
                raise _Failure('no answer (timeout)', sent=True, timeout=True)
            except (OSError, http.client.HTTPException) as exc:
                self._discard(key)
                if reused and not write and (phase == 'send-failed' or (
                        phase == 'status' and method.upper() in IDEMPOTENT_METHODS and isinstance(exc, ConnectionError))):
                    # a kept-alive connection closed by the server as we used it: nothing was answered, send again on a new one
                    self.requests_made += 1
                    continue
                raise _Failure('connection error (%s)' % type(exc).__name__, sent=True)
            if response.will_close:
                self._discard(key)
            return _Response(response.status, response.headers, content)

    def _connection(self, key, url, operation):
        """``(connection, reused, proxy)``: the origin's kept-alive connection if the server has not closed it, else a new one (not connected)."""
        proxy = self._route(key)
        conn = self._connections.get(key)
        if conn is not None:
            if conn.sock is not None and not _dropped(conn.sock):
                return conn, True, proxy
            self._discard(key)
        scheme, host, port = key
        timeout = self.config['timeout']
        if scheme == 'https':
            context = self._tls_context(url, operation)
            if proxy is not None:
                conn = http.client.HTTPSConnection(proxy.host, proxy.port, timeout=timeout, context=context)
                conn.set_tunnel(host, port, headers=proxy.headers)
            else:
                conn = http.client.HTTPSConnection(host, port, timeout=timeout, context=context)
        elif proxy is not None:
            conn = http.client.HTTPConnection(proxy.host, proxy.port, timeout=timeout)
        else:
            conn = http.client.HTTPConnection(host, port, timeout=timeout)
        self._connections[key] = conn
        return conn, False, proxy

    def _connect(self, conn, key, url, proxy, operation):
        """Open ``conn`` (TCP, proxy tunnel, TLS handshake); nothing of the request is sent yet."""
        via = ' via proxy %s' % proxy.label if proxy is not None else ''
        try:
            conn.connect()
        except ssl.SSLError as exc:
            self._discard(key)
            raise self._error('TLS error talking to %s: %s (see validate_certs and ca_path)' % (url.split('?')[0], exc), operation=operation)
        except socket.timeout:
            self._discard(key)
            raise _Failure('connection timed out after %ss%s' % (self.config['timeout'], via), sent=False, timeout=True)
        except (OSError, http.client.HTTPException) as exc:
            self._discard(key)
            text = str(exc)
            if text.startswith('Tunnel connection failed'):
                if ' 407' in text:
                    raise self._error('the proxy %s refused the tunnel to %s:%s: %s; check the credentials of the proxy URL'
                                      % (proxy.label, key[1], key[2], text), operation=operation)
                raise _Failure('proxy error (%s)%s' % (text, via), sent=False)
            raise _Failure('connection error (%s)%s' % (type(exc).__name__, via), sent=False)
        except ValueError as exc:  # a host name that cannot be encoded (IDNA)
            self._discard(key)
            raise self._error('request error: cannot connect to %s: %s' % (url.split('?')[0], exc), operation=operation)

    def _discard(self, key):
        conn = self._connections.pop(key, None)
        if conn is not None:
            conn.close()

    def close(self):
        """Close every kept-alive connection."""
        for key in list(self._connections):
            self._discard(key)

    def _route(self, key):
        """The proxy for the origin ``key``, or None: ``https_proxy``/``http_proxy``/``all_proxy`` unless ``no_proxy`` says otherwise."""
        if key not in self._routes:
            scheme, host, port = key
            url = self._proxies.get(scheme) or self._proxies.get('all')
            self._routes[key] = _Proxy(url) if url and not _bypass_proxy(host, port, self._proxies) else None
        return self._routes[key]

    def _tls_context(self, url, operation):
        """The TLS settings: the system trust store, the ``ca_path`` bundle instead, or no verification."""
        if self._tls is None:
            try:
                if not self.verify:
                    context = ssl.create_default_context()
                    context.check_hostname = False
                    context.verify_mode = ssl.CERT_NONE
                elif self.verify is True:
                    context = ssl.create_default_context()
                elif os.path.isdir(self.verify):
                    context = ssl.create_default_context(capath=self.verify)
                else:
                    context = ssl.create_default_context(cafile=self.verify)
            except (OSError, ValueError) as exc:  # ssl.SSLError is an OSError
                raise self._error('TLS error talking to %s: cannot load the CA certificates of ca_path %s: %s (see validate_certs and ca_path)'
                                  % (url.split('?')[0], self.verify, exc), operation=operation)
            self._tls = context
        return self._tls

    def _decode(self, response, operation, parse, retries=0):
        status = response.status_code
        text = response.text
        content_type = response.headers.get('Content-Type', '')
        if 300 <= status < 400:
            raise self._error('redirected to %s; redirects are not followed: set api_url or graphql_url to the final URL'
                              % (response.headers.get('Location') or '(no Location header)'), status=status, operation=operation)
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


def _basic_header(user, password):
    """The value of an ``Authorization: Basic`` (or ``Proxy-Authorization``) header, UTF-8."""
    return 'Basic %s' % base64.b64encode(('%s:%s' % (user, password)).encode('utf-8')).decode('ascii')


def _set_header(headers, name, value):
    """Set a header, replacing one of the same name in another case."""
    for existing in [k for k in headers if k.lower() == name.lower()]:
        del headers[existing]
    headers[name] = value


def _proxy_url(url):
    """A proxy URL from the environment, parsed; ``http://`` is assumed when it has no scheme."""
    return urlsplit(url if '://' in url else 'http://' + url)


def _url_credentials(parts):
    """``(user, password)`` of a parsed URL, percent-decoded; None when it has none."""
    if parts.username is None and parts.password is None:
        return None
    return unquote(parts.username or ''), unquote(parts.password or '')


def _bypass_proxy(host, port, proxies):
    """True when ``no_proxy`` (host or domain suffixes, ``host:port``, ``*``, or IP networks in CIDR form) names the host."""
    no_proxy = proxies.get('no')
    if not no_proxy:
        return bool(urllib.request.proxy_bypass(host))  # the system's settings on macOS and Windows
    if urllib.request.proxy_bypass_environment('%s:%s' % (host, port), proxies):
        return True
    networks = [entry.strip() for entry in no_proxy.split(',') if '/' in entry]
    if networks:
        import ipaddress  # pylint: disable=import-outside-toplevel
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        for network in networks:
            try:
                if address in ipaddress.ip_network(network, strict=False):
                    return True
            except ValueError:
                continue
    return False


def _dropped(sock):
    """True when an idle kept-alive connection was closed by the server: it is readable with no request pending (as urllib3 checks)."""
    try:
        if isinstance(sock, ssl.SSLSocket) and sock.pending():
            return True
        if hasattr(select, 'poll'):
            poller = select.poll()
            poller.register(sock, select.POLLIN)
            return bool(poller.poll(0))
        return bool(select.select([sock], [], [], 0)[0])
    except (OSError, ValueError):
        return True


def _describe_non_json(text, content_type):
    snippet = ' '.join(text.split())[:200]
    if not snippet:
        return 'empty answer'
    if 'html' in content_type or snippet.lower().startswith(('<!doctype', '<html')):
        return 'HTML answer instead of JSON: %s' % snippet
    return 'non-JSON answer (%s): %s' % (content_type or 'no content type', snippet)

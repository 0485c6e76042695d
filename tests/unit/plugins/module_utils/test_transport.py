# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTP transport (requests) over real sockets: kept-alive connections, lost answers, TLS, proxies, redirects, timeouts.

Small standard-library servers started by the tests stand in for the API (counting the TCP
connections they accept and recording every request), for a TLS endpoint with a self-signed
certificate made with the ``openssl`` CLI, for a forward proxy (absolute-URI requests and
CONNECT tunnels) and for a server that sends its answer one byte at a time. Nothing is mocked.
"""

from __future__ import annotations

import base64
import http.client
import select
import shutil
import socket
import socketserver
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from ansible_collections.boomi.platform.plugins.module_utils.client import BoomiClient
from ansible_collections.boomi.platform.plugins.module_utils.connection import resolve_config
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, BoomiOutcomeUnknown
from ansible_collections.boomi.platform.plugins.module_utils.transport import Transport, _endpoint
from ansible_collections.boomi.platform.tests.unit.conftest import connection

PROXY_USER = 'proxy-user'
PROXY_PASSWORD = 'pr0xy-s3cret!'
PROXY_VARIABLES = ('http_proxy', 'https_proxy', 'all_proxy', 'no_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY', 'REQUEST_METHOD')
JSON_OK = (200, {'Content-Type': 'application/json'}, b'{"ok": true}')


# ---------------------------------------------------------------------------------------------------
# Test servers
# ---------------------------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, handler, owner, tls=None, port=0):
        self.owner = owner
        self.tls = tls
        super().__init__(('127.0.0.1', port), handler)

    def server_bind(self):
        socketserver.TCPServer.server_bind(self)  # without HTTPServer's reverse DNS lookup of the host
        self.server_name, self.server_port = self.server_address[:2]

    def get_request(self):
        sock, address = super().get_request()
        if self.tls is not None:
            sock = self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, address

    def process_request(self, request, client_address):
        with self.owner.lock:
            self.owner.connections += 1
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        super().shutdown_request(request)
        with self.owner.lock:
            self.owner.closed += 1


class _Base:
    """A server in a background thread; ``connections`` accepted, ``closed`` by the server."""

    handler = None

    def __init__(self, tls=None, ports=(0,)):
        self.lock = threading.Lock()
        self.connections = 0
        self.closed = 0
        for port in ports:  # the first port free
            try:
                self.httpd = _Server(self.handler, self, tls, port)
                break
            except OSError:
                continue
        else:
            raise AssertionError('no free port among %d' % len(ports))
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={'poll_interval': 0.05}, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def wait_closed(self, count):
        """Wait until the server has closed ``count`` connections (and their FIN had time to arrive)."""
        deadline = time.monotonic() + 5
        while self.closed < count:
            assert time.monotonic() < deadline, 'the server did not close %d connection(s)' % count
            time.sleep(0.01)
        time.sleep(0.05)


class _OriginHandler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):  # pylint: disable=arguments-differ
        pass

    def setup(self):
        if isinstance(self.request, ssl.SSLSocket):
            self.request.settimeout(5)
            try:
                self.request.do_handshake()
            except (OSError, ssl.SSLError):
                self.handshake_failed = True
        super().setup()
        with self.server.owner.lock:
            self.connection_no = self.server.owner.connections
        self.served = 0

    def handle(self):
        if getattr(self, 'handshake_failed', False):
            return
        super().handle()

    def _serve(self):
        origin = self.server.owner
        length = int(self.headers.get('Content-Length') or 0)
        record = {'connection': self.connection_no, 'index': self.served, 'method': self.command, 'path': self.path,
                  'headers': dict(self.headers.items()), 'body': self.rfile.read(length) if length else b''}
        self.served += 1
        with origin.lock:
            origin.requests.append(record)
        answer = origin.answer(record)
        if answer is None:  # close without answering
            self.close_connection = True
            return
        status, headers, body = answer
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        if origin.close_after_answer:  # an idle timeout: closed without a Connection: close header
            self.close_connection = True

    def do_GET(self):  # pylint: disable=invalid-name
        self._serve()

    def do_POST(self):  # pylint: disable=invalid-name
        self._serve()

    def do_DELETE(self):  # pylint: disable=invalid-name
        self._serve()


class Origin(_Base):
    """The API: answers with ``answer(record)`` (``(status, headers, body)``, or None to close without answering)."""

    handler = _OriginHandler

    def __init__(self, answer=None, tls=None, close_after_answer=False):
        self.answer = answer or (lambda record: JSON_OK)
        self.close_after_answer = close_after_answer
        self.requests = []
        super().__init__(tls)
        self.url = '%s://127.0.0.1:%d' % ('https' if tls else 'http', self.port)


class _ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):  # pylint: disable=arguments-differ
        pass

    def _refuse(self):
        proxy = self.server.owner
        if proxy.mode == 'close':
            self.close_connection = True
            return True
        if proxy.mode == '407':
            # a hostile proxy that echoes what it got, credentials included
            echo = ('Proxy authentication failed for %s (%s)' % (self.headers.get('Proxy-Authorization'), PROXY_PASSWORD)).encode()
            self.send_response(407)
            self.send_header('Proxy-Authenticate', 'Basic realm="proxy"')
            self.send_header('Content-Type', 'text/plain')
            self.send_header('Content-Length', str(len(echo)))
            self.end_headers()
            self.wfile.write(echo)
            return True
        return False

    def _record(self):
        with self.server.owner.lock:
            self.server.owner.seen.append((self.command, self.path, self.headers.get('Proxy-Authorization')))

    def _forward(self):
        """An absolute-URI request (http:// through the proxy): sent on to the origin, its answer relayed."""
        self._record()
        if self._refuse():
            return
        target = urlsplit(self.path)
        length = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ('proxy-authorization', 'connection', 'proxy-connection')}
        upstream = http.client.HTTPConnection(target.hostname, target.port, timeout=5)
        upstream.request(self.command, target.path + ('?' + target.query if target.query else ''), body=body, headers=headers)
        answer = upstream.getresponse()
        content = answer.read()
        upstream.close()
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in ('content-length', 'connection', 'transfer-encoding', 'server', 'date'):
                self.send_header(name, value)
        self.send_header('Content-Length', str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def do_GET(self):  # pylint: disable=invalid-name
        self._forward()

    def do_POST(self):  # pylint: disable=invalid-name
        self._forward()

    def do_CONNECT(self):  # pylint: disable=invalid-name
        """A CONNECT tunnel (https:// through the proxy): bytes relayed both ways."""
        self._record()
        if self._refuse():
            return
        host, _sep, port = self.path.rpartition(':')
        upstream = socket.create_connection((host, int(port)), timeout=5)
        self.send_response(200, 'Connection established')
        self.end_headers()
        self.wfile.flush()
        sockets = [self.connection, upstream]
        try:
            while True:
                readable, _w, _x = select.select(sockets, [], [], 5)
                if not readable:
                    break
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (upstream if sock is self.connection else self.connection).sendall(data)
        finally:
            upstream.close()
            self.close_connection = True


class Proxy(_Base):
    """A forward proxy; ``mode``: 'forward', '407' (refuses, echoing the credentials) or 'close' (closes without answering).

    It listens on a port whose number holds ``407`` (the errors of requests name it): a refusal is told by the status, never
    by a port number that happens to hold one."""

    handler = _ProxyHandler

    def __init__(self, mode='forward'):
        self.mode = mode
        self.seen = []  # (method, request target, Proxy-Authorization)
        super().__init__(ports=[port for port in range(14070, 65536) if '407' in str(port)])

    def url(self, credentials=True):
        userinfo = '%s:%s@' % (PROXY_USER, PROXY_PASSWORD.replace('!', '%21')) if credentials else ''
        return 'http://%s127.0.0.1:%d' % (userinfo, self.port)


@pytest.fixture
def servers():
    started = []

    def start(cls, *args, **kwargs):
        server = cls(*args, **kwargs)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def no_proxy_env(monkeypatch):
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def config(url, **overrides):
    params = {'api': 'rest', 'account_id': 'acme-1', 'username': 'ops@acme.example', 'password': 'sim-password', 'api_token': None,
              'bearer_token': None, 'space_guid': None, 'api_url': url, 'graphql_url': None, 'validate_certs': None, 'ca_path': None,
              'timeout': 5, 'max_retries': 2}
    params.update(overrides)
    return resolve_config(params)


def transport(url, warnings, **overrides):
    return Transport(config(url, **overrides), warn=warnings.append, sleep=lambda seconds: None)


# ---------------------------------------------------------------------------------------------------
# Kept-alive connections
# ---------------------------------------------------------------------------------------------------


def test_requests_of_one_transport_share_one_connection(servers, no_proxy_env):
    origin = servers(Origin)
    warnings = []
    t = transport(origin.url, warnings)
    for n in range(3):
        assert t.request('GET', origin.url + '/read/%d' % n, 'read') == {'ok': True}
        assert t.request('POST', origin.url + '/query', 'query', json_body={'n': n}) == {'ok': True}
    assert t.request('POST', origin.url + '/create', 'create', json_body={}, write=True) == {'ok': True}
    assert origin.connections == 1
    assert [r['connection'] for r in origin.requests] == [1] * 7
    assert warnings == []


def test_request_headers_and_body(servers, no_proxy_env):
    origin = servers(Origin)
    t = transport(origin.url, [], password='p\u00e4ss-w\u00f6rd')
    t.request('POST', origin.url + '/api/x y/\u00e9?q=a b', 'query', auth='basic', json_body={'name': '\u6771\u4eac'})
    t.request('POST', origin.url + '/raw', 'raw', data=b'token-123', headers={'content-type': 'text/plain'})
    t.request('DELETE', origin.url + '/thing', 'delete', write=True)
    t.request('GET', origin.url + '/thing', 'get')
    first, second, delete, get = origin.requests
    headers = first['headers']
    assert headers['Authorization'] == 'Basic ' + base64.b64encode('ops@acme.example:p\u00e4ss-w\u00f6rd'.encode('utf-8')).decode()
    assert headers['Content-Type'] == 'application/json' and headers['Accept'] == 'application/json'
    assert headers['Host'] == '127.0.0.1:%d' % origin.port
    assert headers['User-Agent'].startswith('boomi.platform')
    assert first['path'] == '/api/x%20y/%C3%A9?q=a%20b'
    assert first['body'] == b'{"name": "\\u6771\\u4eac"}'
    assert second['body'] == b'token-123' and second['headers']['content-type'] == 'text/plain'
    assert 'Content-Type' not in second['headers']
    assert delete['headers']['Content-Length'] == '0' and 'Content-Length' not in get['headers']


def test_a_connection_close_answer_is_not_reused(servers, no_proxy_env):
    origin = servers(Origin, answer=lambda record: (200, {'Connection': 'close', 'Content-Type': 'application/json'}, b'[]'))
    warnings = []
    t = transport(origin.url, warnings)
    assert t.request('GET', origin.url + '/a', 'read') == []
    assert t.request('GET', origin.url + '/b', 'read') == []
    assert origin.connections == 2 and warnings == []


@pytest.mark.parametrize('method, write', [('GET', False), ('POST', False), ('POST', True)])
def test_a_connection_the_server_closed_while_idle_is_replaced_silently(servers, no_proxy_env, method, write):
    """The server closes each connection after its answer (an idle timeout): the next request, a write too, goes once on a new one."""
    origin = servers(Origin, close_after_answer=True)
    warnings = []
    t = transport(origin.url, warnings)
    assert t.request('GET', origin.url + '/first', 'read') == {'ok': True}
    origin.wait_closed(1)
    assert t.request(method, origin.url + '/second', 'second', json_body={} if method == 'POST' else None, write=write) == {'ok': True}
    assert [(r['method'], r['path'], r['connection']) for r in origin.requests] == [('GET', '/first', 1), (method, '/second', 2)]
    assert warnings == []


def test_a_get_on_a_reused_connection_closed_before_any_answer_is_sent_again(servers, no_proxy_env):
    """The race of an idle timeout with a request: the server closes as the GET arrives; it is retried (with a warning) on a new connection."""
    origin = servers(Origin, answer=lambda record: None if record['index'] == 1 else JSON_OK)
    warnings = []
    t = transport(origin.url, warnings)
    t.request('GET', origin.url + '/first', 'read')
    assert t.request('GET', origin.url + '/second', 'read') == {'ok': True}
    assert [(r['path'], r['connection']) for r in origin.requests] == [('/first', 1), ('/second', 1), ('/second', 2)]
    assert len(warnings) == 1 and 'connection error (RemoteDisconnected) talking to 127.0.0.1:%d (%s/second) for read; retry 1 of 2' % (
        origin.port, origin.url) in warnings[0]


def test_a_post_on_a_reused_connection_closed_before_any_answer_keeps_the_usual_classification(servers, no_proxy_env):
    """The server may have processed a POST: a read is retried with a warning, a write is an unknown outcome (not re-sent here)."""
    origin = servers(Origin, answer=lambda record: None if record['index'] == 1 else JSON_OK)
    warnings = []
    reads = transport(origin.url, warnings)
    reads.request('GET', origin.url + '/first', 'read')
    assert reads.request('POST', origin.url + '/query', 'REST X.query', json_body={}) == {'ok': True}
    assert len(warnings) == 1 and warnings[0].startswith('Boomi API: connection error (RemoteDisconnected) talking to 127.0.0.1:%d (%s/query) '
                                                         'for REST X.query; retry 1 of 2 in ' % (origin.port, origin.url))
    writes = transport(origin.url, warnings)
    writes.request('GET', origin.url + '/first', 'read')
    with pytest.raises(BoomiOutcomeUnknown) as err:
        writes.request('POST', origin.url + '/create', 'REST X.create', json_body={}, write=True)
    assert str(err.value) == ('REST X.create failed: the connection to 127.0.0.1:%d (%s/create) was lost after the request was sent; '
                              'the write may or may not have been applied' % (origin.port, origin.url))
    assert [(r['path'], r['connection']) for r in origin.requests] == [('/first', 1), ('/query', 1), ('/query', 2), ('/first', 3),
                                                                       ('/create', 3)]
    assert len(warnings) == 1


def closed_port_url():
    """The URL of a loopback port where nothing listens (connections to it are refused)."""
    with socket.socket() as unused:
        unused.bind(('127.0.0.1', 0))
        return 'http://127.0.0.1:%d' % unused.getsockname()[1]


def test_connect_failures_are_retried_for_writes_too(no_proxy_env):
    url = closed_port_url()
    warnings = []
    t = transport(url, warnings, max_retries=2)
    with pytest.raises(BoomiError) as err:
        t.request('POST', url + '/create', 'REST X.create', json_body={}, write=True)
    assert not isinstance(err.value, BoomiOutcomeUnknown)
    assert str(err.value) == ('REST X.create failed: connection refused by %s (%s/create): nothing listens there (check the URL and '
                              'port); gave up after 2 retries' % (url[len('http://'):], url))
    assert len(warnings) == 2


@pytest.mark.parametrize('max_retries, retries', [(5, 2), (20, 2), (1, 1), (0, 0)])
def test_a_refused_connection_fails_within_seconds_naming_host_and_port(no_proxy_env, max_retries, retries):
    """Nothing listens (a wrong URL or port): at most two short retries, not max_retries with backoff (which took ~19 s)."""
    url = closed_port_url()
    warnings, slept = [], []
    t = Transport(config(url, max_retries=max_retries), warn=warnings.append, sleep=slept.append)
    with pytest.raises(BoomiError) as err:
        t.request('GET', url + '/api/rest/v1/acme-1/Environment/query', 'REST Environment.query')
    message = str(err.value)
    assert message.startswith('REST Environment.query failed: connection refused by 127.0.0.1:%s' % url.rsplit(':', 1)[1]), message
    assert '(%s/api/rest/v1/acme-1/Environment/query)' % url in message and message.endswith('gave up after %d retries' % retries)
    assert len(slept) == len(warnings) == retries
    assert sum(slept) <= 2.5  # the backoff of max_retries=5 waits 15.5 to 19.4 s
    assert all('retry %d of %d' % (n + 1, retries) in w for n, w in enumerate(warnings))


def test_connection_errors_name_the_port_also_when_the_url_has_none():
    """An https URL without a port: messages name port 443 (80 for http)."""
    assert _endpoint('https://api.boomi.com/api/rest/v1/x') == 'api.boomi.com:443'
    assert _endpoint('http://api.example/x') == 'api.example:80'
    assert _endpoint('https://[::1]:8443/graphql') == '[::1]:8443'


@pytest.mark.parametrize('content_type, body, expected', [
    ('text/plain; charset=ISO-8859-1', '\u00e9t\u00e9'.encode('latin-1'), '\u00e9t\u00e9'),
    ('text/plain', '\u00e9t\u00e9'.encode('utf-8'), '\u00e9t\u00e9'),
    ('text/plain', b'bad \xff byte', 'bad \ufffd byte'),
    ('text/plain; charset=no-such-charset', b'ok', 'ok'),
])
def test_bodies_are_decoded_as_utf8_unless_the_content_type_says_otherwise(servers, no_proxy_env, content_type, body, expected):
    origin = servers(Origin, answer=lambda record: (200, {'Content-Type': content_type}, body))
    assert transport(origin.url, []).request('GET', origin.url + '/t', 'read', parse='text') == expected


# ---------------------------------------------------------------------------------------------------
# Redirects
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize('api', ('rest', 'graphql'))
def test_a_redirect_is_an_error_naming_the_status_and_location(sim, api):
    client = BoomiClient(connection(sim, api))
    client.transport.bearer = lambda force_new=False: 'x.y.z'
    sim.set_faults(next_responses=[{'status': 301, 'body': '', 'headers': {'Location': 'https://eu.example/api/moved'}}])
    with pytest.raises(BoomiError) as err:
        client.list_environments()
    text = str(err.value)
    assert err.value.status == 301
    assert 'HTTP 301' in text and 'https://eu.example/api/moved' in text and 'api_url or graphql_url' in text
    assert len(sim.log) == 1  # not followed, not retried


# ---------------------------------------------------------------------------------------------------
# TLS
# ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope='module')
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1: (cert.pem, key.pem, a hashed CA directory).

    Its key is an EC P-256 one: made in ~10 ms of CPU, where an RSA 2048 key takes ~0.2 s; and under ansible-test, which runs
    each test in a forked child of a process that set up no fixture, every test of this module makes its own."""
    openssl = shutil.which('openssl')
    if openssl is None:
        pytest.skip('the openssl command is not installed')
    work = tmp_path_factory.mktemp('tls')
    cert, key = work / 'cert.pem', work / 'key.pem'
    subprocess.run([openssl, 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
                    '-keyout', str(key), '-out', str(cert), '-days', '2',
                    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
                   check=True, capture_output=True)
    cadir = work / 'cadir'
    cadir.mkdir()
    shutil.copy(str(cert), str(cadir / 'boomi-test.pem'))
    subprocess.run([openssl, 'rehash', str(cadir)], check=True, capture_output=True)
    return cert, key, cadir


@pytest.fixture
def tls_origin(servers, certificate, no_proxy_env):
    for name in ('SSL_CERT_FILE', 'SSL_CERT_DIR', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE'):
        no_proxy_env.delenv(name, raising=False)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(certificate[0]), str(certificate[1]))
    return servers(Origin, tls=context)


def test_tls_with_an_unknown_ca_fails_clearly(tls_origin):
    warnings = []
    with pytest.raises(BoomiError) as err:
        transport(tls_origin.url, warnings).request('GET', tls_origin.url + '/x?secret=1', 'read')
    text = str(err.value)
    assert text.startswith('read failed: TLS error talking to 127.0.0.1:%d (%s/x): ' % (tls_origin.port, tls_origin.url))
    assert 'CERTIFICATE_VERIFY_FAILED' in text and text.endswith('(see validate_certs and ca_path)')
    assert warnings == [] and tls_origin.requests == []


def test_tls_with_ca_path_succeeds(tls_origin, certificate):
    t = transport(tls_origin.url, [], ca_path=str(certificate[0]))
    assert t.verify == str(certificate[0])
    assert t.request('GET', tls_origin.url + '/x', 'read') == {'ok': True}
    assert t.request('GET', tls_origin.url + '/y', 'read') == {'ok': True}
    assert tls_origin.connections == 1


def test_tls_with_a_ca_directory_succeeds(tls_origin, certificate):
    assert transport(tls_origin.url, [], ca_path=str(certificate[2])).request('GET', tls_origin.url + '/x', 'read') == {'ok': True}


def test_tls_trusts_requests_ca_bundle(tls_origin, certificate, monkeypatch):
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', str(certificate[0]))
    assert transport(tls_origin.url, []).request('GET', tls_origin.url + '/x', 'read') == {'ok': True}


def test_tls_without_verification_succeeds(tls_origin, certificate):
    t = transport(tls_origin.url, [], validate_certs=False, ca_path=str(certificate[2] / 'missing.pem'))
    assert t.verify is False
    assert t.request('GET', tls_origin.url + '/x', 'read') == {'ok': True}


def test_an_unreadable_ca_path_fails_clearly(tls_origin, tmp_path):
    bad = tmp_path / 'bad.pem'
    bad.write_text('-----BEGIN CERTIFICATE-----\nMIIBsimulated\n-----END CERTIFICATE-----\n')
    with pytest.raises(BoomiError) as err:
        transport(tls_origin.url, [], ca_path=str(bad)).request('GET', tls_origin.url + '/x', 'read')
    assert str(err.value).startswith('read failed: TLS error talking to 127.0.0.1:%d (%s/x): ' % (tls_origin.port, tls_origin.url))
    assert str(err.value).endswith('(see validate_certs and ca_path %s)' % bad)
    with pytest.raises(BoomiError) as err:
        transport(tls_origin.url, [], ca_path=str(tmp_path / 'missing.pem')).request('GET', tls_origin.url + '/x', 'read')
    assert 'cannot load the CA certificates of ca_path %s' % (tmp_path / 'missing.pem') in str(err.value)
    assert tls_origin.requests == []


# ---------------------------------------------------------------------------------------------------
# Proxies
# ---------------------------------------------------------------------------------------------------


def test_http_proxy_from_the_environment_is_used(servers, no_proxy_env):
    origin, proxy = servers(Origin), servers(Proxy)
    no_proxy_env.setenv('http_proxy', proxy.url())
    t = transport(origin.url, [])
    assert t.request('GET', origin.url + '/a?b=c', 'read') == {'ok': True}
    assert t.request('POST', origin.url + '/q', 'query', json_body={'x': 1}) == {'ok': True}
    expected_auth = 'Basic ' + base64.b64encode(('%s:%s' % (PROXY_USER, PROXY_PASSWORD)).encode()).decode()
    assert proxy.seen == [('GET', origin.url + '/a?b=c', expected_auth), ('POST', origin.url + '/q', expected_auth)]
    assert proxy.connections == 1  # kept alive to the proxy too
    assert [(r['method'], r['path'], r['body']) for r in origin.requests] == [('GET', '/a?b=c', b''), ('POST', '/q', b'{"x": 1}')]


@pytest.mark.parametrize('no_proxy', ['127.0.0.1', 'localhost,127.0.0.1', '127.0.0.0/8', '*'])
def test_no_proxy_bypasses_the_proxy(servers, no_proxy_env, no_proxy):
    origin, proxy = servers(Origin), servers(Proxy)
    no_proxy_env.setenv('HTTP_PROXY', proxy.url())
    no_proxy_env.setenv('NO_PROXY', no_proxy.format(port=origin.port))
    assert transport(origin.url, []).request('GET', origin.url + '/a', 'read') == {'ok': True}
    assert proxy.seen == [] and len(origin.requests) == 1


def test_https_through_a_proxy_uses_a_connect_tunnel(servers, no_proxy_env, tls_origin, certificate):
    proxy = servers(Proxy)
    no_proxy_env.setenv('https_proxy', proxy.url())
    t = transport(tls_origin.url, [], ca_path=str(certificate[0]))
    assert t.request('GET', tls_origin.url + '/a', 'read') == {'ok': True}
    assert t.request('GET', tls_origin.url + '/b', 'read') == {'ok': True}
    assert [(m, target) for m, target, _auth in proxy.seen] == [('CONNECT', '127.0.0.1:%d' % tls_origin.port)]
    assert proxy.seen[0][2].startswith('Basic ')
    assert [r['path'] for r in tls_origin.requests] == ['/a', '/b']
    assert all('Proxy-Authorization' not in r['headers'] for r in tls_origin.requests)  # the credentials stay with the proxy


def _assert_no_proxy_secret(text):
    encoded = base64.b64encode(('%s:%s' % (PROXY_USER, PROXY_PASSWORD)).encode()).decode()
    for secret in (PROXY_PASSWORD, PROXY_PASSWORD.replace('!', '%21'), encoded):
        assert secret not in text


@pytest.mark.parametrize('scheme', ['http', 'https'])
@pytest.mark.parametrize('mode', ['407', 'close'])
def test_proxy_credentials_never_appear_in_errors(servers, no_proxy_env, tls_origin, certificate, scheme, mode):
    origin = tls_origin if scheme == 'https' else servers(Origin)
    proxy = servers(Proxy, mode=mode)
    no_proxy_env.setenv('%s_proxy' % scheme, proxy.url())
    warnings = []
    t = transport(origin.url, warnings, ca_path=str(certificate[0]))
    with pytest.raises(BoomiError) as err:
        t.request('GET', origin.url + '/a', 'read')
    text = str(err.value) + ' '.join(warnings)
    _assert_no_proxy_secret(text)
    if mode == '407' and scheme == 'https':
        assert 'the proxy refused the request to %s/a: ' % origin.url in text and '407' in text
        assert 'check the credentials of the proxy URL' in text
        assert len(proxy.seen) == 1  # not retried
    elif mode == '407':
        assert err.value.status == 407 and '********' in text  # the echoed credentials were replaced
    else:
        assert 'gave up after 2 retries' in text and len(proxy.seen) == 3
    assert origin.requests == []


def test_an_unsupported_proxy_scheme_fails_clearly(no_proxy_env):
    no_proxy_env.setenv('https_proxy', 'socks5://%s:%s@127.0.0.1:1080' % (PROXY_USER, PROXY_PASSWORD))
    with pytest.raises(BoomiError) as err:
        transport('https://api.example', []).request('GET', 'https://api.example/x', 'read')
    assert str(err.value).startswith('read failed: request error: https://api.example/x: ') and 'SOCKS' in str(err.value)
    _assert_no_proxy_secret(str(err.value))


# ---------------------------------------------------------------------------------------------------
# timeout bounds the whole request
# ---------------------------------------------------------------------------------------------------


@pytest.fixture
def trickle():
    """A server that answers every request with a 200 whose 40-byte JSON body arrives one byte every 0.1 s (4 s in all)."""
    listener = socket.socket()
    listener.bind(('127.0.0.1', 0))
    listener.listen(5)
    stop = threading.Event()

    def serve():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _address = listener.accept()
            except socket.timeout:
                continue
            with conn:
                conn.recv(65536)
                body = b'{"padding": "' + b'x' * 26 + b'"}'
                conn.sendall(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n' % len(body))
                for byte in body:
                    if stop.wait(0.1):
                        break
                    try:
                        conn.sendall(bytes([byte]))
                    except OSError:
                        break

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield 'http://127.0.0.1:%d' % listener.getsockname()[1]
    stop.set()
    thread.join(5)
    listener.close()


@pytest.mark.parametrize('write', [False, True])
def test_a_slow_sender_cannot_hold_a_request_beyond_timeout(trickle, no_proxy_env, write):
    t = transport(trickle, [], timeout=1, max_retries=0)
    started = time.monotonic()
    with pytest.raises(BoomiError) as err:
        t.request('POST', trickle + '/x', 'REST X.query', json_body={}, write=write)
    assert time.monotonic() - started < 2.5
    assert isinstance(err.value, BoomiOutcomeUnknown) == write
    assert 'no answer within 1.0s (timeout)' in str(err.value)

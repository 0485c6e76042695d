"""HTTP front of the Boomi API simulator: routing, authentication, faults, request log, admin API.

``Simulator`` runs a ``ThreadingHTTPServer`` (HTTP/1.1, keep-alive, always a Content-Length)
in a background thread::

    sim = Simulator(port=0).start()
    ...  # talk to sim.url
    sim.stop()
"""

import json
import logging
import socket
import socketserver
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from . import __version__, accounts, echo, executions, extensions, graphql_api, publisher, ratelimit, rest, schedule_shape
# schedule_status registers its REST object when imported.
from . import schedule_status  # noqa: F401  pylint: disable=unused-import
# atoms registers the REST Atom object when imported.
from . import atoms  # noqa: F401  pylint: disable=unused-import
from .auth import JwtIssuer, TokenError, parse_basic, parse_bearer
from .faults import FaultError, Faults
from .state import DomainError, State

LOG = logging.getLogger("boomisim")

JWT_PREFIX = "/auth/jwt/generate/"
GRAPHQL_PATHS = ("/graphql", "/graphql/")
ADMIN_PREFIX = "/_sim/"
MAX_BODY = 64 * 1024 * 1024


class _Answer:
    """A response about to be sent."""

    def __init__(self, status, body=b"", content_type="application/json", headers=None):
        self.status = status
        self.body = body
        self.content_type = content_type
        self.headers = dict(headers or {})

    @classmethod
    def json(cls, status, payload, headers=None):
        """A JSON answer."""
        return cls(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"), "application/json", headers)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, handler, sim):
        self.sim = sim
        self._connections = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, handler)

    def server_bind(self):
        # Skip HTTPServer's reverse DNS lookup of the host (there is no network here).
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = host
        self.server_port = port

    def process_request(self, request, client_address):
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self):
        """Shut down every open client connection (idle keep-alive ones included)."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # TCP_NODELAY: without it every answer after the first on a kept-alive connection waits ~40 ms
    # for the client's delayed ACK (Nagle), which penalises clients that reuse connections.
    disable_nagle_algorithm = True
    server_version = "boomisim/" + __version__
    sys_version = ""
    timeout = 300  # seconds an idle keep-alive connection is kept
    _acted_on = None

    def version_string(self):
        """The Server header."""
        return self.server_version

    def log_message(self, *args):  # pylint: disable=arguments-differ
        """Silence the default stderr access log (the simulator keeps its own log)."""

    def do_GET(self):  # pylint: disable=invalid-name
        """GET"""
        self._dispatch()

    def do_POST(self):  # pylint: disable=invalid-name
        """POST"""
        self._dispatch()

    def do_DELETE(self):  # pylint: disable=invalid-name
        """DELETE"""
        self._dispatch()

    def do_PUT(self):  # pylint: disable=invalid-name
        """PUT"""
        self._dispatch()

    def do_PATCH(self):  # pylint: disable=invalid-name
        """PATCH"""
        self._dispatch()

    # -- plumbing ------------------------------------------------------------

    @property
    def sim(self):
        """The Simulator this server belongs to."""
        return self.server.sim

    def _read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            total = 0
            while True:
                size_line = self.rfile.readline(1024)
                size = int(size_line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                total += size
                if total > MAX_BODY:
                    raise ValueError("request body too large")
                chunks.append(self.rfile.read(size))
                self.rfile.readline(1024)
        length = self.headers.get("Content-Length")
        if not length:
            return b""
        length = int(length)
        if length < 0 or length > MAX_BODY:
            raise ValueError("bad Content-Length")
        return self.rfile.read(length)

    def _send(self, answer):
        try:
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            if answer.content_type:
                self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if answer.body and self.command != "HEAD":
                self.wfile.write(answer.body)
            self.wfile.flush()
        except OSError:
            self.close_connection = True

    def _dispatch(self):
        path = urlsplit(self.path).path
        try:
            body = self._read_body()
        except ValueError:
            self.close_connection = True
            self._send(_Answer.json(400, {"message": "Unreadable request body"}))
            return
        try:
            if path == ADMIN_PREFIX.rstrip("/") or path.startswith(ADMIN_PREFIX):
                self._send(self._admin(self.command, path, body))
            elif path in GRAPHQL_PATHS:
                self._api("graphql", path, body)
            elif path.startswith(JWT_PREFIX):
                self._api("jwt", path, body)
            elif path.startswith(rest.REST_PREFIX):
                self._api("rest", path, body)
            elif path.startswith(rest.PARTNER_PREFIX):
                self._api("rest", path, body, partner=True)
            else:
                answer = _Answer.json(404, {"message": "No such endpoint: %s" % path})
                self.sim.record(self.command, self.path, "other", "unknown", answer.status, False)
                self._send(answer)
        except Exception:  # pylint: disable=broad-exception-caught
            LOG.exception("boomisim: unhandled error for %s %s", self.command, self.path)
            self._send(_Answer.json(500, {"@type": "Error", "message": "Internal simulator error"}))

    # -- API requests (faults apply, logged) ---------------------------------

    def _override_account(self):
        """The ``overrideAccount`` query parameter (the first one; None when absent or empty)."""
        values = parse_qs(urlsplit(self.path).query, keep_blank_values=True).get("overrideAccount") or [""]
        return values[0] or None

    def _api(self, api, path, body, partner=False):
        # pylint: disable=too-many-locals
        sim = self.sim
        method = self.command
        rest_route = prepared = override = None
        self._acted_on = None  # the account whose state the request used (set by _rest, _graphql, _jwt)
        if api == "rest":
            rest_route = rest.route(method, path, rest.PARTNER_PREFIX if partner else rest.REST_PREFIX)
            override = self._override_account() if partner else None
            operation = rest.operation_name(rest_route)
            write = operation in rest.WRITE_KINDS
        elif api == "graphql":
            prepared = graphql_api.prepare(body) if method == "POST" else None
            operation = prepared.operation if prepared else ""
            write = bool(prepared and prepared.is_mutation)
        else:
            operation = "jwt.generate"
            write = False

        hold = sim.faults.take_hang()
        committed = set()
        limited = None
        try:
            publisher.settle_all(sim.state)  # releases whose time has come are applied before the request sees the state
            canned = sim.faults.take_next_response()
            echoed = echo.take(sim.faults, operation) if canned is None else None
            if canned is not None:
                answer = _Answer(canned["status"], canned["body"].encode("utf-8"), canned["content_type"], canned["headers"])
            elif echoed is not None and not echoed["commit"]:
                answer = _Answer(*echo.answer(echoed, api, body, self.headers))
            else:
                retry_after = sim.faults.rate_limited()
                limited = "rate_limit" if retry_after is not None else None
                if limited is None:
                    account = ratelimit.request_account(api, path, rest_route, self.headers, JWT_PREFIX)
                    refused, retry_after = ratelimit.check(sim.faults, sim.accounts.budget_account(account, override))
                    limited = "rate_limit_window" if refused else None
                if limited:
                    answer = self._rate_limited(api, retry_after)
                elif api == "rest":
                    answer, committed = self._rest(rest_route, body, partner, override)
                elif api == "graphql":
                    answer, committed = self._graphql(prepared)
                else:
                    answer = self._jwt(path)
                if echoed is not None:  # commit: processed above, answered with the echo
                    answer = _Answer(*echo.answer(echoed, api, body, self.headers))
        except Exception:  # pylint: disable=broad-exception-caught
            LOG.exception("boomisim: unhandled error for %s %s", method, self.path)
            answer = _Answer.json(500, {"@type": "Error", "message": "Internal simulator error"})

        extra = {"committed": sorted(committed)} if committed else {}
        if self._acted_on is not None and self._acted_on != sim.state.account_id:
            extra["account"] = self._acted_on
        if limited:
            extra["rate_limited"] = limited
        if sim.faults.take_drop(committed, target=(self.path, body)):
            sim.record(method, self.path, api, operation, 0, write, extra)
            self.close_connection = True
            return
        sim.record(method, self.path, api, operation, answer.status, write, extra)
        delay = sim.faults.latency + hold
        if delay > 0:
            sim.wait(delay)
        self._send(answer)

    @staticmethod
    def _rate_limited(api, retry_after):
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        if api == "graphql":
            return _Answer.json(429, {"errors": [{"message": "Too many requests"}]}, headers)
        return _Answer.json(503, rest.error_body(rest.MESSAGE_503), headers)

    def _basic_user(self):
        credentials = parse_basic(self.headers.get("Authorization"))
        if credentials is None:
            return None
        return self.sim.state.authenticate(*credentials)

    def _rest(self, rest_route, body, partner=False, override=None):
        sim = self.sim
        if self._basic_user() is None:
            return _Answer.json(401, rest.error_body("Unauthorized: valid Basic credentials (user + password or BOOMI_TOKEN.user + API token) are required"),
                                {"WWW-Authenticate": 'Basic realm="Boomi Platform API"'}), set()
        # The users are the seed account's: they act on it, or on a sub-account in its hierarchy (accounts.py).
        with sim.state.lock:
            if partner:
                account, refusal = sim.accounts.override_access(sim.state.account_id, rest_route.account_id, override)
            else:
                account, refusal = sim.accounts.access(sim.state.account_id, rest_route.account_id)
        if account is None:
            return _Answer.json(403, rest.error_body(refusal)), set()
        if "application/json" not in self.headers.get("Accept", "").lower():
            return _Answer.json(406, rest.error_body("Not Acceptable: this simulator only answers Accept: application/json")), set()
        self._acted_on = account.account_id
        status, payload = account.api.handle(rest_route, body)
        operation = rest.operation_name(rest_route)
        committed = {rest.WRITE_KINDS[operation]} if status == 200 and operation in rest.WRITE_KINDS else set()
        answer = _Answer(status, b"", None) if payload is None else _Answer.json(status, payload)
        return answer, committed

    def _graphql(self, prepared):
        if prepared is None:
            return _Answer.json(405, {"errors": [{"message": "Use POST for /graphql", "extensions": {"code": "BAD_REQUEST"}}]}, {"Allow": "POST"}), set()
        sim = self.sim
        try:
            claims = sim.jwt.verify(parse_bearer(self.headers.get("Authorization")))
            with sim.state.lock:
                account, refusal = sim.accounts.access(sim.state.account_id, claims.get("account"))
            if account is None:
                raise TokenError("JWT was issued for another account" if refusal == rest.MESSAGE_403 else refusal)
        except TokenError as exc:
            return _Answer.json(401, {"errors": [{"message": str(exc), "extensions": {"code": "UNAUTHORIZED"}}]}), set()
        # GraphQL acts on the state of the JWT's account (a sub-account's JWT: that sub-account).
        self._acted_on = account.account_id
        space_guid = (self.headers.get("SPACE_GUID") or "").strip() or None
        status, payload, committed = graphql_api.run(prepared, account.state, space_guid, sim.faults.shape_variant)
        return _Answer.json(status, schedule_shape.rewrite(self.sim.faults, payload)), committed

    def _jwt(self, path):
        sim = self.sim
        if self.command != "GET":
            return _Answer.json(405, rest.error_body("Use GET to generate a JWT"), {"Allow": "GET"})
        account_id = unquote(path[len(JWT_PREFIX):]).rstrip("/")
        user = self._basic_user()
        if user is None:
            return _Answer.json(401, rest.error_body("Unauthorized: valid Basic credentials are required"), {"WWW-Authenticate": 'Basic realm="Boomi"'})
        with sim.state.lock:
            account, refusal = sim.accounts.access(sim.state.account_id, account_id)
        if account is None:
            return _Answer.json(403, rest.error_body(refusal))
        self._acted_on = account_id
        token = sim.jwt.issue(user, account_id, sim.jwt_lifetime)
        return _Answer(200, token.encode("ascii"), "text/plain")

    # -- admin API (no auth, not logged, no faults) ----------------------------

    def _admin(self, method, path, body):
        # pylint: disable=too-many-return-statements
        sim = self.sim
        name = path[len(ADMIN_PREFIX):].strip("/") if path.startswith(ADMIN_PREFIX) else ""
        try:
            data = json.loads(body.decode("utf-8")) if body and body.strip() else {}
        except (UnicodeDecodeError, ValueError):
            return _Answer.json(400, {"error": "The body is not valid JSON"})
        if not isinstance(data, dict):
            return _Answer.json(400, {"error": "The body must be a JSON object"})
        publisher.settle_all(sim.state)  # what the admin API shows includes the releases whose time has come
        try:
            if (method, name) == ("POST", "reset"):
                sim.reset()
                return _Answer.json(200, {"reset": True})
            if (method, name) == ("GET", "log"):
                return _Answer.json(200, {"requests": sim.log_snapshot()})
            if (method, name) == ("DELETE", "log"):
                sim.clear_log()
                return _Answer.json(200, {"cleared": True})
            if (method, name) == ("GET", "counts"):
                return _Answer.json(200, sim.counts())
            if (method, name) == ("GET", "state"):
                return _Answer.json(200, sim.state.dump())
            if (method, name) == ("GET", "faults"):
                return _Answer.json(200, sim.faults.snapshot())
            if (method, name) == ("POST", "faults"):
                sim.set_faults(**data)
                return _Answer.json(200, sim.faults.snapshot())
            if (method, name) == ("DELETE", "faults"):
                sim.clear_faults()
                return _Answer.json(200, sim.faults.snapshot())
            if (method, name) == ("POST", "expire_tokens"):
                sim.expire_tokens()
                return _Answer.json(200, {"expired": True})
            if (method, name) == ("POST", "bulk_install"):
                created = sim.bulk_install(data.get("integration_pack_id"), data.get("count"), data.get("prefix", "bulk"), data.get("account"))
                return _Answer.json(200, {"count": len(created), "ids": [inst["id"] for inst in created]})
            if (method, name) == ("POST", "packs"):
                created = sim.add_packs(data.get("count"), data.get("installation_type", "MULTI"), data.get("prefix", "Bench Pack"))
                return _Answer.json(200, {"packs": created})
            answer = extensions.admin(sim.state, method, name)
            if answer is not None:
                return _Answer.json(*answer)
            found = executions.admin(sim, method, name, data)
            if found is not None:
                return _Answer.json(*found)
            found = publisher.admin(sim, method, name, data)
            if found is not None:
                return _Answer.json(*found)
            found = accounts.admin(sim, method, name, data)
            if found is not None:
                return _Answer.json(*found)
        except (FaultError, DomainError, TypeError) as exc:
            return _Answer.json(400, {"error": str(exc)})
        return _Answer.json(404, {"error": "No admin endpoint %s %s" % (method, path)})


class Simulator(executions.SimulatorMethods, accounts.SimulatorMethods, publisher.SimulatorMethods):
    """The Boomi API simulator: start it, point clients at ``url``, inspect ``log`` and ``state``."""

    def __init__(self, host="127.0.0.1", port=0, seed_path=None, jwt_lifetime=300):
        self.host = host
        self._requested_port = port
        self.default_jwt_lifetime = jwt_lifetime
        self.state = State(seed_path)
        self.faults = Faults()
        self.jwt = JwtIssuer()
        self.rest = rest.RestApi(self.state)
        executions.Executions(self.state, lambda: self.url)  # runs; reset with the state
        accounts.Accounts(self.state, self.rest, lambda: self.url)  # sub-accounts, groups; reset with the state
        publisher.Publisher(self.state)  # packaged components, publisher packs, releases; reset with the state
        self._log = []
        self._log_lock = threading.Lock()
        self._seq = 0
        self._httpd = None
        self._thread = None
        self._stopping = threading.Event()

    # -- lifecycle -------------------------------------------------------------

    def start(self):
        """Bind and serve in a background thread; returns self."""
        if self._httpd is not None:
            raise RuntimeError("The simulator is already running")
        self._stopping.clear()
        self._httpd = _HTTPServer((self.host, self._requested_port), _Handler, self)
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1}, name="boomisim", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        """Stop serving, wake sleeping requests and close every connection."""
        httpd = self._httpd
        if httpd is None:
            return
        self._stopping.set()
        httpd.shutdown()
        httpd.close_connections()
        httpd.server_close()
        self._thread.join(5)
        self._httpd = None
        self._thread = None

    def __enter__(self):
        if self._httpd is None:
            self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def port(self):
        """The bound port (the requested one until started)."""
        if self._httpd is None:
            return self._requested_port
        return self._httpd.server_address[1]

    @property
    def url(self):
        """``http://host:port`` of the running server."""
        return "http://%s:%d" % (self.host, self.port)

    def wait(self, seconds):
        """Sleep, but wake up at once when the simulator stops."""
        self._stopping.wait(seconds)

    # -- admin -------------------------------------------------------------------

    def reset(self):
        """State back to the seed; log, faults and query tokens cleared; JWT lifetime back to default."""
        self.state.reset()
        self.rest.reset()
        self.faults.clear()
        with self._log_lock:
            del self._log[:]
            self._seq = 0

    def set_faults(self, **settings):
        """Merge fault settings (see README); raises FaultError (a ValueError) on bad input."""
        self.faults.update(**settings)

    def clear_faults(self):
        """Switch every fault off."""
        self.faults.clear()

    def expire_tokens(self):
        """Every JWT issued so far becomes invalid."""
        self.jwt.expire_all()

    @property
    def jwt_lifetime(self):
        """Lifetime in seconds of the JWTs issued from now on."""
        override = self.faults.jwt_lifetime
        return self.default_jwt_lifetime if override is None else override

    def bulk_install(self, integration_pack_id, count, prefix="bulk", account_id=None):
        """Install ``count`` instances of a MULTI pack directly (names ``prefix-00001`` ...), in the seed account or ``account_id``."""
        if account_id is None:
            return self.state.bulk_install(integration_pack_id, count, prefix)
        account = self.accounts.get(account_id)
        if account is None or account.state is None:
            raise DomainError("No account %s to install into" % account_id)
        return account.state.bulk_install(integration_pack_id, count, prefix)

    def add_packs(self, count, installation_type="MULTI", prefix="Bench Pack"):
        """Add ``count`` shared packs with two processes each."""
        return self.state.add_packs(count, installation_type, prefix)

    def stored_extensions(self, extension_id=None):
        """EnvironmentExtensions as stored, encrypted values in clear: all (a list) or one by id."""
        return extensions.stored(self.state, extension_id)

    def stored_extension_value(self, extension_id, component, field=None):
        """One stored override in clear (None when it uses its default); see extensions.stored_value."""
        return extensions.stored_value(self.state, extension_id, component, field)

    # -- request log -----------------------------------------------------------

    def record(self, method, path, api, operation, status, write, extra=None):
        """Append one entry to the request log (``extra``: the optional keys committed, rate_limited)."""
        with self._log_lock:
            self._seq += 1
            self._log.append(dict({"seq": self._seq, "time": time.time(), "method": method, "path": path, "api": api,
                                   "operation": operation, "status": status, "write": bool(write)}, **(extra or {})))

    @property
    def log(self):
        """The live request log: a list of dicts, oldest first (``del sim.log[:]`` empties it)."""
        return self._log

    def log_snapshot(self):
        """A copy of the request log."""
        with self._log_lock:
            return [dict(entry) for entry in self._log]

    def clear_log(self):
        """Empty the request log (sequence numbers keep counting)."""
        with self._log_lock:
            del self._log[:]

    def counts(self):
        """``{"total", "writes", "by_operation", "committed", "rate_limited"}`` over the request log."""
        with self._log_lock:
            by_operation = {}
            committed = {}
            for entry in self._log:
                by_operation[entry["operation"]] = by_operation.get(entry["operation"], 0) + 1
                for kind in entry.get("committed", ()):
                    committed[kind] = committed.get(kind, 0) + 1
            return {"total": len(self._log), "writes": sum(1 for entry in self._log if entry["write"]), "by_operation": by_operation,
                    "committed": committed, "rate_limited": sum(1 for entry in self._log if entry.get("rate_limited"))}

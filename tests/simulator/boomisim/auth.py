"""HTTP Basic parsing and the simulator's JWTs (HS256, signed with a per-process secret)."""

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import threading
import time


class TokenError(Exception):
    """A bearer token is missing, malformed, badly signed, expired or revoked."""


def parse_basic(header):
    """Return (username, password) from an ``Authorization: Basic`` header, else None."""
    if not header:
        return None
    scheme, _sep, value = header.strip().partition(" ")
    if scheme.lower() != "basic" or not value.strip():
        return None
    try:
        raw = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    username, sep, password = raw.partition(":")
    if not sep:
        return None
    return username, password


def parse_bearer(header):
    """Return the token of an ``Authorization: Bearer`` header, else None."""
    if not header:
        return None
    scheme, _sep, value = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def _b64url(data):
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _b64url_decode(text):
    padded = text + "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode(padded.encode("ascii"))


class JwtIssuer:
    """Issues and verifies JWTs.

    ``expire_all`` bumps a generation counter carried in every token (claim ``gen``),
    so every token issued before the call becomes invalid at once.
    """

    def __init__(self, secret=None):
        self._secret = secret or secrets.token_bytes(32)
        self._lock = threading.Lock()
        self._generation = 0

    def _sign(self, signing_input):
        return _b64url(hmac.new(self._secret, signing_input.encode("ascii"), hashlib.sha256).digest())

    def issue(self, subject, account_id, lifetime):
        """A signed token; ``iat`` is the issue time rounded down to a whole second and ``exp = iat + lifetime``."""
        now = time.time()
        with self._lock:
            generation = self._generation
        issued_at = int(now)
        claims = {
            "sub": subject,
            "account": account_id,
            "iat": issued_at,
            "exp": issued_at + lifetime,
            "jti": secrets.token_hex(8),
            "gen": generation,
            "iss": "boomisim",
        }
        header = {"alg": "HS256", "typ": "JWT"}
        signing_input = _b64url(json.dumps(header, separators=(",", ":")).encode("utf-8")) + "." + \
            _b64url(json.dumps(claims, separators=(",", ":")).encode("utf-8"))
        return signing_input + "." + self._sign(signing_input)

    def verify(self, token, account_id=None):
        """Return the claims of a valid token (for ``account_id`` unless it is None); raise TokenError otherwise."""
        if not token:
            raise TokenError("Missing bearer token")
        parts = token.split(".")
        if len(parts) != 3:
            raise TokenError("Malformed JWT")
        signing_input = parts[0] + "." + parts[1]
        if not hmac.compare_digest(self._sign(signing_input), parts[2]):
            raise TokenError("Invalid JWT signature")
        try:
            header = json.loads(_b64url_decode(parts[0]))
            claims = json.loads(_b64url_decode(parts[1]))
        except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
            raise TokenError("Malformed JWT") from exc
        if not isinstance(header, dict) or header.get("alg") != "HS256" or not isinstance(claims, dict):
            raise TokenError("Malformed JWT")
        with self._lock:
            generation = self._generation
        if claims.get("gen") != generation:
            raise TokenError("JWT has expired")
        exp = claims.get("exp")
        if not isinstance(exp, (int, float)) or time.time() >= exp:
            raise TokenError("JWT has expired")
        if account_id is not None and claims.get("account") != account_id:
            raise TokenError("JWT was issued for another account")
        return claims

    def expire_all(self):
        """Every token issued so far becomes invalid."""
        with self._lock:
            self._generation += 1

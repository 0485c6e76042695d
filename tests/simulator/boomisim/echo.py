"""The ``echo_request`` fault: an error answer that quotes the request back, as some Boomi errors and gateways do.

Boomi's error messages may quote what was sent ("Invalid value ... in {...}"), and a gateway in front of it may quote
the whole request, its headers or the credentials it decoded. The client must mask every secret in whatever form
such a quote shows it: JSON-escaped (with or without ``ensure_ascii``), escaped twice (the body quoted as a JSON
string), trimmed, or the Basic header value. Settings (README section 4):

``{"count": 1, "status": 400, "part": "body", "quote": "json", "commit": false, "operation": null}``

- ``part``: ``body`` (the request body as received), ``values`` (each string of the JSON body, trimmed, in double
  quotes, joined by ``, ``), ``headers`` (``Name: value`` lines joined by ``; ``), ``credentials`` (the Basic credentials decoded,
  ``user:password``, each trimmed).
- ``quote``: ``text`` (text/plain ``Bad request: <quote>``), ``json`` (the API's error shape, ``ensure_ascii``),
  ``json_unicode`` (the same without ``ensure_ascii``), ``json_string`` (the quote itself written as a JSON string
  inside the message: escaped twice in the answer, once after decoding it).
- ``commit``: the request is processed first (its write lands), then answered with the echo.
- ``operation``: only requests of this log operation (e.g. ``IntegrationPackInstance.create``) are echoed.
"""

import base64
import binascii
import json

from .faults import ExtraFault, FaultError, register_fault

PARTS = ("body", "values", "headers", "credentials")
QUOTES = ("text", "json", "json_unicode", "json_string")
KEYS = ("count", "status", "part", "quote", "commit", "operation")


def _parse(value):
    if value is None:
        return None
    if not isinstance(value, dict):
        raise FaultError("echo_request must be an object (or null to clear it)")
    unknown = sorted(set(value) - set(KEYS))
    if unknown:
        raise FaultError("echo_request: unknown key(s) %s" % ", ".join(unknown))
    setting = {"count": 1, "status": 400, "part": "body", "quote": "json", "commit": False, "operation": None}
    setting.update(value)
    count, status = setting["count"], setting["status"]
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise FaultError("echo_request.count must be an integer >= 1")
    if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
        raise FaultError("echo_request.status must be an HTTP status code")
    if setting["part"] not in PARTS:
        raise FaultError("echo_request.part must be one of %s" % ", ".join(PARTS))
    if setting["quote"] not in QUOTES:
        raise FaultError("echo_request.quote must be one of %s" % ", ".join(QUOTES))
    if not isinstance(setting["commit"], bool):
        raise FaultError("echo_request.commit must be true or false")
    if setting["operation"] is not None and not isinstance(setting["operation"], str):
        raise FaultError("echo_request.operation must be a string or null")
    return setting


ECHO = register_fault(ExtraFault("echo_request", _parse))


def take(faults, operation):
    """The echo setting for this request (one of its ``count`` consumed), or None."""
    # pylint: disable=protected-access
    with faults._lock:
        setting = faults.echo_request
        if not setting or (setting["operation"] is not None and setting["operation"] != operation):
            return None
        setting["count"] -= 1
        if setting["count"] <= 0:
            faults.echo_request = None
        return dict(setting)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _quoted(part, body, headers):
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else (body or "")
    if part == "body":
        return text
    if part == "values":
        try:
            decoded = json.loads(text) if text else None
        except ValueError:
            decoded = text
        return ", ".join('"%s"' % value.strip() for value in _strings(decoded))
    if part == "headers":
        return "; ".join("%s: %s" % (name, value) for name, value in headers.items())
    scheme, _sep, value = (headers.get("Authorization") or "").strip().partition(" ")
    if scheme.lower() != "basic":
        return "(no Basic credentials)"
    try:
        user, _sep, password = base64.b64decode(value.strip()).decode("utf-8").partition(":")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return "(unreadable Basic credentials)"
    return "%s:%s" % (user.strip(), password.strip())


def answer(setting, api, body, headers):
    """``(status, body bytes, content type)`` of the echo of this request."""
    quoted = _quoted(setting["part"], body, headers)
    if setting["quote"] == "text":
        return setting["status"], ("Bad request: %s" % quoted).encode("utf-8"), "text/plain"
    if setting["quote"] == "json_string":
        quoted = json.dumps(quoted)
    message = "Bad request: %s" % quoted
    payload = {"errors": [{"message": message}]} if api == "graphql" else {"@type": "Error", "message": message}
    return setting["status"], json.dumps(payload, ensure_ascii=setting["quote"] != "json_unicode").encode("utf-8"), "application/json"

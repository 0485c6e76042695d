# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's one error family, and the rule that no secret ever reaches a message.

Every layer raises :class:`BoomiError` (or a subclass): its message carries the HTTP status, Boomi's
code and the operation, never a secret. This module is the one home of the secrets of a run
(passwords, API tokens, JWTs, the Basic header value, proxy credentials, values sent to encrypted
extension fields): each is registered once, with :func:`register_secret` (or :func:`register_basic`
for Basic credentials), as soon as it is known, together with every form it can take in an answer
(:func:`secret_forms`). :func:`mask` replaces them all in a text, :func:`mask_data` in every string of
a result, and :func:`excerpt` quotes an answer masked *first* and shortened after, so that a secret
cut in half by the shortening can never be printed.

The forms of a secret: as given; stripped of surrounding white space; JSON-escaped with and without
``ensure_ascii`` (and with ``\\/`` for ``/``); JSON-escaped twice and three times (a request body
quoted as a JSON string, as gateways do; GraphQL carries the extensions as a JSON string in its
variables, so that its body already holds them escaped twice); Python-escaped (the repr of a body);
percent-encoded (``quote`` and ``quote_plus``, upper- and lower-case hex). Basic credentials add the
base64 of ``user:password``.

A secret shorter than :data:`SHORT_SECRET` characters (after stripping) is masked only where it stands
whole: the whole text, a quoted string (``"x"``, ``'x'``, ``\\"x\\"``) or the value of a
``key=x`` / ``key: x`` pair ending at a delimiter. Masking every occurrence of one character would wreck
every message. (In a module's result Ansible's own ``no_log`` masking still replaces every occurrence of
a secret option's value as given; see docs/reliability.md.)

A *possible* secret (a value sent to a process property that Boomi has not said it encrypts) is masked
in messages and warnings, not in the data of a result: there the answer tells whether it is plain.
"""

from __future__ import annotations

import base64
import json
import re
import threading

from urllib.parse import quote, quote_plus

REDACTED = '********'
EXCERPT_LENGTH = 200
SHORT_SECRET = 4  # a secret shorter than this is masked where it stands whole only (see the module's docstring)
_SECRETS = {}  # every secret registered: {value: (True when it is only possibly a secret, short, its forms)}
_SECRETS_LOCK = threading.Lock()  # the bulk modules' threads register and mask at the same time
_PATTERNS = {}  # {with the possible secrets or not: what _patterns returns}, emptied by each registration
# A short form stands whole after a quote, '=' or ':' (and one blank), and before a quote (maybe escaped) or a delimiter.
_SHORT_BEFORE = r'(?:(?<=["\'=:])|(?<=[=:] ))'
_SHORT_AFTER = r'(?=\\*["\']|[\s&;,)}\]]|$)'
_HEX = re.compile(r'%[0-9A-F]{2}')


def secret_forms(value):
    """Every form ``value`` can take in an answer or a message (see the module's docstring); never the empty string."""
    value = str(value)
    forms = set()
    for text in (value, value.strip()):
        forms.update((text, repr(text)[1:-1]))
        level = {text}
        for _depth in range(3):  # JSON-escaped once, twice and three times: with and without ensure_ascii, and \\/ for /
            escaped = {json.dumps(item, ensure_ascii=ascii_only)[1:-1] for item in level for ascii_only in (True, False)}
            level = escaped | {form.replace('/', '\\/') for form in escaped}
            forms.update(level)
        for encoded in (quote(text, safe=''), quote(text), quote_plus(text, safe='')):
            forms.update((encoded, _HEX.sub(lambda m: m.group(0).lower(), encoded)))
    forms.discard('')
    return forms


def register_secret(value, possible=False):
    """Remember ``value`` (and each of its forms) as a secret of this process: from now on :func:`mask` hides it.

    ``possible``: a value that may be a secret (sent to a process property Boomi has not said it encrypts): it is masked in
    messages and warnings (:func:`mask`) but not in the data of a result (:func:`mask_data`), where a value the answer shows
    to be plain is shown. Registering it again without ``possible`` makes it a secret everywhere.
    """
    if value is None or isinstance(value, bool) or not str(value).strip():
        return  # (white space only: nothing that could be told apart in a message)
    value = str(value)
    known = _SECRETS.get(value)
    if known is not None and (possible or not known[0]):
        return
    entry = (possible, len(value.strip()) < SHORT_SECRET, frozenset(secret_forms(value)))
    with _SECRETS_LOCK:
        _SECRETS[value] = entry if value not in _SECRETS or not possible else _SECRETS[value]
        _PATTERNS.clear()


def basic_value(user, password):
    """The base64 of ``user:password`` (UTF-8), as an ``Authorization: Basic`` header carries it."""
    return base64.b64encode(('%s:%s' % (user, password)).encode('utf-8')).decode('ascii')


def register_basic(user, password):
    """Register the secrets of Basic credentials: the password and the header value, base64 of ``user:password``."""
    if password is None:
        return
    register_secret(password)
    register_secret(basic_value(user or '', password))


def _patterns(possible):
    """``(long pattern, heads, short pattern, short forms)`` of the secrets (and the possible ones when ``possible``); a pattern
    is None when there is no such form. ``heads``: the first :data:`SHORT_SECRET` characters of each long form (every long
    form has at least as many), to skip fast the texts that hold none."""
    with _SECRETS_LOCK:
        if possible not in _PATTERNS:
            longs, shorts = set(), set()
            for maybe, short, forms in _SECRETS.values():
                if possible or not maybe:
                    (shorts if short else longs).update(forms)
            # A lookahead matches at every position, so that forms that overlap are all found (their spans are merged).
            _PATTERNS[possible] = (
                re.compile('(?=(%s))' % _alternatives(longs)) if longs else None,
                frozenset(form[:SHORT_SECRET] for form in longs),
                re.compile('%s(?=((?:%s)%s))' % (_SHORT_BEFORE, _alternatives(shorts), _SHORT_AFTER)) if shorts else None,
                frozenset(shorts),
            )
        return _PATTERNS[possible]


def _alternatives(forms):
    """A regular expression of ``forms``, the longest first."""
    return '|'.join(re.escape(form) for form in sorted(forms, key=len, reverse=True))


def _spans(pattern, text):
    """The ``(start, end)`` of every form ``pattern`` finds in ``text``: one per position (the longest), overlapping ones too."""
    return [(match.start(1), match.end(1)) for match in pattern.finditer(text) if match.end(1) > match.start(1)]


def mask(text, possible=True):
    """``text`` with every form of every registered secret replaced by ``********`` (parts that overlap become one).

    ``possible=False``: the possible secrets (see :func:`register_secret`) are left as they are."""
    text = text if isinstance(text, str) else str(text)
    longs, heads, shorts, short_forms = _patterns(possible)
    if short_forms and text.strip() in short_forms:
        return REDACTED
    spans = []
    # the heads first: set look-ups, much faster than trying every form at every position
    if longs is not None and any(text[index:index + SHORT_SECRET] in heads for index in range(len(text) - SHORT_SECRET + 1)):
        spans.extend(_spans(longs, text))
    if shorts is not None and any(form in text for form in short_forms):
        spans.extend(_spans(shorts, text))
    out, position = [], 0
    for start, end in sorted(spans):
        if start >= position:  # else it overlaps the span before: they are hidden as one
            out.extend((text[position:start], REDACTED))
        position = max(position, end)
    out.append(text[position:])
    return ''.join(out)


def mask_data(value):
    """``value`` (a result: dicts, lists, strings...) with every string in it masked, but for the possible secrets (a value
    a result shows is plain, as far as the answer tells; messages made from errors were masked in full); the rest kept as is."""
    if isinstance(value, str):
        return mask(value, possible=False)
    if isinstance(value, dict):
        return {key: mask_data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [mask_data(item) for item in value]
    return value


def masked_options(params, lists, plain=None, known=None):
    """``params`` for a result's ``invocation``, the values that may be secrets hidden (options whose secrecy is only known
    once Boomi is read, so that the argument spec cannot mark them ``no_log``).

    ``lists``: ``{option: (sub-option, its aliases...)}``, list options whose items map a name to a value in that dict
    sub-option: each value is ``********`` unless null or ``plain(option, index, name)``; an alias shows only when given.
    An item's ``name`` shows when it is text; any other key of an item, an option outside ``known`` (when given; a
    misspelt option may hold a secret) and anything of another shape (before ansible-core validated it) are hidden whole.
    """
    out = {key: value if known is None or key in known else REDACTED for key, value in params.items()}
    for option, inners in lists.items():
        items = params.get(option)
        if items is not None:
            out[option] = [_masked_item(item, option, index, inners, plain) for index, item in enumerate(items)] if isinstance(items, list) else REDACTED
    return out


def _masked_item(item, option, index, inners, plain):
    if not isinstance(item, dict):
        return REDACTED
    out = {key: REDACTED for key in item if key not in ('name',) + inners}
    out['name'] = item.get('name') if item.get('name') is None or isinstance(item.get('name'), str) else REDACTED
    for inner in (inner for inner in inners if inner in item or inner == inners[0]):
        values = item.get(inner)
        if isinstance(values, dict):
            values = {key: value if value is None or (plain and plain(option, index, key)) else REDACTED for key, value in values.items()}
        out[inner] = REDACTED if values is not None and not isinstance(values, dict) else values
    return out


def excerpt(value, limit=EXCERPT_LENGTH):
    """A one-line quote of ``value`` (text, or the repr of anything else) for a message: masked, then shortened."""
    text = ' '.join(mask(value if isinstance(value, str) else repr(value)).split())
    return text if len(text) <= limit else text[:limit - 3] + '...'


def boomi_message(body):
    """Boomi's error message from a decoded JSON error body, in its documented shapes (None when there is none)."""
    if isinstance(body, dict):
        if isinstance(body.get('error'), dict) and body['error'].get('message'):
            return str(body['error']['message'])
        if body.get('message'):
            return str(body['message'])
        if isinstance(body.get('errors'), list) and body['errors']:
            return '; '.join(str(err.get('message', err)) if isinstance(err, dict) else str(err) for err in body['errors'])
    return None


class BoomiError(Exception):
    """The one error type of the collection.

    ``status`` is the HTTP status (``None`` when there was no answer), ``code`` Boomi's error
    code when it sent one (GraphQL ``extensions.code``), ``operation`` what was being done.
    The message is masked when the error is made and again when it is shown.
    """

    def __init__(self, message, status=None, code=None, operation=None):
        self.message = mask(message)
        self.status = status
        self.code = code
        self.operation = operation
        super().__init__(self.__str__())

    def __str__(self):
        prefix = ': '.join(text % value for text, value in (('%s failed', self.operation), ('HTTP %s', self.status), ('%s', self.code))
                           if value)
        return mask('%s: %s' % (prefix, self.message) if prefix else self.message)

    def to_result(self):
        """The error's fields for ``fail_json``."""
        return {'status': self.status, 'error_code': self.code, 'operation': self.operation}


def access_refused(error, config, basic=False):
    """``error`` (HTTP 401 or 403) naming who was refused: the username for a 401, the account for a 403; else ``error``.

    ``basic``: the request carried the Basic credentials (REST, JWT generation); else the JWT. Names only, never a secret.
    A 403 while acting on ``override_account`` names the sub-account: the partner may not act on it. Every request's refusal
    passes here (``Transport._decode``), JWT generation included.
    """
    if error.status not in (401, 403):
        return error
    user, account = config.get('username'), config.get('account_id')
    if error.status == 403 and config.get('override_account'):
        return BoomiError('override_account %r: the partner account %s may not act on it (%s): it must be a sub-account in the '
                          'partner\'s hierarchy, and the Partner API must be enabled for the partner account'
                          % (config['override_account'], account, error.message), status=403, operation=error.operation)
    if error.status == 403:
        who = 'username %r' % user if user else 'the bearer_token'
        where = 'account_id %r' % account if account else 'its account'
        if config.get('space_guid') and not basic:
            where += ' (space_guid %r)' % config['space_guid']
        hint = "%s may not do this in %s: check account_id and the user's privileges in that account" % (who, where)
    elif basic:
        secret = 'api_token' if config.get('api_token') else 'password'
        hint = 'the credentials of username %r (its %s) were refused: check username and %s' % (user, secret, secret)
    elif user and not config.get('bearer_token'):
        hint = 'the JWT generated for username %r was refused: check username, account_id and space_guid' % user
    else:
        return error
    return BoomiError('%s (%s)' % (error.message, hint), status=error.status, code=error.code, operation=error.operation)


class BoomiConfigError(BoomiError):
    """Bad or missing connection options, raised before any request."""


class BoomiAnswerLost(BoomiError):
    """A request was sent and no answer came back, also after the retries (connection lost, timeout): a write sent so (an
    idempotent one, retried like a read) may or may not have happened."""


class BoomiOutcomeUnknown(BoomiAnswerLost):
    """A write was sent but no answer came back: it may or may not have happened (re-read before sending it again)."""


class BoomiInputError(BoomiError):
    """A module option or role item that is wrong: found before any request, or at least before any write."""

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's one error family, and the rule that no secret ever reaches a message.

Every layer raises :class:`BoomiError` (or a subclass): its message carries the HTTP status, Boomi's
code and the operation, never a secret. The secrets of a run (passwords, API tokens, JWTs, the Basic
header value, proxy credentials) are registered with :func:`register_secret` as soon as they are
known; :func:`mask` replaces them, and :func:`excerpt` quotes an answer masked *first* and shortened
after, so that a secret cut in half by the shortening can never be printed.
"""

from __future__ import annotations

import threading

REDACTED = '********'
EXCERPT_LENGTH = 200
_SECRETS = set()
_SECRETS_LOCK = threading.Lock()  # the bulk modules' threads register and mask at the same time


def register_secret(value):
    """Remember ``value`` as a secret of this process: from now on :func:`mask` hides it."""
    if value is not None and len(str(value)) >= 4:
        with _SECRETS_LOCK:
            _SECRETS.add(str(value))


def mask(text):
    """``text`` with every registered secret replaced (longest first, so that no part of one is left)."""
    text = str(text)
    with _SECRETS_LOCK:
        secrets = sorted(_SECRETS, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


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
        parts = []
        if self.operation:
            parts.append('%s failed' % self.operation)
        if self.status:
            parts.append('HTTP %s' % self.status)
        if self.code:
            parts.append(str(self.code))
        prefix = ': '.join(parts)
        return mask('%s: %s' % (prefix, self.message) if prefix else self.message)

    def to_result(self):
        """The error's fields for ``fail_json``."""
        return {'status': self.status, 'error_code': self.code, 'operation': self.operation}


def override_refused(error, config):
    """``error`` (a 403 while acting on ``override_account``) as the one clear error naming the sub-account; else ``error``."""
    if error.status != 403 or not config.get('override_account'):
        return error
    return BoomiError('override_account %r: the partner account %s may not act on it (%s): it must be a sub-account in the '
                      'partner\'s hierarchy, and the Partner API must be enabled for the partner account'
                      % (config['override_account'], config.get('account_id'), error.message), status=403, operation=error.operation)


def access_refused(error, config, basic=False):
    """``error`` (HTTP 401 or 403) naming who was refused: the username for a 401, the account for a 403; else ``error``.

    ``basic``: the request carried the Basic credentials (REST, JWT generation); else the JWT. Names only, never a secret.
    A 403 while acting on ``override_account`` is :func:`override_refused`.
    """
    if error.status not in (401, 403):
        return error
    user, account = config.get('username'), config.get('account_id')
    if error.status == 403:
        if config.get('override_account'):
            return override_refused(error, config)
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


class BoomiOutcomeUnknown(BoomiError):
    """A write was sent but no answer came back: it may or may not have happened (re-read before sending it again)."""


class BoomiInputError(BoomiError):
    """A module option or role item that is wrong: found before any request, or at least before any write."""

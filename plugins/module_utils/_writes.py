# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The write protocol and the client's write journal (``BoomiClient.writes``): how every write is sent
(:meth:`WriteJournal.send`: re-read before sending again, a refusal checked against a fresh read), every write a client sent,
with its outcome, and what a failed task reports of them.

Each write is one entry: its ``operation`` (``install``, ``attach``, ``schedule``, ``extensions update``...), the ids it is
about, its ``context`` (the element of a bulk module that sent it) and its ``outcome``:

- ``done``: its answer came back (or the re-read after a lost answer found its effect);
- ``done by another run``: refused, but the re-read found its effect: another run made it;
- ``unknown``: sent, its answer lost (the connection lost after sending, no answer within ``timeout``, HTTP 502/504 from a
  gateway, also after the retries of an idempotent write), and nothing settled it: it may have been applied;
- ``failed``: refused: it was not applied.

The rule, for every module: a task that fails after a write that was made or may have been (``done``, ``done by another run``,
``unknown``) reports ``changed: true`` and those writes, each with its outcome (:meth:`WriteJournal.failure_result`, which
``BoomiModule.fail_json`` applies to every failure).
"""

from __future__ import annotations

import threading

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiAnswerLost, BoomiError, BoomiOutcomeUnknown

DONE = 'done'
DONE_BY_ANOTHER_RUN = 'done by another run'
UNKNOWN = 'unknown'
FAILED = 'failed'
MADE = (DONE, DONE_BY_ANOTHER_RUN)  # the effect is there
MAYBE_MADE = (UNKNOWN,)  # the effect may be there
GATEWAY_STATUSES = (502, 504)  # a gateway answered: the request may have reached Boomi
# A create or delete refused with a 4xx status (or a GraphQL error, which has none) is checked against a fresh read: the object
# may have been created or removed by another run since our read (two AWX jobs on one account). Authentication failures and
# rate limits are not such refusals, nor are server errors.
CONFLICT_CHECK_EXCLUDED = frozenset((401, 403, 407, 429))


def _may_be_a_conflict(error):
    return error.status is None or (400 <= error.status < 500 and error.status not in CONFLICT_CHECK_EXCLUDED)


def failure_outcome(error):
    """The outcome of a write whose sending raised ``error`` (a :class:`~.errors.BoomiError`): ``unknown`` when the request
    may have reached Boomi and no answer said what came of it, else ``failed``."""
    if isinstance(error, BoomiAnswerLost) or error.status in GATEWAY_STATUSES:
        return UNKNOWN
    return FAILED


def described(record):
    """A journal entry in words, for a message: ``schedule (process_id P, atom_id A)``."""
    ids = ['%s %s' % (key, ', '.join(value) if isinstance(value, list) else value) for key, value in sorted(record.items())
           if key not in ('operation', 'outcome', 'context') and value not in (None, [], '')]
    return '%s (%s)' % (record['operation'], '; '.join(ids)) if ids else record['operation']


class WriteJournal(list):
    """The writes of one client, in the order they were sent (a list of dicts; threads append to it at once), and the protocol
    every write is sent with (:meth:`send`). ``warn``: where the protocol's warnings go; ``before_write``: called before each
    write, raises to stop (the controller is gone)."""

    def __init__(self, warn=None):
        super().__init__()
        self._warn = warn or (lambda msg: None)
        self._local = threading.local()  # the thread's context (set_context) and last write (last)
        self.before_write = lambda: None

    def set_context(self, context):
        """Mark the writes this thread sends from now on with ``context``: concurrent work tells its writes apart."""
        self._local.context = context

    def last(self):
        """The last write this thread sent (others append to the journal at the same time)."""
        return self._local.entry

    def send(self, record, send, done_already, texts, resend_rest=False):
        """Send one write under the collection's rules and journal it.

        ``send()`` sends it; ``done_already()`` re-reads whether its effect is there (returns a true value then).
        ``texts``: what the warnings say: ``(what, checking, sending again)``.
        - Answer lost (:class:`BoomiOutcomeUnknown`): re-read first; send once more only when the effect is missing.
        - Refused (4xx other than 401/403/407/429): re-read; when the effect is there, another run did it since our read:
          a warning, and the write counts as converged (``outcome: done by another run``), not as a failure.
        ``resend_rest``: a refused write whose effect another run made in part is sent once more (``send()`` then sends the rest).
        A failure leaves the write journalled as :func:`failure_outcome` says: ``unknown`` when it may have been applied
        (also when its answer was lost and the re-read or the second send failed), else ``failed``.
        Returns ``(answer, by_another_run)``: the answer of ``send()``, or ``done_already()``'s value when it was found done.
        """
        self.before_write()
        entry = self._local.entry = dict(record, outcome=UNKNOWN, context=getattr(self._local, 'context', None))  # unknown until settled
        self.append(entry)
        try:
            answer = send()
        except BoomiOutcomeUnknown as exc:
            self._warn('%s; %s' % (exc, texts[1]))
            found = done_already()
            if found:
                entry['outcome'] = DONE
                return found, False
            self._warn(texts[2])
            answer = send()  # a failure here leaves the outcome unknown: the first send may have been applied
        except BoomiError as exc:
            found = _may_be_a_conflict(exc) and done_already()
            if not found and resend_rest and _may_be_a_conflict(exc):
                try:
                    answer = send()  # the part no other run did (a genuine refusal is refused again)
                except BoomiError as again_exc:
                    entry['outcome'] = failure_outcome(again_exc)
                    raise exc from None
                entry['outcome'] = DONE
                return answer, True
            if not found:
                entry['outcome'] = failure_outcome(exc)
                raise
            self._warn('%s was refused (%s), but it is done: another run did it since this task read the account' % (texts[0], exc))
            entry['outcome'] = DONE_BY_ANOTHER_RUN
            return found, True
        entry['outcome'] = DONE
        return answer, False

    def made(self, operation=None):
        """The entries whose effect is there (of ``operation`` when given)."""
        return [r for r in self if r['outcome'] in MADE and operation in (None, r['operation'])]

    def sent(self):
        """The entries whose effect is there or may be: what a failed task reports."""
        return [r for r in self if r['outcome'] in MADE + MAYBE_MADE]

    def may_have_changed(self):
        """Whether a write was made or may have been: the ``changed`` of a task that fails now."""
        return bool(self.sent())

    def report(self):
        """:meth:`sent` as a task's ``writes``: ``write`` (the operation), ``outcome`` and the ids of each."""
        return [dict({key: value for key, value in r.items() if key not in ('operation', 'context')}, write=r['operation'])
                for r in self.sent()]

    def failure_result(self, msg, result):
        """``(msg, result)`` of a failing task, after the writes of this journal: when a write was made or may have been,
        ``changed`` is true and ``writes`` lists them (unless the module's ``result`` has its own, in its own terms: the bulk
        modules), and the message names those whose outcome is unknown."""
        sent = self.sent()
        if not sent:
            return msg, result
        result = dict(result, changed=True)
        if 'writes' not in result:
            result['writes'] = self.report()
            unknown = [described(r) for r in sent if r['outcome'] in MAYBE_MADE]
            if unknown:
                msg = '%s (outcome unknown, the write may have been applied: %s)' % (msg, ', '.join(unknown))
        return msg, result

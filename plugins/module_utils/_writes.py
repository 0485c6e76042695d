# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client's write journal (``BoomiClient.writes``): every write a client sent, with its outcome, and what a failed task
reports of them.

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

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiAnswerLost

DONE = 'done'
DONE_BY_ANOTHER_RUN = 'done by another run'
UNKNOWN = 'unknown'
FAILED = 'failed'
MADE = (DONE, DONE_BY_ANOTHER_RUN)  # the effect is there
MAYBE_MADE = (UNKNOWN,)  # the effect may be there
GATEWAY_STATUSES = (502, 504)  # a gateway answered: the request may have reached Boomi


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
    """The writes of one client, in the order they were sent (a list of dicts; threads append to it at once)."""

    def open(self, record, context=None):
        """Journal a write about to be sent: ``record`` with ``outcome`` unknown (until :meth:`settle`) and ``context``."""
        entry = dict(record, outcome=UNKNOWN, context=context)
        self.append(entry)
        return entry

    @staticmethod
    def settle(entry, outcome):
        entry['outcome'] = outcome

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

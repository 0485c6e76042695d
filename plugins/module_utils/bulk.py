# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the bulk modules (``ipack_instances``, ``ipack_process_schedules``) share: their items run on a bounded pool.

Each item runs on its own thread, its writes marked with its index in the client's write journal (``client.writes``,
``context``); when one fails, no further item is started (those started finish), and the caller reports the writes sent.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.boomi.platform.plugins.module_utils._writes import MADE, MAYBE_MADE
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, BoomiInputError, mask

DEFAULT_CONCURRENCY = 4  # with Boomi's 300 ms or so per request, four items at once reach its 10 requests per second
MAX_CONCURRENCY = 16
# the problems of a task's elements (all found before any write) that its failure lists: in the message, and in ``problems``
MESSAGE_PROBLEMS = 50
RESULT_PROBLEMS = 500


class WriteFailed(BoomiError):
    """A write of one item failed: the cause's message and fields, and the failed result (what was written before it)."""

    def __init__(self, message, cause, result):
        super().__init__(message, status=cause.status, code=cause.code, operation=cause.operation)
        self.result = result

    def __str__(self):
        return mask(self.message)  # the cause's message already names its operation and status


def problems_failure(problems, summary):
    """The :class:`BoomiInputError` for the ``problems`` found in a bulk task's elements, before any write.

    Its message is ``summary`` (a text with ``%d``, the number of problems) and the first :data:`MESSAGE_PROBLEMS` problems,
    then how many more there are; its result has ``problems`` (the first :data:`RESULT_PROBLEMS`) and ``problem_count`` (all):
    a task with thousands of bad elements fails with a message and a result of bounded size.
    """
    shown = '; '.join(problems[:MESSAGE_PROBLEMS])
    if len(problems) > MESSAGE_PROBLEMS:
        more = len(problems) - MESSAGE_PROBLEMS
        shown += '; and %d more (the result\'s problems lists the first %d)' % (more, min(len(problems), RESULT_PROBLEMS))
    error = BoomiInputError('%s: %s' % (summary % len(problems), shown))
    error.result = {'problems': problems[:RESULT_PROBLEMS], 'problem_count': len(problems)}
    return error


def concurrency_problem(concurrency):
    """The message for a ``concurrency`` option out of range, None when it is fine."""
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        return 'concurrency must be between 1 and %d, got %d' % (MAX_CONCURRENCY, concurrency)
    return None


def run_items(client, count, work, concurrency=DEFAULT_CONCURRENCY, sequential=False):
    """``work(index)`` for each item ``0 .. count - 1``, up to ``concurrency`` at once (``sequential``: one after the other,
    in order), each thread's writes marked with the item's index (``client.set_context``).

    A :class:`BoomiError` of an item stops the start of further items (those started finish). Returns one entry per item:
    ``(work's value, None)``, ``(None, the error)``, or None for an item not started.
    """
    outcomes = [None] * count
    stop = threading.Event()

    def run(index):
        if stop.is_set():
            return
        if client is not None:
            client.set_context(index)
        try:
            value = work(index)
        except BoomiError as exc:
            stop.set()
            outcomes[index] = (None, exc)
            return
        outcomes[index] = (value, None)

    workers = max(1, min(concurrency, count))
    if workers == 1 or sequential:
        for index in range(count):
            run(index)
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(run, range(count)))
    return outcomes


def write_failed(exc, index, elements, plans, outcomes, client, option, **describe):
    """The :class:`WriteFailed` for ``exc``, raised by a write of element ``index`` of a bulk module whose elements (``option``,
    each with its ``where``, ``processes[N]``) were planned (``plans``) and run by :func:`run_items` (``outcomes``).

    Its message names the element and what was made before it; its result has ``changed``, the results of the elements done
    and of the failing one as far as it got (under ``option``), and ``writes``: every write sent that was made, or may have
    been, from the client's journal. ``describe`` says it in the module's terms: ``report(element, plan, record)`` (one
    entry of ``writes``, with ``item`` and ``outcome``), ``result(element, value)`` (an element's entry), ``partial(plan,
    records)`` (the value of the writes ``records`` made), ``latest(entries, plans)`` (shows in every entry what the
    others changed), ``label(element, plan)`` and ``words(reports, made)`` (those writes in words, made or not).
    """
    journal = [record for record in client.writes if isinstance(record.get('context'), int)]
    reports = [describe['report'](elements[r['context']], plans[r['context']], r) for r in journal if r['outcome'] in MADE + MAYBE_MADE]
    done = [i for i, outcome in enumerate(outcomes) if outcome is not None and outcome[1] is None]
    entries = [describe['result'](elements[i], outcomes[i][0]) for i in done]
    partial = describe['result'](elements[index], describe['partial'](plans[index], [r for r in journal if r['context'] == index]))
    describe['latest'](entries + [partial], [plans[i] for i in done] + [plans[index]])
    label = describe['label'](elements[index], plans[index])
    made = [describe['label'](elements[i], plans[i]) for i, entry in zip(done, entries) if entry['changed']]
    mine = [r for r in reports if r['item'] == elements[index]['where']]
    this = describe['words']([r for r in mine if r['outcome'] in MADE], True)
    if this:
        made.append('%s (%s)' % (label, this))
    unknown = describe['words']([r for r in mine if r['outcome'] in MAYBE_MADE], False)
    unknown = '; outcome unknown: %s (%s)' % (label, unknown) if unknown else ''
    msg = '%s: %s (changes made before: %s%s)' % (elements[index]['where'], exc, ', '.join(made) or 'none', unknown)
    changed = any(entry['changed'] for entry in entries) or partial['changed']
    return WriteFailed(msg, exc, {'changed': changed, option: entries + [partial], 'writes': reports})

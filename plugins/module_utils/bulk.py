# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bulk engine of ``ipack_instances``, ``ipack_env_extensions_bulk`` and ``ipack_process_schedules``, written once.

The pipeline: check every element before any request (:func:`check`), plan them all (reads only, :func:`plan`: a lookup
error is a problem of its element, two elements claiming one object are refused), then apply (:func:`apply`): up to
``concurrency`` elements at once, each on its own thread, its writes marked with its index in the client's write journal
(``client.writes``, ``context``); when one fails, no further element is started (those started finish), and the failure
reports every write sent (:func:`write_failed`). What differs per resource is a :class:`Kind`, beside its planner.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.boomi.platform.plugins.module_utils._writes import MADE, MAYBE_MADE
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, BoomiInputError, mask
from ansible_collections.boomi.platform.plugins.module_utils.names import check_text

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


def argument_spec(kind, **element):
    """The argument spec of a bulk module: ``kind.option``, a list of elements (``element``: its ``options`` and checks), and ``concurrency``."""
    return {kind.option: dict(type='list', elements='dict', required=True, **element), 'concurrency': dict(type='int', default=DEFAULT_CONCURRENCY)}


def run(module, kind, converge, **options):
    """Run a bulk module: ``concurrency`` and every element checked (:func:`check`) before any request, the module failing
    naming every problem; the elements' ``warnings`` given; then ``converge(client, elements, check_mode, concurrency,
    **options)`` (``client`` None when there is no element) gives the result."""
    concurrency = module.params['concurrency']
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        module.fail_json(msg='concurrency must be between 1 and %d, got %d' % (MAX_CONCURRENCY, concurrency))
    elements, problems = check(kind, module.params[kind.option], module.given_value(kind.option), module.check_mode)
    if problems:
        error = problems_failure(problems, kind.summary)
        module.fail_json(msg=str(error), **error.result)
    for warning in (warning for element in elements for warning in element.get('warnings', ())):
        module.warn(warning)
    module.run(lambda: converge(module.client if elements else None, elements, check_mode=module.check_mode, concurrency=concurrency,
                                **options))


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
        client.set_context(index)
        try:
            outcomes[index] = (work(index), None)
        except BoomiError as exc:
            stop.set()
            outcomes[index] = (None, exc)

    with ThreadPoolExecutor(max_workers=1 if sequential else max(1, min(concurrency, count))) as pool:  # one worker: in order
        list(pool.map(run, range(count)))
    return outcomes


class Kind:
    """What the engine needs to know of one resource; a subclass lives beside its planner.

    ``option`` is the module's list option (``processes``), ``summary`` the message of the problems found (with ``%d``),
    ``lookups`` the operations whose :class:`BoomiError` is a problem of the element, not of the API. A subclass defines:
    ``check(element, raw, where, check_mode, problems)`` (one element checked before any request, ``raw`` as the task gave it,
    its problems appended), ``plan(client, element)`` (reads only; a plan with ``problem`` is reported with the others),
    ``apply(client, element, plan, check_mode)`` (the element's result with its ``diff``), ``label(element, plan)`` (what
    messages, ``writes`` and the diff call it), ``report(element, plan, record)`` (what ``writes`` reports of one write of
    the client's journal besides its ``item``, ``name``, ``write`` and ``outcome``), ``partial(plan, records)`` (the value of
    the element whose write failed, from its journal entries ``records``; the engine sets its ``changed``) and
    ``words(reports, made)`` (those writes in words, made or not). ``echo``: the element's options its result repeats.
    """

    option = None
    summary = None
    lookups = ()
    echo = ()  # the element's options that its entry of the result repeats

    def key(self, element):  # pylint: disable=unused-argument
        """``[(key, text)]``: two elements with one key are refused before any request (``<first> and <second> <text>``)."""
        return []

    def claims(self, element, plan):  # pylint: disable=unused-argument
        """``[(object, text)]``: the objects the plan writes; two elements writing one are refused before any write."""
        return []

    def result(self, element, value):
        """The element's entry of the module's result: ``apply``'s value (or ``partial``'s) without its diff, and ``echo``."""
        return dict({key: item for key, item in value.items() if key != 'diff'}, **{name: element[name] for name in self.echo})

    def latest(self, entries, plans):
        """Show in every entry what the other elements changed (elements may share an object)."""


PENDING_ID = ('%s.instance_id is required, got %r (null or empty is accepted only in check mode, for an instance that an earlier task '
              'would install)')


def check_texts(names, element, raw, where, check_mode, problems, required=()):
    """The name and ID options ``names`` of an element checked as the task gave them (``names.check_text``), None when bad or
    not given; ``instance_id`` None or empty only in check mode (an instance an earlier task would install)."""
    texts = {}
    for name in names:
        value = raw.get(name, element.get(name))
        texts[name] = None
        if name == 'instance_id' and value in (None, ''):
            if not check_mode:
                problems.append(PENDING_ID % (where, value))
        elif name in required and value is None:
            problems.append('%s.%s is required, got None' % (where, name))
        else:
            try:
                texts[name] = check_text('%s.%s' % (where, name), value)
            except BoomiError as exc:
                problems.append(exc.message)
    return texts


def conflicts(claims):
    """``claims``: ``[(where, [(object, text)])]``; a problem ``<first> and <where> <text>`` for the first object of each
    element that an element before it claimed."""
    owners, problems = {}, []
    for where, pairs in claims:
        for claim, text in pairs:
            other = owners.setdefault(claim, where)
            if other != where:
                problems.append('%s and %s %s' % (other, where, text))
                break
    return problems


def check(kind, params, given, check_mode):
    """``(elements, problems)``: every element of ``params`` (``given``: as the task gave them) checked before any request."""
    elements, problems = [], []
    for index, element in enumerate(params):
        raw = given[index] if isinstance(given, list) and index < len(given) and isinstance(given[index], dict) else element
        elements.append(dict(kind.check(element, raw, '%s[%d]' % (kind.option, index), check_mode, problems), index=index))
    return elements, problems + conflicts((element['where'], kind.key(element)) for element in elements)


def plan(kind, client, elements, concurrency=DEFAULT_CONCURRENCY):
    """The plan of every element, read up to ``concurrency`` at a time; nothing is written. Raises :class:`BoomiInputError`
    naming every element that does not fit the account and two that write one object (also in its result, ``problems``);
    :class:`BoomiError` when a read fails."""
    def work(index):
        where = elements[index]['where']
        try:
            return kind.plan(client, elements[index])
        except BoomiError as exc:
            if isinstance(exc, BoomiInputError) or exc.operation in kind.lookups:
                return {'problem': exc.message if exc.message.startswith(where + '.') else '%s: %s' % (where, exc.message)}
            raise BoomiError('%s: %s' % (where, exc.message), status=exc.status, code=exc.code, operation=exc.operation) from exc

    outcomes = run_items(client, len(elements), work, concurrency=concurrency)
    for outcome in outcomes:
        if outcome is not None and outcome[1] is not None:
            raise outcome[1]
    plans = [outcome[0] for outcome in outcomes]
    problems = [p['problem'] for p in plans if p.get('problem')]
    problems += conflicts((e['where'], kind.claims(e, p)) for e, p in zip(elements, plans) if not p.get('problem'))
    if problems:
        raise problems_failure(problems, kind.summary)
    return plans


def apply(kind, client, elements, plans, check_mode=False, concurrency=DEFAULT_CONCURRENCY):
    """Send the writes of ``plans``, up to ``concurrency`` elements at once (in check mode nothing is sent, one after the
    other). Returns the module's result, its diff keyed by each element's label; raises :class:`WriteFailed` when a write fails."""
    outcomes = run_items(client, len(plans), lambda index: kind.apply(client, elements[index], plans[index], check_mode),
                         concurrency=concurrency, sequential=check_mode)
    failed = [index for index, outcome in enumerate(outcomes) if outcome is not None and outcome[1] is not None]
    if failed:
        raise write_failed(kind, failed[0], elements, plans, outcomes, client)
    entries = [kind.result(element, outcome[0]) for element, outcome in zip(elements, outcomes)]
    kind.latest(entries, plans)
    before, after = {}, {}
    for element, the_plan, outcome in zip(elements, plans, outcomes):
        key = kind.label(element, the_plan)
        if key in before:
            key = '%s (%s)' % (key, element['where'])
        before[key], after[key] = outcome[0]['diff']['before'], outcome[0]['diff']['after']
    return {'changed': any(entry['changed'] for entry in entries), kind.option: entries, 'diff': dict(before=before, after=after)}


def converge(kind, client, elements, check_mode=False, concurrency=DEFAULT_CONCURRENCY):
    """Plan and apply: the module's result. ``client`` may be None when there are no elements."""
    if not elements:
        return {'changed': False, kind.option: [], 'diff': dict(before={}, after={})}
    return apply(kind, client, elements, plan(kind, client, elements, concurrency), check_mode=check_mode, concurrency=concurrency)


def write_failed(kind, index, elements, plans, outcomes, client):
    """The :class:`WriteFailed` of element ``index``, whose write failed (``outcomes`` of :func:`run_items`).

    Its message names the element and what was made before it; its result has ``changed``, the entries of the elements done
    and of the failing one as far as it got (under ``kind.option``), and ``writes``: every write sent that was made, or may
    have been, from the client's journal.
    """
    journal = [record for record in client.writes if isinstance(record.get('context'), int)]
    sent = [(elements[r['context']], plans[r['context']], r) for r in journal if r['outcome'] in MADE + MAYBE_MADE]
    reports = [dict(item=e['where'], name=kind.label(e, p), write=r['operation'], outcome=r['outcome'], **kind.report(e, p, r)) for e, p, r in sent]
    done = [i for i, outcome in enumerate(outcomes) if outcome is not None and outcome[1] is None]
    entries = [kind.result(elements[i], outcomes[i][0]) for i in done]
    mine = [r for r in journal if r['context'] == index]
    partial = kind.result(elements[index], dict(kind.partial(plans[index], mine), changed=any(r['outcome'] in MADE + MAYBE_MADE for r in mine)))
    kind.latest(entries + [partial], [plans[i] for i in done] + [plans[index]])
    made = [kind.label(elements[i], plans[i]) for i, entry in zip(done, entries) if entry['changed']]
    msg = '%s: %s (changes made before: %s)' % (elements[index]['where'], outcomes[index][1], failure_words(
        kind, kind.label(elements[index], plans[index]), made, [r for r in reports if r['item'] == elements[index]['where']]))
    changed = any(entry['changed'] for entry in entries) or partial['changed']
    return WriteFailed(msg, outcomes[index][1], {'changed': changed, kind.option: entries + [partial], 'writes': reports})


def failure_words(kind, label, made, mine):
    """What was made before a failure (the labels ``made``, and the failing element's own writes ``mine``) in words."""
    this = kind.words([r for r in mine if r['outcome'] in MADE], True)
    if this:
        made = made + ['%s (%s)' % (label, this)]
    unknown = kind.words([r for r in mine if r['outcome'] in MAYBE_MADE], False)
    return (', '.join(made) or 'none') + ('; outcome unknown: %s (%s)' % (label, unknown) if unknown else '')

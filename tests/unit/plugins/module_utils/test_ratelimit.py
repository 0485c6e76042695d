# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client-side rate limit holds across processes: two module processes on one account stay under Boomi's limit."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import stat
import tempfile

import pytest

from ansible_collections.boomi.platform.plugins.module_utils.client import BoomiClient
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiConfigError
from ansible_collections.boomi.platform.plugins.module_utils.ratelimit import ARRIVAL_MARGIN, WINDOW, SharedRateLimit
from ansible_collections.boomi.platform.tests.unit.conftest import FakeTime, connection


def _acquire(directory, key, count, now, queue):
    """Take ``count`` slots; put the arrival time the limiter counted for each (send + ARRIVAL_MARGIN, or the answer if sooner).

    The times are the limiter's own clock reads, under its file lock. The clock is ``now``, shared by the processes (a
    ``multiprocessing.Value``): a process's sleep moves it forward and returns at once, so no one waits for real."""
    reads = []

    def clock():
        reads.append(now.value)
        return reads[-1]

    def sleep(seconds):
        with now.get_lock():
            now.value += seconds

    limit = SharedRateLimit(10, key, directory=directory, clock=clock, sleep=sleep)
    arrivals = []
    for _n in range(count):
        ticket = limit.acquire()
        sent = reads[-1]  # the clock read of the acquire that let this request go
        limit.done(ticket)
        arrivals.append(min(sent + ARRIVAL_MARGIN, reads[-1]))
    queue.put(arrivals)


def _run(target, args_list):
    context = multiprocessing.get_context('fork')
    queue = context.Queue()
    procs = [context.Process(target=target, args=args + (queue,)) for args in args_list]
    for proc in procs:
        proc.start()
    results = [queue.get(timeout=60) for _proc in procs]
    for proc in procs:
        proc.join(10)
        assert proc.exitcode == 0
    return results


def test_two_processes_share_one_budget(tmp_path):
    now = multiprocessing.get_context('fork').Value('d', 1000000.0)  # (a whole number: the state file keeps 6 decimals)
    stamps = sorted(sum(_run(_acquire, [(str(tmp_path), 'https://api.example|acme', 12, now)] * 2), []))
    assert len(stamps) == 24
    # no window of one second holds more than 10 of them, across the two processes (1e-5: the file keeps 6 decimals)
    assert all(stamps[i + 10] - stamps[i] >= WINDOW - 1e-5 for i in range(len(stamps) - 10)), stamps
    assert stamps[-1] - stamps[0] >= 2 * WINDOW * 0.95  # 24 requests at 10 per second take more than two seconds
    assert os.listdir(str(tmp_path)) and all(name.startswith('ratelimit-') and 'acme' not in name for name in os.listdir(str(tmp_path)))


def test_a_limit_of_zero_never_waits(tmp_path):
    slept = []
    limit = SharedRateLimit(0, 'k', directory=str(tmp_path), sleep=slept.append)
    assert [limit.acquire() for _n in range(50)] == [None] * 50 and slept == []


def test_without_the_limit_the_same_load_is_refused(sim):
    """The control: the same two processes with rate_limit 0 trip the simulator's limit (so the serial test with the limit,
    tests/integration/test_rate_limit_processes.py, can fail)."""
    sim.set_faults(rate_limit_window={'limit': 10, 'window': 1.0})
    params = connection(sim, 'rest', rate_limit=0, max_retries=0)
    context = multiprocessing.get_context('fork')
    procs = [context.Process(target=_read_tolerant, args=(params, 15)) for _n in range(2)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(60)
    assert [e['status'] for e in sim.log].count(503) > 0


def _read_tolerant(params, count):
    client = BoomiClient(params)
    for _n in range(count):
        try:
            client.api.list_packs()
        except Exception:  # pylint: disable=broad-except
            pass


# -- the state file is the user's own (issue 24, point 2) -------------------------------------------------------------------------
KEY = 'https://api.example|acme'


STATE_NAME = 'ratelimit-%s' % hashlib.sha256(KEY.encode('utf-8')).hexdigest()[:24]


def state_file(directory):
    return os.path.join(str(directory), STATE_NAME)


def test_a_state_directory_of_another_user_is_refused(tmp_path):
    directory = tmp_path / 'boomi.platform-0'
    directory.mkdir(mode=0o700)
    os.chown(str(directory), 65534, 65534)  # another local user made it first (the tests run as root)
    with pytest.raises(BoomiConfigError) as raised:
        SharedRateLimit(10, KEY, directory=str(directory))
    message = str(raised.value)
    assert 'rate_limit' in message and str(directory) in message and 'owned by uid 65534' in message, message
    assert 'BOOMI_RATE_LIMIT=0' in message and '\n' not in message
    assert os.listdir(str(directory)) == []


@pytest.mark.parametrize('mode', [0o777, 0o770, 0o702])
def test_a_state_directory_writable_by_others_is_refused(tmp_path, mode):
    directory = tmp_path / 'state'
    directory.mkdir()
    os.chmod(str(directory), mode)
    with pytest.raises(BoomiConfigError, match=r'rate_limit: .*state is writable by .*\(mode %04o\)' % mode):
        SharedRateLimit(10, KEY, directory=str(directory))


def test_a_symlink_is_never_followed(tmp_path):
    victim = tmp_path / 'victim'
    victim.write_text('precious\n')
    directory = tmp_path / 'state'
    directory.mkdir(mode=0o700)
    name = STATE_NAME
    os.symlink(str(victim), str(directory / name))  # planted where the state file goes
    with pytest.raises(BoomiConfigError, match=r'rate_limit: .*%s is a symbolic link' % name):
        SharedRateLimit(10, KEY, directory=str(directory)).acquire()
    assert victim.read_text() == 'precious\n'
    # the directory itself a symlink (to a directory of the user's): refused as well
    os.symlink(str(tmp_path), str(tmp_path / 'link'))
    with pytest.raises(BoomiConfigError, match=r'rate_limit: .*link is a symbolic link, not a directory'):
        SharedRateLimit(10, KEY, directory=str(tmp_path / 'link'))


def test_state_is_kept_in_a_0700_directory_and_0600_files(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, 'tempdir', str(tmp_path))
    old = os.umask(0)  # the most permissive umask: the modes are the collection's own
    try:
        limit = SharedRateLimit(10, KEY)
        limit.done(limit.acquire())
    finally:
        os.umask(old)
    directory = tmp_path / ('boomi.platform-%d' % os.getuid())
    assert limit.path == str(directory / STATE_NAME)
    assert stat.S_IMODE(os.stat(str(directory)).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(limit.path).st_mode) == 0o600
    # an existing directory of the user's that others may read is narrowed to 0700
    os.chmod(str(directory), 0o755)
    SharedRateLimit(10, KEY)
    assert stat.S_IMODE(os.stat(str(directory)).st_mode) == 0o700


@pytest.mark.parametrize('content', [b'\xff\xfe\x00garbage\n', b'not a number at all\n', b'1e400 inf-stamp\n',
                                     b'12.5 ok\nnonsense\n'])
def test_a_corrupt_state_file_is_rebuilt_with_a_warning(tmp_path, content):
    path = state_file(tmp_path)
    with open(path, 'wb') as handle:
        handle.write(content)
    warnings, fake = [], FakeTime()
    limit = SharedRateLimit(10, KEY, directory=str(tmp_path), clock=fake.clock, sleep=fake.sleep, warn=warnings.append)
    tickets = [limit.acquire() for _n in range(10)]
    assert all(tickets) and fake.slept == []
    assert len(warnings) == 1 and 'rate_limit' in warnings[0] and path in warnings[0] and 'rebuilt' in warnings[0], warnings
    with open(path, 'rb') as handle:
        assert sorted(handle.read().decode('utf-8').split()[1::2]) == sorted(tickets)  # rebuilt: only this run's requests
    assert limit.acquire() and fake.slept  # the limit holds again: the 11th waits


def test_stamps_in_the_future_are_ignored(tmp_path):
    """A clock stepped back (or a hostile writer) leaves stamps ahead of now: they would hold every slot for as long."""
    fake = FakeTime()
    path = state_file(tmp_path)
    with open(path, 'w') as handle:
        handle.write(''.join('%.6f other-%d\n' % (fake.now + 30 + n, n) for n in range(10)))
    limit = SharedRateLimit(10, KEY, directory=str(tmp_path), clock=fake.clock, sleep=fake.sleep)
    for _n in range(3):
        limit.acquire()
    assert sum(fake.slept) <= WINDOW, fake.slept


def test_an_unwritable_location_is_one_line_naming_the_way_out(tmp_path, sim, monkeypatch):
    blocker = tmp_path / 'a-file'
    blocker.write_text('')
    monkeypatch.setattr(tempfile, 'tempdir', str(blocker))  # the state directory would be under a regular file
    with pytest.raises(BoomiConfigError) as raised:
        BoomiClient(connection(sim, 'rest', rate_limit=10))
    message = str(raised.value)
    expected = str(blocker / ('boomi.platform-%d' % os.getuid()))
    assert expected in message and 'rate_limit' in message and 'BOOMI_RATE_LIMIT=0' in message and '\n' not in message, message
    assert sim.log == []
    BoomiClient(connection(sim, 'rest', rate_limit=0)).api.list_packs()  # the way out works


@pytest.mark.parametrize('api', ['rest', 'graphql'])
def test_the_rebuild_warning_reaches_the_task(tmp_path, sim, monkeypatch, api):
    monkeypatch.setattr(tempfile, 'tempdir', str(tmp_path))
    warnings = []
    client = BoomiClient(connection(sim, api, rate_limit=10), warn=warnings.append)
    with open(client.transport.rate_limit.path, 'wb') as handle:
        handle.write(b'\x00\x81 not request times')
    client.api.list_packs()
    assert [w for w in warnings if 'rate_limit' in w and 'rebuilt' in w], warnings

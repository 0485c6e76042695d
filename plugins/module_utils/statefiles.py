# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The files the collection keeps on disk, and the one rule for them: they are the user's own.

The rate-limit state (``ratelimit``) and the locks of extension updates (:func:`locked`) live in one private state directory,
``<temp dir>/boomi.platform-<uid>/`` (``tempfile.gettempdir()``: ``TMPDIR``, else ``/tmp``). Files the collection keeps on
disk are the user's own: 0700 directories, 0600 files, never through a symlink.

- :func:`private_directory` creates the directory 0700, or accepts an existing one only when it is a real directory (not a
  symlink) owned by this user and writable by no one else (it is then narrowed to 0700). Anything else is refused with
  :class:`~.errors.BoomiConfigError`: another local user who made that directory first could read what is kept there, or
  plant a symlink that makes the run overwrite a file of the user's.
- :func:`open_private` opens (creates 0600) a file in it with ``O_NOFOLLOW``: a symlink there is refused, not followed.
- :func:`locked` holds exclusive ``fcntl`` locks on lock files there, across the processes and threads of one controller.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl  # POSIX: wherever ansible-core runs a Python module (its module_utils.basic imports fcntl as well)
import os
import stat
import tempfile
import time

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiConfigError

STALE_AFTER = 3600  # a state file (a lock, a rate-limit file) unused this long (seconds) is removed
LOCK_PREFIX = 'lock-'
_NOFOLLOW = os.O_NOFOLLOW | os.O_CLOEXEC


class UnsafeStateError(BoomiConfigError):
    """The state directory or a file in it is not the user's own: refused, never used."""


class StateUnwritableError(BoomiConfigError):
    """The state directory or a file in it cannot be created or opened."""


def default_directory():
    """``<temp dir>/boomi.platform-<uid>``: where the collection keeps its state."""
    return os.path.join(tempfile.gettempdir(), 'boomi.platform-%s' % os.getuid())


def _unsafe(path, problem):
    return UnsafeStateError('%s %s: refused (another local user could read the state kept there or make this run overwrite a file '
                            'of yours)' % (path, problem))


def _refuse_foreign(path, info, kind, what):
    """Refuse ``path`` (its ``lstat``/``fstat`` ``info``) unless it is a ``kind`` (``stat.S_ISDIR``...) owned by this user."""
    if not kind(info.st_mode):
        raise _unsafe(path, 'is not a %s' % what)
    if info.st_uid != os.getuid():
        raise _unsafe(path, 'is owned by uid %d, not by this user (uid %d)' % (info.st_uid, os.getuid()))


def private_directory(directory=None):
    """The private state directory (``directory``, else :func:`default_directory`), created 0700 when missing.

    Raises :class:`UnsafeStateError` when it is a symlink or not a directory, is owned by another user, or is writable by group
    or others; :class:`StateUnwritableError` when it cannot be created or read. The messages name the path; callers add what
    the state is for and what to do.
    """
    path = directory or default_directory()
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise StateUnwritableError('%s cannot be created (%s)' % (path, exc.strerror or exc))
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise StateUnwritableError('%s cannot be read (%s)' % (path, exc.strerror or exc))
    if stat.S_ISLNK(info.st_mode):
        raise _unsafe(path, 'is a symbolic link, not a directory')
    _refuse_foreign(path, info, stat.S_ISDIR, 'directory')
    if info.st_mode & 0o022:
        who = {0o022: 'group and others', 0o020: 'group', 0o002: 'others'}[info.st_mode & 0o022]
        raise _unsafe(path, 'is writable by %s (mode %04o)' % (who, stat.S_IMODE(info.st_mode)))
    if stat.S_IMODE(info.st_mode) != 0o700:
        try:
            os.chmod(path, 0o700)  # ours, and no one else may change it: narrowed so that no one else can list it either
        except OSError as exc:
            raise StateUnwritableError('%s cannot be made private (%s)' % (path, exc.strerror or exc))
    return path


def open_private(directory, name):
    """A file descriptor (read and write) of ``directory/name``, created 0600 when missing, never through a symlink.

    ``directory`` comes from :func:`private_directory`. Raises :class:`UnsafeStateError` for a symlink, something other than a
    regular file, or a file of another user; :class:`StateUnwritableError` when it cannot be opened.
    """
    path = os.path.join(directory, name)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o600)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _unsafe(path, 'is a symbolic link')
        raise StateUnwritableError('%s cannot be opened for writing (%s)' % (path, exc.strerror or exc))
    try:
        info = os.fstat(fd)
        _refuse_foreign(path, info, stat.S_ISREG, 'regular file')
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.fchmod(fd, 0o600)
    except BaseException:
        os.close(fd)
        raise
    return fd


def remove_stale(directory, prefix, keep=None, after=STALE_AFTER):
    """Remove the files ``prefix*`` of ``directory`` (but ``keep``) not modified for ``after`` seconds; symlinks are not followed.

    A lock file is removed only while this process holds its lock (:func:`locked` checks that the file it locked is still the
    one of its name)."""
    now = time.time()
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        path = os.path.join(directory, name)
        if not name.startswith(prefix) or name == keep:
            continue
        try:
            if now - os.lstat(path).st_mtime <= after:
                continue
            if prefix != LOCK_PREFIX:
                os.remove(path)
                continue
            fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                if os.fstat(fd).st_ino == os.lstat(path).st_ino:
                    os.remove(path)
            finally:
                os.close(fd)
        except OSError:
            pass


def _lock_one(directory, name):
    """Hold the lock ``name``; returns its file descriptor (closing it releases the lock)."""
    path = os.path.join(directory, name)
    while True:
        fd = open_private(directory, name)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                current = os.lstat(path).st_ino
            except FileNotFoundError:
                current = None
            if os.fstat(fd).st_ino == current:  # else a stale-file cleaner removed it meanwhile: lock the new one
                os.utime(fd)  # in use: not stale
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)


@contextlib.contextmanager
def locked(names, directory=None, on_error=None):
    """Hold the exclusive locks ``names`` (file names ``lock-...`` in the private state ``directory``, by default
    :func:`default_directory`) for the ``with`` block.

    Each lock serialises the processes and the threads of one controller (one ``flock`` per open file: two threads of one process
    exclude each other too). The locks are taken in sorted order, so that two holders of overlapping sets never wait for each
    other. Lock files unused for an hour are removed. ``on_error(error)``: the error to raise instead of a
    :class:`~.errors.BoomiConfigError` of the directory or a lock file (to say what the lock is for).
    """
    with contextlib.ExitStack() as held:  # closing a lock file releases its lock: all are, in reverse order, whatever happens
        try:
            directory = private_directory(directory)
            remove_stale(directory, LOCK_PREFIX)
            for name in sorted(set(names)):
                held.callback(os.close, _lock_one(directory, name))
        except BoomiConfigError as exc:
            if on_error is None:
                raise
            raise on_error(exc) from None
        yield

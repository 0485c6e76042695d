# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The files the collection keeps on disk are the user's own: 0700 directories, 0600 files, never through a symlink."""

from __future__ import annotations

import os
import stat
import time

import pytest

from ansible_collections.boomi.platform.plugins.module_utils import statefiles
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiConfigError


def mode(path):
    return stat.S_IMODE(os.lstat(str(path)).st_mode)


def test_lock_files_are_the_users_own_and_never_followed(tmp_path):
    directory = tmp_path / 'state'
    old = os.umask(0)
    try:
        with statefiles.locked(['lock-a', 'lock-b'], str(directory)):
            pass
    finally:
        os.umask(old)
    assert mode(directory) == 0o700 and mode(directory / 'lock-a') == 0o600 and mode(directory / 'lock-b') == 0o600
    victim = tmp_path / 'victim'
    victim.write_text('precious\n')
    os.symlink(str(victim), str(directory / 'lock-c'))
    with pytest.raises(statefiles.UnsafeStateError, match='lock-c is a symbolic link'):
        with statefiles.locked(['lock-a', 'lock-c'], str(directory)):
            pass
    assert victim.read_text() == 'precious\n'
    with statefiles.locked(['lock-a'], str(directory)):  # the lock taken before the refusal was let go
        pass


def test_a_directory_of_another_user_is_refused_with_the_callers_words(tmp_path):
    directory = tmp_path / 'state'
    directory.mkdir(mode=0o700)
    os.chown(str(directory), 65534, 65534)
    with pytest.raises(BoomiConfigError, match=r'^locking: .* is owned by uid 65534, not by this user') as raised:
        with statefiles.locked(['lock-a'], str(directory), on_error=lambda exc: BoomiConfigError('locking: %s' % exc.message)):
            pass
    assert os.listdir(str(directory)) == [] and '\n' not in str(raised.value)


def test_stale_files_are_removed_but_never_a_lock_in_use(tmp_path):
    directory = statefiles.private_directory(str(tmp_path / 'state'))
    two_hours_ago = time.time() - 7200
    for name in ('lock-old', 'ratelimit-old', 'ratelimit-new', 'other-old'):
        with open(os.path.join(directory, name), 'w'):
            pass
    for name in ('lock-old', 'ratelimit-old', 'other-old'):
        os.utime(os.path.join(directory, name), (two_hours_ago, two_hours_ago))
    with statefiles.locked(['lock-held'], directory):
        os.utime(os.path.join(directory, 'lock-held'), (two_hours_ago, two_hours_ago))
        statefiles.remove_stale(directory, statefiles.LOCK_PREFIX)
        statefiles.remove_stale(directory, 'ratelimit-')
        assert sorted(os.listdir(directory)) == ['lock-held', 'other-old', 'ratelimit-new']

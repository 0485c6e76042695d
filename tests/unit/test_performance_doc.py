# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""docs/performance.md has one current table at the top, each figure naming the commit it was measured at (issue 26.7)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / 'docs' / 'performance.md').read_text(encoding='utf-8')
COMMIT = re.compile(r'`([0-9a-f]{7,40})`')


def sections(level):
    return re.findall(r'^%s (.+)$' % ('#' * level), PAGE, re.M)


def test_one_current_table_comes_first_and_names_its_commits():
    assert sections(2)[0] == 'Current figures'
    current = PAGE.split('## Current figures', 1)[1].split('\n## ', 1)[0]
    rows = [line for line in current.splitlines() if line.startswith('| ') and not line.startswith('| ---')][1:]
    assert len(rows) >= 7
    for row in rows:
        cells = [c.strip() for c in row.strip('|').split(' | ')]
        assert COMMIT.search(cells[3]), 'a current figure without the commit it was measured at: %s' % row
    assert re.search(r'No run was made at the current head|measured at the current head `[0-9a-f]{7,40}`', current)


def test_every_other_table_of_results_is_history_and_names_its_commit():
    kept = ('Current figures', 'What is measured, and how', 'History', 'Commands that reproduce these numbers', 'Notes')
    top = [s for s in sections(2) if s not in kept]
    assert top == [], 'results outside the history: %s' % top
    history = PAGE.split('\n## History\n', 1)[1].split('\n## Commands', 1)[0]
    for heading in re.findall(r'^###+ (.+)$', history, re.M):
        if re.search(r'result|run|measured|at `', heading, re.I):
            assert COMMIT.search(heading), heading

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """What the bulk modules (ipack_instances, ipack_env_extensions_bulk, ipack_process_schedules) share: one engine
    (plugins/module_utils/bulk.py) checks, plans and applies their elements, and reports a failure the same way."""

    DOCUMENTATION = r"""
options:
  concurrency:
    description:
      - How many elements are planned, and then written, at the same time, 1 to 16 (1 handles them one after the other, in order).
      - The client-side rate limit (O(rate_limit)) holds for all of them together.
    type: int
    default: 4
notes:
  - Every element is checked before the first request, then every element is planned (reads only) before the first write. Bad
    input, a name the account does not know, or two elements that would write one object fail the task before any write, with
    one message naming each problem (the first 50, and how many more there are), RV(problems) (the first 500) and
    RV(problem_count).
  - The writes of one element are sent in order on one thread, up to O(concurrency) elements at once; the results and the diff
    keep the order of the elements. When a write fails, no further element is started (those started finish), and the task fails
    with the error, naming the element and the changes made before; the module's list result has the elements done and then the
    failing one as far as it got, and RV(writes) every write sent, with its outcome. C(changed) is then true when something was
    written, or may have been. Re-running the task continues from where it stopped.
"""

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The filter ``boomi.platform.schedule_text``, documented in ``schedule_text.yml`` next to this file."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.boomi.platform.plugins.module_utils.schedules import schedule_text


def schedule_text_filter(item):
    """A Boomi schedule item (or a list of them) as text that cannot be misread for Boomi's field order."""
    if isinstance(item, (list, tuple)):
        return '; '.join(schedule_text(i) for i in item)
    if not isinstance(item, dict):
        raise AnsibleFilterError('schedule_text expects a schedule item (a dict with minutes, hours, ...), got %s' % type(item).__name__)
    return schedule_text(item)


class FilterModule:
    """The collection's filters for users."""

    def filters(self):
        return {
            'schedule_text': schedule_text_filter,
        }

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each element of a bulk module takes the options of its single module: the same names, types, defaults, choices and
aliases, in the argument spec the module runs with and in its documentation, so that the two cannot drift."""

from __future__ import annotations

import pytest
import yaml

from ansible_collections.boomi.platform.plugins.module_utils import common
from ansible_collections.boomi.platform.plugins.modules import (
    ipack_env_attachment, ipack_env_extensions, ipack_env_extensions_bulk, ipack_instance, ipack_instances, ipack_process_schedule,
    ipack_process_schedules,
)

SPEC_KEYS = ('type', 'elements', 'default', 'choices', 'aliases', 'required', 'no_log')
# the options of ipack_instances's items that are not exactly the single modules' ones, and why
INSTANCES_OWN = {
    'environments': 'omitted, the attachments are left alone (ipack_env_attachment needs them: its default is [])',
}


class ArgumentSpec(Exception):
    """Raised instead of building the module: carries the argument spec ``main()`` passed."""


def argument_spec(module, monkeypatch):
    """The module's own argument spec (the connection options aside), as its ``main()`` builds it."""
    def record(self, argument_spec, **kwargs):
        raise ArgumentSpec(argument_spec)

    monkeypatch.setattr(common.BoomiModule, '__init__', record)
    with pytest.raises(ArgumentSpec) as built:
        module.main()
    return built.value.args[0]


def shape(options, nested='options'):
    """What makes two option specs the same for a user (not the descriptions), recursively; ``nested``: the key of sub-options."""
    return {name: dict({key: spec.get(key) for key in SPEC_KEYS if spec.get(key) not in (None, False)},
                       **({'options': shape(spec[nested], nested)} if spec.get(nested) else {}))
            for name, spec in options.items()}


def documented(module):
    return yaml.safe_load(module.DOCUMENTATION)['options']


@pytest.mark.parametrize('bulk, option, single', [
    (ipack_process_schedules, 'processes', ipack_process_schedule),
    (ipack_env_extensions_bulk, 'extensions', ipack_env_extensions),
], ids=['processes', 'extensions'])
def test_each_element_takes_the_options_of_the_single_module(monkeypatch, bulk, option, single):
    assert shape(argument_spec(bulk, monkeypatch)[option]['options']) == shape(argument_spec(single, monkeypatch))
    assert shape(documented(bulk)[option]['suboptions'], 'suboptions') == shape(documented(single), 'suboptions')


def test_each_item_of_ipack_instances_takes_the_options_of_ipack_instance_and_ipack_env_attachment(monkeypatch):
    """An item is one instance (ipack_instance's pack options and state) and its attachments (ipack_env_attachment's)."""
    items = shape(argument_spec(ipack_instances, monkeypatch)['instances']['options'])
    singles = dict(shape(argument_spec(ipack_env_attachment, monkeypatch)), **shape(argument_spec(ipack_instance, monkeypatch)))
    docs = shape(documented(ipack_instances)['instances']['suboptions'], 'suboptions')
    single_docs = dict(shape(documented(ipack_env_attachment), 'suboptions'), **shape(documented(ipack_instance), 'suboptions'))
    for name in set(items) - set(INSTANCES_OWN):
        assert (name, items[name], docs[name]) == (name, singles[name], single_docs[name])
    assert set(items) - set(singles) == set()  # no option of its own

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module class of ipack_env_extensions and ipack_env_extensions_bulk: an invocation without secrets, and ``secret()``.

The values of ``connections[].fields`` and ``process_properties[].values`` may be secrets that the argument spec cannot
mark ``no_log`` (whether Boomi encrypts a field is known only once it is read): the ``invocation`` shows only those known
to be plain (see ``extensions.masked_params``), and each value sent to an encrypted item is added to the module's
``no_log_values`` (hidden everywhere in the task's output) and to the values ``errors.mask`` hides in messages.
"""

from __future__ import annotations

import threading

from ansible_collections.boomi.platform.plugins.module_utils import extensions as ext
from ansible_collections.boomi.platform.plugins.module_utils.common import BoomiModule
from ansible_collections.boomi.platform.plugins.module_utils.errors import register_secret

_NO_LOG_LOCK = threading.Lock()  # secret() is called from the threads of the bulk module too


class ExtensionsModule(BoomiModule):
    """BoomiModule whose ``invocation`` shows only the values known not to be secrets (``masked``)."""

    plain_paths = frozenset()

    def masked(self, params):
        """``params`` as the invocation shows them: one task's options (``extensions.masked_params``)."""
        return ext.masked_params(params, self.plain_paths)

    def _invocation(self, kwargs):
        kwargs.setdefault('invocation', {'module_args': self.masked(getattr(self, 'params', None) or {})})
        return kwargs

    def exit_json(self, **kwargs):
        super().exit_json(**self._invocation(kwargs))

    def fail_json(self, msg, **kwargs):  # pylint: disable=arguments-differ
        super().fail_json(msg, **self._invocation(kwargs))

    def secret(self, value):
        """Hide ``value`` everywhere in the task's output and messages (from any thread)."""
        with _NO_LOG_LOCK:
            self.no_log_values.add(value)
        register_secret(value)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every module shares: the connection argument spec and :class:`BoomiModule`.

``connection_argument_spec()`` is the one place the connection options of the
``boomi.platform.connection`` doc fragment are declared, each with its ``BOOMI_*``
environment fallback; secrets are ``no_log``. :class:`BoomiModule` builds the client
lazily and turns every :class:`BoomiError` into one ``fail_json`` message.
"""

from __future__ import annotations

import os
import traceback

from ansible.module_utils.basic import AnsibleFallbackNotFound, AnsibleModule

from ansible_collections.boomi.platform.plugins.module_utils.client import API_CHOICES, CONNECTION_OPTIONS, BoomiClient
from ansible_collections.boomi.platform.plugins.module_utils.transport import BoomiError


def nonempty_env_fallback(*names):
    """Like ansible's ``env_fallback``, but an empty variable counts as unset.

    AWX/AAP credential types set every variable of their injectors, to ``""`` for a field left
    empty; an empty ``BOOMI_PASSWORD`` next to a ``BOOMI_API_TOKEN`` must not read as a password.
    """
    for name in names:
        if os.environ.get(name):
            return os.environ[name]
    raise AnsibleFallbackNotFound


def connection_argument_spec():
    """The argument spec of the connection options (doc fragment ``boomi.platform.connection``)."""
    spec = {}
    for name, kind, env, secret in CONNECTION_OPTIONS:
        option = {'type': kind, 'fallback': (nonempty_env_fallback, [env])}
        if secret:
            option['no_log'] = True
        if name == 'api':
            option['choices'] = list(API_CHOICES)
        spec[name] = option
    return spec


class BoomiModule(AnsibleModule):
    """AnsibleModule with the connection options and a lazily built :class:`BoomiClient`."""

    def __init__(self, argument_spec, **kwargs):
        spec = connection_argument_spec()
        spec.update(argument_spec)
        super().__init__(argument_spec=spec, **kwargs)
        self._client = None

    def _load_params(self):
        """The module's parameters; the connection secrets are registered as no_log values at once.

        ansible-core stops collecting no_log values at the first option of the wrong shape (a string
        where ``schedules`` wants a list of dicts, ansible/ansible#81672), and then echoes every
        parameter in clear in the failure's ``invocation``: registering the secrets here, before any
        validation, keeps them masked whatever fails.
        """
        super()._load_params()
        for name, _kind, env, secret in CONNECTION_OPTIONS:
            value = (self.params.get(name) or os.environ.get(env)) if secret else None
            if value:
                self.no_log_values.add(str(value))

    @property
    def client(self):
        if self._client is None:
            self._client = BoomiClient(self.params, warn=self.warn)
        return self._client

    def text_param(self, name, max_length=255, value=None):
        """The option ``name`` checked: not blank, no control characters, not too long (None stays None)."""
        value = self.params.get(name) if value is None else value
        if value is None:
            return None
        shown = value if len(value) <= 60 else value[:57] + '...'
        if not value.strip():
            self.fail_json(msg='%s must not be empty or blank, got %r' % (name, shown))
        if len(value) > max_length:
            self.fail_json(msg='%s is %d characters long, at most %d are allowed: %r' % (name, len(value), max_length, shown))
        if any(ord(char) < 32 for char in value):
            self.fail_json(msg='%s must not contain control characters, got %r' % (name, shown))
        return value

    def pending_instance_id(self):
        """``instance_id`` for modules that follow an install: in check mode, null or empty means "not installed yet".

        A templated ``{{ result.instance.id }}`` of a check-mode install arrives as ``None`` or ``''``;
        then ``None`` is returned and the module predicts its changes without asking the API about the instance.
        """
        value = self.params.get('instance_id')
        if value in (None, '') and self.check_mode:
            return None
        if value is None:
            self.fail_json(msg='instance_id is required (null or empty is accepted only in check mode, for an instance '
                               'that an earlier task would install)')
        return self.text_param('instance_id')

    def fail_on(self, error):
        """One clear failure for a BoomiError (its message scrubbed once more: it may quote an answer)."""
        self.fail_json(msg=self._client.transport.scrub(error) if self._client else str(error), **error.to_result())

    def run(self, compute):
        """Run ``compute()`` (returns the result dict) and exit; BoomiError becomes one clear failure."""
        try:
            result = compute()
        except BoomiError as exc:
            self.fail_on(exc)
        except Exception as exc:  # pylint: disable=broad-except
            self.fail_json(msg='unexpected error: %s' % (self.client.transport.scrub(exc) if self._client else exc),
                           exception=traceback.format_exc() if self._client is None else self.client.transport.scrub(traceback.format_exc()))
        self.exit_json(**result)

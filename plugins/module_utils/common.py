# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every module shares: :class:`BoomiModule`.

It adds the connection options (declared once, in ``connection``) to the module's own, masks the
secrets before any validation, checks name and id options against their values as given (before
ansible-core turns a list or a number into a string), builds the client lazily, and turns every
:class:`~.errors.BoomiError` into one ``fail_json`` message.
"""

from __future__ import annotations

import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.boomi.platform.plugins.module_utils import connection
from ansible_collections.boomi.platform.plugins.module_utils.client import BoomiClient
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, mask, register_secret
from ansible_collections.boomi.platform.plugins.module_utils.names import check_text
from ansible_collections.boomi.platform.plugins.module_utils.transport import REQUESTS_IMPORT_ERROR

_UNSET = object()


class BoomiModule(AnsibleModule):
    """AnsibleModule with the connection options and a lazily built :class:`~.client.BoomiClient`."""

    def __init__(self, argument_spec, mutually_exclusive=None, **kwargs):
        spec = connection.argument_spec()
        spec.update(argument_spec)
        self._client = None
        self.given = {}
        super().__init__(argument_spec=spec, mutually_exclusive=list(connection.MUTUALLY_EXCLUSIVE) + list(mutually_exclusive or []),
                         **kwargs)
        if REQUESTS_IMPORT_ERROR:
            self.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)

    def _load_params(self):
        """The module's parameters; the secrets are registered as no_log values at once, and the values as given kept.

        ansible-core stops collecting no_log values at the first option of the wrong shape (a string
        where ``schedules`` wants a list of dicts, ansible/ansible#81672), and then echoes every
        parameter in clear in the failure's ``invocation``: registering the secrets here, before any
        validation, keeps them masked whatever fails. ``given`` keeps each option as the task gave it:
        ansible-core 2.19 turns ``[A, B]`` into the string ``"['A', 'B']"`` for a ``str`` option.
        """
        super()._load_params()
        self.given = dict(self.params)
        for value in connection.secret_values(self.params):
            self.no_log_values.add(value)
            register_secret(value)

    def given_value(self, name, aliases=()):
        """The option ``name`` (or one of its aliases) as the task gave it."""
        for key in (name,) + tuple(aliases):
            if key in self.given:
                return self.given[key]
        return self.params.get(name)

    def text_option(self, name, value=_UNSET, aliases=(), max_length=255):
        """The name or id option ``name`` checked (see ``names.check_text``) and NFC-normalised; one clear failure otherwise.

        ``value``: a value from inside a list or dict option, as given; else the option itself as given.
        """
        try:
            return check_text(name, self.given_value(name, aliases) if value is _UNSET else value, max_length)
        except BoomiError as exc:
            self.fail_json(msg=exc.message)

    @property
    def client(self):
        if self._client is None:
            self._client = BoomiClient(self.params, warn=self.warn)
        return self._client

    def pending_instance_id(self):
        """``instance_id`` for modules that follow an install: in check mode, null or empty means "not installed yet".

        A templated ``{{ result.instance.id }}`` of a check-mode install arrives as ``None`` or ``''``;
        then ``None`` is returned and the module predicts its changes without asking the API about the instance.
        Outside check mode a null or empty instance_id is an error.
        """
        value = self.given_value('instance_id')
        if value in (None, '') and self.check_mode:
            return None
        if value in (None, ''):
            self.fail_json(msg='instance_id is required (null or empty is accepted only in check mode, for an instance '
                               'that an earlier task would install)')
        return self.text_option('instance_id')

    def fail_on(self, error, **result):
        """One clear failure for a BoomiError, with ``result`` (what was done before it)."""
        self.fail_json(msg=mask(error), **dict(error.to_result(), **result))

    def run(self, plan_and_apply):
        """Run ``plan_and_apply()`` (returns the result dict) and exit; a BoomiError becomes one clear failure."""
        try:
            result = plan_and_apply()
        except BoomiError as exc:
            self.fail_on(exc, **getattr(exc, 'result', {}))
        except Exception as exc:  # pylint: disable=broad-except
            self.fail_json(msg='unexpected error: %s' % mask(exc), exception=mask(traceback.format_exc()))
        self.exit_json(**result)

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

import os
import threading
import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.boomi.platform.plugins.module_utils import connection
from ansible_collections.boomi.platform.plugins.module_utils.client import BoomiClient
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, mask, mask_data, register_secret
from ansible_collections.boomi.platform.plugins.module_utils.names import check_text
from ansible_collections.boomi.platform.plugins.module_utils.transport import REQUESTS_IMPORT_ERROR

_UNSET = object()
_NO_LOG_LOCK = threading.Lock()  # secret() is called from the threads of the bulk modules too


def _parent_and_command(pid):
    """``(parent pid, command line)`` of a process from /proc (Linux); None where it cannot be read."""
    try:
        with open('/proc/%d/stat' % pid) as stat:
            parent = int(stat.read().rsplit(')', 1)[1].split()[1])
        with open('/proc/%d/cmdline' % pid, 'rb') as cmdline:
            command = cmdline.read().replace(b'\0', b' ').decode('utf-8', 'replace')
    except (OSError, ValueError, IndexError):
        return None
    return parent, command


class ControllerWatch:
    """Tells whether the Ansible controller that started this module is gone (killed, or its job cancelled).

    At start it notes the chain of parent processes up to the outermost ``ansible`` process (the ``sh`` that runs the
    module, the worker, ``ansible-playbook``). A process whose parent died is given a new parent: when any link of the
    chain has changed, the controller is gone and nothing more must be written. Where /proc is missing, the direct
    parent is watched.
    """

    def __init__(self):
        self.chain = self._chain()

    @staticmethod
    def _chain():
        chain = []
        pid = os.getpid()
        seen_ansible = False
        while pid > 1 and len(chain) < 32:
            found = _parent_and_command(pid)
            if found is None:
                return chain or [(os.getpid(), os.getppid())]
            parent, command = found
            is_ansible = 'ansible' in command
            if seen_ansible and not is_ansible:
                break
            seen_ansible = seen_ansible or is_ansible
            chain.append((pid, parent))
            pid = parent
        return chain

    def gone(self):
        for pid, parent in self.chain:
            found = _parent_and_command(pid) if os.path.exists('/proc/%d' % os.getpid()) else (os.getppid(), '')
            if found is None or found[0] != parent:
                return True
        return False

    def __call__(self):
        """Raise before a write when the controller is gone."""
        if self.gone():
            raise BoomiError('the Ansible controller that started this task is gone (ansible-playbook was killed or the job '
                             'cancelled): no further write is sent', operation='write')


def _masked_result(result):
    """``result`` with every string masked, but ``invocation``: Ansible masks the options there (``no_log``)."""
    return dict((key, value if key == 'invocation' else mask_data(value)) for key, value in result.items())


class BoomiModule(AnsibleModule):
    """AnsibleModule with the connection options and a lazily built :class:`~.client.BoomiClient`; check mode is supported."""

    def __init__(self, argument_spec, mutually_exclusive=None, masked=None, **kwargs):
        """``masked(params)``: the options as ``invocation`` shows them, when the argument spec cannot mark every secret
        ``no_log`` (whether Boomi encrypts an extensions value is known only once it is read)."""
        spec = connection.argument_spec()
        spec.update(argument_spec)
        self._client = None
        self._masked = masked
        self.given = {}
        self.talks_to = {}  # api and api_reason, added to every result once the options are validated
        kwargs.setdefault('supports_check_mode', True)  # every module predicts its changes in check mode
        super().__init__(argument_spec=spec, mutually_exclusive=list(connection.MUTUALLY_EXCLUSIVE) + list(mutually_exclusive or []),
                         **kwargs)
        self.talks_to = self._talks_to()
        if REQUESTS_IMPORT_ERROR:
            self.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)

    def _talks_to(self):
        """``api`` and ``api_reason`` of the result (see ``connection.chosen_api``); empty while the options are unreadable."""
        params = getattr(self, 'params', None) or {}
        api, reason = connection.chosen_api(params)
        return {'api': api, 'api_reason': reason} if api in connection.API_CHOICES else {}

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
            self.secret(value)

    def secret(self, value):
        """Hide ``value`` everywhere in the task's output (``no_log_values``) and in messages (``errors.mask``), from any thread."""
        with _NO_LOG_LOCK:
            self.no_log_values.add(value)
        register_secret(value)

    def _invocation(self, kwargs):
        """``kwargs`` with the ``invocation`` that ``masked`` shows, if the module has one."""
        if self._masked is not None:
            kwargs.setdefault('invocation', {'module_args': self._masked(getattr(self, 'params', None) or {})})
        return kwargs

    def warn(self, warning, **kwargs):  # pylint: disable=arguments-differ
        """A warning, with every form of every registered secret masked (``errors.mask``)."""
        super().warn(mask(warning), **kwargs)

    def exit_json(self, **kwargs):
        """Exit with the API the module talked to (``api``, ``api_reason``) and the result masked (``errors.mask_data``): an
        answer quoted in it may show a secret in another form."""
        super().exit_json(**_masked_result(dict(self.talks_to, **self._invocation(kwargs))))

    def given_value(self, name, aliases=None):
        """The option ``name`` (or one of its ``aliases``, by default those of its argument spec) as the task gave it."""
        if aliases is None:
            aliases = self.argument_spec.get(name, {}).get('aliases') or ()
        return next((self.given[key] for key in (name,) + tuple(aliases) if key in self.given), self.params.get(name))

    def text_option(self, name, value=_UNSET, aliases=None, max_length=255):
        """The name or id option ``name`` checked (see ``names.check_text``) and NFC-normalised; one clear failure otherwise.

        ``value``: a value from inside a list or dict option, as given; else the option itself as given.
        """
        try:
            return check_text(name, self.given_value(name, aliases) if value is _UNSET else value, max_length)
        except BoomiError as exc:
            self.fail_json(msg=exc.message)

    def text_options(self, *names):
        """The name or id options ``names``, each checked as :meth:`text_option` does, in that order."""
        return [self.text_option(name) for name in names]

    def text_list(self, name):
        """The elements of the list option ``name``, each checked as the task gave it (:meth:`text_option`: a float or a boolean
        is refused, not turned into text)."""
        given = self.given_value(name)
        return [self.text_option(name, value=ref) for ref in (given if isinstance(given, list) else self.params[name])]

    @property
    def client(self):
        if self._client is None:
            self._client = BoomiClient(self.params, warn=self.warn)
            self._client.writes.before_write = ControllerWatch()
        return self._client

    def pending_instance_id(self):
        """``instance_id`` for modules that follow an install: in check mode, null or empty means "not installed yet".

        A templated ``{{ result.instance.id }}`` of a check-mode install arrives as ``None`` or ``''``;
        then ``None`` is returned and the module predicts its changes without asking the API about the instance.
        Outside check mode a null or empty instance_id is an error.
        """
        return self.pending_id('instance_id', 'an instance that an earlier task would install')

    def pending_id(self, name, what):
        """The id option ``name`` of an object that an earlier task makes (``what`` says which, for the error): in check mode,
        null or empty means "not made yet" and ``None`` is returned (the module predicts without asking the API about it).
        Outside check mode a null or empty value is an error."""
        value = self.given_value(name)
        if value in (None, '') and self.check_mode:
            return None
        if value in (None, ''):
            self.fail_json(msg='%s is required (null or empty is accepted only in check mode, for %s)' % (name, what))
        return self.text_option(name)

    def fail_json(self, msg, **kwargs):  # pylint: disable=arguments-differ
        """Every failure of the module: after a write that was made or may have been, ``changed`` is true and ``writes`` lists
        them with their outcome (the client's journal, ``_writes.WriteJournal.failure_result``); the message and the result are
        masked (``errors.mask_data``), and it names the API the module talked to or would have (``api``, ``api_reason``)."""
        if self._client is not None:
            msg, kwargs = self._client.writes.failure_result(msg, kwargs)
        super().fail_json(mask(msg), **_masked_result(dict(self.talks_to or self._talks_to(), **self._invocation(kwargs))))

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

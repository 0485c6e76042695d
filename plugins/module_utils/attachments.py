# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""An instance's attachments, planned and applied: to environments (``ipack_env_attachment``) or, on an account without
environments, to Runtimes directly (``ipack_atom_attachment``). One planner for both kinds, over the client's attach machinery
(``BoomiClient.change_attachments`` and its ``kind``, ``client.ATTACHMENT_KINDS``).

A plan is ``{kind, instance_id, names, current, to_attach, to_detach}`` (``names``: target ID to name); applied, the module's
result: ``attachments`` (each with ``<kind>_name``), ``attached``, ``detached`` (names) and a diff of the targets' names.
"""

from __future__ import annotations

from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiInputError
from ansible_collections.boomi.platform.plugins.module_utils.names import membership_changes

# kind -> (the target's key in an attachment, the key of its name in the result, the diff's key)
KINDS = {
    'environment': ('environment_id', 'environment_name', 'environments'),
    'atom': ('atom_id', 'atom_name', 'atoms'),
}


def _targets(client, kind, refs):
    """``(wanted targets, {id: name} of every target)``; BoomiError for an unknown or ambiguous ref."""
    if kind == 'environment':
        return client.resolve_environments(refs, with_atoms=False), client.list_environments(with_atoms=False)
    return client.resolve_atoms(refs), client.list_atoms()


def plan(client, instance_id, refs, state='present', exclusive=False, kind='environment'):
    """The instance's attachments of ``kind`` as they are and the ones to create and remove; nothing is written.

    ``instance_id`` None: an instance an earlier task would install (check mode); it has no attachments and is not asked
    about. ``refs``: IDs or exact names of environments (Runtimes for ``kind='atom'``), already checked. Raises
    :class:`BoomiError` for an unknown or ambiguous one, :class:`BoomiInputError` for an instance that does not exist.
    """
    wanted, every = _targets(client, kind, refs)
    names = {t['id']: t['name'] for t in every}
    current = client.list_attachments(instance_id, kind) if instance_id else []
    if instance_id and not current and not client.instance_exists(instance_id):
        # no attachments can also mean no such instance: say so before predicting or sending anything
        raise BoomiInputError('instance_id %r: no such integration pack instance' % instance_id)
    to_attach, to_detach = membership_changes(current, [t['id'] for t in wanted], KINDS[kind][0], state, exclusive)
    return {'kind': kind, 'instance_id': instance_id, 'names': names, 'current': current, 'to_attach': to_attach, 'to_detach': to_detach}


def apply(client, plan_, check_mode=False):
    """Detach and attach as ``plan_`` (see :func:`plan`) says; in check mode nothing is sent. Returns the module's result."""
    kind, names, current, to_attach, to_detach = plan_['kind'], plan_['names'], plan_['current'], plan_['to_attach'], plan_['to_detach']
    key, name_key, diff_key = KINDS[kind]
    after = client.change_attachments(plan_['instance_id'], current, to_attach, to_detach, check_mode=check_mode, kind=kind)
    after = sorted(({**a, name_key: names.get(a[key])} for a in after), key=lambda a: (a[name_key] or '', a[key]))
    return dict(
        changed=bool(to_attach or to_detach),
        attachments=after,
        attached=sorted(names.get(i, i) for i in to_attach),
        detached=sorted(names.get(a[key], a[key]) for a in to_detach),
        diff=dict(before={diff_key: sorted(names.get(a[key], a[key]) for a in current)},
                  after={diff_key: [a[name_key] or a[key] for a in after]}),
    )


def run(module, option, kind):
    """``main()`` of an attachment module after its BoomiModule: ``instance_id``, the list option ``option``, ``state``,
    ``exclusive``; fails before any request for bad input."""
    state = module.params['state']
    exclusive = module.params['exclusive']
    instance_id = module.pending_instance_id()
    refs = module.text_list(option)
    if exclusive and state == 'absent':
        module.fail_json(msg='exclusive=true is only valid with state=present')
    module.run(lambda: apply(module.client, plan(module.client, instance_id, refs, state, exclusive, kind), check_mode=module.check_mode))

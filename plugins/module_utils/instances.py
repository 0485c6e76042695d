# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The items of ``ipack_instances``: their options, their plan from one read of the account (:func:`plan_items`), and
the :class:`InstancesKind` that the bulk engine (``bulk.apply``) applies them with."""

from __future__ import annotations

from ansible_collections.boomi.platform.plugins.module_utils._writes import MADE
from ansible_collections.boomi.platform.plugins.module_utils.bulk import Kind, conflicts, problems_failure
from ansible_collections.boomi.platform.plugins.module_utils.client import override_name_problem
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError
from ansible_collections.boomi.platform.plugins.module_utils.names import membership_changes, nfc

ITEM_SPEC = dict(
    integration_pack_id=dict(type='str'),
    integration_pack_name=dict(type='str'),
    override_name=dict(type='str', aliases=['integration_pack_override_name']),
    environments=dict(type='list', elements='str'),
    exclusive=dict(type='bool', default=False),
    state=dict(type='str', choices=['present', 'absent'], default='present'),
)
ITEM_PACK = ('integration_pack_id', 'integration_pack_name')  # one of them, not both
ITEM_TEXT_OPTIONS = (('integration_pack_id', ()), ('integration_pack_name', ()), ('override_name', ('integration_pack_override_name',)))
VERBS = {'install': ('installed', 'install'), 'uninstall': ('uninstalled', 'uninstall'), 'attach': ('attached to', 'attach to'),
         'detach': ('detached from', 'detach from')}


def display_name(pack_name, override_name):
    return '%s / %s' % (pack_name, override_name) if override_name else pack_name


def env_names(names, attachments):
    """The sorted environment names of ``attachments`` (the ID where the name is unknown)."""
    return sorted(names.get(a['environment_id'], a['environment_id']) for a in attachments)


def resolve_environments(client, refs, option):
    """``(environments, problems)`` for the environment IDs or names ``refs``: one looked up at a time, so that every
    unknown or ambiguous one is reported, not only the first."""
    found, problems = [], []
    for ref in refs:
        try:
            env = client.resolve_environments([ref], option=option, with_atoms=False)[0]
        except BoomiError as exc:
            if exc.operation != 'environment lookup':
                raise  # the API failed: not a problem of the item
            if exc.message not in problems:
                problems.append(exc.message)
            continue
        if env not in found:
            found.append(env)
    return found, problems


def resolve_item(client, item, problems):
    """``(item, pack, wanted environments)`` of one item (None when its pack is unknown); its problems appended to ``problems``."""
    where, wanted, pack = item['where'], None, None
    try:
        pack = client.resolve_pack(item['integration_pack_id'], item['integration_pack_name'])
    except BoomiError as exc:
        if exc.operation != 'pack lookup':
            raise  # the API failed: not a problem of the item
        problems.append('%s: %s' % (where, exc.message))
    problem = override_name_problem(pack, item['override_name']) if pack else None
    if problem:
        problems.append('%s: %s' % (where, problem))
    if item['state'] == 'present' and item['environments'] is not None:
        wanted, env_problems = resolve_environments(client, item['environments'], '%s.environments' % where)
        problems.extend(env_problems)
    return (item, pack, wanted) if pack else None


def plan_step(item, pack, wanted, instance, attachments):
    """One item's step: what it is now and its writes."""
    had = attachments.get(instance['id'], []) if instance else []
    step = dict(item=item, pack=pack, name=display_name(pack['name'], item['override_name'] or None), instance=instance, attachments=had,
                install=False, uninstall=False, to_attach=[], to_detach=[])
    if item['state'] == 'absent':
        if instance:
            step.update(uninstall=True, to_detach=list(had))
    else:
        step['install'] = instance is None
        if wanted is not None:
            step['to_attach'], step['to_detach'] = membership_changes(had, [e['id'] for e in wanted], 'environment_id', 'present', item['exclusive'])
    return step


def plan_items(client, items, include_atoms=False, concurrency=1):
    """Every item checked against the account and its writes worked out, from one read of the account; nothing is written.

    ``items``: the checked items (see :meth:`InstancesKind.check`); ``concurrency`` > 1 sends the first reads at the same time.
    Returns ``{'names', 'steps', 'atoms'}``: ``names`` maps environment IDs to names; one step per item, in order: ``item``,
    ``pack``, ``name`` (what results call it), ``instance`` (installed now, or None), ``attachments`` (its attachments
    now), and the writes: ``install``, ``uninstall`` (booleans), ``to_attach`` (environment IDs), ``to_detach``
    (attachments); ``atoms`` (``include_atoms``) the Atoms of each environment. Raises :class:`BoomiInputError` naming every
    problem of every item (unknown or ambiguous packs and environments, override names, two items for one instance; also in
    its result, ``problems``), and :class:`BoomiError` when a read fails.
    """
    if not items:
        return {'names': {}, 'steps': []}
    installed = client.read_account(together=concurrency > 1)  # the attachments are read after the instances
    problems = []
    resolved = [found for found in (resolve_item(client, item, problems) for item in items) if found]
    problems += conflicts((item['where'], [((pack['id'], item['override_name'] or None), 'describe the same instance (%s): give each '
                                            'instance once' % display_name(pack['name'], item['override_name']))]) for item, pack, _wanted in resolved)
    if problems:
        raise problems_failure(problems, InstancesKind.summary)
    names = {e['id']: e['name'] for e in client.list_environments(with_atoms=False)}
    current = {}
    for instance in installed:
        current.setdefault((instance['integration_pack_id'], nfc(instance['override_name']) or None), instance)
    found = [current.get((pack['id'], item['override_name'] or None)) for item, pack, _wanted in resolved]
    attachments = client.attachments_by_instance([instance['id'] for instance in found if instance])
    steps = [plan_step(item, pack, wanted, instance, attachments) for (item, pack, wanted), instance in zip(resolved, found)]
    atoms = {e['id']: list(e['atom_ids']) for e in client.list_environments(with_atoms=True)} if include_atoms else None
    return {'names': names, 'steps': steps, 'atoms': atoms}


def attachment_results(attachments, names, atoms=None):
    """The ``attachments`` as results show them, sorted by environment name; with ``atoms`` (``include_atoms``: the Atoms of
    each environment, :func:`plan_items`) each has the ``atom_ids`` of its environment."""
    found = sorted(({'id': a['id'], 'environment_id': a['environment_id'], 'environment_name': names.get(a['environment_id'])} for a in attachments),
                   key=lambda a: (a['environment_name'] or '', a['environment_id'] or ''))
    if atoms is not None:
        for attachment in found:
            attachment['atom_ids'] = list(atoms.get(attachment['environment_id'], []))
    return found


class InstancesKind(Kind):
    """The items of ``ipack_instances`` for the bulk engine; ``names`` maps environment IDs to names and ``atoms`` (with
    ``include_atoms``, else None) environment IDs to their Atoms (:func:`plan_items`), ``text(option, value)`` checks a name
    or ID option as given (the module's ``text_option``: the first bad one fails)."""

    option = 'instances'
    summary = '%d item(s) of instances are wrong, nothing was changed'

    def __init__(self, names=None, text=None, atoms=None):
        self.names = names or {}
        self.atoms = atoms
        self.text = text

    def check(self, element, raw, where, check_mode, problems):
        checked = dict(element, where=where)
        for name, aliases in ITEM_TEXT_OPTIONS:
            checked[name] = self.text('%s.%s' % (where, name), next((raw[key] for key in (name,) + aliases if key in raw), None))
        if element['environments'] is not None:
            refs = raw.get('environments')
            checked['environments'] = [self.text('%s.environments' % where, ref) for ref in (refs if isinstance(refs, list) else element['environments'])]
        elif element['exclusive']:
            checked['environments'] = []  # exclusive without environments: attached to none
        return checked

    def apply(self, client, element, plan, check_mode):
        """The step's writes (none in check mode); ``plan['result']`` is the item's result as far as it got."""
        pack, instance, names = plan['pack'], plan['instance'], self.names
        result = plan['result'] = dict(
            name=plan['name'], id=instance['id'] if instance else None, integration_pack_id=pack['id'], integration_pack_name=pack['name'],
            override_name=element['override_name'] or None, installation_type=pack['installation_type'], state=element['state'],
            changed=False, installed=False, uninstalled=False, attached=[], detached=[], attachments=[])
        if plan['uninstall']:
            client.change_attachments(result['id'], plan['attachments'], [], plan['to_detach'], check_mode=check_mode)
            if not check_mode:
                client.uninstall_instance(result['id'])
            result.update(changed=True, uninstalled=True, id=None, detached=env_names(names, plan['to_detach']))
        elif element['state'] == 'present':
            if plan['install']:
                # the client refuses an answer that names another pack or override name than the one sent (BoomiError)
                result.update(changed=True, installed=True, id=None if check_mode else client.install_instance(
                    pack['id'], result['override_name'], include_processes=False)['id'])
            after = client.change_attachments(result['id'], plan['attachments'], plan['to_attach'], plan['to_detach'], check_mode=check_mode)
            result.update(changed=result['changed'] or bool(plan['to_attach'] or plan['to_detach']), attachments=attachment_results(after, names, self.atoms),
                          attached=sorted(names.get(i, i) for i in plan['to_attach']), detached=env_names(names, plan['to_detach']))
        return dict(result, diff=dict(before={'installed': bool(instance), 'environments': env_names(names, plan['attachments'])},
                                      after={'installed': element['state'] == 'present',
                                             'environments': [a['environment_name'] for a in result['attachments']]}))

    def label(self, element, plan):
        return plan['name']

    def report(self, element, plan, record):
        return {'instance_id': record.get('instance_id'), 'environments': sorted(self.names.get(e, e) for e in record.get('environment_ids') or [])}

    def partial(self, plan, records):
        made = [w for w in records if w['outcome'] in MADE]
        names = self.names

        def environments(operation):
            return sorted({e for w in made if w['operation'] == operation for e in w.get('environment_ids') or []})

        installs = [w for w in made if w['operation'] == 'install']
        uninstalled = any(w['operation'] == 'uninstall' for w in made)
        attached, detached = environments('attach'), environments('detach')
        kept = [a for a in plan['attachments'] if a['environment_id'] not in detached]
        kept += [{'id': None, 'environment_id': e} for e in attached if e not in {a['environment_id'] for a in kept}]
        # an install's journal entry has the new instance's ID (not when another run installed it: apply noted it then)
        instance_id = (installs[-1].get('instance_id') if installs else None) or plan['result']['id']
        return dict(plan['result'], installed=bool(installs),
                    uninstalled=uninstalled, id=None if uninstalled else instance_id, attached=sorted(names.get(e, e) for e in attached),
                    detached=sorted(names.get(e, e) for e in detached), attachments=[] if uninstalled else attachment_results(kept, names, self.atoms))

    def words(self, reports, made):
        return '; '.join(described(report, made) for report in reports)


def described(report, made):
    """One report of ``writes`` in words: "attached to Test" when ``made``, else "attach to Test"."""
    verb = VERBS.get(report['write'], (report['write'], report['write']))[0 if made else 1]
    return ' '.join([verb] + ([', '.join(report['environments'])] if report['environments'] else []))

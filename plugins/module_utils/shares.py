# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Integration pack shares with account groups, in the publisher account (``ipack_account_group``).

GraphQL has no call for account groups: they are read and written through the REST API (``REST_WITH_GRAPHQL['pack shares']``
in ``client``) with the client's credentials, every write through the client's write protocol (``_writes.WriteJournal.send``).
A share is ``{id, account_group_id, account_group_name, integration_pack_id, integration_pack_name}``.
"""

from __future__ import annotations

from ansible_collections.boomi.platform.plugins.module_utils._shapes import first
from ansible_collections.boomi.platform.plugins.module_utils.names import pick


def _by_group_name(shares):
    return sorted(shares, key=lambda s: (s['account_group_name'] or '', s['account_group_id'] or ''))


class PackShares:
    """The account groups of the account (read once) and the shares of packs with them, through ``client`` (a BoomiClient)."""

    def __init__(self, client):
        self.client = client
        self._groups = None

    def _api(self):
        return self.client.rest_for('pack shares')

    def list_account_groups(self):
        """The account's account groups ``[{id, name, default_group}]``, sorted by name (read once)."""
        api = self._api()
        if self._groups is None:
            self._groups = sorted(api.list_account_group_refs(), key=lambda g: (g['name'] or '', g['id']))
        return self._groups

    def group_names(self):
        """``{account group id: name}``."""
        return {g['id']: g['name'] for g in self.list_account_groups()}

    def resolve_account_groups(self, refs, option='account_groups'):
        """Account groups for ids or exact names, in the order given (no duplicates); BoomiError naming the known groups
        for an unknown name, and the ids for a name several groups share. Nothing is written before this."""
        groups = self.list_account_groups()
        return pick(groups, refs, 'account group', option, known=[g['name'] for g in groups])

    def list_pack_shares(self, integration_pack_id, account_group_ids=None):
        """The shares of one pack with the account groups (every group of the account when None), sorted by group name."""
        names = self.group_names()
        group_ids = list(names) if account_group_ids is None else list(account_group_ids)
        found = self._api().list_pack_shares(group_ids) if group_ids else []
        return _by_group_name(dict(s, account_group_name=names.get(s['account_group_id'])) for s in found
                              if s['integration_pack_id'] == integration_pack_id and s['account_group_id'] in group_ids)

    def share_pack(self, pack, account_group_id):
        """Share ``pack`` (from resolve_pack) with one account group; returns the share.

        After a lost answer the group's shares are read again and the share sent once more only when it is missing; a refusal
        (Boomi refuses a pack already shared with the group) whose share exists counts as done by another run.
        """
        api = self._api()
        name = self.group_names().get(account_group_id)
        answer, _by_another_run = self.client.writes.send(
            {'operation': 'share pack', 'integration_pack_id': pack['id'], 'account_group_id': account_group_id},
            lambda: api.share_pack(pack['id'], account_group_id), lambda: first(self.list_pack_shares(pack['id'], [account_group_id])),
            ('the share of integration pack %s with account group %s (%s)' % (pack['name'], name, account_group_id),
             'checking whether the pack is shared with the group', 'the pack is not shared with the group; sending the share once more'))
        self.client.writes.last()['share_id'] = answer['id']
        return dict(answer, account_group_id=account_group_id, account_group_name=name, integration_pack_id=pack['id'],
                    integration_pack_name=answer.get('integration_pack_name') or pack['name'])

    def unshare_pack(self, share):
        """Remove one share (a lost answer is re-read; a share already gone counts as removed, with a warning)."""
        api = self._api()
        pack_id, group_id = share['integration_pack_id'], share['account_group_id']
        self.client.writes.send(
            {'operation': 'unshare pack', 'integration_pack_id': pack_id, 'account_group_id': group_id, 'share_id': share['id']},
            lambda: api.unshare_pack(share['id']),
            lambda: not any(s['id'] == share['id'] for s in self.list_pack_shares(pack_id, [group_id])),
            ('the unshare of integration pack %s from account group %s (%s)' % (share['integration_pack_name'], share['account_group_name'], group_id),
             'checking whether the share is gone', 'the share still exists; sending the unshare once more'))

    def change_pack_shares(self, pack, current, to_share, to_unshare, check_mode=False):
        """Remove ``to_unshare``, then share with ``to_share`` (see ``names.membership_changes``); the pack's shares afterwards,
        sorted by group name. In check mode nothing is sent: the shares as they would be, ``id=None`` for those to be made."""
        names = self.group_names()
        gone = {s['id'] for s in to_unshare}
        after = [s for s in current if s['id'] not in gone]
        if not check_mode:
            for share in to_unshare:
                self.unshare_pack(share)
        for group_id in to_share:
            after.append({'id': None, 'account_group_id': group_id, 'account_group_name': names.get(group_id),
                          'integration_pack_id': pack['id'], 'integration_pack_name': pack['name']}
                         if check_mode else self.share_pack(pack, group_id))
        return _by_group_name(after)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The elements of ``ipack_env_extensions_bulk`` for the bulk engine: each one instance in one environment (and optionally
one process), checked, planned (``extensions.prepare``) and written (``extensions.finish``) as ``ipack_env_extensions`` does."""

from __future__ import annotations

import copy

from ansible_collections.boomi.platform.plugins.module_utils import extensions as ext
from ansible_collections.boomi.platform.plugins.module_utils._writes import MADE
from ansible_collections.boomi.platform.plugins.module_utils.bulk import Kind, check_texts
from ansible_collections.boomi.platform.plugins.module_utils.errors import BoomiError, BoomiInputError, register_secret
from ansible_collections.boomi.platform.plugins.module_utils.names import check_text

PENDING = '(instance not installed yet)'
COMPONENTS = {ext.CONNECTIONS: 'connection', ext.PROPERTIES: 'process property component'}


def object_label(obj):
    """``<environment name> / <process name>`` of an extensions object (the environment name for a single-install pack)."""
    return ' / '.join(part for part in (obj['environment_name'] or obj['environment_id'], obj['process_name']) if part)


class ExtensionsKind(Kind):
    """``secret(value)`` hides a value sent to an encrypted item (``extensions.hide_secrets``, as each element is planned) or
    that an answer shows to be encrypted; ``plain`` (a dict) gets each element's values known to be plain, by index, for the
    invocation (set from the threads); ``check_mode``: planned for check mode."""

    option = 'extensions'
    summary = '%d problem(s) in extensions, nothing was changed'
    lookups = ('environment lookup', 'process lookup', 'instance lookup')
    echo = ('instance_id', 'environment', 'process')

    def __init__(self, secret=register_secret, plain=None, check_mode=False):
        self.secret = secret
        self.plain = {} if plain is None else plain
        self.check_mode = check_mode

    def check(self, element, raw, where, check_mode, problems):
        """``{'where', 'instance_id', 'environment', 'process', 'update_secrets', 'asked', 'bad'}`` (``asked`` from
        ``extensions.wanted``, ``bad``: a name or id option is wrong); a problem never shows the value of a field or property."""
        found = len(problems)
        texts = check_texts(('instance_id', 'environment', 'process'), element, raw, where, check_mode, problems, required=('environment',))
        texts['bad'] = len(problems) > found  # a bad name or id: not compared with the other elements

        def text(option, value):
            try:
                return check_text(option, value)
            except BoomiError as exc:
                problems.append(exc.message)
                return value if isinstance(value, str) else repr(value)

        try:
            asked = ext.wanted(ext.given_items(element, raw, 'connections'), ext.given_items(element, raw, 'process_properties'),
                               element.get('dynamic_process_properties'), text=text, prefix=where + '.')
        except BoomiInputError as exc:
            problems.extend(getattr(exc, 'problems', [exc.message]))
            asked = None
        return dict(texts, where=where, update_secrets=element.get('update_secrets') or 'on_create', asked=asked)

    def key(self, element):
        if element['instance_id'] is None or element['bad']:
            return []  # an instance not installed yet cannot be told apart from another; a bad element is reported already
        key = (element['instance_id'], element['environment'], element['process'])
        return [(key, 'are for the same extension values (instance_id %r, environment %r, process %r): give each instance, environment and '
                      'process once, two writes to one extensions object would fight' % key)]

    def plan(self, client, element):
        where = element['where']
        step = ext.prepare(client, element['instance_id'], element['environment'], element['process'], element['asked'],
                           element['update_secrets'], self.check_mode, where=where + '.')
        self.plain[element['index']] = step['plain']
        if step['problem']:
            step['problem'] = '%s: %s' % (where, step['problem'])
        else:
            ext.hide_secrets(step, self.secret)
        return step

    def claims(self, element, plan):
        if plan.get('plan') is None:
            return []
        objects = {obj['id']: obj for obj in plan['found']['objects']}
        return [(part, 'both set %s %r of %s: give each component of an extensions object once, two writes to one object would fight'
                 % (COMPONENTS.get(part[1], 'dynamic process property'), name, object_label(objects[part[0]])))
                for part, name in sorted(plan['plan'].parts().items())]

    def apply(self, client, element, plan, check_mode):
        result = ext.finish(client, plan, element['asked'], check_mode, self.secret)
        self.plain[element['index']] = plan['plain']
        return result

    def latest(self, entries, plans):
        """Each entry's objects with the components (and dynamic process properties) that an element names shown as that
        element left them: elements of single-install packs share their environment's object."""
        owned = {}
        for entry, step in zip(entries, plans):
            parts = step['plan'].parts() if step.get('plan') is not None else {}
            for obj in entry['extensions']:
                for kind in (ext.CONNECTIONS, ext.PROPERTIES):
                    owned.update({(obj['id'], kind, comp['id']): comp for comp in obj[kind] if (obj['id'], kind, comp['id']) in parts})
                owned.update({(obj['id'], ext.DYNAMIC, name): value for name, value in obj[ext.DYNAMIC].items() if (obj['id'], ext.DYNAMIC, name) in parts})
        for obj in (obj for entry in entries for obj in entry['extensions']):
            for kind in (ext.CONNECTIONS, ext.PROPERTIES):
                obj[kind] = [copy.deepcopy(owned.get((obj['id'], kind, comp['id']), comp)) for comp in obj[kind]]
            for name in obj[ext.DYNAMIC]:
                obj[ext.DYNAMIC][name] = owned.get((obj['id'], ext.DYNAMIC, name), obj[ext.DYNAMIC][name])

    def label(self, element, plan=None):
        """``<instance_id> @ <environment>`` (and `` / <process>``)."""
        text = '%s @ %s' % (element['instance_id'] or PENDING, element['environment'])
        return text + (' / %s' % element['process'] if element['process'] is not None else '')

    def report(self, element, plan, record):
        names = {obj['id']: object_label(obj) for obj in plan['found']['objects']} if plan.get('found') else {}
        ids = list(record.get('extension_ids') or [])
        return {'extension_ids': ids, 'objects': [names.get(i, i) for i in ids]}

    def partial(self, plan, records):
        """The objects that an update reached as the plan leaves them, the others as they were read."""
        made = {i for w in records if w['outcome'] in MADE for i in w.get('extension_ids') or []}
        predicted = {obj['id']: obj for obj in plan['plan'].predicted()}
        objects = [predicted[obj['id']] if obj['id'] in made else copy.deepcopy(obj) for obj in plan['plan'].objects]
        return dict(extensions=objects)

    def words(self, reports, made):
        return ', '.join(name for r in reports for name in r['objects'])

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
name: awx_credential_types
short_description: The AWX/AAP credential types of the collection, to create them with awx.awx
version_added: 0.1.0
description:
  - Returns the custom credential types of C(extensions/awx/boomi_credential_type.yml) of the installed collection (or of the
    checkout it is run from), one dict per type with C(name), C(description), C(kind), C(inputs) and C(injectors), as
    C(awx.awx.credential_type) takes them.
  - It reads the file next to the plugin, so a playbook finds it from any directory, wherever the collection is installed.
  - The C({{ account_id }}) templates of the injectors are returned as they are, for AWX to render.
  - Use it with C(query) (or C(wantlist=true)), which always returns the list.
author:
  - Boomi Platform Maintainers (@boomi-platform)
options: {}
seealso:
  - name: AWX and Ansible Automation Platform
    description: How to create the credential types and use them in a job template (C(docs/awx.md)).
    link: https://github.com/boomi-platform/boomi.platform/blob/main/docs/awx.md
"""

EXAMPLES = r"""
- name: Create or update each credential type
  awx.awx.credential_type:
    name: "{{ item.name }}"
    description: "{{ item.description }}"
    kind: "{{ item.kind }}"
    inputs: "{{ item.inputs }}"
    injectors: "{{ item.injectors }}"
    state: present
  loop: "{{ query('boomi.platform.awx_credential_types') }}"
  loop_control:
    label: "{{ item.name }}"
"""

RETURN = r"""
_raw:
  description: One dict per credential type (GraphQL, then REST).
  type: list
  elements: dict
  contains:
    name:
      description: The credential type's name, for example C(Boomi Spaces (GraphQL API)).
      type: str
    description:
      description: Its description.
      type: str
    kind:
      description: Always C(cloud).
      type: str
    inputs:
      description: The input configuration (C(fields), C(required)).
      type: dict
    injectors:
      description: The injector configuration (C(env), C(file)).
      type: dict
"""

import os

import yaml

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase

# plugins/lookup/ -> the collection's root
TYPES_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                          'extensions', 'awx', 'boomi_credential_type.yml')


class LookupModule(LookupBase):
    """The credential types of extensions/awx/boomi_credential_type.yml."""

    def run(self, terms, variables=None, **kwargs):
        if terms:
            raise AnsibleLookupError('boomi.platform.awx_credential_types takes no terms, got %r' % (terms,))
        self.set_options(var_options=variables, direct=kwargs)
        try:
            with open(TYPES_FILE, encoding='utf-8') as handle:
                types = yaml.safe_load(handle)['credential_types']
        except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
            raise AnsibleLookupError('cannot read the credential types of %s: %s' % (TYPES_FILE, exc))
        return types

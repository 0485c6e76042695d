#!/usr/bin/env bash
# Copy the collection (tracked and untracked-but-not-ignored files) to
# DEST/ansible_collections/boomi/platform: ansible-test and ansible-playbook need it
# at a real path of that shape (a copy, not a symlink).
set -euo pipefail
dest=${1:?usage: copy_collection.sh DEST}
root=$(git rev-parse --show-toplevel)
target="$dest/ansible_collections/boomi/platform"
rm -rf "$target"
mkdir -p "$target"
cd "$root"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
  | tar --null -T - -cf - | tar -xf - -C "$target"
echo "$target"

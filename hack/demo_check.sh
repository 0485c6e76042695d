#!/usr/bin/env bash
# `make demo-2.21`: the demo (hack/demo.sh, two runs, the second with changed=0) with the ansible-playbook of
# another venv, on a free port and a fresh copy of the collection, its whole output sent to one file as
# `make demo > LOG 2>&1` would; then the file must hold both runs, and no warning.
#   demo_check.sh SIM_PYTHON PLAYBOOK_PYTHON COLLECTIONS LOG
set -euo pipefail
usage="usage: demo_check.sh SIM_PYTHON PLAYBOOK_PYTHON COLLECTIONS LOG"
sim_python=${1:?$usage}
playbook_python=${2:?$usage}
collections=${3:?$usage}
log=${4:?$usage}
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/copy_collection.sh" "$collections" >/dev/null
port=$("$sim_python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
status=0
ANSIBLE_COLLECTIONS_PATH="$collections" bash "$here/demo.sh" "$sim_python" "$port" "${log%.log}-simulator.log" "$playbook_python" \
  >"$log" 2>&1 || status=$?
echo "demo with $("$(dirname "$playbook_python")/ansible-playbook" --version | head -n 1) (output: $log)"
cat "$log"
fail() { echo "demo: $*" >&2; exit 1; }
[ "$status" -eq 0 ] || fail "hack/demo.sh failed (exit $status)"
for expected in "=== Check mode on the fresh account: what would change (nothing is written) ===" \
    "=== First run: install, attach, schedule ===" "=== Second run: already converged, nothing to change ===" \
    "Demo finished: the second run reported changed=0."; do
  grep -qxF -- "$expected" "$log" || fail "$log lacks the line: $expected"
done
[ "$(grep -c "PLAY RECAP" "$log")" -eq 3 ] || fail "$log does not hold the recaps of the three runs"
if grep -nE "Warning|WARNING" "$log" >&2; then
  fail "the demo printed the warnings above"
fi

#!/usr/bin/env bash
# `make demo-2.21`: the demo (hack/demo.sh, two runs, the second with changed=0) with the ansible-playbook of
# another venv, on a free port and a fresh copy of the collection, its whole output sent to one file as
# `make demo > LOG 2>&1` would; then the file must hold the three runs whole and in order (what
# tests/integration/test_demo_log.py checked with a third run of the demo), and no warning.
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
# Whole and in order (a log that stdout and stderr share, as `make demo > demo.log 2>&1` makes it: `tee /dev/stderr` once
# truncated it and wrote the second run over the first): the simulator's line first, each header before its run's recap, the
# check and first runs changed something, the second nothing, the last line last.
head -n 1 "$log" | grep -q "^Boomi API simulator: http://127.0.0.1:$port " || fail "$log does not start with the simulator's line"
order=$(grep -nE '^=== |localhost +: ok=[0-9]+ +changed=' "$log" \
  | sed -E 's/^[0-9]+:=== (Check|First|Second) .*/\1/; s/^[0-9]+:localhost +: ok=[0-9]+ +changed=([0-9]+) .*/\1/' | tr '\n' ' ')
[[ "$order" =~ ^Check\ [1-9][0-9]*\ First\ [1-9][0-9]*\ Second\ 0\ $ ]] \
  || fail "$log does not hold the three runs in order (check, first with changes, second with changed=0): $order"
[ "$(grep -v '^$' "$log" | tail -n 1)" = "Demo finished: the second run reported changed=0." ] || fail "$log does not end with the demo's last line"
if grep -nE "Warning|WARNING" "$log" >&2; then
  fail "the demo printed the warnings above"
fi

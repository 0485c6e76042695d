#!/usr/bin/env bash
# `make demo`: start the Boomi API simulator, run playbooks/demo.yml against it in check mode
# (--check --diff, on the fresh account), then twice for real (the second run must report
# changed=0), then stop the simulator.
#   demo.sh PYTHON PORT LOG [PLAYBOOK_PYTHON]
# PYTHON runs the simulator; the playbooks run with the ansible-playbook of PLAYBOOK_PYTHON's venv and
# PLAYBOOK_PYTHON as the modules' interpreter (default: PYTHON; `make test` runs the demo on the newest
# ansible-core that way).
set -euo pipefail
usage="usage: demo.sh PYTHON PORT LOG [PLAYBOOK_PYTHON]"
python=${1:?$usage}
port=${2:?$usage}
log=${3:?$usage}
playbook_python=${4:-$python}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(dirname "$playbook_python")
mkdir -p "$(dirname "$log")"

PYTHONPATH="$root/tests/simulator" "$python" -m boomisim --port "$port" >"$log" 2>&1 &
sim_pid=$!
trap 'kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q "listening" "$log" 2>/dev/null && break
  kill -0 "$sim_pid" 2>/dev/null || {
    echo "the simulator did not start on port $port: $(tail -n 1 "$log") (log: $log; another port: make demo SIM_PORT=8766)" >&2
    exit 1
  }
  sleep 0.1
done
echo "Boomi API simulator: http://127.0.0.1:$port (log: $log)"

# The demo passes no credentials itself: they come from the BOOMI_* environment, as on AWX.
export BOOMI_API_URL="http://127.0.0.1:$port"
export BOOMI_GRAPHQL_URL="http://127.0.0.1:$port/graphql"
export BOOMI_ACCOUNT_ID=acme-4F7K2Q
export BOOMI_USERNAME=ops@acme.example
export BOOMI_API_TOKEN=b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d
export BOOMI_SPACE_GUID=7d6a3c5e-2b1f-4e8d-9c0a-1b2c3d4e5f60
export ANSIBLE_NOCOLOR=1

run() {
  "$bin/ansible-playbook" -i "$root/playbooks/inventory/localhost.yml" -e "ansible_python_interpreter=$playbook_python" "$root/playbooks/demo.yml" "$@"
}

echo; echo "=== Check mode on the fresh account: what would change (nothing is written) ==="
run --check --diff
echo; echo "=== First run: install, attach, schedule ==="
run
echo; echo "=== Second run: already converged, nothing to change ==="
# The run's output goes on to stdout as it comes, and to a file for the check. (Not `tee /dev/stderr`:
# that reopens stderr's file, truncating the log of `make demo > demo.log 2>&1` and writing over it.)
recap=$(mktemp)
trap 'rm -f "$recap"; kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true' EXIT
run | tee "$recap"
if ! grep -qE "localhost +: ok=[0-9]+ +changed=0 " "$recap"; then
  echo "the second run changed something: the demo is not idempotent" >&2
  exit 1
fi
echo; echo "Demo finished: the second run reported changed=0."

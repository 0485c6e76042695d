#!/usr/bin/env bash
# Run one stage of `make test` and print one line with its wall time and the CPU time of every process it ran
# (user + system, of the processes it waited for and theirs), then exit with the stage's status:
#   timed.sh NAME COMMAND...
#   [stage] sanity: 98 s wall, 61 s CPU (user 58, sys 3)
# On a shared machine the wall time depends on the others' load, the CPU time hardly; on 2 idle cores, a stage that keeps
# both busy has about twice as much CPU as wall time.
set -uo pipefail
usage="usage: timed.sh NAME COMMAND..."
name=${1:?$usage}
shift
[ "$#" -gt 0 ] || { echo "$usage" >&2; exit 2; }
start=$(date +%s.%N)
"$@"
status=$?
end=$(date +%s.%N)
# The second line of `times` is the children's user and system time, as 1m2.345s 0m0.678s (`times` itself in this
# shell: in a pipeline or $(...) it would report a subshell's, which has no children).
cpu=$(mktemp)
times >"$cpu"
sed -n 2p "$cpu" | awk -v name="$name" -v start="$start" -v end="$end" '
  function seconds(text, parts) { split(text, parts, /[ms]/); return parts[1] * 60 + parts[2] }
  { user = seconds($1); sys = seconds($2)
    printf "[stage] %s: %.0f s wall, %.0f s CPU (user %.0f, sys %.0f)\n", name, end - start, user + sys, user, sys }' >&2
rm -f "$cpu"
exit "$status"

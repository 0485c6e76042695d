#!/usr/bin/env bash
# Run a test layer in the background while the other layers run, and wait for it later.
#   background.sh start NAME BUILD COMMAND...   start COMMAND in the background (output kept in BUILD/NAME.log)
#   background.sh wait  NAME BUILD COMMAND...   wait for the background run and show its output;
#                                               without one, run COMMAND now, in the foreground
# `make test` starts the layers of the other ansible-core versions (ansible-test sanity and units on
# 2.16 and on 2.21, the demo on 2.21) first and waits for them just before pytest: much of their time
# is spent creating venvs and installing requirements, which overlaps well with the other layers.
set -euo pipefail
usage="usage: background.sh start|wait NAME BUILD COMMAND..."
mode=${1:?$usage}
name=${2:?$usage}
mkdir -p "${3:?$usage}"
build=$(cd "$3" && pwd)
shift 3
[ "$#" -gt 0 ] || { echo "$usage" >&2; exit 2; }
log="$build/$name.log"
rc_file="$build/$name.rc"
pid_file="$build/$name.pid"

case "$mode" in
  start)
    # A run left behind by an interrupted `make test` would share the files below.
    if [ -s "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      kill -TERM -- "-$(cat "$pid_file")" 2>/dev/null || true
      sleep 1
    fi
    rm -f "$log" "$rc_file" "$pid_file"
    # setsid: its own session, so that it neither holds make's output open nor gets make's signals.
    # The runner records its own pid (setsid may fork; it leads its own process group) and,
    # when done, the exit status. The single quotes are meant: $0.. are the runner's arguments.
    # shellcheck disable=SC2016
    setsid bash -c 'echo $$ >"$2"; status=0; "${@:3}" >"$0" 2>&1 || status=$?; echo "$status" >"$1"' \
      "$log" "$rc_file" "$pid_file" "$@" </dev/null >/dev/null 2>&1 &
    for _ in $(seq 1 50); do [ -s "$pid_file" ] && break; sleep 0.1; done
    echo "$name started in the background (log: $log)"
    ;;
  wait)
    if [ ! -f "$pid_file" ]; then
      exec "$@"
    fi
    pid=$(cat "$pid_file")
    for _ in $(seq 1 1350); do
      [ -f "$rc_file" ] && break
      if ! kill -0 "$pid" 2>/dev/null; then
        sleep 1
        [ -f "$rc_file" ] || { cat "$log" 2>/dev/null; echo "the background run $name (pid $pid) died" >&2; exit 1; }
      fi
      sleep 2
    done
    [ -f "$rc_file" ] || { cat "$log"; echo "the background run $name did not finish within 45 minutes" >&2; exit 1; }
    rm -f "$pid_file"
    echo "=== $name (run in the background: $log)"
    cat "$log"
    exit "$(cat "$rc_file")"
    ;;
  *)
    echo "$usage" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# ansible-test sanity on the oldest supported ansible-core (its own venv), on its own copy of
# the collection so that it can run while the other test layers use theirs.
#   sanity_oldest.sh start VENV BUILD   start it in the background (output kept in BUILD)
#   sanity_oldest.sh wait  VENV BUILD   wait for the background run and show it; without one, run it now
# `make test` starts it first and waits for it just before pytest: most of its time is spent
# creating venvs and installing requirements, which overlaps well with the other layers.
set -euo pipefail
mode=${1:?usage: sanity_oldest.sh start|wait VENV BUILD}
venv=$(cd "${2:?usage: sanity_oldest.sh start|wait VENV BUILD}" && pwd)
mkdir -p "${3:?usage: sanity_oldest.sh start|wait VENV BUILD}"
build=$(cd "$3" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
log="$build/sanity-oldest.log"
rc_file="$build/sanity-oldest.rc"
pid_file="$build/sanity-oldest.pid"

run() {
  local copy
  copy=$(bash "$here/copy_collection.sh" "$build/collections-oldest")
  cd "$copy"
  ANSIBLE_TEST_CONTENT_ROOT="$copy" PATH="$venv/bin:$PATH" \
    "$venv/bin/ansible-test" sanity --python 3.11 --requirements --color no
}

case "$mode" in
  start)
    # A run left behind by an interrupted `make test` would share the copy and the files below.
    if [ -s "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      kill -TERM -- "-$(cat "$pid_file")" 2>/dev/null || true
      sleep 1
    fi
    rm -f "$log" "$rc_file" "$pid_file"
    # setsid: its own session, so that it neither holds make's output open nor gets make's signals.
    # The runner records its own pid (setsid may fork; it leads its own process group) and,
    # when done, the exit status. The single quotes are meant: $0.. are the runner's arguments.
    # shellcheck disable=SC2016
    setsid bash -c 'echo $$ >"$5"; status=0; bash "$0" run-now "$1" "$2" >"$3" 2>&1 || status=$?; echo "$status" >"$4"' \
      "$0" "$venv" "$build" "$log" "$rc_file" "$pid_file" </dev/null >/dev/null 2>&1 &
    for _ in $(seq 1 50); do [ -s "$pid_file" ] && break; sleep 0.1; done
    echo "sanity on $("$venv/bin/ansible" --version | sed -n 1p) started in the background (log: $log)"
    ;;
  run-now)
    run
    ;;
  wait)
    if [ ! -f "$pid_file" ]; then
      run
      exit $?
    fi
    pid=$(cat "$pid_file")
    for _ in $(seq 1 900); do
      [ -f "$rc_file" ] && break
      if ! kill -0 "$pid" 2>/dev/null; then
        sleep 1
        [ -f "$rc_file" ] || { cat "$log" 2>/dev/null; echo "the background sanity run (pid $pid) died" >&2; exit 1; }
      fi
      sleep 2
    done
    [ -f "$rc_file" ] || { cat "$log"; echo "the background sanity run did not finish within 30 minutes" >&2; exit 1; }
    rm -f "$pid_file"
    cat "$log"
    exit "$(cat "$rc_file")"
    ;;
  *)
    echo "usage: sanity_oldest.sh start|wait VENV BUILD" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# Print the path of a working pythonX.Y: the one on PATH (when it runs: a pyenv shim of a version that
# is installed but not selected fails), else pyenv's own build of that version. Without one, exit 1
# with one line naming what to install.
#   find_python.sh X.Y
set -euo pipefail
version=${1:?usage: find_python.sh X.Y}
name=python$version
works() { "$1" -c 'import sys; sys.exit(sys.version_info[:2] != tuple(map(int, sys.argv[1].split("."))))' "$version" >/dev/null 2>&1; }
real() { "$1" -c 'import sys; print(sys.executable)'; }

if found=$(command -v "$name" 2>/dev/null) && works "$found"; then
  real "$found"
  exit 0
fi
if command -v pyenv >/dev/null 2>&1 && root=$(pyenv root 2>/dev/null); then
  # The newest installed patch release of X.Y first.
  mapfile -t dirs < <(printf '%s\n' "$root/versions/$version".* | sort -rV)
  for dir in "${dirs[@]}"; do
    if [ -x "$dir/bin/$name" ] && works "$dir/bin/$name"; then
      real "$dir/bin/$name"
      exit 0
    fi
  done
fi
echo "$name not found: install Python $version (e.g. pyenv install $version, or apt-get install $name) and put $name on PATH" >&2
exit 1

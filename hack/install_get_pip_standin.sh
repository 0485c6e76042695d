#!/usr/bin/env bash
# Put the offline get-pip stand-in where ansible-test looks for it, for every pip
# version the installed ansible-test asks for.
set -euo pipefail
python=${1:?usage: install_get_pip_standin.sh PYTHON}
here=$(cd "$(dirname "$0")" && pwd)
src=$("$python" -c 'import ansible_test, os; print(os.path.dirname(ansible_test.__file__))')/_internal/python_requirements.py
cache="$HOME/.ansible/test/cache"
mkdir -p "$cache"
grep -oE "pip='[0-9.]+'" "$src" | grep -oE "[0-9.]+" | sort -u | while read -r version; do
  cp "$here/get_pip_offline.py" "$cache/get_pip_${version//./_}.py"
done

#!/usr/bin/env bash
# Create .venv with the given Python; on Debian, install python3-venv first when the
# interpreter lacks ensurepip (a fresh Debian has python3 but not always its venv module).
set -euo pipefail
py="${1:-python3}"
venv="${2:-.venv}"
if ! "$py" -c "import ensurepip, venv" >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing python3-venv (needed to create $venv)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q python3-venv >/dev/null
  else
    echo "$py cannot create virtual environments: install python3-venv (e.g. sudo apt-get install python3-venv)" >&2
    exit 1
  fi
fi
"$py" -m venv "$venv"

#!/usr/bin/env bash
# JavaScript packages the SCORM end-to-end test needs: scorm-again (an LMS-side SCORM 1.2
# API, class Scorm12API) at a pinned version, installed under a cache directory, never
# into the source tree. Node.js and npm come with the machine; on a bare Debian machine
# they are installed from Debian (nodejs, npm) when run as root.
# Usage: scripts/install-js-deps.sh [CACHE_DIR]   (default: .cache/js, or $CHATDOJO_JS_CACHE)
set -euo pipefail
SCORM_AGAIN_VERSION="3.4.3"
cache="${1:-${CHATDOJO_JS_CACHE:-.cache/js}}"
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends nodejs npm >/dev/null
  else
    echo "npm is missing (run as root or: sudo apt-get install nodejs npm)" >&2
    exit 1
  fi
fi
stamp="$cache/.scorm-again-$SCORM_AGAIN_VERSION"
if [ -f "$stamp" ] && [ -f "$cache/node_modules/scorm-again/dist/scorm12.min.js" ]; then
  exit 0
fi
mkdir -p "$cache"
[ -f "$cache/package.json" ] || echo '{"name": "chatdojo-test-js", "private": true}' >"$cache/package.json"
npm install --prefix "$cache" --no-audit --no-fund --silent --save-exact "scorm-again@$SCORM_AGAIN_VERSION"
touch "$stamp"

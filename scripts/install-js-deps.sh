#!/usr/bin/env bash
# JavaScript packages the tests need, at pinned versions, installed under a cache directory,
# never into the source tree: scorm-again (an LMS-side SCORM 1.2 API, class Scorm12API) for
# the SCORM end-to-end test; gift-pegjs (a PEG parser of Moodle's GIFT) for tests/formats.
# Node.js and npm come with the machine; on a bare Debian machine they are installed from
# Debian (nodejs, npm) when run as root.
# Usage: scripts/install-js-deps.sh [CACHE_DIR]   (default: .cache/js, or $CHATDOJO_JS_CACHE)
set -euo pipefail
SCORM_AGAIN_VERSION="3.4.3"
GIFT_PEGJS_VERSION="1.0.2"
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
stamp="$cache/.scorm-again-$SCORM_AGAIN_VERSION-gift-pegjs-$GIFT_PEGJS_VERSION"
if [ -f "$stamp" ] && [ -f "$cache/node_modules/scorm-again/dist/scorm12.min.js" ] \
  && [ -f "$cache/node_modules/gift-pegjs/pegjs-gift.js" ]; then
  exit 0
fi
mkdir -p "$cache"
[ -f "$cache/package.json" ] || echo '{"name": "chatdojo-test-js", "private": true}' >"$cache/package.json"
npm install --prefix "$cache" --no-audit --no-fund --silent --save-exact \
  "scorm-again@$SCORM_AGAIN_VERSION" "gift-pegjs@$GIFT_PEGJS_VERSION"
touch "$stamp"

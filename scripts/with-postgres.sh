#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL cluster, then stop and delete it.
#
#   bash scripts/with-postgres.sh .venv/bin/pytest tests/store
#
# Starts Debian's PostgreSQL server binaries (initdb + pg_ctl) in a temporary
# folder, listening only on a unix socket inside that folder (no TCP port, so
# nothing clashes with other servers), exports
#   CHATDOJO_TEST_PG_URL=postgresql+psycopg://chatdojo@/chatdojo?host=<socket dir>
# runs the command and returns its exit status. As root, the server runs as the
# `postgres` user (PostgreSQL refuses to run as root).
# PG_BIN overrides the binaries' folder (default: newest /usr/lib/postgresql/*/bin).
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

PG_BIN="${PG_BIN:-}"
if [ -z "$PG_BIN" ]; then
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
fi
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "with-postgres: PostgreSQL server binaries not found (apt-get install postgresql, or set PG_BIN)" >&2
  exit 2
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/chatdojo-pg.XXXXXX")"
DATA="$TMP/data"
SOCK="$TMP/sock"
LOG="$TMP/server.log"
mkdir -p "$SOCK"

as_owner() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "with-postgres: running as root needs a 'postgres' user to own the cluster" >&2
    rm -rf "$TMP"
    exit 2
  fi
  chown -R postgres: "$TMP"
  chmod 700 "$TMP"
  if command -v runuser >/dev/null 2>&1; then
    as_owner() { runuser -u postgres -- "$@"; }
  else
    as_owner() { su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; }
  fi
fi

cleanup() {
  local status=$?
  if [ -f "$DATA/postmaster.pid" ]; then
    as_owner "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_owner "$PG_BIN/initdb" -D "$DATA" -U chatdojo --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync \
  >"$TMP/initdb.log" 2>&1 || { cat "$TMP/initdb.log" >&2; exit 1; }
# fsync off and a generous connection limit: a test server for 200 concurrent writers.
as_owner "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start \
  -o "-c listen_addresses='' -c unix_socket_directories='$SOCK' -c fsync=off -c max_connections=300 -c synchronous_commit=off" \
  >/dev/null || { cat "$LOG" >&2; exit 1; }
as_owner "$PG_BIN/createdb" -h "$SOCK" -U chatdojo chatdojo

export CHATDOJO_TEST_PG_URL="postgresql+psycopg://chatdojo@/chatdojo?host=$SOCK"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on $SOCK" >&2
set +e
"$@"
status=$?
set -e
exit "$status"

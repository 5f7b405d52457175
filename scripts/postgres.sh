#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on 127.0.0.1 for tests (installs Debian's postgresql if
# missing). Prints the connection URL. Usage: scripts/postgres.sh [data-dir] [port]
set -euo pipefail
dir=${1:-/tmp/latchkey-pg}
port=${2:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
if ! pg_isready -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
  rm -rf "$dir" && mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  run "$bin/initdb -D $dir/data -U postgres --auth=trust" >/dev/null
  run "$bin/pg_ctl -D $dir/data -o '-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=300' -l $dir/log -w start" >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$port/postgres"

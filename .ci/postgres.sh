#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the store tests.
#
#   eval "$(.ci/postgres.sh)"        # start; exports NEWSFUSE_TEST_PG_URL and NEWSFUSE_PG_DIR
#   .ci/postgres.sh stop "$NEWSFUSE_PG_DIR"
#
# Installs Debian's `postgresql` with apt-get when no server binaries are found. Postgres
# refuses to run as root, so under root (CI) the server runs as the `postgres` OS user via
# runuser. Only `export ...` lines go to stdout (for eval); progress goes to stderr.
set -euo pipefail

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

bindir() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

if [ "${1:-}" = stop ]; then
    dir="${2:?usage: postgres.sh stop DIR}"
    as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m immediate stop >&2 || true
    rm -rf "$dir"
    exit 0
fi

if [ -z "$(bindir)" ]; then
    echo "installing postgresql with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi
bin="$(bindir)"
[ -x "$bin/initdb" ] || { echo "no initdb under /usr/lib/postgresql/*/bin" >&2; exit 1; }

dir="$(mktemp -d /tmp/newsfuse-pg.XXXXXX)"
chmod 755 "$dir"
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
port="${NEWSFUSE_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"

as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }

echo "export NEWSFUSE_TEST_PG_URL='postgresql+psycopg://postgres@127.0.0.1:$port/postgres'"
echo "export NEWSFUSE_PG_DIR='$dir'"

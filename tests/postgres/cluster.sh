#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the extension's tests, on loopback only.
#
#   cluster.sh start BUILD STATE   installs the extension of BUILD into the server's directories
#                                  (cmake --install --component postgres), initdb's a cluster in a
#                                  new temporary folder owned by `postgres` (the server refuses
#                                  root), starts it on a free port of 127.0.0.1 and writes STATE,
#                                  the settings (PGHOST, PGPORT, PGUSER, the folder) the tests source
#   cluster.sh stop STATE          stops it and removes its folder
set -euo pipefail
bindir=$(pg_config --bindir)
# The server refuses to run as root: as root, it runs as `postgres`; otherwise as the caller.
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    build=$2 state=$3
    # The server's directories belong to root.
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo cmake --install "$build" --component postgres >/dev/null
    dir=$(mktemp -d /tmp/gavel-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
    as_postgres "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
max_worker_processes = 8
max_parallel_workers = 4
max_parallel_workers_per_gather = 2
CONF
    printf 'export PGHOST=127.0.0.1 PGPORT=%s PGUSER=postgres GAVEL_PG_DIR=%s\n' "$port" "$dir" >"$state"
    if ! as_postgres "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null; then
      cat "$dir/server.log" >&2
      exit 1
    fi
    ;;
  stop)
    state=$2
    [ -f "$state" ] || exit 0
    # shellcheck disable=SC1090
    . "$state"
    as_postgres "$bindir/pg_ctl" -D "$GAVEL_PG_DIR/data" -m fast -w stop >/dev/null || true
    rm -rf "$GAVEL_PG_DIR" "$state"
    ;;
  *)
    echo "usage: cluster.sh start BUILD STATE | stop STATE" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# pg.sh: a throwaway PostgreSQL cluster for the tests and benchmarks.
#   scripts/pg.sh start DIR [SETTINGS...]  initdb into DIR (as an unprivileged
#                                          user when run as root), start it on a
#                                          free loopback port, print its URI
#   scripts/pg.sh standby PRIMARY DIR NAME a streaming standby of the cluster in
#                                          PRIMARY (pg_basebackup), named NAME
#                                          (its application_name), started on
#                                          a free port; prints its URI
#   scripts/pg.sh promote DIR              make that standby the primary
#   scripts/pg.sh stop DIR                 stop it (fast) and remove DIR
# Extra SETTINGS are "name=value" lines added to its postgresql.conf.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bindir/initdb" ] || { echo "pg.sh: PostgreSQL is not installed (initdb not found)" >&2; exit 1; }

as_owner() { # run a server program as the cluster's owner
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

case "${1:-}" in
start)
  dir=${2:?usage: pg.sh start DIR}
  shift 2
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd) # the server runs in its data folder
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  as_owner "$bindir/initdb" -D "$dir/data" -U langso -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  port=$(free_port)
  {
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $port"
    echo "unix_socket_directories = '$dir'"
    echo "max_connections = 300"
    echo "fsync = on"
    for s in "$@"; do echo "$s"; done
  } >>"$dir/data/postgresql.conf"
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  echo "$port" >"$dir/port"
  echo "postgresql://langso@127.0.0.1:$port/postgres"
  ;;
standby)
  primary=${2:?usage: pg.sh standby PRIMARY DIR NAME}
  dir=${3:?usage: pg.sh standby PRIMARY DIR NAME}
  name=${4:?usage: pg.sh standby PRIMARY DIR NAME}
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  pport=$(cat "$primary/port")
  as_owner "$bindir/pg_basebackup" -h 127.0.0.1 -p "$pport" -U langso -D "$dir/data" -R -X stream \
    >"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; exit 1; }
  port=$(free_port)
  {
    echo "port = $port"
    echo "unix_socket_directories = '$dir'"
    # promoted, it must not wait for a standby of its own
    echo "synchronous_standby_names = ''"
  } >>"$dir/data/postgresql.conf"
  # after the line pg_basebackup -R wrote there: its name for the primary
  echo "primary_conninfo = 'host=127.0.0.1 port=$pport user=langso application_name=$name'" \
    >>"$dir/data/postgresql.auto.conf"
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  echo "$port" >"$dir/port"
  echo "postgresql://langso@127.0.0.1:$port/postgres"
  ;;
promote)
  dir=${2:?usage: pg.sh promote DIR}
  as_owner "$bindir/pg_ctl" -D "$dir/data" -w -t 60 promote >/dev/null
  ;;
stop)
  dir=${2:?usage: pg.sh stop DIR}
  [ -d "$dir/data" ] && as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*)
  echo "usage: pg.sh start DIR [SETTINGS...] | standby PRIMARY DIR NAME | promote DIR | stop DIR" >&2
  exit 2
  ;;
esac

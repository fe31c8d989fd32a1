# lib.sh: what the benchmark scripts share, sourced after `cd` to the
# project. Each process started is remembered in pids (killed at exit by
# the script's trap: bench_cleanup).
pids=()
bench_cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }

# bench_wait URL: until URL answers (10 s at most; 1 after that).
bench_wait() {
  for _ in $(seq 200); do curl -sf "$1" >/dev/null && return 0; sleep 0.05; done
  echo "bench: $1 did not answer" >&2
  return 1
}

# bench_serve DB PORT LOG [ARGS...]: langso serving DB on 127.0.0.1:PORT,
# its messages appended to LOG; its pid in server_pid.
bench_serve() {
  local db=$1 port=$2 log=$3
  shift 3
  "$BIN" serve --db "$db" --listen "127.0.0.1:$port" --access-log - "$@" 2>>"$log" &
  server_pid=$!
  pids+=("$server_pid")
  bench_wait "http://127.0.0.1:$port/healthz"
}

# bench_login BASE USER PASSWORD DIR: signs in through the API; sets
# cookie and csrf.
bench_login() {
  curl -s -D "$4/login.h" -o "$4/login.json" -H 'content-type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"$3\"}" "$1/api/v1/session" >/dev/null
  cookie=$(tr -d '\r' < "$4/login.h" | awk -F': ' 'tolower($1) == "set-cookie" {split($2, a, ";"); print a[1]}')
  csrf=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).csrf_token)' "$4/login.json")
}

# bench_nginx DIR CONF URL: nginx with its files in DIR, running the http {}
# directives in the file CONF, until URL answers.
bench_nginx() {
  local dir=$PWD/$1
  mkdir -p "$dir"
  cat > "$dir/nginx.conf" <<CONF
$([ "$(id -u)" -eq 0 ] && echo 'user root;')
worker_processes 2;
worker_rlimit_nofile 8192;
error_log $dir/error.log;
pid $dir/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/body; proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fcgi; uwsgi_temp_path $dir/uwsgi; scgi_temp_path $dir/scgi;
  include $PWD/$2;
}
CONF
  /usr/sbin/nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' &
  pids+=($!)
  bench_wait "$3"
}

# bench_writable_weeks DB: "team|week" of 2025 that teams existing then
# may still write (no accepted report), in random order.
bench_writable_weeks() {
  sqlite3 "$1" "SELECT t.id, w.p FROM team t
    JOIN (WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 52)
          SELECT printf('2025W%02d', k) AS p FROM n) w
    WHERE coalesce(t.established_on, '2000-01-01') <= '2024-12-29' AND t.dissolved_on IS NULL
    AND NOT EXISTS (SELECT 1 FROM report r WHERE r.team_id = t.id AND r.period = w.p AND r.status = 'accepted')
    ORDER BY random()"
}

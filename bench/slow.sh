#!/usr/bin/env bash
# slow.sh: slow clients cannot starve normal ones. For SECONDS (60 by
# default) a slowloris holds request heads open: slowhttptest with 1,000
# connections from one address, and bench/slow-client.mjs with 220 from
# each of five more (1,100, beyond langso's 1,024 connections), while a
# normal client from its own address asks every 100 ms and measures its
# latency. Once against langso alone, once behind nginx with
# deploy/nginx-langso.conf. Pass: the normal client's p95 under 1 s and no
# failed request.
# Usage: bench/slow.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${LANGSO_BIN:-build/langso}
SECONDS_=${1:-60}
OUT=bench/out/slow
PORT=${PORT:-18241}
rm -rf "$OUT" && mkdir -p "$OUT"
. bench/lib.sh
trap bench_cleanup EXIT
"$BIN" init --demo --db "$OUT/slow.db" >/dev/null
bench_serve "$OUT/slow.db" "$PORT" "$OUT/serve.log" --trusted-proxy 127.0.0.1

# nginx in front, with the deployment guide's file: TLS left out, its
# upstream this langso, its proxy settings from the file beside it
NPORT=$((PORT + 1))
mkdir -p "$OUT/nginx"
sed -e "s|listen 443.*|listen 127.0.0.1:$NPORT;|" -e '/ssl_/d' -e "s|server 127.0.0.1:8080;|server 127.0.0.1:$PORT;|" \
    -e "s|include /etc/nginx/langso-proxy.conf;|include $PWD/deploy/nginx-langso-proxy.conf;|" \
    deploy/nginx-langso.conf > "$OUT/nginx/langso.conf"
bench_nginx "$OUT/nginx" "$OUT/nginx/langso.conf" "http://127.0.0.1:$NPORT/healthz"

ulimit -n 16384 || true
attack() { # attack PORT: the numbers of the normal client under attack
  slowhttptest -H -c 1000 -r 300 -i 5 -x 24 -l "$SECONDS_" -p 5 -u "http://127.0.0.1:$1/login" \
    >"$OUT/slowhttptest-$1.log" 2>&1 &
  local st=$!
  node bench/slow-client.mjs 127.0.0.1 "$1" 127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5,127.0.0.6 220 "$SECONDS_" \
    >"$OUT/slow-client-$1.log" &
  local sc=$!
  sleep 5 # the attack is in place
  local seen
  seen=$(node bench/probe.mjs "http://127.0.0.1:$1/healthz" 127.0.0.9 $((SECONDS_ - 10)))
  wait "$sc" || true
  kill "$st" 2>/dev/null || true; wait "$st" 2>/dev/null || true
  echo "$seen"
}
read -r a50 a95 amax afail an < <(attack "$PORT")
read -r n50 n95 nmax nfail nn < <(attack "$NPORT")
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
closed=$(grep -o 'closed [0-9]* slow connections in all' "$OUT/serve.log" | awk '{print $2}')
cat <<REPORT

== slow clients: slowhttptest 1,000 connections + 1,100 from 5 more addresses, ${SECONDS_} s
langso alone:  normal client p50 ${a50} ms, p95 ${a95} ms, max ${amax} ms; ${afail} of ${an} failed; $(cat "$OUT/slow-client-$PORT.log") slow connections opened
behind nginx:  normal client p50 ${n50} ms, p95 ${n95} ms, max ${nmax} ms; ${nfail} of ${nn} failed; $(cat "$OUT/slow-client-$NPORT.log") slow connections opened
langso closed ${closed:-0} connections for their deadlines or the cap of heads (both runs)
REPORT
awk -v a="$a95" -v b="$n95" -v f="$afail" -v g="$nfail" 'BEGIN {exit !(a < 1000 && b < 1000 && f == 0 && g == 0)}'

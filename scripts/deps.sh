#!/usr/bin/env bash
# deps.sh: install what langso needs to build, run and test, if missing.
# Debian 12 packages through apt-get, npm packages from the committed lock.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
for pkg in build-essential cmake pkg-config gettext \
           libmicrohttpd-dev libsqlite3-dev sqlite3 libpq-dev postgresql-15 libjansson-dev \
           libutf8proc-dev libsodium-dev libcmocka-dev libxlsxwriter-dev zlib1g-dev libgd-dev \
           nodejs npm chromium nginx-light wrk curl libreoffice-calc-nogui \
           clang libclang-rt-14-dev slowhttptest; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" \
    || need_apt+=("$pkg")
done
# nodejs/npm may come from elsewhere than apt: accept any node >= 20.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${need_apt[@]}"; do
    [ "$p" = nodejs ] || [ "$p" = npm ] || filtered+=("$p")
  done
  need_apt=("${filtered[@]+"${filtered[@]}"}")
fi
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "deps: installing ${need_apt[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || \
   ! cmp -s package-lock.json node_modules/.langso-lock 2>/dev/null; then
  echo "deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.langso-lock
fi

#!/usr/bin/env bash
# test.sh: every test, as `make test` runs it after building both builds,
# on both backends: unit tests (normal and ASan/UBSan), the catalogue check,
# each fuzz target for a short while,
# HTTP tests against the sanitized server, browser tests in Chromium; then
# the unit, HTTP and browser tests again on a throwaway PostgreSQL cluster
# that this script starts (scripts/pg.sh) and stops. A PostgreSQL that
# cannot start fails the run: nothing is skipped. Ends with one line
# "tests: N passed, N failed" counting the tests of every step.
set -uo pipefail
cd "$(dirname "$0")/.."

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
log=$(mktemp)
pgdir=$(mktemp -d)
chmod 755 "$pgdir"
trap 'scripts/pg.sh stop "$pgdir/cluster"; rm -rf "$log" "$pgdir"' EXIT
passed=0 failed=0 broken=0

# Each cmocka test prints "[  PASSED  ] N test(s)." / "[  FAILED  ] N test(s)";
# node prints "# pass N" / "# fail N".
count() {
  local p f
  read -r p f < <(awk '
    /\[  PASSED  \] [0-9]+ test/ { sub(/.*\[  PASSED  \] /, ""); p += $1 }
    /\[  FAILED  \] [0-9]+ test/ { sub(/.*\[  FAILED  \] /, ""); f += $1 }
    /^# pass [0-9]+$/ { p += $3 }
    /^# fail [0-9]+$/ { f += $3 }
    END { print p + 0, f + 0 }' "$log")
  passed=$((passed + p))
  failed=$((failed + f))
}
step() { # step NAME COMMAND...
  local name=$1; shift
  echo "=== $name"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  count
  if [ "$rc" -ne 0 ]; then broken=$((broken + 1)); echo "FAILED: $name"; fi
}

step "unit tests" ctest --test-dir build --verbose
step "unit tests (ASan+UBSan)" ctest --test-dir build-asan --verbose
step "translations complete" node tools/msgids.js --check po/vi.po
step "fuzzing (libFuzzer, ASan+UBSan, ${FUZZ_SECONDS:-15} s a target)" make --no-print-directory fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-15}"
step "HTTP tests (ASan+UBSan server)" env LANGSO_BIN=build-asan/langso node --test tests/http/
step "browser tests (Chromium)" env LANGSO_BIN=build/langso node --test tests/browser/

# The same on PostgreSQL: the unit tests make a database each, the servers a
# copy of one demo database made here once.
echo "=== PostgreSQL"
if pg=$(scripts/pg.sh start "$pgdir/cluster"); then
  echo "a throwaway cluster at $pg"
  demo=${pg%/postgres}/langso_demo
  psql -X -q "$pg" -c "CREATE DATABASE langso_demo" &&
    build/langso init --demo --db "$demo" >/dev/null || broken=$((broken + 1))
  export LANGSO_TEST_PG=$pg LANGSO_TEST_PG_DEMO=langso_demo
  step "unit tests (PostgreSQL)" ctest --test-dir build --verbose
  step "unit tests (ASan+UBSan, PostgreSQL)" ctest --test-dir build-asan --verbose
  step "HTTP tests (ASan+UBSan server, PostgreSQL)" env LANGSO_BIN=build-asan/langso node --test tests/http/
  step "browser tests (Chromium, PostgreSQL)" env LANGSO_BIN=build/langso node --test tests/browser/
  step "cluster tests (failover to a synchronous standby, two app servers behind nginx)" \
    env LANGSO_BIN=build/langso node --test --test-concurrency=1 tests/cluster/
  unset LANGSO_TEST_PG LANGSO_TEST_PG_DEMO
else
  echo "FAILED: PostgreSQL did not start"
  broken=$((broken + 1))
fi

[ "$broken" -gt 0 ] && [ "$failed" -eq 0 ] && failed=$broken
echo "tests: $passed passed, $failed failed"
[ "$broken" -eq 0 ]

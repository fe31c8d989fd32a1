#!/usr/bin/env bash
# test.sh: every test, as `make test` runs it after building both builds:
# unit tests (normal and ASan/UBSan), the catalogue check, HTTP tests against
# the sanitized server, browser tests in Chromium. Ends with one line
# "tests: N passed, N failed" counting the tests of every step.
set -uo pipefail
cd "$(dirname "$0")/.."

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
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
step "HTTP tests (ASan+UBSan server)" env LANGSO_BIN=build-asan/langso node --test tests/http/
step "browser tests (Chromium)" env LANGSO_BIN=build/langso node --test tests/browser/

[ "$broken" -gt 0 ] && [ "$failed" -eq 0 ] && failed=$broken
echo "tests: $passed passed, $failed failed"
[ "$broken" -eq 0 ]

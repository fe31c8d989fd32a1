# Makefile: the two set-up commands (make run, make test) and helpers.
# The real build is CMake; this file installs dependencies and drives it.

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 10
DB         ?= demo.db
LISTEN     ?= 127.0.0.1:8080
JOBS       ?= $(shell nproc)

.PHONY: all deps build asan fuzz run test test-unit test-http test-browser bench clean format

all: build

deps:
	@scripts/deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DLANGSO_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS) -- --no-print-directory

# Runs langso on a demo database (created once) at http://$(LISTEN).
run: build
	@test -f $(DB) || $(BUILD)/langso init --demo --db $(DB)
	@$(BUILD)/langso demo-info --db $(DB) --listen $(LISTEN)
	@exec $(BUILD)/langso serve --db $(DB) --listen $(LISTEN)

# Every test: unit tests (normal and ASan/UBSan builds), HTTP tests against
# the sanitized server, browser tests in Chromium.
test: build asan
	@scripts/test.sh

# libFuzzer targets (fuzz/) under ASan and UBSan, FUZZ_SECONDS each (10 by
# default; make fuzz FUZZ_SECONDS=600 for a long run).
fuzz: deps
	@CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug -DLANGSO_FUZZ=ON >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(notdir $(basename $(wildcard fuzz/fuzz_*.c))) -- --no-print-directory
	@scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

bench: build
	@bench/run.sh

format:
	@clang-format -i $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tools/*.c')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)

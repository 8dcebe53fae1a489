#!/usr/bin/env bash
# Builds alignkit with AddressSanitizer and UndefinedBehaviorSanitizer,
# warnings as errors, and runs every test: the cmocka unit tests, the CLI
# tests against golden files, the conformance suites and the man page lint.
# Then each fuzz target briefly, the limit tests at full size in a Release
# build, and the CLI tests with every tool under valgrind.
# Installs the Debian packages it needs first.  This is what CI runs.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${AK_BUILD_DIR:-$top/build-test}
jobs=$(nproc 2>/dev/null || echo 2)

"$top/scripts/deps.sh" --test
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DAK_TESTS=ON \
	-DAK_SANITIZE=ON -DAK_WERROR=ON >/dev/null
cmake --build "$build" -j "$jobs"
ctest --test-dir "$build" -j "$jobs" --output-on-failure

# Each libFuzzer target runs briefly in a clang build of its own
# (scripts/fuzz.sh runs them for longer).
fuzz=${AK_FUZZ_BUILD_DIR:-$top/build-fuzz}
CC=clang cmake -S "$top" -B "$fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAK_TESTS=ON \
	-DAK_FUZZ=ON -DAK_FUZZ_SECONDS=${AK_FUZZ_SECONDS:-10} >/dev/null
cmake --build "$fuzz" -j "$jobs" >/dev/null
ctest --test-dir "$fuzz" -R '^fuzz/' --output-on-failure

# The limit tests at full size (a 1 GB stream, a million ids, gap-find on
# a million goals) against the tools of a Release build: the sanitizer
# build above runs them smaller.
release=${AK_RELEASE_BUILD_DIR:-$top/build-release}
tools=$(for m in "$top"/cmd/*/main.c; do basename "$(dirname "$m")"; done)
cmake -S "$top" -B "$release" -DCMAKE_BUILD_TYPE=Release -DAK_WERROR=ON >/dev/null
# shellcheck disable=SC2086
cmake --build "$release" -j "$jobs" --target $tools >/dev/null
AK_BIN=$release/bin AK_DATA=$top/tests/data AK_SRC=$top AK_SHARED=$top/../shared \
	AK_BUILD=$release AK_LIMITS_STREAM_MB=1024 AK_LIMITS_IDS=1000000 \
	bash "$top/tests/cli/limits.sh"
AK_BIN=$release/bin AK_DATA=$top/tests/data AK_SRC=$top AK_SHARED=$top/../shared \
	AK_BUILD=$release AK_REPORT_LIMITS_GOALS=100000 \
	bash "$top/tests/cli/report-fmt-limits.sh"
AK_BIN=$release/bin AK_DATA=$top/tests/data AK_SRC=$top AK_SHARED=$top/../shared \
	AK_BUILD=$release AK_GAP_LIMITS_GOALS=1000000 \
	bash "$top/tests/cli/gap-find-limits.sh"

# The CLI tests again, every tool under valgrind (memcheck).
"$top/scripts/valgrind.sh"

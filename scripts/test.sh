#!/usr/bin/env bash
# Builds alignkit with AddressSanitizer and UndefinedBehaviorSanitizer,
# warnings as errors, and runs every test: the cmocka unit tests, the CLI
# tests against golden files, the conformance suites and the man page lint.
# Installs the Debian packages it needs first.  This is what CI runs.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${AK_BUILD_DIR:-$top/build-test}
jobs=$(nproc 2>/dev/null || echo 2)

"$top/scripts/deps.sh" --test
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Debug \
	-DAK_SANITIZE=ON -DAK_WERROR=ON >/dev/null
cmake --build "$build" -j "$jobs"
ctest --test-dir "$build" -j "$jobs" --output-on-failure

# Each libFuzzer target runs briefly in a clang build of its own
# (scripts/fuzz.sh runs them for longer).
fuzz=${AK_FUZZ_BUILD_DIR:-$top/build-fuzz}
CC=clang cmake -S "$top" -B "$fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DAK_FUZZ=ON -DAK_FUZZ_SECONDS=${AK_FUZZ_SECONDS:-10} >/dev/null
cmake --build "$fuzz" -j "$jobs" >/dev/null
ctest --test-dir "$fuzz" -R '^fuzz/' --output-on-failure

#!/usr/bin/env bash
# Runs the CLI tests with every tool under valgrind (memcheck): a Debug
# build without sanitizers, and a directory of wrapper scripts named like
# the tools, used as AK_BIN.  Any memory error or definite or indirect leak
# makes the tool exit 99, which fails its test.
#   scripts/valgrind.sh [TEST...]      default: every tests/cli/*.sh
# Time limits within tests are ten times longer (AK_TIME_FACTOR), and the
# limit tests run smaller (AK_LIMITS_*, AK_*_LIMITS_GOALS): valgrind
# is some thirty times slower, and the full sizes run in the sanitizer and
# Release builds.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${AK_VALGRIND_BUILD_DIR:-$top/build-valgrind}
jobs=$(nproc 2>/dev/null || echo 2)
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind is needed" >&2; exit 1; }

cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DAK_SANITIZE=OFF \
	-DAK_WERROR=ON >/dev/null
cmake --build "$build" -j "$jobs" >/dev/null

shims=$build/valgrind-bin
rm -rf "$shims"
mkdir -p "$shims" "$build/valgrind-logs"
for tool in "$build"/bin/*; do
	[ -f "$tool" ] && [ -x "$tool" ] || continue
	cat >"$shims/${tool##*/}" <<EOF
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full \\
	--errors-for-leak-kinds=definite,indirect \\
	--show-leak-kinds=definite,indirect "$tool" "\$@"
EOF
	chmod 755 "$shims/${tool##*/}"
done

tests=("$@")
if [ ${#tests[@]} -eq 0 ]; then
	# Not the differential test: it checks the last bit of exact
	# arithmetic, and valgrind computes long double in 64 bits, not the
	# 80 of the machine (its documented limit), so its numbers differ.
	for t in "$top"/tests/cli/*.sh; do
		[ "$(basename "$t" .sh)" = score-differential ] && continue
		tests+=("$(basename "$t" .sh)")
	done
fi

export AK_BIN=$shims AK_DATA=$top/tests/data AK_SRC=$top \
	AK_SHARED=$top/../shared AK_BUILD=$build
export AK_TIME_FACTOR=${AK_TIME_FACTOR:-10}
export AK_LIMITS_STREAM_MB=${AK_LIMITS_STREAM_MB:-0} AK_LIMITS_LINE_MB=${AK_LIMITS_LINE_MB:-1} \
	AK_LIMITS_IDS=${AK_LIMITS_IDS:-1000} AK_LIMITS_DEPTH=${AK_LIMITS_DEPTH:-2000} \
	AK_REPORT_LIMITS_GOALS=${AK_REPORT_LIMITS_GOALS:-1000} \
	AK_GAP_LIMITS_GOALS=${AK_GAP_LIMITS_GOALS:-1000}

# One test per job, the log of each kept; a summary at the end.
printf '%s\n' "${tests[@]}" | xargs -P "$jobs" -I{} sh -c '
	start=$(date +%s)
	if bash "$1/tests/cli/$2.sh" >"$3/$2.log" 2>&1; then
		echo "valgrind: $(tail -1 "$3/$2.log"), $(($(date +%s) - start)) s"
	else
		echo "valgrind: $2: FAILED, see $3/$2.log"; tail -20 "$3/$2.log"; exit 1
	fi' sh "$top" {} "$build/valgrind-logs"

#!/usr/bin/env bash
# Builds the libFuzzer targets with clang, ASan and UBSan and runs each for
# a while, printing how long it ran and how many inputs it executed.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     default: 60 seconds, every target
# A crash leaves its input as tests/fuzz/crash-*; keep it as a regression
# test under tests/fuzz/regress/<target>/ once fixed.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${AK_FUZZ_BUILD_DIR:-$top/build-fuzz}
seconds=${1:-60}
[ $# -gt 0 ] && shift

"$top/scripts/deps.sh" --test
CC=clang cmake -S "$top" -B "$build" -DAK_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" >/dev/null

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	for f in "$top"/tests/fuzz/fuzz_*.c; do
		t=$(basename "$f" .c); targets+=("${t#fuzz_}")
	done
fi
for t in "${targets[@]}"; do
	corpus=$build/tests/fuzz/corpus/$t
	mkdir -p "$corpus"
	seeds=()
	for d in "$top/tests/fuzz/seeds/$t" "$top/tests/fuzz/regress/$t"; do
		[ -d "$d" ] && seeds+=("$d")
	done
	case $t in
	jsonl|pipeline) seeds+=("$top/../shared/conformance/JSONTestSuite/test_parsing") ;;
	csv) seeds+=("$top/../shared/conformance/csv-spectrum/csvs") ;;
	esac
	log=$build/fuzz-$t.log
	(cd "$top/tests/fuzz" && "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		"$corpus" "${seeds[@]}") >"$log" 2>&1 || { echo "fuzz_$t: FAILED, see $log"; tail -30 "$log"; exit 1; }
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	echo "fuzz_$t: ${seconds}s, $execs executions, no crash"
done

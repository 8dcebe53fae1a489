#!/bin/bash
# The measurement fast path (lib/scan_measurement.c) against a bare jansson
# parse of the same lines, and the getline-only I/O floor, on the bench
# data's measurement lines (bench/kpi-score/gen.c).  Runs are paired: each
# round times the three in turn; the medians are printed, and their ratios.
# Builds what it needs (Release) in a scratch directory.
#
#   bench/scan/run.sh                 # 1M measurements over 10k KPIs
#   N=200000 RUNS=3 bench/scan/run.sh
#
# Needs cc, cmake, jansson and libcsv.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
N=${N:-1000000}
K=${K:-10000}
RUNS=${RUNS:-7}
work=${AK_BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/ak-bench-scan.XXXXXX")}
mkdir -p "$work"
export LC_ALL=C

echo "building in $work ..."
cmake -S "$src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release \
	-DBUILD_TESTING=OFF >/dev/null
cmake --build "$work/build" -j2 --target alignkit_static >/dev/null
lib=$(find "$work/build" -name libalignkit.a | head -1)
cc -O2 -o "$work/gen" "$src/bench/kpi-score/gen.c"
# shellcheck disable=SC2046
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I"$src/include" -I"$src/lib" \
	-o "$work/driver" "$here/driver.c" "$lib" \
	$(pkg-config --cflags --libs jansson) -lcsv -lm

data=$work/measurements.jsonl
"$work/gen" "$N" "$K" | grep '^{"kind":"measurement"' >"$data"
echo "data: $(wc -l <"$data") measurement lines over $K KPIs, $(du -h "$data" | cut -f1)"

for mode in getline jansson scan; do : >"$work/$mode.times"; done
for _ in $(seq "$RUNS"); do
	for mode in getline jansson scan; do
		read -r secs lines recognised < <("$work/driver" "$mode" "$data")
		echo "$secs" >>"$work/$mode.times"
		[ "$mode" = scan ] && echo "$lines $recognised" >"$work/recognised"
	done
done
median() { sort -n "$work/$1.times" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
g=$(median getline); j=$(median jansson); s=$(median scan)
read -r lines recognised <"$work/recognised"
printf '\nseconds, median of %d paired runs\n' "$RUNS"
printf '  %-36s %8.3f\n' "getline only (I/O floor)" "$g" "jansson parse" "$j" "fast path" "$s"
printf '  recognised by the fast path: %d of %d lines\n' "$recognised" "$lines"
awk -v g="$g" -v j="$j" -v s="$s" 'BEGIN {
	printf "ratios\n"
	printf "  %-36s %7.3fx\n", "fast path / jansson", s / j
	printf "  %-36s %7.3fx\n", "fast path - floor / jansson - floor", (s - g) / (j - g)
	printf "  %-36s %7.3fx\n", "floor / jansson", g / j
}'
[ -n "${AK_BENCH_DIR:-}" ] || rm -rf "$work"

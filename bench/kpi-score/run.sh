#!/bin/bash
# kpi-score side by side, in paired runs, with a bare jansson parse of the
# same lines, with Miller grouping them (`mlr stats1`), and with the
# getline I/O floor (bench/scan/driver.c); then kpi-score's peak memory at
# N and BIG measurements; then SHARD measurements (default BIG) scored in
# one process against 2 shards through partials (GNU parallel, kpi-score
# --partials on each, one kpi-score merging).  Each round times the four in
# turn, so that a busy machine slows them alike (and the one process and
# the shards in turn, SHARD_RUNS rounds); the medians are printed, and
# their ratios against the targets.  Builds what it needs (Release) in a scratch
# directory.
#
#   bench/kpi-score/run.sh            # 1M measurements over 10k KPIs
#   N=200000 BIG=2000000 RUNS=3 SHARD_RUNS=1 bench/kpi-score/run.sh
#
# Needs cc, cmake, jansson, libcsv, mlr, GNU parallel and GNU time
# (/usr/bin/time).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
N=${N:-1000000}           # measurements timed
K=${K:-10000}             # KPIs
BIG=${BIG:-$((N * 10))}   # measurements for the memory comparison
RUNS=${RUNS:-5}
SHARD=${SHARD:-$BIG}      # measurements for one process against 2 shards
SHARD_RUNS=${SHARD_RUNS:-3}
work=${AK_BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/ak-bench.XXXXXX")}
mkdir -p "$work"
export LC_ALL=C

echo "building in $work ..."
cmake -S "$src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release \
	-DBUILD_TESTING=OFF >/dev/null
cmake --build "$work/build" -j2 --target kpi-score alignkit_static >/dev/null
lib=$(find "$work/build" -name libalignkit.a | head -1)
cc -O2 -o "$work/gen" "$here/gen.c"
# shellcheck disable=SC2046
cc -O2 -o "$work/bare" "$here/bare.c" $(pkg-config --cflags --libs jansson)
# shellcheck disable=SC2046
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I"$src/include" -I"$src/lib" \
	-o "$work/driver" "$src/bench/scan/driver.c" "$lib" \
	$(pkg-config --cflags --libs jansson) -lcsv -lm
score=$work/build/bin/kpi-score
data=$work/data.jsonl

"$work/gen" "$N" "$K" >"$data"
lines=$(wc -l <"$data")
echo "data: $lines lines ($N measurements over $K KPIs), $(du -h "$data" | cut -f1)"

# Seconds a command takes (wall clock), its output thrown away.
timed() {
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", b - a }'
}
names="kpi-score bare-parse mlr getline"
for n in $names; do : >"$work/$n.times"; done
cat "$data" >/dev/null   # into the page cache
for _ in $(seq "$RUNS"); do
	timed "$score" --as-of 2026-11-23 "$data" >>"$work/kpi-score.times"
	timed sh -c "exec '$work/bare' 1 <'$data'" >>"$work/bare-parse.times"
	timed mlr --ijsonl --ojsonl stats1 -a count,mean -f value -g kpi "$data" \
		>>"$work/mlr.times"
	"$work/driver" getline "$data" | awk '{ print $1 }' >>"$work/getline.times"
done
median() { sort -n "$work/$1.times" | awk '{ v[NR] = $1 } END {
	print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf '\n%-28s %9s\n' "seconds (median of $RUNS)" "median"
for n in $names; do printf '  %-26s %9.3f\n' "$n" "$(median "$n")"; done
awk -v s="$(median kpi-score)" -v b="$(median bare-parse)" \
    -v m="$(median mlr)" -v g="$(median getline)" 'BEGIN {
	printf "ratios\n"
	printf "  %-26s %8.3fx  (target <= 0.5x)\n", "kpi-score / bare parse", s / b
	printf "  %-26s %8.3fx  (target <= 0.1x)\n", "kpi-score / mlr", s / m
	printf "  %-26s %8.1fx\n", "kpi-score / getline floor", s / g
}'

rss() { /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null; cat "$work/rss"; }
r1=$(rss "$score" --as-of 2026-11-23 "$data")
r10=$("$work/gen" "$BIG" "$K" | rss "$score" --as-of 2026-11-23)
printf '\npeak RSS: %s KiB at %d measurements, %s KiB at %d\n' "$r1" "$N" "$r10" "$BIG"
awk -v a="$r1" -v b="$r10" 'BEGIN { printf "  ratio %.3f  (target <= 1.2)\n", b / a }'

# One process against 2 shards through partials, on the same SHARD lines
# (the shards' partials are one per KPI and period: they pay off when a
# KPI has many measurements per period, as raw events do).
"$work/gen" "$SHARD" "$K" >"$work/shard.jsonl"
grep -v '"kind":"measurement"' "$work/shard.jsonl" >"$work/model.jsonl" || :
grep '"kind":"measurement"' "$work/shard.jsonl" >"$work/meas.jsonl"
block=$(( $(stat -c %s "$work/meas.jsonl") / 2 + 1 ))
two() {
	parallel --pipe --block "$block" -k -j2 \
		"cat '$work/model.jsonl' - | '$score' --as-of 2026-11-23 --partials" \
		<"$work/meas.jsonl" | grep '"kind":"measurement"' |
		cat "$work/model.jsonl" - | "$score" --as-of 2026-11-23
}
: >"$work/one.times"
: >"$work/two.times"
for _ in $(seq "$SHARD_RUNS"); do
	timed "$score" --as-of 2026-11-23 "$work/shard.jsonl" >>"$work/one.times"
	timed two >>"$work/two.times"
done
t1=$(median one)
t2=$(median two)
"$score" --as-of 2026-11-23 "$work/shard.jsonl" | grep -E '"kind":"(score|rollup)"' >"$work/one.out"
two | grep -E '"kind":"(score|rollup)"' >"$work/two.out"
same=$(cmp -s "$work/one.out" "$work/two.out" && echo identical || echo DIFFERENT)
printf '\n%d measurements (median of %d): one process %.3f s, 2 shards through partials %.3f s (%.2fx); scores %s\n' \
	"$SHARD" "$SHARD_RUNS" "$t1" "$t2" "$(awk -v a="$t1" -v b="$t2" 'BEGIN { print b / a }')" "$same"
[ -n "${AK_BENCH_DIR:-}" ] || rm -rf "$work"

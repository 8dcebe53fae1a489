#!/bin/bash
# kpi-score side by side with a bare jansson parse of the same lines and
# with Miller grouping them (SPEC §11), and its peak memory at N and 10 N
# measurements.  Builds what it needs (Release) in a scratch directory.
#
#   bench/kpi-score/run.sh            # 1M measurements over 10k KPIs
#   N=200000 BIG=2000000 RUNS=3 bench/kpi-score/run.sh
#
# Needs cc, cmake, jansson, hyperfine, jq, mlr and GNU time (/usr/bin/time).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
N=${N:-1000000}           # measurements timed
K=${K:-10000}             # KPIs
BIG=${BIG:-$((N * 10))}   # measurements for the memory comparison
RUNS=${RUNS:-5}
work=${AK_BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/ak-bench.XXXXXX")}
mkdir -p "$work"
export LC_ALL=C

echo "building in $work ..."
cmake -S "$src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release \
	-DBUILD_TESTING=OFF >/dev/null
cmake --build "$work/build" -j2 --target kpi-score >/dev/null
cc -O2 -o "$work/gen" "$here/gen.c"
# shellcheck disable=SC2046
cc -O2 -o "$work/bare" "$here/bare.c" $(pkg-config --cflags --libs jansson)
score=$work/build/bin/kpi-score
data=$work/data.jsonl

"$work/gen" "$N" "$K" >"$data"
lines=$(wc -l <"$data")
echo "data: $lines lines ($N measurements over $K KPIs), $(du -h "$data" | cut -f1)"

hyperfine --warmup 1 --runs "$RUNS" --export-json "$work/times.json" --style basic \
	-n kpi-score "$score --as-of 2026-11-23 $data" \
	-n bare-parse "$work/bare 1 <$data" \
	-n bare-parse-noflags "$work/bare 0 <$data" \
	-n mlr "mlr --ijsonl --ojsonl stats1 -a count,mean -f value -g kpi $data" \
	>/dev/null
median() { jq -r --arg n "$1" '.results[] | select(.command == $n) | .median' "$work/times.json"; }
# CPU time (user + system, mean) is the steadier figure on a shared machine.
cpu() { jq -r --arg n "$1" '.results[] | select(.command == $n) | .user + .system' "$work/times.json"; }
printf '\n%-36s %8s %8s\n' "seconds ($RUNS runs)" "median" "cpu"
for n in kpi-score bare-parse bare-parse-noflags mlr; do
	printf '  %-34s %8.3f %8.3f\n' "$n" "$(median $n)" "$(cpu $n)"
done
awk -v s="$(median kpi-score)" -v b="$(median bare-parse)" \
    -v b0="$(median bare-parse-noflags)" -v m="$(median mlr)" \
    -v cs="$(cpu kpi-score)" -v cb="$(cpu bare-parse)" \
    -v cb0="$(cpu bare-parse-noflags)" -v cm="$(cpu mlr)" 'BEGIN {
	printf "%-36s %8s %8s\n", "ratios", "median", "cpu"
	printf "  %-34s %7.2fx %7.2fx  (target <= 1.5x)\n", "kpi-score / bare parse", s / b, cs / cb
	printf "  %-34s %7.2fx %7.2fx\n", "kpi-score / bare parse, no flags", s / b0, cs / cb0
	printf "  %-34s %7.2fx %7.2fx  (target <= 0.333x)\n", "kpi-score / mlr", s / m, cs / cm
}'

rss() { /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null; cat "$work/rss"; }
r1=$(rss "$score" --as-of 2026-11-23 "$data")
r10=$("$work/gen" "$BIG" "$K" | rss "$score" --as-of 2026-11-23)
printf '\npeak RSS: %s KiB at %d measurements, %s KiB at %d\n' "$r1" "$N" "$r10" "$BIG"
awk -v a="$r1" -v b="$r10" 'BEGIN { printf "  ratio %.3f  (target <= 1.2)\n", b / a }'
[ -n "${AK_BENCH_DIR:-}" ] || rm -rf "$work"

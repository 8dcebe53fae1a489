#!/bin/sh
# gap-find and report-fmt on large streams: times gap-find on a large model
# (bench/gap-find/gen.sh: 10k goals, 10k initiatives and 50k KPIs) alone,
# then with PERIODS weeks of score and rollup records, beside `jq -c .` on
# the same lines (a parse and print, no checks) for scale; then the memory
# each holds per record it reads (peak RSS over that of an empty stream,
# divided by the records; the target is at most 1 KB): gap-find on both
# streams and on IDS goals under one top goal with a rollup each (the
# million-id model), report-fmt in each format on gap-find's output of the
# full stream (model, scores, rollups and gaps).  Builds gap-find and
# report-fmt (Release) first.
#   bench/gap-find/run.sh [PERIODS]          # IDS=1000000 by default
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
periods=${1:-3}
ids=${IDS:-1000000}
build="$root/build-bench-gap"
data="$root/bench/data"

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" --target gap-find report-fmt -j2 >/dev/null
gf="$build/bin/gap-find"
rf="$build/bin/report-fmt"

mkdir -p "$data"
model="$data/gap-find-model.jsonl"
full="$data/gap-find-model-$periods.jsonl"
flat="$data/gap-find-ids-$ids.jsonl"
empty="$data/empty.jsonl"
[ -s "$model" ] || "$root/bench/gap-find/gen.sh" 0 >"$model"
[ -s "$full" ] || "$root/bench/gap-find/gen.sh" "$periods" >"$full"
[ -s "$flat" ] || awk -v n="$ids" 'BEGIN {
	print "{\"kind\":\"goal\",\"id\":\"G\",\"title\":\"Top\",\"owner\":\"o\",\"src\":\"goals.csv:2\"}"
	for (i = 0; i < n; i++)
		printf "{\"kind\":\"goal\",\"id\":\"G%07d\",\"title\":\"Goal %d\",\"parent\":\"G\",\"owner\":\"o\",\"src\":\"goals.csv:%d\"}\n", i, i, i + 3
	for (i = 0; i < n; i++)
		printf "{\"kind\":\"rollup\",\"of\":\"G%07d\",\"type\":\"goal\",\"period\":\"2026-W47\",\"end\":\"2026-11-22\",\"score\":null,\"status\":\"none\",\"children\":0,\"scored\":0,\"src\":\"goals.csv:%d\"}\n", i, i + 3
}' >"$flat"
: >"$empty"

# Both runs must read everything: the gaps are the last records out.
for f in "$model" "$full"; do
	status=0
	"$gf" --as-of 2026-11-23 "$f" >"$data/gap-find.out" || status=$?
	[ "$status" -eq 1 ] || { echo "run.sh: gap-find exited $status on $f" >&2; exit 2; }
	echo "$(basename "$f"): $(wc -l <"$f") records in, $(grep -c '"kind":"gap"' "$data/gap-find.out") gaps out" >&2
done
# What report-fmt reads: the full stream with its gaps.
gapped="$data/gap-find-model-$periods.gaps.jsonl"
"$gf" --as-of 2026-11-23 --fail-on never "$full" >"$gapped"

# mean COMMAND...: its mean wall time and CPU time (user + system) in
# seconds; on a busy machine the CPU time is the steadier figure.
mean() {
	if command -v hyperfine >/dev/null && command -v jq >/dev/null; then
		hyperfine -N -i --warmup 1 --runs 5 --export-json "$data/gap-find.json" \
			"$*" >/dev/null 2>&1
		jq -r '.results[0] | "\(.mean) \(.user + .system)"' "$data/gap-find.json"
	else
		/usr/bin/time -f "%e %U %S" "$@" 2>&1 >/dev/null | tail -1 |
			awk '{ print $1, $2 + $3 }'
	fi
}
# rss COMMAND...: its peak RSS in KiB.
rss() {
	/usr/bin/time -f %M -o "$data/rss" "$@" >/dev/null 2>&1 || :
	tail -1 "$data/rss"
}
# per FILE KB BASE: bytes held per record of FILE.
per() {
	awk -v r="$(wc -l <"$1")" -v kb="$2" -v base="$3" \
		'BEGIN { printf "%d", (kb - base) * 1024 / r }'
}

t_model=$(mean "$gf" --as-of 2026-11-23 "$model")
t_full=$(mean "$gf" --as-of 2026-11-23 "$full")
t_jq=$(mean jq -c . "$model")
awk -v a="$t_model" -v b="$t_full" -v j="$t_jq" -v p="$periods" 'BEGIN {
	split(a, x, " "); split(b, y, " "); split(j, z, " ")
	printf "%-46s %8s %8s\n", "gap-find", "wall", "cpu"
	printf "%-46s %7.3fs %7.3fs\n",
		"model (10k goals, 10k initiatives, 50k KPIs)", x[1], x[2]
	printf "%-46s %7.3fs %7.3fs\n",
		"model + " p " weeks of scores and rollups", y[1], y[2]
	printf "%-46s %7.3fs %7.3fs\n", "jq -c . on the model alone", z[1], z[2]
}'

printf '\n%-46s %8s %8s %11s\n' "memory per record (target <= 1024 bytes)" \
	"records" "peak" "bytes/rec"
base=$(rss "$gf" --as-of 2026-11-23 "$empty")
for f in "$model" "$full" "$flat"; do
	kb=$(rss "$gf" --as-of 2026-11-23 "$f")
	case $f in
	"$model") what="gap-find: model" ;;
	"$full") what="gap-find: model + $periods weeks" ;;
	*) what="gap-find: $ids goals with a rollup each" ;;
	esac
	printf '%-46s %8d %4d MiB %11d\n' "$what" "$(wc -l <"$f")" \
		$((kb / 1024)) "$(per "$f" "$kb" "$base")"
done
base=$(rss "$rf" -f text "$empty")
for fmt in text markdown html csv junit sarif github codequality; do
	kb=$(rss "$rf" -f "$fmt" "$gapped")
	printf '%-46s %8d %4d MiB %11d\n' "report-fmt -f $fmt: model + $periods weeks + gaps" \
		"$(wc -l <"$gapped")" $((kb / 1024)) "$(per "$gapped" "$kb" "$base")"
done

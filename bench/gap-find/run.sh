#!/bin/sh
# Times gap-find on a large model (bench/gap-find/gen.sh): 10k goals, 10k
# initiatives and 50k KPIs alone, then with PERIODS weeks of score and
# rollup records; prints the mean times and peak memory.  The brief: the
# model alone in well under a second.  Builds gap-find (Release) first.
#   bench/gap-find/run.sh [PERIODS]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
periods=${1:-3}
build="$root/build-bench-gap"
data="$root/bench/data"

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" --target gap-find -j2 >/dev/null
gf="$build/bin/gap-find"

mkdir -p "$data"
model="$data/gap-find-model.jsonl"
full="$data/gap-find-model-$periods.jsonl"
[ -s "$model" ] || "$root/bench/gap-find/gen.sh" 0 >"$model"
[ -s "$full" ] || "$root/bench/gap-find/gen.sh" "$periods" >"$full"

# Both runs must read everything: the gaps are the last records out.
for f in "$model" "$full"; do
	status=0
	"$gf" --as-of 2026-11-23 "$f" >"$data/gap-find.out" || status=$?
	[ "$status" -eq 1 ] || { echo "run.sh: gap-find exited $status on $f" >&2; exit 2; }
	echo "$(basename "$f"): $(wc -l <"$f") records in, $(grep -c '"kind":"gap"' "$data/gap-find.out") gaps out" >&2
done

mean() {
	if command -v hyperfine >/dev/null && command -v jq >/dev/null; then
		hyperfine -N -i --warmup 1 --runs 5 --export-json "$data/gap-find.json" \
			"$gf --as-of 2026-11-23 $1" >/dev/null 2>&1
		jq '.results[0].mean' "$data/gap-find.json"
	else
		/usr/bin/time -f %e "$gf" --as-of 2026-11-23 "$1" 2>&1 >/dev/null | tail -1
	fi
}
rss() {
	/usr/bin/time -f %M "$gf" --as-of 2026-11-23 "$1" 2>&1 >/dev/null | tail -1
}

t_model=$(mean "$model")
t_full=$(mean "$full")
m_model=$(rss "$model")
m_full=$(rss "$full")
awk -v a="$t_model" -v b="$t_full" -v ma="$m_model" -v mb="$m_full" -v p="$periods" 'BEGIN {
	printf "model (10k goals, 10k initiatives, 50k KPIs):  %.3f s  %d MiB\n", a, ma / 1024
	printf "model + %d weeks of scores and rollups:         %.3f s  %d MiB\n", p, b, mb / 1024
}'

#!/bin/sh
# Times gap-find on a large model (bench/gap-find/gen.sh): 10k goals, 10k
# initiatives and 50k KPIs alone, then with PERIODS weeks of score and
# rollup records; prints the mean times and peak memory, beside `jq -c .`
# on the same lines (a parse and print, no checks) for scale.  Builds
# gap-find (Release) first.
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
rss() {
	/usr/bin/time -f %M "$gf" --as-of 2026-11-23 "$1" 2>&1 >/dev/null | tail -1
}

t_model=$(mean "$gf" --as-of 2026-11-23 "$model")
t_full=$(mean "$gf" --as-of 2026-11-23 "$full")
t_jq=$(mean jq -c . "$model")
m_model=$(rss "$model")
m_full=$(rss "$full")
awk -v a="$t_model" -v b="$t_full" -v j="$t_jq" -v ma="$m_model" \
	-v mb="$m_full" -v p="$periods" 'BEGIN {
	split(a, x, " "); split(b, y, " "); split(j, z, " ")
	printf "%-46s %8s %8s %8s\n", "", "wall", "cpu", "peak"
	printf "%-46s %7.3fs %7.3fs %5d MiB\n",
		"model (10k goals, 10k initiatives, 50k KPIs)", x[1], x[2], ma / 1024
	printf "%-46s %7.3fs %7.3fs %5d MiB\n",
		"model + " p " weeks of scores and rollups", y[1], y[2], mb / 1024
	printf "%-46s %7.3fs %7.3fs\n", "jq -c . on the model alone", z[1], z[2]
}'

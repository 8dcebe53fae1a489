#!/bin/sh
# Times goals-load against Miller on the same 1M-row measurements CSV and
# prints both times and their ratio (SPEC §11 spirit: the loader must not
# be the slow step).  Builds goals-load in Release mode first.
#   bench/goals-load/run.sh [ROWS]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
rows=${1:-1000000}
build="$root/build-bench"
data="$root/bench/data"
csv="$data/bench-measurements.csv"

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" --target goals-load -j2 >/dev/null
gl="$build/bin/goals-load"

mkdir -p "$data"
if [ ! -s "$csv" ] || [ "$(sed -n '$=' "$csv")" -ne $((rows + 1)) ]; then
	echo "generating $rows rows into $csv" >&2
	"$root/bench/goals-load/gen.sh" "$rows" >"$csv"
fi

command -v mlr >/dev/null || { echo "run.sh: Miller (mlr) is needed" >&2; exit 2; }
# Both must read the whole file; goals-load must accept every row.
n=$("$gl" "$csv" | wc -l)
[ "$n" -eq "$rows" ] || { echo "run.sh: goals-load wrote $n records, expected $rows" >&2; exit 2; }

if command -v hyperfine >/dev/null; then
	hyperfine -N --warmup 1 --runs 5 --export-json "$data/goals-load.json" \
		-n goals-load "$gl $csv" \
		-n mlr "mlr --icsv --ojsonl cat $csv" >&2
	t_gl=$(jq '.results[] | select(.command == "goals-load") | .mean' "$data/goals-load.json")
	t_mlr=$(jq '.results[] | select(.command == "mlr") | .mean' "$data/goals-load.json")
else
	t() { /usr/bin/time -f %e "$@" >/dev/null 2>"$data/time.txt" || true; tail -1 "$data/time.txt"; }
	t_gl=$(t "$gl" "$csv")
	t_mlr=$(t mlr --icsv --ojsonl cat "$csv")
fi
awk -v g="$t_gl" -v m="$t_mlr" -v n="$rows" 'BEGIN {
	printf "rows:        %d\n", n
	printf "goals-load:  %.3f s\n", g
	printf "mlr cat:     %.3f s\n", m
	printf "ratio:       %.2fx (mlr / goals-load; target >= 2)\n", m / g
}'

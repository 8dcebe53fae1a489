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
	get() { jq ".results[] | select(.command == \"$1\") | $2" "$data/goals-load.json"; }
	t_gl=$(get goals-load .mean)
	t_mlr=$(get mlr .mean)
	c_gl=$(get goals-load '.user + .system')
	c_mlr=$(get mlr '.user + .system')
else
	# elapsed and CPU seconds of one run
	t() { /usr/bin/time -f '%e %U %S' "$@" >/dev/null 2>"$data/time.txt" || true; tail -1 "$data/time.txt"; }
	set -- $(t "$gl" "$csv")
	t_gl=$1 c_gl=$(echo "$2 $3" | awk '{print $1 + $2}')
	set -- $(t mlr --icsv --ojsonl cat "$csv")
	t_mlr=$1 c_mlr=$(echo "$2 $3" | awk '{print $1 + $2}')
fi
# Miller runs on several threads: wall time is the target, CPU time is
# shown beside it because a busy machine skews wall times.
awk -v g="$t_gl" -v m="$t_mlr" -v cg="$c_gl" -v cm="$c_mlr" -v n="$rows" 'BEGIN {
	printf "rows:        %d\n", n
	printf "goals-load:  %.3f s wall, %.3f s CPU\n", g, cg
	printf "mlr cat:     %.3f s wall, %.3f s CPU\n", m, cm
	printf "ratio:       %.2fx wall, %.2fx CPU (mlr / goals-load; target >= 2)\n", m / g, cm / cg
}'

#!/usr/bin/env bash
# Builds alignkit and runs the weekly job on the bundled example
# organisation (examples/model), reporting the week that ended on Sunday
# 2026-11-22, the last week of the example's data.
# Installs the Debian packages it needs first.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${AK_BUILD_DIR:-$top/build}
jobs=$(nproc 2>/dev/null || echo 2)

"$top/scripts/deps.sh"
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$jobs" >/dev/null
bin=$build/bin
out=$build/demo
mkdir -p "$out"
as_of=2026-11-23

# The weekly job: load the model, score the last three weeks (gap-find needs
# three to see a worsening trend), find the gaps.  gap-find exits 1 when it
# finds errors: for the demo that is the point, not a failure.
"$bin/goals-load" "$top/examples/model" |
	"$bin/kpi-score" --as-of "$as_of" --periods 3 >"$out/scored.jsonl"
status=0
"$bin/gap-find" --as-of "$as_of" "$out/scored.jsonl" >"$out/weekly.jsonl" || status=$?
[ "$status" -le 1 ] || exit "$status"

"$bin/report-fmt" -f text --title "Northwind Outfitters, week ending 2026-11-22" \
	"$out/weekly.jsonl"
"$bin/report-fmt" -f html -o "$out/report.html" \
	--title "Northwind Outfitters, week ending 2026-11-22" "$out/weekly.jsonl"
echo
echo "HTML report: $out/report.html"
if [ "$status" -eq 1 ]; then
	echo "gap-find exited 1: the example has alignment gaps at error severity, as it was built to."
fi

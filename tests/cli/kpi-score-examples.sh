# CLI test: the example organisation scored as the README's pipeline does,
# four weeks as of Monday 2026-11-23.
. "$(dirname "$0")/lib.bash"
: "${AK_SRC:?AK_SRC must name the source tree}"

# Relative paths, so that every "src" reads examples/model/FILE:LINE.
cd "$AK_SRC" || exit 1

case_ "goals-load examples/model | kpi-score --periods 4"
run "goals-load examples/model | kpi-score --as-of 2026-11-23 --periods 4"
expect_status 0
expect_empty_stderr
expect_golden kpi-score/examples.out

case_ "every active KPI has four scores, every active goal four rollups"
run "goals-load examples/model | kpi-score --as-of 2026-11-23 --periods 4 | jq -r 'select(.kind == \"score\") | .kpi' | sort | uniq -c | awk '\$1 != 4' | wc -l"
expect_stdout 0

finish

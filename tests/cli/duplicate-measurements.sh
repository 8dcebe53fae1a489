# CLI test: a copied or overlapping export (measurements - Copy.csv beside
# measurements.csv).  For a KPI and a period, the measurements of a file
# that are all given, as the same multiset of (at, value), by an earlier
# file are counted once; the score lists the copy in "duplicates", and
# gap-find reports one duplicate-measurement gap per KPI and pair of
# files.  Identical rows within one file are raw events and count.
. "$(dirname "$0")/lib.bash"

d=$AK_DATA/kpi-score-duplicates

case_ "a copy is counted once and listed on the score"
run kpi-score --as-of 2026-11-23 --periods 2 "$d/model.jsonl" "$d/measurements.jsonl" "$d/copy.jsonl"
expect_status 0
expect_empty_stderr
expect_golden kpi-score-duplicates/copy.out
# K1 in W47: 3 + 3 + 5 from measurements.csv (two equal rows of one file
# both count), the copy's three left out.
expect_stdout_has '"kpi":"K1","measures":"G1","period":"2026-W47","start":"2026-11-16","end":"2026-11-22","value":11,"n":3,'
# K2: the copy gives another value (8, not 7): not a copy; both count.
expect_stdout_has '"kpi":"K2","measures":"G1","period":"2026-W47","start":"2026-11-16","end":"2026-11-22","value":15,"n":2,'
cp "$AK_T/out" "$AK_T/copy.out"

case_ "gap-find reports one gap per KPI and pair of files"
run gap-find --as-of 2026-11-23 --only duplicate-measurement --gaps-only "$AK_T/copy.out"
expect_status 1
expect_golden kpi-score-duplicates/copy.gaps
n=$(grep -c '"type":"duplicate-measurement"' "$AK_T/out")
if [ "$n" -eq 1 ]; then ak_pass; else ak_fail "$n gaps, expected 1"; fi

case_ "the same from CSV exports in one folder"
run "cd '$d' && goals-load export | kpi-score --as-of 2026-11-23 --periods 2 | gap-find --as-of 2026-11-23 --gaps-only --only data"
expect_status 1
expect_golden kpi-score-duplicates/export.gaps

case_ "a bad duplicates field on a score record is an input error"
printf '%s\n' '{"kind":"score","kpi":"K1","period":"2026-W47","end":"2026-11-22","status":"green","duplicates":[{"src":1}]}' >"$AK_T/bad.jsonl"
run gap-find --as-of 2026-11-23 "$AK_T/bad.jsonl"
expect_status 2
expect_stderr_has 'field duplicates: expected objects with string fields src and of'

finish

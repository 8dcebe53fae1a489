# CLI test: how kpi-score aggregates a period's measurements: `last` by
# UTC instant, sums and means exact (the double nearest the exact value,
# in any order, through sums beyond the largest double), a sum that no
# double can hold refused as an input error, and measurements dated after
# --as-of passed on for gap-find to report as future-measurement.
. "$(dirname "$0")/lib.bash"

d=$AK_DATA/kpi-score-aggregate

case_ "last is the latest instant; sums and means are exact"
run kpi-score --as-of 2026-11-23 "$d/model.jsonl" "$d/last.jsonl" "$d/sums.jsonl"
expect_status 0
expect_empty_stderr
expect_golden kpi-score-aggregate/sums.out
# 23:00 beats 01:00 and 00:00 of the same day, though they come later.
expect_stdout_has '"kpi":"KL","measures":"G1","period":"2026-W47","start":"2026-11-16","end":"2026-11-22","value":11,"n":3'
# Eleven times 1e308: the mean is 1e308, not a sum that overflowed.
expect_stdout_has '"kpi":"KA","measures":"G1","period":"2026-W47","start":"2026-11-16","end":"2026-11-22","value":1e+308,"n":11'
# 0.3 + 0.2 + 0.1 in doubles is 0.6000000000000001; the exact sum is 0.6.
expect_stdout_has '"kpi":"KS","measures":"G1","period":"2026-W47","start":"2026-11-16","end":"2026-11-22","value":0.6,'
# (0.1 + 0.2 + 0.3) / 3: the exact mean's nearest double is 0.2.
expect_stdout_has '"kpi":"KM","measures":"G1","period":"2026-W47","start":"2026-11-16","end":"2026-11-22","value":0.2,'

case_ "the order of the measurements does not change a sum or a mean"
tac "$d/sums.jsonl" >"$AK_T/rev.jsonl"
run kpi-score --as-of 2026-11-23 "$d/model.jsonl" "$d/last.jsonl" "$AK_T/rev.jsonl"
expect_status 0
expect_golden kpi-score-aggregate/sums.out

case_ "a sum beyond the largest number is an input error"
run kpi-score --as-of 2026-11-23 "$d/model.jsonl" "$d/overflow.jsonl"
expect_status 2
expect_stderr "kpi-score: $d/overflow.jsonl:3: measurement: field value: the sum of KPI KT in 2026-W47 would exceed the largest number (1.7976931348623157e+308)"
if grep -q '"kind":"score"' "$AK_T/out"; then
	ak_fail "scores were written after the error"; else ak_pass; fi

case_ "with --keep-going the refused measurement is left out of the sum"
run "cd '$d' && kpi-score --as-of 2026-11-23 --keep-going model.jsonl overflow.jsonl"
expect_status 2
expect_golden kpi-score-aggregate/overflow-keep-going.out

case_ "a held-back measurement whose sum overflows is an input error at its line"
# The measurements come before their KPI: they wait, and the sum proves
# too large only when they are settled at the end.
run "cd '$d' && kpi-score --as-of 2026-11-23 model.jsonl overflow-held.jsonl"
expect_status 2
expect_stderr "kpi-score: overflow-held.jsonl:2: measurement: field value: the sum of KPI KT in 2026-W47 would exceed the largest number (1.7976931348623157e+308)"
if grep -q '"kind":"score"' "$AK_T/out"; then
	ak_fail "scores were written after the error"; else ak_pass; fi

case_ "with --keep-going a held-back measurement that overflows is an error record, and the rest is scored"
run "cd '$d' && kpi-score --as-of 2026-11-23 --keep-going model.jsonl overflow-held.jsonl"
expect_status 2
expect_stderr "kpi-score: overflow-held.jsonl:2: measurement: field value: the sum of KPI KT in 2026-W47 would exceed the largest number (1.7976931348623157e+308)"
run "cd '$d' && kpi-score --as-of 2026-11-23 --keep-going model.jsonl overflow-held.jsonl | grep -E '\"kind\":\"error\"|\"kpi\":\"KT\",\"measures\"'"
expect_stdout '{"kind":"error","src":"overflow-held.jsonl:2","message":"measurement: field value: the sum of KPI KT in 2026-W47 would exceed the largest number (1.7976931348623157e+308)"}
{"kind":"score","kpi":"KT","measures":"G1","period":"2026-W47","start":"2026-11-16","end":"2026-11-22","value":0,"n":2,"target":1,"progress":0,"expected":1,"score":0,"status":"red","previous":null,"delta":null,"trend":null,"stale":false,"forecast":null}'

case_ "measurements after --as-of pass on; gap-find reports them"
run kpi-score --as-of 2026-11-23 "$d/future.jsonl"
expect_status 0
expect_empty_stderr
expect_golden kpi-score-aggregate/future.out
cp "$AK_T/out" "$AK_T/future.out"
run gap-find --as-of 2026-11-23 --only future-measurement --gaps-only "$AK_T/future.out"
expect_status 0
expect_golden kpi-score-aggregate/future.gaps

case_ "with --keep-measurements a future measurement passes on once"
run kpi-score --as-of 2026-11-23 --keep-measurements "$d/future.jsonl"
expect_status 0
n=$(grep -c '"at":"2062-11-24"' "$AK_T/out")
if [ "$n" -eq 1 ]; then ak_pass; else ak_fail "2062-11-24 passed on $n times"; fi

finish

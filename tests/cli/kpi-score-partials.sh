# CLI test: partial measurement records on input.  A partial stands for
# many measurements of a KPI in one period (n, sum with sum_lo, min, max,
# last, last_at in place of value); partials merge with each other and
# with plain measurements exactly, for every aggregate.  raw.jsonl holds
# 240 measurements with many decimals; partials.jsonl the same ones as 60
# records (two partials per KPI and week, a few plain measurements), the
# sums written exactly as sum plus sum_lo.
. "$(dirname "$0")/lib.bash"

d=$AK_DATA/kpi-score-partials
derived() { grep -v '"kind":"measurement"' "$1"; }

case_ "partials give the scores and rollups of the measurements they stand for"
run kpi-score --as-of 2026-11-23 --periods 5 "$d/model.jsonl" "$d/raw.jsonl"
expect_status 0
expect_golden kpi-score-partials/raw.out
derived "$AK_T/out" >"$AK_T/raw.derived"
run kpi-score --as-of 2026-11-23 --periods 5 "$d/model.jsonl" "$d/partials.jsonl"
expect_status 0
expect_empty_stderr
derived "$AK_T/out" >"$AK_T/partials.derived"
expect_same "$AK_T/raw.derived" "$AK_T/partials.derived" "partials scored otherwise"

case_ "partials and measurements mixed merge as the measurements do"
# Half the KPIs as partials, the other half as measurements.
{ grep -E '"kpi":"K(sum|avg|min)"' "$d/partials.jsonl"
  grep -E '"kpi":"K(max|count|last)"' "$d/raw.jsonl"; } >"$AK_T/mixed.jsonl"
run kpi-score --as-of 2026-11-23 --periods 5 "$d/model.jsonl" "$AK_T/mixed.jsonl"
expect_status 0
expect_empty_stderr
derived "$AK_T/out" >"$AK_T/mixed.derived"
expect_same "$AK_T/raw.derived" "$AK_T/mixed.derived" "a mixed stream scored otherwise"

case_ "without sum_lo the exact sum is lost: sum_lo is what keeps it"
jq -c 'del(.sum_lo)' "$d/partials.jsonl" >"$AK_T/nolo.jsonl"
run kpi-score --as-of 2026-11-23 --periods 5 "$d/model.jsonl" "$AK_T/nolo.jsonl"
expect_status 0
derived "$AK_T/out" >"$AK_T/nolo.derived"
if cmp -s "$AK_T/raw.derived" "$AK_T/nolo.derived"; then
	ak_fail "the sums were exact without sum_lo: the test data proves nothing"
else ak_pass; fi

case_ "a partial's last is the one with the greatest last_at, then stream order"
cat >"$AK_T/last.jsonl" <<'J'
{"kind":"measurement","kpi":"Klast","at":"2026-11-16","n":2,"sum":3,"min":1,"max":2,"last":2,"last_at":"2026-11-20T10:00:00Z"}
{"kind":"measurement","kpi":"Klast","at":"2026-11-17","n":3,"sum":30,"min":5,"max":15,"last":5,"last_at":"2026-11-20T10:00:00Z"}
{"kind":"measurement","kpi":"Klast","at":"2026-11-20T09:59:59Z","value":7}
{"kind":"measurement","kpi":"Kcount","at":"2026-11-21","n":4,"sum":1,"min":0,"max":1,"last":0,"last_at":"2026-11-21"}
{"kind":"measurement","kpi":"Kcount","at":"2026-11-22","value":3}
J
run kpi-score --as-of 2026-11-23 --periods 1 "$d/model.jsonl" "$AK_T/last.jsonl"
expect_status 0
expect_stdout_has '"kpi":"Klast","measures":"G1","period":"2026-W47","start":"2026-11-16","end":"2026-11-22","value":5,"n":6,'
expect_stdout_has '"kpi":"Kcount","measures":"G1","period":"2026-W47","start":"2026-11-16","end":"2026-11-22","value":5,"n":5,'

# bad LINE: a valid partial, then LINE; the error must name file, line
# and field.
bad() {
	printf '%s\n' '{"kind":"measurement","kpi":"Ksum","at":"2026-11-16","n":1,"sum":1,"min":1,"max":1,"last":1,"last_at":"2026-11-16"}' "$1" >"$AK_T/bad.jsonl"
	run "cd '$AK_T' && kpi-score --as-of 2026-11-23 '$d/model.jsonl' bad.jsonl"
	expect_status 2
	expect_stderr "kpi-score: bad.jsonl:2: $2"
}
P='"kind":"measurement","kpi":"Ksum","at":"2026-11-16"'
case_ "n must be a positive integer"
bad "{$P,\"n\":0,\"sum\":1,\"min\":1,\"max\":1,\"last\":1,\"last_at\":\"2026-11-16\"}" \
	"measurement: field n: expected a positive integer"
bad "{$P,\"n\":2.5,\"sum\":1,\"min\":1,\"max\":1,\"last\":1,\"last_at\":\"2026-11-16\"}" \
	"measurement: field n: expected a positive integer"
bad "{$P,\"n\":\"2\",\"sum\":1,\"min\":1,\"max\":1,\"last\":1,\"last_at\":\"2026-11-16\"}" \
	"measurement: field n: expected a positive integer"
case_ "a partial has no value"
bad "{$P,\"value\":1,\"n\":2,\"sum\":1,\"min\":1,\"max\":1,\"last\":1,\"last_at\":\"2026-11-16\"}" \
	"measurement: field value: a partial (with n) has no value"
case_ "min, max and last agree"
bad "{$P,\"n\":2,\"sum\":1,\"min\":3,\"max\":1,\"last\":1,\"last_at\":\"2026-11-16\"}" \
	"measurement: field min: greater than max"
bad "{$P,\"n\":2,\"sum\":1,\"min\":0,\"max\":1,\"last\":4,\"last_at\":\"2026-11-16\"}" \
	"measurement: field last: not between min and max"
bad "{$P,\"n\":1,\"sum\":1,\"min\":0,\"max\":1,\"last\":1,\"last_at\":\"2026-11-16\"}" \
	"measurement: field min: differs from max with n 1"
case_ "every field of a partial is required and typed"
bad "{$P,\"n\":2,\"sum\":1,\"min\":0,\"max\":1,\"last\":1}" \
	"measurement: missing required field last_at (a partial has n, sum, min, max, last and last_at)"
bad "{$P,\"n\":2,\"min\":0,\"max\":1,\"last\":1,\"last_at\":\"2026-11-16\"}" \
	"measurement: missing required field sum (a partial has n, sum, min, max, last and last_at)"
bad "{$P,\"n\":2,\"sum\":\"1\",\"min\":0,\"max\":1,\"last\":1,\"last_at\":\"2026-11-16\"}" \
	"measurement: field sum: expected a number"
bad "{$P,\"n\":2,\"sum\":1,\"sum_lo\":[1,\"x\"],\"min\":0,\"max\":1,\"last\":1,\"last_at\":\"2026-11-16\"}" \
	"measurement: field sum_lo: expected an array of numbers"
bad "{$P,\"n\":2,\"sum\":1,\"min\":0,\"max\":1,\"last\":1,\"last_at\":\"2026-11-31\"}" \
	"measurement: field last_at: \"2026-11-31\" is not a valid date or date-time"
bad "{\"kind\":\"measurement\",\"at\":\"2026-11-16\",\"n\":2,\"sum\":1,\"min\":0,\"max\":1,\"last\":1,\"last_at\":\"2026-11-16\"}" \
	"measurement: missing required field kpi"
case_ "last_at lies in the period of at"
bad "{$P,\"n\":2,\"sum\":1,\"min\":0,\"max\":1,\"last\":1,\"last_at\":\"2026-11-23\"}" \
	"measurement: field last_at: not in 2026-W47, the period of at"

case_ "a partial whose KPI is not in the stream passes on unchanged"
printf '%s\n' '{"kind":"measurement","kpi":"KX","at":"2026-11-16","n":2,"sum":1,"min":0,"max":1,"last":1,"last_at":"2026-11-16"}' >"$AK_T/other.jsonl"
run kpi-score --as-of 2026-11-23 "$d/model.jsonl" "$AK_T/other.jsonl"
expect_status 0
expect_stdout_has '{"kind":"measurement","kpi":"KX","at":"2026-11-16","n":2,"sum":1,"min":0,"max":1,"last":1,"last_at":"2026-11-16"}'
cp "$AK_T/out" "$AK_T/other.out"
run gap-find --as-of 2026-11-23 --only dangling-ref --gaps-only "$AK_T/other.out"
expect_status 1
expect_stdout_has '"message":"2 measurements name kpi KX, which is not in the model; correct their kpi or add kpi KX"'

finish

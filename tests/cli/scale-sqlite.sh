# CLI test: examples/scale/sqlite.sql turns a real SQLite database of the
# example measurements into partials, and kpi-score gives the same score
# and rollup records from them as from the measurements themselves;
# also when decimals add up to what a floating-point SQL sum gets wrong.
. "$(dirname "$0")/lib.bash"
: "${AK_SRC:?AK_SRC must name the source tree}"

db=$AK_T/example.sqlite
goals-load "$AK_SRC/examples/model" >"$AK_T/all.jsonl"
jq -c 'select(.kind != "measurement")' "$AK_T/all.jsonl" >"$AK_T/model.jsonl"
jq -c 'select(.kind == "measurement" and (.src | startswith("'"$AK_SRC"'/examples/model/measurements.csv")))' \
	"$AK_T/all.jsonl" >"$AK_T/raw.jsonl"
scores() { grep -E '"kind":"(score|rollup)"' "$1"; }

case_ "the example measurements go into a SQLite database"
run "sqlite3 '$db' \".import --csv '$AK_SRC/examples/model/measurements.csv' measurements\" \".import --csv '$AK_SRC/examples/model/kpis.csv' kpis\" 'SELECT count(*) FROM measurements'"
expect_status 0
expect_stdout "$(wc -l <"$AK_T/raw.jsonl")"

case_ "partials from sqlite.sql score as the measurements do"
run "cat '$AK_T/model.jsonl' '$AK_T/raw.jsonl' | kpi-score --as-of 2026-11-23 --periods 6"
expect_status 0
scores "$AK_T/out" >"$AK_T/raw.scores"
run "sqlite3 -batch -noheader '$db' <'$AK_SRC/examples/scale/sqlite.sql'"
expect_status 0
expect_empty_stderr
cp "$AK_T/out" "$AK_T/partials.jsonl"
if [ "$(grep -c '"n":' "$AK_T/partials.jsonl")" -gt 10 ]; then ak_pass; else ak_fail "too few partials"; fi
run "cat '$AK_T/model.jsonl' '$AK_T/partials.jsonl' | kpi-score --as-of 2026-11-23 --periods 6"
expect_status 0
expect_empty_stderr
scores "$AK_T/out" >"$AK_T/sql.scores"
expect_same "$AK_T/raw.scores" "$AK_T/sql.scores" "SQLite partials scored otherwise"

case_ "many decimals in one week are summed exactly"
# Ten times 0.1 and ten times 0.7 in one week of a sum and an avg KPI:
# added in doubles one by one, 0.1 ten times is 0.9999999999999999; the
# exact sum is 1, which the scaled integers of sqlite.sql give.
for i in 1 2 3 4 5 6 7 8 9 10; do
	printf 'online-revenue,2026-11-1%d,0.1,\n' $((i % 7 + 0))
	printf 'discount-depth,2026-11-1%d,0.7,\n' $((i % 7 + 0))
done >"$AK_T/dec.csv"
run "sqlite3 '$db' \".import --csv '$AK_T/dec.csv' measurements\""
expect_status 0
{ cat "$AK_T/raw.jsonl"
  awk -F, '{ printf "{\"kind\":\"measurement\",\"kpi\":\"%s\",\"at\":\"%s\",\"value\":%s}\n", $1, $2, $3 }' "$AK_T/dec.csv"
} >"$AK_T/raw2.jsonl"
run "cat '$AK_T/model.jsonl' '$AK_T/raw2.jsonl' | kpi-score --as-of 2026-11-23 --periods 6"
expect_status 0
scores "$AK_T/out" >"$AK_T/raw2.scores"
run "sqlite3 -batch -noheader '$db' <'$AK_SRC/examples/scale/sqlite.sql' | cat '$AK_T/model.jsonl' - | kpi-score --as-of 2026-11-23 --periods 6"
expect_status 0
expect_empty_stderr
scores "$AK_T/out" >"$AK_T/sql2.scores"
expect_same "$AK_T/raw2.scores" "$AK_T/sql2.scores" "SQLite partials of decimals scored otherwise"
if cmp -s "$AK_T/raw.scores" "$AK_T/raw2.scores"; then
	ak_fail "the decimals changed no score: the case proves nothing"; else ak_pass; fi

finish

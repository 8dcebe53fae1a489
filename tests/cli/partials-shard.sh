# CLI test: kpi-score --partials on shards, merged by kpi-score, gives
# byte for byte the score and rollup records of one run over the whole
# stream.  The model is the example organisation's; the measurements are
# 24,000 generated ones with many decimals (sums that no double holds
# exactly) over a year of its KPIs, a quarter of them with a note, split
# into shards by GNU parallel.
. "$(dirname "$0")/lib.bash"
: "${AK_SRC:?AK_SRC must name the source tree}"

goals-load "$AK_SRC/examples/model" | jq -c 'select(.kind != "measurement")' >"$AK_T/model.jsonl"
jq -r 'select(.kind == "kpi") | .id' "$AK_T/model.jsonl" >"$AK_T/kpis"
python3 - "$AK_T/kpis" >"$AK_T/meas.jsonl" <<'PY'
import datetime, random, sys
random.seed(16)
kpis = open(sys.argv[1]).read().split() + ["not-in-the-model"]
day0 = datetime.date(2025, 11, 24)
for i in range(24000):
    k = kpis[i % len(kpis)]
    d = day0 + datetime.timedelta(days=random.randrange(364))
    at = d.isoformat() if i % 3 else "%sT%02d:%02d:00Z" % (d, random.randrange(24), random.randrange(60))
    v = round(random.uniform(-20, 1200), random.choice([2, 3, 5, 7]))
    # Notes on some: the score's note (its latest measurement's) must
    # come through the partials as last_note.
    note = ',"note":"reading %d"' % i if i % 4 == 0 else ""
    print('{"kind":"measurement","kpi":"%s","at":"%s","value":%r%s}' % (k, at, v, note))
PY
scores() { grep -E '"kind":"(score|rollup)"' "$1"; }

case_ "one run over the whole stream"
run "cat '$AK_T/model.jsonl' '$AK_T/meas.jsonl' | kpi-score --as-of 2026-11-23 --periods 6"
expect_status 0
expect_empty_stderr
scores "$AK_T/out" >"$AK_T/one"
if [ "$(wc -l <"$AK_T/one")" -gt 100 ]; then ak_pass; else ak_fail "too few scores"; fi

case_ "shards through kpi-score --partials, merged by kpi-score"
run "parallel --pipe --block 200k -k -j2 \"cat '$AK_T/model.jsonl' - | kpi-score --as-of 2026-11-23 --partials\" <'$AK_T/meas.jsonl' >'$AK_T/partials.jsonl'"
expect_status 0
shards=$(grep -c '"kind":"goal","id":"G1"' "$AK_T/partials.jsonl")
if [ "$shards" -ge 4 ]; then ak_pass; else ak_fail "only $shards shards"; fi
run "{ cat '$AK_T/model.jsonl'; jq -c 'select(.kind == \"measurement\")' '$AK_T/partials.jsonl'; } | kpi-score --as-of 2026-11-23 --periods 6"
expect_status 0
expect_empty_stderr
scores "$AK_T/out" >"$AK_T/merged"
expect_same "$AK_T/one" "$AK_T/merged" "merged scores differ"
if grep -q '"note":"reading' "$AK_T/one" && grep -q '"last_note":"reading' "$AK_T/partials.jsonl"; then
	ak_pass; else ak_fail "no notes in the scores or no last_note in the partials"; fi

case_ "--partials writes partials only, with sum_lo where a double is not exact"
n=$(grep -c '"kind":"measurement","kpi":"not-in-the-model","at":"[^"]*","value"' "$AK_T/partials.jsonl")
if [ "$n" -gt 0 ]; then ak_pass; else ak_fail "measurements of an unknown KPI were not passed on"; fi
if grep -q '"sum_lo":\[' "$AK_T/partials.jsonl"; then ak_pass; else ak_fail "no sum_lo written"; fi
if jq -e 'select(.kind == "measurement" and .kpi != "not-in-the-model" and has("value"))' "$AK_T/partials.jsonl" >/dev/null; then
	ak_fail "a measurement of a known KPI passed on"; else ak_pass; fi
if grep -q '"kind":"score"' "$AK_T/partials.jsonl"; then
	ak_fail "--partials wrote scores"; else ak_pass; fi

case_ "partials of partials merge as well"
run "kpi-score --as-of 2026-11-23 --partials '$AK_T/model.jsonl' '$AK_T/partials.jsonl'"
expect_status 0
jq -c 'select(.kind == "measurement")' "$AK_T/out" >"$AK_T/again.jsonl"
run "kpi-score --as-of 2026-11-23 --periods 6 '$AK_T/model.jsonl' '$AK_T/again.jsonl'"
expect_status 0
scores "$AK_T/out" >"$AK_T/again"
expect_same "$AK_T/one" "$AK_T/again" "re-merged scores differ"

finish

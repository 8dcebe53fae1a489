# CLI test: the note beside each KPI.  kpi-score puts on each score the
# note of the measurement its value stands on (the latest with a value by
# instant, then the later in the stream; in an n/a period the latest null
# one's), on every path a measurement takes: the fast path, jansson,
# held back until its KPI comes, copies left out, partials (last_note).
# report-fmt shows it beside the KPI in every human format, escaped there,
# and cut or wrapped within 80 columns in text.  The data and what each
# KPI shows: tests/data/kpi-score-notes/README.
. "$(dirname "$0")/lib.bash"

d=$AK_DATA/kpi-score-notes
cd "$d" || exit 1
scores() { grep -E '^\{"kind":"(rollup|score)"' "$1"; }
# note KPI: the note of KPI's score in $AK_T/out ("null" when none).
note() { jq -r --arg k "$1" 'select(.kind == "score" and .kpi == $k) | .note' "$AK_T/out"; }

case_ "scores carry the note of the measurement their value stands on"
run kpi-score --as-of 2026-11-23 notes.jsonl
expect_status 0
expect_empty_stderr
expect_golden kpi-score-notes/notes.out
cp "$AK_T/out" "$AK_T/scored"
scores "$AK_T/out" >"$AK_T/one"

case_ "the latest by instant, not the latest in the stream"
[ "$(note K-cost)" = 'reserved instances lapsed <script>alert(1)</script> '$'\033''[31mred'$'\033''[0m & "quoted"' ] && ak_pass || ak_fail "K-cost: $(note K-cost)"
case_ "a note on an earlier measurement only: the score has none"
[ "$(note K-earlier)" = null ] && ak_pass || ak_fail "K-earlier: $(note K-earlier)"
if grep '"kpi":"K-earlier"' "$AK_T/out" | grep -q '"note"'; then ak_fail "K-earlier has a note field"; else ak_pass; fi
case_ "equal instants: the later in the stream"
[ "$(note K-tie)" = "second of two at one instant: wins" ] && ak_pass || ak_fail "K-tie: $(note K-tie)"
case_ "an n/a period: the latest null measurement's note says why"
[ "$(jq -r 'select(.kind == "score" and .kpi == "K-na") | .status' "$AK_T/out")" = n/a ] && ak_pass || ak_fail "K-na is not n/a"
[ "$(note K-na)" = "planned shutdown: the plant is being refitted" ] && ak_pass || ak_fail "K-na: $(note K-na)"
case_ "a value and a later null: the value's note"
[ "$(note K-mixed)" = "measured Tuesday" ] && ak_pass || ak_fail "K-mixed: $(note K-mixed)"
case_ "a copy from a second file is left out, and its note with it"
[ "$(note K-copy)" = "from the first export" ] && ak_pass || ak_fail "K-copy: $(note K-copy)"
case_ "a measurement read before its KPI keeps its note"
[ "$(note K-late)" = "read before its KPI: settled at the end" ] && ak_pass || ak_fail "K-late: $(note K-late)"

case_ "jansson gives the notes the fast path gives"
# A nested field makes each measurement line one the fast path leaves to
# jansson; the scores must not change.
sed '/"kind":"measurement"/s/}$/,"via":[1]}/' notes.jsonl >"$AK_T/slow.jsonl"
run kpi-score --as-of 2026-11-23 "$AK_T/slow.jsonl"
expect_status 0
scores "$AK_T/out" >"$AK_T/slow"
expect_same "$AK_T/one" "$AK_T/slow" "the jansson path scores notes otherwise"

case_ "--keep-measurements passes the notes on as they came"
run kpi-score --as-of 2026-11-23 --keep-measurements notes.jsonl
expect_status 0
grep '"kind":"measurement"' notes.jsonl >"$AK_T/want"
grep '"kind":"measurement"' "$AK_T/out" >"$AK_T/got"
expect_same "$AK_T/want" "$AK_T/got" "measurements were not passed on byte for byte"

case_ "partials carry the note as last_note, and shards merge to one run's scores"
# Copies are told apart only among plain measurements (kpi-score(1)):
# the copy stays out of the sharded data.  Shards are contiguous, as
# parallel --pipe makes them, so that equal instants keep their order.
grep -v incidents-copy notes.jsonl >"$AK_T/all.jsonl"
grep -v '"kind":"measurement"' "$AK_T/all.jsonl" >"$AK_T/model.jsonl"
grep '"kind":"measurement"' "$AK_T/all.jsonl" >"$AK_T/meas.jsonl"
half=$(( $(wc -l <"$AK_T/meas.jsonl") / 2 ))
head -n "$half" "$AK_T/meas.jsonl" >"$AK_T/shard1"
tail -n +"$((half + 1))" "$AK_T/meas.jsonl" >"$AK_T/shard2"
run kpi-score --as-of 2026-11-23 "$AK_T/all.jsonl"
scores "$AK_T/out" >"$AK_T/whole"
for i in 1 2; do
	run kpi-score --as-of 2026-11-23 --partials "$AK_T/model.jsonl" "$AK_T/shard$i"
	expect_status 0
	grep '"kind":"measurement"' "$AK_T/out" >>"$AK_T/partials.jsonl"
done
cp "$AK_T/partials.jsonl" "$AK_T/out"
expect_golden kpi-score-notes/partials.out
expect_stdout_has '"last_note":"second of two at one instant: wins"'
run kpi-score --as-of 2026-11-23 "$AK_T/model.jsonl" "$AK_T/partials.jsonl"
expect_status 0
expect_empty_stderr
scores "$AK_T/out" >"$AK_T/merged"
expect_same "$AK_T/whole" "$AK_T/merged" "merged partials score notes otherwise"
if grep -q '"note"' "$AK_T/merged"; then ak_pass; else ak_fail "no note after the merge"; fi

case_ "a partial whose last_note is not a string is an input error naming the field"
printf '%s\n' '{"kind":"measurement","kpi":"K-tie","at":"2026-11-16","n":1,"sum":99,"min":99,"max":99,"last":99,"last_at":"2026-11-16","last_note":7}' >"$AK_T/bad.jsonl"
run kpi-score --as-of 2026-11-23 "$AK_T/model.jsonl" "$AK_T/bad.jsonl"
expect_status 2
expect_stderr "kpi-score: $AK_T/bad.jsonl:1: measurement: field last_note: expected a string"

# ---- report-fmt: the note beside each KPI --------------------------------
for f in text markdown csv; do
	case_ "report-fmt -f $f shows the notes beside the KPIs"
	run report-fmt -f "$f" --section kpis "$AK_T/scored"
	expect_status 0
	expect_empty_stderr
	expect_golden "kpi-score-notes/kpis.$f"
	cp "$AK_T/out" "$AK_T/r.$f"
done
case_ "report-fmt -f html shows the notes in the KPI table"
run "report-fmt -f html --section kpis '$AK_T/scored' | grep -E '^<tr class=\"row'"
expect_status 0
expect_golden kpi-score-notes/kpis.html-rows
cp "$AK_T/out" "$AK_T/r.html"

case_ "notes are inert in every format"
for f in text markdown csv html; do
	if LC_ALL=C grep -qF $'\033' "$AK_T/r.$f"; then ak_fail "$f: a raw escape"; else ak_pass; fi
done
if grep -qF '<script' "$AK_T/r.html" "$AK_T/r.markdown"; then ak_fail "markup from a note"; else ak_pass; fi
grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$AK_T/r.html" && ak_pass || ak_fail "html: the note is not escaped"
grep -qF "\"'=HYPERLINK(" "$AK_T/r.csv" && ak_pass || ak_fail "csv: a formula in a note is not neutralized"
grep -qF '\| a\|b' "$AK_T/r.markdown" && ak_pass || ak_fail "markdown: a pipe in a note splits the cell"

case_ "text: notes wrap within 80 columns; a long one is cut with an ellipsis"
w=$(awk '{ n = 0; for (i = 1; i <= length($0); i++) if (substr($0, i, 1) !~ /[\200-\277]/) n++; if (n > m) m = n } END { print m }' "$AK_T/r.text")
[ "$w" -le 80 ] && ak_pass || ak_fail "$w columns"
grep -qF 'until the…' "$AK_T/r.text" && ak_pass || ak_fail "the long note is not cut"
run report-fmt --ascii --section kpis "$AK_T/scored"
expect_stdout_has 'until the...'
case_ "csv keeps the long note whole"
grep -qF 'expected to fall week on week' "$AK_T/r.csv" && ak_pass || ak_fail "csv cut the note"

finish

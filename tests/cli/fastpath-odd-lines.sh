# CLI test: odd but valid measurement lines (key orders, spaces, tabs and
# CRs between tokens, \u escapes in ids, kinds and dates, 5E0, -0.0, 97.50,
# long mantissas, raw and escaped U+2028, unknown fields, nulls) score
# exactly as their `jq -c` twins: the same bytes out.  Some lines hold what
# the measurement fast path leaves to jansson (a nested value, an escaped
# key, a long number); the rest are what it reads itself.  Regenerate the
# twin with: jq -c . odd-lines.jsonl >odd-lines.jq.jsonl
. "$(dirname "$0")/lib.bash"

d=$AK_DATA/fastpath
model="$AK_DATA/kpi-score/goals.jsonl $AK_DATA/kpi-score/kpis.jsonl"

case_ "the twin is what jq -c writes (when jq is here to say)"
if command -v jq >/dev/null; then
	jq -c . "$d/odd-lines.jsonl" >"$AK_T/twin"
	if cmp -s "$AK_T/twin" "$d/odd-lines.jq.jsonl"; then ak_pass; else
		ak_fail "odd-lines.jq.jsonl is not jq -c of odd-lines.jsonl"; fi
fi

case_ "odd lines are scored"
# shellcheck disable=SC2086
run kpi-score --as-of 2026-11-23 $model "$d/odd-lines.jsonl"
expect_status 0
expect_empty_stderr
expect_golden fastpath/odd-lines.out
cp "$AK_T/out" "$AK_T/odd.out"
# Every line was consumed: none is passed on.
if grep -q '"kind":"measurement"' "$AK_T/odd.out"; then
	ak_fail "a measurement was passed on"; else ak_pass; fi

case_ "their jq -c twins give byte-identical output"
# shellcheck disable=SC2086
run kpi-score --as-of 2026-11-23 $model "$d/odd-lines.jq.jsonl"
expect_status 0
expect_empty_stderr
if cmp -s "$AK_T/odd.out" "$AK_T/out"; then ak_pass; else
	ak_fail "odd lines and their twins score differently:"
	diff "$AK_T/odd.out" "$AK_T/out" | head -20 >&2
fi

case_ "and so do their scores on standard input, with --keep-measurements"
derived='grep -E "^\\{\"kind\":\"(rollup|score)\""'
run "cat $model '$d/odd-lines.jsonl' | kpi-score --as-of 2026-11-23 --keep-measurements | $derived"
expect_status 0
cp "$AK_T/out" "$AK_T/odd.keep"
run "cat $model '$d/odd-lines.jq.jsonl' | kpi-score --as-of 2026-11-23 --keep-measurements | $derived"
expect_status 0
grep -E '^\{"kind":"(rollup|score)"' "$AK_T/odd.out" >"$AK_T/odd.derived"
if [ -s "$AK_T/odd.keep" ] && cmp -s "$AK_T/odd.keep" "$AK_T/out" &&
   cmp -s "$AK_T/odd.keep" "$AK_T/odd.derived"; then
	ak_pass; else ak_fail "kept measurements change the scores"; fi

finish

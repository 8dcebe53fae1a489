# CLI test: kpi-score on small hand-made models whose scores can be checked
# by hand (see tests/data/kpi-score/README), with measurements in and out of
# order, across files and on standard input, and the options that shape
# the report.
. "$(dirname "$0")/lib.bash"

d=$AK_DATA/kpi-score
cd "$d" || exit 1

# The derived records (rollup, score) of the last run.
derived() { grep -E '^\{"kind":"(rollup|score)"' "$AK_T/out"; }

case_ "scores and rollups of the small model"
run kpi-score --as-of 2026-11-23 model.jsonl
expect_status 0
expect_empty_stderr
expect_golden kpi-score/model.out
derived >"$AK_T/model.derived"

case_ "the same from standard input"
run_stdin model.jsonl kpi-score --as-of 2026-11-23
expect_status 0
expect_golden kpi-score/model.out

case_ "model records pass through byte for byte, in input order"
run kpi-score --as-of 2026-11-23 model.jsonl
grep -v '"kind":"measurement"' model.jsonl >"$AK_T/want"
head -n "$(wc -l <"$AK_T/want")" "$AK_T/out" >"$AK_T/got"
if cmp -s "$AK_T/want" "$AK_T/got"; then ak_pass; else ak_fail "pass-through differs"; fi

case_ "measurements before their KPIs, interleaved"
run kpi-score --as-of 2026-11-23 interleaved.jsonl
expect_status 0
expect_golden kpi-score/interleaved.out
derived >"$AK_T/interleaved.derived"
if cmp -s "$AK_T/model.derived" "$AK_T/interleaved.derived"; then ak_pass; else
	ak_fail "derived records differ from the in-order run"; fi

case_ "measurements file first, then the model files"
run kpi-score --as-of 2026-11-23 measurements.jsonl goals.jsonl kpis.jsonl
expect_status 0
expect_golden kpi-score/files.out
derived >"$AK_T/files.derived"
if cmp -s "$AK_T/model.derived" "$AK_T/files.derived"; then ak_pass; else
	ak_fail "derived records differ from the in-order run"; fi
# The measurement of an unknown KPI waited, and comes after the others.
expect_stdout_has '{"kind":"measurement","kpi":"K-ghost","at":"2026-11-18","value":7,"note":"no such KPI: passed on"}'

case_ "standard input between files"
run_stdin measurements.jsonl kpi-score --as-of 2026-11-23 goals.jsonl - kpis.jsonl
expect_status 0
derived >"$AK_T/stdin.derived"
if cmp -s "$AK_T/model.derived" "$AK_T/stdin.derived"; then ak_pass; else
	ak_fail "derived records differ from the in-order run"; fi

case_ "--keep-measurements writes a held-back measurement once, where it came"
run kpi-score --as-of 2026-11-23 --keep-measurements measurements.jsonl goals.jsonl kpis.jsonl
expect_status 0
head -n 17 "$AK_T/out" >"$AK_T/got"
if cmp -s measurements.jsonl "$AK_T/got"; then ak_pass; else
	ak_fail "measurements are not passed on first, as they came"; fi
if [ "$(grep -c '"kpi":"K-ghost"' "$AK_T/out")" = 1 ]; then ak_pass; else
	ak_fail "the unknown KPI's measurement is not written exactly once"; fi

case_ "--keep-measurements passes every measurement on, in input order"
run kpi-score --as-of 2026-11-23 --keep-measurements interleaved.jsonl
expect_status 0
expect_golden kpi-score/keep-measurements.out
head -n 31 "$AK_T/out" >"$AK_T/got"
if cmp -s interleaved.jsonl "$AK_T/got"; then ak_pass; else
	ak_fail "with --keep-measurements the input is not passed on as it came"; fi

case_ "--periods 3: previous, delta, trend and staleness across weeks"
run kpi-score --as-of 2026-11-23 --periods 3 model.jsonl
expect_status 0
expect_golden kpi-score/periods-3.out

case_ "--period month: monthly rollups and default cadence"
run kpi-score --as-of 2026-11-23 --period month --periods 2 model.jsonl
expect_status 0
expect_golden kpi-score/month.out

case_ "--period quarter"
run kpi-score --as-of 2026-11-23 --period quarter model.jsonl
expect_status 0
expect_golden kpi-score/quarter.out

case_ "--red-below and --green-at move the thresholds"
run kpi-score --as-of 2026-11-23 --red-below 0.5 --green-at 0.55 model.jsonl
expect_status 0
expect_golden kpi-score/thresholds.out

case_ "cadences coarser than the report period contribute their latest complete period"
run kpi-score --as-of 2026-11-30 --periods 2 cadences.jsonl
expect_status 0
expect_golden kpi-score/cadences.out

case_ "a goal cycle terminates; no score goes round it"
run kpi-score --as-of 2026-11-23 cycle.jsonl
expect_status 0
expect_golden kpi-score/cycle.out

case_ "a repeated id passes on; the first record keeps it"
run kpi-score --as-of 2026-11-23 duplicate.jsonl
expect_status 0
expect_empty_stderr
expect_golden kpi-score/duplicate.out

case_ "output is the same on every run"
run kpi-score --as-of 2026-11-23 --periods 3 interleaved.jsonl
cp "$AK_T/out" "$AK_T/first"
run kpi-score --as-of 2026-11-23 --periods 3 interleaved.jsonl
if cmp -s "$AK_T/first" "$AK_T/out"; then ak_pass; else ak_fail "two runs differ"; fi

case_ "an empty stream gives nothing"
run kpi-score --as-of 2026-11-23 /dev/null
expect_status 0
expect_empty_stdout
expect_empty_stderr

finish

#!/bin/bash
# goals-load: every input form of SPEC §4 against golden output.  The tool
# runs inside tests/data/goals-load so that each "src" is a short relative
# path.
. "$(dirname "$0")/lib.bash"
D="$AK_DATA/goals-load"

# load ARGS...: runs goals-load ARGS in $D.
load() { run "cd '$D' && goals-load $*"; }

# form NAME ARGS...: goals-load ARGS succeeds quietly with golden NAME.
form() {
	local name=$1; shift
	case_ "$name"
	load "$@"
	expect_status 0
	expect_empty_stderr
	expect_golden "goals-load/$name.out"
}

form csv-plain goals.csv
form csv-semicolon semicolon-goals.csv
form csv-tab-detected tab-goals.csv
form csv-delimiter-option "-d '|' pipe-goals.csv"
form csv-bom bom-goals.csv
form csv-crlf crlf-goals.csv
form csv-quoted-newlines newlines-goals.csv
form csv-bare-quote bare-quote-goals.csv
form csv-decimal-comma "--decimal-comma comma-kpis.csv"
form csv-kind-column mixed.csv
form csv-kind-option "--kind goal things.csv"
form csv-kind-from-name 2026-q4-kpis.csv
form csv-supports initiatives.csv
form csv-wide wide-measurements.csv
form csv-wide-decimal-comma "--decimal-comma wide-comma-measurements.csv"
form csv-wide-any-name history.csv
form jsonl model.jsonl
form ndjson-crlf crlf.ndjson
form json-array array-goals.json
form json-object model.json
form directory model
form directory-slash model/
form several-files "initiatives.csv history.csv goals.csv"
form format-option "--format csv --kind goal export.txt"
form tsv model/measurements.tsv

case_ "the same input gives the same bytes"
load model goals.csv
cp "$AK_T/out" "$AK_T/first"
load model goals.csv
if cmp -s "$AK_T/first" "$AK_T/out"; then ak_pass; else ak_fail "output differs between runs"; fi

case_ "standard input is JSON Lines"
run_stdin "$D/model.jsonl" goals-load
expect_status 0
expect_golden goals-load/stdin.out
run_stdin "$D/model.jsonl" goals-load -
expect_status 0
expect_golden goals-load/stdin.out

case_ "standard input as CSV"
run_stdin "$D/semicolon-goals.csv" goals-load --format csv --kind goal -
expect_status 0
expect_golden goals-load/stdin-csv.out

case_ "standard input as CSV needs a kind"
run_stdin "$D/semicolon-goals.csv" goals-load --format csv
expect_status 2
expect_stderr "goals-load: <stdin>:1: no kind: the file has no kind column and its name does not end in goals, initiatives, kpis, targets, measurements or checkins; rename it (2026-kpis.csv) or give --kind"

case_ "raw rows"
load "--raw goals.csv"
expect_status 0
expect_golden goals-load/raw.out

case_ "target records: a wide and a long targets sheet and JSON Lines"
# targets.csv is wide (a period per column, each cell that period's
# target); 2027-targets.csv long; the directory reads them after the KPIs.
load "targets"
expect_status 0
expect_empty_stderr
expect_golden goals-load/targets.out

case_ "--help and --version"
run goals-load --help
expect_status 0
expect_stdout_has "usage: goals-load"
expect_empty_stderr
run goals-load --version
expect_status 0
expect_stdout "goals-load 0.1.0"

case_ "a closed pipe ends quietly"
{ echo kpi,2026-W47; for i in $(seq 20000); do echo "K$i,$i"; done; } >"$AK_T/big-measurements.csv"
run "goals-load '$AK_T/big-measurements.csv' | head -1 >/dev/null"
expect_status 141
expect_empty_stderr

finish

#!/bin/bash
# goals-load: every input error a user can hit, with its exact message
# (FILE:LINE first) and exit status 2; --keep-going; usage and write errors.
. "$(dirname "$0")/lib.bash"
D="$AK_DATA/goals-load/errors"

load() { run "cd '$D' && goals-load $*"; }

# bad NAME FILE MESSAGE: goals-load FILE stops with MESSAGE and status 2.
bad() {
	case_ "$1"
	load "$2"
	expect_status 2
	expect_stderr "goals-load: $3"
}

bad "a target record that breaks its KPI's rules" \
	"kpis-for-targets.jsonl broken-targets.csv" \
	"broken-targets.csv:2: target K1 from 2027-01: merged with its kpi, field red: 120 is not below target 100 (direction up)"
bad "a target record read before its KPI is checked when the KPI comes" \
	"broken-targets.csv kpis-for-targets.jsonl" \
	"broken-targets.csv:2: target K1 from 2027-01: merged with its kpi, field red: 120 is not below target 100 (direction up)"
bad "a target's from that is no date or period" from-targets.csv \
	'from-targets.csv:2: target K1: field from: "2027-13" is not a date or a period label (2026-10-01, 2026-W40, 2026-10, 2026-Q4, 2026)'
bad "a target record without a threshold" empty-targets.csv \
	"empty-targets.csv:2: target K1: a target record needs at least one of target, min, max, baseline, red, red_min, red_max"
bad "missing: zero on an aggregate other than sum or count" zero-kpis.csv \
	"zero-kpis.csv:2: kpi K1: field missing: zero needs aggregate sum or count, not last"
bad "a goal rollup other than mean or min" rollup-goals.csv \
	'rollup-goals.csv:2: goal G1: field rollup: "median" is not one of mean, min'
bad "ragged row" ragged-goals.csv \
	"ragged-goals.csv:3: row has 2 cells, the header has 3"
bad "ragged row of one cell" one-cell-goals.csv \
	"one-cell-goals.csv:2: row has 1 cell, the header has 2"
bad "bad number" number-kpis.csv \
	'number-kpis.csv:3: kpi K7: field target: "ninety" is not a number'
bad "bad date" date-goals.csv \
	'date-goals.csv:2: goal G1: field due: "2026-02-30" is not a valid date'
bad "unknown enum value" enum-kpis.csv \
	'enum-kpis.csv:2: kpi K1: field direction: "sideways" is not one of up, down, range'
bad "missing required field" missing-goals.csv \
	"missing-goals.csv:2: goal G1: missing required field title"
bad "duplicate id across files" "goals.csv kpis.csv" \
	"kpis.csv:3: duplicate id G1 (first at goals.csv:2)"
bad "unknown kind" stuff.csv \
	"stuff.csv:1: no kind: the file has no kind column and its name does not end in goals, initiatives, kpis, targets, measurements or checkins; rename it (2026-kpis.csv) or give --kind"
bad "unknown kind in a kind column" kind-column.csv \
	'kind-column.csv:2: column kind: "goall" is not one of goal, initiative, kpi, measurement, target, checkin'
bad "a line that is not JSON" not-json.jsonl \
	"not-json.jsonl:2:25: invalid JSON: string or '}' expected near end of file"
bad "a blank line" blank.jsonl \
	"blank.jsonl:2: blank line: expected a JSON object"
bad "invalid UTF-8 in a CSV cell" utf8-goals.csv \
	'utf8-goals.csv:2: column "title": invalid UTF-8'
bad "invalid UTF-8 in JSON Lines" utf8.jsonl \
	"utf8.jsonl:1:38: invalid JSON: unable to decode byte 0xc3 near '\"bad '"
bad "NaN in JSON Lines" nan.jsonl \
	"nan.jsonl:1:62: invalid JSON: invalid token near 'NaN'"
bad "NaN in a CSV cell" nan-measurements.csv \
	'nan-measurements.csv:2: measurement: field value: "NaN" is not a number'
bad "text after a closing quote" after-quote-goals.csv \
	"after-quote-goals.csv:2: text after the closing quote of a cell"
bad "a quoted cell left open" unclosed-goals.csv \
	"unclosed-goals.csv:3: a quoted cell is not closed"
bad "a repeated column" repeat-goals.csv \
	'repeat-goals.csv:1: header: column 3 "title" repeats column 2'
bad "a value under a column without a name" noname-goals.csv \
	"noname-goals.csv:2: column 4 has a value but no name"
bad "a wide sheet with a bad heading" wide-bad-measurements.csv \
	'wide-bad-measurements.csv:1: header: column "2025-W53" is neither a date nor a period: head it with a date (2026-06-01), a week (2026-W23), a month (2026-06 or Jun 2026), a quarter (2026-Q2) or a year (2026)'
bad "a wide sheet headed Jun-26 (a two-digit year): the heading is named, not a missing field" wide-yy-measurements.csv \
	'wide-yy-measurements.csv:1: header: column "Jun-26" is neither a date nor a period: head it with a date (2026-06-01), a week (2026-W23), a month (2026-06 or Jun 2026), a quarter (2026-Q2) or a year (2026)'
bad "an up KPI with a negative target and no baseline or red flag" negative-kpis.csv \
	'negative-kpis.csv:2: kpi K1: field target: -5 is below 0: an up KPI with a negative target needs a baseline or a red flag'
bad "a JSON element that is not an object" array-goals.json \
	"array-goals.json:2: not an object: each record must be a JSON object"
bad "JSON syntax between records" syntax-goals.json \
	"syntax-goals.json:2: invalid JSON: expected ',' or ']' after a record"
bad "an unknown member of a JSON object" member.json \
	'member.json:2: unknown member "waivers": expected goals, initiatives, kpis, targets, measurements or checkins'
bad "a kind that contradicts its array" wrong-kind.json \
	'wrong-kind.json:1: field kind: "kpi" in the goals array'
bad "a JSON record without a kind" nokind.json \
	"nokind.json:1: missing field kind, and the file name does not end in goals, initiatives, kpis, targets, measurements or checkins; rename it (2026-kpis.csv) or give --kind"
bad "an empty JSON file" empty.json \
	"empty.json:1: empty file: expected a JSON array or object"
bad "a file of unknown format" notes.txt \
	"notes.txt: cannot tell the format from the name: use .csv, .tsv, .jsonl, .ndjson or .json, or --format"
bad "a missing file" nosuch.csv \
	"nosuch.csv: cannot open: No such file or directory"

case_ "strict: records before the first error are written"
load number-kpis.csv
expect_stdout '{"kind":"kpi","id":"K1","name":"Conversion","measures":"G1","target":3.2,"src":"number-kpis.csv:2"}'

case_ "--keep-going reports every bad record and exits 2"
load "--keep-going keep-goals.csv"
expect_status 2
expect_stderr 'goals-load: keep-goals.csv:2: goal G1: field weight: "heavy" is not a number
goals-load: keep-goals.csv:3: goal G2: missing required field title
goals-load: keep-goals.csv:6: goal G4: field status: "paused" is not one of active, retired'
expect_golden goals-load/keep-going.out

case_ "--keep-going: a duplicate id and errors in several files"
load "--keep-going goals.csv kpis.csv array-goals.json stuff.csv nosuch.csv"
expect_status 2
expect_stderr "goals-load: kpis.csv:3: duplicate id G1 (first at goals.csv:2)
goals-load: array-goals.json:1: duplicate id G1 (first at goals.csv:2)
goals-load: array-goals.json:2: not an object: each record must be a JSON object
goals-load: array-goals.json:3: invalid JSON: duplicate object key near '\"title\"'
goals-load: stuff.csv:1: no kind: the file has no kind column and its name does not end in goals, initiatives, kpis, targets, measurements or checkins; rename it (2026-kpis.csv) or give --kind
goals-load: nosuch.csv: cannot open: No such file or directory"
expect_golden goals-load/keep-going-files.out

case_ "--keep-going: a CSV quoting error ends its file"
load "--keep-going unclosed-goals.csv after-quote-goals.csv"
expect_status 2
expect_golden goals-load/keep-going-quoting.out

case_ "usage errors"
run goals-load -d ab x.csv
expect_status 2
expect_stderr "goals-load: -d: \"ab\" is not one character other than a quote or a line break
Try 'goals-load --help'."
run goals-load --kind goals x.csv
expect_status 2
expect_stderr "goals-load: --kind: \"goals\" is not one of goal, initiative, kpi, measurement, target, checkin
Try 'goals-load --help'."
run goals-load --format xml x.csv
expect_status 2
expect_stderr "goals-load: --format: \"xml\" is not one of csv, jsonl, json
Try 'goals-load --help'."
run goals-load --frobnicate
expect_status 2
expect_stderr "goals-load: unknown option --frobnicate
Try 'goals-load --help'."
run goals-load -x
expect_status 2
expect_stderr "goals-load: unknown option -x
Try 'goals-load --help'."
run goals-load --kind
expect_status 2
expect_stderr "goals-load: option --kind needs a value
Try 'goals-load --help'."
run goals-load --raw --format json x.json
expect_status 2
expect_stderr "goals-load: raw mode reads CSV only
Try 'goals-load --help'."
load "--raw array-goals.json"
expect_status 2
expect_stderr "goals-load: array-goals.json: raw mode reads CSV only"

case_ "a write error is an error"
if [ -w /dev/full ]; then
	run "goals-load '$D/goals.csv' >/dev/full"
	expect_status 2
	expect_stderr "goals-load: write error: No space left on device"
fi

finish

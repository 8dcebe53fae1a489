#!/bin/bash
# gap-find input errors: strict stops at the first bad record with
# `gap-find: FILE:LINE: message` and status 2; --keep-going emits error
# records and invalid-record gaps and still exits 2; write errors; a
# closed pipe.
. "$(dirname "$0")/lib.bash"
D="$AK_DATA/gap-find/errors"

gf() { run "cd '$D' && gap-find --as-of 2026-11-23 $*"; }

bad() {
	case_ "strict: $1"
	gf "$1"
	expect_status 2
	expect_stderr "gap-find: $2"
}
bad bad-score.jsonl 'bad-score.jsonl:1: score of K1: field status: "purple" is not one of green, amber, red, none, n/a'
bad bad-rollup.jsonl 'bad-rollup.jsonl:1: rollup of G1: field period: "2026-W60" is not a period (2026-W47, 2026-11, 2026-Q4, 2026)'
bad bad-measurement.jsonl 'bad-measurement.jsonl:1: measurement: field value: expected a number'
bad missing.jsonl 'missing.jsonl: cannot open: No such file or directory'

# The reader gap-find shares with report-fmt: what report-fmt refused,
# gap-find refuses too, with the same message.
case_ "strict: an error record without a message"
run "echo '{\"kind\":\"error\",\"src\":\"kpis.csv:7\"}' | gap-find --as-of 2026-11-23"
expect_status 2
expect_stderr "gap-find: <stdin>:1: error: missing required field message"

case_ "strict: a rollup with a negative count of children"
run "echo '{\"kind\":\"rollup\",\"of\":\"G1\",\"type\":\"goal\",\"period\":\"2026-W47\",\"end\":\"2026-11-22\",\"status\":\"red\",\"children\":-1}' | gap-find --as-of 2026-11-23"
expect_status 2
expect_stderr "gap-find: <stdin>:1: rollup of G1: field children: -1 is negative"

case_ "strict: stops at the first bad line, after passing on what came before"
gf bad-line.jsonl
expect_status 2
expect_stderr "gap-find: bad-line.jsonl:2:25: invalid JSON: string or '}' expected near end of file"
expect_stdout "$(head -n 1 "$D/bad-line.jsonl")"

case_ "--keep-going: error records in place, invalid-record gaps, status 2"
gf "--keep-going bad-line.jsonl"
expect_status 2
expect_stderr "gap-find: bad-line.jsonl:2:25: invalid JSON: string or '}' expected near end of file
gap-find: bad-line.jsonl:3: goal G3: missing required field title"
expect_golden gap-find/errors.keep-going.out

case_ "--keep-going --gaps-only: only the gaps"
gf "--keep-going --gaps-only bad-line.jsonl"
expect_status 2
expect_golden gap-find/errors.keep-going.gaps-only.out

case_ "--keep-going goes on past a file it cannot open"
gf "--keep-going --gaps-only missing.jsonl bad-score.jsonl"
expect_status 2
expect_stderr "gap-find: missing.jsonl: cannot open: No such file or directory
gap-find: bad-score.jsonl:1: score of K1: field status: \"purple\" is not one of green, amber, red, none, n/a"

case_ "a write error is an error"
run "cd '$D' && gap-find --as-of 2026-11-23 ../mixed.jsonl > /dev/full"
expect_status 2
expect_stderr "gap-find: write error: No space left on device"

case_ "quiet on a closed pipe"
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "{\"kind\":\"goal\",\"id\":\"G%d\",\"title\":\"A goal\"}\n", i }' >"$AK_T/many.jsonl"
run "gap-find --as-of 2026-11-23 '$AK_T/many.jsonl' | head -n 1 >/dev/null; exit \${PIPESTATUS[0]}"
expect_empty_stderr

finish

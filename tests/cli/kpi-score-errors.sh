# CLI test: kpi-score's error paths: bad records (strict and --keep-going),
# unreadable files, bad option values, help and version, write errors and
# a closed pipe.  Each checks the exact message and exit status.
. "$(dirname "$0")/lib.bash"

d=$AK_DATA/kpi-score
cd "$d" || exit 1

case_ "invalid JSON stops a strict run"
run kpi-score --as-of 2026-11-23 bad-json.jsonl
expect_status 2
expect_stderr "kpi-score: bad-json.jsonl:3:61: invalid JSON: '}' expected near end of file"
expect_golden kpi-score/bad-json.out

case_ "--keep-going writes an error record, scores the rest, exits 2"
run kpi-score --keep-going --as-of 2026-11-23 bad-json.jsonl
expect_status 2
expect_stderr "kpi-score: bad-json.jsonl:3:61: invalid JSON: '}' expected near end of file"
expect_golden kpi-score/bad-json-keep-going.out

case_ "a bad KPI names the record and the field"
run kpi-score --as-of 2026-11-23 bad-kpi.jsonl
expect_status 2
expect_stderr "kpi-score: bad-kpi.jsonl:2: kpi K7: field target: expected a number"
expect_stdout '{"kind":"goal","id":"G1","title":"Grow"}'

case_ "a bad KPI under --keep-going"
run kpi-score --keep-going --as-of 2026-11-23 bad-kpi.jsonl
expect_status 2
expect_golden kpi-score/bad-kpi-keep-going.out

case_ "a bad measurement"
run kpi-score --as-of 2026-11-23 bad-measurement.jsonl
expect_status 2
expect_stderr 'kpi-score: bad-measurement.jsonl:2: measurement: field at: "2026-02-30" is not a valid date or date-time'

case_ "bad measurements under --keep-going"
run kpi-score --keep-going --as-of 2026-11-23 bad-measurement.jsonl
expect_status 2
expect_stderr 'kpi-score: bad-measurement.jsonl:2: measurement: field at: "2026-02-30" is not a valid date or date-time
kpi-score: bad-measurement.jsonl:3: measurement: field value: expected a number'
expect_golden kpi-score/bad-measurement-keep-going.out

case_ "a measurement of an unknown KPI is checked too"
printf '%s\n' '{"kind":"measurement","kpi":"nobody","at":"2026-11-18"}' >"$AK_T/m.jsonl"
run kpi-score --as-of 2026-11-23 "$AK_T/m.jsonl"
expect_status 2
expect_stderr "kpi-score: $AK_T/m.jsonl:1: measurement: missing required field value"
expect_empty_stdout

case_ "a record without a kind"
printf '%s\n' '{"id":"G1"}' >"$AK_T/k.jsonl"
run kpi-score --as-of 2026-11-23 "$AK_T/k.jsonl"
expect_status 2
expect_stderr "kpi-score: $AK_T/k.jsonl:1: missing field kind"

case_ "a file that cannot be opened"
run kpi-score --as-of 2026-11-23 no-such-file.jsonl
expect_status 2
expect_stderr "kpi-score: no-such-file.jsonl: cannot open: No such file or directory"
expect_empty_stdout

case_ "under --keep-going the other files are still read"
run kpi-score --keep-going --as-of 2026-11-23 no-such-file.jsonl cycle.jsonl
expect_status 2
expect_stderr "kpi-score: no-such-file.jsonl: cannot open: No such file or directory"
expect_golden kpi-score/cycle.out

case_ "bad option values"
run kpi-score --as-of 2026-02-30
expect_status 2
expect_stderr "kpi-score: --as-of: \"2026-02-30\" is not a valid date
Try 'kpi-score --help'."
run kpi-score --period fortnight
expect_status 2
expect_stderr "kpi-score: --period: \"fortnight\" is not one of week, month, quarter, year
Try 'kpi-score --help'."
run kpi-score --periods 0
expect_status 2
expect_stderr "kpi-score: --periods: \"0\" is not a whole number from 1 to 1000
Try 'kpi-score --help'."
run kpi-score --periods 1001
expect_status 2
expect_stderr_has '"1001" is not a whole number from 1 to 1000'
run kpi-score --periods 2x
expect_status 2
expect_stderr_has '"2x" is not a whole number from 1 to 1000'
run kpi-score --red-below abc
expect_status 2
expect_stderr "kpi-score: --red-below: \"abc\" is not a number
Try 'kpi-score --help'."
run kpi-score --green-at nan
expect_status 2
expect_stderr_has "kpi-score: --green-at: "
run kpi-score --green-at 0.5
expect_status 2
expect_stderr "kpi-score: --green-at 0.5 is below --red-below 0.8
Try 'kpi-score --help'."
run kpi-score --bogus
expect_status 2
expect_stderr "kpi-score: unknown option --bogus
Try 'kpi-score --help'."
run kpi-score -x
expect_status 2
expect_stderr "kpi-score: unknown option -x
Try 'kpi-score --help'."
run kpi-score --periods
expect_status 2
expect_stderr "kpi-score: option --periods needs a value
Try 'kpi-score --help'."
expect_empty_stdout

case_ "help and version"
run kpi-score --help
expect_status 0
expect_stdout_has "usage: kpi-score [--as-of DATE] [--period PERIOD] [--periods N]"
expect_stdout_has "--keep-measurements"
expect_empty_stderr
run kpi-score -h
expect_status 0
expect_stdout_has "usage: kpi-score"
run kpi-score --version
expect_status 0
expect_stdout "kpi-score 0.1.0"

case_ "a full disk is an error"
run "kpi-score --as-of 2026-11-23 model.jsonl >/dev/full"
expect_status 2
expect_stderr "kpi-score: write error: No space left on device"

case_ "quiet on a closed pipe"
awk 'BEGIN { for (i = 0; i < 200000; i++)
	printf "{\"kind\":\"note\",\"n\":%d,\"text\":\"padding padding padding\"}\n", i }' >"$AK_T/big.jsonl"
run "kpi-score --as-of 2026-11-23 '$AK_T/big.jsonl' | head -n 1"
expect_stdout '{"kind":"note","n":0,"text":"padding padding padding"}'
expect_empty_stderr

finish

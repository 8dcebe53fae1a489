#!/bin/bash
# gap-find options: the exit status for each --fail-on level, --only,
# --ignore, --severity, --trend-window, --gaps-only, --help, --version,
# and every usage error with its message and status 2.
. "$(dirname "$0")/lib.bash"
D="$AK_DATA/gap-find"

# check-skipped is asserted where a case is about it.
gf() { run "cd '$D' && gap-find --as-of 2026-11-23 --gaps-only --ignore check-skipped $*"; }

# fail FILE LEVEL STATUS
fail() {
	case_ "--fail-on $2 on $1"
	gf "--fail-on $2 $1"
	expect_status "$3"
}
# orphan-initiative.jsonl has an error, one-sided-kpi.jsonl warnings only,
# unowned.jsonl infos only, clean.jsonl nothing.
fail orphan-initiative.jsonl error 1
fail orphan-initiative.jsonl warning 1
fail orphan-initiative.jsonl info 1
fail orphan-initiative.jsonl never 0
fail one-sided-kpi.jsonl error 0
fail one-sided-kpi.jsonl warning 1
fail one-sided-kpi.jsonl info 1
fail one-sided-kpi.jsonl never 0
fail unowned.jsonl error 0
fail unowned.jsonl warning 0
fail unowned.jsonl info 1
fail unowned.jsonl never 0
fail clean.jsonl info 0

case_ "default --fail-on is error"
gf one-sided-kpi.jsonl
expect_status 0
gf orphan-initiative.jsonl
expect_status 1

# mixed.jsonl: G1 unowned (info), I1 overdue (warning), I2 orphan (error),
# K1 one-sided (warning).
case_ "every gap of a mixed model"
gf mixed.jsonl
expect_status 1
expect_golden gap-find/mixed.out

case_ "--only one type"
gf "--only unowned mixed.jsonl"
expect_status 0
expect_golden gap-find/mixed.only-unowned.out

case_ "--only a list"
gf "--only orphan-initiative,overdue-initiative mixed.jsonl"
expect_status 1
expect_golden gap-find/mixed.only-two.out

case_ "--only a list with spaces"
gf "--only 'orphan-initiative, overdue-initiative' mixed.jsonl"
expect_status 1
expect_golden gap-find/mixed.only-two.out

case_ "--only given twice adds up"
gf "--only orphan-initiative --only overdue-initiative mixed.jsonl"
expect_status 1
expect_golden gap-find/mixed.only-two.out

case_ "--ignore drops a type and what it would fail"
gf "--ignore orphan-initiative mixed.jsonl"
expect_status 0
expect_golden gap-find/mixed.ignore-orphan.out

case_ "--ignore wins over --only"
gf "--only unowned --ignore unowned mixed.jsonl"
expect_status 0
expect_empty_stdout

case_ "--severity lowers an error"
gf "--severity orphan-initiative=warning mixed.jsonl"
expect_status 0
expect_stdout_has '"type":"orphan-initiative","severity":"warning"'

case_ "--severity raises an info to fail the run"
gf "--ignore orphan-initiative --severity unowned=error mixed.jsonl"
expect_status 1
expect_stdout_has '"type":"unowned","severity":"error"'

case_ "--severity applies to red and amber alike"
gf "--severity off-target=info off-target.jsonl"
expect_status 0
expect_golden gap-find/off-target.info.out

case_ "--trend-window 2 judges two records"
gf "--trend-window 2 worsening-trend-near.jsonl"
expect_status 0
expect_golden gap-find/worsening-trend.window-2.out

case_ "--trend-window 1"
gf "--trend-window 1 worsening-trend-near.jsonl"
expect_status 0
expect_golden gap-find/worsening-trend.window-1.out

case_ "--trend-window longer than the history: skipped, and check-skipped says so"
run "cd '$D' && gap-find --as-of 2026-11-23 --gaps-only --only worsening-trend --trend-window 5 worsening-trend.jsonl"
expect_status 0
expect_stdout '{"kind":"gap","type":"check-skipped","severity":"info","subject":"worsening-trend","message":"no kpi has 5 score records (the most is 4), so worsening-trend did not run; run kpi-score --periods 5 or more","fingerprint":"788b10fa04fdaf36"}'

case_ "--as-of moves the overdue line"
gf "--as-of 2026-11-22 overdue-initiative.jsonl"
expect_status 0
expect_empty_stdout

case_ "without --gaps-only the stream comes first"
run "cd '$D' && gap-find --as-of 2026-11-23 --ignore check-skipped mixed.jsonl"
expect_status 1
if head -n 4 "$AK_T/out" | cmp -s - "$D/mixed.jsonl" &&
	tail -n +5 "$AK_T/out" | cmp -s - "$AK_DATA/golden/gap-find/mixed.out"
then ak_pass; else ak_fail "expected the input then the gaps"; fi

case_ "several files are read in order"
run "cd '$D' && gap-find --as-of 2026-11-23 clean.jsonl - unowned-near.jsonl < mixed.jsonl"
expect_status 1
if cat "$D/clean.jsonl" "$D/mixed.jsonl" "$D/unowned-near.jsonl" | cmp -s - <(head -n 12 "$AK_T/out")
then ak_pass; else ak_fail "files not passed through in argument order"; fi
expect_stdout_has '"type":"duplicate-id","severity":"error","subject":"G1"'

case_ "--help"
run gap-find --help
expect_status 0
expect_stdout_has "usage: gap-find [--as-of DATE]"
expect_empty_stderr

case_ "-h"
run gap-find -h
expect_status 0
expect_stdout_has "usage: gap-find"

case_ "--version"
run gap-find --version
expect_status 0
expect_stdout "gap-find 0.1.0"

# usage NAME MESSAGE ARGS...: a usage error, status 2, nothing written.
usage() {
	local name=$1 msg=$2; shift 2
	case_ "usage: $name"
	run gap-find "$@" "$D/clean.jsonl"
	expect_status 2
	expect_stderr "gap-find: $msg
Try 'gap-find --help'."
	expect_empty_stdout
}
usage "unknown type in --only" '--only: unknown gap type "bogus"' --only bogus
usage "unknown type in a list" '--ignore: unknown gap type "orphan"' --ignore unowned,orphan
usage "empty type in a list" '--only: empty gap type in "unowned,"' --only unowned,
usage "--severity without =" '--severity: "unowned" is not TYPE=LEVEL' --severity unowned
usage "--severity unknown level" '--severity: unknown severity "fatal" (use error, warning or info)' --severity unowned=fatal
usage "--severity unknown type" '--severity: unknown gap type "nope"' --severity nope=info
usage "--fail-on unknown level" '--fail-on: unknown level "sometimes" (use error, warning, info or never)' --fail-on sometimes
usage "--trend-window 0" '--trend-window: "0" is not a whole number from 1 to 1000' --trend-window 0
usage "--trend-window text" '--trend-window: "three" is not a whole number from 1 to 1000' --trend-window three
usage "--as-of not a date" '--as-of: "2026-02-30" is not a valid date' --as-of 2026-02-30
usage "unknown long option" 'unknown option --bogus' --bogus
usage "unknown short option" 'unknown option -x' -x
case_ "usage: option without its value"
run gap-find --as-of
expect_status 2
expect_stderr "gap-find: option --as-of needs a value
Try 'gap-find --help'."

finish

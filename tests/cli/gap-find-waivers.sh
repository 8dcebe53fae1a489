#!/bin/bash
# gap-find --waivers: CSV and JSON Lines waivers before and after their
# until date, the waiver-expired gap, waived gaps not failing the run, and
# every error in a waivers file (status 2, nothing written).
. "$(dirname "$0")/lib.bash"
D="$AK_DATA/gap-find/waivers"

gf() { run "cd '$D' && gap-find --gaps-only --ignore check-skipped $*"; }

# waivers.csv: unowned G1 until 2026-11-23, unowned I1 until 2026-11-22.
case_ "csv: one waiver in force, one expired the day before"
gf "--as-of 2026-11-23 --fail-on info --waivers waivers.csv unowned.jsonl"
expect_status 1
expect_golden gap-find/waivers.csv.out
expect_empty_stderr

case_ "csv: both in force a day earlier; I2 still fails --fail-on info"
gf "--as-of 2026-11-22 --fail-on info --waivers waivers.csv unowned.jsonl"
expect_status 1
expect_golden gap-find/waivers.csv.early.out

case_ "jsonl: every gap waived, so the run passes --fail-on info"
gf "--as-of 2026-11-23 --fail-on info --waivers waivers-all.jsonl unowned.jsonl"
expect_status 0
expect_golden gap-find/waivers.jsonl.out

case_ "jsonl: after until every waiver has expired"
gf "--as-of 2027-01-01 --fail-on info --waivers waivers-all.jsonl unowned.jsonl"
expect_status 1
expect_golden gap-find/waivers.jsonl.expired.out

case_ "an expired waiver fails --fail-on warning by itself"
gf "--as-of 2027-01-01 --fail-on warning --waivers waivers-all.jsonl unowned.jsonl"
expect_status 1

case_ "--ignore waiver-expired: the expired waiver still matches nothing"
gf "--as-of 2027-01-01 --fail-on info --ignore waiver-expired --waivers waivers-all.jsonl unowned.jsonl"
expect_status 1
if grep -q '"waived"\|waiver-expired' "$AK_T/out"; then
	ak_fail "expired waivers still applied or reported"; else ak_pass; fi

case_ "a waived error does not fail the run (BOM, CRLF, columns in any order)"
gf "--as-of 2026-11-23 --waivers waivers-bom.csv orphan-initiative.jsonl"
expect_status 0
expect_stdout '{"kind":"gap","type":"orphan-initiative","severity":"error","subject":"I8","message":"initiative I8 \"Mail and calendar migration\" is active but supports no goal; link it to the goal it serves, or stop it","fingerprint":"a0bd00057f531985","src":"initiatives.csv:9","waived":true,"waiver_reason":"Mail migration is the CIO'"'"'s call, see \"IT-402\"","waived_until":"2026-12-31"}'

case_ "tab-separated waivers"
gf "--as-of 2026-11-23 --only unowned --waivers waivers.tsv unowned.jsonl"
expect_status 0
expect_stdout_has '"subject":"G1","message":"goal G1 \"Grow online revenue\" has no owner; name the business owner accountable for it","fingerprint":"e5b383febc56ee39","src":"goals.csv:2","waived":true,"waiver_reason":"owner, being hired","waived_until":"2026-12-01"}'

case_ "the waiver's type must match too"
gf "--as-of 2026-11-23 --waivers waivers-bom.csv unowned.jsonl"
expect_status 0
if grep -q '"waived"' "$AK_T/out"; then ak_fail "waived a gap of another type"; else ak_pass; fi

# The waivers file is read by goals-load's reader (its rules are tested
# with the loader, tests/test_load.c): a ';' file is detected as goals-load
# detects it, and a NUL byte is refused.
case_ "a ';'-separated waivers file (CRLF), as a German Excel saves it"
gf "--as-of 2026-11-23 --only unowned --fail-on info --waivers waivers-semicolon.csv unowned.jsonl"
expect_status 1
expect_stdout_has '"subject":"G1","message":"goal G1 \"Grow online revenue\" has no owner; name the business owner accountable for it","fingerprint":"e5b383febc56ee39","src":"goals.csv:2","waived":true,"waiver_reason":"Owner being hired, starts in December","waived_until":"2026-12-01"}'
expect_empty_stderr

# bad FILE MESSAGE: gap-find stops before reading its input.
bad() {
	case_ "bad waivers: $1"
	gf "--as-of 2026-11-23 --keep-going --waivers $1 unowned.jsonl"
	expect_status 2
	expect_stderr "gap-find: $2"
	expect_empty_stdout
}
bad bad-type.csv 'bad-type.csv:2: waiver: field type: unknown gap type "unowed"'
bad bad-date.csv 'bad-date.csv:2: waiver: field until: "2026-12-32" is not a valid date'
bad bad-header.csv 'bad-header.csv:1: header: no until column (a waiver needs type, subject, until and a reason)'
bad bad-subject.csv 'bad-subject.csv:2: waiver: missing required field subject'
bad waivers-nul.csv 'waivers-nul.csv:2: column "reason": a NUL byte is not allowed'
bad empty.csv 'empty.csv: empty file: a waivers file needs the header type,subject,until,reason'
bad bad-kind.jsonl 'bad-kind.jsonl:2: waiver: field kind: "goal" is not "waiver"'
bad missing.csv 'missing.csv: cannot open: No such file or directory'

finish

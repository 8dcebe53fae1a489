#!/bin/bash
# Check-ins: goals-load reads them from JSON Lines and from a form's export
# as it is; gap-find holds them against the data and each other
# (missing-checkin, status-discrepancy, owner-disagreement, with their near
# misses), warns of a check-in whose side cannot be found, and says so
# when there are none; kpi-score passes them on; report-fmt shows the
# latest word of each side in every format, notes rendered inert.
. "$(dirname "$0")/lib.bash"
D=$AK_DATA/checkins
cd "$D" || exit 2

case_ "a Google Forms download loads as it is: Timestamp, Email address, a BOM, CRLF"
run goals-load "Team check-in.csv"
expect_status 0
expect_golden checkins/google-forms.out
expect_empty_stderr

case_ "a Microsoft Forms export: Completion time is at, a By question wins over Email"
run goals-load --kind checkin "Weekly check-in(1-2).csv"
expect_status 0
expect_golden checkins/ms-forms.out
expect_empty_stderr

case_ "form timestamps that could mean two things are refused, saying how to write them"
run goals-load --keep-going bad-dates-checkins.csv
expect_status 2
expect_stderr "goals-load: bad-dates-checkins.csv:3: checkin I1: field at: \"03/11/2026 10:02:11\" could be 3 November or March 11: write the date year first (2026-11-03 or 2026-03-11), or set the spreadsheet to ISO dates (yyyy-mm-dd)
goals-load: bad-dates-checkins.csv:4: checkin I1: field at: \"11/18/26 9:14\" has a two-digit year: write the year with four digits (2026), or the date as yyyy-mm-dd
goals-load: bad-dates-checkins.csv:5: checkin I1: field at: \"2026-11-31\" is not a day of the calendar
goals-load: bad-dates-checkins.csv:6: checkin I1: field at: \"yesterday\" is not a date or a timestamp (write 2026-11-18, 2026-11-18T09:14:03Z, or a form's 2026/11/18 9:14:03)
goals-load: bad-dates-checkins.csv:7: checkin I1: field at: \"2026/11/18 25:00\" is not a date or a timestamp (write 2026-11-18, 2026-11-18T09:14:03Z, or a form's 2026/11/18 9:14:03)"
# The day-first row with dots loads, on the day it shows.
run 'goals-load --keep-going bad-dates-checkins.csv 2>/dev/null | grep -c "\"kind\":\"checkin\",\"subject\":\"I1\",\"at\":\"2026-11-18\""'
expect_stdout 1

case_ "a check-in record that breaks the rules names the record and the field"
run goals-load --keep-going bad.jsonl
expect_status 2
expect_stderr "goals-load: bad.jsonl:1: checkin: missing required field subject
goals-load: bad.jsonl:2: checkin I1: missing required field at
goals-load: bad.jsonl:3: checkin I1: missing required field confidence
goals-load: bad.jsonl:4: checkin I1: field confidence: \"fine\" is not one of on-track, at-risk, off-track
goals-load: bad.jsonl:5: checkin I1: field side: \"finance\" is not one of business, it
goals-load: bad.jsonl:6: checkin I1: field at: \"18/11/2026\" is not a valid date or date-time
goals-load: bad.jsonl:7: checkin I1: field by: expected a string"

case_ "a directory reads its check-ins after the measurements"
run 'goals-load model | jq -r .kind | uniq'
expect_stdout "goal
initiative
kpi
measurement
checkin"

case_ "kpi-score passes check-ins on as they came"
run 'goals-load model | grep "\"kind\":\"checkin\"" > in.tmp; goals-load model | kpi-score --as-of 2026-11-23 | grep "\"kind\":\"checkin\"" | cmp - in.tmp; s=$?; rm -f in.tmp; exit $s'
expect_status 0

# model/: as of Monday 2026-11-23, the window is 2026-11-09 .. 2026-11-23.
#   I1  the sponsor alone says on-track, the rollup is red: a discrepancy
#       and a missing IT check-in;
#   K1  both sides on-track, the latest (16:30+01:00, after 09:00Z) is the
#       business owner's: a discrepancy, no disagreement;
#   I2  both at-risk, the sponsor's on the window's first day: nothing;
#   K2  sides given (business by a team, IT unnamed) and different: a
#       disagreement;
#   I3  the sponsor last spoke the day before the window: missing;
#   K3  both at-risk on amber (and an off-track after as-of): nothing;
#   I4  starts after as-of, I5 is proposed: nothing missing;
#   I6  its sponsor is its owner, and Pat Kim is neither: warned, missing;
#   K4  its sponsor and owner are one person, sides given: off-track on a
#       green score is a discrepancy;
#   G9  names no record: one dangling-ref for its two check-ins;
#   G2  names no one and no side: warned;
#   G1  by someone who is not its owner (a goal has one): warned.
case_ "each check-in finding and its near misses, with what each side said"
run 'goals-load model | kpi-score --as-of 2026-11-23 | gap-find --as-of 2026-11-23 --gaps-only --only checkins,dangling-ref --fail-on never'
expect_status 0
expect_golden checkins/gaps.out
expect_stderr "gap-find: model/check-ins.jsonl:13: warning: check-in by Sam Doe on I6: Sam Doe is both its sponsor and its owner, so the side is unknown; add a side column (business or it)
gap-find: model/check-ins.jsonl:14: warning: check-in by Pat Kim on I6: Pat Kim is neither its sponsor (Sam Doe) nor its owner (Sam Doe), so the side is unknown and it counts for neither side; add a side column (business or it), or write the name as the model does
gap-find: model/check-ins.jsonl:20: warning: check-in on G2 on its own: it names no one (by) and no side, so it counts for neither side; add a by or a side column (business or it)
gap-find: model/check-ins.jsonl:21: warning: check-in by Raj Patel on G1: Raj Patel is not its owner (Ann Lee), so the side is unknown and it counts for neither side; add a side column (business or it), or write the name as the model does"

case_ "the three types fail --fail-on warning, and are warnings"
run 'goals-load model | kpi-score --as-of 2026-11-23 | gap-find --as-of 2026-11-23 --gaps-only --only checkins --fail-on warning 2>/dev/null | jq -r "[.type, .severity] | @tsv" | sort | uniq -c'
expect_stdout "      3 missing-checkin	warning
      1 owner-disagreement	warning
      3 status-discrepancy	warning"

case_ "--checkin-window 3 reaches the sponsor's check-in of 2026-11-08"
run 'goals-load model | kpi-score --as-of 2026-11-23 | gap-find --as-of 2026-11-23 --gaps-only --only missing-checkin --checkin-window 3 --fail-on never 2>/dev/null | jq -r .subject'
expect_stdout "I1
I6"
run 'goals-load model | kpi-score --as-of 2026-11-23 | gap-find --as-of 2026-11-23 --gaps-only --only missing-checkin --checkin-window 1 --fail-on never 2>/dev/null | jq -r .message'
expect_stdout "initiative I1 (CRM rollout) has no check-in from the IT side (owner Raj Patel) since 2026-11-16 (the last week); ask for one at the next check-in
initiative I2 (Data lake) has no check-in from the business side (sponsor Eve Kim) since 2026-11-16 (the last week); ask for one at the next check-in
initiative I3 (Portal) has no check-in from the business side (sponsor Bo Chen) since 2026-11-16 (the last week); ask for one at the next check-in
initiative I6 (Billing) has no check-in from either side (sponsor Sam Doe, owner Sam Doe) since 2026-11-16 (the last week); ask for one at the next check-in"

case_ "--checkin-window must be a whole number from 1"
run gap-find --checkin-window 0
expect_status 2
expect_stderr "gap-find: --checkin-window: \"0\" is not a whole number from 1 to 1000
Try 'gap-find --help'."

case_ "no check-in at all: check-skipped says the checkins group did not run"
run 'goals-load model/goals.csv model/initiatives.csv | gap-find --as-of 2026-11-23 --gaps-only --only checkins --fail-on never | jq -c "[.type, .subject, .message]"'
expect_status 0
expect_stdout '["check-skipped","checkins","the stream has no check-in records, so missing-checkin, status-discrepancy and owner-disagreement did not run; load the check-ins (checkins.csv, or a form'"'"'s export) with the model"]'
run 'goals-load model/goals.csv model/initiatives.csv | gap-find --as-of 2026-11-23 --gaps-only --only data,structure --fail-on never | grep -c "\"subject\":\"checkins\""'
expect_stdout 0

case_ "check-ins without scores: the other two run, and check-skipped says status-discrepancy did not"
run 'goals-load model | gap-find --as-of 2026-11-23 --gaps-only --only checkins --fail-on never 2>/dev/null | jq -r "[.type, .subject] | @tsv"'
expect_stdout "missing-checkin	I1
missing-checkin	I3
missing-checkin	I6
owner-disagreement	K2
check-skipped	status-discrepancy"
run 'goals-load model | gap-find --as-of 2026-11-23 --gaps-only --only checkins --fail-on never 2>/dev/null | jq -r "select(.type == \"check-skipped\") | .message"'
expect_stdout "the stream has check-ins but no score or rollup records, so status-discrepancy did not run; run kpi-score before gap-find"

case_ "gap-find checks the check-ins it is given: a bad one is an input error"
run gap-find --as-of 2026-11-23 bad.jsonl
expect_status 2
expect_stderr "gap-find: bad.jsonl:1: checkin: missing required field subject"

# hostile.jsonl: notes with markup, a formula, terminal escapes and a bell.
for f in text markdown html csv; do
	case_ "report-fmt -f $f: the checkins section, notes inert"
	run report-fmt -f "$f" --no-color --section checkins hostile.jsonl
	expect_status 0
	expect_golden "checkins/report.$f"
	if grep -q $'\e\\|\a' "$AK_T/out"; then
		ak_fail "a raw escape or bell reached the $f report"; else ak_pass; fi
	case $f in markdown|html)
		if grep -q '<script' "$AK_T/out"; then
			ak_fail "markup reached the $f report raw"; else ak_pass; fi ;;
	csv)
		if grep -q '^[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,"\?[=+@-]' "$AK_T/out"; then
			ak_fail "a formula reached the csv report raw"; else ak_pass; fi ;;
	esac
done

case_ "a report shows the checkins section only when the stream has check-ins"
run 'report-fmt hostile.jsonl | grep -c "^Check-ins$"'
expect_stdout 1
run 'grep -v "\"kind\":\"checkin\"" hostile.jsonl | report-fmt | grep -c "^Check-ins$"'
expect_stdout 0
run 'grep -v "\"kind\":\"checkin\"" hostile.jsonl | report-fmt --section checkins | grep -A1 "^Check-ins$" | tail -1'
expect_stdout "---------"

case_ "the example: a form export with one of each finding, exactly once"
run "goals-load '$AK_SRC/examples/model' | kpi-score --as-of 2026-11-23 --periods 3 | gap-find --as-of 2026-11-23 --gaps-only --only checkins --fail-on never | jq -r '[.type, .subject] | @tsv'"
expect_status 0
expect_empty_stderr
expect_stdout "status-discrepancy	G2.2
owner-disagreement	I1
missing-checkin	I4"

case_ "the example's Monday text report says who sees it differently"
run "goals-load '$AK_SRC/examples/model' | kpi-score --as-of 2026-11-23 --periods 3 | gap-find --as-of 2026-11-23 --fail-on never | report-fmt --no-color --section checkins | grep -A3 '^I1 '"
expect_stdout "I1       green   at-risk 2026-11-18   on-track 2026-11-18
         Tomás Rivera (sponsor): Launch slipping into the peak freeze, I hear;
         Ahmed Yilmaz (owner): Release candidate on 2026-12-01, before the
         freeze"

finish

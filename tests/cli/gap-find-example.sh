#!/bin/bash
# gap-find on the example organisation (examples/README.md): the weekly
# pipeline's output as recorded, and each trouble built into the model
# found exactly once, with nothing else beyond what the scores imply.
. "$(dirname "$0")/lib.bash"
: "${AK_SRC:?AK_SRC must name the source tree}"

pipeline="cd '$AK_SRC' && goals-load examples/model | kpi-score --as-of 2026-11-23 --periods 4 | gap-find --as-of 2026-11-23"

case_ "the weekly pipeline on the example model"
run "$pipeline"
expect_status 1
expect_golden gap-find/example.out
expect_empty_stderr

run "$pipeline --gaps-only"
grep -o '"type":"[a-z-]*","severity":"[a-z]*","subject":"[^"]*"' "$AK_T/out" |
	sed 's/"type":"\([^"]*\)","severity":"\([^"]*\)","subject":"\([^"]*\)"/\1 \2 \3/' |
	sort >"$AK_T/found"

# once TYPE SEVERITY SUBJECT: that gap is reported exactly once.
once() {
	case_ "example: $1 on $3"
	local n
	n=$(grep -cx "$1 $2 $3" "$AK_T/found")
	if [ "$n" -eq 1 ]; then ak_pass; else ak_fail "found $n times"; fi
}
# The troubles built in, each in the model once on purpose.
once orphan-initiative error I8
once unsupported-goal error G2.2
once unmeasured-goal warning G1.2
once one-sided-kpi warning support-backlog
once stale-kpi warning search-zero-results
once worsening-trend warning pick-errors
once investment-skew warning G3
# What follows from the scores.
once off-target error first-contact-resolution
once off-target error support-backlog
for k in conversion-rate cart-abandonment repeat-rate nps ship-24h \
	pick-errors bi-weekly-users data-freshness data-literacy; do
	once off-target warning "$k"
done
once off-track-goal error G2
once off-track-goal error G2.2
for g in G1 G1.1 G2.1; do once off-track-goal warning "$g"; done
# G3 rolls up as its weakest child (rollup: min): data-literacy, amber.
once off-track-goal warning G3
# Paced KPIs amber today whose last six weeks, projected, fall short at
# their due date: dashboard users 387 of 400 by 2026-12-27, conversion
# 3.1 of 3.2 by 2027-02-26.
once projected-miss warning bi-weekly-users
once projected-miss warning conversion-rate
# What the check-ins say (check-ins.csv, a Google Forms export): the goal
# owner calls red G2.2 on track, the two sides of I1 differ, and I4's IT
# owner last spoke the day before the window.
once status-discrepancy warning G2.2
once owner-disagreement warning I1
once missing-checkin warning I4

case_ "example: nothing else"
if [ "$(wc -l <"$AK_T/found")" -eq 29 ]; then ak_pass; else
	ak_fail "expected 29 gaps, found $(wc -l <"$AK_T/found"):"; cat "$AK_T/found" >&2; fi

case_ "example: the troubles point at the rows that cause them"
expect_stdout_has '"subject":"I8","message":"initiative I8 \"Mail and calendar platform migration\" is active but supports no goal; link it to the goal it serves, or stop it","fingerprint":"a0bd00057f531985","src":"examples/model/initiatives.csv:9"'
expect_stdout_has '"subject":"G2.2","message":"goal G2.2 \"Resolve support contacts first time, every channel\" has no active initiative; start or link an initiative that supports it","fingerprint":"65874bebe1c09ef9","src":"examples/model/goals.csv:7"'
expect_stdout_has '"subject":"G3","message":"goal G3 \"Build a data-literate company\" gets 45.5% of the active initiatives'"'"' budget but carries 16.7% of the top-level goals'"'"' weight'

case_ "example: structure alone, without scores"
run "cd '$AK_SRC' && goals-load examples/model | gap-find --as-of 2026-11-23 --gaps-only"
expect_status 1
expect_golden gap-find/example.structure.out

finish

#!/bin/bash
# projected-miss against the target in force at due: kpi-score keeps the
# target records, so its score records say the target at due when a target
# record moves it (target_at_due), and gap-find judges the forecast by it.
. "$(dirname "$0")/lib.bash"
D=$AK_DATA/gap-find/due
cd "$D" || exit 2

# K1: up, target 100 by 2026-12-27, 55 .. 80 over six weeks: forecast 105.
score() { run "goals-load model.jsonl $* | kpi-score --as-of 2026-11-23 | grep '\"kind\":\"score\"' | jq -c '[.period, .target, .forecast, .target_at_due]'"; }
miss() { run "goals-load model.jsonl $* | kpi-score --as-of 2026-11-23 | gap-find --as-of 2026-11-23 --gaps-only --only projected-miss | jq -r .message"; }

case_ "no target record: the target at due is the period's, and 105 beats 100"
score
expect_stdout '["2026-W47",100,105,null]'
miss
expect_status 0
expect_empty_stdout

case_ "a peak target from December: target_at_due 130, and 105 misses it"
score peak.jsonl
expect_stdout '["2026-W47",100,105,130]'
miss peak.jsonl
expect_stdout 'kpi K1 "Orders packed per hour" is on course to miss its target by 2026-12-27: forecast 105 against a target of at least 130 as of 2026-W47; change course now, or agree a new target or due date'

case_ "a target eased back to 100 for December: no miss, though 105 is short of today's 120"
score eased.jsonl
expect_stdout '["2026-W47",120,105,100]'
miss eased.jsonl
expect_empty_stdout

case_ "the target records passed on (--keep-measurements) give the same"
run "goals-load model.jsonl peak.jsonl | kpi-score --as-of 2026-11-23 --keep-measurements | gap-find --as-of 2026-11-23 --gaps-only --only projected-miss | jq -r .subject"
expect_stdout K1

finish

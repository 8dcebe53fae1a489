#!/bin/bash
# gap-find: each gap type of SPEC §8 found in a minimal model that has it
# (golden gap records, exit status) and not found in a near miss; the
# stream passed through byte for byte; results independent of input order.
. "$(dirname "$0")/lib.bash"
D="$AK_DATA/gap-find"

# check-skipped has cases of its own (gap-find-baseline.sh).
gaps() { run "cd '$D' && gap-find --as-of 2026-11-23 --gaps-only --ignore check-skipped $*"; }

# has TYPE STATUS: TYPE.jsonl gives the gaps in golden/gap-find/TYPE.out
# and exits STATUS (1 when the type is an error by default).
has() {
	case_ "$1 found"
	gaps "$1.jsonl"
	expect_status "$2"
	expect_golden "gap-find/$1.out"
	expect_stdout_has "\"type\":\"$1\""
	expect_empty_stderr
}

# near TYPE: TYPE-near.jsonl, one step from the gap, gives no gap at all.
near() {
	case_ "$1 near miss"
	gaps "$1-near.jsonl"
	expect_status 0
	expect_empty_stdout
	expect_empty_stderr
}

for t in invalid-record duplicate-id dangling-ref orphan-initiative \
	unsupported-goal off-target off-track-goal; do
	has "$t" 1
done
for t in unmeasured-goal one-sided-kpi stale-kpi worsening-trend \
	overdue-initiative retired-goal-support investment-skew \
	unsponsored-initiative unowned; do
	has "$t" 0
done
for t in duplicate-id dangling-ref goal-cycle orphan-initiative \
	unsupported-goal unmeasured-goal one-sided-kpi off-target stale-kpi \
	worsening-trend off-track-goal overdue-initiative retired-goal-support \
	investment-skew unsponsored-initiative unowned; do
	near "$t"
done

case_ "a clean model has no gap"
gaps clean.jsonl
expect_status 0
expect_empty_stdout

# unrealized-benefit needs red goals, which are off-track-goal gaps too.
case_ "unrealized-benefit found"
gaps unrealized-benefit.jsonl
expect_status 1
expect_golden gap-find/unrealized-benefit.out
case_ "unrealized-benefit near miss: done too recently, or a goal not red"
gaps unrealized-benefit-near.jsonl
expect_status 1
expect_golden gap-find/unrealized-benefit-near.out
if grep -q unrealized-benefit "$AK_T/out"; then
	ak_fail "near miss reported unrealized-benefit"; else ak_pass; fi

# goal-cycle: loops of one, two and three goals; one gap per loop.
for n in 1 2 3; do
	case_ "goal-cycle of length $n"
	gaps "goal-cycle-$n.jsonl"
	expect_status 1
	expect_golden "gap-find/goal-cycle-$n.out"
done

case_ "investment-skew shares as worked out by hand"
# Top-level weights G1 1, G2 1, G3 2: shares 25%, 25%, 50%.
# Active budgets: I1 600 -> G1.1 (under G1); I2 300 split 2:1 -> G2 200,
# G3 100; I3 100 -> G3.  Proposed I4 (1000) and done I5 (500) do not count.
# Total 1000: G1 60% (2.4 x 25%, +35 points: over), G2 20% (0.8 x: no),
# G3 20% (0.4 x 50%, -30 points: under).
gaps investment-skew.jsonl
expect_stdout_has 'goal G1 \"Grow online revenue\" gets 60% of the active initiatives'"'"' budget but carries 25% of the top-level goals'"'"' weight'
expect_stdout_has 'goal G3 \"Build a data-literate company\" gets 20% of the active initiatives'"'"' budget but carries 50% of the top-level goals'"'"' weight'
# Near miss: weights 1, 9, 10 (5%, 45%, 50%); budgets 120, 300, 580
# (12%, 30%, 58%): G1 is 2.4 x its share but only 7 points above it; G2 is
# 0.67 x; G3 1.16 x.  No gap.

case_ "the stream passes through byte for byte, gaps after it"
run "cd '$D' && gap-find --as-of 2026-11-23 off-target.jsonl"
expect_status 1
expect_golden gap-find/off-target.full.out
if head -n "$(wc -l <"$D/off-target.jsonl")" "$AK_T/out" | cmp -s - "$D/off-target.jsonl"
then ak_pass; else ak_fail "input records not passed through as they came"; fi

case_ "records of other kinds, and gap records, pass through"
run "cd '$D' && printf '%s\n' '{\"kind\":\"note\",\"text\":\"x\"}' '{\"kind\":\"gap\",\"type\":\"unowned\",\"subject\":\"Z\"}' | gap-find --as-of 2026-11-23"
expect_status 0
expect_stdout '{"kind":"note","text":"x"}
{"kind":"gap","type":"unowned","subject":"Z"}'

# Reversed input: model after scores, rollups before their goals.
for t in off-target off-track-goal worsening-trend unsupported-goal \
	investment-skew unrealized-benefit goal-cycle-3; do
	case_ "$t: the same gaps whatever the input order"
	run "cd '$D' && tac $t.jsonl | gap-find --as-of 2026-11-23 --gaps-only --ignore check-skipped"
	expect_golden "gap-find/$t.out"
done

case_ "a record without src: the gap points at gap-find's input line"
run "cd '$D' && gap-find --as-of 2026-11-23 --gaps-only nosrc.jsonl"
expect_status 1
expect_golden gap-find/nosrc.out

case_ "standard input is named <stdin>"
run_stdin "$D/nosrc.jsonl" gap-find --as-of 2026-11-23 --gaps-only
expect_status 1
expect_stdout_has '"src":"<stdin>:2"'

case_ "projected-miss found: the forecast misses the target in force at due"
# K1's own target is 90, but from 2027-Q1 (its due, 2027-03-31) a target
# record makes it 95: the forecast 93.9 meets the one, misses the other.
gaps --only projected-miss projected-miss.jsonl
expect_status 0
expect_golden gap-find/projected-miss.out
expect_stdout_has '"type":"projected-miss"'
expect_empty_stderr

case_ "projected-miss near miss: the target at due is 91"
gaps --only projected-miss projected-miss-near.jsonl
expect_status 0
expect_empty_stdout
expect_empty_stderr

case_ "a target record whose kpi is not in the stream is a dangling-ref"
run "printf '%s\n' '{\"kind\":\"target\",\"kpi\":\"K9\",\"from\":\"2027-Q1\",\"target\":3,\"src\":\"targets.csv:4\"}' | gap-find --gaps-only"
expect_status 1
expect_stdout_has '"type":"dangling-ref","severity":"error","subject":"K9","message":"a target record names kpi K9, which is not in the model; correct its kpi or add kpi K9"'
expect_stdout_has '"src":"targets.csv:4"'

case_ "no score or rollup records: structure checks only, and check-skipped says so"
run "cd '$D' && grep -v '\"score\"\|\"rollup\"' off-target.jsonl | gap-find --as-of 2026-11-23 --gaps-only --ignore checkins"
expect_status 0
expect_stdout '{"kind":"gap","type":"check-skipped","severity":"info","subject":"performance","message":"the stream has no score or rollup records, so the performance checks (off-target, stale-kpi, worsening-trend, projected-miss, off-track-goal, unrealized-benefit) did not run; run kpi-score before gap-find","fingerprint":"'"$(printf 'check-skipped\0performance\0\0' | python3 -c 'import sys
h=0xcbf29ce484222325
for c in sys.stdin.buffer.read(): h=((h^c)*0x100000001b3)%2**64
print("%016x"%h, end="")')"'"}'

case_ "a 100,000-goal chain and a 100,000-goal loop: no recursion, no hang"
awk 'BEGIN {
	n = 100000
	printf "{\"kind\":\"goal\",\"id\":\"C0\",\"title\":\"Chain\",\"owner\":\"o\"}\n"
	for (i = 1; i < n; i++)
		printf "{\"kind\":\"goal\",\"id\":\"C%d\",\"title\":\"Chain\",\"parent\":\"C%d\",\"owner\":\"o\"}\n", i, i - 1
	printf "{\"kind\":\"initiative\",\"id\":\"I1\",\"title\":\"Deep work\",\"supports\":[\"C%d\"],\"owner\":\"o\",\"sponsor\":\"s\"}\n", n - 1
	printf "{\"kind\":\"kpi\",\"id\":\"K1\",\"name\":\"Deep\",\"measures\":\"C%d\",\"target\":1,\"business_owner\":\"b\",\"it_owner\":\"i\"}\n", n - 1
	for (i = 0; i < n; i++)
		printf "{\"kind\":\"goal\",\"id\":\"L%d\",\"title\":\"Loop\",\"parent\":\"L%d\",\"owner\":\"o\"}\n", i, (i + 1) % n
}' >"$AK_T/deep.jsonl"
run timeout $((60 * AK_TIME_FACTOR)) gap-find --as-of 2026-11-23 --gaps-only --ignore check-skipped "$AK_T/deep.jsonl"
expect_status 1
if [ "$(wc -l <"$AK_T/out")" -eq 1 ] &&
	grep -q '"type":"goal-cycle","severity":"error","subject":"L0","message":"goal L0 \\"Loop\\" is its own ancestor: L0 -> L1 -> L2 -> ' "$AK_T/out" &&
	grep -q ' -> L99999 -> L0; change one of these parents' "$AK_T/out"
then ak_pass; else ak_fail "expected one goal-cycle gap for L0:"; head -c 300 "$AK_T/out" >&2; fi

case_ "investment-skew runs on budgets headed with their unit, Budget (GBP)"
mkdir -p "$AK_T/gbp"
printf 'id,title,owner,weight\nG1,Grow,o,1\nG2,Keep,o,1\n' >"$AK_T/gbp/goals.csv"
printf 'id,title,supports,owner,sponsor,Budget (GBP)\nI1,Big,G1,o,s,900000\nI2,Small,G2,o,s,100000\n' >"$AK_T/gbp/initiatives.csv"
run "goals-load '$AK_T/gbp' | gap-find --as-of 2026-11-23 --gaps-only --only investment-skew"
expect_status 0
expect_stdout_has '"type":"investment-skew","severity":"warning","subject":"G2","message":"goal G2 \"Keep\" gets 10% of the active initiatives'"'"' budget but carries 50%'
if grep -q check-skipped "$AK_T/out"; then ak_fail "investment-skew was skipped"; else ak_pass; fi

finish

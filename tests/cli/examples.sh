# CLI test: the bundled example organisation (examples/model) loads, as
# recorded, into one JSON record per spreadsheet row or wide-sheet cell.
. "$(dirname "$0")/lib.bash"
: "${AK_SRC:?AK_SRC must name the source tree}"

# Relative paths, so that every "src" in the golden file reads
# examples/model/FILE:LINE wherever the tree is checked out.
cd "$AK_SRC" || exit 1
model=examples/model

case_ "goals-load reads the example model"
run goals-load "$model"
expect_status 0
expect_empty_stderr
expect_golden examples/goals-load.out
cp "$AK_T/out" "$AK_T/model.jsonl"

case_ "every output line is one JSON object"
lines=$(wc -l <"$AK_T/model.jsonl")
run "jq -n '[inputs] | length' '$AK_T/model.jsonl'"
expect_status 0
expect_stdout "$lines"
run "jq -n '[inputs | objects] | length' '$AK_T/model.jsonl'"
expect_stdout "$lines"

# The rows each file holds: a long file has one record per line after the
# header (the example has no quoted line breaks); the wide sheet has one
# measurement per non-empty cell after the kpi column (it has no quotes).
rows() { awk 'NR > 1 { n++ } END { print n + 0 }' "$1"; }
cells() {
	awk -F, 'NR > 1 { for (i = 2; i <= NF; i++) if ($i != "") n++ }
	         END { print n + 0 }' "$1"
}
expected_by_file=$(
	for f in goals initiatives kpis targets measurements; do
		printf '%s/%s.csv %s\n' "$model" "$f" "$(rows "$model/$f.csv")"
	done
	printf '%s/weekly-measurements.csv %s\n' "$model" \
		"$(cells "$model/weekly-measurements.csv")"
	printf '%s/check-ins.csv %s\n' "$model" "$(rows "$model/check-ins.csv")"
)
expected_by_kind=$(
	printf 'goal %s\n' "$(rows "$model/goals.csv")"
	printf 'initiative %s\n' "$(rows "$model/initiatives.csv")"
	printf 'kpi %s\n' "$(rows "$model/kpis.csv")"
	printf 'target %s\n' "$(rows "$model/targets.csv")"
	printf 'measurement %s\n' "$(($(rows "$model/measurements.csv") +
		$(cells "$model/weekly-measurements.csv")))"
	printf 'checkin %s\n' "$(rows "$model/check-ins.csv")"
)

case_ "one record per row of each file"
run "jq -r '.src | sub(\":[0-9]+\$\"; \"\")' '$AK_T/model.jsonl' | uniq -c | awk '{ print \$2, \$1 }'"
expect_status 0
expect_stdout "$expected_by_file"

case_ "one record per row, by kind"
run "jq -r .kind '$AK_T/model.jsonl' | uniq -c | awk '{ print \$2, \$1 }'"
expect_status 0
expect_stdout "$expected_by_kind"

case_ "the model is the size the README says"
expect_stdout "goal 8
initiative 10
kpi 20
target 2
measurement 452
checkin 29"

case_ "the wide sheet is unpivoted to the Monday of each ISO week"
run "jq -r 'select(.src | startswith(\"$model/weekly-\")) | .at' '$AK_T/model.jsonl' | sort -u | sed -n '1p;\$p'"
expect_stdout "2026-05-25
2026-11-16"

# The troubles examples/README.md promises, found by the tools themselves:
# if the data or a tool drifts, the README is wrong, and this says so.
case_ "the structure alone shows the planted structural troubles"
run "goals-load $model | gap-find --gaps-only --ignore checkins | jq -r '[.type, .severity, .subject, .src] | join(\" \")'"
expect_status 1
expect_stdout "unmeasured-goal warning G1.2 $model/goals.csv:4
unsupported-goal error G2.2 $model/goals.csv:7
investment-skew warning G3 $model/goals.csv:8
orphan-initiative error I8 $model/initiatives.csv:9
check-skipped info performance 
one-sided-kpi warning support-backlog $model/kpis.csv:14"

case_ "the weekly job finds every trouble the README lists, and no other"
run "goals-load $model | kpi-score --as-of 2026-11-23 --periods 3 |
	gap-find --as-of 2026-11-23 --gaps-only |
	jq -r '[.type, .severity, .subject] | join(\" \")' | sort"
expect_status 1
expect_stdout "investment-skew warning G3
missing-checkin warning I4
off-target error first-contact-resolution
off-target error support-backlog
off-target warning bi-weekly-users
off-target warning cart-abandonment
off-target warning conversion-rate
off-target warning data-freshness
off-target warning data-literacy
off-target warning nps
off-target warning pick-errors
off-target warning repeat-rate
off-target warning ship-24h
off-track-goal error G2
off-track-goal error G2.2
off-track-goal warning G1
off-track-goal warning G1.1
off-track-goal warning G2.1
off-track-goal warning G3
one-sided-kpi warning support-backlog
orphan-initiative error I8
owner-disagreement warning I1
projected-miss warning bi-weekly-users
projected-miss warning conversion-rate
stale-kpi warning search-zero-results
status-discrepancy warning G2.2
unmeasured-goal warning G1.2
unsupported-goal error G2.2
worsening-trend warning pick-errors"

case_ "the KPI statuses of week 2026-W47 are those in the README"
run "goals-load $model | kpi-score --as-of 2026-11-23 |
	jq -r 'select(.kind == \"score\") | .status' | sort | uniq -c | awk '{ print \$2, \$1 }'"
expect_status 0
expect_stdout "amber 9
green 8
none 1
red 2"

case_ "the shutdown week is scored n/a, once, and nothing finds it"
run "goals-load $model | kpi-score --as-of 2026-11-23 --periods 3 |
	jq -r 'select(.status == \"n/a\") | [.kind, .kpi, .period, .n, .stale] | join(\" \")'"
expect_status 0
expect_stdout "score cloud-utilisation 2026-W46 0 false"
run "goals-load $model | kpi-score --as-of 2026-11-23 --periods 3 |
	jq -r 'select(.kind == \"rollup\" and .of == \"I5\") | [.period, .children, .scored] | join(\" \")'"
expect_status 0
expect_stdout "2026-W45 2 2
2026-W46 2 1
2026-W47 2 2"
run "goals-load $model | kpi-score --as-of 2026-11-23 --periods 3 |
	gap-find --as-of 2026-11-23 --gaps-only | jq -r 'select(.subject == \"cloud-utilisation\") | .type'"
expect_status 1
expect_empty_stdout

# The other rules a real scorecard needs, each built into the model once.
# Each is checked twice: as the model has it, and with the rule taken out
# of a copy (so the test fails if the rule stops making a difference).
goals-load "$model" | kpi-score --as-of 2026-11-23 --periods 3 >"$AK_T/weekly.jsonl"
without() { # SED-SCRIPT FILE [RM-FILE]: a copy of the model, changed
	rm -rf "$AK_T/alt"
	mkdir "$AK_T/alt"
	cp "$model"/*.csv "$AK_T/alt/"
	sed -i "$1" "$AK_T/alt/$2"
	[ -z "${3:-}" ] || rm "$AK_T/alt/$3"
}

case_ "the seasonal KPI is scored against the peak target in force, once"
run "jq -r 'select(.kind == \"target\") | [.kpi, .from, .target, .red] | join(\" \")' '$AK_T/model.jsonl'"
expect_stdout "delivery-days 2026-W45 3.5 4.5
delivery-days 2027-W01 2.5 3"
run "jq -r 'select(.kind == \"score\" and .kpi == \"delivery-days\") | [.period, .value, .target, .status] | join(\" \")' '$AK_T/weekly.jsonl'"
expect_status 0
expect_stdout "2026-W45 2.94 3.5 green
2026-W46 3.18 3.5 green
2026-W47 3.31 3.5 green"
run "goals-load $model | kpi-score --as-of 2026-11-02 --periods 2 |
	jq -r 'select(.kind == \"score\" and .kpi == \"delivery-days\") | [.period, .value, .target, .status] | join(\" \")'"
expect_stdout "2026-W43 2.47 2.5 green
2026-W44 2.46 2.5 green"
run "jq -r 'select(.kind == \"target\")' '$AK_T/weekly.jsonl'"
expect_empty_stdout

case_ "without its targets sheet the seasonal KPI would be red"
without "" targets.csv targets.csv
run "goals-load '$AK_T/alt' | kpi-score --as-of 2026-11-23 --periods 3 | jq -r 'select(.kind == \"score\" and .kpi == \"delivery-days\") | [.period, .target, .status] | join(\" \")'"
expect_status 0
expect_stdout "2026-W45 2.5 amber
2026-W46 2.5 red
2026-W47 2.5 red"
run "goals-load '$AK_T/alt' | kpi-score --as-of 2026-11-23 --periods 3 | gap-find --as-of 2026-11-23 --gaps-only |
	jq -r 'select(.subject == \"delivery-days\") | [.type, .severity] | join(\" \")'"
expect_status 1
expect_stdout "off-target error
worsening-trend warning"

case_ "weeks without a P1 incident score 0 (missing: zero) and count in I1's rollup"
run "jq -r 'select(.kind == \"score\" and .kpi == \"p1-incidents\") | [.period, .value, .n, .status, .stale] | join(\" \")' '$AK_T/weekly.jsonl'"
expect_status 0
expect_stdout "2026-W45 0 0 green false
2026-W46 0 0 green false
2026-W47 0 0 green false"
run "jq -r 'select(.kind == \"rollup\" and .of == \"I1\") | [.period, .children, .scored, .score] | join(\" \")' '$AK_T/weekly.jsonl'"
expect_stdout "2026-W45 2 2 1
2026-W46 2 2 1
2026-W47 2 2 1"
run "goals-load $model | kpi-score --as-of 2026-09-21 |
	jq -r 'select(.kind == \"score\" and .kpi == \"p1-incidents\") | [.period, .value, .n, .status] | join(\" \")'"
expect_stdout "2026-W38 2 2 amber"

case_ "without missing: zero the incident-free weeks would be no data"
without 's/,count,zero,/,count,,/' kpis.csv
run "goals-load '$AK_T/alt' | kpi-score --as-of 2026-11-23 --periods 3 | jq -r 'select(.period == \"2026-W47\" and (.kpi == \"p1-incidents\" or .of == \"I1\")) | [.kpi // .of, .status, .scored // .n] | join(\" \")'"
expect_status 0
expect_stdout "I1 green 1
p1-incidents none 0"

case_ "G3 rolls up as its weakest child: amber, found once"
run "jq -r 'select(.kind == \"rollup\" and .of == \"G3\" and .period == \"2026-W47\") | [.score, .status, .children, .scored] | join(\" \")' '$AK_T/weekly.jsonl'"
expect_status 0
expect_stdout "0.925 amber 3 3"
run "jq -r 'select(.kind == \"score\" and .kpi == \"data-literacy\") | [.period, .score, .status] | join(\" \")' '$AK_T/weekly.jsonl' | tail -1"
expect_stdout "2026-10 0.925 amber"
run "gap-find --as-of 2026-11-23 --gaps-only '$AK_T/weekly.jsonl' | jq -r 'select(.subject == \"G3\" or .subject == \"data-literacy\") | [.type, .severity, .subject] | join(\" \")'"
expect_status 1
expect_stdout "investment-skew warning G3
off-track-goal warning G3
off-target warning data-literacy"

case_ "by the weighted mean G3 would be green and not found"
without 's/,min$/,/' goals.csv
run "goals-load '$AK_T/alt' | kpi-score --as-of 2026-11-23 --periods 3 | tee '$AK_T/alt.jsonl' | jq -r 'select(.kind == \"rollup\" and .of == \"G3\" and .period == \"2026-W47\") | [.score, .status] | join(\" \")'"
expect_status 0
expect_stdout "0.9636 green"
run "gap-find --as-of 2026-11-23 --gaps-only '$AK_T/alt.jsonl' | jq -r 'select(.type == \"off-track-goal\" and .subject == \"G3\") | .type'"
expect_status 1
expect_empty_stdout

case_ "the HTML report of 26 weeks draws the peak target as a step and the forecasts to their due dates"
goals-load "$model" | kpi-score --as-of 2026-11-23 --periods 26 | report-fmt -f html --section kpis >"$AK_T/kpis.html"
xp() { xmllint --html --xpath "$1" "$AK_T/kpis.html" 2>/dev/null; }
run xp "count(//figure[@data-kpi='delivery-days']//*[local-name()='path' and @class='target'])"
expect_stdout 1
run xp "string(//figure[@data-kpi='delivery-days']//*[local-name()='desc'])"
expect_stdout_has "Target in force: at most 2.5 days from 2026-W22, at most 3.5 days from 2026-W45."
run xp "count(//*[local-name()='line' and @class='forecast'])"
expect_stdout 3
for k in bi-weekly-users conversion-rate online-revenue; do
	run xp "count(//figure[@data-kpi='$k']//*[local-name()='line' and @class='forecast'])"
	expect_stdout 1
done

case_ "report-fmt reads the model with its target records"
run "goals-load $model | report-fmt -f text"
expect_status 0
expect_empty_stderr

finish

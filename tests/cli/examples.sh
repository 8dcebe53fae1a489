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
	for f in goals initiatives kpis measurements; do
		printf '%s/%s.csv %s\n' "$model" "$f" "$(rows "$model/$f.csv")"
	done
	printf '%s/weekly-measurements.csv %s\n' "$model" \
		"$(cells "$model/weekly-measurements.csv")"
)
expected_by_kind=$(
	printf 'goal %s\n' "$(rows "$model/goals.csv")"
	printf 'initiative %s\n' "$(rows "$model/initiatives.csv")"
	printf 'kpi %s\n' "$(rows "$model/kpis.csv")"
	printf 'measurement %s\n' "$(($(rows "$model/measurements.csv") +
		$(cells "$model/weekly-measurements.csv")))"
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
kpi 17
measurement 416"

case_ "the wide sheet is unpivoted to the Monday of each ISO week"
run "jq -r 'select(.src | startswith(\"$model/weekly-\")) | .at' '$AK_T/model.jsonl' | sort -u | sed -n '1p;\$p'"
expect_stdout "2026-05-25
2026-11-16"

finish

#!/bin/bash
# report-fmt -f sarif through Microsoft's SARIF validator with GitHub's rules
# (`validate --rule-kind "Gh;Sarif"`): zero errors on every kind of stream
# (waived gaps, input errors, a baseline, locations inside and outside the
# working directory), and what code scanning reads checked with jq.
# scripts/deps.sh --test installs the validator (pinned, from npm); without
# it this test fails, saying how to get it: it never passes unchecked.
. "$(dirname "$0")/lib.bash"
: "${AK_SRC:?AK_SRC must name the source tree}"

dir=${AK_SARIF_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/alignkit/sarif-multitool-5.7.0}
validator=${AK_SARIF_MULTITOOL:-$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool}

case_ "the SARIF validator is installed"
if [ ! -x "$validator" ]; then
	ak_fail "no SARIF validator at $validator: run scripts/deps.sh --test" \
		"to install it (or set AK_SARIF_MULTITOOL to its Sarif.Multitool)"
	finish
	exit
fi
ak_pass

# validate NAME: validates $AK_T/NAME.sarif; the findings are in
# $AK_T/NAME.result (SARIF) and counted in $AK_T/NAME.counts.
validate() {
	rm -f "$AK_T/$1.result"
	"$validator" validate --rule-kind "Gh;Sarif" "$AK_T/$1.sarif" \
		--output "$AK_T/$1.result" >"$AK_T/$1.log" 2>&1
	if [ ! -s "$AK_T/$1.result" ]; then
		ak_fail "the validator wrote no result for $1:"; tail -5 "$AK_T/$1.log" >&2
		return
	fi
	# A result without a level is a warning (SARIF's default).
	jq -r '[.runs[].results[] | .level // "warning"] |
		"\(map(select(. == "error")) | length) errors, \(map(select(. == "warning")) | length) warnings"' \
		"$AK_T/$1.result" >"$AK_T/$1.counts"
	echo "sarif-validator: $1: $(cat "$AK_T/$1.counts")" >&2
	case $(cat "$AK_T/$1.counts") in
	"0 errors, "*) ak_pass ;;
	*) ak_fail "$1: $(cat "$AK_T/$1.counts"):"
	   grep -E ' error ' "$AK_T/$1.log" | head -5 >&2 ;;
	esac
}

# The report-fmt test stream: every format's gaps, a waived one among them.
case_ "the report-fmt stream: zero errors"
run "cd '$AK_DATA/report-fmt' && report-fmt -f sarif stream.jsonl"
expect_status 0
cp "$AK_T/out" "$AK_T/stream.sarif"
validate stream

case_ "every rule carries what GitHub shows, the tool its documentation"
if jq -e '.runs[0].tool.driver as $d |
	($d.informationUri | length > 0) and ($d.version | length > 0) and
	all($d.rules[]; (.shortDescription.text | length > 0) and
	    (.fullDescription.text | length > 0) and
	    (.help.text | length > 0) and (.help.markdown | length > 0) and
	    .name != .id)' "$AK_T/stream.sarif" >/dev/null; then
	ak_pass; else ak_fail "a rule or the driver lacks a description"; fi

case_ "a waived gap is a suppression with the waiver's reason"
run jq -c '[.runs[0].results[] | select(.suppressions) | .suppressions]' "$AK_T/stream.sarif"
expect_stdout '[[{"kind":"external","status":"accepted","justification":"the app launches in December"}]]'

case_ "relative locations are relative to %SRCROOT%"
run jq -r '[.runs[0].results[].locations[0].physicalLocation.artifactLocation // empty |
	"\(.uriBaseId) \(.uri)"] | unique | .[]' "$AK_T/stream.sarif"
expect_stdout '%SRCROOT% goals.csv
%SRCROOT% initiatives.csv
%SRCROOT% kpis.csv'
run jq -r '.runs[0].originalUriBaseIds | keys[]' "$AK_T/stream.sarif"
expect_stdout '%SRCROOT%'

# The example organisation as the weekly job sees it, with the gaps'
# fingerprints as partialFingerprints.
case_ "the example's weekly run: zero errors, gap-find's fingerprints"
run "cd '$AK_SRC' && goals-load examples/model | kpi-score --as-of 2026-11-23 --periods 4 |
	gap-find --as-of 2026-11-23 >'$AK_T/example.jsonl'; report-fmt -f sarif '$AK_T/example.jsonl'"
expect_status 0
cp "$AK_T/out" "$AK_T/example.sarif"
validate example
run "jq -r 'select(.kind == \"gap\") | .fingerprint' '$AK_T/example.jsonl' | sort"
cp "$AK_T/out" "$AK_T/want"
run "jq -r '.runs[0].results[].partialFingerprints.\"alignkitFingerprint/v1\"' '$AK_T/example.sarif' | sort"
if cmp -s "$AK_T/want" "$AK_T/out"; then ak_pass; else
	ak_fail "partialFingerprints are not the gaps' fingerprints"; fi

# Bad rows (error records and their invalid-record gaps), and a baseline:
# the results say new or unchanged; resolved findings are no results.
case_ "input errors and a baseline: zero errors, baselineState, no resolved result"
mkdir -p "$AK_T/model"
cp "$AK_SRC"/examples/model/*.csv "$AK_T/model/"
run "cd '$AK_T' && goals-load model | gap-find --as-of 2026-11-23 --gaps-only --only structure >base.jsonl;
	sed -i 's/^nps,\(.*\),up,45,/nps,\1,up,forty-five,/' model/kpis.csv
	sed -i 's/^I8,.*//' model/initiatives.csv
	sed -i '/,I8,/d' model/check-ins.csv
	goals-load --keep-going model 2>/dev/null | gap-find --as-of 2026-11-23 --baseline base.jsonl >now.jsonl;
	report-fmt -f sarif now.jsonl"
cp "$AK_T/out" "$AK_T/errors.sarif"
validate errors
run jq -r '[.runs[0].results[] | .baselineState // "none"] | unique | join(" ")' "$AK_T/errors.sarif"
expect_stdout "new unchanged"
run "jq -r 'select(.resolved) | .subject' '$AK_T/now.jsonl'"
expect_stdout "I8"
run jq '[.runs[0].results[] | select(.properties.subject == "I8")] | length' "$AK_T/errors.sarif"
expect_stdout 0

# A model outside the working directory: file:// URIs.
case_ "a model outside the working directory: file:// URIs, zero errors"
run "cd / && goals-load --keep-going '$AK_T/model' 2>/dev/null | gap-find --as-of 2026-11-23 --keep-going 2>/dev/null | report-fmt -f sarif"
cp "$AK_T/out" "$AK_T/outside.sarif"
validate outside
run "jq -r '[.runs[0].results[].locations[0].physicalLocation.artifactLocation // empty |
	select(.uriBaseId == null) | .uri | startswith(\"file://$AK_T/model/\")] | unique | .[]' '$AK_T/outside.sarif'"
expect_stdout true

finish

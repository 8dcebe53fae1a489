#!/bin/bash
# report-fmt's CI formats as the CI systems read them: JUnit valid under the
# schema of the format Jenkins and GitLab read (tests/data/ci/junit.xsd),
# names unique within a suite, waived gaps skipped with the waiver's expiry
# and reason; GitLab Code Quality with its documented fields and unique
# fingerprints, even for a stream holding a finding twice; GitHub
# annotations at most 10 errors and 10 warnings, the rest counted.
. "$(dirname "$0")/lib.bash"
: "${AK_SRC:?AK_SRC must name the source tree}"
xsd=$AK_DATA/ci/junit.xsd

# streams: the report-fmt test stream, the example's weekly run, and a
# model with bad rows and a baseline (new, unchanged and resolved gaps).
cp "$AK_DATA/report-fmt/stream.jsonl" "$AK_T/stream.jsonl"
(cd "$AK_SRC" && goals-load examples/model | kpi-score --as-of 2026-11-23 --periods 4 |
	gap-find --as-of 2026-11-23) >"$AK_T/example.jsonl"
mkdir -p "$AK_T/model"
cp "$AK_SRC"/examples/model/*.csv "$AK_T/model/"
(cd "$AK_T" && goals-load model | gap-find --as-of 2026-11-23 --gaps-only >base.jsonl
	sed -i 's/^nps,\(.*\),up,45,/nps,\1,up,forty-five,/; s/^reply-hours,/replyhours,/' model/kpis.csv
	sed -i 's/^I8,.*//' model/initiatives.csv
	goals-load --keep-going model 2>/dev/null |
		gap-find --as-of 2026-11-23 --baseline base.jsonl --keep-going 2>/dev/null) >"$AK_T/baseline.jsonl"
cat "$AK_T/example.jsonl" "$AK_T/example.jsonl" >"$AK_T/twice.jsonl"

case_ "the baseline stream has new, unchanged and resolved gaps"
run "grep -c '\"resolved\":true' '$AK_T/baseline.jsonl'; grep -c '\"new\":true' '$AK_T/baseline.jsonl'; grep -c '\"new\":false' '$AK_T/baseline.jsonl'"
if [ "$(sed -n 1p "$AK_T/out")" -gt 0 ] && [ "$(sed -n 2p "$AK_T/out")" -gt 0 ] &&
	[ "$(sed -n 3p "$AK_T/out")" -gt 0 ]; then ak_pass; else ak_fail "counts: $(tr '\n' ' ' <"$AK_T/out")"; fi

for s in stream example baseline twice; do
	case_ "junit of $s: valid under the schema, names unique within the suite"
	run report-fmt -f junit "$AK_T/$s.jsonl"
	expect_status 0
	cp "$AK_T/out" "$AK_T/$s.xml"
	run xmllint --noout --schema "$xsd" "$AK_T/$s.xml"
	expect_status 0
	run "xmllint --xpath '//testsuite/testcase/@name' '$AK_T/$s.xml' | sort | uniq -d"
	expect_empty_stdout

	case_ "codequality of $s: GitLab's fields, unique fingerprints"
	run report-fmt -f codequality "$AK_T/$s.jsonl"
	expect_status 0
	cp "$AK_T/out" "$AK_T/$s.cq.json"
	if jq -e 'type == "array" and length > 0 and
		([.[].fingerprint] | length) == ([.[].fingerprint] | unique | length) and
		all(.[]; (.description | type == "string" and length > 0) and
		    (.check_name | type == "string" and length > 0) and
		    (.fingerprint | type == "string" and length > 0) and
		    (.severity | IN("info", "minor", "major", "critical", "blocker")) and
		    (.location.path | type == "string" and length > 0) and
		    (.location.lines.begin | type == "number" and . >= 1))' \
		"$AK_T/$s.cq.json" >/dev/null; then ak_pass; else
		ak_fail "$s: not the Code Quality report GitLab documents"; fi
done

case_ "junit: a waived gap is skipped with the waiver's expiry and reason"
run xmllint --xpath 'string(//testcase[skipped]/skipped/@message)' "$AK_T/stream.xml"
expect_stdout "waived until 2026-12-31: the app launches in December"

case_ "junit: a resolved gap passes; only new and unchanged gaps are failures"
run xmllint --xpath 'count(//testcase[starts-with(system-out, "resolved: ")])' "$AK_T/baseline.xml"
expect_stdout "$(grep -c '"resolved":true' "$AK_T/baseline.jsonl")"

case_ "codequality: gap-find's fingerprints; resolved gaps are left to GitLab"
run "jq -r 'select(.kind == \"gap\" and (.resolved | not)) | .fingerprint' '$AK_T/baseline.jsonl' | sort"
cp "$AK_T/out" "$AK_T/want"
run "jq -r '.[] | select(.check_name != \"invalid-record\" or (.fingerprint | length) == 16) | .fingerprint' '$AK_T/baseline.cq.json' | sort"
if cmp -s "$AK_T/want" "$AK_T/out"; then ak_pass; else
	ak_fail "Code Quality fingerprints are not gap-find's"; diff "$AK_T/want" "$AK_T/out" | head -5 >&2; fi

# 25 unsupported goals (errors), 25 unmeasured (warnings), 25 unowned (info).
awk 'BEGIN { for (i = 1; i <= 25; i++)
	printf "{\"kind\":\"goal\",\"id\":\"G%02d\",\"title\":\"Goal %d\",\"src\":\"goals.csv:%d\"}\n", i, i, i + 1 }' \
	>"$AK_T/many.jsonl"
gap-find --as-of 2026-11-23 --ignore check-skipped "$AK_T/many.jsonl" >"$AK_T/many-gaps.jsonl"

case_ "github: 10 errors, 10 warnings, 9 notices and a notice counting the rest"
run report-fmt -f github "$AK_T/many-gaps.jsonl"
expect_status 0
run "report-fmt -f github '$AK_T/many-gaps.jsonl' | sed -E 's/^::([a-z]+) .*/\\1/' | sort | uniq -c | sed 's/^ *//'"
expect_stdout "10 error
10 notice
10 warning"
run "report-fmt -f github '$AK_T/many-gaps.jsonl' | tail -1"
expect_stdout "::notice title=alignkit::46 more findings not annotated (15 errors, 15 warnings, 16 notices): GitHub shows 10 of each kind; see the report for all"

case_ "github: no count when everything is shown"
run "report-fmt -f github '$AK_T/stream.jsonl' | grep -c 'more finding'"
expect_stdout 0

finish

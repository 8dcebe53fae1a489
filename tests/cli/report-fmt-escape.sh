# report-fmt: hostile input comes out inert in every format.  The stream
# holds a goal titled <script>alert(1)</script>, one titled
# =HYPERLINK("http://x","y"), terminal escapes (ESC [31m, an OSC title, a
# C1 CSI), a right-to-left override, quotes, newlines, CR LF, tabs, &, a
# message that tries to start a second GitHub workflow command, and file
# names with spaces.  Each format is checked for what would hurt there.
. "$(dirname "$0")/lib.bash"
cd "$AK_DATA/report-fmt" || exit 1
H=hostile.jsonl

ESC=$'\033'
C1=$'\xc2\x9b'          # U+009B, a one-character CSI on some terminals
RLO=$'\xe2\x80\xae'     # U+202E RIGHT-TO-LEFT OVERRIDE
BEL=$'\a'

# no_raw FILE: none of the bytes that drive a terminal or reorder text.
no_raw() {
	local f=$1 what
	for what in "$ESC" "$C1" "$RLO" "$BEL"; do
		if LC_ALL=C grep -qF -- "$what" "$f"; then
			ak_fail "raw control $(printf '%q' "$what") in $f"; return
		fi
	done
	if LC_ALL=C grep -q $'\r' "$f" && [ "${2:-}" != crlf ]; then
		ak_fail "raw carriage return in $f"; return
	fi
	ak_pass
}

for f in text markdown html csv junit sarif github codequality; do
	case_ "$f: hostile input is accepted"
	run report-fmt -f "$f" "$H"
	expect_status 0
	expect_empty_stderr
	cp "$AK_T/out" "$AK_T/h.$f"
	case_ "$f: no terminal escapes"
	no_raw "$AK_T/h.$f" $([ "$f" = csv ] && echo crlf)
done

case_ "text: escapes shown as ?"
grep -qF '?[31mred?[0m ?31m and ?evil' "$AK_T/h.text" && ak_pass || ak_fail "ESC not shown as ?"

case_ "text: a newline in a title does not start a line"
if grep -q '^new line' "$AK_T/h.text"; then ak_fail "newline kept"; else ak_pass; fi

case_ "html: no markup from the input"
for bad in '<script' '<img' '<b>bold' '<u>' '</th><script' 'javascript:alert(1)">'; do
	if grep -qiF -- "$bad" "$AK_T/h.html"; then ak_fail "html has $bad"; else ak_pass; fi
done
grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$AK_T/h.html" && ak_pass || ak_fail "title not escaped"
grep -qF 'data-kpi="@K1"' "$AK_T/h.html" && ak_pass || ak_fail "kpi id attribute"
grep -qF 'I&lt;1&gt;' "$AK_T/h.html" && ak_pass || ak_fail "initiative id not escaped"
# Only our own elements: the tags in the page are from a fixed set.
tags=$(grep -o '<[a-zA-Z!/][a-zA-Z0-9]*' "$AK_T/h.html" | tr -d '</!' | sort -u | tr '\n' ' ')
allowed=" DOCTYPE b body a circle desc div figcaption figure footer h1 h2 h3 head header html li line meta p polyline rect section span style svg table tbody td text th thead title tr ul "
for t in $tags; do
	case "$allowed" in *" $t "*) ak_pass ;; *) ak_fail "unexpected element <$t>" ;; esac
done

case_ "markdown: no HTML, links or emphasis from the input"
for bad in '<script' '<b>' '<u>' '[l](javascript' '*star*' '_u_' '$x$' 'http://x' 'www.example' ' @team'; do
	if grep -qF -- "$bad" "$AK_T/h.markdown"; then ak_fail "markdown has $bad"; else ak_pass; fi
done
grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$AK_T/h.markdown" && ak_pass || ak_fail "title not escaped"
grep -qF 'tab \| pipe' "$AK_T/h.markdown" && ak_pass || ak_fail "| not escaped"
# Every table row has as many cells as its header: no | broke out.
awk -F' \\| ' '/^\| --- /{n=NF} /^\| /&&n&&NF!=n&&!/^\| ---/{bad=1} /^$/{n=0} END{exit bad}' "$AK_T/h.markdown" \
	&& ak_pass || ak_fail "a table row has the wrong number of cells"

case_ "csv: no cell a spreadsheet would run as a formula"
for sec in kpis goals gaps errors matrix summary; do
	report-fmt -f csv --section "$sec" "$H" > "$AK_T/h.$sec.csv"
	mlr --icsv --ojson --allow-ragged-csv-input cat "$AK_T/h.$sec.csv" > "$AK_T/h.$sec.json" \
		|| { ak_fail "$sec csv does not parse"; continue; }
	# Header names and cells alike; numbers mlr parsed are numbers.
	bad=$( { head -1 "$AK_T/h.$sec.csv" | tr ',' '\n'; jq -r '.[] | .[] | strings' "$AK_T/h.$sec.json"; } \
		| grep -E $'^[=+@\t\r-]' || true)
	if [ -z "$bad" ]; then ak_pass; else ak_fail "$sec: formula cells: $bad"; fi
done
grep -qF '"'"'"'=HYPERLINK(""http://x"",""y"")"' "$AK_T/h.goals.csv" && ak_pass || ak_fail "HYPERLINK not guarded and quoted"
grep -qF "'-2+3" "$AK_T/h.goals.csv" && ak_pass || ak_fail "-2+3 not guarded"
grep -qF "'@K1" "$AK_T/h.kpis.csv" && ak_pass || ak_fail "@K1 not guarded"

case_ "junit: well-formed XML with the input as text"
xmllint --noout "$AK_T/h.junit" && ak_pass || ak_fail "xmllint rejects junit"
[ "$(xmllint --xpath 'count(//testcase)' "$AK_T/h.junit")" = 8 ] && ak_pass || ak_fail "testcase count"
[ "$(xmllint --xpath 'string(//testcase[@classname="alignkit.off-track-goal"]/failure/@message)' "$AK_T/h.junit")" \
	= 'goal H1 "<script>alert(1)</script>" is red ]]> <!-- & ?[31m' ] && ak_pass || ak_fail "failure message not round-tripped"
xmllint --noout "$AK_DATA/golden/report-fmt/stream.junit" && ak_pass || ak_fail "xmllint rejects golden junit"

case_ "sarif: valid JSON with the required fields"
for f in "$AK_T/h.sarif" "$AK_DATA/golden/report-fmt/stream.sarif"; do
	jq -e '
	  ."$schema" == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json"
	  and .version == "2.1.0"
	  and (.runs | length) == 1
	  and .runs[0].tool.driver.name == "alignkit"
	  and (.runs[0].tool.driver.version | type) == "string"
	  and (.runs[0].tool.driver.rules | all(.id and .shortDescription.text))
	  and (.runs[0].tool.driver.rules | map(.id) | . == (sort | unique))
	  and (.runs[0].tool.driver.rules as $r | .runs[0].results
	       | all(.ruleId and (.level | IN("error", "warning", "note"))
	             and (.message.text | type) == "string"
	             and $r[.ruleIndex].id == .ruleId
	             and (.partialFingerprints["alignkitFingerprint/v1"] | test("^[0-9a-f]{32}$"))))
	  and ([.runs[0].results[].partialFingerprints[]] | length == (unique | length))' "$f" >/dev/null \
		&& ak_pass || ak_fail "$f lacks SARIF fields"
done
[ "$(jq -r '.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri' "$AK_T/h.sarif")" = "hostile%20goals.csv" ] \
	&& ak_pass || ak_fail "uri not percent-encoded"
[ "$(jq -r '.runs[0].results[0].locations[0].physicalLocation.region.startLine' "$AK_T/h.sarif")" = 2 ] \
	&& ak_pass || ak_fail "startLine"

case_ "github: one command per line, nothing injected"
[ "$(wc -l < "$AK_T/h.github")" = 4 ] && ak_pass || ak_fail "expected 4 lines"
if grep -v '^::\(error\|warning\|notice\) ' "$AK_T/h.github" | grep -q .; then ak_fail "a line is not a command"; else ak_pass; fi
grep -qF '100%25 has no initiative%0A::error file=pwned.c,line=1::injected%0D%0Asecond' "$AK_T/h.github" \
	&& ak_pass || ak_fail "message not %-escaped"
grep -qF 'title=unowned (a%2Cb%3Ac)::=cmd %250A %2525 ,:' "$AK_T/h.github" \
	&& ak_pass || ak_fail "property not %-escaped"
grep -qF '::error file=hostile goals.csv,line=2,title=off-track-goal (H1)::' "$AK_T/h.github" \
	&& ak_pass || ak_fail "file and line"

case_ "codequality: valid GitLab Code Quality"
for f in "$AK_T/h.codequality" "$AK_DATA/golden/report-fmt/stream.codequality"; do
	jq -e 'type == "array" and length > 0 and all(
	         (.description | type) == "string" and (.check_name | type) == "string"
	         and (.fingerprint | test("^[0-9a-f]{32}$"))
	         and (.severity | IN("info", "minor", "major", "critical", "blocker"))
	         and (.location.path | type) == "string"
	         and (.location.lines.begin | type) == "number" and .location.lines.begin >= 1)
	       and (map(.fingerprint) | length == (unique | length))' "$f" >/dev/null \
		&& ak_pass || ak_fail "$f is not Code Quality"
done

case_ "fingerprints are stable when messages and lines change"
sed -e 's/has no owner/lacks an owner/' -e 's/initiatives.csv:4/initiatives.csv:40/' stream.jsonl > "$AK_T/edited.jsonl"
jq -r '.[] | .check_name + " " + .fingerprint' "$AK_DATA/golden/report-fmt/stream.codequality" | sort > "$AK_T/fp1"
report-fmt -f codequality "$AK_T/edited.jsonl" | jq -r '.[] | .check_name + " " + .fingerprint' | sort > "$AK_T/fp2"
cmp -s "$AK_T/fp1" "$AK_T/fp2" && ak_pass || ak_fail "fingerprints moved: $(diff "$AK_T/fp1" "$AK_T/fp2")"
jq -r '.runs[0].results[].partialFingerprints[]' "$AK_DATA/golden/report-fmt/stream.sarif" | sort > "$AK_T/sfp"
jq -r '.[].fingerprint' "$AK_DATA/golden/report-fmt/stream.codequality" | sort > "$AK_T/cfp"
cmp -s "$AK_T/sfp" "$AK_T/cfp" && ak_pass || ak_fail "sarif and codequality fingerprints differ"

case_ "waived gaps do not fail CI formats"
[ "$(xmllint --xpath 'count(//testcase[@classname="alignkit.stale-kpi"]/skipped)' "$AK_DATA/golden/report-fmt/stream.junit")" = 1 ] \
	&& ak_pass || ak_fail "junit: waived gap not skipped"
[ "$(jq '[.runs[0].results[] | select(.suppressions)] | length' "$AK_DATA/golden/report-fmt/stream.sarif")" = 1 ] \
	&& ak_pass || ak_fail "sarif: waived gap not suppressed"
grep -qF '::notice file=kpis.csv,line=5,title=waived stale-kpi (K4)::' "$AK_DATA/golden/report-fmt/stream.github" \
	&& ak_pass || ak_fail "github: waived gap not a notice"
[ "$(jq -r '.[] | select(.check_name == "stale-kpi") | .severity' "$AK_DATA/golden/report-fmt/stream.codequality")" = info ] \
	&& ak_pass || ak_fail "codequality: waived gap not info"

finish

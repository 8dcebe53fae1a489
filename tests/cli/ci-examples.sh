# examples/ci/: runs the check that the GitHub Actions workflow and the
# GitLab CI job run, taken from the files themselves, and validates what
# each hands to its CI system: exit status, annotations, SARIF, JUnit, Code
# Quality.
. "$(dirname "$0")/lib.bash"
: "${AK_SRC:?AK_SRC must name the source tree}"
github=$AK_SRC/examples/ci/github-alignkit.yml
gitlab=$AK_SRC/examples/ci/gitlab-ci.yml

# block FILE: the commands from "# >>> alignkit check" to
# "# <<< alignkit check", without the YAML indentation.
block() {
	awk '/# >>> alignkit check$/ { match($0, /^ */); n = RLENGTH; on = 1 }
	     on { print substr($0, n + 1) }
	     /# <<< alignkit check$/ { on = 0 }' "$1"
}
block "$github" >"$AK_T/github.sh"
block "$gitlab" >"$AK_T/gitlab.sh"

case_ "both files run one check, in blocks of their own"
run grep -c '^goals-load --keep-going -- "$ALIGNKIT_MODEL"' "$AK_T/github.sh" "$AK_T/gitlab.sh"
expect_stdout "$AK_T/github.sh:1
$AK_T/gitlab.sh:1"
# The two blocks differ only in the reports each CI system reads.
run "diff '$AK_T/github.sh' '$AK_T/gitlab.sh' | grep '^[<>]'"
expect_stdout '< report-fmt -f github alignkit.jsonl
< report-fmt -f sarif -o alignkit.sarif alignkit.jsonl
> report-fmt -f text --no-color --section summary,gaps,errors alignkit.jsonl
> report-fmt -f junit -o alignkit-junit.xml alignkit.jsonl
> report-fmt -f codequality -o gl-code-quality-report.json alignkit.jsonl
< report-fmt -f markdown alignkit.jsonl >>"$GITHUB_STEP_SUMMARY"'

case_ "the files hand the CI systems the reports the check writes"
run grep -F "sarif_file: alignkit.sarif" "$github"
expect_status 0
run grep -F "uses: github/codeql-action/upload-sarif@v3" "$github"
expect_status 0
run grep -F "security-events: write" "$github"
expect_status 0
run grep -F "junit: alignkit-junit.xml" "$gitlab"
expect_status 0
run grep -F "codequality: gl-code-quality-report.json" "$gitlab"
expect_status 0
run grep -F "when: always" "$gitlab"
expect_status 0

# ci NAME DIR: runs the NAME check in the repository DIR as the CI systems
# run a script step (bash, -e, pipefail), with the model in DIR/model.
# AK_CI_SHELL="sh -e" runs it as a runner without bash would.
ci() {
	(cd "$2" && ALIGNKIT_MODEL=model ALIGNKIT_AS_OF=2026-11-23 \
		GITHUB_STEP_SUMMARY="$2/step-summary.md" \
		${AK_CI_SHELL:-bash --noprofile --norc -eo pipefail} "$AK_T/$1.sh") \
		>"$AK_T/out" 2>"$AK_T/err" </dev/null
	ak_status=$?
}

# gaps DIR: the number of gap records the check found.
gaps() { grep -c '^{"kind":"gap",' "$1/alignkit.jsonl"; }

# expect_count N WHAT: N findings were reported as WHAT, one per gap.
expect_count() {
	if [ "$1" -eq "$(gaps "$dir")" ]; then ak_pass; else
		ak_fail "$1 $2 for $(gaps "$dir") gaps"; fi
}

# expect_lines_exist DIR: each "FILE<TAB>LINE" of $AK_T/locations names a
# line of a file in DIR.
expect_lines_exist() {
	local file line bad=0
	while IFS=$'\t' read -r file line; do
		case $file in /*|'') bad=1; ak_fail "location '$file' is not relative"; continue ;; esac
		if [ ! -f "$1/$file" ] || [ "$line" -lt 1 ] ||
			[ "$line" -gt "$(wc -l <"$1/$file")" ]; then
			bad=1; ak_fail "location $file:$line names no line"
		fi
	done <"$AK_T/locations"
	[ "$bad" -eq 1 ] || ak_pass
}

# expect_github DIR: stdout holds a workflow command per gap, each on a
# line of the model, at most 10 of each kind (what GitHub shows of a step)
# and a notice counting the rest; a gap without a place is a plain notice.
expect_github() {
	local dir=$1 rest
	rest=$(sed -n -E 's/^::notice title=alignkit::([0-9]+) more findings? not annotated .*/\1/p' "$AK_T/out")
	grep -v ' more findings\? not annotated ' "$AK_T/out" >"$AK_T/shown"
	expect_count "$(($(grep -c . "$AK_T/shown") + ${rest:-0}))" "annotations and counted ones"
	for k in error warning notice; do
		if [ "$(grep -c "^::$k " "$AK_T/shown")" -le 10 ]; then ak_pass; else
			ak_fail "more than 10 $k annotations"; fi
	done
	if grep -v -E '^::(error|warning|notice) file=[^,:]+,line=[0-9]+,title=[^:]+::.+$' "$AK_T/shown" |
		grep -v -E '^::notice title=[^:]+::.+$' >"$AK_T/bad"; then
		ak_fail "malformed annotations:"; head -5 "$AK_T/bad" >&2; else ak_pass; fi
	grep '^::[a-z]* file=' "$AK_T/shown" |
		sed -E 's/^::[a-z]+ file=([^,]+),line=([0-9]+),.*/\1\t\2/' >"$AK_T/locations"
	expect_lines_exist "$1"
}

# expect_sarif DIR: DIR/alignkit.sarif is SARIF 2.1.0 with one result per
# gap, each under a rule of the file and located on a line of the model.
expect_sarif() {
	local f=$1/alignkit.sarif dir=$1
	expect_count "$(jq '.runs[0].results | length' "$f")" "SARIF results"
	if jq -e '
		.version == "2.1.0" and
		(."$schema" | endswith("sarif-schema-2.1.0.json")) and
		(.runs | length) == 1 and
		.runs[0].tool.driver.name == "alignkit" and
		([.runs[0].tool.driver.rules[].id] as $ids |
		 all(.runs[0].results[];
		     .ruleId as $r | ($ids | index($r)) != null and
		     $ids[.ruleIndex] == $r)) and
		all(.runs[0].results[];
		    (.level | IN("error", "warning", "note")) and
		    (.message.text | length > 0) and
		    (.partialFingerprints | length > 0))' "$f" >/dev/null; then
		ak_pass; else ak_fail "$f is not the SARIF expected"; fi
	jq -r '.runs[0].results[].locations[0].physicalLocation |
		"\(.artifactLocation.uri)\t\(.region.startLine)"' "$f" >"$AK_T/locations"
	expect_lines_exist "$1"
}

# expect_junit DIR: DIR/alignkit-junit.xml is well-formed and has one
# failure per gap.
expect_junit() {
	local f=$1/alignkit-junit.xml n dir=$1
	if xmllint --noout "$f" 2>"$AK_T/xerr"; then ak_pass; else
		ak_fail "$f is not well-formed:"; head -5 "$AK_T/xerr" >&2; fi
	n=$(xmllint --xpath 'count(//testcase/failure)' "$f")
	expect_count "$n" "JUnit failures"
	if [ "$(xmllint --xpath 'string(/testsuites/@failures)' "$f")" -eq "$n" ]; then
		ak_pass; else ak_fail "$f: the failures attribute does not count $n failures"; fi
	: >"$AK_T/locations"
	for i in $(seq "$n"); do
		printf '%s\t%s\n' \
			"$(xmllint --xpath "string((//testcase[failure])[$i]/@file)" "$f")" \
			"$(xmllint --xpath "string((//testcase[failure])[$i]/@line)" "$f")"
	done >"$AK_T/locations"
	expect_lines_exist "$1"
}

# expect_codequality DIR: DIR/gl-code-quality-report.json is GitLab Code
# Quality: one issue per gap, distinct fingerprints, known severities.
expect_codequality() {
	local f=$1/gl-code-quality-report.json dir=$1
	expect_count "$(jq length "$f")" "Code Quality issues"
	expect_count "$(jq '[.[].fingerprint] | unique | length' "$f")" \
		"distinct Code Quality fingerprints"
	if jq -e '
		type == "array" and
		all(.[];
		    (.description | length > 0) and (.check_name | length > 0) and
		    (.severity | IN("info", "minor", "major", "critical", "blocker")) and
		    (.location.lines.begin | type == "number"))' "$f" >/dev/null; then
		ak_pass; else ak_fail "$f is not the Code Quality report expected"; fi
	jq -r '.[].location | "\(.path)\t\(.lines.begin)"' "$f" >"$AK_T/locations"
	expect_lines_exist "$1"
}

repo=$AK_T/repo
mkdir -p "$repo"
cp -r "$AK_SRC/examples/model" "$repo/model"

case_ "github: the example model's gaps fail the job"
ci github "$repo"
expect_status 1
expect_empty_stderr
expect_stdout_has "::error file=model/initiatives.csv,line=9,title=orphan-initiative (I8)::initiative I8"
expect_github "$repo"
expect_sarif "$repo"
run report-fmt -f markdown "$repo/alignkit.jsonl"
if cmp -s "$AK_T/out" "$repo/step-summary.md"; then ak_pass; else
	ak_fail "the job summary is not the markdown report"; fi
run xmllint --html --noout "$repo/alignkit.html"
expect_status 0

case_ "gitlab: the example model's gaps fail the job"
ci gitlab "$repo"
expect_status 1
expect_empty_stderr
expect_stdout_has "orphan-initiative"
expect_junit "$repo"
expect_codequality "$repo"

case_ "gitlab: a runner without bash runs the check the same"
cp "$repo/alignkit-junit.xml" "$AK_T/junit.bash"
AK_CI_SHELL="sh -e" ci gitlab "$repo"
expect_status 1
expect_empty_stderr
run cmp "$AK_T/junit.bash" "$repo/alignkit-junit.xml"
expect_status 0

case_ "a bad row fails the job on its own line"
# report-fmt lists the error record once: gap-find's invalid-record gap for
# it stands for both.
sed 's/^nps,\(.*\),up,45,/nps,\1,up,forty-five,/' "$AK_SRC/examples/model/kpis.csv" >"$repo/model/kpis.csv"
ci github "$repo"
expect_status 2
expect_stderr 'goals-load: model/kpis.csv:9: kpi nps: field target: "forty-five" is not a number'
expect_stdout_has '::error file=model/kpis.csv,line=9,title=invalid-record'
expect_github "$repo"
expect_sarif "$repo"
run "jq -r '.runs[0].results[] | select(.ruleId == \"invalid-record\") |
	.locations[0].physicalLocation | \"\\(.artifactLocation.uri):\\(.region.startLine)\"' '$repo/alignkit.sarif' | sort -u"
expect_stdout "model/kpis.csv:9"
ci gitlab "$repo"
expect_status 2
expect_junit "$repo"
expect_codequality "$repo"
run "jq -r '.[] | select(.check_name == \"invalid-record\") | \"\\(.location.path):\\(.location.lines.begin)\"' '$repo/gl-code-quality-report.json' | sort -u"
expect_stdout "model/kpis.csv:9"

case_ "a model without errors passes, its warnings still reported"
clean=$AK_T/clean
mkdir -p "$clean/model"
cat >"$clean/model/goals.csv" <<'EOF'
id,title,owner,due
G1,Answer every customer within a day,Lena Brandt,2027-06-30
EOF
cat >"$clean/model/initiatives.csv" <<'EOF'
id,title,supports,owner,sponsor,budget,start,end
I1,Unified support inbox,G1,Chris Osei,Lena Brandt,80000,2026-09-01,2027-03-31
EOF
cat >"$clean/model/kpis.csv" <<'EOF'
id,name,measures,direction,target,aggregate,business_owner,it_owner
reply-hours,Median first reply,G1,down,24,last,Lena Brandt,Chris Osei
backlog,Open tickets,I1,down,100,last,Lena Brandt,
EOF
cat >"$clean/model/measurements.csv" <<'EOF'
kpi,at,value
reply-hours,2026-11-06,22
reply-hours,2026-11-13,20
reply-hours,2026-11-20,18
backlog,2026-11-20,90
EOF
cat >"$clean/model/check-ins.csv" <<'EOF'
subject,at,confidence,by
I1,2026-11-16,on-track,Lena Brandt
I1,2026-11-17,on-track,Chris Osei
EOF
ci github "$clean"
expect_status 0
expect_empty_stderr
expect_stdout "::warning file=model/kpis.csv,line=3,title=one-sided-kpi (backlog)::kpi backlog \"Open tickets\" has no it_owner; agree it with the it owner who delivers the work it measures"
expect_sarif "$clean"
ci gitlab "$clean"
expect_status 0
expect_junit "$clean"
expect_codequality "$clean"
# The change jobs: run on pull and merge requests, against the gaps of the
# target branch, from the blocks "# >>> alignkit change" of the files.
change_block() {
	awk '/# >>> alignkit change$/ { match($0, /^ */); n = RLENGTH; on = 1 }
	     on { print substr($0, n + 1) }
	     /# <<< alignkit change$/ { on = 0 }' "$1"
}
change_block "$github" >"$AK_T/github-change.sh"
change_block "$gitlab" >"$AK_T/gitlab-change.sh"

case_ "the change jobs run on requests, the full jobs on the others"
run python3 -c '
import sys, yaml
gh = yaml.safe_load(open(sys.argv[1]))
gl = yaml.safe_load(open(sys.argv[2]))
on = gh.get("on", gh.get(True))
print(sorted(on), gh["jobs"]["change"]["if"], gh["jobs"]["alignment"]["if"])
print([r["if"] for r in gl["alignkit-change"]["rules"]],
      [r["if"] for r in gl["alignkit"]["rules"]])
for job in (gh["jobs"]["change"], gh["jobs"]["alignment"]):
    print([s.get("uses", s.get("name")) for s in job["steps"]])
' "$github" "$gitlab"
expect_status 0
expect_stdout "['pull_request', 'push', 'schedule', 'workflow_dispatch'] github.event_name == 'pull_request' github.event_name != 'pull_request'
['\$CI_PIPELINE_SOURCE == \"merge_request_event\"'] ['\$CI_PIPELINE_SOURCE == \"schedule\"', '\$CI_COMMIT_BRANCH']
['actions/checkout@v4', 'Build and install alignkit', 'Check the change', 'github/codeql-action/upload-sarif@v3']
['actions/checkout@v4', 'Build and install alignkit', 'Check the model', 'github/codeql-action/upload-sarif@v3', 'actions/upload-artifact@v4']"
run grep -c -- '--only data,structure ' "$AK_T/github-change.sh" "$AK_T/gitlab-change.sh"
expect_stdout "$AK_T/github-change.sh:2
$AK_T/gitlab-change.sh:2"
run grep -c -- 'kpi-score' "$AK_T/github-change.sh" "$AK_T/gitlab-change.sh"
expect_stdout "$AK_T/github-change.sh:0
$AK_T/gitlab-change.sh:0"

# A repository whose main branch holds the example model, as the runner
# checks it out: a clone, so that origin/main is the target branch.
export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@alignkit.invalid \
	GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@alignkit.invalid
upstream=$AK_T/upstream
git init -q -b main "$upstream"
cp -R "$AK_SRC/examples/model" "$upstream/model"
git -C "$upstream" add model && git -C "$upstream" commit -q -m model

# request NAME EDIT: clones the upstream into a fresh $req, applies the
# shell command EDIT in it on a branch and commits it, then runs the NAME
# change job there as the CI system would.
request() {
	req=$AK_T/req-$1-$((++nreq))
	git clone -q "$upstream" "$req"
	(cd "$req" && git checkout -q -b change && eval "$2" &&
		git commit -q -a --allow-empty -m change)
	(cd "$req" && ALIGNKIT_MODEL=model ALIGNKIT_AS_OF=2026-11-23 \
		GITHUB_BASE_REF=main CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main \
		GITHUB_STEP_SUMMARY="$req/step-summary.md" \
		${AK_CI_SHELL:-bash --noprofile --norc -eo pipefail} "$AK_T/$1-change.sh") \
		>"$AK_T/out" 2>"$AK_T/err" </dev/null
	ak_status=$?
}
nreq=0
add_kpi='echo "new-kpi,New KPI,G1,up,10,,,,,,,,,last,,week,,,,Dana Whitfield," >>model/kpis.csv'
# online-revenue falls to 1000 USD a channel in its last two weeks: red.
red_kpi="sed -i 's/^online-revenue,2026-11-\\(15\\|22\\),[0-9]*/online-revenue,2026-11-\\1,1000/' model/measurements.csv"

for ci_name in github gitlab; do
	case_ "$ci_name change: the target branch's own gaps pass"
	request "$ci_name" :
	expect_status 0
	expect_empty_stderr
	if [ "$(git -C "$req" worktree list | wc -l)" -eq 1 ]; then ak_pass; else
		ak_fail "the target branch's worktree is left behind"; fi

	case_ "$ci_name change: a KPI without an IT owner fails it, named"
	request "$ci_name" "$add_kpi"
	expect_status 1
	if grep -q 'one-sided-kpi.*new-kpi' "$AK_T/out"; then ak_pass; else
		ak_fail "the new gap is not named:"; cat "$AK_T/out" >&2; fi
	run grep -c '"type":"one-sided-kpi"' "$req/alignkit.jsonl"
	expect_stdout 2

	case_ "$ci_name change: a KPI turning red passes it"
	request "$ci_name" "$red_kpi"
	expect_status 0
	run grep -c '"type":"off-target"' "$req/alignkit.jsonl"
	expect_stdout 0
done

case_ "github change: annotations and SARIF for code scanning"
request github "$add_kpi"
cp "$AK_T/out" "$AK_T/annotations"
expect_sarif "$req"
run grep -c '^::error file=model/kpis.csv,line=[0-9]*,title=one-sided-kpi (new-kpi)::' "$AK_T/annotations"
expect_stdout 1

case_ "gitlab change: Code Quality for the merge request"
request gitlab "$add_kpi"
run jq -r '.[] | select(.check_name == "one-sided-kpi") | .location.path' "$req/gl-code-quality-report.json"
expect_stdout "model/kpis.csv
model/kpis.csv"

case_ "gitlab change: a runner without bash runs it the same"
AK_CI_SHELL="sh -e" request gitlab "$add_kpi"
expect_status 1

case_ "weekly: the red KPI the change let pass is reported, summary and report written"
request github "$red_kpi"
(cd "$req" && ALIGNKIT_MODEL=model ALIGNKIT_AS_OF=2026-11-23 \
	GITHUB_STEP_SUMMARY="$req/step-summary.md" \
	bash --noprofile --norc -eo pipefail "$AK_T/github.sh") >"$AK_T/out" 2>"$AK_T/err" </dev/null
ak_status=$?
expect_status 1
run grep -c '"type":"off-target","severity":"[a-z]*","subject":"online-revenue"' "$req/alignkit.jsonl"
expect_stdout 1
if grep -q 'online-revenue' "$req/step-summary.md"; then ak_pass; else
	ak_fail "the step summary does not name online-revenue"; fi
run xmllint --html --noout "$req/alignkit.html"
expect_status 0
# The weekly job alone runs the checkins group; the change job never does.
run grep -c '"type":"owner-disagreement"' "$req/alignkit.jsonl"
expect_stdout 1
request github :
run grep -c '"type":"\(owner-disagreement\|missing-checkin\|status-discrepancy\|check-skipped\)"' "$req/alignkit.jsonl"
expect_stdout 0
# goals_model DIR N: a model of N goals without initiatives or KPIs, so
# N unsupported-goal, unmeasured-goal and unowned gaps, scanned into
# DIR/alignkit.jsonl.
goals_model() {
	mkdir -p "$1"
	awk -v n="$2" 'BEGIN { print "id,title"; for (i = 1; i <= n; i++) print "G" i ",Goal " i }' \
		>"$1/goals.csv"
	(cd "$1" && goals-load goals.csv | gap-find --as-of 2026-11-23 --fail-on never) \
		>"$1/alignkit.jsonl"
}

case_ "gaps section: at most 50 of each type, then how many more and where"
goals_model "$AK_T/g60" 60
run report-fmt -f markdown --section gaps "$AK_T/g60/alignkit.jsonl"
expect_status 0
expect_golden ci-gaps-bounded.md
run report-fmt -f csv --section gaps "$AK_T/g60/alignkit.jsonl"
expect_status 0
run "report-fmt -f csv --section gaps '$AK_T/g60/alignkit.jsonl' | grep -c ',unsupported-goal,'"
expect_stdout 60
for f in text html; do
	run "report-fmt -f $f --section gaps '$AK_T/g60/alignkit.jsonl' | grep -c '10 more unsupported-goal gaps not shown'"
	expect_stdout 1
done

# The step summary: GitHub takes 1 MiB of it.
for n in 5000 50000; do
	case_ "gaps section: $n unsupported goals stay under 1 MiB of Markdown"
	goals_model "$AK_T/g$n" "$n"
	run "report-fmt -f markdown --section summary,gaps,errors '$AK_T/g$n/alignkit.jsonl' | wc -c"
	expect_status 0
	if [ "$(cat "$AK_T/out")" -lt 1048576 ]; then ak_pass; else
		ak_fail "$(cat "$AK_T/out") bytes of Markdown for $n goals"; fi
	run "report-fmt -f markdown --section gaps '$AK_T/g$n/alignkit.jsonl' | grep -c '^| error | unsupported-goal | G'"
	expect_stdout 50
done
# The whole report, as the full job writes it into the step summary, for
# the 5,000 unsupported goals that once made 3.4 MB of it.
case_ "step summary: the whole Markdown report of 5000 unsupported goals stays under 1 MiB"
run "report-fmt -f markdown '$AK_T/g5000/alignkit.jsonl' | wc -c"
expect_status 0
if [ "$(cat "$AK_T/out")" -lt 1048576 ]; then ak_pass; else
	ak_fail "$(cat "$AK_T/out") bytes of Markdown for 5000 goals"; fi
finish

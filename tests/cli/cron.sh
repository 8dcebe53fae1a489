# examples/cron/weekly-rollup.sh: consecutive weeks publish dated reports,
# an index and a history; a week run twice changes nothing; a failed run
# publishes nothing and leaves the previous reports as they were.
. "$(dirname "$0")/lib.bash"
: "${AK_SRC:?AK_SRC must name the source tree}"
job=$AK_SRC/examples/cron/weekly-rollup.sh
model=$AK_SRC/examples/model

# The job runs from a directory with odd names: spaces, quotes, a dollar
# sign, and a reports directory whose name starts with a dash.
cd "$AK_T" || exit 2
m="model dir 'q' \$x"
d="exports \"2026\""
r="-published reports"
export m d r
mkdir "$m" "$d"
cp "$model/goals.csv" "$model/initiatives.csv" "$model/kpis.csv" "$model/targets.csv" "$m/"
cp "$model/measurements.csv" "$model/weekly-measurements.csv" \
	"$model/check-ins.csv" "$d/"

# snapshot NAME: copies the reports directory, hidden files too.
snapshot() { rm -rf "$AK_T/snap-$1"; cp -a -- "$r" "$AK_T/snap-$1"; }
# unchanged NAME: the reports directory equals snapshot NAME exactly.
unchanged() {
	if diff -r -- "$AK_T/snap-$1" "$r" >"$AK_T/diff" 2>&1; then ak_pass; else
		ak_fail "reports changed since snapshot $1:"; head -20 "$AK_T/diff" >&2; fi
}
# file_is NAME: "$r/NAME" equals golden cron/NAME.
file_is() {
	cp -- "$r/$1" "$AK_T/out"
	expect_golden "cron/$1"
}

case_ "three consecutive weeks publish"
for as_of in 2026-11-09 2026-11-16 2026-11-23; do
	run "$job" --as-of "$as_of" -- "$m" "$d" "$r"
	expect_status 0
	expect_empty_stderr
	expect_empty_stdout
done
run ls -A -- "$r"
expect_stdout "2026-W45.html
2026-W45.jsonl
2026-W45.md
2026-W46.html
2026-W46.jsonl
2026-W46.md
2026-W47.html
2026-W47.jsonl
2026-W47.md
history.html
history.jsonl
history.md
index.html
index.md
weeks.tsv"

case_ "the history view shows each goal over the three weeks"
file_is history.md
run 'xmllint --html --xpath "count(//section[@id=\"history\"]//figure[@class=\"course\"])" "./$r/history.html" 2>/dev/null'
expect_stdout 3
run 'xmllint --html --xpath "count((//figure[@class=\"course\"])[1]//*[local-name()=\"circle\"])" "./$r/history.html" 2>/dev/null'
expect_stdout 3
grep -q 'href="history.html"' -- "$r/index.html" && ak_pass || ak_fail "index.html does not link the history"
grep -qF '[history](history.html)' -- "$r/index.md" && ak_pass || ak_fail "index.md does not link the history"

# One period a run: a week's HTML has its own rollups only, the history its
# earlier weeks; the first week has no history yet, so no history section.
case_ "the week's HTML charts its goals on the history, up to its week"
for as_of in 2026-11-09 2026-11-16 2026-11-23; do
	run "$job" --periods 1 --as-of "$as_of" -- "$m" "$d" "$AK_T/one-period"
	expect_status 0
done
for w in 45:0 46:2 47:3; do
	run xmllint --html --xpath 'count((//section[@id="history"]//figure[@class="course"])[1]//*[local-name()="circle"])' "$AK_T/one-period/2026-W${w%:*}.html"
	expect_stdout "${w#*:}"
done

case_ "the week's reports say who sees it differently: the check-ins"
if grep -q '^## Check-ins$' -- "$r/2026-W47.md" &&
	grep -q '^| I1 | .*Tomás Rivera (sponsor): Launch slipping' -- "$r/2026-W47.md"; then
	ak_pass; else ak_fail "2026-W47.md has no check-ins of I1"; fi
run 'grep -c "\"type\":\"owner-disagreement\"" -- "$r/2026-W47.jsonl"'
expect_stdout 1

case_ "the index lists every week, newest first, with its summary"
file_is weeks.tsv
file_is index.md
file_is index.html
run 'xmllint --html --noout "./$r/index.html"'
expect_status 0
expect_empty_stderr

case_ "the history holds every week's rollups, oldest first"
file_is history.jsonl
run 'cut -d, -f1-4 -- "$r/history.jsonl" | sort | uniq -d'
expect_empty_stdout

case_ "a published week is the pipeline's output, whole"
run 'goals-load -- "$m" "$d" | kpi-score --as-of 2026-11-23 --periods 4 | gap-find --as-of 2026-11-23 --fail-on never'
expect_status 0
if cmp -s "$AK_T/out" "./$r/2026-W47.jsonl"; then ak_pass; else
	ak_fail "2026-W47.jsonl is not the pipeline's output"; fi
run report-fmt -f markdown --title "Alignment report 2026-W47 (2026-11-16 to 2026-11-22)" "./$r/2026-W47.jsonl"
expect_status 0
if cmp -s "$AK_T/out" "./$r/2026-W47.md"; then ak_pass; else
	ak_fail "2026-W47.md is not report-fmt's markdown"; fi
run report-fmt -f html --title "Alignment report 2026-W47 (2026-11-16 to 2026-11-22)" "./$r/2026-W47.jsonl"
if cmp -s "$AK_T/out" "./$r/2026-W47.html"; then ak_pass; else
	ak_fail "2026-W47.html is not report-fmt's html"; fi
expect_stdout_has "<title>Alignment report 2026-W47 (2026-11-16 to 2026-11-22)</title>"

case_ "a week run again, out of order, changes nothing"
snapshot three
run "$job" --as-of 2026-11-16 -- "$m" "$d" "$r"
expect_status 0
expect_empty_stderr
unchanged three

case_ "any day reports the last week that ended by then"
for as_of in 2026-11-24 2026-11-28; do
	run "$job" --as-of "$as_of" -- "$m" "$d" "$AK_T/other"
	expect_status 0
	run head -1 "$AK_T/other/weeks.tsv"
	expect_stdout_has "2026-W47	$as_of	"
	rm -rf "$AK_T/other"
done
for as_of in 2026-11-22 2026-11-29; do
	rm -rf "$AK_T/other"
	run "$job" --as-of "$as_of" -- "$m" "$d" "$AK_T/other"
	run cut -f1-2 "$AK_T/other/weeks.tsv"
	case $as_of in
	2026-11-22) expect_stdout "2026-W47	$as_of" ;;
	*) expect_stdout "2026-W48	$as_of" ;;
	esac
done

case_ "--waivers: a waived gap does not count as found"
printf 'type,subject,until,reason\norphan-initiative,I8,2027-01-31,mail migration ends in January\n' >"$AK_T/waivers.csv"
run "$job" --as-of 2026-11-23 --waivers "$AK_T/waivers.csv" -- "$m" "$d" "$AK_T/waived"
expect_status 0
run grep -c '"type":"orphan-initiative","severity":"error","subject":"I8",.*"waived":true' "$AK_T/waived/2026-W47.jsonl"
expect_stdout 1
run cut -f7- "$AK_T/waived/weeks.tsv"
expect_stdout "5	23	0"

case_ "a broken input publishes nothing"
cp "$m/kpis.csv" "$AK_T/kpis.good"
sed 's/^nps,\(.*\),up,45,/nps,\1,up,forty-five,/' "$AK_T/kpis.good" >"$m/kpis.csv"
run "$job" --as-of 2026-11-30 -- "$m" "$d" "$r"
expect_status 2
expect_stderr "goals-load: $m/kpis.csv:9: kpi nps: field target: \"forty-five\" is not a number
weekly-rollup.sh: goals-load failed (exit status 2); nothing published for 2026-W48"
unchanged three
cp "$AK_T/kpis.good" "$m/kpis.csv"

case_ "a report that fails half-written is not published"
# A report-fmt that writes half a report, then fails.
mkdir "$AK_T/fake bin"
cat >"$AK_T/fake bin/report-fmt" <<'EOF'
#!/bin/sh
while [ $# -gt 0 ]; do
	case $1 in -o) out=$2; shift ;; esac
	shift
done
printf '<!DOCTYPE html>\n<html><body><h1>Alignm' >"$out"
echo "report-fmt: write error: No space left on device" >&2
exit 2
EOF
chmod +x "$AK_T/fake bin/report-fmt"
ALIGNKIT_BIN="$AK_T/fake bin" run "$job" --as-of 2026-11-30 -- "$m" "$d" "$r"
expect_status 2
expect_stderr "report-fmt: write error: No space left on device
weekly-rollup.sh: report-fmt -f html failed (exit status 2); nothing published for 2026-W48"
unchanged three

# A run held at goals-load: a goals-load that says so, then waits for
# $AK_T/go to be written.  held_run starts it and waits until it holds.
mkdir "$AK_T/held bin"
cat >"$AK_T/held bin/goals-load" <<'EOF'
#!/bin/sh
echo held >"$AK_T/held"
read -r _ <"$AK_T/go"
exit 2
EOF
chmod +x "$AK_T/held bin/goals-load"
for t in kpi-score gap-find report-fmt; do ln -s "$AK_BIN/$t" "$AK_T/held bin/$t"; done
held_run() {
	rm -f "$AK_T/held" "$AK_T/go"
	mkfifo "$AK_T/go"
	AK_T=$AK_T ALIGNKIT_BIN="$AK_T/held bin" "$job" --as-of 2026-11-30 -- "$m" "$d" "$r" \
		>/dev/null 2>"$AK_T/held.err" &
	held_pid=$!
	for _ in $(seq 200); do [ -e "$AK_T/held" ] && break; sleep 0.05; done
}
lock=./$r/.weekly-rollup.lock

case_ "a live run's lock stops another run, naming the process"
held_run
run "$job" --as-of 2026-11-30 -- "$m" "$d" "$r"
expect_status 2
expect_stderr "weekly-rollup.sh: $lock: another run (process $held_pid on $(uname -n)) is going; nothing published for 2026-W48"
run readlink -- "$lock"
expect_stdout_has "$(uname -n) $held_pid "
# The held run, ended by SIGTERM, removes its lock and publishes nothing.
kill -TERM "$held_pid"
echo go >"$AK_T/go"
wait "$held_pid"
[ ! -e "$lock" ] && [ ! -L "$lock" ] && ak_pass || ak_fail "SIGTERM left the lock"
unchanged three

case_ "a killed run's lock is taken over, with a warning"
held_run
kill -KILL "$held_pid"
wait "$held_pid" 2>/dev/null
echo go >"$AK_T/go"
[ -L "$lock" ] && ak_pass || ak_fail "the killed run left no lock to take over"
run "$job" --as-of 2026-11-23 -- "$m" "$d" "$r"
expect_status 0
expect_stderr "weekly-rollup.sh: warning: $lock: process $held_pid on $(uname -n) is no longer running: taking its lock over"
[ ! -e "$lock" ] && [ ! -L "$lock" ] && ak_pass || ak_fail "the lock stayed after the run"
# and the killed run's work directory is gone (unchanged below).
unchanged three

case_ "a lock whose PID lives on in another process is taken over"
# This shell's PID, with a start time that is not its own.
ln -s -- "$(uname -n) $$ 1" "$r/.weekly-rollup.lock"
run "$job" --as-of 2026-11-23 -- "$m" "$d" "$r"
expect_status 0
expect_stderr "weekly-rollup.sh: warning: $lock: process $$ on $(uname -n) is no longer running: taking its lock over"
unchanged three

case_ "another machine's lock stops the run: its process cannot be seen"
ln -s -- "elsewhere.example 4242 99" "$r/.weekly-rollup.lock"
run "$job" --as-of 2026-11-30 -- "$m" "$d" "$r"
expect_status 2
expect_stderr "weekly-rollup.sh: $lock: another run (process 4242 on elsewhere.example) is going; nothing published for 2026-W48"
rm -- "$r/.weekly-rollup.lock"
unchanged three

case_ "what the job did not make is left alone"
mkdir -- "$r/.weekly-rollup.lock"
run "$job" --as-of 2026-11-30 -- "$m" "$d" "$r"
expect_status 2
expect_stderr "weekly-rollup.sh: $lock is not a lock of this job: remove it"
[ -d "$r/.weekly-rollup.lock" ] && ak_pass || ak_fail "the directory went"
rmdir -- "$r/.weekly-rollup.lock"
touch -- "$r/.weekly-rollup.lock"
run "$job" --as-of 2026-11-30 -- "$m" "$d" "$r"
expect_status 2
expect_stderr "weekly-rollup.sh: $lock is not a lock of this job: remove it"
rm -- "$r/.weekly-rollup.lock"
unchanged three

case_ "goals-load options: an export named without its kind, in ; and decimal commas, loads"
mkdir "$AK_T/exports"
sed 's/\([0-9]\)\.\([0-9]\)/\1#\2/g' "$d/measurements.csv" | tr ',#' ';,' >"$AK_T/exports/export-2026-11.csv"
cp "$d/weekly-measurements.csv" "$AK_T/exports/"
run "$job" --as-of 2026-11-23 -- "$m" "$AK_T/exports" "$AK_T/optless"
expect_status 2
expect_stderr_has "nothing published for 2026-W47"
mv "$AK_T/exports/weekly-measurements.csv" "$AK_T/exports/weekly.csv"
sed 's/\([0-9]\)\.\([0-9]\)/\1#\2/g' "$AK_T/exports/weekly.csv" | tr ',#' ';,' >"$AK_T/exports/export-weekly.csv"
rm "$AK_T/exports/weekly.csv"
run "$job" --as-of 2026-11-23 --measurements-opt --kind=measurement \
	--measurements-opt -d --measurements-opt ';' --measurements-opt --decimal-comma \
	-- "$m" "$AK_T/exports" "$AK_T/opts"
expect_status 0
expect_empty_stderr
# The same week as from the exports as they came, but for the src lines.
run 'sed "s/\"src\":\"[^\"]*\",\{0,1\}//" "$AK_T/opts/2026-W47.jsonl" | grep -v "\"kind\":\"measurement\""'
cp "$AK_T/out" "$AK_T/opts.jsonl"
run 'sed "s/\"src\":\"[^\"]*\",\{0,1\}//" "$AK_T/snap-three/2026-W47.jsonl" | grep -v "\"kind\":\"measurement\""'
cmp -s "$AK_T/out" "$AK_T/opts.jsonl" && ak_pass || ak_fail "the week differs from the one read with the kinds in the names"
# --model-opt goes to the model's goals-load only: the model's files write
# decimal points, which --decimal-comma refuses.
run "$job" --as-of 2026-11-23 --model-opt --decimal-comma -- "$m" "$d" "$AK_T/modelopt"
expect_status 2
expect_stderr_has "weekly-rollup.sh: goals-load failed (exit status 2); nothing published for 2026-W47"
run "$job" --as-of 2026-11-23 --measurements-opt
expect_status 2
expect_stderr "weekly-rollup.sh: option --measurements-opt needs a value
Try 'weekly-rollup.sh --help'."

case_ "the week: the ISO week of the latest Sunday on or before as-of, as kpi-score reports"
for pair in 2026-11-22:2026-W47 2026-11-23:2026-W47 2026-12-28:2026-W52 \
	2027-01-03:2026-W53 2027-01-04:2026-W53 2027-01-10:2027-W01; do
	as_of=${pair%%:*} want=${pair#*:}
	rm -rf "$AK_T/wk"
	run "$job" --as-of "$as_of" -- "$m" "$d" "$AK_T/wk"
	expect_status 0
	run cut -f1 "$AK_T/wk/weeks.tsv"
	expect_stdout "$want"
	# kpi-score's latest week is the same.
	export as_of
	run 'goals-load -- "$m" "$d" | kpi-score --as-of "$as_of" | grep -o "\"period\":\"[0-9]*-W[0-9]*\"" | sort | tail -1'
	expect_stdout "\"period\":\"$want\""
done

case_ "alignkit(7)'s cron snippet names the week as the job does"
man7=$AK_SRC/man/alignkit.7
grep -e '^back=' -e '^week=' "$man7" >"$AK_T/snippet.sh"
[ "$(wc -l <"$AK_T/snippet.sh")" -eq 2 ] && ak_pass || ak_fail "the snippet's week lines are not found"
for pair in 2026-11-22:2026-W47 2026-11-23:2026-W47 2026-12-28:2026-W52 2027-01-03:2026-W53; do
	as_of=${pair%%:*}
	run sh -c "as_of=$as_of; . '$AK_T/snippet.sh'; echo \"\$week\""
	expect_stdout "${pair#*:}"
done

case_ "a reports directory that cannot be made"
touch "$AK_T/plain file"
run "$job" --as-of 2026-11-30 -- "$m" "$d" "$AK_T/plain file/reports"
expect_status 2
expect_stderr_has "weekly-rollup.sh: cannot create $AK_T/plain file/reports"

case_ "the history outlives pruned measurements"
# Measurements and check-ins before 2026-W48 are pruned: the exports keep
# their headers.
for f in "$d"/*.csv; do head -1 "$f" >"$f.new" && mv "$f.new" "$f"; done
# goals-load tells of each export that holds no record (a warning).
pruned='goals-load: exports "2026"/measurements.csv:1: warning: the file holds no record
goals-load: exports "2026"/weekly-measurements.csv:1: warning: the file holds no record
goals-load: exports "2026"/check-ins.csv:1: warning: the file holds no record'
run "$job" --as-of 2026-11-30 -- "$m" "$d" "$r"
expect_status 0
expect_stderr "$pruned"
run 'grep -c "\"period\":\"2026-W4[567]\"" -- "$r/history.jsonl"'
expect_stdout 48
run 'grep -v -F "\"period\":\"2026-W48\"" -- "$r/history.jsonl"'
if cmp -s "$AK_T/out" "$AK_T/snap-three/history.jsonl"; then ak_pass; else
	ak_fail "the earlier weeks' history changed"; fi
run head -1 "./$r/weeks.tsv"
expect_stdout "2026-W48	2026-11-30	0	0	0	8	2	23	1"
run 'grep -c "\"period\":\"2026-W48\",.*\"status\":\"none\"" -- "$r/history.jsonl"'
expect_stdout 16

case_ "--fail-on publishes, then exits 1 for cron to mail"
run "$job" --as-of 2026-11-30 --fail-on error -- "$m" "$d" "$r"
expect_status 1
expect_stderr "$pruned
weekly-rollup.sh: 2026-W48 published; gap-find found gaps at --fail-on error"
run "$job" --as-of 2026-11-30 --fail-on error --waivers "$AK_T/none.csv" -- "$m" "$d" "$r"
expect_status 2
expect_stderr_has "weekly-rollup.sh: gap-find failed (exit status 2); nothing published for 2026-W48"

case_ "bash runs the job as sh does"
rm -rf "$AK_T/sh" "$AK_T/bash"
cp "$AK_T/kpis.good" "$m/kpis.csv"
run sh "$job" --as-of 2026-11-23 -- "$m" "$d" "$AK_T/sh"
expect_status 0
run bash "$job" --as-of 2026-11-23 -- "$m" "$d" "$AK_T/bash"
expect_status 0
run diff -r "$AK_T/sh" "$AK_T/bash"
expect_status 0

case_ "usage errors"
run "$job" --as-of 2026-02-30 "$m" "$d" "$r"
expect_status 2
expect_stderr "weekly-rollup.sh: --as-of: '2026-02-30' is not a calendar date
Try 'weekly-rollup.sh --help'."
run "$job" --as-of 23.11.2026 "$m" "$d" "$r"
expect_status 2
expect_stderr "weekly-rollup.sh: --as-of: '23.11.2026' is not a date, YYYY-MM-DD
Try 'weekly-rollup.sh --help'."
run "$job" --periods 0 "$m" "$d" "$r"
expect_status 2
expect_stderr "weekly-rollup.sh: --periods: '0' is not a whole number from 1
Try 'weekly-rollup.sh --help'."
run "$job" --fail-on sometimes "$m" "$d" "$r"
expect_status 2
expect_stderr "weekly-rollup.sh: --fail-on: 'sometimes' is not error, warning, info or never
Try 'weekly-rollup.sh --help'."
run "$job" "$m" "$d"
expect_status 2
expect_stderr "weekly-rollup.sh: expected MODEL MEASUREMENTS REPORTS, got 2 arguments
Try 'weekly-rollup.sh --help'."
run "$job" --weekly "$m" "$d" "$r"
expect_status 2
expect_stderr "weekly-rollup.sh: unknown option --weekly
Try 'weekly-rollup.sh --help'."
run "$job" "$m" "$d" "$r" --as-of
expect_status 2
expect_stderr "weekly-rollup.sh: expected MODEL MEASUREMENTS REPORTS, got 4 arguments
Try 'weekly-rollup.sh --help'."
run "$job" --as-of
expect_status 2
expect_stderr "weekly-rollup.sh: option --as-of needs a value
Try 'weekly-rollup.sh --help'."
ALIGNKIT_BIN= PATH=/usr/bin:/bin run /bin/sh "$job" --as-of 2026-11-23 "$m" "$d" "$r"
expect_status 2
expect_stderr "weekly-rollup.sh: goals-load not found on PATH (set ALIGNKIT_BIN to the tools' directory)"
run "$job" --help
expect_status 0
expect_stdout_has "usage: weekly-rollup.sh [--as-of DATE]"
expect_stdout_has "30 6 * * 1  weekly-rollup.sh /srv/alignkit/model"
finish

# report-fmt: every format against golden files, sections, options, the
# errors a user can hit (with their exact messages and exit status), -o
# written atomically, colour only on a terminal, and 80 columns of text.
. "$(dirname "$0")/lib.bash"
cd "$AK_DATA/report-fmt" || exit 1
S=stream.jsonl

for f in text markdown html csv junit sarif github codequality; do
	case_ "format $f"
	run report-fmt -f "$f" "$S"
	expect_status 0
	expect_empty_stderr
	expect_golden "report-fmt/stream.$f"
done

case_ "text is the default format"
run report-fmt "$S"
expect_golden report-fmt/stream.text

case_ "--format=NAME and standard input"
run_stdin "$S" report-fmt --format=markdown
expect_status 0
expect_golden report-fmt/stream.markdown

case_ "text --ascii"
run report-fmt --ascii "$S"
expect_status 0
expect_golden report-fmt/stream.ascii.text
if LC_ALL=C grep -q '[^ -~]' "$AK_T/out"; then ak_fail "--ascii output has non-ASCII bytes"; else ak_pass; fi

for sec in summary goals gaps matrix errors; do
	case_ "csv --section $sec"
	run report-fmt -f csv --section "$sec" "$S"
	expect_status 0
	expect_golden "report-fmt/stream.$sec.csv"
done

case_ "--section picks and orders sections; --title"
run report-fmt --section gaps,summary --title "Weekly alignment: W47" "$S"
expect_status 0
expect_golden report-fmt/sections.text

case_ "--section in markdown"
run report-fmt -f markdown --section kpis "$S"
expect_status 0
expect_golden report-fmt/kpis.markdown

case_ "output does not depend on input order"
for f in text markdown html csv junit sarif github codequality; do
	tac "$S" > "$AK_T/reversed.jsonl"
	run report-fmt -f "$f" "$AK_T/reversed.jsonl"
	expect_golden "report-fmt/stream.$f"
done

case_ "a stream of model records alone"
run "grep -E '\"kind\":\"(goal|initiative|kpi)\"' $S | report-fmt -f markdown --section summary,goals"
expect_status 0
expect_golden report-fmt/model-only.markdown

# targets.jsonl is kpi-score's output for three KPIs over eight weeks: T1
# (up) whose target steps from 100 to 120 orders in 2026-W44, with a
# forecast for its due date; T2 (range) whose band moves in 2026-W45; T3
# (down) with a fixed target, a red flag, an n/a week and a forecast.
case_ "html: the target in force as a step line, the forecast dashed to the due date"
run report-fmt -f html --section kpis targets.jsonl
expect_status 0
expect_empty_stderr
expect_golden report-fmt/targets.html
cp "$AK_T/out" "$AK_T/targets.html"
xp() { xmllint --html --xpath "$1" "$AK_T/targets.html" 2>/dev/null; }
svg() { printf "//figure[@data-kpi='%s']//*[local-name()='%s'%s]" "$1" "$2" "${3:+ and $3}"; }
run "echo $(xp "count($(svg T1 path "@class='target'"))") $(xp "count($(svg T2 path "@class='target'"))") $(xp "count($(svg T3 path "@class='target'"))")"
expect_stdout "1 2 0"
run "echo $(xp "count($(svg T1 line "@class='forecast'"))") $(xp "count($(svg T2 line "@class='forecast'"))") $(xp "count($(svg T3 line "@class='forecast'"))")"
expect_stdout "1 0 1"
run "echo $(xp "count($(svg T1 line "@class='red-flag'"))") $(xp "count($(svg T3 line "@class='red-flag'"))")"
expect_stdout "0 1"
run xp "string($(svg T1 desc))"
expect_stdout "2026-W40 96 amber; 2026-W41 98 amber; 2026-W42 100 green; 2026-W43 102 green; 2026-W44 103 amber; 2026-W45 104 amber; 2026-W46 105 amber; 2026-W47 106 amber. Target in force: at least 100 orders from 2026-W40, at least 120 orders from 2026-W44. Forecast: 111.9048 orders by the due date, 2026-12-27."
run xp "string($(svg T2 desc))"
expect_stdout_has "Target in force: 1 MB to 2 MB from 2026-W40, 1.5 MB to 2.5 MB from 2026-W45."
run xp "string($(svg T3 desc))"
expect_stdout_has "2026-W43 - n/a; "
expect_stdout_has "Target: at most 50 tickets. Red above 80 tickets. Forecast: 47.2973 tickets by the due date, 2027-01-31."
run xp "normalize-space(//figure[@data-kpi='T1']//p[@class='legend'])"
expect_stdout "value target in force (steps) forecast to 2026-12-27"
run xp "normalize-space(//figure[@data-kpi='T3']//p[@class='legend'])"
expect_stdout "value target red flag forecast to 2027-01-31"

case_ "the KPI table shows the target in force in the latest period"
run "report-fmt --section kpis targets.jsonl | grep -o -E '(≥|≤) [0-9]+ [a-z]+|[0-9.]+–[0-9.]+ MB'"
expect_status 0
expect_stdout "≥ 120 orders
1.5–2.5 MB
≤ 50 tickets"
run "report-fmt -f csv --section kpis targets.jsonl | cut -d, -f1,6-8"
expect_stdout "kpi,target,min,max
T1,120,,
T2,,1.5,2.5
T3,50,,"

case_ "an empty stream"
run report-fmt /dev/null
expect_status 0
expect_golden report-fmt/empty.text

# ---- colour ------------------------------------------------------------
case_ "no colour when standard output is not a terminal"
run report-fmt "$S"
if grep -q $'\033' "$AK_T/out"; then ak_fail "escape in piped text"; else ak_pass; fi

case_ "colour on a terminal"
script -qec "report-fmt $S" /dev/null >"$AK_T/tty" 2>&1 </dev/null
if grep -q $'\033\\[31m\|\033\\[33m' "$AK_T/tty"; then ak_pass; else ak_fail "no colour on a terminal"; fi

case_ "NO_COLOR on a terminal"
NO_COLOR=1 script -qec "report-fmt $S" /dev/null >"$AK_T/tty" 2>&1 </dev/null
if grep -q $'\033' "$AK_T/tty"; then ak_fail "escape with NO_COLOR"; else ak_pass; fi

case_ "NO_COLOR set but empty still means no colour"
NO_COLOR= script -qec "report-fmt $S" /dev/null >"$AK_T/tty" 2>&1 </dev/null
if grep -q $'\033' "$AK_T/tty"; then ak_fail "escape with NO_COLOR="; else ak_pass; fi

case_ "--no-color on a terminal"
script -qec "report-fmt --no-color $S" /dev/null >"$AK_T/tty" 2>&1 </dev/null
if grep -q $'\033' "$AK_T/tty"; then ak_fail "escape with --no-color"; else ak_pass; fi

case_ "-o FILE never gets colour"
script -qec "report-fmt -o $AK_T/colour.txt $S" /dev/null >/dev/null 2>&1 </dev/null
if grep -q $'\033' "$AK_T/colour.txt"; then ak_fail "escape in -o file"; else ak_pass; fi
cmp -s "$AK_T/colour.txt" "$AK_DATA/golden/report-fmt/stream.text" && ak_pass || ak_fail "-o text differs"

# ---- 80 columns --------------------------------------------------------
case_ "text fits 80 columns"
for input in "$S" hostile.jsonl wide.jsonl; do
	for opt in "" --ascii; do
		report-fmt $opt "$input" > "$AK_T/w" 2>/dev/null
		w=$(LC_ALL=C.UTF-8 wc -L < "$AK_T/w")
		if [ "$w" -le 80 ]; then ak_pass; else ak_fail "$input $opt: $w columns"; fi
	done
done

case_ "a matrix too wide for 80 columns becomes a list"
run report-fmt --section matrix wide.jsonl
expect_status 0
expect_golden report-fmt/wide-matrix.text

# ---- usage errors ------------------------------------------------------
case_ "unknown format"
run report-fmt -f xml "$S"
expect_status 2
expect_empty_stdout
expect_stderr 'report-fmt: unknown format "xml" (formats: text, markdown, html, csv, junit, sarif, github, codequality)
Try '"'report-fmt --help'."

case_ "unknown section"
run report-fmt --section summary,charts "$S"
expect_status 2
expect_stderr 'report-fmt: --section: unknown section "charts" (sections: summary, goals, initiatives, kpis, checkins, gaps, matrix, history, errors)
Try '"'report-fmt --help'."

case_ "empty section list"
run report-fmt --section "" "$S"
expect_status 2
expect_stderr_has 'unknown section ""'

case_ "csv with two sections"
run report-fmt -f csv --section kpis,gaps "$S"
expect_status 2
expect_stderr "report-fmt: --section: csv writes one table: name one section
Try 'report-fmt --help'."

case_ "unknown option"
run report-fmt --colour "$S"
expect_status 2
expect_stderr "report-fmt: unknown option --colour
Try 'report-fmt --help'."

case_ "option without its value"
run report-fmt "$S" -f
expect_status 2
expect_stderr "report-fmt: option -f needs a value
Try 'report-fmt --help'."

case_ "--help"
run report-fmt --help
expect_status 0
expect_stdout_has "usage: report-fmt [-f FORMAT] [-o FILE]"
expect_empty_stderr

case_ "--version"
run report-fmt --version
expect_status 0
expect_stdout "report-fmt 0.1.0"

# ---- input errors ------------------------------------------------------
case_ "strict: the first bad record stops the tool"
run report-fmt bad.jsonl
expect_status 2
expect_empty_stdout
expect_stderr "report-fmt: bad.jsonl:2:25: invalid JSON: string or '}' expected near end of file"

case_ "a bad score record"
run "sed -n 3p bad.jsonl | report-fmt"
expect_status 2
expect_stderr "report-fmt: <stdin>:1: score of K1: field value: expected a number"

# gap-find and report-fmt read score, rollup, gap and error records with one
# reader: what one refuses, the other refuses with the same message.
case_ "a rollup whose period does not exist: an error, as in gap-find"
run report-fmt "$AK_DATA/gap-find/errors/bad-rollup.jsonl"
expect_status 2
expect_empty_stdout
expect_stderr "report-fmt: $AK_DATA/gap-find/errors/bad-rollup.jsonl:1: rollup of G1: field period: \"2026-W60\" is not a period (2026-W47, 2026-11, 2026-Q4, 2026)"

case_ "a score with a bad status: the message gap-find gives"
run report-fmt "$AK_DATA/gap-find/errors/bad-score.jsonl"
expect_status 2
expect_stderr "report-fmt: $AK_DATA/gap-find/errors/bad-score.jsonl:1: score of K1: field status: \"purple\" is not one of green, amber, red, none, n/a"

case_ "html matrix: the goals marked red are those gap-find calls unsupported"
run "goals-load '$AK_SRC/examples/model' | gap-find --as-of 2026-11-23 --fail-on never | report-fmt -f html --section matrix -o '$AK_T/matrix.html'"
expect_status 0
run xmllint --html --xpath '//table[@class="matrix"]//tr[contains(@class,"unsupported")]/@data-goal' "$AK_T/matrix.html"
expect_stdout ' data-goal="G2.2"'
run "goals-load '$AK_SRC/examples/model' | gap-find --as-of 2026-11-23 --gaps-only --only unsupported-goal --fail-on never | jq -r .subject"
expect_stdout G2.2
run xmllint --html --xpath 'string(//section[@id="matrix"]//p[@class="note"])' "$AK_T/matrix.html"
expect_stdout "A goal in red has no active initiative, neither its own nor one of a goal below it (unsupported-goal)."

case_ "a period label is checked, not rendered as it comes"
run "echo '{\"kind\":\"score\",\"kpi\":\"K1\",\"period\":\"2026-W46<img src=x>\",\"end\":\"2026-11-15\",\"status\":\"red\"}' | report-fmt -f html"
expect_status 2
expect_empty_stdout
expect_stderr 'report-fmt: <stdin>:1: score of K1: field period: "2026-W46<img src=x>" is not a period (2026-W47, 2026-11, 2026-Q4, 2026)'

case_ "a goal without a title"
run "sed -n 4p bad.jsonl | report-fmt"
expect_status 2
expect_stderr "report-fmt: <stdin>:1: goal G3: missing required field title"

case_ "a gap with an unknown severity"
run "sed -n 5p bad.jsonl | report-fmt"
expect_status 2
expect_stderr "report-fmt: <stdin>:1: gap: field severity: \"fatal\" is not one of error, warning, info"

case_ "a gap without a type"
run "echo '{\"kind\":\"gap\",\"severity\":\"error\",\"message\":\"m\"}' | report-fmt"
expect_status 2
expect_stderr "report-fmt: <stdin>:1: gap: missing required field type"

case_ "--keep-going: every bad record reported, shown among the errors, exit 2"
run report-fmt --keep-going -f markdown bad.jsonl
expect_status 2
expect_golden report-fmt/bad.keep-going.markdown
expect_stderr "report-fmt: bad.jsonl:2:25: invalid JSON: string or '}' expected near end of file
report-fmt: bad.jsonl:3: score of K1: field value: expected a number
report-fmt: bad.jsonl:4: goal G3: missing required field title
report-fmt: bad.jsonl:5: gap: field severity: \"fatal\" is not one of error, warning, info"

case_ "--keep-going in CI formats: input errors are errors"
run report-fmt --keep-going -f github bad.jsonl
expect_status 2
expect_golden report-fmt/bad.keep-going.github

case_ "a file that cannot be opened"
run report-fmt no-such-file.jsonl
expect_status 2
expect_empty_stdout
expect_stderr_has "report-fmt: no-such-file.jsonl"

case_ "a duplicate id is shown once, the first"
printf '%s\n' '{"kind":"goal","id":"G1","title":"First"}' '{"kind":"goal","id":"G1","title":"Second"}' > "$AK_T/dup.jsonl"
run report-fmt -f csv --section goals "$AK_T/dup.jsonl"
expect_status 0
expect_stdout "goal,title,parent,depth,perspective,owner,weight,state,period,score,status,children,scored,kpi_periods"$'\r'"
G1,First,,0,,,1,active,,,none,,,"$'\r'

# ---- writing -----------------------------------------------------------
case_ "a write error"
run "report-fmt $S > /dev/full"
expect_status 2
expect_stderr "report-fmt: write error: No space left on device"

case_ "-o writes the file atomically, nothing on standard output"
mkdir -p "$AK_T/pub"
run bash -c "umask 022 && report-fmt -f html -o '$AK_T/pub/report.html' $S"
expect_status 0
expect_empty_stdout
cmp -s "$AK_T/pub/report.html" "$AK_DATA/golden/report-fmt/stream.html" && ak_pass || ak_fail "-o html differs from golden"
[ "$(stat -c %a "$AK_T/pub/report.html")" = 644 ] && ak_pass || ak_fail "mode $(stat -c %a "$AK_T/pub/report.html"), expected 644"
[ "$(ls -A "$AK_T/pub")" = report.html ] && ak_pass || ak_fail "left behind: $(ls -A "$AK_T/pub")"

case_ "-o keeps the mode of the file it replaces"
chmod 640 "$AK_T/pub/report.html"
run report-fmt -f html -o "$AK_T/pub/report.html" "$S"
expect_status 0
[ "$(stat -c %a "$AK_T/pub/report.html")" = 640 ] && ak_pass || ak_fail "mode changed"

case_ "-o: a failed run leaves the old report as it was"
cp "$AK_T/pub/report.html" "$AK_T/before.html"
run report-fmt -f html -o "$AK_T/pub/report.html" bad.jsonl
expect_status 2
cmp -s "$AK_T/pub/report.html" "$AK_T/before.html" && ak_pass || ak_fail "old report changed"
[ "$(ls -A "$AK_T/pub")" = report.html ] && ak_pass || ak_fail "left behind: $(ls -A "$AK_T/pub")"

case_ "-o: a failed run creates no file"
run report-fmt -o "$AK_T/pub/new.txt" bad.jsonl
expect_status 2
[ ! -e "$AK_T/pub/new.txt" ] && ak_pass || ak_fail "new.txt was created"
[ "$(ls -A "$AK_T/pub")" = report.html ] && ak_pass || ak_fail "left behind: $(ls -A "$AK_T/pub")"

case_ "-o with --keep-going publishes the report with its errors"
run report-fmt --keep-going -f markdown -o "$AK_T/pub/kg.md" bad.jsonl
expect_status 2
cmp -s "$AK_T/pub/kg.md" "$AK_DATA/golden/report-fmt/bad.keep-going.markdown" && ak_pass || ak_fail "kg.md differs"

case_ "-o into a directory that does not exist"
run report-fmt -o "$AK_T/nowhere/report.txt" "$S"
expect_status 2
expect_stderr "report-fmt: cannot create $AK_T/nowhere/report.txt: No such file or directory"

case_ "-o: a rename that fails leaves no temporary file"
mkdir -p "$AK_T/dir/report.txt"
run report-fmt -o "$AK_T/dir/report.txt" "$S"
expect_status 2
expect_stderr "report-fmt: cannot write $AK_T/dir/report.txt: Is a directory"
[ "$(ls -A "$AK_T/dir")" = report.txt ] && ak_pass || ak_fail "left behind: $(ls -A "$AK_T/dir")"

if [ "$(id -u)" != 0 ]; then
	case_ "-o in a directory we may not write"
	mkdir -p "$AK_T/ro"
	chmod 555 "$AK_T/ro"
	run report-fmt -o "$AK_T/ro/report.txt" "$S"
	expect_status 2
	expect_stderr "report-fmt: cannot create $AK_T/ro/report.txt: Permission denied"
	chmod 755 "$AK_T/ro"
fi


# ---- reports for people ------------------------------------------------
# people.jsonl: float noise in values, budgets, weights and targets; ids
# that sort as people count (G1.2 before G1.10, I2 before I10); a monthly
# KPI in a weekly report; a long KPI id; a note; new, waived and resolved
# gaps from gap-find --baseline.
for f in text markdown html; do
	case_ "people: $f"
	run report-fmt -f "$f" people.jsonl
	expect_status 0
	expect_empty_stderr
	expect_golden "report-fmt/people.$f"
	if grep -qE '[0-9]\.[0-9]{5,}' "$AK_T/out"; then ak_fail "float noise in $f: $(grep -oE '[0-9]+\.[0-9]{5,}' "$AK_T/out" | head -1)"; else ak_pass; fi
done
for sec in initiatives gaps goals kpis matrix; do
	case_ "people: csv --section $sec keeps full precision"
	run report-fmt -f csv --section "$sec" people.jsonl
	expect_status 0
	expect_golden "report-fmt/people.$sec.csv"
done
case_ "people: machine numbers keep full precision"
run report-fmt -f csv --section initiatives people.jsonl
expect_stdout_has 471940.89999999997
run report-fmt -f csv --section matrix people.jsonl
expect_stdout_has 0.30000000000000004

case_ "ids in natural order, in every format"
for f in text markdown html csv; do
	run report-fmt -f "$f" --section matrix people.jsonl
	a=$(grep -n 'G1\.2' "$AK_T/out" | head -1 | cut -d: -f1)
	b=$(grep -n 'G1\.10' "$AK_T/out" | head -1 | cut -d: -f1)
	[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ] && ak_pass || ak_fail "$f: G1.10 before G1.2"
	grep -q 'I2.*I10' "$AK_T/out" && ak_pass || ak_fail "$f: I10 before I2"
done

case_ "a long id is never cut; text stays in 80 columns"
run report-fmt --section kpis people.jsonl
expect_stdout_has academy-graduates-per-quarter
w=$(awk '{ n = 0; for (i = 1; i <= length($0); i++) if (substr($0, i, 1) !~ /[\200-\277]/) n++; if (n > m) m = n } END { print m }' "$AK_T/out")
[ "$w" -le 80 ] && ak_pass || ak_fail "$w columns"

case_ "the history section: each goal's course"
awk '/"kind":"rollup"/ { for (w = 45; w <= 47; w++) { l = $0; sub(/2026-W47/, "2026-W" w, l); sub(/2026-11-22/, "2026-11-" (w - 25), l); if (w == 45) sub(/"score":0\.972/, "\"score\":0.5", l); print l } }' people.jsonl > "$AK_T/history.jsonl"
run report-fmt "$AK_T/history.jsonl"
expect_status 0
expect_golden report-fmt/history.text
run report-fmt --ascii --section history "$AK_T/history.jsonl"
expect_golden report-fmt/history.ascii.text
run report-fmt -f markdown --section history "$AK_T/history.jsonl"
expect_golden report-fmt/history.markdown
run report-fmt -f csv --section history "$AK_T/history.jsonl"
expect_golden report-fmt/history.csv

case_ "--history: the week's goals charted on earlier weeks, never their status"
grep -v '"kind":"rollup"' people.jsonl > "$AK_T/week.jsonl"
grep '2026-W47' "$AK_T/history.jsonl" >> "$AK_T/week.jsonl"
# A rollup of a later week in the history is not this week's.
sed 's/2026-W47/2026-W48/; s/2026-11-22/2026-11-29/; s/"status":"amber"/"status":"red"/' "$AK_T/history.jsonl" | grep W48 >> "$AK_T/history.jsonl"
run report-fmt -f markdown --section goals,history --history "$AK_T/history.jsonl" "$AK_T/week.jsonl"
expect_status 0
expect_golden report-fmt/with-history.markdown
if grep -q 'W48\|red' "$AK_T/out"; then ak_fail "a later week of the history shows"; else ak_pass; fi
run report-fmt --section goals "$AK_T/week.jsonl"
if grep -q '^History' "$AK_T/out"; then ak_fail "history section with one period"; else ak_pass; fi

case_ "--history needs a file name; a bad history line is an input error"
run report-fmt --history "" people.jsonl
expect_status 2
expect_stderr "report-fmt: --history needs a file name
Try 'report-fmt --help'."
printf '%s\n' '{"kind":"rollup","of":"G1","type":"goal","period":"2026-W60","end":"2026-11-22","status":"red"}' > "$AK_T/bad-history.jsonl"
run report-fmt --history "$AK_T/bad-history.jsonl" people.jsonl
expect_status 2
expect_stderr_has "bad-history.jsonl:1: rollup of G1: field period"

finish

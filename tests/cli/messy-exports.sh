#!/bin/bash
# goals-load on exports as real offices make them (tests/data/messy): Excel
# and LibreOffice CSV in English, German, French and Dutch settings (',' or
# ';', decimal point or comma, thousands separators, BOM, CRLF), an export
# folder with lock, backup, hidden, copied and empty files, typos in
# headers and years, and a folder without model files.  Each case checks
# the output, the messages and the exit status; the last one checks that
# every input record is in the output or named in an error.
. "$(dirname "$0")/lib.bash"
: "${AK_SRC:?AK_SRC must name the source tree}"
D="$AK_DATA/messy"

load() { run "cd '$D' && goals-load $*"; }

case_ "English Excel: BOM, CRLF, a quoted comma, Budget (GBP), Target [%]"
load en-excel
expect_status 0
expect_golden messy/en-excel.out
expect_empty_stderr

case_ "German Excel: ';', BOM, CRLF, 1.250.000 and 980.000,50, 121.005, 12 500 with U+00A0, n/a"
load de-excel
expect_status 0
expect_golden messy/de-excel.out
expect_empty_stderr

case_ "German Excel: --no-decimal-comma reads 181240,50 as the text it then is"
load "--no-decimal-comma de-excel/measurements.csv"
expect_status 2
expect_stderr 'goals-load: de-excel/measurements.csv:2: measurement: field value: "181240,50" is not a number'

case_ "French LibreOffice: ';', LF, U+202F thousands, NA"
load fr-libreoffice
expect_status 0
expect_golden messy/fr-libreoffice.out
expect_empty_stderr

case_ "Dutch Excel: a wide sheet headed jan 2026, Feb 2026, March 2026, Apr-2026"
load nl-excel
expect_status 0
expect_golden messy/nl-excel.out
expect_empty_stderr

case_ "an export folder: lock, backup and hidden files passed over, a copy loaded, empty files warned of"
load exports
expect_status 0
expect_golden messy/exports.out
expect_stderr 'goals-load: exports/old-measurements.csv:1: warning: the file holds no record
goals-load: exports/weekly-measurements.csv:1: warning: the file holds no record'

case_ "the lock file alone is binary: read by name it is an error, in the folder it is skipped"
load "'exports/~\$measurements.csv'"
expect_status 2
expect_stderr_has 'goals-load: exports/~$measurements.csv:1: '

case_ "--kind measurement: the model's files go by their names, a nameless export by --kind"
run "cd '$D' && cp exports/measurements.csv '$AK_T/export.csv' && goals-load --kind measurement en-excel '$AK_T/export.csv' | grep -c '\"kind\":\"measurement\"'"
expect_status 0
expect_stdout 3

case_ "JSON Lines saved by a Windows tool: BOM, CRLF, integers too big for 64 bits"
load jsonl/export.jsonl
expect_status 0
expect_stdout '{"kind":"measurement","kpi":"K1","at":"2026-11-16","value":1e+19,"src":"jsonl/export.jsonl:1"}
{"kind":"goal","id":"G9","title":"T","budget_note":1.8446744073709552e+19,"src":"jsonl/export.jsonl:2"}'
expect_empty_stderr

case_ "a typo in a header: a warning naming the field, the column kept"
load typo
expect_status 0
expect_golden messy/typo.out
expect_stderr 'goals-load: typo/initiatives.csv:1: warning: column "Buget" is not a field; did you mean "budget"?'

case_ "a typo before a unit or a form's hint: the warning still names the field"
load --keep-going typo-hint
expect_status 2
expect_stderr 'goals-load: typo-hint/initiatives.csv:1: warning: column "Buget (EUR)" is not a field; did you mean "budget"?
goals-load: typo-hint/Weekly check-in.csv:1: warning: column "Subjet (goal or initiative id)" is not a field; did you mean "subject"?
goals-load: typo-hint/Weekly check-in.csv:1: warning: column "Confidance (on track / at risk / off track)" is not a field; did you mean "confidence"?
goals-load: typo-hint/Weekly check-in.csv:2: checkin: missing required field subject'

case_ "day-first dates in a measurements sheet: refused, saying how to write them"
mkdir -p "$AK_T/dmy"
printf 'kpi,at,value\r\nK1,18/11/2026,3\r\nK1,03/11/2026,3\r\nK1,18.11.26,3\r\n' >"$AK_T/dmy/measurements.csv"
run "cd '$AK_T' && goals-load --keep-going dmy"
expect_status 2
expect_stderr 'goals-load: dmy/measurements.csv:2: measurement: field at: "18/11/2026" is not written year first: write 2026-11-18
goals-load: dmy/measurements.csv:3: measurement: field at: "03/11/2026" could be 3 November or March 11: write the date year first (2026-11-03 or 2026-03-11), or set the spreadsheet to ISO dates (yyyy-mm-dd)
goals-load: dmy/measurements.csv:4: measurement: field at: "18.11.26" has a two-digit year: write the year with four digits (2026), or the date as yyyy-mm-dd'

case_ "a decimal point in a ';' file: the cell named, and how to write it"
load de-bad
expect_status 2
expect_empty_stdout
expect_stderr 'goals-load: de-bad/kpis.csv:2: kpi K4: field target: "99.95" is not a number with a decimal comma ("." groups thousands in threes: 1.234.567,5); write 99,95'

case_ "a wide sheet headed Jun-26: the column named, and how to write it"
load wide-bad
expect_status 2
expect_empty_stdout
expect_stderr 'goals-load: wide-bad/measurements.csv:1: header: column "Jun-26" is neither a date nor a period: head it with a date (2026-06-01), a week (2026-W23), a month (2026-06 or Jun 2026), a quarter (2026-Q2) or a year (2026)'

case_ "a folder without model files fails (exit 2)"
load empty-folder
expect_status 2
expect_empty_stdout
expect_stderr 'goals-load: empty-folder: no model file in this directory (.csv, .tsv, .jsonl, .ndjson or .json)'

case_ "goals-load examples/ (subfolders only) fails"
run goals-load "$AK_SRC/examples"
expect_status 2
expect_stderr "goals-load: $AK_SRC/examples: no model file in this directory (.csv, .tsv, .jsonl, .ndjson or .json)"

# Record accounting over the whole corpus: each data row of a long file,
# each non-empty cell of a wide sheet, each line of JSON Lines is one input
# record; with
# --keep-going each is in the output as a record or an error record, and
# a header error stands for its file's rows.
case_ "accounting: every input record is in the output or named in an error"
want=0
while IFS= read -r -d '' f; do
	case "${f##*/}" in .* | '~$'* | *'~' | '#'*'#') continue ;; esac
	if [ "${f%.jsonl}" != "$f" ]; then
		n=$(grep -c . "$f")
	elif head -1 "$f" | grep -qiE '^(\xef\xbb\xbf)?kpi[;,](jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|[0-9])'; then
		sep=,; if head -1 "$f" | grep -q ';'; then sep=';'; fi
		n=$(tail -n +2 "$f" | tr -d '\r' | awk -F"$sep" '{for (i = 2; i <= NF; i++) if ($i != "") c++} END {print c + 0}')
		# a bad header stands for the whole file: one error
		if head -1 "$f" | grep -q 'Jun-26'; then n=1; fi
	else
		n=$(tail -n +2 "$f" | tr -d '\r' | grep -c .)
	fi
	want=$((want + n))
done < <(find "$D" -path "$D/empty-folder" -prune -o -type f \( -name '*.csv' -o -name '*.jsonl' \) -print0)
run "cd '$D' && for d in */; do [ \"\$d\" = empty-folder/ ] || goals-load --keep-going \"\$d\" 2>/dev/null; done | grep -c ."
got=$(cat "$AK_T/out")
if [ "$got" -eq "$want" ] && [ "$want" -gt 20 ]; then ak_pass; else
	ak_fail "$want input records, $got records and errors out"; fi

finish

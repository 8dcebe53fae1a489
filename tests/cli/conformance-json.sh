#!/bin/bash
# The JSON Lines reader against JSONTestSuite
# (../shared/conformance/JSONTestSuite/test_parsing), read as its README
# says: each file is one line of a stream (a file with a raw newline inside
# is several lines).
#  - a y_ file that holds an object parses as a record: alone it lacks a
#    kind ("missing field kind"), and with a kind put in front of its
#    members it passes through kpi-score byte for byte;
#  - a y_ file that holds another value is reported as not an object;
#  - an n_ file is an input error located at FILE:LINE;
#  - an i_ file may go either way;
#  - nothing crashes, hangs, leaks or prints more than one line.
# Where the contract is stricter than JSON, the y_ files it rejects are
# named below with the reason (SPEC §1: a duplicate key is an input error).
# The same files also go through the other readers (gap-find, report-fmt,
# and goals-load's JSON document reader): each message is located.
# Each tool reads every file in one run with --keep-going, so that the
# suite takes seconds even under sanitizers and valgrind.
. "$(dirname "$0")/lib.bash"
S="$AK_SHARED/conformance/JSONTestSuite/test_parsing"
limit=$((120 * AK_TIME_FACTOR))
command -v jq >/dev/null || { echo "jq is needed" >&2; exit 1; }
cd "$S" || exit 1
files=(y_*.json n_*.json i_*.json)

# The messages about file $2 from tool $1, from the last run.
messages() { awk -v p="$1: $2:" 'index($0, p) == 1' "$AK_T/err"; }

# Every line on stderr is "PROG: FILE:LINE[:COLUMN]: text" for one of the
# files, and every line on stdout an error record that jq reads.
all_located() {
	local bad
	bad=$(grep -cvE "^$1: [yni]_[^:]*\.json:[0-9]+(:[0-9]+)?: [^ ]" "$AK_T/err")
	if [ "$bad" -eq 0 ]; then ak_pass; else
		ak_fail "$bad messages without FILE:LINE:"
		grep -vE "^$1: [yni]_[^:]*\.json:[0-9]+(:[0-9]+)?: " "$AK_T/err" | head -5 >&2
	fi
}

# Ran to an end of its own: not a crash, a sanitizer's exit or a timeout.
ended() {
	case $ak_status in
	0|1|2) ak_pass ;;
	*) ak_fail "exit status $ak_status"; tail -5 "$AK_T/err" >&2 ;;
	esac
}

# Whether the file's first non-blank byte opens an object.
is_object() { [ "$(tr -d ' \t\r\n' <"$1" | head -c 1)" = "{" ]; }

# Whether the file holds a raw newline other than a final one.
multiline() { [ "$(head -c -1 "$1" | tr -cd '\n' | wc -c)" -gt 0 ]; }

case_ "the suite is there"
if [ "${#files[@]}" -ge 300 ]; then ak_pass; else ak_fail "only ${#files[@]} files in $S"; fi

case_ "kpi-score reads every file"
run timeout "$limit" kpi-score --keep-going --as-of 2026-11-23 "${files[@]}"
ended
expect_status 2
all_located kpi-score
if jq -e -s 'all(.kind == "error" and (.src | type) == "string" and (.message | type) == "string")' \
	"$AK_T/out" >/dev/null; then ak_pass; else ak_fail "stdout is not error records jq reads"; fi
if [ "$(wc -l <"$AK_T/out")" -eq "$(wc -l <"$AK_T/err")" ]; then ak_pass; else
	ak_fail "$(wc -l <"$AK_T/out") error records for $(wc -l <"$AK_T/err") messages"; fi
cp "$AK_T/err" "$AK_T/kpi-score.err"

: >"$AK_T/objects"
for f in "${files[@]}"; do
	case_ "$f"
	cp "$AK_T/kpi-score.err" "$AK_T/err"
	msgs=$(messages kpi-score "$f")
	count=$(printf '%s' "$msgs" | grep -c '^')
	case $f in
	y_object_duplicated_key.json|y_object_duplicated_key_and_value.json)
		# SPEC §1: a duplicate key in one object is an input error.
		expect_stderr_has "kpi-score: $f:1:12: invalid JSON: duplicate object key"
		;;
	y_object_escaped_null_in_key.json)
		# A key is a C string to every reader: "\u0000" cannot be in one.
		expect_stderr_has "kpi-score: $f:1:15: invalid JSON: NUL byte in object key not supported"
		;;
	y_*)
		if multiline "$f"; then
			# Several lines of a stream, each a fragment.
			case $msgs in "kpi-score: $f:1:"*) ak_pass ;;
			*) ak_fail "first message: $msgs" ;; esac
		elif is_object "$f"; then
			if [ "$msgs" = "kpi-score: $f:1: missing field kind" ]; then ak_pass; else
				ak_fail "messages: $msgs"; fi
			# With a kind, the same bytes load (checked below).
			{ printf '{"kind":"json-test",'; tr -d '\n' <"$f" |
			  sed 's/^[[:space:]]*{//; s/^\([[:space:]]*\)}/\1"x":0}/'; echo; } >>"$AK_T/objects"
		else
			if [ "$msgs" = "kpi-score: $f:1: not an object: each line must be a JSON object" ]; then
				ak_pass; else ak_fail "messages: $msgs"; fi
		fi
		;;
	n_structure_no_data.json)
		# An empty file is an empty stream: no line, no record, no error.
		if [ "$count" -eq 0 ]; then ak_pass; else ak_fail "messages: $msgs"; fi
		;;
	n_*)
		if [ "$count" -ge 1 ] && { multiline "$f" || [ "$count" -eq 1 ]; }; then
			ak_pass; else ak_fail "$count messages: $msgs"; fi
		;;
	i_*)
		if [ "$count" -le 1 ] || multiline "$f"; then ak_pass; else
			ak_fail "$count messages: $msgs"; fi
		;;
	esac
done

case_ "every y_ object, given a kind, passes through kpi-score byte for byte"
run_stdin "$AK_T/objects" kpi-score --as-of 2026-11-23
expect_status 0
expect_empty_stderr
if cmp -s "$AK_T/objects" "$AK_T/out"; then ak_pass; else
	ak_fail "output differs:"; diff "$AK_T/objects" "$AK_T/out" | head -10 >&2; fi
if [ "$(wc -l <"$AK_T/objects")" -ge 8 ]; then ak_pass; else
	ak_fail "only $(wc -l <"$AK_T/objects") objects"; fi

# The other readers of the same bytes.
case_ "gap-find reads every file"
run timeout "$limit" gap-find --keep-going --as-of 2026-11-23 "${files[@]}"
ended
expect_status 2
all_located gap-find

case_ "report-fmt reads every file"
run timeout "$limit" report-fmt --keep-going "${files[@]}"
ended
expect_status 2
all_located report-fmt

case_ "goals-load reads every file as a JSON document"
run timeout "$limit" goals-load --keep-going --format json --kind goal "${files[@]}"
ended
expect_status 2
all_located goals-load

finish

# report-fmt on a big model: AK_REPORT_LIMITS_GOALS goals (default 12,000;
# scripts/test.sh runs 100,000 in its Release stage), a tenth as many
# initiatives, KPIs (four weekly scores each) and gaps, generated here by
# tests/data/report-fmt/report-fmt-big.awk; then on a stream that is
# mostly gaps (two per goal, as gap-find finds in a model of unsupported,
# unmeasured goals), where the formats that write one JSON document (SARIF,
# Code Quality) must not hold it whole.  Every format is rendered under a
# memory limit (ulimit -v) and must hold at most 1 KB per record (peak RSS
# from /usr/bin/time, over what an empty stream takes), and no output may
# grow faster than the records: at most 600 bytes of report per record of
# the big model, whatever the format, so the matrix (goals x initiatives)
# must have become a list; at most 1,000 per record of the stream of gaps.
# Under AddressSanitizer, whose shadow memory and red zones are no part of
# the report, the memory limits are 4 times looser.
. "$(dirname "$0")/lib.bash"
n=${AK_REPORT_LIMITS_GOALS:-12000}
limits_setup report-fmt-limits report-fmt

awk -v n="$n" -f "$AK_DATA/report-fmt/report-fmt-big.awk" >"$AK_T/big.jsonl"
awk -v n="$n" 'BEGIN {
	print "{\"kind\":\"goal\",\"id\":\"G\",\"title\":\"Top\",\"owner\":\"o\",\"src\":\"goals.csv:2\"}"
	for (i = 0; i < n; i++)
		printf "{\"kind\":\"goal\",\"id\":\"G%07d\",\"title\":\"Goal %d\",\"parent\":\"G\",\"owner\":\"o\",\"src\":\"goals.csv:%d\"}\n", i, i, i + 3
	for (i = 0; i < n; i++) {
		printf "{\"kind\":\"gap\",\"type\":\"unmeasured-goal\",\"severity\":\"warning\",\"subject\":\"G%07d\",\"message\":\"goal G%07d \\\"Goal %d\\\" has no active kpi; agree a kpi that measures it, with a business and an it owner\",\"fingerprint\":\"%016x\",\"src\":\"goals.csv:%d\"}\n", i, i, i, 2 * i, i + 3
		printf "{\"kind\":\"gap\",\"type\":\"unsupported-goal\",\"severity\":\"error\",\"subject\":\"G%07d\",\"message\":\"goal G%07d \\\"Goal %d\\\" has no active initiative; start or link an initiative that supports it\",\"fingerprint\":\"%016x\",\"src\":\"goals.csv:%d\"}\n", i, i, i, 2 * i + 1, i + 3
	}
}' >"$AK_T/gaps.jsonl"
: >"$AK_T/empty.jsonl"

# measure FILE ARGS...: runs report-fmt under the limit; sets rc and kb.
measure() {
	out=$1
	shift
	( ulimit -v "$vlimit"; "$TIME" -f %M -o "$AK_T/time" report-fmt "$@" -o "$out" ) 2>"$AK_T/err"
	rc=$?
	kb=$(tail -1 "$AK_T/time")
}

measure "$AK_T/empty.out" -f text "$AK_T/empty.jsonl"
base=$kb

for stream in big gaps; do
	records=$(wc -l <"$AK_T/$stream.jsonl")
	# A SARIF result, indented, takes some 950 bytes a gap.
	sizemax=600
	[ "$stream" = big ] || sizemax=1000
	for args in "-f text" "-f text --ascii" "-f markdown" "-f html" "-f csv" \
		"-f csv --section goals" "-f csv --section initiatives" \
		"-f csv --section matrix" "-f csv --section gaps" \
		"-f csv --section history" "-f junit" "-f sarif" "-f github" \
		"-f codequality"; do
		case_ "$stream: $records records ($n goals), $args: memory and size"
		# shellcheck disable=SC2086
		measure "$AK_T/out" $args "$AK_T/$stream.jsonl"
		[ "$rc" = 0 ] && ak_pass || { ak_fail "exit $rc: $(head -3 "$AK_T/err")"; continue; }
		per=$(( (kb - base) * 1024 / records ))
		[ "$factor" = 0 ] || [ "$per" -le $((1024 * factor)) ] && ak_pass ||
			ak_fail "$per bytes per record (peak $kb KB, empty $base KB)"
		size=$(wc -c <"$AK_T/out")
		[ "$size" -le $((sizemax * records)) ] && ak_pass || ak_fail "$size bytes of report for $records records"
		echo "report-fmt-limits: $stream $args: peak $kb KB ($per bytes/record over $base KB), $size bytes"
	done
done

case_ "the matrix is a list beyond 40 initiatives or 200 goals"
report-fmt -f markdown --section matrix "$AK_T/big.jsonl" >"$AK_T/m.md"
[ "$(grep -c '^| Goal | Title | Initiatives |$' "$AK_T/m.md")" = 1 ] && ak_pass || ak_fail "markdown matrix is not a list: $(sed -n 7p "$AK_T/m.md")"
grep -q '^| G1 | Goal number 1 of the big model | I[0-9]* (weight [0-9]*)' "$AK_T/m.md" && ak_pass || ak_fail "markdown list row: $(grep '^| G1 |' "$AK_T/m.md" | cut -c1-200)"
report-fmt -f html --section matrix "$AK_T/big.jsonl" >"$AK_T/m.html"
grep -q '<ul class="matrix-list">' "$AK_T/m.html" && ak_pass || ak_fail "html matrix is not a list"
grep -q '<li><a href="#goal-G1"><b>G1</b></a> Goal number 1 of the big model: ' "$AK_T/m.html" && ak_pass || ak_fail "html matrix list links"
if grep -q '<table class="matrix">' "$AK_T/m.html"; then ak_fail "html still has the grid"; else ak_pass; fi
finish

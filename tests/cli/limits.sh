#!/bin/bash
# Large and extreme inputs, each generated here at run time (nothing large
# is committed):
#  - a long stream through kpi-score whose memory stays flat: peak RSS on
#    AK_LIMITS_STREAM_MB megabytes (default 64; scripts/test.sh runs this
#    script against a Release build with 1024; 0 leaves it out, as the
#    valgrind run does) is that of a stream of two chunks, and no
#    measurement or passed-on record is lost;
#  - a 10 MB JSON line through every tool (AK_LIMITS_LINE_MB); a 1 MB CSV
#    field;
#  - AK_LIMITS_IDS ids (default 20,000; 1,000,000 in the Release run)
#    through goals-load, kpi-score and gap-find, and up to 100,000 of them
#    through report-fmt;
#  - a goal tree AK_LIMITS_DEPTH levels deep (default 100,000), and a
#    parent loop as long;
#  - measurements dated in year 1 and year 9999, and date-times that fall
#    outside the calendar once they are turned to UTC.
# Peak memory is measured with /usr/bin/time (Debian package time, which
# scripts/deps.sh installs).
. "$(dirname "$0")/lib.bash"
stream_mb=${AK_LIMITS_STREAM_MB:-64}
nids=${AK_LIMITS_IDS:-20000}
line_mb=${AK_LIMITS_LINE_MB:-10}
depth=${AK_LIMITS_DEPTH:-100000}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "limits: $TIME is needed (Debian package time)" >&2; exit 1; }
# Under AddressSanitizer freed memory waits in a quarantine (256 MB by
# default) that would look like growth; keep it small for the memory
# comparison.  Other builds ignore the variable.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=8"

# peak FILE: the peak RSS in KiB that /usr/bin/time wrote to FILE.
peak() { tail -1 "$1"; }

# count PATTERN FILE: lines of FILE holding the fixed string PATTERN.
count() { grep -cF -- "$1" "$2"; }

same() {
	if [ "$1" = "$2" ]; then ak_pass; else ak_fail "$3: $1, expected $2"; fi
}

# ---- a long stream, flat memory ----------------------------------------
# 1,000 KPIs; a chunk of 100,000 lines: 99,000 measurements spread over
# the eleven complete weeks before 2026-11-23 and 1,000 records of a kind
# kpi-score passes on.
awk 'BEGIN {
	print "{\"kind\":\"goal\",\"id\":\"G\",\"title\":\"Everything\"}"
	for (k = 0; k < 1000; k++)
		printf "{\"kind\":\"kpi\",\"id\":\"K%04d\",\"name\":\"KPI %d\",\"measures\":\"G\",\"target\":100,\"aggregate\":\"%s\"}\n",
		       k, k, k % 2 ? "sum" : "last"
}' >"$AK_T/kpis.jsonl"
awk 'BEGIN {
	split("2026-09-07", s, "-")
	for (i = 0; i < 100000; i++) {
		if (i % 100 == 99) {
			printf "{\"kind\":\"note\",\"n\":%d,\"text\":\"passed on\"}\n", i
			continue
		}
		d = int(i / 1000) % 77          # 77 days: 2026-09-07 .. 2026-11-22
		m = 9; day = 7 + d
		if (day > 30) { m = 10; day -= 30 }
		if (day > 31) { m = 11; day -= 31 }
		printf "{\"kind\":\"measurement\",\"kpi\":\"K%04d\",\"at\":\"2026-%02d-%02d\",\"value\":%d,\"note\":\"generated at run time\"}\n",
		       i % 1000, m, day, i % 250
	}
}' >"$AK_T/chunk.jsonl"
chunk_bytes=$(wc -c <"$AK_T/chunk.jsonl")
chunks=$(( (stream_mb * 1000000 + chunk_bytes - 1) / chunk_bytes ))
[ "$chunks" -ge 4 ] || chunks=4
per_chunk=$(count '"kind":"measurement"' "$AK_T/chunk.jsonl")
notes_per_chunk=$(count '"kind":"note"' "$AK_T/chunk.jsonl")

# stream N: the KPIs, then N chunks.
stream() {
	cat "$AK_T/kpis.jsonl"
	for ((i = 0; i < $1; i++)); do cat "$AK_T/chunk.jsonl"; done
}

# scored N: runs kpi-score on a stream of N chunks; checks that nothing was
# lost; leaves its peak RSS in $AK_T/rss.N.
scored() {
	local n=$1 start end
	start=$(date +%s)
	stream "$n" | "$TIME" -f %M -o "$AK_T/rss.$n" \
		kpi-score --as-of 2026-11-23 --periods 11 >"$AK_T/out" 2>"$AK_T/err"
	ak_status=$?
	end=$(date +%s)
	expect_status 0
	expect_empty_stderr
	same "$(count '"kind":"score"' "$AK_T/out")" 11000 "score records"
	same "$(awk -F'"n":' '/"kind":"score"/ { split($2, a, ","); s += a[1] } END { print s + 0 }' "$AK_T/out")" \
		$((n * per_chunk)) "measurements counted"
	same "$(count '"kind":"note"' "$AK_T/out")" $((n * notes_per_chunk)) "records passed on"
	echo "limits: kpi-score on $(( (n * chunk_bytes + 500000) / 1000000 )) MB: $(peak "$AK_T/rss.$n") KiB peak, $((end - start)) s" >&2
}

if [ "$stream_mb" -gt 0 ]; then
	case_ "kpi-score on a stream of two chunks"
	scored 2
	case_ "kpi-score on a stream of $stream_mb MB: nothing lost, memory flat"
	scored "$chunks"
	small=$(peak "$AK_T/rss.2")
	large=$(peak "$AK_T/rss.$chunks")
	if [ "$large" -le $((small + 16384)) ]; then ak_pass; else
		ak_fail "peak RSS grew from $small KiB to $large KiB"; fi
else
	echo "limits: the long stream left out (AK_LIMITS_STREAM_MB=0)" >&2
fi

# ---- a 10 MB line ------------------------------------------------------
head -c $((line_mb * 1000000)) /dev/zero | tr '\0' 'x' >"$AK_T/x10m"
{
	printf '{"kind":"note","text":"'; cat "$AK_T/x10m"; printf '"}\n'
	printf '{"kind":"goal","id":"G","title":"<b>'; cat "$AK_T/x10m"; printf '</b>","owner":"o"}\n'
	printf '{"kind":"kpi","id":"K","name":"k","measures":"G","target":1,"business_owner":"b","it_owner":"i"}\n'
	printf '{"kind":"measurement","kpi":"K","at":"2026-11-17","value":1,"note":"'; cat "$AK_T/x10m"; printf '"}\n'
} >"$AK_T/long.jsonl"
head -2 "$AK_T/long.jsonl" >"$AK_T/long-head"

case_ "kpi-score passes 10 MB lines on byte for byte and counts a 10 MB measurement"
run kpi-score --as-of 2026-11-23 "$AK_T/long.jsonl"
expect_status 0
expect_empty_stderr
head -2 "$AK_T/out" | cmp -s - "$AK_T/long-head" && ak_pass || ak_fail "the long lines changed"
expect_stdout_has '"kind":"score","kpi":"K","measures":"G","period":"2026-W47","start":"2026-11-16","end":"2026-11-22","value":1,"n":1'
cp "$AK_T/out" "$AK_T/long-scored.jsonl"

case_ "goals-load passes 10 MB lines on"
run goals-load "$AK_T/long.jsonl"
expect_status 0
expect_empty_stderr
[ "$(head -1 "$AK_T/out")" = "$(head -1 "$AK_T/long.jsonl")" ] && ak_pass || ak_fail "the note changed"
same "$(sed -n 2p "$AK_T/out" | jq -r '.title | length')" $((line_mb * 1000000 + 7)) "title length"

case_ "gap-find passes 10 MB lines on"
run gap-find --as-of 2026-11-23 --fail-on never "$AK_T/long-scored.jsonl"
expect_status 0
expect_empty_stderr
head -2 "$AK_T/out" | cmp -s - "$AK_T/long-head" && ak_pass || ak_fail "the long lines changed"

for f in markdown html text csv junit sarif github codequality; do
	case_ "report-fmt -f $f with a 10 MB title"
	run report-fmt -f "$f" "$AK_T/long-scored.jsonl"
	expect_status 0
	expect_empty_stderr
	if grep -qF '<b>xxx' "$AK_T/out" && [ "$f" = html ]; then
		ak_fail "html: the title's markup reached the page"; else ak_pass; fi
done

case_ "a 10 MB line that is not JSON: one short message"
{ printf '{"kind":"note","text":"'; cat "$AK_T/x10m"; echo; } >"$AK_T/broken.jsonl"
for t in kpi-score gap-find report-fmt goals-load; do
	run "$t" "$AK_T/broken.jsonl"
	expect_status 2
	expect_stderr_has "$t: $AK_T/broken.jsonl:1:"
	[ "$(wc -l <"$AK_T/err")" -eq 1 ] && [ "$(wc -c <"$AK_T/err")" -lt 1024 ] && ak_pass ||
		ak_fail "$t: $(wc -c <"$AK_T/err") bytes of messages"
done

# ---- a 1 MB CSV field --------------------------------------------------
head -c 1000000 /dev/zero | tr '\0' 'y' >"$AK_T/y1m"
{
	echo 'id,title,owner,notes'
	printf 'G1,"'; cat "$AK_T/y1m"; printf ' ""quoted"", with, commas\nand a line break",Ann,'
	cat "$AK_T/y1m"; echo
	echo 'G2,Short,Bob,x'
} >"$AK_T/big-goals.csv"

case_ "goals-load reads a 1 MB quoted cell and a 1 MB plain one"
run goals-load "$AK_T/big-goals.csv"
expect_status 0
expect_empty_stderr
same "$(jq -c '[.id, (.title | length), (.notes | length), .src]' "$AK_T/out" | tr '\n' ' ')" \
	"[\"G1\",1000040,1000000,\"$AK_T/big-goals.csv:2\"] [\"G2\",5,1,\"$AK_T/big-goals.csv:4\"] " "records"
same "$(jq -r 'select(.id == "G1") | .title[1000000:]' "$AK_T/out")" \
	"$(printf ' "quoted", with, commas\nand a line break')" "the end of the title"

case_ "goals-load --raw reads a 1 MB header cell"
{ printf 'id,'; cat "$AK_T/y1m"; echo; echo 'G1,z'; } >"$AK_T/wide-head.csv"
run goals-load --raw "$AK_T/wide-head.csv"
expect_status 0
same "$(jq -r 'keys_unsorted | map(length) | join(" ")' "$AK_T/out")" "2 1000000" "key lengths"

case_ "a 1 MB id or number: a short message"
{ echo 'id,title'; printf 'G'; cat "$AK_T/y1m"; echo ',x'; } >"$AK_T/long-id-goals.csv"
run goals-load "$AK_T/long-id-goals.csv"
expect_status 2
expect_stderr "goals-load: $AK_T/long-id-goals.csv:2: goal: field id: an id must be at most 128 bytes"
{ echo 'kpi,2026-11-16'; printf 'K1,"'; head -c 1000000 /dev/zero | tr '\0' '1'; echo '"'; } >"$AK_T/long-measurements.csv"
run goals-load "$AK_T/long-measurements.csv"
expect_status 2
expect_stderr "goals-load: $AK_T/long-measurements.csv:2: measurement: field value: \"1111111111111111111111111111111111111111\" is out of range"

# ---- many ids ----------------------------------------------------------
# nids goals under one top goal, which one initiative supports and one KPI
# measures: each of the others is unsupported and unmeasured.
awk -v n="$nids" 'BEGIN {
	print "id,title,parent,owner"
	print "G,Top,,o"
	for (i = 0; i < n; i++) printf "G%07d,Goal %d,G,o\n", i, i
}' >"$AK_T/many-goals.csv"
{
	echo '{"kind":"initiative","id":"I","title":"All","supports":["G"],"owner":"o","sponsor":"s"}'
	echo '{"kind":"kpi","id":"K","name":"k","measures":"G","target":1,"business_owner":"b","it_owner":"i"}'
	echo '{"kind":"measurement","kpi":"K","at":"2026-11-17","value":1}'
} >"$AK_T/many-rest.jsonl"

case_ "goals-load reads $nids ids and finds the one used twice"
run goals-load "$AK_T/many-goals.csv" "$AK_T/many-rest.jsonl"
expect_status 0
expect_empty_stderr
same "$(wc -l <"$AK_T/out")" $((nids + 4)) "records"
mv "$AK_T/out" "$AK_T/many.jsonl"
{ cat "$AK_T/many-goals.csv"; echo "G$(printf %07d $((nids / 2))),Again,,o"; } >"$AK_T/dup-goals.csv"
run goals-load "$AK_T/dup-goals.csv"
expect_status 2
expect_stderr "goals-load: $AK_T/dup-goals.csv:$((nids + 3)): duplicate id G$(printf %07d $((nids / 2))) (first at $AK_T/dup-goals.csv:$((nids / 2 + 3)))"

case_ "kpi-score rolls up $nids goals"
run kpi-score --as-of 2026-11-23 "$AK_T/many.jsonl"
expect_status 0
expect_empty_stderr
same "$(count '"kind":"rollup"' "$AK_T/out")" $((nids + 2)) "rollups"
expect_stdout_has '{"kind":"rollup","of":"G","type":"goal","period":"2026-W47","end":"2026-11-22","score":1,"status":"green","children":'"$((nids + 1))"',"scored":1'
mv "$AK_T/out" "$AK_T/many-scored.jsonl"

# One period is scored: the check-skipped of worsening-trend is not what
# these cases count (gap-find.sh and test_gap.c assert it).
case_ "gap-find checks $nids goals"
run gap-find --as-of 2026-11-23 --gaps-only --ignore check-skipped "$AK_T/many-scored.jsonl"
expect_status 1
expect_empty_stderr
same "$(count '"type":"unsupported-goal"' "$AK_T/out")" "$nids" "unsupported-goal gaps"
same "$(count '"type":"unmeasured-goal"' "$AK_T/out")" "$nids" "unmeasured-goal gaps"
same "$(wc -l <"$AK_T/out")" $((2 * nids)) "gaps"

# report-fmt holds the whole stream to lay it out: it gets at most
# 100,000 of the goals, with their rollups and gaps.
rids=$((nids < 100000 ? nids : 100000))
if [ "$rids" -lt "$nids" ]; then
	head -$((rids + 2)) "$AK_T/many-goals.csv" >"$AK_T/some-goals.csv"
	goals-load "$AK_T/some-goals.csv" "$AK_T/many-rest.jsonl" |
		kpi-score --as-of 2026-11-23 >"$AK_T/some-scored.jsonl"
	gap-find --as-of 2026-11-23 --fail-on never "$AK_T/some-scored.jsonl" >"$AK_T/some.jsonl"
else
	gap-find --as-of 2026-11-23 --fail-on never "$AK_T/many-scored.jsonl" >"$AK_T/some.jsonl"
fi
for f in text html csv; do
	case_ "report-fmt -f $f on $rids goals with their rollups and gaps"
	run report-fmt -f "$f" --section goals "$AK_T/some.jsonl"
	expect_status 0
	expect_empty_stderr
	[ "$f" = csv ] || expect_stdout_has "G$(printf %07d $((rids - 1)))"
done
same "$(grep -c '^G[0-9]' "$AK_T/out")" "$rids" "goal rows"

# ---- a deep goal tree --------------------------------------------------
# G0 <- G1 <- ... <- G99999: a chain as deep as the tree can be; the KPI at
# the bottom carries its score all the way up.  Then the same chain closed
# into a loop.
awk -v n="$depth" 'BEGIN {
	print "{\"kind\":\"goal\",\"id\":\"G0\",\"title\":\"Root\",\"owner\":\"o\"}"
	for (i = 1; i < n; i++)
		printf "{\"kind\":\"goal\",\"id\":\"G%d\",\"title\":\"Level %d\",\"parent\":\"G%d\",\"owner\":\"o\"}\n", i, i, i - 1
	printf "{\"kind\":\"initiative\",\"id\":\"I\",\"title\":\"Bottom\",\"supports\":[\"G%d\"],\"owner\":\"o\",\"sponsor\":\"s\"}\n", n - 1
	printf "{\"kind\":\"kpi\",\"id\":\"K\",\"name\":\"k\",\"measures\":\"G%d\",\"target\":1,\"business_owner\":\"b\",\"it_owner\":\"i\"}\n", n - 1
	print "{\"kind\":\"measurement\",\"kpi\":\"K\",\"at\":\"2026-11-17\",\"value\":1}"
}' >"$AK_T/deep.jsonl"
sed '1s/"owner":"o"/"parent":"G'$((depth - 1))'","owner":"o"/' "$AK_T/deep.jsonl" >"$AK_T/loop.jsonl"

case_ "goals-load reads a chain $depth goals deep"
run goals-load "$AK_T/deep.jsonl"
expect_status 0
expect_empty_stderr
# The goals come out as they went in, with a src.
grep '"kind":"goal"' "$AK_T/out" | sed 's/,"src":"[^"]*"}$/}/' >"$AK_T/goals.out"
grep '"kind":"goal"' "$AK_T/deep.jsonl" | cmp -s - "$AK_T/goals.out" && ak_pass || ak_fail "the chain changed"

case_ "kpi-score rolls a score up $depth levels"
run kpi-score --as-of 2026-11-23 "$AK_T/deep.jsonl"
expect_status 0
expect_empty_stderr
same "$(count '"kind":"rollup"' "$AK_T/out")" $((depth + 1)) "rollups"
same "$(count '"score":1,"status":"green","children":1,"scored":1' "$AK_T/out")" "$depth" "green rollups"
expect_stdout_has '{"kind":"rollup","of":"G0","type":"goal","period":"2026-W47","end":"2026-11-22","score":1,"status":"green","children":1,"scored":1}'
mv "$AK_T/out" "$AK_T/deep-scored.jsonl"

case_ "gap-find on a chain $depth goals deep: no gap"
run gap-find --as-of 2026-11-23 --gaps-only --ignore check-skipped "$AK_T/deep-scored.jsonl"
expect_status 0
expect_empty_stderr
expect_empty_stdout

# Drawn, the tree stops indenting at some depth, so that a report grows
# with the number of goals only; the csv depth column stays exact.
gap-find --as-of 2026-11-23 --fail-on never "$AK_T/deep-scored.jsonl" >"$AK_T/deep-gaps.jsonl"
for f in text markdown html csv; do
	case_ "report-fmt -f $f on a chain $depth goals deep"
	run report-fmt -f "$f" --section goals "$AK_T/deep-gaps.jsonl"
	expect_status 0
	expect_empty_stderr
	[ "$(wc -c <"$AK_T/out")" -lt $((depth * 1000)) ] && ak_pass ||
		ak_fail "$(wc -c <"$AK_T/out") bytes for $depth goals"
done
same "$(awk -F, 'NR > 1 && $4 + 0 > m { m = $4 + 0 } END { print m + 0 }' "$AK_T/out")" \
	$((depth - 1)) "the deepest goal's depth"

case_ "kpi-score on a loop $depth goals long: no score goes round"
run kpi-score --as-of 2026-11-23 "$AK_T/loop.jsonl"
expect_status 0
expect_empty_stderr
same "$(count '"kind":"rollup"' "$AK_T/out")" $((depth + 1)) "rollups"
mv "$AK_T/out" "$AK_T/loop-scored.jsonl"

case_ "gap-find on a loop $depth goals long: one goal-cycle gap"
run gap-find --as-of 2026-11-23 --gaps-only --only goal-cycle "$AK_T/loop-scored.jsonl"
expect_status 1
expect_empty_stderr
same "$(wc -l <"$AK_T/out")" 1 "gaps"
same "$(jq -r '[.type, .subject, .src] | join(" ")' "$AK_T/out")" "goal-cycle G0 $AK_T/loop-scored.jsonl:1" "the gap"
# G0, the whole loop back to G0, each id once.
same "$(jq -r .message "$AK_T/out" | grep -o 'G[0-9]*' | wc -l)" $((depth + 2)) "ids in the message"
jq -e --arg head "goal G0 \"Root\" is its own ancestor: G0 -> G$((depth - 1)) -> " \
	--arg tail " -> G1 -> G0; change one of these parents to break the loop" \
	'.message | startswith($head) and endswith($tail)' "$AK_T/out" >/dev/null && ak_pass ||
	ak_fail "the message: $(jq -r '.message | .[0:60] + " ... " + .[-60:]' "$AK_T/out")"

case_ "report-fmt on a loop $depth goals long"
gap-find --as-of 2026-11-23 --fail-on never "$AK_T/loop-scored.jsonl" >"$AK_T/loop-gaps.jsonl"
run report-fmt -f text --section goals,gaps "$AK_T/loop-gaps.jsonl"
expect_status 0
expect_empty_stderr
expect_stdout_has "G$((depth - 1))"

# ---- year 1 and year 9999 ----------------------------------------------
cat >"$AK_T/years.jsonl" <<'EOF'
{"kind":"goal","id":"G","title":"Edges","owner":"o"}
{"kind":"initiative","id":"I","title":"Forever","supports":["G"],"owner":"o","sponsor":"s","start":"0001-01-01","end":"9999-12-31"}
{"kind":"kpi","id":"KW","name":"weekly","measures":"G","target":1,"cadence":"week","business_owner":"b","it_owner":"i"}
{"kind":"kpi","id":"KY","name":"yearly","measures":"G","target":10,"cadence":"year","start":"0001-01-01","due":"9999-12-31","business_owner":"b","it_owner":"i"}
{"kind":"measurement","kpi":"KW","at":"0001-01-01","value":1}
{"kind":"measurement","kpi":"KY","at":"0001-01-01T00:00:00Z","value":1}
{"kind":"measurement","kpi":"KW","at":"9999-12-31","value":2}
{"kind":"measurement","kpi":"KY","at":"9999-12-31T23:59:59.999Z","value":10}
EOF

case_ "the first week of year 1"
run kpi-score --as-of 0001-01-07 --periods 5 "$AK_T/years.jsonl"
expect_status 0
expect_empty_stderr
# Five weeks were asked for; only one lies in the calendar.
same "$(grep '"kind":"score"' "$AK_T/out")" \
	'{"kind":"score","kpi":"KW","measures":"G","period":"0001-W01","start":"0001-01-01","end":"0001-01-07","value":1,"n":1,"target":1,"progress":1,"expected":1,"score":1,"status":"green","previous":null,"delta":null,"trend":null,"stale":false,"forecast":null}' \
	"scores"
expect_stdout_has '{"kind":"rollup","of":"G","type":"goal","period":"0001-W01","end":"0001-01-07","score":1,"status":"green","children":2,"scored":1}'

case_ "before the first complete period: nothing to score"
run kpi-score --as-of 0001-01-01 --period year "$AK_T/years.jsonl"
expect_status 0
expect_empty_stderr
same "$(grep -c '"kind":"\(score\|rollup\)"' "$AK_T/out")" 0 "derived records"

case_ "year 1 and year 9999 by the year"
run kpi-score --as-of 0001-12-31 --period year "$AK_T/years.jsonl"
expect_status 0
expect_stdout_has '"kind":"score","kpi":"KY","measures":"G","period":"0001","start":"0001-01-01","end":"0001-12-31","value":1,"n":1'
run kpi-score --as-of 9999-12-31 --period year --periods 2 "$AK_T/years.jsonl"
expect_status 0
expect_empty_stderr
expect_stdout_has '"kind":"score","kpi":"KY","measures":"G","period":"9999","start":"9999-01-01","end":"9999-12-31","value":10,"n":1,"target":10,"progress":1,"expected":1,"score":1,"status":"green","previous":null'
expect_stdout_has '"kind":"rollup","of":"G","type":"goal","period":"9999","end":"9999-12-31","score":1,"status":"green"'
# The week holding 9999-12-31 ends in year 10000: it is never complete.
expect_stdout_has '"kind":"score","kpi":"KW","measures":"G","period":"9999-W51","start":"9999-12-20","end":"9999-12-26","value":null,"n":0'
cp "$AK_T/out" "$AK_T/years-scored.jsonl"

case_ "gap-find and report-fmt in year 9999"
run gap-find --as-of 9999-12-31 --fail-on never "$AK_T/years-scored.jsonl"
expect_status 0
expect_empty_stderr
expect_stdout_has '"type":"stale-kpi","severity":"warning","subject":"KW"'
if grep -q '"type":"overdue-initiative"' "$AK_T/out"; then ak_fail "I ends on as-of: not overdue"; else ak_pass; fi
for f in text markdown html csv junit sarif github codequality; do
	run report-fmt -f "$f" "$AK_T/out"
	expect_status 0
	expect_empty_stderr
done

case_ "date-times outside the calendar in UTC are input errors"
for at in 9999-12-31T23:00:00-02:00 0001-01-01T00:30:00+01:00 10000-01-01 0000-12-31; do
	printf '{"kind":"measurement","kpi":"KW","at":"%s","value":1}\n' "$at" >"$AK_T/edge.jsonl"
	run kpi-score --as-of 9999-12-31 "$AK_T/edge.jsonl"
	expect_status 2
	expect_stderr "kpi-score: $AK_T/edge.jsonl:1: measurement: field at: \"$at\" is not a valid date or date-time"
done

finish

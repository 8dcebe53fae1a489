# gap-find on big streams, each generated here: the big model that
# report-fmt-limits.sh renders (tests/data/report-fmt/report-fmt-big.awk:
# AK_GAP_LIMITS_GOALS goals, default 100,000, a million in the Release
# stage of scripts/test.sh; a tenth as many initiatives and KPIs with four
# weekly scores each, a rollup per goal and initiative, about 2.8 records
# per goal), and as many goals again under one top goal with a rollup
# each, every one unsupported and unmeasured (the shape of a million-id
# model).  gap-find runs under a memory limit (ulimit -v) and must hold at
# most 1 KB per record it reads (peak RSS from /usr/bin/time, over what an
# empty stream takes), whatever it finds, while passing every record on.
# Under AddressSanitizer, whose shadow memory and red zones are no part of
# gap-find, the limit is 4 times looser; under scripts/valgrind.sh's
# wrapper only memory errors and sizes are checked.
. "$(dirname "$0")/lib.bash"
n=${AK_GAP_LIMITS_GOALS:-100000}
limits_setup gap-find-limits gap-find

awk -v n="$n" -f "$AK_DATA/report-fmt/report-fmt-big.awk" >"$AK_T/big.jsonl"
awk -v n="$n" 'BEGIN {
	print "{\"kind\":\"goal\",\"id\":\"G\",\"title\":\"Top\",\"owner\":\"o\",\"src\":\"goals.csv:2\"}"
	for (i = 0; i < n; i++)
		printf "{\"kind\":\"goal\",\"id\":\"G%07d\",\"title\":\"Goal %d\",\"parent\":\"G\",\"owner\":\"o\",\"src\":\"goals.csv:%d\"}\n", i, i, i + 3
	print "{\"kind\":\"initiative\",\"id\":\"I\",\"title\":\"All\",\"supports\":[{\"goal\":\"G\",\"weight\":1}],\"owner\":\"o\",\"sponsor\":\"s\",\"src\":\"rest.jsonl:1\"}"
	print "{\"kind\":\"kpi\",\"id\":\"K\",\"name\":\"k\",\"measures\":\"G\",\"target\":1,\"business_owner\":\"b\",\"it_owner\":\"i\",\"src\":\"rest.jsonl:2\"}"
	for (i = 0; i < n; i++)
		printf "{\"kind\":\"rollup\",\"of\":\"G%07d\",\"type\":\"goal\",\"period\":\"2026-W47\",\"end\":\"2026-11-22\",\"score\":null,\"status\":\"none\",\"children\":0,\"scored\":0,\"src\":\"goals.csv:%d\"}\n", i, i + 3
	print "{\"kind\":\"score\",\"kpi\":\"K\",\"measures\":\"G\",\"period\":\"2026-W47\",\"start\":\"2026-11-16\",\"end\":\"2026-11-22\",\"value\":1,\"n\":1,\"target\":1,\"progress\":1,\"expected\":1,\"score\":1,\"status\":\"green\",\"previous\":null,\"delta\":null,\"trend\":null,\"stale\":false,\"src\":\"rest.jsonl:2\"}"
}' >"$AK_T/flat.jsonl"
: >"$AK_T/empty.jsonl"

# measure OUT ARGS...: runs gap-find under the limit; sets rc and kb.
measure() {
	out=$1
	shift
	( ulimit -v "$vlimit"; "$TIME" -f %M -o "$AK_T/time" gap-find --as-of 2026-11-23 --fail-on never "$@" >"$out" ) 2>"$AK_T/err"
	rc=$?
	kb=$(tail -1 "$AK_T/time")
}

measure "$AK_T/empty.out" "$AK_T/empty.jsonl"
base=$kb

for stream in big flat; do
	in=$AK_T/$stream.jsonl
	records=$(wc -l <"$in")
	for args in "" "--gaps-only"; do
		case_ "$stream: $records records ($n goals) ${args:-passed on}: memory"
		# shellcheck disable=SC2086
		measure "$AK_T/out" $args "$in"
		[ "$rc" = 0 ] && ak_pass || { ak_fail "exit $rc: $(head -3 "$AK_T/err")"; continue; }
		per=$(( (kb - base) * 1024 / records ))
		[ "$factor" = 0 ] || [ "$per" -le $((1024 * factor)) ] && ak_pass ||
			ak_fail "$per bytes per record (peak $kb KB, empty $base KB)"
		if [ -z "$args" ]; then
			# Every record passed on as it came, then the gaps.
			head -n "$records" "$AK_T/out" | cmp -s - "$in" && ak_pass ||
				ak_fail "the records were not passed on unchanged"
			tail -n +$((records + 1)) "$AK_T/out" >"$AK_T/gaps"
		else
			mv "$AK_T/out" "$AK_T/gaps"
		fi
		gaps=$(wc -l <"$AK_T/gaps")
		[ "$gaps" -ge "$n" ] && ak_pass || ak_fail "$gaps gaps, expected at least $n"
		[ "$(grep -c '^{"kind":"gap",' "$AK_T/gaps")" = "$gaps" ] && ak_pass ||
			ak_fail "records other than gaps after the records passed on"
		echo "gap-find-limits: $stream ${args:-passed on}: peak $kb KB ($per bytes/record over $base KB), $records records, $gaps gaps"
	done
done

case_ "flat: each goal unsupported and unmeasured"
[ "$(grep -c '"type":"unsupported-goal"' "$AK_T/gaps")" = "$n" ] && ak_pass || ak_fail "unsupported-goal gaps"
[ "$(grep -c '"type":"unmeasured-goal"' "$AK_T/gaps")" = "$n" ] && ak_pass || ak_fail "unmeasured-goal gaps"
finish

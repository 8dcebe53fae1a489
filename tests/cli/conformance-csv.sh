#!/bin/bash
# The CSV layer against csv-spectrum (../shared/conformance/csv-spectrum):
# `goals-load --raw` must read each csvs/NAME.csv as exactly the records of
# json/NAME.json (header -> field names, every value a string).
#
# Two known defects of the suite are handled in the open, not hidden:
#  - json/location_coordinates.json holds an object, not an array
#    (upstream issue #22), and its phone number is not the CSV's
#    (upstream issue #20): the record is compared without that field, and
#    the field is checked against the CSV's own text.
#  - the *_crlf.csv files of this copy have lost their carriage returns, so
#    newlines_crlf.json's "\r\n" inside a quoted cell cannot come from the
#    file as stored: each *_crlf file is compared as stored (with "\r\n" in
#    the expected values read as "\n") and again with its CRLF line ends
#    restored (against the JSON as it is).
. "$(dirname "$0")/lib.bash"
S="$AK_SHARED/conformance/csv-spectrum"
command -v jq >/dev/null || { echo "jq is needed" >&2; exit 1; }

# same CSV EXPECTED-JSON JQ-FILTER: goals-load --raw CSV gives the records
# of EXPECTED-JSON after FILTER.
same() {
	local csv=$1 json=$2 filter=$3
	run goals-load --raw "$csv"
	expect_status 0
	expect_empty_stderr
	if jq -S -s "map($filter)" "$AK_T/out" >"$AK_T/got" 2>"$AK_T/jqerr" &&
	   jq -S "if type == \"object\" then [.] else . end | map($filter)" \
	      "$json" >"$AK_T/want"; then
		if cmp -s "$AK_T/got" "$AK_T/want"; then ak_pass; else
			ak_fail "$(basename "$csv") differs:"; diff "$AK_T/want" "$AK_T/got" | head -20 >&2; fi
	else
		ak_fail "$(basename "$csv"): output is not JSON:"; head -5 "$AK_T/jqerr" >&2
	fi
}

n=0
for csv in "$S"/csvs/*.csv; do
	name=$(basename "$csv" .csv)
	json="$S/json/$name.json"
	case_ "$name"
	n=$((n + 1))
	case $name in
	location_coordinates)
		same "$csv" "$json" 'del(."Contact Phone Number")'
		expect_stdout_has '"Contact Phone Number":"2095257564"'
		;;
	*_crlf)
		same "$csv" "$json" 'map_values(gsub("\r\n"; "\n"))'
		sed 's/$/\r/' "$csv" >"$AK_T/$name.csv"
		case_ "$name with CRLF restored"
		same "$AK_T/$name.csv" "$json" '.'
		;;
	*)
		same "$csv" "$json" '.'
		;;
	esac
done
case_ "the suite is there"
if [ "$n" -ge 12 ]; then ak_pass; else ak_fail "only $n files in $S/csvs"; fi

finish

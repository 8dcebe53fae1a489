# examples/libalignkit/score-one-kpi.c: compiles against the public
# headers and the built library with every warning on, and scores a KPI
# exactly as kpi-score does.
. "$(dirname "$0")/lib.bash"
: "${AK_SRC:?AK_SRC must name the source tree}"
: "${AK_BUILD:?AK_BUILD must name the build tree}"
src=$AK_SRC/examples/libalignkit/score-one-kpi.c
model=$AK_SRC/examples/model
prog=$AK_T/score-one-kpi

# A sanitizer build's library needs the sanitizer runtimes at link time.
san=
if grep -q '^AK_SANITIZE:BOOL=ON$' "$AK_BUILD/CMakeCache.txt"; then
	san=-fsanitize=address,undefined
fi

case_ "compiles clean as C11 against the public headers"
run cc -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wconversion \
	-Wstrict-prototypes -Wmissing-prototypes -Werror $san \
	-I"$AK_SRC/include" -o "$prog" "$src" "$AK_BUILD/libalignkit.a" \
	$(pkg-config --libs jansson) -lcsv -lm
expect_status 0
expect_empty_stderr
# Only public headers: nothing from lib/.
run grep -E '^#include' "$src"
expect_stdout '#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <alignkit.h>
#include <alignkit/load.h>
#include <alignkit/score.h>'

case_ "scores one KPI for people"
run "$prog" --as-of 2026-11-23 --periods 2 support-backlog "$model"
expect_status 0
expect_empty_stderr
run "'$prog' --as-of 2026-11-23 --periods 2 support-backlog '$model' | head -3"
expect_stdout "kpi support-backlog: Open support tickets, measures G2.2 (down)
2026-W46 (2026-11-09 to 2026-11-15): 287 tickets from 1 measurement: score 0.0867 (progress 0.0867 of 1 expected), amber, improving
2026-W47 (2026-11-16 to 2026-11-22): 304 tickets from 1 measurement: score 0 (progress -0.0267 of 1 expected), red, worsening"

case_ "its score records are kpi-score's, byte for byte"
for kpi in conversion-rate academy-graduates cloud-utilisation; do
	run "'$prog' --as-of 2026-11-23 --periods 3 $kpi '$model' | grep '^{'"
	expect_status 0
	cp "$AK_T/out" "$AK_T/example.jsonl"
	run "goals-load '$model' | kpi-score --as-of 2026-11-23 --periods 3 | grep -F '{\"kind\":\"score\",\"kpi\":\"$kpi\",'"
	if cmp -s "$AK_T/out" "$AK_T/example.jsonl"; then ak_pass; else
		ak_fail "$kpi: scores differ from kpi-score's:"; diff "$AK_T/out" "$AK_T/example.jsonl" | head >&2; fi
done

case_ "a period without data, a retired KPI"
cat >"$AK_T/kpis.jsonl" <<'EOF'
{"kind":"goal","id":"G1","title":"Sell more"}
{"kind":"kpi","id":"K1","name":"Orders","measures":"G1","target":10,"unit":"orders"}
{"kind":"kpi","id":"K2","name":"Faxes","measures":"G1","target":1,"status":"retired"}
{"kind":"measurement","kpi":"K1","at":"2026-11-10","value":12}
EOF
run "$prog" --as-of 2026-11-23 --periods 2 K1 "$AK_T/kpis.jsonl"
expect_status 0
run "'$prog' --as-of 2026-11-23 --periods 2 K1 '$AK_T/kpis.jsonl' | head -3"
expect_stdout "kpi K1: Orders, measures G1 (up)
2026-W46 (2026-11-09 to 2026-11-15): 12 orders from 1 measurement: score 1 (progress 1.2 of 1 expected), green
2026-W47 (2026-11-16 to 2026-11-22): no measurements"
run "$prog" --as-of 2026-11-23 K2 "$AK_T/kpis.jsonl"
expect_status 0
expect_stdout "kpi K2: Faxes, measures G1 (up)
retired, not scored"

case_ "errors"
run "$prog" --as-of 2026-11-23 no-such-kpi "$model"
expect_status 2
expect_stderr 'score-one-kpi: no kpi has the id "no-such-kpi"'
expect_empty_stdout
run "$prog" --as-of 2026-11-23 K1 "$AK_T/missing.csv"
expect_status 2
expect_stderr "score-one-kpi: $AK_T/missing.csv: cannot open: No such file or directory"
printf 'id,name,measures,target\nK1,Orders,G1,ten\n' >"$AK_T/kpis.csv"
run "$prog" --as-of 2026-11-23 K1 "$AK_T/kpis.csv"
expect_status 2
expect_stderr "score-one-kpi: $AK_T/kpis.csv:2: kpi K1: field target: \"ten\" is not a number"
run "$prog" --as-of 2026-13-01 K1 "$model"
expect_status 2
expect_stderr_has "score-one-kpi: --as-of: "
run "$prog" --periods 0 K1 "$model"
expect_status 2
expect_stderr 'score-one-kpi: --periods: "0" is not a whole number from 1 to 1000'
run "$prog" K1
expect_status 2
expect_stderr_has "usage: score-one-kpi [--as-of DATE] [--periods N] KPI MODEL..."
run "$prog" --help
expect_status 0
expect_stdout_has "usage: score-one-kpi"
finish

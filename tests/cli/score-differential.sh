# CLI test: kpi-score against an independent reference of its rules
# (tests/reference/alignkit_ref.py, written from the SPEC in Python), on
# random models from tests/reference/gen_model.py: for each seed, the score
# and rollup records of both must be byte for byte the same.  On a
# difference it prints the seed, the options and the first differing line;
# to replay one seed:
#   AK_DIFF_SEEDS=17 AK_DIFF_FIRST=17 AK_BIN=build/bin AK_DATA=tests/data \
#     bash tests/cli/score-differential.sh
. "$(dirname "$0")/lib.bash"

ref=$(cd "$(dirname "$0")/../reference" && pwd)

# Features of the model that today's kpi-score does not implement yet
# (issue 14): the generator leaves them out, and the reference leaves out
# the score fields `target`/`min`/`max` and `forecast`.  Whoever implements
# one removes its flag here.
GEN_OFF=""
REF_OFF=""

# Known disagreements of today's kpi-score with the SPEC, kept out until
# they are fixed (remove the flag with the fix):
# --no-decimal-values  progress is computed in doubles:
#                      (145 - 11.1) / (52.7 - 11.1) gives 3.21875 and
#                      prints 3.2188, while the exact quotient of those
#                      doubles is just below and prints 3.2187 (seeds 131,
#                      and one other in 200).  Sums and means of decimal
#                      values are exact now and agree on every seed.
# --known-round4       progress/expected/score round half away from zero
#                      after scaling by 10000 (0.66665 prints 0.6667);
#                      SPEC 1 asks for rounding from the double's exact
#                      value (0.6666, as printf("%.4f") gives).
# --known-double-mean  a rollup's weighted mean is computed in doubles: the
#                      exact mean 0.81835 of seed 373 (weights 0.5, 2, 1.5;
#                      scores 1, 1, 0.5156) comes out 0.81834999999999991
#                      and prints 0.8183; the exact value's double prints
#                      0.8184 (SPEC 1: right for every finite input).
GEN_KNOWN="--no-decimal-values"
REF_KNOWN=""

seeds=${AK_DIFF_SEEDS:-200}
first=${AK_DIFF_FIRST:-1}

case_ "python3 is there to run the reference"
if ! command -v python3 >/dev/null 2>&1; then
	ak_fail "python3 is not installed: the differential test cannot run"
	finish; exit
fi
ak_pass

case_ "the reference agrees with the hand-checked golden scores"
want=$AK_T/golden.derived
grep -E '^\{"kind":"(rollup|score)"' "$AK_DATA/golden/kpi-score/model.out" >"$want"
if python3 "$ref/alignkit_ref.py" --as-of 2026-11-23 $REF_OFF $REF_KNOWN \
	"$AK_DATA/kpi-score/model.jsonl" >"$AK_T/ref.out" &&
	cmp -s "$want" "$AK_T/ref.out"; then ak_pass; else
	ak_fail "reference differs from golden kpi-score/model.out:"
	diff "$want" "$AK_T/ref.out" | head -5 >&2
fi

case_ "the generator makes the same model from the same seed"
python3 "$ref/gen_model.py" --seed 7 >"$AK_T/a" &&
	python3 "$ref/gen_model.py" --seed 7 >"$AK_T/b"
if [ -s "$AK_T/a" ] && cmp -s "$AK_T/a" "$AK_T/b"; then ak_pass; else
	ak_fail "gen_model.py --seed 7 is not deterministic"; fi

case_ "the generator and the reference run on $seeds seeds"
last=$((first + seeds - 1))
dir=$AK_T/models
mkdir "$dir"
# shellcheck disable=SC2086
if ! python3 "$ref/gen_model.py" --seeds "$first-$last" --dir "$dir" $GEN_OFF $GEN_KNOWN; then
	ak_fail "gen_model.py failed"; finish; exit
fi
# shellcheck disable=SC2086
if ! python3 "$ref/alignkit_ref.py" --batch "$dir" $REF_OFF $REF_KNOWN; then
	ak_fail "alignkit_ref.py failed"; finish; exit
fi
case_ "the generated models are canonical: goals-load gives them back (but src)"
nosrc() { sed 's/,"src":"[^"]*"}$/}/' "$@"; }
bad=0
for seed in $(seq "$first" "$((first + 19 < last ? first + 19 : last))"); do
	if ! goals-load "$dir/$seed.jsonl" >"$AK_T/gl.out" 2>"$AK_T/gl.err"; then
		ak_fail "seed $seed: goals-load rejects the model:"; head -3 "$AK_T/gl.err" >&2
		bad=1; break
	fi
	if ! cmp -s <(nosrc "$dir/$seed.jsonl") <(nosrc "$AK_T/gl.out"); then
		ak_fail "seed $seed: goals-load changes the model:"
		diff <(nosrc "$dir/$seed.jsonl") <(nosrc "$AK_T/gl.out") | head -4 >&2
		bad=1; break
	fi
done
[ "$bad" -eq 0 ] && ak_pass

case_ "kpi-score and the reference agree on $seeds random models"
bad=0
for seed in $(seq "$first" "$last"); do
	model=$dir/$seed.jsonl
	read -r -a opts <"$dir/$seed.opts"
	if ! kpi-score "${opts[@]}" "$model" >"$AK_T/c.all" 2>"$AK_T/c.err"; then
		ak_fail "seed $seed: kpi-score ${opts[*]} failed:"; head -3 "$AK_T/c.err" >&2
		bad=1; break
	fi
	grep -E '^\{"kind":"(rollup|score)"' "$AK_T/c.all" >"$AK_T/c.out"
	if [ ! -s "$dir/$seed.ref" ]; then
		ak_fail "seed $seed: the reference derived nothing"; bad=1; break
	fi
	if ! cmp -s "$AK_T/c.out" "$dir/$seed.ref"; then
		line=$(cmp "$AK_T/c.out" "$dir/$seed.ref" | sed -n 's/.* line \([0-9]*\).*/\1/p')
		ak_fail "seed $seed (${opts[*]}): first difference at derived line ${line:-?}:"
		printf 'kpi-score: %s\nreference: %s\n' \
			"$(sed -n "${line:-1}p" "$AK_T/c.out")" \
			"$(sed -n "${line:-1}p" "$dir/$seed.ref")" >&2
		keep=${TMPDIR:-/tmp}/alignkit-differential-$seed.jsonl
		cp "$model" "$keep"
		printf 'model kept in %s\n' "$keep" >&2
		bad=1; break
	fi
done
[ "$bad" -eq 0 ] && ak_pass

finish

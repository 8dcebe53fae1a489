# completion/: the bash completion offers each tool's options (exactly
# those its --help lists), the values each option takes (every one of them
# accepted by the tool) and the files each tool reads; the zsh completion
# names the same options.
. "$(dirname "$0")/lib.bash"
: "${AK_SRC:?AK_SRC must name the source tree}"
bashc=$AK_SRC/completion/alignkit.bash
zshc=$AK_SRC/completion/_alignkit

# complete_ WORD...: what bash completes for the command line WORD... with
# the cursor at the end of the last word, one candidate a line, sorted.
# Words are given as bash splits them (an "=" is a word of its own).
complete_() {
	bash --norc --noprofile -c '
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_alignkit
		((${#COMPREPLY[@]} == 0)) || printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort' _ "$bashc" "$@" \
		>"$AK_T/out" 2>"$AK_T/err" </dev/null
	ak_status=$?
}

# help_options TOOL: the options TOOL --help lists, one a line, sorted.
help_options() {
	"$1" --help | grep -E '^ +-' |
		grep -oE '(^|[ ,] ?)--?[a-zA-Z][a-z-]*' | tr -d ' ,' | LC_ALL=C sort -u
}

case_ "bash: the completion file is clean bash"
run bash -n "$bashc"
expect_status 0
expect_empty_stderr
run bash --norc --noprofile -c ". '$bashc' && complete -p goals-load kpi-score gap-find report-fmt"
expect_stdout "complete -F _alignkit goals-load
complete -F _alignkit kpi-score
complete -F _alignkit gap-find
complete -F _alignkit report-fmt"

for tool in goals-load kpi-score gap-find report-fmt; do
	case_ "bash: $tool: the options of its --help"
	complete_ "$tool" -
	expect_status 0
	expect_empty_stderr
	help_options "$tool" >"$AK_T/help"
	if cmp -s "$AK_T/help" "$AK_T/out"; then ak_pass; else
		ak_fail "completion and --help differ:"; diff "$AK_T/help" "$AK_T/out" >&2; fi
	# A path to the tool completes as the tool does.
	complete_ "/usr/local/bin/$tool" --ve
	expect_stdout "--version"
done

case_ "bash: an option that takes a value is completed with its '='"
complete_ report-fmt --form
expect_stdout "--format="
complete_ report-fmt --no
expect_stdout "--no-color"

# values TOOL OPTION EXPECTED...: TOOL OPTION completes, in both word forms,
# to EXPECTED, and TOOL accepts each of them.
values() {
	local tool=$1 opt=$2 want v
	shift 2
	want=$(printf '%s\n' "$@" | LC_ALL=C sort)
	complete_ "$tool" "$opt" ""
	expect_stdout "$want"
	complete_ "$tool" "$opt" = ""
	expect_stdout "$want"
	for v in "$@"; do
		case $tool in
		kpi-score|gap-find) run "$tool" "$opt" "$v" --as-of 2026-11-23 - ;;
		*) run "$tool" "$opt" "$v" - ;;
		esac
		if [ "$ak_status" -eq 0 ]; then ak_pass; else
			ak_fail "$tool $opt $v: exit status $ak_status: $(head -1 "$AK_T/err")"; fi
	done
}

case_ "bash: the values of each option, every one accepted"
gap_types="invalid-record duplicate-id dangling-ref goal-cycle orphan-initiative
unsupported-goal unmeasured-goal one-sided-kpi off-target stale-kpi
worsening-trend off-track-goal overdue-initiative retired-goal-support
investment-skew unrealized-benefit waiver-expired unsponsored-initiative unowned
duplicate-measurement future-measurement projected-miss missing-checkin
status-discrepancy owner-disagreement check-skipped"
gap_groups="data structure performance checkins"
values goals-load --kind goal initiative kpi measurement target checkin
values kpi-score --period week month quarter year
values gap-find --fail-on error warning info never
values gap-find --only $gap_groups $gap_types
values gap-find --ignore $gap_groups $gap_types
values report-fmt --section summary goals initiatives kpis checkins gaps matrix history errors
complete_ report-fmt -f ""
expect_stdout "codequality
csv
github
html
junit
markdown
sarif
text"
for f in text markdown html csv junit sarif github codequality; do
	run report-fmt -f "$f" -
	expect_status 0
done
complete_ goals-load --format ""
expect_stdout "csv
json
jsonl"
complete_ goals-load -d ""
expect_stdout "tab"
complete_ goals-load --from ""
expect_stdout "archi"
run goals-load -d tab --format csv -
expect_status 0
complete_ kpi-score --as-of ""
expect_stdout "$(date -u +%Y-%m-%d)"
complete_ kpi-score --periods ""
expect_empty_stdout

case_ "bash: the gap types are those gap-find --help lists"
gap-find --help | awk '/^Gap types:/ { on = 1; sub(/^Gap types:/, "") } on && !/^( |$)/ && !/^Gap/ { on = 0 } on' |
	tr -s ' ' '\n' | grep . |
	LC_ALL=C sort >"$AK_T/help"
printf '%s\n' $gap_types | LC_ALL=C sort >"$AK_T/want"
expect_same "$AK_T/help" "$AK_T/want" "gap types differ from gap-find --help"

case_ "bash: comma lists complete their last item, without repeats"
complete_ gap-find --only off-target,stale-kpi,un
expect_stdout "off-target,stale-kpi,unmeasured-goal
off-target,stale-kpi,unowned
off-target,stale-kpi,unrealized-benefit
off-target,stale-kpi,unsponsored-initiative
off-target,stale-kpi,unsupported-goal"
complete_ report-fmt --section summary,gaps,
expect_stdout "summary,gaps,checkins
summary,gaps,errors
summary,gaps,goals
summary,gaps,history
summary,gaps,initiatives
summary,gaps,kpis
summary,gaps,matrix"

case_ "bash: --severity TYPE=LEVEL"
complete_ gap-find --severity off-ta
expect_stdout "off-target="
complete_ gap-find --severity off-target =
expect_stdout "error
info
warning"
complete_ gap-find --severity off-target = w
expect_stdout "warning"
run gap-find --severity off-target=warning --as-of 2026-11-23 -
expect_status 0

case_ "bash: file arguments by what each tool reads"
mkdir -p "$AK_T/files/model dir"
touch "$AK_T/files/goals.csv" "$AK_T/files/wide.tsv" "$AK_T/files/model.json" \
	"$AK_T/files/stream.jsonl" "$AK_T/files/more.ndjson" "$AK_T/files/notes.txt"
cd "$AK_T/files" || exit 2
complete_ goals-load ""
expect_stdout "goals.csv
model dir
model.json
more.ndjson
stream.jsonl
wide.tsv"
complete_ goals-load --raw m
expect_stdout "model dir
model.json
more.ndjson"
complete_ kpi-score --as-of 2026-11-23 ""
expect_stdout "model dir
more.ndjson
stream.jsonl"
complete_ gap-find --waivers ""
expect_stdout "goals.csv
model dir
more.ndjson
stream.jsonl"
complete_ report-fmt -o n
expect_stdout "notes.txt"
complete_ report-fmt -- -
expect_empty_stdout
complete_ report-fmt -- s
expect_stdout "stream.jsonl"
complete_ report-fmt --title ""
expect_empty_stdout
cd "$AK_T" || exit 2

case_ "zsh: the completion names every option of every tool"
for tool in goals-load kpi-score gap-find report-fmt; do
	# The option specs of the tool's section of _alignkit, of the common
	# ones, and of --as-of where the section uses it: a name before "[",
	# "+[" or "=[", with {-f+,--format=} brace lists spelt out.
	{
		sed -n '/^common=(/,/^)/p' "$zshc"
		sed -n "/^$tool)/,/;;/p" "$zshc"
		sed -n "/^$tool)/,/;;/p" "$zshc" | grep -q '\$as_of' &&
			grep '^local as_of=' "$zshc"
	} | sed -E "s/\{([^,}]*),([^}]*)\}'\[/\1[ \2[/g" |
		grep -oE -- '--?[a-zA-Z][a-z-]*[=+]?\[' | sed -E 's/[=+]?\[$//' |
		LC_ALL=C sort -u >"$AK_T/zsh"
	help_options "$tool" >"$AK_T/help"
	if cmp -s "$AK_T/help" "$AK_T/zsh"; then ak_pass; else
		ak_fail "$tool: _alignkit and --help differ:"; diff "$AK_T/help" "$AK_T/zsh" >&2; fi
done
run head -1 "$zshc"
expect_stdout "#compdef goals-load kpi-score gap-find report-fmt"
if command -v zsh >/dev/null 2>&1; then
	run zsh -n "$zshc"
	expect_status 0
fi
finish

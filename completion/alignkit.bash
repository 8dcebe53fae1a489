# bash completion for the alignkit tools: goals-load, kpi-score, gap-find
# and report-fmt.  Completes options, their values (kinds, formats,
# periods, severities, gap types, sections) and file arguments.
#
# Installed once per tool name under bash-completion's completions
# directory, or sourced from ~/.bashrc:  . /path/to/alignkit.bash

_alignkit_gap_types='invalid-record duplicate-id dangling-ref goal-cycle
orphan-initiative unsupported-goal unmeasured-goal one-sided-kpi off-target
stale-kpi worsening-trend off-track-goal overdue-initiative
retired-goal-support investment-skew unrealized-benefit waiver-expired
unsponsored-initiative unowned duplicate-measurement future-measurement
projected-miss missing-checkin status-discrepancy owner-disagreement
check-skipped'
_alignkit_gap_groups='data structure performance checkins'

# _alignkit_words WORDS CUR: the words of WORDS that start with CUR.
_alignkit_words() {
	local IFS=$'\n'
	COMPREPLY=($(IFS=$' \t\n'; compgen -W "$1" -- "$2"))
}

# _alignkit_list WORDS CUR: CUR is a comma-separated list; completes its
# last item from WORDS less the items already in it.
_alignkit_list() {
	local head='' last=$2 w left=''
	if [[ $last == *,* ]]; then
		head=${last%,*},
		last=${last##*,}
	fi
	for w in $1; do
		[[ ,$head == *,$w,* ]] || left+=" $w"
	done
	local IFS=$'\n'
	COMPREPLY=($(IFS=$' \t\n'; compgen -P "$head" -W "$left" -- "$last"))
	# Room for another comma.
	compopt -o nospace 2>/dev/null
}

# _alignkit_files CUR EXT...: files ending in .EXT, and directories to go
# into.  With no EXT, every file.
_alignkit_files() {
	local cur=$1 e
	shift
	local IFS=$'\n'
	if [[ $# -eq 0 ]]; then
		COMPREPLY=($(compgen -f -- "$cur"))
	else
		COMPREPLY=($(compgen -d -- "$cur"))
		for e in "$@"; do
			COMPREPLY+=($(compgen -f -X "!*.$e" -- "$cur"))
		done
	fi
	compopt -o filenames 2>/dev/null
}

_alignkit() {
	local tool=${COMP_WORDS[0]##*/} cur=${COMP_WORDS[COMP_CWORD]} prev= i
	local opts valued inputs
	COMPREPLY=()
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# bash splits --opt=value at the '=' (COMP_WORDBREAKS): put the option
	# back in prev.
	if [[ $cur == = ]]; then
		cur=
		if ((COMP_CWORD > 1)) && [[ ${COMP_WORDS[COMP_CWORD - 2]} == --severity ]]; then
			_alignkit_words 'error warning info' "$cur"
			return
		fi
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
		# --severity TYPE=LEVEL: the word before the '=' is the type.
		if ((COMP_CWORD > 2)) && [[ ${COMP_WORDS[COMP_CWORD - 3]} == --severity ]]; then
			_alignkit_words 'error warning info' "$cur"
			return
		fi
	fi

	case $tool in
	goals-load)
		opts='-d --decimal-comma --no-decimal-comma --kind --format --keep-going --raw --from -h --help --version'
		valued='-d --kind --format --from'
		inputs='csv tsv jsonl ndjson json' ;;
	kpi-score)
		opts='--as-of --period --periods --red-below --green-at --forecast-window --keep-measurements --partials --keep-going -h --help --version'
		valued='--as-of --period --periods --red-below --green-at --forecast-window'
		inputs='jsonl ndjson' ;;
	gap-find)
		opts='--as-of --fail-on --only --ignore --severity --waivers --baseline --trend-window --checkin-window --gaps-only --keep-going -h --help --version'
		valued='--as-of --fail-on --only --ignore --severity --waivers --baseline --trend-window --checkin-window'
		inputs='jsonl ndjson' ;;
	report-fmt)
		opts='-f --format -o --output --title --section --history --no-color --ascii --keep-going -h --help --version'
		valued='-f --format -o --output --title --section --history'
		inputs='jsonl ndjson' ;;
	*) return ;;
	esac

	# The value of an option.
	if [[ " $valued " == *" $prev "* ]]; then
		case $tool:$prev in
		goals-load:-d) _alignkit_words 'tab' "$cur" ;;
		goals-load:--kind) _alignkit_words 'goal initiative kpi measurement target checkin' "$cur" ;;
		goals-load:--format) _alignkit_words 'csv jsonl json' "$cur" ;;
		goals-load:--from) _alignkit_words 'archi' "$cur" ;;
		*:--as-of) _alignkit_words "$(date -u +%Y-%m-%d)" "$cur" ;;
		kpi-score:--period) _alignkit_words 'week month quarter year' "$cur" ;;
		gap-find:--fail-on) _alignkit_words 'error warning info never' "$cur" ;;
		gap-find:--only | gap-find:--ignore)
			_alignkit_list "$_alignkit_gap_groups $_alignkit_gap_types" "$cur" ;;
		gap-find:--severity)
			local IFS=$'\n'
			COMPREPLY=($(IFS=$' \t\n'; compgen -S = -W "$_alignkit_gap_types" -- "$cur"))
			compopt -o nospace 2>/dev/null ;;
		gap-find:--waivers) _alignkit_files "$cur" csv jsonl ndjson ;;
		gap-find:--baseline) _alignkit_files "$cur" jsonl ndjson ;;
		report-fmt:-f | report-fmt:--format)
			_alignkit_words 'text markdown html csv junit sarif github codequality' "$cur" ;;
		report-fmt:-o | report-fmt:--output | report-fmt:--history) _alignkit_files "$cur" ;;
		report-fmt:--section)
			_alignkit_list 'summary goals initiatives kpis checkins gaps matrix history errors' "$cur" ;;
		esac
		# Numbers and titles: nothing to offer.
		return
	fi

	# After "--" every word is a file.
	for ((i = 1; i < COMP_CWORD; i++)); do
		if [[ ${COMP_WORDS[i]} == -- ]]; then
			_alignkit_files "$cur" $inputs
			return
		fi
	done
	if [[ $cur == -* ]]; then
		_alignkit_words "$opts" "$cur"
		# An option that takes a value is ready for it.
		if [[ ${#COMPREPLY[@]} -eq 1 && " $valued " == *" ${COMPREPLY[0]} "* &&
			${COMPREPLY[0]} == --* ]]; then
			compopt -o nospace 2>/dev/null
			COMPREPLY[0]+='='
		fi
		return
	fi
	_alignkit_files "$cur" $inputs
}

complete -F _alignkit goals-load kpi-score gap-find report-fmt

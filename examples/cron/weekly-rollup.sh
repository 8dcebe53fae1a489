#!/bin/sh
# weekly-rollup.sh: the Monday cron job.  Runs the alignkit pipeline for the
# last complete week and publishes its reports, an index of every week and a
# history of rollups into one directory, all or nothing.
#
# POSIX sh; needs only the four alignkit tools and coreutils (GNU date).
set -u
prog=${0##*/}
tab=$(printf '\t')

usage() {
	cat <<EOF
usage: $prog [--as-of DATE] [--periods N] [--fail-on SEVERITY]
                        [--waivers FILE] [--model-opt OPT]...
                        [--measurements-opt OPT]... MODEL MEASUREMENTS REPORTS
Runs goals-load | kpi-score | gap-find | report-fmt for the last complete
week as of DATE and publishes into the directory REPORTS:

  WEEK.html, WEEK.md   the week's report (WEEK is its ISO label, 2026-W47)
  WEEK.jsonl           the week's whole stream: model, scores, rollups, gaps
  index.html, index.md every published week, newest first, with its summary
                       (goals by status, gaps not waived by severity)
  history.jsonl        the rollups of every week, oldest first, so that
                       trends outlive pruned measurements
  history.html, history.md
                       each goal's course over every week kept (a chart
                       per top-level goal, a sparkline per goal); the
                       week's report charts the goals on it too
  weeks.tsv            the summaries the index is made from

Every file is written whole and renamed into place; when any step fails
nothing is published and the previous files stay as they were.  Running a
week again replaces that week's files and history lines.

The week is the ISO week (Monday to Sunday) of the latest Sunday on or
before DATE, as kpi-score counts complete weeks: on a Sunday, the week
ending that day.  One run at a time per REPORTS: the lock
REPORTS/.weekly-rollup.lock names its run's host, process and start time;
a later run stops while that process lives, and takes the lock over, with
a warning, when it has died (killed, or the machine restarted).

  --as-of DATE          report the last week that ends on or before DATE,
                        YYYY-MM-DD (default: today, UTC)
  --periods N           score the last N weeks, for trends and the
                        worsening-trend check (default: 4)
  --fail-on SEVERITY    exit 1, after publishing, when gap-find finds a gap
                        of SEVERITY (error, warning, info) or above
                        (default: never)
  --waivers FILE        gap-find waivers, CSV or JSON Lines
  --model-opt OPT       pass OPT to goals-load when it reads MODEL
  --measurements-opt OPT
                        pass OPT to goals-load when it reads MEASUREMENTS;
                        repeat either for more, one word each:
                        --measurements-opt --kind=measurement
                        --measurements-opt --decimal-comma
                        --measurements-opt -d --measurements-opt ';'
  -h, --help            show this help

MODEL and MEASUREMENTS are what goals-load reads: files or directories.
The tools are found on PATH, or in \$ALIGNKIT_BIN when it is set.
Exit status: 0 published; 1 published, and gaps at --fail-on were found;
2 usage error or a failed step (nothing published).

Example crontab line (Mondays at 06:30):
  30 6 * * 1  $prog /srv/alignkit/model /srv/alignkit/exports /var/www/alignkit
EOF
}

die() {
	printf '%s: %s\n' "$prog" "$*" >&2
	exit 2
}

usage_error() {
	printf '%s: %s\n' "$prog" "$*" >&2
	printf "Try '%s --help'.\n" "$prog" >&2
	exit 2
}

# A path that no tool can take for an option.
safe_path() {
	case $1 in
	-*) printf './%s\n' "$1" ;;
	*) printf '%s\n' "$1" ;;
	esac
}

as_of=
periods=4
fail_on=never
waivers=
# The goals-load options, each quoted for eval.
model_opts=
measurements_opts=
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
while [ $# -gt 0 ]; do
	case $1 in
	--as-of|--periods|--fail-on|--waivers|--model-opt|--measurements-opt)
		[ $# -ge 2 ] || usage_error "option $1 needs a value"
		case $1 in
		--as-of) as_of=$2 ;;
		--periods) periods=$2 ;;
		--fail-on) fail_on=$2 ;;
		--waivers) waivers=$2 ;;
		--model-opt) model_opts="$model_opts $(quote "$2")" ;;
		--measurements-opt) measurements_opts="$measurements_opts $(quote "$2")" ;;
		esac
		shift 2 ;;
	-h|--help) usage; exit 0 ;;
	--) shift; break ;;
	-?*) usage_error "unknown option $1" ;;
	*) break ;;
	esac
done
[ $# -eq 3 ] || usage_error "expected MODEL MEASUREMENTS REPORTS, got $# arguments"
model=$(safe_path "$1")
measurements=$(safe_path "$2")
reports=$(safe_path "$3")

case $periods in
''|*[!0-9]*|0*) usage_error "--periods: '$periods' is not a whole number from 1" ;;
esac
case $fail_on in
error|warning|info|never) ;;
*) usage_error "--fail-on: '$fail_on' is not error, warning, info or never" ;;
esac
if [ -n "$waivers" ]; then
	waivers=$(safe_path "$waivers")
fi

if [ -n "${ALIGNKIT_BIN:-}" ]; then
	PATH=$ALIGNKIT_BIN:$PATH
	export PATH
fi
for tool in goals-load kpi-score gap-find report-fmt; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "$tool not found on PATH (set ALIGNKIT_BIN to the tools' directory)"
done
export LC_ALL=C

# The week: the last Monday-to-Sunday week that ends on or before as-of.
if [ -z "$as_of" ]; then
	as_of=$(date -u +%Y-%m-%d) || die "cannot read today's date"
fi
case $as_of in
[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) ;;
*) usage_error "--as-of: '$as_of' is not a date, YYYY-MM-DD" ;;
esac
as_of_s=$(date -u -d "$as_of" +%s 2>/dev/null) ||
	usage_error "--as-of: '$as_of' is not a calendar date"
[ "$(date -u -d "@$as_of_s" +%Y-%m-%d)" = "$as_of" ] ||
	usage_error "--as-of: '$as_of' is not a calendar date"
dow=$(date -u -d "@$as_of_s" +%u)           # 1 = Monday .. 7 = Sunday
back=$((dow % 7))                             # days back to the last Sunday
end_s=$((as_of_s - back * 86400))
week_end=$(date -u -d "@$end_s" +%Y-%m-%d)
week_start=$(date -u -d "@$((end_s - 6 * 86400))" +%Y-%m-%d)
week=$(date -u -d "@$end_s" +%G-W%V)
title="Alignment report $week ($week_start to $week_end)"

# One run at a time per reports directory: two runs would race on the
# history and the index.  The lock is a symlink whose target names its
# owner, "HOST PID START" (START from /proc/PID/stat, so that a new
# process with an old PID is not taken for the owner): ln -s makes it
# whole or not at all.
mkdir -p -- "$reports" || die "cannot create $reports"
lock=$reports/.weekly-rollup.lock
host=$(uname -n)
# start_time PID: the process's start time (clock ticks since boot), or -.
start_time() {
	if [ -r "/proc/$1/stat" ]; then
		sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20
	else
		echo -
	fi
}
# alive HOST PID START: whether the owner named so may still run.
alive() {
	[ "$1" = "$host" ] || return 0       # another machine's: cannot tell
	if [ -d /proc/self ]; then
		[ -d "/proc/$2" ] || return 1
		[ "$3" = - ] || [ "$(start_time "$2")" = "$3" ]
	else
		kill -0 "$2" 2>/dev/null
	fi
}
me="$host $$ $(start_time $$)"
tries=0
until ln -s -T -- "$me" "$lock" 2>/dev/null; do
	tries=$((tries + 1))
	[ -L "$lock" ] || {
		[ -e "$lock" ] && die "$lock is not a lock of this job: remove it"
		[ "$tries" -lt 3 ] && continue
		die "cannot create $lock"
	}
	owner=$(readlink -- "$lock") || continue
	# shellcheck disable=SC2086
	set -- $owner
	if [ $# -ne 3 ] || alive "$1" "$2" "$3"; then
		die "$lock: another run (process ${2:-?} on ${1:-?}) is going; nothing published for $week"
	fi
	[ "$tries" -lt 3 ] || die "cannot take over $lock"
	# Take the dead owner's lock by renaming it aside, so that of two runs
	# doing this at once one gets it; put back what turns out not to be it.
	aside=$lock.$$
	mv -f -T -- "$lock" "$aside" 2>/dev/null || continue
	if [ "$(readlink -- "$aside")" = "$owner" ]; then
		rm -f -- "$aside"
		printf '%s: warning: %s: process %s on %s is no longer running: taking its lock over\n' \
			"$prog" "$lock" "$2" "$1" >&2
		taken_over=1
	else
		ln -s -T -- "$(readlink -- "$aside")" "$lock" 2>/dev/null
		rm -f -- "$aside"
	fi
done
# A dead owner's work directory is left over: only the lock's holder
# makes one, and the holder is now this run.
if [ -n "${taken_over:-}" ]; then
	for dir in "$reports"/.weekly-rollup.??????; do
		case ${dir##*/} in .weekly-rollup.lock*) continue ;; esac
		[ -d "$dir" ] && rm -rf -- "$dir"
	done
fi
# release: removes the lock if it is still this run's.
release() {
	[ "$(readlink -- "$lock" 2>/dev/null)" = "$me" ] && rm -f -- "$lock"
}
# The work directory lives inside the reports directory so that publishing
# is a rename within one file system: a reader sees the old file or the new
# one, never part of one.
work=$(mktemp -d "$reports/.weekly-rollup.XXXXXX") || {
	release
	die "cannot create a work directory in $reports"
}
trap 'rm -rf -- "$work"; release' EXIT
trap 'exit 2' HUP INT TERM

fail() {
	die "$1 failed (exit status $2); nothing published for $week"
}

# ---- the pipeline, each stage into a file so each status is checked ----
# The model and the measurements are read apart, each with its options
# (--kind measurement must not turn goals.csv into measurements); one
# stream, as one goals-load of both would write.
eval "goals-load $model_opts -- \"\$model\"" >"$work/model.jsonl" ||
	fail goals-load $?
eval "goals-load $measurements_opts -- \"\$measurements\"" >>"$work/model.jsonl" ||
	fail goals-load $?
kpi-score --as-of "$as_of" --periods "$periods" -- "$work/model.jsonl" \
	>"$work/scored.jsonl" || fail kpi-score $?
if [ -n "$waivers" ]; then
	gap-find --as-of "$as_of" --fail-on "$fail_on" --waivers "$waivers" \
		-- "$work/scored.jsonl" >"$work/$week.jsonl"
else
	gap-find --as-of "$as_of" --fail-on "$fail_on" \
		-- "$work/scored.jsonl" >"$work/$week.jsonl"
fi
gap_status=$?
case $gap_status in
0|1) ;;
*) fail gap-find $gap_status ;;
esac

# ---- the week's summary, from the canonical records kpi-score and gap-find
# write: one record per line, fields in a fixed order --------------------
count() { # count FILE BRE: lines of FILE that match
	grep -c -e "$2" -- "$1" || [ $? -eq 1 ]
}
rollups='^{"kind":"rollup","of":".*","type":"[a-z]*","period":"'$week'","end":"'
rollup='^{"kind":"rollup","of":".*","type":"goal","period":"'$week'","end":"'
gap='^{"kind":"gap","type":"[a-z-]*","severity":"'
summary=$week$tab$as_of
for s in green amber red none; do
	n=$(count "$work/$week.jsonl" "$rollup"'[^"]*","score":[-0-9.enul]*,"status":"'$s'",') ||
		fail grep $?
	summary=$summary$tab$n
done
# A waived gap is accepted: it is not counted (gap-find writes the field
# after message and src, so no message can hold it unescaped).
grep -v -e ',"waived":true[,}]' -- "$work/$week.jsonl" >"$work/unwaived.jsonl" ||
	[ $? -eq 1 ] || fail grep $?
for s in error warning info; do
	n=$(count "$work/unwaived.jsonl" "$gap$s\",") || fail grep $?
	summary=$summary$tab$n
done

# ---- history: older weeks' lines, then this week's rollups; sorted by
# period (stable, so each week keeps kpi-score's order) ---------------------
history=$reports/history.jsonl
{
	if [ -f "$history" ]; then
		grep -v -F -e "\",\"period\":\"$week\",\"end\":\"" -- "$history" ||
			[ $? -eq 1 ]
	fi &&
	grep -e "$rollups" -- "$work/$week.jsonl" || [ $? -eq 1 ]
} >"$work/history.unsorted" || fail "history update" $?
sed 's/^.*","period":"\([^"]*\)","end":".*$/\1'"$tab"'&/' \
	"$work/history.unsorted" | sort -s -t "$tab" -k1,1 | cut -f2- \
	>"$work/history.jsonl" || fail "history sort" $?

# ---- the week's reports, their charts drawn on the history; and the
# history view: each goal's course over every week kept -----------------
report-fmt -f html --title "$title" --history "$work/history.jsonl" \
	-o "$work/$week.html" -- "$work/$week.jsonl" || fail "report-fmt -f html" $?
report-fmt -f markdown --title "$title" --history "$work/history.jsonl" \
	-o "$work/$week.md" -- "$work/$week.jsonl" || fail "report-fmt -f markdown" $?
# The history view is the same whichever week runs: every week kept, the
# goals' titles and tree from this week's model.
grep -e '^{"kind":"goal",' -- "$work/$week.jsonl" >"$work/goals.jsonl" ||
	[ $? -eq 1 ] || fail grep $?
for f in html:html markdown:md; do
	report-fmt -f "${f%:*}" --title "Alignment history" --section history \
		-o "$work/history.${f#*:}" -- "$work/goals.jsonl" "$work/history.jsonl" ||
		fail "report-fmt -f ${f%:*} --section history" $?
done

# ---- index: one line per week in weeks.tsv, newest first --------------
weeks=$reports/weeks.tsv
{
	if [ -f "$weeks" ]; then
		grep -v -e "^$week$tab" -- "$weeks" || [ $? -eq 1 ]
	fi &&
	printf '%s\n' "$summary"
} | sort -r >"$work/weeks.tsv" || fail "index update" $?

{
	printf '# Alignment reports\n\n'
	printf 'Each goal over the weeks: [history](history.html) · [Markdown](history.md)\n\n'
	printf '| week | as of | goals green | amber | red | no data | gaps: errors | warnings | info | reports |\n'
	printf '|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n'
	while IFS=$tab read -r w a g am r n e wa i; do
		printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | [HTML](%s.html) · [Markdown](%s.md) |\n' \
			"$w" "$a" "$g" "$am" "$r" "$n" "$e" "$wa" "$i" "$w" "$w"
	done <"$work/weeks.tsv"
} >"$work/index.md" || fail "index.md" $?

{
	cat <<'EOF'
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Alignment reports</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; }
th, td { padding: .3em .8em; border-bottom: 1px solid #ddd; text-align: right; }
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2), td:last-child { text-align: left; }
.green { color: #1a7f37; } .amber { color: #9a6700; } .red { color: #cf222e; }
</style>
</head>
<body>
<h1>Alignment reports</h1>
<p>Each goal over the weeks: <a href="history.html">history</a> <a href="history.md">Markdown</a></p>
<table>
<thead><tr><th>week</th><th>as of</th><th>goals green</th><th>amber</th><th>red</th><th>no data</th><th>gaps: errors</th><th>warnings</th><th>info</th><th>reports</th></tr></thead>
<tbody>
EOF
	# Every field is a week label, a date or a count: nothing to escape.
	while IFS=$tab read -r w a g am r n e wa i; do
		printf '<tr><td>%s</td><td>%s</td><td class="green">%s</td><td class="amber">%s</td><td class="red">%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td><a href="%s.html">HTML</a> <a href="%s.md">Markdown</a></td></tr>\n' \
			"$w" "$a" "$g" "$am" "$r" "$n" "$e" "$wa" "$i" "$w" "$w"
	done <"$work/weeks.tsv"
	printf '</tbody>\n</table>\n</body>\n</html>\n'
} >"$work/index.html" || fail "index.html" $?

# ---- publish: the week's files first, so that the index never links a
# report that is not there yet; each mv is a rename ----------------------
for f in "$week.jsonl" "$week.md" "$week.html" history.jsonl history.md \
	history.html weeks.tsv index.md index.html; do
	mv -f -- "$work/$f" "$reports/$f" || die "cannot publish $reports/$f"
done

if [ "$gap_status" -eq 1 ]; then
	printf '%s: %s published; gap-find found gaps at --fail-on %s\n' \
		"$prog" "$week" "$fail_on" >&2
	exit 1
fi
exit 0

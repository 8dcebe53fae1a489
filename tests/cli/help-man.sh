# --help and the man pages agree with the tools: --help lists every option
# the tool accepts, each with its meaning; each man page's OPTIONS and
# SYNOPSIS name the same options.
. "$(dirname "$0")/lib.bash"
: "${AK_SRC:?AK_SRC must name the source tree}"

# accepted TOOL: the options TOOL's getopt_long call accepts, from its
# source: the long options table and the short option string.
accepted() {
	local main=$AK_SRC/cmd/$1/main.c
	grep -oE '\{"[a-z][a-z-]*", *(no|required|optional)_argument' "$main" |
		sed -E 's/^\{"([^"]*)".*/--\1/'
	grep -oE 'getopt_long\([^,]*, *[^,]*, *"[^"]*"' "$main" |
		sed -E 's/.*"([^"]*)"$/\1/' | tr -d ':' | grep -oE '[a-zA-Z]' | sed 's/^/-/'
}

# help_lines TOOL: the option lines of TOOL --help.
help_lines() { "$1" --help | grep -E '^ +-'; }

# names: the option names in the text on standard input, one a line.
names() {
	grep -oE '(^|[][ ,|(])--?[a-zA-Z][a-zA-Z-]*' | sed -E 's/^[][ ,|(]*//'
}

# man_section PAGE NAME: section NAME of the rendered PAGE, plain text.
man_section() {
	mandoc -Tascii "$1" | sed 's/.\x08//g' | sed -n "/^$2\$/,/^[A-Z]/p" | sed '1d;$d'
}

for tool in goals-load kpi-score gap-find report-fmt; do
	page=$AK_SRC/man/$tool.1

	case_ "$tool: --help"
	run "$tool" --help
	expect_status 0
	expect_empty_stderr
	cp "$AK_T/out" "$AK_T/help"
	run "$tool" -h
	if cmp -s "$AK_T/out" "$AK_T/help"; then ak_pass; else ak_fail "-h is not --help"; fi

	case_ "$tool: --help ends with an example pipeline"
	awk 'BEGIN { RS = "" } { last = $0 } END { print last }' "$AK_T/help" >"$AK_T/example"
	if grep -qiE '^examples?:' "$AK_T/example" && grep -E '\|' "$AK_T/example" | grep -qF -- "$tool"; then ak_pass; else
		ak_fail "the last paragraph of --help is not an example pipeline:"; cat "$AK_T/example" >&2; fi

	case_ "$tool: --help lists every option it accepts"
	accepted "$tool" | LC_ALL=C sort -u >"$AK_T/accepted"
	help_lines "$tool" | names | LC_ALL=C sort -u >"$AK_T/listed"
	if [ -s "$AK_T/accepted" ] && cmp -s "$AK_T/accepted" "$AK_T/listed"; then ak_pass; else
		ak_fail "options accepted (<) and listed by --help (>) differ:"
		diff "$AK_T/accepted" "$AK_T/listed" >&2; fi

	case_ "$tool: each option of --help has its meaning on its line"
	# An option line is the options, their argument names, then two
	# spaces and the meaning.
	if help_lines "$tool" | grep -vE '^ +-.*[^ ]  +[^ ].*$' >"$AK_T/bare"; then
		ak_fail "options without a meaning:"; cat "$AK_T/bare" >&2; else ak_pass; fi

	case_ "$tool: its man page lists the options of --help"
	if [ ! -f "$page" ]; then
		ak_fail "man/$tool.1 is missing"
		continue
	fi
	man_section "$page" OPTIONS | grep -E '^     -' | names | LC_ALL=C sort -u >"$AK_T/man"
	if cmp -s "$AK_T/listed" "$AK_T/man"; then ak_pass; else
		ak_fail "options of --help (<) and of the man page's OPTIONS (>) differ:"
		diff "$AK_T/listed" "$AK_T/man" >&2; fi

	case_ "$tool: the man page's SYNOPSIS names each option"
	man_section "$page" SYNOPSIS | names | LC_ALL=C sort -u >"$AK_T/synopsis"
	# Each line of --help is one option and its aliases (-f, --format):
	# the synopsis names at least one of them, and nothing else.  --help
	# and --version may stay out of it, as in most pages.
	help_lines "$tool" | grep -vE '^ +(-h, )?--(help|version) ' | while read -r line; do
		printf '%s\n' "$line" | names | grep -qxF -f - "$AK_T/synopsis" ||
			echo "$line"
	done >"$AK_T/missing"
	if [ -s "$AK_T/missing" ]; then
		ak_fail "the synopsis lacks:"; cat "$AK_T/missing" >&2; else ak_pass; fi
	if grep -vxF -f "$AK_T/listed" "$AK_T/synopsis" >"$AK_T/extra"; then
		ak_fail "the synopsis names options the tool lacks:"; cat "$AK_T/extra" >&2; else ak_pass; fi

	case_ "$tool: its man page is clean mdoc with the sections of cut(1)"
	run mandoc -Tlint -Wwarning "$page"
	expect_status 0
	expect_empty_stdout
	for s in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" EXAMPLES "SEE ALSO"; do
		grep -qx "\.Sh $s" "$page" || ak_fail "man/$tool.1 has no $s section"
	done
	# Its examples run the tool.
	if man_section "$page" EXAMPLES | grep -qF -- "$tool"; then ak_pass; else
		ak_fail "the EXAMPLES of man/$tool.1 do not run $tool"; fi
done

case_ "the section 5 and 7 pages"
for page in alignkit.5 alignkit.7; do
	if [ -f "$AK_SRC/man/$page" ]; then
		run mandoc -Tlint -Wwarning "$AK_SRC/man/$page"
		expect_status 0
		expect_empty_stdout
	else
		ak_fail "man/$page is missing"
	fi
done
# The shipped documentation stands on its own: no page or README sends a
# reader to a contract file that does not ship.
case_ "shipped docs explain their rules instead of citing SPEC"
if grep -nE 'SPEC(\.md)?([^A-Za-z]|$)' "$AK_SRC"/man/* "$AK_SRC"/README.md \
	"$AK_SRC"/examples/README.md "$AK_SRC"/examples/*/README.md >"$AK_T/cites"; then
	ak_fail "these lines cite SPEC:"; cat "$AK_T/cites" >&2
else
	ak_pass
fi
finish

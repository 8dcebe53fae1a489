# Shared helpers for the CLI tests (tests/cli/*.sh).  Each test script
# sources this file, runs the built tools and checks what a user would see:
# standard output against golden files, standard error and exit status.
#
#   run CMD...                 run CMD (through bash -c when it is one
#                              string with a pipe), capture stdout, stderr, status
#   expect_status N            the exit status was N
#   expect_golden NAME         stdout equals $AK_DATA/golden/NAME
#                              (AK_UPDATE_GOLDEN=1 rewrites the file instead)
#   expect_same A B WHAT       files A and B are the same (else WHAT and
#                              the first lines of their diff)
#   expect_stdout TEXT         stdout equals TEXT (plus a final newline)
#   expect_stderr TEXT         stderr equals TEXT (plus a final newline)
#   expect_stderr_has TEXT     stderr contains TEXT
#   expect_stdout_has TEXT     stdout contains TEXT
#   expect_empty_stdout / expect_empty_stderr
#   finish                     prints "N passed, N failed" and sets the exit code
set -u
: "${AK_BIN:?AK_BIN must name the directory of the built tools}"
: "${AK_DATA:?AK_DATA must name tests/data}"
export PATH="$AK_BIN:$PATH"
export LC_ALL=C TZ=UTC
# How many times slower than usual the tools run (scripts/valgrind.sh sets
# it): a test that gives a tool a time limit multiplies the limit by it.
export AK_TIME_FACTOR=${AK_TIME_FACTOR:-1}
unset NO_COLOR

AK_T=$(mktemp -d "${TMPDIR:-/tmp}/alignkit-test.XXXXXX")
trap 'rm -rf "$AK_T"' EXIT
ak_passed=0
ak_failed=0
ak_case="(none)"
ak_status=0

# case NAME: names the checks that follow in failure messages.
case_() { ak_case=$1; }

ak_fail() {
	ak_failed=$((ak_failed + 1))
	printf 'FAIL [%s] %s\n' "$ak_case" "$*" >&2
}
ak_pass() { ak_passed=$((ak_passed + 1)); }

run() {
	if [ $# -eq 1 ]; then
		bash -c "set -o pipefail; $1" >"$AK_T/out" 2>"$AK_T/err" </dev/null
	else
		"$@" >"$AK_T/out" 2>"$AK_T/err" </dev/null
	fi
	ak_status=$?
}

# run_stdin FILE CMD...: as run, with FILE on standard input.
run_stdin() {
	local in=$1; shift
	"$@" >"$AK_T/out" 2>"$AK_T/err" <"$in"
	ak_status=$?
}

expect_status() {
	if [ "$ak_status" -eq "$1" ]; then ak_pass; else
		ak_fail "exit status $ak_status, expected $1; stderr:"; head -5 "$AK_T/err" >&2; fi
}

expect_golden() {
	local g="$AK_DATA/golden/$1"
	if [ "${AK_UPDATE_GOLDEN:-0}" = 1 ]; then
		mkdir -p "$(dirname "$g")"; cp "$AK_T/out" "$g"; ak_pass; return
	fi
	if [ ! -f "$g" ]; then ak_fail "golden file $g is missing"; return; fi
	if cmp -s "$AK_T/out" "$g"; then ak_pass; else
		ak_fail "stdout differs from $g:"; diff "$g" "$AK_T/out" | head -20 >&2; fi
}

expect_same() {
	if cmp -s "$1" "$2"; then ak_pass; else
		ak_fail "$3:"; diff "$1" "$2" | head -20 >&2; fi
}

expect_stdout() {
	if [ "$(cat "$AK_T/out"; echo x)" = "$(printf '%s\n' "$1"; echo x)" ]; then ak_pass; else
		ak_fail "stdout:"; head -c 2000 "$AK_T/out" >&2; printf 'expected:\n%s\n' "$1" >&2; fi
}

expect_stderr() {
	if [ "$(cat "$AK_T/err"; echo x)" = "$(printf '%s\n' "$1"; echo x)" ]; then ak_pass; else
		ak_fail "stderr:"; head -c 2000 "$AK_T/err" >&2; printf 'expected:\n%s\n' "$1" >&2; fi
}

expect_stderr_has() {
	if grep -qF -- "$1" "$AK_T/err"; then ak_pass; else
		ak_fail "stderr lacks '$1':"; head -c 2000 "$AK_T/err" >&2; fi
}

expect_stdout_has() {
	if grep -qF -- "$1" "$AK_T/out"; then ak_pass; else
		ak_fail "stdout lacks '$1':"; head -c 2000 "$AK_T/out" >&2; fi
}

expect_empty_stdout() {
	if [ ! -s "$AK_T/out" ]; then ak_pass; else ak_fail "stdout not empty:"; head -5 "$AK_T/out" >&2; fi
}

expect_empty_stderr() {
	if [ ! -s "$AK_T/err" ]; then ak_pass; else ak_fail "stderr not empty:"; head -5 "$AK_T/err" >&2; fi
}

finish() {
	printf '%s: %d passed, %d failed\n' "$(basename "$0" .sh)" "$ak_passed" "$ak_failed"
	[ "$ak_failed" -eq 0 ] && [ "$ak_passed" -gt 0 ]
}

# limits_setup PROG TOOL: what the memory-limit tests share.  TIME is
# /usr/bin/time (PROG stops when it is missing), ASan's quarantine is kept
# small, and factor (how much looser the per-record limit is) and vlimit
# (ulimit -v) suit the build of TOOL: 1 and 4 GB for a plain build; 4 and
# unlimited under AddressSanitizer, whose shadow memory and red zones are
# no part of the tool and which reserves terabytes of address space; 0 and
# unlimited under scripts/valgrind.sh's wrapper, where the peak is
# memcheck's own and only memory errors and sizes are checked.
limits_setup() {
	TIME=/usr/bin/time
	[ -x "$TIME" ] || { echo "$1: $TIME is needed (Debian package time)" >&2; exit 1; }
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=8"
	factor=1
	vlimit=4000000
	if ldd "$(command -v "$2")" 2>/dev/null | grep -q asan; then
		factor=4
		vlimit=unlimited
	elif grep -q valgrind "$(command -v "$2")" 2>/dev/null; then
		factor=0
		vlimit=unlimited
	fi
}

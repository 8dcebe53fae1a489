# The README's first command on a machine without the test packages: with
# cmocka hidden from pkg-config (only jansson.pc where pkg-config looks),
# CMake configures without the tests, the four tools build (Release, -j2),
# and scripts/demo.sh runs the weekly pipeline on examples/model without
# installing anything.  Asking for the tests then is a clear configure
# error, not a build that half works.
. "$(dirname "$0")/lib.bash"
: "${AK_SRC:?AK_SRC must name the source tree}"
model=$AK_SRC/examples/model
tools=$(for m in "$AK_SRC"/cmd/*/main.c; do basename "$(dirname "$m")"; done)

# A pkg-config that knows jansson and nothing else.
pc=$AK_T/pkgconfig
mkdir "$pc"
jansson_pc=$(pkg-config --variable=pcfiledir jansson)/jansson.pc
[ -f "$jansson_pc" ] || { echo "fresh-build: jansson.pc not found" >&2; exit 1; }
cp "$jansson_pc" "$pc/"
export PKG_CONFIG_LIBDIR=$pc
unset PKG_CONFIG_PATH
[ "$(pkg-config --list-all | cut -d' ' -f1)" = jansson ] ||
	{ echo "fresh-build: pkg-config still finds more than jansson" >&2; exit 1; }

# Installing is not the test's business: a demo that wants a package
# fails here, naming it.
shims=$AK_T/shims
mkdir "$shims"
for c in apt-get sudo; do
	printf '#!/bin/sh\necho "fresh-build: %s $*: the demo wanted to install packages" >&2\nexit 1\n' \
		"$c" >"$shims/$c"
	chmod 755 "$shims/$c"
done

b=$AK_T/build
case_ "cmake configures without cmocka, and says the tests are not built"
run cmake -S "$AK_SRC" -B "$b" -DCMAKE_BUILD_TYPE=Release
expect_status 0
expect_stdout_has "cmocka 1.1 or later not found: the tests are not built"
run ctest --test-dir "$b" -N
expect_stdout_has "Total Tests: 0"

case_ "the four tools build"
# shellcheck disable=SC2086
run cmake --build "$b" -j2 --target $tools
expect_status 0
for t in goals-load kpi-score gap-find report-fmt; do
	run "$b/bin/$t" --version
	expect_stdout "$t 0.1.0"
done

case_ "scripts/demo.sh runs the weekly pipeline on examples/model"
AK_BUILD_DIR=$b PATH=$shims:$PATH run "$AK_SRC/scripts/demo.sh"
expect_status 0
expect_empty_stderr
expect_stdout_has "HTML report: $b/demo/report.html"
expect_stdout_has "gap-find exited 1: the example has alignment gaps at error severity"
cp "$AK_T/out" "$AK_T/demo.out"
run head -1 "$AK_T/demo.out"
expect_stdout "Northwind Outfitters, week ending 2026-11-22"
run head -1 "$b/demo/report.html"
expect_stdout "<!DOCTYPE html>"
# What the demo found is what the suite's own tools find.
run "goals-load '$model' | kpi-score --as-of 2026-11-23 --periods 3 | gap-find --as-of 2026-11-23"
expect_status 1
if cmp -s "$AK_T/out" "$b/demo/weekly.jsonl"; then ak_pass; else
	ak_fail "the demo's weekly.jsonl is not the pipeline's output"; fi

# The same build directory, reconfigured: no second compiler check.
case_ "-DAK_TESTS=ON without cmocka is a configure error that says what to do"
run cmake -S "$AK_SRC" -B "$b" -DAK_TESTS=ON
expect_status 1
cp "$AK_T/err" "$AK_T/configure.err"
# CMake wraps the message: compare it as one line.
run "tr -s ' \n' '  ' <'$AK_T/configure.err'"
expect_stdout_has "AK_TESTS=ON: the tests need cmocka 1.1 or later, which pkg-config does not find: install it (Debian: apt-get install libcmocka-dev, or scripts/deps.sh --test), or configure with -DAK_TESTS=OFF"

case_ "AK_TESTS takes AUTO, ON or OFF"
run cmake -S "$AK_SRC" -B "$b" -DAK_TESTS=maybe
expect_status 1
expect_stderr_has "AK_TESTS is 'maybe': use AUTO, ON or OFF"
run cmake -S "$AK_SRC" -B "$b" -DAK_TESTS=OFF
expect_status 0
run ctest --test-dir "$b" -N
expect_stdout_has "Total Tests: 0"
finish

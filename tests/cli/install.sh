# cmake --install to a prefix of one's own: the tools, the shared and
# static library, the headers, alignkit.pc, the man pages, the shell
# completion and the examples land there, and work from there: a C program
# builds against pkg-config --cflags --libs alignkit and runs.
. "$(dirname "$0")/lib.bash"
: "${AK_SRC:?AK_SRC must name the source tree}"
: "${AK_BUILD:?AK_BUILD must name the build tree}"
p=$AK_T/prefix
model=$AK_SRC/examples/model

case_ "cmake --install --prefix"
run cmake --install "$AK_BUILD" --prefix "$p"
expect_status 0
# GNUInstallDirs picks lib or lib/<multiarch>: take it from where the
# library went.
pcdir=$(dirname "$(find "$p" -name alignkit.pc | head -1)")
libdir=$(dirname "$pcdir")
case $libdir in
"$p"/lib|"$p"/lib64|"$p"/lib/*-linux-gnu) ak_pass ;;
*) ak_fail "alignkit.pc is not under $p/lib*/pkgconfig: $pcdir" ;;
esac

case_ "the tools, the libraries, the headers"
for tool in goals-load kpi-score gap-find report-fmt; do
	run "$p/bin/$tool" --version
	expect_stdout "$tool 0.1.0"
done
run ls "$libdir"
expect_stdout "libalignkit.a
libalignkit.so
libalignkit.so.0
libalignkit.so.0.1.0
pkgconfig"
run readlink "$libdir/libalignkit.so"
expect_stdout "libalignkit.so.0"
run "objdump -p '$libdir/libalignkit.so.0.1.0' | grep SONAME"
expect_stdout_has "libalignkit.so.0"
(cd "$AK_SRC/include" && find . -name '*.h' | LC_ALL=C sort) >"$AK_T/want"
(cd "$p/include" && find . -name '*.h' | LC_ALL=C sort) >"$AK_T/out"
expect_same "$AK_T/want" "$AK_T/out" "installed headers differ from include/"
while read -r h; do
	cmp -s "$AK_SRC/include/$h" "$p/include/$h" || ak_fail "$h differs from its source"
done <"$AK_T/want"

case_ "alignkit.pc names the prefix installed to"
export PKG_CONFIG_PATH=$pcdir
run pkg-config --modversion alignkit
expect_stdout "0.1.0"
run pkg-config --variable=prefix alignkit
expect_stdout "$p"
run pkg-config --cflags alignkit
expect_stdout_has "-I$p/include"
run pkg-config --libs alignkit
expect_stdout_has "-L$libdir -lalignkit"

# A sanitizer build's library needs the sanitizer runtimes at link time.
san=
if grep -q '^AK_SANITIZE:BOOL=ON$' "$AK_BUILD/CMakeCache.txt"; then
	san=-fsanitize=address,undefined
fi

case_ "each public header compiles on its own from the prefix"
for h in alignkit.h $(cd "$p/include" && ls alignkit/*.h); do
	printf '#include <%s>\nint ak_only(void);\nint ak_only(void) { return 0; }\n' "$h" >"$AK_T/h.c"
	run cc -std=c11 -Wall -Wextra -Wpedantic -Werror $(pkg-config --cflags alignkit) \
		-c -o "$AK_T/h.o" "$AK_T/h.c"
	if [ "$ak_status" -eq 0 ]; then ak_pass; else
		ak_fail "<$h> does not compile alone:"; head -5 "$AK_T/err" >&2; fi
done

case_ "the example program builds with pkg-config and runs on the shared library"
cp -r "$p/share/doc/alignkit/examples/libalignkit" "$AK_T/example"
run make -C "$AK_T/example" CFLAGS="-std=c11 -Wall -Wextra -Wpedantic -Werror $san"
expect_status 0
run "LD_LIBRARY_PATH='$libdir' ldd '$AK_T/example/score-one-kpi' | grep alignkit"
expect_stdout_has "libalignkit.so.0 => $libdir/libalignkit.so.0"
LD_LIBRARY_PATH=$libdir run "$AK_T/example/score-one-kpi" --as-of 2026-11-23 \
	conversion-rate "$p/share/doc/alignkit/examples/model"
expect_status 0
expect_empty_stderr
expect_stdout_has "2026-W47 (2026-11-16 to 2026-11-22): 2.98 % from 1 measurement: score 0.8628"

case_ "and links the static library with pkg-config --static"
run cc -std=c11 $san $(pkg-config --cflags alignkit) -o "$AK_T/static-kpi" \
	"$AK_T/example/score-one-kpi.c" -L"$libdir" -Wl,-Bstatic -lalignkit -Wl,-Bdynamic \
	$(pkg-config --static --libs-only-l alignkit | sed 's/-lalignkit//')
expect_status 0
run "ldd '$AK_T/static-kpi' | grep -c alignkit"
expect_stdout 0
run "'$AK_T/static-kpi' --as-of 2026-11-23 conversion-rate '$model' | tail -1"
expect_stdout_has '"kind":"score","kpi":"conversion-rate","measures":"G1.1","period":"2026-W47"'

case_ "the installed tools run the pipeline as the built ones do"
run "PATH='$p/bin' goals-load '$model' | PATH='$p/bin' kpi-score --as-of 2026-11-23 | PATH='$p/bin' gap-find --as-of 2026-11-23 --fail-on never | PATH='$p/bin' report-fmt -f markdown"
expect_status 0
cp "$AK_T/out" "$AK_T/installed.md"
run "goals-load '$model' | kpi-score --as-of 2026-11-23 | gap-find --as-of 2026-11-23 --fail-on never | report-fmt -f markdown"
if cmp -s "$AK_T/out" "$AK_T/installed.md"; then ak_pass; else
	ak_fail "the installed pipeline's report differs from the built one's"; fi

case_ "the man pages, sections 1, 5 and 7, render"
for page in man1/goals-load.1 man1/kpi-score.1 man1/gap-find.1 man1/report-fmt.1 \
	man5/alignkit.5 man7/alignkit.7; do
	if [ -f "$p/share/man/$page" ]; then ak_pass; else ak_fail "$page is not installed"; fi
done
for src in "$AK_SRC"/man/*.[157]; do
	page=man${src##*.}/${src##*/}
	cmp -s "$src" "$p/share/man/$page" || ak_fail "$page is not man/${src##*/}"
	run mandoc -Tlint -Wwarning "$p/share/man/$page"
	expect_status 0
	expect_empty_stdout
	run "MANWIDTH=80 man -l '$p/share/man/$page' | head -3"
	expect_status 0
	expect_stdout_has "$(sed -n 's/^\.Dt \([^ ]*\) \([0-9]\).*/\1(\2)/p' "$src")"
done
# man finds the pages by name under the prefix.
run "MANPATH='$p/share/man' MANWIDTH=80 man 1 gap-find | head -1"
expect_stdout_has "GAP-FIND(1)"

case_ "shell completion and examples"
for tool in goals-load kpi-score gap-find report-fmt; do
	cmp -s "$AK_SRC/completion/alignkit.bash" "$p/share/bash-completion/completions/$tool" ||
		ak_fail "bash completion for $tool is not installed"
done
run bash --norc --noprofile -c ". '$p/share/bash-completion/completions/kpi-score' && complete -p report-fmt"
expect_stdout "complete -F _alignkit report-fmt"
run cmp "$AK_SRC/completion/_alignkit" "$p/share/zsh/site-functions/_alignkit"
expect_status 0
run test -x "$p/share/doc/alignkit/examples/cron/weekly-rollup.sh"
expect_status 0
run ls "$p/share/doc/alignkit/examples/ci" "$p/share/doc/alignkit/examples/model"
expect_stdout "$p/share/doc/alignkit/examples/ci:
README.md
github-alignkit.yml
gitlab-ci.yml

$p/share/doc/alignkit/examples/model:
check-ins.csv
goals.csv
initiatives.csv
kpis.csv
measurements.csv
targets.csv
weekly-measurements.csv"

case_ "DESTDIR stages an install for a package"
DESTDIR=$AK_T/stage run cmake --install "$AK_BUILD" --prefix /usr
expect_status 0
run "find '$AK_T/stage' -name alignkit.pc | xargs grep '^prefix='"
expect_stdout "prefix=/usr"
finish

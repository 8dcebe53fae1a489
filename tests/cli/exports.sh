# libalignkit.so exports exactly the functions include/ declares: every
# exported symbol is declared in a public header, and every function a
# public header declares is exported (AK_EXTERN; the library is built with
# hidden visibility, so a declaration without it is not exported).
. "$(dirname "$0")/lib.bash"
: "${AK_SRC:?AK_SRC must name the source tree}"
: "${AK_BUILD:?AK_BUILD must name the build tree}"
so=$AK_BUILD/libalignkit.so

# declared DIR: the names of the functions the headers under DIR declare,
# sorted.  A declaration starts a line (after AK_EXTERN, if any) with its
# return type and name; typedefs, macros and indented lines (parameters,
# members, comments) are not declarations.
declared() {
	perl -ne 'print "$1\n" if
	    /^(?:AK_EXTERN\s+)?(?!typedef\b)(?:const\s+)?[A-Za-z_]\w*[\s*]+(ak_\w+)\s*\(/' \
	    "$1"/alignkit.h "$1"/alignkit/*.h | LC_ALL=C sort -u
}

# exported SO: the names of the symbols SO defines in its dynamic symbol
# table, sorted, without the loader's and toolchain's own (_init, _fini,
# __bss_start, ...).
exported() {
	nm -D --defined-only "$1" | awk '{ print $NF }' | grep -v '^_' | LC_ALL=C sort -u
}

# compare DIR SO: the two lists side by side, only where they differ
# ("declared, not exported" in column 1, "exported, not declared" in 2).
compare() {
	LC_ALL=C comm -3 <(declared "$1") <(exported "$2")
}

case_ "the shared library is built"
run test -f "$so"
expect_status 0

case_ "the headers declare functions"
run bash -c "$(declare -f declared); declared '$AK_SRC/include' | wc -l"
expect_status 0
if [ "$(cat "$AK_T/out")" -ge 100 ]; then ak_pass; else
	ak_fail "only $(cat "$AK_T/out") declarations found under include/"; fi

case_ "what libalignkit.so exports is what include/ declares"
run bash -c "$(declare -f declared exported compare); compare '$AK_SRC/include' '$so'"
expect_status 0
expect_empty_stdout

# The comparison itself fails when either side differs: a header copy with
# one more declaration, and one with a declaration taken out.
case_ "a declared function that is not exported is found"
mkdir -p "$AK_T/more/alignkit"
cp "$AK_SRC/include/alignkit.h" "$AK_T/more/"
cp "$AK_SRC"/include/alignkit/*.h "$AK_T/more/alignkit/"
printf 'AK_EXTERN int ak_not_built(void);\n' >>"$AK_T/more/alignkit/map.h"
run bash -c "$(declare -f declared exported compare); compare '$AK_T/more' '$so'"
expect_stdout 'ak_not_built'

case_ "an exported function that is not declared is found"
mkdir -p "$AK_T/less/alignkit"
cp "$AK_SRC/include/alignkit.h" "$AK_T/less/"
cp "$AK_SRC"/include/alignkit/*.h "$AK_T/less/alignkit/"
grep -v 'ak_map_count(' "$AK_SRC/include/alignkit/map.h" >"$AK_T/less/alignkit/map.h"
run bash -c "$(declare -f declared exported compare); compare '$AK_T/less' '$so'"
expect_stdout '	ak_map_count'

finish

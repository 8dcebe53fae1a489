#!/usr/bin/env bash
# Installs the Debian packages alignkit needs, when they are missing.
#   scripts/deps.sh          what building and running the tools needs
#   scripts/deps.sh --test   that, plus what the test suite uses
# Runs apt-get as root, or through sudo when there is one.
set -eu

build_pkgs="cmake make gcc pkg-config libjansson-dev libcsv-dev"
# cmocka for the unit tests; for the CLI tests: mandoc and man (the man
# pages), jq, xmllint and mlr (checking what the tools write), chromium
# (the HTML report in a browser), valgrind, clang and its runtime (the fuzz
# targets), GNU time (the limit tests' memory use), zsh (the completion),
# strace (what hostile records make the tools open), npm (to install
# Microsoft's SARIF validator, below).
test_pkgs="libcmocka-dev mandoc man-db jq libxml2-utils miller chromium valgrind clang libclang-rt-14-dev time zsh strace python3 parallel sqlite3"
# nodejs and npm only when there is no npm: a Node.js from elsewhere (which
# brings its own npm) is fine, and Debian's npm package conflicts with it.
command -v npm >/dev/null 2>&1 || test_pkgs="$test_pkgs nodejs npm"

# Microsoft's SARIF validator (tests/cli/sarif-validator.sh), pinned, from
# npm into a cache directory that outlives build trees.  Its optional
# dependency is a self-contained .NET program whose postinstall (chmod)
# npm does not run, so the chmod is done here.
sarif_version=5.7.0
sarif_dir=${AK_SARIF_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/alignkit/sarif-multitool-$sarif_version}
sarif_bin=$sarif_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
install_sarif() {
	[ -x "$sarif_bin" ] && return 0
	echo "alignkit: installing @microsoft/sarif-multitool@$sarif_version into $sarif_dir" >&2
	mkdir -p "$sarif_dir"
	(cd "$sarif_dir" && npm install --no-audit --no-fund --no-save \
		"@microsoft/sarif-multitool@$sarif_version" >/dev/null)
	chmod u+x "$sarif_bin"
}

want=$build_pkgs
[ "${1:-}" = "--test" ] && want="$want $test_pkgs"

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
if [ -z "$missing" ]; then
	[ "${1:-}" = "--test" ] && install_sarif
	exit 0
fi

echo "alignkit: installing Debian packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
	as_root=""
elif command -v sudo >/dev/null 2>&1; then
	as_root="sudo"
else
	echo "alignkit: need root (or sudo) to install:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -qq
# shellcheck disable=SC2086
$as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
[ "${1:-}" = "--test" ] && install_sarif
exit 0

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
# strace (what hostile records make the tools open).
test_pkgs="libcmocka-dev mandoc man-db jq libxml2-utils miller chromium valgrind clang libclang-rt-14-dev time zsh strace python3"

want=$build_pkgs
[ "${1:-}" = "--test" ] && want="$want $test_pkgs"

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

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

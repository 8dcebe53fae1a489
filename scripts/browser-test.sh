#!/bin/sh
# browser-test.sh: render an alignkit stream as the HTML report and look at
# it in headless Chromium: screenshots at a desktop's width (1280 pixels)
# and a phone's (390), and the DOM the browser built.
#
#   scripts/browser-test.sh [STREAM.jsonl [OUTDIR]]
#
# STREAM defaults to the report-fmt test stream; OUTDIR to build-browser.
# Needs report-fmt on PATH (or AK_BIN naming its directory) and chromium.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
stream=${1:-$src/tests/data/report-fmt/stream.jsonl}
outdir=${2:-$src/build-browser}
[ -n "${AK_BIN:-}" ] && PATH=$AK_BIN:$PATH
chrome=
for c in ${AK_CHROMIUM:-chromium chromium-browser google-chrome}; do
	if command -v "$c" >/dev/null 2>&1; then chrome=$c; break; fi
done
if [ -z "$chrome" ]; then
	echo "browser-test.sh: chromium not found (apt-get install chromium)" >&2
	exit 2
fi
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
profile=$(mktemp -d "${TMPDIR:-/tmp}/alignkit-chromium.XXXXXX")
trap 'rm -rf "$profile"' EXIT
report-fmt -f html -o "$outdir/report.html" "$stream"
set -- --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--disable-extensions --user-data-dir="$profile"
"$chrome" "$@" --dump-dom "file://$outdir/report.html" >"$outdir/dom.html" 2>/dev/null
for width in 1280 390; do
	"$chrome" "$@" --screenshot="$outdir/report-$width.png" \
		--window-size=$width,2400 "file://$outdir/report.html" >/dev/null 2>&1
done
echo "report:     $outdir/report.html"
echo "dom:        $outdir/dom.html"
echo "screenshot: $outdir/report-1280.png $outdir/report-390.png"

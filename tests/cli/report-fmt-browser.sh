# report-fmt: the HTML report in a real browser.  Headless Chromium loads
# the page from a file, with the network off; the test reads the DOM it
# built and checks what a reader sees: the title, one chart per KPI, one
# node per goal, one row per gap, the matrix; and that the hostile stream
# runs no script.  At 1280 and at 390 pixels (a phone) the page must not
# scroll sideways and every section must lie within it (a probe page
# loads the report in a frame of that width and measures it).  Screenshots
# at both widths are kept in the build directory
# (report-fmt-browser-1280.png, report-fmt-browser-390.png) for a person to
# look at.
#
# Without chromium the test says SKIPPED and exits 0 (ctest has no skip
# status for it without a SKIP_RETURN_CODE property) -- except under CI
# (CI set to anything but "", 0 or false), where a missing browser is a
# failure: CI must run this test.
. "$(dirname "$0")/lib.bash"
cd "$AK_DATA/report-fmt" || exit 1

# AK_CHROMIUM names the browser; by default the first of these found.
CHROME=
for c in ${AK_CHROMIUM:-chromium chromium-browser google-chrome}; do
	if command -v "$c" >/dev/null 2>&1; then CHROME=$c; break; fi
done
if [ -z "$CHROME" ]; then
	case ${CI:-} in "" | 0 | false) ci= ;; *) ci=1 ;; esac
	if [ -n "$ci" ]; then
		case_ "chromium is installed"
		ak_fail "chromium not found and CI is set: install it (scripts/deps.sh)"
		finish
		exit 1
	fi
	echo "report-fmt-browser: SKIPPED: chromium not found (apt-get install chromium); set CI=1 to make this a failure"
	exit 0
fi

OUTDIR=${AK_BUILD:-$AK_T}
PROFILE=$(mktemp -d "${TMPDIR:-/tmp}/alignkit-chromium.XXXXXX")
trap 'rm -rf "$AK_T" "$PROFILE"' EXIT

chrome() {
	# No network, no first-run work, a throwaway profile; the timeout
	# keeps a wedged browser from hanging the suite.
	timeout 90 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --disable-extensions --user-data-dir="$PROFILE" "$@" 2>>"$AK_T/chrome.log"
}

# count FILE XPATH: how many nodes of the dumped DOM match.
count() {
	xmllint --html --xpath "count($2)" "$1" 2>/dev/null
}

case_ "the report renders"
report-fmt -f html --title "Weekly alignment & <review>" -o "$AK_T/report.html" stream.jsonl
chrome --dump-dom "file://$AK_T/report.html" > "$AK_T/dom.html"
if [ -s "$AK_T/dom.html" ]; then ak_pass; else ak_fail "no DOM from $CHROME:"; tail -5 "$AK_T/chrome.log" >&2; fi

case_ "the page shows the title"
[ "$(xmllint --html --xpath 'string(//title)' "$AK_T/dom.html" 2>/dev/null)" = "Weekly alignment & <review>" ] \
	&& ak_pass || ak_fail "title: $(xmllint --html --xpath 'string(//title)' "$AK_T/dom.html" 2>/dev/null)"
[ "$(xmllint --html --xpath 'string(//h1)' "$AK_T/dom.html" 2>/dev/null)" = "Weekly alignment & <review>" ] \
	&& ak_pass || ak_fail "h1"

case_ "one chart per KPI"
[ "$(count "$AK_T/dom.html" '//figure[@class="kpi"]/*[local-name()="svg"]')" = 4 ] && ak_pass || ak_fail "charts: $(count "$AK_T/dom.html" '//figure[@class="kpi"]/*[local-name()="svg"]')"
for k in K1 K2 K3 K4; do
	[ "$(count "$AK_T/dom.html" "//figure[@data-kpi='$k']")" = 1 ] && ak_pass || ak_fail "no chart for $k"
done
# K1 has four periods of values, K3 three with a gap between them.
[ "$(count "$AK_T/dom.html" "//figure[@data-kpi='K1']//*[local-name()='circle']")" = 4 ] && ak_pass || ak_fail "K1 points"
[ "$(count "$AK_T/dom.html" "//figure[@data-kpi='K3']//*[local-name()='polyline']")" = 1 ] && ak_pass || ak_fail "K3 line broken at the missing period"
[ "$(count "$AK_T/dom.html" "//figure[@data-kpi='K1']//*[local-name()='rect' and @class='band']")" = 1 ] && ak_pass || ak_fail "K1 target band"

case_ "one node per goal, nested as the tree"
[ "$(count "$AK_T/dom.html" '//li[contains(@class,"goal")]')" = 4 ] && ak_pass || ak_fail "goal nodes"
[ "$(count "$AK_T/dom.html" "//li[@data-goal='G1']//li[@data-goal='G2']//li[@data-goal='G3']")" = 1 ] && ak_pass || ak_fail "G3 under G2 under G1"
[ "$(count "$AK_T/dom.html" "//li[@data-goal='G1' and contains(@class,'st-amber')]")" = 1 ] && ak_pass || ak_fail "G1 coloured amber"

case_ "one row per gap"
[ "$(count "$AK_T/dom.html" '//table[@class="gaps"]/tbody/tr')" = 10 ] && ak_pass || ak_fail "gap rows"
[ "$(count "$AK_T/dom.html" '//table[@class="gaps"]/tbody/tr[contains(@class,"waived")]')" = 1 ] && ak_pass || ak_fail "waived row"

case_ "the initiatives, each with an anchor the matrix can link to"
[ "$(count "$AK_T/dom.html" '//table[@class="initiatives"]/tbody/tr')" = 3 ] && ak_pass || ak_fail "initiative rows"
[ "$(count "$AK_T/dom.html" "//tr[@id='initiative-I2']/td[contains(.,'overdue')]")" = 1 ] && ak_pass || ak_fail "I2 overdue"

case_ "every chart has labelled axes and a text alternative"
n=$(count "$AK_T/dom.html" '//*[local-name()="svg" and @class="chart"]')
[ "$n" -ge 5 ] && ak_pass || ak_fail "charts: $n"
[ "$(count "$AK_T/dom.html" '//*[local-name()="svg" and @class="chart" and not(*[local-name()="title"] and *[local-name()="desc"])]')" = 0 ] \
	&& ak_pass || ak_fail "a chart without title and desc"
[ "$(count "$AK_T/dom.html" '//*[local-name()="svg" and @class="chart" and not(*[local-name()="text" and @transform])]')" = 0 ] \
	&& ak_pass || ak_fail "a chart without a y-axis label"
[ "$(xmllint --html --xpath 'string(//figure[@data-kpi="K1"]//*[local-name()="desc"])' "$AK_T/dom.html" 2>/dev/null)" = "2026-W44 90 amber; 2026-W45 93 amber; 2026-W46 96 amber; 2026-W47 94.3 amber. Target: at least 100 kEUR. Red below 85 kEUR." ] \
	&& ak_pass || ak_fail "K1 text alternative: $(xmllint --html --xpath 'string(//figure[@data-kpi="K1"]//*[local-name()="desc"])' "$AK_T/dom.html" 2>/dev/null)"
[ "$(count "$AK_T/dom.html" '//section[@id="history"]//figure[@class="course"]')" = 1 ] && ak_pass || ak_fail "history chart of G1"

case_ "the alignment matrix"
[ "$(count "$AK_T/dom.html" '//table[@class="matrix"]/tbody/tr')" = 4 ] && ak_pass || ak_fail "matrix rows"
[ "$(count "$AK_T/dom.html" '//table[@class="matrix"]/thead/tr/th')" = 4 ] && ak_pass || ak_fail "matrix columns"

# probe HTML WIDTH: loads the report in a frame WIDTH pixels wide and
# prints "scroll=N client=N sections=N bad=IDS": the page's scroll width
# against its width, and the sections that are empty or stick out.
probe() {
	cat > "$AK_T/probe.html" <<EOF
<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="$(basename "$1")" style="width:${2}px;height:3000px;border:0"></iframe>
<pre id="out">pending</pre>
<script>
document.getElementById('f').onload = function () {
	var d = this.contentDocument, e = d.documentElement, bad = [];
	d.querySelectorAll('section').forEach(function (s) {
		var r = s.getBoundingClientRect();
		if (r.height <= 0 || r.left < 0 || r.right > e.clientWidth + 0.5) bad.push(s.id);
	});
	document.getElementById('out').textContent = 'scroll=' + e.scrollWidth +
		' client=' + e.clientWidth + ' sections=' +
		d.querySelectorAll('section').length + ' bad=' + bad.join(',');
};
</script></body></html>
EOF
	chrome --allow-file-access-from-files --virtual-time-budget=5000 \
		--dump-dom "file://$AK_T/probe.html" | sed -n 's/.*<pre id="out">\([^<]*\)<.*/\1/p'
}

for width in 1280 390; do
	case_ "at $width pixels the page does not scroll sideways and every section is on it"
	got=$(probe "$AK_T/report.html" "$width")
	set -- $got
	sw=${1#scroll=} cw=${2#client=}
	if [ -n "$sw" ] && [ "$sw" = "$cw" ]; then ak_pass; else ak_fail "at $width: $got"; fi
	[ "${3:-}" = "sections=8" ] && [ "${4:-}" = "bad=" ] && ak_pass || ak_fail "at $width: $got"

	case_ "a screenshot at $width pixels"
	png=$OUTDIR/report-fmt-browser-$width.png
	rm -f "$png"
	chrome --screenshot="$png" --window-size=$width,2400 "file://$AK_T/report.html" >/dev/null
	if [ -s "$png" ] && [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
		ak_pass
		echo "report-fmt-browser: screenshot in $png"
	else
		ak_fail "no screenshot at $width"
	fi
done

# targets.jsonl: T1's target steps up in 2026-W44 and it has a forecast,
# T2's band moves, T3 has a fixed target and a forecast.
case_ "the target in force as steps and the forecast to the due date, in the browser"
report-fmt -f html --section kpis -o "$AK_T/targets.html" targets.jsonl
chrome --dump-dom "file://$AK_T/targets.html" > "$AK_T/tdom.html"
[ "$(count "$AK_T/tdom.html" "//figure[@data-kpi='T1']//*[local-name()='path' and @class='target']")" = 1 ] && ak_pass || ak_fail "T1 step line"
[ "$(count "$AK_T/tdom.html" "//figure[@data-kpi='T1']//*[local-name()='line' and @class='forecast']")" = 1 ] && ak_pass || ak_fail "T1 forecast"
[ "$(count "$AK_T/tdom.html" "//figure[@data-kpi='T2']//*[local-name()='path' and @class='target']")" = 2 ] && ak_pass || ak_fail "T2 band edges"
[ "$(count "$AK_T/tdom.html" '//p[@class="legend"]')" = 3 ] && ak_pass || ak_fail "a legend per chart"
png=$OUTDIR/report-fmt-browser-targets-1280.png
rm -f "$png"
chrome --screenshot="$png" --window-size=1280,900 "file://$AK_T/targets.html" >/dev/null
if [ -s "$png" ]; then ak_pass; echo "report-fmt-browser: screenshot in $png"; else ak_fail "no screenshot of the targets charts"; fi

case_ "hostile input runs nothing in the browser"
report-fmt -f html -o "$AK_T/hostile.html" hostile.jsonl
chrome --dump-dom "file://$AK_T/hostile.html" > "$AK_T/hdom.html"
[ -s "$AK_T/hdom.html" ] && ak_pass || ak_fail "no DOM"
[ "$(count "$AK_T/hdom.html" '//script | //img | //iframe | //*[@onerror] | //*[@onload]')" = 0 ] && ak_pass || ak_fail "an element from the input made it into the DOM"
[ "$(xmllint --html --xpath "string(//li[@data-goal='H1']/span/text()[1])" "$AK_T/hdom.html" 2>/dev/null)" = " <script>alert(1)</script> " ] \
	&& ak_pass || ak_fail "the title is not shown as text: $(xmllint --html --xpath "string(//li[@data-goal='H1']/span)" "$AK_T/hdom.html" 2>/dev/null)"

finish

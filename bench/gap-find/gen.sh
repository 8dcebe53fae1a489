#!/bin/sh
# Writes a large model as JSON Lines on standard output, the same every run
# (fixed seed): 10k goals in trees up to a few hundred levels deep, 10k
# initiatives, 50k KPIs, and PERIODS weeks of score records for every KPI
# and rollup records for every goal (0 for the model alone).  A few of each
# defect are planted so that every structural check has work to do.
#   bench/gap-find/gen.sh [PERIODS] > model.jsonl
set -eu
periods=${1:-3}
case $periods in ''|*[!0-9]*) echo "gen.sh: PERIODS must be a whole number" >&2; exit 2;; esac
exec awk -v periods="$periods" 'BEGIN {
	srand(20261123)
	G = 10000; I = 10000; K = 50000; TOP = 12
	split("financial customer internal learning", persp, " ")
	split("green green green amber amber red none", status, " ")
	split("improving worsening worsening flat improving", trend, " ")
	for (g = 0; g < G; g++) {
		# Most goals hang below a recent one, so chains grow deep.
		if (g < TOP)
			parent = ""
		else if (rand() < 0.7)
			parent = sprintf(",\"parent\":\"G%d\"", g - 1 - int(rand() * 3))
		else
			parent = sprintf(",\"parent\":\"G%d\"", int(rand() * g))
		if (g >= 5000 && g <= 5002)                          # a loop of 3
			parent = sprintf(",\"parent\":\"G%d\"", g == 5000 ? 5002 : g - 1)
		if (g == 7000) parent = ",\"parent\":\"G99999\""    # dangling
		owner = rand() < 0.98 ? sprintf(",\"owner\":\"Owner %d\"", g % 97) : ""
		st = rand() < 0.03 ? ",\"status\":\"retired\"" : ""
		printf "{\"kind\":\"goal\",\"id\":\"G%d\",\"title\":\"Goal number %d\"%s,\"weight\":%d,\"perspective\":\"%s\"%s%s,\"src\":\"goals.csv:%d\"}\n",
			g, g, parent, 1 + int(rand() * 5), persp[1 + g % 4], owner, st, g + 2
	}
	for (i = 0; i < I; i++) {
		n = 1 + int(rand() * 3); sup = ""
		for (j = 0; j < n; j++)
			sup = sup sprintf("%s{\"goal\":\"G%d\",\"weight\":%d}", j ? "," : "", int(rand() * G), 1 + int(rand() * 3))
		if (i % 1000 == 7) sup = ""                         # orphans
		r = rand()
		st = r < 0.8 ? "active" : r < 0.9 ? "proposed" : r < 0.97 ? "done" : "cancelled"
		sponsor = rand() < 0.97 ? sprintf(",\"sponsor\":\"Sponsor %d\"", i % 53) : ""
		end = sprintf("%04d-%02d-%02d", 2026 + int(rand() * 2), 1 + int(rand() * 12), 1 + int(rand() * 28))
		printf "{\"kind\":\"initiative\",\"id\":\"I%d\",\"title\":\"Initiative number %d\",\"supports\":[%s],\"owner\":\"IT owner %d\"%s,\"status\":\"%s\",\"budget\":%d,\"start\":\"2026-01-05\",\"end\":\"%s\",\"src\":\"initiatives.csv:%d\"}\n",
			i, i, sup, i % 41, sponsor, st, 1000 * (10 + int(rand() * 990)), end, i + 2
	}
	for (k = 0; k < K; k++) {
		measures = rand() < 0.6 ? sprintf("G%d", int(rand() * G)) : sprintf("I%d", int(rand() * I))
		if (k % 10000 == 3) measures = "X404"                # dangling
		bo = rand() < 0.97 ? sprintf(",\"business_owner\":\"Business %d\"", k % 89) : ""
		io = rand() < 0.97 ? sprintf(",\"it_owner\":\"IT %d\"", k % 83) : ""
		printf "{\"kind\":\"kpi\",\"id\":\"K%d\",\"name\":\"KPI number %d\",\"measures\":\"%s\",\"direction\":\"up\",\"target\":100,\"baseline\":50,\"cadence\":\"week\",\"unit\":\"%%\"%s%s,\"src\":\"kpis.csv:%d\"}\n",
			k, k, measures, bo, io, k + 2
	}
	printf "{\"kind\":\"goal\",\"id\":\"G42\",\"title\":\"A second goal 42\",\"owner\":\"x\",\"src\":\"more-goals.csv:2\"}\n"
	# Weeks 2026-W45..W47 and earlier, latest last.
	split("2026-W41 2026-W42 2026-W43 2026-W44 2026-W45 2026-W46 2026-W47", label, " ")
	split("2026-10-11 2026-10-18 2026-10-25 2026-11-01 2026-11-08 2026-11-15 2026-11-22", ends, " ")
	split("2026-10-05 2026-10-12 2026-10-19 2026-10-26 2026-11-02 2026-11-09 2026-11-16", starts, " ")
	if (periods > 7) periods = 7
	for (p = 8 - periods; p <= 7; p++) {
		for (k = 0; k < K; k++) {
			s = status[1 + int(rand() * 7)]
			v = 40 + int(rand() * 70)
			printf "{\"kind\":\"score\",\"kpi\":\"K%d\",\"measures\":\"G%d\",\"period\":\"%s\",\"start\":\"%s\",\"end\":\"%s\",\"value\":%d,\"n\":1,\"progress\":0.5,\"expected\":1,\"score\":0.5,\"status\":\"%s\",\"previous\":%d,\"delta\":1,\"trend\":\"%s\",\"stale\":%s,\"src\":\"kpis.csv:%d\"}\n",
				k, k % G, label[p], starts[p], ends[p], v, s, v + 1, trend[1 + int(rand() * 5)], s == "none" ? "true" : "false", k + 2
		}
		for (g = 0; g < G; g++)
			printf "{\"kind\":\"rollup\",\"of\":\"G%d\",\"type\":\"goal\",\"period\":\"%s\",\"end\":\"%s\",\"score\":0.7,\"status\":\"%s\",\"children\":3,\"scored\":2,\"src\":\"goals.csv:%d\"}\n",
				g, label[p], ends[p], status[1 + int(rand() * 6)], g + 2
	}
}'

# gen.awk -v n=GOALS: a model of n goals (a tree, ten children each), n/10
# initiatives serving two goals each, n/10 KPIs with four weekly scores,
# a rollup per goal and per initiative, and n/10 gaps.
BEGIN {
	ni = int(n / 10); nk = int(n / 10)
	for (i = 1; i <= n; i++) {
		printf "{\"kind\":\"goal\",\"id\":\"G%d\",\"title\":\"Goal number %d of the big model\",\"owner\":\"Owner %d\"", i, i, i % 97
		p = int(i / 10)
		if (p < 1) p = 1
		if (i > 1) printf ",\"parent\":\"G%d\"", p
		printf ",\"src\":\"goals.csv:%d\"}\n", i + 1
	}
	for (j = 1; j <= ni; j++)
		printf "{\"kind\":\"initiative\",\"id\":\"I%d\",\"title\":\"Initiative %d\",\"supports\":[{\"goal\":\"G%d\",\"weight\":1},{\"goal\":\"G%d\",\"weight\":2}],\"owner\":\"IT\",\"sponsor\":\"Biz\",\"budget\":%d.1,\"start\":\"2026-01-05\",\"end\":\"2026-12-18\",\"src\":\"initiatives.csv:%d\"}\n", j, j, j * 10 % n + 1, j * 7 % n + 1, j * 1000, j + 1
	for (k = 1; k <= nk; k++) {
		printf "{\"kind\":\"kpi\",\"id\":\"K%d\",\"name\":\"KPI %d\",\"measures\":\"G%d\",\"unit\":\"GBP\",\"target\":100,\"src\":\"kpis.csv:%d\"}\n", k, k, k * 3 % n + 1, k + 1
		for (w = 44; w <= 47; w++)
			printf "{\"kind\":\"score\",\"kpi\":\"K%d\",\"measures\":\"G%d\",\"period\":\"2026-W%d\",\"start\":\"2026-10-26\",\"end\":\"2026-11-%02d\",\"value\":%d.30000000000001,\"n\":3,\"progress\":0.5,\"expected\":1,\"score\":0.5,\"status\":\"amber\",\"previous\":90,\"delta\":1,\"trend\":\"improving\",\"stale\":false,\"src\":\"kpis.csv:%d\"}\n", k, k * 3 % n + 1, w, w - 25, 90 + w - 44, k + 1
	}
	for (i = 1; i <= n; i++)
		printf "{\"kind\":\"rollup\",\"of\":\"G%d\",\"type\":\"goal\",\"period\":\"2026-W47\",\"end\":\"2026-11-22\",\"score\":0.8333,\"status\":\"amber\",\"children\":3,\"scored\":2,\"src\":\"goals.csv:%d\"}\n", i, i + 1
	for (j = 1; j <= ni; j++)
		printf "{\"kind\":\"rollup\",\"of\":\"I%d\",\"type\":\"initiative\",\"period\":\"2026-W47\",\"end\":\"2026-11-22\",\"score\":1,\"status\":\"green\",\"children\":1,\"scored\":1,\"src\":\"initiatives.csv:%d\"}\n", j, j + 1
	for (g = 1; g <= int(n / 10); g++)
		printf "{\"kind\":\"gap\",\"type\":\"unsupported-goal\",\"severity\":\"error\",\"subject\":\"G%d\",\"message\":\"goal G%d \\\"Goal number %d\\\" has no active initiative\",\"fingerprint\":\"%016x\",\"src\":\"goals.csv:%d\"}\n", g * 9, g * 9, g * 9, g, g * 9 + 1
}

#!/bin/sh
# Writes a measurements CSV for the goals-load benchmark: ROWS rows (default
# 1000000) over 10000 KPIs, from a fixed seed, so that every run times the
# same bytes.  Usage: gen.sh [ROWS] >FILE
rows=${1:-1000000}
exec awk -v rows="$rows" 'BEGIN {
	srand(20261116)
	print "kpi,at,value,note"
	for (i = 1; i <= rows; i++) {
		kpi = sprintf("kpi-%05d", int(rand() * 10000))
		at = sprintf("2026-%02d-%02d", 1 + int(rand() * 12), 1 + int(rand() * 28))
		value = sprintf("%.2f", rand() * 5000)
		r = rand()
		if (r < 0.1)
			note = "\"checked, ok\""
		else if (r < 0.15)
			note = "web shop"
		else
			note = ""
		print kpi "," at "," value "," note
	}
}'

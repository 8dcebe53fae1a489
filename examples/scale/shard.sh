#!/bin/sh
# Scores a large measurement stream on every core: GNU parallel splits the
# measurements into blocks, each block is turned into partials with the
# model records, and one kpi-score merges the partials.
#   shard.sh MODEL.jsonl MEASUREMENTS.jsonl [KPI-SCORE OPTIONS...]
# Give the same --as-of and --period to every run: they place the
# measurements in periods.  The score and rollup records are those of one
# kpi-score over the model and all the measurements.
set -eu
[ $# -ge 2 ] || { echo "usage: shard.sh MODEL.jsonl MEASUREMENTS.jsonl [OPTIONS...]" >&2; exit 2; }
model=$1 measurements=$2
shift 2
opts=$(printf " '%s'" "$@")
parallel --pipe --block "${AK_SHARD_BLOCK:-64M}" -k \
	"cat '$model' - | kpi-score --partials $opts" <"$measurements" |
	grep '"kind":"measurement"' | cat "$model" - | eval "kpi-score $opts"

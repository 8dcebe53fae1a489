#!/bin/sh
# Every figure of the scale targets in one run, side by side: kpi-score
# against the bare jansson parse, Miller and the getline floor (with the
# ratios), its peak memory at N and BIG measurements, BIG measurements in
# one process against 2 shards through partials (bench/kpi-score/run.sh);
# then gap-find's and report-fmt's memory per record, the million-id model
# among them (bench/gap-find/run.sh).  The variables of both scripts pass
# through (N, K, BIG, RUNS, SHARD, SHARD_RUNS, IDS).  Prints the load
# average before and after: the machine may be shared.
#   bench/run.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
bash "$here/kpi-score/run.sh"
echo
sh "$here/gap-find/run.sh"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

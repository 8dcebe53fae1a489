#!/usr/bin/env bash
# Builds alignkit and runs the weekly job on the bundled example
# organisation (examples/model), reporting the week that ended on Sunday
# 2026-11-22, the last week of the example's data.
# Installs the Debian packages it needs first.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${AK_BUILD_DIR:-$top/build}
jobs=$(nproc 2>/dev/null || echo 2)

"$top/scripts/deps.sh"
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$jobs" >/dev/null
bin=$build/bin

"$bin/goals-load" "$top/examples/model"

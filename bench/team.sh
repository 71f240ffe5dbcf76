#!/usr/bin/env bash
# Times `peerlog report team` over a team's year of weekly exports against jq reading the same
# files (every file parsed once, one figure summed: a floor for "read all that JSON"), and
# prints medians, the ratio and peak memory.
#
# Usage: bench/team.sh [SPECIALISTS] [WEEKS]     (default: 1000 specialists × 52 weeks)
#   BUILD=build  ROUNDS=3  TEAM=$BUILD/bench/team-SPECIALISTSxWEEKS
# The files are made once (bench/team_lib.sh) and kept in $TEAM.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
ROUNDS=${ROUNDS:-3}
SPECIALISTS=${1:-1000}
WEEKS=${2:-52}
TEAM=${TEAM:-$BUILD/bench/team-${SPECIALISTS}x$WEEKS}
PEERLOG=$BUILD/peerlog
[ -x "$PEERLOG" ] || cmake --build "$BUILD" -j2 >/dev/null
command -v jq >/dev/null && command -v python3 >/dev/null || {
    echo "bench/team.sh needs jq and python3 (sh .ci/install-deps)" >&2
    exit 1
}

source bench/team_lib.sh
team_files "$TEAM" "$SPECIALISTS" "$WEEKS"

jq_floor() { find "$TEAM" -name '*.json' -print0 | sort -z | xargs -0 cat | jq -n '[inputs.totals.minutes] | add'; }

files=$(find "$TEAM" -name '*.json' | wc -l)
size=$(du -sm "$TEAM" | cut -f1)
"$PEERLOG" report team "$TEAM" --format json >/dev/null # warm the page cache
ours=() floor=()
for ((i = 0; i < ROUNDS; i++)); do
    ours+=("$(elapsed_ms "$PEERLOG" report team "$TEAM" --format json)")
    floor+=("$(elapsed_ms jq_floor)")
done
m_ours=$(median "${ours[@]}") m_floor=$(median "${floor[@]}")
rss=$(/usr/bin/time -f "%M" "$PEERLOG" report team "$TEAM" --format json 2>&1 >/dev/null | tail -1)
echo "peerlog $("$PEERLOG" --version | cut -d' ' -f2) vs $(jq --version), $(date -u +%Y-%m-%d)," \
    "$(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
echo
echo "| files | MB of JSON | report team ms | jq ms | ratio | peak RSS |"
echo "|---:|---:|---:|---:|---:|---:|"
printf '| %s | %s | %s | %s | %s× | %s MiB |\n' "$files" "$size" "$m_ours" "$m_floor" \
    "$(awk -v a="$m_ours" -v b="$m_floor" 'BEGIN { printf "%.2f", a / b }')" "$((rss / 1024))"

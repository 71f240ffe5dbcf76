#!/usr/bin/env bash
# Times `peerlog report team` over a team's year of weekly exports against jq reading the same
# files (every file parsed once, one figure summed: a floor for "read all that JSON"), and
# prints medians, the ratio and peak memory.
#
# Usage: bench/team.sh [SPECIALISTS] [WEEKS]     (default: 1000 specialists × 52 weeks)
#   BUILD=build  ROUNDS=3  TEAM=$BUILD/bench/team-SPECIALISTSxWEEKS
# The files are made once from one real export (24 sessions, 4 of them group sessions) with
# each copy's specialist and week rewritten, and kept in $TEAM.
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

# template FILE: one week of a specialist's work, exported by peerlog itself.
template() {
    local dir
    dir=$(mktemp -d)
    export PEERLOG_JOURNAL=$dir/journal.db XDG_CONFIG_HOME=$dir/config PEERLOG_TODAY=2026-11-22
    "$PEERLOG" -q init
    for p in 1 2 3 4 5 6 7 8 9 10 11 12; do "$PEERLOG" -q peer add "P$p" --since 2026-01-05; done
    "$PEERLOG" -q group add "Tuesday circle"
    for i in $(seq 0 19); do
        "$PEERLOG" -q session add --peer "P$((i % 12 + 1))" --support emotional,informational \
            --duration "$((30 + i * 3))m" --date "2026-11-$((16 + i % 5))" >/dev/null
    done
    for day in 16 17 18 19; do
        "$PEERLOG" -q session add --group "Tuesday circle" --attendee P1,P2,P3 --unnamed 2 \
            --support affiliational --duration 1h --date "2026-11-$day" >/dev/null
    done
    "$PEERLOG" -q export --week 2026-W47 --format json -o "$1"
    rm -rf "$dir"
}

if [ ! -f "$TEAM/.complete" ]; then
    rm -rf "$TEAM"
    mkdir -p "$TEAM"
    template "$TEAM/template.json"
    python3 - "$TEAM" "$SPECIALISTS" "$WEEKS" <<'EOF'
import datetime, json, os, sys
team, specialists, weeks = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
template = json.load(open(os.path.join(team, "template.json")))
os.remove(os.path.join(team, "template.json"))
for s in range(1, specialists + 1):
    folder = os.path.join(team, f"s{s:04}")
    os.mkdir(folder)
    template["specialist"] = f"Specialist {s:04}"
    for w in range(1, weeks + 1):
        monday = datetime.date.fromisocalendar(2026, w, 1)
        template["period"] = {"week": f"2026-W{w:02}", "from": monday.isoformat(),
                              "to": (monday + datetime.timedelta(days=6)).isoformat()}
        with open(os.path.join(folder, f"2026-W{w:02}.json"), "w") as out:
            json.dump(template, out, indent=2)
EOF
    touch "$TEAM/.complete"
fi

elapsed_ms() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || {
        echo "bench/team.sh: failed: $*" >&2
        exit 1
    }
    end=$(date +%s%N)
    echo $(((end - start) / 1000))e-3
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.0f", v[int((NR + 1) / 2)] }'; }
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

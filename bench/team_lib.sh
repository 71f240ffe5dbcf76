# What the team benchmarks share (source it, with $PEERLOG set): `team_files DIR SPECIALISTS
# WEEKS` makes a team's weekly export files once, from one real export (24 sessions, 4 of them
# group sessions) with each copy's specialist and week rewritten, and keeps them in DIR;
# `elapsed_ms` and `median` time commands.

# team_template FILE: one week of a specialist's work, exported by peerlog itself.
team_template() {
    local dir
    dir=$(mktemp -d)
    (
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
    )
    rm -rf "$dir"
}

team_files() {
    local team=$1 specialists=$2 weeks=$3
    [ -f "$team/.complete" ] && return
    rm -rf "$team"
    mkdir -p "$team"
    team_template "$team/template.json"
    python3 - "$team" "$specialists" "$weeks" <<'PY'
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
PY
    touch "$team/.complete"
}

# elapsed_ms CMD...: runs CMD with output discarded and prints its wall time in ms; a failure
# stops the benchmark.
elapsed_ms() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || {
        echo "$(basename "$0"): failed: $*" >&2
        exit 1
    }
    end=$(date +%s%N)
    echo $(((end - start) / 1000))e-3
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.0f", v[int((NR + 1) / 2)] }'; }

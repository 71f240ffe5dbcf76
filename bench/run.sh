#!/usr/bin/env bash
# Times whole peerlog processes against the same work done by the sqlite3 shell on the same
# journal (the floor: SQLite itself), alternating the two, and prints medians and the ratio.
#
# Usage: bench/run.sh [SIZE...]            (default: 1000 100000 1000000 sessions)
#   BUILD=build  ROUNDS=11  EXPORT_ROUNDS=5  JOURNALS=$BUILD/bench/journals
# Journals are generated once (bench/generate.cpp: 500 peers, seed 6) and kept in $JOURNALS.
# `session add` cases add rows to the cached journals; that changes nothing measurable.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
ROUNDS=${ROUNDS:-11}
EXPORT_ROUNDS=${EXPORT_ROUNDS:-5}
JOURNALS=${JOURNALS:-$BUILD/bench/journals}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 100000 1000000)
PEERLOG=$BUILD/peerlog
GENERATE=$BUILD/bench/peerlog_bench_generate
[ -x "$PEERLOG" ] && [ -x "$GENERATE" ] || cmake --build "$BUILD" -j2 >/dev/null
export PEERLOG_TODAY=2026-11-18 # the generator's "today"
unset PEERLOG_JOURNAL PEERLOG_CONFIG
export XDG_CONFIG_HOME=$JOURNALS/no-config
WEEK=2026-W46 FROM=2026-11-09 TO=2026-11-15 # the last whole week of every generated journal
mkdir -p "$JOURNALS"

# elapsed_ms CMD...: runs CMD with output discarded and prints its wall time in ms.
elapsed_ms() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || {
        echo "bench/run.sh: failed: $*" >&2
        exit 1
    }
    end=$(date +%s%N)
    echo $(((end - start) / 1000))e-3
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }'; }

# compare NAME ROUNDS -- PEERLOG_CMD... -- SQLITE_CMD...: alternates the two, prints a row.
compare() {
    local name=$1 rounds=$2 ours=() floor=() i
    shift 3
    local split
    for ((split = 1; split <= $#; split++)); do [ "${!split}" = "--" ] && break; done
    local a=("${@:1:split-1}") b=("${@:split+1}")
    "${a[@]}" >/dev/null 2>&1 && "${b[@]}" >/dev/null 2>&1 # warm the page cache
    for ((i = 0; i < rounds; i++)); do
        ours+=("$(elapsed_ms "${a[@]}")")
        floor+=("$(elapsed_ms "${b[@]}")")
    done
    local m_ours m_floor
    m_ours=$(median "${ours[@]}") m_floor=$(median "${floor[@]}")
    printf '| %s | %s | %s | %s | %s× |\n' "$size" "$name" "$m_ours" "$m_floor" \
        "$(awk -v a="$m_ours" -v b="$m_floor" 'BEGIN { printf "%.2f", a / b }')"
}

# The session select of lib/session_store.cpp: boundary facts and flags, group, attendees, goals
# and review beside the contact itself.
SELECT_SESSIONS="SELECT s.id, coalesce(p.code, ''), s.date, s.start_time, s.minutes, s.modality,
    s.setting, s.support_mask, s.note, s.disclosure, s.follow_up, s.disclosed, s.gift_direction,
    s.gift_value, s.money, s.transport, s.social_media, s.dual_relationship,
    (SELECT group_concat(f.rule) FROM session_flag f WHERE f.session_id = s.id),
    coalesce(g.name, ''), s.unnamed_count,
    (SELECT group_concat(code, ',') FROM (SELECT ap.code FROM session_attendee a JOIN peer ap
      ON ap.id = a.peer_id WHERE a.session_id = s.id ORDER BY ap.code COLLATE NOCASE)),
    (SELECT group_concat(goal_id, ',') FROM (SELECT goal_id FROM session_goal WHERE
      session_id = s.id ORDER BY goal_id)),
    EXISTS (SELECT 1 FROM session_review r WHERE r.session_id = s.id)
    FROM session s LEFT JOIN peer p ON p.id = s.peer_id LEFT JOIN peer_group g ON g.id = s.group_id"
ORDER="ORDER BY s.date, s.start_time IS NULL, s.start_time, s.id"
OPEN="ON (p.since <= '$TO' AND (p.closed_on IS NULL OR p.closed_on > '$TO'))"
# The queries report summary runs (lib/summary.cpp), as the sqlite3 shell would run them.
SUMMARY_SQL="SELECT count(*), sum(minutes), count(DISTINCT peer_id), sum(support_mask & 1 <> 0),
    sum(CASE WHEN support_mask & 1 THEN minutes END), sum(support_mask & 2 <> 0),
    sum(CASE WHEN support_mask & 2 THEN minutes END), sum(support_mask & 4 <> 0),
    sum(CASE WHEN support_mask & 4 THEN minutes END), sum(support_mask & 8 <> 0),
    sum(CASE WHEN support_mask & 8 THEN minutes END) FROM session WHERE date BETWEEN '$FROM' AND '$TO';
  SELECT modality, count(*), sum(minutes) FROM session WHERE date BETWEEN '$FROM' AND '$TO' GROUP BY 1;
  SELECT count(*) FROM peer WHERE since BETWEEN '$FROM' AND '$TO';
  $SELECT_SESSIONS WHERE s.date BETWEEN '$FROM' AND '$TO' $ORDER;
  SELECT p.code, s.follow_up, s.id FROM session s JOIN peer p ON p.id = s.peer_id
    WHERE s.follow_up BETWEEN '$FROM' AND '$TO' ORDER BY s.follow_up, p.code COLLATE NOCASE, s.id;
  SELECT p.code, p.since, p.status, (SELECT max(d) FROM (SELECT max(date) AS d FROM session
    WHERE peer_id = p.id AND date <= '$TO' UNION ALL SELECT max(s.date) FROM session_attendee a
    JOIN session s ON s.id = a.session_id WHERE a.peer_id = p.id AND s.date <= '$TO'))
    FROM peer p WHERE p.since <= '$TO' AND (p.closed_on IS NULL OR p.closed_on > '$TO');
  WITH seen AS (SELECT p.id, p.code, (SELECT max(d) FROM (SELECT max(date) AS d FROM session
    WHERE peer_id = p.id AND date <= '$TO' UNION ALL SELECT max(s.date) FROM session_attendee a
    JOIN session s ON s.id = a.session_id WHERE a.peer_id = p.id AND s.date <= '$TO')) AS last
    FROM peer p WHERE p.since <= '$TO' AND (p.closed_on IS NULL OR p.closed_on > '$TO'))
  SELECT seen.code, s.follow_up, s.id FROM seen JOIN session s ON s.peer_id = seen.id AND
    s.date = seen.last WHERE s.follow_up < '$TO' UNION ALL SELECT seen.code, s.follow_up, s.id
    FROM seen JOIN session_attendee a ON a.peer_id = seen.id JOIN session s ON s.id =
    a.session_id AND s.date = seen.last WHERE s.follow_up < '$TO' ORDER BY 2, 1 COLLATE NOCASE, 3;"
INSERT_SQL="PRAGMA synchronous = FULL; BEGIN IMMEDIATE;
  INSERT INTO session (peer_id, date, start_time, minutes, modality, setting, support_mask, note,
    disclosure, follow_up, created_at, updated_at)
  SELECT id, '$PEERLOG_TODAY', NULL, 45, 'in-person', 'office', 1, 'bench', '', NULL,
    strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
  FROM peer WHERE code = 'P0001' AND status <> 'closed'; COMMIT;"

echo "peerlog $("$PEERLOG" --version | cut -d' ' -f2) vs $(sqlite3 --version | cut -d' ' -f1-2)," \
    "$(date -u +%Y-%m-%d), $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "| sessions | case | peerlog ms | sqlite3 ms | ratio |"
echo "|---:|---|---:|---:|---:|"
for size in "${sizes[@]}"; do
    J=$JOURNALS/journal-$size.db
    if [ ! -f "$J" ]; then
        "$GENERATE" "$J" "$size" 500 6 >&2
    fi
    compare "session add (insert + commit)" "$ROUNDS" -- \
        "$PEERLOG" --journal "$J" -q session add --peer P0001 --support emotional --duration 45m \
        --note bench -- sqlite3 "$J" "$INSERT_SQL"
    compare "session list --week $WEEK" "$ROUNDS" -- \
        "$PEERLOG" --journal "$J" session list --week "$WEEK" --format csv -- \
        sqlite3 -csv "$J" "$SELECT_SESSIONS WHERE s.date BETWEEN '$FROM' AND '$TO' $ORDER"
    compare "report summary --week $WEEK" "$ROUNDS" -- \
        "$PEERLOG" --journal "$J" report summary --week "$WEEK" -- sqlite3 "$J" "$SUMMARY_SQL"
    compare "export --format ndjson (all)" "$EXPORT_ROUNDS" -- \
        "$PEERLOG" --journal "$J" export --format ndjson --from 1900-01-01 --to today -- \
        sqlite3 "$J" "$SELECT_SESSIONS WHERE s.date BETWEEN '1900-01-01' AND '$PEERLOG_TODAY' $ORDER"
done

# Start-up CPU: 200 runs of `peerlog --version` minus 200 runs of /bin/true (the fork + exec).
cpu_of_200() { /usr/bin/time -f "%U %S" bash -c "for ((i = 0; i < 200; i++)); do $1 >/dev/null; done" 2>&1 | awk '{ printf "%.3f", ($1 + $2) * 1000 / 200 }'; }
ours=$(cpu_of_200 "$PEERLOG --version") base=$(cpu_of_200 /bin/true) lite=$(cpu_of_200 "sqlite3 -version")
echo
echo "Start-up CPU (user + sys per run, fork + exec of /bin/true subtracted): peerlog --version" \
    "$(awk -v a="$ours" -v b="$base" 'BEGIN { printf "%.2f", a - b }') ms;" \
    "sqlite3 -version $(awk -v a="$lite" -v b="$base" 'BEGIN { printf "%.2f", a - b }') ms"
echo
echo "Peak RSS of export --format ndjson of all sessions (GNU time, max resident):"
for size in "${sizes[@]}"; do
    J=$JOURNALS/journal-$size.db
    rss=$(/usr/bin/time -f "%M" "$PEERLOG" --journal "$J" export --format ndjson --from 1900-01-01 \
        2>&1 >/dev/null | tail -1)
    lite=$(/usr/bin/time -f "%M" sqlite3 "$J" "$SELECT_SESSIONS $ORDER" 2>&1 >/dev/null | tail -1)
    echo "- $size sessions: peerlog $((rss / 1024)) MiB, sqlite3 shell $((lite / 1024)) MiB"
done

#!/usr/bin/env bash
# The team database (PostgreSQL) at organisation scale: loading a team's year of weekly exports
# (files per second against `report team` reading the same files), then `report team
# --database --month` on a synthetic organisation of SPECIALISTS × WEEKS exports generated in
# SQL. Prints medians of wall time and of CPU time (peerlog's and the server's).
#
# Usage: bench/team_pg.sh             (1,000 × 52 files to load; 20,000 × 260 exports in SQL)
#   BUILD=build  ROUNDS=5  LOAD_SPECIALISTS=1000  LOAD_WEEKS=52  SPECIALISTS=20000  WEEKS=260
#   PARTS="load org" (either alone: the load, or the synthetic organisation)
#   PG_DIR=$BUILD/bench/pg (the server's files, kept: the synthetic organisation is made once)
# The server runs on a Unix socket in PG_DIR with PostgreSQL's defaults but for a larger
# shared_buffers and WAL; fsync stays on.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-$PWD/build}
ROUNDS=${ROUNDS:-5}
LOAD_SPECIALISTS=${LOAD_SPECIALISTS:-1000}
LOAD_WEEKS=${LOAD_WEEKS:-52}
SPECIALISTS=${SPECIALISTS:-20000}
WEEKS=${WEEKS:-260}
PARTS=${PARTS:-load org}
PEERLOG=$BUILD/peerlog
TEAM=$BUILD/bench/team-${LOAD_SPECIALISTS}x$LOAD_WEEKS
export PG_DIR=${PG_DIR:-$BUILD/bench/pg}
export PG_OPTIONS="-c shared_buffers=512MB -c max_wal_size=8GB -c checkpoint_timeout=30min"
[ -x "$PEERLOG" ] || cmake --build "$BUILD" -j2 >/dev/null
export PEERLOG_TODAY=2026-11-22 XDG_CONFIG_HOME=$BUILD/bench/no-config
unset PGPASSWORD

source bench/team_lib.sh
source tests/e2e/tools/pg_server.sh
team_files "$TEAM" "$LOAD_SPECIALISTS" "$LOAD_WEEKS"
pg_start

describe_machine() {
    echo "peerlog $("$PEERLOG" --version | cut -d' ' -f2), PostgreSQL" \
        "$("$PG_BIN/postgres" --version | awk '{ print $3 }'), $(date -u +%Y-%m-%d)," \
        "$(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
}

# measure DB CMD...: runs CMD (output discarded) and prints its wall time and its CPU time in
# ms: the command's user + system time, plus the server's for the command's session in DB (its
# log_statement_stats lines; "-": none). On a busy machine the CPU time is what the work takes
# on an idle core; the wall time is what this run waited.
measure() {
    local db=$1 log=$PG_DIR/data/server.log size start wall client server=0
    shift
    size=$(wc -c <"$log")
    start=$(date +%s%N)
    /usr/bin/time -f '%U %S' -o "$PG_DIR/time" "$@" >/dev/null 2>&1 || {
        echo "bench/team_pg.sh: failed: $*" >&2
        exit 1
    }
    wall=$((($(date +%s%N) - start) / 1000000))
    client=$(awk '{ printf "%.0f", ($1 + $2) * 1000 }' "$PG_DIR/time")
    if [ "$db" != - ]; then
        server=$(tail -c +$((size + 1)) "$log" | grep -oE '\[[0-9.]+ s user, [0-9.]+ s system total' |
            tail -1 | tr -d '[' | awk '{ printf "%.0f", ($1 + $4) * 1000 }')
    fi
    echo "$wall $((client + ${server:-0}))"
}

# row LABEL FILES MEASUREMENTS...: a table row of the median wall and CPU times ("WALL CPU"
# pairs), files per second of wall time when FILES is not empty, and every run's wall time.
row() {
    local label=$1 files=$2 walls=() cpus=() pair
    shift 2
    for pair in "$@"; do
        walls+=("${pair% *}") cpus+=("${pair#* }")
    done
    local wall cpu rate=""
    wall=$(median "${walls[@]}") cpu=$(median "${cpus[@]}")
    [ -z "$files" ] || rate=$(awk -v n="$files" -v ms="$wall" 'BEGIN { printf "%.0f", n / (ms / 1000) }')
    echo "| $label | $wall | $cpu | $rate | ${walls[*]} |"
}

# ---- loading a team's year of files ----------------------------------------------------------
if [[ $PARTS == *load* ]]; then
    files=$(find "$TEAM" -name '*.json' | wc -l)
    "$PEERLOG" report team "$TEAM" --format json >/dev/null # warm the page cache
    pg_sql postgres "DROP DATABASE IF EXISTS team_load" && pg_createdb team_load
    pg_sql postgres "ALTER DATABASE team_load SET log_statement_stats = on"
    load=$(measure team_load "$PEERLOG" team load --database "$(pg_url team_load)" "$TEAM")
    reload=$(measure team_load "$PEERLOG" team load --database "$(pg_url team_load)" "$TEAM")
    pg_sql team_load "VACUUM ANALYZE"
    year_files=() year_db=() month_files=() month_db=()
    for ((i = 0; i < ROUNDS; i++)); do
        year_files+=("$(measure - "$PEERLOG" report team "$TEAM" --format json)")
        year_db+=("$(measure team_load "$PEERLOG" report team --database "$(pg_url team_load)" \
            --format json)")
        month_files+=("$(measure - "$PEERLOG" report team "$TEAM" --month 2026-06 --format json)")
        month_db+=("$(measure team_load "$PEERLOG" report team --database "$(pg_url team_load)" \
            --month 2026-06 --format json)")
    done
    describe_machine
    echo
    echo "| $files files ($LOAD_SPECIALISTS specialists × $LOAD_WEEKS weeks) | wall ms | CPU ms | files/s | runs (wall ms) |"
    echo "|---|---:|---:|---:|---|"
    row "team load (one transaction)" "$files" "$load"
    row "team load again (nothing new)" "$files" "$reload"
    row "report team FILES (the year)" "$files" "${year_files[@]}"
    row "report team --database (the year)" "" "${year_db[@]}"
    row "report team FILES --month 2026-06" "" "${month_files[@]}"
    row "report team --database --month 2026-06" "" "${month_db[@]}"
    echo
fi
[[ $PARTS == *org* ]] || exit 0

# ---- a synthetic organisation, generated in SQL ----------------------------------------------
ORG=org_${SPECIALISTS}x$WEEKS
if [ "$(pg_sql postgres "SELECT count(*) FROM pg_database WHERE datname = '$ORG'")" = 0 ]; then
    pg_createdb "$ORG"
    start=$(date +%s)
    "$PEERLOG" team load --database "$(pg_url "$ORG")" "$TEAM/s0001/2026-W01.json" >/dev/null 2>&1
    # Each specialist has a caseload of 15 codes and sees 12 of them a week; 20 to 28 sessions
    # of 30 to 60 minutes, 4 of them group sessions of an hour; weeks from 2022-W01 on.
    pg_sql "$ORG" >/dev/null "
        DELETE FROM peerlog.export;
        DELETE FROM peerlog.specialist;
        INSERT INTO peerlog.specialist (name)
            SELECT format('Synthetic %s', lpad(s::text, 5, '0')) FROM generate_series(1, $SPECIALISTS) s;
        SELECT peerlog.add_month(day::date)
          FROM generate_series(date '2022-01-01', date '2022-01-03' + 7 * $WEEKS, interval '1 month') day;
        CREATE TEMP TABLE caseload AS
            SELECT r, array_agg('P' || ((r + k) % 15 + 1) ORDER BY k) AS peers
              FROM generate_series(0, 14) r, generate_series(0, 11) k GROUP BY r;
        CREATE TEMP TABLE weeks AS
            SELECT w, date '2022-01-03' + 7 * w AS monday FROM generate_series(0, $WEEKS - 1) w;
        INSERT INTO peerlog.export
            (specialist_id, period_from, period_to, middle_day, week, unnamed, copies, sessions,
             minutes, group_sessions, group_minutes, new_peers, emotional_minutes,
             informational_minutes, instrumental_minutes, affiliational_minutes,
             emotional_split_minutes, informational_split_minutes, instrumental_split_minutes,
             affiliational_split_minutes, peers, fingerprint)
        SELECT s.specialist_id, wk.monday, wk.monday + 6, wk.monday + 3,
               to_char(wk.monday, 'IYYY-\"W\"IW'), false, 1, f.sessions, f.minutes, 4, 240,
               (s.specialist_id + wk.w) % 3, f.minutes - 240, f.minutes - 240, 0, 240,
               (f.minutes - 240) - (f.minutes - 240) / 2, (f.minutes - 240) / 2, 0, 240,
               c.peers, decode(md5(s.specialist_id || ' ' || wk.w), 'hex')
          FROM peerlog.specialist s CROSS JOIN weeks wk
          CROSS JOIN LATERAL (SELECT 20 + (s.specialist_id * 7 + wk.w * 3) % 9 AS sessions) n
          CROSS JOIN LATERAL (SELECT n.sessions,
                                     240 + (n.sessions - 4) * (30 + (s.specialist_id + wk.w) % 31)
                                         AS minutes) f
          JOIN caseload c ON c.r = (s.specialist_id + wk.w) % 15;"
    pg_sql "$ORG" "VACUUM ANALYZE"
    echo "generated $ORG in $(($(date +%s) - start)) s"
fi
org_url=$(pg_url "$ORG")
pg_sql postgres "ALTER DATABASE $ORG SET log_statement_stats = on"
exports=$(pg_sql "$ORG" "SELECT count(*) FROM peerlog.export")
size=$(pg_sql "$ORG" "SELECT pg_size_pretty(pg_database_size(current_database()))")
month_rows=$(pg_sql "$ORG" "SELECT count(*) FROM peerlog.export
    WHERE middle_day BETWEEN '2026-06-01' AND '2026-06-30'")
"$PEERLOG" report team --database "$org_url" --month 2026-06 --format json >/dev/null 2>&1 # warm
month=() week=() other=() table=()
for ((i = 0; i < ROUNDS; i++)); do
    month+=("$(measure "$ORG" "$PEERLOG" report team --database "$org_url" --month 2026-06 \
        --format json)")
    week+=("$(measure "$ORG" "$PEERLOG" report team --database "$org_url" --week 2026-W23 \
        --format json)")
    other+=("$(measure "$ORG" "$PEERLOG" report team --database "$org_url" --month 2023-02 \
        --format json)")
    table+=("$(measure "$ORG" "$PEERLOG" report team --database "$org_url" --month 2026-06)")
done
describe_machine
echo
echo "| $exports exports ($SPECIALISTS specialists × $WEEKS weeks, $size) | wall ms | CPU ms | | runs (wall ms) |"
echo "|---|---:|---:|---|---|"
row "report team --database --month 2026-06 --format json ($month_rows exports)" "" "${month[@]}"
row "report team --database --month 2026-06 (table)" "" "${table[@]}"
row "report team --database --week 2026-W23 --format json" "" "${week[@]}"
row "report team --database --month 2023-02 --format json" "" "${other[@]}"

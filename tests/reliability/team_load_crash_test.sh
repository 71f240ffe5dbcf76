# SIGKILL during `team load`: a load is one transaction, so after any kill the team database
# holds all of the batch's exports (with their session rows, sources and tally) or none of
# them, and loading the batch again completes it. Each round loads a batch of its own (another
# week), so every round's outcome can be told apart. Then two loads at once both complete, and
# a report answers while a load that adds a month's partitions is under way.
source "$(dirname "$0")/../e2e/lib.sh"
source "$(dirname "$0")/../e2e/tools/team_exports.sh"
source "$(dirname "$0")/../e2e/tools/pg_server.sh"
KILLS=${PEERLOG_TEAM_KILLS:-20}
SPECIALISTS=${PEERLOG_TEAM_SPECIALISTS:-150}
RANDOM=${PEERLOG_CRASH_SEED:-11}

export_for Ana 30
# batch WEEK: SPECIALISTS exports of ISO week 2026-WWEEK, each its own specialist's.
batch() {
    local week=$1 dir="$WORK/batch-$1"
    mkdir -p "$dir"
    python3 - "$WORK/Ana-W47.json" "$dir" "$week" "$SPECIALISTS" <<'PY'
import datetime, json, sys
template, folder, week, count = json.load(open(sys.argv[1])), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
monday = datetime.date.fromisocalendar(2026, week, 1)
template["period"] = {"week": f"2026-W{week:02}", "from": monday.isoformat(),
                      "to": (monday + datetime.timedelta(days=6)).isoformat()}
for s in range(count):
    template["specialist"] = f"S{s:04}"
    json.dump(template, open(f"{folder}/s{s:04}.json", "w"))
PY
    echo "$dir"
}

pg_start
pg_createdb crash
URL=$(pg_url crash)
# week WEEK: exports, session rows, sources of that week, and whether the tally agrees.
week() {
    pg_sql crash "SELECT (SELECT count(*) FROM peerlog.export WHERE week = '2026-W$1'),
        (SELECT count(*) FROM peerlog.session s JOIN peerlog.export e
          USING (specialist_id, period_from, period_to, middle_day) WHERE e.week = '2026-W$1'),
        (SELECT count(*) FROM peerlog.export_source x JOIN peerlog.export e
          USING (specialist_id, period_from, period_to, middle_day) WHERE e.week = '2026-W$1'),
        (SELECT files FROM peerlog.tally) = (SELECT coalesce(sum(copies), 0) FROM peerlog.export)"
}
# settle: waits until no other session works in the database (a killed client's server
# process finishes its statement, finds the client gone and rolls back).
settle() {
    for _ in $(seq 1 100); do
        [ "$(pg_sql crash "SELECT count(*) FROM pg_stat_activity
            WHERE datname = 'crash' AND pid <> pg_backend_pid()")" = 0 ] && return
        sleep 0.1
    done
}

# Calibrate: kills land from the start to 1.2x the time one whole load takes here (the second
# one: the first also creates the tables).
run team load --database "$URL" "$(batch 1)"
expect_rc 0 "a first load creates the tables"
dir=$(batch 2)
start=$(date +%s%N)
run team load --database "$URL" "$dir"
load_us=$((($(date +%s%N) - start) / 1000))
expect_rc 0 "a whole load (calibration)"
expect_eq "$(week 02)" "$SPECIALISTS|$((SPECIALISTS * 2))|$SPECIALISTS|t" "it stored the whole batch"
echo "one load of $SPECIALISTS files takes ~${load_us} us"

partial=0 completed=0
for ((i = 1; i <= KILLS; i++)); do
    w=$(printf '%02d' $((i + 2)))
    dir=$(batch "$w")
    "$PEERLOG" team load --database "$URL" "$dir" </dev/null >/dev/null 2>&1 &
    pid=$!
    delay_us=$(((RANDOM * 32768 + RANDOM) % (load_us * 6 / 5 + 1)))
    sleep "$(printf '%d.%06d' $((delay_us / 1000000)) $((delay_us % 1000000)))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    settle
    state=$(week "$w")
    if [ "$state" = "$SPECIALISTS|$((SPECIALISTS * 2))|$SPECIALISTS|t" ]; then
        completed=$((completed + 1))
    elif [ "$state" != "0|0|0|t" ]; then
        partial=$((partial + 1))
        fail "kill $i left week $w as $state (exports|session rows|sources|tally agrees)"
    fi
    run team load --database "$URL" "$dir" # finishes the job, or adds nothing
    expect_rc 0 "loading week $w again after the kill"
    expect_eq "$(week "$w")" "$SPECIALISTS|$((SPECIALISTS * 2))|$SPECIALISTS|t" \
        "then week $w is there exactly once"
done
expect_eq "$partial" "0" "no kill leaves a half-loaded batch"

# Two loads at once: one waits for the other, and both are stored.
first=$(batch 40) second=$(batch 41)
"$PEERLOG" team load --database "$URL" "$first" </dev/null >/dev/null 2>"$WORK/first.err" &
one=$!
"$PEERLOG" team load --database "$URL" "$second" </dev/null >/dev/null 2>"$WORK/second.err" &
two=$!
wait "$one"
rc_one=$?
wait "$two"
expect_eq "$rc_one/$?" "0/0" "two loads at once both succeed"
expect_eq "$(week 40)/$(week 41)" \
    "$SPECIALISTS|$((SPECIALISTS * 2))|$SPECIALISTS|t/$SPECIALISTS|$((SPECIALISTS * 2))|$SPECIALISTS|t" \
    "and both batches are stored whole"

# A report while a load adds a month's partitions (what it does before storing a new month):
# the load holds its transaction open 3 s, and the report answers at once from what was
# committed.
before=$(timeout 20 "$PEERLOG" report team --database "$URL" --format json | jq -c .totals.files)
PGPASSWORD= psql -X -q -h "$PG_SOCKET" -U postgres -d crash \
    -c "BEGIN; SELECT peerlog.add_month('2030-01-15'); SELECT pg_sleep(3); COMMIT;" \
    >/dev/null 2>&1 &
adding=$!
sleep 1
start=$(date +%s%N)
OUT=$(timeout 20 "$PEERLOG" report team --database "$URL" --format json 2>/dev/null)
RC=$?
report_ms=$((($(date +%s%N) - start) / 1000000))
wait "$adding"
expect_rc 0 "report team --database while partitions are being added"
expect_json '.totals.files' "$before" "it counts what was committed"
expect_eq "$([ "$report_ms" -lt 1900 ] && echo "at once")" "at once" \
    "without waiting for the load's transaction (${report_ms} ms; it held 2 s more)"
expect_eq "$(pg_sql crash "SELECT count(*) FROM pg_inherits
    WHERE inhrelid = 'peerlog.export_2030_01'::regclass")" "1" "the partition was attached"
echo "a report during a load took ${report_ms} ms"

echo "RESULT team load crash: $KILLS kills of a $SPECIALISTS-file load: $completed completed, $((KILLS - completed)) rolled back, $partial partial; 2 concurrent loads stored; a report during a load in ${report_ms} ms"
finish

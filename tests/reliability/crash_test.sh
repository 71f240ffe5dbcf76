# SIGKILL during writes: `session add` killed at random points (seeded), many times. After each
# kill the journal passes integrity_check, every acknowledged session is there, whole.
source "$(dirname "$0")/../e2e/lib.sh"
KILLS=${PEERLOG_CRASH_KILLS:-200}
RANDOM=${PEERLOG_CRASH_SEED:-6}

run peer add P1
expect_rc 0 "peer add"

# Calibrate: the kill delay is drawn from 0 to 1.5x the time one add takes on this machine
# (longer under the sanitizers), so kills land before, during and after the commit.
start=$(date +%s%N)
for i in 1 2 3 4 5; do run session add --peer P1 --support emotional --duration 45m --note "warm-$i"; done
add_us=$((($(date +%s%N) - start) / 5000))
window_us=$((add_us * 3 / 2))
echo "one add takes ~${add_us} us; kills land in 0..${window_us} us"

declare -A acknowledged # session id -> note
killed=0 completed=0 lost=0 bad_integrity=0 partial=0
for ((i = 1; i <= KILLS; i++)); do
    note="crash-$i-$(printf '%0200d' "$i")" # long enough that the row spans some bytes
    "$PEERLOG" session add --peer P1 --support emotional,instrumental --duration 1h30m \
        --start 10:15 --note "$note" --follow-up +1w </dev/null >"$WORK/out" 2>"$WORK/err" &
    pid=$!
    delay_us=$(((RANDOM * 32768 + RANDOM) % (window_us + 1)))
    sleep "$(printf '0.%06d' "$delay_us")"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rc=$?
    if [ "$rc" -eq 137 ]; then
        killed=$((killed + 1))
    elif [ "$rc" -eq 0 ]; then
        completed=$((completed + 1))
    else
        RC=$rc OUT=$(cat "$WORK/out") ERR=$(cat "$WORK/err")
        fail "kill $i: exit $rc is neither success nor SIGKILL"
    fi
    id=$(cat "$WORK/out")
    if [ "$rc" -eq 0 ] && [[ "$id" =~ ^[0-9]+$ ]]; then
        acknowledged[$id]=$note
    fi
    check=$(sqlite3 "$JOURNAL" "PRAGMA integrity_check" 2>&1)
    if [ "$check" != "ok" ]; then
        bad_integrity=$((bad_integrity + 1))
        fail "kill $i: integrity_check says $check"
    fi
done

# Every acknowledged id is present with its own note; every row present is whole.
rows=$(sqlite3 -separator ' ' "$JOURNAL" "SELECT id, note FROM session WHERE note LIKE 'crash-%'")
declare -A stored
while read -r id note; do stored[$id]=$note; done <<<"$rows"
for id in "${!acknowledged[@]}"; do
    if [ "${stored[$id]:-}" != "${acknowledged[$id]}" ]; then
        lost=$((lost + 1))
        fail "acknowledged session $id is missing or changed"
    fi
done
partial=$(sqlite3 "$JOURNAL" "WITH crashed AS (SELECT *, cast(substr(note, 7, instr(substr(note,
    7), '-') - 1) AS INTEGER) AS n FROM session WHERE note LIKE 'crash-%')
    SELECT count(*) FROM crashed WHERE NOT (note = 'crash-' || n || '-' || printf('%0200d', n)
    AND minutes = 90 AND support_mask = 5 AND start_time = '10:15' AND date = '2026-11-18'
    AND follow_up = '2026-11-25' AND created_at <> '' AND peer_id = 1)")
expect_eq "$partial" "0" "no session is stored half-written"
dupes=$(sqlite3 "$JOURNAL" "SELECT count(*) - count(DISTINCT note) FROM session")
expect_eq "$dupes" "0" "no session is stored twice"
run session list --format csv
expect_rc 0 "the journal still reads after $KILLS kills"

unacknowledged=$((${#stored[@]} - ${#acknowledged[@]}))
echo "RESULT crash: $KILLS kills ($killed killed mid-run, $completed finished first)," \
    "${#acknowledged[@]} acknowledged, $unacknowledged committed unacknowledged, $lost lost, $partial partial, $bad_integrity integrity failures"
[ "$lost" -eq 0 ] && [ "$bad_integrity" -eq 0 ] && pass
finish

# SIGKILL during a long import: an import is one transaction, so after any kill the journal holds
# all of the file's sessions or none of them, passes integrity_check, and a later import of the
# same file completes it.
source "$(dirname "$0")/../e2e/lib.sh"
KILLS=${PEERLOG_IMPORT_KILLS:-25}
ROWS=${PEERLOG_IMPORT_ROWS:-3000}
RANDOM=${PEERLOG_CRASH_SEED:-7}

run peer add P1
expect_rc 0 "peer add"
csv="$WORK/sessions.csv"
{
    echo "date,peer,minutes,support,note"
    for ((i = 1; i <= ROWS; i++)); do
        printf '2026-%02d-%02d,P1,%d,emotional,"imported row %d"\n' \
            $((i % 10 + 1)) $((i % 28 + 1)) $((i % 90 + 10)) "$i"
    done
} >"$csv"
count() { sqlite3 "$JOURNAL" "SELECT count(*) FROM session"; }

# Calibrate: kills land from the start to 1.2x the time one whole import takes here.
cp "$JOURNAL" "$WORK/empty.db"
start=$(date +%s%N)
run import sessions "$csv"
import_us=$((($(date +%s%N) - start) / 1000))
expect_rc 0 "a whole import (calibration)"
expect_eq "$(count)" "$ROWS" "the calibration import added every row"
echo "one import takes ~${import_us} us"

partial=0 bad_integrity=0 completed=0
for ((i = 1; i <= KILLS; i++)); do
    cp "$WORK/empty.db" "$JOURNAL"
    rm -f "$JOURNAL-wal" "$JOURNAL-shm"
    "$PEERLOG" import sessions "$csv" </dev/null >/dev/null 2>&1 &
    pid=$!
    delay_us=$(((RANDOM * 32768 + RANDOM) % (import_us * 6 / 5 + 1)))
    sleep "$(printf '%d.%06d' $((delay_us / 1000000)) $((delay_us % 1000000)))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rows=$(count)
    if [ "$(sqlite3 "$JOURNAL" "PRAGMA integrity_check")" != "ok" ]; then
        bad_integrity=$((bad_integrity + 1))
    fi
    if [ "$rows" -eq "$ROWS" ]; then
        completed=$((completed + 1))
    elif [ "$rows" -ne 0 ]; then
        partial=$((partial + 1))
        fail "kill $i left $rows of $ROWS imported rows"
    fi
done
expect_eq "$partial" "0" "no kill leaves a half-written import"
expect_eq "$bad_integrity" "0" "every journal passes integrity_check after a kill"

run import sessions "$csv" # after the last kill: finishes the job, or adds nothing
expect_rc 0 "importing again after a kill"
expect_eq "$(count)" "$ROWS" "then the journal holds the file exactly once"

echo "RESULT import crash: $KILLS kills of a $ROWS-row import: $completed completed, $((KILLS - completed)) rolled back, $partial partial, $bad_integrity integrity failures"
finish

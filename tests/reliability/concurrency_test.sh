# Concurrent writers: 2 and then 4 processes each add hundreds of sessions at once. Every add
# succeeds, or exits 5 (journal busy) only after the busy timeout; the journal never corrupts
# and holds exactly the sessions that were acknowledged.
source "$(dirname "$0")/../e2e/lib.sh"
ADDS=${PEERLOG_CONCURRENT_ADDS:-150} # per process
TIMEOUT_MS=5000

run peer add P1
expect_rc 0 "peer add"

# writer NAME: ADDS adds; writes "rc id elapsed_ms" per add to $WORK/writer-NAME.
writer() {
    local name=$1 i start rc id
    for ((i = 1; i <= ADDS; i++)); do
        start=$(date +%s%N)
        id=$("$PEERLOG" -q session add --peer P1 --support informational --duration 30m \
            --note "$name-$i" </dev/null 2>>"$WORK/writer-$name.err")
        rc=$?
        echo "$rc ${id:--} $((($(date +%s%N) - start) / 1000000))" >>"$WORK/writer-$name"
    done
}

# round WRITERS: runs WRITERS writers at once and checks the journal against their reports.
round() {
    local writers=$1 w before after successes busy early others
    before=$(sqlite3 "$JOURNAL" "SELECT count(*) FROM session")
    for ((w = 1; w <= writers; w++)); do writer "r$writers-w$w" & done
    wait
    cat "$WORK"/writer-r"$writers"-w[0-9] >"$WORK/round-$writers" # not the .err files
    successes=$(awk '$1 == 0' "$WORK/round-$writers" | wc -l)
    busy=$(awk '$1 == 5' "$WORK/round-$writers" | wc -l)
    early=$(awk -v t=$TIMEOUT_MS '$1 == 5 && $3 < t' "$WORK/round-$writers" | wc -l)
    others=$(awk '$1 != 0 && $1 != 5' "$WORK/round-$writers" | wc -l)
    after=$(sqlite3 "$JOURNAL" "SELECT count(*) FROM session")
    expect_eq "$others" "0" "$writers writers: every add exits 0 or 5"
    expect_eq "$early" "0" "$writers writers: no 'busy' before the ${TIMEOUT_MS} ms timeout"
    expect_eq "$((after - before))" "$successes" "$writers writers: rows added = successes"
    expect_eq "$(sqlite3 "$JOURNAL" "PRAGMA integrity_check")" "ok" "$writers writers: integrity"
    # The ids printed are exactly the rows with those writers' notes.
    local printed stored
    printed=$(awk '$1 == 0 { print $2 }' "$WORK/round-$writers" | sort -n | tr '\n' ' ')
    stored=$(sqlite3 "$JOURNAL" "SELECT id FROM session WHERE note LIKE 'r$writers-w%' ORDER BY id" |
        tr '\n' ' ')
    expect_eq "$printed" "$stored" "$writers writers: printed ids = stored rows"
    if [ "$others" -ne 0 ]; then
        cat "$WORK"/writer-r"$writers"-w[0-9].err >&2
    fi
    echo "RESULT concurrency: $writers writers x $ADDS adds: $successes saved, $busy busy" \
        "(after the timeout), $others other failures, rows added $((after - before))"
}

round 2
round 4
finish

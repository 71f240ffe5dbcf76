# No reader blocks a writer: on a journal of 100,000 sessions, an export of all of them, an
# identified export and a backup each read one snapshot and take the write lock only for their
# audit event at the end. Throughout each run, probes take the write lock and let it go
# (sqlite3: BEGIN IMMEDIATE; ROLLBACK) or add a session with peerlog, both with a 1 s busy
# timeout: every probe must get the lock, and probes must succeed while the run is still going
# (with the lock held for the whole run, as before, none could). The worst wait is reported.
source "$(dirname "$0")/../e2e/lib.sh"

source "$(dirname "$0")/generated_journal.sh"
now_ms() { echo $(($(date +%s%N) / 1000000)); }
check() { if eval "$1"; then pass; else fail "$2"; fi; }

# 100,000 sessions over 25 years (generated_journal.sh).
started=$(now_ms)
journal_of 100000 "$JOURNAL"
generated_ms=$(($(now_ms) - started))
run peer edit P0001 --name "Alex Quillfeather" --contact "555-0101"
run consent add P0001 --recipient "Dr Lee" --purpose "care coordination" --info "notes" \
    --share attendance,notes \
    --signed 2026-11-01 --expires 2027-11-01
expect_rc 0 "a consent to disclose P0001's sessions"
printf '[journal]\nbusy_timeout_ms = 1000\n' >"$WORK/probe.toml"

# probe_while PID LOG: while PID runs, one probe after another, alternating sqlite3 taking the
# write lock and `peerlog session add`; appends "start end status kind" (ms) per probe to LOG.
probe_while() {
    local pid=$1 log=$2 n=0 begin status
    while kill -0 "$pid" 2>/dev/null; do
        begin=$(now_ms)
        if ((n % 2)); then
            "$PEERLOG" --config "$WORK/probe.toml" session add --peer P0002 --support emotional \
                --duration 5m </dev/null >/dev/null 2>&1
        else
            sqlite3 -cmd ".timeout 1000" "$JOURNAL" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1
        fi
        status=$?
        echo "$begin $(now_ms) $status $((n % 2))" >>"$log"
        n=$((n + 1))
    done
}

worst=0 probes=0 busy=0 summary=""
# probed NAME ARGS...: runs peerlog ARGS under probes and checks them.
probed() {
    local name=$1
    shift
    local log="$WORK/probes-$name" begin end
    : >"$log"
    begin=$(now_ms)
    "$PEERLOG" "$@" </dev/null >/dev/null 2>"$WORK/err" &
    local pid=$!
    probe_while "$pid" "$log"
    wait "$pid"
    RC=$?
    end=$(now_ms)
    ERR=$(cat "$WORK/err")
    expect_rc 0 "$name under probes"
    local n failed during slowest
    n=$(wc -l <"$log")
    failed=$(awk '$3 != 0' "$log" | wc -l)
    # Probes that got the lock and let it go while the run went on, started 100 ms into it.
    during=$(awk -v from=$((begin + 100)) -v to="$end" '$1 >= from && $2 <= to && $3 == 0' "$log" | wc -l)
    slowest=$(awk 'BEGIN { m = 0 } { if ($2 - $1 > m) m = $2 - $1 } END { print m }' "$log")
    expect_eq "$failed" "0" "$name: every probe got the write lock within its 1 s timeout"
    check "[ $during -ge 3 ]" "$name: probes took the lock while it ran ($during of $n)"
    probes=$((probes + n))
    busy=$((busy + failed))
    ((slowest > worst)) && worst=$slowest
    summary+="$name $((end - begin)) ms, $n probes ($during inside), worst ${slowest} ms; "
}

probed export export --from 1990-01-01 --to 2026-12-31 --format ndjson -o "$WORK/all.ndjson"
# A probe's session may be added before the export takes its snapshot (a loaded machine starts
# the export late): then it is in the export too, whole, its totals counting it.
rows=$(grep -c '"type":"session"' "$WORK/all.ndjson")
adds=$(awk '$4 == 1 && $3 == 0' "$WORK/probes-export" | wc -l)
check "[ $rows -ge 100000 ] && [ $rows -le $((100000 + adds)) ]" \
    "the export holds every session ($rows: the 100,000 and up to $adds probes' adds)"
expect_eq "$(head -1 "$WORK/all.ndjson" | jq .totals.sessions)" "$rows" \
    "the export's totals count its rows: one snapshot"
probed identified export --from 1990-01-01 --to 2026-12-31 --identified --recipient "Dr Lee" \
    -o "$WORK/identified.json"
expect_eq "$(jq '.peers | length' "$WORK/identified.json")" "1" "the identified export holds P0001"
probed backup backup "$WORK/copy.db"
expect_eq "$(sqlite3 "$WORK/copy.db" 'SELECT count(*) >= 100000 FROM session')" "1" \
    "the backup holds every session"
run audit list --format json
expect_json '[.[] | select(.action == "export" or .action == "disclosure" or .action == "backup")] | length' \
    "3" "each run recorded its one event"
expect_eq "$(sqlite3 "$JOURNAL" 'PRAGMA integrity_check')" "ok" "integrity after the probes"

echo "RESULT export lock: 100,000 sessions (made in ${generated_ms} ms); ${summary}$probes" \
    "probes in all, $busy busy, worst wait ${worst} ms (process start included)"
finish

# Backup during writes: `peerlog backup` runs again and again while two writers add sessions.
# Every copy is a consistent snapshot: it passes integrity_check, holds whole sessions only,
# each one identical to the same session in the journal, and it opens as a journal of its own.
source "$(dirname "$0")/../e2e/lib.sh"
ADDS=${PEERLOG_BACKUP_ADDS:-120} # per writer
BACKUPS=${PEERLOG_BACKUPS:-12}

run peer add P1
expect_rc 0 "peer add"

writer() {
    local name=$1 i
    for ((i = 1; i <= ADDS; i++)); do
        "$PEERLOG" -q session add --peer P1 --support emotional,affiliational --duration 40m \
            --start 10:15 --note "$name-$i" </dev/null >/dev/null 2>>"$WORK/writer-$name.err"
    done
}

session_rows() { # DB [MAX_ID]: every session column but the note's encoding, by id
    sqlite3 "$1" "SELECT id, peer_id, date, start_time, minutes, support_mask, note FROM session
                  WHERE id <= ${2:-1000000000} ORDER BY id"
}

writer w1 &
writer w2 &
backup_failures=0
for ((b = 1; b <= BACKUPS; b++)); do
    "$PEERLOG" -q backup "$WORK/copy-$b.db" >/dev/null 2>>"$WORK/backup.err" ||
        backup_failures=$((backup_failures + 1))
    sleep 0.2
done
wait
expect_eq "$backup_failures" "0" "every backup during the writes succeeded"

total=$(sqlite3 "$JOURNAL" "SELECT count(*) FROM session")
expect_eq "$total" "$((2 * ADDS))" "both writers finished"
bad_integrity=0 mismatched=0 partial_counts=""
for ((b = 1; b <= BACKUPS; b++)); do
    copy="$WORK/copy-$b.db"
    [ "$(sqlite3 "$copy" "PRAGMA integrity_check")" = "ok" ] || bad_integrity=$((bad_integrity + 1))
    max_id=$(sqlite3 "$copy" "SELECT coalesce(max(id), 0) FROM session")
    count=$(sqlite3 "$copy" "SELECT count(*) FROM session")
    partial_counts+="$count "
    # Sessions are only added, so the copy must hold exactly the journal's first rows.
    [ "$(session_rows "$copy")" = "$(session_rows "$JOURNAL" "$max_id")" ] &&
        [ "$count" -eq "$max_id" ] || mismatched=$((mismatched + 1))
    [ -e "$copy-wal" ] && mismatched=$((mismatched + 1)) # a copy is one file
done
expect_eq "$bad_integrity" "0" "every copy passes integrity_check"
expect_eq "$mismatched" "0" "every copy holds whole sessions identical to the journal's"
expect_eq "$(stat -c %a "$WORK/copy-1.db")" "600" "a copy is private (0600)"

# A copy is a journal: peerlog reads it, its audit chain verifies, and it can be written to.
last="$WORK/copy-$BACKUPS.db"
run --journal "$last" audit verify
expect_rc 0 "the copy's audit chain verifies"
run --journal "$last" session list --format json
expect_rc 0 "peerlog reads the copy"
expect_json 'length' "$(sqlite3 "$last" "SELECT count(*) FROM session")" "all its sessions list"
run --journal "$last" session add --peer P1 --support emotional --duration 5m
expect_rc 0 "the copy takes a new session"

backups=$(sqlite3 "$JOURNAL" "SELECT count(*) FROM audit_event WHERE action = 'backup'")
expect_eq "$backups" "$BACKUPS" "each backup is one audit event"
echo "RESULT backup: $BACKUPS backups during 2 x $ADDS adds: $backup_failures failed," \
    "$bad_integrity failed integrity_check, $mismatched differed; sessions per copy: $partial_counts"
finish

# SIGKILL during `peerlog encrypt`: it seals every typed text in one transaction, so after any
# kill the journal is plain and whole or encrypted and whole, never a mix; it passes
# integrity_check, its records and audit chain are intact, and once peerlog opens it again no
# byte of the old plaintext is left in the journal, its -wal, -shm or TMPDIR (an interrupted
# wipe is finished at that open).
source "$(dirname "$0")/../e2e/lib.sh"
KILLS=${PEERLOG_ENCRYPT_KILLS:-30}
ROWS=${PEERLOG_ENCRYPT_ROWS:-2000}
RANDOM=${PEERLOG_CRASH_SEED:-11}

printf '%s\n' 'crash test passphrase' >"$WORK/pass" && chmod 600 "$WORK/pass"
for i in 1 2 3 4 5; do
    run peer add "P$i" --referred-by "crashmark-referral-$i" --since 2026-01-01
done
run consent add P1 --recipient "crashmark-recipient" --purpose "crashmark-purpose" --info "crashmark-info" \
    --share notes --signed 2026-11-01 --until "crashmark-until"
run supervision add --date 2026-11-17 --duration 1h --supervisor "Dr Lee" --topics "crashmark-topics"
csv="$WORK/sessions.csv"
{
    echo "date,peer,minutes,support,note,disclosure_purpose"
    for ((i = 1; i <= ROWS; i++)); do
        printf '2026-%02d-%02d,P%d,%d,emotional,"crashmark-note-%d talked it through",crashmark-why-%d\n' \
            $((i % 10 + 1)) $((i % 28 + 1)) $((i % 5 + 1)) $((i % 90 + 10)) "$i" "$i"
    done
} >"$csv"
run import sessions "$csv"
expect_rc 0 "the plain journal's sessions"
run audit verify
expect_rc 0 "its chain verifies"
cp "$JOURNAL" "$WORK/plain.db" # peerlog closed it: a whole file, no -wal
check() { if eval "$1"; then pass; else fail "$2"; fi; }
check '[ ! -e "$JOURNAL-wal" ]' "the template has no -wal left"
J_DIR=$(dirname "$JOURNAL")

# state: "plain" or "encrypted" when every sealed column agrees with the key record, else "mixed".
state() {
    sqlite3 "$JOURNAL" "SELECT CASE
        WHEN (SELECT count(*) FROM journal_key) = 0 AND NOT EXISTS (SELECT 1 FROM session
              WHERE typeof(note) = 'blob' OR typeof(disclosure) = 'blob') AND NOT EXISTS
              (SELECT 1 FROM peer WHERE typeof(referred_by) = 'blob') THEN 'plain'
        WHEN (SELECT count(*) FROM journal_key) = 1 AND NOT EXISTS (SELECT 1 FROM session
              WHERE typeof(note) = 'text' AND note <> '') AND NOT EXISTS (SELECT 1 FROM peer
              WHERE typeof(referred_by) = 'text' AND referred_by <> '') AND NOT EXISTS
              (SELECT 1 FROM consent WHERE typeof(recipient) = 'text') THEN 'encrypted'
        ELSE 'mixed' END"
}

# Calibrate: kills land from the start to 1.2x the time one whole encrypt takes here.
start=$(date +%s%N)
run --passphrase-file "$WORK/pass" encrypt
encrypt_us=$((($(date +%s%N) - start) / 1000))
expect_rc 0 "a whole encrypt (calibration)"
expect_eq "$(state)" "encrypted" "the calibration encrypt sealed everything"
echo "one encrypt takes ~${encrypt_us} us"

plain=0 encrypted=0 mixed=0 bad_integrity=0 lost=0 chain_broken=0 hits=0 wiped_later=0
for ((i = 1; i <= KILLS; i++)); do
    cp "$WORK/plain.db" "$JOURNAL"
    rm -f "$JOURNAL-wal" "$JOURNAL-shm"
    "$PEERLOG" --passphrase-file "$WORK/pass" encrypt </dev/null >/dev/null 2>&1 &
    pid=$!
    delay_us=$(((RANDOM * 32768 + RANDOM) % (encrypt_us * 6 / 5 + 1)))
    sleep "$(printf '%d.%06d' $((delay_us / 1000000)) $((delay_us % 1000000)))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    pending=$(sqlite3 "$JOURNAL" "SELECT count(*) FROM journal_key WHERE wipe_pending = 1")
    [ "$(sqlite3 "$JOURNAL" "PRAGMA integrity_check")" = "ok" ] ||
        { bad_integrity=$((bad_integrity + 1)); fail "kill $i: integrity_check fails"; }
    now=$(state)
    case $now in
    plain) plain=$((plain + 1)) ;;
    encrypted) encrypted=$((encrypted + 1)); [ "$pending" = 1 ] && wiped_later=$((wiped_later + 1)) ;;
    *) mixed=$((mixed + 1)); fail "kill $i left a journal half encrypted" ;;
    esac
    # Whole either way: every session, its note readable (with the passphrase once encrypted).
    run --passphrase-file "$WORK/pass" session list --with-notes --format json
    [ "$RC" -eq 0 ] && [ "$(jq length <<<"$OUT")" -eq "$ROWS" ] &&
        [ "$(jq -r '.[0].note' <<<"$OUT")" != "null" ] && grep -q "crashmark-note-" <<<"$OUT" ||
        { lost=$((lost + 1)); fail "kill $i ($now): the sessions do not all read back"; }
    run --passphrase-file "$WORK/pass" audit verify
    [ "$RC" -eq 0 ] || { chain_broken=$((chain_broken + 1)); fail "kill $i ($now): audit verify"; }
    if [ "$now" = encrypted ]; then
        # That peerlog finished any wipe the kill interrupted: no old plaintext left anywhere.
        if grep -rqa "crashmark-" "$J_DIR" "$TMPDIR"; then
            hits=$((hits + 1))
            fail "kill $i: plaintext left in $(grep -rla "crashmark-" "$J_DIR" "$TMPDIR" | tr '\n' ' ')($(
                grep -rhoa "crashmark-[a-z]*-*[0-9]*" "$J_DIR" "$TMPDIR" | sort -u | head -n 3 | tr '\n' ' '))"
        fi
    fi
done
expect_eq "$mixed" "0" "no kill leaves a journal half encrypted"
expect_eq "$bad_integrity" "0" "every journal passes integrity_check after a kill"
expect_eq "$lost" "0" "every session reads back after a kill"
expect_eq "$chain_broken" "0" "the audit chain verifies after every kill"
expect_eq "$hits" "0" "no plaintext left once an encrypted journal is opened again"

echo "RESULT encrypt crash: $KILLS kills of encrypt on a journal of $ROWS sessions: $plain plain and intact, $encrypted encrypted and intact ($wiped_later with the wipe finished at the next open), $mixed mixed, $bad_integrity integrity failures, $lost with records lost, $chain_broken broken chains, $hits with plaintext left"
finish

# Forgetting, whole: `peer forget` and `purge` while another program holds a read snapshot of the
# journal. The records are deleted at once, but SQLite cannot checkpoint over pages that reader
# still needs, so the forgotten text stays in the journal's files: peerlog says so and exits 5,
# and the first command after the reader lets go finishes the scrub and says so. Then the
# forgotten text, name, consent and code are in none of journal, -wal and -shm.
source "$(dirname "$0")/../e2e/lib.sh"

check() { if eval "$1"; then pass; else fail "$2"; fi; }
# in_files TEXT: how many times TEXT is in the journal's, -wal's and -shm's bytes, as they are.
in_files() { cat "$JOURNAL" "$JOURNAL-wal" "$JOURNAL-shm" 2>/dev/null | LC_ALL=C grep -a -c -- "$1"; }
printf '[journal]\nbusy_timeout_ms = 300\n' >"$WORK/config.toml"
export PEERLOG_CONFIG="$WORK/config.toml"

# hold_snapshot MODE: starts a program that opens the journal (MODE ro: read-only, which cannot
# checkpoint when it closes; rw: read-write, which can), begins a transaction and reads, so it
# holds that snapshot until release_snapshot. The ro reader opens through a read-write helper
# connection that it closes once its snapshot is taken, so the -wal and -shm it needs exist.
hold_snapshot() {
    rm -f "$WORK/ready" "$WORK/release"
    python3 - "$JOURNAL" "$WORK/ready" "$WORK/release" "$1" <<'EOF' &
import os, sqlite3, sys, time
path, ready, release, mode = sys.argv[1:5]
helper = sqlite3.connect(path, isolation_level=None)
helper.execute("SELECT count(*) FROM peer").fetchone()
uri = "file:" + path + ("?mode=ro" if mode == "ro" else "")
reader = sqlite3.connect(uri, uri=True, isolation_level=None)
reader.execute("BEGIN")
reader.execute("SELECT count(*) FROM peer").fetchone()
helper.close()
open(ready, "w").close()
while not os.path.exists(release):
    time.sleep(0.02)
reader.execute("COMMIT")
reader.close()
EOF
    READER=$!
    for _ in $(seq 500); do [ -e "$WORK/ready" ] && break; sleep 0.02; done
    check '[ -e "$WORK/ready" ]' "the reader ($1) took its snapshot"
}
release_snapshot() {
    touch "$WORK/release"
    wait "$READER"
}
# a_peer CODE TEXT: a peer with a name, a note and a consent, each carrying TEXT.
a_peer() {
    run peer add "$1" --name "name-$2" --contact "contact-$2" --since 2019-01-01
    run session add --peer "$1" --support emotional --duration 30m --date 2026-11-17 --note "note-$2"
    run consent add "$1" --recipient "recipient-$2" --purpose "purpose-$2" --info "info-$2" --share attendance,notes \
        --signed 2026-11-01 --expires 2027-11-01
    expect_rc 0 "peer $1 with a name, a note and a consent"
}

# ---- peer forget, a read-only reader ---------------------------------------------------------
a_peer QZ-731 quetzal
a_peer KEEP-1 kestrel
hold_snapshot ro
run peer forget QZ-731 --yes
expect_rc 5 "peer forget while another program holds a read snapshot: exit 5"
expect_err_has "forgot peer QZ-731" "the forget itself is reported"
expect_err_has "peer QZ-731's records are deleted, but their bytes stay in the journal's files" \
    "and that its bytes stay"
expect_err_has "the next peerlog command finishes the scrub" "and who finishes it"
scrub_pending=$(sqlite3 "file:$JOURNAL?mode=ro" "SELECT count(*) FROM pending_scrub" 2>/dev/null)
for text in note-quetzal name-quetzal purpose-quetzal recipient-quetzal; do
    check '[ "$(in_files $text)" -ge 1 ]' "$text is still in the files while the reader holds on"
done
run peer show QZ-731
expect_rc 4 "the peer is deleted already"
expect_err_has "their bytes stay in its files while another program holds an old read snapshot" \
    "a command while the reader holds on says the scrub is still waiting"
run peer list
expect_rc 0 "a read command still works"
check '[ "$(in_files note-quetzal)" -ge 1 ]' "and could not scrub either"
release_snapshot
run peer list
expect_rc 0 "the first command after the reader let go"
expect_err_has "finished scrubbing the records deleted at" "finishes the scrub and says so"
expect_out_has "KEEP-1" "and does its own work"
for text in note-quetzal name-quetzal contact-quetzal purpose-quetzal recipient-quetzal \
    info-quetzal QZ-731; do
    expect_eq "$(in_files $text)" "0" "$text is in none of journal, -wal and -shm"
done
check '[ "$(in_files note-kestrel)" -ge 1 ]' "another peer's note stays"
run peer list
expect_err_lacks "scrub" "the next command has nothing left to scrub"
expect_eq "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM pending_scrub")" "0" "no marker is left"
expect_eq "$scrub_pending" "1" "while pending, one marker was there"
run audit verify
expect_rc 0 "the chain verifies"

# ---- purge, a read-write reader (the sqlite3 module, as a sync or backup tool would) ----------
a_peer OLD-42 ocelot
run peer close OLD-42 --date 2019-06-01
hold_snapshot rw
run purge --closed-before 2020-01-01 --yes
expect_rc 5 "purge while another program holds a read snapshot: exit 5"
expect_out_has "OLD-42 (closed 2019-06-01)" "it names the peer it forgot"
expect_err_has "the purged records are deleted, but their bytes stay" "and that their bytes stay"
check '[ "$(in_files note-ocelot)" -ge 1 ]' "the purged note is still in the files meanwhile"
release_snapshot
run session list
expect_rc 0 "the next command"
expect_err_has "finished scrubbing" "says it finished the scrub"
for text in note-ocelot name-ocelot purpose-ocelot OLD-42; do
    expect_eq "$(in_files $text)" "0" "$text is in none of journal, -wal and -shm after the purge"
done

# ---- a marker left by a kill between the commit and the checkpoint ----------------------------
# The marker commits with the deletion, so a forget killed before its checkpoint is finished too.
sqlite3 "$JOURNAL" "INSERT INTO pending_scrub (deleted_at) VALUES ('2026-11-18T10:00:00Z')"
run session list
expect_err_has "finished scrubbing the records deleted at 2026-11-18T10:00:00Z" \
    "a marker with no reader is finished by the next command"
expect_eq "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM pending_scrub")" "0" "and deleted"

# ---- a journal that is read-only here cannot be scrubbed: it says who can ---------------------
if [ "$(id -u)" -eq 0 ]; then
    sqlite3 "$JOURNAL" "INSERT INTO pending_scrub (deleted_at) VALUES ('2026-11-18T11:00:00Z')"
    chmod 711 "$WORK" "$XDG_DATA_HOME"
    chmod 755 "$XDG_DATA_HOME/peerlog"
    chmod 644 "$JOURNAL"
    setpriv --reuid=65534 --regid=65534 --clear-groups "$PEERLOG" --journal "$JOURNAL" \
        --config "$WORK/config.toml" peer list </dev/null >"$WORK/out" 2>"$WORK/err"
    RC=$? OUT=$(cat "$WORK/out") ERR=$(cat "$WORK/err")
    expect_rc 0 "another user reads the journal, read-only to them"
    expect_err_has "the journal is read-only here, so run a peerlog command with write access" \
        "and is told the scrub waits for a command that can write"
    chmod 700 "$XDG_DATA_HOME/peerlog"
    chmod 600 "$JOURNAL"
    run peer list
    expect_err_has "finished scrubbing the records deleted at 2026-11-18T11:00:00Z" \
        "the owner's next command finishes it"
fi

echo "RESULT forget scrub: forget and purge under a held read snapshot exit 5 with the text" \
    "still in the files; the next command after the reader let go finished the scrub:" \
    "0 hits of $((7 + 4)) texts in journal, -wal and -shm; $passed checks passed, $failed failed"
finish

# `peerlog backup FILE`: a private, whole, single-file copy that opens as a journal; refusals
# for an existing file, the journal itself and an unwritable place; an encrypted copy keeps its
# passphrase and leaks no note.
source "$(dirname "$0")/lib.sh"

check() { if eval "$1"; then pass; else fail "$2"; fi; }

run peer add P1
run session add --peer P1 --support emotional --duration 30m --note "backup-note-8812"
expect_rc 0 "a session to back up"

run backup "$WORK/copy.db"
expect_rc 0 "backup FILE"
expect_out_has "backed up 1 peer, 1 session and" "says what it copied"
expect_out_has "to $WORK/copy.db (integrity ok)" "names the file and its integrity"
expect_eq "$(stat -c %a "$WORK/copy.db")" "600" "the copy is mode 0600"
check '[ ! -e "$WORK/copy.db-wal" ]' "the copy is one file, no -wal"
check '! ls -a "$WORK" | grep -q "^\.copy\.db\."' "no temporary file is left beside it"
run --journal "$WORK/copy.db" session show 1 --format json
expect_json '.note' '"backup-note-8812"' "the copy opens as a journal and holds the note"

before=$(sha1sum <"$WORK/copy.db")
run backup "$WORK/copy.db"
expect_rc 9 "an existing file is not replaced"
expect_err_has "--force" "and the message says how"
expect_eq "$(sha1sum <"$WORK/copy.db")" "$before" "the existing copy is untouched"
run session add --peer P1 --support informational --duration 10m
run backup "$WORK/copy.db" --force --format json
expect_rc 0 "--force replaces it"
expect_json '[.kind, .sessions, .integrity]' '["peerlog.backup",2,"ok"]' "json result"

run backup "$JOURNAL"
expect_rc 2 "the journal itself is refused"
run backup "$WORK/no/such/dir/copy.db"
expect_rc 8 "a missing directory is an i/o error"
expect_err_has "Nothing was written" "and nothing was backed up"
run backup "$WORK"
expect_rc 2 "a directory is refused"
(cd "$WORK" && "$PEERLOG" backup - >/dev/null 2>"$WORK/dash.err")
expect_eq "$?" "2" "backup - is refused: a backup is a file"
check '[ ! -e "$WORK/-" ]' "and no file named - is written"
mkfifo "$WORK/fifo" && ln -s "$WORK/copy.db" "$WORK/link.db"
run backup "$WORK/fifo" --force
expect_rc 8 "a pipe is never a backup's destination, even with --force"
expect_err_has "is a named pipe (FIFO), not a regular file" "and the message says why"
check '[ -p "$WORK/fifo" ]' "the pipe is still a pipe"
run backup "$WORK/link.db"
expect_rc 9 "our own link to an existing copy is not replaced without --force"
run backup "$WORK/link.db" --force
expect_rc 0 "with --force, our own link is followed: the copy it names is replaced"
check '[ -L "$WORK/link.db" ]' "the link is still a link"
expect_eq "$(sqlite3 "$WORK/copy.db" "SELECT count(*) FROM audit_event WHERE action = 'backup'")" \
    "2" "the copy it names is the new one (it holds the two backups before it)"
run backup "$JOURNAL-wal" --force
expect_rc 2 "the journal's -wal is refused too"
expect_err_has "$JOURNAL" "naming the journal"

run audit list --format json
expect_json '[.[] | select(.action == "backup")] | length' '3' "each backup is audited"
run audit verify
expect_rc 0 "the chain still verifies"

# An encrypted journal's copy is sealed with the same passphrase.
printf 'copy-passphrase-55\n' >"$WORK/pass" && chmod 600 "$WORK/pass"
export PEERLOG_JOURNAL="$WORK/enc/journal.db"
run init --encrypt --passphrase-file "$WORK/pass"
run --passphrase-file "$WORK/pass" peer add E1
run --passphrase-file "$WORK/pass" session add --peer E1 --support emotional --duration 5m \
    --note "sealed-copy-3307"
run backup "$WORK/enc-copy.db"
expect_rc 0 "an encrypted journal backs up without its passphrase"
expect_out_has "encrypted with the journal's passphrase" "and says the copy is encrypted"
check '! grep -qa "sealed-copy-3307" "$WORK/enc-copy.db"' "the copy holds no plaintext note"
run --journal "$WORK/enc-copy.db" --passphrase-file "$WORK/pass" session show 1 --format json
expect_json '.note' '"sealed-copy-3307"' "the passphrase opens the copy's note"
finish

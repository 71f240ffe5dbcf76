# Where peerlog will and will not write: the messages and exit codes of every refusal of -o and
# backup (the journal by any name: 2; a pipe, device, directory or a link it does not follow:
# 8), and of a journal path that is not a file (6). The hostile-user cases are in
# tests/reliability/hostile_files_test.sh.
source "$(dirname "$0")/lib.sh"
check() { if eval "$1"; then pass; else fail "$2"; fi; }

run peer add P1
run session add --peer P1 --support emotional --duration 30m --note "a note"
expect_rc 0 "a journal"
before=$(journal_hash)

# ---- the journal, however it is named: exit 2, naming it -------------------------------------
ln -s "$JOURNAL" "$WORK/journal-link.json"
ln "$JOURNAL" "$WORK/journal-hard.json"
for target in "$JOURNAL" "$XDG_DATA_HOME/peerlog/../peerlog/journal.db" "$WORK/journal-link.json" \
    "$WORK/journal-hard.json"; do
    run export --week this -o "$target"
    expect_rc 2 "export -o $target"
    expect_err_has "is the journal $JOURNAL: peerlog never writes over it" \
        "the message names the journal ($target)"
    expect_err_has "nothing was written" "and says nothing was written ($target)"
done
for suffix in -wal -shm; do
    run report summary --week this -o "$JOURNAL$suffix"
    expect_rc 2 "report summary -o the journal's $suffix"
    expect_err_has "is the journal's $suffix file ($JOURNAL$suffix)" "the message says which file"
done
(cd "$XDG_DATA_HOME/peerlog" && "$PEERLOG" backup journal.db --force </dev/null >/dev/null 2>&1)
expect_eq "$?" "2" "backup over the journal by a relative name"
expect_eq "$(journal_hash)" "$before" "the journal is as it was"
run session list
expect_rc 0 "and peerlog still reads it"

# ---- pipes, devices, directories: exit 8, never opened ----------------------------------------
mkfifo "$WORK/pipe"
run export --week this -o "$WORK/pipe"
expect_rc 8 "-o a FIFO"
expect_err_has "cannot write $WORK/pipe: $WORK/pipe is a named pipe (FIFO), not a regular file" \
    "the message says it is a FIFO"
run backup "$WORK/pipe" --force
expect_rc 8 "backup to a FIFO"
run export --week this -o /dev/null
expect_rc 8 "-o /dev/null"
expect_err_has "/dev/null is a device, not a regular file" "the message says it is a device"
run export --week this -o "$WORK"
expect_rc 8 "-o a directory"
expect_err_has "it is a directory; give a file name" "the message says so"
run export --week this -o -
expect_rc 0 "-o - is stdout"
expect_json '.totals.sessions' '1' "and stdout holds the export"

# ---- links ------------------------------------------------------------------------------------
mkdir -m 1777 "$WORK/shared"
ln -s "$WORK/mine.json" "$WORK/shared/mine.json"
run export --week this -o "$WORK/shared/mine.json"
expect_rc 8 "a link in a sticky, world-writable directory is not followed, even ours"
expect_err_has "is a symbolic link in $WORK/shared, a directory anyone may write to" \
    "the message says where the link is"
expect_err_has "peerlog does not follow it" "and that it is not followed"
check '[ ! -e "$WORK/mine.json" ]' "nothing was written where it points"
ln -s mine.json "$WORK/own-link.json"
run export --week this -o "$WORK/own-link.json"
expect_rc 0 "our own link in our own directory is followed"
check '[ -L "$WORK/own-link.json" ] && [ -s "$WORK/mine.json" ]' "the link stays; the file it names is written"
if [ "$(id -u)" -eq 0 ]; then
    ln -s "$WORK/mine.json" "$WORK/foreign.json" && chown -h 65534:65534 "$WORK/foreign.json"
    run export --week this -o "$WORK/foreign.json"
    expect_rc 8 "a link owned by another user is not followed"
    expect_err_has "is a symbolic link owned by another user (uid 65534)" "the message names the owner"
fi

# ---- a journal path that is not a file: exit 6 ----------------------------------------------
python3 -c "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$WORK/socket"
for bad in "$WORK/pipe:a named pipe (FIFO)" "$WORK:a directory" "/dev/null:a device" \
    "$WORK/socket:a socket"; do
    path=${bad%%:*} kind=${bad#*:}
    for command in "session list" "peer add P9" "export --week this"; do
        run --journal "$path" $command
        expect_rc 6 "--journal $kind: $command"
    done
    expect_err_has "$path is $kind, not a journal file" "the message says it is $kind"
done
check '[ -p "$WORK/pipe" ]' "the FIFO is still a FIFO"
finish

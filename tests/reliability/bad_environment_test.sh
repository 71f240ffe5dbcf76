# Bad environment: read-only journal and directory, missing directory, files that are not
# journals, truncated journals, a full disk, a newer schema, a failed or interrupted migration.
# Each gives its documented exit code and message and leaves the journal as it was.
source "$(dirname "$0")/../e2e/lib.sh"
RANDOM=6

# Root ignores permissions, so as root the owner of the journal is `nobody` (via setpriv).
# Every file of the test lives under $BASE and is made by the owner, through as_owner.
owner=()
if [ "$(id -u)" -eq 0 ]; then owner=(setpriv --reuid=65534 --regid=65534 --clear-groups); fi
as_owner() { "${owner[@]}" "$@"; }
chmod 711 "$WORK"
BASE="$WORK/env"
mkdir "$BASE"
[ "${#owner[@]}" -eq 0 ] || chown 65534:65534 "$BASE"
owned_dir() { as_owner mkdir -p -m 700 "$1"; } # private, as peerlog makes its own
export XDG_STATE_HOME="$BASE/state" # drafts, written by the owner
# run_on FILE ARGS...: runs peerlog as the owner on journal FILE.
run_on() {
    local file=$1
    shift
    as_owner "$PEERLOG" --journal "$file" "$@" </dev/null >"$WORK/out" 2>"$WORK/err"
    RC=$?
    OUT=$(cat "$WORK/out")
    ERR=$(cat "$WORK/err")
}
# hash_of FILE: the journal with its WAL, to prove a refused command changed nothing.
hash_of() { cat "$1" "$1-wal" 2>/dev/null | sha256sum | cut -d' ' -f1; }
# content_of FILE: what the journal holds, whatever the page layout.
content_of() { as_owner sqlite3 "$1" ".dump" | sha256sum | cut -d' ' -f1; }
add_args=(session add --peer P1 --support emotional --duration 1h --note a-note)
read_commands=("session list" "session show 1" "report summary --week this" "export --week this"
    "peer list")
# a_journal FILE SESSIONS: a journal (owned by the owner) with P1 and SESSIONS sessions.
a_journal() {
    owned_dir "$(dirname "$1")"
    run_on "$1" peer add P1
    local i
    for ((i = 1; i <= $2; i++)); do
        run_on "$1" session add --peer P1 --support emotional --duration 1h \
            --note "note $i $(printf '%0300d' "$i")"
    done
}

# --- read-only journal file: writes refused (8), reads work, writable again afterwards -------
J="$BASE/ro-file/journal.db"
a_journal "$J" 3
as_owner chmod 400 "$J"
before=$(hash_of "$J")
run_on "$J" "${add_args[@]}"
expect_rc 8 "read-only journal: session add"
expect_err_has "is read-only; nothing was saved" "read-only journal: the message says so"
for command in "${read_commands[@]}"; do
    run_on "$J" $command
    expect_rc 0 "read-only journal: $command still works"
done
expect_eq "$(hash_of "$J")" "$before" "read-only journal: left as it was"
as_owner chmod 600 "$J"
run_on "$J" "${add_args[@]}"
expect_rc 0 "a journal read while read-only can be written once it is writable again"

# --- read-only directory: writes refused (8), reads work --------------------------------------
J="$BASE/ro-dir/journal.db"
a_journal "$J" 3
as_owner chmod 500 "$(dirname "$J")"
before=$(hash_of "$J")
run_on "$J" "${add_args[@]}"
expect_rc 8 "read-only directory: session add"
expect_err_has "is read-only; nothing was saved" "read-only directory: the message says so"
run_on "$J" peer add P2
expect_rc 8 "read-only directory: peer add"
for command in "${read_commands[@]}"; do
    run_on "$J" $command
    expect_rc 0 "read-only directory: $command still works"
done
expect_out_has "P1" "read-only directory: the peers are listed"
expect_eq "$(hash_of "$J")" "$before" "read-only directory: left as it was"
as_owner chmod 700 "$(dirname "$J")"

# --- missing directory ------------------------------------------------------------------------
run_on "$BASE/missing/deeper/journal.db" session list
expect_rc 4 "missing directory: a read is 'not found'"
expect_err_has "there is no journal at" "missing directory: the message says so"
[ ! -e "$BASE/missing" ] && pass || fail "missing directory: a read created nothing"
owned_dir "$BASE/locked"
as_owner chmod 500 "$BASE/locked"
run_on "$BASE/locked/new/journal.db" peer add P1
expect_rc 8 "missing directory under a read-only one: peer add"
expect_err_has "cannot create the directory" "missing directory: the message names it"
run_on "$BASE/fresh/a/b/journal.db" peer add P1
expect_rc 0 "missing directories are created by a write"
expect_eq "$(stat -c %a "$BASE/fresh/a/b")" "700" "created directories are private"

# --- files that are not journals: refused (6), untouched ---------------------------------------
owned_dir "$BASE/alien"
head -c 8192 /dev/urandom | as_owner tee "$BASE/alien/random.db" >/dev/null
printf 'Dear diary, this is a text file and not a database at all.\n%.0s' {1..40} |
    as_owner tee "$BASE/alien/text.db" >/dev/null
as_owner sqlite3 "$BASE/alien/other.db" "CREATE TABLE accounts (id, balance);
    INSERT INTO accounts VALUES (1, 2)"
for file in random text other; do
    J="$BASE/alien/$file.db"
    before=$(hash_of "$J")
    for args in "session list" "peer add P1" "report summary" "export"; do
        run_on "$J" $args
        expect_rc 6 "$file file: $args is refused"
    done
    expect_err_has "It was left as it is" "$file file: the message says it was left alone"
    expect_eq "$(hash_of "$J")" "$before" "$file file: left as it was"
done

# --- truncated journals: refused (6) or read, never changed, never a crash --------------------
J="$BASE/whole/journal.db"
a_journal "$J" 60
size=$(stat -c %s "$J")
truncated=0
for cut in 50 100 4096 8192 $((size / 2)) $((size - 4096)); do
    T="$BASE/whole/cut-$cut.db"
    as_owner cp "$J" "$T"
    as_owner truncate -s "$cut" "$T"
    before=$(hash_of "$T")
    for args in "session list" "session show 1" "report summary --week this" "export --week this" \
        "peer add P9" "${add_args[*]}"; do
        run_on "$T" $args
        expect_rc 6 "journal cut to $cut bytes: $args is refused"
        truncated=$((truncated + 1))
    done
    expect_err_has "is not a usable peerlog journal" "journal cut to $cut bytes: the message"
    expect_eq "$(hash_of "$T")" "$before" "journal cut to $cut bytes: left as it was"
done
T="$BASE/whole/cut-0.db"
as_owner truncate -s 0 "$T"
run_on "$T" session list
expect_rc 4 "an empty journal file: a read is 'not found'"
expect_err_has "is empty" "an empty journal file: the message says so"
expect_eq "$(stat -c %s "$T")" "0" "an empty journal file: a read leaves it empty"

# --- full disk: ulimit -f always; a small tmpfs when this machine lets us mount one -----------
J="$BASE/full/journal.db"
a_journal "$J" 2
before=$(content_of "$J")
big_note=$(printf '%0100000d' 7) # 100 kB: more than the file size limit below
(
    trap '' XFSZ # so a write past the limit fails with EFBIG instead of killing peerlog
    ulimit -f 64
    run_on "$J" session add --peer P1 --support emotional --duration 1h --note "$big_note"
    echo "$RC" >"$BASE/full/rc"
    echo "$ERR" >"$BASE/full/err"
)
RC=$(cat "$BASE/full/rc") ERR=$(cat "$BASE/full/err")
expect_rc 8 "file size limit reached: session add"
expect_err_has "nothing was saved" "file size limit reached: the message"
expect_eq "$(as_owner sqlite3 "$J" "PRAGMA integrity_check")" "ok" "file size limit: integrity"
expect_eq "$(content_of "$J")" "$before" "file size limit: the journal holds what it held"
# A typed note over the limit cannot be kept as a draft either: say so, keep the first error,
# and leave no half-written draft behind.
printf '%0100000d' 9 >"$WORK/limit-note"
drafts_before=$(find "$BASE/state" -type f 2>/dev/null | wc -l) # kept notes of refused adds
(
    trap '' XFSZ
    ulimit -f 64
    "${owner[@]}" "$PEERLOG" --journal "$J" session add --peer P1 --support emotional \
        --duration 1h --note - <"$WORK/limit-note" >/dev/null 2>"$WORK/full-err"
    echo $? >"$WORK/full-rc"
)
RC=$(cat "$WORK/full-rc") ERR=$(cat "$WORK/full-err")
expect_rc 8 "file size limit, note from stdin: session add"
expect_err_has "nothing was saved" "file size limit, note from stdin: the journal's error first"
expect_err_has "could not be kept as a draft either" "file size limit: the lost draft is told"
expect_eq "$(find "$BASE/state" -type f 2>/dev/null | wc -l)" "$drafts_before" \
    "no half-written draft is left"
expect_eq "$(content_of "$J")" "$before" "file size limit: still the journal it was"
full_disk="ulimit -f only"
mkdir -p "$WORK/tmpfs"
# Room for a new journal and its WAL (about 233 kB each once every migration ran) and a few
# sessions, not for a 400 kB note.
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=576k,mode=0777 tmpfs "$WORK/tmpfs" 2>/dev/null; then
    trap 'umount "$WORK/tmpfs" 2>/dev/null; rm -rf "$WORK"' EXIT
    full_disk="ulimit -f and a 576 kB tmpfs"
    J="$WORK/tmpfs/journal.db"
    a_journal "$J" 2
    before=$(content_of "$J")
    printf '%0400000d' 8 >"$WORK/big-note"
    as_owner "$PEERLOG" --journal "$J" session add --peer P1 --support emotional --duration 1h \
        --note - <"$WORK/big-note" >"$WORK/out" 2>"$WORK/err"
    RC=$? ERR=$(cat "$WORK/err")
    expect_rc 8 "full disk: session add"
    expect_err_has "is full; nothing was saved" "full disk: the message says the disk is full"
    expect_err_has "Your note was kept in" "full disk: the typed note is kept as a draft"
    draft=$(sed -n 's/^Your note was kept in \([^ ]*\) (.*/\1/p' "$WORK/err")
    cmp -s "$draft" "$WORK/big-note" && pass || fail "full disk: the draft holds the whole note"
    expect_eq "$(as_owner sqlite3 "$J" "PRAGMA integrity_check")" "ok" "full disk: integrity"
    expect_eq "$(content_of "$J")" "$before" "full disk: the journal holds what it held"
    umount "$WORK/tmpfs"
fi

# --- a journal from a newer peerlog: refused (6), byte for byte untouched ---------------------
J="$BASE/newer/journal.db"
a_journal "$J" 2
as_owner sqlite3 "$J" "PRAGMA user_version = 99" >/dev/null
before=$(hash_of "$J")
for args in "session list" "peer add P2" "${add_args[*]}" "export --week this"; do
    run_on "$J" $args
    expect_rc 6 "newer schema: $args is refused"
done
expect_err_has "written by a newer peerlog" "newer schema: the message says so"
expect_eq "$(hash_of "$J")" "$before" "newer schema: left as it was"

# --- a migration that fails midway rolls back: schema version and tables as they were --------
J="$BASE/clash/journal.db"
owned_dir "$BASE/clash"
# A peerlog journal at version 0 that already has a `session` table: v1's CREATE fails there.
as_owner sqlite3 "$J" "PRAGMA application_id = 1346718791; CREATE TABLE session (x);
    INSERT INTO session VALUES (42)"
before=$(content_of "$J")
run_on "$J" peer add P1
expect_rc 6 "failed migration: refused as an unusable journal"
expect_err_has "cannot upgrade" "failed migration: the message says the upgrade failed"
expect_err_has "left at schema 0" "failed migration: and that nothing changed"
expect_eq "$(as_owner sqlite3 "$J" "PRAGMA user_version")" "0" "failed migration: user_version unchanged"
expect_eq "$(as_owner sqlite3 "$J" "SELECT group_concat(name) FROM sqlite_master")" "session" \
    "failed migration: the half-applied tables were rolled back"
expect_eq "$(as_owner sqlite3 "$J" "SELECT x FROM session")" "42" "failed migration: data untouched"
expect_eq "$(content_of "$J")" "$before" "failed migration: content left as it was"

# --- a migration interrupted by SIGKILL: the schema is old or new, never a mix ----------------
mixed=0
# Every version:tables a completed migration step can leave: nothing, each schema version, or
# the current one (read off a journal peerlog has just created).
fresh="$BASE/interrupted-reference.db"
"$PEERLOG" --journal "$fresh" init </dev/null >/dev/null 2>&1
current=$(sqlite3 "$fresh" "SELECT (SELECT user_version FROM pragma_user_version) || ':' ||
    (SELECT count(*) FROM sqlite_master WHERE type = 'table')")
for ((i = 1; i <= 30; i++)); do
    J="$BASE/interrupted/journal-$i.db"
    owned_dir "$BASE/interrupted"
    "${owner[@]}" "$PEERLOG" --journal "$J" init </dev/null >/dev/null 2>&1 & # no subshell
    pid=$!
    sleep "$(printf '0.%06d' $((RANDOM % 15000)))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    state=$(as_owner sqlite3 "$J" "SELECT (SELECT user_version FROM pragma_user_version) || ':' ||
        (SELECT count(*) FROM sqlite_master WHERE type = 'table')" 2>&1)
    # Each schema version's table count (lib/migrations.cpp): a kill between two committed
    # steps leaves any of them.
    case "$state" in
    0:0 | 1:2 | 2:9 | 3:19 | 4:20 | 5:21 | 6:21 | 7:21 | 8:23 | 9:24 | 10:26 | "$current") ;;
    *)
        mixed=$((mixed + 1))
        fail "migration killed at run $i left version:tables = $state"
        ;;
    esac
    run_on "$J" peer add P1
    expect_rc 0 "after a killed migration (run $i) the journal is usable"
done
echo "RESULT bad environment: read-only file and directory, missing directory, 3 alien files," \
    "$truncated truncated-journal runs, full disk ($full_disk), newer schema, failed migration," \
    "30 killed migrations ($mixed mixed): all refused cleanly or left intact"
finish

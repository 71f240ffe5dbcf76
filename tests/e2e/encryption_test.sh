# An encrypted journal: notes, disclosure purposes, dual relationships, identities, check-in
# notes, review comments and goal texts are not in the file's bytes, the passphrase comes from a private file (never argv), a wrong one is
# refused, and reports need none.
source "$(dirname "$0")/lib.sh"

check() { if eval "$1"; then pass; else fail "$2"; fi; }
secret_file() { printf '%s\n' "$2" >"$WORK/$1" && chmod 600 "$WORK/$1" && echo "$WORK/$1"; }
GOOD=$(secret_file good 'plum-orchard-7 passphrase')
WRONG=$(secret_file wrong 'not the passphrase')
NEW=$(secret_file new 'second passphrase 42')
NOTE="zebrafish-marmalade-4471 talked about the court date"
NAME="Quintessa Vandersloot"

run init --encrypt --passphrase-file "$GOOD"
expect_rc 0 "init --encrypt with a passphrase file"
expect_err_has "encrypted" "init --encrypt says the journal is encrypted"
run init --encrypt --passphrase-file "$GOOD"
expect_rc 9 "an encrypted journal is not encrypted twice"

run --passphrase-file "$GOOD" peer add P1 --name "$NAME" --contact "555-0142"
expect_rc 0 "peer add with identity fields"
run --passphrase-file "$GOOD" session add --peer P1 --support emotional --duration 30m \
    --note "$NOTE"
expect_rc 0 "session add with a note"
id=$OUT
PEERLOG_PASSPHRASE_FILE="$GOOD" run session add --peer P1 --support emotional --duration 5m \
    --note "via the environment"
expect_rc 0 "PEERLOG_PASSPHRASE_FILE names the file"

sqlite3 "$JOURNAL" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
check '! grep -rqa "zebrafish-marmalade" "$WORK"' "the note is in no file under \$WORK"
check '! grep -rqa "Vandersloot" "$WORK"' "the name is in no file under \$WORK"
check '! grep -qa "zebrafish" "$JOURNAL"' "the note is not in the journal's bytes"
check '[ ! -s "$JOURNAL-wal" ] || ! grep -qa "zebrafish" "$JOURNAL-wal"' "nor in its WAL"
expect_eq "$(sqlite3 "$JOURNAL" "SELECT typeof(note) FROM session WHERE id = $id")" "blob" \
    "the note is stored as a sealed blob"

run --passphrase-file "$GOOD" session show "$id"
expect_rc 0 "session show with the right passphrase"
expect_out_has "$NOTE" "session show prints the note"
run --passphrase-file "$GOOD" peer show P1 --identity
expect_out_has "$NAME" "peer show --identity prints the name"
run --passphrase-file "$GOOD" session list --with-notes --format csv
expect_out_has "zebrafish" "session list --with-notes decrypts"

run --passphrase-file "$WRONG" session show "$id"
expect_rc 10 "a wrong passphrase is refused"
expect_err_has "wrong passphrase" "the refusal says the passphrase is wrong"
expect_out_lacks "zebrafish" "nothing is shown with a wrong passphrase"
run session show "$id"
expect_rc 10 "no passphrase off a terminal is refused"
expect_err_has "--passphrase-file" "the refusal says how to give the passphrase"

chmod 644 "$GOOD"
run --passphrase-file "$GOOD" session show "$id"
expect_rc 10 "a passphrase file readable by others is refused"
expect_err_has "chmod 600" "the refusal says how to fix the file"
chmod 600 "$GOOD"

run session list
expect_rc 0 "session list needs no passphrase"
expect_out_has "P1" "session list lists the session"
run session add --peer P1 --support emotional --duration 10m
expect_rc 10 "session add needs the passphrase, even without a note: its audit event is keyed"
expect_err_has "changing a record needs the passphrase" "and says why"
run session add --peer P1 --support emotional --duration 10m --note "needs the key"
expect_rc 10 "session add with a note needs the passphrase"
run report summary --week this
expect_rc 0 "report summary needs no passphrase"
run export --week this
expect_rc 0 "export needs no passphrase"

# ---- the record's private text: check-in notes, review comments, goal texts -------------------
run --passphrase-file "$GOOD" checkin add --stress 4 --energy 2 --note "pangolin-checkin-text" \
    --share
expect_rc 0 "checkin add with a note"
run checkin add --stress 3 --energy 3 --note "needs the key"
expect_rc 10 "checkin add with a note needs the passphrase"
run checkin add --stress 2 --energy 4
expect_rc 10 "checkin add without a note needs the passphrase too (its event is keyed)"
run --passphrase-file "$GOOD" checkin add --stress 2 --energy 4
expect_rc 0 "checkin add without a note, with the passphrase"
run --passphrase-file "$GOOD" session review "$id" --by "Dr Lee" --comment "pangolin-review-text"
expect_rc 0 "session review with a comment"
run session review "$id" --by "Dr Lee" --comment "needs the key"
expect_rc 10 "session review with a comment needs the passphrase"
run --passphrase-file "$GOOD" session review "$id" --by "Dr Lee"
expect_rc 0 "session review without a comment"
run --passphrase-file "$GOOD" goal add P1 --domain legal "pangolin-goal-text court date"
expect_rc 0 "goal add"
goal=$OUT
run goal add P1 --domain legal "needs the key"
expect_rc 10 "goal add needs the passphrase (a goal always has text)"
sqlite3 "$JOURNAL" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
check '! grep -rqa "pangolin" "$WORK"' "no check-in note, comment or goal text in any file"
expect_eq "$(sqlite3 "$JOURNAL" "SELECT group_concat(DISTINCT typeof(note)) FROM checkin \
    WHERE note <> ''")" "blob" "the check-in note is a sealed blob"
expect_eq "$(sqlite3 "$JOURNAL" "SELECT typeof(comment) FROM session_review WHERE comment <> ''")" \
    "blob" "the review comment is a sealed blob"
expect_eq "$(sqlite3 "$JOURNAL" "SELECT typeof(text) FROM goal")" "blob" \
    "the goal text is a sealed blob"

run checkin list --format json
expect_rc 0 "checkin list without notes needs no passphrase"
expect_json 'length' '2' "it lists both check-ins"
run checkin list --with-notes
expect_rc 10 "checkin list --with-notes needs the passphrase"
run --passphrase-file "$GOOD" checkin list --with-notes --format json
expect_json '.[0].note' '"pangolin-checkin-text"' "checkin list --with-notes decrypts"
run report wellbeing --week this
expect_rc 0 "report wellbeing needs no passphrase"
run session list --unreviewed
expect_rc 0 "session list --unreviewed needs no passphrase"
run goal set "$goal" --status progressing
expect_rc 10 "goal set needs the passphrase (its event is keyed)"
run --passphrase-file "$GOOD" goal set "$goal" --status progressing
expect_rc 0 "goal set with the passphrase"
run report caseload --week this
expect_rc 0 "report caseload (open goals) needs no passphrase"
run goal list
expect_rc 10 "goal list shows the text, so it needs the passphrase"
run --passphrase-file "$GOOD" goal list --format json
expect_json '.[0].text' '"pangolin-goal-text court date"' "goal list decrypts the text"
expect_json '.[0].status' '"progressing"' "and shows the status set"

# ---- a session's disclosure purpose and dual relationship are sealed like its note ----------
run --passphrase-file "$GOOD" session add --peer P1 --support emotional --duration 20m \
    --disclosure "capybara-disclosure-purpose" --dual-relationship "capybara-neighbour"
expect_rc 0 "session add with a disclosure purpose and a dual relationship"
sealed=$OUT
run session add --peer P1 --support emotional --duration 20m --disclosure "needs the key"
expect_rc 10 "a disclosure purpose needs the passphrase"
run session add --peer P1 --support emotional --duration 20m --dual-relationship "needs the key"
expect_rc 10 "a dual relationship needs the passphrase"
sqlite3 "$JOURNAL" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
check '! grep -qa "capybara" "$JOURNAL"' "neither is in the journal's bytes"
check '[ ! -s "$JOURNAL-wal" ] || ! grep -qa "capybara" "$JOURNAL-wal"' "nor in its WAL"
check '! grep -rqa "capybara" "$WORK"' "nor in any file under \$WORK"
expect_eq "$(sqlite3 "$JOURNAL" "SELECT typeof(disclosure) || ',' || typeof(dual_relationship) \
    FROM session WHERE id = $sealed")" "blob,blob" "both are sealed blobs"
# Override reasons stay in the clear: the supervisor's report and the audit trail show them.
mkdir -p "$XDG_CONFIG_HOME/peerlog"
printf '[boundaries.severity]\ncontact_hours = "block"\n' >"$XDG_CONFIG_HOME/peerlog/config.toml"
run --passphrase-file "$GOOD" session add --peer P1 --support emotional --duration 20m \
    --date 2026-11-17 --start 23:00 --override "crisis call"
expect_rc 0 "an override"
rm "$XDG_CONFIG_HOME/peerlog/config.toml"
expect_eq "$(sqlite3 "$JOURNAL" "SELECT typeof(override_reason) FROM session_flag WHERE \
    override_reason <> ''")" "text" "an override reason is stored as text"
run --passphrase-file "$GOOD" session show "$sealed"
expect_out_has "Disclosure: yes, purpose: capybara-disclosure-purpose" "session show decrypts the purpose"
expect_out_has "dual relationship: capybara-neighbour" "and the dual relationship"
run session show "$sealed"
expect_rc 10 "session show of a sealed purpose needs the passphrase"
run --passphrase-file "$GOOD" session list --with-notes --format json
expect_json "map(select(.id == $sealed)) | .[0].disclosure_purpose" \
    '"capybara-disclosure-purpose"' "session list --with-notes decrypts the purpose"
run session list --format json
expect_rc 0 "session list without notes needs no passphrase"
expect_json "map(select(.id == $sealed)) | .[0].self_disclosure" "true" \
    "and still says there was a self-disclosure"
run report boundaries --week this --format json
expect_rc 0 "report boundaries needs no passphrase"
expect_out_lacks "capybara" "and shows no dual relationship"
run export --week this --format json
expect_rc 0 "export needs no passphrase"
expect_out_lacks "capybara" "and carries no private text"
# A purpose written in the clear by an older peerlog still reads (on a copy: the audit trail
# would rightly call the original changed outside peerlog).
sqlite3 "$JOURNAL" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
cp "$JOURNAL" "$WORK/older.db"
sqlite3 "$WORK/older.db" "UPDATE session SET disclosure = 'older plain purpose' WHERE id = $id"
run --journal "$WORK/older.db" --passphrase-file "$GOOD" session show "$id"
expect_rc 0 "a purpose stored in the clear"
expect_out_has "purpose: older plain purpose" "reads as it was written"

run --passphrase-file "$WRONG" passphrase change --new-passphrase-file "$NEW"
expect_rc 10 "passphrase change with a wrong old passphrase"
run --passphrase-file "$GOOD" passphrase change --new-passphrase-file "$NEW"
expect_rc 0 "passphrase change"
run --passphrase-file "$GOOD" session show "$id"
expect_rc 10 "the old passphrase no longer unlocks"
run --passphrase-file "$NEW" session show "$id"
expect_out_has "$NOTE" "the new passphrase reads the same note"
run_with_input $'second passphrase 42\n' --passphrase-file - session show "$id"
expect_out_has "$NOTE" "--passphrase-file - reads the first line of stdin"

# The passphrase is never in argv: watch a running peerlog's command line.
run --journal "$WORK/plain.db" init
run --journal "$WORK/plain.db" passphrase change --new-passphrase-file "$NEW"
expect_rc 3 "a plain journal has no passphrase to change"
mkfifo -m 600 "$WORK/slow"
"$PEERLOG" --passphrase-file "$WORK/slow" session show "$id" >/dev/null 2>&1 &
reader=$!
sleep 0.5
check '! ps -eo args | grep -q "second passphras[e]"' "the passphrase is not in any command line"
check 'ps -o args= -p "$reader" | grep -q -- "--passphrase-file"' "the running peerlog is seen in ps"
printf '%s\n' 'second passphrase 42' >"$WORK/slow"
wait "$reader"
expect_eq "$?" "0" "the passphrase read from a pipe unlocks"

# ---- the passphrase on a terminal: three attempts, then exit 10 --------------------------------
# on_pty ANSWER... -- ARGS...: runs peerlog on a pseudo-terminal, typing each ANSWER at a prompt.
on_pty() {
    local answers=()
    while [ "$1" != "--" ]; do answers+=("$1"); shift; done
    shift
    OUT=$(python3 "$PEERLOG_SOURCE_DIR/tests/e2e/tools/pty_answer.py" "${answers[@]}" -- \
        "$PEERLOG" "$@" 2>&1)
    RC=$?
}
on_pty "mistyped one" "second passphrase 42" -- session show "$id"
expect_rc 0 "a mistyped passphrase on the terminal is asked again"
expect_out_has "does not unlock the journal (1 of 3 attempts)" "and says the first was wrong"
expect_out_has "$NOTE" "the second attempt unlocks"
on_pty "wrong 1" "wrong 2" "wrong 3" "second passphrase 42" -- session show "$id"
expect_rc 10 "three wrong passphrases on the terminal: exit 10"
expect_out_has "wrong passphrase (3 attempts)" "the refusal counts the attempts"
expect_out_lacks "$NOTE" "and nothing is shown"
expect_eq "$(grep -c 'Passphrase for the journal: ' <<<"$OUT")" "3" "asked three times, not four"
run --passphrase-file "$WRONG" session show "$id"
expect_err_lacks "attempts" "a passphrase file is tried once"

# ---- passphrase change: the new one's flag, its length, its audit event ------------------------
SHORT=$(secret_file short 'abc')
before=$(journal_hash)
run --passphrase-file "$NEW" passphrase change
expect_rc 2 "passphrase change with no new passphrase off a terminal is a usage error"
expect_err_has "--new-passphrase-file" "and names --new-passphrase-file"
run --passphrase-file "$NEW" passphrase change --new-passphrase-file "$SHORT"
expect_rc 3 "a 3-character new passphrase is refused"
expect_err_has "at least 8" "and says how long it must be"
expect_eq "$(journal_hash)" "$before" "neither changed the journal"
run --journal "$WORK/short.db" init --encrypt --passphrase-file "$SHORT"
expect_rc 3 "init --encrypt with a 3-character passphrase is refused"
check '[ ! -e "$WORK/short.db" ]' "and creates no journal"
on_pty "abc" "long enough now" "long enough now" -- --journal "$WORK/typed.db" init --encrypt
expect_rc 0 "init --encrypt on a terminal asks again after a short passphrase"
expect_out_has "at least 8 (" "and says why"
before=$(journal_hash)
on_pty "wrong 1" "wrong 2" "wrong 3" "second passphrase 42" -- \
    passphrase change --new-passphrase-file "$GOOD"
expect_rc 10 "passphrase change: three wrong current passphrases on the terminal: exit 10"
expect_out_has "wrong passphrase (3 attempts)" "passphrase change: the refusal counts them"
expect_eq "$(grep -c 'Current passphrase: ' <<<"$OUT")" "3" \
    "passphrase change asks three times, not four"
expect_eq "$(journal_hash)" "$before" "passphrase change refused: the journal is unchanged"
on_pty "wrong one" "second passphrase 42" -- passphrase change --new-passphrase-file "$GOOD"
expect_rc 0 "passphrase change asks the current passphrase again after a wrong one"
expect_out_has "does not unlock the journal (1 of 3 attempts)" \
    "passphrase change says the first was wrong, as every command does"
expect_eq "$(grep -c 'Current passphrase: ' <<<"$OUT")" "2" "and asked twice"
run audit list --format json
expect_json '.[-1] | [.action, .object]' '["passphrase.change","journal"]' \
    "passphrase change is audited"
check '! grep -q "plum-orchard\|second passphrase" <<<"$OUT"' "without either passphrase"
run --passphrase-file "$GOOD" audit verify
expect_rc 0 "and the chain verifies"

# ---- init --encrypt is refused while the journal holds a session, with or without a note ------
run --journal "$WORK/sessions.db" peer add P1
run --journal "$WORK/sessions.db" session add --peer P1 --support emotional --duration 5m
run --journal "$WORK/sessions.db" init --encrypt --passphrase-file "$GOOD"
expect_rc 9 "init --encrypt on a journal with a session without a note is refused"
expect_err_has "holds 1 session," "and says what blocks it"

finish

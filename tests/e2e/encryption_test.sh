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
# Override reasons are typed text too: sealed, so giving one needs the passphrase; the
# boundaries report and the audit trail say a rule was overridden, not why.
mkdir -p "$XDG_CONFIG_HOME/peerlog"
printf '[boundaries.severity]\ncontact_hours = "block"\n' >"$XDG_CONFIG_HOME/peerlog/config.toml"
run session add --peer P1 --support emotional --duration 20m --date 2026-11-17 --start 23:00 \
    --override "capybara crisis call"
expect_rc 10 "an override reason needs the passphrase"
run --passphrase-file "$GOOD" session add --peer P1 --support emotional --duration 20m \
    --date 2026-11-17 --start 23:00 --override "capybara crisis call"
expect_rc 0 "an override with the passphrase"
rm "$XDG_CONFIG_HOME/peerlog/config.toml"
expect_eq "$(sqlite3 "$JOURNAL" "SELECT typeof(override_reason) FROM session_flag WHERE \
    override_reason <> ''")" "blob" "an override reason is stored sealed"
run audit list
expect_out_has "overridden; the reason is sealed in the session" "the audit trail says it was overridden"
expect_out_lacks "capybara crisis" "and not why"
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
expect_err_has "holds 1 session;" "and says what blocks it"
expect_err_has "peerlog encrypt" "and names the command that encrypts it"

# ---- peerlog encrypt: a plain journal with distinctive text in every typed column -----------
P=$WORK/to-encrypt
mkdir -m 700 "$P"
J=$P/journal.db
pl() { run --journal "$J" "$@"; }
# Each distinctive word below is typed into one column; after encrypt none may be anywhere.
TEXTS="kq-referral kq-name kq-contact kq-note kq-purpose kq-dual kq-override kq-comment kq-goal
kq-checkin kq-recipient kq-consent-purpose kq-information kq-until kq-topics
kq-resource-contact kq-schedule kq-removal-reason"
pl peer add P1 --referred-by "kq-referral court" --name "kq-name Ruiz" --contact "kq-contact 555"
pl peer add P2
mkdir -p "$XDG_CONFIG_HOME/peerlog"
printf '[boundaries.severity]\ncontact_hours = "block"\n' >"$XDG_CONFIG_HOME/peerlog/config.toml"
pl session add --peer P1 --support emotional --duration 30m --start 23:00 --note "kq-note" \
    --disclosure "kq-purpose" --dual-relationship "kq-dual" --override "kq-override call"
expect_rc 0 "a session with every typed text"
first_session=$OUT
rm "$XDG_CONFIG_HOME/peerlog/config.toml"
pl session add --peer P2 --support affiliational --duration 45m
pl session review "$first_session" --by "Dr Lee" --comment "kq-comment"
pl goal add P1 --domain housing "kq-goal"
pl checkin add --stress 2 --energy 4 --note "kq-checkin"
pl consent add P1 --recipient "kq-recipient" --purpose "kq-consent-purpose" \
    --info "kq-information" --share contact,notes --signed 2026-11-01 --until "kq-until"
expect_rc 0 "a consent with every element typed"
run --journal "$J" export --week this --identified --recipient "kq-recipient" \
    --purpose "kq-consent-purpose"
expect_rc 0 "an identified export records a disclosure"
pl supervision add --date 2026-11-17 --duration 1h --supervisor "Dr Lee" --topics "kq-topics"
pl resource add "Harbor House" --category housing --contact "kq-resource-contact"
pl group add "Tuesday circle" --schedule "kq-schedule"
expect_rc 0 "a group with a schedule"
pl consent add P1 --recipient "the wrong clinic" --purpose care --info attendance \
    --share attendance --signed 2026-11-01 --expires 2027-11-01
pl consent rm 2 --reason "kq-removal-reason" --yes
expect_rc 0 "a consent recorded by mistake, deleted with its reason"
sqlite3 "$J" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
for text in $TEXTS; do
    grep -rqa -- "$text" "$P" && pass || fail "$text is in the plain journal (the test's premise)"
done
pl audit list --format json
events_before=$(jq length <<<"$OUT")
pl session list --format json
sessions_before=$OUT
# scan_for_texts WHAT [WORDS]: every file in the journal's directory, TMPDIR and the drafts holds
# none of WORDS (default $TEXTS).
scan_for_texts() {
    local hits=0 text
    for text in ${2:-$TEXTS}; do
        if grep -rqa -- "$text" "$P" "$TMPDIR" "$XDG_STATE_HOME" 2>/dev/null; then
            hits=$((hits + 1))
            printf '  %s found: %s\n' "$text" "$(grep -rla -- "$text" "$P" "$TMPDIR" "$XDG_STATE_HOME")" >&2
        fi
    done
    expect_eq "$hits" "0" "$1"
}

run --journal "$J" encrypt
expect_rc 2 "encrypt off a terminal without a passphrase file is a usage error"
expect_err_has "--passphrase-file" "and says how to give the new passphrase"
run --journal "$J" --passphrase-file "$SHORT" encrypt
expect_rc 3 "encrypt refuses a short passphrase"
run --journal "$J" --passphrase-file "$GOOD" encrypt
expect_rc 0 "peerlog encrypt on a journal with records"
expect_err_has "encrypted the journal $J: 21 values sealed in 9 records, 5 audit events redacted" \
    "encrypt says what it sealed and redacted"
expect_err_lacks "warning" "and wiped the old pages without a warning"
scan_for_texts "no typed text in the journal, its -wal/-shm, TMPDIR or the drafts after encrypt"
check '[ ! -s "$J-wal" ]' "the WAL is empty after encrypt"
expect_eq "$(sqlite3 "$J" 'PRAGMA freelist_count')" "0" "no free page keeps old bytes"
expect_eq "$(sqlite3 "$J" 'PRAGMA integrity_check')" "ok" "the journal passes integrity_check"
pl audit verify
expect_rc 0 "the audit chain verifies after encrypt"
expect_out_has "redacted: 5 events" "and counts the redacted events"
run --journal "$J" --passphrase-file "$GOOD" audit verify
expect_rc 0 "the keyed trail verifies with the passphrase after encrypt"
expect_out_has "keyed from event $((events_before + 1)): 11 MACs checked" \
    "keyed from the encrypt on: its audit.key, 9 record states and journal.encrypt events"
pl audit list --format json
expect_eq "$(jq length <<<"$OUT")" "$((events_before + 11))" \
    "encrypt appended 11 events: audit.key, one per record it rewrote, journal.encrypt"
expect_json ".[$events_before].action" '"audit.key"' "the trail is keyed from the encrypt"
expect_json "[.[$((events_before + 1)):-1][] | .action] | unique" '["journal.encrypt"]' \
    "each rewritten record gets a journal.encrypt event with its new state"
expect_json '.[-1] | [.action, .object]' '["journal.encrypt","journal"]' "a journal.encrypt event"

# ---- a tamperer after encrypt: the records and the keyed trail still catch them --------------
sqlite3 "$J" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
# tampered_copy NAME SQL: a copy of the encrypted journal with SQL applied; sets $copy.
tampered_copy() {
    copy="$WORK/$1.db"
    cp "$J" "$copy"
    sqlite3 "$copy" "$2"
}
tampered_copy minutes "UPDATE session SET minutes = 5 WHERE id = $first_session"
run --journal "$copy" audit verify
expect_rc 6 "a session changed with the shell after encrypt fails audit verify"
expect_err_has "session $first_session differs from its state at event" "naming it"
tampered_copy sealed-note "UPDATE session SET note = disclosure WHERE id = $first_session"
run --journal "$copy" audit verify
expect_rc 6 "a sealed value copied into another column after encrypt fails audit verify"
expect_err_has "session $first_session differs" "naming the row"
tampered_copy hidden "UPDATE audit_event SET summary = (SELECT summary FROM audit_event WHERE \
    action = 'consent.add'), redacted = 1 WHERE action = 'session.add'"
run --journal "$copy" audit verify
expect_rc 6 "an event marked sealed by hand fails audit verify"
expect_err_has "no event that quotes typed text" "and says it was edited"
cp "$J" "$WORK/rechained-after-encrypt.db"
python3 "$PEERLOG_SOURCE_DIR/tests/e2e/tools/rechain.py" "$WORK/rechained-after-encrypt.db" \
    "UPDATE session SET minutes = 5 WHERE id = $first_session" >/dev/null
run --journal "$WORK/rechained-after-encrypt.db" --passphrase-file "$GOOD" audit verify
expect_rc 6 "a chain recomputed after encrypt is caught with no published head"
expect_err_has "keyed MAC does not match" "by its keyed MACs"
pl session list --format json
expect_rc 0 "session list needs no passphrase after encrypt"
expect_eq "$OUT" "$sessions_before" "the same sessions with the same ids"
run --journal "$J" --passphrase-file "$GOOD" session show "$first_session"
expect_out_has "kq-note" "session show opens the note"
expect_out_has "overridden: kq-override call" "and the override reason"
expect_out_has "kq-comment" "and the review comment"
run --journal "$J" --passphrase-file "$GOOD" peer show P1 --identity
expect_out_has "Referred by:  kq-referral court" "peer show opens the referral source"
expect_out_has "kq-name Ruiz" "and the name"
run --journal "$J" --passphrase-file "$GOOD" consent show 1
expect_out_has "kq-recipient" "consent show opens the recipient"
expect_out_has "kq-until" "and the until-event"
run --journal "$J" --passphrase-file "$GOOD" audit disclosures --format json
expect_json '.[0] | [.recipient, .purpose, .peer_purposes[0]]' \
    '["kq-recipient","kq-consent-purpose","kq-consent-purpose"]' "the accounting opens the disclosure"
run --journal "$J" --passphrase-file "$GOOD" supervision list
expect_out_has "kq-topics" "supervision list opens the topics"
run --journal "$J" --passphrase-file "$GOOD" resource list
expect_out_has "kq-resource-contact" "resource list opens the contact"
run --journal "$J" --passphrase-file "$GOOD" group list
expect_out_has "kq-schedule" "group list opens the schedule"
run --journal "$J" --passphrase-file "$GOOD" export --week this --identified \
    --recipient "KQ-RECIPIENT"
expect_rc 0 "an identified export matches the sealed recipient, case-insensitively"
expect_out_has "kq-name Ruiz" "and discloses the consenting peer"
# What needs no passphrase still needs none, and shows no sealed text.
for listing in "peer list --all --format json" "session list" "report summary --week this" \
    "report boundaries --week this --format json" "report caseload --week this" \
    "report supervision --week this" "export --week this --format json" "audit list" \
    "checkin list" "referral list"; do
    pl $listing
    expect_rc 0 "$listing needs no passphrase after encrypt"
    expect_out_lacks "kq-" "$listing shows no sealed text"
done
pl peer list --all --format json
expect_json '.[] | select(.code == "P1") | .referred_by' '"(encrypted)"' \
    "peer list shows a sealed referral source as (encrypted)"
pl report boundaries --week this --format json
expect_json '.rules[0].flags[0].override_reason' '"(encrypted)"' \
    "report boundaries shows a sealed override reason as (encrypted)"
for needs in "consent list" "group list" "resource list" "supervision list" "peer show P1" \
    "audit disclosures"; do
    pl $needs
    expect_rc 10 "$needs asks for the passphrase after encrypt"
done

# ---- corrections after encrypt: each edit of a typed text seals it as its add does ----------
pe() { run --journal "$J" --passphrase-file "$GOOD" "$@"; }
EDITED="ke-goal-text ke-checkin-note ke-topics ke-resource-contact ke-schedule ke-session-note
ke-removal-reason"
pl goal edit 1 --text "ke-goal-text"
expect_rc 10 "goal edit --text needs the passphrase"
pl checkin edit 1 --note "ke-checkin-note"
expect_rc 10 "checkin edit --note needs the passphrase"
expect_err_has "sealed: only the journal's passphrase opens it" \
    "and keeps the note as a sealed draft, as checkin add does"
pl supervision edit 1 --duration 45m
expect_rc 10 "an edit without typed text needs the passphrase too (its event is keyed)"
pe goal edit 1 --text "ke-goal-text"
expect_rc 0 "goal edit --text"
pe checkin edit 1 --note "ke-checkin-note"
expect_rc 0 "checkin edit --note"
pe supervision edit 1 --topics "ke-topics"
expect_rc 0 "supervision edit --topics"
pe resource edit "Harbor House" --contact "ke-resource-contact"
expect_rc 0 "resource edit --contact"
pe group edit "Tuesday circle" --schedule "ke-schedule"
expect_rc 0 "group edit --schedule"
pe session edit "$first_session" --note "ke-session-note"
expect_rc 0 "session edit --note"
pe consent add P1 --recipient "another wrong clinic" --purpose care --info attendance \
    --share attendance --signed 2026-11-01 --expires 2027-11-01
pe consent rm 3 --reason "ke-removal-reason" --yes
expect_rc 0 "consent rm --reason in the encrypted journal"
# Edits of the other fields leave each sealed text as it is.
pe goal edit 1 --domain legal
pe checkin edit 1 --stress 1
pe supervision edit 1 --duration 45m
pe resource edit "Harbor House" --category shelter
pe group edit "Tuesday circle" --name "Tuesday group"
expect_rc 0 "edits of the fields beside the sealed texts"
scan_for_texts "no edited text in the journal's files (its -wal holding the edits) or drafts" \
    "$EDITED"
sqlite3 "$J" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
scan_for_texts "nor once the -wal is checkpointed into the journal" "$EDITED"
pl audit list
expect_out_lacks "ke-" "no edit's audit event quotes the typed text"
expect_out_has "deleted, recorded by mistake; the reason is sealed" "consent rm says the reason is sealed"
pl audit verify
expect_rc 0 "the chain verifies after the edits"
pe goal list
expect_out_has "ke-goal-text" "goal list shows the edited text"
pe checkin list --with-notes --format json
expect_json '.[0] | [.note, .stress]' '["ke-checkin-note",1]' "checkin list shows the edited note"
pe supervision list --format json
expect_json '.[0] | [.topics, .minutes]' '["ke-topics",45]' \
    "supervision list shows the edited topics, and the later duration kept them"
pe resource list
expect_out_has "ke-resource-contact" "resource list shows the edited contact"
expect_out_has "shelter" "and the category edited after it"
pe group list
expect_out_has "ke-schedule" "group list shows the edited schedule"
expect_out_has "Tuesday group" "under its new name"
pe session show "$first_session"
expect_out_has "ke-session-note" "session show shows the edited note"
run --journal "$J" --passphrase-file "$GOOD" encrypt
expect_rc 9 "encrypt on an encrypted journal with nothing in the clear: exit 9"
run --journal "$J" --passphrase-file "$GOOD" init --encrypt
expect_rc 9 "init --encrypt on it too"

# A record changed with the shell before encrypt: encrypt refuses to vouch for it.
T=$WORK/tampered-plain.db
run --journal "$T" peer add T1
run --journal "$T" session add --peer T1 --support emotional --duration 30m --note "kq-tampered"
sqlite3 "$T" "UPDATE session SET minutes = 5 WHERE id = 1"
run --journal "$T" --passphrase-file "$GOOD" encrypt
expect_rc 6 "encrypt refuses a journal whose record does not match its trail"
expect_err_has "session 1 differs from its state" "naming the record"
expect_eq "$(sqlite3 "$T" "SELECT (SELECT count(*) FROM journal_key) || ',' || typeof(note) FROM \
    session")" "0,text" "and leaves it plain, as it was"

# ---- the key record deleted or damaged: exit 6 for reads and writes, nothing saved ---------
cp "$J" "$WORK/keep.db"
for damage in "DELETE FROM journal_key" \
    "DELETE FROM journal_key; PRAGMA application_id = 1346718791" \
    "DELETE FROM journal_key; PRAGMA application_id = 1346718791; DELETE FROM audit_event WHERE action = 'journal.encrypt'" \
    "UPDATE journal_key SET wrapped_key = zeroblob(length(wrapped_key))" \
    "UPDATE journal_key SET salt = 'text'"; do
    cp "$WORK/keep.db" "$J"
    rm -f "$J-wal" "$J-shm"
    sqlite3 "$J" "$damage"
    before=$(cat "$J" "$J-wal" 2>/dev/null | sha256sum)
    for args in "session list" "session show $first_session" "peer list" "report summary --week this" \
        "export --week this" "audit list"; do
        run --journal "$J" --passphrase-file "$GOOD" $args
        expect_rc 6 "$damage: $args is refused (exit 6)"
        expect_out_lacks "kq-" "$damage: $args shows nothing"
    done
    run --journal "$J" --passphrase-file "$GOOD" session add --peer P1 --support emotional \
        --duration 10m --note "jq-written-in-the-clear?"
    expect_rc 6 "$damage: session add with a note is refused (exit 6)"
    expect_err_has "sealed: only the journal's passphrase opens it" \
        "$damage: the note is kept as a sealed draft (its draft key is still there)"
    run --journal "$J" peer add P9 --referred-by "jq-clear-referral"
    expect_rc 6 "$damage: peer add is refused (exit 6)"
    expect_err_has "key record" "$damage: the refusal names the key record"
    expect_eq "$(cat "$J" "$J-wal" 2>/dev/null | sha256sum)" "$before" "$damage: nothing was saved"
    check '! grep -rqa "jq-written-in-the-clear\|jq-clear-referral" "$P" "$TMPDIR"' \
        "$damage: the typed text is in no file of the journal's or TMPDIR"
done
cp "$WORK/keep.db" "$J"
rm -f "$J-wal" "$J-shm"

# ---- a wrong passphrase with a note: a sealed draft, never plaintext -----------------------
DRAFTS=$XDG_STATE_HOME/peerlog/drafts
rm -rf "$DRAFTS" # the drafts kept above, sealed; from here on each one is counted
run_with_input "hq-piped-note-wrong-passphrase" --journal "$J" --passphrase-file "$WRONG" \
    session add --peer P1 --support emotional --duration 20m --note -
expect_rc 10 "a wrong passphrase refuses the session"
expect_err_has "sealed: only the journal's passphrase opens it" "and keeps the note as a sealed draft"
draft=$(grep -o 'peerlog draft show [^`;)]*' <<<"$ERR" | head -n1 | cut -d' ' -f4)
check '[ -n "$draft" ] && [ -f "$DRAFTS/$draft.sealed" ]' "the sealed draft exists"
check '[ "$(stat -c %a "$DRAFTS/$draft.sealed")" = 600 ]' "and is private"
check '! grep -rqa "hq-piped" "$WORK"' "the note is in no file anywhere under the test's home"
run --journal "$J" draft list --format json
expect_rc 0 "draft list needs no passphrase"
expect_json '.[0] | [.kind, .peers, .sealed]' '["session note",["P1"],true]' \
    "draft list shows kind, peer and sealed, not the text"
expect_out_lacks "hq-piped" "draft list never shows the text"
run --journal "$J" draft show "$draft"
expect_rc 10 "draft show of a sealed draft needs the passphrase"
run --journal "$J" --passphrase-file "$WRONG" draft show "$draft"
expect_rc 10 "a wrong one does not open it"
run --journal "$J" --passphrase-file "$GOOD" draft show "$draft"
expect_rc 0 "the right passphrase opens the draft"
expect_eq "$OUT" "hq-piped-note-wrong-passphrase" "draft show prints the note as typed"
run --journal "$J" --passphrase-file "$GOOD" session add --peer P1 --support emotional \
    --duration 20m --note "$("$PEERLOG" --journal "$J" --passphrase-file "$GOOD" draft show "$draft")"
expect_rc 0 "the draft is given back as the message says"
# A refused command line keeps its note sealed too, about the peer it named.
run --journal "$J" session add --peer P2 --support emotional --note "hq-usage-error-note"
expect_rc 2 "a usage error (no --duration)"
expect_err_has "sealed: only the journal's passphrase opens it" "keeps the note sealed"
check '! grep -rqa "hq-usage-error" "$WORK"' "and in the clear nowhere"
# A check-in note and a review comment refused for a missing passphrase.
run --journal "$J" checkin add --stress 3 --energy 3 --note "hq-checkin-no-passphrase"
expect_rc 10 "a check-in note without the passphrase is refused"
run --journal "$J" session review "$first_session" --by "Dr Lee" --comment "hq-comment-no-passphrase"
expect_rc 10 "a review comment without the passphrase is refused"
check '! grep -rqa "hq-checkin-no\|hq-comment-no" "$WORK"' "neither is in the clear anywhere"
run --journal "$J" draft list --format json
expect_json 'map(.kind)' '["session note","session note","check-in note","review comment"]' \
    "four sealed drafts of three kinds"
expect_json 'map(.peers)' '[["P1"],["P2"],[],["P1"]]' "each about its peers"
# The editor does not open for a wrong passphrase: nothing is typed for nothing.
printf '#!/bin/sh\necho opened >"%s"\necho typed >>"$1"\n' "$WORK/editor-ran" >"$WORK/editor"
chmod 700 "$WORK/editor"
EDITOR="$WORK/editor" on_pty "wrong 1" "wrong 2" "wrong 3" -- --journal "$J" session add \
    --peer P1 --support emotional --duration 10m
expect_rc 10 "three wrong passphrases before the editor: exit 10"
check '[ ! -e "$WORK/editor-ran" ]' "and the editor never opened"
# peer forget deletes the peer's drafts and says how many.
run --journal "$J" --passphrase-file "$GOOD" peer forget P2 --dry-run
expect_out_has "; 1 draft deleted" "forget --dry-run counts the peer's draft"
run --journal "$J" --passphrase-file "$GOOD" peer forget P1 --yes
expect_rc 0 "peer forget"
expect_err_has "; 2 drafts deleted" "forget says how many drafts went"
run --journal "$J" draft list --format json
expect_json 'map(.peers)' '[["P2"],[]]' "the forgotten peer's drafts are gone, the others stay"
run --journal "$J" draft rm "$(jq -r '.[0].id' <<<"$OUT")"
expect_rc 2 "draft rm off a terminal needs --yes"
run --journal "$J" draft list --format json
run --journal "$J" draft rm "$(jq -r '.[0].id' <<<"$OUT")" --yes
expect_rc 0 "draft rm --yes deletes it"
run --journal "$J" draft list --format json
expect_json 'length' '1' "one draft left"
run --journal "$J" draft show "no-such-draft"
expect_rc 4 "draft show of an unknown id: exit 4"
run --journal "$J" draft list --format json
last=$(jq -r '.[0].id' <<<"$OUT")
run --journal "$J" draft rm "$last" --dry-run
expect_rc 0 "draft rm --dry-run"
expect_out_has "would delete 1 draft: $last" "says what it would delete"
check '[ "$(ls "$DRAFTS" | grep -c "^$last\.")" = 2 ]' "and deletes neither of its two files"
# An id is matched against the drafts listed, never used as a path: a typo or a path is unknown.
for wrong in "${last}x" "../drafts/$last" "$DRAFTS/$last.json"; do
    run --journal "$J" draft rm "$wrong" --yes
    expect_rc 4 "draft rm of '$wrong' is not found"
done
check '[ "$(ls "$DRAFTS" | grep -c "^$last\.")" = 2 ]' "and the draft is still whole"
run --journal "$J" draft rm "$last" --yes
expect_rc 0 "the last draft removed"
check '[ "$(ls "$DRAFTS" | grep -c "^$last\.")" = 0 ]' "its text and its .json are both gone"

finish

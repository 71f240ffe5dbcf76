# The audit trail end to end: every command that writes appends one event (never note text),
# `audit verify` passes on an intact chain and names the event after any tampering with the
# sqlite3 shell, and exports carry the head of the snapshot they were computed from.
source "$(dirname "$0")/lib.sh"

check() { if eval "$1"; then pass; else fail "$2"; fi; }
# events: the number of audit events. last_actions N: the actions of the newest N events.
events() { "$PEERLOG" audit list --format json </dev/null 2>/dev/null | jq length; }
last_actions() {
    "$PEERLOG" audit list --format json </dev/null 2>/dev/null | jq -r ".[-$1:] | map(.action) | join(\" \")"
}

# writes ACTIONS WHAT ARGS...: `peerlog ARGS` succeeds and appends exactly the events ACTIONS
# (space-separated, oldest first).
writes() {
    local actions=$1 what=$2 n before
    shift 2
    n=$(wc -w <<<"$actions")
    before=$(events)
    run "$@"
    expect_rc 0 "$what"
    expect_eq "$(($(events) - before))" "$n" "$what appends $n audit event(s)"
    expect_eq "$(last_actions "$n")" "$actions" "$what is audited as $actions"
}

run audit list
expect_rc 4 "audit list with no journal yet"

writes "peer.add" "peer add" peer add P1
writes "peer.add peer.identity" "peer add --name" peer add P2 --name "Sam Example"
writes "peer.edit" "peer edit --stage" peer edit P1 --stage early
writes "peer.identity" "peer edit --contact" peer edit P2 --contact "555-0199"
writes "peer.pause" "peer pause" peer pause P2
writes "peer.reopen" "peer reopen" peer reopen P2
# P1 and P2 were added today: a session dated before moves their `since` back (peer.edit).
writes "session.add peer.edit" "session add" session add --peer P1 --support emotional \
    --duration 45m --date 2026-11-10 --note "secret-walrus-note"
sid=$OUT
writes "session.edit" "session edit" session edit "$sid" --duration 1h
printf '[boundaries.severity]\ncontact_hours = "block"\n' >"$WORK/block.toml"
writes "session.add session.override peer.edit" "session add --override" \
    session add --peer P2 --support emotional --duration 30m --start 23:00 --date 2026-11-11 \
    --override "crisis call" --config "$WORK/block.toml"
writes "session.add" "a second session" session add --peer P2 --support emotional \
    --duration 30m --date 2026-11-12
writes "session.remove" "session rm" session rm "$OUT" --yes
writes "consent.add" "consent add" consent add P1 --recipient "Dr Lee" --purpose care \
    --info notes --share contact,attendance,support,notes --signed 2026-11-01 --expires 2027-11-01
writes "consent.revoke" "consent revoke" consent revoke "$OUT" --date 2026-11-18
writes "consent.add" "consent add" consent add P1 --recipient "Dr Lee" --purpose care \
    --info notes --share contact,attendance,support,notes --signed 2026-11-18 --expires 2027-11-01
writes "export" "export" export --week 2026-W46
writes "disclosure" "export --identified" export --week 2026-W46 --identified \
    --recipient "Dr Lee"
writes "peer.close" "peer close" peer close P2
printf 'code,stage\nP9,early\n' >"$WORK/peers.csv"
writes "peer.add" "import peers" import peers "$WORK/peers.csv"
writes "peer.add" "peer add P3" peer add P3
writes "peer.forget" "peer forget" peer forget P3 --yes
# The record: every write is audited by ids, dates and statuses, never its typed text.
writes "group.add" "group add" group add "Lantern Circle" --schedule "Thu 18:00"
writes "session.add" "group session add" session add --group "Lantern Circle" --attendee P1 \
    --unnamed 2 --support affiliational --duration 1h --date 2026-11-12
gid=$OUT
writes "goal.add" "goal add" goal add P1 --domain legal "hidden-heron-goal"
goal=$OUT
writes "goal.set" "goal set" goal set "$goal" --status progressing
writes "resource.add" "resource add" resource add "Harbor House" --category housing \
    --contact "555-0177"
writes "referral.add" "referral add" referral add P1 --resource "Harbor House" --date 2026-11-10
writes "referral.set" "referral set" referral set "$OUT" --status connected
writes "assessment.add" "assess add" assess add P1 --barc10 4,5,3,4,5,4,3,6,5,4 \
    --date 2026-11-01
writes "supervision.add" "supervision add" supervision add --date 2026-11-10 --duration 1h \
    --supervisor "Dr Okafor" --topics "quiet-quokka-topic"
writes "session.review session.review" "session review of two sessions" session review "$sid" \
    "$gid" --by "Dr Okafor" --comment "velvet-vole-comment"
writes "checkin.add" "checkin add" checkin add --stress 4 --energy 2 --note "amber-ant-note"
run audit list --format json
expect_json '[.[] | select(.action == "goal.set")][0].object' "\"goal $goal\"" \
    "goal set names the goal"
expect_json '[.[] | select(.action == "session.review")] | map(.object)' \
    "[\"session $sid\",\"session $gid\"]" "session review names each session"
expect_json '[.[] | select(.action == "checkin.add")][0].summary' '"2026-11-18, private"' \
    "checkin add says only its day and whether it is shared"

run audit list
expect_rc 0 "audit list"
expect_out_lacks "secret-walrus-note" "no event holds note text"
expect_out_lacks "Sam Example" "no event holds a name"
expect_out_lacks "555-0199" "no event holds a contact"
for text in hidden-heron-goal Lantern "Thu 18:00" Harbor 555-0177 Okafor quiet-quokka-topic \
    velvet-vole-comment amber-ant-note; do
    expect_out_lacks "$text" "no event holds the record's typed text ($text)"
done
run audit list --since 2099-01-01 --format json
expect_json 'length' '0' "audit list --since a future day lists nothing"
run audit list --format json
expect_json '[.[].id] == [range(1; length + 1)]' 'true' "event ids run 1, 2, 3, ..."
expect_json '.[0] | keys' '["action","at","hash","id","keyed","object","record_state","redacted","summary"]' "json event fields"
total=$(jq length "$WORK/out")
head_hash=$(jq -r '.[-1].hash' "$WORK/out")

run audit verify
expect_rc 0 "audit verify on an intact journal"
expect_out_has "ok: $total events, chain intact; head $total $head_hash" \
    "audit verify prints the number of events and the head"

# ---- tampering with the sqlite3 shell, each on a fresh copy ---------------------------------------
sqlite3 "$JOURNAL" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
# tampered NAME SQL: a copy of the journal with SQL applied; sets $copy.
tampered() {
    copy="$WORK/$1.db"
    cp "$JOURNAL" "$copy"
    sqlite3 "$copy" "$2"
}
# verify_fails EVENT WHAT: `audit verify` on $copy exits 6 and names EVENT.
verify_fails() {
    run --journal "$copy" audit verify
    expect_rc 6 "audit verify after $2"
    expect_err_has "at event $1" "audit verify names event $1 after $2"
}

tampered edited "UPDATE audit_event SET summary = 'nothing happened' WHERE id = 7"
verify_fails 7 "editing event 7's summary"
tampered edited-time "UPDATE audit_event SET at = '2020-01-01T00:00:00Z' WHERE id = 3"
verify_fails 3 "editing event 3's time"
tampered deleted "DELETE FROM audit_event WHERE id = 5"
verify_fails 6 "deleting event 5"
expect_err_has "missing" "and says the one before it is missing"
forged_id=$((total + 1))
tampered forged "INSERT INTO audit_event (id, at, action, object, summary, prev_hash, hash)
    VALUES ($forged_id, '2026-11-18T12:00:00Z', 'session.remove', 'session 1', 'deleted',
    '$head_hash', '$(printf '%064d' 7)')"
verify_fails "$forged_id" "inserting a forged event"
tampered swapped "CREATE TEMP TABLE t AS SELECT * FROM audit_event WHERE id IN (8, 9);
    UPDATE audit_event SET (action, object, summary) =
    (SELECT action, object, summary FROM t WHERE t.id = 17 - audit_event.id) WHERE id IN (8, 9)"
check '[ "$(sqlite3 "$copy" "SELECT action FROM audit_event WHERE id = 8")" != \
    "$(sqlite3 "$JOURNAL" "SELECT action FROM audit_event WHERE id = 8")" ]' \
    "the swap changed event 8"
verify_fails 8 "swapping the content of events 8 and 9"
tampered relinked "DELETE FROM audit_event WHERE id = 4;
    UPDATE audit_event SET id = id - 1 WHERE id > 4"
verify_fails 4 "deleting event 4 and renumbering the rest"

run audit verify
expect_rc 0 "the original journal still verifies"

# ---- audit_head in exports and reports ----------------------------------------------------------
# The head an export or report carries is the head of the snapshot it was computed from: every
# event before it, never its own (an export's event is appended once it is written). So two
# runs of a past week differ only in audit_head, and `jq 'del(.audit_head)'` diffs them.
head_now() {
    run audit verify
    sed -n 's/^ok: [0-9]* events, chain intact; head \([0-9]*\) .*/\1/p' <<<"$OUT"
}
head_before=$(head_now)
run export --week 2026-W46
expect_rc 0 "export --week 2026-W46"
cp "$WORK/out" "$WORK/export1.json"
expect_json '.audit_head | keys' '["hash","id"]' "the export carries audit_head"
expect_json '.audit_head.hash | test("^[0-9a-f]{64}$")' 'true' "its hash is 64 hex digits"
expect_json '.audit_head.id' "$head_before" "the head of the export's snapshot: not its own event"
run audit list --format json
expect_json "[.[] | select(.id == $head_before)][0].hash" "$(jq .audit_head.hash "$WORK/export1.json")" \
    "the head it carries is that event, hash and all"
expect_json "[.[] | select(.id == $((head_before + 1)))][0].action" '"export"' \
    "and the export's own event follows it"
run session add --peer P1 --support emotional --duration 30m --date 2026-11-18
run export --week 2026-W46
cp "$WORK/out" "$WORK/export2.json"
check 'cmp -s <(jq "del(.audit_head)" "$WORK/export1.json") <(jq "del(.audit_head)" "$WORK/export2.json")' \
    "two runs of export --week 2026-W46 differ only in audit_head (events in between)"
expect_eq "$(jq .audit_head.id "$WORK/export2.json")" "$((head_before + 2))" \
    "the second carries the events since: the first export's and the session's"
run export --week 2026-W46 --format ndjson
expect_json 'select(.type == "summary") | .audit_head.id' "$((head_before + 3))" \
    "the ndjson export carries its snapshot's head too"

# The Monday export of a week back-filled that same Monday: its sessions are anchored by the
# head, never id 0 (the rule of the head at the end of the period gave the genesis hash).
run session add --peer P1 --support emotional --duration 30m --date 2020-03-04
backfilled=$(head_now)
run export --week 2020-W10
expect_json '.totals.sessions' '1' "a week entered long after it ended"
expect_json '.audit_head.id' "$backfilled" "carries the head that includes its session"
run export --week 2020-W10 --suppress-below 11
expect_json '.audit_head.id' "$((backfilled + 1))" "a suppressed export's head is its snapshot's too"

# The same head in every time zone (the old rule compared UTC event times with local days).
heads=""
for zone in UTC Asia/Tokyo America/Los_Angeles Pacific/Kiritimati; do
    TZ=$zone run report summary --week 2026-W46 --format json
    heads+="$(jq -c .audit_head <<<"$OUT") "
done
expect_eq "$(tr ' ' '\n' <<<"$heads" | sort -u | grep -c .)" "1" "one head in four time zones"
expect_eq "$(jq .id <<<"${heads%% *}")" "$((backfilled + 2))" "report summary: the newest event"
run report summary --week 2026-W46
expect_out_has "Audit chain head: event $((backfilled + 2)) " "the report table has the head line"

# A journal with no event yet has no head: id 0 and the genesis hash in json, words in text.
run --journal "$WORK/empty.db" init
for format in table markdown; do
    run --journal "$WORK/empty.db" report summary --week 2026-W46 --format $format
    expect_out_has "Audit chain head: none yet (the audit trail has no event)" \
        "report summary ($format) says there is no head yet"
    expect_out_lacks "event 0" "and prints no event 0 ($format)"
    expect_out_lacks "0000000000000000" "nor a hash of zeros ($format)"
done
run --journal "$WORK/empty.db" report summary --week 2026-W46 --format html
expect_out_has "none yet (the audit trail has no event)" "the html says so too"
expect_out_lacks "0000000000000000" "with no hash of zeros"
run --journal "$WORK/empty.db" export --week 2026-W46 # appends the journal's first event
expect_json '.audit_head' '{"id":0,"hash":"'"$(printf '0%.0s' {1..64})"'"}' \
    "an export of a journal with no event has id 0 and the genesis hash"

finish

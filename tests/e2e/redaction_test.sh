# `peer forget` and `purge` leave no typed text about the peer in the audit trail: the summaries
# of its events are redacted (the chain still verifies, through their digests), the forget event
# names neither the code nor the internal id, and the old text is not in the journal's or the
# WAL's bytes (but for the accounting of disclosures, which keeps each disclosure's purpose). An
# emptied trail fails `audit verify`.
source "$(dirname "$0")/lib.sh"

check() { if eval "$1"; then pass; else fail "$2"; fi; }
# in_files TEXT: how many times TEXT is in the journal's and the WAL's bytes, as peerlog left them.
in_files() { cat "$JOURNAL" "$JOURNAL-wal" 2>/dev/null | LC_ALL=C grep -a -c -- "$1"; }

printf '[boundaries.severity]\ncontact_hours = "block"\n' >"$WORK/block.toml"
for peer in P01 P02; do
    run peer add $peer --name "Name of $peer" --since 2019-01-01
    run session add --peer $peer --support emotional --duration 30m --start 23:00 \
        --date 2026-11-17 --override "crisis call from Zebulon about $peer" --config "$WORK/block.toml"
    expect_rc 0 "an overridden session for $peer"
    run consent add $peer --recipient "Dr Lee" --purpose "housing plan Xanthippe $peer" \
        --info "notes" --share contact,attendance,support,notes --signed 2026-11-01 --expires 2027-11-01
    run goal add $peer --domain housing "a goal"
done
run export --week this --identified --recipient "Dr Lee" -o "$WORK/disclosed.json"
expect_rc 0 "a disclosure of both peers"
run audit list
expect_out_has "crisis call from Zebulon about P01" "the override reason is in the trail"
expect_out_has "housing plan Xanthippe P01" "and the consent's purpose"
check '[ "$(in_files "Zebulon about P01")" -ge 1 ]' "and in the journal's bytes"

run peer forget P01 --yes
expect_rc 0 "peer forget"
expect_err_has "audit events redacted" "says how many events it redacted"
run audit list
expect_out_lacks "Zebulon about P01" "the forgotten peer's override reason is gone from the trail"
expect_out_lacks "Xanthippe P01" "and its consent's purpose"
expect_out_has "crisis call from Zebulon about P02" "another peer's override reason stays"
expect_out_has "(redacted: peer forgotten)" "redacted events say so"
expect_eq "$(in_files "Zebulon about P01")" "0" "the override reason is not in the journal + WAL bytes"
# The consent's purpose was the purpose of a disclosure: the accounting of disclosures keeps it
# (HIPAA 164.528), with P01 as "a forgotten peer"; the trail's copy is redacted.
run audit disclosures --format json
expect_json '.[0].peer_purposes[0]' '"housing plan Xanthippe P01"' \
    "the accounting keeps the purpose the consent gave the disclosure"
expect_json '.[0].peers' '["a forgotten peer","P02"]' "without P01's code"
run audit list --format json
expect_json '[.[] | select(.action == "peer.forget") | .object]' '["a forgotten peer"]' \
    "the forget event names neither the code nor the internal id"
expect_json '[.[] | select(.action == "peer.forget") | .summary | test("#")]' '[false]' \
    "and no internal id"
expect_json '[.[] | select(.action == "peer.forget") | .summary | startswith("forgotten on request: 1 session, 1 consent, 1 goal")]' \
    '[true]' "and that it was on request"
redacted=$(jq '[.[] | select(.redacted)] | length' "$WORK/out")
# P01's peer.add, identity, session.add, override, consent.add and goal.add, and the disclosure.
expect_eq "$redacted" "7" "every event about P01 is redacted"
expect_json '[.[] | select(.redacted) | .summary] | unique' '["(redacted: peer forgotten)"]' \
    "with the marker"
expect_json '.[0] | keys' '["action","at","hash","id","keyed","object","record_state","redacted","summary"]' \
    "json event fields"

run audit verify
expect_rc 0 "audit verify passes after a forget"
expect_out_has "redacted: 7 events" "and reports the redacted events"

# ---- a redacted event is still tamper-evident ---------------------------------------------------
sqlite3 "$JOURNAL" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
first=$(sqlite3 "$JOURNAL" "SELECT min(id) FROM audit_event WHERE redacted = 1")
tampered() {
    copy="$WORK/$1.db"
    cp "$JOURNAL" "$copy"
    sqlite3 "$copy" "$2"
    run --journal "$copy" audit verify
}
tampered edited-object "UPDATE audit_event SET object = 'peer #9' WHERE id = $first"
expect_rc 6 "editing a redacted event's object fails verify"
expect_err_has "at event $first" "and names it"
tampered summary "UPDATE audit_event SET summary = 'nothing to see' WHERE id = $first"
expect_rc 6 "changing a redacted event's summary fails verify"
tampered unmarked "UPDATE audit_event SET redacted = 0 WHERE id = $first"
expect_rc 6 "taking the redacted mark off fails verify"
# An event's subject peer is hashed too: taken off P02's override, a later forget of P02 would
# leave its reason in the trail, so verify must fail at it.
override=$(sqlite3 "$JOURNAL" "SELECT id FROM audit_event WHERE summary LIKE '%Zebulon about P02%'")
tampered subject-nulled "UPDATE audit_event SET subject_peer_id = NULL WHERE id = $override"
expect_rc 6 "nulling an event's subject peer fails verify"
expect_err_has "tampered with at event $override: its content no longer matches its hash" \
    "and names the event"
tampered subject-changed "UPDATE audit_event SET subject_peer_id = 99 WHERE id = $override"
expect_rc 6 "changing an event's subject peer fails verify"
expect_err_has "at event $override" "and names it"
tampered subject-of-redacted "UPDATE audit_event SET subject_peer_id = NULL WHERE id = $first"
expect_rc 6 "nulling a redacted event's subject peer fails verify too"
tampered by-hand "UPDATE audit_event SET redacted = 1, summary = '(redacted: peer forgotten)'
    WHERE action = 'peer.add' AND redacted = 0"
expect_rc 6 "an intact event redacted by hand is caught: no forget accounts for it"
expect_err_has "events were marked redacted outside peerlog" "and verify says so"

# ---- an emptied trail ---------------------------------------------------------------------------
tampered emptied "DELETE FROM audit_event"
expect_rc 6 "audit verify of an emptied trail while the journal holds peers and sessions"
expect_err_has "peer #2 is stored but no audit event records it" "names each record it still holds"
expect_err_lacks "at event" "names no event when there is none to name"
check '[[ "$ERR" == *"tampered with"*"compare its head"* ]]' \
    "the error line comes first, the hint about the head after it"
run --journal "$WORK/new.db" init
run --journal "$WORK/new.db" audit verify
expect_rc 0 "a new journal's empty trail verifies"
OUT=$("$PEERLOG" audit verify </dev/null 2>&1)
check '[[ "$OUT" == "ok: "*"compare the head"* ]]' "the result comes before the hint, merged"
check '[[ "$OUT" == *"a later head is normal"*"an earlier one (a lower event id), or the same id with a different hash, means events were cut off or rewritten."* ]]' \
    "the hint says a later head is normal, an earlier or rewritten one is not"
check '[[ "$OUT" != *"different or earlier head"* ]]' "not that any different head means a cut"

# ---- purge says it was by retention ---------------------------------------------------------------
run peer close P02 --date 2019-06-01
run purge --closed-before 2020-01-01 --yes
expect_rc 0 "purge"
run audit list --format json
expect_json '.[-1] | [.action, .object]' '["peer.forget","a forgotten peer"]' "purge appends a forget event"
expect_json '.[-1].summary | startswith("purged by retention (closed before 2020-01-01): ")' \
    'true' "that says it was purged by retention"
expect_out_lacks "Zebulon" "no override reason is left"
expect_out_lacks "Xanthippe" "nor a consent's purpose"
expect_eq "$(in_files Zebulon)" "0" "nor in the journal's bytes"
run audit verify
expect_rc 0 "the chain verifies after the purge"


# ---- a group session the forgotten peer attended --------------------------------------------------
# Its events have no one peer as their subject, so all of them are redacted (privacy first); a
# group session the peer did not attend keeps its events. (The group session itself stays, with
# its flags and other attendees: only the trail's copy of the reason goes.)
JOURNAL="$WORK/group.db"
export PEERLOG_JOURNAL="$JOURNAL"
run group add Circle
for peer in P01 P02; do
    run peer add $peer --since 2019-01-01
done
run session add --group Circle --attendee P01,P02 --support affiliational --duration 1h \
    --start 23:00 --date 2026-11-17 --override "crisis about P01 Zebulon" --config "$WORK/block.toml"
expect_rc 0 "an overridden group session P01 attended"
run session add --group Circle --attendee P02 --support affiliational --duration 1h \
    --start 23:00 --date 2026-11-16 --override "storm cut the lights Quentin" --config "$WORK/block.toml"
expect_rc 0 "an overridden group session P01 did not attend"
run audit list
expect_out_has "rule contact_hours overridden: crisis about P01 Zebulon" \
    "the group session's override reason is in the trail"
run peer forget P01 --yes
expect_rc 0 "peer forget of a group session's attendee"
run audit list
expect_out_lacks "Zebulon" "the override reason of a group session the peer attended is redacted"
expect_out_has "rule contact_hours overridden: storm cut the lights Quentin" \
    "that of a group session the peer did not attend stays"
run session list --format json
expect_json '[.[] | .attendees]' '[["P02"],["P02"]]' "both group sessions stay, with P02"
run audit verify
expect_rc 0 "the chain verifies after redacting a group session's events"

finish

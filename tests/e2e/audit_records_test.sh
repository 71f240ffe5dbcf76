# The audit trail vouches for the records (issue 12): a record of any kind changed, deleted or
# added with the sqlite3 shell fails `audit verify` naming it; a chain rewritten and recomputed
# (tests/e2e/tools/rechain.py) or cut off is caught by a published head (--against, --head);
# an emptied trail always fails; an encrypted journal's keyed trail cannot be recomputed
# without the passphrase.
source "$(dirname "$0")/lib.sh"

check() { if eval "$1"; then pass; else fail "$2"; fi; }
RECHAIN="$PEERLOG_SOURCE_DIR/tests/e2e/tools/rechain.py"
REAL_TODAY=$(date -u +%F)

# One record of every kind, each written by peerlog.
run peer add P1 --name "Sam Example"
run peer add P2
run session add --peer P1 --support emotional --duration 45m --date 2026-11-10
run session add --peer P2 --support emotional --duration 30m --date 2026-11-11
run group add "Lantern Circle"
run session add --group "Lantern Circle" --attendee P1 --attendee P2 --unnamed 2 \
    --support affiliational --duration 1h --date 2026-11-12
run consent add P1 --recipient "Dr Lee" --purpose care --info notes --share attendance,notes \
    --signed 2026-11-01 \
    --expires 2027-11-01
run goal add P1 --domain legal "a goal"
run resource add "Harbor House" --category housing
run referral add P1 --resource "Harbor House" --date 2026-11-10
run assess add P1 --barc10 4,5,3,4,5,4,3,6,5,4 --date 2026-11-01
run supervision add --date 2026-11-10 --duration 1h --supervisor "Dr Okafor"
run checkin add --stress 4 --energy 2
run export --week 2026-W46 --identified --recipient "Dr Lee"
expect_rc 0 "the records are written"

run audit verify
expect_rc 0 "audit verify on a journal peerlog wrote"
expect_out_has "records: 14 stored, each as its latest event left it" \
    "audit verify compares every record with its latest event"
sqlite3 "$JOURNAL" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null

# tampered NAME SQL: a copy of the journal with SQL applied (foreign keys off, as the shell has
# them); sets $copy.
tampered() {
    copy="$WORK/$1.db"
    cp "$JOURNAL" "$copy"
    sqlite3 "$copy" "$2"
}
# caught OBJECT WHAT: `audit verify` on $copy exits 6 and names OBJECT.
caught() {
    run --journal "$copy" audit verify
    expect_rc 6 "audit verify after $2"
    expect_err_has "$1 " "audit verify names $1 after $2"
}

# ---- the issue's own reproductions ----------------------------------------------------------------
tampered minutes "UPDATE session SET minutes = 5 WHERE id = 1"
caught "session 1" "UPDATE session SET minutes=5"
expect_err_has "session 1 differs from its state at event" "and says it was changed"
tampered removed "DELETE FROM session WHERE id = 3"
caught "session 3" "DELETE FROM session WHERE id=3"
expect_err_has "deleted outside peerlog" "and says it was deleted"

# ---- every kind: an UPDATE, a DELETE and an INSERT --------------------------------------------------
# kind TABLE OBJECT_PREFIX SET_CLAUSE INSERT_SQL (the INSERT makes row id 90)
kind() {
    local table=$1 prefix=$2 set=$3 insert=$4
    tampered "$table-update" "UPDATE $table SET $set WHERE id = 1"
    caught "${prefix}1" "an UPDATE of $table"
    tampered "$table-delete" "DELETE FROM $table WHERE id = 1"
    caught "${prefix}1" "a DELETE from $table"
    tampered "$table-insert" "$insert"
    caught "${prefix}90" "an INSERT into $table"
    expect_err_has "${prefix}90 is stored but no audit event records it" "(added outside peerlog)"
}
kind peer "peer #" "stage = 'late'" \
    "INSERT INTO peer (id, code, since, created_at, updated_at) VALUES (90, 'X9', '2026-01-01', 'x', 'x')"
kind session "session " "setting = 'community'" \
    "INSERT INTO session (id, peer_id, date, minutes, modality, setting, support_mask, created_at,
     updated_at) VALUES (90, 1, '2026-11-01', 30, 'phone', 'office', 1, 'x', 'x')"
kind consent "consent " "purpose = 'anything'" \
    "INSERT INTO consent (id, peer_id, recipient, purpose, information, signed_on, effective_on,
     expires_on, created_at) VALUES (90, 1, 'r', 'p', 'i', '2026-01-01', '2026-01-01', '2027-01-01', 'x')"
kind goal "goal " "status = 'achieved'" \
    "INSERT INTO goal (id, peer_id, domain, text, opened_on, status_on, created_at, updated_at)
     VALUES (90, 1, 'legal', 't', '2026-01-01', '2026-01-01', 'x', 'x')"
kind referral "referral " "status = 'declined'" \
    "INSERT INTO referral (id, peer_id, resource_id, date, status_on, created_at, updated_at)
     VALUES (90, 1, 1, '2026-01-01', '2026-01-01', 'x', 'x')"
kind assessment "assessment " "item_3 = 6" \
    "INSERT INTO assessment (id, peer_id, date, item_1, item_2, item_3, item_4, item_5, item_6,
     item_7, item_8, item_9, item_10, created_at) VALUES (90, 1, '2026-01-01', 1, 1, 1, 1, 1, 1,
     1, 1, 1, 1, 'x')"
kind checkin "checkin " "needs_support = 1" \
    "INSERT INTO checkin (id, date, stress, energy, created_at) VALUES (90, '2026-01-01', 1, 1, 'x')"
kind supervision "supervision " "minutes = 5" \
    "INSERT INTO supervision (id, date, minutes, supervisor, created_at) VALUES (90, '2026-01-01', 60, 's', 'x')"
kind peer_group "group " "schedule = 'Mondays'" \
    "INSERT INTO peer_group (id, name, created_at) VALUES (90, 'g', 'x')"
kind resource "resource " "category = 'legal'" \
    "INSERT INTO resource (id, name, category, created_at) VALUES (90, 'r', 'c', 'x')"
kind disclosure "disclosure " "recipient = 'Someone Else'" \
    "INSERT INTO disclosure (id, at, recipient, purpose, information, period_from, period_to)
     VALUES (90, 'x', 'r', 'p', 'i', '2026-01-01', '2026-01-02')"
tampered attendee "DELETE FROM session_attendee WHERE session_id = 3 AND peer_id = 2"
caught "session 3" "taking an attendee off a group session"
tampered cosign "INSERT INTO session_review (id, session_id, reviewer, reviewed_on, created_at)
    VALUES (9, 1, 'Dr Okafor', '2026-11-18', 'x')"
caught "session 1" "forging a supervisor's co-sign"

# ---- an emptied trail, however emptied --------------------------------------------------------------
tampered emptied "DELETE FROM audit_event"
caught "peer #1" "DELETE FROM audit_event"
tampered emptied-flag "CREATE TABLE audit_baseline (unaudited_history INTEGER); INSERT INTO
    audit_baseline VALUES (1); DELETE FROM audit_event"
caught "session 1" "an old baseline flag set and the events deleted"
tampered emptied-all "DELETE FROM audit_event; DELETE FROM session_attendee; DELETE FROM
    session_goal; DELETE FROM session_flag; DELETE FROM session_review; DELETE FROM session;
    DELETE FROM consent; DELETE FROM goal; DELETE FROM referral; DELETE FROM assessment;
    DELETE FROM disclosure_peer; DELETE FROM disclosure; DELETE FROM peer_identity; DELETE FROM
    peer; DELETE FROM checkin; DELETE FROM supervision; DELETE FROM peer_group; DELETE FROM resource"
run --journal "$copy" audit verify
expect_rc 6 "every record and event deleted, the ids given kept"
expect_err_has "ids up to" "and says ids were given"

# ---- peerlog's own changes verify ----------------------------------------------------------------
run session edit 1 --duration 50m
run session rm 2 --yes
run peer edit P1 --stage late --name "Another Name"
run session review 1 3 --by "Dr Okafor"
run peer forget P2 --yes
expect_rc 0 "peer forget"
run audit verify
expect_rc 0 "edits, a removal, a review and a forget verify"
run peer close P1 --date 2026-11-18
PEERLOG_TODAY=2027-06-01 run purge --closed-before 2027-01-01 --yes
expect_rc 0 "purge"
run audit verify
expect_rc 0 "a purge verifies"
expect_out_has "records: 6 stored" "the group, resource, supervision, check-in, group session and the accounting's disclosure stay"

# ---- published heads ---------------------------------------------------------------------------
run peer add P3
run session add --peer P3 --support emotional --duration 40m --date 2026-11-12
PEERLOG_TODAY=$REAL_TODAY run export --from "$REAL_TODAY" --to "$REAL_TODAY" -o "$WORK/published.json"
expect_rc 0 "an export publishes the head"
published_id=$(jq .audit_head.id "$WORK/published.json")
published_hash=$(jq -r .audit_head.hash "$WORK/published.json")
run session add --peer P3 --support emotional --duration 20m --date 2026-11-13
run audit verify --against "$WORK/published.json" --head "$published_id:$published_hash"
expect_rc 0 "the published head is in the chain (a later head is normal)"
expect_out_has "published head event $published_id is in the chain" "and verify says so"
sqlite3 "$JOURNAL" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null

# A chain rewritten and recomputed: a shell edit, the record states and hashes recomputed.
cp "$JOURNAL" "$WORK/rechained.db"
python3 "$RECHAIN" "$WORK/rechained.db" "UPDATE session SET minutes = 5 WHERE id = 4" >/dev/null
run --journal "$WORK/rechained.db" audit verify
expect_rc 0 "a recomputed plain chain passes on its own (whoever can write the file can rewrite it)"
run --journal "$WORK/rechained.db" audit verify --against "$WORK/published.json"
expect_rc 6 "the recomputed chain is caught by --against an earlier export"
expect_err_has "event $published_id is not the one published" "naming the published event"
expect_err_has "rewritten since" "and saying the chain was rewritten"
run --journal "$WORK/rechained.db" audit verify --head "$published_id:$published_hash"
expect_rc 6 "the recomputed chain is caught by --head"

# A tail cut off: the last events and the record they added.
cp "$JOURNAL" "$WORK/cut.db"
# The published head is the snapshot's (P3's first session, the event before the export's own):
# cut from P3's peer add on, with the records those events added.
sqlite3 "$WORK/cut.db" "DELETE FROM audit_event WHERE id >= (SELECT max(id) FROM audit_event WHERE action = 'peer.add');
    DELETE FROM session WHERE peer_id = (SELECT id FROM peer WHERE code = 'P3');
    DELETE FROM peer WHERE code = 'P3'"
run --journal "$WORK/cut.db" audit verify
expect_rc 0 "a cut tail passes on its own"
run --journal "$WORK/cut.db" audit verify --against "$WORK/published.json"
expect_rc 6 "a cut tail is caught by --against"
expect_err_has "cut off" "and said to be cut off"

# Every output carries its snapshot's head (never its own event): --against takes each.
n=0
for output in "export --format json" "report summary --format json" \
    "report summary --format markdown" "report summary --format table" \
    "report summary --format html" "export --format ndjson"; do
    n=$((n + 1))
    head_before=$(sqlite3 "$JOURNAL" 'SELECT max(id) FROM audit_event')
    PEERLOG_TODAY=$REAL_TODAY run $output --from "$REAL_TODAY" --to "$REAL_TODAY" -o "$WORK/out-$n"
    expect_rc 0 "$output -o"
    run audit verify --against "$WORK/out-$n"
    expect_rc 0 "--against the output of $output"
    expect_out_has "published head event $head_before is in the chain" \
        "its head is the last event before it ($output)"
done
run audit verify --head "12:abc"
expect_rc 2 "a malformed --head is a usage error"
printf 'no head here\n' >"$WORK/plain.txt"
run audit verify --against "$WORK/plain.txt"
expect_rc 3 "a file with no audit head is refused"
run audit verify --against "$WORK/missing.json"
expect_rc 4 "a missing --against file is not found"

# ---- an encrypted journal: the trail is keyed -------------------------------------------------------
secret() { printf '%s\n' "$2" >"$WORK/$1" && chmod 600 "$WORK/$1" && echo "$WORK/$1"; }
KEY=$(secret key 'plum-orchard-7 passphrase')
export PEERLOG_JOURNAL="$WORK/enc.db"
run init --encrypt --passphrase-file "$KEY"
run --passphrase-file "$KEY" peer add E1
run --passphrase-file "$KEY" session add --peer E1 --support emotional --duration 30m --date 2026-11-10
expect_rc 0 "records of an encrypted journal, written with the passphrase"
run session add --peer E1 --support emotional --duration 30m --date 2026-11-11
expect_rc 10 "a change to a record of an encrypted journal needs the passphrase"
PEERLOG_TODAY=$REAL_TODAY run export --from "$REAL_TODAY" --to "$REAL_TODAY" -o "$WORK/enc-export.json"
expect_rc 0 "a de-identified export needs none"
run --passphrase-file "$KEY" audit verify
expect_rc 0 "the keyed trail verifies with the passphrase"
# audit.key, journal.encrypt, peer.add, session.add and the peer.edit moving its start back
expect_out_has "keyed from event 1: 5 MACs checked" "and its MACs are checked"
run audit verify
expect_rc 0 "without the passphrase verify checks the rest"
expect_err_has "keyed MACs were not checked" "and says what it could not check"
sqlite3 "$PEERLOG_JOURNAL" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
cp "$PEERLOG_JOURNAL" "$WORK/enc-rechained.db"
python3 "$RECHAIN" "$WORK/enc-rechained.db" "UPDATE session SET minutes = 5 WHERE id = 1" >/dev/null
run --journal "$WORK/enc-rechained.db" --passphrase-file "$KEY" audit verify
expect_rc 6 "a recomputed chain of an encrypted journal is caught with no published head"
expect_err_has "keyed MAC does not match" "by its keyed MACs"
unset PEERLOG_JOURNAL

finish

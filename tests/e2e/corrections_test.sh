# Corrections of every record kind: edit and rm of goals, referrals, BARC-10s, supervision,
# check-ins, resources and groups, and consent rm; each audited (audit verify passes after it,
# and fails after a sqlite3 tamper of the corrected record), each rm with --dry-run and --yes.
source "$(dirname "$0")/lib.sh"

verified() {
    run audit verify
    expect_rc 0 "audit verify passes after $1"
}

run peer add P1
run peer add P2
run group add "Tuesday Support" --schedule "Tue 18:00"
run resource add "Food Bank" --category food
run resource add "Shelter" --category housing
run goal add P1 --domain housing "find a flat" --date 2026-11-01
goal=$OUT
run referral add P1 --resource "Food Bank" --date 2026-11-10
referral=$OUT
run assess add P1 --barc10 4,4,4,4,4,4,4,4,4,4 --date 2026-11-02
assessment=$OUT
run supervision add --date 2026-11-05 --duration 1h --supervisor "Dr. Lee"
meeting=$OUT
run checkin add --stress 4 --energy 2 --note "tired" --date 2026-11-16
checkin=$OUT
run consent add P1 --recipient "Clinic" --purpose care --info "attendance" --share attendance --signed 2026-11-01 --expires 2027-11-01
consent=$OUT

# ---- goal ----
run goal edit "$goal" --text "find a flat near work" --domain housing --target 2027-02-28
expect_rc 0 "goal edit"
run goal list P1 --format json
expect_json ".[0] | [.text, .target]" '["find a flat near work","2027-02-28"]' "the goal is corrected"
verified "goal edit"
run goal edit "$goal"
expect_rc 2 "goal edit with no flag is a usage error"
expect_err_has "nothing to change" "and says so"
run goal edit 999 --text x
expect_rc 4 "goal edit of an unknown id"
run goal edit "$goal" --date 2026-12-01
expect_rc 3 "a goal set after today is refused"
run goal edit "$goal" --domain money
expect_rc 3 "a typo in the domain is refused"
run goal edit "$goal" --target 2026-10-01
expect_rc 3 "a target before the goal was set is refused"
run goal edit "$goal" --target none
expect_rc 0 "--target none clears it"
run goal list P1 --format json
expect_json ".[0].target" 'null' "the target is cleared"

run session add --group "Tuesday Support" --attendee P1,P2 --support affiliational --duration 1h --note "circle" --goal "$goal" --date 2026-11-17
group_session=$OUT
run goal rm "$goal" --yes
expect_rc 9 "a goal a session addressed cannot be deleted"
expect_err_has "session $group_session" "the refusal names the session"
run session edit "$group_session" --goal none
expect_rc 0 "session edit --goal none takes the goals off"
run session show "$group_session" --format json
expect_json '.goals' '[]' "no goals left on the session"
verified "session edit --goal none"
before=$(journal_hash)
run goal rm "$goal" --dry-run
expect_rc 0 "goal rm --dry-run"
expect_out_has "would delete goal $goal of P1" "says what it would delete"
expect_eq "$(journal_hash)" "$before" "--dry-run writes nothing"
run goal rm "$goal"
expect_rc 2 "goal rm off a terminal without --yes is refused"
run goal rm "$goal" --yes
expect_rc 0 "goal rm --yes"
run goal list P1 --format json
expect_json 'length' '0' "the goal is gone"
verified "goal rm"
run goal rm "$goal" --yes
expect_rc 4 "a deleted goal is not found again"
run goal add P1 --domain health "walk"
expect_eq "$OUT" "$((goal + 1))" "a new goal does not reuse the deleted id"

# ---- session edit: attendees, unnamed, goals, follow-up ----
run session edit "$group_session" --attendee P2 --unnamed 4
expect_rc 0 "session edit --attendee --unnamed"
run session show "$group_session" --format json
expect_json '[.attendees, .unnamed]' '[["P2"],4]' "attendees and unnamed are replaced"
verified "session edit --attendee"
run goal add P2 --domain employment "a job"
p2_goal=$OUT
run session edit "$group_session" --goal "$p2_goal"
expect_rc 0 "session edit --goal"
run session show "$group_session" --format json
expect_json '.goals' "[$p2_goal]" "the goal is linked"
run session edit "$group_session" --attendee P1
expect_rc 9 "taking off the attendee whose goal the session addressed is refused"
run session edit "$group_session" --attendee NOBODY
expect_rc 4 "an unknown attendee is not found"
run session edit "$group_session" --goal abc
expect_rc 2 "a goal id that is no number is a usage error"
run session add --peer P1 --support emotional --duration 30m --note one --date 2026-11-10 --follow-up +1w
one=$OUT
run session show "$one" --format json
expect_json '.follow_up' '"2026-11-17"' "a relative --follow-up counts from the session's date (add)"
run session edit "$one" --date 2026-11-03 --follow-up +2w
run session show "$one" --format json
expect_json '.follow_up' '"2026-11-17"' "and from the edited session's date (edit)"
run session edit "$one" --attendee P2
expect_rc 9 "a one-on-one session has no attendees"

# ---- referral ----
run referral edit "$referral" --resource Shelter --date 2026-11-09
expect_rc 0 "referral edit"
run referral list P1 --format json
expect_json ".[0] | [.resource, .date]" '["Shelter","2026-11-09"]' "the referral is corrected"
verified "referral edit"
run referral edit "$referral" --resource "Nowhere"
expect_rc 4 "an unknown resource is not found"
run referral edit "$referral" --date 2026-11-19
expect_rc 3 "a referral made after today is refused"
run referral set "$referral" --status connected --date 2026-11-12
run referral edit "$referral" --date 2026-11-13
expect_rc 3 "a referral cannot be made after its status changed"
run resource rm Shelter --yes
expect_rc 9 "a resource a referral points to cannot be deleted"
expect_err_has "referral $referral" "the refusal names the referral"
before=$(journal_hash)
run referral rm "$referral" -n
expect_out_has "would delete referral $referral of P1 to Shelter" "referral rm --dry-run"
expect_eq "$(journal_hash)" "$before" "referral rm --dry-run writes nothing"
run referral rm "$referral" --yes
expect_rc 0 "referral rm"
verified "referral rm"

# ---- resource ----
run resource edit "food bank" --name "Food Pantry" --contact "555-0100"
expect_rc 0 "resource edit (names ignore case)"
run resource list --format json
expect_out_has "Food Pantry" "the resource is renamed"
verified "resource edit"
run resource edit "Food Pantry" --name shelter
expect_rc 9 "renaming to another resource's name is a conflict"
run resource edit "Food Pantry"
expect_rc 2 "resource edit with no flag"
run resource rm "Nope" --yes
expect_rc 4 "resource rm of an unknown name"
run resource rm Shelter --yes
expect_rc 0 "resource rm once no referral points to it"
verified "resource rm"

# ---- assessment ----
run assess edit "$assessment" --barc10 5,5,5,5,5,5,5,5,5,5
expect_rc 0 "assess edit"
expect_err_has "total 50" "says the new total"
run assess list P1 --format json
expect_out_has "50" "the total is corrected"
verified "assess edit"
run assess edit "$assessment" --barc10 5,5,5
expect_rc 3 "nine items short is refused"
run assess rm "$assessment" --yes
expect_rc 0 "assess rm"
verified "assess rm"

# ---- supervision ----
run supervision edit "$meeting" --duration 90m --format group --topics "boundaries"
expect_rc 0 "supervision edit"
run supervision list --format json
expect_out_has "90" "the minutes are corrected"
verified "supervision edit"
run supervision edit "$meeting" --duration 0
expect_rc 3 "a zero duration is refused"
run supervision rm "$meeting" --dry-run
expect_out_has "would delete supervision meeting $meeting" "supervision rm --dry-run"
run supervision rm "$meeting" --yes
expect_rc 0 "supervision rm"
verified "supervision rm"
run supervision add --date 2026-11-06 --duration 1h --supervisor "Dr. Lee"
expect_eq "$OUT" "$((meeting + 1))" "a new meeting does not reuse the deleted id"

# ---- check-in ----
run checkin edit "$checkin" --stress 2 --share --note "rested now"
expect_rc 0 "checkin edit"
run checkin list --with-notes --format json
expect_out_has "rested now" "the note is corrected"
verified "checkin edit"
run checkin edit "$checkin" --stress 9
expect_rc 3 "stress 9 is refused"
run checkin edit "$checkin" --share --private
expect_rc 2 "--share and --private exclude each other"
run checkin rm "$checkin" --yes
expect_rc 0 "checkin rm"
verified "checkin rm"

# ---- group ----
run group edit "Tuesday Support" --name "Tuesday Circle" --schedule none
expect_rc 0 "group edit"
run group show "Tuesday Circle" --format json
expect_out_has "Tuesday Circle" "the group is renamed"
verified "group edit"
run group rm "Tuesday Circle" --yes
expect_rc 9 "a group with sessions cannot be deleted"
expect_err_has "session $group_session" "the refusal names its session"
run group add "Empty"
run group rm "Empty" --dry-run
expect_out_has "would delete group 'Empty'" "group rm --dry-run"
run group rm "Empty" --yes
expect_rc 0 "group rm"
verified "group rm"

# ---- consent ----
run consent rm "$consent" --yes
expect_rc 2 "consent rm needs --reason"
run consent rm "$consent" --reason "entered for the wrong peer" --dry-run
expect_out_has "would delete consent $consent of P1" "consent rm --dry-run"
expect_eq "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM consent_removal")" "0" \
    "consent rm --dry-run keeps no reason"
run consent rm "$consent" --reason "entered for the wrong peer" --yes
expect_rc 0 "consent rm"
run audit list --format json
expect_out_has "entered for the wrong peer" "the reason is in the audit trail of a plain journal"
expect_eq "$(sqlite3 "$JOURNAL" "SELECT reason FROM consent_removal WHERE consent_id = $consent")" \
    "entered for the wrong peer" "and kept beside the deleted consent's id"
verified "consent rm"
run consent rm "$consent" --reason "again" --yes
expect_rc 4 "a deleted consent is not found"
# The reason may speak of the peer: forgetting the peer takes it from the journal and the trail.
run peer add P3
run consent add P3 --recipient "Clinic" --purpose care --info "attendance" --share attendance \
    --signed 2026-11-01 --expires 2027-11-01
run consent rm "$OUT" --reason "zx-reason-about-P3" --yes
expect_rc 0 "consent rm of P3's consent"
run peer forget P3 --yes
expect_rc 0 "peer forget P3"
expect_eq "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM consent_removal WHERE reason LIKE 'zx-%'")" \
    "0" "the forgotten peer's consent removal reason is gone"
run audit list
expect_out_lacks "zx-reason-about-P3" "and the trail no longer quotes it"
if grep -qa "zx-reason-about" "$JOURNAL" "$JOURNAL-wal" 2>/dev/null; then
    fail "the forgotten reason is still in the journal's files"
else
    pass
fi
verified "peer forget after consent rm"

# ---- a tamper after an edit is caught ----
run goal edit "$p2_goal" --text "a job in a shop"
sqlite3 "$JOURNAL" "UPDATE goal SET domain = 'legal' WHERE id = $p2_goal"
run audit verify
expect_rc 6 "a sqlite3 tamper after goal edit fails audit verify"
expect_err_has "goal $p2_goal" "and names the goal"

finish

# The whole record: groups, goals, resources and referrals, BARC-10, supervision, reviews,
# self-care check-ins, end to end through the real binary.
source "$(dirname "$0")/lib.sh"

run peer add P1
run peer add P2
run group add "Tuesday circle" --schedule "Tue 18:00"
expect_rc 0 "group add"
run group add "tuesday CIRCLE"
expect_rc 9 "a duplicate group name is a conflict"

run goal add P1 --domain housing "find a flat" --target 2027-01-31
expect_rc 0 "goal add"
expect_eq "$OUT" "1" "goal add prints the id"
run goal add P1 --domain money "x"
expect_rc 3 "an unknown domain is refused"
expect_err_has "recovery-community" "the message lists the domains"
run goal add P1 --domain housing "a goal set in the future" --date 2026-11-19
expect_rc 3 "a goal cannot be set after today"
expect_err_has "after today (2026-11-18)" "and the message says so"
run goal add P1 --domain health "walk every day" --date 2026-10-05
expect_rc 0 "a goal set earlier is entered with --date"
back_filled=$OUT
run goal list P1 --format json
expect_json ".[] | select(.id == $back_filled) | .opened_on" '"2026-10-05"' "it was opened that day"
run report outcomes --month 2026-10 --format json
expect_json '.goals_open' '1' "and it counts as open in October's outcomes"

run session add --group "Tuesday circle" --attendee P1,P2 --unnamed 3 --support affiliational --duration 1h30m --note "circle" --goal 1
expect_rc 0 "group session add"
expect_eq "$OUT" "1" "prints the new id"
run session add --group "Nobody's" --attendee P1 --support emotional --duration 1h --note x
expect_rc 4 "an unknown group is not found"
run session add --group "Tuesday circle" --support emotional --duration 1h --note x
expect_rc 3 "a group session with nobody present is refused"
run session add --peer P1 --group "Tuesday circle" --attendee P2 --support emotional --duration 1h --note x
expect_rc 2 "--peer and --group together is a usage error"
run session add --peer P1 --support emotional --duration 45m --note "one to one"
expect_rc 0 "one-on-one session add"

run session list --format json
expect_json '.[0].group' '"Tuesday circle"' "session list shows the group"
expect_json '.[0].attendees' '["P1","P2"]' "and its attendees"
expect_json '.[0].unnamed' '3' "and the unnamed count"
expect_json '.[0].goals' '[1]' "and the goals it addressed"
run session list
expect_out_has "P1,P2 +3" "the table shows who was there"
run session show 1
expect_out_has "Attendees:  P1,P2 and 3 unnamed" "session show lists the attendees"
run session list --peer P2 --format json
expect_json 'length' '1' "a peer's sessions include the groups they attended"

run peer list --format json
expect_json '.[] | select(.code=="P1") | .minutes' '135' "group minutes count on each attendee's record"
expect_json '.[] | select(.code=="P2") | .minutes' '90' "once per attendee"
run report summary --week this --format json
expect_json '.totals.minutes' '135' "and once for the specialist's hours"
expect_json '.totals.distinct_peers' '2' "attendees count as peers seen"

run group list --format json
expect_json '.[0].attendances' '2' "group list counts named attendances"
run group show "tuesday circle"
expect_out_has "Peers:       P1, P2" "group show lists the peers"

run goal set 1 --status achieved --date 2026-11-19
expect_rc 3 "a status date in the future is refused"
expect_err_has "the status date 2026-11-19 is in the future (today is 2026-11-18)" "naming the date and today"
run goal set 1 --status achieved --date 2026-11-17
expect_rc 3 "a status date before the goal was opened is refused"
expect_err_has "the status date 2026-11-17 is before goal 1 was opened (2026-11-18)" "naming the date and the opening day"
run goal set 1 --status achieved
expect_rc 0 "goal set"
run goal list P1 --format json
expect_json '.[0].status' '"achieved"' "the status changed"
run goal set 9 --status achieved
expect_rc 4 "an unknown goal"

run resource add "Harbor House" --category housing --contact "555-0100"
expect_rc 0 "resource add"
run resource list --format csv
expect_out_has "Harbor House,housing,555-0100" "resource list"
run referral add P1 --resource "harbor house" --date 2026-11-10
expect_rc 0 "referral add"
run referral set 1 --status connected
run referral list P1 --format json
expect_json '.[0].status' '"connected"' "referral set"
expect_json '.[0].resource' '"Harbor House"' "by the resource's stored name"
run referral add P1 --resource Nowhere
expect_rc 4 "an unknown resource"

run assess add P1 --barc10 4,5,3,4,5,4,3,6,5 --date 2026-10-01
expect_rc 3 "nine items are refused"
expect_err_has "exactly 10 item scores" "with a clear message"
run assess add P1 --barc10 4,5,3,4,5,4,3,6,5,7 --date 2026-10-01
expect_rc 3 "an item of 7 is refused"
expect_err_has "item 10 is '7'" "naming the item"
run assess add P1
expect_rc 2 "no scores off a terminal is a usage error"
run assess add P1 --barc10 4,5,3,4,5,4,3,6,5,4 --date 2026-10-01
expect_rc 0 "assess add"
run assess add P1 --barc10 5,5,5,5,5,5,5,5,5,5
run assess list P1
expect_out_has "+7" "assess list shows the trend"
run assess list P1 --format json
expect_json '[.[].total]' '[43,50]' "totals in date order"
expect_json '.[1].at_or_above_47' 'true' "47 or more is flagged"

# On a terminal (a pty from script(1)) assess add asks item by item and asks again after a 9.
if command -v script >/dev/null; then
    OUT=$(printf '4\n9\n5\n3\n4\n5\n4\n3\n6\n5\n4\n' |
        script -qec "'$PEERLOG' assess add P2 --date 2026-11-01" /dev/null 2>&1)
    expect_out_has "I get lots of support from friends." "the item wording is shown"
    expect_out_has "item 2 is '9'" "a score of 9 is refused and asked again"
    expect_out_has "total 43 of 60" "the interactive BARC-10 is saved"
    OUT=$(printf '4\n4\n4\n4\n4\n4\n4\n4\n4\n4\n' |
        script -qec "'$PEERLOG' assess add NOBODY" /dev/null 2>&1)
    expect_out_has "no peer with code 'NOBODY'" "an unknown code is refused"
    expect_out_lacks "I get lots of support" "before any item is asked"
fi

run supervision add --date 2026-11-10 --duration 1h --supervisor "Dr Lee" --format group --topics boundaries
expect_rc 0 "supervision add"
run supervision add --date 2026-11-10 --duration 25h --supervisor "Dr Lee"
expect_rc 3 "a 25-hour supervision meeting is refused"
expect_err_has "a supervision meeting cannot last more than 24 hours" "speaking of a meeting, not a contact"
run supervision list --format json
expect_json '.[0].minutes' '60' "supervision list"
expect_json '.[0].format' '"group"' "with its format"

run session list --unreviewed --format json
expect_json 'length' '2' "both sessions await review"
run session review 1 99 --by "Dr Lee"
expect_rc 4 "reviewing an unknown session fails"
run session list --unreviewed --format json
expect_json 'length' '2' "and reviews none"
run session review 1 --by "Dr Lee" --comment "good group"
expect_rc 0 "session review"
run session list --unreviewed --format json
expect_json '[.[].id]' '[2]' "the review queue shrinks"

run checkin add --stress 4 --energy 2 --needs-support --note "rough week" --share
expect_rc 0 "checkin add"
run checkin add --stress 6 --energy 2
expect_rc 3 "stress above 5 is refused"
run checkin list
expect_out_lacks "rough week" "notes stay hidden by default"
run checkin list --with-notes
expect_out_has "rough week" "and show when asked"

# ---- an edit after a review puts the session back in the review queue ----------------------
run session edit 1 --note "circle, corrected"
expect_rc 0 "editing the reviewed group session"
run session list --unreviewed --format json
expect_json '[.[].id]' '[1,2]' "the edited session awaits review again"
run session review 1 --by "Dr Lee"
run session list --unreviewed --format json
expect_json '[.[].id]' '[2]' "until it is reviewed again"
run peer close P2 --date 2026-11-18
run session edit 1 --duration 1h45m
expect_rc 0 "a group session can be corrected after one of its attendees was closed"
run goal add P2 --domain legal "court date"
expect_rc 9 "a closed peer takes no new goal"
expect_err_has "peer reopen P2" "saying how to reopen the record"
run assess add P2 --barc10 4,4,4,4,4,4,4,4,4,4
expect_rc 9 "nor a new BARC-10"
run referral add P2 --resource "harbor house"
expect_rc 9 "nor a new referral"
run peer reopen P2

# ---- boundary rules apply to group sessions too ---------------------------------------------
run session add --group "Tuesday circle" --attendee P2 --support affiliational --duration 1h \
    --date 2026-11-17 --start 21:30 --note "late circle"
expect_rc 0 "a late group session is saved (contact_hours warns by default)"
expect_err_has "contact_hours" "with the rule named on stderr"
late=$OUT
run session list --flagged --format json
expect_json "[.[] | select(.id == $late) | .flags]" '[["contact_hours"]]' "and flagged for review"
all_err=""
for day in 16 16 17 17 18 18; do
    run session add --group "Tuesday circle" --attendee P2 --support affiliational --duration 1h \
        --date 2026-11-$day --note x
    all_err+=$ERR
done
ERR=$all_err
expect_err_lacks "contacts_per_week" "8 group sessions in a week do not count as one-on-one contacts"

# ---- a follow-up planned at a group session is one per named attendee ------------------------
run session add --group "Tuesday circle" --attendee P1,P2 --support affiliational --duration 1h \
    --date 2026-11-18 --follow-up 2026-11-20 --note x
planned=$OUT
run export --week this --format json
expect_json "[.follow_ups_due[] | select(.session == $planned) | .peer]" '["P1","P2"]' \
    "the group session's follow-up is due for each attendee"
run report summary --week this --format json
expect_json '.totals.follow_ups_due' '2' "the report counts both"

# ---- peer forget takes the whole record with it ---------------------------------------------
p1_id=$(sqlite3 "$JOURNAL" "SELECT id FROM peer WHERE code = 'P1'")
run peer forget P1 --yes
expect_rc 0 "peer forget of a peer with goals, referrals, assessments and group sessions"
expect_err_has "removed from 2 group sessions" "it says the peer left the group sessions"
for table in goal referral assessment; do
    expect_eq "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM $table WHERE peer_id = $p1_id")" "0" \
        "no $table row of P1 is left"
done
expect_eq "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM session_attendee WHERE peer_id = $p1_id")" \
    "0" "P1 is no longer an attendee"
run session list --format json
expect_json '[.[] | select(.group == "Tuesday circle") | .attendees] | unique' '[["P2"]]' \
    "the group session stays, with its other attendee"
expect_json '[.[] | .goals[]]' '[]' "and without links to the forgotten goals"


# ---- a forgotten attendee still counts in a group session's headcount --------------------------
# AA-01, BB-02 and 3 unnamed came: 5 attendees. Forgetting AA-01 takes their code off, not the
# person: the session then has BB-02 and 4 unnamed, and its hours and headcount stay.
JOURNAL="$WORK/headcount.db"
export PEERLOG_JOURNAL="$JOURNAL"
run group add Circle
run peer add AA-01 --since 2026-01-05
run peer add BB-02 --since 2026-01-05
run session add --group Circle --attendee AA-01,BB-02 --unnamed 3 --support affiliational \
    --duration 1h30m --date 2026-11-17
expect_rc 0 "a group session with AA-01, BB-02 and 3 unnamed"
run group show Circle --format json
expect_json '[.sessions, .minutes, .attendances, .unnamed]' '[1,90,2,3]' "5 came, before"
run report hours --week this --format json
hours_before=$OUT
run peer forget AA-01 --dry-run
expect_out_has "removed from 1 group session (now counted there as unnamed)" \
    "the dry run says the group session counts them as unnamed"
run peer forget AA-01 --yes
expect_rc 0 "forget AA-01"
expect_err_has "removed from 1 group session (now counted there as unnamed)" "and so does the forget"
run session list --format json
expect_json '[.[] | [.attendees, .unnamed]]' '[[["BB-02"],4]]' "BB-02 and 4 unnamed"
run session list
expect_out_has "BB-02 +4" "the session list shows BB-02 +4"
run group show Circle --format json
expect_json '[.sessions, .minutes, .attendances, .unnamed]' '[1,90,1,4]' "still 5, after"
run report hours --week this --format json
expect_eq "$OUT" "$hours_before" "the hours report is the same"
run audit verify
expect_rc 0 "the chain verifies"

# A session already at the limit of 10000 unnamed stays there: the forget is not refused.
run peer add CC-03 --since 2026-01-05
run session add --group Circle --attendee CC-03 --unnamed 10000 --support affiliational \
    --duration 1h --date 2026-11-16
expect_rc 0 "a group session with CC-03 and 10000 unnamed"
run peer forget CC-03 --yes
expect_rc 0 "forget CC-03 from a session at the limit"
run session list --format json
expect_json '[.[] | select(.date == "2026-11-16") | [.attendees, .unnamed]]' '[[[],10000]]' \
    "no attendee left, 10000 unnamed"

finish

# The supervisor's reports end to end: periods, --by, formats, config, privacy of check-ins.
source "$(dirname "$0")/lib.sh"

mkdir -p "$XDG_CONFIG_HOME/peerlog"
cat >"$XDG_CONFIG_HOME/peerlog/config.toml" <<'TOML'
[certification]
profile = "florida-crps"
start = "2026-09-01"
[supervision]
monthly_hours = 1
monthly_sessions = 1
TOML

run peer add A --since 2026-09-01
run peer add B --since 2026-09-01
run peer add C --since 2026-08-01
run peer add D --since 2026-11-01
run group add Circle
run session add --peer A --support emotional --duration 1h --date 2026-11-02 --modality phone --setting community --note x
run session add --peer C --support informational --duration 30m --date 2026-09-15 --note x
run session add --group Circle --attendee A,B --unnamed 2 --support affiliational --duration 1h30m --date 2026-11-12 --note x
run supervision add --date 2026-11-05 --duration 1h --supervisor "Dr Lee"
run goal add B --domain employment "a job"
run resource add R --category housing
run referral add A --resource R --date 2026-11-03
run referral set 1 --status completed
run referral add B --resource R --date 2026-11-04
run assess add A --barc10 4,4,4,4,4,4,4,4,4,4 --date 2026-11-01
run assess add A --barc10 5,5,5,5,5,5,5,5,4,4 --date 2026-11-15
run assess add B --barc10 2,2,2,2,2,2,3,3,3,3 --date 2026-10-06
run assess add B --barc10 3,3,3,3,3,3,3,3,3,3 --date 2026-11-16
for day in 05 06 07 08; do
    run checkin add --stress 4 --energy 2 --share --date "2026-10-$day"
done
run checkin add --stress 5 --energy 1 --needs-support --share --date 2026-11-11 --note "private-words"
run checkin add --stress 2 --energy 4 --date 2026-11-12

run report hours --month 2026-11 --format json
expect_rc 0 "report hours"
expect_json '[.one_on_one.minutes, .group.minutes, .supervision.minutes]' '[60,90,60]' "one-on-one, group and supervision minutes"
run report hours --month 2026-11 --by peer --format csv
expect_out_has "Hours,A,hours,2.50" "by peer: A has their own hour and the group's 1.5"
expect_out_has "Hours,B,hours,1.50" "B has the group's 1.5"
run report hours --month 2026-11 --by modality --format csv
expect_out_has "Hours,in-person,hours,1.50" "by modality: the group in person"
expect_out_has "Hours,phone,hours,1.00" "and the phone session"
run report hours --month 2026-11 --by setting --format json
expect_json '[.rows[] | [.key, .sessions, .minutes]]' '[["community",1,60],["office",1,90]]' \
    "by setting: each session once under its setting"
run report hours --from 2026-09-01 --to 2026-11-30 --by month --format json
expect_json '[.rows[] | [.key, .sessions, .minutes]]' '[["2026-09",1,30],["2026-11",2,150]]' \
    "by month: each month's sessions"
run report hours --month 2026-11
expect_out_has "1.00 h in 1 session" "one session"
expect_out_lacks "1 sessions" "in the singular"
expect_out_has "1.00 h in 1 meeting" "one supervision meeting"
expect_out_lacks "1 meetings" "in the singular"
expect_out_has "In the By support table, a session of several support kinds counts in full under each kind" \
    "the table says how a session of several kinds counts"
run report hours --month 2026-11 --format html
expect_out_has "split evenly between them in this chart" "and the chart says it splits them"
run report hours --month 2026-11 --by nonsense
expect_rc 3 "an unknown --by"
run report hours --month 2026-13
expect_rc 3 "a bad month"
run report hours --month 2026-11 --week this
expect_rc 2 "--month with --week is a usage error"

run report caseload --format json
expect_json '[.peers[] | select(.not_seen) | .peer]' '["C"]' "C has not been seen for more than 30 days"
expect_json '.peers[] | select(.peer=="B") | [.open_goals, .referrals_pending]' '[1,1]' "open goals and pending referrals"
expect_json '.peers[] | select(.peer=="D") | [.last_contact, .never_contacted, .days_since]' \
    '[null,true,14]' "D was never contacted: on the caseload 14 days by the end of last week"
expect_json '[.peers[] | select(.never_contacted) | .peer]' '["D"]' "only D"
run report caseload
expect_out_has "* C" "the table marks the peer not seen"
expect_out_has "never (on caseload 14 days)" "and labels the peer never contacted"
run report caseload --format html
expect_out_has "D: never contacted, on the caseload 14 days" "the bar's tooltip says so"

run report outcomes --month 2026-11 --format json
expect_json '[.peers[0].first, .peers[0].latest, .peers_at_47]' '[40,48,1]' "BARC-10 first vs latest"
expect_json '[.referrals_made, .referrals_completed, .referrals_pending, .referral_completion]' \
    '[2,1,1,1]' "referrals: two made, one completed, one pending; all of those closed completed"
expect_json '.peers[] | select(.peer=="B") | [.first_date, .first, .latest]' '["2026-10-06",24,30]' \
    "B's baseline is October's, before the month: +6, not +0"
run report outcomes --week 2026-W47 --format json
expect_json '[.peers[] | [.peer, .first, .latest]]' '[["B",24,30]]' \
    "a week: the peers assessed in it, from their baseline"

run report supervision --month 2026-11 --format json
expect_json '.months[0].meets_expectation' 'true' "November meets the expectation"
expect_json '[.review_queue[].session]' '[1,3]' "the review queue"

run report certification --format json
expect_json '[.name, .work_minutes, .supervision_minutes, .work_hours_target]' '["Florida CRPS",180,60,500]' "progress toward Florida CRPS"

run report wellbeing --month 2026-11 --format json
expect_json '.checkins | length' '1' "only shared check-ins"
expect_json '.callouts[0]' '"2026-11-11: asked for support"' "a needs-support flag is called out"
run report wellbeing --month 2026-10 --format json
expect_json '.callouts' '["2026-10-05 to 2026-10-08: 4 check-ins in a row at stress 4 or more"]' \
    "a run of four is called out once, with its length and days"
expect_json '.stress_runs' '[{"from":"2026-10-05","to":"2026-10-08","checkins":4}]' "and listed"
for format in table markdown csv json html; do
    run report wellbeing --month 2026-11 --format "$format"
    expect_out_lacks "private-words" "no check-in note in $format"
done

run report summary --month 2026-11
expect_out_has "At a glance" "report summary gains its lines"
expect_out_has "Certification  Florida CRPS" "with certification"
run report summary --month 2026-11 --format json
expect_json '.hours.group.minutes' '90' "and in json"
for report in caseload hours outcomes supervision certification wellbeing summary; do
    for format in markdown csv html; do
        run report "$report" --month 2026-11 --format "$format"
        expect_rc 0 "report $report --format $format"
    done
done

printf '[certification]\nprofile = "custom"\n' >"$XDG_CONFIG_HOME/peerlog/config.toml"
run report certification
expect_rc 7 "a custom profile without its hours is a config error"

finish

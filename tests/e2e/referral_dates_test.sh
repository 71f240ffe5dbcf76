# Referral status dates are checked (not after today, not before the referral was made or last
# changed) and the outcomes report counts each status change in the period holding its date.
source "$(dirname "$0")/lib.sh"

run peer add P1
run resource add "Food Bank" --category food
export PEERLOG_TODAY=2026-12-10
run referral add P1 --resource "Food Bank" --date 2026-11-10
referral=$OUT
run referral set "$referral" --status completed --date 1999-01-01
expect_rc 3 "a status date before the referral was made is refused"
expect_err_has "before referral $referral was made on 2026-11-10" "and the message says so"
run referral set "$referral" --status completed --date 2026-12-11
expect_rc 3 "a status date after today is refused"
expect_err_has "in the future" "and the message says so"
run referral set "$referral" --status connected --date 2026-11-20
expect_rc 0 "connected on 11-20"
run referral set "$referral" --status completed --date 2026-11-19
expect_rc 3 "a change before the latest one is refused"
run referral set "$referral" --status completed --date 2026-12-03
expect_rc 0 "completed on 12-03"

run report outcomes --month 2026-11 --format json
expect_json '[.referrals_made, .referrals_completed, .referrals_pending, .referral_completion]' \
    '[1,0,1,null]' "November: made, still pending at its end, none completed"
run report outcomes --month 2026-12 --format json
expect_json '[.referrals_made, .referrals_completed, .referrals_pending, .referral_completion]' \
    '[0,1,0,1]' "December: completed, none made"
run report outcomes --month 2026-12
expect_out_has "Referrals completed" "the table names the completed referrals"
run audit verify
expect_rc 0 "the status history is part of the referral's audited state"
sqlite3 "$JOURNAL" "UPDATE referral_status_change SET changed_on = '2026-11-30' WHERE status = 'completed'"
run audit verify
expect_rc 6 "a status change moved with the sqlite3 shell fails audit verify"
expect_err_has "referral $referral" "and names the referral"

finish

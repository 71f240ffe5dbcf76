# The issue's "done when" path: a specialist's first day, end to end.
source "$(dirname "$0")/lib.sh"

run peer add P1
expect_rc 0 "peer add creates the journal"
expect_eq "$(stat -c %a "$JOURNAL")" "600" "journal file is private"
expect_eq "$(stat -c %a "$(dirname "$JOURNAL")")" "700" "journal directory is private"

run session add --peer P1 --support emotional --duration 45m --date today --note "walked to the bus stop, talked about the court date"
expect_rc 0 "session add succeeds"
expect_eq "$OUT" "1" "session add prints the new id"

run session list --week this
expect_rc 0 "session list"
expect_out_has "P1" "the session is listed"
expect_out_has "45m" "with its duration"

run export --week this --format json
expect_rc 0 "export"
expect_json '.schema_version' '1' "export carries schema_version"
expect_json '.sessions | length' '1' "export has the session"
expect_json '.sessions[0].peer' '"P1"' "by peer code"
expect_out_lacks "court date" "export carries no note text"

run report summary --week this
expect_rc 0 "report summary"
expect_out_has "0.75" "45 minutes show as 0.75 hours"
expect_out_has "emotional             1   0.75" "under emotional support"

finish

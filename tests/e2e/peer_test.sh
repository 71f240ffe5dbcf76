# peer add / list / show / edit / close / pause / reopen: the caseload.
source "$(dirname "$0")/lib.sh"

check() { if eval "$1"; then pass; else fail "$2"; fi; }

# ---- add ------------------------------------------------------------------------------------
run peer add RJ-07 --stage early --pathway co-occurring --since 2026-10-01 --referred-by "county drug court"
expect_rc 0 "peer add with every flag"
expect_eq "$OUT" "" "peer add prints nothing on stdout"
expect_err_has "added peer RJ-07 to the caseload" "confirmation on stderr"
run peer show RJ-07 --format json
expect_rc 0 "peer show --format json"
expect_json '[.code,.status,.stage,.pathway,.since,.closed_on,.referred_by]' \
    '["RJ-07","active","early","co-occurring","2026-10-01",null,"county drug court"]' "every field stored"
expect_json '[.sessions,.minutes,.last_contact]' '[0,0,null]' "no sessions yet"

run peer add P2
expect_rc 0 "peer add with only a code"
run peer show P2 --format json
expect_json '[.since,.stage,.pathway,.referred_by,.status]' '["2026-11-18",null,null,"","active"]' \
    "defaults: since today, nothing else recorded"

run peer add P3 --since yesterday --stage sustained --pathway substance-use
expect_rc 0 "peer add --since yesterday"
run peer show P3 --format json
expect_json '[.since,.stage,.pathway]' '["2026-11-17","sustained","substance-use"]' "relative --since"

run peer add P4 --since -2w --pathway mental-health --stage mid
expect_rc 0 "peer add --since -2w"
run peer show P4 --format json
expect_json '.since' '"2026-11-04"' "--since -2w is two weeks ago"

run peer add X1 --stage bogus
expect_rc 3 "unknown stage"
expect_err_has "unknown recovery stage 'bogus'" "names the bad stage"
run peer add X1 --pathway alien
expect_rc 3 "unknown pathway"
run peer add "Jane Doe"
expect_rc 3 "a code with a space (looks like a name) is refused"
expect_err_has "never use the peer's name" "reminds that a code is a pseudonym"
run peer show X1
expect_rc 4 "refused peers were not added"

# ---- show -----------------------------------------------------------------------------------
run session add --peer RJ-07 --support emotional --duration 45m --date 2026-11-10
expect_rc 0 "a session for RJ-07"
run session add --peer RJ-07 --support instrumental --duration 1h15m --date 2026-11-16
expect_rc 0 "another session for RJ-07"

run peer show RJ-07
expect_rc 0 "peer show"
expect_out_has "Peer:         RJ-07" "show: code"
expect_out_has "Status:       active" "show: status"
expect_out_has "Stage:        early" "show: stage"
expect_out_has "Pathway:      co-occurring" "show: pathway"
expect_out_has "On caseload:  since 2026-10-01" "show: since"
expect_out_has "Referred by:  county drug court" "show: referral source"
expect_out_has "Sessions:     2 (2.00 h)" "show: sessions and hours"
expect_out_has "Last contact: 2026-11-16" "show: last contact"
run peer show rj-07 --format json
expect_rc 0 "peer show matches the code without regard to case"
expect_json '[.code,.sessions,.minutes,.last_contact]' '["RJ-07",2,120,"2026-11-16"]' "totals in json"
run peer show P2
expect_out_has "Stage:        (not recorded)" "show: a missing stage"
expect_out_has "Last contact: never" "show: never seen"

# ---- list -----------------------------------------------------------------------------------
run peer list
expect_rc 0 "peer list"
expect_out_has "CODE   STATUS  STAGE      PATHWAY        SINCE" "table header"
expect_out_has "RJ-07  active  early      co-occurring   2026-10-01" "RJ-07 row"
expect_out_has "2   2.00  2026-11-16" "RJ-07 sessions, hours, last contact"
expect_eq "$(printf '%s\n' "$OUT" | tail -n +2 | awk '{print $1}' | tr '\n' ' ')" "P2 P3 P4 RJ-07 " \
    "every open peer listed, by code"

run peer list --format csv
expect_rc 0 "peer list --format csv"
expect_eq "$(head -n1 "$WORK/out" | tr -d '\r')" \
    "code,status,stage,pathway,since,closed_on,sessions,hours,last_contact" "csv header"
expect_out_has "RJ-07,active,early,co-occurring,2026-10-01,,2,2.00,2026-11-16" "csv row of RJ-07"
expect_out_has "P2,active,,,2026-11-18,,0,0.00," "csv row with empty cells"
expect_out_lacks "county drug court" "the referral source stays out of the csv"
expect_eq "$(wc -l <"$WORK/out")" "5" "csv: header + 4 peers"

run peer list --format json
expect_rc 0 "peer list --format json"
expect_json '[.[].code]' '["P2","P3","P4","RJ-07"]' "json lists the open peers"
expect_json '.[3] | [.status,.stage,.pathway,.since,.sessions,.minutes]' \
    '["active","early","co-occurring","2026-10-01",2,120]' "json fields of RJ-07"

run peer list --format html
expect_rc 2 "peer list in an unsupported format"

# ---- edit -----------------------------------------------------------------------------------
run peer edit RJ-07 --code RJ-08
expect_rc 0 "peer edit --code renames"
expect_err_has "updated peer RJ-08" "edit confirmation names the new code"
run peer show RJ-07
expect_rc 4 "the old code is gone"
run peer show RJ-08 --format json
expect_json '[.stage,.pathway,.since,.referred_by,.sessions]' '["early","co-occurring","2026-10-01","county drug court",2]' \
    "renaming keeps the details and the sessions"
run session list --format json
expect_json '[.[].peer] | unique' '["RJ-08"]' "the sessions follow the rename"

run peer edit RJ-08 --stage none
expect_rc 0 "peer edit --stage none"
run peer show RJ-08 --format json
expect_json '[.stage,.pathway]' '[null,"co-occurring"]' "--stage none clears only the stage"

run peer edit RJ-08 --stage mid --pathway none --referred-by "self" --since 2026-09-15
expect_rc 0 "peer edit several fields"
run peer show RJ-08 --format json
expect_json '[.stage,.pathway,.referred_by,.since]' '["mid",null,"self","2026-09-15"]' "fields changed"

run audit list --format json
expect_json '[.[] | select(.action == "peer.edit") | .summary][-1]' \
    '"pathway none, stage mid, since 2026-09-15, referred_by changed"' \
    "peer.edit names the fields that changed, with their new codes and dates"
expect_out_lacks '"self"' "never the referral source's text"

# A peer's since may be neither in the future nor after their first contact (2026-11-10).
hash=$(journal_hash)
run peer edit RJ-08 --since tomorrow
expect_rc 3 "peer edit --since tomorrow"
expect_err_has "the start date (--since) 2026-11-19 is in the future (today is 2026-11-18)" \
    "says the day is to come"
run peer edit RJ-08 --since 2026-11-12
expect_rc 3 "peer edit --since after the first session"
expect_err_has "is after peer RJ-08's first contact on 2026-11-10: give --since 2026-11-10 or an earlier day" \
    "names the first contact"
run peer add FUT --since tomorrow
expect_rc 3 "peer add --since tomorrow"
expect_err_has "in the future" "says why"
expect_eq "$(journal_hash)" "$hash" "refused since changes changed nothing"
run peer edit RJ-08 --since 2026-11-10
expect_rc 0 "a since on the day of the first contact is taken"
run peer edit RJ-08 --since 2026-09-15

run peer edit RJ-08 --code rj-08
expect_rc 0 "a peer can change the case of its own code"
run peer show RJ-08 --format json
expect_json '.code' '"rj-08"' "new case stored"

hash=$(journal_hash)
run peer edit rj-08
expect_rc 2 "peer edit with nothing to change"
expect_err_has "nothing to change" "says so"
run peer edit rj-08 --code P2
expect_rc 9 "rename onto an existing code"
expect_err_has "already used" "says the code is taken"
run peer edit NOBODY --stage mid
expect_rc 4 "edit of an unknown peer"
expect_eq "$(journal_hash)" "$hash" "refused edits changed nothing"

# ---- close / pause / reopen -----------------------------------------------------------------
run peer close P3 --date 2026-11-17
expect_rc 0 "peer close --date"
expect_err_has "peer P3 is now closed" "close confirmation"
run peer show P3 --format json
expect_json '[.status,.closed_on]' '["closed","2026-11-17"]' "closed on the given day"
run peer show P3
expect_out_has "Status:       closed since 2026-11-17" "show says since when it is closed"

run peer list
expect_out_lacks "P3" "a closed peer is hidden from peer list"
run peer list --format json
expect_json '[.[].code]' '["P2","P4","rj-08"]' "closed peer hidden from json too"
run peer list --all
expect_out_has "P3" "peer list --all shows the closed peer"
run peer list --all --format csv
expect_out_has "P3,closed,sustained,substance-use,2026-11-17,2026-11-17,0,0.00," "csv shows the close date"

run peer close P3
expect_rc 9 "closing a closed peer"
expect_err_has "already closed on 2026-11-17" "says when it was closed"
run peer close P4 --date 2026-11-01
expect_rc 3 "closing before the peer joined"
expect_err_has "before the peer's start date" "says why"

run peer pause P2
expect_rc 0 "peer pause"
expect_err_has "peer P2 is now paused" "pause confirmation"
run peer show P2 --format json
expect_json '.status' '"paused"' "paused"
run peer list
expect_out_has "P2     paused" "a paused peer stays on the list"
run peer pause P2
expect_rc 9 "pausing a paused peer"
run peer pause P3
expect_rc 9 "pausing a closed peer"

run peer reopen P2
expect_rc 0 "reopen a paused peer"
expect_err_has "peer P2 is now active" "reopen confirmation"
run peer reopen P3
expect_rc 0 "reopen a closed peer"
run peer show P3 --format json
expect_json '[.status,.closed_on]' '["active",null]' "reopened: active, no close date"
run peer list
expect_out_has "P3" "a reopened peer is listed again"
run peer reopen P3
expect_rc 9 "reopening an active peer"
expect_err_has "already active" "says it is active"
run session add --peer P3 --support emotional --duration 10m
expect_rc 0 "a reopened peer can have sessions again"

run peer reopen NOBODY
expect_rc 4 "reopen of an unknown peer"

# ---- an id is never given twice -------------------------------------------------------------------
saved_id() { sed -n 's/^saved session \([0-9]*\) .*/\1/p' <<<"$ERR"; }
run session add --peer P3 --support emotional --duration 20m
newest=$(saved_id)
run session rm "$newest" --yes
expect_rc 0 "the newest session is deleted"
run session add --peer P3 --support emotional --duration 25m
expect_eq "$(saved_id)" "$((newest + 1))" "the next session does not get its id"
run peer add GONE
gone=$(sqlite3 "$JOURNAL" "SELECT id FROM peer WHERE code = 'GONE'")
run peer forget GONE --yes
expect_rc 0 "the newest peer is forgotten"
run peer add NEXT
expect_eq "$(sqlite3 "$JOURNAL" "SELECT id FROM peer WHERE code = 'NEXT'")" "$((gone + 1))" \
    "the next peer does not get its id"

finish

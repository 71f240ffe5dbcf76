# session add / show / list / edit / rm: every flag, every filter, every format.
source "$(dirname "$0")/lib.sh"

# check IF WHAT: passes when the command IF succeeds.
check() { if eval "$1"; then pass; else fail "$2"; fi; }

run peer add P1
expect_rc 0 "peer add P1"
run peer add P2
expect_rc 0 "peer add P2"

# ---- add with every flag --------------------------------------------------------------------
run session add --peer P1 --support emotional,instrumental,affiliational --duration 1h30m \
    --date 2026-11-16 --start 09:30 --modality phone --setting treatment-centre \
    --disclosure "to show that a relapse is survivable" --follow-up 2026-11-25 \
    --note 'talked about "the job", then walked to the bus'
expect_rc 0 "session add with every flag"
expect_eq "$OUT" "1" "session add prints only the new id on stdout"
expect_err_has "saved session 1 with P1 on 2026-11-16 (1h30m)" "confirmation on stderr"

run session show 1 --format json
expect_rc 0 "session show --format json"
expect_json '[.id,.date,.start,.minutes,.peer]' '[1,"2026-11-16","09:30",90,"P1"]' \
    "date, start, minutes and peer stored as given"
expect_json '.support' '["emotional","instrumental","affiliational"]' "all three support kinds"
expect_json '[.modality,.setting]' '["phone","treatment-centre"]' "modality and setting"
expect_json '[.self_disclosure,.disclosure_purpose]' '[true,"to show that a relapse is survivable"]' \
    "disclosure and its purpose"
expect_json '.follow_up' '"2026-11-25"' "follow-up date"
expect_json '.note' '"talked about \"the job\", then walked to the bus"' "note stored verbatim"

run session show 1
expect_rc 0 "session show"
expect_out_has "Peer:       P1" "show: peer"
expect_out_has "Date:       2026-11-16 at 09:30" "show: date and start"
expect_out_has "Duration:   1h30m (90 min)" "show: duration"
expect_out_has "Support:    emotional, instrumental, affiliational" "show: support kinds"
expect_out_has "Modality:   phone" "show: modality"
expect_out_has "Setting:    treatment-centre" "show: setting"
expect_out_has "Disclosure: yes, purpose: to show that a relapse is survivable" "show: disclosure"
expect_out_has "Follow-up:  2026-11-25" "show: follow-up"
expect_out_has '  talked about "the job", then walked to the bus' "show prints the note"

# Defaults: date today, in-person, office, no start, no disclosure, no follow-up, no note.
run session add --peer P2 --support informational --duration 45
expect_rc 0 "session add with only the required flags"
expect_eq "$OUT" "2" "second id"
run session show 2 --format json
expect_json '[.date,.start,.minutes,.modality,.setting,.self_disclosure,.follow_up,.note]' \
    '["2026-11-18",null,45,"in-person","office",false,null,""]' "defaults of session add"
run session show 2
expect_out_has "Note:       (none)" "show says there is no note"
expect_out_has "Disclosure: none" "show says there was no disclosure"

# Support kinds in any order and case come back in the canonical order, once each.
run session add --peer P2 --support "Affiliational,emotional,emotional" --duration 10m --date 2026-11-12 \
    --modality video --setting community
expect_rc 0 "support kinds in any order"
run session show 3 --format json
expect_json '.support' '["emotional","affiliational"]' "canonical order, duplicates merged"

# --note - reads the note from stdin.
run_with_input $'a note typed on stdin,\nwith a second line' \
    session add --peer P2 --support emotional --duration 30m --date 2026-11-18 --note -
expect_rc 0 "session add --note -"
expect_eq "$OUT" "4" "fourth id"
run session show 4 --format json
expect_json '.note' '"a note typed on stdin,\nwith a second line"' "the note came from stdin"

run session add --peer P1 --support instrumental --duration 20m --date 2026-11-03
expect_rc 0 "a session in week 45"
expect_eq "$OUT" "5" "fifth id"

# ---- --date forms (own journal, today is Wednesday 2026-11-18) -------------------------------
DATES="$WORK/dates.db"
run --journal "$DATES" peer add D1
expect_rc 0 "peer for the date forms"
check_date() { # FORM EXPECTED
    run --journal "$DATES" -q session add --peer D1 --support emotional --duration 10m --date "$1"
    expect_rc 0 "--date $1 is accepted"
    local id=$OUT
    run --journal "$DATES" session show "$id" --format json
    expect_json '.date' "\"$2\"" "--date $1 means $2"
}
check_date 2026-11-01 2026-11-01
check_date today 2026-11-18
check_date yesterday 2026-11-17
check_date monday 2026-11-16
check_date wednesday 2026-11-18 # the weekday of today is today
check_date thursday 2026-11-12
check_date sunday 2026-11-15
check_date -3d 2026-11-15
PEERLOG_TODAY=2026-11-16 check_date monday 2026-11-16 # on a Monday, monday is today

# ---- list filters ---------------------------------------------------------------------------
# Sessions: 5 P1 11-03 (W45), 3 P2 11-12 (W46), 1 P1 11-16 (W47), 2 P2 11-18, 4 P2 11-18.
list_ids() { # WHAT EXPECTED ARGS...
    local what=$1 expected=$2
    shift 2
    run session list --format json "$@"
    expect_rc 0 "session list $*"
    expect_json '[.[].id]' "$expected" "$what"
}
list_ids "no filter lists every session, in date order" '[5,3,1,2,4]'
list_ids "--peer P1" '[5,1]' --peer P1
list_ids "--peer matches without regard to case" '[3,2,4]' --peer p2
list_ids "--week 2026-W47" '[1,2,4]' --week 2026-W47
list_ids "--week this" '[1,2,4]' --week this
list_ids "--week last" '[3]' --week last
list_ids "--from/--to" '[3,1]' --from 2026-11-10 --to 2026-11-16
list_ids "--from alone ends today" '[1,2,4]' --from 2026-11-13
list_ids "--to alone" '[5,3]' --to 2026-11-12
list_ids "--support instrumental" '[5,1]' --support instrumental
list_ids "--support emotional --week this" '[1,4]' --support emotional --week this
list_ids "--peer P2 --week last" '[3]' --peer P2 --week last
list_ids "a week with no sessions" '[]' --week 2026-W40

run session list --week last --from 2026-11-01
expect_rc 2 "--week with --from is a usage error"
run session list --format xml
expect_rc 2 "unknown list format"

# ---- list formats ---------------------------------------------------------------------------
run session list --week this
expect_rc 0 "table"
expect_out_has "ID  DATE        START  DURATION  PEER" "table header"
expect_out_has " 1  2026-11-16  09:30     1h30m  P1    emotional,instrumental,affiliational  phone" \
    "table row of session 1"
expect_out_has "treatment-centre  2026-11-25" "table row shows setting and follow-up"
expect_out_lacks "walked to the bus" "table has no note by default"
expect_out_lacks "relapse is survivable" "table has no disclosure purpose by default"

run session list --week 2026-W40
expect_rc 0 "empty table"
expect_eq "$OUT" "" "an empty table prints nothing on stdout"
expect_err_has "no sessions match" "and says so on stderr"

run session list --format csv
expect_rc 0 "csv"
expect_eq "$(head -n1 "$WORK/out")" $'id,date,start,minutes,peer,support,modality,setting,self_disclosure,follow_up,flags,group,attendees,unnamed,reviewed\r' \
    "csv header, CRLF line end (RFC 4180)"
expect_eq "$(wc -l <"$WORK/out")" "6" "csv: header + one record per session"
expect_out_has $'1,2026-11-16,09:30,90,P1,emotional;instrumental;affiliational,phone,treatment-centre,yes,2026-11-25,,,,0,no\r' \
    "csv record of session 1"
expect_out_has $'2,2026-11-18,,45,P2,informational,in-person,office,no,,,,,0,no\r' "csv record with empty cells"
expect_out_lacks "walked to the bus" "csv has no note by default"
expect_out_lacks "survivable" "csv has no disclosure purpose by default"

run session list --format csv --with-notes
expect_rc 0 "csv --with-notes"
expect_eq "$(head -n1 "$WORK/out")" \
    $'id,date,start,minutes,peer,support,modality,setting,self_disclosure,follow_up,disclosure_purpose,note,flags,group,attendees,unnamed,reviewed\r' \
    "csv --with-notes header"
expect_out_has $',2026-11-25,to show that a relapse is survivable,"talked about ""the job"", then walked to the bus",,,,0,no\r' \
    "note with comma and quotes is quoted, quotes doubled"
expect_out_has $',no,,,"a note typed on stdin,\nwith a second line",,,,0,no\r' "multi-line note inside one quoted cell"

run session list --format json
expect_rc 0 "json"
check 'printf "%s" "$OUT" | jq -e "type == \"array\" and length == 5" >/dev/null' "json is a valid array of 5"
expect_json '[.[] | has("note") or has("disclosure_purpose")] | any' 'false' "json omits notes by default"
expect_json '.[] | select(.id == 1) | [.self_disclosure, .follow_up]' '[true,"2026-11-25"]' \
    "json keeps the disclosure flag"
expect_out_lacks "walked to the bus" "json has no note text by default"

run session list --format json --with-notes
expect_rc 0 "json --with-notes"
expect_json '.[] | select(.id == 1) | [.note, .disclosure_purpose]' \
    '["talked about \"the job\", then walked to the bus","to show that a relapse is survivable"]' \
    "json --with-notes has the note and the purpose"

run session list --format ndjson
expect_rc 0 "ndjson"
expect_eq "$(wc -l <"$WORK/out")" "5" "ndjson: one line per session"
expect_eq "$(jq -c 'type' <"$WORK/out" | sort -u)" '"object"' "every ndjson line is an object"
expect_eq "$(while IFS= read -r line; do printf '%s' "$line" | jq -c .id; done <"$WORK/out" | tr '\n' ' ')" \
    "5 3 1 2 4 " "each line parses on its own, in date order"
expect_out_lacks "walked to the bus" "ndjson has no notes by default"
expect_out_lacks '"type"' "session list ndjson lines have no type field"

run session list --format ndjson --with-notes
expect_rc 0 "ndjson --with-notes"
expect_eq "$(wc -l <"$WORK/out")" "5" "ndjson --with-notes: still one line per session"
expect_eq "$(sed -n 5p "$WORK/out" | jq -c 'select(.id == 4) | .note')" '"a note typed on stdin,\nwith a second line"' \
    "ndjson line carries the note, newline escaped"

# The table shows notes and purposes below it with --with-notes, by session id.
run session list --week this --with-notes
expect_rc 0 "table --with-notes"
expect_out_has "treatment-centre" "the table lists the sessions"
expect_out_has $'\nSession 1 (2026-11-16, P1):\n  Disclosure purpose: to show that a relapse is survivable\n  talked about "the job", then walked to the bus' \
    "then each session's purpose and note, by id"
expect_out_has $'Session 4 (2026-11-18, P2):\n  a note typed on stdin,\n  with a second line' \
    "a note of two lines is indented line by line"

# ---- edit -----------------------------------------------------------------------------------
run session show 1 --format json
before=$(printf '%s' "$OUT" | jq -c 'del(.minutes)')
run session edit 1 --duration 50m
expect_rc 0 "session edit --duration"
expect_err_has "updated session 1" "edit confirmation"
run session show 1 --format json
expect_json '.minutes' '50' "duration changed"
expect_eq "$(printf '%s' "$OUT" | jq -c 'del(.minutes)')" "$before" "nothing else changed"

run session edit 1 --follow-up none
expect_rc 0 "session edit --follow-up none"
run session show 1 --format json
expect_json '.follow_up' 'null' "--follow-up none clears the follow-up"
expect_json '[.start,.disclosure_purpose,.minutes]' '["09:30","to show that a relapse is survivable",50]' \
    "other fields kept"

run session edit 1 --start none --disclosure none
expect_rc 0 "session edit --start none --disclosure none"
run session show 1 --format json
expect_json '[.start,.self_disclosure,.disclosure_purpose]' '[null,false,""]' "start and disclosure cleared"

run session edit 1 --peer P2 --support informational --date 2026-11-17 --start 14:00 --modality text \
    --setting home --follow-up 2026-11-30 --note "moved to P2"
expect_rc 0 "session edit with many flags"
run session show 1 --format json
expect_json '[.peer,.support,.date,.start,.modality,.setting,.follow_up,.note,.minutes]' \
    '["P2",["informational"],"2026-11-17","14:00","text","home","2026-11-30","moved to P2",50]' \
    "every given field changed"

run_with_input "a replaced note" session edit 4 --note -
expect_rc 0 "session edit --note -"
run session show 4 --format json
expect_json '.note' '"a replaced note"' "edit reads the note from stdin"

hash=$(journal_hash)
run session edit 1
expect_rc 2 "session edit with nothing to change"
expect_err_has "nothing to change" "says there is nothing to change"
expect_eq "$(journal_hash)" "$hash" "journal unchanged"

run session edit 99 --duration 5m
expect_rc 4 "session edit of an unknown id"

# ---- rm -------------------------------------------------------------------------------------
hash=$(journal_hash)
run session rm 2
expect_rc 2 "session rm without --yes and no terminal"
expect_err_has "--yes" "tells about --yes"
expect_eq "$(journal_hash)" "$hash" "journal unchanged"
run session show 2
expect_rc 0 "the session is still there"

run session rm 2 --yes
expect_rc 0 "session rm --yes"
expect_err_has "deleted session 2" "delete confirmation"
run session show 2
expect_rc 4 "the deleted session is gone"
list_ids "the deleted session is no longer listed" '[5,3,1,4]'

run session rm 99 --yes
expect_rc 4 "session rm of an unknown id"
expect_err_has "no session with id 99" "names the id"

# On a terminal, rm asks; "n" cancels (11) and keeps the session, "y" deletes it.
if command -v script >/dev/null; then
    rm_on_tty() { # ANSWER ID
        (sleep 0.3; printf '%s\n' "$1") |
            script -qec "$(printf '%q ' "$PEERLOG" session rm "$2")" /dev/null >"$WORK/out" 2>&1
        RC=$?
        OUT=$(cat "$WORK/out")
        ERR=""
    }
    rm_on_tty n 5
    expect_rc 11 "answering n on a terminal cancels"
    expect_out_has "Delete session 5 with P1 on 2026-11-03 (20m)?" "the question names the session"
    run session show 5
    expect_rc 0 "the session is kept after n"
    rm_on_tty y 5
    expect_rc 0 "answering y deletes"
    run session show 5
    expect_rc 4 "the session is gone after y"
fi

# ---- the editor -----------------------------------------------------------------------------
cat >"$WORK/editor.sh" <<'EOF'
#!/bin/sh
# A stand-in editor: records that it ran, then appends one line to the file.
touch "$WORK/editor-ran"
printf '%s\n' "${EDITOR_LINE:-note from the editor}" >>"$1"
exit "${EDITOR_STATUS:-0}"
EOF
chmod +x "$WORK/editor.sh"
export WORK

EDITOR="$WORK/editor.sh" run session add --peer P1 --support emotional --duration 15m --editor
expect_rc 0 "session add --editor"
id=$OUT
check '[ -e "$WORK/editor-ran" ]' "the editor ran"
run session show "$id" --format json
expect_json '.note' '"note from the editor"' "the note is what was written in the editor, header removed"

rm -f "$WORK/editor-ran"
EDITOR="$WORK/editor.sh" run session add --peer P1 --support emotional --duration 15m
expect_rc 0 "session add without --editor, no terminal"
id=$OUT
check '[ ! -e "$WORK/editor-ran" ]' "the editor does not open when not on a terminal"
run session show "$id" --format json
expect_json '.note' '""' "no note"

EDITOR=false VISUAL="$WORK/editor.sh" EDITOR_LINE="from visual" \
    run session add --peer P1 --support emotional --duration 15m --editor
expect_rc 0 "VISUAL is used before EDITOR"
run session show "$OUT" --format json
expect_json '.note' '"from visual"' "note from \$VISUAL"

rm -f "$WORK/editor-ran"
EDITOR="$WORK/editor.sh" run session add --peer P1 --support emotional --duration 15m --editor --note "given"
expect_rc 0 "--note with --editor"
check '[ ! -e "$WORK/editor-ran" ]' "--note wins over --editor: no editor"
run session show "$OUT" --format json
expect_json '.note' '"given"' "the --note text is saved"

hash=$(journal_hash)
EDITOR="$WORK/editor.sh" EDITOR_LINE="unsaved words" EDITOR_STATUS=1 \
    run session add --peer P1 --support emotional --duration 15m --editor
expect_rc 11 "an editor that fails cancels the add"
expect_err_has "status 1" "says the editor failed"
expect_err_has "$XDG_STATE_HOME/peerlog/drafts/" "names the draft kept"
expect_eq "$(journal_hash)" "$hash" "nothing saved when the editor fails"
draft=$(printf '%s' "$ERR" | grep -o "$XDG_STATE_HOME/peerlog/drafts/[^ ]*\.txt" | head -n1)
check '[ -f "$draft" ] && [ "$(cat "$draft")" = "unsaved words" ]' "the draft holds what was typed"

# Editing opens the editor on the current note; a line added after it stays a separate line.
run session add --peer P1 --support emotional --duration 15m --note "first line"
id=$OUT
EDITOR="$WORK/editor.sh" EDITOR_LINE="second line" run session edit "$id" --editor
expect_rc 0 "session edit --editor"
run session show "$id" --format json
expect_json '.note' '"first line\nsecond line"' "the editor saw the current note; the added line is kept apart"

# On a terminal, session add opens the editor without being asked.
if command -v script >/dev/null; then
    rm -f "$WORK/editor-ran"
    EDITOR="$WORK/editor.sh" EDITOR_LINE="typed on a terminal" script -qec \
        "$(printf '%q ' "$PEERLOG" -q session add --peer P1 --support emotional --duration 5m)" \
        /dev/null </dev/null >"$WORK/out" 2>&1
    RC=$?
    OUT=$(tr -d '\r' <"$WORK/out" | head -n1) # the id; boundary warnings may follow
    expect_rc 0 "session add on a terminal"
    check '[ -e "$WORK/editor-ran" ]' "the editor opens by default on a terminal"
    run session show "$OUT" --format json
    expect_json '.note' '"typed on a terminal"' "and its text is the note"
fi


# Month and year offsets wherever a date is taken (today is 2026-11-18).
run -q session add --peer P1 --support emotional --duration 30m --follow-up +6m
expect_rc 0 "a follow-up six months ahead"
run session show "$OUT" --format json
expect_json '.follow_up' '"2027-05-18"' "+6m is the same day six months on"
run -q session add --peer P1 --support emotional --duration 30m --follow-up "in 1 year"
run session show "$OUT" --format json
expect_json '.follow_up' '"2027-11-18"' "'in 1 year' is the same day a year on"
run session list --from "1 year ago" --to today --format csv
expect_rc 0 "a period from '1 year ago'"
run -q session add --peer P1 --support emotional --duration 30m --follow-up +101y
expect_rc 3 "an offset past a hundred years"
expect_err_has "more than a hundred years" "says why"

finish

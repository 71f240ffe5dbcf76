# Sessions at the boundary rules: a refused save keeps the note, an override stands on edit,
# --override is checked, flag messages carry no typed text, session show lists the facts and the
# reviews, and a session dated before its peer's `since` puts the peer on the caseload then.
source "$(dirname "$0")/lib.sh"
CONFIG="$XDG_CONFIG_HOME/peerlog/config.toml"
mkdir -p "$(dirname "$CONFIG")"
DRAFTS="$XDG_STATE_HOME/peerlog/drafts"

check() { if eval "$1"; then pass; else fail "$2"; fi; }
# the_draft: the draft file the last refusal names.
the_draft() { printf '%s' "$ERR" | grep -o "$DRAFTS/[^ ;]*\.txt" | head -n1; }

cat >"$CONFIG" <<'EOF'
[boundaries.severity]
contact_hours = "block"
money = "block"
EOF
run peer add P1 --since 2026-10-01
run peer add P2 --since 2026-10-01
expect_rc 0 "peer add"

# ---- a refused add keeps the note given with --note - or --note TEXT --------------------------
before=$(journal_hash)
run_with_input "NOTE piped before the refusal" session add --peer P1 --support emotional \
    --duration 30m --start 23:30 --note -
expect_rc 10 "a blocked add with --note - is refused"
expect_err_has "the session was not saved" "the refusal says the session was not saved"
expect_err_has "Your note was kept in $DRAFTS/" "and where the note is kept"
expect_err_has "not encrypted, like the journal" "and that the draft is plain text"
draft=$(the_draft)
check '[ -f "$draft" ] && [ "$(cat "$draft")" = "NOTE piped before the refusal" ]' \
    "the draft holds the note read from stdin"
check '[ "$(stat -c %a "$draft")" = 600 ]' "the draft is private"
expect_eq "$(journal_hash)" "$before" "nothing was saved"

run session add --peer P1 --support emotional --duration 30m --start 23:30 \
    --note "typed as an argument"
expect_rc 10 "a blocked add with --note TEXT is refused"
draft=$(the_draft)
check '[ -f "$draft" ] && [ "$(cat "$draft")" = "typed as an argument" ]' \
    "the draft holds the note given as an argument"

# The editor does not open for a session that will be refused: nothing was typed yet.
cat >"$WORK/editor.sh" <<'EOF'
#!/bin/sh
touch "$WORK_DIR/editor-ran"
echo "written in the editor" >>"$1"
EOF
chmod +x "$WORK/editor.sh"
drafts_before=$(ls "$DRAFTS" | wc -l)
WORK_DIR="$WORK" EDITOR="$WORK/editor.sh" run session add --peer P1 --support emotional \
    --duration 30m --start 23:30 --editor
expect_rc 10 "a blocked add with --editor is refused"
check '[ ! -e "$WORK/editor-ran" ]' "before the editor opens"
expect_eq "$(ls "$DRAFTS" | wc -l)" "$drafts_before" "and no empty draft is made"

# ---- --override: blank is refused, unneeded is not stored ---------------------------------------
run session add --peer P1 --support emotional --duration 30m --start 23:30 --override "   " \
    --note "blank override"
expect_rc 2 "a blank --override is a usage error"
expect_err_has "--override needs a reason" "the message says a reason is needed"
run session add --peer P2 --support emotional --duration 30m --start 10:00 \
    --override "just in case"
expect_rc 0 "an --override no rule needs still saves"
unneeded=$OUT
expect_err_has "nothing to override" "the user is told there was nothing to override"
expect_err_has "the --override reason was not stored" "and that the reason was not stored"
run session show "$unneeded"
expect_out_lacks "just in case" "the reason is not stored"
run audit list
expect_out_lacks "just in case" "nor audited"

# ---- editing a session saved over a blocking rule -------------------------------------------------
run session add --peer P1 --support emotional --duration 30m --start 23:30 \
    --override "crisis call" --note "crisis"
expect_rc 0 "--override saves the after-hours session"
ov=$OUT
run session edit "$ov" --note "just a note change"
expect_rc 0 "an edit of an overridden session keeps its override"
run session show "$ov"
expect_out_has "overridden: crisis call" "the override reason stands"
expect_out_has "just a note change" "the note changed"
run audit list --format json
expect_json '[.[] | select(.action == "session.override")] | length' "1" \
    "a standing override is not audited again"

before=$(journal_hash)
run session edit "$ov" --money --note "lent 20 for the bus"
expect_rc 10 "an edit that newly breaks a blocking rule is refused"
expect_err_has "the change to session $ov was not saved" "the refusal says the change was not saved"
expect_err_lacks "the session was not saved" "not that the session was not saved"
expect_err_has "money" "it names the rule that newly blocks"
expect_err_lacks "  contact_hours" "not the rule whose override stands"
draft=$(the_draft)
check '[ -f "$draft" ] && [ "$(cat "$draft")" = "lent 20 for the bus" ]' \
    "the note of a refused edit is kept as a draft"
expect_eq "$(journal_hash)" "$before" "the journal is unchanged"

rm -f "$WORK/editor-ran"
WORK_DIR="$WORK" EDITOR="$WORK/editor.sh" run session edit "$ov" --money --editor
expect_rc 10 "a refused edit with --editor"
check '[ ! -e "$WORK/editor-ran" ]' "is refused before the editor opens"

run session edit "$ov" --money --override "bus fare to detox"
expect_rc 0 "a new --override saves the edit"
run session show "$ov"
expect_out_has "money (block): money was lent or borrowed - overridden: bus fare to detox" \
    "the new reason is stored for the rule that newly blocks"
expect_out_has "contact_hours (block)" "the after-hours flag is kept"
run session edit "$ov" --override "after-hours call"
expect_rc 0 "--override alone is a change: it replaces the reason"
run session show "$ov"
expect_out_has "contact_hours (block): contact from 23:30 for 30m is outside the allowed hours 08:00-20:00 - overridden: after-hours call" \
    "the new reason is stored"
expect_out_lacks "bus fare to detox" "the old reason is gone"
run session add --peer P1 --support emotional --duration 30m --start 10:00
plain=$OUT
before=$(journal_hash)
run session edit "$plain" --override "no rule needs it"
expect_rc 2 "--override alone on a session that breaks no blocking rule is refused"
expect_err_has "nothing to change: session $plain breaks no boundary rule set to block" \
    "the message says why"
expect_eq "$(journal_hash)" "$before" "and nothing changed (no edit event, no stale review)"
rm "$CONFIG"

# ---- flag messages carry no typed text; session show lists the facts ------------------------------
run session add --peer P2 --support emotional --duration 30m \
    --dual-relationship "neighbour at number 12"
expect_rc 0 "a session with a dual relationship"
dual=$OUT
expect_err_has "dual_relationship: a dual relationship is recorded (see the session)" \
    "the warning points at the session"
expect_err_lacks "number 12" "and does not copy the relationship"
for format in table markdown csv json; do
    run report boundaries --week this --format "$format"
    expect_rc 0 "report boundaries --format $format"
    expect_out_has "a dual relationship is recorded (see the session)" \
        "report boundaries ($format) has the flag"
    expect_out_lacks "number 12" "report boundaries ($format) does not show the relationship"
done
run session show "$dual"
expect_out_has "Facts:      dual relationship: neighbour at number 12" \
    "session show lists the relationship among the facts"
expect_out_lacks "Boundaries:" "the facts line is not labelled Boundaries"
run session show "$unneeded"
expect_out_has "Facts:      none recorded" "a session with no facts says none recorded"

run session add --peer P2 --support emotional --duration 30m --gift 25.001
expect_rc 0 "a gift just above the limit"
expect_err_has "a gift worth 25.001 was received, above the limit of 25.00" \
    "the message shows why it is above the limit"
run session show "$OUT"
expect_out_has "gift received worth 25.001" "session show gives the value as stored"

# ---- reviews in session show ----------------------------------------------------------------------
run session review "$dual" --by "Dr Sup" --comment "Talk about the neighbour at supervision." \
    --date 2026-11-18
expect_rc 0 "session review with a comment"
run session show "$dual"
expect_out_has "Review:     2026-11-18 by Dr Sup" "session show names the reviewer and the date"
expect_out_has "  Talk about the neighbour at supervision." "and the comment"
run session edit "$dual" --duration 40m
run session review "$dual" --by "Dr Lee"
run session show "$dual" --format json
expect_json '.reviews' \
    '[{"by":"Dr Sup","on":"2026-11-18","comment":"Talk about the neighbour at supervision.","stale":true},{"by":"Dr Lee","on":"2026-11-18","comment":"","stale":false}]' \
    "session show --format json lists the reviews, the one before the edit stale"
run session show "$dual"
expect_out_has "by Dr Sup (stale: the session was edited after it)" "a stale review is marked"

# ---- a session before its peer's since --------------------------------------------------------------
run peer add RJ-07
expect_rc 0 "a peer added today"
run peer show RJ-07 --format json
expect_json '.since' '"2026-11-18"' "is on the caseload since today"
run session add --peer RJ-07 --support emotional --duration 45m --date 2026-11-10
expect_rc 0 "a session last week"
last_week=$OUT
expect_err_has "RJ-07 is on the caseload since 2026-11-10 now, the date of this session" \
    "the user is told the peer's since moved"
run peer show RJ-07 --format json
expect_json '.since' '"2026-11-10"' "the peer's since is the session's date"
run report summary --week 2026-W46 --format json
expect_json '.caseload.active_peers' '3' "last week's caseload counts the peer (P1, P2 and RJ-07)"
run audit list
expect_out_has "since moved back to 2026-11-10, the date of session $last_week" "it is audited"
run session add --peer RJ-07 --support emotional --duration 45m --date 2026-11-12
expect_err_lacks "on the caseload since" "a later session moves nothing"

run group add "Tuesday circle"
run peer add NEW-1
run session add --group "Tuesday circle" --attendee NEW-1,RJ-07 --support affiliational \
    --duration 1h --date 2026-11-03
expect_rc 0 "a group session before two attendees' since"
expect_err_has "NEW-1 is on the caseload since 2026-11-03 now" "moves the first attendee's since"
expect_err_has "RJ-07 is on the caseload since 2026-11-03 now" "and the second's"
run session edit "$last_week" --date 2026-10-27
expect_err_has "RJ-07 is on the caseload since 2026-10-27 now" "an edit to an earlier date too"
run -q session add --peer NEW-1 --support emotional --duration 5m --date 2026-11-01
expect_eq "$ERR" "" "-q silences it"

finish

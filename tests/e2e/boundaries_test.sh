# Boundary rules end to end: each rule trips under its own name, `warn` saves and flags,
# `block` refuses (journal unchanged) until --override, `off` silences, edits re-evaluate.
source "$(dirname "$0")/lib.sh"
CONFIG="$XDG_CONFIG_HOME/peerlog/config.toml"
mkdir -p "$(dirname "$CONFIG")"

expect_err_lacks() { if [[ "$ERR" != *"$1"* ]]; then pass; else fail "$2 (stderr has '$1')"; fi; }

# add_ok RULE WHAT ARGS...: `session add ARGS` saves (exit 0), warns about RULE on stderr and
# stores the flag: `session show` names it. Sets $id, and ERR to the add's stderr.
add_ok() {
    local rule=$1 what=$2
    shift 2
    run session add "$@"
    expect_rc 0 "$what is saved (warn)"
    id=$OUT
    expect_err_has "flagged for supervisor review: $rule:" "$what: the warning names $rule"
    local add_err=$ERR
    run session show "$id"
    expect_out_has "Flag:" "$what: session show has a Flag line"
    expect_out_has "$rule (warn)" "$what: session show names $rule"
    ERR=$add_err # later checks look at the warning of `session add`
}

# Sessions are spread over peers so that no peer passes 5 contacts a week by accident.
for peer in P1 P2 P3 P4 P5 P6; do
    run peer add $peer
done
expect_rc 0 "peer add"

# ---- each rule, at its default severity (warn) -----------------------------------------------
add_ok contact_hours "an after-hours session" --peer P1 --support emotional --duration 30m \
    --start 23:30 --modality phone --note "late call"
late=$id
expect_err_has "outside the allowed hours 08:00-20:00" "the warning says what is wrong"
add_ok session_length "a 4-hour session" --peer P1 --support emotional --duration 4h
add_ok gift "a gift above 25" --peer P2 --support emotional --duration 30m --gift 40
expect_err_has "above the limit of 25.00" "the gift warning gives the limit"
run session show "$id" --format json
expect_json '.facts.gift' '{"direction":"received","value":40}' "the gift and its value in json"
run session list --format json
expect_json '[.[] | has("facts")] | any' 'false' "session list json has no facts without --with-notes"
add_ok money "money lent" --peer P2 --support instrumental --duration 30m --money
add_ok transport "a ride in a personal car" --peer P2 --support instrumental --duration 30m \
    --transport
add_ok social_media "contact on personal social media" --peer P4 --support emotional \
    --duration 15m --modality text --social-media
add_ok dual_relationship "a dual relationship" --peer P4 --support emotional --duration 30m \
    --dual-relationship "neighbour"
dual=$id
run session show "$dual" --format json
expect_json '.facts' '{"gift":null,"money":false,"transport":false,"social_media":false,"dual_relationship":"neighbour"}' \
    "session show json carries the recorded facts"
add_ok disclosure_purpose "a disclosure without a purpose" --peer P4 --support emotional \
    --duration 30m --disclosed

# A gift at the limit, a disclosure with a purpose and a daytime start trip nothing.
run session add --peer P3 --support emotional --duration 30m --gift 25 --start 09:00 \
    --disclosed --disclosure "to show recovery is possible"
expect_rc 0 "a session within every rule"
clean=$OUT
expect_eq "$ERR" "saved session $clean with P3 on 2026-11-18 (30m)" "no warning at all"
run session show "$clean"
expect_out_lacks "Flag:" "and no flag"

# contacts_per_week: the sixth session with P3 in week 2026-W46 trips it, not the fifth.
for day in 09 10 11 12 13; do
    run session add --peer P3 --support emotional --duration 30m --date "2026-11-$day"
done
expect_rc 0 "five sessions in one week"
expect_err_lacks "contacts_per_week" "the fifth session is within the limit of 5"
add_ok contacts_per_week "the sixth session in a week" --peer P3 --support emotional \
    --duration 30m --date 2026-11-14
expect_err_has "6 contacts with P3 in week 2026-W46" "the warning counts the contacts"

# modality and setting via the allowed_* keys.
cat >"$CONFIG" <<'EOF'
[boundaries]
allowed_modalities = ["in-person", "phone"]
allowed_settings = ["office", "community"]
EOF
add_ok modality "a video session when video is not allowed" --peer P5 --support emotional \
    --duration 30m --modality video
expect_err_has "modality video is not allowed" "the modality warning"
add_ok setting "a home visit when home is not allowed" --peer P5 --support emotional \
    --duration 30m --setting home
expect_err_has "setting home is not allowed" "the setting warning"
run session add --peer P5 --support emotional --duration 30m --modality phone \
    --setting community
expect_rc 0 "an allowed modality and setting"
expect_err_lacks "flagged" "trip nothing"
rm "$CONFIG"

# ---- flags in list --flagged, list --format json and report boundaries -------------------------
run session list --flagged --format json
expect_rc 0 "session list --flagged"
expect_json "[.[].id] | index($clean)" "null" "the clean session is not listed"
expect_json "map(select(.id == $late)) | .[0].flags" '["contact_hours"]' \
    "the after-hours session is listed with its flag"
expect_json "[.[] | select(.flags == [])] | length" "0" "every listed session has a flag"
run session list --flagged
expect_out_has "contact_hours" "the table has the flags column"
run session list --format json
expect_json "map(select(.id == $clean)) | .[0].flags" '[]' "an unflagged session: flags []"

run report boundaries --week this
expect_rc 0 "report boundaries --week this"
for rule in contact_hours session_length gift money transport social_media dual_relationship \
    disclosure_purpose modality setting; do
    expect_out_has "$rule (" "report boundaries has a section for $rule"
done
expect_out_lacks "contacts_per_week" "last week's flag is not in this week"
run report boundaries --week 2026-W46
expect_out_has "contacts_per_week (1)" "report boundaries of last week groups contacts_per_week"
run report boundaries --week this --format json
expect_json '.rules | map(.rule) | index("contact_hours") != null' "true" "json has the rule"
expect_json "[.rules[] | select(.rule == \"contact_hours\") | .flags[].session]" "[$late]" \
    "and the session"
expect_json '.overrides' "0" "no overrides yet"

# ---- block: refused, journal unchanged; --override saves it -------------------------------------
cat >"$CONFIG" <<'EOF'
[boundaries.severity]
contact_hours = "block"
EOF
before=$(journal_hash)
run session add --peer P1 --support emotional --duration 30m --start 23:30 --note "crisis"
expect_rc 10 "a blocked session is refused with exit 10"
expect_err_has "contact_hours" "the refusal names the rule"
expect_err_has "--override" "and says how to proceed"
expect_eq "$OUT" "" "no id is printed"
expect_eq "$(journal_hash)" "$before" "the journal is unchanged"

run session add --peer P1 --support emotional --duration 30m --start 23:30 \
    --override "crisis call" --note "crisis"
expect_rc 0 "--override saves it"
overridden=$OUT
expect_err_has "overridden: crisis call" "the warning shows the override"
run session show "$overridden"
expect_out_has "contact_hours (block)" "session show: the flag is a block"
expect_out_has "overridden: crisis call" "session show: the override reason"
run report boundaries --week this
expect_out_has "crisis call" "report boundaries shows the reason"
expect_out_has "11 flagged sessions, 1 override." "and counts the override, in the singular"
run report boundaries --week this --format json
expect_json '.overrides' "1" "json counts it too"
run audit list
expect_out_has "session.override" "audit list has the override event"
expect_out_has "crisis call" "with its reason"
run audit list --format json
expect_json "[.[] | select(.action == \"session.override\") | .object]" \
    "[\"session $overridden\"]" "the override event names the session"

# Editing into a blocked state is refused too, and changes nothing.
before=$(journal_hash)
run session edit "$clean" --start 22:00
expect_rc 10 "an edit that breaks a blocking rule is refused"
expect_eq "$(journal_hash)" "$before" "the journal is unchanged"

# ---- off: the rule is not checked --------------------------------------------------------------
cat >"$CONFIG" <<'EOF'
[boundaries.severity]
contact_hours = "off"
money = "off"
EOF
run session add --peer P6 --support emotional --duration 30m --start 23:30 --money
expect_rc 0 "rules set to off do not refuse"
off=$OUT
expect_err_lacks "flagged" "nor warn"
run session show "$off"
expect_out_lacks "Flag:" "nor flag"
rm "$CONFIG"

# ---- editing re-evaluates ----------------------------------------------------------------------
run session edit "$late" --start none
expect_rc 0 "removing the start time"
run session show "$late"
expect_out_lacks "contact_hours" "clears the contact_hours flag"
run session list --flagged --format json
expect_json "[.[].id] | index($late)" "null" "and the session leaves list --flagged"
run session edit "$clean" --money
expect_rc 0 "an edit adding money"
expect_err_has "money" "warns"
run session show "$clean"
expect_out_has "money (warn)" "and flags the edited session"
run session edit "$clean" --no-money
run session show "$clean"
expect_out_lacks "Flag:" "--no-money clears it again"


# ---- a blank disclosure purpose is no purpose: session add, session edit and import alike ------
add_ok disclosure_purpose "a disclosure whose purpose is spaces" --peer P5 --support emotional \
    --duration 30m --disclosure "   "
run session show "$id" --format json
expect_json '[.self_disclosure, .disclosure_purpose]' '[true,""]' \
    "it is a self-disclosure with no purpose (stored trimmed)"
run session add --peer P5 --support emotional --duration 30m --disclosure "  to show hope  "
expect_rc 0 "a purpose with spaces around it"
expect_err_lacks "flagged" "is a purpose"
padded=$OUT
run session show "$padded" --format json
expect_json '.disclosure_purpose' '"to show hope"' "stored trimmed"
run session edit "$padded" --disclosure "	 "
expect_rc 0 "editing the purpose to blanks"
expect_err_has "flagged for supervisor review: disclosure_purpose:" "flags it"
run session show "$padded" --format json
expect_json '[.self_disclosure, .disclosure_purpose, .flags]' '[true,"",["disclosure_purpose"]]' \
    "a self-disclosure with no purpose, flagged"
printf 'date,peer,minutes,support,self_disclosure,disclosure_purpose\n%s\n' \
    '2026-11-02,P6,45,emotional,yes,"   "' >"$WORK/blank.csv"
run import sessions "$WORK/blank.csv"
expect_rc 0 "an imported disclosure whose purpose is spaces"
run session list --peer P6 --format json
expect_json '[.[] | select(.date == "2026-11-02") | .flags]' '[["disclosure_purpose"]]' \
    "the import flags it too"
cat >"$CONFIG" <<'EOF'
[boundaries.severity]
disclosure_purpose = "block"
EOF
before=$(journal_hash)
run session add --peer P5 --support emotional --duration 30m --disclosure "   "
expect_rc 10 "with disclosure_purpose set to block, a blank purpose is refused"
expect_eq "$(journal_hash)" "$before" "and nothing is saved"
rm "$CONFIG"

finish

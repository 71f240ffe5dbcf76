# `report summary --identified --recipient R`: the summary plus names, contacts and notes of
# consenting peers only, with the 42 CFR 2.32 notice, recorded as a disclosure like
# `export --identified`; the de-identified report is unchanged; an encrypted journal works.
source "$(dirname "$0")/lib.sh"

check() { if eval "$1"; then pass; else fail "$2"; fi; }

# P1 consents to Dr Lee; P2 has no consent; P3's was revoked yesterday; all seen this week.
run peer add P1 --name "Alex Quillfeather" --contact "555-0101"
expect_rc 0 "peer add P1 with identity"
run peer add P2 --name "Blair Underwood-Sparrow"
run peer add P3 --name "Casey Threnody"
for peer in P1 P2 P3; do
    run session add --peer $peer --support emotional,instrumental --duration 45m \
        --date 2026-11-17 --note "note-$peer-persimmon"
    expect_rc 0 "session for $peer"
done
run consent add P1 --recipient "Dr Lee" --purpose "care coordination" --info "name and notes" --share contact,attendance,support,notes \
    --signed 2026-11-01 --expires 2027-11-01
expect_rc 0 "consent for P1"
run consent add P3 --recipient "Dr Lee" --purpose "care coordination" --info "notes" --share contact,attendance,support,notes \
    --signed 2026-11-01 --expires 2027-11-01
run consent revoke "$OUT" --date 2026-11-17
expect_rc 0 "P3's consent revoked yesterday"

# ---- the de-identified report, before and without --identified ------------------------------
for format in table markdown csv json; do
    run report summary --week this --format $format
    expect_rc 0 "report summary --format $format"
    cp "$WORK/out" "$WORK/plain.$format"
done
run report summary --week this --recipient "Dr Lee"
expect_eq "$OUT" "$(cat "$WORK/plain.table")" "--recipient without --identified changes nothing"
expect_out_lacks "persimmon" "the de-identified report has no notes"
expect_out_lacks "Quillfeather" "nor names"

# ---- refusals ----------------------------------------------------------------------------------
before=$(journal_hash)
run report summary --week this --identified
expect_rc 2 "--identified without --recipient is a usage error"
expect_err_has "--recipient" "the message names --recipient"
run report summary --week this --identified --recipient "Dr Lee" --suppress-below 5
expect_rc 2 "--identified with --suppress-below is a usage error"
expect_err_has "--suppress-below" "the message names --suppress-below"
run report summary --week this --identified --recipient "Nobody"
expect_rc 10 "no peer has a consent for that recipient: exit 10"
expect_eq "$OUT" "" "and nothing is written"
expect_eq "$(journal_hash)" "$before" "and nothing is recorded"

# ---- the identified report ---------------------------------------------------------------------
run report summary --week this --identified --recipient "Dr Lee"
expect_rc 0 "identified report to Dr Lee"
expect_eq "$(head -c 21 <<<"$OUT")" "Redisclosure notice: " "the notice comes first"
expect_out_has "42 CFR part 2" "it is the 42 CFR 2.32 notice"
# The plain summary ends with one line per other report ("At a glance"); the identified one
# carries the period summary itself.
expect_out_has "$(sed '/^At a glance$/,$d' "$WORK/plain.table")" \
    "the de-identified summary is in it unchanged"
expect_out_has "Identified records for Dr Lee" "the identified section is headed"
expect_out_has "Alex Quillfeather" "the consenting peer's name appears"
expect_out_has "555-0101" "and the contact"
expect_out_has "note-P1-persimmon" "and the note"
expect_out_has "2026-11-17              45  in-person  office   emotional,instrumental  note-P1" \
    "with date, minutes, modality, setting, support and note"
expect_out_lacks "Underwood-Sparrow" "a peer without a consent is not named"
expect_out_lacks "note-P2" "nor its note"
expect_out_lacks "Threnody" "a peer whose consent was revoked is not named"
expect_out_lacks "note-P3" "nor its note"
expect_err_has "left out (no valid consent for Dr Lee): P2, P3" \
    "the peers left out are named on stderr, as export does"
expect_err_has "recorded" "the disclosure is confirmed on stderr"

run report summary --week this --identified --recipient "Dr Lee" --purpose "care coordination" \
    --format json
expect_rc 0 "identified report as json"
expect_json '.kind' '"peerlog.report.summary.identified"' "kind"
expect_json '.notice | test("42 CFR part 2")' 'true' "the notice is a field"
expect_json '.totals.sessions' '3' "the summary figures are there"
expect_json '[.identified.peers[].code]' '["P1"]' "only P1 is identified"
expect_json '.identified.peers[0].name' '"Alex Quillfeather"' "with its name"
expect_json '.identified.peers[0].sessions[0].note' '"note-P1-persimmon"' "and its note"
expect_json '.identified.purpose' '"care coordination"' "and the purpose asked for"
json_disclosure=$(jq .identified.disclosure "$WORK/out")

run report summary --week this --identified --recipient "dr lee" --format markdown
expect_rc 0 "identified report as markdown"
expect_eq "$(head -c 27 <<<"$OUT")" "> **Redisclosure notice:** " "markdown starts with the notice"
expect_out_has "| Alex Quillfeather | 555-0101 |" "the identity as a table"
expect_out_lacks "note-P2" "no unconsented note"

run report summary --week this --identified --recipient "Dr Lee" --format csv
expect_rc 0 "identified report as csv"
expect_eq "$(head -c 7 <<<"$OUT")" "notice," "csv starts with the notice"
expect_out_has "identified,P1,,45," "one row per disclosed session"
expect_out_has "note-P1-persimmon" "with the note"
expect_out_lacks "note-P2" "no unconsented note"

run report summary --week this --identified --recipient "Dr Lee" -o "$WORK/report.txt"
expect_rc 0 "identified report to a file"
check '[ "$(stat -c %a "$WORK/report.txt")" = 600 ]' "the file is private (0600)"
check 'grep -q note-P1-persimmon "$WORK/report.txt"' "and holds the note"

# ---- the accounting of disclosures -------------------------------------------------------------
run audit disclosures
expect_rc 0 "audit disclosures"
expect_out_has "identified report summary" "the report is listed as what was disclosed"
expect_out_has "Dr Lee" "with its recipient"
run audit disclosures P1 --format json
expect_json 'length' '5' "each of the five identified reports is one disclosure of P1"
expect_json '[.[] | select(.id == '"$json_disclosure"') | .purpose]' '["care coordination"]' \
    "with its purpose"
expect_json '[.[].peers] | unique' '[["P1"]]' "and only P1 as its peer"
run audit disclosures P2 --format json
expect_json 'length' '0' "P2 was never disclosed"
run audit list
expect_out_has "identified report summary" "the audit trail records the report"
run audit verify
expect_rc 0 "the chain is intact"

# ---- a group session: listed for a consenting attendee, without its note or the others -------
run group add "Tuesday circle"
run session add --group "Tuesday circle" --attendee P1,P2 --unnamed 2 --support affiliational \
    --duration 1h --date 2026-11-17 --note "group-note-marmalade about P2"
expect_rc 0 "a group session with P1 and P2"
group_session=$OUT
for command in "export" "report summary"; do
    run $command --week this --format json --identified --recipient "Dr Lee"
    expect_rc 0 "$command --identified with a group session in the period"
    expect_out_lacks "marmalade" "$command: the group session's note concerns others: withheld"
    expect_out_lacks "Blair" "$command: P2 (no consent) is not named"
    expect_err_has "P2" "$command: P2 is named as left out"
    check "printf '%s' \"\$OUT\" | grep -q '\"id\": *$group_session'" \
        "$command: the group session is listed for P1"
done
run export --week this --format json --identified --recipient "Dr Lee"
expect_json "[.. | objects | select(.id? == $group_session) | has(\"attendees\"), has(\"note\")]" \
    '[false,false]' "without its attendee list or note"

# ---- an encrypted journal ------------------------------------------------------------------------
export PEERLOG_JOURNAL="$WORK/secret.db"
printf '%s\n' 'grey-heron passphrase 9' >"$WORK/pass" && chmod 600 "$WORK/pass"
run init --encrypt --passphrase-file "$WORK/pass"
expect_rc 0 "init --encrypt"
run --passphrase-file "$WORK/pass" peer add S1 --name "Sable Kittiwake"
run --passphrase-file "$WORK/pass" session add --peer S1 --support emotional --duration 30m \
    --date 2026-11-17 --note "sealed-note-kingfisher"
expect_rc 0 "an encrypted session"
run consent add S1 --recipient "Dr Lee" --purpose "care" --info "notes" \
    --share contact,attendance,support,notes --signed 2026-11-01 --expires 2027-11-01
expect_rc 10 "a consent's recipient and purpose are sealed: consent add needs the passphrase"
run --passphrase-file "$WORK/pass" consent add S1 --recipient "Dr Lee" --purpose "care" \
    --info "notes" --share contact,attendance,support,notes --signed 2026-11-01 --expires 2027-11-01
expect_rc 0 "consent in the encrypted journal"
run report summary --week this
expect_rc 0 "the de-identified report needs no passphrase"
before=$(cat "$PEERLOG_JOURNAL" "$PEERLOG_JOURNAL-wal" 2>/dev/null | sha256sum)
run report summary --week this --identified --recipient "Dr Lee"
expect_rc 10 "the identified report needs the passphrase"
expect_out_lacks "kingfisher" "and shows nothing without it"
expect_eq "$(cat "$PEERLOG_JOURNAL" "$PEERLOG_JOURNAL-wal" 2>/dev/null | sha256sum)" "$before" \
    "and records no disclosure"
run --passphrase-file "$WORK/pass" report summary --week this --identified --recipient "Dr Lee"
expect_rc 0 "the identified report with --passphrase-file"
expect_out_has "sealed-note-kingfisher" "decrypts the note"
expect_out_has "Sable Kittiwake" "and the name"
run --passphrase-file "$WORK/pass" audit disclosures
expect_out_has "identified report summary" "and is recorded in the encrypted journal"

finish

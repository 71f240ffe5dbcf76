# Privacy end to end: consents and their validity, identified exports only for consenting
# peers (with the 42 CFR 2.32 notice, recorded as a disclosure), de-identified plain exports,
# `peer forget` leaving no trace of a note in the journal's bytes, and `purge`.
source "$(dirname "$0")/lib.sh"

check() { if eval "$1"; then pass; else fail "$2"; fi; }
# in_journal TEXT: how many times TEXT is found in the journal file's bytes, WAL checkpointed.
in_journal() {
    sqlite3 "$JOURNAL" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
    LC_ALL=C grep -a -c -- "$1" "$JOURNAL"
}

# Five peers seen this week (2026-W47), each with a distinctive note.
run peer add P1 --name "Alex Quillfeather" --contact "555-0101"
expect_rc 0 "peer add --name --contact"
for peer in P2 P3 P4 P5; do
    run peer add $peer --name "Name of $peer"
done
for peer in P1 P2 P3 P4 P5; do
    run session add --peer $peer --support emotional --duration 30m --date 2026-11-17 \
        --note "note-$peer-$(echo $peer | tr 0-9 a-j)-marmalade"
    expect_rc 0 "session for $peer"
done
run peer show P1 --identity
expect_out_has "Alex Quillfeather" "peer show --identity shows the name"
expect_out_has "555-0101" "and the contact"
run peer show P1
expect_out_lacks "Quillfeather" "peer show without --identity does not"
# A failed edit saves nothing, identity fields included.
run peer edit P1 --name "Wrong Name" --code P2
expect_rc 9 "peer edit to a code in use is a conflict"
run peer show P1 --identity
expect_out_has "Alex Quillfeather" "the failed edit did not change the name"
run peer edit P1 --name "Alex Quillfeather" # (puts it back if it did, so later checks hold)

# ---- consent add / list / show / revoke ----------------------------------------------------------
consent() {
    run consent add "$@"
    expect_rc 0 "consent add $*"
    consent_id=$OUT
}
consent P1 --recipient "Dr Lee" --purpose "care coordination" --info "name, contact and notes" --share contact,attendance,support,notes \
    --signed 2026-11-01 --expires 2027-11-01
c1=$consent_id
expect_eq "$c1" "1" "consent add prints the new id"
consent P3 --recipient "Dr Lee" --purpose "care coordination" --info "notes" --share contact,attendance,support,notes \
    --signed 2026-11-01 --until "discharge"
c3=$consent_id
consent P4 --recipient "dr lee" --purpose "care coordination" --info "notes" --share contact,attendance,support,notes \
    --signed 2026-10-01 --expires 2026-11-17
run consent show "$consent_id"
expect_out_has "dr lee" "the recipient is kept as typed"
consent P5 --recipient "Dr Lee" --purpose "care coordination" --info "notes" --share contact,attendance,support,notes \
    --signed 2026-10-01 --expires 2026-11-18
run consent show "$consent_id"
expect_out_has "Status today: valid" "a consent expiring today is valid today"
consent P2 --recipient "Probation Office" --purpose "court report" --info "attendance" --share contact,attendance,support,notes \
    --signed 2026-11-01 --expires 2027-01-01

run consent add P2 --recipient "Dr Lee" --purpose "care" --info "notes" --share contact,attendance,support,notes --signed 2026-11-01
expect_rc 3 "a consent with neither --expires nor --until is refused"
expect_err_has "--expires" "and the message says what to give"
run consent add P2 --recipient "Dr Lee" --purpose "care" --info "notes" --share contact,attendance,support,notes --signed 2026-11-01 \
    --expires 2027-01-01 --until "discharge"
expect_rc 2 "--expires and --until together are a usage error"
run consent add P2 --recipient "Dr Lee" --purpose "care" --signed 2026-11-01 --expires 2027-01-01 \
    --share attendance
expect_rc 2 "--info is required"
run consent add NOPE --recipient "Dr Lee" --purpose "care" --info "x" --share contact,attendance,support,notes --signed 2026-11-01 \
    --expires 2027-01-01
expect_rc 4 "a consent for an unknown peer"

run consent revoke "$c3" --date 2026-11-17
expect_rc 0 "consent revoke --date yesterday"
run consent revoke "$c3"
expect_rc 9 "revoking twice is a conflict"
run consent revoke 99
expect_rc 4 "revoking an unknown consent"
# Dates after today: a consent not signed yet, a revocation that would keep it counting.
before=$(journal_hash)
run consent revoke "$c1" --date 2026-12-05
expect_rc 3 "a revocation dated in the future is refused"
expect_err_has "2026-12-05" "the refusal names the date"
expect_err_has "today is 2026-11-18" "and today"
run consent add P2 --recipient "Dr Lee" --purpose "care" --info "notes" --share contact,attendance,support,notes --signed 2026-11-19 \
    --expires 2027-01-01
expect_rc 3 "a consent signed tomorrow is refused"
expect_err_has "today is 2026-11-18" "the refusal names today"
expect_eq "$(journal_hash)" "$before" "neither changed the journal"
run consent show "$c1" --format json
expect_json '.revoked_on' 'null' "the consent is not revoked"

run consent list
expect_rc 0 "consent list"
expect_out_has "revoked 2026-11-17" "a consent revoked yesterday shows as revoked"
expect_out_has "expired 2026-11-17" "a consent that expired yesterday shows as expired"
expect_out_has "until discharge" "an event expiry is shown"
run consent list P5
expect_out_has "valid" "a consent expiring today is still valid"
check '[ "$(grep -c "^ *[0-9]" <<<"$OUT")" = 1 ]' "consent list P5 has one row"
run consent show "$c1"
expect_rc 0 "consent show"
for field in "Recipient:" "Purpose:" "Information:" "Signed:" "Effective:" "Expires:" \
    "Revoked:" "Status today:"; do
    expect_out_has "$field" "consent show has $field"
done
expect_out_has "name, contact and notes" "consent show gives the information"
expect_out_has "Effective:    2026-11-01" "consent show: effective defaults to the signature day"
run consent show 99
expect_rc 4 "consent show of an unknown id"
run consent list --format json
expect_rc 0 "consent list --format json"
expect_json '.[0] | keys' \
    '["effective_on","expires_on","expiry_event","id","information","peer","purpose","recipient","revoked_on","share","share_recorded","signed_on","status"]' \
    "consent json fields"
expect_json "[.[] | select(.id == $c3) | .status, .revoked_on, .expiry_event]" \
    '["revoked","2026-11-17","discharge"]' "a revoked consent's status and dates"
expect_json "[.[] | select(.id == $c1) | .status, .expires_on]" '["valid","2027-11-01"]' \
    "a valid one's"
run consent show "$c1" --format json
expect_json '[.id, .peer, .information]' "[$c1,\"P1\",\"name, contact and notes\"]" \
    "consent show --format json is the list's object"
run consent list --format yaml
expect_rc 2 "an unknown format is a usage error"

# ---- identified export ---------------------------------------------------------------------------
run export --week this --identified --recipient "Dr Lee"
expect_rc 0 "identified export to Dr Lee"
expect_json '[.peers[].code]' '["P1","P5"]' \
    "only P1 and P5 (expires today) count; P3 revoked and P4 expired yesterday do not"
expect_json '.peers[0].name' '"Alex Quillfeather"' "the consenting peer's name is included"
expect_json '.peers[0].contact' '"555-0101"' "and the contact"
expect_json '.peers[0].sessions[0].note' '"note-P1-Pb-marmalade"' "and the note"
expect_json '.peers[0].consents' "[$c1]" "and the consent that allows it"
expect_json '.notice | test("42 CFR part 2")' 'true' "the 42 CFR 2.32 notice is present"
expect_json '.recipient' '"Dr Lee"' "the recipient is named"
expect_json '.kind' '"peerlog.export.identified"' "kind"
expect_out_lacks "Name of P2" "a peer without a consent is not in the export"
expect_out_lacks "note-P2" "nor its note"
expect_out_lacks "note-P3" "nor a revoked peer's note"
expect_out_lacks "note-P4" "nor an expired peer's note"
expect_err_has "left out" "the peers left out are named on stderr"
for peer in P2 P3 P4; do
    expect_err_has "$peer" "$peer is named as left out"
done
disclosure=$(jq .disclosure "$WORK/out")


run export --week this --identified --recipient "Dr Lee" --purpose "court report"
expect_rc 10 "no peer has a consent for that purpose: exit 10"
run export --week this --identified --recipient "Nobody"
expect_rc 10 "no peer has a consent for that recipient: exit 10"
expect_eq "$OUT" "" "and nothing is written"
run export --week this --identified
expect_rc 2 "--identified without --recipient is a usage error"
run export --week this --identified --recipient "Probation Office" --format csv
expect_rc 0 "identified csv export"
expect_out_has "42 CFR part 2" "the csv carries the notice"
expect_out_has "note-P2-Pc-marmalade" "and the consenting peer's note"
expect_out_lacks "note-P1" "but no other peer's"

run audit disclosures
expect_rc 0 "audit disclosures"
expect_out_has "Dr Lee" "the disclosure to Dr Lee is listed"
expect_out_has "P1 (contact,attendance,support,notes), P5 (contact,attendance,support,notes)" \
    "with the peers it included, each with the categories given"
expect_out_has "Probation Office" "and the csv one"
run audit disclosures P5 --format json
expect_json '[.[].id]' "[$disclosure]" "audit disclosures P5 lists the one that included P5"
expect_json '.[0].recipient' '"Dr Lee"' "with its recipient"
run audit disclosures P4 --format json
expect_json 'length' '0' "P4 was never disclosed"
run audit list
expect_out_has "disclosure" "the disclosure is in the audit trail"

# An output that cannot be written records no disclosure; a recipient typed with spaces is
# recorded trimmed.
disclosures_before=$("$PEERLOG" audit disclosures --format json </dev/null | jq length)
run export --week this --identified --recipient "Dr Lee" -o /nonexistent/x.json
expect_rc 8 "an identified export to a directory that does not exist"
expect_err_lacks "disclosure" "says no disclosure was recorded"
expect_eq "$("$PEERLOG" audit disclosures --format json </dev/null | jq length)" \
    "$disclosures_before" "and records none"
run report summary --week this --identified --recipient "Dr Lee" -o /nonexistent/x.txt
expect_rc 8 "an identified report to a directory that does not exist"
expect_eq "$("$PEERLOG" audit disclosures --format json </dev/null | jq length)" \
    "$disclosures_before" "records none either"
run export --week this --identified --recipient " Dr Lee " -o "$WORK/trimmed.json"
expect_rc 0 "an identified export to ' Dr Lee '"
expect_err_has "recorded: 2 peers to Dr Lee" "the confirmation names the trimmed recipient"
expect_eq "$(jq -r .recipient "$WORK/trimmed.json")" "Dr Lee" "the file too"
run audit disclosures --format json
expect_json '.[-1] | [.recipient, .purpose, .peer_purposes]' \
    '["Dr Lee","care coordination",["care coordination","care coordination"]]' \
    "recorded trimmed, with the purpose of the consents that allowed it (no --purpose given)"

# ---- plain exports and reports never carry names or notes ----------------------------------------
for format in json csv ndjson; do
    run export --week this --format "$format"
    expect_rc 0 "export --format $format"
    expect_out_lacks "marmalade" "a plain $format export has no notes"
    expect_out_lacks "Quillfeather" "a plain $format export has no names"
    expect_out_lacks "555-0101" "a plain $format export has no contacts"
done
for format in table markdown csv json; do
    run report summary --week this --format "$format"
    expect_out_lacks "marmalade" "report summary ($format) has no notes"
    expect_out_lacks "Quillfeather" "report summary ($format) has no names"
done

# A disclosure of P1 alone, to a recipient and for a purpose typed for P1 only.
consent P1 --recipient "Dr Zanzibar" --purpose "quokka relapse plan" --info "notes" --share contact,attendance,support,notes \
    --signed 2026-11-01 --expires 2027-11-01
run export --week this --identified --recipient "Dr Zanzibar"
expect_rc 0 "an identified export of P1 alone"
lone=$(jq .disclosure "$WORK/out")

# ---- peer forget ---------------------------------------------------------------------------------
check '[ "$(in_journal note-P1-Pb-marmalade)" -ge 1 ]' "the note is in the journal before forget"
before=$(journal_hash)
run peer forget P1
expect_rc 2 "peer forget off a terminal without --yes is refused"
expect_eq "$(journal_hash)" "$before" "and changes nothing"
run peer forget P1 --dry-run
expect_out_has "kept in the accounting of 3 disclosures as a forgotten peer" \
    "--dry-run counts the disclosures that keep P1 as a forgotten peer"
run peer forget P1 --yes
expect_rc 0 "peer forget --yes"
expect_err_has "forgot peer P1" "says so"
expect_err_has "kept in the accounting of 3 disclosures as a forgotten peer" \
    "and that the accounting keeps them, without P1"
run peer show P1
expect_rc 4 "the peer is gone"
expect_eq "$(in_journal note-P1-Pb-marmalade)" "0" "the forgotten peer's note is not in the file"
expect_eq "$(in_journal Quillfeather)" "0" "nor its name"
expect_eq "$(in_journal 555-0101)" "0" "nor its contact"
check '[ "$(in_journal note-P2-Pc-marmalade)" -ge 1 ]' "another peer's note still is"
run consent show "$c1"
expect_rc 4 "its consent is gone"
run audit list
expect_out_has "peer.forget" "audit list has a peer.forget event"
run audit list --format json
expect_json '[.[] | select(.action == "peer.forget") | .object]' '["a forgotten peer"]' \
    "the event names neither the code nor the internal id"
run audit disclosures --format json
expect_json '[.[] | select(.id == '"$disclosure"') | .peers[]]' '["a forgotten peer","P5"]' \
    "the forgotten peer stays in the accounting of disclosures, as a forgotten peer"
expect_json "[.[] | select(.id == $disclosure) | .people]" '[2]' "which still counts 2 people"
expect_json "[.[] | select(.id == $lone) | [.recipient, .purpose, .people, .peers]]" \
    '[["Dr Zanzibar","quokka relapse plan",1,["a forgotten peer"]]]' \
    "a disclosure of the forgotten peer alone stays, with its recipient and purpose"
expect_eq "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM disclosure_peer WHERE peer_code = 'P1' OR peer_id = 1")" \
    "0" "no row of the accounting keeps P1's code or id"
run audit disclosures P1 --format json
expect_json 'length' '0' "no accounting is found by the forgotten code"
run export --week this --identified --recipient "Dr Lee"
expect_rc 0 "a disclosure after the forget"
check "[ $(jq .disclosure "$WORK/out") -gt $lone ]" "gets a new id"
run audit verify
expect_rc 0 "the chain is intact after forget"

# ---- purge ---------------------------------------------------------------------------------------
run peer add P7 --since 2019-01-01
run session add --peer P7 --support emotional --duration 30m --date 2019-03-01 \
    --note "purge-me-pelican"
run peer close P7 --date 2019-06-01
expect_rc 0 "P7 closed in 2019"
run peer add P8 --since 2019-01-01
run peer close P8 --date 2024-06-01
expect_rc 0 "P8 closed in 2024"

before=$(journal_hash)
run purge --closed-before 2020-01-01 --dry-run
expect_rc 0 "purge --dry-run"
expect_out_has "would forget P7 (closed 2019-06-01)" "lists P7"
expect_out_lacks "P8" "not P8, closed after the cut-off"
expect_out_lacks "P2" "nor an open peer"
expect_eq "$(journal_hash)" "$before" "and changes nothing"
run purge --dry-run
expect_out_has "would forget P7" "the default cut-off (6 years ago) takes P7"
expect_out_lacks "P8" "but not P8"
run purge --closed-before 2020-01-01
expect_rc 2 "purge off a terminal without --yes is refused"
expect_eq "$(journal_hash)" "$before" "and changes nothing"
run purge --closed-before 2020-01-01 --yes
expect_rc 0 "purge --yes"
expect_out_has "P7 (closed 2019-06-01)" "names the peer it forgot"
expect_err_has "forgot 1 peer closed before 2020-01-01" "and counts it, in the singular"
run peer show P7
expect_rc 4 "P7 is forgotten"
run peer show P8
expect_rc 0 "P8 is kept"
expect_eq "$(in_journal purge-me-pelican)" "0" "the purged peer's note is not in the file"
run purge --closed-before 2020-01-01 --yes
expect_rc 0 "purging again"
expect_eq "$OUT" "" "finds nothing"
expect_err_has "no peer was closed before 2020-01-01" "and says so"


# ---- purge is one transaction: a failure part-way forgets no one ----------------------------------
for peer in P9 P10; do
    run peer add $peer --since 2018-01-01
    run session add --peer $peer --support emotional --duration 30m --date 2018-03-01 \
        --note "kept-$peer-heron"
done
run peer close P9 --date 2019-02-01
run peer close P10 --date 2019-03-01
# The second peer purge takes (P10, closed later) cannot be deleted: the purge must fail whole.
sqlite3 "$JOURNAL" "CREATE TRIGGER keep_p10 BEFORE DELETE ON peer WHEN old.code = 'P10'
    BEGIN SELECT RAISE(ABORT, 'P10 is held'); END;"
events_before=$(sqlite3 "$JOURNAL" "SELECT count(*) FROM audit_event")
run purge --closed-before 2020-01-01 --yes
expect_rc 9 "a purge that fails part-way fails (the journal refused the change: a conflict)"
expect_err_has "P10 is held" "with what SQLite said"
expect_err_lacks "forgot" "and does not say it forgot anyone"
run peer show P9
expect_rc 0 "the peer forgotten before the failure is still there"
check '[ "$(in_journal kept-P9-heron)" -ge 1 ]' "with its note"
expect_eq "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM audit_event")" "$events_before" \
    "and no forget event was left"
sqlite3 "$JOURNAL" "DROP TRIGGER keep_p10"
run purge --closed-before 2020-01-01 --yes
expect_rc 0 "the purge once nothing holds it"
expect_eq "$OUT" $'P9 (closed 2019-02-01)\nP10 (closed 2019-03-01)' "lists both, in order of closing"
expect_err_has "forgot 2 peers closed before 2020-01-01" "and counts them"
expect_eq "$(in_journal kept-P9-heron)$(in_journal kept-P10-heron)" "00" "both notes are gone"
run audit verify
expect_rc 0 "the chain verifies after a purge of two"

# ---- purge forgets only the peers it asked about -------------------------------------------------
# While the question waits on the terminal, another command closes P12 before the cut-off too:
# the "yes" was for P11 alone, so nobody is forgotten.
run peer add P11 --since 2018-01-01
run peer close P11 --date 2019-05-01
run peer add P12 --since 2018-01-01
OUT=$(python3 "$PEERLOG_SOURCE_DIR/tests/e2e/tools/pty_confirm.py" y \
    "\"\$PEERLOG\" peer close P12 --date 2019-07-01" -- \
    "$PEERLOG" purge --closed-before 2020-01-01 2>&1)
RC=$?
expect_rc 9 "a purge whose peers changed while it asked is a conflict"
expect_out_has "would forget P11 (closed 2019-05-01)" "it asked about P11 alone"
expect_out_has "changed since you were asked; nothing was forgotten: run purge again." \
    "and says what changed and what to do"
run peer show P11
expect_rc 0 "P11 is not forgotten"
run peer show P12
expect_rc 0 "nor P12, closed while it asked"
run purge --closed-before 2020-01-01 --dry-run
expect_eq "$OUT" $'would forget P11 (closed 2019-05-01)\nwould forget P12 (closed 2019-07-01)' \
    "run again, it lists both"
run purge --closed-before 2020-01-01 --yes
expect_rc 0 "and forgets both when told to"
expect_err_has "forgot 2 peers closed before 2020-01-01" "counting them"


# ---- a peer's own accounting of disclosures shows no other peer ----------------------------------
# A disclosure to Dr Lee that included G1 and G2, each on a consent of its own purpose: the
# specialist's accounting lists both; the one given to G2 names G2 and G2's purpose alone.
JOURNAL="$WORK/accounting.db"
export PEERLOG_JOURNAL="$JOURNAL"
for peer in G1 G2; do
    run peer add $peer --since 2026-01-05
    run consent add $peer --recipient "Dr Lee" --purpose "purpose-$peer" --info "notes" --share contact,attendance,support,notes \
        --signed 2026-11-01 --expires 2027-11-01
    run session add --peer $peer --support emotional --duration 30m --date 2026-11-17
done
run export --week this --identified --recipient "Dr Lee" -o "$WORK/g.json"
expect_rc 0 "an identified export of G1 and G2"
run audit disclosures
expect_out_has "purpose-G1; purpose-G2" "the full accounting has both purposes"
expect_out_has "G1 (contact,attendance,support,notes), G2" "and both peers"
for format in table json; do
    run audit disclosures G2 --format $format
    expect_rc 0 "audit disclosures G2 ($format)"
    expect_out_lacks "G1" "G2's accounting ($format) does not name G1"
    expect_out_has "purpose-G2" "it has G2's own purpose ($format)"
    expect_out_has "Dr Lee" "and the recipient ($format)"
done
expect_json '.[0] | [.purpose, .peers, .peer_purposes, .information, .period.from]' \
    '["purpose-G2",["G2"],["purpose-G2"],"identified export: names, contact, attendance, support, notes","2026-11-16"]' \
    "G2's accounting: its purpose, its code, what was disclosed and the period"
run audit disclosures g1 --format json
expect_json '.[0] | [.purpose, .peers]' '["purpose-G1",["G1"]]' \
    "a code in other case gives that peer's accounting too"

# A renamed peer's accounting holds the disclosures made under the earlier code, and forgetting
# them takes those too.
# (A code of several characters: two bytes such as "G9" can occur by chance in any SQLite file,
# e.g. as the record header of a schema row.)
run peer edit G1 --code RN-409
expect_rc 0 "G1 renamed RN-409"
run audit disclosures RN-409 --format json
expect_json '[.[0].peers, .[0].purpose]' '[["G1"],"purpose-G1"]' \
    "RN-409's accounting lists the disclosure made under G1, as it was made"
run audit disclosures G1 --format json
expect_json 'length' '1' "the earlier code, while no peer has it, still finds it"
run peer add G1 --since 2026-11-01
run audit disclosures G1 --format json
expect_json 'length' '0' "a new peer given the code G1 is not given RN-409's accounting"
run peer forget G1 --yes
expect_rc 0 "forget the new G1"
run audit disclosures RN-409 --format json
expect_json '[.[0].peers, .[0].purpose]' '[["G1"],"purpose-G1"]' "and forgetting it leaves RN-409's"
run peer forget RN-409 --yes
expect_rc 0 "forget the renamed peer"
run audit disclosures --format json
expect_json '[.[].peers]' '[["a forgotten peer","G2"]]' \
    "the disclosure keeps the renamed peer as a forgotten peer, and G2"
check '! grep -qa "RN-409" "$JOURNAL" "$JOURNAL-wal" 2>/dev/null' "its code is not in the file"
expect_json '[.[].peer_purposes]' '[["purpose-G1","purpose-G2"]]' \
    "the purposes its consents gave the disclosure stay in the accounting"

finish

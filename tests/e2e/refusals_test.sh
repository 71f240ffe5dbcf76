# A refused command records nothing: no audit event, no disclosure, the journal unchanged, no
# output. Every way to refuse an export or a report that would be recorded (a bad threshold,
# csv with suppression, --identified with --suppress-below, no recipient, no consent, a path that
# cannot be written), and a bad option of each command that appends an event.
source "$(dirname "$0")/lib.sh"

run peer add P1 --name "Alex Quillfeather"
run session add --peer P1 --support emotional --duration 30m --date 2026-11-17 --note "n"
run consent add P1 --recipient "Dr Lee" --purpose care --info notes --share attendance,notes \
    --signed 2026-11-01 --expires 2027-11-01
expect_rc 0 "a consenting peer with a session"
consent=$OUT
run goal add P1 --domain housing "a flat"
goal=$OUT
mkdir -p "$WORK/dir"

events() { "$PEERLOG" audit list --format json | jq length; }
refusals=0
# refused CODE WHAT ARGS...: `peerlog ARGS` exits CODE, and appends no event, changes nothing,
# writes nothing on stdout and leaves no file at $WORK/out.file.
refused() {
    local code=$1 what=$2
    shift 2
    local events_before hash_before
    events_before=$(events)
    hash_before=$(journal_hash)
    run "$@"
    expect_rc "$code" "$what is refused"
    expect_eq "$(journal_hash)" "$hash_before" "$what: the journal is unchanged"
    expect_eq "$(events)" "$events_before" "$what: no audit event appended"
    expect_eq "$OUT" "" "$what: nothing written"
    expect_eq "$(ls "$WORK/out.file" 2>/dev/null)" "" "$what: no file"
    refusals=$((refusals + 1))
}

# ---- exports and reports -----------------------------------------------------------------------
refused 2 "export --suppress-below 1" export --week this --suppress-below 1
refused 2 "export --suppress-below 1 -o FILE" export --week this --suppress-below 1 \
    -o "$WORK/out.file"
refused 2 "export --suppress-below 0 as ndjson" export --week this --suppress-below 0 \
    --format ndjson
refused 2 "export --suppress-below abc" export --week this --suppress-below abc
refused 2 "export --format csv --suppress-below 5" export --week this --format csv \
    --suppress-below 5
refused 2 "export --format csv --suppress-below (default N)" export --week this --format csv \
    --suppress-below
refused 2 "export --format yaml" export --week this --format yaml
refused 3 "export --week 2026-W60" export --week 2026-W60
refused 8 "export -o into a missing directory" export --week this -o "$WORK/missing/x.json"
refused 8 "export -o a directory" export --week this -o "$WORK/dir"
for command in "export" "report summary"; do
    refused 2 "$command --identified --suppress-below 3" $command --week this --identified \
        --recipient "Dr Lee" --suppress-below 3
    expect_err_has "--suppress-below" "$command: the refusal names --suppress-below"
    refused 2 "$command --identified --suppress-below (default N)" $command --week this \
        --identified --recipient "Dr Lee" --suppress-below -o "$WORK/out.file"
    refused 2 "$command --identified --suppress-below 1" $command --week this --identified \
        --recipient "Dr Lee" --suppress-below 1
    refused 2 "$command --identified without --recipient" $command --week this --identified
    refused 10 "$command --identified to a recipient nobody consented to" $command --week this \
        --identified --recipient "Nobody"
    refused 10 "$command --identified for a purpose no consent names" $command --week this \
        --identified --recipient "Dr Lee" --purpose research
    refused 8 "$command --identified -o into a missing directory" $command --week this \
        --identified --recipient "Dr Lee" -o "$WORK/missing/x"
    refused 8 "$command --identified -o a directory" $command --week this --identified \
        --recipient "Dr Lee" -o "$WORK/dir"
done
refused 2 "report summary --identified --format yaml" report summary --week this --identified \
    --recipient "Dr Lee" --format yaml
refused 2 "export --identified --format markdown" export --week this --identified \
    --recipient "Dr Lee" --format markdown
run audit disclosures --format json
expect_json 'length' '0' "no disclosure was ever recorded"

# ---- a bad option of each command that appends an event ----------------------------------------
refused 2 "consent add without --share" consent add P1 --recipient X --purpose p --info i \
    --signed today --expires 2027-01-01
refused 3 "consent add with an unknown category" consent add P1 --recipient X --purpose p \
    --info i --share everything --signed today --expires 2027-01-01
refused 3 "consent revoke on a bad date" consent revoke "$consent" --date 2026-13-01
refused 3 "session add with an unknown modality" session add --peer P1 --support emotional \
    --duration 30m --modality carrier-pigeon
refused 3 "session edit with an unknown setting" session edit 1 --setting moon
refused 3 "peer add with an unknown stage" peer add P9 --stage eventually
refused 3 "peer edit with an unknown pathway" peer edit P1 --pathway sideways
refused 3 "goal add with an unknown domain" goal add P1 --domain astrology "x"
refused 3 "goal set with an unknown status" goal set "$goal" --status maybe
refused 3 "referral set with an unknown status" referral set 1 --status maybe
refused 3 "assess add with a bad score" assess add P1 --barc10 7,1,1,1,1,1,1,1,1,1
refused 3 "supervision add with an unknown format" supervision add --date today \
    --duration 1h --supervisor "Dr Lee" --format triad
refused 3 "checkin add with a bad date" checkin add --stress 2 --energy 3 --date 2026-02-30
refused 2 "backup --format yaml" backup "$WORK/out.file" --format yaml

echo "RESULT refusals: $refusals refused commands, each with no event, no change, no output"
finish

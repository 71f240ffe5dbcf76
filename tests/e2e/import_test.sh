# peerlog import: the 500-row spreadsheet with three bad rows, dry runs, all-or-nothing,
# re-import without duplicates, stdin, and the export CSV round trip.
source "$(dirname "$0")/lib.sh"

# peers.csv: five peers; sessions.csv: 500 sessions over October and November 2026.
{
    echo "Code,Stage,Pathway,Intake Date"
    for i in 1 2 3 4 5; do echo "P$i,early,substance-use,09/01/2026"; done
} >"$WORK/peers.csv"
make_sessions() { # make_sessions BAD: BAD=1 puts three bad rows on lines 101, 251 and 402
    printf 'Session Date,Client,Duration,Support Kinds,Modality,Notes\r\n'
    for i in $(seq 1 500); do
        local day=$(( (i % 48) + 1 )) month=10
        if [ "$day" -gt 31 ]; then day=$((day - 31)); month=11; fi
        local date
        date=$(printf '%02d/%02d/2026' "$month" "$day")
        local peer="P$(( (i % 5) + 1 ))" minutes=$(( 15 + i % 60 ))
        if [ "$1" = 1 ] && [ "$i" = 100 ]; then date="13/45/2026"; fi
        if [ "$1" = 1 ] && [ "$i" = 250 ]; then minutes="forever"; fi
        if [ "$1" = 1 ] && [ "$i" = 401 ]; then peer="NOBODY"; fi
        printf '%s,%s,%s,"emotional;informational",phone,"row %s, said ""ok"""\r\n' \
            "$date" "$peer" "$minutes" "$i"
    done
}
make_sessions 1 >"$WORK/bad.csv"
make_sessions 0 >"$WORK/good.csv"
mkdir -p "$XDG_CONFIG_HOME/peerlog"
printf '[import]\ndate_format = "us"\n' >"$XDG_CONFIG_HOME/peerlog/config.toml"

run import peers "$WORK/peers.csv"
expect_rc 0 "import peers"
expect_out_has "imported 5 peers" "five peers imported"

run import sessions "$WORK/bad.csv" --dry-run
expect_rc 3 "a dry run with bad rows exits 3"
expect_out_has "would import 497 sessions" "the dry run counts the good rows"
expect_out_has "line 101: date '13/45/2026'" "names the bad date's line"
expect_out_has "line 251: invalid minutes 'forever'" "names the bad duration's line"
expect_out_has "line 402: no peer 'NOBODY'" "names the unknown peer's line"
expect_eq "$(grep -c '^line ' <<<"$OUT")" "3" "exactly three bad lines"

before=$(journal_hash)
run import sessions "$WORK/bad.csv"
expect_rc 3 "the real import refuses the file"
expect_err_has "3 bad rows" "says how many rows are bad"
expect_out_has "497 sessions could be imported" "says what could be imported, not 'would import'"
expect_eq "$(journal_hash)" "$before" "nothing was committed"
run session list --format json
expect_json 'length' '0' "no session was imported"

run import sessions "$WORK/good.csv"
expect_rc 0 "the fixed file imports"
expect_out_has "imported 500 sessions, 0 already" "all 500 rows"
run session list --format json
expect_json 'length' '500' "500 sessions in the journal"
expect_json '.[0].modality' '"phone"' "modality read"

run import sessions "$WORK/good.csv" --format json
expect_rc 0 "a second import succeeds"
expect_json '.added' '0' "and adds nothing"
expect_json '[.schema_version, .kind, .import, .dry_run, .committed]' '[1,"peerlog.import","sessions",false,true]' \
    "the JSON result names its schema"
expect_json '.already_present' '500' "every row is already there"

# stdin, ISO dates with --date-format iso, a dry run that changes nothing
printf 'date,peer,minutes,support\n2026-11-17,P1,45m,emotional\n' >"$WORK/one.csv"
before=$(journal_hash)
run_with_input "$(cat "$WORK/one.csv")" import sessions - --date-format iso --dry-run
expect_rc 0 "a clean dry run exits 0"
expect_out_has "would import 1 session" "dry run from stdin"
expect_eq "$(journal_hash)" "$before" "the dry run wrote nothing"
run import sessions "$WORK/missing.csv"
expect_rc 8 "a missing file is an I/O error"
expect_err_has "cannot read" "says it cannot read the file"

# Round trip: export (csv) and peer list (csv) from this journal import into a fresh one and
# export the same sessions.
run export --month 2026-10 --format csv
expect_rc 0 "export csv"
printf '%s\n' "$OUT" >"$WORK/export.csv"
run export --month 2026-10 --format json
a_json=$OUT
run peer list --all --format csv
printf '%s\n' "$OUT" >"$WORK/peerlist.csv"
export PEERLOG_JOURNAL="$WORK/second.db"
run import peers "$WORK/peerlist.csv"
expect_rc 0 "peer list csv imports as peers"
run import sessions "$WORK/export.csv" --date-format iso
expect_rc 0 "export csv imports as sessions"
run export --month 2026-10 --format json
strip='del(.sessions[].id) | del(.follow_ups_due[].session) | del(.audit_head)' # each journal has its own head
expect_eq "$(jq -S "$strip" <<<"$OUT")" "$(jq -S "$strip" <<<"$a_json")" \
    "the second journal exports the same month"
run import sessions "$WORK/export.csv" --date-format iso --format json
expect_json '.added' '0' "importing the export again adds nothing"
unset PEERLOG_JOURNAL

# Group sessions round trip too: a week with one-on-one and group sessions exported as CSV from
# one journal imports into a fresh one (groups created with --create-groups) and exports the
# same rows; importing it again adds none.
export PEERLOG_JOURNAL="$WORK/groups-a.db"
run peer add G1 --since 2026-10-01
run peer add G2 --since 2026-10-01
run peer add G3 --since 2026-10-01
run group add "Tuesday Circle" --schedule "Tuesdays 18:00"
run group add "Friday Walk"
run session add --peer G1 --date 2026-11-09 --start 10:00 --duration 45m --support emotional --note x
run session add --group "Tuesday Circle" --attendee G1,G2 --unnamed 3 --date 2026-11-10 \
    --start 18:00 --duration 1h30m --support affiliational,emotional --setting community --note x
run session add --peer G2 --date 2026-11-10 --duration 30m --support instrumental --modality phone --note x
run session add --group "Friday Walk" --unnamed 5 --date 2026-11-13 --duration 1h \
    --support affiliational --note x
run session add --group "Tuesday Circle" --attendee G3 --date 2026-11-13 --duration 1h \
    --support affiliational --note x
expect_rc 0 "the last group session is recorded"
run export --week 2026-W46 --format csv
expect_rc 0 "export csv with group sessions"
printf '%s\n' "$OUT" >"$WORK/groups.csv"
expect_eq "$(grep -c ',Tuesday Circle,' "$WORK/groups.csv")" "2" "two Tuesday Circle rows exported"
a_rows=$(sed 1d "$WORK/groups.csv" | cut -d, -f2-)
run export --week 2026-W46 --format json
a_json=$OUT
run peer list --all --format csv
printf '%s\n' "$OUT" >"$WORK/groups-peers.csv"

export PEERLOG_JOURNAL="$WORK/groups-b.db"
run import peers "$WORK/groups-peers.csv"
expect_rc 0 "the peers import"
run import sessions "$WORK/groups.csv" --date-format iso --dry-run
expect_rc 3 "unknown groups are bad rows without --create-groups"
expect_out_has "line 3: no group 'Tuesday Circle' in the journal" "names the group's line"
expect_out_has "line 5: no group 'Friday Walk'" "names the other group's line"
expect_eq "$(grep -c '^line ' <<<"$OUT")" "3" "each group row once"
run import sessions "$WORK/groups.csv" --date-format iso --create-groups
expect_rc 0 "the export imports with --create-groups"
expect_out_has "imported 5 sessions, 0 already in the journal, 2 new groups" "5 sessions, 2 groups"
run export --week 2026-W46 --format csv
expect_eq "$(sed 1d <<<"$OUT" | cut -d, -f2-)" "$a_rows" "the second journal exports the same rows"
run export --week 2026-W46 --format json
expect_eq "$(jq -S "$strip" <<<"$OUT")" "$(jq -S "$strip" <<<"$a_json")" \
    "and the same JSON export"
run group show "Tuesday Circle" --format json
expect_rc 0 "the created group is there"
run import sessions "$WORK/groups.csv" --date-format iso --format json
expect_json '[.added, .already_present, .groups_created]' '[0,5,0]' "re-import adds none"
run session list --from 2026-11-09 --to 2026-11-15 --format csv
printf '%s\n' "$OUT" >"$WORK/groups-list.csv"
run import sessions "$WORK/groups-list.csv" --date-format iso --format json
expect_rc 0 "session list csv (with its flags column) imports too"
expect_json '[.added, .already_present]' '[0,5]' "as the same five sessions"
printf 'date,peer,minutes,support,group,attendees\n2026-11-10,G1,60,emotional,Friday Walk,G2\n' \
    >"$WORK/both.csv"
run import sessions "$WORK/both.csv" --date-format iso
expect_rc 3 "a row with a peer and a group is refused"
expect_out_has "line 2: the row names a peer ('G1') and a group ('Friday Walk')" "says why"
unset PEERLOG_JOURNAL

# A dry run on a machine with no journal yet checks every row as against an empty journal
# (it refused with exit 4 before reading a row) and leaves nothing behind.
export XDG_DATA_HOME="$WORK/fresh-data" TMPDIR="$WORK/fresh-tmp"
mkdir -p "$TMPDIR"
run import sessions "$WORK/good.csv" --dry-run
expect_rc 3 "a dry run with no journal checks the rows: every peer is unknown"
expect_out_has "would import 0 sessions" "no session can be imported without its peer"
expect_eq "$(grep -c "no peer 'P[1-5]' in the journal" <<<"$OUT")" "500" "each row names its unknown peer"
expect_err_has "no journal at $XDG_DATA_HOME/peerlog/journal.db yet" "and says there is no journal yet"
run import sessions "$WORK/good.csv" --dry-run --create-peers --format json
expect_rc 0 "with --create-peers every row would import"
expect_json '[.dry_run, .committed, .added, .peers_created]' '[true,false,500,5]' \
    "500 sessions and 5 new peers, nothing committed"
run import peers "$WORK/peers.csv" --dry-run
expect_rc 0 "peers too"
expect_out_has "would import 5 peers" "five peers would be imported"
run_with_input $'date,peer,minutes,support\n2026-11-17,P1,45m,emotional\n2026-11-17,P1,2h,cooking\n' \
    import sessions - --date-format iso --dry-run --create-peers
expect_rc 3 "a bad row on a fresh machine is found by the dry run"
expect_out_has "line 3: " "and named by its line"
expect_eq "$(find "$XDG_DATA_HOME" 2>/dev/null | head -1)" "" "no journal (nor its directory) was created"
expect_eq "$(ls -A "$TMPDIR")" "" "and the throwaway journal is gone"
export XDG_DATA_HOME="$WORK/data" TMPDIR="$WORK/tmp"

# Date errors give the forms a file may use (not `today` or `nov 3`), and a date in the future
# names the column, not the --follow-up flag of session add.
printf 'date,peer,minutes,support\n2026-02-30,P1,45,emotional\n2026-12-25,P1,45,emotional\n11/31/2026,P1,45,emotional\n' \
    >"$WORK/dates.csv"
run import sessions "$WORK/dates.csv" --date-format iso
expect_rc 3 "bad dates are bad rows"
expect_out_has "line 2: date '2026-02-30' is not a day in the calendar (this file's format: YYYY-MM-DD; for MM/DD/YYYY give --date-format us)" \
    "an impossible ISO date names the file's format"
expect_out_lacks "nov 3" "not the forms a person types"
expect_out_lacks "yesterday" "(none of them)"
expect_out_has "line 3: date 2026-12-25 is in the future (today is 2026-11-18)" "a future date"
expect_out_has "belongs in the follow_up column" "names the column"
expect_out_lacks "--follow-up" "not session add's flag"
run import sessions "$WORK/dates.csv" --date-format us
expect_out_has "line 4: date '11/31/2026' is not a date in this file's format (MM/DD/YYYY or YYYY-MM-DD)" \
    "a US file's format"
expect_out_has "line 2: date '2026-02-30' is not a day in the calendar (this file's format: MM/DD/YYYY or YYYY-MM-DD)" \
    "the same for its ISO dates"

finish

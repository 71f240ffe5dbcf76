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
expect_out_has "would import 1 sessions" "dry run from stdin"
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
strip='del(.sessions[].id) | del(.follow_ups_due[].session)'
expect_eq "$(jq -S "$strip" <<<"$OUT")" "$(jq -S "$strip" <<<"$a_json")" \
    "the second journal exports the same month"
run import sessions "$WORK/export.csv" --date-format iso --format json
expect_json '.added' '0' "importing the export again adds nothing"
unset PEERLOG_JOURNAL

finish

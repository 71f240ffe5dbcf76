# `team load` and `report team --database`: the team report's exports in a throwaway
# PostgreSQL, the report computed there byte for byte as over the files, in every format.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tools/team_exports.sh"
source "$(dirname "$0")/tools/pg_server.sh"

export_for Ana 30
export_for Ben 45
export_for Cai 90
# The file-based team tests' other exports: Ana's W44 (Thursday in October), a copy of Ana's
# W47 in another folder, and two exports without a specialist name.
mkdir -p "$WORK/team/periods" "$WORK/team/copies" "$WORK/unnamed/noname"
cp "$WORK"/{Ana,Ben,Cai}-W47.json "$WORK/team/"
jq '.period = {"week": "2026-W44", "from": "2026-10-26", "to": "2026-11-01"}' \
    "$WORK/Ana-W47.json" >"$WORK/team/periods/Ana-W44.json"
cp "$WORK/Ana-W47.json" "$WORK/team/copies/Ana-W47.json"
sed 's/"specialist": "Ana"/"specialist": ""/' "$WORK/Ana-W47.json" >"$WORK/unnamed/noname/w47.json"
sed 's/"specialist": "Ben"/"specialist": ""/' "$WORK/team/periods/Ana-W44.json" \
    >"$WORK/unnamed/noname/w44.json"
cp "$WORK/unnamed/noname/w47.json" "$WORK/unnamed/noname/w47-copy.json"

pg_start
pg_createdb team
pg_createdb unnamed
TEAM=$(pg_url team)

# ---- load ------------------------------------------------------------------------------------
run team load --database "$TEAM" "$WORK/team"
expect_rc 0 "team load DIR"
expect_err_has "5 files checked: 4 exports added, 0 already in the team database, 0 replaced" \
    "stderr says what was loaded"
expect_err_has "1 file repeated another of the files (counted once)" "and the copy"
expect_err_has "The peerlog tables were created (schema 1)" "and that the tables were made"
expect_eq "$(pg_sql team "SELECT count(*), sum(copies) FROM peerlog.export")" "4|5" \
    "4 exports, one carried by 2 files"
expect_eq "$(pg_sql team "SELECT count(*) FROM peerlog.session")" "8" "their 8 session rows"
expect_eq "$(pg_sql team "SELECT files FROM peerlog.tally")" "5" "the tally counts the files"
expect_eq "$(pg_sql team "SELECT array_to_string(attendees, ',') || '|' || unnamed_attendees
    FROM peerlog.session WHERE group_name = 'G' ORDER BY specialist_id LIMIT 1")" "P1,P2|0" \
    "a group session row keeps its attendees' codes"
expect_eq "$(pg_sql team "SELECT count(*) FROM pg_inherits
    WHERE inhparent = 'peerlog.export'::regclass")" "2" "one partition per month of middle days"

# same_report LABEL DB_URL FILES... -- ARGS...: report team over FILES and over the database
# with ARGS print the same stdout, stderr and exit code.
same_report() {
    local label=$1 url=$2 files=()
    shift 2
    while [ "$1" != "--" ]; do files+=("$1"); shift; done
    shift
    run report team "${files[@]}" "$@"
    local file_out=$OUT file_err=$ERR file_rc=$RC
    run report team --database "$url" "$@"
    expect_eq "$RC" "$file_rc" "$label: the same exit code ($*)"
    if [ "$OUT" == "$file_out" ] && [ "$ERR" == "$file_err" ]; then
        pass
    else
        fail "$label: the database's report differs from the files' ($*)"
        diff <(printf '%s\n%s' "$file_out" "$file_err") <(printf '%s\n%s' "$OUT" "$ERR") | head -20 >&2
    fi
}
for period in "" "--month 2026-11" "--month 2026-10" "--week 2026-W47" "--week 2026-W44" \
    "--from 2026-11-17 --to 2026-11-30" "--month 2027-01"; do
    for format in table markdown csv json html; do
        # shellcheck disable=SC2086
        same_report team "$TEAM" "$WORK/team" -- $period --format "$format"
    done
    # shellcheck disable=SC2086
    same_report team "$TEAM" "$WORK/team" -- $period --format json --suppress-below 3
done
same_report team "$TEAM" "$WORK/team" -- --format table --suppress-below
run report team --database "$TEAM" --month 2026-11 --format json
expect_json '[.totals.files, .duplicates_skipped, .files_outside_period]' '[3,1,1]' \
    "November: 3 exports, the copy counted once, W44 outside"

run team load --database "$(pg_url unnamed)" "$WORK/unnamed"
expect_rc 0 "team load of exports without a specialist name"
for format in table json html; do
    same_report unnamed "$(pg_url unnamed)" "$WORK/unnamed" -- --format "$format"
    same_report unnamed "$(pg_url unnamed)" "$WORK/unnamed" -- --month 2026-11 --format "$format"
done

# ---- reloading changes nothing ---------------------------------------------------------------
state() {
    pg_sql team "SELECT (SELECT string_agg(concat_ws(',', specialist_id, period_from, copies,
        loaded_at), ';' ORDER BY specialist_id, period_from) FROM peerlog.export),
        (SELECT count(*) FROM peerlog.session), (SELECT count(*) FROM peerlog.export_source),
        (SELECT files FROM peerlog.tally)"
}
before=$(state)
run team load --database "$TEAM" "$WORK/team"
expect_rc 0 "loading the same files again"
expect_err_has "0 exports added, 4 already in the team database, 0 replaced" "adds nothing"
expect_eq "$(state)" "$before" "the database is unchanged"
# The same export from a file the database has not seen is one more copy of it.
mkdir -p "$WORK/more"
cp "$WORK/Ben-W47.json" "$WORK/more/ben.json"
run team load --database "$TEAM" "$WORK/more/ben.json"
expect_err_has "1 file recorded as another copy of an export already there" "a new copy is counted"
same_report team "$TEAM" "$WORK/team" "$WORK/more" -- --format json

# ---- a different export of a stored period: a conflict, unless --replace ---------------------
PEERLOG_CONFIG="$WORK/Ana.toml" run session add --peer P2 --support instrumental --duration 20m \
    --date 2026-11-18 --note y
PEERLOG_CONFIG="$WORK/Ana.toml" run export --week this --format json -o "$WORK/more/Ana-W47-again.json"
before=$(state)
run team load --database "$TEAM" "$WORK/more/Ana-W47-again.json"
expect_rc 9 "a different export of Ana's W47 is a conflict"
expect_err_has "$WORK/team/Ana-W47.json (loaded " "naming the file the stored one came from"
expect_err_has "and $WORK/more/Ana-W47-again.json are both exports of 'Ana' for 2026-11-16 to 2026-11-22" \
    "and the file being loaded"
expect_err_has "--replace" "saying how to replace it"
expect_eq "$(state)" "$before" "nothing was loaded"
run team load --database "$TEAM" --replace "$WORK/more/Ana-W47-again.json"
expect_rc 0 "--replace"
expect_err_has "0 exports added, 0 already in the team database, 1 replaced" "says it replaced one"
expect_eq "$(pg_sql team "SELECT copies, sessions, minutes FROM peerlog.export e
    JOIN peerlog.specialist USING (specialist_id) WHERE name = 'Ana' AND week = '2026-W47'")" \
    "1|3|110" "Ana's W47 is the new export, one file, its copies gone"
mkdir -p "$WORK/replaced/copies"
cp "$WORK"/{Ben,Cai}-W47.json "$WORK/more/Ana-W47-again.json" "$WORK/replaced/"
cp -r "$WORK/team/periods" "$WORK/replaced/"
cp "$WORK/more/ben.json" "$WORK/replaced/copies/"
for format in json html; do
    same_report replaced "$TEAM" "$WORK/replaced" -- --month 2026-11 --format "$format"
done

# ---- a bad file in a batch loads nothing -----------------------------------------------------
mkdir -p "$WORK/batch"
jq '.period = {"week": "2026-W48", "from": "2026-11-23", "to": "2026-11-29"}' \
    "$WORK/Cai-W47.json" >"$WORK/batch/a-Cai-W48.json"
jq '.totals.minutes = 999' "$WORK/Ben-W47.json" >"$WORK/batch/b-tampered.json"
before=$(state)
run team load --database "$TEAM" "$WORK/batch"
expect_rc 3 "a tampered export in the batch is refused"
expect_err_has "b-tampered.json: totals.minutes is 999 but its session rows add up to" "naming it"
expect_eq "$(state)" "$before" "and the good file before it was not loaded either"
run team load --database "$TEAM" "$WORK/batch/a-Cai-W48.json" "$WORK/missing.json"
expect_rc 8 "a missing file is an io error"
expect_eq "$(state)" "$before" "nothing loaded"
jq '.specialist = "Cai"' "$WORK/Ana-W47.json" >"$WORK/batch/c-Cai-W47-other.json"
rm "$WORK/batch/b-tampered.json"
run team load --database "$TEAM" "$WORK/batch" "$WORK/Cai-W47.json"
expect_rc 9 "two different exports of Cai's W47 in one batch are a conflict"
expect_err_has "c-Cai-W47-other.json and $WORK/Cai-W47.json are both exports of 'Cai'" \
    "naming both files"
expect_eq "$(state)" "$before" "nothing loaded"
run_with_input "$(cat "$WORK/batch/a-Cai-W48.json")" team load --database "$TEAM" -
expect_rc 0 "- loads one export from stdin"
expect_eq "$(pg_sql team "SELECT source FROM peerlog.export_source WHERE period_from = '2026-11-23'")" \
    "(stdin)" "recorded as from stdin"

# ---- passwords stay out of URLs and the environment ------------------------------------------
run team load --database "postgresql://postgres:s3cret@/team?host=$PG_SOCKET" "$WORK/Ana-W47.json"
expect_rc 2 "a password in a URL is refused"
expect_err_has "holds a password" "saying why"
expect_err_has "~/.pgpass" "and where it belongs"
expect_err_lacks "s3cret" "never repeating it"
run report team --database "$TEAM password=s3cret"
expect_rc 2 "a password in a conninfo string is refused"
expect_err_lacks "s3cret" "never repeating it"
run report team --database "postgresql://u:s3cret@[::1/db"
expect_rc 2 "a URL that cannot be read is a usage error"
expect_err_lacks "s3cret" "and does not quote the URL"
PGPASSWORD=s3cret run report team --database "$TEAM"
expect_rc 2 "PGPASSWORD is refused"
expect_err_lacks "s3cret" "without repeating it"
printf '[team]\ndatabase = "%s password=s3cret"\n' "$TEAM" >"$WORK/secret.toml"
PEERLOG_CONFIG="$WORK/secret.toml" run report team
expect_rc 7 "a password in [team] database is a config error"
expect_err_has "team.database" "naming the key"
expect_err_lacks "s3cret" "never repeating it"
printf '[team]\ndatabase = "%s"\n' "$TEAM" >"$WORK/team.toml"
PEERLOG_CONFIG="$WORK/team.toml" run report team --month 2026-11 --format json
expect_rc 0 "[team] database is the default for report team without files"
expect_json '.totals.files' '4' "read from the database (W47 and Cai's W48)"
PEERLOG_CONFIG="$WORK/team.toml" run config show
expect_out_has "database = '$TEAM'" "config show prints [team] database"
run report team
expect_rc 2 "report team with neither files nor a database"
run report team "$WORK/Ana-W47.json" --database "$TEAM"
expect_rc 2 "report team with both"

# ---- the two roles of peerlog-team(1): a loader (a password in ~/.pgpass) and readers --------
pg_createdb org
pg_sql postgres "CREATE ROLE peerlog_loader LOGIN PASSWORD 's3cret';
    CREATE ROLE peerlog_readers NOLOGIN; CREATE ROLE supervisor LOGIN IN ROLE peerlog_readers"
pg_sql org "CREATE SCHEMA peerlog AUTHORIZATION peerlog_loader;
    GRANT USAGE ON SCHEMA peerlog TO peerlog_readers;
    ALTER DEFAULT PRIVILEGES FOR ROLE peerlog_loader IN SCHEMA peerlog
        GRANT SELECT ON TABLES TO peerlog_readers"
{
    echo "local all peerlog_loader scram-sha-256"
    cat "$PG_DIR/data/pg_hba.conf"
} >"$WORK/hba" && cp "$WORK/hba" "$PG_DIR/data/pg_hba.conf"
as_server "$PG_BIN/pg_ctl" -D "$PG_DIR/data" reload >/dev/null
run team load --database "$(pg_url org peerlog_loader)" "$WORK/team"
expect_rc 8 "the loader without its password is refused by the server"
expect_err_has "password" "with the server's message"
printf '*:*:*:peerlog_loader:s3cret\n' >"$HOME/.pgpass"
chmod 600 "$HOME/.pgpass"
run team load --database "$(pg_url org peerlog_loader)" "$WORK/team"
expect_rc 0 "the loader loads with its password from ~/.pgpass"
run report team --database "$(pg_url org supervisor)" --month 2026-11 --format json
expect_rc 0 "a reader reads the report"
expect_json '.totals.files' '3' "of the loaded exports"
run team load --database "$(pg_url org supervisor)" "$WORK/Ana-W47.json"
expect_rc 8 "a reader cannot load"
expect_err_has "permission denied" "the server's refusal"
expect_eq "$(PGPASSWORD= psql -X -q -A -t -h "$PG_SOCKET" -U supervisor -d org \
    -c "DELETE FROM peerlog.export" 2>&1 | grep -c 'permission denied')" "1" \
    "nor delete with psql"

# ---- on a terminal, a line says how far a load has got ---------------------------------------
pg_createdb tty
shown=$(python3 -c 'import sys; sys.path.insert(0, sys.argv[1])
from pty_session import drive
shown, status = drive(sys.argv[2:], lambda shown, write: None)
print(shown, "exit", status)' "$PEERLOG_SOURCE_DIR/tests/e2e/tools" \
    "$PEERLOG" team load --database "$(pg_url tty)" "$WORK/team")
expect_eq "${shown##* exit }" "0" "team load on a terminal"
expect_eq "$(grep -c 'team load: checked 5 of 5 files; storing them' <<<"$shown")" "1" \
    "shows its progress on a terminal"
expect_eq "$(grep -c '4 exports added' <<<"$shown")" "1" "then what it loaded"
run team load --database "$(pg_url tty)" "$WORK/team"
expect_err_lacks "team load: checked" "no progress line when stderr is not a terminal"
# An administrator deleting an export with psql deletes its rows and files with it.
ana_w47="specialist_id = (SELECT specialist_id FROM peerlog.specialist WHERE name = 'Ana')
    AND period_from = '2026-11-16'"
pg_sql tty "DELETE FROM peerlog.export WHERE $ana_w47"
expect_eq "$(pg_sql tty "SELECT (SELECT count(*) FROM peerlog.session WHERE $ana_w47),
    (SELECT count(*) FROM peerlog.export_source WHERE $ana_w47), (SELECT files FROM peerlog.tally)")" \
    "0|0|3" "deleting Ana's W47 (2 files) deletes its session rows and sources, and counts"

# ---- a newer schema is refused, untouched ----------------------------------------------------
pg_createdb newer
run team load --database "$(pg_url newer)" "$WORK/Ana-W47.json"
pg_sql newer "INSERT INTO peerlog.schema_version (version) VALUES (2)"
before=$(pg_sql newer "SELECT count(*), max(version) FROM peerlog.export, peerlog.schema_version")
run team load --database "$(pg_url newer)" "$WORK/Ben-W47.json"
expect_rc 6 "a database of a newer schema is refused"
expect_err_has "schema version 2, newer than this peerlog's (1)" "saying so"
expect_eq "$(pg_sql newer "SELECT count(*), max(version) FROM peerlog.export, peerlog.schema_version")" \
    "$before" "untouched"
run report team --database "$(pg_url newer)"
expect_rc 6 "and report team refuses it too"
pg_createdb empty
run report team --database "$(pg_url empty)"
expect_rc 4 "a database without peerlog tables"
expect_err_has "team load" "says how to fill it"

# ---- a stopped server ------------------------------------------------------------------------
pg_stop
run team load --database "$TEAM" "$WORK/Ana-W47.json"
expect_rc 8 "a stopped server is an io error"
expect_err_has "connection to server on socket" "with libpq's message"
run report team --database "$TEAM"
expect_rc 8 "for the report too"

finish

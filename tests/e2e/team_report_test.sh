# `report team`: exports from three journals aggregated per specialist and in total.
source "$(dirname "$0")/lib.sh"

# specialist NAME: logs a week of work in NAME's own journal and exports it.
export_for() {
    local name=$1 minutes=$2
    local journal="$WORK/$name.db" config="$WORK/$name.toml"
    printf '[specialist]\nname = "%s"\n[journal]\npath = "%s"\n' "$name" "$journal" >"$config"
    PEERLOG_CONFIG=$config run peer add P1 --since 2026-11-16
    PEERLOG_CONFIG=$config run peer add P2 --since 2026-11-01
    PEERLOG_CONFIG=$config run group add G
    PEERLOG_CONFIG=$config run session add --peer P1 --support emotional --duration "$minutes" --date 2026-11-17 --note x
    PEERLOG_CONFIG=$config run session add --group G --attendee P1,P2 --support affiliational --duration 1h --date 2026-11-18 --note x
    PEERLOG_CONFIG=$config run export --week this --format json -o "$WORK/$name-W47.json"
    expect_rc 0 "export for $name"
}
export_for Ana 30
export_for Ben 45
export_for Cai 90

run report team "$WORK/Ana-W47.json" "$WORK/Ben-W47.json" "$WORK/Cai-W47.json" --format json
expect_rc 0 "report team"
expect_json '[.members[].specialist]' '["Ana","Ben","Cai"]' "each specialist"
expect_json '[.members[].minutes]' '[90,105,150]' "each specialist's minutes"
expect_json '.totals.minutes' '345' "total minutes"
expect_json '.totals.sessions' '6' "total sessions"
expect_json '.totals.group_minutes' '180' "group minutes"
expect_json '.totals.distinct_peers' '6' "peers per specialist, summed"
expect_json '.totals.new_peers' '3' "new peers"
run report team "$WORK/Ana-W47.json" "$WORK/Ana-W47.json" --format json
expect_json '[.totals.files, .duplicates_skipped]' '[1,1]' "the same file twice counts once"
run report team "$WORK"/*.json
expect_out_has "Ana" "the table names the specialists"
expect_out_has "5.75" "and the total hours"
for format in markdown csv html; do
    run report team "$WORK"/*.json --format "$format"
    expect_rc 0 "report team --format $format"
done
run report team "$WORK"/*.json --format html
expect_out_lacks "http" "the team html is self-contained"

mkdir -p "$WORK/team/ana" "$WORK/team/empty"
cp "$WORK/Ana-W47.json" "$WORK/team/ana/"
cp "$WORK/Ben-W47.json" "$WORK/Cai-W47.json" "$WORK/team/"
run report team "$WORK/team" --format json
expect_rc 0 "report team DIR"
expect_json '[.members[].specialist]' '["Ana","Ben","Cai"]' "a directory stands for the exports under it"
expect_json '.totals.minutes' '345' "with the same totals"
run report team "$WORK/team/empty"
expect_rc 2 "a directory without exports is a usage error"
expect_err_has "at least one export file" "saying what is needed"

# Two specialists without a [specialist] name, their exports of the same week in one folder:
# not one person's copies, so neither is dropped silently.
mkdir -p "$WORK/unnamed"
sed 's/"specialist": "Ana"/"specialist": ""/' "$WORK/Ana-W47.json" >"$WORK/unnamed/ana.json"
sed 's/"specialist": "Ben"/"specialist": ""/' "$WORK/Ben-W47.json" >"$WORK/unnamed/ben.json"
run report team "$WORK/unnamed"
expect_rc 9 "two different unnamed exports of one week are a conflict"
expect_err_has "ana.json and $WORK/unnamed/ben.json are both exports of '(unnamed)'" "naming both files"
expect_err_has "[specialist] name" "and saying how to tell them apart"
cp "$WORK/unnamed/ana.json" "$WORK/unnamed/ana-copy.json"
rm "$WORK/unnamed/ben.json"
run report team "$WORK/unnamed" --format json
expect_json '[.totals.files, .duplicates_skipped]' '[1,1]' "an identical copy still counts once"

# ---- small-cell suppression -----------------------------------------------------------------
team_files=("$WORK/Ana-W47.json" "$WORK/Ben-W47.json" "$WORK/Cai-W47.json")
run report team "${team_files[@]}" --format json --suppress-below
expect_rc 0 "report team --suppress-below (default 11)"
expect_json '[.members[].sessions]' '["<11","<11","<11"]' "each specialist's 2 sessions show as <11"
expect_json '[.totals.sessions, .totals.minutes]' '["<11","suppressed"]' \
    "a total of 6 is hidden too, and minutes follow their session count"
expect_json '.suppressed_below' '11' "the report says it is suppressed"
run report team "${team_files[@]}" --format json --suppress-below 3
expect_json '[[.members[].sessions], .totals.sessions]' '[["<3","<3","<3"],6]' \
    "below 3: the members' 2s hide, the total of 6 shows (three hidden cells)"
expect_json '[[.members[].new_peers], .totals.new_peers]' '[["<3","<3","<3"],3]' "new peers alike"
run report team "$WORK/Ana-W47.json" "$WORK/Cai-W47.json" --format json --suppress-below 2
expect_json '[[.members[].sessions], .totals.sessions]' '[[2,2],4]' "below 2 hides nothing here"
run report team "${team_files[@]}" --suppress-below 1
expect_rc 2 "a threshold under 2 is a usage error"
run report team "${team_files[@]}" --format html --suppress-below
expect_rc 0 "suppressed html"
expect_out_lacks "<svg" "the hours chart is left out of a suppressed report"
expect_out_has "hours chart is left out" "and the report says so"
run report team "${team_files[@]}" --format html
expect_out_has "<svg" "the unsuppressed report has its chart"

sed 's/"schema_version": 1/"schema_version": 2/' "$WORK/Ben-W47.json" >"$WORK/future.json"
run report team "$WORK/Ana-W47.json" "$WORK/future.json"
expect_rc 3 "a newer schema_version is refused"
expect_err_has "future.json: has schema_version 2" "naming the file"
echo "not json" >"$WORK/junk.json"
run report team "$WORK/junk.json"
expect_rc 3 "a file that is not JSON is refused"
expect_err_has "junk.json: is not JSON" "naming the file"
run report team "$WORK/missing.json"
expect_rc 8 "a missing file is an io error"
expect_err_has "missing.json" "naming it"

finish

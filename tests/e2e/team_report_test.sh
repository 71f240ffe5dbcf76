# `report team`: exports from three journals aggregated per specialist and in total.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tools/team_exports.sh"

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
expect_out_has '<tr class="total"><td>all</td>' "the totals row is set apart as totals"
expect_out_lacks 'class="alert"' "not shaded like an alert"
expect_out_has "split evenly between them in this chart" "the chart says how it splits kinds"

# ---- a period: an export counts toward the period that holds its middle day ----------------
mkdir -p "$WORK/periods"
cp "$WORK/Ana-W47.json" "$WORK/Ben-W47.json" "$WORK/periods/"
jq '.period = {"week": "2026-W44", "from": "2026-10-26", "to": "2026-11-01"}' \
    "$WORK/Ana-W47.json" >"$WORK/periods/Ana-W44.json"
run report team "$WORK/periods" --format json
expect_json '[.totals.files, .totals.minutes, .members[0].from]' '[3,285,"2026-10-26"]' \
    "without a period every file counts"
run report team "$WORK/periods" --month 2026-11 --format json
expect_rc 0 "report team --month"
expect_json '[.totals.files, .totals.minutes, .files_outside_period, .period.from]' \
    '[2,195,1,"2026-11-01"]' "W44 (Thursday 2026-10-29) is October's, left out of November"
expect_err_has "1 file outside 2026-11 (2026-11-01 to 2026-11-30) left out" "stderr says how many"
run report team "$WORK/periods" --month 2026-10 --format json
expect_json '[.totals.files, .totals.minutes, .files_outside_period, .files_straddling_period]' \
    '[1,90,2,1]' "October counts W44 whole, and says it reaches past the month"
expect_err_has "1 file reaching past its edge counted whole" "on stderr too"
run report team "$WORK/periods" --from 2026-11-16 --to 2026-11-22
expect_out_has "Team report: 2026-W47 (2026-11-16 to 2026-11-22)" "the title names the period"
expect_out_has "1 file outside 2026-W47 (2026-11-16 to 2026-11-22) left out" "and the table's note what was left out"
run report team "$WORK/periods" --month 2026-11 --week this
expect_rc 2 "--month with --week is a usage error"

# ---- - reads one export from stdin --------------------------------------------------------
run_with_input "$(cat "$WORK/Ben-W47.json")" report team - "$WORK/Ana-W47.json" --format json
expect_rc 0 "report team -"
expect_json '[.members[].specialist, .totals.minutes]' '["Ana","Ben",195]' "stdin and a file"
run_with_input "[]" report team -
expect_rc 3 "an array on stdin is refused"
expect_err_has "- (stdin): is JSON, but an array, not an export object" "saying what is wrong"

# ---- totals that disagree with the session rows ------------------------------------------
jq '.totals.minutes = 999' "$WORK/Ana-W47.json" >"$WORK/periods/tampered.json"
run report team "$WORK/Ben-W47.json" "$WORK/periods/tampered.json"
expect_rc 3 "an export whose totals were changed is refused"
expect_err_has "tampered.json: totals.minutes is 999 but its session rows add up to 90 minutes" \
    "naming the file and the figure"
rm "$WORK/periods/tampered.json"
echo "[]" >"$WORK/array.json"
run report team "$WORK/array.json"
expect_rc 3 "a JSON array is refused"
expect_err_has "array.json: is JSON, but an array, not an export object" "not called 'not JSON'"

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
expect_err_has "without a specialist name are counted under their directory's name: (unnamed)" \
    "exports without a specialist name are named on stderr"
# Unnamed exports of different weeks given as files merge under their directory's name: warned.
mkdir -p "$WORK/noname"
sed 's/"specialist": "Ana"/"specialist": ""/' "$WORK/Ana-W47.json" >"$WORK/noname/w47.json"
sed 's/"specialist": "Ana"/"specialist": ""/' "$WORK/periods/Ana-W44.json" >"$WORK/noname/w44.json"
run report team "$WORK/noname/w44.json" "$WORK/noname/w47.json" --format json
expect_json '[.members[].specialist, .members[0].files, .unnamed_files]' '["(noname)",2,2]' \
    "both count under their directory's name"
expect_err_has "2 exports without a specialist name" "and stderr says so"
expect_err_has "Set [specialist] name" "and what to do"

# ---- small-cell suppression -----------------------------------------------------------------
team_files=("$WORK/Ana-W47.json" "$WORK/Ben-W47.json" "$WORK/Cai-W47.json")
run report team "${team_files[@]}" --format json --suppress-below
expect_rc 0 "report team --suppress-below (default 11)"
expect_json '[.members[].sessions]' '["<11","<11","<11"]' "each specialist's 2 sessions show as <11"
expect_json '[.totals.sessions, .totals.minutes]' '["<11","suppressed"]' \
    "a total of 6 is hidden too, and minutes follow their session count"
expect_json '.suppressed_below' '11' "the report says it is suppressed"
run report team "${team_files[@]}" --format json --suppress-below 3
# Three cells of 1 or 2 adding up to 6 are all 2, and to 3 all 1: the totals would give them away.
expect_json '[[.members[].sessions], .totals.sessions]' '[["<3","<3","<3"],"suppressed"]' \
    "below 3: the members' 2s hide, and so does the total of 6 that pins them"
expect_json '[[.members[].new_peers], .totals.new_peers]' '[["<3","<3","<3"],"suppressed"]' \
    "new peers alike (a total of 3 pins three cells of 1)"
run report team "$WORK/Ana-W47.json" "$WORK/Ben-W47.json" --format json --suppress-below 4
expect_json '[[.members[].sessions], .totals.sessions]' '[["<4","<4"],4]' \
    "two 2s below 4 with a total of 4 leave each 1 to 3: the total shows"
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

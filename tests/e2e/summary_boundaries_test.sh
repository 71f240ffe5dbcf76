# The supervisor's page names boundary flags and overrides (report summary, in every format,
# and so examples/supervisor-monday.sh); report boundaries takes -o and every format.
source "$(dirname "$0")/lib.sh"
CONFIG="$XDG_CONFIG_HOME/peerlog/config.toml"
mkdir -p "$(dirname "$CONFIG")"
printf '[boundaries.severity]\ngift = "block"\n' >"$CONFIG"

run peer add P1 --since 2026-09-01
run peer add P2 --since 2026-09-01
run session add --peer P1 --support emotional --duration 30m --date 2026-11-10 --start 23:30 \
    --modality phone --note "late call"
late=$OUT
run session add --peer P2 --support emotional --duration 30m --date 2026-11-11 --gift 40 \
    --override "crisis call" --note x
gift=$OUT
run session add --peer P2 --support emotional --duration 30m --date 2026-11-12 --note calm
expect_rc 0 "three sessions, two flagged"
week="--week 2026-W46"

run report summary $week
expect_rc 0 "report summary"
expect_out_has "Boundaries
----------" "the table has a Boundaries section"
expect_out_has "Flagged sessions" "with the flagged sessions"
expect_out_has "contact_hours" "the flags by rule"
expect_out_has "crisis call" "the override reason"
grep -q "^Boundaries  *2 flagged sessions, 1 override (contact_hours 1, gift 1)$" <<<"$OUT" &&
    pass || fail "an At a glance line for boundaries"
grep -qE "^ *$late  *2026-11-10  *P1  *contact_hours" <<<"$OUT" && pass ||
    fail "the sessions flagged are listed: $late"

run report summary $week --format markdown
expect_out_has "## Boundaries" "markdown has the Boundaries section"
expect_out_has "| \\* $gift | 2026-11-11 | P2 | gift | crisis call |" \
    "markdown lists the sessions flagged, an overridden one marked"

run report summary $week --format csv
expect_out_has $'boundaries,flagged_sessions,,,2\r' "csv: flagged sessions"
expect_out_has $'boundaries,overrides,,,1\r' "csv: overrides"
expect_out_has $'boundary_rule,gift,,,1\r' "csv: flags by rule"
expect_out_has $'boundary_rule_overrides,gift,,,1\r' "csv: overrides by rule"
expect_out_has $'flagged_session,P1,,,'"$late"$'\r' "csv: the sessions flagged"
expect_out_has "at_a_glance,Boundaries,,,\"2 flagged sessions, 1 override" "csv: the glance line"

run report summary $week --format json
expect_json '.boundaries | [.flagged_sessions, .overrides]' '[2,1]' "json: the counts"
expect_json '[.boundaries.rules[].rule]' '["contact_hours","gift"]' "json: the rules"
expect_json '.boundaries.rules[1].flags[0].override_reason' '"crisis call"' "json: the reason"

run report summary $week --format html -o "$WORK/s.html"
expect_rc 0 "report summary --format html"
text=$(sed 's/<[^>]*>/ /g' "$WORK/s.html" | tr -s ' \n' ' ')
[[ "$text" == *"Boundaries Flagged sessions 2 Overrides 1"* ]] && pass || fail "html: the counts"
[[ "$text" == *"$gift 2026-11-11 P2 gift crisis call"* ]] && pass || fail "html: the sessions"

run report summary --week 2026-W45
expect_out_has "No session in the period was flagged." "a quiet week says so"

# ---- report boundaries: -o and every format --------------------------------------------------
run report boundaries $week -o "$WORK/b.txt"
expect_rc 0 "report boundaries -o FILE"
expect_eq "$OUT" "" "nothing on stdout"
expect_eq "$(stat -c %a "$WORK/b.txt")" "600" "the file is private"
grep -q "2 flagged sessions, 1 override." "$WORK/b.txt" && pass || fail "the file holds the report"
run report boundaries $week --format html -o "$WORK/b.html"
expect_rc 0 "report boundaries --format html"
text=$(sed 's/<[^>]*>/ /g' "$WORK/b.html" | tr -s ' \n' ' ')
[[ "$text" == *"Boundary flags: 2026-W46"* ]] && pass || fail "html: the title"
[[ "$text" == *"contact_hours (1)"* && "$text" == *"gift (1)"* ]] && pass || fail "html: a section per rule"
[[ "$text" == *"crisis call"* ]] && pass || fail "html: the override reason"
for format in table markdown csv json; do
    run report boundaries $week --format $format -o "$WORK/b.$format"
    expect_rc 0 "report boundaries --format $format -o FILE"
    grep -q "crisis call" "$WORK/b.$format" && pass || fail "$format: the reason in the file"
done

# A period without a flag, in every format: the page says so (html and xlsx crashed on it).
for format in table markdown csv json html xlsx; do
    run report boundaries --week 2026-W40 --format $format -o "$WORK/clean.$format"
    expect_rc 0 "report boundaries --format $format of a week without flags"
done
grep -q "No session in the period was flagged" "$WORK/clean.html" && pass ||
    fail "html of a week without flags says none was flagged"

# ---- the Monday script mails and files what the page says -------------------------------------
PEERLOG_TODAY=2026-11-16 PEERLOG_REPORT_DIR="$WORK/reports" PATH="$(dirname "$PEERLOG"):$PATH" \
    bash "$PEERLOG_SOURCE_DIR/examples/supervisor-monday.sh" >"$WORK/monday.out" 2>&1
page=$(cat "$WORK/monday.out")
[ -f "$page" ] && grep -q "Flagged sessions" "$page" && pass ||
    fail "supervisor-monday.sh's page names the flagged sessions ($page)"

finish

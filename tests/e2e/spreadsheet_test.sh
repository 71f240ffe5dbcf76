# --format xlsx and csv keep the record's key as typed: codes and names are text cells (0042,
# 3E5, 11-12, DEC-1 stay as typed), figures numbers, dates date cells, one sheet per section
# with its header row frozen; in csv a number is never formula-guarded, a text cell always is.
source "$(dirname "$0")/lib.sh"
tools="$PEERLOG_SOURCE_DIR/tests/e2e/tools"
CONFIG="$XDG_CONFIG_HOME/peerlog/config.toml"
mkdir -p "$(dirname "$CONFIG")"
printf '[boundaries.severity]\ngift = "block"\n' >"$CONFIG"

codes=(0042 3E5 11-12 DEC-1)
for code in "${codes[@]}"; do
    run peer add "$code" --since 2026-09-01
done
expect_rc 0 "peer add"
run session add --peer 0042 --support emotional --duration 1h --date 2026-11-03 --note x
run session add --peer 3E5 --support informational --duration 30m --date 2026-11-04 --gift 40 \
    --override "=1+1" --note x
expect_rc 0 "a blocked gift saved with an override that looks like a formula"
run session add --peer 11-12 --support emotional --duration 30m --date 2026-11-05 --gift 30 \
    --override "-x" --note x
run assess add 0042 --barc10 5,5,5,5,5,5,5,5,5,5 --date 2026-10-01
run assess add 0042 --barc10 4,4,4,4,4,4,4,4,4,4 --date 2026-11-10
run assess add DEC-1 --barc10 3,3,3,3,3,3,3,3,3,3 --date 2026-11-02
run assess add DEC-1 --barc10 4,4,4,4,4,4,4,4,4,4 --date 2026-11-12
expect_rc 0 "assess add"

# xlsx needs -o FILE: a workbook is binary.
run report caseload --format xlsx
expect_rc 2 "xlsx to stdout is refused"
expect_err_has "give -o FILE" "the refusal says how"
run report caseload --format xlsx -o -
expect_rc 2 "xlsx to - is refused"
run report summary --identified --recipient x --format xlsx
expect_rc 2 "an identified xlsx to stdout is refused too (identified_xlsx_test.sh: to a file)"

# cells FILE: the workbook's cells as the spreadsheet reads them (xlsx_cells.py).
cells() { python3 "$tools/xlsx_cells.py" "$1"; }
# cell LISTING SHEET!REF: "TYPE<TAB>VALUE<TAB>FORMAT" of one cell.
cell() { awk -F'\t' -v ref="$2" '$1 == ref { print $2 "\t" $3 "\t" $4 }' <<<"$1"; }

run report caseload --month 2026-11 --format xlsx -o "$WORK/caseload.xlsx"
expect_rc 0 "report caseload --format xlsx"
expect_eq "$(stat -c %a "$WORK/caseload.xlsx")" "600" "the workbook is private"
expect_eq "$(find "$TMPDIR" -name 'peerlog-xlsx*' | wc -l)" "0" "no scratch directory is left"
expect_eq "$(head -c 2 "$WORK/caseload.xlsx")" "PK" "the file is a zip (xlsx)"
listing=$(cells "$WORK/caseload.xlsx")
sheet="Caseload on 2026-11-18"
expect_eq "$(grep -c '^sheet' <<<"$listing")" "1" "one section, one sheet"
grep -q "^sheet	$sheet	frozen=A2$" <<<"$listing" && pass || fail "the header row is frozen: $listing"
expect_eq "$(cell "$listing" "$sheet!A1" | cut -f1,2)" "text	Peer" "the header is text"
# The caseload lists peers longest unseen first; find each code's row.
for code in "${codes[@]}"; do
    ref=$(awk -F'\t' -v s="$sheet" -v c="$code" '$2 == "text" && $3 == c && index($1, s "!A") == 1 { print $1 }' <<<"$listing")
    [ -n "$ref" ] && pass || fail "peer code $code is a text cell, as typed"
    row=${ref#"$sheet!A"}
    expect_eq "$(cell "$listing" "$sheet!E$row" | cut -f1)" "number" "$code: days since is a number"
done
row=$(awk -F'\t' -v s="$sheet" '$3 == "0042" { sub(".*!A", "", $1); print $1 }' <<<"$listing")
expect_eq "$(cell "$listing" "$sheet!D$row")" "date	46329	yyyy-mm-dd" \
    "the last contact is a date cell shown yyyy-mm-dd (2026-11-03)"
expect_eq "$(cell "$listing" "$sheet!H$row" | cut -f1,2)" "number	40" "the latest BARC-10 is a number"
expect_eq "$(grep -c '	formula	' <<<"$listing")" "0" "no cell is a formula"

run report outcomes --month 2026-11 --format xlsx -o "$WORK/outcomes.xlsx"
expect_rc 0 "report outcomes --format xlsx"
listing=$(cells "$WORK/outcomes.xlsx")
change() { awk -F'\t' -v v="$1" '$1 ~ /!F[0-9]+$/ && $3 == v { print $2 "\t" $3 "\t" $4 }' <<<"$listing"; }
expect_eq "$(change -10 | cut -f1,2)" "number	-10" "the BARC-10 change -10 is a number"
expect_eq "$(change 10)" "number	10	+0;-0;0" "a change of +10 is a number shown with its sign"

run report boundaries --month 2026-11 --format xlsx -o "$WORK/boundaries.xlsx"
expect_rc 0 "report boundaries --format xlsx"
listing=$(cells "$WORK/boundaries.xlsx")
grep -q '	text	=1+1	' <<<"$listing" && pass || fail "an override reason =1+1 is a text cell"
expect_eq "$(grep -c '	formula	' <<<"$listing")" "0" "=1+1 is never a formula"
expect_eq "$(grep '^sheet' <<<"$listing" | cut -f2 | tr '\n' '|')" "Boundaries|gift (2)|" \
    "one sheet for the overview and one per rule"

run report summary --month 2026-11 --format xlsx -o "$WORK/summary.xlsx"
expect_rc 0 "report summary --format xlsx"
listing=$(cells "$WORK/summary.xlsx")
sheets=$(grep '^sheet' <<<"$listing" | cut -f2 | tr '\n' '|')
expect_eq "$sheets" "The period|At a glance|Boundaries|Hours|Caseload on 2026-11-18|Outcomes|Supervision|Certification|Wellbeing (shared check-ins)|" \
    "one sheet per section of the summary"
expect_eq "$(grep '^sheet' <<<"$listing" | grep -vc 'frozen=A2$')" "0" "every sheet has its header row frozen"

run report summary --month 2026-11 --suppress-below 3 --format xlsx -o "$WORK/shared.xlsx"
expect_rc 0 "a suppressed summary as xlsx"
listing=$(cells "$WORK/shared.xlsx")
grep -q '	text	<3	' <<<"$listing" && pass || fail "a hidden count is the text <3"

# ---- csv: numbers as numbers, text guarded ----------------------------------------------------
run report outcomes --month 2026-11 --format csv
expect_rc 0 "report outcomes --format csv"
expect_out_has "Outcomes,0042,change,-10" "a negative change is written as -10, not '-10"
expect_out_has "Outcomes,DEC-1,change,+10" "a positive change keeps its sign, unguarded"
run report boundaries --month 2026-11 --format csv
expect_out_has ",'=1+1" "a text cell =1+1 is still guarded"
expect_out_has ",'-x" "a text cell -x is still guarded"
run assess list 0042 --format csv
expect_rc 0 "assess list --format csv"
expect_out_lacks "'-10" "assess list: a negative change is a number"

# ---- the listings and the export take xlsx too -----------------------------------------------
run peer list --format xlsx
expect_rc 2 "peer list: xlsx without -o is refused"
run peer list --format xlsx -o "$WORK/peers.xlsx"
expect_rc 0 "peer list --format xlsx -o FILE"
listing=$(cells "$WORK/peers.xlsx")
grep -q "^sheet	Peers	frozen=A2$" <<<"$listing" && pass || fail "peer list: one sheet, header frozen"
for code in "${codes[@]}"; do
    grep -qP "^Peers!A\d+\ttext\t\Q$code\E\t" <<<"$listing" && pass || fail "peer list: $code is text"
done
expect_eq "$(cell "$listing" "Peers!E2" | cut -f1,3)" "date	yyyy-mm-dd" "peer list: since is a date cell"
expect_eq "$(cell "$listing" "Peers!G2" | cut -f1)" "number" "peer list: sessions is a number"

run session list --month 2026-11 --format xlsx -o "$WORK/sessions.xlsx"
expect_rc 0 "session list --format xlsx -o FILE"
listing=$(cells "$WORK/sessions.xlsx")
grep -qP '^Sessions!E\d+\ttext\t3E5\t' <<<"$listing" && pass || fail "session list: the peer 3E5 is text"
expect_eq "$(cell "$listing" "Sessions!D2" | cut -f1,2)" "number	60" "session list: minutes are numbers"
expect_eq "$(cell "$listing" "Sessions!B2" | cut -f1)" "date" "session list: the date is a date cell"

run assess list 0042 --format xlsx -o "$WORK/assess.xlsx"
expect_rc 0 "assess list --format xlsx -o FILE"
listing=$(cells "$WORK/assess.xlsx")
expect_eq "$(cell "$listing" "Assessments!F3" | cut -f1,2)" "number	-10" "assess list: the change is a number"

run export --month 2026-11 --format xlsx
expect_rc 2 "export: xlsx without -o is refused"
run export --month 2026-11 --format xlsx -o "$WORK/export.xlsx"
expect_rc 0 "export --format xlsx -o FILE"
listing=$(cells "$WORK/export.xlsx")
expect_eq "$(grep '^sheet' <<<"$listing" | cut -f2 | tr '\n' '|')" "Summary|Totals|Follow-ups due|Sessions|" \
    "export: a sheet for the figures, the totals, the follow-ups and the sessions"
grep -qP '^Sessions!E\d+\ttext\t11-12\t' <<<"$listing" && pass || fail "export: the peer 11-12 is text"
expect_eq "$(cell "$listing" "Summary!B5" | cut -f1,2)" "number	3" "export: the sessions figure is a number"
run audit list --format json
expect_out_has "de-identified xlsx export" "the xlsx export is audited as one"
run export --month 2026-11 --identified --recipient x --format xlsx -o "$WORK/ie.xlsx"
expect_rc 10 "an identified xlsx export with no consent for the recipient: exit 10"
[ ! -e "$WORK/ie.xlsx" ] && pass || fail "nothing written for a refused xlsx"
run export --month 2026-11 --suppress-below 3 --format xlsx -o "$WORK/se.xlsx"
expect_rc 2 "a suppressed export has no per-session xlsx"

run group add Circle
run goal add 0042 --domain housing "Find a flat"
run checkin add --stress 3 --energy 3
run supervision add --date 2026-11-02 --duration 1h --supervisor "Dr Lee"
run resource add Foodbank --category food
run referral add 0042 --resource Foodbank
for listing_command in "group list" "goal list" "checkin list" "supervision list --month 2026-11" \
    "referral list" "resource list"; do
    run $listing_command --format xlsx -o "$WORK/list.xlsx"
    expect_rc 0 "$listing_command --format xlsx -o FILE"
    [ "$(cells "$WORK/list.xlsx" | grep -c '^sheet.*frozen=A2$')" -eq 1 ] && pass ||
        fail "$listing_command: one sheet, its header frozen"
    run $listing_command --format xlsx
    expect_rc 2 "$listing_command: xlsx without -o is refused"
done

# ---- LibreOffice, where installed, opens the workbook with the same types -------------------
ods=$(libreoffice_cells "$WORK/caseload.xlsx")
opened=$?
if ((opened != 2)); then
    expect_eq "$opened" "0" "LibreOffice opened the workbook"
    for code in "${codes[@]}"; do
        grep -qP "\tstring\t\t\Q$code\E$" <<<"$ods" && pass ||
            fail "LibreOffice reads $code as the text $code"
    done
    grep -qP '\tdate\t2026-11-03\t2026-11-03$' <<<"$ods" && pass || fail "LibreOffice reads a date"
    grep -qP '\tfloat\t40\t40$' <<<"$ods" && pass || fail "LibreOffice reads a number"
else
    echo "note: LibreOffice (soffice) is not installed: the xlsx was checked from its XML only" >&2
fi

finish

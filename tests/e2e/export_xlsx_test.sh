# The xlsx export is written as it is read (each session row straight into the workbook) and
# holds the cells it held when it was built whole: every cell of every sheet of a small journal
# with tricky text (codes 0042 and 3E5, a group named like a formula, one with spaces around its
# name, group sessions and their attendees, follow-ups, sessions without a start) is checked
# against the listing the whole-workbook writer gave (peerlog 2026-12, before streaming).
source "$(dirname "$0")/lib.sh"
tools="$PEERLOG_SOURCE_DIR/tests/e2e/tools"

for code in 0042 3E5 11-12 DEC-1; do
    run peer add "$code" --since 2026-09-01
done
run group add "=SUM(A1:A9)"
run group add "  Lantern Circle "
expect_rc 0 "groups named like a formula and with spaces around"
run session add --peer 0042 --support emotional,instrumental --duration 1h --date 2026-11-03 \
    --start 09:30 --follow-up 2026-11-10 --note x
run session add --peer 3E5 --support informational --duration 30m --date 2026-11-04 \
    --modality phone --disclosed --disclosure "hope" --note x
run session add --group "=SUM(A1:A9)" --attendee 0042 --attendee DEC-1 --unnamed 3 \
    --support affiliational --duration 90m --date 2026-11-05 --start 18:00 --follow-up 2026-11-12 \
    --note x
run session add --group "  Lantern Circle " --attendee 11-12 --support affiliational --duration 45m \
    --date 2026-10-01 --note x
run session add --peer DEC-1 --support emotional --duration 15m --date 2026-11-05 --start 08:00 \
    --modality video --setting community --note x
expect_rc 0 "five sessions"

# listing FILE: the workbook's cells (xlsx_cells.py), the audit head's hash (a digest of times)
# as HASH.
listing() { python3 "$tools/xlsx_cells.py" "$1" | sed -E 's/[0-9a-f]{64}/HASH/'; }

run export --from 1900-01-01 --to today --format xlsx -o "$WORK/all.xlsx"
expect_rc 0 "export of all history as xlsx"
expected=$(cat <<'CELLS'
sheet	Summary	frozen=A2
Summary!A1	text	figure	builtin:0
Summary!B1	text	value	builtin:0
Summary!A2	text	specialist	builtin:0
Summary!A3	text	from	builtin:0
Summary!B3	text	1900-01-01	builtin:0
Summary!A4	text	to	builtin:0
Summary!B4	text	2026-11-18	builtin:0
Summary!A5	text	sessions	builtin:0
Summary!B5	number	5	0
Summary!A6	text	minutes	builtin:0
Summary!B6	number	240	0
Summary!A7	text	distinct_peers	builtin:0
Summary!B7	number	4	0
Summary!A8	text	new_peers	builtin:0
Summary!B8	number	4	0
Summary!A9	text	follow_ups_due	builtin:0
Summary!B9	number	3	0
Summary!A10	text	audit_head_id	builtin:0
Summary!B10	number	11	0
Summary!A11	text	audit_head_hash	builtin:0
Summary!B11	text	HASH	builtin:0
sheet	Totals	frozen=A2
Totals!A1	text	by	builtin:0
Totals!B1	text	kind	builtin:0
Totals!C1	text	sessions	builtin:0
Totals!D1	text	minutes	builtin:0
Totals!A2	text	support	builtin:0
Totals!B2	text	emotional	builtin:0
Totals!C2	number	2	0
Totals!D2	number	75	0
Totals!A3	text	support	builtin:0
Totals!B3	text	informational	builtin:0
Totals!C3	number	1	0
Totals!D3	number	30	0
Totals!A4	text	support	builtin:0
Totals!B4	text	instrumental	builtin:0
Totals!C4	number	1	0
Totals!D4	number	60	0
Totals!A5	text	support	builtin:0
Totals!B5	text	affiliational	builtin:0
Totals!C5	number	2	0
Totals!D5	number	135	0
Totals!A6	text	modality	builtin:0
Totals!B6	text	in-person	builtin:0
Totals!C6	number	3	0
Totals!D6	number	195	0
Totals!A7	text	modality	builtin:0
Totals!B7	text	phone	builtin:0
Totals!C7	number	1	0
Totals!D7	number	30	0
Totals!A8	text	modality	builtin:0
Totals!B8	text	video	builtin:0
Totals!C8	number	1	0
Totals!D8	number	15	0
Totals!A9	text	modality	builtin:0
Totals!B9	text	text	builtin:0
Totals!C9	number	0	0
Totals!D9	number	0	0
sheet	Follow-ups due	frozen=A2
Follow-ups due!A1	text	peer	builtin:0
Follow-ups due!B1	text	due	builtin:0
Follow-ups due!C1	text	session	builtin:0
Follow-ups due!A2	text	0042	builtin:0
Follow-ups due!B2	date	46336	yyyy-mm-dd
Follow-ups due!C2	number	1	0
Follow-ups due!A3	text	0042	builtin:0
Follow-ups due!B3	date	46338	yyyy-mm-dd
Follow-ups due!C3	number	3	0
Follow-ups due!A4	text	DEC-1	builtin:0
Follow-ups due!B4	date	46338	yyyy-mm-dd
Follow-ups due!C4	number	3	0
sheet	Sessions	frozen=A2
Sessions!A1	text	id	builtin:0
Sessions!B1	text	date	builtin:0
Sessions!C1	text	start	builtin:0
Sessions!D1	text	minutes	builtin:0
Sessions!E1	text	peer	builtin:0
Sessions!F1	text	support	builtin:0
Sessions!G1	text	modality	builtin:0
Sessions!H1	text	setting	builtin:0
Sessions!I1	text	self_disclosure	builtin:0
Sessions!J1	text	follow_up	builtin:0
Sessions!K1	text	group	builtin:0
Sessions!L1	text	attendees	builtin:0
Sessions!M1	text	unnamed	builtin:0
Sessions!A2	number	4	0
Sessions!B2	date	46296	yyyy-mm-dd
Sessions!D2	number	45	0
Sessions!F2	text	affiliational	builtin:0
Sessions!G2	text	in-person	builtin:0
Sessions!H2	text	office	builtin:0
Sessions!I2	text	no	builtin:0
Sessions!K2	text	  Lantern Circle 	builtin:0
Sessions!L2	text	11-12	builtin:0
Sessions!M2	number	0	0
Sessions!A3	number	1	0
Sessions!B3	date	46329	yyyy-mm-dd
Sessions!C3	text	09:30	builtin:0
Sessions!D3	number	60	0
Sessions!E3	text	0042	builtin:0
Sessions!F3	text	emotional;instrumental	builtin:0
Sessions!G3	text	in-person	builtin:0
Sessions!H3	text	office	builtin:0
Sessions!I3	text	no	builtin:0
Sessions!J3	date	46336	yyyy-mm-dd
Sessions!M3	number	0	0
Sessions!A4	number	2	0
Sessions!B4	date	46330	yyyy-mm-dd
Sessions!D4	number	30	0
Sessions!E4	text	3E5	builtin:0
Sessions!F4	text	informational	builtin:0
Sessions!G4	text	phone	builtin:0
Sessions!H4	text	office	builtin:0
Sessions!I4	text	yes	builtin:0
Sessions!M4	number	0	0
Sessions!A5	number	5	0
Sessions!B5	date	46331	yyyy-mm-dd
Sessions!C5	text	08:00	builtin:0
Sessions!D5	number	15	0
Sessions!E5	text	DEC-1	builtin:0
Sessions!F5	text	emotional	builtin:0
Sessions!G5	text	video	builtin:0
Sessions!H5	text	community	builtin:0
Sessions!I5	text	no	builtin:0
Sessions!M5	number	0	0
Sessions!A6	number	3	0
Sessions!B6	date	46331	yyyy-mm-dd
Sessions!C6	text	18:00	builtin:0
Sessions!D6	number	90	0
Sessions!F6	text	affiliational	builtin:0
Sessions!G6	text	in-person	builtin:0
Sessions!H6	text	office	builtin:0
Sessions!I6	text	no	builtin:0
Sessions!J6	date	46338	yyyy-mm-dd
Sessions!K6	text	=SUM(A1:A9)	builtin:0
Sessions!L6	text	0042;DEC-1	builtin:0
Sessions!M6	number	3	0
CELLS
)
got=$(listing "$WORK/all.xlsx")
if [ "$got" == "$expected" ]; then
    pass
else
    fail "the workbook's cells differ from the whole-workbook writer's: $(diff <(echo "$expected") <(echo "$got") | head -20)"
fi
expect_eq "$(unzip -l "$WORK/all.xlsx" | grep -c sharedStrings)" "0" "text is written inline"

# A period without sessions: the same four sheets, the lists with their header rows alone.
run export --from 2020-01-01 --to 2020-01-31 --format xlsx -o "$WORK/empty.xlsx"
expect_rc 0 "export of a period without sessions as xlsx"
got=$(listing "$WORK/empty.xlsx")
expect_eq "$(grep '^sheet' <<<"$got" | cut -f2,3 | tr '\t\n' ' |')" \
    "Summary frozen=A2|Totals frozen=A2|Follow-ups due frozen=A2|Sessions frozen=A2|" "four sheets"
expect_eq "$(grep -c '^Follow-ups due!' <<<"$got")/$(grep -c '^Sessions!' <<<"$got")" "3/13" \
    "the follow-ups and the sessions: their header rows only"
expect_eq "$(grep '^Sessions!' <<<"$got" | cut -f2 | sort -u)" "text" "the header is text"
finish

# `export --identified` and `report summary --identified` as xlsx: a "Disclosure" sheet first
# (the notice, recipient, purpose, disclosure id, chain head), the identified records on a sheet
# of their own with codes, names and contacts as text cells: the very rows the csv export
# writes. Recorded as a disclosure exactly as csv is (the same accounting, one event), only when
# written; refused as csv is refused; an encrypted journal works.
source "$(dirname "$0")/lib.sh"
tools="$PEERLOG_SOURCE_DIR/tests/e2e/tools"
check() { if eval "$1"; then pass; else fail "$2"; fi; }
# cells FILE: the workbook's cells as the spreadsheet reads them, from its XML (xlsx_cells.py).
cells() { python3 "$tools/xlsx_cells.py" "$1"; }
# cell LISTING SHEET!REF: "TYPE<TAB>VALUE" of one cell.
cell() { awk -F'\t' -v ref="$2" '$1 == ref { print $2 "\t" $3 }' <<<"$1"; }
disclosures() { sqlite3 "$JOURNAL" "SELECT count(*) FROM disclosure"; }
disclosure_events() { sqlite3 "$JOURNAL" "SELECT count(*) FROM audit_event WHERE action = 'disclosure'"; }

# Names and contacts a spreadsheet would read as numbers, dates or formulas.
run peer add 0042 --name "0042" --contact "+1 555 0101"
run peer add 3E5 --name '=HYPERLINK("http://example.com","x")' --contact "2026-11-03"
run peer add P3 --name "Casey Threnody" --contact "-10"
expect_rc 0 "peers with names and contacts that look like figures"
run session add --peer 0042 --support emotional --duration 45m --date 2026-11-16 --note "note one"
run session add --peer 0042 --support informational --duration 1h --date 2026-11-17 --start 09:30 \
    --note "note two"
run session add --peer 3E5 --support emotional --duration 30m --date 2026-11-17 --note "3E5's note"
run session add --peer P3 --support emotional --duration 30m --date 2026-11-17 --note "P3's note"
expect_rc 0 "sessions this week"
run consent add 0042 --recipient "Dr Lee" --purpose "2027" --info "all" \
    --share contact,attendance,support,notes --signed 2026-11-01 --expires 2027-11-01
run consent add 3E5 --recipient "Dr Lee" --purpose "care" --info "attendance" \
    --share attendance --signed 2026-11-01 --expires 2027-11-01
expect_rc 0 "0042 shares everything with Dr Lee, 3E5 attendance only, P3 nothing"

# ---- refused as the csv export is: nothing written, nothing recorded ---------------------------
before=$(journal_hash)
run export --week this --identified --recipient "Dr Lee" --format xlsx
expect_rc 2 "xlsx to stdout is refused"
expect_err_has "give -o FILE" "the refusal says how"
run export --week this --identified --recipient "Nobody" --format xlsx -o "$WORK/none.xlsx"
expect_rc 10 "no consent for that recipient: exit 10"
run export --week this --identified --recipient "Dr Lee" --suppress-below 5 --format xlsx \
    -o "$WORK/none.xlsx"
expect_rc 2 "--suppress-below with --identified: exit 2"
run report summary --week this --identified --recipient "Nobody" --format xlsx -o "$WORK/none.xlsx"
expect_rc 10 "the identified report: no consent, exit 10"
run export --week this --identified --recipient "Dr Lee" --format xlsx -o "$JOURNAL"
expect_rc 2 "-o onto the journal is refused"
check '[ ! -e "$WORK/none.xlsx" ]' "no workbook was written"
expect_eq "$(journal_hash)" "$before" "and nothing was recorded"

# ---- the identified export ---------------------------------------------------------------------
run export --week this --identified --recipient "Dr Lee" --format xlsx -o "$WORK/export.xlsx"
expect_rc 0 "export --identified --format xlsx -o FILE"
expect_err_has "P3" "the peer left out for want of a consent is named on stderr, as for csv"
expect_err_has "disclosure 1 recorded" "the disclosure is confirmed"
expect_eq "$(disclosures)/$(disclosure_events)" "1/1" "one disclosure, one event"
expect_eq "$(stat -c %a "$WORK/export.xlsx")" "600" "the workbook is private"
check 'python3 -c "import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() is not None)" "$WORK/export.xlsx"' \
    "it is a whole zip"
listing=$(cells "$WORK/export.xlsx")
expect_eq "$(grep '^sheet' <<<"$listing" | tr '\n' '|')" \
    "sheet	Disclosure	frozen=A2|sheet	Identified records	frozen=A2|" \
    "two sheets, the disclosure first, each header row frozen"
expect_eq "$(cell "$listing" 'Disclosure!A2')" "text	Redisclosure notice" "the notice comes first"
cell "$listing" 'Disclosure!B2' | grep -q '^text	This record which has been disclosed to you.*42 CFR part 2' &&
    pass || fail "it is the 42 CFR 2.32 notice, as text"
expect_eq "$(cell "$listing" 'Disclosure!B4')" "text	Dr Lee" "the recipient"
expect_eq "$(cell "$listing" 'Disclosure!B5')" "text	2027; care" "the purposes, as text"
expect_eq "$(cell "$listing" 'Disclosure!B8')" "text	1" "the disclosure's id, as recorded"
head_hash=$(sqlite3 "$JOURNAL" "SELECT hash FROM audit_event WHERE id = (SELECT max(id) - 1 FROM audit_event)")
cell "$listing" 'Disclosure!B10' | grep -qF "$head_hash" && pass ||
    fail "the chain head of its snapshot, which the disclosure's event follows"
r='Identified records'
expect_eq "$(awk -F'\t' -v s="$r" 'index($1, s "!") == 1 && $1 ~ /![A-O]1$/ { print $3 }' <<<"$listing" | tr '\n' ',')" \
    "code,name,contact,record,id,date,start,minutes,modality,setting,group,support,note,detail,status," \
    "the csv export's columns"
# Every code, name and contact is a text cell: 0042 stays 0042, the formula stays text.
for col in A B C; do
    expect_eq "$(awk -F'\t' -v s="$r" -v c="$col" 'index($1, s "!" c) == 1 && $1 !~ /!.1$/ { print $2 }' <<<"$listing" | sort -u)" \
        "text" "column $col (code, name, contact) holds text cells only"
done
grep -qP "^\Q$r\E!B\d+\ttext\t0042\t" <<<"$listing" && pass || fail "the name 0042 is the text 0042"
grep -qP "^\Q$r\E!C\d+\ttext\t\+1 555 0101\t" <<<"$listing" && pass || fail "the contact +1 555 0101 is text"
grep -qP "^\Q$r\E!B\d+\ttext\t=HYPERLINK" <<<"$listing" && pass || fail "a name =HYPERLINK(...) is text"
expect_eq "$(grep -c '	formula	' <<<"$listing")" "0" "no cell is a formula"
row=$(awk -F'\t' -v s="$r" '$3 == "note two" { sub(".*!M", "", $1); print $1 }' <<<"$listing")
expect_eq "$(cell "$listing" "$r!E$row")" "number	2" "a session's id is a number"
expect_eq "$(cell "$listing" "$r!F$row")" "date	46343" "its date a date cell (2026-11-17)"
expect_eq "$(cell "$listing" "$r!G$row")" "text	09:30" "its start text"
expect_eq "$(cell "$listing" "$r!H$row")" "number	60" "its minutes a number"
# Only what the consents share: nothing of P3, no contact or note of 3E5.
unzip -p "$WORK/export.xlsx" >"$WORK/all.xml"
for absent in "Casey Threnody" "P3's note" "3E5's note" "2026-11-03"; do
    check '! grep -qF "$absent" "$WORK/all.xml"' "'$absent' is nowhere in the workbook"
done
# The names are strings in the workbook's XML (inline strings), never numbers.
grep -qF '<is><t>0042</t></is>' "$WORK/all.xml" && pass || fail "0042 is a string in the XML"

# The same rows as the csv export of the same disclosure (its own run, its own disclosure).
run export --week this --identified --recipient "Dr Lee" --format csv -o "$WORK/export.csv"
expect_rc 0 "the same export as csv"
printf '%s\n' "$listing" >"$WORK/export.cells"
same=$(python3 - "$WORK/export.csv" "$WORK/export.cells" <<'EOF'
import csv, datetime, re, sys
# The csv's rows (past the notice line), formula guards taken off.
rows = list(csv.reader(open(sys.argv[1], newline="")))[1:]
rows = [[c[1:] if c[:2] in ("'=", "'+", "'-", "'@") else c for c in row] for row in rows]
# The xlsx sheet's rows, dates as yyyy-mm-dd.
sheet = {}
for line in open(sys.argv[2]).read().splitlines():
    parts = line.split("\t")
    m = re.match(r"Identified records!([A-Z])(\d+)$", parts[0])
    if m:
        value = parts[2]
        if parts[1] == "date":
            value = (datetime.date(1899, 12, 30) + datetime.timedelta(int(value))).isoformat()
        sheet[(int(m.group(2)), ord(m.group(1)) - 65)] = value
height = max(r for r, _ in sheet)
xlsx = [[sheet.get((r, c), "") for c in range(15)] for r in range(1, height + 1)]
print("same" if xlsx == rows else f"differ:\n{xlsx}\n{rows}")
EOF
)
expect_eq "$same" "same" "the xlsx sheet holds exactly the csv export's rows"
run audit disclosures --format json
expect_json '[.[].information] | unique' \
    '["identified export: names, contact, attendance, support, notes"]' \
    "xlsx and csv are accounted for alike"

# A purpose that reads as a number stays text.
run export --week this --identified --recipient "Dr Lee" --purpose 2027 --format xlsx \
    -o "$WORK/purpose.xlsx"
expect_rc 0 "--purpose 2027"
expect_eq "$(cell "$(cells "$WORK/purpose.xlsx")" 'Disclosure!B5')" "text	2027" "the purpose 2027 is text"

# ---- the identified report -------------------------------------------------------------------
events_before=$(disclosure_events)
run report summary --week this --identified --recipient "Dr Lee" --format xlsx -o "$WORK/report.xlsx"
expect_rc 0 "report summary --identified --format xlsx -o FILE"
expect_eq "$(disclosure_events)" "$((events_before + 1))" "recorded as one disclosure"
report=$(cells "$WORK/report.xlsx")
expect_eq "$(grep '^sheet' <<<"$report" | cut -f2 | tr '\n' '|')" \
    "Disclosure|Summary|Hours by support kind|Hours by modality|Caseload on 2026-11-18|Follow-ups overdue on 2026-11-1|Identified records|" \
    "the disclosure, the summary's sheets (as its csv and json carry), then the records"
expect_eq "$(grep -c '	formula	' <<<"$report")" "0" "no cell is a formula"
run report summary --week this --identified --recipient "Dr Lee" --format json
expect_rc 0 "the same report as json"
sessions=$(jq .totals.sessions <<<"$OUT")
expect_eq "$(awk -F'\t' '$1 ~ /^Summary!A/ && $3 == "Sessions" { sub(".*!A", "", $1); print $1 }' <<<"$report" |
    while read -r n; do cell "$report" "Summary!B$n"; done)" "number	$sessions" \
    "the summary's figures are the report's (sessions: a number)"
expect_eq "$(grep -P '^Identified records!' <<<"$report")" "$(grep -P '^Identified records!' <<<"$listing")" \
    "its records sheet is the export's"
run audit disclosures --format json
expect_json '.[-1].information' '"identified report summary: names, contact, attendance, support, notes"' \
    "accounted for as the identified report"

# ---- LibreOffice, where installed, reads the same types ----------------------------------------
ods=$(libreoffice_cells "$WORK/export.xlsx")
opened=$?
if ((opened != 2)); then
    expect_eq "$opened" "0" "LibreOffice opened the workbook"
    for text in 0042 3E5 "+1 555 0101" '=HYPERLINK("http://example.com","x")'; do
        grep -qP "\tstring\t\t\Q$text\E$" <<<"$ods" && pass ||
            fail "LibreOffice reads $text as the text $text"
    done
    grep -qP '\tdate\t2026-11-17\t2026-11-17$' <<<"$ods" && pass || fail "LibreOffice reads a date"
    grep -qP '\tfloat\t60\t60$' <<<"$ods" && pass || fail "LibreOffice reads minutes as a number"
else
    echo "note: LibreOffice (soffice) is not installed: the xlsx was checked from its XML only" >&2
fi

# ---- an encrypted journal: the passphrase opens the names, the recipient stays sealed -------
export PEERLOG_JOURNAL="$WORK/sealed/journal.db"
printf '%s\n' 'grey-heron passphrase 9' >"$WORK/pass" && chmod 600 "$WORK/pass"
run init --encrypt --passphrase-file "$WORK/pass"
run --passphrase-file "$WORK/pass" peer add S1 --name "Sable Kittiwake"
run --passphrase-file "$WORK/pass" session add --peer S1 --support emotional --duration 30m \
    --date 2026-11-17 --note "sealed note"
run --passphrase-file "$WORK/pass" consent add S1 --recipient "Dr Heronsgate" --purpose "care" \
    --info "notes" --share attendance,notes --signed 2026-11-01 --expires 2027-11-01
expect_rc 0 "an encrypted journal with a consenting peer"
run export --week this --identified --recipient "Dr Heronsgate" --format xlsx -o "$WORK/sealed.xlsx"
expect_rc 10 "without the passphrase: exit 10"
check '[ ! -e "$WORK/sealed.xlsx" ]' "and no workbook"
run --passphrase-file "$WORK/pass" export --week this --identified --recipient "Dr Heronsgate" \
    --format xlsx -o "$WORK/sealed.xlsx"
expect_rc 0 "with --passphrase-file"
grep -qP '\ttext\tSable Kittiwake\t' <<<"$(cells "$WORK/sealed.xlsx")" && pass ||
    fail "the name, opened, is a text cell"
check '! cat "$PEERLOG_JOURNAL"* | grep -qaF "Heronsgate"' \
    "the disclosure's recipient is sealed in the journal, as for csv"
unset PEERLOG_JOURNAL

finish

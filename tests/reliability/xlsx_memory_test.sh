# Memory flat in the journal: `export --format xlsx` of all history on a journal of 2,000
# sessions and on one of 20,000. The larger journal's peak resident memory may exceed the
# smaller's by a margin (SQLite's page cache, allocator slack), not by the sessions: each row
# goes from the journal into the workbook as it is read, and libxlsxwriter (constant-memory
# mode) keeps only the row it is writing. Built whole, 20,000 sessions took 58 MiB more.
# No timing is asserted; under the sanitizers (PEERLOG_SANITIZED) no memory bound either.
source "$(dirname "$0")/../e2e/lib.sh"

source "$(dirname "$0")/generated_journal.sh"
small=$WORK/small.db large=$WORK/large.db
journal_of 2000 "$small"
journal_of 20000 "$large"

margin_kib=4096
a=$(peak_kib --journal "$small" export --format xlsx --from 1900-01-01 --to today \
    -o "$WORK/export.xlsx")
b=$(peak_kib --journal "$large" export --format xlsx --from 1900-01-01 --to today \
    -o "$WORK/export.xlsx")
if [ -n "${PEERLOG_SANITIZED:-}" ] || [ $((b - a)) -le $margin_kib ]; then
    pass # a sanitizer build's peak is every allocation (ASan's quarantine): no bound asserted
else
    fail "export --format xlsx of all history: $a KiB at 2,000 sessions, $b KiB at 20,000"
fi

# The streamed workbook is the whole period, in order: its Sessions sheet lists the csv
# export's sessions, row for row.
"$PEERLOG" --journal "$large" export --format csv --from 1900-01-01 --to today \
    -o "$WORK/export.csv" 2>"$WORK/err" || fail "export --format csv: $(cat "$WORK/err")"
ids=$(python3 "$PEERLOG_SOURCE_DIR/tests/e2e/tools/xlsx_cells.py" "$WORK/export.xlsx" |
    awk -F'\t' '$1 ~ /^Sessions!A[0-9]+$/ && $2 == "number" { print $3 }')
expect_eq "$(wc -l <<<"$ids")" "20000" "the Sessions sheet has a row for each of the 20,000 sessions"
if [ "$ids" == "$(tail -n +2 "$WORK/export.csv" | cut -d, -f1 | tr -d '\r')" ]; then
    pass
else
    fail "the Sessions sheet lists the csv export's sessions, in its order"
fi

echo "RESULT xlsx memory: all-history xlsx export, 2,000 -> 20,000 sessions: $((a / 1024)) ->" \
    "$((b / 1024)) MiB; margin $((margin_kib / 1024)) MiB${PEERLOG_SANITIZED:+ (sanitizer build: not asserted)}"
finish

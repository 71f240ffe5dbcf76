# Memory flat in the journal: `report supervision` of all history, in every format, on a journal
# of 2,000 sessions and on one of 20,000, every session awaiting review (each format lists them
# all). The larger journal's peak resident memory may exceed the smaller's by a margin (SQLite's
# page cache, allocator slack), not by the sessions: the review queue is read from the journal a
# session at a time as it is written. No timing is asserted; under the sanitizers
# (PEERLOG_SANITIZED) no memory bound either, only the output.
source "$(dirname "$0")/../e2e/lib.sh"

source "$(dirname "$0")/generated_journal.sh"
small=$WORK/small.db large=$WORK/large.db
journal_of 2000 "$small"
journal_of 20000 "$large"

margin_kib=4096 # 20,000 sessions listed whole took 7 to 22 MiB more
summary=""
for format in table markdown csv json html xlsx; do
    a=$(peak_kib --journal "$small" report supervision --format $format --from 1900-01-01 \
        --to today -o "$WORK/out.$format")
    b=$(peak_kib --journal "$large" report supervision --format $format --from 1900-01-01 \
        --to today -o "$WORK/out.$format")
    if [ -n "${PEERLOG_SANITIZED:-}" ] || [ $((b - a)) -le $margin_kib ]; then
        pass # a sanitizer build's peak is every allocation (ASan's quarantine): no bound asserted
    else
        fail "supervision --format $format of all history: $a KiB at 2,000 sessions, $b KiB at 20,000"
    fi
    summary+="$format $((a / 1024)) -> $((b / 1024)) MiB; "
done
# Each format lists the whole queue, in order: every session awaiting review, once.
expect_eq "$(python3 -c 'import json, sys; q = json.load(open(sys.argv[1]))["review_queue"]
print(len(q), len({i["session"] for i in q}), q == sorted(q, key=lambda i: (i["date"], i["session"])))' \
    "$WORK/out.json")" "20000 20000 True" "the json lists each of the 20,000 sessions awaiting review, by date"
expect_eq "$(grep -c '^ *[0-9]\+  [0-9-]\{10\}  ' "$WORK/out.table")" 20000 "the table lists them"
expect_eq "$(grep -c '^| [0-9]\+ | [0-9-]\{10\} |' "$WORK/out.markdown")" 20000 "markdown lists them"
expect_eq "$(grep -c '^Supervision,[0-9]\+,minutes,' "$WORK/out.csv")" 20000 "csv lists them"
expect_eq "$(grep -c '^<tr><td class="num">[0-9]\+</td>' "$WORK/out.html")" 20000 "html lists them"
expect_eq "$(python3 "$(dirname "$0")/../e2e/tools/xlsx_cells.py" "$WORK/out.xlsx" |
    grep -c '^Supervision!A[0-9]*	number')" 20000 "the workbook lists them"

echo "RESULT supervision memory: all-history report supervision, 2,000 -> 20,000 sessions:" \
    "${summary}margin $((margin_kib / 1024)) MiB${PEERLOG_SANITIZED:+ (sanitizer build: not asserted)}"
finish

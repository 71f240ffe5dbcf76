# Memory flat in the journal: `report summary --format json` of all history on a journal of
# 2,000 sessions and on one of 20,000, every session awaiting review (the json lists them all).
# The larger journal's peak resident memory may exceed the smaller's by a margin (SQLite's page
# cache, allocator slack), not by the sessions: the review queue is streamed from the journal
# and the table, markdown and csv summaries read only its length. No timing is asserted; under
# the sanitizers (PEERLOG_SANITIZED) no memory bound either, only the output.
source "$(dirname "$0")/../e2e/lib.sh"

source "$(dirname "$0")/generated_journal.sh"
small=$WORK/small.db large=$WORK/large.db
journal_of 2000 "$small"
journal_of 20000 "$large"

margin_kib=4096 # 20,000 sessions listed whole took 20 MiB more
summary=""
for format in json table csv; do
    a=$(peak_kib --journal "$small" report summary --format $format --from 1900-01-01 --to today \
        -o "$WORK/out.$format")
    b=$(peak_kib --journal "$large" report summary --format $format --from 1900-01-01 --to today \
        -o "$WORK/out.$format")
    if [ -n "${PEERLOG_SANITIZED:-}" ] || [ $((b - a)) -le $margin_kib ]; then
        pass # a sanitizer build's peak is every allocation (ASan's quarantine): no bound asserted
    else
        fail "summary --format $format of all history: $a KiB at 2,000 sessions, $b KiB at 20,000"
    fi
    summary+="$format $((a / 1024)) -> $((b / 1024)) MiB; "
done
# The streamed json is the whole queue, in order: every session awaiting review, once.
expect_eq "$(python3 -c 'import json, sys; q = json.load(open(sys.argv[1]))["supervision"]["review_queue"]
print(len(q), len({i["session"] for i in q}), q == sorted(q, key=lambda i: (i["date"], i["session"])))' \
    "$WORK/out.json")" "20000 20000 True" "the json lists each of the 20,000 sessions awaiting review, by date"

echo "RESULT summary memory: all-history summary, 2,000 -> 20,000 sessions: ${summary}margin" \
    "$((margin_kib / 1024)) MiB${PEERLOG_SANITIZED:+ (sanitizer build: not asserted)}"
finish

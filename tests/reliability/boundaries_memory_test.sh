# Memory flat in the journal: `report boundaries` and `report summary` of all history, in every
# format, on a journal of 2,000 sessions and on one of 20,000, every session flagged (a third
# twice, one in seven overridden: each format lists every flag, or every flagged session). The
# larger journal's peak resident memory may exceed the smaller's by a margin (SQLite's page
# cache, allocator slack), not by the flags: they are read from the journal as they are written.
# Then both journals' sessions are moved into one week with the sqlite3 shell, and the week's
# reports are held to the same margin. No timing is asserted; under the sanitizers
# (PEERLOG_SANITIZED) no memory bound either, only the output.
source "$(dirname "$0")/../e2e/lib.sh"

source "$(dirname "$0")/generated_journal.sh"
small=$WORK/small.db large=$WORK/large.db
# flag_all FILE: a flag on every session, a second on every third, an override on every seventh
# (a reason with a comma and quotes, as a person types one).
flag_all() {
    sqlite3 -bail "$1" "DELETE FROM session_flag;
        INSERT INTO session_flag (session_id, rule, severity, message, override_reason)
        SELECT id, 'contact_hours', 'warn', 'contact from 23:30 for 30m is outside the allowed
        hours 08:00-20:00', CASE WHEN id % 7 = 0 THEN 'crisis, \"call\" ' || id ELSE '' END FROM session;
        INSERT INTO session_flag (session_id, rule, severity, message, override_reason)
        SELECT id, 'gift', 'block', 'a gift worth 40.00 was received', 'a reason ' || id
        FROM session WHERE id % 3 = 0;"
}
journal_of 2000 "$small" && flag_all "$small"
journal_of 20000 "$large" && flag_all "$large"
flags=$(sqlite3 "$large" "SELECT count(*) FROM session_flag")
expect_eq "$flags" 26666 "20,000 sessions flagged, 6,666 of them twice"

# SQLite's page cache and its sorter (the flags are read ordered) each grow to their cap of a
# few MiB on the larger journal; 26,666 flags held whole took 7 to 48 MiB more.
margin_kib=6144
summary=""
for report in boundaries summary; do
    for format in table markdown csv json html xlsx; do
        a=$(peak_kib --journal "$small" report $report --format $format --from 1900-01-01 \
            --to today -o "$WORK/$report.$format")
        b=$(peak_kib --journal "$large" report $report --format $format --from 1900-01-01 \
            --to today -o "$WORK/$report.$format")
        if [ -n "${PEERLOG_SANITIZED:-}" ] || [ $((b - a)) -le $margin_kib ]; then
            pass # a sanitizer build's peak is every allocation (ASan's quarantine): no bound
        else
            fail "$report --format $format of all history: $a KiB at 2,000 sessions, $b KiB at 20,000"
        fi
        summary+="$report $format $((a / 1024)) -> $((b / 1024)) MiB; "
    done
done
# Every format lists every flag (boundaries) or every flagged session (summary), in order.
expect_eq "$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))
f = [x for rule in r["rules"] for x in rule["flags"]]
print(len(f), r["flagged_sessions"], r["overrides"], all(rule["flags"] == sorted(rule["flags"],
    key=lambda x: (x["date"], x["session"])) for rule in r["rules"]))' "$WORK/boundaries.json")" \
    "$flags 20000 $(sqlite3 "$large" "SELECT count(*) FROM session_flag WHERE override_reason <> ''") True" \
    "the boundaries json lists every flag, by rule then date"
expect_eq "$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["boundaries"]
print(sum(len(rule["flags"]) for rule in r["rules"]))' "$WORK/summary.json")" "$flags" \
    "the summary json lists every flag"
expect_eq "$(grep -c '^ *[0-9]\+  [0-9-]\{10\}  P[0-9]' "$WORK/boundaries.table")" "$flags" \
    "the boundaries table lists every flag"
expect_eq "$(grep -c '^| [0-9]\+ | [0-9-]\{10\} | P' "$WORK/boundaries.markdown")" "$flags" \
    "markdown lists every flag"
expect_eq "$(grep -c '^\(contact_hours\|gift\),[0-9]\+,' "$WORK/boundaries.csv")" "$flags" \
    "csv lists every flag"
expect_eq "$(grep -c '^flagged_session,' "$WORK/summary.csv")" 20000 \
    "the summary's csv lists every flagged session"
expect_eq "$(grep -c '^ *\(\* \)\?[0-9]\+  [0-9-]\{10\}  P[0-9]\{4\}  contact_hours' "$WORK/summary.table")" \
    20000 "the summary's table lists every flagged session"
expect_eq "$(grep -c 'contact_hours, gift' "$WORK/summary.table")" \
    "$(sqlite3 "$large" "SELECT count(*) FROM session_flag WHERE rule = 'gift'")" \
    "a session flagged twice shows both rules"
expect_eq "$(python3 "$(dirname "$0")/../e2e/tools/xlsx_cells.py" "$WORK/boundaries.xlsx" |
    grep -c '^[^!]*![A][0-9]*	number')" "$flags" "the workbook lists every flag"

# A whole journal in one week (an import that gave every row the same date, or the sqlite3
# shell): a week's flags are held only up to 10,000; the larger journal's 26,666 are read as
# they are written, so its peak stays that of the smaller's 2,666 held.
for journal in "$small" "$large"; do
    sqlite3 -bail "$journal" "UPDATE session SET date = '2026-11-10', follow_up = NULL"
done
for report in boundaries summary; do
    for format in table csv json; do
        a=$(peak_kib --journal "$small" report $report --format $format --week 2026-W46 \
            -o "$WORK/week-$report.$format")
        b=$(peak_kib --journal "$large" report $report --format $format --week 2026-W46 \
            -o "$WORK/week-$report.$format")
        if [ -n "${PEERLOG_SANITIZED:-}" ] || [ $((b - a)) -le $margin_kib ]; then
            pass
        else
            fail "$report --format $format, a week of every session: $a KiB at 2,000, $b at 20,000"
        fi
        summary+="week $report $format $((a / 1024)) -> $((b / 1024)) MiB; "
    done
done
expect_eq "$(grep -c '^\(contact_hours\|gift\),[0-9]\+,' "$WORK/week-boundaries.csv")" "$flags" \
    "a week's csv lists every flag"
expect_eq "$(grep -c '^ *[0-9]\+  2026-11-10  P[0-9]' "$WORK/week-boundaries.table")" "$flags" \
    "a week's table lists every flag"
expect_eq "$(grep -c '^flagged_session,' "$WORK/week-summary.csv")" 20000 \
    "a week's summary csv lists every flagged session"

echo "RESULT boundaries memory: all-history report boundaries and summary, 2,000 -> 20,000" \
    "flagged sessions: ${summary}margin $((margin_kib / 1024)) MiB${PEERLOG_SANITIZED:+ (sanitizer build: not asserted)}"
finish

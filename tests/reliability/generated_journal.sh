# Large journals for the reliability suites in seconds (where the generator alone would take
# minutes: one audited transaction per session), and their peak memory. Sourced after
# ../e2e/lib.sh; ends the suite with a failure when the generator (bench/, -DPEERLOG_BENCH=ON)
# is not built.
GENERATE=${PEERLOG_BENCH_GENERATE:-$(dirname "$PEERLOG")/bench/peerlog_bench_generate}
if [ ! -x "$GENERATE" ]; then
    fail "no journal generator at $GENERATE: build with -DPEERLOG_BENCH=ON"
    finish
    exit
fi

# journal_of N FILE: N sessions (a multiple of 1,000) in FILE: 1,000 through the library
# (bench/generate.cpp: 500 peers over 90 days before 2026-11-18), each copied with SQL to
# 91-day steps earlier (the copies without follow-ups).
journal_of() {
    local sessions=$1 file=$2
    "$GENERATE" "$file" 1000 >/dev/null
    sqlite3 "$file" "WITH RECURSIVE step(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM step WHERE
        n < $((sessions / 1000 - 1))) INSERT INTO session (peer_id, date, start_time, minutes,
        modality, setting, support_mask, note, disclosure, follow_up, created_at, updated_at,
        disclosed) SELECT peer_id, date(date, printf('-%d days', 91 * n)), start_time, minutes,
        modality, setting, support_mask, note, disclosure, NULL, created_at, updated_at, disclosed
        FROM session, step WHERE session.id <= 1000"
    expect_eq "$(sqlite3 "$file" 'SELECT count(*) FROM session')" "$sessions" "$sessions sessions"
}

# peak_kib ARGS...: the peak resident KiB of `peerlog ARGS...` (which writes its output with -o);
# a failed run fails the suite with its message.
peak_kib() {
    /usr/bin/time -f %M -o "$WORK/peak" "$PEERLOG" "$@" 2>"$WORK/err" ||
        fail "peerlog $*: $(cat "$WORK/err")"
    cat "$WORK/peak"
}

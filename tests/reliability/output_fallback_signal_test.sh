# Writing a file where the filesystem has no O_TMPFILE (some network and FUSE filesystems):
# peerlog writes it in a private 0700 directory beside the target and names it at the end.
# tests/shims/no_tmpfile_signal_after_mkdirat.cpp plays such a filesystem, and can raise a signal
# at the fallback's worst instant: its directory made, not yet registered for removal. Signals
# are held across that instant, so peerlog still ends by the signal (exit 128 + N), leaves
# nothing beside the target, leaves a file it was replacing as it was, and records no export.
# Without the fallback's held signals (SignalsHeld in output_file.cpp), the directory stays.
source "$(dirname "$0")/../e2e/lib.sh"
: "${PEERLOG_NO_TMPFILE_SHIM:?set PEERLOG_NO_TMPFILE_SHIM to the shim library}"
# ASan wants its runtime first among the loaded libraries; the shim only wraps three calls.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

run peer add P1 --name "Alex Quillfeather"
run session add --peer P1 --support emotional --duration 45m --note "a private note"
expect_rc 0 "a journal with a session"
OUTDIR="$WORK/outputs"
mkdir -m 700 "$OUTDIR"
exports() { sqlite3 "$JOURNAL" "SELECT count(*) FROM audit_event WHERE action = 'export'"; }

# fallback [NAME=VALUE...] -- ARGS...: peerlog ARGS on a filesystem without O_TMPFILE.
fallback() {
    local settings=()
    while [ "$1" != "--" ]; do
        settings+=("$1")
        shift
    done
    shift
    env LD_PRELOAD="$PEERLOG_NO_TMPFILE_SHIM" "${settings[@]}" "$PEERLOG" "$@" </dev/null \
        >"$WORK/out" 2>"$WORK/err"
    RC=$?
}

# Without a signal the fallback writes the file, 0600, and nothing else stays beside it.
fallback -- export --week this --format csv -o "$OUTDIR/sessions.csv"
expect_rc 0 "export through the fallback"
expect_eq "$(ls -A "$OUTDIR")" "sessions.csv" "only the export is in its directory"
expect_eq "$(stat -c %a "$OUTDIR/sessions.csv")" 600 "the export is 0600"
expect_eq "$(grep -c '^[0-9]' "$OUTDIR/sessions.csv")" 1 "the export holds the session"
expect_eq "$(exports)" 1 "the written export is recorded"
echo "an older export" >"$OUTDIR/old.csv"

for signal in 2 15 1; do
    for target in new.csv old.csv; do
        fallback PEERLOG_SIGNAL_AFTER_MKDIRAT="$signal" -- export --format csv -o "$OUTDIR/$target"
        expect_rc $((128 + signal)) "signal $signal into $target: peerlog ends by the signal"
        expect_eq "$(ls -A "$OUTDIR")" "$(printf 'old.csv\nsessions.csv')" \
            "signal $signal into $target: no private directory or new file is left"
    done
    fallback PEERLOG_SIGNAL_AFTER_MKDIRAT="$signal" -- report summary --week this -o "$OUTDIR/week.html"
    expect_rc $((128 + signal)) "signal $signal into a report: peerlog ends by the signal"
    expect_eq "$(ls -A "$OUTDIR")" "$(printf 'old.csv\nsessions.csv')" \
        "signal $signal into a report: nothing is left"
done
expect_eq "$(cat "$OUTDIR/old.csv")" "an older export" "the replaced file is as it was"
expect_eq "$(exports)" 1 "no signalled export is recorded"
expect_eq "$(ls -A "$TMPDIR")" "" "nothing is left in \$TMPDIR"

run audit verify
expect_rc 0 "the audit trail verifies"

echo "RESULT output fallback signals: SIGINT, SIGTERM and SIGHUP right after the private" \
    "directory is made, export and report, new and replaced files: $passed checks passed," \
    "$failed failed"
finish

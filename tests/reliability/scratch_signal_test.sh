# A signal at the worst instant for a scratch directory: right after mkdtemp made it, before it
# is registered for removal (tests/shims/signal_after_mkdtemp.cpp raises the signal there). The
# signal waits until the directory can be removed: peerlog still ends by it (exit 128 + N) and
# leaves nothing in $TMPDIR. Before the fix, the directory was left behind.
source "$(dirname "$0")/../e2e/lib.sh"
: "${PEERLOG_SIGNAL_SHIM:?set PEERLOG_SIGNAL_SHIM to the shim library}"
# ASan wants its runtime first among the loaded libraries; the shim only wraps mkdtemp.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

run peer add P1
expect_rc 0 "a peer to log sessions with"
printf 'date,peer,minutes,support\n2026-11-17,P1,30,emotional\n' >"$WORK/rows.csv"
printf '#!/bin/sh\necho "a note" >"$1"\n' >"$WORK/editor" && chmod +x "$WORK/editor"

# signalled NUMBER NAME ARGS...: peerlog ARGS with signal NUMBER raised after its mkdtemp.
signalled() {
    local number=$1 name=$2
    shift 2
    rm -rf "$TMPDIR" && mkdir -m 700 "$TMPDIR"
    env LD_PRELOAD="$PEERLOG_SIGNAL_SHIM" PEERLOG_SIGNAL_AFTER_MKDTEMP="$number" \
        EDITOR="$WORK/editor" "$PEERLOG" "$@" </dev/null >"$WORK/out" 2>"$WORK/err"
    expect_eq "$?" "$((128 + number))" "$name: peerlog ends by the signal"
    expect_eq "$(ls -A "$TMPDIR")" "" "$name: nothing is left in \$TMPDIR"
}
for signal in 2 15 1; do
    signalled "$signal" "dry run with no journal, signal $signal" --journal "$WORK/none/j.db" \
        import sessions "$WORK/rows.csv" --dry-run
    signalled "$signal" "note typed in the editor, signal $signal" session add --peer P1 \
        --support emotional --duration 30m --editor
done
# The shim does what it says: without the signal, both run through.
env LD_PRELOAD="$PEERLOG_SIGNAL_SHIM" "$PEERLOG" --journal "$WORK/none/j.db" import sessions \
    "$WORK/rows.csv" --dry-run --create-peers >/dev/null 2>&1
expect_eq "$?" 0 "dry run through the shim, no signal"
run session list --format csv
expect_out_lacks "a note" "no session was saved by a signalled add"

echo "RESULT scratch signals: SIGINT, SIGTERM and SIGHUP right after mkdtemp, in a dry run and" \
    "in an editor's note: $passed checks passed, $failed failed"
finish

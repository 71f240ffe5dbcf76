# A spreadsheet is made by libxlsxwriter, through /proc/self/fd, in a scratch file that has no
# name, with its temporary files in a private scratch directory, before it reaches its unnamed
# -o file: SIGTERM, SIGHUP and SIGINT while the workbook is being written (its scratch directory
# seen in TMPDIR) end peerlog with the signal's status and leave nothing: no scratch directory,
# no file at -o or beside it, no export event. SIGKILL, which no handler sees, leaves at most
# the empty scratch directory, never a byte of the workbook, and the next workbook written
# removes it. Then one run left alone gives a whole workbook.
source "$(dirname "$0")/../e2e/lib.sh"

source "$(dirname "$0")/generated_journal.sh"
check() { if eval "$1"; then pass; else fail "$2"; fi; }

# 50,000 sessions, so writing the workbook lasts long enough to be interrupted.
journal_of 50000 "$JOURNAL"
SCRATCH="$WORK/tmp"
OUTDIR="$WORK/outputs"
mkdir -m 700 "$SCRATCH" "$OUTDIR"
exports() { sqlite3 "$JOURNAL" "SELECT count(*) FROM audit_event WHERE action = 'export'"; }
args=(export --from 2010-01-01 --to 2026-11-30 --format xlsx)

interrupted=0 left=0
# killed_while_writing SIGNAL STATUS
killed_while_writing() {
    local signal=$1 status=$2 exports_before seen=0
    exports_before=$(exports)
    (TMPDIR="$SCRATCH" exec "$PEERLOG" "${args[@]}" -o "$OUTDIR/sheet.xlsx" </dev/null \
        >/dev/null 2>&1) &
    local pid=$!
    for _ in $(seq 3000); do
        if [ -n "$(find "$SCRATCH" -mindepth 1 -maxdepth 1 -name 'peerlog-xlsx*' -print -quit)" ]; then
            seen=1
            break
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.005
    done
    check '((seen))' "SIG$signal: the workbook's scratch directory was seen while it was written"
    kill -"$signal" "$pid"
    { wait "$pid"; } 2>/dev/null # no job notice
    expect_eq "$?" "$status" "SIG$signal: peerlog ends with status $status"
    ((seen)) && interrupted=$((interrupted + 1))
    check '[ -z "$(ls -A "$SCRATCH")" ]' "SIG$signal: no scratch file or directory is left"
    check '[ -z "$(ls -A "$OUTDIR")" ]' "SIG$signal: nothing at -o or beside it"
    expect_eq "$(exports)" "$exports_before" "SIG$signal: no export event for a workbook not written"
    left=$((left + $(ls -A "$SCRATCH" "$OUTDIR" | grep -c -v -e '^$' -e ':$')))
}
killed_while_writing TERM 143
killed_while_writing HUP 129
killed_while_writing INT 130

# SIGKILL at seeded random instants of the workbook's writing (from its scratch directory's
# appearance through the first three quarters of the run's rest, as one run measures it, so that
# a run a little faster than the one measured is still caught mostly mid-write): no byte of it anywhere in TMPDIR, nothing
# at -o, no export event (but for a kill between its commit and the name, counted). A run that
# ends before its kill (a loaded machine) must have written a whole workbook, with its event.
RANDOM=4211
sigkills=0 sigkill_dirs=0 sigkill_bytes=0 finished_first=0 recorded_unnamed=0 named_before_kill=0
# start_export: the export in the background (PID), returning once its scratch directory appears.
start_export() {
    (TMPDIR="$SCRATCH" exec "$PEERLOG" "${args[@]}" -o "$OUTDIR/sheet.xlsx" </dev/null \
        >/dev/null 2>&1) &
    PID=$!
    until [ -n "$(find "$SCRATCH" -mindepth 1 -maxdepth 1 -name "peerlog-xlsx.$PID.*" -print -quit)" ]; do
        kill -0 "$PID" 2>/dev/null || break
        sleep 0.005
    done
}
start_export
started=$(date +%s%N)
wait "$PID"
writing_ms=$((($(date +%s%N) - started) / 1000000))
rm -f "$OUTDIR/sheet.xlsx"
for ((kill = 1; kill <= 10; kill++)); do
    exports_before=$(exports)
    start_export
    delay=$((RANDOM % (writing_ms * 3 / 4 + 1)))
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -KILL "$PID" 2>/dev/null
    { wait "$PID"; } 2>/dev/null
    status=$?
    bytes=$(find "$SCRATCH" -type f -size +0 -printf '%s\n' | awk '{ n += $1 } END { print n + 0 }')
    sigkill_bytes=$((sigkill_bytes + bytes))
    expect_eq "$bytes" "0" "SIGKILL $kill after $delay ms: no byte of the workbook is left in TMPDIR"
    if [ "$status" -eq 137 ] && [ -e "$OUTDIR/sheet.xlsx" ]; then
        # Killed after the workbook got its name, before the process ended (a slow build, such
        # as the sanitizers'): the file must be whole, with its one event, and alone.
        named_before_kill=$((named_before_kill + 1))
        check '[ "$(ls -A "$OUTDIR")" = sheet.xlsx ]' "SIGKILL $kill after the name: nothing beside it"
        check 'python3 -c "import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() is not None)" "$OUTDIR/sheet.xlsx"' \
            "SIGKILL $kill after the name: the workbook is whole"
        expect_eq "$(exports)" "$((exports_before + 1))" "SIGKILL $kill after the name: one event"
        rm -f "$OUTDIR/sheet.xlsx"
    elif [ "$status" -eq 137 ]; then
        sigkills=$((sigkills + 1))
        check '[ -z "$(ls -A "$OUTDIR")" ]' "SIGKILL $kill: nothing at -o or beside it"
        # An event without its file is the one loss allowed: a kill between commit and name.
        events=$(($(exports) - exports_before))
        check '((events == 0 || events == 1))' "SIGKILL $kill: no export event but that of such a kill"
        recorded_unnamed=$((recorded_unnamed + events))
    else
        finished_first=$((finished_first + 1))
        check 'python3 -c "import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() is not None)" "$OUTDIR/sheet.xlsx"' \
            "SIGKILL $kill came after the run: its workbook is whole"
        expect_eq "$(exports)" "$((exports_before + 1))" "SIGKILL $kill came after the run: one event"
        rm -f "$OUTDIR/sheet.xlsx"
    fi
done
sigkill_dirs=$(find "$SCRATCH" -mindepth 1 -maxdepth 1 -name 'peerlog-xlsx.*' | wc -l)
check '((sigkills >= 5))' "most SIGKILLs caught the workbook being written ($sigkills of 10)"

TMPDIR="$SCRATCH" run "${args[@]}" -o "$OUTDIR/sheet.xlsx"
expect_rc 0 "left alone, the workbook is written"
check 'python3 -c "import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() is not None)" "$OUTDIR/sheet.xlsx"' "and it is a whole zip"
check '[ -z "$(ls -A "$SCRATCH")" ]' \
    "and its scratch directory is gone, and those the SIGKILLs left ($sigkill_dirs) with it"
expect_eq "$(stat -c %a "$OUTDIR/sheet.xlsx")" "600" "and it is private"

echo "RESULT xlsx signals: SIGTERM/SIGHUP/SIGINT while libxlsxwriter wrote a workbook of 50,000" \
    "sessions: $interrupted of 3 caught mid-write, $left files or directories left; 10 SIGKILLs" \
    "(workbook written in $writing_ms ms): $sigkills mid-write, $named_before_kill after the name," \
    "$finished_first finished first," \
    "$sigkill_bytes bytes of workbook left, $recorded_unnamed events for a file not named," \
    "$sigkill_dirs empty scratch directories left after them (each removed by the next run)"
finish

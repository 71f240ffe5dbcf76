# Helpers for end-to-end tests: a throwaway home for each test script, a fixed "today",
# and assertions on the exit code, stdout and stderr of the real peerlog binary.
# Source it, call `run ARGS...` then `expect_*`, and end the script with `finish`.
set -u
: "${PEERLOG:?set PEERLOG to the peerlog binary}"
: "${PEERLOG_SOURCE_DIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/peerlog-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK/home" XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config"
export XDG_STATE_HOME="$WORK/state" TMPDIR="$WORK/tmp"
mkdir -p "$HOME" "$TMPDIR"
export PEERLOG_TODAY=2026-11-18 # a Wednesday in ISO week 2026-W47
unset PEERLOG_JOURNAL PEERLOG_CONFIG VISUAL EDITOR NO_COLOR
export PAGER=cat MANPAGER=cat # a test on a pseudo-terminal must never wait in less
JOURNAL="$XDG_DATA_HOME/peerlog/journal.db"

passed=0
failed=0
OUT="" ERR="" RC=0

# run ARGS...: runs peerlog with no stdin; sets OUT, ERR and RC.
run() {
    "$PEERLOG" "$@" </dev/null >"$WORK/out" 2>"$WORK/err"
    RC=$?
    OUT=$(cat "$WORK/out")
    ERR=$(cat "$WORK/err")
}

# run_with_input TEXT ARGS...: as run, with TEXT on stdin.
run_with_input() {
    local input=$1
    shift
    printf '%s' "$input" | "$PEERLOG" "$@" >"$WORK/out" 2>"$WORK/err"
    RC=$?
    OUT=$(cat "$WORK/out")
    ERR=$(cat "$WORK/err")
}

# A misspelt helper must fail the test, not pass it by doing nothing. (Bash runs this handler
# in a subshell, so it leaves a note for finish rather than counting.)
command_not_found_handle() {
    printf '%s\n' "$1" >>"$WORK/.unknown-commands"
    printf 'FAIL: no such command or test helper: %s\n' "$1" >&2
    return 127
}

pass() { passed=$((passed + 1)); }
fail() {
    failed=$((failed + 1))
    printf 'FAIL: %s\n  stdout: %s\n  stderr: %s\n  exit: %s\n' "$1" "${OUT:0:600}" "${ERR:0:600}" "$RC" >&2
}

# expect_rc CODE WHAT
expect_rc() { if [ "$RC" -eq "$1" ]; then pass; else fail "$2 (expected exit $1)"; fi; }
# expect_out_has TEXT WHAT / expect_err_has TEXT WHAT / expect_out_lacks TEXT WHAT
expect_out_has() { if [[ "$OUT" == *"$1"* ]]; then pass; else fail "$2 (stdout lacks '$1')"; fi; }
expect_err_has() { if [[ "$ERR" == *"$1"* ]]; then pass; else fail "$2 (stderr lacks '$1')"; fi; }
expect_out_lacks() { if [[ "$OUT" != *"$1"* ]]; then pass; else fail "$2 (stdout has '$1')"; fi; }
expect_err_lacks() { if [[ "$ERR" != *"$1"* ]]; then pass; else fail "$2 (stderr has '$1')"; fi; }
# expect_eq ACTUAL EXPECTED WHAT
expect_eq() { if [ "$1" == "$2" ]; then pass; else fail "$3 (got '$1', expected '$2')"; fi; }
# expect_json FILTER EXPECTED WHAT: jq FILTER applied to stdout prints EXPECTED.
expect_json() {
    local got
    got=$(printf '%s' "$OUT" | jq -c "$1" 2>&1)
    expect_eq "$got" "$2" "$3"
}
# libreoffice_cells FILE.xlsx: the cells LibreOffice reads in FILE, from its flat ODS conversion
# (tools/ods_cells.py: SHEET!ROW:COLUMN, type, value, shown); status 2 when LibreOffice is not
# installed (say so and check the XML alone), 1 when it could not open FILE.
libreoffice_cells() {
    command -v soffice >/dev/null || return 2
    local dir="$WORK/lo" name
    name=$(basename "$1" .xlsx)
    mkdir -p "$dir"
    HOME="$dir" timeout 180 soffice --headless --norestore --convert-to fods --outdir "$dir" \
        "$1" >/dev/null 2>&1
    [ -s "$dir/$name.fods" ] || return 1
    python3 "$PEERLOG_SOURCE_DIR/tests/e2e/tools/ods_cells.py" "$dir/$name.fods"
}
# journal_hash: a hash of the journal and its WAL, to prove a failed command changed nothing.
journal_hash() { cat "$JOURNAL" "$JOURNAL-wal" 2>/dev/null | sha256sum | cut -d' ' -f1; }

finish() {
    if [ -s "$WORK/.unknown-commands" ]; then
        failed=$((failed + $(wc -l <"$WORK/.unknown-commands")))
    fi
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

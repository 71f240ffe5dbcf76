#!/usr/bin/env bash
# A tour of peerlog on a throwaway journal: a specialist logs a few days of contacts, a script
# exports the week, a supervisor reads the summary. Never touches your own journal.
# Usage: examples/demo.sh [PATH_TO_PEERLOG]   (default: build/peerlog, then peerlog on PATH)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
peerlog=${1:-$here/../build/peerlog}
[ -x "$peerlog" ] || peerlog=$(command -v peerlog)

demo=$(mktemp -d "${TMPDIR:-/tmp}/peerlog-demo.XXXXXX")
trap 'rm -rf "$demo"' EXIT
export PEERLOG_JOURNAL="$demo/journal.db" XDG_CONFIG_HOME="$demo/config"
export XDG_STATE_HOME="$demo/state"
unset PEERLOG_CONFIG PEERLOG_TODAY

# quoted WORD...: the words quoted for the shell, so a printed command can be copied and run:
# plain words as they are, others in single quotes, a word with a line break as $'...'.
quoted() {
    local word line=""
    for word in "$@"; do
        if [[ ! $word =~ ^[A-Za-z0-9_./:,+=@%-]+$ ]]; then
            if [[ $word == *[$'\n\t']* ]]; then
                printf -v word '%q' "$word"
            else
                word="'${word//\'/\'\\\'\'}'"
            fi
        fi
        line+="${line:+ }$word"
    done
    printf '%s' "$line"
}

# header COMMAND: prints COMMAND as typed at a prompt (in bold on a terminal).
header() {
    if [ -t 1 ]; then printf '\n\033[1m$ %s\033[0m\n' "$1"; else printf '\n$ %s\n' "$1"; fi
}

# step ARG...: shows, then runs, peerlog ARG...
step() {
    header "peerlog $(quoted "$@")"
    "$peerlog" "$@"
}

# piped_step TEXT ARG...: shows, then runs, peerlog ARG... with the line TEXT on stdin.
piped_step() {
    local text=$1
    shift
    header "printf '%s\\n' $(quoted "$text") | peerlog $(quoted "$@")"
    printf '%s\n' "$text" | "$peerlog" "$@"
}

# Last week's Monday as an offset from today (date +%u: Monday is 1), so the demo's week is
# complete whatever day it runs on.
monday=$(($(date +%u) + 6))

echo "Demo journal: $PEERLOG_JOURNAL (removed at the end)"

step peer add RJ-07 --stage early --pathway substance-use --since -40d --referred-by "drug court"
step peer add MK-12 --stage mid --pathway co-occurring --since -60d
step peer add TS-03 --stage late --pathway mental-health --since -90d
step peer list

# A note typed as an argument lands in shell history; --note - reads it from stdin instead.
step session add --peer TS-03 --support emotional --duration 50m --date -45d --modality phone \
    --note "Check-in by phone."
piped_step $'Practised what to say at the job interview.\nNext: mock interview on Thursday.' \
    session add --peer RJ-07 --support instrumental,informational --duration 1h30m \
    --date -${monday}d --start 14:00 --setting community --follow-up +3d --note -
step session add --peer MK-12 --support emotional,affiliational --duration 45m \
    --date -$((monday - 1))d --start 10:00 --note "Went to a SMART meeting together." \
    --disclosure "showed that relapse can be part of recovery"
step session add --peer RJ-07 --support emotional --duration 20m --date -$((monday - 3))d \
    --modality text --note "Encouragement before the interview."

step session list --week last
step session show 2
step export --week last --format json
step report summary --week last

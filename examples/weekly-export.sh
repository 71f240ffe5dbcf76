#!/usr/bin/env bash
# Exports last week's de-identified summary to a dated file, e.g. ~/peerlog-exports/2026-W46.json,
# and prints the file's path. For cron and systemd timers; see examples/crontab and systemd/.
#
# Settings (environment):
#   PEERLOG             the peerlog binary (default: peerlog on PATH)
#   PEERLOG_EXPORT_DIR  where exports go (default: ~/peerlog-exports)
#   PEERLOG_FORMAT      json (default), csv or ndjson
# Exit status: peerlog's own (see peerlog(1)); 5 (journal busy) is retried twice first.
set -euo pipefail

peerlog=${PEERLOG:-peerlog}
dir=${PEERLOG_EXPORT_DIR:-$HOME/peerlog-exports}
format=${PEERLOG_FORMAT:-json}

umask 077 # exports are private, like the journal
mkdir -p -- "$dir"

# The ISO week before this one; PEERLOG_TODAY (which peerlog honours too) pins "today".
week=$(date -d "${PEERLOG_TODAY:-today} -7 days" +%G-W%V)
out="$dir/$week.$format"

for attempt in 1 2 3; do
    rc=0
    "$peerlog" -q export --week "$week" --format "$format" -o "$out" || rc=$?
    if [ "$rc" -ne 5 ] || [ "$attempt" -eq 3 ]; then
        break
    fi
    sleep $((attempt * 10)) # another peerlog is writing: wait and try again
done

case $rc in
0) printf '%s\n' "$out" ;;
4) echo "weekly-export: no journal yet, nothing exported (run peerlog init)" >&2 ;;
*) echo "weekly-export: peerlog export failed with exit status $rc; no file written" >&2 ;;
esac
exit "$rc"

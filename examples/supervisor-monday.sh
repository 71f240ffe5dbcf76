#!/usr/bin/env bash
# Monday morning: the summary report of the past week for the supervisor, written to a dated
# file (e.g. ~/peerlog-reports/summary-2026-W46.md) whose path is printed.
#
# Settings (environment):
#   PEERLOG              the peerlog binary (default: peerlog on PATH)
#   PEERLOG_REPORT_DIR   where reports go (default: ~/peerlog-reports)
#   PEERLOG_REPORT_MAIL  if set and `mail` exists, the report is mailed to this address
set -euo pipefail

# The report's format. Markdown reads well in mail and on screen; when peerlog gains an HTML
# report, change this one word to html.
format=markdown

peerlog=${PEERLOG:-peerlog}
dir=${PEERLOG_REPORT_DIR:-$HOME/peerlog-reports}
case $format in
markdown) extension=md ;;
*) extension=$format ;;
esac

umask 077
mkdir -p -- "$dir"
week=$(date -d "${PEERLOG_TODAY:-today} -7 days" +%G-W%V)
out="$dir/summary-$week.$extension"

rc=0
"$peerlog" -q report summary --week "$week" --format "$format" -o "$out" || rc=$?
if [ "$rc" -ne 0 ]; then
    echo "supervisor-monday: peerlog report failed with exit status $rc; no report written" >&2
    exit "$rc"
fi

if [ -n "${PEERLOG_REPORT_MAIL:-}" ] && command -v mail >/dev/null; then
    mail -s "peerlog summary $week" "$PEERLOG_REPORT_MAIL" <"$out"
fi
printf '%s\n' "$out"

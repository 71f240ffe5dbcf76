#!/usr/bin/env bash
# Monday morning: the summary report of the past week for the supervisor, written to a dated
# file (e.g. ~/peerlog-reports/summary-2026-W46.html: one self-contained page with charts,
# printable, no network) whose path is printed.
#
# Settings (environment):
#   PEERLOG              the peerlog binary (default: peerlog on PATH)
#   PEERLOG_REPORT_DIR   where reports go (default: ~/peerlog-reports)
#   PEERLOG_REPORT_MAIL  if set and `mail` exists, the summary is mailed to this address as
#                        plain text (Markdown), with the path of the HTML page
set -euo pipefail

# The report's format: html opens in any browser with its charts; markdown, table, csv and json
# work too (change this one word).
format=html

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
    {
        printf 'The full report with charts: %s\n\n' "$out"
        "$peerlog" -q report summary --week "$week" --format markdown
    } | mail -s "peerlog summary $week" "$PEERLOG_REPORT_MAIL"
fi
printf '%s\n' "$out"

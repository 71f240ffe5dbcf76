# The scripts and timers in examples/: weekly-export.sh and supervisor-monday.sh run under
# set -euo pipefail with their exit codes, the crontab line and the systemd units point at the
# installed script, and config.toml names every key peerlog knows with a valid default.
source "$(dirname "$0")/lib.sh"
EXAMPLES="$PEERLOG_SOURCE_DIR/examples"
export PEERLOG PEERLOG_EXPORT_DIR="$WORK/exports" PEERLOG_REPORT_DIR="$WORK/reports"

# script NAME: runs examples/NAME; sets OUT, ERR and RC.
script() {
    bash "$EXAMPLES/$1" </dev/null >"$WORK/out" 2>"$WORK/err"
    RC=$?
    OUT=$(cat "$WORK/out")
    ERR=$(cat "$WORK/err")
}

script weekly-export.sh
expect_rc 4 "weekly-export with no journal passes on peerlog's exit code"
expect_err_has "no journal yet" "and says so"
expect_eq "$(ls "$WORK/exports" 2>/dev/null)" "" "no file is written"

run peer add P1
run session add --peer P1 --support emotional --duration 45m --date 2026-11-10 --note x
script weekly-export.sh
expect_rc 0 "weekly-export"
expect_eq "$OUT" "$WORK/exports/2026-W46.json" "prints the dated file it wrote"
expect_eq "$(jq -c '[.period.week, .totals.sessions]' "$WORK/exports/2026-W46.json")" \
    '["2026-W46",1]' "last week's export is in the file"
expect_eq "$(stat -c %a "$WORK/exports/2026-W46.json")" "600" "the export is private"
PEERLOG_FORMAT=csv script weekly-export.sh
expect_eq "$(head -1 "$WORK/exports/2026-W46.csv" | tr -d '\r')" \
    "id,date,start,minutes,peer,support,modality,setting,self_disclosure,follow_up,group,attendees,unnamed" \
    "csv too"
PEERLOG_FORMAT=yaml script weekly-export.sh
expect_rc 2 "a bad format fails with peerlog's usage code"
expect_err_has "failed with exit status 2" "and the script says so"

script supervisor-monday.sh
expect_rc 0 "supervisor-monday"
report="$WORK/reports/summary-2026-W46.html"
expect_eq "$OUT" "$report" "prints the report it wrote"
grep -q '^<!DOCTYPE html>' "$report" && pass || fail "the report is HTML"
grep -q '<svg' "$report" && pass || fail "with its charts"
grep -q "emotional" "$report" && pass || fail "the report has the hours"
grep -q 'https\?://' "$report" && fail "the report is self-contained" || pass
expect_eq "$(stat -c %a "$report")" "600" "the report is private"
grep -q '^format=html$' "$EXAMPLES/supervisor-monday.sh" && pass ||
    fail "the format is one word to change"
# With a mail address and a mail command, the summary goes out as text.
mkdir -p "$WORK/bin"
printf '#!/bin/sh\necho "subject: $2 to: $3" >"%s"\ncat >>"%s"\n' "$WORK/mail" "$WORK/mail" >"$WORK/bin/mail"
chmod +x "$WORK/bin/mail"
PATH="$WORK/bin:$PATH" PEERLOG_REPORT_MAIL=lee@example.org script supervisor-monday.sh
expect_rc 0 "supervisor-monday with mail"
grep -q "^subject: peerlog summary 2026-W46 to: lee@example.org" "$WORK/mail" && pass ||
    fail "the summary is mailed"
grep -q "^## " "$WORK/mail" && pass || fail "as Markdown text"
grep -q "summary-2026-W46.html" "$WORK/mail" && pass || fail "naming the HTML page"

# The crontab line and the systemd service run the installed script; the timer is weekly.
# No ~/.local/state yet: the crontab line makes it for its log.
mkdir -p "$HOME/.local/bin"
rm -rf "$HOME/.local/state"
ln -s "$EXAMPLES/weekly-export.sh" "$HOME/.local/bin/peerlog-weekly-export"
cron_command=$(grep -v '^#' "$EXAMPLES/crontab" | sed -n 's/^0 6 \* \* 1  //p')
expect_eq "$([ -n "$cron_command" ] && echo found)" "found" "the crontab line runs Mondays at 06:00"
rm -rf "$WORK/exports"
OUT=$(sh -c "$cron_command" 2>&1)
RC=$?
expect_rc 0 "the crontab command runs"
expect_eq "$(ls "$WORK/exports")" "2026-W46.json" "and writes the export"
expect_eq "$OUT" "" "it prints nothing for cron to mail"
expect_eq "$(cat "$HOME/.local/state/peerlog-export.log" 2>&1)" "$WORK/exports/2026-W46.json" \
    "what the script printed is in the log, in a directory made for it"
grep -qi 'cron mails any output' "$EXAMPLES/crontab" && fail "the crontab's comment says what happens to the output" || pass

# README's one-line weekly export names the file after the week it exports (last week).
readme_line=$(grep -m1 'peerlog -q export --week last --format json -o' "$PEERLOG_SOURCE_DIR/README.md")
OUT=$readme_line
expect_out_has "\$(date -d 'last week' +%G-W%V)" "README's weekly export is named after last week"
# README's weekly export block and its crontab line work on a fresh account (no ~/exports yet).
readme_block=$(sed -n '/^## For scripts: the weekly export/,/^```$/p' "$PEERLOG_SOURCE_DIR/README.md" |
    sed -n '/^```sh$/,/^```$/p' | grep -v '^```')
readme_cron=$(grep -m1 '^0 6 \* \* 1 ' "$PEERLOG_SOURCE_DIR/README.md" | cut -d' ' -f6-)
for what in block cron; do
    fresh="$WORK/fresh-$what"
    mkdir -p "$fresh"
    [ $what = block ] && commands=$readme_block || commands=$readme_cron
    OUT=$(HOME=$fresh bash -c 'peerlog() { "$PEERLOG" "$@"; }; eval "$1"' _ "$commands" 2>&1)
    RC=$?
    expect_rc 0 "README's weekly export ($what) runs on a fresh account"
    [ -n "$(ls "$fresh/exports" 2>/dev/null)" ] && pass || fail "and writes its file under ~/exports ($what)"
done
grep -q '^ExecStart=%h/.local/bin/peerlog-weekly-export$' \
    "$EXAMPLES/systemd/peerlog-weekly-export.service" && pass || fail "the service runs the script"
grep -q '^OnCalendar=Mon \*-\*-\* 06:00:00$' "$EXAMPLES/systemd/peerlog-weekly-export.timer" &&
    pass || fail "the timer fires Mondays at 06:00"
if command -v systemd-analyze >/dev/null; then
    systemd-analyze calendar "Mon *-*-* 06:00:00" >/dev/null && pass || fail "OnCalendar parses"
fi

# config.toml: every key `config show` prints is there, commented out; uncommented, the file
# loads and changes nothing (its values are the defaults).
run config show
defaults=$OUT
while IFS= read -r line; do
    case $line in
    [a-z]*=*) key=${line%% =*}
        grep -q "^# $key = " "$EXAMPLES/config.toml" && pass || fail "config.toml has $key" ;;
    esac
done <<<"$defaults"
# journal.path's line is an example, and both the file's header and the line say so.
OUT=$(head -3 "$EXAMPLES/config.toml")
expect_out_has "but for [journal] path, whose line is an example" "config.toml's header names its example"
OUT=$(grep -B1 '^# path = ' "$EXAMPLES/config.toml")
expect_out_has "An example, not the default" "the path line is marked as an example"
sed -E 's/^# ([a-z_]+ = )/\1/' "$EXAMPLES/config.toml" | grep -v '^path = ' >"$WORK/config.toml"
run --config "$WORK/config.toml" config show
expect_rc 0 "the uncommented config.toml loads"
expect_eq "$(grep -v '^#' <<<"$OUT")" "$(grep -v '^#' <<<"$defaults")" \
    "and its values are the defaults"

# demo.sh prints each command as it would be typed: copied into a shell, its lines redo the
# tour (the quoting of --referred-by 'drug court' and of each note kept, the piped note shown).
(unset PEERLOG_TODAY && bash "$EXAMPLES/demo.sh" "$PEERLOG" </dev/null >"$WORK/demo.out" 2>&1)
RC=$? OUT=$(cat "$WORK/demo.out") ERR=""
expect_rc 0 "demo.sh runs"
expect_out_has "--referred-by 'drug court'" "demo.sh quotes a value with a space"
expect_out_has "| peerlog session add --peer RJ-07" "demo.sh shows the session piped to --note -"
grep '^\$ ' "$WORK/demo.out" | sed 's/^\$ //' >"$WORK/demo-commands.sh"
OUT=$(cd "$WORK" && unset PEERLOG_TODAY && PEERLOG_JOURNAL="$WORK/demo-copy.db" bash -c '
    set -e
    peerlog() { "$PEERLOG" -q "$@" >/dev/null; }
    source "$1"
    "$PEERLOG" session list --format json' _ "$WORK/demo-commands.sh" 2>&1)
RC=$?
expect_rc 0 "the commands demo.sh prints run as printed"
expect_json '[.[] | .peer] | sort | join(" ")' '"MK-12 RJ-07 RJ-07 TS-03"' \
    "and log the same four sessions"
run --journal "$WORK/demo-copy.db" session show 2 --format json
expect_json '.note' '"Practised what to say at the job interview.\nNext: mock interview on Thursday."' \
    "the piped note arrives whole"

finish

# export and report summary on a small known data set: exact figures in every format,
# determinism, de-identification and private output files.
source "$(dirname "$0")/lib.sh"

check() { if eval "$1"; then pass; else fail "$2"; fi; }
no_escape_bytes() { ! LC_ALL=C grep -q $'\x1b' "$WORK/out"; }

# ---- the data set (today is Wednesday 2026-11-18; W46 = 11-09..11-15, W47 = 11-16..11-22) ----
#  A1 since 09-01, B2 new in W47 (since 11-17), C3 last seen 10-01 with an overdue follow-up,
#  D4 paused and never seen, E5 closed on 11-01 with an old follow-up.
NOTE="DISTINCTIVE-NOTE-PLUGH about the custody hearing"
PURPOSE="QUUXPURPOSE shared my own relapse story"
REFERRAL="Riverside XYZZY drug court"
setup() {
    run "$@"
    [ "$RC" -eq 0 ] || fail "setup: $*"
}
setup peer add A1 --since 2026-09-01 --stage mid --pathway substance-use --referred-by "$REFERRAL"
setup peer add B2 --since 2026-11-17 --pathway mental-health
setup peer add C3 --since 2026-08-01
setup peer add D4 --since 2026-08-01
setup peer pause D4
setup peer add E5 --since 2026-08-01
# id 1..8
setup session add --peer A1 --date 2026-11-10 --duration 60m --support emotional --modality in-person \
    --follow-up 2026-11-13
setup session add --peer A1 --date 2026-11-12 --duration 30m --support informational --modality phone
setup session add --peer A1 --date 2026-11-16 --duration 45m --support emotional,instrumental \
    --modality in-person --setting community --disclosure "$PURPOSE" --note "$NOTE" --follow-up 2026-11-20
setup session add --peer B2 --date 2026-11-17 --duration 1h30m --support informational --modality video \
    --follow-up 2026-11-24
setup session add --peer B2 --date 2026-11-18 --start 14:05 --duration 20m --support affiliational \
    --modality text --setting home
setup session add --peer A1 --date 2026-11-18 --duration 15m --support instrumental --modality phone \
    --follow-up 2026-11-22
setup session add --peer C3 --date 2026-10-01 --duration 1h --support emotional --follow-up 2026-10-15
setup session add --peer E5 --date 2026-10-01 --duration 1h --support emotional --follow-up 2026-10-10
setup peer close E5 --date 2026-11-01

BY_SUPPORT='{"emotional":{"sessions":1,"minutes":45},"informational":{"sessions":1,"minutes":90},"instrumental":{"sessions":2,"minutes":60},"affiliational":{"sessions":1,"minutes":20}}'
BY_MODALITY='{"in-person":{"sessions":1,"minutes":45},"phone":{"sessions":1,"minutes":15},"video":{"sessions":1,"minutes":90},"text":{"sessions":1,"minutes":20}}'

# no_private_text WHAT: the note, the disclosure purpose and the referral source are absent.
no_private_text() {
    expect_out_lacks "PLUGH" "$1: no note text"
    expect_out_lacks "custody" "$1: no note text (2)"
    expect_out_lacks "QUUXPURPOSE" "$1: no disclosure purpose"
    expect_out_lacks "XYZZY" "$1: no referral source"
    expect_out_lacks "substance-use" "$1: no pathway"
}

# ---- export --format json -------------------------------------------------------------------
run export --week 2026-W47 --format json
expect_rc 0 "export json"
expect_json '[.schema_version,.kind,.specialist]' '[1,"peerlog.export",""]' "export header"
expect_json '.period' '{"week":"2026-W47","from":"2026-11-16","to":"2026-11-22"}' "period"
expect_json '[.totals.sessions,.totals.minutes,.totals.distinct_peers,.totals.new_peers,.totals.follow_ups_due]' \
    '[4,170,2,1,2]' "totals: sessions, minutes, distinct peers, new peers, follow-ups due"
expect_json '.totals.by_support' "$BY_SUPPORT" "by_support (a session with two kinds counts under both)"
expect_json '.totals.by_modality' "$BY_MODALITY" "by_modality"
expect_json '.follow_ups_due' '[{"peer":"A1","due":"2026-11-20","session":3},{"peer":"A1","due":"2026-11-22","session":6}]' \
    "follow-ups due in the week"
expect_json '[.sessions[].id]' '[3,4,5,6]' "the week's sessions in stable order (a start time before none)"
expect_json '.sessions[0]' '{"id":3,"date":"2026-11-16","start":null,"minutes":45,"peer":"A1","group":null,"attendees":[],"unnamed":0,"support":["emotional","instrumental"],"modality":"in-person","setting":"community","self_disclosure":true,"follow_up":"2026-11-20"}' \
    "a session record, exactly"
expect_json '.sessions[2] | [.start,.setting,.follow_up,.self_disclosure]' '["14:05","home",null,false]' \
    "start, setting, no follow-up"
expect_json '[.sessions[] | keys[]] | unique' '["attendees","date","follow_up","group","id","minutes","modality","peer","self_disclosure","setting","start","support","unnamed"]' \
    "session records carry only de-identified fields"
no_private_text "export json"

run export --from 2026-11-16 --to 2026-11-22
expect_json '.period.week' '"2026-W47"' "--from/--to covering one ISO week is that week"
expect_json '.totals.minutes' '170' "same figures by --from/--to"
run export --from 2026-11-16 --to 2026-11-21
expect_json '.period' '{"week":null,"from":"2026-11-16","to":"2026-11-21"}' "a period that is not a week"
expect_json '[.totals.sessions,.totals.minutes,.totals.follow_ups_due]' '[4,170,1]' "figures of a shorter period"

# Default period: last week (W46).
run export
expect_rc 0 "export with no period"
expect_json '.period' '{"week":"2026-W46","from":"2026-11-09","to":"2026-11-15"}' "export defaults to last week"
expect_json '[.totals.sessions,.totals.minutes,.totals.distinct_peers,.totals.new_peers,.totals.follow_ups_due]' \
    '[2,90,1,0,1]' "last week's totals"
expect_json '[.sessions[].id]' '[1,2]' "last week's sessions"

# ---- export --format ndjson -----------------------------------------------------------------
run export --week 2026-W47 --format ndjson
expect_rc 0 "export ndjson"
expect_eq "$(wc -l <"$WORK/out")" "5" "ndjson: a summary line and one line per session"
expect_eq "$(head -n1 "$WORK/out" | jq -c '[.type,.schema_version,.kind,has("sessions")]')" \
    '["summary",1,"peerlog.export",false]' "first line is the summary, without sessions"
expect_eq "$(head -n1 "$WORK/out" | jq -c '[.totals.sessions,.totals.minutes,.totals.distinct_peers,.totals.new_peers,.totals.follow_ups_due]')" \
    '[4,170,2,1,2]' "summary line totals"
expect_eq "$(head -n1 "$WORK/out" | jq -c '.totals.by_support')" "$BY_SUPPORT" "summary line by_support"
expect_eq "$(tail -n +2 "$WORK/out" | jq -c '[.type,.id]' | tr '\n' ' ')" \
    '["session",3] ["session",4] ["session",5] ["session",6] ' "then one session per line"
expect_eq "$(sed -n 2p "$WORK/out" | jq -c 'del(.type)')" \
    '{"id":3,"date":"2026-11-16","start":null,"minutes":45,"peer":"A1","group":null,"attendees":[],"unnamed":0,"support":["emotional","instrumental"],"modality":"in-person","setting":"community","self_disclosure":true,"follow_up":"2026-11-20"}' \
    "a session line matches the json record"
no_private_text "export ndjson"

# ---- export --format csv --------------------------------------------------------------------
run export --week 2026-W47 --format csv
expect_rc 0 "export csv"
expected_csv=$'id,date,start,minutes,peer,support,modality,setting,self_disclosure,follow_up,group,attendees,unnamed\r
3,2026-11-16,,45,A1,emotional;instrumental,in-person,community,yes,2026-11-20,,,0\r
4,2026-11-17,,90,B2,informational,video,office,no,2026-11-24,,,0\r
5,2026-11-18,14:05,20,B2,affiliational,text,home,no,,,,0\r
6,2026-11-18,,15,A1,instrumental,phone,office,no,2026-11-22,,,0\r'
expect_eq "$OUT" "$expected_csv" "csv: header and one row per session, exactly"
no_private_text "export csv"

# ---- determinism ----------------------------------------------------------------------------
# Each export appends its event, and carries the head of the snapshot it was computed from: two
# runs differ in audit_head alone (jq 'del(.audit_head)' diffs them, as the README shows).
without_head() { jq -c 'del(.audit_head)' "$1"; }
for format in json ndjson csv; do
    "$PEERLOG" export --week 2026-W47 --format "$format" >"$WORK/first" 2>/dev/null
    "$PEERLOG" export --week 2026-W47 --format "$format" >"$WORK/second" 2>/dev/null
    if [ "$format" = csv ]; then
        check 'cmp -s "$WORK/first" "$WORK/second"' "export csv is byte-identical run to run"
    else
        check 'cmp -s <(without_head "$WORK/first") <(without_head "$WORK/second")' \
            "export $format is the same run to run but for audit_head"
        check '! cmp -s "$WORK/first" "$WORK/second"' \
            "export $format carries the newer head the second time"
    fi
done
"$PEERLOG" report summary --week 2026-W47 --format json >"$WORK/first" 2>/dev/null
"$PEERLOG" report summary --week 2026-W47 --format json >"$WORK/second" 2>/dev/null
check 'cmp -s "$WORK/first" "$WORK/second"' "report json is byte-identical run to run"

# ---- export -o FILE -------------------------------------------------------------------------
run export --week 2026-W47 --format json
stdout_copy=$OUT
run export --week 2026-W47 --format json -o "$WORK/export.json"
expect_rc 0 "export -o"
expect_eq "$OUT" "" "nothing on stdout with -o"
expect_eq "$(stat -c %a "$WORK/export.json")" "600" "the export file is 0600"
expect_eq "$(without_head "$WORK/export.json")" "$(without_head <(echo "$stdout_copy"))" \
    "the file holds the same export"
printf 'old content\n' >"$WORK/existing.csv"
chmod 644 "$WORK/existing.csv"
(umask 022 && "$PEERLOG" export --week 2026-W47 --format csv -o "$WORK/existing.csv" 2>/dev/null)
expect_eq "$(stat -c %a "$WORK/existing.csv")" "600" "an existing 0644 file is replaced by a 0600 one"
expect_eq "$(head -n1 "$WORK/existing.csv" | tr -d '\r')" \
    "id,date,start,minutes,peer,support,modality,setting,self_disclosure,follow_up,group,attendees,unnamed" \
    "replaced content"
check '! ls -A "$WORK" | grep -q "^\.peerlog-"' "no temporary file left beside it"
run export --week 2026-W47 -o "$WORK/missing-dir/export.json"
expect_rc 8 "export -o into a missing directory"
expect_err_has "Nothing was written" "says nothing was written"
expect_err_has "the directory $WORK/missing-dir does not exist" "and which directory is missing"
check '[ ! -e "$WORK/missing-dir" ]' "no directory created"

# Our own link given to -o is followed: the file it names is replaced and the link stays. A
# pipe or a device is refused (exit 8) and never opened: what goes into a pipe goes to whoever
# reads it. -o - is stdout.
printf 'old\n' >"$WORK/target.json" && ln -s target.json "$WORK/link.json"
run export --week 2026-W47 --format json -o "$WORK/link.json"
expect_rc 0 "export -o a symbolic link of ours"
check '[ -L "$WORK/link.json" ]' "the link stays a link"
expect_eq "$(without_head "$WORK/target.json")" "$(without_head <(echo "$stdout_copy"))" \
    "and the file it names holds the export"
mkfifo "$WORK/pipe"
timeout 5 cat "$WORK/pipe" >"$WORK/from-pipe" &
reader=$!
run export --week 2026-W47 --format json -o "$WORK/pipe"
expect_rc 8 "export -o a named pipe is refused"
expect_err_has "is a named pipe (FIFO), not a regular file" "and the message says why"
wait "$reader"
expect_eq "$(cat "$WORK/from-pipe")" "" "its reader got nothing (it was never opened)"
check '[ -p "$WORK/pipe" ]' "the pipe stays a pipe"
if mknod "$WORK/null" c 1 3 2>/dev/null; then # as root: a copy of /dev/null, never the real one
    run export --week 2026-W47 -o "$WORK/null"
    expect_rc 8 "export -o a character device is refused"
    check '[ -c "$WORK/null" ]' "the device stays a device"
fi
"$PEERLOG" export --week 2026-W47 --format json -o /dev/stdout </dev/null 2>"$WORK/err" | cat >/dev/null
expect_eq "${PIPESTATUS[0]}" "8" "-o /dev/stdout into a pipe is refused like any pipe"
piped=$("$PEERLOG" export --week 2026-W47 --format json -o - </dev/null 2>"$WORK/err" | cat)
expect_eq "$(without_head <(echo "$piped"))" "$(without_head <(echo "$stdout_copy"))" \
    "-o - writes the export to stdout"

# ---- the specialist name from the config goes into exports -------------------------------
mkdir -p "$XDG_CONFIG_HOME/peerlog"
printf '[specialist]\nname = "A. Example, CRSS"\n' >"$XDG_CONFIG_HOME/peerlog/config.toml"
run export --week 2026-W47
expect_json '.specialist' '"A. Example, CRSS"' "specialist.name in the export"
rm "$XDG_CONFIG_HOME/peerlog/config.toml"

# ---- report summary -------------------------------------------------------------------------
run report summary --week 2026-W47
expect_rc 0 "report table"
expect_out_has "Summary: 2026-W47 (2026-11-16 to 2026-11-22)" "title names the week"
expect_out_has "Sessions            4" "table: sessions"
expect_out_has "Hours            2.83" "table: hours as a decimal (170 min)"
expect_out_has "Distinct peers      2" "table: distinct peers"
expect_out_has "New peers           1" "table: new peers"
expect_out_has "Follow-ups due      2" "table: follow-ups due"
expect_out_has "emotional             1   0.75" "table: emotional 45 min = 0.75 h"
expect_out_has "informational         1   1.50" "table: informational"
expect_out_has "instrumental          2   1.00" "table: instrumental"
expect_out_has "affiliational         1   0.33" "table: affiliational 20 min = 0.33 h"
expect_out_has "in-person         1   0.75" "table: in-person"
expect_out_has "phone             1   0.25" "table: phone"
expect_out_has "video             1   1.50" "table: video"
expect_out_has "text              1   0.33" "table: text"
expect_out_has "Caseload on 2026-11-18" "caseload as of today (the week ends later)"
expect_out_has "Active peers: 4 (1 paused)" "active peers, paused included, closed not"
expect_out_has "Not seen for more than 30 days: 1" "one peer not seen"
expect_out_has "C3      48  2026-10-01" "C3 not seen for 48 days"
expect_out_lacks "D4" "a paused peer is not listed as not seen"
expect_out_lacks "E5" "a closed peer is neither not seen nor overdue"
expect_out_has "Follow-ups overdue on 2026-11-18" "overdue section"
expect_out_has "C3    2026-10-15        7" "C3's follow-up is overdue"
expect_out_lacks "2026-11-13" "A1's follow-up was met by a later contact"
no_private_text "report table"
check 'no_escape_bytes' "no escape sequences off a terminal"

run report summary --week 2026-W47 --format markdown
expect_rc 0 "report markdown"
expect_out_has "# Summary: 2026-W47 (2026-11-16 to 2026-11-22)" "markdown title"
expect_out_has "| Sessions | 4 |" "markdown: sessions"
expect_out_has "| Hours | 2.83 |" "markdown: hours"
expect_out_has "| Distinct peers | 2 |" "markdown: distinct peers"
expect_out_has "| New peers | 1 |" "markdown: new peers"
expect_out_has "| Follow-ups due | 2 |" "markdown: follow-ups due"
expect_out_has "| emotional | 1 | 0.75 |" "markdown: emotional"
expect_out_has "| instrumental | 2 | 1.00 |" "markdown: instrumental"
expect_out_has "| video | 1 | 1.50 |" "markdown: video"
expect_out_has "Active peers: 4 (1 paused)" "markdown: caseload"
expect_out_has "| C3 | 48 | 2026-10-01 |" "markdown: not seen"
expect_out_has "| C3 | 2026-10-15 | 7 |" "markdown: overdue"
no_private_text "report markdown"
markdown=$OUT
run report summary --week 2026-W47 --format md
expect_eq "$OUT" "$markdown" "md is markdown"

run report summary --week 2026-W47 --format csv
expect_rc 0 "report csv"
expected_report_csv=$'section,item,sessions,minutes,value\r
period,from,,,2026-11-16\r
period,to,,,2026-11-22\r
totals,all,4,170,\r
totals,distinct_peers,,,2\r
totals,new_peers,,,1\r
totals,follow_ups_due,,,2\r
support,emotional,1,45,\r
support,informational,1,90,\r
support,instrumental,2,60,\r
support,affiliational,1,20,\r
modality,in-person,1,45,\r
modality,phone,1,15,\r
modality,video,1,90,\r
modality,text,1,20,\r
caseload,active_peers,,,4\r
caseload,paused_peers,,,1\r
not_seen,C3,,,48\r
follow_up_overdue,C3,,,2026-10-15\r
boundaries,flagged_sessions,,,0\r
boundaries,overrides,,,0\r
at_a_glance,Caseload,,,"4 peers, 1 not seen for more than 30 days"\r
at_a_glance,Hours,,,"2.83 h one-on-one, 0.00 h group, 0.00 h supervision"\r
at_a_glance,Boundaries,,,"0 flagged sessions, 0 overrides"\r
at_a_glance,Outcomes,,,"BARC-10 47+: 0 of 0; goals achieved: 0; referrals made: 0, completed: 0"\r
at_a_glance,Supervision,,,4 sessions awaiting review\r
at_a_glance,Certification,,,no target configured\r
at_a_glance,Wellbeing,,,"0 shared check-ins, 0 call-outs"\r'
expect_eq "$OUT" "$expected_report_csv" "report csv, exactly"

run report summary --week 2026-W47 --format json
expect_rc 0 "report json"
expect_json '[.schema_version,.kind]' '[1,"peerlog.report.summary"]' "report json header"
expect_json '[.totals.sessions,.totals.minutes,.totals.distinct_peers,.totals.new_peers,.totals.follow_ups_due]' \
    '[4,170,2,1,2]' "report json totals"
expect_json '.totals.by_support' "$BY_SUPPORT" "report json by_support"
expect_json '.totals.by_modality' "$BY_MODALITY" "report json by_modality"
expect_json '.caseload' '{"as_of":"2026-11-18","active_peers":4,"paused_peers":1,"inactive_days":30,"not_seen":[{"peer":"C3","last_contact":"2026-10-01","days_since":48}]}' \
    "report json caseload"
expect_json '.follow_ups_overdue' '[{"peer":"C3","due":"2026-10-15","session":7}]' "report json overdue"
no_private_text "report json"
report_totals=$(printf '%s' "$OUT" | jq -cS .totals)
run export --week 2026-W47
expect_eq "$(printf '%s' "$OUT" | jq -cS .totals)" "$report_totals" "report and export agree on the totals"

# Default period: last week; the caseload is taken on its last day.
run report summary
expect_rc 0 "report with no period"
expect_out_has "Summary: 2026-W46 (2026-11-09 to 2026-11-15)" "report defaults to last week"
expect_out_has "Sessions            2" "last week: sessions"
expect_out_has "Hours            1.50" "last week: hours"
expect_out_has "Caseload on 2026-11-15" "caseload on the last day of last week"
expect_out_has "Active peers: 3 (1 paused)" "B2 had not joined yet; E5 was closed"
expect_out_has "C3      45  2026-10-01" "days counted up to that day"

# A never-seen peer counts from the day they joined.
setup peer reopen D4
run report summary --week 2026-W47 --format json
expect_json '.caseload.not_seen' '[{"peer":"D4","last_contact":null,"days_since":109},{"peer":"C3","last_contact":"2026-10-01","days_since":48}]' \
    "an unpaused never-seen peer is listed, longest unseen first"
setup peer pause D4

# report.inactive_days from the config.
mkdir -p "$XDG_CONFIG_HOME/peerlog"
printf '[report]\ninactive_days = 60\n' >"$XDG_CONFIG_HOME/peerlog/config.toml"
run report summary --week 2026-W47
expect_out_has "Not seen for more than 60 days: 0" "inactive_days from the config"
expect_out_lacks "C3      48" "C3 is within 60 days"
rm "$XDG_CONFIG_HOME/peerlog/config.toml"

# report -o FILE
run report summary --week 2026-W47 --format markdown -o "$WORK/report.md"
expect_rc 0 "report -o"
expect_eq "$(stat -c %a "$WORK/report.md")" "600" "the report file is 0600"
expect_eq "$(grep -v '^Audit chain head:' "$WORK/report.md")" \
    "$(grep -v '^Audit chain head:' <<<"$markdown")" \
    "the report file holds the report (the head is newer: the exports since added events)"

finish

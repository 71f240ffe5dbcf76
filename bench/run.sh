#!/usr/bin/env bash
# The Performance table of the README: whole peerlog processes timed against the best SQL for
# everything each command prints, run by the sqlite3 shell on the same journal (the floor), and
# against Timewarrior (and Taskwarrior and hledger, when installed) on the same entries.
#
# Usage: bench/run.sh [SIZE...]            (default: 100000 1000000 sessions)
#   BUILD=build  PEERLOG=$BUILD/peerlog  ROUNDS=5 (batches per case)  RUNS=3 (runs per batch, side)
#   ADD_RUNS=RUNS*8 (runs per batch of session add: a few ms each, and its spread is wide)
#   JOURNALS=/tmp/peerlog-bench  (journals are generated once and kept: 1M takes minutes)
#
# Timing: hyperfine -N (no shell between us and the process). The two sides alternate pairwise:
# each round runs a small batch of one side, then of the other, and the medians and ratio come
# from all rounds of one run. Each figure is printed with the load average it was taken under:
# the machine is shared, so only ratios within one run compare.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
ROUNDS=${ROUNDS:-5}
RUNS=${RUNS:-3}
ADD_RUNS=${ADD_RUNS:-$((RUNS * 8))}
JOURNALS=${JOURNALS:-/tmp/peerlog-bench}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
PEERLOG=${PEERLOG:-$PWD/$BUILD/peerlog} # another binary (e.g. the last release) to compare
GENERATE=$PWD/$BUILD/bench/peerlog_bench_generate
[ -x "$PEERLOG" ] && [ -x "$GENERATE" ] || cmake --build "$BUILD" -j2 >/dev/null
command -v hyperfine >/dev/null || {
    echo "bench/run.sh needs hyperfine (sh .ci/install-deps)" >&2
    exit 1
}
export PEERLOG_TODAY=2026-11-18 # the generator's "today"
unset PEERLOG_JOURNAL PEERLOG_CONFIG
export XDG_CONFIG_HOME=$JOURNALS/no-config
WEEK=2026-W46 FROM=2026-11-09 TO=2026-11-15 # the last whole week of every generated journal
mkdir -p -m 700 "$JOURNALS"
SQL=$JOURNALS/sql
mkdir -p "$SQL"

load() { cut -d' ' -f1 /proc/loadavg; }

# median_of FILE...: the median of every run time (ms) in hyperfine's json exports.
median_of() {
    python3 -c '
import json, statistics, sys
times = [t for f in sys.argv[1:] for t in json.load(open(f))["results"][0]["times"]]
print("%.2f" % (statistics.median(times) * 1000))' "$@"
}
# cpu_of FILE...: the median over the batches of the mean CPU time (user + sys, ms) per run:
# on a loaded machine wall time is mostly waiting for a core, CPU time much less so.
cpu_of() {
    python3 -c '
import json, statistics, sys
runs = [json.load(open(f))["results"][0] for f in sys.argv[1:]]
print("%.2f" % (statistics.median(r["user"] + r["system"] for r in runs) * 1000))' "$@"
}

# pair NAME -- OURS... -- THEIRS...: alternates the two in batches (of PAIR_RUNS runs, RUNS when
# unset), prints a table row with both medians, the ratio and the load average at the end.
pair() {
    local name=$1 split i
    shift 2
    for ((split = 1; split <= $#; split++)); do [ "${!split}" = "--" ] && break; done
    local ours theirs out=$JOURNALS/out runs=${PAIR_RUNS:-$RUNS}
    ours=$(printf '%q ' "${@:1:split-1}") theirs=$(printf '%q ' "${@:split+1}")
    rm -rf "$out" && mkdir -p "$out"
    for ((i = 0; i < ROUNDS; i++)); do
        hyperfine -N -w 1 -r "$runs" --export-json "$out/a$i.json" "$ours" >/dev/null 2>&1 ||
            hyperfine -N -i -w 1 -r "$runs" --export-json "$out/a$i.json" "$ours" >/dev/null
        hyperfine -N -w 1 -r "$runs" --export-json "$out/b$i.json" "$theirs" >/dev/null 2>&1 ||
            hyperfine -N -i -w 1 -r "$runs" --export-json "$out/b$i.json" "$theirs" >/dev/null
    done
    local a b ca cb
    a=$(median_of "$out"/a*.json) b=$(median_of "$out"/b*.json)
    ca=$(cpu_of "$out"/a*.json) cb=$(cpu_of "$out"/b*.json)
    printf '| %s | %s | %s | %s | %s× | %s | %s | %s× | %s |\n' "$size" "$name" "$a" "$b" \
        "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')" "$ca" "$cb" \
        "$(awk -v a="$ca" -v b="$cb" 'BEGIN { printf "%.2f", a / b }')" "$(load)"
}

# peak_mib CMD...: the peak resident memory of CMD in MiB (GNU time).
peak_mib() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.0f", $1 / 1024 }'; }

# ---- the floors: the SQL peerlog runs (or better), as files for `sqlite3 J .read FILE` ----
# The session select of lib/session_store.cpp (session list): boundary facts and flags, group,
# attendees, goals and review beside the contact itself.
SELECT_SESSIONS="SELECT s.id, coalesce(p.code, ''), s.date, s.start_time, s.minutes, s.modality,
    s.setting, s.support_mask, s.note, s.disclosure, s.follow_up, s.disclosed, s.gift_direction,
    s.gift_value, s.money, s.transport, s.social_media, s.dual_relationship,
    (SELECT group_concat(f.rule) FROM session_flag f WHERE f.session_id = s.id),
    coalesce(g.name, ''), s.unnamed_count,
    (SELECT group_concat(code, ',') FROM (SELECT ap.code FROM session_attendee a JOIN peer ap
      ON ap.id = a.peer_id WHERE a.session_id = s.id ORDER BY ap.code COLLATE NOCASE)),
    (SELECT group_concat(goal_id, ',') FROM (SELECT goal_id FROM session_goal WHERE
      session_id = s.id ORDER BY goal_id)),
    EXISTS (SELECT 1 FROM session_review r WHERE r.session_id = s.id)
    FROM session s LEFT JOIN peer p ON p.id = s.peer_id LEFT JOIN peer_group g ON g.id = s.group_id"
ORDER="ORDER BY s.date, s.start_time IS NULL, s.start_time, s.id"
# The export's rows (lib/summary.cpp visit_rows): no notes, no disclosure text.
EXPORT_ROWS="SELECT s.id, s.date, s.start_time, s.minutes, coalesce(p.code, ''), s.support_mask,
    s.modality, s.setting, s.disclosure <> '' OR s.disclosed, s.follow_up, coalesce(g.name, ''),
    s.unnamed_count, CASE WHEN s.group_id IS NULL THEN NULL ELSE (SELECT group_concat(code, ',')
    FROM (SELECT ap.code FROM session_attendee a JOIN peer ap ON ap.id = a.peer_id WHERE
    a.session_id = s.id ORDER BY ap.code COLLATE NOCASE)) END
    FROM session s LEFT JOIN peer p ON p.id = s.peer_id LEFT JOIN peer_group g ON g.id = s.group_id"
# caseload DAY: the open peers on DAY with their last contact, and the follow-ups overdue on DAY,
# in one statement (lib/summary.cpp): the last contact of each peer is sought once for both.
# Like peerlog, it leaves the rows unsorted (peerlog sorts the few overdue ones itself).
caseload() {
    local day=$1
    cat <<EOF
WITH open_peer AS MATERIALIZED (SELECT p.id, p.code, p.since, p.status, (SELECT date FROM session
  WHERE peer_id = p.id AND date <= '$day' ORDER BY date DESC LIMIT 1) AS own, (SELECT max(s.date)
  FROM session_attendee a JOIN session s ON s.id = a.session_id WHERE a.peer_id = p.id AND
  s.date <= '$day') AS attended FROM peer p WHERE p.since <= '$day' AND (p.closed_on IS NULL OR
  p.closed_on > '$day')),
seen AS NOT MATERIALIZED (SELECT id, code, since, status, coalesce(max(own, attended), own,
  attended) AS last FROM open_peer)
SELECT 0, code, since, status, last, NULL FROM seen
UNION ALL SELECT 1, seen.code, s.follow_up, NULL, NULL, s.id FROM seen CROSS JOIN session s ON
  s.peer_id = seen.id AND s.date = seen.last WHERE +s.follow_up < '$day'
UNION ALL SELECT 1, seen.code, s.follow_up, NULL, NULL, s.id FROM seen CROSS JOIN session_attendee
  a ON a.peer_id = seen.id CROSS JOIN session s ON s.id = a.session_id AND s.date = seen.last
  WHERE +s.follow_up < '$day';
EOF
}
# totals FROM TO: the period's figures above a summary's or export's rows (lib/summary.cpp).
totals() {
    local from=$1 to=$2
    cat <<EOF
SELECT count(*), sum(minutes), count(DISTINCT peer_id), sum(support_mask & 1 <> 0),
  sum(CASE WHEN support_mask & 1 THEN minutes END), sum(support_mask & 2 <> 0),
  sum(CASE WHEN support_mask & 2 THEN minutes END), sum(support_mask & 4 <> 0),
  sum(CASE WHEN support_mask & 4 THEN minutes END), sum(support_mask & 8 <> 0),
  sum(CASE WHEN support_mask & 8 THEN minutes END) FROM session WHERE date BETWEEN '$from' AND '$to';
SELECT count(*) FROM (SELECT peer_id FROM session WHERE peer_id IS NOT NULL AND date BETWEEN
  '$from' AND '$to' UNION SELECT a.peer_id FROM session_attendee a JOIN session s ON
  s.id = a.session_id WHERE s.date BETWEEN '$from' AND '$to');
SELECT modality, count(*), sum(minutes) FROM session WHERE date BETWEEN '$from' AND '$to' GROUP BY 1;
SELECT count(*) FROM peer WHERE since BETWEEN '$from' AND '$to';
EOF
}
# follow_ups_due FROM TO WHAT: the follow-ups planned for the period, one per named attendee of a
# group session: WHAT is count(*) for the summary, the list for the export (ORDER its order).
follow_ups_due() {
    local from=$1 to=$2 what=$3 order=${4:-}
    cat <<EOF
SELECT $what FROM (SELECT s.id, s.peer_id, s.follow_up FROM session s WHERE s.follow_up BETWEEN
  '$from' AND '$to' AND s.peer_id IS NOT NULL UNION ALL SELECT s.id, a.peer_id, s.follow_up FROM
  session s JOIN session_attendee a ON a.session_id = s.id WHERE s.follow_up BETWEEN '$from' AND
  '$to') c JOIN peer p ON p.id = c.peer_id $order;
EOF
}
# audit_head DAY: the audit chain's head in the snapshot.
audit_head() {
    echo "SELECT id, hash FROM audit_event WHERE at < date('$1', '+1 day') ORDER BY at DESC, id DESC
  LIMIT 1;"
}
echo "$SELECT_SESSIONS WHERE s.date BETWEEN '$FROM' AND '$TO' $ORDER;" >"$SQL/list-week.sql"
# report summary prints the summary's figures (no rows and no list of follow-ups due, only their
# count) and an "at a glance" line from each of the other reports, with the boundaries section:
# the floor computes every one of those figures. Hours: the week's one-on-one, group and
# supervision minutes. Boundaries: the week's flags (rule, session, date, peer, severity, what,
# override). Outcomes: peers assessed in the week and those whose latest BARC-10 is 47 or more,
# goals achieved, referrals made and completed. Supervision: the week's sessions awaiting review.
# Wellbeing: the week's shared check-ins (their call-outs are counted from them). Certification
# prints no figure here: no target is configured (peerlog then reads none either).
{ totals "$FROM" "$TO" && follow_ups_due "$FROM" "$TO" 'count(*)' && caseload "$TO" &&
    audit_head "$TO" && cat <<EOF; } >"$SQL/summary-week.sql"
SELECT sum(CASE WHEN group_id IS NULL THEN minutes END), sum(CASE WHEN group_id IS NOT NULL
  THEN minutes END) FROM session WHERE date BETWEEN '$FROM' AND '$TO';
SELECT sum(minutes) FROM supervision WHERE date BETWEEN '$FROM' AND '$TO';
SELECT f.rule, s.id, s.date, p.code, f.severity, f.message, f.override_reason FROM session_flag f
  JOIN session s ON s.id = f.session_id JOIN peer p ON p.id = s.peer_id WHERE s.date BETWEEN
  '$FROM' AND '$TO' ORDER BY s.date, s.id;
SELECT count(*), coalesce(sum((SELECT item_1 + item_2 + item_3 + item_4 + item_5 + item_6 + item_7
  + item_8 + item_9 + item_10 FROM assessment b WHERE b.peer_id = a.peer_id AND b.date <= '$TO'
  ORDER BY b.date DESC, b.id DESC LIMIT 1) >= 47), 0) FROM (SELECT DISTINCT peer_id FROM
  assessment WHERE date BETWEEN '$FROM' AND '$TO') a;
SELECT count(*) FROM goal WHERE status = 'achieved' AND status_on BETWEEN '$FROM' AND '$TO';
SELECT count(*) FROM referral WHERE date BETWEEN '$FROM' AND '$TO';
SELECT count(DISTINCT referral_id) FROM (SELECT referral_id, status, changed_on FROM
  referral_status_change UNION ALL SELECT id, status, status_on FROM referral r WHERE status <>
  'made' AND NOT EXISTS (SELECT 1 FROM referral_status_change c WHERE c.referral_id = r.id))
  WHERE changed_on BETWEEN '$FROM' AND '$TO' AND status = 'completed';
SELECT count(*) FROM session s WHERE s.date BETWEEN '$FROM' AND '$TO' AND NOT EXISTS (SELECT 1
  FROM session_review r WHERE r.session_id = s.id AND r.stale = 0);
SELECT date, stress, energy, needs_support FROM checkin WHERE shared = 1 AND date BETWEEN '$FROM'
  AND '$TO' ORDER BY date, id;
EOF
# export prints its header (the totals, the follow-ups due listed, the audit head; no caseload)
# and every row.
{ totals 1900-01-01 "$PEERLOG_TODAY" &&
    follow_ups_due 1900-01-01 "$PEERLOG_TODAY" 'p.code, c.follow_up, c.id' \
        'ORDER BY c.follow_up, p.code COLLATE NOCASE, c.id' &&
    audit_head "$PEERLOG_TODAY" &&
    echo "$EXPORT_ROWS WHERE s.date BETWEEN '1900-01-01' AND '$PEERLOG_TODAY' $ORDER;"; } \
    >"$SQL/export-all.sql"
cat >"$SQL/insert.sql" <<EOF
PRAGMA synchronous = FULL; BEGIN IMMEDIATE;
INSERT INTO session (peer_id, date, start_time, minutes, modality, setting, support_mask, note,
  disclosure, follow_up, created_at, updated_at)
SELECT id, '$PEERLOG_TODAY', NULL, 45, 'in-person', 'office', 1, 'bench', '', NULL,
  strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM peer WHERE code = 'P0001' AND status <> 'closed'; COMMIT;
EOF

# timew_db JOURNAL DIR: the journal's sessions as Timewarrior intervals (one per session, tagged
# with its peer and support mask), for `timew summary` of the same entries.
timew_db() {
    local journal=$1 dir=$2
    [ -d "$dir/data" ] && return
    mkdir -p "$dir/data" && : >"$dir/timewarrior.cfg"
    sqlite3 -separator ' ' "$journal" "SELECT substr(date, 1, 7), strftime('%Y%m%dT%H%M%SZ',
        date || ' ' || coalesce(start_time, '09:00')), strftime('%Y%m%dT%H%M%SZ', date || ' ' ||
        coalesce(start_time, '09:00'), '+' || minutes || ' minutes'), coalesce(peer_id, 0),
        support_mask FROM session ORDER BY date, start_time, id" |
        awk -v dir="$dir/data" '{ print "inc " $2 " - " $3 " # P" $4 " s" $5 >> (dir "/" $1 ".data") }'
}

echo "peerlog $("$PEERLOG" --version | cut -d' ' -f2) vs $(sqlite3 --version | cut -d' ' -f1-2)" \
    "and $(timew --version 2>/dev/null | sed 's/^/timew /' || echo 'no timew'), $(date -u +%Y-%m-%d)," \
    "$(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);" \
    "load average at the start $(cut -d' ' -f1-3 /proc/loadavg)"
for missing in task hledger; do
    command -v "$missing" >/dev/null || echo "($missing is not installed: no $missing rows)"
done
echo
echo "| sessions | case | peerlog ms | against ms | ratio | peerlog CPU ms | against CPU ms | CPU ratio | load |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|"
for size in "${sizes[@]}"; do
    J=$JOURNALS/journal-$size.db
    [ -f "$J" ] || "$GENERATE" "$J" "$size" 500 6 >&2
    TIMEW=$JOURNALS/timew-$size
    timew_db "$J" "$TIMEW"
    PAIR_RUNS=$ADD_RUNS pair "session add vs sqlite3 insert" -- "$PEERLOG" --journal "$J" -q \
        session add --peer P0001 --support emotional --duration 45m --note bench -- sqlite3 "$J" \
        ".read $SQL/insert.sql"
    pair "session list --week vs its SQL" -- "$PEERLOG" --journal "$J" session list --week \
        "$WEEK" --format csv -- sqlite3 -csv "$J" ".read $SQL/list-week.sql"
    pair "report summary --week vs its SQL" -- "$PEERLOG" --journal "$J" report summary \
        --week "$WEEK" -- sqlite3 "$J" ".read $SQL/summary-week.sql"
    if [ -d "$TIMEW/data" ] && [ "$size" -le 100000 ]; then
        pair "session list --week vs timew summary" -- "$PEERLOG" --journal "$J" session list \
            --week "$WEEK" --format csv -- env TIMEWARRIORDB="$TIMEW" timew summary "$FROM" - \
            2026-11-16
        pair "report summary --week vs timew summary" -- "$PEERLOG" --journal "$J" report \
            summary --week "$WEEK" -- env TIMEWARRIORDB="$TIMEW" timew summary "$FROM" - 2026-11-16
    fi
    pair "export --format ndjson (all) vs sqlite3 -json" -- "$PEERLOG" --journal "$J" export \
        --format ndjson --from 1900-01-01 --to today -- sqlite3 -json "$J" ".read $SQL/export-all.sql"
done

echo
# Start-up: CPU (user + sys) of `peerlog --version` less that of /bin/true (fork + exec), and
# the wall time of `peerlog help` (the top-level commands, declared alone, rendered).
cpu_ms() {
    hyperfine -N -w 20 -r 300 --export-json "$JOURNALS/cpu.json" "$1" >/dev/null 2>&1
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0];
print("%.3f" % ((r["user"] + r["system"]) * 1000))' "$JOURNALS/cpu.json"
}
ours=$(cpu_ms "$PEERLOG --version") base=$(cpu_ms /bin/true) lite=$(cpu_ms "sqlite3 -version")
hyperfine -N -w 20 -r 300 --export-json "$JOURNALS/help.json" "$PEERLOG help" >/dev/null 2>&1
echo "Start-up (load $(load)): peerlog --version $(awk -v a="$ours" -v b="$base" \
    'BEGIN { printf "%.2f", a - b }') ms CPU net of fork+exec (sqlite3 -version" \
    "$(awk -v a="$lite" -v b="$base" 'BEGIN { printf "%.2f", a - b }') ms);" \
    "peerlog help $(median_of "$JOURNALS/help.json") ms wall (median)"

echo
echo "Peak memory (GNU time, max resident), load $(load):"
for size in "${sizes[@]}"; do
    J=$JOURNALS/journal-$size.db
    echo "- $size sessions: export --format ndjson of all" \
        "$(peak_mib "$PEERLOG" --journal "$J" export --format ndjson --from 1900-01-01) MiB," \
        "report summary of all $(peak_mib "$PEERLOG" --journal "$J" report summary --from \
            1900-01-01 --to today) MiB, report summary --format json of all" \
        "$(peak_mib "$PEERLOG" --journal "$J" report summary --format json --from 1900-01-01 \
            --to today) MiB, export --format xlsx of all" \
        "$(peak_mib "$PEERLOG" --journal "$J" export --format xlsx --from 1900-01-01) MiB," \
        "sqlite3 -json of the export's SQL" \
        "$(peak_mib sqlite3 -json "$J" ".read $SQL/export-all.sql") MiB"
done

# Import: one group session with N attendees (peers created), and a dry run of a file of rows.
echo
IMPORT=$JOURNALS/import
mkdir -p -m 700 "$IMPORT"
group_csv() {
    local n=$1 file=$IMPORT/group-$1.csv
    [ -f "$file" ] || {
        echo "date,group,attendees,duration,support"
        printf '2026-11-10,Tuesday group,%s,90m,emotional\n' \
            "$(seq -f 'A%06g' 1 "$n" | paste -sd ';')"
    } >"$file"
    echo "$file"
}
rows_csv() {
    local n=$1 file=$IMPORT/rows-$1.csv
    [ -f "$file" ] || {
        echo "date,peer,duration,support,note"
        # Every row a distinct session (peer and day), as in a real history: 500 peers a day.
        awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) { b = int(i / 500)
            printf "%d-%02d-%02d,P%04d,45m,emotional,row %d\n", 2000 + int(b / 336), 1 + b % 12,
                1 + int(b / 12) % 28, i % 500, i } }'
    } >"$file"
    echo "$file"
}
# The attendees are peers already (imported once and kept: creating 100k peers, each with its
# audit event, takes minutes of its own); the timing is the group session's import alone.
for n in 10000 100000; do
    peers=$IMPORT/peers-$n.db
    if [ ! -f "$peers" ]; then
        { echo "code,since" && seq -f "A%06g,2026-01-01" 1 "$n"; } >"$IMPORT/peers-$n.csv"
        "$PEERLOG" --journal "$peers" -q init
        "$PEERLOG" --journal "$peers" -q import peers "$IMPORT/peers-$n.csv" >/dev/null
    fi
    rm -f "$IMPORT/j.db"* && cp "$peers" "$IMPORT/j.db"
    echo "- import of one group session with $n attendees (they are peers already):" \
        "$(/usr/bin/time -f "%e s wall, %U + %S s CPU, %M KB peak" "$PEERLOG" --journal \
            "$IMPORT/j.db" -q import sessions "$(group_csv $n)" --create-groups 2>&1 >/dev/null |
            tail -1) (load $(load))"
done
J=$JOURNALS/journal-${sizes[0]}.db
echo "- import --dry-run of 1M rows: $(peak_mib "$PEERLOG" --journal "$J" import sessions \
    "$(rows_csv 1000000)" --dry-run) MiB peak (load $(load))"

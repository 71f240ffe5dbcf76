#!/usr/bin/env bash
# Times the upgrade of a journal of N sessions to schema 7 (one baseline event per record) and
# `audit verify` on it (the chain, then every record against its latest event).
#
# Usage: bench/audit_verify.sh [SESSIONS=1000000]   (BUILD=build, DIR=$BUILD/bench/audit)
# The journal is made fast with SQL, not through peerlog: a new journal's schema taken back to
# schema 6 (as peerlog left it before record states), 500 peers and N sessions with notes, and
# a flag on one in ten.
# Opening it with peerlog then runs migration 6, which seals every record.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
SESSIONS=${1:-1000000}
DIR=${DIR:-$BUILD/bench/audit}
PEERLOG=$BUILD/peerlog
mkdir -p "$DIR" && chmod 700 "$DIR"
journal=$DIR/journal-$SESSIONS.db
rm -f "$journal" "$journal-wal" "$journal-shm"
"$PEERLOG" --journal "$journal" init >/dev/null 2>&1
sqlite3 "$journal" <<SQL
PRAGMA journal_mode = DELETE;
BEGIN;
DROP INDEX audit_event_redacted_states;
DROP TABLE audit_key;
ALTER TABLE audit_event DROP COLUMN record_state;
ALTER TABLE audit_event DROP COLUMN mac;
CREATE TABLE audit_baseline (unaudited_history INTEGER NOT NULL CHECK (unaudited_history IN (0, 1)));
INSERT INTO audit_baseline VALUES (1);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
INSERT INTO peer (id, code, since, created_at, updated_at)
    SELECT i, 'P' || i, '2020-01-01', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $SESSIONS)
INSERT INTO session (id, peer_id, date, start_time, minutes, modality, setting, support_mask,
                     note, created_at, updated_at)
    SELECT i, 1 + i % 500, date('2020-01-01', '+' || (i % 2500) || ' days'), '10:00',
           15 + i % 90, 'in-person', 'office', 1 + i % 15,
           'Talked through the week and what went well; next step agreed.',
           '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z' FROM n;
INSERT INTO session_flag (session_id, rule, severity, message)
    SELECT id, 'session_length', 'warn', 'the session is long' FROM session WHERE id % 10 = 0;
UPDATE id_high_water SET id = $SESSIONS WHERE name = 'session';
UPDATE id_high_water SET id = 500 WHERE name = 'peer';
PRAGMA user_version = 6;
COMMIT;
PRAGMA journal_mode = WAL;
SQL
size=$(du -m "$journal" | cut -f1)
start=$(date +%s%N)
"$PEERLOG" --journal "$journal" audit list --since 2099-01-01 >/dev/null # opens: migrates, seals
sealed=$((($(date +%s%N) - start) / 1000000))
start=$(date +%s%N)
"$PEERLOG" --journal "$journal" audit verify >"$DIR/verify.out" 2>/dev/null
verified=$((($(date +%s%N) - start) / 1000000))
/usr/bin/time -f %M -o "$DIR/rss" "$PEERLOG" --journal "$journal" audit verify >/dev/null 2>&1 || true
max_rss=$(tail -1 "$DIR/rss")
echo "RESULT audit verify: $SESSIONS sessions ($size MB before sealing): upgrade and sealing ${sealed} ms, audit verify ${verified} ms, max RSS ${max_rss:-?} kB"
cat "$DIR/verify.out"

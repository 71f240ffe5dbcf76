#!/usr/bin/env python3
"""A tamperer's tool, for the tests: changes a journal with SQL, then makes the audit trail vouch
for the change by rewriting it, as anyone who can write the file and read peerlog's source can.

Usage: rechain.py JOURNAL SQL [--summary EVENT_ID TEXT]

It runs SQL, sets the record state of the latest event about each record to the record's new
state (recomputed here from the columns, as lib/record_state.cpp defines it), optionally gives
event EVENT_ID a new summary, and recomputes every summary digest and hash of the chain. Events
keyed with a MAC (an encrypted journal) keep their old MAC: without the passphrase there is no
way to compute a new one. Prints the new head as ID:HASH.
"""
import hashlib
import sqlite3
import sys

# Each kind of record: its audit object prefix, table and child tables (by parent column),
# in the order of lib/record_state.cpp.
KINDS = [
    ("peer #", "peer", [("peer_identity", "peer_id")]),
    ("session ", "session", [("session_attendee", "session_id"), ("session_goal", "session_id"),
                             ("session_flag", "session_id"), ("session_review", "session_id")]),
    ("consent ", "consent", []),
    ("goal ", "goal", []),
    ("referral ", "referral", []),
    ("assessment ", "assessment", []),
    ("checkin ", "checkin", []),
    ("supervision ", "supervision", []),
    ("group ", "peer_group", []),
    ("resource ", "resource", []),
    ("disclosure ", "disclosure", [("disclosure_peer", "disclosure_id")]),
]


def encode(value):
    """A value as typed bytes, as record_state.cpp's encode()."""
    if value is None:
        return b"n"
    if isinstance(value, int):
        return b"i" + str(value).encode()
    if isinstance(value, float):
        text = repr(value)
        return b"r" + (text[:-2] if text.endswith(".0") else text).encode()
    if isinstance(value, bytes):
        return b"b" + value
    return b"t" + value.encode()


def prefixed(data):
    return str(len(data)).encode() + b":" + data + b";"


def layout(db, table):
    """The columns by name with the encoding of their declared default."""
    columns = []
    for cid, name, _type, _notnull, default, _pk in db.execute(f"PRAGMA table_info({table})"):
        value = db.execute(f"SELECT {default}").fetchone()[0] if default is not None else None
        columns.append((name, cid, encode(value)))
    return sorted(columns)


def encode_row(columns, row):
    text = b""
    for name, cid, default in columns:
        value = encode(row[cid])
        if value != default:
            text += str(len(name)).encode() + b":" + name.encode() + b"=" + prefixed(value)
    return text


def record_state(db, table, children, record_id):
    row = db.execute(f"SELECT * FROM {table} WHERE id = ?", (record_id,)).fetchone()
    if row is None:
        return "deleted"
    text = b"peerlog.record.v1;" + prefixed(table.encode()) + prefixed(encode_row(layout(db, table), row))
    for child, parent in children:
        child_columns = layout(db, child)
        rows = sorted(encode_row(child_columns, r)
                      for r in db.execute(f"SELECT * FROM {child} WHERE {parent} = ?", (record_id,)))
        text += str(len(child)).encode() + b":" + child.encode() + b"#" + str(len(rows)).encode() + b";"
        for r in rows:
            text += prefixed(r)
    return hashlib.sha256(text).hexdigest()


def state_of(db, obj):
    for prefix, table, children in KINDS:
        if obj.startswith(prefix) and obj[len(prefix):].isdigit():
            return record_state(db, table, children, int(obj[len(prefix):]))
    return None


def event_hash(e):
    """audit_hash() of lib/audit.cpp for an event of schema 7 (v3)."""
    fields = [e["prev_hash"], str(e["id"]), e["at"], e["action"], e["object"], e["summary_digest"],
              "" if e["subject_peer_id"] is None else str(e["subject_peer_id"]), e["record_state"]]
    data = b"v3;" + b"".join(prefixed(f.encode()) for f in fields)
    return hashlib.sha256(data).hexdigest()


def main():
    journal, sql = sys.argv[1], sys.argv[2]
    new_summary = (int(sys.argv[4]), sys.argv[5]) if len(sys.argv) > 5 and sys.argv[3] == "--summary" else None
    db = sqlite3.connect(journal)
    db.execute("PRAGMA foreign_keys = OFF")
    db.executescript(sql)
    db.row_factory = sqlite3.Row
    events = [dict(r) for r in db.execute("SELECT * FROM audit_event ORDER BY id")]
    db.row_factory = None
    latest = {}
    for e in events:
        if e["record_state"] and state_of(db, e["object"]) not in (None, "deleted"):
            latest[e["object"]] = e
    for obj, e in latest.items():
        e["record_state"] = state_of(db, obj)
    previous = "0" * 64
    for e in events:
        if new_summary and e["id"] == new_summary[0]:
            e["summary"] = new_summary[1]
        if e["record_state"] is not None:
            if not e["redacted"]:
                e["summary_digest"] = hashlib.sha256(e["summary"].encode()).hexdigest()
            e["prev_hash"] = previous
            e["hash"] = event_hash(e)
        elif e["prev_hash"] != previous:
            sys.exit("rechain.py: events from before schema 7 are not rewritten")
        db.execute("UPDATE audit_event SET summary = ?, summary_digest = ?, record_state = ?, "
                   "prev_hash = ?, hash = ? WHERE id = ?",
                   (e["summary"], e["summary_digest"], e["record_state"], e["prev_hash"], e["hash"], e["id"]))
        previous = e["hash"]
    db.commit()
    print(f"{events[-1]['id']}:{previous}" if events else "0")


if __name__ == "__main__":
    main()

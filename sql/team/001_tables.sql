-- peerlog team schema 1: the de-identified weekly exports of many specialists, for
-- `peerlog team load` to fill and `peerlog report team --database` (or psql) to read.
-- `team load` applies this file in one transaction and records it in peerlog.schema_version;
-- never edit it once released: a change is a new file, 002_….sql.

-- An administrator may have made the schema already, owned by the loading role (see
-- peerlog-team(1)); that role need not be allowed to create schemas.
DO $$ BEGIN
    IF to_regnamespace('peerlog') IS NULL THEN
        CREATE SCHEMA peerlog;
    END IF;
END $$;

-- The schema files applied, one row each.
CREATE TABLE peerlog.schema_version (
    version integer PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now(),
    applied_by text NOT NULL DEFAULT current_user
);

-- One row per specialist name in the exports; an export without a name counts under its
-- directory's name in parentheses, "(ana)", or "(stdin)".
CREATE TABLE peerlog.specialist (
    specialist_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE
);

-- One row per export: a specialist's period (an ISO week, usually) and its figures. Partitioned
-- by the month of its middle day, the day that places it in one period only (a week: its
-- Thursday), so a report of a month or a week reads that month's rows alone.
CREATE TABLE peerlog.export (
    specialist_id integer NOT NULL REFERENCES peerlog.specialist,
    period_from date NOT NULL,
    period_to date NOT NULL,
    middle_day date NOT NULL,
    week text,                      -- period.week as written ("2026-W47"); null otherwise
    unnamed boolean NOT NULL,       -- the export had no specialist name
    copies integer NOT NULL CHECK (copies >= 1), -- files that carried it (see export_source)
    sessions integer NOT NULL,
    minutes integer NOT NULL,
    group_sessions integer NOT NULL,
    group_minutes integer NOT NULL,
    new_peers integer NOT NULL,
    -- Minutes by support kind, a session of several kinds in full under each (the export's
    -- totals.by_support)...
    emotional_minutes integer NOT NULL,
    informational_minutes integer NOT NULL,
    instrumental_minutes integer NOT NULL,
    affiliational_minutes integer NOT NULL,
    -- ...and split evenly between its kinds, the first taking the remainder (the hours chart).
    emotional_split_minutes integer NOT NULL,
    informational_split_minutes integer NOT NULL,
    instrumental_split_minutes integer NOT NULL,
    affiliational_split_minutes integer NOT NULL,
    peers text[] NOT NULL,          -- the distinct peer codes of its sessions and attendees
    fingerprint bytea NOT NULL,     -- BLAKE2b of its figures: a copy has the same
    audit_head_id bigint,           -- the journal's audit head the export published
    audit_head_hash text,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (specialist_id, period_from, period_to, middle_day),
    CHECK (middle_day = period_from + greatest(period_to - period_from, 0) / 2)
) PARTITION BY RANGE (middle_day);
CREATE INDEX ON peerlog.export (middle_day);

-- The de-identified session rows of each export, as the export lists them (no notes, no
-- names: peer codes only), partitioned as their export is. No foreign key: checking one per
-- row made loading forty times slower; `team load` writes an export and its rows together,
-- and deleting an export deletes its rows (the trigger export_deleted below).
CREATE TABLE peerlog.session (
    specialist_id integer NOT NULL,
    period_from date NOT NULL,
    period_to date NOT NULL,
    middle_day date NOT NULL,
    ordinal integer NOT NULL,       -- its place in the export's list, from 1
    session_id bigint NOT NULL,     -- its id in the specialist's journal
    date date,
    start time,
    minutes integer NOT NULL,
    peer text,                      -- a one-on-one session's peer code
    group_name text,                -- a group session's group
    attendees text[] NOT NULL,      -- a group session's named attendees (codes)
    unnamed_attendees integer NOT NULL,
    support text[] NOT NULL,        -- emotional, informational, instrumental, affiliational
    modality text,
    setting text,
    self_disclosure boolean NOT NULL,
    follow_up date,
    PRIMARY KEY (specialist_id, period_from, period_to, middle_day, ordinal)
) PARTITION BY RANGE (middle_day);

-- Where each export came from: one row per file that carried it (a copy in another folder is
-- a second row, and counts once). Loading a file already recorded adds nothing. Deleted with
-- its export, as the session rows are.
CREATE TABLE peerlog.export_source (
    specialist_id integer NOT NULL,
    period_from date NOT NULL,
    period_to date NOT NULL,
    middle_day date NOT NULL,
    source text NOT NULL,           -- the file's absolute path on the loading machine
    loaded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (specialist_id, period_from, period_to, middle_day, source)
);

-- The files of every export (the sum of export.copies), kept by the triggers below, so that a
-- report of one period says how many files lie outside it without reading them. The triggers
-- run once per statement, on all its rows together.
CREATE TABLE peerlog.tally (
    files bigint NOT NULL,
    one_row boolean PRIMARY KEY DEFAULT true CHECK (one_row)
);
INSERT INTO peerlog.tally (files) VALUES (0);

CREATE FUNCTION peerlog.tally_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE peerlog.tally SET files = files + (SELECT coalesce(sum(copies), 0) FROM added);
    RETURN NULL;
END $$;
CREATE FUNCTION peerlog.export_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM peerlog.session s USING removed r
     WHERE (s.specialist_id, s.period_from, s.period_to, s.middle_day)
         = (r.specialist_id, r.period_from, r.period_to, r.middle_day);
    DELETE FROM peerlog.export_source x USING removed r
     WHERE (x.specialist_id, x.period_from, x.period_to, x.middle_day)
         = (r.specialist_id, r.period_from, r.period_to, r.middle_day);
    UPDATE peerlog.tally SET files = files - (SELECT coalesce(sum(copies), 0) FROM removed);
    RETURN NULL;
END $$;
CREATE FUNCTION peerlog.tally_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE peerlog.tally
       SET files = files + (SELECT coalesce(sum(copies), 0) FROM added)
                         - (SELECT coalesce(sum(copies), 0) FROM removed);
    RETURN NULL;
END $$;
CREATE TRIGGER tally_inserted AFTER INSERT ON peerlog.export
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION peerlog.tally_inserted();
CREATE TRIGGER export_deleted AFTER DELETE ON peerlog.export
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION peerlog.export_deleted();
CREATE TRIGGER tally_updated AFTER UPDATE ON peerlog.export
    REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION peerlog.tally_updated();

-- Adds the partitions of export and session for the month holding `day`, unless they exist.
-- Each is made apart and attached, which takes a lock that lets reports run meanwhile
-- (CREATE TABLE … PARTITION OF would stop them until the load commits).
CREATE FUNCTION peerlog.add_month(day date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    first date := date_trunc('month', day)::date;
    next date := (date_trunc('month', day) + interval '1 month')::date;
    parent text;
    part text;
BEGIN
    FOREACH parent IN ARRAY ARRAY['export', 'session'] LOOP
        part := format('%s_%s', parent, to_char(first, 'YYYY_MM'));
        CONTINUE WHEN to_regclass(format('peerlog.%I', part)) IS NOT NULL;
        EXECUTE format('CREATE TABLE peerlog.%I (LIKE peerlog.%I INCLUDING DEFAULTS '
                       'INCLUDING CONSTRAINTS, CHECK (middle_day >= %L AND middle_day < %L))',
                       part, parent, first, next);
        EXECUTE format('ALTER TABLE peerlog.%I ATTACH PARTITION peerlog.%I '
                       'FOR VALUES FROM (%L) TO (%L)', parent, part, first, next);
    END LOOP;
END $$;

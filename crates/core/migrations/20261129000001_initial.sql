-- Fossa Sync schema, first version.
-- Instants are stored as INTEGER milliseconds since the Unix epoch (UTC): sortable and indexable.

CREATE TABLE schedules (
    job_type         TEXT PRIMARY KEY,            -- 'work_orders'; 'dispensers' later
    interval_minutes INTEGER NOT NULL,
    timezone         TEXT    NOT NULL,
    active_hours     TEXT,                        -- '08:00-18:00', NULL = all day
    days             TEXT    NOT NULL,            -- 'mon,tue,...' or 'all'
    jitter_seconds   INTEGER NOT NULL DEFAULT 0,
    enabled          INTEGER NOT NULL DEFAULT 1,
    next_due_ms      INTEGER,                     -- the next fire the scheduler will act on
    paused           INTEGER NOT NULL DEFAULT 0,
    paused_until_ms  INTEGER,                     -- NULL while paused = indefinitely
    updated_at_ms    INTEGER NOT NULL
);

CREATE TABLE runs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    job_type      TEXT    NOT NULL,
    trigger       TEXT    NOT NULL CHECK (trigger IN ('scheduled', 'manual', 'catch-up')),
    status        TEXT    NOT NULL CHECK (status IN ('running', 'success', 'failed', 'interrupted', 'skipped')),
    started_at_ms INTEGER NOT NULL,
    finished_at_ms INTEGER,
    duration_ms   INTEGER,
    attempts      INTEGER NOT NULL DEFAULT 0,
    missed        INTEGER NOT NULL DEFAULT 0,     -- fires coalesced into a catch-up run
    found         INTEGER,
    new           INTEGER,
    changed       INTEGER,
    removed       INTEGER,
    error_class   TEXT CHECK (error_class IN ('transient', 'permanent', 'offline')),
    error         TEXT
);
CREATE INDEX runs_by_job_started ON runs (job_type, started_at_ms DESC);
CREATE INDEX runs_by_status ON runs (status, started_at_ms DESC);
CREATE INDEX runs_by_trigger ON runs (trigger, started_at_ms DESC);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE work_orders (
    number          INTEGER PRIMARY KEY,
    record          TEXT    NOT NULL,             -- the SITE.md record as JSON
    first_seen_run  INTEGER NOT NULL REFERENCES runs (id),
    last_change_run INTEGER NOT NULL REFERENCES runs (id),
    first_seen_ms   INTEGER NOT NULL,
    updated_ms      INTEGER NOT NULL,
    removed_ms      INTEGER,                      -- set when it disappeared from the site
    removed_run     INTEGER REFERENCES runs (id)
);
CREATE INDEX work_orders_removed ON work_orders (removed_ms);

CREATE TABLE changes (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id    INTEGER NOT NULL REFERENCES runs (id),
    number    INTEGER NOT NULL,
    kind      TEXT    NOT NULL CHECK (kind IN ('new', 'changed', 'removed')),
    field     TEXT,                               -- for 'changed': the field path
    old_value TEXT,                               -- JSON text of the old value
    new_value TEXT
);
CREATE INDEX changes_by_run ON changes (run_id);
CREATE INDEX changes_by_number ON changes (number);

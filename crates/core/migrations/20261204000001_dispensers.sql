-- Dispensers (issue 14): what each location's Equipment tab said when it was last read, the
-- dispensers stored per location, and the changes each dispenser run found.
-- Instants are INTEGER milliseconds since the Unix epoch (UTC), as in the first migration.

CREATE TABLE dispenser_locations (
    location_id    INTEGER PRIMARY KEY,           -- /app/customers/locations/<id>/
    outcome        TEXT    NOT NULL CHECK (outcome IN ('read', 'no_dispensers', 'not_found', 'failed')),
    read_at_ms     INTEGER,                       -- the last time its page was read and understood
    checked_at_ms  INTEGER NOT NULL,              -- the last attempt, whatever it gave
    stale          INTEGER NOT NULL DEFAULT 0,    -- 1: the stored dispensers may be outdated (not found)
    last_error     TEXT,                          -- why the last attempt failed (outcome 'failed')
    last_run       INTEGER REFERENCES runs (id)
);

CREATE TABLE dispensers (
    location_id    INTEGER NOT NULL,
    position       INTEGER NOT NULL,              -- the page's order, from 0
    number         TEXT    NOT NULL,              -- '1/2'
    record         TEXT    NOT NULL,              -- the Dispenser record as JSON
    first_seen_run INTEGER REFERENCES runs (id),
    updated_ms     INTEGER NOT NULL,
    PRIMARY KEY (location_id, position)
);

CREATE TABLE dispenser_changes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id      INTEGER NOT NULL REFERENCES runs (id),
    location_id INTEGER NOT NULL,
    number      TEXT    NOT NULL,                 -- the dispenser's number ('1/2'; '1/2 #2' for a repeat)
    kind        TEXT    NOT NULL CHECK (kind IN ('added', 'removed', 'changed')),
    field       TEXT,                             -- for 'changed': the field path ('model', 'fields.Meter Type')
    old_value   TEXT,                             -- JSON text (the whole record for 'removed')
    new_value   TEXT                              -- JSON text (the whole record for 'added')
);
CREATE INDEX dispenser_changes_by_run ON dispenser_changes (run_id);
CREATE INDEX dispenser_changes_by_location ON dispenser_changes (location_id);

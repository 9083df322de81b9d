-- Check-ins (#4): the schedule lives here, in UTC, indexed by when it is due.
ALTER TABLE users ADD COLUMN next_checkin_at INTEGER;          -- NULL: not scheduled
ALTER TABLE users ADD COLUMN last_checkin_date TEXT;            -- local 'YYYY-MM-DD' last sent
ALTER TABLE users ADD COLUMN checkin_frequency TEXT NOT NULL DEFAULT 'daily'
    CHECK (checkin_frequency IN ('daily', 'when_quiet', 'off'));
ALTER TABLE users ADD COLUMN interests TEXT NOT NULL DEFAULT '';
CREATE INDEX users_due ON users (next_checkin_at) WHERE next_checkin_at IS NOT NULL;

CREATE TABLE suggestions_shown (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    suggestion_id  TEXT NOT NULL,
    strategy       TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('intimate', 'relational', 'collective')),
    contact_id     INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    shown_at       INTEGER NOT NULL,
    acted_on_at    INTEGER                                  -- set when acted on within 48 h
);
CREATE INDEX suggestions_shown_by_user ON suggestions_shown (user_id, shown_at);

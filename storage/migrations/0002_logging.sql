-- Logging (#3): personal rhythms, shared moments, and unfinished logs that survive restarts.

-- How often the user would like to be in touch with this contact; NULL: no rhythm.
ALTER TABLE contacts ADD COLUMN rhythm_days INTEGER
    CHECK (rhythm_days IS NULL OR rhythm_days BETWEEN 1 AND 365);

-- Interactions saved together ("dinner with Sam and Alex") share a moment: the id of the first
-- of them. /undo removes a whole moment. NULL (rows written by other tools) is a moment alone.
ALTER TABLE interactions ADD COLUMN moment_id INTEGER;
CREATE INDEX interactions_by_moment ON interactions (user_id, moment_id);

-- At most one unfinished /log per user: the answers so far, as JSON, touched on every answer.
CREATE TABLE log_drafts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,   -- new per log, so old buttons can tell
    user_id     INTEGER NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    step        TEXT NOT NULL,                       -- the question on screen (for reading)
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'held', 'expired')),
    answers     TEXT NOT NULL CHECK (json_valid(answers)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

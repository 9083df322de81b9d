-- Safety (#10). A distress signal is recorded as its level and time only, never the words,
-- so the check-in can go gently for a week afterwards. /export and /delete find the table
-- through user_id (storage/export.py walks the schema).
CREATE TABLE safety_signals (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    level         TEXT NOT NULL CHECK (level IN ('struggling', 'crisis')),
    signalled_at  INTEGER NOT NULL                          -- UTC seconds
);
CREATE INDEX safety_signals_by_user_time ON safety_signals (user_id, signalled_at);

-- When the check-in last carried the support line: it appears at most once every 7 days.
ALTER TABLE users ADD COLUMN last_support_line_at INTEGER;

-- variety and learning (#12)
-- What each check-in named, so the next ones can vary (bot/domain/variety.py): its opening
-- template, the quiet kinds and the contacts it named, and whom *Log a connection* on it
-- preselects (the suggested person, else just the kind). The learner (bot/domain/bandit.py)
-- needs no table of its own: it reads suggestions_shown and its acted_on_at (migration 0003).
CREATE TABLE checkin_variety (
    checkin_id      INTEGER PRIMARY KEY REFERENCES checkins (id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    local_date      TEXT NOT NULL,                      -- the check-in's 'YYYY-MM-DD'
    opener          TEXT NOT NULL,                      -- opening template id
    named_kinds     TEXT NOT NULL DEFAULT '',           -- comma-separated kinds
    named_contacts  TEXT NOT NULL DEFAULT '',           -- comma-separated contact ids
    log_kind        TEXT CHECK (log_kind IN ('intimate', 'relational', 'collective')),
    log_contact_id  INTEGER REFERENCES contacts (id) ON DELETE SET NULL
);
CREATE INDEX checkin_variety_by_user ON checkin_variety (user_id, local_date);

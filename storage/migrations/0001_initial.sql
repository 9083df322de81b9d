-- Foundation schema. All instants are Unix seconds in UTC.

CREATE TABLE users (
    id                    INTEGER PRIMARY KEY,          -- Telegram user id
    chat_id               INTEGER NOT NULL,             -- private chat with the bot
    timezone              TEXT,                         -- IANA name; NULL until onboarding answers
    checkin_time          TEXT,                         -- local 'HH:MM'; NULL until chosen
    quiet_intimate_days   INTEGER NOT NULL DEFAULT 4  CHECK (quiet_intimate_days BETWEEN 1 AND 365),
    quiet_relational_days INTEGER NOT NULL DEFAULT 7  CHECK (quiet_relational_days BETWEEN 1 AND 365),
    quiet_collective_days INTEGER NOT NULL DEFAULT 14 CHECK (quiet_collective_days BETWEEN 1 AND 365),
    paused_until          INTEGER,
    active                INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at            INTEGER NOT NULL
);

CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    name_key    TEXT NOT NULL,                          -- case-folded name: one person per key
    kind        TEXT NOT NULL CHECK (kind IN ('intimate', 'relational', 'collective')),
    archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at  INTEGER NOT NULL,
    UNIQUE (user_id, name_key)
);

CREATE TABLE interactions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    contact_id   INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    occurred_at  INTEGER NOT NULL,
    channel      TEXT NOT NULL CHECK (channel IN ('in_person', 'call', 'video', 'message')),
    feeling      INTEGER CHECK (feeling BETWEEN 1 AND 5),
    note         TEXT CHECK (note IS NULL OR length(note) <= 500),
    created_at   INTEGER NOT NULL
);
CREATE INDEX interactions_by_user_time ON interactions (user_id, occurred_at);
CREATE INDEX interactions_by_contact_time ON interactions (contact_id, occurred_at);

CREATE TABLE checkins (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    local_date  TEXT NOT NULL,                          -- 'YYYY-MM-DD' in the user's zone
    sent_at     INTEGER NOT NULL,
    message_id  INTEGER,
    UNIQUE (user_id, local_date)
);

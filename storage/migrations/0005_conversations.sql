-- Conversations (#9): the one open multi-step conversation of each user, kept here instead of
-- process memory, so a restart (or another bot process) continues exactly where the user was.
-- One row per user by construction: opening a conversation replaces whatever was open.
-- ``name`` says which feature owns it, ``step`` which question is open, ``payload`` the
-- feature's typed state as JSON (bot/domain: a frozen dataclass with to_json/from_json).
CREATE TABLE conversations (
    user_id    INTEGER NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    step       TEXT    NOT NULL,
    payload    TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
    started_at INTEGER NOT NULL,                                       -- UTC epoch seconds
    updated_at INTEGER NOT NULL                                        -- UTC epoch seconds
);

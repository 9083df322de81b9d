-- Check-ins (#4). The database is the only schedule: each user's next check-in instant is
-- stored in UTC and indexed, so a sweep costs O(users due), never O(all users).

-- users.next_checkin_at: NULL = nothing scheduled (not set up, frequency off, paused until
-- /resume, or blocked); 0 = "settings changed, work the next time out again" (set by the
-- trigger below, picked up by the next sweep without sending anything).
ALTER TABLE users ADD COLUMN next_checkin_at INTEGER;
ALTER TABLE users ADD COLUMN last_checkin_date TEXT;            -- local 'YYYY-MM-DD' last claimed
ALTER TABLE users ADD COLUMN checkin_frequency TEXT NOT NULL DEFAULT 'daily'
    CHECK (checkin_frequency IN ('daily', 'when_quiet', 'off'));
ALTER TABLE users ADD COLUMN interests TEXT NOT NULL DEFAULT '';  -- comma-separated tags
CREATE INDEX users_due ON users (next_checkin_at) WHERE next_checkin_at IS NOT NULL;

-- A change of zone or time (from any feature), or a blocked user writing again, asks the
-- sweep to work out the next check-in from the new settings.
CREATE TRIGGER users_checkin_settings_changed
AFTER UPDATE OF timezone, checkin_time ON users
WHEN NEW.timezone IS NOT NULL AND NEW.checkin_time IS NOT NULL
 AND (OLD.timezone IS NOT NEW.timezone OR OLD.checkin_time IS NOT NEW.checkin_time)
BEGIN
    UPDATE users SET next_checkin_at = 0 WHERE id = NEW.id;
END;

CREATE TRIGGER users_reactivated
AFTER UPDATE OF active ON users
WHEN NEW.active = 1 AND OLD.active = 0
BEGIN
    UPDATE users SET next_checkin_at = 0 WHERE id = NEW.id;
END;

-- One row per user per local date: inserting it CLAIMS the day before anything is sent, so
-- no crash or restart can ever produce a second check-in that day.
--   queued   claimed, waiting to be sent (retry_at says when; survives restarts)
--   sending  a request to Telegram is in flight (outcome unknown if we crash now)
--   sent     delivered (message_id, sent_at)
--   unknown  was 'sending' when the bot died: maybe delivered, never re-sent
--   blocked  Telegram said Forbidden; the user is marked inactive
--   failed   Telegram refused it for good (e.g. chat not found)
--   expired  transient failures lasted past the 3-hour grace; given up, logged
DROP TABLE checkins;
CREATE TABLE checkins (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    local_date  TEXT NOT NULL,                          -- 'YYYY-MM-DD' in the user's zone
    due_at      INTEGER NOT NULL,                       -- the scheduled instant
    claimed_at  INTEGER NOT NULL,
    status      TEXT NOT NULL DEFAULT 'queued' CHECK (status IN
                    ('queued', 'sending', 'sent', 'unknown', 'blocked', 'failed', 'expired')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    retry_at    INTEGER,                                -- queued: not before this instant
    text        TEXT,                                   -- composed text until delivered
    sent_at     INTEGER,
    message_id  INTEGER,
    response    TEXT CHECK (response IN ('not_today', 'snoozed', 'paused', 'another_idea')),
    UNIQUE (user_id, local_date)
);
CREATE INDEX checkins_queue ON checkins (retry_at) WHERE status = 'queued';
CREATE INDEX checkins_in_flight ON checkins (status) WHERE status = 'sending';

CREATE TABLE suggestions_shown (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    checkin_id     INTEGER REFERENCES checkins (id) ON DELETE SET NULL,
    suggestion_id  TEXT NOT NULL,
    strategy       TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('intimate', 'relational', 'collective')),
    contact_id     INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    shown_at       INTEGER NOT NULL,
    acted_on_at    INTEGER                              -- set when acted on within 48 h
);
CREATE INDEX suggestions_shown_by_user ON suggestions_shown (user_id, shown_at);
CREATE INDEX suggestions_shown_by_checkin ON suggestions_shown (checkin_id);

-- "Acted on": an interaction of the idea's kind that happened within 48 hours after the idea
-- was shown. Only the latest idea shown for that kind gets the credit. Living in SQL keeps
-- it true whichever feature logs the interaction.
CREATE TRIGGER suggestions_acted_on
AFTER INSERT ON interactions
BEGIN
    UPDATE suggestions_shown
       SET acted_on_at = NEW.occurred_at
     WHERE id = (
        SELECT s.id
          FROM suggestions_shown AS s
         WHERE s.user_id = NEW.user_id
           AND s.acted_on_at IS NULL
           AND s.kind = (SELECT c.kind FROM contacts AS c WHERE c.id = NEW.contact_id)
           AND s.shown_at <= NEW.occurred_at
           AND s.shown_at >= NEW.occurred_at - 172800
         ORDER BY s.shown_at DESC, s.id DESC
         LIMIT 1
     );
END;

-- Delivery (#14) and an explicit reschedule flag (#9).

-- 1. "Settings changed, work the schedule out again" is a flag of its own instead of the value 0
--    in next_checkin_at / next_digest_at. The sweep picks flagged users up through their own
--    partial index, recomputes BOTH schedules from the current settings and clears the flag.
ALTER TABLE users ADD COLUMN needs_reschedule INTEGER NOT NULL DEFAULT 0
    CHECK (needs_reschedule IN (0, 1));
UPDATE users SET needs_reschedule = 1, next_checkin_at = NULL WHERE next_checkin_at = 0;
UPDATE users SET needs_reschedule = 1, next_digest_at = NULL WHERE next_digest_at = 0;
CREATE INDEX users_needing_reschedule ON users (id) WHERE needs_reschedule = 1;

DROP TRIGGER users_checkin_settings_changed;
DROP TRIGGER users_digest_settings_changed;
DROP TRIGGER users_reactivated;

-- A change of zone or time (from any feature) moves the check-in and the digest with it.
CREATE TRIGGER users_schedule_settings_changed
AFTER UPDATE OF timezone, checkin_time ON users
WHEN NEW.timezone IS NOT NULL AND NEW.checkin_time IS NOT NULL
 AND (OLD.timezone IS NOT NEW.timezone OR OLD.checkin_time IS NOT NEW.checkin_time)
BEGIN
    UPDATE users SET needs_reschedule = 1 WHERE id = NEW.id;
END;

-- A blocked user writing again is put back on the schedule.
CREATE TRIGGER users_reactivated
AFTER UPDATE OF active ON users
WHEN NEW.active = 1 AND OLD.active = 0
BEGIN
    UPDATE users SET needs_reschedule = 1 WHERE id = NEW.id;
END;

-- 2. Weekly digests go through the same claim-then-deliver pipeline as check-ins: a row per user
--    per digest date, inserted (claimed) before anything is sent, delivered by the same workers.
--    Statuses as for check-ins (migration 0003), with one difference: 'sending' is set only when
--    the request is handed to the HTTP client, never while it waits in our own rate limiter.
--    parts_sent: a digest too long for a photo caption is two messages (chart, then text); a
--    retry after the chart went out sends only the text.
CREATE TABLE digests (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    local_date  TEXT NOT NULL,                          -- the digest's local date
    due_at      INTEGER NOT NULL,
    claimed_at  INTEGER NOT NULL,
    status      TEXT NOT NULL DEFAULT 'queued' CHECK (status IN
                    ('queued', 'sending', 'sent', 'unknown', 'blocked', 'failed', 'expired')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    retry_at    INTEGER,
    parts_sent  INTEGER NOT NULL DEFAULT 0,
    chart_message_id INTEGER,
    sent_at     INTEGER,
    message_id  INTEGER,
    UNIQUE (user_id, local_date)
);
CREATE INDEX digests_queue ON digests (retry_at) WHERE status = 'queued';
CREATE INDEX digests_in_flight ON digests (status) WHERE status = 'sending';

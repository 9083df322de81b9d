-- Summary (#5): the optional weekly digest. Off by default (digest_weekday NULL).
-- The digest goes out on the chosen local weekday at the user's check-in time; the sweep finds
-- who is due through next_digest_at (UTC), and last_digest_date stops a second send that week.
ALTER TABLE users ADD COLUMN digest_weekday INTEGER                 -- 0 = Monday ... 6 = Sunday
    CHECK (digest_weekday IS NULL OR digest_weekday BETWEEN 0 AND 6);
ALTER TABLE users ADD COLUMN next_digest_at INTEGER;                 -- NULL: digest off
ALTER TABLE users ADD COLUMN last_digest_date TEXT;                  -- local 'YYYY-MM-DD' last sent
CREATE INDEX users_digest_due ON users (next_digest_at) WHERE next_digest_at IS NOT NULL;

-- A change of zone or check-in time (from any feature) moves the digest with it: 0 asks the
-- next sweep to work out the next digest instant from the new settings, sending nothing.
CREATE TRIGGER users_digest_settings_changed
AFTER UPDATE OF timezone, checkin_time ON users
WHEN NEW.digest_weekday IS NOT NULL
 AND (OLD.timezone IS NOT NEW.timezone OR OLD.checkin_time IS NOT NEW.checkin_time)
BEGIN
    UPDATE users SET next_digest_at = 0 WHERE id = NEW.id;
END;

-- #11: a log given only a day ("yesterday", "3 Dec") keeps just that day. occurred_at still holds
-- an instant inside the local day (local noon, for ordering and quiet rules); day_only says no
-- time was given, so exports and screens show the day alone instead of an invented time.
ALTER TABLE interactions ADD COLUMN day_only INTEGER NOT NULL DEFAULT 0 CHECK (day_only IN (0, 1));

-- #11: a log that brought a drifted contact back says so, so undoing it lets them drift again
-- (undo restores what the log changed).
ALTER TABLE interactions ADD COLUMN revived INTEGER NOT NULL DEFAULT 0 CHECK (revived IN (0, 1));

-- #11: "Sounds like time with Sam. Want to log it?" offers, kept here rather than in process
-- memory so *Log it* still works after a restart and /cancel can withdraw them. ``message_id``
-- is the user's message the offer answered (its button names it); ``draft`` is the log the
-- offer would start (log_drafts' JSON). The newest few per user are kept.
CREATE TABLE log_offers (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    message_id INTEGER NOT NULL,
    draft      TEXT    NOT NULL CHECK (json_valid(draft)),
    created_at INTEGER NOT NULL,                                       -- UTC epoch seconds
    PRIMARY KEY (user_id, message_id)
);

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

-- follow-ups and important dates (#12)

-- "Mention a date 3 days ahead" (once per occurrence); on unless the user turns it off.
ALTER TABLE users ADD COLUMN dates_ahead INTEGER NOT NULL DEFAULT 1 CHECK (dates_ahead IN (0, 1));

-- Asking someone how their interview, move or surgery went. Days are the user's local
-- calendar days as 'YYYY-MM-DD' (a due day is a day, not an instant: it must not move when
-- the user changes zone). `phrase` is the user's own words ("the hip appointment"): private.
CREATE TABLE followups (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    contact_id      INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    interaction_id  INTEGER REFERENCES interactions (id) ON DELETE CASCADE,  -- the note it came from
    phrase          TEXT CHECK (phrase IS NULL OR length(phrase) BETWEEN 1 AND 60),
    event_date      TEXT CHECK (event_date IS NULL OR date(event_date) = event_date),
    event_span      TEXT NOT NULL DEFAULT 'day' CHECK (event_span IN ('day', 'weekend', 'week')),
    due_date        TEXT NOT NULL CHECK (date(due_date) = due_date),
    state           TEXT NOT NULL DEFAULT 'open'
                        CHECK (state IN ('open', 'snoozed', 'done', 'dropped')),
    source          TEXT NOT NULL CHECK (source IN ('note_date', 'reminder')),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
-- The composer's question, "pending follow-ups due by this user's today", for a batch of users.
CREATE INDEX followups_pending_due ON followups (user_id, due_date)
    WHERE state IN ('open', 'snoozed');
CREATE INDEX followups_by_contact ON followups (contact_id);
-- One follow-up of each source per logged note: saving the same note twice updates it.
CREATE UNIQUE INDEX followups_one_per_note ON followups (interaction_id, source)
    WHERE interaction_id IS NOT NULL;

-- Birthdays, anniversaries and named dates. Stored as month/day (year optional) so "dates on
-- 4 December" is one indexed lookup for any number of users; 29 February is kept as typed and
-- falls on 28 February in common years (the query asks for both then).
CREATE TABLE important_dates (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id              INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    contact_id           INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    kind                 TEXT NOT NULL CHECK (kind IN ('birthday', 'anniversary', 'named')),
    label                TEXT CHECK (label IS NULL OR length(label) BETWEEN 1 AND 60),
    month                INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    day                  INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
    year                 INTEGER CHECK (year IS NULL OR year BETWEEN 1900 AND 2200),
    remind_ahead         INTEGER NOT NULL DEFAULT 1 CHECK (remind_ahead IN (0, 1)),
    ahead_mentioned_for  TEXT,                   -- 'YYYY-MM-DD' occurrence already mentioned
    source               TEXT NOT NULL DEFAULT 'typed' CHECK (source IN ('typed', 'vcard')),
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    CHECK ((kind = 'named') = (label IS NOT NULL))
);
CREATE INDEX important_dates_by_user_day ON important_dates (user_id, month, day);
CREATE INDEX important_dates_by_contact ON important_dates (contact_id);
-- One birthday per person; anniversaries and named dates may be several.
CREATE UNIQUE INDEX important_dates_one_birthday ON important_dates (contact_id)
    WHERE kind = 'birthday';

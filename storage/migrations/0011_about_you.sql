-- #12 wiring: what the user said about their life ("About you" in /settings), as a
-- comma-separated list of bot.domain.catalogue.CIRCUMSTANCES; the idea chooser reads it.
ALTER TABLE users ADD COLUMN circumstances TEXT NOT NULL DEFAULT '';

-- The follow-up a check-in offered as its idea, so its Done / Later / Not needed buttons
-- (and "Log a connection") know it; cleared if the follow-up goes.
ALTER TABLE checkin_variety ADD COLUMN followup_id INTEGER REFERENCES followups (id) ON DELETE SET NULL;

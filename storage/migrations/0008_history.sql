-- History (#13): any past log can be edited or deleted, so "acted on" must follow its evidence.
--
-- suggestions_shown.acted_on_interaction_id names the interaction that earned the credit
-- (each interaction earns at most one). No foreign key: the triggers below keep it true, and
-- the export/deletion order of the tables stays as it was. Rows credited before this
-- migration are linked to the interaction that matches them.
ALTER TABLE suggestions_shown ADD COLUMN acted_on_interaction_id INTEGER;
CREATE INDEX suggestions_shown_by_evidence ON suggestions_shown (acted_on_interaction_id)
    WHERE acted_on_interaction_id IS NOT NULL;

UPDATE suggestions_shown
   SET acted_on_interaction_id = (
        SELECT i.id FROM interactions AS i JOIN contacts AS c ON c.id = i.contact_id
         WHERE i.user_id = suggestions_shown.user_id
           AND i.occurred_at = suggestions_shown.acted_on_at
           AND c.kind = suggestions_shown.kind
         ORDER BY i.id LIMIT 1)
 WHERE acted_on_at IS NOT NULL;

-- The same rule as 0003 ("an interaction of the idea's kind within 48 hours after it was
-- shown; only the latest idea shown for that kind gets the credit"), now also saying which
-- interaction it was.
DROP TRIGGER suggestions_acted_on;
CREATE TRIGGER suggestions_acted_on
AFTER INSERT ON interactions
BEGIN
    UPDATE suggestions_shown
       SET acted_on_at = NEW.occurred_at, acted_on_interaction_id = NEW.id
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

-- Evidence deleted (a log deleted, a person removed from it, /undo, a contact deleted): the
-- idea is credited to the earliest remaining interaction that still qualifies and is nobody
-- else's evidence, or is no longer acted on.
CREATE TRIGGER suggestions_evidence_deleted
AFTER DELETE ON interactions
BEGIN
    UPDATE suggestions_shown
       SET (acted_on_at, acted_on_interaction_id) = (
            SELECT i.occurred_at, i.id
              FROM interactions AS i JOIN contacts AS c ON c.id = i.contact_id
             WHERE i.user_id = suggestions_shown.user_id
               AND c.kind = suggestions_shown.kind
               AND i.occurred_at BETWEEN suggestions_shown.shown_at
                                     AND suggestions_shown.shown_at + 172800
               AND NOT EXISTS (SELECT 1 FROM suggestions_shown AS t
                                WHERE t.acted_on_interaction_id = i.id
                                  AND t.id <> suggestions_shown.id)
             ORDER BY i.occurred_at, i.id
             LIMIT 1)
     WHERE acted_on_interaction_id = OLD.id;
END;

-- Evidence moved (another day, or another person of another kind): the idea it credited is
-- worked out again as above (it may still be this interaction); then, if this interaction is
-- nobody's evidence, it may credit an idea as a newly logged one would.
CREATE TRIGGER suggestions_evidence_moved
AFTER UPDATE OF occurred_at, contact_id ON interactions
WHEN OLD.occurred_at IS NOT NEW.occurred_at OR OLD.contact_id IS NOT NEW.contact_id
BEGIN
    UPDATE suggestions_shown
       SET (acted_on_at, acted_on_interaction_id) = (
            SELECT i.occurred_at, i.id
              FROM interactions AS i JOIN contacts AS c ON c.id = i.contact_id
             WHERE i.user_id = suggestions_shown.user_id
               AND c.kind = suggestions_shown.kind
               AND i.occurred_at BETWEEN suggestions_shown.shown_at
                                     AND suggestions_shown.shown_at + 172800
               AND NOT EXISTS (SELECT 1 FROM suggestions_shown AS t
                                WHERE t.acted_on_interaction_id = i.id
                                  AND t.id <> suggestions_shown.id)
             ORDER BY i.occurred_at, i.id
             LIMIT 1)
     WHERE acted_on_interaction_id = NEW.id;
    UPDATE suggestions_shown
       SET acted_on_at = NEW.occurred_at, acted_on_interaction_id = NEW.id
     WHERE NOT EXISTS (SELECT 1 FROM suggestions_shown AS t
                        WHERE t.acted_on_interaction_id = NEW.id)
       AND id = (
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

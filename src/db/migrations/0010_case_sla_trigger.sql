-- Board columns cases.next_due_at / cases.breached (0009) are derived from the case's deadlines
-- exactly as presenters/cases.ts slaSummary derives the board colour: next_due_at = earliest
-- due_at of running clocks (pending/warned, not paused, not settled); breached = an unsettled
-- breached clock. Statement-level triggers with transition tables keep them in the same
-- transaction as every write to deadlines (open, dispatch, pause/resume, scheduler, follow-up),
-- once per touched case per statement; the case row is only written when a value changes.
CREATE OR REPLACE FUNCTION propdesk_case_sla_refresh() RETURNS trigger AS $$
BEGIN
  UPDATE cases c
     SET next_due_at = s.next_due, breached = s.breached
    FROM (
      SELECT k.estate_id, k.case_id,
             (SELECT min(d.due_at) FROM deadlines d
               WHERE d.estate_id = k.estate_id AND d.case_id = k.case_id
                 AND d.settled_at IS NULL AND d.paused_at IS NULL AND d.state IN ('pending', 'warned')) AS next_due,
             EXISTS (SELECT 1 FROM deadlines d
               WHERE d.estate_id = k.estate_id AND d.case_id = k.case_id
                 AND d.settled_at IS NULL AND d.state = 'breached') AS breached
        FROM (SELECT DISTINCT estate_id, case_id FROM changed) k
    ) s
   WHERE c.estate_id = s.estate_id AND c.id = s.case_id
     AND (c.next_due_at IS DISTINCT FROM s.next_due OR c.breached IS DISTINCT FROM s.breached);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER deadlines_case_sla_ins AFTER INSERT ON deadlines
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION propdesk_case_sla_refresh();
--> statement-breakpoint
CREATE TRIGGER deadlines_case_sla_upd AFTER UPDATE ON deadlines
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION propdesk_case_sla_refresh();
--> statement-breakpoint
CREATE TRIGGER deadlines_case_sla_del AFTER DELETE ON deadlines
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION propdesk_case_sla_refresh();
--> statement-breakpoint
-- Backfill existing installations.
UPDATE cases c
   SET next_due_at = (SELECT min(d.due_at) FROM deadlines d
                       WHERE d.estate_id = c.estate_id AND d.case_id = c.id
                         AND d.settled_at IS NULL AND d.paused_at IS NULL AND d.state IN ('pending', 'warned')),
       breached = EXISTS (SELECT 1 FROM deadlines d
                           WHERE d.estate_id = c.estate_id AND d.case_id = c.id
                             AND d.settled_at IS NULL AND d.state = 'breached')
 WHERE EXISTS (SELECT 1 FROM deadlines d WHERE d.estate_id = c.estate_id AND d.case_id = c.id);

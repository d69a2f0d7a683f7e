-- R-AR-1: records are never edited in place or deleted; corrections are new entries.
-- A trigger (not only a GRANT) so that even the table owner the app connects as is refused.
CREATE OR REPLACE FUNCTION propdesk_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'propdesk: % is append-only (R-AR-1); % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER case_events_append_only
  BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION propdesk_refuse_change();
--> statement-breakpoint
CREATE TRIGGER case_events_no_truncate
  BEFORE TRUNCATE ON case_events
  FOR EACH STATEMENT EXECUTE FUNCTION propdesk_refuse_change();

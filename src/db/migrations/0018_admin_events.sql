CREATE TABLE "admin_events" (
	"estate_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"subject" text NOT NULL,
	"subject_id" text,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	CONSTRAINT "admin_events_estate_id_id_pk" PRIMARY KEY("estate_id","id")
);
--> statement-breakpoint
CREATE INDEX "admin_events_at_idx" ON "admin_events" USING btree ("estate_id","at");--> statement-breakpoint
-- R-AR-1 for an estate's set-up: every insert, update and delete of these tables is recorded, with
-- the row before and after, in the changing transaction. The actor comes from the transaction's
-- `propdesk.actor` setting (set_config(..., true)); without it the change is the system's.
CREATE OR REPLACE FUNCTION propdesk_audit_row() RETURNS trigger AS $$
DECLARE
  rec jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
  actor text := nullif(current_setting('propdesk.actor', true), '');
BEGIN
  IF TG_OP = 'UPDATE' AND to_jsonb(OLD) = to_jsonb(NEW) THEN
    RETURN NULL;
  END IF;
  INSERT INTO admin_events (estate_id, actor_id, subject, subject_id, action, before, after)
  VALUES (
    CASE WHEN TG_TABLE_NAME = 'estates' THEN (rec->>'id')::uuid ELSE (rec->>'estate_id')::uuid END,
    actor::uuid,
    TG_TABLE_NAME,
    coalesce(rec->>'id', rec->>'user_id'),
    lower(TG_OP),
    CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END,
    CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END
  );
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER estates_audit AFTER INSERT OR UPDATE OR DELETE ON estates FOR EACH ROW EXECUTE FUNCTION propdesk_audit_row();
--> statement-breakpoint
CREATE TRIGGER buildings_audit AFTER INSERT OR UPDATE OR DELETE ON buildings FOR EACH ROW EXECUTE FUNCTION propdesk_audit_row();
--> statement-breakpoint
CREATE TRIGGER units_audit AFTER INSERT OR UPDATE OR DELETE ON units FOR EACH ROW EXECUTE FUNCTION propdesk_audit_row();
--> statement-breakpoint
CREATE TRIGGER residents_audit AFTER INSERT OR UPDATE OR DELETE ON residents FOR EACH ROW EXECUTE FUNCTION propdesk_audit_row();
--> statement-breakpoint
CREATE TRIGGER departments_audit AFTER INSERT OR UPDATE OR DELETE ON departments FOR EACH ROW EXECUTE FUNCTION propdesk_audit_row();
--> statement-breakpoint
CREATE TRIGGER staff_roles_audit AFTER INSERT OR UPDATE OR DELETE ON staff_roles FOR EACH ROW EXECUTE FUNCTION propdesk_audit_row();
--> statement-breakpoint
CREATE TRIGGER categories_audit AFTER INSERT OR UPDATE OR DELETE ON categories FOR EACH ROW EXECUTE FUNCTION propdesk_audit_row();
--> statement-breakpoint
CREATE TRIGGER price_items_audit AFTER INSERT OR UPDATE OR DELETE ON price_items FOR EACH ROW EXECUTE FUNCTION propdesk_audit_row();
--> statement-breakpoint
CREATE TRIGGER admin_events_append_only BEFORE UPDATE OR DELETE ON admin_events FOR EACH ROW EXECUTE FUNCTION propdesk_refuse_change();
--> statement-breakpoint
CREATE TRIGGER admin_events_no_truncate BEFORE TRUNCATE ON admin_events FOR EACH STATEMENT EXECUTE FUNCTION propdesk_refuse_change();

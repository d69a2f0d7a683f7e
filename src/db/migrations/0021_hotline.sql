CREATE TABLE "hotline_calls" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	"unit_id" uuid,
	"caller_name" text,
	"caller_phone" text,
	"matter" text NOT NULL,
	"routed" text NOT NULL,
	"contact_id" uuid,
	"dossier_id" uuid,
	CONSTRAINT "hotline_calls_estate_id_id_pk" PRIMARY KEY("estate_id","id"),
	CONSTRAINT "hotline_calls_routed_ck" CHECK ("hotline_calls"."routed" in ('back','dossier'))
);
--> statement-breakpoint
CREATE TABLE "hotline_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"seq" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hotline_dossiers" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	"unit_id" uuid,
	"caller_name" text,
	"caller_phone" text,
	"matter" text NOT NULL,
	"major" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"measures" text,
	"responsible_user_id" uuid,
	"measures_at" timestamp with time zone,
	"first_visit_due_at" timestamp with time zone NOT NULL,
	"first_visit_at" timestamp with time zone,
	"first_visit_by" uuid,
	"first_visit_how" text,
	"first_visit_said" text,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"second_visit_at" timestamp with time zone,
	"second_visit_by" uuid,
	"second_visit_said" text,
	"satisfaction" smallint,
	"escalate_due_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "hotline_dossiers_estate_id_id_pk" PRIMARY KEY("estate_id","id"),
	CONSTRAINT "hotline_dossiers_number_uq" UNIQUE("estate_id","number"),
	CONSTRAINT "hotline_dossiers_status_ck" CHECK ("hotline_dossiers"."status" in ('awaiting_measures','in_hand','resolved','closed'))
);
--> statement-breakpoint
CREATE TABLE "hotline_events" (
	"estate_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"dossier_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid NOT NULL,
	"action" text NOT NULL,
	"after" jsonb,
	"note" text,
	CONSTRAINT "hotline_events_estate_id_seq_pk" PRIMARY KEY("estate_id","seq")
);
--> statement-breakpoint
ALTER TABLE "hotline_calls" ADD CONSTRAINT "hotline_calls_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotline_dossiers" ADD CONSTRAINT "hotline_dossiers_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotline_events" ADD CONSTRAINT "hotline_events_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hotline_calls_received_idx" ON "hotline_calls" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "hotline_dossiers_status_idx" ON "hotline_dossiers" USING btree ("estate_id","status","received_at");--> statement-breakpoint
CREATE INDEX "hotline_events_dossier_idx" ON "hotline_events" USING btree ("estate_id","dossier_id","seq");--> statement-breakpoint
-- R-AR-1: what happened to a dossier is never edited or deleted.
CREATE TRIGGER hotline_events_append_only BEFORE UPDATE OR DELETE ON hotline_events FOR EACH ROW EXECUTE FUNCTION propdesk_refuse_change();
--> statement-breakpoint
CREATE TRIGGER hotline_calls_append_only BEFORE UPDATE OR DELETE ON hotline_calls FOR EACH ROW EXECUTE FUNCTION propdesk_refuse_change();

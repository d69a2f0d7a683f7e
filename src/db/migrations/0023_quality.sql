CREATE TABLE "quality_complaints" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"source" text NOT NULL,
	"source_ref" text,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	"case_id" uuid,
	"unit_id" uuid,
	"complainant_name" text,
	"complainant_phone" text,
	"matter" text NOT NULL,
	"escalation_reason" text,
	"status" text NOT NULL,
	"reply_due_at" timestamp with time zone NOT NULL,
	"handed_down_at" timestamp with time zone,
	"contact_id" uuid,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"satisfaction" smallint,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "quality_complaints_estate_id_id_pk" PRIMARY KEY("estate_id","id"),
	CONSTRAINT "quality_complaints_number_uq" UNIQUE("estate_id","number"),
	CONSTRAINT "quality_complaints_source_ck" CHECK ("quality_complaints"."source" in ('group','government','developer','estate')),
	CONSTRAINT "quality_complaints_status_ck" CHECK ("quality_complaints"."status" in ('open','handed_down','resolved','closed'))
);
--> statement-breakpoint
CREATE TABLE "quality_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"seq" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_events" (
	"estate_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"complaint_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"after" jsonb,
	"note" text,
	CONSTRAINT "quality_events_estate_id_seq_pk" PRIMARY KEY("estate_id","seq")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "quality_complaint_id" uuid;--> statement-breakpoint
ALTER TABLE "quality_complaints" ADD CONSTRAINT "quality_complaints_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_events" ADD CONSTRAINT "quality_events_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "quality_complaints_status_idx" ON "quality_complaints" USING btree ("estate_id","status","received_at");--> statement-breakpoint
CREATE INDEX "quality_complaints_received_idx" ON "quality_complaints" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "quality_events_complaint_idx" ON "quality_events" USING btree ("estate_id","complaint_id","seq");
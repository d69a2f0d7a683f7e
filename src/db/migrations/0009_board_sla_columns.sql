ALTER TABLE "cases" ADD COLUMN "next_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "breached" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "cases_due_idx" ON "cases" USING btree ("estate_id",coalesce("next_due_at", 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "cases_breached_idx" ON "cases" USING btree ("estate_id","opened_at","id") WHERE "cases"."breached";
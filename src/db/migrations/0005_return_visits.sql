CREATE TABLE "return_visits" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"outcome" text NOT NULL,
	"exempt_reason" text,
	"satisfaction" integer,
	"opinion" text,
	"visited_by" uuid NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	CONSTRAINT "return_visits_estate_id_id_pk" PRIMARY KEY("estate_id","id"),
	CONSTRAINT "return_visits_satisfaction_ck" CHECK ("return_visits"."satisfaction" is null or "return_visits"."satisfaction" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "return_visits" ADD CONSTRAINT "return_visits_estate_id_case_id_cases_estate_id_id_fk" FOREIGN KEY ("estate_id","case_id") REFERENCES "public"."cases"("estate_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "return_visits_case_idx" ON "return_visits" USING btree ("estate_id","case_id");
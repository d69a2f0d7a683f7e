CREATE TABLE "quarterly_signoffs" (
	"estate_id" uuid NOT NULL,
	"quarter" text NOT NULL,
	"supervisor_id" uuid NOT NULL,
	"supervisor_signed_at" timestamp with time zone NOT NULL,
	"supervisor_note" text,
	"figures" jsonb NOT NULL,
	"manager_id" uuid,
	"manager_signed_at" timestamp with time zone,
	"manager_comment" text,
	CONSTRAINT "quarterly_signoffs_estate_id_quarter_pk" PRIMARY KEY("estate_id","quarter")
);
--> statement-breakpoint
ALTER TABLE "quarterly_signoffs" ADD CONSTRAINT "quarterly_signoffs_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;
CREATE TABLE "flag_proposals" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"flag" text NOT NULL,
	"reason" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"comment" text,
	CONSTRAINT "flag_proposals_estate_id_id_pk" PRIMARY KEY("estate_id","id"),
	CONSTRAINT "flag_proposals_once_uq" UNIQUE("estate_id","case_id","flag")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "complainants" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "flag_proposals_state_idx" ON "flag_proposals" USING btree ("estate_id","state");
CREATE TABLE "shift_handovers" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"handed_by" uuid NOT NULL,
	"taken_by" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"shift" text NOT NULL,
	"open_order_count" integer NOT NULL,
	"open_order_numbers" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	CONSTRAINT "shift_handovers_estate_id_id_pk" PRIMARY KEY("estate_id","id")
);
--> statement-breakpoint
ALTER TABLE "shift_handovers" ADD CONSTRAINT "shift_handovers_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shift_handovers_at_idx" ON "shift_handovers" USING btree ("estate_id","at");
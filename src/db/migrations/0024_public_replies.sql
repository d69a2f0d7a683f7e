CREATE TABLE "online_posts" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"source_url" text NOT NULL,
	"body" text NOT NULL,
	"screenshot_sha256" text,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "online_posts_estate_id_id_pk" PRIMARY KEY("estate_id","id")
);
--> statement-breakpoint
CREATE TABLE "public_replies" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"drafted_by" uuid NOT NULL,
	"drafted_at" timestamp with time zone NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"published_by" uuid,
	"published_at" timestamp with time zone,
	"published_url" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "public_replies_estate_id_id_pk" PRIMARY KEY("estate_id","id"),
	CONSTRAINT "public_replies_kind_ck" CHECK ("public_replies"."kind" in ('acknowledgement','measure','reply')),
	CONSTRAINT "public_replies_status_ck" CHECK ("public_replies"."status" in ('draft','approved','published'))
);
--> statement-breakpoint
ALTER TABLE "online_posts" ADD CONSTRAINT "online_posts_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_replies" ADD CONSTRAINT "public_replies_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "online_posts_case_idx" ON "online_posts" USING btree ("estate_id","case_id","recorded_at");--> statement-breakpoint
CREATE INDEX "public_replies_case_idx" ON "public_replies" USING btree ("estate_id","case_id","drafted_at");
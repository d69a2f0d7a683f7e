CREATE TABLE "deadlines" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"order_id" uuid,
	"clock" text NOT NULL,
	"basis" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"warn_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"paused_at" timestamp with time zone,
	"next_fire_at" timestamp with time zone,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"warned_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deadlines_estate_id_id_pk" PRIMARY KEY("estate_id","id"),
	CONSTRAINT "deadlines_state_ck" CHECK ("deadlines"."state" in ('pending','warned','met','breached','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"deadline_id" uuid,
	"kind" text NOT NULL,
	"assignee_role" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"done_by" uuid,
	"done_at" timestamp with time zone,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "follow_ups_estate_id_id_pk" PRIMARY KEY("estate_id","id"),
	CONSTRAINT "follow_ups_deadline_uq" UNIQUE("estate_id","deadline_id","kind")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"case_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_estate_id_id_pk" PRIMARY KEY("estate_id","id")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"estate_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"topic" text NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_estate_id_id_pk" PRIMARY KEY("estate_id","id"),
	CONSTRAINT "outbox_dedupe_uq" UNIQUE("estate_id","dedupe_key")
);
--> statement-breakpoint
CREATE INDEX "deadlines_case_idx" ON "deadlines" USING btree ("estate_id","case_id");--> statement-breakpoint
CREATE INDEX "deadlines_fire_idx" ON "deadlines" USING btree ("next_fire_at") WHERE "deadlines"."next_fire_at" is not null;--> statement-breakpoint
CREATE INDEX "follow_ups_queue_idx" ON "follow_ups" USING btree ("estate_id","state","assignee_role","due_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at") WHERE "outbox"."state" = 'pending';
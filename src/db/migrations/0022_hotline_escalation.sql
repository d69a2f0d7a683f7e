ALTER TABLE "hotline_events" ALTER COLUMN "actor_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "hotline_dossiers" ADD COLUMN "escalated_at" timestamp with time zone;
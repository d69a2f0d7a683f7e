CREATE TABLE "categories" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"specialty" text DEFAULT 'general' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "categories_estate_id_id_pk" PRIMARY KEY("estate_id","id"),
	CONSTRAINT "categories_code_uq" UNIQUE("estate_id","code")
);
--> statement-breakpoint
CREATE TABLE "daily_signoffs" (
	"estate_id" uuid NOT NULL,
	"day" date NOT NULL,
	"signed_by" uuid NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"opened" integer NOT NULL,
	"closed" integer NOT NULL,
	"note" text,
	CONSTRAINT "daily_signoffs_estate_id_day_pk" PRIMARY KEY("estate_id","day")
);
--> statement-breakpoint
CREATE TABLE "price_items" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"price_cents" integer NOT NULL,
	"labour_only" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "price_items_estate_id_id_pk" PRIMARY KEY("estate_id","id"),
	CONSTRAINT "price_items_code_uq" UNIQUE("estate_id","code")
);
--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_signoffs" ADD CONSTRAINT "daily_signoffs_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_items" ADD CONSTRAINT "price_items_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;
CREATE TABLE "buildings" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "buildings_estate_id_id_pk" PRIMARY KEY("estate_id","id"),
	CONSTRAINT "buildings_code_uq" UNIQUE("estate_id","code")
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_estate_id_id_pk" PRIMARY KEY("estate_id","id"),
	CONSTRAINT "departments_code_uq" UNIQUE("estate_id","code")
);
--> statement-breakpoint
CREATE TABLE "estates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"case_prefix" text NOT NULL,
	"households" integer DEFAULT 0 NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "estates_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "files" (
	"estate_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "files_estate_id_sha256_pk" PRIMARY KEY("estate_id","sha256")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"relation" text NOT NULL,
	"phones" text[] DEFAULT '{}'::text[] NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "residents_estate_id_id_pk" PRIMARY KEY("estate_id","id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_roles" (
	"estate_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"department_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_roles_estate_id_user_id_role_pk" PRIMARY KEY("estate_id","user_id","role")
);
--> statement-breakpoint
CREATE TABLE "units" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"code" text NOT NULL,
	"entrance" text,
	"floor" integer,
	"room" text NOT NULL,
	"area_m2" integer,
	"vacant" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "units_estate_id_id_pk" PRIMARY KEY("estate_id","id"),
	CONSTRAINT "units_code_uq" UNIQUE("estate_id","code")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"phone" text,
	"password_hash" text,
	"group_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "approvals" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"approver_role" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"reason" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"comment" text,
	CONSTRAINT "approvals_estate_id_id_pk" PRIMARY KEY("estate_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_counters" (
	"estate_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "case_counters_estate_id_year_pk" PRIMARY KEY("estate_id","year")
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"estate_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"subject" text,
	"before" jsonb,
	"after" jsonb,
	"note" text,
	CONSTRAINT "case_events_estate_id_seq_pk" PRIMARY KEY("estate_id","seq")
);
--> statement-breakpoint
CREATE TABLE "case_findings" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"split_case_id" uuid,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "case_findings_estate_id_id_pk" PRIMARY KEY("estate_id","id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"contact_id" uuid,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"channel" text NOT NULL,
	"category" text,
	"urgency" text DEFAULT 'routine' NOT NULL,
	"location_kind" text NOT NULL,
	"unit_id" uuid,
	"resident_id" uuid,
	"location_text" text,
	"contact_name" text,
	"contact_phone" text,
	"description" text NOT NULL,
	"complaint_nature" text,
	"complaint_subtype" text,
	"complaint_content" text,
	"appointment_at" timestamp with time zone,
	"paid" boolean DEFAULT false NOT NULL,
	"paid_confirmed_at" timestamp with time zone,
	"quote_cents" integer,
	"resident_supplies_parts" boolean DEFAULT false NOT NULL,
	"promised_reply_at" timestamp with time zone,
	"receipt_number" text,
	"major" boolean DEFAULT false NOT NULL,
	"hot" boolean DEFAULT false NOT NULL,
	"resume_status" text,
	"pause_reason" text,
	"paused_until" timestamp with time zone,
	"opened_at" timestamp with time zone NOT NULL,
	"opened_by" uuid NOT NULL,
	"completed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"close_result" text,
	"close_approval_id" uuid,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cases_estate_id_id_pk" PRIMARY KEY("estate_id","id"),
	CONSTRAINT "cases_number_uq" UNIQUE("estate_id","number"),
	CONSTRAINT "cases_urgency_ck" CHECK ("cases"."urgency" in ('routine','emergency')),
	CONSTRAINT "cases_location_ck" CHECK ("cases"."location_kind" in ('in_home','public'))
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"caller_name" text,
	"caller_phone" text,
	"unit_id" uuid,
	"resident_id" uuid,
	"location" text,
	"content" text NOT NULL,
	"outcome" text NOT NULL,
	"answer" text,
	"case_id" uuid,
	"recorded_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "contacts_estate_id_id_pk" PRIMARY KEY("estate_id","id"),
	CONSTRAINT "contacts_outcome_ck" CHECK ("contacts"."outcome" in ('answered','case','undecided'))
);
--> statement-breakpoint
CREATE TABLE "order_counters" (
	"estate_id" uuid PRIMARY KEY NOT NULL,
	"last_number" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_order_materials" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"work_order_id" uuid NOT NULL,
	"name" text NOT NULL,
	"spec" text,
	"model" text,
	"quantity" numeric(12, 3) NOT NULL,
	"unit" text,
	"unit_price_cents" integer DEFAULT 0 NOT NULL,
	"supplied_by" text NOT NULL,
	CONSTRAINT "work_order_materials_estate_id_id_pk" PRIMARY KEY("estate_id","id"),
	CONSTRAINT "materials_supplied_ck" CHECK ("work_order_materials"."supplied_by" in ('company','resident'))
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"estate_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text NOT NULL,
	"department_id" uuid NOT NULL,
	"technician_id" uuid,
	"instructions" text,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" uuid NOT NULL,
	"retroactive" boolean DEFAULT false NOT NULL,
	"appointment_at" timestamp with time zone,
	"rebook_reason" text,
	"accepted_at" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"review_requested_at" timestamp with time zone,
	"review_done_at" timestamp with time zone,
	"review_note" text,
	"diagnosis" text,
	"completed_at" timestamp with time zone,
	"work_done" text,
	"labour_cents" integer DEFAULT 0 NOT NULL,
	"fee_cents" integer DEFAULT 0 NOT NULL,
	"signature_sha256" text,
	"signed_at" timestamp with time zone,
	"photos" text[] DEFAULT '{}'::text[] NOT NULL,
	"evaluation" text,
	"rating" integer,
	"returned_at" timestamp with time zone,
	"checked_at" timestamp with time zone,
	"checked_by" uuid,
	"check_note" text,
	"voided_at" timestamp with time zone,
	"voided_by" uuid,
	"void_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "work_orders_estate_id_id_pk" PRIMARY KEY("estate_id","id"),
	CONSTRAINT "work_orders_number_uq" UNIQUE("estate_id","number"),
	CONSTRAINT "work_orders_rating_ck" CHECK ("work_orders"."rating" is null or "work_orders"."rating" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_estate_id_unit_id_units_estate_id_id_fk" FOREIGN KEY ("estate_id","unit_id") REFERENCES "public"."units"("estate_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_roles" ADD CONSTRAINT "staff_roles_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_roles" ADD CONSTRAINT "staff_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_estate_id_building_id_buildings_estate_id_id_fk" FOREIGN KEY ("estate_id","building_id") REFERENCES "public"."buildings"("estate_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_estate_id_case_id_cases_estate_id_id_fk" FOREIGN KEY ("estate_id","case_id") REFERENCES "public"."cases"("estate_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_counters" ADD CONSTRAINT "case_counters_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_findings" ADD CONSTRAINT "case_findings_estate_id_case_id_cases_estate_id_id_fk" FOREIGN KEY ("estate_id","case_id") REFERENCES "public"."cases"("estate_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_counters" ADD CONSTRAINT "order_counters_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_materials" ADD CONSTRAINT "work_order_materials_estate_id_work_order_id_work_orders_estate_id_id_fk" FOREIGN KEY ("estate_id","work_order_id") REFERENCES "public"."work_orders"("estate_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_estate_id_case_id_cases_estate_id_id_fk" FOREIGN KEY ("estate_id","case_id") REFERENCES "public"."cases"("estate_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "residents_unit_idx" ON "residents" USING btree ("estate_id","unit_id");--> statement-breakpoint
CREATE INDEX "approvals_pending_idx" ON "approvals" USING btree ("estate_id","status");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("estate_id","case_id","seq");--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "cases" USING btree ("estate_id","status","opened_at");--> statement-breakpoint
CREATE INDEX "cases_unit_idx" ON "cases" USING btree ("estate_id","unit_id","opened_at");--> statement-breakpoint
CREATE INDEX "cases_opened_idx" ON "cases" USING btree ("estate_id","opened_at");--> statement-breakpoint
CREATE INDEX "contacts_received_idx" ON "contacts" USING btree ("estate_id","received_at");--> statement-breakpoint
CREATE INDEX "work_orders_case_idx" ON "work_orders" USING btree ("estate_id","case_id");--> statement-breakpoint
CREATE INDEX "work_orders_tech_idx" ON "work_orders" USING btree ("estate_id","technician_id","status");
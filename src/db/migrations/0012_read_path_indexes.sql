CREATE INDEX "residents_user_idx" ON "residents" USING btree ("user_id") WHERE "residents"."user_id" is not null;--> statement-breakpoint
CREATE INDEX "staff_roles_user_idx" ON "staff_roles" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "cases_opened_all_idx" ON "cases" USING btree ("opened_at","id");--> statement-breakpoint
CREATE INDEX "cases_open_due_idx" ON "cases" USING btree (coalesce("next_due_at", 'infinity'::timestamptz),"id") WHERE "cases"."status" in ('opened','dispatched','in_progress','paused','completed','pending_approval','unresolvable_pending','reopened');
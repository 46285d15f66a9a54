ALTER TABLE "stripe_events" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "admin_audit" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "admin_credentials" ADD COLUMN "failed_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "admin_credentials" ADD COLUMN "failures_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "admin_credentials" ADD COLUMN "locked_until" timestamp with time zone;
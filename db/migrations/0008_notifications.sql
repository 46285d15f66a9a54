CREATE TABLE "notification_sends" (
	"event_id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"event_type" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"template" text,
	"recipient" text,
	"message_id" text,
	"reason" text,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "notification_sends_tenant_idx" ON "notification_sends" USING btree ("tenant_id","claimed_at");
ALTER TABLE "billing_events" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
ALTER TABLE "billing_events" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
-- Rows written before the outbox were published to Kafka by the activity that wrote them.
UPDATE "billing_events" SET "published_at" = "recorded_at";--> statement-breakpoint
CREATE INDEX "billing_events_outbox_idx" ON "billing_events" USING btree ("seq") WHERE published_at is null;
CREATE TABLE "billing_outbox_inflight" (
	"id" text PRIMARY KEY NOT NULL,
	"event_ids" jsonb NOT NULL,
	"watermarks" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);

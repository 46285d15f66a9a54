CREATE TABLE "features" (
	"key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"unit" text,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "features_kind_check" CHECK ("features"."kind" in ('boolean', 'gauge', 'monthly', 'read'))
);
--> statement-breakpoint
ALTER TABLE "plans" ALTER COLUMN "limits" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "entitlements" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "plans_entitlements_idx" ON "plans" USING gin ("entitlements");--> statement-breakpoint
-- Data, in every environment (not only development): the catalog must hold every key a stored plan
-- (or a running workflow, whose plans came from these rows) names, so each key of the plans' limits
-- becomes a feature. This is the one place outside the development seed that names the five metrics.
INSERT INTO "features" ("key", "name", "kind")
SELECT k, upper(left(k, 1)) || replace(replace(substr(k, 2), '_', ' '), '-', ' '),
  CASE WHEN k IN ('campaigns', 'seats') THEN 'gauge' WHEN k = 'leaderboard_entries' THEN 'read' ELSE 'monthly' END
FROM (SELECT DISTINCT jsonb_object_keys("limits") AS k FROM "plans" WHERE jsonb_typeof("limits") = 'object') AS named
ON CONFLICT ("key") DO NOTHING;--> statement-breakpoint
UPDATE "plans" SET "entitlements" = (
  SELECT coalesce(jsonb_object_agg(k, jsonb_build_object('limit', v)), '{}'::jsonb) FROM jsonb_each("limits") AS e(k, v)
) WHERE jsonb_typeof("limits") = 'object';

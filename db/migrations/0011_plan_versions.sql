CREATE TABLE "plan_versions" (
	"plan_id" text NOT NULL,
	"version" integer NOT NULL,
	"plan" jsonb NOT NULL,
	"superseded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_versions_plan_id_version_pk" PRIMARY KEY("plan_id","version")
);
--> statement-breakpoint
CREATE TABLE "plan_migration_tenants" (
	"migration_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"seq" integer NOT NULL,
	"from_version" integer NOT NULL,
	"outcome" text NOT NULL,
	"code" text,
	"message" text,
	"report" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_migration_tenants_migration_id_tenant_id_pk" PRIMARY KEY("migration_id","tenant_id")
);
--> statement-breakpoint
CREATE TABLE "plan_migrations" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"to_version" integer NOT NULL,
	"from_versions" jsonb,
	"tenant_ids" jsonb,
	"effective" text NOT NULL,
	"dry_run" boolean NOT NULL,
	"force" boolean DEFAULT false NOT NULL,
	"rate_per_second" integer NOT NULL,
	"status" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "tenants_plan_idx";--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "plan_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "plan_migration_tenants_seq_idx" ON "plan_migration_tenants" USING btree ("migration_id","seq");--> statement-breakpoint
CREATE INDEX "tenants_plan_idx" ON "tenants" USING btree ("plan_id","plan_version");
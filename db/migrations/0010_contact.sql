ALTER TABLE "tenants" ADD COLUMN "billing_address" jsonb;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "tax_id" jsonb;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "payment_action_url" text;
ALTER TABLE "plans" ADD COLUMN "days_until_due" integer DEFAULT 30 NOT NULL;

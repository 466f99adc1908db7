CREATE TABLE "value_imports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "value_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"city_id" integer NOT NULL,
	"user_id" integer,
	"file_name" text NOT NULL,
	"check_only" boolean DEFAULT false NOT NULL,
	"rows_saved" integer DEFAULT 0 NOT NULL,
	"rows_unchanged" integer DEFAULT 0 NOT NULL,
	"rows_refused" integer DEFAULT 0 NOT NULL,
	"rows_conflicts" integer DEFAULT 0 NOT NULL,
	"delimiter" text DEFAULT ',' NOT NULL,
	"decimal_comma" boolean DEFAULT false NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cities" ADD COLUMN "earliest_period" text;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD COLUMN "explanation" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD COLUMN "flags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD COLUMN "previous_value" double precision;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD COLUMN "previous_period" text;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD COLUMN "evidence_resource_id" integer;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD COLUMN "submitted_by" integer;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "hard_min" double precision;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "hard_max" double precision;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "expected_min" double precision;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "expected_max" double precision;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "expected_per_capita" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "max_change" double precision;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "value_imports" ADD CONSTRAINT "value_imports_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "value_imports" ADD CONSTRAINT "value_imports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "value_imports_city_idx" ON "value_imports" USING btree ("city_id","imported_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_evidence_resource_id_resources_id_fk" FOREIGN KEY ("evidence_resource_id") REFERENCES "public"."resources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cities" ADD CONSTRAINT "cities_earliest_period_format" CHECK ("cities"."earliest_period" is null or "cities"."earliest_period" ~ '^[0-9]{4}-Q[1-4]$');--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_hard_range_order" CHECK ("indicators"."hard_min" is null or "indicators"."hard_max" is null or "indicators"."hard_min" <= "indicators"."hard_max");--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_expected_range_order" CHECK ("indicators"."expected_min" is null or "indicators"."expected_max" is null or "indicators"."expected_min" <= "indicators"."expected_max");--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_max_change_positive" CHECK ("indicators"."max_change" is null or "indicators"."max_change" > 0);--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_time_zone_known" CHECK ("users"."time_zone" is null or "users"."time_zone" in ('Asia/Dhaka', 'Asia/Kathmandu'));--> statement-breakpoint
-- One shape for a missing evidence link (issue 12): null, never the empty string.
UPDATE "indicator_values" SET "evidence_url" = NULL WHERE "evidence_url" = '';

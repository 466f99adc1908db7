CREATE TYPE "public"."city_kind" AS ENUM('paurashava_a', 'paurashava_b', 'paurashava_c', 'city_corporation', 'municipality', 'sub_metropolitan_city', 'metropolitan_city');--> statement-breakpoint
CREATE TYPE "public"."country" AS ENUM('BD', 'NP');--> statement-breakpoint
CREATE TYPE "public"."indicator_direction" AS ENUM('higher_is_better', 'lower_is_better');--> statement-breakpoint
CREATE TYPE "public"."indicator_frequency" AS ENUM('quarterly', 'annual');--> statement-breakpoint
CREATE TYPE "public"."lens_kind" AS ENUM('outcome', 'function');--> statement-breakpoint
CREATE TYPE "public"."programme_role" AS ENUM('mentor', 'mentee', 'candidate');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('officer', 'reviewer', 'trainer', 'partner', 'admin');--> statement-breakpoint
CREATE TYPE "public"."indicator_unit" AS ENUM('percent', 'ratio', 'count', 'days', 'boolean', 'score5');--> statement-breakpoint
CREATE TYPE "public"."value_status" AS ENUM('draft', 'submitted', 'validated', 'returned');--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"actor_id" integer,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name_en" text NOT NULL,
	"name_bn" text NOT NULL,
	"name_ne" text NOT NULL,
	"country" "country" NOT NULL,
	"region" text NOT NULL,
	"kind" "city_kind" NOT NULL,
	"population" integer,
	"latitude" double precision,
	"longitude" double precision,
	"programme_role" "programme_role" NOT NULL,
	"mentor_city_id" integer,
	"joined_on" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cities_slug_unique" UNIQUE("slug"),
	CONSTRAINT "cities_not_own_mentor" CHECK ("cities"."mentor_city_id" is null or "cities"."mentor_city_id" <> "cities"."id"),
	CONSTRAINT "cities_population_positive" CHECK ("cities"."population" is null or "cities"."population" > 0),
	CONSTRAINT "cities_latitude_range" CHECK ("cities"."latitude" is null or "cities"."latitude" between -90 and 90),
	CONSTRAINT "cities_longitude_range" CHECK ("cities"."longitude" is null or "cities"."longitude" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "components" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "components_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name_en" text NOT NULL,
	"name_bn" text NOT NULL,
	"name_ne" text NOT NULL,
	"sort_order" integer NOT NULL,
	CONSTRAINT "components_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicator_values_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"period" text NOT NULL,
	"value" double precision NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"evidence_url" text,
	"status" "value_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"entered_by" integer,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"review_comment" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "indicator_values_period_format" CHECK ("indicator_values"."period" ~ '^[0-9]{4}-Q[1-4]$')
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicators_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"component_id" integer NOT NULL,
	"name_en" text NOT NULL,
	"name_bn" text NOT NULL,
	"name_ne" text NOT NULL,
	"unit" "indicator_unit" NOT NULL,
	"direction" "indicator_direction" NOT NULL,
	"target" double precision NOT NULL,
	"worst" double precision,
	"lens_code" text NOT NULL,
	"frequency" "indicator_frequency" NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer NOT NULL,
	CONSTRAINT "indicators_code_unique" UNIQUE("code"),
	CONSTRAINT "indicators_worst_for_lower" CHECK ("indicators"."direction" = 'higher_is_better' or "indicators"."worst" is not null)
);
--> statement-breakpoint
CREATE TABLE "lenses" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" "lens_kind" NOT NULL,
	"name_en" text NOT NULL,
	"name_bn" text NOT NULL,
	"name_ne" text NOT NULL,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "login_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"ip" text,
	"succeeded" boolean NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "role" NOT NULL,
	"city_id" integer,
	"locale" text DEFAULT 'en' NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_officer_has_city" CHECK ("users"."role" <> 'officer' or "users"."city_id" is not null),
	CONSTRAINT "users_email_lowercase" CHECK ("users"."email" = lower("users"."email")),
	CONSTRAINT "users_locale_known" CHECK ("users"."locale" in ('en', 'bn', 'ne'))
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cities" ADD CONSTRAINT "cities_mentor_city_id_cities_id_fk" FOREIGN KEY ("mentor_city_id") REFERENCES "public"."cities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_lens_code_lenses_code_fk" FOREIGN KEY ("lens_code") REFERENCES "public"."lenses"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "cities_mentor_idx" ON "cities" USING btree ("mentor_city_id");--> statement-breakpoint
CREATE INDEX "cities_country_role_idx" ON "cities" USING btree ("country","programme_role");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_values_city_indicator_period_uq" ON "indicator_values" USING btree ("city_id","indicator_id","period");--> statement-breakpoint
CREATE INDEX "indicator_values_status_idx" ON "indicator_values" USING btree ("status");--> statement-breakpoint
CREATE INDEX "indicator_values_period_idx" ON "indicator_values" USING btree ("period");--> statement-breakpoint
CREATE INDEX "indicators_component_idx" ON "indicators" USING btree ("component_id");--> statement-breakpoint
CREATE INDEX "login_attempts_email_time_idx" ON "login_attempts" USING btree ("email","attempted_at");
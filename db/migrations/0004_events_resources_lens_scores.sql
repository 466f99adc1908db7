CREATE TYPE "public"."event_status" AS ENUM('scheduled', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."event_type" AS ENUM('training', 'workshop', 'exposure_visit', 'webinar', 'mentoring_session', 'consultation_workshop', 'focus_group_discussion');--> statement-breakpoint
CREATE TYPE "public"."gender" AS ENUM('female', 'male', 'other', 'undisclosed');--> statement-breakpoint
CREATE TYPE "public"."participant_role" AS ENUM('elected_representative', 'municipal_staff', 'sanitation_worker', 'private_operator', 'ngo_partner', 'other');--> statement-breakpoint
CREATE TYPE "public"."registration_status" AS ENUM('registered', 'waitlisted', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."resource_language" AS ENUM('bn', 'en', 'ne', 'other');--> statement-breakpoint
CREATE TYPE "public"."resource_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TYPE "public"."resource_type" AS ENUM('guideline', 'policy', 'plan', 'case_study', 'training_material', 'report', 'tool', 'video', 'other');--> statement-breakpoint
CREATE TABLE "city_lens_scores" (
	"city_id" integer NOT NULL,
	"lens_code" text NOT NULL,
	"as_of_period" text NOT NULL,
	"score" double precision,
	"coverage" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "city_lens_scores_city_id_lens_code_pk" PRIMARY KEY("city_id","lens_code")
);
--> statement-breakpoint
CREATE TABLE "event_components" (
	"event_id" integer NOT NULL,
	"component_id" integer NOT NULL,
	CONSTRAINT "event_components_event_id_component_id_pk" PRIMARY KEY("event_id","component_id")
);
--> statement-breakpoint
CREATE TABLE "event_materials" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_materials_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"event_id" integer NOT NULL,
	"resource_id" integer,
	"url" text,
	"title" text DEFAULT '' NOT NULL,
	"added_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_materials_resource_or_url" CHECK (("event_materials"."resource_id" is null) <> ("event_materials"."url" is null))
);
--> statement-breakpoint
CREATE TABLE "event_trainers" (
	"event_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "event_trainers_event_id_user_id_pk" PRIMARY KEY("event_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"uid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"title" text NOT NULL,
	"type" "event_type" NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"host_city_id" integer NOT NULL,
	"pair_mentor_city_id" integer,
	"pair_mentee_city_id" integer,
	"time_zone" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"venue" text DEFAULT '' NOT NULL,
	"online_url" text,
	"capacity" integer NOT NULL,
	"registration_deadline" timestamp with time zone,
	"status" "event_status" DEFAULT 'scheduled' NOT NULL,
	"outcomes" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_uid_unique" UNIQUE("uid"),
	CONSTRAINT "events_ends_after_start" CHECK ("events"."ends_at" > "events"."starts_at"),
	CONSTRAINT "events_capacity_positive" CHECK ("events"."capacity" > 0),
	CONSTRAINT "events_deadline_before_start" CHECK ("events"."registration_deadline" is null or "events"."registration_deadline" <= "events"."starts_at"),
	CONSTRAINT "events_time_zone_known" CHECK ("events"."time_zone" in ('Asia/Dhaka', 'Asia/Kathmandu')),
	CONSTRAINT "events_pair_complete" CHECK (("events"."pair_mentor_city_id" is null) = ("events"."pair_mentee_city_id" is null))
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"sha256" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "files_sha256_unique" UNIQUE("sha256")
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "registrations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"event_id" integer NOT NULL,
	"city_id" integer NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"position" text DEFAULT '' NOT NULL,
	"organisation" text DEFAULT '' NOT NULL,
	"participant_role" "participant_role" DEFAULT 'municipal_staff' NOT NULL,
	"gender" "gender" NOT NULL,
	"email" text,
	"phone" text,
	"status" "registration_status" NOT NULL,
	"attended" boolean,
	"registered_by" integer,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "registrations_email_lowercase" CHECK ("registrations"."email" is null or "registrations"."email" = lower("registrations"."email")),
	CONSTRAINT "registrations_withdrawn_stamp" CHECK (("registrations"."status" = 'withdrawn') = ("registrations"."withdrawn_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "resource_components" (
	"resource_id" integer NOT NULL,
	"component_id" integer NOT NULL,
	CONSTRAINT "resource_components_resource_id_component_id_pk" PRIMARY KEY("resource_id","component_id")
);
--> statement-breakpoint
CREATE TABLE "resource_file_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "resource_file_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"resource_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone NOT NULL,
	"replaced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_lenses" (
	"resource_id" integer NOT NULL,
	"lens_code" text NOT NULL,
	CONSTRAINT "resource_lenses_resource_id_lens_code_pk" PRIMARY KEY("resource_id","lens_code")
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "resources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"type" "resource_type" NOT NULL,
	"language" "resource_language" NOT NULL,
	"city_id" integer,
	"author" text DEFAULT '' NOT NULL,
	"year" integer,
	"status" "resource_status" DEFAULT 'draft' NOT NULL,
	"file_id" integer,
	"file_name" text,
	"external_url" text,
	"extracted_text" text DEFAULT '' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(summary, '')), 'B') || setweight(to_tsvector('simple', coalesce(summary, '')), 'B') || to_tsvector('english', left(coalesce(extracted_text, ''), 200000)) || to_tsvector('simple', left(coalesce(extracted_text, ''), 200000))) STORED,
	"download_count" integer DEFAULT 0 NOT NULL,
	"created_by" integer,
	"published_by" integer,
	"published_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resources_file_or_link" CHECK (("resources"."file_id" is null) <> ("resources"."external_url" is null)),
	CONSTRAINT "resources_file_has_name" CHECK ("resources"."file_id" is null or "resources"."file_name" is not null),
	CONSTRAINT "resources_year_range" CHECK ("resources"."year" is null or "resources"."year" between 1900 and 2100),
	CONSTRAINT "resources_published_stamp" CHECK (("resources"."status" = 'published') = ("resources"."published_at" is not null))
);
--> statement-breakpoint
DROP INDEX "indicator_values_validated_at_idx";--> statement-breakpoint
ALTER TABLE "city_lens_scores" ADD CONSTRAINT "city_lens_scores_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_lens_scores" ADD CONSTRAINT "city_lens_scores_lens_code_lenses_code_fk" FOREIGN KEY ("lens_code") REFERENCES "public"."lenses"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_components" ADD CONSTRAINT "event_components_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_components" ADD CONSTRAINT "event_components_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_materials" ADD CONSTRAINT "event_materials_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_materials" ADD CONSTRAINT "event_materials_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_materials" ADD CONSTRAINT "event_materials_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_trainers" ADD CONSTRAINT "event_trainers_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_trainers" ADD CONSTRAINT "event_trainers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_host_city_id_cities_id_fk" FOREIGN KEY ("host_city_id") REFERENCES "public"."cities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_pair_mentor_city_id_cities_id_fk" FOREIGN KEY ("pair_mentor_city_id") REFERENCES "public"."cities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_pair_mentee_city_id_cities_id_fk" FOREIGN KEY ("pair_mentee_city_id") REFERENCES "public"."cities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_components" ADD CONSTRAINT "resource_components_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_components" ADD CONSTRAINT "resource_components_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_file_versions" ADD CONSTRAINT "resource_file_versions_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_file_versions" ADD CONSTRAINT "resource_file_versions_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_file_versions" ADD CONSTRAINT "resource_file_versions_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_lenses" ADD CONSTRAINT "resource_lenses_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_lenses" ADD CONSTRAINT "resource_lenses_lens_code_lenses_code_fk" FOREIGN KEY ("lens_code") REFERENCES "public"."lenses"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "city_lens_scores_lens_idx" ON "city_lens_scores" USING btree ("lens_code");--> statement-breakpoint
CREATE INDEX "event_components_component_idx" ON "event_components" USING btree ("component_id");--> statement-breakpoint
CREATE INDEX "event_materials_event_idx" ON "event_materials" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "event_materials_resource_idx" ON "event_materials" USING btree ("resource_id");--> statement-breakpoint
CREATE INDEX "event_trainers_user_idx" ON "event_trainers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "events_starts_at_idx" ON "events" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "events_host_city_idx" ON "events" USING btree ("host_city_id");--> statement-breakpoint
CREATE INDEX "registrations_event_status_idx" ON "registrations" USING btree ("event_id","status","registered_at");--> statement-breakpoint
CREATE INDEX "registrations_city_idx" ON "registrations" USING btree ("city_id");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_event_email_uq" ON "registrations" USING btree ("event_id","email") WHERE "registrations"."email" is not null and "registrations"."status" <> 'withdrawn';--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_event_city_name_uq" ON "registrations" USING btree ("event_id","city_id","name_key") WHERE "registrations"."status" <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "resource_components_component_idx" ON "resource_components" USING btree ("component_id");--> statement-breakpoint
CREATE INDEX "resource_file_versions_resource_idx" ON "resource_file_versions" USING btree ("resource_id");--> statement-breakpoint
CREATE INDEX "resource_lenses_lens_idx" ON "resource_lenses" USING btree ("lens_code");--> statement-breakpoint
CREATE INDEX "resources_search_idx" ON "resources" USING gin ("search");--> statement-breakpoint
CREATE INDEX "resources_status_created_idx" ON "resources" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "resources_city_idx" ON "resources" USING btree ("city_id");--> statement-breakpoint
CREATE INDEX "indicator_values_validated_at_id_idx" ON "indicator_values" USING btree ("validated_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "indicator_values"."validated_at" is not null;
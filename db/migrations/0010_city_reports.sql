CREATE TYPE "public"."comment_answer" AS ENUM('incorporated', 'not_incorporated');--> statement-breakpoint
CREATE TYPE "public"."report_kind" AS ENUM('city_profile', 'round_report', 'synthesis');--> statement-breakpoint
CREATE TYPE "public"."report_status" AS ENUM('draft', 'consultation', 'validation', 'validated', 'final');--> statement-breakpoint
CREATE TABLE "recommendation_needs" (
	"recommendation_id" integer NOT NULL,
	"answer_id" integer NOT NULL,
	CONSTRAINT "recommendation_needs_recommendation_id_answer_id_pk" PRIMARY KEY("recommendation_id","answer_id")
);
--> statement-breakpoint
CREATE TABLE "report_comments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"version_id" integer NOT NULL,
	"section_key" text NOT NULL,
	"parent_id" integer,
	"body" text NOT NULL,
	"author_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answer" "comment_answer",
	"answer_reason" text,
	"answered_by" integer,
	"answered_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolved_by" integer,
	CONSTRAINT "report_comments_answer_reason" CHECK ("report_comments"."answer" is distinct from 'not_incorporated' or coalesce("report_comments"."answer_reason", '') <> '')
);
--> statement-breakpoint
CREATE TABLE "report_recommendations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_recommendations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"version_id" integer NOT NULL,
	"position" integer NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"report_id" integer NOT NULL,
	"number" integer NOT NULL,
	"status" "report_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"written" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"change_note" text DEFAULT '' NOT NULL,
	"return_reason" text,
	"snapshot" jsonb,
	"created_by" integer,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"validated_at" timestamp with time zone,
	"validated_by" integer,
	"finalized_at" timestamp with time zone,
	"finalized_by" integer,
	CONSTRAINT "report_versions_final_frozen" CHECK (("report_versions"."status" = 'final') = ("report_versions"."snapshot" is not null and "report_versions"."finalized_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" "report_kind" NOT NULL,
	"city_id" integer,
	"year" integer,
	"round_id" integer,
	"scope_city_ids" integer[],
	"language" text NOT NULL,
	"title" text NOT NULL,
	"resource_id" integer,
	"created_by" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_language" CHECK ("reports"."language" in ('en', 'bn', 'ne')),
	CONSTRAINT "reports_year_range" CHECK ("reports"."year" is null or "reports"."year" between 2000 and 2100),
	CONSTRAINT "reports_kind_shape" CHECK (("reports"."kind" = 'city_profile' and "reports"."city_id" is not null and "reports"."year" is not null and "reports"."round_id" is null)
        or ("reports"."kind" = 'round_report' and "reports"."city_id" is not null and "reports"."round_id" is not null)
        or ("reports"."kind" = 'synthesis' and "reports"."city_id" is null and "reports"."round_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "is_need" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "recommendation_needs" ADD CONSTRAINT "recommendation_needs_recommendation_id_report_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."report_recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_needs" ADD CONSTRAINT "recommendation_needs_answer_id_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."answers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_comments" ADD CONSTRAINT "report_comments_version_id_report_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."report_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_comments" ADD CONSTRAINT "report_comments_parent_id_report_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."report_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_comments" ADD CONSTRAINT "report_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_comments" ADD CONSTRAINT "report_comments_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_comments" ADD CONSTRAINT "report_comments_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_recommendations" ADD CONSTRAINT "report_recommendations_version_id_report_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."report_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_validated_by_users_id_fk" FOREIGN KEY ("validated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_finalized_by_users_id_fk" FOREIGN KEY ("finalized_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recommendation_needs_answer_idx" ON "recommendation_needs" USING btree ("answer_id");--> statement-breakpoint
CREATE INDEX "report_comments_version_idx" ON "report_comments" USING btree ("version_id","section_key");--> statement-breakpoint
CREATE INDEX "report_comments_parent_idx" ON "report_comments" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "report_recommendations_version_idx" ON "report_recommendations" USING btree ("version_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "report_versions_number_idx" ON "report_versions" USING btree ("report_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "report_versions_one_open_idx" ON "report_versions" USING btree ("report_id") WHERE "report_versions"."status" <> 'final';--> statement-breakpoint
CREATE INDEX "report_versions_status_idx" ON "report_versions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "reports_city_idx" ON "reports" USING btree ("city_id");--> statement-breakpoint
CREATE INDEX "reports_round_idx" ON "reports" USING btree ("round_id");--> statement-breakpoint
-- A final report version never changes, whatever code runs: the database refuses it too. Nor do
-- the recommendations (and their needs) of a final version.
CREATE FUNCTION "final_report_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target integer;
BEGIN
  IF TG_TABLE_NAME = 'report_versions' THEN
    IF OLD.status = 'final' THEN
      RAISE EXCEPTION 'a final report version never changes' USING ERRCODE = 'check_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_TABLE_NAME = 'report_recommendations' THEN
    target := CASE WHEN TG_OP = 'INSERT' THEN NEW.version_id ELSE OLD.version_id END;
  ELSE
    SELECT r.version_id INTO target FROM report_recommendations r WHERE r.id = CASE WHEN TG_OP = 'INSERT' THEN NEW.recommendation_id ELSE OLD.recommendation_id END;
  END IF;
  IF EXISTS (SELECT 1 FROM report_versions v WHERE v.id = target AND v.status = 'final') THEN
    RAISE EXCEPTION 'the recommendations of a final report version never change' USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;--> statement-breakpoint
CREATE TRIGGER "report_versions_final_guard" BEFORE UPDATE OR DELETE ON "report_versions" FOR EACH ROW EXECUTE FUNCTION "final_report_guard"();--> statement-breakpoint
CREATE TRIGGER "report_recommendations_final_guard" BEFORE INSERT OR UPDATE OR DELETE ON "report_recommendations" FOR EACH ROW EXECUTE FUNCTION "final_report_guard"();--> statement-breakpoint
CREATE TRIGGER "recommendation_needs_final_guard" BEFORE INSERT OR UPDATE OR DELETE ON "recommendation_needs" FOR EACH ROW EXECUTE FUNCTION "final_report_guard"();--> statement-breakpoint
-- Questions already published as "need_1", "need_2", … (the demo questionnaire's) ask for needs.
-- Published questions are guarded; the flag is new, so this one change is let through.
ALTER TABLE "questions" DISABLE TRIGGER "questions_published_guard";--> statement-breakpoint
UPDATE "questions" SET "is_need" = true WHERE "type" = 'short_text' AND "key" ~ '^need(_[0-9]+)?$';--> statement-breakpoint
ALTER TABLE "questions" ENABLE TRIGGER "questions_published_guard";

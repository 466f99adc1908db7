CREATE TYPE "public"."committee_role" AS ENUM('chair', 'secretary', 'treasurer', 'member');--> statement-breakpoint
CREATE TYPE "public"."problem_severity" AS ENUM('low', 'medium', 'high', 'critical');--> statement-breakpoint
CREATE TYPE "public"."problem_source" AS ENUM('focus_group', 'interview', 'complaint', 'inspection', 'scenario_workshop', 'field_visit', 'resident');--> statement-breakpoint
CREATE TYPE "public"."problem_status" AS ENUM('reported', 'open', 'acknowledged', 'in_progress', 'resolved', 'closed', 'rejected');--> statement-breakpoint
ALTER TYPE "public"."event_type" ADD VALUE 'scenario_workshop';--> statement-breakpoint
CREATE TABLE "city_problem_files" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "city_problem_files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"problem_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"added_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "city_problem_updates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "city_problem_updates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"problem_id" integer NOT NULL,
	"from_status" "problem_status",
	"to_status" "problem_status" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"author_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "city_problems" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "city_problems_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"city_id" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"component_id" integer,
	"place" text DEFAULT '' NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"severity" "problem_severity" DEFAULT 'medium' NOT NULL,
	"source" "problem_source" NOT NULL,
	"committee_id" integer,
	"event_id" integer,
	"status" "problem_status" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"reporter_name" text,
	"reporter_phone" text,
	"created_by" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "city_problems_latitude_range" CHECK ("city_problems"."latitude" is null or "city_problems"."latitude" between -90 and 90),
	CONSTRAINT "city_problems_longitude_range" CHECK ("city_problems"."longitude" is null or "city_problems"."longitude" between -180 and 180),
	CONSTRAINT "city_problems_coordinates_pair" CHECK (("city_problems"."latitude" is null) = ("city_problems"."longitude" is null)),
	CONSTRAINT "city_problems_reporter" CHECK ("city_problems"."source" = 'resident' or ("city_problems"."reporter_name" is null and "city_problems"."reporter_phone" is null))
);
--> statement-breakpoint
CREATE TABLE "committee_members" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "committee_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"committee_id" integer NOT NULL,
	"name" text NOT NULL,
	"organisation" text DEFAULT '' NOT NULL,
	"role" "committee_role" DEFAULT 'member' NOT NULL,
	"gender" "gender" NOT NULL,
	"ward_resident" boolean DEFAULT false NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"left_on" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committees" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "committees_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"city_id" integer NOT NULL,
	"name" text NOT NULL,
	"component_id" integer,
	"theme" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "committees_focus" CHECK ("committees"."component_id" is not null or "committees"."theme" <> '')
);
--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"meeting_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	CONSTRAINT "meeting_attendance_meeting_id_member_id_pk" PRIMARY KEY("meeting_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_decisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_decisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"meeting_id" integer NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"committee_id" integer NOT NULL,
	"held_on" date NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "city_problem_files" ADD CONSTRAINT "city_problem_files_problem_id_city_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."city_problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_problem_files" ADD CONSTRAINT "city_problem_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_problem_files" ADD CONSTRAINT "city_problem_files_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_problem_updates" ADD CONSTRAINT "city_problem_updates_problem_id_city_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."city_problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_problem_updates" ADD CONSTRAINT "city_problem_updates_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_problems" ADD CONSTRAINT "city_problems_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_problems" ADD CONSTRAINT "city_problems_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_problems" ADD CONSTRAINT "city_problems_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_problems" ADD CONSTRAINT "city_problems_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_problems" ADD CONSTRAINT "city_problems_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committees" ADD CONSTRAINT "committees_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committees" ADD CONSTRAINT "committees_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committees" ADD CONSTRAINT "committees_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_member_id_committee_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."committee_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "city_problem_files_problem_idx" ON "city_problem_files" USING btree ("problem_id");--> statement-breakpoint
CREATE INDEX "city_problem_updates_problem_idx" ON "city_problem_updates" USING btree ("problem_id","created_at");--> statement-breakpoint
CREATE INDEX "city_problems_city_status_idx" ON "city_problems" USING btree ("city_id","status");--> statement-breakpoint
CREATE INDEX "city_problems_committee_idx" ON "city_problems" USING btree ("committee_id");--> statement-breakpoint
CREATE INDEX "committee_members_committee_idx" ON "committee_members" USING btree ("committee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "committees_city_name_idx" ON "committees" USING btree ("city_id",lower("name"));--> statement-breakpoint
CREATE INDEX "meeting_attendance_member_idx" ON "meeting_attendance" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "meeting_decisions_meeting_idx" ON "meeting_decisions" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "meetings_committee_idx" ON "meetings" USING btree ("committee_id","held_on");--> statement-breakpoint
-- Whatever code runs: a meeting's attendee is a member of that meeting's committee, and a
-- problem goes to a committee of its own city.
CREATE FUNCTION "same_committee_city_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'meeting_attendance' THEN
    IF NOT EXISTS (SELECT 1 FROM meetings m JOIN committee_members cm ON cm.committee_id = m.committee_id WHERE m.id = NEW.meeting_id AND cm.id = NEW.member_id) THEN
      RAISE EXCEPTION 'the attendee is not a member of the meeting''s committee' USING ERRCODE = 'check_violation';
    END IF;
  ELSIF NEW.committee_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM committees c WHERE c.id = NEW.committee_id AND c.city_id = NEW.city_id) THEN
    RAISE EXCEPTION 'the committee belongs to another city' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "meeting_attendance_same_committee" BEFORE INSERT OR UPDATE ON "meeting_attendance" FOR EACH ROW EXECUTE FUNCTION "same_committee_city_guard"();--> statement-breakpoint
CREATE TRIGGER "city_problems_committee_city" BEFORE INSERT OR UPDATE ON "city_problems" FOR EACH ROW EXECUTE FUNCTION "same_committee_city_guard"();

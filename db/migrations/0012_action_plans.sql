CREATE TYPE "public"."action_owner_kind" AS ENUM('committee', 'user', 'organisation');--> statement-breakpoint
CREATE TYPE "public"."action_status" AS ENUM('planned', 'in_progress', 'done', 'blocked', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."plan_status" AS ENUM('draft', 'validation', 'active', 'closed');--> statement-breakpoint
CREATE TABLE "action_plans" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "action_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"city_id" integer NOT NULL,
	"fiscal_year" text NOT NULL,
	"title" text NOT NULL,
	"status" "plan_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"return_reason" text,
	"validated_at" timestamp with time zone,
	"validated_by" integer,
	"created_by" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_plans_fiscal_year_shape" CHECK ("action_plans"."fiscal_year" ~ '^FY[0-9]{4}-[0-9]{2}$')
);
--> statement-breakpoint
CREATE TABLE "plan_action_problems" (
	"action_id" integer NOT NULL,
	"problem_id" integer NOT NULL,
	CONSTRAINT "plan_action_problems_action_id_problem_id_pk" PRIMARY KEY("action_id","problem_id")
);
--> statement-breakpoint
CREATE TABLE "plan_actions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_actions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"goal_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"owner_kind" "action_owner_kind" NOT NULL,
	"owner_committee_id" integer,
	"owner_user_id" integer,
	"owner_organisation" text DEFAULT '' NOT NULL,
	"starts_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" "action_status" DEFAULT 'planned' NOT NULL,
	"status_reason" text DEFAULT '' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"budget_planned" double precision,
	"budget_spent" double precision,
	"decision_id" integer,
	"event_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_actions_due_after_start" CHECK ("plan_actions"."due_on" >= "plan_actions"."starts_on"),
	CONSTRAINT "plan_actions_progress_range" CHECK ("plan_actions"."progress" between 0 and 100),
	CONSTRAINT "plan_actions_budget_positive" CHECK (("plan_actions"."budget_planned" is null or "plan_actions"."budget_planned" >= 0) and ("plan_actions"."budget_spent" is null or "plan_actions"."budget_spent" >= 0)),
	CONSTRAINT "plan_actions_reason" CHECK ("plan_actions"."status" not in ('blocked', 'dropped') or "plan_actions"."status_reason" <> ''),
	CONSTRAINT "plan_actions_owner" CHECK (("plan_actions"."owner_kind" = 'committee' and "plan_actions"."owner_committee_id" is not null) or ("plan_actions"."owner_kind" = 'user' and "plan_actions"."owner_user_id" is not null) or ("plan_actions"."owner_kind" = 'organisation' and "plan_actions"."owner_organisation" <> ''))
);
--> statement-breakpoint
CREATE TABLE "plan_changes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_id" integer NOT NULL,
	"what" text NOT NULL,
	"reason" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"actor_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_comments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_id" integer NOT NULL,
	"body" text NOT NULL,
	"author_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_goals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_goals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_id" integer NOT NULL,
	"position" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"baseline_value" double precision,
	"baseline_period" text,
	"target_value" double precision NOT NULL,
	"target_period" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_goals_baseline_pair" CHECK (("plan_goals"."baseline_value" is null) = ("plan_goals"."baseline_period" is null)),
	CONSTRAINT "plan_goals_target_period_shape" CHECK ("plan_goals"."target_period" ~ '^[0-9]{4}-Q[1-4]$')
);
--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_validated_by_users_id_fk" FOREIGN KEY ("validated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_action_problems" ADD CONSTRAINT "plan_action_problems_action_id_plan_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."plan_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_action_problems" ADD CONSTRAINT "plan_action_problems_problem_id_city_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."city_problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_goal_id_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_owner_committee_id_committees_id_fk" FOREIGN KEY ("owner_committee_id") REFERENCES "public"."committees"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_decision_id_meeting_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."meeting_decisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_changes" ADD CONSTRAINT "plan_changes_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_changes" ADD CONSTRAINT "plan_changes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_comments" ADD CONSTRAINT "plan_comments_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_comments" ADD CONSTRAINT "plan_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goals" ADD CONSTRAINT "plan_goals_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goals" ADD CONSTRAINT "plan_goals_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "action_plans_city_year_idx" ON "action_plans" USING btree ("city_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "plan_action_problems_problem_idx" ON "plan_action_problems" USING btree ("problem_id");--> statement-breakpoint
CREATE INDEX "plan_actions_goal_idx" ON "plan_actions" USING btree ("goal_id","position");--> statement-breakpoint
CREATE INDEX "plan_actions_due_idx" ON "plan_actions" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "plan_changes_plan_idx" ON "plan_changes" USING btree ("plan_id","created_at");--> statement-breakpoint
CREATE INDEX "plan_comments_plan_idx" ON "plan_comments" USING btree ("plan_id","created_at");--> statement-breakpoint
CREATE INDEX "plan_goals_plan_idx" ON "plan_goals" USING btree ("plan_id","position");--> statement-breakpoint
-- Whatever code runs: an action's owning committee is one of the plan's city's committees, and
-- a plan's goals and actions keep to that city too.
CREATE FUNCTION "plan_action_city_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.owner_committee_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM plan_goals g JOIN action_plans p ON p.id = g.plan_id JOIN committees c ON c.city_id = p.city_id
    WHERE g.id = NEW.goal_id AND c.id = NEW.owner_committee_id
  ) THEN
    RAISE EXCEPTION 'the owning committee belongs to another city' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "plan_actions_committee_city" BEFORE INSERT OR UPDATE ON "plan_actions" FOR EACH ROW EXECUTE FUNCTION "plan_action_city_guard"();

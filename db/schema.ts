import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  primaryKey,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["officer", "reviewer", "trainer", "partner", "admin"]);
export const countryEnum = pgEnum("country", ["BD", "NP"]);
export const cityKindEnum = pgEnum("city_kind", [
  "paurashava_a",
  "paurashava_b",
  "paurashava_c",
  "city_corporation",
  "municipality",
  "sub_metropolitan_city",
  "metropolitan_city",
]);
export const programmeRoleEnum = pgEnum("programme_role", ["mentor", "mentee", "candidate"]);
export const lensKindEnum = pgEnum("lens_kind", ["outcome", "function"]);
export const unitEnum = pgEnum("indicator_unit", ["percent", "ratio", "count", "days", "boolean", "score5"]);
export const directionEnum = pgEnum("indicator_direction", ["higher_is_better", "lower_is_better"]);
export const frequencyEnum = pgEnum("indicator_frequency", ["quarterly", "annual"]);
export const valueStatusEnum = pgEnum("value_status", ["draft", "submitted", "validated", "returned"]);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const cities = pgTable(
  "cities",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    slug: text("slug").notNull().unique(),
    nameEn: text("name_en").notNull(),
    nameBn: text("name_bn").notNull(),
    nameNe: text("name_ne").notNull(),
    country: countryEnum("country").notNull(),
    // District in Bangladesh, province in Nepal.
    region: text("region").notNull(),
    kind: cityKindEnum("kind").notNull(),
    population: integer("population"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    programmeRole: programmeRoleEnum("programme_role").notNull(),
    mentorCityId: integer("mentor_city_id").references((): AnyPgColumn => cities.id, { onDelete: "set null" }),
    joinedOn: date("joined_on"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("cities_mentor_idx").on(t.mentorCityId),
    index("cities_country_role_idx").on(t.country, t.programmeRole),
    check("cities_not_own_mentor", sql`${t.mentorCityId} is null or ${t.mentorCityId} <> ${t.id}`),
    check("cities_population_positive", sql`${t.population} is null or ${t.population} > 0`),
    check("cities_latitude_range", sql`${t.latitude} is null or ${t.latitude} between -90 and 90`),
    check("cities_longitude_range", sql`${t.longitude} is null or ${t.longitude} between -180 and 180`),
  ],
);

export const users = pgTable(
  "users",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    // Stored lower-cased so look-ups and the unique index agree.
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: roleEnum("role").notNull(),
    cityId: integer("city_id").references(() => cities.id, { onDelete: "restrict" }),
    locale: text("locale").notNull().default("en"),
    disabled: boolean("disabled").notNull().default(false),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("users_officer_has_city", sql`${t.role} <> 'officer' or ${t.cityId} is not null`),
    check("users_email_lowercase", sql`${t.email} = lower(${t.email})`),
    check("users_locale_known", sql`${t.locale} in ('en', 'bn', 'ne')`),
  ],
);

export const lenses = pgTable("lenses", {
  code: text("code").primaryKey(),
  kind: lensKindEnum("kind").notNull(),
  nameEn: text("name_en").notNull(),
  nameBn: text("name_bn").notNull(),
  nameNe: text("name_ne").notNull(),
  sortOrder: integer("sort_order").notNull(),
});

export const components = pgTable("components", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  code: text("code").notNull().unique(),
  nameEn: text("name_en").notNull(),
  nameBn: text("name_bn").notNull(),
  nameNe: text("name_ne").notNull(),
  sortOrder: integer("sort_order").notNull(),
});

export const indicators = pgTable(
  "indicators",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    code: text("code").notNull().unique(),
    componentId: integer("component_id")
      .notNull()
      .references(() => components.id, { onDelete: "restrict" }),
    nameEn: text("name_en").notNull(),
    nameBn: text("name_bn").notNull(),
    nameNe: text("name_ne").notNull(),
    unit: unitEnum("unit").notNull(),
    direction: directionEnum("direction").notNull(),
    target: doublePrecision("target").notNull(),
    // For lower-is-better indicators: the value that scores 0.
    worst: doublePrecision("worst"),
    lensCode: text("lens_code")
      .notNull()
      .references(() => lenses.code, { onDelete: "restrict" }),
    frequency: frequencyEnum("frequency").notNull(),
    provisional: boolean("provisional").notNull().default(false),
    active: boolean("active").notNull().default(true),
    sortOrder: integer("sort_order").notNull(),
  },
  (t) => [
    index("indicators_component_idx").on(t.componentId),
    check("indicators_worst_for_lower", sql`${t.direction} = 'higher_is_better' or ${t.worst} is not null`),
  ],
);

export const indicatorValues = pgTable(
  "indicator_values",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    cityId: integer("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    indicatorId: integer("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "restrict" }),
    period: text("period").notNull(),
    value: doublePrecision("value").notNull(),
    note: text("note").notNull().default(""),
    evidenceUrl: text("evidence_url"),
    status: valueStatusEnum("status").notNull().default("draft"),
    // Bumped on every write; a save carrying an older version is a conflict.
    version: integer("version").notNull().default(1),
    enteredBy: integer("entered_by").references(() => users.id, { onDelete: "set null" }),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    reviewedBy: integer("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewComment: text("review_comment"),
    // The last validated value. A later edit works on `value` while this one keeps counting in
    // scores, until the new value is validated in its turn.
    validatedValue: doublePrecision("validated_value"),
    validatedAt: timestamp("validated_at", { withTimezone: true }),
    isDemo: boolean("is_demo").notNull().default(false),
  },
  (t) => [
    uniqueIndex("indicator_values_city_indicator_period_uq").on(t.cityId, t.indicatorId, t.period),
    index("indicator_values_status_idx").on(t.status),
    index("indicator_values_period_idx").on(t.period),
    check("indicator_values_period_format", sql`${t.period} ~ '^[0-9]{4}-Q[1-4]$'`),
    check("indicator_values_validated_stamp", sql`(${t.validatedValue} is null) = (${t.validatedAt} is null)`),
    // "Recently validated" on the dashboard reads the newest few without sorting the history.
    index("indicator_values_validated_at_idx").on(t.validatedAt.desc()).where(sql`${t.validatedAt} is not null`),
  ],
);

/**
 * Latest validated score per city × component, rewritten in the same transaction as every
 * validation, so lists and dashboards never scan the value history.
 */
export const cityComponentScores = pgTable(
  "city_component_scores",
  {
    cityId: integer("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    componentId: integer("component_id")
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    // The newest period with a validated value in the city: scores are as of this quarter.
    asOfPeriod: text("as_of_period").notNull(),
    // 0–100; null when no indicator of the component has a validated value.
    score: doublePrecision("score"),
    // Share (0–1) of the component's indicators that have a validated value.
    coverage: doublePrecision("coverage").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.cityId, t.componentId] }), index("city_component_scores_component_idx").on(t.componentId)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    // sha256 of the token; the token itself is shown once and never stored.
    tokenHash: text("token_hash").notNull().unique(),
    // The first characters, so a person can tell their tokens apart.
    prefix: text("prefix").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entity, t.entityId),
    index("audit_log_created_idx").on(t.createdAt),
    index("audit_log_actor_idx").on(t.actorId),
  ],
);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    email: text("email").notNull(),
    ip: text("ip"),
    succeeded: boolean("succeeded").notNull(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_attempts_email_time_idx").on(t.email, t.attemptedAt)],
);

export type City = typeof cities.$inferSelect;
export type NewCity = typeof cities.$inferInsert;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Lens = typeof lenses.$inferSelect;
export type Component = typeof components.$inferSelect;
export type Indicator = typeof indicators.$inferSelect;
export type IndicatorValue = typeof indicatorValues.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type CityComponentScore = typeof cityComponentScores.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type Role = (typeof roleEnum.enumValues)[number];
export type Country = (typeof countryEnum.enumValues)[number];
export type CityKind = (typeof cityKindEnum.enumValues)[number];
export type ProgrammeRole = (typeof programmeRoleEnum.enumValues)[number];
export type ValueStatus = (typeof valueStatusEnum.enumValues)[number];

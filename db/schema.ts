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
  uuid,
  customType,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import {
  CITY_KINDS,
  COUNTRIES,
  DIRECTIONS,
  EVENT_STATUSES,
  EVENT_TIME_ZONES,
  EVENT_TYPES,
  FREQUENCIES,
  GENDERS,
  LENS_KINDS,
  PARTICIPANT_ROLES,
  PROGRAMME_ROLES,
  REGISTRATION_STATUSES,
  RESOURCE_LANGUAGES,
  RESOURCE_STATUSES,
  RESOURCE_TYPES,
  TOKEN_SCOPES,
  ROLES,
  UNITS,
  VALUE_STATUSES,
  OUTBOX_STATUSES,
  AUTH_TOKEN_PURPOSES,
  SUBSCRIPTION_STATUSES,
  DELIVERIES,
  DIGEST_STATUSES,
  QUESTION_TYPES,
  QUESTIONNAIRE_VERSION_STATUSES,
  ROUND_STATUSES,
  RESPONSE_STATUSES,
  REPORT_KINDS,
  REPORT_STATUSES,
  COMMENT_ANSWERS,
  PROBLEM_STATUSES,
  PROBLEM_SEVERITIES,
  PROBLEM_SOURCES,
  COMMITTEE_ROLES,
  PLAN_STATUSES,
  ACTION_STATUSES,
  ACTION_OWNER_KINDS,
  type NoticeParams,
  type LocalizedText,
} from "../lib/domain";
import type { AnswerValue, QuestionConfig, QuestionnaireSection, RoundTarget, ShowWhen } from "../lib/questionnaires/types";
import type { ReportSnapshot } from "../lib/reports/types";

export const roleEnum = pgEnum("role", ROLES);
export const countryEnum = pgEnum("country", COUNTRIES);
export const cityKindEnum = pgEnum("city_kind", CITY_KINDS);
export const programmeRoleEnum = pgEnum("programme_role", PROGRAMME_ROLES);
export const lensKindEnum = pgEnum("lens_kind", LENS_KINDS);
export const unitEnum = pgEnum("indicator_unit", UNITS);
export const directionEnum = pgEnum("indicator_direction", DIRECTIONS);
export const frequencyEnum = pgEnum("indicator_frequency", FREQUENCIES);
export const valueStatusEnum = pgEnum("value_status", VALUE_STATUSES);
export const tokenScopeEnum = pgEnum("token_scope", TOKEN_SCOPES);

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
    // The first quarter values are accepted for (issue 12); null: five years before joinedOn.
    earliestPeriod: text("earliest_period"),
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
    check("cities_earliest_period_format", sql`${t.earliestPeriod} is null or ${t.earliestPeriod} ~ '^[0-9]{4}-Q[1-4]$'`),
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
    // Null: the zone of the user's city's country, else of their language (ne: Kathmandu).
    timeZone: text("time_zone"),
    disabled: boolean("disabled").notNull().default(false),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("users_officer_has_city", sql`${t.role} <> 'officer' or ${t.cityId} is not null`),
    // Compared as text: the enum value is added by the same migration, which cannot use it yet.
    check("users_approver_has_city", sql`${t.role}::text <> 'approver' or ${t.cityId} is not null`),
    check("users_email_lowercase", sql`${t.email} = lower(${t.email})`),
    check("users_locale_known", sql`${t.locale} in ('en', 'bn', 'ne')`),
    check("users_time_zone_known", sql`${t.timeZone} is null or ${t.timeZone} in ('Asia/Dhaka', 'Asia/Kathmandu')`),
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
    // Plausible ranges (issue 12). Hard: refused outside (null: the unit's own bound). Expected:
    // a value outside needs an explanation; for counts with `expectedPerCapita` the expected
    // bounds are per 100,000 residents and scale with the city's population.
    hardMin: doublePrecision("hard_min"),
    hardMax: doublePrecision("hard_max"),
    expectedMin: doublePrecision("expected_min"),
    expectedMax: doublePrecision("expected_max"),
    expectedPerCapita: boolean("expected_per_capita").notNull().default(false),
    // The move from the city's last validated value that needs an explanation: points for
    // percentages and other bounded units, a ratio (new / old or old / new) for counts and days.
    // Null: the unit's default.
    maxChange: doublePrecision("max_change"),
    provisional: boolean("provisional").notNull().default(false),
    active: boolean("active").notNull().default(true),
    sortOrder: integer("sort_order").notNull(),
  },
  (t) => [
    index("indicators_component_idx").on(t.componentId),
    check("indicators_worst_for_lower", sql`${t.direction} = 'higher_is_better' or ${t.worst} is not null`),
    check("indicators_hard_range_order", sql`${t.hardMin} is null or ${t.hardMax} is null or ${t.hardMin} <= ${t.hardMax}`),
    check("indicators_expected_range_order", sql`${t.expectedMin} is null or ${t.expectedMax} is null or ${t.expectedMin} <= ${t.expectedMax}`),
    check("indicators_max_change_positive", sql`${t.maxChange} is null or ${t.maxChange} > 0`),
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
    // The officer's explanation of an unusual value (required to submit a flagged one).
    explanation: text("explanation").notNull().default(""),
    // Why the value needs a second look (lib/domain VALUE_FLAGS), set at each save, with the
    // last validated value it was compared with.
    flags: text("flags").array().notNull().default(sql`'{}'::text[]`),
    previousValue: doublePrecision("previous_value"),
    previousPeriod: text("previous_period"),
    // A library resource (photo, scan) that proves the value, uploaded from the entry form.
    evidenceResourceId: integer("evidence_resource_id").references((): AnyPgColumn => resources.id, { onDelete: "set null" }),
    submittedBy: integer("submitted_by").references(() => users.id, { onDelete: "set null" }),
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
    // "Recently validated" on the dashboard reads the newest few without sorting the history; the
    // id breaks ties in the same order the query does, so the index alone answers it.
    index("indicator_values_validated_at_id_idx").on(t.validatedAt.desc(), t.id.desc()).where(sql`${t.validatedAt} is not null`),
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

/** Latest validated score per city × CWIS lens, kept beside the component scores for the same reason. */
export const cityLensScores = pgTable(
  "city_lens_scores",
  {
    cityId: integer("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    lensCode: text("lens_code")
      .notNull()
      .references(() => lenses.code, { onDelete: "cascade" }),
    asOfPeriod: text("as_of_period").notNull(),
    score: doublePrecision("score"),
    coverage: doublePrecision("coverage").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.cityId, t.lensCode] }), index("city_lens_scores_lens_idx").on(t.lensCode)],
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
    // Tokens made before scopes existed could write; they keep doing so.
    scope: tokenScopeEnum("scope").notNull().default("write"),
    // Null: never expires (tokens made before expiry existed).
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

/**
 * One row per signed-in browser. The session cookie names its row; signing out revokes it, so a
 * copied cookie stops working on every instance at once, not when the cookie expires.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId)],
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
  (t) => [index("login_attempts_email_time_idx").on(t.email, t.attemptedAt), index("login_attempts_ip_time_idx").on(t.ip, t.attemptedAt)],
);

// ---------------------------------------------------------------------------------------------
// Capacity-building events

export const eventTypeEnum = pgEnum("event_type", EVENT_TYPES);
export const eventStatusEnum = pgEnum("event_status", EVENT_STATUSES);
export const genderEnum = pgEnum("gender", GENDERS);
export const participantRoleEnum = pgEnum("participant_role", PARTICIPANT_ROLES);
export const registrationStatusEnum = pgEnum("registration_status", REGISTRATION_STATUSES);

export const events = pgTable(
  "events",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    // The iCalendar UID: stable across edits, so calendars update the event instead of adding one.
    uid: uuid("uid").notNull().unique().defaultRandom(),
    // iCalendar SEQUENCE: bumped on every edit that calendars must pick up.
    sequence: integer("sequence").notNull().default(0),
    title: text("title").notNull(),
    type: eventTypeEnum("type").notNull(),
    description: text("description").notNull().default(""),
    hostCityId: integer("host_city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "restrict" }),
    // The mentor–mentee pair the event belongs to, when it serves one.
    pairMentorCityId: integer("pair_mentor_city_id").references(() => cities.id, { onDelete: "restrict" }),
    pairMenteeCityId: integer("pair_mentee_city_id").references(() => cities.id, { onDelete: "restrict" }),
    // The venue's IANA zone: times are entered and shown in it, and stored in UTC.
    timeZone: text("time_zone").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    venue: text("venue").notNull().default(""),
    onlineUrl: text("online_url"),
    capacity: integer("capacity").notNull(),
    registrationDeadline: timestamp("registration_deadline", { withTimezone: true }),
    status: eventStatusEnum("status").notNull().default("scheduled"),
    outcomes: text("outcomes").notNull().default(""),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("events_starts_at_idx").on(t.startsAt),
    index("events_host_city_idx").on(t.hostCityId),
    check("events_ends_after_start", sql`${t.endsAt} > ${t.startsAt}`),
    check("events_capacity_positive", sql`${t.capacity} > 0`),
    check("events_deadline_before_start", sql`${t.registrationDeadline} is null or ${t.registrationDeadline} <= ${t.startsAt}`),
    check("events_time_zone_known", sql`${t.timeZone} in ('Asia/Dhaka', 'Asia/Kathmandu')`),
    check("events_pair_complete", sql`(${t.pairMentorCityId} is null) = (${t.pairMenteeCityId} is null)`),
  ],
);

export const eventComponents = pgTable(
  "event_components",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    componentId: integer("component_id")
      .notNull()
      .references(() => components.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.componentId] }), index("event_components_component_idx").on(t.componentId)],
);

export const eventTrainers = pgTable(
  "event_trainers",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index("event_trainers_user_idx").on(t.userId)],
);

export const registrations = pgTable(
  "registrations",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    // The participant's city: an officer registers into their own city's quota only.
    cityId: integer("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    // Lower-cased, whitespace collapsed: "same name + city" is a duplicate.
    nameKey: text("name_key").notNull(),
    position: text("position").notNull().default(""),
    organisation: text("organisation").notNull().default(""),
    participantRole: participantRoleEnum("participant_role").notNull().default("municipal_staff"),
    gender: genderEnum("gender").notNull(),
    // Lower-cased when present.
    email: text("email"),
    phone: text("phone"),
    status: registrationStatusEnum("status").notNull(),
    // Null until the trainer marks attendance after the event.
    attended: boolean("attended"),
    registeredBy: integer("registered_by").references(() => users.id, { onDelete: "set null" }),
    // Waitlist order is registration order.
    registeredAt: timestamp("registered_at", { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    isDemo: boolean("is_demo").notNull().default(false),
  },
  (t) => [
    index("registrations_event_status_idx").on(t.eventId, t.status, t.registeredAt),
    index("registrations_city_idx").on(t.cityId),
    uniqueIndex("registrations_event_email_uq").on(t.eventId, t.email).where(sql`${t.email} is not null and ${t.status} <> 'withdrawn'`),
    uniqueIndex("registrations_event_city_name_uq").on(t.eventId, t.cityId, t.nameKey).where(sql`${t.status} <> 'withdrawn'`),
    check("registrations_email_lowercase", sql`${t.email} is null or ${t.email} = lower(${t.email})`),
    check("registrations_withdrawn_stamp", sql`(${t.status} = 'withdrawn') = (${t.withdrawnAt} is not null)`),
  ],
);

// ---------------------------------------------------------------------------------------------
// Knowledge resources

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** Uploaded bytes, stored once per content (sha256), so app servers keep nothing on disk. */
export const files = pgTable("files", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  sha256: text("sha256").notNull().unique(),
  // Detected from the content, never taken from the upload's name or the browser's claim.
  mimeType: text("mime_type").notNull(),
  size: integer("size").notNull(),
  bytes: bytea("bytes").notNull(),
  createdAt: createdAt(),
});

export const resourceTypeEnum = pgEnum("resource_type", RESOURCE_TYPES);
export const resourceLanguageEnum = pgEnum("resource_language", RESOURCE_LANGUAGES);
export const resourceStatusEnum = pgEnum("resource_status", RESOURCE_STATUSES);

export const resources = pgTable(
  "resources",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    type: resourceTypeEnum("type").notNull(),
    language: resourceLanguageEnum("language").notNull(),
    cityId: integer("city_id").references(() => cities.id, { onDelete: "set null" }),
    author: text("author").notNull().default(""),
    year: integer("year"),
    status: resourceStatusEnum("status").notNull().default("draft"),
    // Raised by every status change (server/workflow.ts), so a stale publish/unpublish is refused.
    version: integer("version").notNull().default(1),
    // Exactly one of a stored file and an external link.
    fileId: integer("file_id").references(() => files.id, { onDelete: "restrict" }),
    // Sanitized original name, used for Content-Disposition.
    fileName: text("file_name"),
    externalUrl: text("external_url"),
    // Text extracted from the file (PDFs), searched with title and summary.
    extractedText: text("extracted_text").notNull().default(""),
    search: tsvector("search").generatedAlwaysAs(
      (): ReturnType<typeof sql> =>
        sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(summary, '')), 'B') || setweight(to_tsvector('simple', coalesce(summary, '')), 'B') || to_tsvector('english', left(coalesce(extracted_text, ''), 200000)) || to_tsvector('simple', left(coalesce(extracted_text, ''), 200000))`,
    ),
    downloadCount: integer("download_count").notNull().default(0),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    publishedBy: integer("published_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("resources_search_idx").using("gin", t.search),
    index("resources_status_created_idx").on(t.status, t.createdAt),
    index("resources_city_idx").on(t.cityId),
    check("resources_file_or_link", sql`(${t.fileId} is null) <> (${t.externalUrl} is null)`),
    check("resources_file_has_name", sql`${t.fileId} is null or ${t.fileName} is not null`),
    check("resources_year_range", sql`${t.year} is null or ${t.year} between 1900 and 2100`),
    check("resources_published_stamp", sql`(${t.status} = 'published') = (${t.publishedAt} is not null)`),
  ],
);

/** Files a resource carried before it was replaced: downloadable by admins. */
export const resourceFileVersions = pgTable(
  "resource_file_versions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    resourceId: integer("resource_id")
      .notNull()
      .references(() => resources.id, { onDelete: "cascade" }),
    fileId: integer("file_id")
      .notNull()
      .references(() => files.id, { onDelete: "restrict" }),
    fileName: text("file_name").notNull(),
    uploadedBy: integer("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    // When the file became current and when it was replaced.
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull(),
    replacedAt: timestamp("replaced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("resource_file_versions_resource_idx").on(t.resourceId)],
);

export const resourceComponents = pgTable(
  "resource_components",
  {
    resourceId: integer("resource_id")
      .notNull()
      .references(() => resources.id, { onDelete: "cascade" }),
    componentId: integer("component_id")
      .notNull()
      .references(() => components.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.resourceId, t.componentId] }), index("resource_components_component_idx").on(t.componentId)],
);

export const resourceLenses = pgTable(
  "resource_lenses",
  {
    resourceId: integer("resource_id")
      .notNull()
      .references(() => resources.id, { onDelete: "cascade" }),
    lensCode: text("lens_code")
      .notNull()
      .references(() => lenses.code, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.resourceId, t.lensCode] }), index("resource_lenses_lens_idx").on(t.lensCode)],
);

/** Material an event used: a resource from the library or, before it is there, a URL. */
export const eventMaterials = pgTable(
  "event_materials",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    resourceId: integer("resource_id").references(() => resources.id, { onDelete: "cascade" }),
    url: text("url"),
    title: text("title").notNull().default(""),
    addedBy: integer("added_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("event_materials_event_idx").on(t.eventId),
    index("event_materials_resource_idx").on(t.resourceId),
    check("event_materials_resource_or_url", sql`(${t.resourceId} is null) <> (${t.url} is null)`),
  ],
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
export type UserSession = typeof userSessions.$inferSelect;
export type CityLensScore = typeof cityLensScores.$inferSelect;
export type Event = typeof events.$inferSelect;
export type NewEvent = typeof events.$inferInsert;
export type Registration = typeof registrations.$inferSelect;
export type NewRegistration = typeof registrations.$inferInsert;
export type EventMaterial = typeof eventMaterials.$inferSelect;
export type StoredFile = typeof files.$inferSelect;
export type Resource = typeof resources.$inferSelect;
export type NewResource = typeof resources.$inferInsert;
export type ResourceFileVersion = typeof resourceFileVersions.$inferSelect;

// The vocabulary lives in lib/domain; re-exported for code that already names it from here.
export type { TokenScope, Role, Country, CityKind, ProgrammeRole, ValueStatus, EventType, EventStatus, EventTimeZone, Gender, ParticipantRole, RegistrationStatus, ResourceType, ResourceLanguage, ResourceStatus } from "../lib/domain";
export { EVENT_TIME_ZONES } from "../lib/domain";

/**
 * One CSV import (or check) of a city's values: who, when, which file and what came of it
 * (issue 12). Check-only runs are kept too, so a city sees who tried what.
 */
export const valueImports = pgTable(
  "value_imports",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    cityId: integer("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    fileName: text("file_name").notNull(),
    checkOnly: boolean("check_only").notNull().default(false),
    rowsSaved: integer("rows_saved").notNull().default(0),
    rowsUnchanged: integer("rows_unchanged").notNull().default(0),
    rowsRefused: integer("rows_refused").notNull().default(0),
    rowsConflicts: integer("rows_conflicts").notNull().default(0),
    // What the file turned out to be: ",", ";" or "\t", and whether decimals used a comma.
    delimiter: text("delimiter").notNull().default(","),
    decimalComma: boolean("decimal_comma").notNull().default(false),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("value_imports_city_idx").on(t.cityId, t.importedAt.desc())],
);

export type ValueImport = typeof valueImports.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Mail and notifications (issue 13)

export const outboxStatusEnum = pgEnum("outbox_status", OUTBOX_STATUSES);
export const authTokenPurposeEnum = pgEnum("auth_token_purpose", AUTH_TOKEN_PURPOSES);
export const subscriptionStatusEnum = pgEnum("subscription_status", SUBSCRIPTION_STATUSES);
export const deliveryEnum = pgEnum("delivery", DELIVERIES);
export const digestStatusEnum = pgEnum("digest_status", DIGEST_STATUSES);

/** The public newsletter's subscribers (double opt-in: pending until the emailed link is opened). */
export const subscriptions = pgTable(
  "subscriptions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    email: text("email").notNull().unique(),
    locale: text("locale").notNull().default("en"),
    countries: jsonb("countries").$type<string[]>().notNull().default([]),
    cityIds: jsonb("city_ids").$type<number[]>().notNull().default([]),
    topics: jsonb("topics").$type<string[]>().notNull().default([]),
    status: subscriptionStatusEnum("status").notNull().default("pending"),
    // Signed links carry these: a new confirmation nonce voids older links; null once confirmed.
    confirmNonce: text("confirm_nonce"),
    manageNonce: text("manage_nonce").notNull(),
    createdAt: createdAt(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true }),
    // The digest whose link the subscriber left by (the digest page counts them).
    unsubscribedDigestId: integer("unsubscribed_digest_id"),
  },
  (t) => [
    check("subscriptions_email_lowercase", sql`${t.email} = lower(${t.email})`),
    check("subscriptions_locale_known", sql`${t.locale} in ('en', 'bn', 'ne')`),
    index("subscriptions_status_idx").on(t.status, t.createdAt),
  ],
);

/** A newsletter an admin composed from a period, in each language, and sent to confirmed subscribers. */
export const newsletterDigests = pgTable("newsletter_digests", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  periodFrom: date("period_from").notNull(),
  periodTo: date("period_to").notNull(),
  subjects: jsonb("subjects").$type<Record<"en" | "bn" | "ne", string>>().notNull(),
  bodies: jsonb("bodies").$type<Record<"en" | "bn" | "ne", string>>().notNull(),
  status: digestStatusEnum("status").notNull().default("draft"),
  ratePerMinute: integer("rate_per_minute").notNull().default(60),
  recipients: integer("recipients").notNull().default(0),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  sentAt: timestamp("sent_at", { withTimezone: true }),
});

/**
 * Every message the app sends, written in the transaction of the change that causes it and sent
 * by the worker (server/mail/worker.ts). Nothing else sends mail.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    toName: text("to_name"),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    subscriptionId: integer("subscription_id").references(() => subscriptions.id, { onDelete: "set null" }),
    digestId: integer("digest_id").references(() => newsletterDigests.id, { onDelete: "set null" }),
    locale: text("locale").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    attachments: jsonb("attachments").$type<{ filename: string; contentType: string; content: string }[]>().notNull().default([]),
    // A message that must go at most once (an event's reminder to one person).
    dedupeKey: text("dedupe_key").unique(),
    status: outboxStatusEnum("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_created_idx").on(t.createdAt.desc()),
    index("outbox_digest_idx").on(t.digestId),
    index("outbox_address_kind_idx").on(t.toAddress, t.kind, t.createdAt),
  ],
);

/** What a signed-in user is told in the app (the bell); mail about it follows their preference. */
export const notifications = pgTable(
  "notifications",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    entity: text("entity").notNull(),
    entityIds: jsonb("entity_ids").$type<number[]>().notNull().default([]),
    cityId: integer("city_id").references(() => cities.id, { onDelete: "cascade" }),
    // What the text needs that the kind does not say: a count, a comment, a title. Escaped on output.
    params: jsonb("params").$type<NoticeParams>().notNull().default({}),
    // A path inside the app, made by the code (never taken from input).
    link: text("link").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    // Waits for the user's daily mail; cleared when that mail is queued.
    inDigest: boolean("in_digest").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt.desc()), index("notifications_digest_idx").on(t.inDigest, t.userId)],
);

export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    delivery: deliveryEnum("delivery").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/** Single-use links for an account (reset a password, accept an invitation), stored hashed. */
export const authTokens = pgTable(
  "auth_tokens",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: authTokenPurposeEnum("purpose").notNull(),
    // sha256 of the token; the token is only in the mail.
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("auth_tokens_user_idx").on(t.userId, t.purpose)],
);

/**
 * Requests counted against a limit (forgot-password per address and per IP, newsletter sign-ups
 * per IP). The key is a hash: the table holds no address or IP in clear.
 */
export const rateHits = pgTable(
  "rate_hits",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    bucket: text("bucket").notNull(),
    keyHash: text("key_hash").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("rate_hits_key_idx").on(t.bucket, t.keyHash, t.at)],
);

export type OutboxMessage = typeof outbox.$inferSelect;
export type NewOutboxMessage = typeof outbox.$inferInsert;
export type Notification = typeof notifications.$inferSelect;
export type Subscription = typeof subscriptions.$inferSelect;
export type NewsletterDigest = typeof newsletterDigests.$inferSelect;
export type AuthToken = typeof authTokens.$inferSelect;


// ---------------------------------------------------------------------------------------------
// Questionnaires and reporting rounds (issue 14)

export const questionTypeEnum = pgEnum("question_type", QUESTION_TYPES);
export const questionnaireVersionStatusEnum = pgEnum("questionnaire_version_status", QUESTIONNAIRE_VERSION_STATUSES);
export const roundStatusEnum = pgEnum("round_status", ROUND_STATUSES);
export const responseStatusEnum = pgEnum("response_status", RESPONSE_STATUSES);

/** A data-collection template; what it asks lives in its versions. */
export const questionnaires = pgTable("questionnaires", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  isDemo: boolean("is_demo").notNull().default(false),
  createdAt: createdAt(),
});

/**
 * One version of a questionnaire. A draft is edited in place; a published version never changes
 * (editing it makes version n + 1), so every response can be read in the version it answered.
 */
export const questionnaireVersions = pgTable(
  "questionnaire_versions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    questionnaireId: integer("questionnaire_id")
      .notNull()
      .references(() => questionnaires.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    status: questionnaireVersionStatusEnum("status").notNull().default("draft"),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    description: jsonb("description").$type<LocalizedText>().notNull(),
    // In order; questions name their section by key.
    sections: jsonb("sections").$type<QuestionnaireSection[]>().notNull(),
    // Optimistic concurrency of a draft's edits (two designers, one draft).
    revision: integer("revision").notNull().default(1),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedBy: integer("published_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("questionnaire_versions_number_idx").on(t.questionnaireId, t.number),
    // At most one draft per questionnaire: the next version being written.
    uniqueIndex("questionnaire_versions_one_draft_idx").on(t.questionnaireId).where(sql`${t.status} = 'draft'`),
    check("questionnaire_versions_published_at", sql`(${t.status} = 'published') = (${t.publishedAt} is not null)`),
  ],
);

/**
 * A question of one version. `key` names the same question across versions (exports line
 * answers up by it); `position` orders questions within the version.
 */
export const questions = pgTable(
  "questions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    versionId: integer("version_id")
      .notNull()
      .references(() => questionnaireVersions.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    sectionKey: text("section_key").notNull(),
    position: integer("position").notNull(),
    type: questionTypeEnum("type").notNull(),
    label: jsonb("label").$type<LocalizedText>().notNull(),
    help: jsonb("help").$type<LocalizedText>().notNull(),
    required: boolean("required").notNull().default(false),
    config: jsonb("config").$type<QuestionConfig>().notNull(),
    showWhen: jsonb("show_when").$type<ShowWhen>(),
    // Indicator questions: the framework indicator whose value the answer is.
    indicatorId: integer("indicator_id").references(() => indicators.id, { onDelete: "restrict" }),
    // A text question whose answers are the city's needs: reports link them to recommendations.
    isNeed: boolean("is_need").notNull().default(false),
  },
  (t) => [
    uniqueIndex("questions_version_key_idx").on(t.versionId, t.key),
    index("questions_version_position_idx").on(t.versionId, t.position),
    check("questions_indicator_bound", sql`(${t.type} = 'indicator') = (${t.indicatorId} is not null)`),
  ],
);

/**
 * A reporting round: one published version asked of some cities for a period (a quarter or a
 * year), from `opensOn` to `dueOn` (days in each city's time zone).
 */
export const rounds = pgTable(
  "rounds",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    versionId: integer("version_id")
      .notNull()
      .references(() => questionnaireVersions.id, { onDelete: "restrict" }),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    // `2026-Q4` or `2026`.
    period: text("period").notNull(),
    target: jsonb("target").$type<RoundTarget>().notNull(),
    opensOn: date("opens_on").notNull(),
    dueOn: date("due_on").notNull(),
    orientationEventId: integer("orientation_event_id").references(() => events.id, { onDelete: "set null" }),
    guideResourceId: integer("guide_resource_id").references(() => resources.id, { onDelete: "set null" }),
    status: roundStatusEnum("status").notNull().default("scheduled"),
    revision: integer("revision").notNull().default(1),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    index("rounds_status_idx").on(t.status, t.dueOn),
    check("rounds_due_after_open", sql`${t.dueOn} >= ${t.opensOn}`),
    check("rounds_period_shape", sql`${t.period} ~ '^[0-9]{4}(-Q[1-4])?$'`),
  ],
);

/**
 * One city's answer to a round (made for every asked city when the round opens). It keeps the
 * version it answers; `reopenedUntil` lets an admin reopen a closed round for this city alone.
 */
export const responses = pgTable(
  "responses",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    cityId: integer("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    versionId: integer("version_id")
      .notNull()
      .references(() => questionnaireVersions.id, { onDelete: "restrict" }),
    status: responseStatusEnum("status").notNull().default("not_started"),
    version: integer("version").notNull().default(1),
    // How many times it was submitted: review comments belong to one cycle.
    cycle: integer("cycle").notNull().default(0),
    reopenedUntil: date("reopened_until"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedBy: integer("submitted_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewedBy: integer("reviewed_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("responses_round_city_idx").on(t.roundId, t.cityId), index("responses_city_idx").on(t.cityId, t.status), index("responses_round_status_idx").on(t.roundId, t.status)],
);

/**
 * A response's answer to one question. Indicator questions have no row here: their answer is the
 * city's indicator value for the round's period (indicator_values), never a second copy.
 */
export const answers = pgTable(
  "answers",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "restrict" }),
    value: jsonb("value").$type<AnswerValue>().notNull(),
    // A file question's upload (stored and checked as the resource library's files are).
    fileId: integer("file_id").references(() => files.id, { onDelete: "restrict" }),
    updatedAt: updatedAt(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("answers_response_question_idx").on(t.responseId, t.questionId), index("answers_question_idx").on(t.questionId)],
);

/** A reviewer's comment on a response (question null: on the whole), from one submission cycle. */
export const responseComments = pgTable(
  "response_comments",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    questionId: integer("question_id").references(() => questions.id, { onDelete: "restrict" }),
    cycle: integer("cycle").notNull(),
    body: text("body").notNull(),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("response_comments_response_idx").on(t.responseId, t.cycle)],
);

export type Questionnaire = typeof questionnaires.$inferSelect;
export type QuestionnaireVersion = typeof questionnaireVersions.$inferSelect;
export type Question = typeof questions.$inferSelect;
export type NewQuestion = typeof questions.$inferInsert;
export type Round = typeof rounds.$inferSelect;
export type RoundResponse = typeof responses.$inferSelect;
export type Answer = typeof answers.$inferSelect;
export type ResponseComment = typeof responseComments.$inferSelect;

// ---------------------------------------------------------------------------------------------
// City reports (issue 15)

export const reportKindEnum = pgEnum("report_kind", REPORT_KINDS);
export const reportStatusEnum = pgEnum("report_status", REPORT_STATUSES);
export const commentAnswerEnum = pgEnum("comment_answer", COMMENT_ANSWERS);

/**
 * A report as a series of versions: what it is about (kind, city, year or round) and its language.
 * Its text, status and, once final, its frozen numbers live in report_versions.
 */
export const reports = pgTable(
  "reports",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    kind: reportKindEnum("kind").notNull(),
    // The city it is about; null for a programme synthesis.
    cityId: integer("city_id").references(() => cities.id, { onDelete: "restrict" }),
    // A city profile's year.
    year: integer("year"),
    roundId: integer("round_id").references(() => rounds.id, { onDelete: "restrict" }),
    // A synthesis of some cities only (null: every city the round asked).
    scopeCityIds: integer("scope_city_ids").array(),
    language: text("language").notNull(),
    title: text("title").notNull(),
    // The resource library's entry for the report, made when its first version becomes final.
    resourceId: integer("resource_id").references(() => resources.id, { onDelete: "set null" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("reports_city_idx").on(t.cityId),
    index("reports_round_idx").on(t.roundId),
    check("reports_language", sql`${t.language} in ('en', 'bn', 'ne')`),
    check("reports_year_range", sql`${t.year} is null or ${t.year} between 2000 and 2100`),
    check(
      "reports_kind_shape",
      sql`(${t.kind} = 'city_profile' and ${t.cityId} is not null and ${t.year} is not null and ${t.roundId} is null)
        or (${t.kind} = 'round_report' and ${t.cityId} is not null and ${t.roundId} is not null)
        or (${t.kind} = 'synthesis' and ${t.cityId} is null and ${t.roundId} is not null)`,
    ),
  ],
);

/**
 * One edition of a report. A draft is written in place; a final version never changes (the
 * database refuses it): it keeps the snapshot of every number and chart it showed. A correction
 * is version n + 1 with a change note; the older final stays readable, superseded.
 */
export const reportVersions = pgTable(
  "report_versions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    status: reportStatusEnum("status").notNull().default("draft"),
    // Raised by every save and move: a stale edit or move is refused.
    version: integer("version").notNull().default(1),
    // The written sections' markdown, by section key.
    written: jsonb("written").$type<Record<string, string>>().notNull().default({}),
    changeNote: text("change_note").notNull().default(""),
    // The last return's reason (consultation or validation back to draft).
    returnReason: text("return_reason"),
    snapshot: jsonb("snapshot").$type<ReportSnapshot>(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    validatedAt: timestamp("validated_at", { withTimezone: true }),
    validatedBy: integer("validated_by").references(() => users.id, { onDelete: "set null" }),
    finalizedAt: timestamp("finalized_at", { withTimezone: true }),
    finalizedBy: integer("finalized_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("report_versions_number_idx").on(t.reportId, t.number),
    // At most one version on its way: the next edition being written.
    uniqueIndex("report_versions_one_open_idx").on(t.reportId).where(sql`${t.status} <> 'final'`),
    index("report_versions_status_idx").on(t.status),
    check("report_versions_final_frozen", sql`(${t.status} = 'final') = (${t.snapshot} is not null and ${t.finalizedAt} is not null)`),
  ],
);

/**
 * A consultation comment on one section of a version, or a reply in its thread (parentId). The
 * author of the report answers a thread "incorporated" or "not incorporated, because …"; the
 * thread can be resolved.
 */
export const reportComments = pgTable(
  "report_comments",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    versionId: integer("version_id")
      .notNull()
      .references(() => reportVersions.id, { onDelete: "cascade" }),
    sectionKey: text("section_key").notNull(),
    parentId: integer("parent_id").references((): AnyPgColumn => reportComments.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    answer: commentAnswerEnum("answer"),
    answerReason: text("answer_reason"),
    answeredBy: integer("answered_by").references(() => users.id, { onDelete: "set null" }),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: integer("resolved_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("report_comments_version_idx").on(t.versionId, t.sectionKey),
    index("report_comments_parent_idx").on(t.parentId),
    check("report_comments_answer_reason", sql`${t.answer} is distinct from 'not_incorporated' or coalesce(${t.answerReason}, '') <> ''`),
  ],
);

/** A recommendation of a version, in order; needs from the rounds link to it. */
export const reportRecommendations = pgTable(
  "report_recommendations",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    versionId: integer("version_id")
      .notNull()
      .references(() => reportVersions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    body: text("body").notNull(),
  },
  (t) => [index("report_recommendations_version_idx").on(t.versionId, t.position)],
);

/** A need a city gave in a round (an answer to a need question), reflected by a recommendation. */
export const recommendationNeeds = pgTable(
  "recommendation_needs",
  {
    recommendationId: integer("recommendation_id")
      .notNull()
      .references(() => reportRecommendations.id, { onDelete: "cascade" }),
    answerId: integer("answer_id")
      .notNull()
      .references(() => answers.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.recommendationId, t.answerId] }), index("recommendation_needs_answer_idx").on(t.answerId)],
);

export type Report = typeof reports.$inferSelect;
export type ReportVersion = typeof reportVersions.$inferSelect;
export type ReportComment = typeof reportComments.$inferSelect;
export type ReportRecommendation = typeof reportRecommendations.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Local problems and committees (issue 16)

export const problemStatusEnum = pgEnum("problem_status", PROBLEM_STATUSES);
export const problemSeverityEnum = pgEnum("problem_severity", PROBLEM_SEVERITIES);
export const problemSourceEnum = pgEnum("problem_source", PROBLEM_SOURCES);
export const committeeRoleEnum = pgEnum("committee_role", COMMITTEE_ROLES);

/**
 * A city's committee (after the neighbourhood development councils: civil works, health, …): it
 * owns problems and, later, plan actions. Its focus is a CWIS component or a theme in words.
 */
export const committees = pgTable(
  "committees",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    cityId: integer("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    componentId: integer("component_id").references(() => components.id, { onDelete: "restrict" }),
    theme: text("theme").notNull().default(""),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("committees_city_name_idx").on(t.cityId, sql`lower(${t.name})`),
    check("committees_focus", sql`${t.componentId} is not null or ${t.theme} <> ''`),
  ],
);

/**
 * A member of a committee. `contact` (phone or e-mail) is shown only to the city's officers, its
 * approver and admins (lib/policies/committees.ts). A member who leaves keeps their row (leftOn),
 * so past meetings still name them.
 */
export const committeeMembers = pgTable(
  "committee_members",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    committeeId: integer("committee_id")
      .notNull()
      .references(() => committees.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    organisation: text("organisation").notNull().default(""),
    role: committeeRoleEnum("role").notNull().default("member"),
    gender: genderEnum("gender").notNull(),
    wardResident: boolean("ward_resident").notNull().default(false),
    contact: text("contact").notNull().default(""),
    leftOn: date("left_on"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("committee_members_committee_idx").on(t.committeeId)],
);

/** A committee meeting: when, where, who came, its minutes (sanitized markdown) and decisions. */
export const meetings = pgTable(
  "meetings",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    committeeId: integer("committee_id")
      .notNull()
      .references(() => committees.id, { onDelete: "cascade" }),
    heldOn: date("held_on").notNull(),
    place: text("place").notNull().default(""),
    minutes: text("minutes").notNull().default(""),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("meetings_committee_idx").on(t.committeeId, t.heldOn)],
);

export const meetingAttendance = pgTable(
  "meeting_attendance",
  {
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    memberId: integer("member_id")
      .notNull()
      .references(() => committeeMembers.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.memberId] }), index("meeting_attendance_member_idx").on(t.memberId)],
);

/** A decision a meeting took, in order (a plan action can come from one: issue 16's plans). */
export const meetingDecisions = pgTable(
  "meeting_decisions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    text: text("text").notNull(),
  },
  (t) => [index("meeting_decisions_meeting_idx").on(t.meetingId, t.position)],
);

/**
 * A local problem of a city ("city_problems": "issues" is the name of this project's work
 * tracker). Logged by the city's officer or a reviewer, or reported by a resident on the public
 * city page (`reported`, with the reporter's name and phone, never shown publicly) until the
 * officer accepts or rejects it.
 */
export const cityProblems = pgTable(
  "city_problems",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    cityId: integer("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    // Null: not yet said (a resident's report, until the officer sets it).
    componentId: integer("component_id").references(() => components.id, { onDelete: "restrict" }),
    // A ward, a street, a landmark.
    place: text("place").notNull().default(""),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    severity: problemSeverityEnum("severity").notNull().default("medium"),
    source: problemSourceEnum("source").notNull(),
    committeeId: integer("committee_id").references(() => committees.id, { onDelete: "set null" }),
    // The scenario workshop (or other event) it came out of.
    eventId: integer("event_id").references(() => events.id, { onDelete: "set null" }),
    status: problemStatusEnum("status").notNull(),
    version: integer("version").notNull().default(1),
    reporterName: text("reporter_name"),
    reporterPhone: text("reporter_phone"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("city_problems_city_status_idx").on(t.cityId, t.status),
    index("city_problems_committee_idx").on(t.committeeId),
    check("city_problems_latitude_range", sql`${t.latitude} is null or ${t.latitude} between -90 and 90`),
    check("city_problems_longitude_range", sql`${t.longitude} is null or ${t.longitude} between -180 and 180`),
    check("city_problems_coordinates_pair", sql`(${t.latitude} is null) = (${t.longitude} is null)`),
    // Only a resident's report carries reporter details, and only residents' reports start as `reported`.
    check("city_problems_reporter", sql`${t.source} = 'resident' or (${t.reporterName} is null and ${t.reporterPhone} is null)`),
  ],
);

/** Every step of a problem (its history): from → to, the note and who wrote it. */
export const cityProblemUpdates = pgTable(
  "city_problem_updates",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    problemId: integer("problem_id")
      .notNull()
      .references(() => cityProblems.id, { onDelete: "cascade" }),
    fromStatus: problemStatusEnum("from_status"),
    toStatus: problemStatusEnum("to_status").notNull(),
    note: text("note").notNull().default(""),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("city_problem_updates_problem_idx").on(t.problemId, t.createdAt)],
);

/** Evidence of a problem: photos and documents, stored and checked as the library's files are. */
export const cityProblemFiles = pgTable(
  "city_problem_files",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    problemId: integer("problem_id")
      .notNull()
      .references(() => cityProblems.id, { onDelete: "cascade" }),
    fileId: integer("file_id")
      .notNull()
      .references(() => files.id, { onDelete: "restrict" }),
    fileName: text("file_name").notNull(),
    addedBy: integer("added_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("city_problem_files_problem_idx").on(t.problemId)],
);

export type Committee = typeof committees.$inferSelect;
export type CommitteeMember = typeof committeeMembers.$inferSelect;
export type Meeting = typeof meetings.$inferSelect;
export type MeetingDecision = typeof meetingDecisions.$inferSelect;
export type CityProblem = typeof cityProblems.$inferSelect;
export type CityProblemUpdate = typeof cityProblemUpdates.$inferSelect;
export type CityProblemFile = typeof cityProblemFiles.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Action plans (issue 16)

export const planStatusEnum = pgEnum("plan_status", PLAN_STATUSES);
export const actionStatusEnum = pgEnum("action_status", ACTION_STATUSES);
export const actionOwnerKindEnum = pgEnum("action_owner_kind", ACTION_OWNER_KINDS);

/** One plan per city per fiscal year (`FY2026-27`: lib/plans/fiscal.ts). */
export const actionPlans = pgTable(
  "action_plans",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    cityId: integer("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    fiscalYear: text("fiscal_year").notNull(),
    title: text("title").notNull(),
    status: planStatusEnum("status").notNull().default("draft"),
    // Raised by every change: a stale edit or move is refused.
    version: integer("version").notNull().default(1),
    returnReason: text("return_reason"),
    validatedAt: timestamp("validated_at", { withTimezone: true }),
    validatedBy: integer("validated_by").references(() => users.id, { onDelete: "set null" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("action_plans_city_year_idx").on(t.cityId, t.fiscalYear),
    check("action_plans_fiscal_year_shape", sql`${t.fiscalYear} ~ '^FY[0-9]{4}-[0-9]{2}$'`),
  ],
);

/**
 * A goal of a plan: an indicator moved from its baseline (the latest validated value when the
 * goal was set) to a target value by a target quarter.
 */
export const planGoals = pgTable(
  "plan_goals",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    planId: integer("plan_id")
      .notNull()
      .references(() => actionPlans.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    indicatorId: integer("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "restrict" }),
    baselineValue: doublePrecision("baseline_value"),
    baselinePeriod: text("baseline_period"),
    targetValue: doublePrecision("target_value").notNull(),
    targetPeriod: text("target_period").notNull(),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("plan_goals_plan_idx").on(t.planId, t.position),
    check("plan_goals_baseline_pair", sql`(${t.baselineValue} is null) = (${t.baselinePeriod} is null)`),
    check("plan_goals_target_period_shape", sql`${t.targetPeriod} ~ '^[0-9]{4}-Q[1-4]$'`),
  ],
);

/** An action under a goal: who does it, when, how far it is, what it costs. */
export const planActions = pgTable(
  "plan_actions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    goalId: integer("goal_id")
      .notNull()
      .references(() => planGoals.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    ownerKind: actionOwnerKindEnum("owner_kind").notNull(),
    ownerCommitteeId: integer("owner_committee_id").references(() => committees.id, { onDelete: "set null" }),
    ownerUserId: integer("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    ownerOrganisation: text("owner_organisation").notNull().default(""),
    startsOn: date("starts_on").notNull(),
    dueOn: date("due_on").notNull(),
    status: actionStatusEnum("status").notNull().default("planned"),
    statusReason: text("status_reason").notNull().default(""),
    progress: integer("progress").notNull().default(0),
    budgetPlanned: doublePrecision("budget_planned"),
    budgetSpent: doublePrecision("budget_spent"),
    // The meeting decision it came from, and the workshop (or other event) it came out of.
    decisionId: integer("decision_id").references(() => meetingDecisions.id, { onDelete: "set null" }),
    eventId: integer("event_id").references(() => events.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    // The last weekly reminder of it being overdue (server/plans: at most one a week).
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("plan_actions_goal_idx").on(t.goalId, t.position),
    index("plan_actions_due_idx").on(t.status, t.dueOn),
    check("plan_actions_due_after_start", sql`${t.dueOn} >= ${t.startsOn}`),
    check("plan_actions_progress_range", sql`${t.progress} between 0 and 100`),
    check("plan_actions_budget_positive", sql`(${t.budgetPlanned} is null or ${t.budgetPlanned} >= 0) and (${t.budgetSpent} is null or ${t.budgetSpent} >= 0)`),
    check("plan_actions_reason", sql`${t.status} not in ('blocked', 'dropped') or ${t.statusReason} <> ''`),
    check(
      "plan_actions_owner",
      sql`(${t.ownerKind} = 'committee' and ${t.ownerCommitteeId} is not null) or (${t.ownerKind} = 'user' and ${t.ownerUserId} is not null) or (${t.ownerKind} = 'organisation' and ${t.ownerOrganisation} <> '')`,
    ),
  ],
);

/** The local problems an action addresses. */
export const planActionProblems = pgTable(
  "plan_action_problems",
  {
    actionId: integer("action_id")
      .notNull()
      .references(() => planActions.id, { onDelete: "cascade" }),
    problemId: integer("problem_id")
      .notNull()
      .references(() => cityProblems.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.problemId] }), index("plan_action_problems_problem_idx").on(t.problemId)],
);

/** A change to an active plan, with who made it and why (the plan's history). */
export const planChanges = pgTable(
  "plan_changes",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    planId: integer("plan_id")
      .notNull()
      .references(() => actionPlans.id, { onDelete: "cascade" }),
    what: text("what").notNull(),
    reason: text("reason").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("plan_changes_plan_idx").on(t.planId, t.createdAt)],
);

/** A comment on a plan by the city's approver, a reviewer, a partner or the mentor city's officers. */
export const planComments = pgTable(
  "plan_comments",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    planId: integer("plan_id")
      .notNull()
      .references(() => actionPlans.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("plan_comments_plan_idx").on(t.planId, t.createdAt)],
);

export type ActionPlan = typeof actionPlans.$inferSelect;
export type PlanGoal = typeof planGoals.$inferSelect;
export type PlanAction = typeof planActions.$inferSelect;
export type PlanChange = typeof planChanges.$inferSelect;

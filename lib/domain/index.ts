/**
 * The programme's vocabulary as plain tuples. db/schema.ts builds its pgEnums from these, so pure
 * code (validation, permissions, OpenAPI, components) can name a role or a status without
 * importing drizzle's table file.
 */

export const ROLES = ["officer", "reviewer", "trainer", "partner", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const COUNTRIES = ["BD", "NP"] as const;
export type Country = (typeof COUNTRIES)[number];

export const CITY_KINDS = ["paurashava_a", "paurashava_b", "paurashava_c", "city_corporation", "municipality", "sub_metropolitan_city", "metropolitan_city"] as const;
export type CityKind = (typeof CITY_KINDS)[number];

export const PROGRAMME_ROLES = ["mentor", "mentee", "candidate"] as const;
export type ProgrammeRole = (typeof PROGRAMME_ROLES)[number];

export const LENS_KINDS = ["outcome", "function"] as const;
export type LensKind = (typeof LENS_KINDS)[number];

export const UNITS = ["percent", "ratio", "count", "days", "boolean", "score5"] as const;
export type Unit = (typeof UNITS)[number];

export const DIRECTIONS = ["higher_is_better", "lower_is_better"] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const FREQUENCIES = ["quarterly", "annual"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const VALUE_STATUSES = ["draft", "submitted", "validated", "returned"] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];

export const EVENT_TIME_ZONES = ["Asia/Dhaka", "Asia/Kathmandu"] as const;
export type EventTimeZone = (typeof EVENT_TIME_ZONES)[number];

/** The time zones users see times in: the programme's two countries. */
export const TIME_ZONES = EVENT_TIME_ZONES;
export type TimeZone = EventTimeZone;

/**
 * Why a saved value needs a second look (issue 12): outside the indicator's expected range, or
 * far from the city's last validated value. A flagged value needs the officer's explanation
 * before it can be submitted, and the reviewer sees the flag.
 */
export const VALUE_FLAGS = ["outside_expected", "large_change"] as const;
export type ValueFlag = (typeof VALUE_FLAGS)[number];

export const EVENT_TYPES = ["training", "workshop", "exposure_visit", "webinar", "mentoring_session", "consultation_workshop", "focus_group_discussion"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_STATUSES = ["scheduled", "completed", "cancelled"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const GENDERS = ["female", "male", "other", "undisclosed"] as const;
export type Gender = (typeof GENDERS)[number];

// What a participant does in their town; participation statistics are broken down by it.
export const PARTICIPANT_ROLES = ["elected_representative", "municipal_staff", "sanitation_worker", "private_operator", "ngo_partner", "other"] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const REGISTRATION_STATUSES = ["registered", "waitlisted", "withdrawn"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const RESOURCE_TYPES = ["guideline", "policy", "plan", "case_study", "training_material", "report", "tool", "video", "other"] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const RESOURCE_LANGUAGES = ["bn", "en", "ne", "other"] as const;
export type ResourceLanguage = (typeof RESOURCE_LANGUAGES)[number];

export const RESOURCE_STATUSES = ["draft", "published"] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

/** What a personal API token may do: read only, or read and write. */
export const TOKEN_SCOPES = ["read", "write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

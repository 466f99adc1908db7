import type { CityKind, Country, Direction, Gender, LocalizedText, ProgrammeRole, ReportKind, ResourceType, Unit } from "@/lib/domain";

/**
 * Everything a report shows that comes from the data, as plain JSON: built at view time for a
 * draft (server/reports/data.ts), stored as the version's snapshot when it becomes final, and
 * rendered by the same components either way. Names carry all three languages so the snapshot
 * needs nothing else to print.
 */
export interface ReportSnapshot {
  kind: ReportKind;
  /** When the data was read (ISO). */
  generatedAt: string;
  /** The latest quarter with validated values among the report's cities (null: none). */
  asOf: string | null;
  /** City reports: the one city; a synthesis: every city it covers. */
  cities: CityReportData[];
  /** The framework's components, in order, as the scores name them. */
  components: { code: string; name: LocalizedText }[];
  /** The programme median per component, as of `asOf`. */
  medians: { code: string; median: number | null }[];
  round: RoundFacts | null;
  /** Stored with a final version only: its recommendations and the needs each reflects. */
  recommendations?: RecommendationView[];
}

export interface ReportCityRef {
  slug: string;
  name: LocalizedText;
}

export interface CityReportData extends ReportCityRef {
  country: Country;
  region: string;
  cityKind: CityKind;
  population: number | null;
  programmeRole: ProgrammeRole;
  joinedOn: string | null;
  mentor: ReportCityRef | null;
  mentees: ReportCityRef[];
  scores: ScoreFacts;
  /** The mentor's scores as of the same quarter (null: no mentor). */
  mentorScores: ScoreFacts | null;
  trend: TrendFacts;
  indicators: IndicatorFacts[];
  events: EventFacts[];
  resources: ResourceFacts[];
  needs: NeedFacts[];
  /** A round report: the city's answers to the round (null otherwise). */
  answers: AnswerFacts[] | null;
}

export interface ScoreFacts {
  period: string | null;
  /** Per component code, 0–100 (null: no validated value of its indicators). */
  components: { code: string; score: number | null }[];
  index: number | null;
}

export interface TrendFacts {
  periods: string[];
  index: (number | null)[];
}

export type TargetStatus = "met" | "not_met" | "no_data";

export interface IndicatorFacts {
  code: string;
  componentCode: string;
  name: LocalizedText;
  unit: Unit;
  direction: Direction;
  target: number;
  value: number | null;
  period: string | null;
  status: TargetStatus;
}

export interface EventFacts {
  id: number;
  title: string;
  startsAt: string;
  /** The city hosted it, or its people attended it elsewhere. */
  role: "hosted" | "attended";
  /** Participants who attended (or, where attendance was not taken, registered), by gender. */
  participants: Record<Gender, number>;
}

export interface ResourceFacts {
  id: number;
  title: string;
  type: ResourceType;
  year: number | null;
}

export interface NeedFacts {
  /** The answer the need is (recommendations link to it). */
  answerId: number;
  citySlug: string;
  roundTitle: LocalizedText;
  period: string;
  text: string;
}

export interface AnswerFacts {
  sectionTitle: LocalizedText;
  question: LocalizedText;
  /** The answer as text in each language (choices have labels per language). */
  answer: LocalizedText;
}

export interface RoundFacts {
  id: number;
  title: LocalizedText;
  period: string;
  dueOn: string;
  /** How many asked cities submitted (waiting or accepted) of how many were asked. */
  submitted: number;
  asked: number;
}

/** A recommendation as the report shows it, with the needs it reflects. */
export interface RecommendationView {
  id: number;
  position: number;
  body: string;
  needIds: number[];
}

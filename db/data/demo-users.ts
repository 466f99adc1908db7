import type { Role } from "../schema";

/** Printed at start and written in the README; never created in production mode. */
export const DEMO_PASSWORD = "demo-cwis-2026";

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  citySlug?: string;
  locale: "en" | "bn" | "ne";
}

export const demoAccounts: DemoAccount[] = [
  { email: "admin@demo.cwis", name: "Anika Rahman", role: "admin", locale: "en" },
  { email: "reviewer@demo.cwis", name: "Sujata Shrestha", role: "reviewer", locale: "en" },
  { email: "officer.kushtia@demo.cwis", name: "Md. Kamrul Hasan", role: "officer", citySlug: "kushtia", locale: "en" },
  { email: "trainer@demo.cwis", name: "Farhana Akter", role: "trainer", locale: "en" },
  { email: "partner@demo.cwis", name: "Rajesh Maharjan", role: "partner", locale: "en" },
  { email: "officer.mahalaxmi@demo.cwis", name: "Sita Dangol", role: "officer", citySlug: "mahalaxmi", locale: "ne" },
  // Kushtia's local government (the municipal secretary): reads the city's work, validates its reports.
  { email: "approver.kushtia@demo.cwis", name: "Mst. Rehana Parvin", role: "approver", citySlug: "kushtia", locale: "bn" },
];

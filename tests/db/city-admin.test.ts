import { and, desc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { auditLog, cities, users } from "@/db/schema";
import { createCity, getCityBySlug, updateCityAdmin, updateCityProfile } from "@/db/queries/cities";
import { auditFacets, listAudit } from "@/db/queries/audit";
import { cityAdminSchema, cityProfileSchema } from "@/lib/validation/cities";

const base = { nameEn: "Narail Paurashava", nameBn: "নড়াইল পৌরসভা", nameNe: "नडाइल पौरसभा", region: "Narail", population: "60000", latitude: "23.17", longitude: "89.5", country: "BD", kind: "paurashava_a", joinedOn: "" };

describeDb("city administration", (db) => {
  const adminId = async () => (await db().select({ id: users.id }).from(users).where(eq(users.email, "admin@demo.cwis")))[0]?.id ?? -1;

  it("creates a mentee of a mentor city, with an audit row", async () => {
    const actor = await adminId();
    const city = await createCity(db(), cityAdminSchema.parse({ ...base, slug: "narail", programmeRole: "mentee", mentorSlug: "jhenaidah" }), actor);
    const read = await getCityBySlug(db(), "narail");
    expect(read).toMatchObject({ mentorSlug: "jhenaidah", population: 60000, latitude: 23.17 });
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.entity, "city"), eq(auditLog.entityId, String(city.id))));
    expect(audit?.action).toBe("city.create");
  });

  it.each([
    [{ slug: "x-town", programmeRole: "mentee", mentorSlug: "meherpur" }, "cities.mentorMustBeMentor"],
    [{ slug: "y-town", programmeRole: "mentee", mentorSlug: "" }, "cities.menteeNeedsMentor"],
    [{ slug: "z-town", programmeRole: "mentor", mentorSlug: "kushtia" }, "cities.onlyMenteesHaveMentor"],
    [{ slug: "w-town", programmeRole: "mentee", mentorSlug: "atlantis" }, "cities.mentorUnknown"],
    [{ slug: "kushtia", programmeRole: "candidate", mentorSlug: "" }, "cities.slugTaken"],
  ])("refuses a bad pairing or identity %o", async (change, key) => {
    const actor = await adminId();
    const before = (await db().select().from(cities)).length;
    await expect(createCity(db(), cityAdminSchema.parse({ ...base, ...change }), actor)).rejects.toMatchObject({ messageKey: key });
    expect(await db().select().from(cities)).toHaveLength(before);
  });

  it("a city cannot mentor itself, and a mentor with mentees cannot stop being one", async () => {
    const actor = await adminId();
    const kushtia = await getCityBySlug(db(), "kushtia");
    if (!kushtia) throw new Error("seed");
    const asInput = { ...base, slug: "kushtia", nameEn: kushtia.nameEn, region: kushtia.region, kind: kushtia.kind };
    await expect(updateCityAdmin(db(), kushtia.id, cityAdminSchema.parse({ ...asInput, programmeRole: "mentee", mentorSlug: "kushtia" }), actor)).rejects.toMatchObject({ messageKey: "cities.cannotMentorItself" });
    await expect(updateCityAdmin(db(), kushtia.id, cityAdminSchema.parse({ ...asInput, programmeRole: "candidate", mentorSlug: "" }), actor)).rejects.toMatchObject({ messageKey: "cities.stillHasMentees" });
    expect((await getCityBySlug(db(), "kushtia"))?.programmeRole).toBe("mentor");
  });

  it("re-pairs a mentee with another mentor", async () => {
    const actor = await adminId();
    const magura = await getCityBySlug(db(), "magura");
    if (!magura) throw new Error("seed");
    await updateCityAdmin(db(), magura.id, cityAdminSchema.parse({ ...base, slug: "magura", nameEn: magura.nameEn, region: magura.region, programmeRole: "mentee", mentorSlug: "faridpur" }), actor);
    expect((await getCityBySlug(db(), "magura"))?.mentorSlug).toBe("faridpur");
  });

  it("an officer's profile edit changes only profile fields and is audited", async () => {
    const [officer] = await db().select().from(users).where(eq(users.email, "officer.kushtia@demo.cwis"));
    const kushtia = await getCityBySlug(db(), "kushtia");
    if (!officer || !kushtia) throw new Error("seed");
    const input = cityProfileSchema.parse({ nameEn: "Kushtia Paurashava", nameBn: kushtia.nameBn, nameNe: kushtia.nameNe, region: "Kushtia", population: "140000", latitude: "", longitude: "" });
    expect(input).not.toHaveProperty("programmeRole");
    await updateCityProfile(db(), kushtia.id, input, officer.id);
    const after = await getCityBySlug(db(), "kushtia");
    expect(after).toMatchObject({ population: 140000, latitude: null, programmeRole: "mentor" });
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.entity, "city")).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: "city.update", actorId: officer.id });
    expect(audit?.before).toMatchObject({ population: 132000 });
  });

  it("validates profile input with translatable messages", () => {
    const bad = cityProfileSchema.safeParse({ nameEn: "K", nameBn: "ক", nameNe: "क", region: "", population: "-5", latitude: "95", longitude: "abc" });
    expect(bad.success).toBe(false);
    const fields = Object.fromEntries((bad.error?.issues ?? []).map((i) => [i.path[0], i.message]));
    expect(fields).toMatchObject({ nameEn: "validation.nameTooShort", population: "validation.population", latitude: "validation.latitude", longitude: "validation.number" });
  });

  it("filters the audit log by record, action, person and date", async () => {
    const all = await listAudit(db(), { limit: 100, offset: 0 });
    expect(all.total).toBeGreaterThan(0);
    const cityRows = await listAudit(db(), { entity: "city", limit: 100, offset: 0 });
    expect(cityRows.rows.every((r) => r.entity === "city")).toBe(true);
    const creates = await listAudit(db(), { action: "city.create", limit: 100, offset: 0 });
    expect(creates.rows.every((r) => r.action === "city.create")).toBe(true);
    const byOfficer = await listAudit(db(), { actor: "Kamrul", limit: 100, offset: 0 });
    expect(byOfficer.rows.length).toBeGreaterThan(0);
    expect(byOfficer.rows.every((r) => r.actorName === "Md. Kamrul Hasan")).toBe(true);
    expect((await listAudit(db(), { to: "2000-01-01", limit: 100, offset: 0 })).total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listAudit(db(), { from: today, to: today, limit: 100, offset: 0 })).total).toBe(all.total);
    expect((await auditFacets(db())).entities).toContain("city");
  });
});

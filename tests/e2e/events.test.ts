import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { baseUrl, e2eEnabled, newPage, sessionCookie, signIn, submitAndWait, useBrowser, waitForText } from "./browser";
import { mailSeen, waitForMail } from "./mail";
import { utcToWallClock } from "@/lib/events/time";
import en from "@/messages/en.json";
import { formatMessage } from "@/lib/i18n/messages";

/**
 * Events in the browser. Each test creates its own events (titles with a run stamp), so it does
 * not depend on the demo events and other files never touch them.
 */
const RUN = Date.now().toString(36);

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname === "/dashboard");
  return page;
}

/** Fills and saves the event form on /events/new, confirming a double booking if one is reported. */
async function scheduleEvent(page: Page, fields: { title: string; timeZone: string; host: string; startsAt: string; endsAt: string; capacity: string; components: string[] }): Promise<number> {
  await page.goto("/events/new");
  await page.fill("#event-title", fields.title);
  await page.selectOption("#event-type", "workshop");
  await page.selectOption("#event-hostCity", fields.host);
  await page.selectOption("#event-timeZone", fields.timeZone);
  await page.fill("#event-startsAt", fields.startsAt);
  await page.fill("#event-endsAt", fields.endsAt);
  await page.fill("#event-capacity", fields.capacity);
  await page.fill("#event-venue", "Paurashava hall");
  for (const code of fields.components) await page.check(`input[name=components][value=${code}]`);
  await submitAndWait(page, page.locator("[data-testid=event-form] button[type=submit]"));
  await page.waitForURL((url) => /^\/events\/\d+$/.test(url.pathname), { timeout: 15_000 });
  return Number(new URL(page.url()).pathname.split("/").pop());
}

async function register(page: Page, person: { name: string; gender: string; role: string; email: string }): Promise<void> {
  await page.fill("#reg-name", person.name);
  await page.fill("#reg-position", "Sanitary inspector");
  await page.selectOption("#reg-gender", person.gender);
  await page.selectOption("#reg-participantRole", person.role);
  await page.fill("#reg-email", person.email);
  await submitAndWait(page, page.locator("[data-testid=registration-form] button[type=submit]"));
}

/** Waits until the registrations table lists `name` (the action's re-render has landed). */
async function listed(page: Page, name: string): Promise<void> {
  await page.locator("[data-testid=registrations-table] tbody tr", { hasText: name }).waitFor({ timeout: 10_000 });
  // React resets the form after the action; wait for that too before typing the next person.
  await page.waitForFunction(() => document.querySelector<HTMLInputElement>("#reg-name")?.value === "");
}

/** Rows of a chart's data table as {first cell: [other cells]}. */
async function chartTable(page: Page, chart: string): Promise<Record<string, string[]>> {
  const rows = await page.locator(`[data-testid=chart-${chart}] [data-testid=chart-table] tbody tr`).all();
  const table: Record<string, string[]> = {};
  for (const row of rows) {
    const cells = (await row.locator("th, td").allTextContents()).map((c) => c.trim());
    table[cells[0] ?? ""] = cells.slice(1);
  }
  return table;
}

describe.skipIf(!e2eEnabled())("capacity-building events in Chromium", () => {
  const browser = useBrowser();

  it("a trainer schedules, the Kushtia officer registers two staff, the trainer marks attendance, the statistics show one woman and one man attending", async () => {
    const trainer = await signedIn(browser(), "trainer@demo.cwis");
    // Under way since half an hour: officers may still register (no deadline), attendance can be marked.
    const title = `CWIS governance workshop ${RUN}`;
    const id = await scheduleEvent(trainer, {
      title,
      timeZone: "Asia/Dhaka",
      host: "kushtia",
      startsAt: utcToWallClock(new Date(Date.now() - 30 * 60_000), "Asia/Dhaka"),
      endsAt: utcToWallClock(new Date(Date.now() + 3 * 3600_000), "Asia/Dhaka"),
      capacity: "10",
      components: ["governance", "gesi"],
    });
    expect(await trainer.locator("h1").textContent()).toBe(title);

    const officer = await signedIn(browser(), "officer.kushtia@demo.cwis");
    await officer.goto(`/events/${id}`);
    // The officer's form offers their own city only.
    expect(await officer.locator("#reg-city option").allTextContents()).toEqual(["Kushtia Paurashava"]);
    await register(officer, { name: `Nasrin Sultana ${RUN}`, gender: "female", role: "municipal_staff", email: `nasrin.${RUN}@example.org` });
    await listed(officer, `Nasrin Sultana ${RUN}`);
    await waitForText(officer.locator("[data-testid=registration-status]"), en["events.register.done"]);
    await register(officer, { name: `Habibur Rahman ${RUN}`, gender: "male", role: "sanitation_worker", email: "" });
    await listed(officer, `Habibur Rahman ${RUN}`);

    // A tampered form that names another city is refused and nothing is written.
    await officer.evaluate(() => {
      const select = document.querySelector<HTMLSelectElement>("#reg-city");
      if (select) select.innerHTML = '<option value="jhenaidah" selected>Jhenaidah</option>';
    });
    await register(officer, { name: `Smuggled Person ${RUN}`, gender: "female", role: "other", email: "" });
    await waitForText(officer.locator("[data-testid=registration-status]"), en["events.otherCityRefused"]);
    // The same person twice (case and spaces differ) is refused as well.
    await register(officer, { name: `  nasrin   sultana ${RUN.toUpperCase()}`, gender: "female", role: "municipal_staff", email: "" });
    await waitForText(officer.locator("[data-testid=registration-status]"), en["events.duplicateRegistration"]);

    await officer.goto(`/events/${id}`);
    const names = await officer.locator("[data-testid=registrations-table] tbody tr td:first-child span.font-medium").allTextContents();
    expect(names.sort()).toEqual([`Habibur Rahman ${RUN}`, `Nasrin Sultana ${RUN}`]);
    await waitForText(officer.locator("[data-testid=event-seats]"), formatMessage(en["events.seatsTaken"], { registered: 2, capacity: 10 }));

    // Signed out: the event is listed and its page shows no participant.
    const visitor = await newPage(browser());
    await visitor.goto("/events");
    expect(await visitor.locator(`[data-testid=events-upcoming] a[href="/events/${id}"]`).count()).toBe(1);
    await visitor.goto(`/events/${id}`);
    const publicText = (await visitor.locator("main").textContent()) ?? "";
    expect(publicText).toContain(title);
    expect(publicText).not.toContain("Nasrin");
    expect(publicText).not.toContain(`nasrin.${RUN}@example.org`);
    expect(await visitor.locator("[data-testid=registrations-table]").count()).toBe(0);
    const api = (await (await visitor.request.get("/api/v1/events?city=kushtia")).json()) as { events: { id: number; registered: number }[] };
    expect(JSON.stringify(api)).not.toContain("Nasrin");
    expect(api.events.find((e) => e.id === id)?.registered).toBe(2);

    await trainer.goto(`/events/${id}`);
    for (const box of await trainer.locator("[data-testid=attendance-form] input[name=attended]").all()) await box.check();
    await submitAndWait(trainer, trainer.locator("[data-testid=attendance-form] button[type=submit]"));
    await waitForText(trainer.locator("[data-testid=attendance-status]"), en["events.attendance.saved"].replace("{count}", "2"));
    // The event's trainer sees the contact details the officer entered.
    expect(await trainer.locator("[data-testid=registrations-table]").textContent()).toContain(`nasrin.${RUN}@example.org`);

    await trainer.goto(`/events/stats?event=${id}`);
    await trainer.locator("[data-testid=chart-gender]").waitFor();
    expect(await chartTable(trainer, "gender")).toEqual({ [en["events.gender.female"]]: ["1", "1"], [en["events.gender.male"]]: ["1", "1"] });
    expect(await chartTable(trainer, "role")).toEqual({ [en["events.role.municipal_staff"]]: ["1", "1"], [en["events.role.sanitation_worker"]]: ["1", "1"] });
    expect(Object.keys(await chartTable(trainer, "component"))).toHaveLength(2);
    expect(await trainer.locator("[data-testid=total-attended]").textContent()).toBe("2");
    await trainer.context().close();
    await officer.context().close();
    await visitor.context().close();
  });

  it("10:00 in Kathmandu is 10:00 on the page and 04:15Z in the feed; a double booking warns first; cancelling marks the feed", async () => {
    const trainer = await signedIn(browser(), "trainer@demo.cwis");
    const base = { timeZone: "Asia/Kathmandu", host: "mahalaxmi", startsAt: "2027-03-10T10:00", endsAt: "2027-03-10T12:00", capacity: "15", components: ["service_delivery"] };
    const id = await scheduleEvent(trainer, { ...base, title: `Kathmandu session ${RUN}` });
    expect(await trainer.locator("[data-testid=event-when]").textContent()).toContain("10:00–12:00");

    const feed = async () => (await trainer.request.get("/api/v1/events.ics?city=mahalaxmi")).text();
    const uid = ((await (await trainer.request.get("/api/v1/events?city=mahalaxmi&from=2027-03-10&to=2027-03-10")).json()) as { events: { id: number; uid: string }[] }).events.find((e) => e.id === id)?.uid;
    expect(uid).toBeTruthy();
    const response = await trainer.request.get("/api/v1/events.ics?city=mahalaxmi");
    expect(response.headers()["content-type"]).toContain("text/calendar");
    const block = (text: string) => text.split("BEGIN:VEVENT").find((b) => b.replace(/\r\n[ \t]/g, "").includes(`UID:${uid}`)) ?? "";
    expect(block(await feed())).toContain("DTSTART:20270310T041500Z");

    // The same trainer at an overlapping time: a warning, nothing saved, then saved on purpose.
    await trainer.goto("/events/new");
    await trainer.fill("#event-title", `Overlapping ${RUN}`);
    await trainer.selectOption("#event-hostCity", "dhulikhel");
    await trainer.selectOption("#event-timeZone", "Asia/Kathmandu");
    await trainer.fill("#event-startsAt", "2027-03-10T11:00");
    await trainer.fill("#event-endsAt", "2027-03-10T13:00");
    await trainer.fill("#event-venue", "Dhulikhel hall");
    await submitAndWait(trainer, trainer.locator("[data-testid=event-form] button[type=submit]"));
    await trainer.locator("[data-testid=overlap-warning]").waitFor();
    expect(await trainer.locator("[data-testid=overlap-warning]").textContent()).toContain(`Kathmandu session ${RUN}`);
    expect(new URL(trainer.url()).pathname).toBe("/events/new");
    await trainer.check("[data-testid=confirm-overlap]");
    await submitAndWait(trainer, trainer.locator("[data-testid=event-form] button[type=submit]"));
    await trainer.waitForURL((url) => /^\/events\/\d+$/.test(url.pathname), { timeout: 15_000 });

    await trainer.goto(`/events/${id}`);
    trainer.once("dialog", (dialog) => void dialog.accept());
    await submitAndWait(trainer, trainer.locator("[data-testid=cancel-event] button"));
    await trainer.reload();
    await trainer.locator("[data-testid=cancelled-notice]").waitFor();
    const cancelled = block(await feed());
    expect(cancelled).toContain("STATUS:CANCELLED");
    expect(cancelled).toContain("SEQUENCE:1");
    await trainer.goto("/events?city=mahalaxmi&from=2027-03-10&to=2027-03-10");
    expect(await trainer.locator(`a[href="/events/${id}"]`).count()).toBe(0);
    await trainer.context().close();
  });

  it("a registered participant gets a confirmation mail with the event as .ics; the trainer exports the list and prints the sheet; others are refused", async () => {
    const trainer = await signedIn(browser(), "trainer@demo.cwis");
    const title = `Desludging safety ${RUN}`;
    const id = await scheduleEvent(trainer, { title, timeZone: "Asia/Dhaka", host: "kushtia", startsAt: "2031-06-01T10:00", endsAt: "2031-06-01T13:00", capacity: "5", components: ["service_delivery"] });
    const seen = await mailSeen();
    const email = `shahana.${RUN}@example.org`;
    await trainer.selectOption("#reg-city", "kushtia");
    await register(trainer, { name: `Shahana Parvin ${RUN}`, gender: "female", role: "sanitation_worker", email });
    await listed(trainer, `Shahana Parvin ${RUN}`);
    // Kushtia is in Bangladesh: the participant reads Bangla.
    const { mail } = await waitForMail(email, (m) => m.subject === `নিবন্ধিত: ${title}`, { after: seen });
    expect(mail.text).toContain(`/events/${id}`);
    const ics = mail.attachments.find((a) => a.filename === `event-${id}.ics`);
    expect(ics?.content.toString("utf8")).toContain("DTSTART:20310601T040000Z");

    await trainer.goto(`/events/${id}`);
    const cookie = await sessionCookie("trainer@demo.cwis");
    const csv = await fetch(`${baseUrl()}/api/v1/events/${id}/registrations?format=csv`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const csvText = await csv.text();
    expect(csvText).toContain(`Shahana Parvin ${RUN}`);
    expect(csvText).toContain(email);
    const xlsx = await fetch(`${baseUrl()}/api/v1/events/${id}/registrations?format=xlsx`, { headers: { cookie } });
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const values = workbook.worksheets[0]?.getRow(2).values as unknown[];
    expect(values).toContain(`Shahana Parvin ${RUN}`);
    expect(values).toContain("Sanitation worker");

    await trainer.goto(`/events/${id}/attendance`);
    await waitForText(trainer.locator("[data-testid=attendance-sheet] tbody tr td:nth-child(2)").first(), `Shahana Parvin ${RUN}`);

    // An officer sees his city's registrations on the page but does not run the event: no export, no sheet.
    const officerCookie = await sessionCookie("officer.kushtia@demo.cwis");
    expect((await fetch(`${baseUrl()}/api/v1/events/${id}/registrations`, { headers: { cookie: officerCookie } })).status).toBe(403);
    expect((await fetch(`${baseUrl()}/api/v1/events/${id}/registrations`)).status).toBe(401);
    expect((await fetch(`${baseUrl()}/api/v1/events/${id}/attendance`.replace("/api/v1", ""), { headers: { cookie: officerCookie } })).status).toBe(404);
    const file = await fetch(`${baseUrl()}/api/v1/events/${id}/ics`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(await file.text()).toContain(`SUMMARY:${title}`);
    expect((await fetch(`${baseUrl()}/api/v1/events/999999/ics`)).status).toBe(404);
  });

  it("a partner can read events but neither edit nor register", async () => {
    const partner = await signedIn(browser(), "partner@demo.cwis");
    await partner.goto("/events?view=past");
    const link = partner.locator("[data-testid=events-past] a[href^='/events/']").first();
    const href = (await link.getAttribute("href")) ?? "";
    await partner.goto(href);
    expect(await partner.locator("[data-testid=registration-form]").count()).toBe(0);
    expect(await partner.locator(`a[href="${href}/edit"]`).count()).toBe(0);
    const edit = await partner.goto(`${href}/edit`);
    expect(edit?.status()).toBe(403);
    await partner.context().close();
  });
});

describe("events over HTTP", () => {
  it("lists public events as JSON without participant data, and refuses bad filters with 422", async () => {
    const response = await fetch(`${baseUrl()}/api/v1/events?from=2026-01-01&to=2026-12-31&per_page=100`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { events: Record<string, unknown>[]; total: number };
    expect(body.total).toBeGreaterThan(0);
    const text = JSON.stringify(body);
    // Demo participants are named in the seed; none of them may leak.
    expect(text).not.toContain("Shirin Akter");
    for (const event of body.events) {
      expect(event).not.toHaveProperty("registrations");
      expect(event.onlineUrl).toBeNull();
    }
    for (const bad of ["from=2026-13-01", "city=atlantis", "from=2026-12-01&to=2026-01-01", "per_page=500"]) {
      const refused = await fetch(`${baseUrl()}/api/v1/events?${bad}`);
      expect(refused.status, bad).toBe(422);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("invalid");
    }
  });

  it("serves the iCalendar feed as text/calendar, per city, and refuses an unknown city", async () => {
    const response = await fetch(`${baseUrl()}/api/v1/events.ics?city=kushtia`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const text = await response.text();
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(text).toContain("X-WR-CALNAME:");
    expect(text).not.toContain("Shirin Akter");
    expect((await fetch(`${baseUrl()}/api/v1/events.ics?city=atlantis`)).status).toBe(422);
  });
});

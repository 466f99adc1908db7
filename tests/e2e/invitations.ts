import type { Browser, Page } from "playwright-core";
import { newPage, submitAndWait, waitForText } from "./browser";
import { linkIn, waitForMail } from "./mail";
import { translator } from "@/lib/i18n/messages";

/**
 * Users are invited, not given a password: the admin fills the form, the new user opens the link
 * from the caught mail and chooses one. For e2e files that need an account of their own.
 */
const t = translator("en");

export interface Invitee {
  email: string;
  name: string;
  role: "officer" | "reviewer" | "trainer" | "partner" | "admin";
  /** The officer's city, as the picker labels it. */
  city?: string;
}

/** Fills the admin's create-user form on `admin` (signed in as an admin) and waits for its answer. */
export async function inviteThroughAdminForm(admin: Page, user: Invitee): Promise<void> {
  await admin.goto("/admin/users");
  const form = admin.locator("[data-testid=create-user-form]");
  await form.locator("#new-email").fill(user.email);
  await form.locator("#new-name").fill(user.name);
  await form.locator("#new-role").selectOption(user.role);
  if (user.city) await form.locator("#new-city").selectOption({ label: user.city });
  await submitAndWait(admin, form.locator("button[type=submit]"));
  await waitForText(admin.locator("[data-testid=create-user-status]"), t("users.created", { email: user.email }));
}

/** The path and query of the newest invitation link mailed to `email` (not among `after`). */
export async function invitationPath(email: string, after?: ReadonlySet<string>): Promise<string> {
  const caught = await waitForMail(email, (mail) => mail.subject === t("mail.invite.subject"), { after });
  const link = linkIn(caught.mail, "/invite");
  return `${link.pathname}${link.search}`;
}

/** Chooses a password on a set-password page already open on `page`, and waits for the sign-in page. */
export async function choosePassword(page: Page, password: string): Promise<void> {
  await page.locator("[data-testid=set-password-form]").waitFor();
  await page.fill("#new-password", password);
  await page.fill("#confirm-password", password);
  await Promise.all([page.waitForURL((url) => url.pathname === "/login"), page.locator("[data-testid=set-password-form] button[type=submit]").click()]);
}

/** Opens the invitation mailed to `email` in a fresh browser and sets `password`. */
export async function acceptInvitation(browser: Browser, email: string, password: string): Promise<void> {
  const page = await newPage(browser);
  await page.goto(await invitationPath(email));
  await choosePassword(page, password);
  await waitForText(page.locator("[data-testid=login-notice]"), t("login.notice.invitationAccepted"));
  await page.context().close();
}

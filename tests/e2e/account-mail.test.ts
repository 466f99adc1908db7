import { describe, expect, it } from "vitest";
import { e2eEnabled, newPage, signIn, submitAndWait, useBrowser, waitForText } from "./browser";
import { linkIn, mailSeen, waitForMail } from "./mail";
import { acceptInvitation, choosePassword, invitationPath, inviteThroughAdminForm } from "./invitations";
import { translator } from "@/lib/i18n/messages";

/**
 * Account mail in Chromium, with the links taken from the mail the e2e SMTP server caught: an
 * admin invites a user who chooses a password, and a user who forgot theirs resets it. Only
 * accounts this file creates are used, so every other file keeps its demo passwords.
 */
const t = translator("en");
const stamp = Date.now();

describe.skipIf(!e2eEnabled())("account mail: invitations and password reset", () => {
  const browser = useBrowser();

  it("an admin invites a user; resending voids the first link; the user chooses a password from the mail and signs in", async () => {
    const email = `invited.${stamp}@example.org`;
    const admin = await newPage(browser());
    await signIn(admin, "admin@demo.cwis");
    await admin.waitForURL((url) => url.pathname === "/dashboard");
    const seen = await mailSeen();
    await inviteThroughAdminForm(admin, { email, name: "Farida Yasmin", role: "partner" });
    const first = await invitationPath(email, seen);

    const card = admin.locator(`[data-testid='user-${email}']`);
    await waitForText(card.locator("[data-testid=user-invited]"), t("users.invitePending"));
    const beforeResend = await mailSeen();
    admin.once("dialog", (dialog) => void dialog.accept());
    await submitAndWait(admin, card.getByRole("button", { name: t("users.resendInvite") }));
    const second = await invitationPath(email, beforeResend);
    expect(second).not.toBe(first);

    const user = await newPage(browser());
    // The first link stopped working when the second was sent; the page says so and offers a way on.
    await user.goto(first);
    await waitForText(user.locator("[data-testid=link-invalid]"), t("invite.invalidLink"));
    expect(await user.getByRole("link", { name: t("invite.requestReset") }).getAttribute("href")).toBe("/login/forgot");

    await user.goto(second);
    await waitForText(user.locator("main p").first(), t("invite.intro", { email }));
    // Two different entries are refused, and the link is not used up by the refusal.
    await user.fill("#new-password", "farida-chooses-1");
    await user.fill("#confirm-password", "farida-chooses-2");
    await submitAndWait(user, user.locator("[data-testid=set-password-form] button[type=submit]"));
    await waitForText(user.locator("#confirm-password-error"), t("validation.passwordMismatch"));
    await choosePassword(user, "farida-chooses-1");
    await waitForText(user.locator("[data-testid=login-notice]"), t("login.notice.invitationAccepted"));
    await signIn(user, email, "farida-chooses-1");
    await user.waitForURL((url) => url.pathname === "/dashboard");

    // Used once: the link no longer opens the form.
    const again = await newPage(browser());
    await again.goto(second);
    await waitForText(again.locator("[data-testid=link-invalid]"), t("invite.invalidLink"));
    expect(await again.locator("[data-testid=set-password-form]").count()).toBe(0);
    await again.context().close();

    // The admin's list no longer calls the user invited, and offers no resend.
    await admin.goto("/admin/users");
    await card.waitFor();
    expect(await card.locator("[data-testid=user-invited]").count()).toBe(0);
    expect(await card.getByRole("button", { name: t("users.resendInvite") }).count()).toBe(0);
    await admin.goto("/admin/audit");
    expect(await admin.textContent("[data-testid=audit-table]")).toContain(t("audit.action.user.invitation_accepted"));
    await Promise.all([admin.context().close(), user.context().close()]);
  });

  it("forgot password: the same answer for any address, the mailed link sets a new password and signs the other browsers out", async () => {
    const email = `forgetful.${stamp}@example.org`;
    const admin = await newPage(browser());
    await signIn(admin, "admin@demo.cwis");
    await admin.waitForURL((url) => url.pathname === "/dashboard");
    await inviteThroughAdminForm(admin, { email, name: "Shila Rani", role: "reviewer" });
    await admin.context().close();
    await acceptInvitation(browser(), email, "shila-first-password");

    // Signed in elsewhere: that browser must be signed out by the reset.
    const elsewhere = await newPage(browser());
    await signIn(elsewhere, email, "shila-first-password");
    await elsewhere.waitForURL((url) => url.pathname === "/dashboard");

    const page = await newPage(browser());
    await page.goto("/login");
    await page.getByRole("link", { name: t("login.forgot") }).click();
    await page.waitForURL((url) => url.pathname === "/login/forgot");
    const seen = await mailSeen();
    await page.fill("#forgot-email", email);
    await submitAndWait(page, page.locator("[data-testid=forgot-form] button[type=submit]"));
    const sent = t("forgot.sent", { minutes: 30 });
    await waitForText(page.locator("[data-testid=forgot-sent]"), sent);

    // An address without an account reads exactly the same.
    const stranger = await newPage(browser());
    await stranger.goto("/login/forgot");
    await stranger.fill("#forgot-email", `nobody.${stamp}@example.org`);
    await submitAndWait(stranger, stranger.locator("[data-testid=forgot-form] button[type=submit]"));
    await waitForText(stranger.locator("[data-testid=forgot-sent]"), sent);
    await stranger.context().close();

    const caught = await waitForMail(email, (mail) => mail.subject === t("mail.reset.subject"), { after: seen });
    expect(caught.mail.text).toContain(t("mail.reset.intro", { minutes: 30 }));
    const link = linkIn(caught.mail, "/login/reset");
    const path = `${link.pathname}${link.search}`;
    await page.goto(path);
    await waitForText(page.locator("main p").first(), t("reset.intro", { email }));
    await choosePassword(page, "shila-second-password");
    await waitForText(page.locator("[data-testid=login-notice]"), t("login.notice.passwordReset"));

    // The other browser was signed out.
    await elsewhere.goto("/dashboard");
    await elsewhere.waitForURL((url) => url.pathname === "/login");
    await elsewhere.context().close();

    // The old password no longer works; the new one does.
    await signIn(page, email, "shila-first-password");
    await waitForText(page.locator("[data-testid=login-error]"), t("login.invalid"));
    await signIn(page, email, "shila-second-password");
    await page.waitForURL((url) => url.pathname === "/dashboard");

    // The link worked once.
    const again = await newPage(browser());
    await again.goto(path);
    await waitForText(again.locator("[data-testid=link-invalid]"), t("reset.invalidLink"));
    expect(await again.getByRole("link", { name: t("reset.requestNew") }).getAttribute("href")).toBe("/login/forgot");
    await Promise.all([again.context().close(), page.context().close()]);
  });
});

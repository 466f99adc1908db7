"use server";

import { redirect } from "next/navigation";
import { publicAction } from "@/server/action";
import { manageSchema, manageUnsubscribeSchema, readChoiceForm } from "@/lib/validation/newsletter";
import { saveChoices, unsubscribe } from "@/server/newsletter/manage";

const back = (token: unknown, done: string) => `/newsletter/manage?s=${encodeURIComponent(typeof token === "string" ? token.slice(0, 200) : "")}&done=${done}`;
const failure = (error: string) => (error === "newsletter.link.invalid" ? "invalid" : "error");

const save = publicAction({
  schema: manageSchema,
  read: readChoiceForm,
  run: async ({ db, input }) => {
    await saveChoices(db, input.s, { locale: input.locale, countries: input.countries, cityIds: input.cityIds, topics: input.topics });
    return input.s;
  },
  redirectTo: (token) => back(token, "saved"),
});

const leave = publicAction({
  schema: manageUnsubscribeSchema,
  run: async ({ db, input }) => {
    await unsubscribe(db, { purpose: "manage", token: input.s, digestId: input.d ?? null });
    return input.s;
  },
  redirectTo: (token) => back(token, "unsubscribed"),
});

/** The manage page's save (a plain form post: it works without JavaScript). */
export async function saveChoicesAction(formData: FormData): Promise<void> {
  const result = await save(null, formData);
  redirect(back(formData.get("s"), result.ok ? "saved" : failure(result.error)));
}

/** The manage page's unsubscribe button (also where a GET of the one-click link leads). */
export async function unsubscribeAction(formData: FormData): Promise<void> {
  const result = await leave(null, formData);
  redirect(back(formData.get("s"), result.ok ? "unsubscribed" : failure(result.error)));
}

import { z } from "zod";
import { apiRoute } from "@/server/route";
import { listRounds } from "@/db/queries/rounds";

export const dynamic = "force-dynamic";

/** Reporting rounds, newest first, with how many cities were asked, submitted and were accepted (reviewers, partners, admins). */
export const GET = apiRoute({
  auth: "required",
  // City-scoped for officers, who hold it for their own city's answers only: the list is not theirs.
  permission: "responses.read",
  query: z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1), per_page: z.coerce.number().int().min(1).max(100).default(20) }),
  run: async ({ db, query }) => {
    const { rows, total } = await listRounds(db, { limit: query.per_page, offset: (query.page - 1) * query.per_page });
    return {
      rounds: rows.map((r) => ({ id: r.id, title: r.title, period: r.period, status: r.status, target: r.target, opensOn: r.opensOn, dueOn: r.dueOn, asked: r.asked, submitted: r.submitted, accepted: r.accepted })),
      page: query.page,
      perPage: query.per_page,
      total,
    };
  },
});

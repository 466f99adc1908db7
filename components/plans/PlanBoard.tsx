import Link from "next/link";
import { Badge } from "@/components/ui/Badge";
import { ACTION_STATUSES, type ActionStatus } from "@/lib/domain";
import type { Formatters, Translate } from "@/lib/i18n/messages";
import type { PlanActionView } from "@/lib/plans/view";

// A coloured top edge per column helps scanning; the heading's text names the status.
const COLUMN_EDGE: Record<ActionStatus, string> = {
  planned: "border-t-slate-400",
  in_progress: "border-t-sky-600",
  done: "border-t-brand-600",
  blocked: "border-t-amber-600",
  dropped: "border-t-slate-300",
};

const REASONED: readonly ActionStatus[] = ["blocked", "dropped"];

function budgetText(action: PlanActionView, t: Translate, money: (n: number) => string): string | null {
  const { budgetPlanned: planned, budgetSpent: spent } = action;
  if (planned !== null && spent !== null) return t("plans.view.budgetSpentOf", { spent: money(spent), planned: money(planned) });
  if (planned !== null) return t("plans.view.budgetPlanned", { planned: money(planned) });
  if (spent !== null) return t("plans.view.budgetSpent", { spent: money(spent) });
  return null;
}

function BoardCard({ action, goal, t, format, money, href }: { action: PlanActionView; goal: string | undefined; t: Translate; format: Formatters; money: (n: number) => string; href: string }) {
  const progress = Math.min(100, Math.max(0, Math.round(action.progress)));
  const budget = budgetText(action, t, money);
  const reason = REASONED.includes(action.status) ? action.statusReason.trim() : "";
  return (
    <li data-testid="board-card" data-overdue={action.overdue ? "yes" : "no"} className={`break-inside-avoid rounded-lg border bg-white p-3 shadow-sm ${action.overdue ? "border-red-300" : "border-slate-200"}`}>
      <Link href={href} className="flex min-h-11 items-center font-medium text-brand-800 underline-offset-2 hover:underline">
        {action.title}
      </Link>
      {action.overdue ? (
        <p className="mb-1">
          <Badge tone="red">{t("plans.view.overdue")}</Badge>
        </p>
      ) : null}
      <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-sm">
        <dt className="text-slate-500">{t("plans.view.owner")}</dt>
        <dd className="min-w-0 break-words">{action.owner}</dd>
        {goal ? (
          <>
            <dt className="text-slate-500">{t("plans.view.goal")}</dt>
            <dd className="min-w-0 break-words">{goal}</dd>
          </>
        ) : null}
        <dt className="text-slate-500">{t("plans.view.due")}</dt>
        <dd className={action.overdue ? "font-medium text-red-800" : undefined}>{format.date(action.dueOn)}</dd>
        {budget ? (
          <>
            <dt className="text-slate-500">{t("plans.view.budget")}</dt>
            <dd className="min-w-0 break-words">{budget}</dd>
          </>
        ) : null}
        {reason ? (
          <>
            <dt className="text-slate-500">{t("plans.view.reason")}</dt>
            <dd className="min-w-0 break-words" data-testid="board-reason">{reason}</dd>
          </>
        ) : null}
      </dl>
      <div className="mt-2 flex items-center gap-2 text-sm">
        {/* The bar repeats the text beside it, so only the text is read out. */}
        <div aria-hidden="true" className="h-2 flex-1 overflow-hidden rounded-full bg-slate-200 [print-color-adjust:exact]">
          <div className="h-full rounded-full bg-brand-600" style={{ width: `${progress}%` }} />
        </div>
        <span className="whitespace-nowrap">
          <span className="sr-only">{t("plans.view.progress")}: </span>
          {format.number(progress / 100, { style: "percent", maximumFractionDigits: 0 })}
        </span>
      </div>
    </li>
  );
}

/**
 * The plan's actions by status, one column per status. Drawn on the server without script, so it
 * prints and works before (or without) JavaScript; on phones the columns stack.
 */
export function PlanBoard({ actions, goals, t, format, currency, actionHref }: { actions: PlanActionView[]; goals: { id: number; label: string }[]; t: Translate; format: Formatters; currency: "BDT" | "NPR"; actionHref: (id: number) => string }) {
  const goalLabels = new Map(goals.map((goal) => [goal.id, goal.label]));
  const money = (n: number) => format.number(n, { style: "currency", currency, maximumFractionDigits: 0 });
  return (
    <section aria-label={t("plans.view.board")} data-testid="plan-board" className="flex flex-col gap-4 md:flex-row md:items-start md:overflow-x-auto md:pb-2 print:block print:overflow-visible">
      {ACTION_STATUSES.map((status) => {
        const inColumn = actions.filter((action) => action.status === status);
        const headingId = `plan-board-${status}`;
        return (
          <section key={status} aria-labelledby={headingId} data-testid="board-column" data-status={status} className={`rounded-lg border border-t-4 border-slate-200 bg-slate-50 p-3 md:w-72 md:shrink-0 print:mb-4 ${COLUMN_EDGE[status]}`}>
            <h3 id={headingId} className="mb-2 text-base font-semibold text-slate-900">
              {t("plans.view.boardColumn", { status: t(`plans.actionStatus.${status}`), count: inColumn.length })}
            </h3>
            {inColumn.length === 0 ? (
              <p className="text-sm text-slate-600">{t("plans.view.columnEmpty")}</p>
            ) : (
              <ul className="space-y-3">
                {inColumn.map((action) => (
                  <BoardCard key={action.id} action={action} goal={goalLabels.get(action.goalId)} t={t} format={format} money={money} href={actionHref(action.id)} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </section>
  );
}

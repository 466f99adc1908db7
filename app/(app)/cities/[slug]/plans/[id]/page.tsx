import type { Metadata } from "next";
import { routeId } from "@/lib/validation/fields";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { CellLabel, DataTable } from "@/components/ui/DataTable";
import { FilterSelect } from "@/components/ui/FilterField";
import { ResultForm } from "@/components/ui/ResultForm";
import { PrintButton } from "@/components/ui/PrintButton";
import { StaticLine } from "@/components/charts/StaticLine";
import { PlanActionForm, type PlanActionFormValues } from "@/components/plans/PlanActionForm";
import { GoalStatusBadge, PlanStatusBadge } from "@/components/plans/PlanStatusBadge";
import { ActionStatusBadge } from "@/components/plans/ActionStatusBadge";
import { PlanBoard } from "@/components/plans/PlanBoard";
import { PlanTimeline } from "@/components/plans/PlanTimeline";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadFramework } from "@/server/loaders/framework";
import { loadDecisionText, loadPlan, loadPlanFormOptions, type GoalView } from "@/server/loaders/plans";
import { ACTION_STATUSES } from "@/lib/domain";
import { formatIndicatorValue } from "@/lib/format-value";
import { localizedName } from "@/lib/i18n/config";
import { pickMessages, type Formatters, type MessageKey, type Translate } from "@/lib/i18n/messages";
import { fiscalYearLabels } from "@/lib/plans/fiscal";
import { planPath, plansPath } from "@/lib/plans/paths";
import type { PlanActionView } from "@/lib/plans/view";
import { PLAN_COMMENT_MAX, PLAN_REASON_MAX } from "@/lib/validation/plans";
import { addGoalAction, commentPlanAction, movePlanAction, saveActionAction } from "../actions";

type Query = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ slug: string; id: string }>; searchParams: Promise<Query> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const VIEWS = ["list", "board", "timeline"] as const;

const FORM_MESSAGES: MessageKey[] = [
  "errors.unexpected", "errors.forbidden", "errors.not_found", "errors.conflict", "validation.checkFields", "validation.required", "validation.invalid", "validation.tooLong", "validation.controlChars", "validation.number", "validation.wholeNumber", "validation.date", "validation.period", "validation.indicatorUnknown", "workflow.commentRequired",
  "plans.saved", "plans.sending", "plans.stale", "plans.noGoals", "plans.notEditable.validation", "plans.notEditable.closed", "plans.refused.draft", "plans.refused.validation", "plans.refused.active", "plans.refused.closed", "plans.choose", "plans.changeReason",
  "plans.action.title", "plans.action.goal", "plans.action.ownerKind", "plans.action.startsOn", "plans.action.dueOn", "plans.action.status", "plans.action.progress", "plans.action.statusReason", "plans.action.budgetPlanned", "plans.action.budgetSpent", "plans.action.problems", "plans.action.event",
  "plans.owner.committee", "plans.owner.user", "plans.owner.organisation",
  ...ACTION_STATUSES.map((s) => `plans.actionStatus.${s}` as const),
  "validation.plans.targetOutOfRange", "validation.plans.targetNotBetter", "validation.plans.targetPeriod", "validation.plans.reasonNeeded", "validation.plans.dueBeforeStart", "validation.plans.reasonForStatus", "validation.plans.ownerNeeded", "validation.plans.ownerUnknown", "validation.plans.decisionUnknown", "validation.plans.problemUnknown", "validation.plans.goalUnknown", "validation.plans.progress", "validation.plans.budgetNegative", "validation.problems.eventUnknown",
];

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const actor = await requirePagePermission("plans.read");
  const id = routeId((await params).id);
  const view = id === null ? null : await loadPlan(id, actor);
  return { title: view?.plan.title };
}

function GoalCard({ goal, t, format, locale }: { goal: GoalView; t: Translate; format: Formatters; locale: "en" | "bn" | "ne" }) {
  const unit = goal.indicator.unit;
  const show = (value: number) => formatIndicatorValue(unit, value, t, format);
  const values = [...goal.series.map((p) => p.value), goal.goal.targetValue];
  const max = unit === "percent" ? 100 : Math.max(1, ...values) * 1.1;
  const periods = goal.series.map((p) => p.period);
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-4" data-testid="plan-goal" data-indicator={goal.indicator.code}>
      <header className="mb-2 flex flex-wrap items-center gap-2">
        <h3 className="font-semibold"><span className="font-mono text-xs text-slate-500">{goal.indicator.code}</span> {localizedName(goal.indicator, locale)}</h3>
        <GoalStatusBadge status={goal.progress.status} t={t} />
      </header>
      <p className="text-sm text-slate-600">{localizedName({ nameEn: goal.component.nameEn, nameBn: goal.component.nameBn, nameNe: goal.component.nameNe }, locale)}</p>
      <dl className="mt-2 grid grid-cols-3 gap-2 text-sm" data-testid="goal-path">
        <div><dt className="text-slate-600">{t("plans.goal.baseline")}</dt><dd data-testid="goal-baseline">{goal.baseline ? `${show(goal.baseline.value)} (${goal.baseline.period})` : t("plans.goal.noBaseline")}</dd></div>
        <div><dt className="text-slate-600">{t("plans.goal.latest")}</dt><dd data-testid="goal-latest">{goal.latest ? `${show(goal.latest.value)} (${goal.latest.period})` : "—"}</dd></div>
        <div><dt className="text-slate-600">{t("plans.goal.target")}</dt><dd data-testid="goal-target">{`${show(goal.goal.targetValue)} (${goal.goal.targetPeriod})`}</dd></div>
      </dl>
      {goal.progress.progress !== null && goal.progress.expectedProgress !== null && (
        <p className="mt-2 text-sm" data-testid="goal-progress">{t("plans.goal.progressLine", { progress: format.number(goal.progress.progress, { style: "percent", maximumFractionDigits: 0 }), expected: format.number(goal.progress.expectedProgress, { style: "percent", maximumFractionDigits: 0 }) })}</p>
      )}
      {goal.goal.note && <p className="mt-2 whitespace-pre-line text-sm">{goal.goal.note}</p>}
      {periods.length > 1 && (
        <div className="mt-3 max-w-xl">
          <StaticLine title={t("plans.goal.chartTitle", { code: goal.indicator.code })} periods={periods} series={[{ label: goal.indicator.code, data: goal.series.map((p) => p.value) }, { label: t("plans.goal.target"), data: periods.map(() => goal.goal.targetValue) }]} format={(n) => format.number(n, { maximumFractionDigits: 1 })} min={0} max={max} />
        </div>
      )}
    </article>
  );
}

function ActionList({ goals, actions, t, format, locale, actionHref }: { goals: GoalView[]; actions: PlanActionView[]; t: Translate; format: Formatters; locale: "en" | "bn" | "ne"; actionHref: (id: number) => string }) {
  return (
    <div className="space-y-4" data-testid="plan-list">
      {goals.map((goal) => {
        const own = actions.filter((a) => a.goalId === goal.goal.id);
        return (
          <section key={goal.goal.id}>
            <h3 className="mb-1 font-medium">{goal.indicator.code} {localizedName(goal.indicator, locale)}</h3>
            {own.length === 0 ? <p className="text-sm text-slate-600">{t("plans.noActions")}</p> : (
              <DataTable stacked framed columns={[{ label: t("plans.action.title") }, { label: t("plans.action.owner") }, { label: t("plans.action.dueOn") }, { label: t("plans.action.status") }, { label: t("plans.action.progress"), align: "right" }]}>
                {own.map((a) => (
                  <tr key={a.id} className="border-t border-slate-100 align-top" data-testid="plan-action" data-overdue={a.overdue ? "yes" : "no"}>
                    <td className="px-3 py-2"><Link href={actionHref(a.id)} className="inline-flex min-h-11 items-center text-brand-700 underline sm:min-h-0">{a.title}</Link>{a.problems.length > 0 && <span className="block text-xs text-slate-500">{t("plans.addresses", { problems: a.problems.map((p) => p.title).join(" · ") })}</span>}</td>
                    <td className="px-3 py-2"><CellLabel>{t("plans.action.owner")}</CellLabel>{a.owner}</td>
                    <td className="whitespace-nowrap px-3 py-2"><CellLabel>{t("plans.action.dueOn")}</CellLabel>{format.date(a.dueOn)}{a.overdue && <span className="ml-1 font-medium text-red-700" data-testid="overdue-mark">{t("plans.overdue")}</span>}</td>
                    <td className="px-3 py-2"><CellLabel>{t("plans.action.status")}</CellLabel><ActionStatusBadge status={a.status} t={t} />{a.statusReason && <span className="block text-xs">{a.statusReason}</span>}</td>
                    <td className="px-3 py-2 text-right tabular-nums"><CellLabel>{t("plans.action.progress")}</CellLabel>{format.number(a.progress / 100, { style: "percent" })}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** One plan: its goals measured by validated values, its actions in three views, its steps and history. */
export default async function PlanPage({ params, searchParams }: Props) {
  const actor = await requirePagePermission("plans.read");
  const [{ slug, id: raw }, query, { t, locale, format }] = await Promise.all([params, searchParams, getI18n()]);
  const id = routeId(raw);
  const view = id === null ? null : await loadPlan(id, actor);
  if (!view || view.city.slug !== slug) notFound();
  const { plan, city } = view;
  const [framework, options] = await Promise.all([loadFramework(), loadPlanFormOptions(city.id)]);
  const mode = VIEWS.find((v) => v === first(query.view)) ?? "list";
  const statusFilter = first(query.status);
  const ownerFilter = first(query.owner);
  const componentFilter = first(query.component);
  const goalsShown = view.goals.filter((g) => !componentFilter || g.component.code === componentFilter);
  const actions = view.actions.filter((a) => goalsShown.some((g) => g.goal.id === a.goalId) && (!statusFilter || (statusFilter === "overdue" ? a.overdue : a.status === statusFilter)) && (!ownerFilter || a.owner === ownerFilter));
  const base = planPath(city.slug, plan.id);
  const keep = (extra: Record<string, string>) => `${base}?${new URLSearchParams({ ...Object.fromEntries(Object.entries({ view: mode, status: statusFilter, owner: ownerFilter, component: componentFilter }).filter((e): e is [string, string] => Boolean(e[1]))), ...extra }).toString()}`;
  const actionHref = (actionId: number) => keep({ edit: String(actionId) }) + "#action-form";
  const messages = pickMessages(t, FORM_MESSAGES);
  const years = (fiscalYearLabels(plan.fiscalYear, city.country, locale) ?? [{ text: plan.fiscalYear }]).map((l) => l.text).join(" · ");
  const editing = view.actions.find((a) => a.id === routeId(first(query.edit)));
  // "Make it a plan action" on a meeting's decision: the new action starts from its text and keeps the link.
  const decisionId = editing ? null : routeId(first(query.decision));
  const decision = decisionId === null ? null : await loadDecisionText(decisionId, city.id);
  const goalOptions = view.goals.map((g) => ({ id: g.goal.id, label: `${g.indicator.code} ${localizedName(g.indicator, locale)}` }));
  const blank: PlanActionFormValues = { goal: String(view.goals[0]?.goal.id ?? ""), title: "", ownerKind: "committee", ownerCommittee: "", ownerUser: "", ownerOrganisation: "", startsOn: view.today, dueOn: view.range?.end ?? view.today, status: "planned", statusReason: "", progress: "0", budgetPlanned: "", budgetSpent: "", problems: [], event: "" };
  const initial: PlanActionFormValues = editing
    ? { goal: String(editing.goalId), title: editing.title, ownerKind: editing.ownerKind, ownerCommittee: "", ownerUser: "", ownerOrganisation: editing.ownerKind === "organisation" ? editing.owner : "", startsOn: editing.startsOn, dueOn: editing.dueOn, status: editing.status, statusReason: editing.statusReason, progress: String(editing.progress), budgetPlanned: editing.budgetPlanned === null ? "" : String(editing.budgetPlanned), budgetSpent: editing.budgetSpent === null ? "" : String(editing.budgetSpent), problems: editing.problems.map((p) => String(p.id)), event: editing.eventId === null ? "" : String(editing.eventId) }
    : { ...blank, title: decision ? decision.slice(0, 200) : "" };
  if (editing) {
    // The form names owners by id; the view only by name, so look the id up again.
    const row = options.committees.find((c) => c.name === editing.owner);
    const user = options.users.find((u) => u.name === editing.owner);
    if (editing.ownerKind === "committee" && row) initial.ownerCommittee = String(row.id);
    if (editing.ownerKind === "user" && user) initial.ownerUser = String(user.id);
  }
  const owners = [...new Set(view.actions.map((a) => a.owner))].sort();
  const linkClass = (active: boolean) => `inline-flex min-h-11 items-center rounded-md px-3 text-sm ${active ? "bg-brand-600 font-medium text-white" : "border border-slate-300 bg-white"}`;

  return (
    <>
      <p className="mb-2 text-sm print:hidden"><Link href={plansPath(city.slug)} className="text-brand-700 underline">{t("plans.back", { city: localizedName(city, locale) })}</Link></p>
      <PageHeader
        title={plan.title}
        description={years}
        actions={
          <>
            <PlanStatusBadge status={plan.status} t={t} />
            <a href={`/api/v1/cities/${city.slug}/plan?year=${plan.fiscalYear}&format=xlsx`} className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm print:hidden" data-testid="plan-xlsx">{t("plans.downloadXlsx")}</a>
            <PrintButton label={t("plans.print")} />
          </>
        }
      />
      {plan.status === "draft" && plan.returnReason && <p className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900" role="note" data-testid="plan-return-reason">{t("plans.returnedBecause", { reason: plan.returnReason })}</p>}

      {view.moves.length > 0 && (
        <Card title={t("plans.nextStep")} className="print:hidden">
          <div className="flex flex-wrap items-end gap-4">
            {view.moves.map((move) => (
              <ResultForm key={move.to} action={movePlanAction} label={t(`plans.move.${move.to}`)} pendingLabel={t("plans.sending")} variant={move.needsComment ? "secondary" : "primary"} testId={`plan-move-${move.to}`} messages={messages} locale={locale} okKey="plans.saved">
                <input type="hidden" name="plan" value={plan.id} />
                <input type="hidden" name="version" value={plan.version} />
                <input type="hidden" name="to" value={move.to} />
                {move.needsComment && (
                  <label className="block text-sm font-medium">
                    {t("plans.moveReason")}
                    <textarea name="comment" required maxLength={PLAN_REASON_MAX} rows={2} className="mt-1 w-full min-w-64 rounded-md border border-slate-300 p-2 text-sm" />
                  </label>
                )}
              </ResultForm>
            ))}
          </div>
        </Card>
      )}

      <section className="mt-4 space-y-3" aria-labelledby="goals-heading">
        <h2 id="goals-heading" className="text-lg font-semibold">{t("plans.goals")}</h2>
        {view.goals.length === 0 ? <p className="text-sm text-slate-600" data-testid="no-goals">{t("plans.noGoalsYet")}</p> : <div className="grid gap-3 lg:grid-cols-2">{view.goals.map((goal) => <GoalCard key={goal.goal.id} goal={goal} t={t} format={format} locale={locale} />)}</div>}
        <p className="text-xs text-slate-600">{t("plans.onTrackRule")}</p>
      </section>

      {view.goals.length > 0 && (
        <section className="mt-6 space-y-3" aria-labelledby="actions-heading">
          <h2 id="actions-heading" className="text-lg font-semibold">{t("plans.actions")}</h2>
          <nav className="flex flex-wrap gap-2 print:hidden" aria-label={t("plans.views")}>
            {VIEWS.map((v) => <Link key={v} href={keep({ view: v })} className={linkClass(v === mode)} aria-current={v === mode ? "page" : undefined} data-testid={`plan-view-${v}`}>{t(`plans.view.${v}`)}</Link>)}
          </nav>
          <form method="get" className="grid grid-cols-2 gap-3 sm:flex sm:flex-wrap sm:items-end print:hidden" data-testid="plan-filters">
            <input type="hidden" name="view" value={mode} />
            <FilterSelect label={t("plans.action.status")} name="status" defaultValue={statusFilter ?? ""} allLabel={t("plans.all")} options={[{ value: "overdue", label: t("plans.overdue") }, ...ACTION_STATUSES.map((s) => ({ value: s, label: t(`plans.actionStatus.${s}`) }))]} />
            <FilterSelect label={t("plans.action.owner")} name="owner" defaultValue={ownerFilter ?? ""} allLabel={t("plans.all")} options={owners.map((o) => ({ value: o, label: o }))} />
            <FilterSelect label={t("problems.field.component")} name="component" defaultValue={componentFilter ?? ""} allLabel={t("plans.all")} options={framework.components.map((c) => ({ value: c.code, label: localizedName(c, locale) }))} />
            <button type="submit" className="min-h-10 rounded-md border border-slate-300 bg-white px-4 text-sm font-medium">{t("problems.filter.apply")}</button>
          </form>
          {mode === "board" ? (
            <PlanBoard actions={actions} goals={goalOptions} t={t} format={format} currency={view.currency} actionHref={actionHref} />
          ) : mode === "timeline" && view.range ? (
            <PlanTimeline actions={actions} range={view.range} today={view.today} t={t} format={format} actionHref={actionHref} />
          ) : (
            <ActionList goals={goalsShown} actions={actions} t={t} format={format} locale={locale} actionHref={actionHref} />
          )}
        </section>
      )}

      {view.canWrite && (
        <div className="mt-6 grid gap-4 lg:grid-cols-2 print:hidden">
          <Card title={t("plans.addGoal")}>
            <ResultForm action={addGoalAction} label={t("plans.addGoal")} pendingLabel={t("plans.sending")} messages={messages} locale={locale} testId="goal-form" okKey="plans.saved" className="grid gap-3">
              <input type="hidden" name="plan" value={plan.id} />
              <input type="hidden" name="version" value={plan.version} />
              <label className="block text-sm font-medium">
                {t("plans.goal.indicator")}
                <select name="indicator" required className="mt-1 min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 text-sm" data-testid="goal-indicator">
                  {framework.components.map((c) => (
                    <optgroup key={c.id} label={localizedName(c, locale)}>
                      {c.indicators.map((i) => <option key={i.id} value={i.id} data-code={i.code}>{i.code} {localizedName(i, locale)}</option>)}
                    </optgroup>
                  ))}
                </select>
              </label>
              <p className="text-xs text-slate-600">{t("plans.goal.baselineHint")}</p>
              <label className="block text-sm font-medium">
                {t("plans.goal.targetValue")}
                <input name="targetValue" required inputMode="decimal" className="mt-1 min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 text-sm" />
              </label>
              <label className="block text-sm font-medium">
                {t("plans.goal.targetPeriod")}
                <input name="targetPeriod" required pattern="[0-9]{4}-Q[1-4]" placeholder="2027-Q2" className="mt-1 min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 text-sm" />
              </label>
              <label className="block text-sm font-medium">
                {t("plans.goal.note")}
                <textarea name="note" rows={2} maxLength={1000} className="mt-1 w-full rounded-md border border-slate-300 p-2 text-sm" />
              </label>
              {plan.status === "active" && (
                <label className="block text-sm font-medium">
                  {t("plans.changeReason")}
                  <input name="reason" required maxLength={PLAN_REASON_MAX} className="mt-1 min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 text-sm" />
                </label>
              )}
            </ResultForm>
          </Card>
          {view.goals.length > 0 && (
            <Card title={editing ? t("plans.editAction") : t("plans.addAction")}>
              <div id="action-form">
                <PlanActionForm
                  key={editing ? `edit-${editing.id}-${editing.version}` : `new-${plan.version}-${decisionId ?? ""}`}
                  action={saveActionAction}
                  hidden={{ plan: String(plan.id), version: String(plan.version), action: editing ? String(editing.id) : "", actionVersion: editing ? String(editing.version) : "", decision: decision !== null && decisionId !== null ? String(decisionId) : (editing?.decisionId ? String(editing.decisionId) : "") }}
                  initial={initial}
                  options={{ goals: goalOptions, committees: options.committees, users: options.users, problems: options.problems, events: options.events.map((e) => ({ id: e.id, label: `${e.title} (${format.date(e.startsAt)})` })) }}
                  messages={messages}
                  locale={locale}
                  needsReason={plan.status === "active"}
                  currency={view.currency}
                  submitLabel={editing ? t("plans.saveAction") : t("plans.addAction")}
                  testId="action-form"
                />
                {editing && <p className="mt-2 text-sm"><Link href={keep({})} className="text-brand-700 underline">{t("plans.cancelEdit")}</Link></p>}
              </div>
            </Card>
          )}
        </div>
      )}

      {(view.comments.length > 0 || view.canComment) && (
        <Card title={t("plans.comments")} className="mt-6">
          {view.comments.length === 0 ? <p className="text-sm text-slate-600">{t("plans.noComments")}</p> : (
            <ol className="mb-3 space-y-2 text-sm" data-testid="plan-comments">
              {view.comments.map((c) => (
                <li key={c.id} className="rounded border border-slate-200 p-2">
                  <p className="text-xs text-slate-500">{c.authorName ?? t("problems.someone")}{c.authorRole ? ` · ${t(`roles.${c.authorRole}` as MessageKey)}` : ""} · {format.dateTime(c.createdAt)}</p>
                  <p className="whitespace-pre-line">{c.body}</p>
                </li>
              ))}
            </ol>
          )}
          {view.canComment && plan.status !== "closed" && (
            <ResultForm action={commentPlanAction} label={t("plans.addComment")} pendingLabel={t("plans.sending")} variant="secondary" messages={messages} locale={locale} testId="plan-comment-form" okKey="plans.saved" className="space-y-2 print:hidden">
              <input type="hidden" name="plan" value={plan.id} />
              <label className="block text-sm font-medium" htmlFor="plan-comment">{t("plans.commentLabel")}</label>
              <textarea id="plan-comment" name="body" required maxLength={PLAN_COMMENT_MAX} rows={3} className="w-full rounded-md border border-slate-300 p-2 text-sm" />
            </ResultForm>
          )}
        </Card>
      )}

      {view.changes.length > 0 && (
        <Card title={t("plans.history")} className="mt-6">
          <ol className="space-y-2 text-sm" data-testid="plan-history">
            {view.changes.map((c) => (
              <li key={c.id} className="border-l-2 border-slate-200 pl-3">
                <p className="font-medium">{t(`plans.change.${c.what}` as MessageKey)}</p>
                <p className="whitespace-pre-line">{c.reason}</p>
                <p className="text-xs text-slate-500">{c.actorName ?? t("problems.someone")} · {format.dateTime(c.createdAt)}</p>
              </li>
            ))}
          </ol>
        </Card>
      )}
    </>
  );
}

import type { Metadata } from "next";
import { routeId } from "@/lib/validation/fields";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePageOwnCityPermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadReportVersion, reportAbilities } from "@/server/loaders/reports";
import { pickMessages, translator, type MessageKey } from "@/lib/i18n/messages";
import { reportPath } from "@/lib/reports/paths";
import { DraftEditor } from "./DraftEditor";
import { previewMarkdownAction, saveDraftAction } from "../../actions";

type Props = { params: Promise<{ id: string }> };

const MESSAGES: MessageKey[] = [
  "errors.unexpected", "errors.forbidden", "errors.not_found", "errors.conflict", "validation.checkFields", "validation.required", "validation.tooLong", "validation.invalid", "validation.controlChars",
  "validation.markdown.tooLong", "validation.markdown.html", "validation.markdown.scriptLink", "validation.reports.tooManyRecommendations",
  "reports.saved", "reports.sending", "reports.saveDraft", "reports.preview", "reports.markdownHint", "reports.field.title", "reports.changeNote", "reports.recommendationsList", "reports.recommendationN", "reports.reflectsNeeds", "reports.removeRecommendation", "reports.addRecommendation",
  "reports.notDraft", "reports.finalFrozen", "reports.staleSave", "reports.unknownSection", "reports.unknownNeed",
];

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("reports.edit") };
}

export default async function EditReportPage({ params }: Props) {
  const [{ id: raw }, { locale, t }] = await Promise.all([params, getI18n()]);
  const user = await requirePageOwnCityPermission("reports.write");
  const id = routeId(raw);
  const view = id === null ? null : await loadReportVersion(id, user);
  if (!view) notFound();
  const can = reportAbilities(view, user);
  const docT = translator(view.language);
  if (!can.canEdit) {
    return (
      <>
        <PageHeader title={view.title} />
        <p className="rounded-md bg-amber-50 p-3 text-sm" role="alert" data-testid="not-editable">{view.status === "final" ? t("reports.finalFrozen") : t("reports.notDraft")}</p>
        <Link href={reportPath(view.versionId)} className="mt-4 inline-block underline">{t("reports.backToReport")}</Link>
      </>
    );
  }
  const needs = view.snapshot.cities.flatMap((c) => c.needs.map((n) => ({ answerId: n.answerId, text: n.text, city: c.name[locale] || c.name.en })));
  return (
    <>
      <PageHeader title={t("reports.editTitle", { title: view.title })} description={t("reports.editHint")} actions={<Link href={reportPath(view.versionId)} className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm">{t("reports.backToReport")}</Link>} />
      <DraftEditor
        versionId={view.versionId}
        version={view.version}
        title={view.title}
        changeNote={view.changeNote}
        showChangeNote={view.number > 1}
        sections={view.sections.filter((s) => s.kind === "written").map((s) => ({ key: s.key, title: docT(`reports.section.${s.key}` as MessageKey) }))}
        written={view.written}
        recommendations={view.recommendations.map((r) => ({ body: r.body, needs: r.needIds }))}
        needs={needs}
        save={saveDraftAction}
        preview={previewMarkdownAction}
        messages={pickMessages(t, MESSAGES)}
        locale={locale}
      />
    </>
  );
}

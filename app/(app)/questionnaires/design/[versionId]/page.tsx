import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PageHeader } from "@/components/ui/PageHeader";
import { FormStatus } from "@/components/ui/FieldError";
import { ActionForm } from "@/components/ui/ActionForm";
import { QuestionnaireTabs } from "../../QuestionnaireTabs";
import { VersionStatusBadge } from "../VersionStatusBadge";
import { VersionList } from "../VersionList";
import { QuestionSummary } from "../QuestionSummary";
import { editVersionAction } from "../actions";
import { VersionEditor } from "./VersionEditor";
import { EDITOR_MESSAGE_KEYS } from "./editor-messages";
import { toEditor } from "./editor-model";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadIndicatorChoices, loadVersionForDesign, loadVersionList } from "@/server/loaders/questionnaires";
import { LOCALE_NAMES } from "@/lib/i18n/config";
import { pickMessages, type MessageKey } from "@/lib/i18n/messages";
import { localize } from "@/lib/questionnaires/view";

const paramsSchema = z.object({ versionId: z.coerce.number().int().positive().max(2_147_483_647) });

async function versionOf(params: Promise<{ versionId: string }>) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const found = await loadVersionForDesign(parsed.data.versionId);
  if (!found) notFound();
  return found;
}

export async function generateMetadata({ params }: { params: Promise<{ versionId: string }> }): Promise<Metadata> {
  await requirePagePermission("questionnaires.design");
  const [{ t, locale }, { version }] = await Promise.all([getI18n(), versionOf(params)]);
  return { title: t("questionnaire.design.versionTitle", { title: localize(version.title, locale), number: version.number }) };
}

const NOTICES: Record<string, MessageKey> = { created: "questionnaire.design.createdNotice", published: "questionnaire.design.publishedNotice", newVersion: "questionnaire.design.newVersionNotice" };

/**
 * One version: a draft opens in the editor; a published one is shown read-only, with "Edit" (which
 * opens the questionnaire's draft, made as version n + 1 if there is none) and every version below.
 */
export default async function VersionPage({ params, searchParams }: { params: Promise<{ versionId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("questionnaires.design");
  const [{ t, format, locale }, { version, questions }, query] = await Promise.all([getI18n(), versionOf(params), searchParams]);
  const [versions, indicators] = await Promise.all([loadVersionList(version.questionnaireId), version.status === "draft" ? loadIndicatorChoices() : Promise.resolve([])]);
  const draft = versions.find((v) => v.status === "draft");
  const notice = Object.entries(NOTICES).find(([name]) => query[name] === "1")?.[1];
  const title = localize(version.title, locale);
  const previewHref = `/questionnaires/design/${version.id}/preview?lang=${locale}`;

  return (
    <>
      <PageHeader title={t("nav.questionnaires")} />
      <QuestionnaireTabs current="design" t={t} actor={actor} />
      <p className="mb-3 text-sm"><Link href="/questionnaires/design" className="text-brand-700 underline">{t("questionnaire.design.back")}</Link></p>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h2 className="break-words text-xl font-semibold" data-testid="version-title">{t("questionnaire.design.versionTitle", { title, number: version.number })}</h2>
        <VersionStatusBadge status={version.status} t={t} />
      </div>
      {notice ? (
        <div className="mb-4">
          <FormStatus ok message={t(notice)} testId="version-notice" />
        </div>
      ) : null}
      {version.status === "draft" ? (
        <VersionEditor
          versionId={version.id}
          revision={version.revision}
          initial={toEditor({ title: version.title, description: version.description, sections: version.sections, questions })}
          indicators={indicators.map((i) => ({ code: i.code, names: { en: i.nameEn, bn: i.nameBn, ne: i.nameNe }, unitLabel: t(`units.${i.unit}`) }))}
          languageNames={LOCALE_NAMES}
          locale={locale}
          messages={pickMessages(t, EDITOR_MESSAGE_KEYS)}
          previewHref={previewHref}
        />
      ) : (
        <div className="space-y-4">
          <p className="text-sm text-slate-700" data-testid="published-readonly">
            {t("questionnaire.design.readOnly", { when: version.publishedAt ? format.dateTime(version.publishedAt) : "" })}
          </p>
          <div className="flex flex-wrap items-start gap-3">
            {draft ? (
              <Link href={`/questionnaires/design/${draft.id}`} className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700" data-testid="open-draft">
                {t("questionnaire.design.openDraft", { number: draft.number })}
              </Link>
            ) : (
              <ActionForm
                action={editVersionAction}
                fields={{ versionId: String(version.id) }}
                label={t("questionnaire.design.edit", { number: Math.max(...versions.map((v) => v.number)) + 1 })}
                pendingLabel={t("questionnaire.design.making")}
                variant="primary"
                errors={pickMessages(t, ["errors.unexpected", "errors.forbidden", "errors.not_found"])}
                testId="edit-version"
              />
            )}
            <Link href={previewHref} className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">{t("questionnaire.design.preview")}</Link>
          </div>
          <QuestionSummary version={version} questions={questions} t={t} locale={locale} />
        </div>
      )}
      <VersionList versions={versions} currentId={version.id} t={t} format={format} />
    </>
  );
}

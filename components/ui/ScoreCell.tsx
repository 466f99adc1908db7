import type { Formatters } from "@/lib/i18n/messages";

/**
 * A 0–100 score as a number on a tinted background. The number carries the meaning; the tint
 * (blue → amber, readable by colour-blind people) only helps scanning.
 */
export function scoreTone(score: number | null): string {
  if (score === null) return "text-slate-400";
  if (score >= 75) return "bg-sky-100 text-sky-950";
  if (score >= 50) return "bg-sky-50 text-slate-900";
  if (score >= 25) return "bg-amber-50 text-amber-950";
  return "bg-amber-100 text-amber-950";
}

export function ScoreCell({ score, format, testId }: { score: number | null; format: Formatters; testId?: string }) {
  return (
    <td className={`px-3 py-2 text-right tabular-nums ${scoreTone(score)}`} data-testid={testId}>
      {score === null ? "—" : format.number(score, { maximumFractionDigits: 0 })}
    </td>
  );
}

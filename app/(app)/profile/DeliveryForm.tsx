"use client";

import { useActionState } from "react";
import { saveDeliveryAction } from "./actions";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import { DELIVERIES, type Delivery, type NoticeKind } from "@/lib/domain";

/**
 * Per kind of notice: mail at once, one mail a day, or no mail (the bell shows every notice
 * whatever is chosen). Radio groups in a table, so the choices read by keyboard and screen reader.
 */
export function DeliveryForm({ kinds, messages }: { kinds: readonly { kind: NoticeKind; label: string; delivery: Delivery }[]; messages: MessageSubset }) {
  const tr = subsetTranslator(messages);
  const [state, action] = useActionState(saveDeliveryAction, null);
  return (
    <form action={action} data-testid="delivery-form">
      {state ? (
        <div className="mb-3">
          <FormStatus ok={state.ok} message={state.ok ? tr("profile.deliverySaved") : tr(state.error)} testId="delivery-status" />
        </div>
      ) : null}
      <div className="overflow-x-auto">
        <table className="mb-4 w-full text-sm">
          <thead>
            <tr className="text-left">
              <th scope="col" className="py-2 pr-3 font-medium">{tr("profile.deliveryKind")}</th>
              {DELIVERIES.map((d) => (
                <th key={d} scope="col" className="px-2 py-2 text-center font-medium">{tr(`profile.delivery.${d}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {kinds.map(({ kind, label, delivery }) => (
              <tr key={kind} className="border-t border-slate-100">
                <th scope="row" className="py-2 pr-3 text-left font-normal" id={`delivery-${kind}`}>{label}</th>
                {DELIVERIES.map((d) => (
                  <td key={d} className="px-2 py-1 text-center">
                    <label className="inline-flex min-h-10 min-w-10 items-center justify-center">
                      <input type="radio" name={kind} value={d} defaultChecked={delivery === d} aria-labelledby={`delivery-${kind}`} aria-label={tr(`profile.delivery.${d}`)} className="h-5 w-5" />
                    </label>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SubmitButton pendingLabel={tr("common.saving")}>{tr("profile.deliverySave")}</SubmitButton>
    </form>
  );
}

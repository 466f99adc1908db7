import { namesOf } from "@/server/api";
import { apiRoute } from "@/server/route";
import { getFramework } from "@/db/queries/framework";

export const dynamic = "force-dynamic";

/** The CWIS framework: components in order with their active indicators, and the lenses. Public. */
export const GET = apiRoute({
  auth: "optional",
  run: async ({ db }) => {
    const framework = await getFramework(db);
    return {
      components: framework.components.map((component) => ({
        code: component.code,
        ...namesOf(component),
        indicators: component.indicators.map((indicator) => ({
          code: indicator.code,
          ...namesOf(indicator),
          unit: indicator.unit,
          direction: indicator.direction,
          target: indicator.target,
          worst: indicator.worst,
          lens: indicator.lensCode,
          frequency: indicator.frequency,
          provisional: indicator.provisional,
        })),
      })),
      lenses: framework.lenses.map((lens) => ({ code: lens.code, kind: lens.kind, ...namesOf(lens) })),
    };
  },
});

import { z } from "zod";
import { DIRECTIONS, FREQUENCIES, LENS_KINDS, UNITS } from "@/lib/domain";

const localizedName = z.object({ en: z.string().min(1), bn: z.string().min(1), ne: z.string().min(1) });

/** Shape of db/data/cwis-framework.json, checked before seeding so a bad edit fails loudly. */
export const frameworkFileSchema = z.object({
  lenses: z.array(z.object({ code: z.string().min(1), kind: z.enum(LENS_KINDS), name: localizedName })),
  units: z.record(z.enum(UNITS), z.object({ min: z.number(), max: z.number().nullable() })),
  components: z.array(
    z.object({
      code: z.string().min(1),
      name: localizedName,
      indicators: z.array(
        z.object({
          code: z.string().regex(/^[A-Z]+-\d+$/),
          name: z.string().min(1),
          unit: z.enum(UNITS),
          direction: z.enum(DIRECTIONS),
          target: z.number(),
          worst: z.number().optional(),
          lens: z.string().min(1),
          frequency: z.enum(FREQUENCIES),
          provisional: z.boolean().optional(),
        }),
      ),
    }),
  ),
});

export const indicatorTranslationsSchema = z.record(z.string(), z.object({ bn: z.string().min(1), ne: z.string().min(1) }));

export type FrameworkFile = z.infer<typeof frameworkFileSchema>;

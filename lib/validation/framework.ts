import { z } from "zod";
import { directionEnum, frequencyEnum, lensKindEnum, unitEnum } from "@/db/schema";

const localizedName = z.object({ en: z.string().min(1), bn: z.string().min(1), ne: z.string().min(1) });

/** Shape of db/data/cwis-framework.json, checked before seeding so a bad edit fails loudly. */
export const frameworkFileSchema = z.object({
  lenses: z.array(z.object({ code: z.string().min(1), kind: z.enum(lensKindEnum.enumValues), name: localizedName })),
  units: z.record(z.enum(unitEnum.enumValues), z.object({ min: z.number(), max: z.number().nullable() })),
  components: z.array(
    z.object({
      code: z.string().min(1),
      name: localizedName,
      indicators: z.array(
        z.object({
          code: z.string().regex(/^[A-Z]+-\d+$/),
          name: z.string().min(1),
          unit: z.enum(unitEnum.enumValues),
          direction: z.enum(directionEnum.enumValues),
          target: z.number(),
          worst: z.number().optional(),
          lens: z.string().min(1),
          frequency: z.enum(frequencyEnum.enumValues),
          provisional: z.boolean().optional(),
        }),
      ),
    }),
  ),
});

export const indicatorTranslationsSchema = z.record(z.string(), z.object({ bn: z.string().min(1), ne: z.string().min(1) }));

export type FrameworkFile = z.infer<typeof frameworkFileSchema>;

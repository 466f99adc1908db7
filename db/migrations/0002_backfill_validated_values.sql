-- Values validated before validated_value existed keep counting: their value is the validated one.
UPDATE "indicator_values"
SET "validated_value" = "value", "validated_at" = coalesce("reviewed_at", "entered_at")
WHERE "status" = 'validated' AND "validated_value" IS NULL;

/** Schemas and helpers every route file uses. */
import { z } from 'zod';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('stable, machine-readable'),
      message: z.string().describe('what failed and what to do about it'),
      details: z.unknown().optional(),
    }),
  })
  .describe('Error');

/** The error responses every private route can give. */
export const privateErrors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
};

export const IdParams = z.strictObject({ id: z.string().min(1).max(200) });

/** An incident named in the path by uuid or number. */
export const IncidentParams = z.strictObject({ id: z.string().min(1).max(200).describe('incident uuid or number') });

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

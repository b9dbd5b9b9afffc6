/**
 * The config document and the plan, as zod schemas shared with HTTP. The
 * document is `{ version: 1, <kind>: [...] }` with one optional list per
 * kind in config.kinds.ts; a kind left out is not managed.
 */
import { z } from 'zod';
import { configObject, duplicateIssues, invalidDocument, issuesOf, type ConfigResource } from '../config-kit/index.js';
import { CONFIG_RESOURCES } from './config.kinds.js';

export const CONFIG_VERSION = 1;

type Resources = (typeof CONFIG_RESOURCES)[number];
type ItemOf<R> = R extends ConfigResource<infer Item, unknown, string> ? Item : never;

/** `{ version: 1, users?: ConfigUser[], teams?: ConfigTeam[], ... }`, typed from the list of kinds. */
export type ConfigDocument = { version: typeof CONFIG_VERSION } & { [R in Resources as R['key']]?: ItemOf<R>[] };

const documentShape = {
  version: z.literal(CONFIG_VERSION, {
    error: (issue) =>
      issue.input === undefined
        ? `is required: start the document with "version: ${CONFIG_VERSION}"`
        : `must be ${CONFIG_VERSION}, the document version this Tocsin reads`,
  }),
  ...Object.fromEntries(CONFIG_RESOURCES.map((r) => [r.key, z.array(r.itemSchema as z.ZodType).optional()])),
};

export const ConfigDocumentSchema = configObject(documentShape)
  .superRefine((document, ctx) => {
    for (const resource of CONFIG_RESOURCES as readonly ConfigResource[]) {
      const items = (document as Record<string, unknown>)[resource.key] as unknown[] | undefined;
      for (const issue of duplicateIssues(items ?? [], (item) => resource.identify(item))) {
        ctx.addIssue({ code: 'custom', message: issue.message, path: [resource.key, ...issue.path] });
      }
    }
  })
  .describe('A Tocsin config document (config as code)') as unknown as z.ZodType<ConfigDocument>;

/** Parses a document from JSON or YAML input, or fails with every problem and where it is. */
export function parseConfigDocument(input: unknown): ConfigDocument {
  const result = ConfigDocumentSchema.safeParse(input, { reportInput: true });
  if (!result.success) throw invalidDocument(issuesOf(result.error));
  return result.data;
}

export const ConfigRequestSchema = z.strictObject({
  document: ConfigDocumentSchema,
  prune: z.boolean().default(false).describe('remove what the file leaves out: delete teams, disable users'),
});

export const ConfigChangeSchema = z.object({
  kind: z.string().describe('user, team, membership, ...'),
  action: z.enum(['create', 'update', 'delete', 'disable']),
  key: z.string().describe('what the change is about: an email, a slug, "slug/email"'),
  line: z.string().describe('for people, e.g. `+ team payments "Payments"`'),
});

export const ConfigApplyRequestSchema = ConfigRequestSchema.extend({
  expectedFingerprint: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'a plan fingerprint is 64 hexadecimal characters, as the plan gave it')
    .optional()
    .describe(
      "the plan's fingerprint as it was reviewed: when the plan is no longer the same, nothing is applied (409)",
    ),
});

export const ConfigPlanSchema = z.object({
  changes: z.array(ConfigChangeSchema).describe('in the order they are applied; empty when Tocsin already matches'),
  warnings: z.array(z.string()),
  fingerprint: z
    .string()
    .describe('SHA-256 of the changes: give it to apply as expectedFingerprint to apply this plan and no other'),
});
export type ConfigChange = z.infer<typeof ConfigChangeSchema>;
export type ConfigPlan = z.infer<typeof ConfigPlanSchema>;

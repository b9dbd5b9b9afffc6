/**
 * Shapes of integration keys and their settings per source type: a webhook's
 * field mapping, an email key's dedup rule, a heartbeat's interval. The
 * ingest adapters read these settings; what is stored here is what they get.
 */
import { z } from 'zod';
import type { IntegrationType } from '../../db/schema.js';

export const INTEGRATION_TYPES = [
  'events_v2',
  'alertmanager',
  'grafana',
  'datadog',
  'webhook',
  'email',
  'heartbeat',
] as const satisfies readonly IntegrationType[];
export const IntegrationTypeSchema = z.enum(INTEGRATION_TYPES);

/** What a key is called when its creator gives no name. */
export const DEFAULT_KEY_NAMES: Record<IntegrationType, string> = {
  events_v2: 'Events API v2',
  alertmanager: 'Prometheus Alertmanager',
  grafana: 'Grafana',
  datadog: 'Datadog',
  webhook: 'Webhook',
  email: 'Email',
  heartbeat: 'Heartbeat',
};

export const KeyNameSchema = z.string().trim().min(1).max(100);

/** `alert.title`, `alerts.0.labels.alertname`: object keys and array indexes joined by dots. */
export const JsonPathSchema = z
  .string()
  .max(200)
  .regex(
    /^[^.\s]+(\.[^.\s]+)*$/,
    'must be a dotted JSON path such as "title" or "alert.labels.severity" (array items by index: "alerts.0.name")',
  );

const MatchValuesSchema = z.array(z.string().min(1).max(100)).max(20);

const ActionMappingSchema = z
  .strictObject({
    path: JsonPathSchema.describe('where the value that says what happened is'),
    trigger: MatchValuesSchema.default([]).describe('values that trigger (or re-trigger) the alert'),
    resolve: MatchValuesSchema.default([]).describe('values that resolve it'),
    acknowledge: MatchValuesSchema.optional().describe('values that acknowledge it'),
  })
  .superRefine((action, ctx) => {
    const lists = [action.trigger, action.resolve, action.acknowledge ?? []];
    if (lists.every((list) => list.length === 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['trigger'],
        message: 'list the values that trigger and that resolve (or leave "action" out: then every request triggers)',
      });
    }
    const all = lists.flat().map((v) => v.toLowerCase());
    const twice = all.find((v, i) => all.indexOf(v) !== i);
    if (twice !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['resolve'],
        message: `"${twice}" is listed for two actions: a value cannot both trigger and resolve`,
      });
  });

export const WebhookSettingsSchema = z
  .strictObject({
    summary: JsonPathSchema.describe('where the alert summary is'),
    dedupKey: JsonPathSchema.describe('where the value that identifies one alert is'),
    severity: JsonPathSchema.optional().describe(
      'where critical, error, warning or info is (anything else counts as error)',
    ),
    source: JsonPathSchema.optional().describe('where the affected system is'),
    action: ActionMappingSchema.optional().describe('left out: every request triggers'),
  })
  .describe('the field mapping of a generic JSON webhook');

const RegexSchema = z
  .string()
  .min(1)
  .max(500)
  .refine(
    (pattern) => {
      try {
        new RegExp(pattern);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'is not a valid regular expression' },
  );

export const EmailSettingsSchema = z.strictObject({
  dedupRule: z
    .union([
      z.enum(['subject', 'message_id']),
      z.strictObject({
        regex: RegexSchema.describe('applied to the subject; the first group (or the whole match) is the dedup key'),
      }),
    ])
    .default('subject')
    .describe(
      'which mails are the same alert: same subject, same thread (Message-ID), or the same regex match in the subject',
    ),
  severity: z
    .enum(['critical', 'error', 'warning', 'info'])
    .optional()
    .describe('of every alert from this key; default error'),
});

export const HeartbeatSettingsSchema = z.strictObject({
  intervalSeconds: z
    .int({ error: 'must be a whole number of seconds' })
    .min(60, 'must be at least 60 seconds')
    .max(604_800, 'must be at most 604800 seconds (a week)')
    .describe('silence longer than this triggers an alert'),
});

const NoSettingsSchema = z.strictObject(
  {},
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'this type of key has no settings' : undefined) },
);

export const SETTINGS_SCHEMAS: Record<IntegrationType, z.ZodType<Record<string, unknown>>> = {
  events_v2: NoSettingsSchema,
  alertmanager: NoSettingsSchema,
  grafana: NoSettingsSchema,
  datadog: NoSettingsSchema,
  webhook: WebhookSettingsSchema,
  email: EmailSettingsSchema,
  heartbeat: HeartbeatSettingsSchema,
};

const keyOf = <T extends IntegrationType, S extends z.ZodType>(type: T, settings: S) =>
  z.strictObject({
    type: z.literal(type),
    name: KeyNameSchema.optional().describe('unique per service and type; default: the type, e.g. "Grafana"'),
    settings,
  });

export const CreateIntegrationKeySchema = z.discriminatedUnion('type', [
  keyOf('events_v2', NoSettingsSchema.default({})),
  keyOf('alertmanager', NoSettingsSchema.default({})),
  keyOf('grafana', NoSettingsSchema.default({})),
  keyOf('datadog', NoSettingsSchema.default({})),
  keyOf('webhook', WebhookSettingsSchema),
  keyOf('email', EmailSettingsSchema.default({ dedupRule: 'subject' })),
  keyOf('heartbeat', HeartbeatSettingsSchema),
]);
export type CreateIntegrationKeyInput = z.input<typeof CreateIntegrationKeySchema>;

export const UpdateIntegrationKeySchema = z.strictObject({
  name: KeyNameSchema.optional(),
  settings: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('the whole settings object, checked against the key type'),
});
export type UpdateIntegrationKeyInput = z.infer<typeof UpdateIntegrationKeySchema>;

export const EndpointSchema = z.object({
  label: z.string().describe('what it is for, e.g. "Events API v2"'),
  kind: z.enum(['url', 'email']),
  value: z.string().describe('the URL (or email address) to paste into the sender'),
});
export type Endpoint = z.infer<typeof EndpointSchema>;

export const HeartbeatStateSchema = z.object({
  intervalSeconds: z.number(),
  lastPingAt: z.string().nullable(),
  nextDueAt: z.string().nullable(),
  isFailing: z.boolean(),
});

/** A key as the use cases return it; the HTTP layer adds the endpoints, which need the public URL. */
export interface IntegrationKeyRecord {
  id: string;
  serviceId: string;
  type: IntegrationType;
  name: string;
  routingKey: string;
  settings: Record<string, unknown>;
  heartbeat: z.infer<typeof HeartbeatStateSchema> | null;
  createdAt: string;
  updatedAt: string;
}

export const IntegrationKeySchema = z.object({
  id: z.uuid(),
  serviceId: z.uuid(),
  type: IntegrationTypeSchema,
  name: z.string(),
  routingKey: z.string().describe('32 hex characters; where a sender puts it depends on the type (see endpoints)'),
  settings: z.record(z.string(), z.unknown()),
  endpoints: z.array(EndpointSchema).describe('where the sender sends: copy and paste these'),
  heartbeat: HeartbeatStateSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IntegrationKey = z.infer<typeof IntegrationKeySchema>;

/** Shapes of status pages, their components and page incidents, shared with the HTTP layer and config as code. */
import { z } from 'zod';
import { AppError } from '../../lib/errors.js';
import { contrastWithWhite } from './colors.js';
import { TemplateRefSchema } from './templates.schema.js';
import { COMPONENT_STATUSES, MAINTENANCE_STATES, PAGE_INCIDENT_STATES, PAGE_STATES } from './statuspages.types.js';

export const ComponentStatusSchema = z.enum(COMPONENT_STATUSES);
export const PageIncidentStateSchema = z.enum(PAGE_INCIDENT_STATES);
export const MaintenanceStateSchema = z.enum(MAINTENANCE_STATES);
export const PageStateSchema = z.enum(PAGE_STATES);

export const PageSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a slug is 1 to 63 lower-case letters, digits and dashes, such as "acme"');
const NameSchema = z.string().trim().min(1).max(100);
const DescriptionSchema = z.string().trim().max(500);
const HexColorSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, 'a colour is written #rrggbb, such as #1f4e8c')
  .refine((c) => contrastWithWhite(c) >= 4.5, {
    message:
      'this colour is too light: text on it (or it on white) needs a contrast of at least 4.5:1; choose a darker one',
  });
const LogoUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => /^https:\/\/[^\s"'<>]+$/i.test(u), { message: 'the logo must be an https:// URL' });
const TimeZoneSchema = z
  .string()
  .trim()
  .max(64)
  .refine((tz) => isTimeZone(tz), { message: 'not an IANA time zone such as Europe/Paris or UTC' });
const HostNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'a host name such as status.example.com (no scheme, port or path)',
  );

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const StatusPageSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  visibility: z.enum(['public', 'private']),
  secretLinkKey: z
    .string()
    .nullable()
    .describe('a private page: the key of its secret link (?key=...), shown to admins only; null when there is none'),
  logoUrl: z.string().nullable(),
  brandColor: z.string(),
  linkColor: z.string(),
  timeZone: z.string(),
  hostName: z.string().nullable(),
  path: z.string().describe('where the page is served on this server, e.g. /status/acme'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StatusPage = z.infer<typeof StatusPageSchema>;

const pageFields = {
  name: NameSchema,
  description: DescriptionSchema,
  visibility: z.enum(['public', 'private']).describe('public: anyone; private: signed-in members, or the secret link'),
  secretLink: z.boolean().describe('a private page: true makes (or keeps) a secret link, false removes it'),
  logoUrl: LogoUrlSchema.nullable(),
  brandColor: HexColorSchema.describe('the header, with white text on it (contrast at least 4.5:1)'),
  linkColor: HexColorSchema.describe('links on white (contrast at least 4.5:1)'),
  timeZone: TimeZoneSchema.describe('times on the page are shown in it'),
  hostName: HostNameSchema.nullable().describe('requests for this host are served this page, without cookies'),
};

export const CreateStatusPageSchema = z.strictObject({
  slug: PageSlugSchema,
  ...pageFields,
  description: pageFields.description.optional(),
  visibility: pageFields.visibility.optional(),
  secretLink: pageFields.secretLink.optional(),
  logoUrl: pageFields.logoUrl.optional(),
  brandColor: pageFields.brandColor.optional(),
  linkColor: pageFields.linkColor.optional(),
  timeZone: pageFields.timeZone.optional(),
  hostName: pageFields.hostName.optional(),
});
export type CreateStatusPageInput = z.infer<typeof CreateStatusPageSchema>;

export const UpdateStatusPageSchema = z.strictObject({
  slug: PageSlugSchema.optional(),
  name: pageFields.name.optional(),
  description: pageFields.description.optional(),
  visibility: pageFields.visibility.optional(),
  secretLink: pageFields.secretLink.optional(),
  logoUrl: pageFields.logoUrl.optional(),
  brandColor: pageFields.brandColor.optional(),
  linkColor: pageFields.linkColor.optional(),
  timeZone: pageFields.timeZone.optional(),
  hostName: pageFields.hostName.optional(),
});
export type UpdateStatusPageInput = z.infer<typeof UpdateStatusPageSchema>;

export const ComponentGroupSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  position: z.number().int(),
});
export type ComponentGroup = z.infer<typeof ComponentGroupSchema>;

export const CreateGroupSchema = z.strictObject({
  name: NameSchema,
  position: z.number().int().min(0).max(10_000).optional(),
});
export const UpdateGroupSchema = CreateGroupSchema.partial();
export type CreateGroupInput = z.infer<typeof CreateGroupSchema>;
export type UpdateGroupInput = z.infer<typeof UpdateGroupSchema>;

export const ComponentSchema = z.object({
  id: z.uuid(),
  pageId: z.uuid(),
  groupId: z.uuid().nullable(),
  name: z.string(),
  description: z.string(),
  position: z.number().int(),
  status: ComponentStatusSchema,
  serviceId: z.uuid().nullable().describe('the Tocsin service it follows'),
  statusFromSignals: z
    .boolean()
    .describe("its status follows its service's open incidents (S1 Service Disruption, S2 Partial, S3 Degraded)"),
  statusOverridden: z
    .boolean()
    .describe('a person set its status over the signals; clearOverride returns it to what the signals say'),
  signalStatus: ComponentStatusSchema.nullable().describe(
    'what the signals say now (statusFromSignals only; null otherwise)',
  ),
  updatedAt: z.string(),
});
export type Component = z.infer<typeof ComponentSchema>;

const confirmDisclosure = z
  .boolean()
  .describe(
    'needed to publish about a private or security incident, and to set Security Issue: the security team asked to publish it',
  );

export const CreateComponentSchema = z.strictObject({
  name: NameSchema,
  description: DescriptionSchema.optional(),
  groupId: z.uuid().nullable().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  status: ComponentStatusSchema.optional(),
  service: z.string().trim().min(1).max(200).nullable().optional().describe('service id or slug it follows'),
  statusFromSignals: z
    .boolean()
    .optional()
    .describe("its status follows its service's open incidents; needs a service"),
  confirmDisclosure: confirmDisclosure.optional(),
});
export type CreateComponentInput = z.infer<typeof CreateComponentSchema>;
export const UpdateComponentSchema = CreateComponentSchema.partial().extend({
  clearOverride: z
    .literal(true)
    .optional()
    .describe('drops a person-set status: the component returns to what the signals say (responders)'),
});
export type UpdateComponentInput = z.infer<typeof UpdateComponentSchema>;

export const PageIncidentUpdateSchema = z.object({
  id: z.uuid(),
  state: PageStateSchema,
  body: z.string().describe('Markdown; sanitised when rendered'),
  createdBy: z.string(),
  createdAt: z.string(),
});

export const PageIncidentSchema = z.object({
  id: z.uuid(),
  pageId: z.uuid(),
  kind: z.enum(['incident', 'maintenance']).describe('maintenance: a scheduled maintenance (its own states)'),
  title: z.string(),
  state: PageStateSchema,
  scheduledFor: z.string().nullable().describe('a maintenance: when its window starts (it starts by itself then)'),
  scheduledUntil: z.string().nullable().describe('a maintenance: when its window ends (it completes by itself then)'),
  incident: z
    .object({ id: z.uuid(), number: z.number().int() })
    .nullable()
    .describe('the internal incident it tells about; null when none, or when you may not see it'),
  disclosureConfirmed: z.boolean(),
  components: z.array(z.object({ id: z.uuid(), name: z.string(), status: ComponentStatusSchema })),
  updates: z.array(PageIncidentUpdateSchema).describe('newest first'),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type PageIncident = z.infer<typeof PageIncidentSchema>;

const BodySchema = z.string().trim().min(1).max(10_000);

export const CreatePageIncidentSchema = z.strictObject({
  template: TemplateRefSchema.optional(),
  title: z.string().trim().min(1).max(200).optional().describe('required unless the template gives one'),
  state: PageIncidentStateSchema.optional().describe("defaults from the linked incident's stage, else investigating"),
  body: BodySchema.optional().describe('the first update, Markdown; required unless a template gives it'),
  components: z.array(z.uuid()).max(200).optional().describe('ids of the affected components'),
  componentStatus: ComponentStatusSchema.optional().describe('the status the affected components take'),
  incident: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('the internal incident it tells about: uuid or number'),
  confirmDisclosure: confirmDisclosure.optional(),
});
export type CreatePageIncidentInput = z.infer<typeof CreatePageIncidentSchema>;

export const PostPageUpdateSchema = z.strictObject({
  template: TemplateRefSchema.optional(),
  state: PageStateSchema.describe(
    "an incident's state (investigating...resolved), or a maintenance's (scheduled, in_progress, verifying, completed)",
  ),
  body: BodySchema.optional().describe('Markdown; required unless a template gives it'),
  componentStatus: ComponentStatusSchema.optional().describe(
    'the status the affected components take; on resolved they return to operational unless given',
  ),
  confirmDisclosure: confirmDisclosure.optional(),
});
export type PostPageUpdateInput = z.infer<typeof PostPageUpdateSchema>;

export const DefinitionsSchema = z.object({
  statuses: z.array(z.object({ key: ComponentStatusSchema, label: z.string(), definition: z.string() })),
  states: z.array(z.object({ key: PageIncidentStateSchema, label: z.string(), definition: z.string() })),
  maintenanceStates: z.array(z.object({ key: MaintenanceStateSchema, label: z.string(), definition: z.string() })),
});

/** Parses a use case's input, failing as a 400 that lists what is wrong (never a bare ZodError). */
export function parseStatusPageInput<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const shown = issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  throw new AppError('validation_failed', `Invalid ${what}: ${shown.join('; ')}`, { details: { issues } });
}

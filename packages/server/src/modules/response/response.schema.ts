/** Shapes of incident response on the wire (zod), reused by the HTTP layer (ADR 17). */
import { z } from 'zod';
import { PrioritySchema, UrgencySchema } from '../incidents/index.js';

export const SeverityKeySchema = z.enum(['S1', 'S2', 'S3', 'S4']);
export type SeverityKey = z.infer<typeof SeverityKeySchema>;

export const STAGES = ['investigating', 'identified', 'monitoring', 'resolved', 'closed'] as const;
export const StageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof StageSchema>;

const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be lowercase letters, digits, - or _ (at most 63), e.g. data_loss');
const Instant = z.string().describe('ISO 8601 instant');
const Minutes = z.number().int().min(1).max(10_080).nullable().describe('minutes, 1 to 7 days; null = never');
const UserRefSchema = z.object({ id: z.uuid(), name: z.string() });

/** The optional steps of a declaration; the list grows (channel, ticket, document come later). */
export const DeclareStepsSchema = z.strictObject({
  pageImoc: z.boolean().optional().describe('engage (and page) the incident manager on call'),
  pageCmoc: z.boolean().optional().describe('engage (and page) the communications manager on call'),
  announceChannelId: z.uuid().optional().describe('a chat channel to announce the incident in'),
});
export type DeclareSteps = z.infer<typeof DeclareStepsSchema>;

export const SeveritySchema = z.object({
  key: SeverityKeySchema,
  name: z.string(),
  description: z.string(),
  engagesImoc: z.boolean().describe('declaring it, or raising an incident to it, engages the IMOC at once'),
  investigatingMinutes: Minutes.describe('Investigating this long after the EOC engaged engages the IMOC'),
  unacknowledgedMinutes: Minutes.describe('paging unacknowledged this long after declaration engages the IMOC'),
  troubleshootMinutes: Minutes.describe('the owner troubleshooting this long is reminded to call for backup'),
  updateMinutes: Minutes.describe(
    'how often a status update is owed; the CMOC (or owner) is reminded when one is late',
  ),
  detailedStatusReviewMinutes: Minutes.describe(
    "the owner is reminded when the live document's detailed status has not been saved this long, then again every interval until it is",
  ),
  defaultSteps: DeclareStepsSchema.describe('the optional declaration steps ticked by default'),
  updatedAt: Instant,
});
export type Severity = z.infer<typeof SeveritySchema>;

export const UpdateSeveritySchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().max(2000).optional(),
  engagesImoc: z.boolean().optional(),
  investigatingMinutes: Minutes.optional(),
  unacknowledgedMinutes: Minutes.optional(),
  troubleshootMinutes: Minutes.optional(),
  updateMinutes: Minutes.optional(),
  detailedStatusReviewMinutes: Minutes.optional(),
  defaultSteps: DeclareStepsSchema.omit({ announceChannelId: true }).optional(),
});
export type UpdateSeverityInput = z.infer<typeof UpdateSeveritySchema>;

export const CategorySchema = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  builtin: z.boolean(),
});
export type Category = z.infer<typeof CategorySchema>;

export const CreateCategorySchema = z.strictObject({
  slug: Slug,
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000).default(''),
});

// No defaults here: a field left out stays as it is.
export const UpdateCategorySchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().max(2000).optional(),
});
export type UpdateCategoryInput = z.input<typeof UpdateCategorySchema>;

export const ResponseRoleSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  alias: z.string().describe('what seed 001 calls the same role, e.g. Incident commander'),
  description: z.string(),
  rank: z
    .number()
    .int()
    .nullable()
    .describe('owning roles: 1 is engaged first, ownership passes up; null = not owning'),
  schedule: z
    .object({ id: z.uuid(), name: z.string() })
    .nullable()
    .describe('whoever is on call on it holds the role when it is engaged without naming someone'),
  builtin: z.boolean(),
});
export type ResponseRole = z.infer<typeof ResponseRoleSchema>;

export const CreateRoleSchema = z.strictObject({
  slug: Slug,
  name: z.string().trim().min(1).max(100),
  alias: z.string().max(100).default(''),
  description: z.string().max(2000).default(''),
  rank: z.number().int().min(1).max(20).nullable().default(null),
  scheduleId: z.string().min(1).max(200).nullable().default(null).describe('schedule id or name'),
});
export type CreateRoleInput = z.input<typeof CreateRoleSchema>;

// No defaults here: a field left out stays as it is.
export const UpdateRoleSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  alias: z.string().max(100).optional(),
  description: z.string().max(2000).optional(),
  rank: z.number().int().min(1).max(20).nullable().optional(),
  scheduleId: z.string().min(1).max(200).nullable().optional().describe('schedule id or name; null = none'),
});
export type UpdateRoleInput = z.input<typeof UpdateRoleSchema>;

export const PageChoiceSchema = z
  .enum(['none', 'eoc', 'policy'])
  .describe("who is paged: nobody (the declarer is EOC), the service's EOC, or its escalation policy");
export type PageChoice = z.infer<typeof PageChoiceSchema>;

export const DeclareResponseSchema = z.strictObject({
  serviceId: z.string().min(1).max(200).describe('the service that pages: id or slug'),
  title: z.string().trim().min(1).max(500),
  severity: SeverityKeySchema,
  page: PageChoiceSchema.optional().describe('default: eoc, or none for a near miss'),
  category: Slug.optional(),
  impactedServiceIds: z
    .array(z.string().min(1).max(200))
    .max(50)
    .optional()
    .describe('ids or slugs, besides serviceId'),
  nearMiss: z
    .boolean()
    .default(false)
    .describe('it could have been an incident of this severity; pages nobody unless asked'),
  steps: DeclareStepsSchema.optional().describe("unset steps take the severity's defaults"),
  private: z
    .boolean()
    .optional()
    .describe('seen only by its members, the security team, owners and admins; default: true for category security'),
  urgency: UrgencySchema.default('high'),
  priority: PrioritySchema.nullable().default(null),
  details: z.string().max(20_000).optional(),
});
export type DeclareResponseInput = z.input<typeof DeclareResponseSchema>;

export const ReportSchema = z.strictObject({
  serviceId: z.string().min(1).max(200).describe('the service that seems broken: id or slug'),
  title: z.string().trim().min(1).max(500),
  severity: SeverityKeySchema.default('S4'),
  details: z.string().max(20_000).optional(),
});
export type ReportInput = z.input<typeof ReportSchema>;

export const PromoteSchema = z.strictObject({
  severity: SeverityKeySchema,
  category: Slug.optional(),
  private: z
    .boolean()
    .optional()
    .describe('seen only by its members, the security team, owners and admins; default: true for category security'),
  steps: DeclareStepsSchema.optional(),
});
export type PromoteInput = z.input<typeof PromoteSchema>;

export const ChangeSeveritySchema = z.strictObject({
  severity: SeverityKeySchema,
  reason: z.string().trim().max(2000).default(''),
});
export const ChangeStageSchema = z.strictObject({ stage: StageSchema });
export const ChangeCategorySchema = z.strictObject({ category: Slug.nullable() });
export const ImpactedServicesSchema = z.strictObject({
  serviceIds: z.array(z.string().min(1).max(200)).min(1).max(50).describe('ids or slugs; the paging service stays'),
});

export const EngageRoleSchema = z.strictObject({
  role: Slug.describe('role slug, e.g. imoc'),
  userId: z
    .uuid()
    .optional()
    .describe("who; default: whoever the role's schedule (or for the EOC, the service) has on call"),
  page: z.boolean().default(true).describe('page them (never twice for the same incident)'),
});
export const TakeRoleSchema = z.strictObject({ role: Slug });
export const HandoffRequestSchema = z.strictObject({
  role: Slug.optional().describe('the role to hand off; default: the one that makes you owner'),
  toUserId: z.uuid(),
  note: z.string().max(2000).default(''),
});
export const LinkSchema = z.strictObject({ otherId: z.string().min(1).max(200).describe('incident uuid or number') });
export const MergeSchema = z.strictObject({
  intoId: z.string().min(1).max(200).describe('the incident this one joins: uuid or number'),
});

export const RoleHolderSchema = z.object({
  role: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), rank: z.number().int().nullable() }),
  user: UserRefSchema,
  engagedAt: Instant.describe('when they were engaged (asked, and paged unless already)'),
  engagedBy: z.string(),
  acceptedAt: Instant.nullable().describe('when they took it up themselves; null while only asked'),
  how: z.enum(['engaged', 'took', 'handoff', 'declared']),
  paged: z.boolean(),
  endedAt: Instant.nullable(),
});
export type RoleHolder = z.infer<typeof RoleHolderSchema>;

export const HandoffSchema = z.object({
  id: z.uuid(),
  role: z.object({ slug: z.string(), name: z.string() }),
  from: UserRefSchema,
  to: UserRefSchema,
  note: z.string(),
  state: z.enum(['pending', 'accepted', 'declined', 'cancelled']),
  requestedAt: Instant,
  settledAt: Instant.nullable(),
});
export type Handoff = z.infer<typeof HandoffSchema>;

export const ChecklistItemSchema = z.object({
  key: z.string(),
  label: z.string(),
  done: z.boolean(),
  auto: z.boolean().describe('Tocsin knows the answer and ticks it itself'),
});

export const IncidentResponseSchema = z.object({
  incidentId: z.uuid(),
  severity: SeverityKeySchema,
  stage: StageSchema,
  category: z.string().nullable(),
  nearMiss: z.boolean(),
  private: z.boolean().describe('seen only by its members (ADR 18)'),
  origin: z.enum(['declared', 'reported', 'promoted']),
  owner: UserRefSchema.nullable(),
  ownerRole: z.string().nullable().describe('slug of the role that makes them owner'),
  ownerSince: Instant.nullable(),
  declaredBy: z.string(),
  declaredAt: Instant,
  stageChangedAt: Instant,
  resolvedAt: Instant.nullable(),
  closedAt: Instant.nullable(),
  impactedServices: z.array(z.object({ id: z.uuid(), slug: z.string(), name: z.string() })),
  roles: z.array(RoleHolderSchema).describe('current holders first, then past ones'),
  handoffs: z.array(HandoffSchema),
  severityChanges: z.array(
    z.object({
      from: SeverityKeySchema.nullable(),
      to: SeverityKeySchema,
      by: z.string(),
      reason: z.string(),
      at: Instant,
    }),
  ),
  stakeholders: z.array(z.object({ user: UserRefSchema, reason: z.enum(['reporter', 'subscriber']) })),
  links: z.array(
    z.object({
      incident: z.object({ id: z.uuid(), number: z.number().int(), title: z.string() }),
      kind: z.enum(['related', 'merged_into', 'merged_from']),
    }),
  ),
  checklist: z.array(ChecklistItemSchema).describe("seed 003's start checklist, shown until done"),
  nextRuleAt: Instant.nullable(),
  nextUpdateDueAt: Instant.nullable().describe(
    'when the next status update is owed (past = overdue); null = no cadence',
  ),
  detailedStatusReviewDueAt: Instant.nullable().describe(
    'when the detailed status is due for review (past = overdue: the owner is being reminded); null = no review (off for the severity, resolved, or a near miss)',
  ),
});
export type IncidentResponse = z.infer<typeof IncidentResponseSchema>;

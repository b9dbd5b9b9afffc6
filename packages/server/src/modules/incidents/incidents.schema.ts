/** Shapes of incidents on the wire (zod), reused by the HTTP layer. */
import { z } from 'zod';

export const IncidentStatusSchema = z.enum(['triggered', 'acknowledged', 'resolved']);
export const UrgencySchema = z.enum(['high', 'low']);
export const PrioritySchema = z.enum(['P1', 'P2', 'P3', 'P4', 'P5']);

const Instant = z.string().describe('ISO 8601 instant');
const UserRefSchema = z.object({ id: z.uuid(), name: z.string() });

export const PolicySnapshotSchema = z.object({
  id: z.string(),
  name: z.string(),
  repeatCount: z.number().int(),
  levels: z.array(
    z.object({
      delayMinutes: z.number().int(),
      targets: z.array(
        z.object({ type: z.enum(['user', 'team', 'schedule', 'channel']), id: z.string(), label: z.string() }),
      ),
    }),
  ),
});

export const IncidentSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  status: IncidentStatusSchema,
  urgency: UrgencySchema,
  priority: PrioritySchema.nullable(),
  service: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  assignees: z.array(UserRefSchema).describe('who the last escalation step or reassignment paged'),
  alertCount: z.number().int(),
  triggeredAt: Instant,
  acknowledgedAt: Instant.nullable().describe('the first acknowledgement (MTTA)'),
  acknowledgedBy: UserRefSchema.nullable(),
  resolvedAt: Instant.nullable(),
  resolvedBy: UserRefSchema.nullable(),
  snoozedUntil: Instant.nullable(),
  declaredAt: Instant.nullable().describe('when it was declared (or promoted); null for an incident only paged'),
  response: z
    .object({
      severity: z.enum(['S1', 'S2', 'S3', 'S4']),
      stage: z.enum(['investigating', 'identified', 'monitoring', 'resolved', 'closed']),
      nearMiss: z.boolean(),
      private: z.boolean().describe('seen only by its members, the security team, owners and admins (ADR 18)'),
      owner: UserRefSchema.nullable(),
    })
    .nullable()
    .describe('the response of a declared incident, in short (GET .../response has it all); null when only paged'),
  escalation: z.object({
    policy: PolicySnapshotSchema.describe('the policy as it was when the incident triggered or was reassigned'),
    level: z.number().int().describe('the level last notified in this pass, 1-based; 0 before the first'),
    loop: z.number().int().describe('the pass over the policy, 0-based'),
    nextEscalationAt: Instant.nullable().describe('when the next level is notified; null when escalation has stopped'),
  }),
  createdBy: z.string(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Incident = z.infer<typeof IncidentSchema>;

const STAGE_LIST =
  /^(investigating|identified|monitoring|resolved|closed)(,(investigating|identified|monitoring|resolved|closed))*$/;
const STATUS_LIST = /^(triggered|acknowledged|resolved)(,(triggered|acknowledged|resolved))*$/;

export const IncidentListQuerySchema = z.strictObject({
  status: z
    .string()
    .regex(STATUS_LIST, 'must be one or more of triggered, acknowledged, resolved, separated by commas')
    .optional()
    .describe('comma-separated statuses, e.g. triggered,acknowledged'),
  serviceId: z.uuid().optional(),
  teamId: z.uuid().optional().describe('incidents of the services this team owns'),
  urgency: UrgencySchema.optional(),
  severity: z
    .string()
    .regex(/^S[1-4](,S[1-4])*$/, 'must be one or more of S1, S2, S3, S4, separated by commas')
    .optional()
    .describe('declared incidents of these severities, e.g. S1,S2'),
  stage: z
    .string()
    .regex(
      STAGE_LIST,
      'must be one or more of investigating, identified, monitoring, resolved, closed, separated by commas',
    )
    .optional()
    .describe('declared incidents at these stages'),
  declared: z.enum(['true', 'false']).optional().describe('true: declared only; false: paged only'),
  nearMiss: z.enum(['true', 'false']).optional(),
  role: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be a role slug, e.g. imoc')
    .optional()
    .describe('incidents where someone holds this role now (with mine: you do)'),
  mine: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: incidents you own, hold a role in, or are assigned (paged) to'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^\d+$/, 'must be the nextCursor of the previous page').optional(),
});
export type IncidentListQuery = z.infer<typeof IncidentListQuerySchema>;

export interface IncidentFilters {
  status?: Array<z.infer<typeof IncidentStatusSchema>>;
  serviceId?: string;
  teamId?: string;
  urgency?: z.infer<typeof UrgencySchema>;
  severity?: Array<'S1' | 'S2' | 'S3' | 'S4'>;
  stage?: Array<'investigating' | 'identified' | 'monitoring' | 'resolved' | 'closed'>;
  declared?: boolean;
  nearMiss?: boolean;
  /** Incidents where someone holds this role now (the user `mineOf`, when set). */
  role?: string;
  /** A user id: incidents they own or hold a role in (or `role`, with role). */
  mineOf?: string;
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export const IncidentPageSchema = z.object({
  items: z.array(IncidentSchema),
  nextCursor: z.string().nullable().describe('pass as `cursor` for the next page; null on the last page'),
});
export type IncidentPage = z.infer<typeof IncidentPageSchema>;

export const DeclareIncidentSchema = z.strictObject({
  serviceId: z.string().min(1).max(200).describe('the service id or slug'),
  title: z.string().trim().min(1).max(500),
  urgency: UrgencySchema.default('high'),
  priority: PrioritySchema.nullable().default(null),
  details: z.string().max(20_000).optional(),
});
export type DeclareIncidentInput = z.input<typeof DeclareIncidentSchema>;

export const SnoozeSchema = z.strictObject({
  minutes: z.number().int().min(1).max(10_080).describe('1 minute to 7 days'),
});

export const ReassignSchema = z.union([
  z.strictObject({ userIds: z.array(z.uuid()).min(1).max(20) }),
  z.strictObject({ policyId: z.uuid() }),
]);
export type ReassignInput = z.infer<typeof ReassignSchema>;

export const NoteSchema = z.strictObject({ text: z.string().trim().min(1).max(20_000) });

/** Shapes of status updates and their canned templates on the wire (zod), reused by the HTTP layer. */
import { z } from 'zod';
import { StageSchema } from './response.schema.js';

const Instant = z.string().describe('ISO 8601 instant');
const Text = z.string().trim().min(1).max(4000);

/** Where an update goes; more will come (the status page). */
export const UPDATE_AUDIENCES = ['internal', 'channel'] as const;
export type UpdateAudience = (typeof UPDATE_AUDIENCES)[number];

export const StatusUpdateSchema = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  message: z.string(),
  stage: StageSchema.describe('the stage once the update was posted'),
  audience: z
    .array(z.string())
    .describe("where it went: 'internal' (stakeholders and followers) always, 'channel' when announced"),
  postedBy: z.string(),
  postedAt: Instant,
});
export type StatusUpdate = z.infer<typeof StatusUpdateSchema>;

export const PostStatusUpdateSchema = z.strictObject({
  message: Text,
  stage: StageSchema.optional().describe('moves the stage too (only the owner resolves or closes)'),
});
export type PostStatusUpdateInput = z.infer<typeof PostStatusUpdateSchema>;

export const TEMPLATE_STAGES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export const TemplateStageSchema = z.enum(TEMPLATE_STAGES);
export type TemplateStage = z.infer<typeof TemplateStageSchema>;

export const UpdateTemplateSchema = z.object({
  stage: TemplateStageSchema,
  body: z.string().describe('canned text; {{title}}, {{severity}} and {{service}} are filled in for a draft'),
  updatedAt: Instant,
});
export type UpdateTemplate = z.infer<typeof UpdateTemplateSchema>;

export const EditUpdateTemplateSchema = z.strictObject({ body: Text });
export type EditUpdateTemplateInput = z.infer<typeof EditUpdateTemplateSchema>;

export const StatusUpdateDraftSchema = z.object({ stage: TemplateStageSchema, message: z.string() });
export type StatusUpdateDraft = z.infer<typeof StatusUpdateDraftSchema>;

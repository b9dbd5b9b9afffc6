/** The live state document's shapes (zod), reused by the HTTP routes and the OpenAPI document. */
import { z } from 'zod';

export const SECTION_KEYS = ['summary', 'detailed_status', 'stakeholders'] as const;
export const SectionKeySchema = z.enum(SECTION_KEYS).describe('a text section of the document');
export type SectionKey = z.infer<typeof SectionKeySchema>;

export const SECTION_TITLES: Record<SectionKey, string> = {
  summary: 'summary',
  detailed_status: 'detailed status',
  stakeholders: 'stakeholders',
};

const PersonRefSchema = z.object({ id: z.string(), name: z.string() });

export const DocumentSectionSchema = z
  .object({
    key: SectionKeySchema,
    text: z.string(),
    version: z.number().int().describe('0 before the first save; a save names the version it started from'),
    updatedBy: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .describe('DocumentSection');
export type DocumentSection = z.infer<typeof DocumentSectionSchema>;

export const SectionRevisionSchema = z
  .object({ version: z.number().int(), text: z.string(), savedBy: z.string(), savedAt: z.string() })
  .describe('SectionRevision');
export type SectionRevision = z.infer<typeof SectionRevisionSchema>;

export const ObjectiveSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    met: z.boolean(),
    metBy: z.string().nullable(),
    metAt: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .describe('ResolutionObjective');
export type Objective = z.infer<typeof ObjectiveSchema>;

export const FollowupActionSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    owner: PersonRefSchema.nullable(),
    dueDate: z.string().nullable().describe('YYYY-MM-DD'),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .describe('FollowupAction');
export type FollowupAction = z.infer<typeof FollowupActionSchema>;

export const DocumentLinkSchema = z
  .object({ id: z.string(), label: z.string(), url: z.string(), createdBy: z.string(), createdAt: z.string() })
  .describe('DocumentLink');
export type DocumentLink = z.infer<typeof DocumentLinkSchema>;

export const IncidentDocumentSchema = z
  .object({
    incidentId: z.string(),
    sections: z.array(DocumentSectionSchema),
    people: z
      .array(z.object({ user: PersonRefSchema, as: z.string().describe('a role held, or why they are a stakeholder') }))
      .describe("the response's role holders and stakeholders"),
    objectives: z.array(ObjectiveSchema),
    allObjectivesMet: z.boolean().describe('true when there is at least one objective and every one is met'),
    actions: z.array(FollowupActionSchema),
    links: z.array(DocumentLinkSchema),
    conferenceBridgeUrl: z.string().nullable().describe("the organisation's default conference bridge"),
  })
  .describe('IncidentDocument');
export type IncidentDocument = z.infer<typeof IncidentDocumentSchema>;

const webUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000);
const dueDate = z.iso.date({ error: 'must be a date, YYYY-MM-DD' });

export const SaveSectionSchema = z.strictObject({
  text: z.string().max(20_000),
  baseVersion: z.number().int().min(0).describe('the version the edit started from'),
});

export const AddObjectiveSchema = z.strictObject({ text: z.string().trim().min(1).max(500) });
export const UpdateObjectiveSchema = z.strictObject({
  text: z.string().trim().min(1).max(500).optional(),
  met: z.boolean().optional(),
});

export const AddActionSchema = z.strictObject({
  text: z.string().trim().min(1).max(1000),
  ownerId: z.uuid().nullable().optional(),
  dueDate: dueDate.nullable().optional(),
});
export const UpdateActionSchema = AddActionSchema.partial();

export const AddLinkSchema = z.strictObject({ label: z.string().trim().min(1).max(200), url: webUrl });

export const ConferenceBridgeSchema = z.strictObject({ url: webUrl.nullable() });

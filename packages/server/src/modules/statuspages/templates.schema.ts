/** Shapes of page templates, shared with the HTTP layer and config as code. */
import { z } from 'zod';

export const PageTemplateSchema = z.object({
  id: z.uuid(),
  pageId: z.uuid(),
  name: z.string(),
  title: z.string().describe('the page incident title it fills; empty for an update-only template'),
  body: z.string().describe('the message it fills, Markdown'),
  updatedAt: z.string(),
});
export type PageTemplate = z.infer<typeof PageTemplateSchema>;

export const CreateTemplateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  title: z.string().trim().max(200).optional(),
  body: z.string().trim().min(1).max(10_000),
});
export type CreateTemplateInput = z.infer<typeof CreateTemplateSchema>;
export const UpdateTemplateSchema = CreateTemplateSchema.partial();
export type UpdateTemplateInput = z.infer<typeof UpdateTemplateSchema>;

/** The `template` field of what is published: a template's id or name on the page. */
export const TemplateRefSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .describe('a template of the page (id or name): fills the title and message you leave out');

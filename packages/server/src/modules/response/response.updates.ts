/**
 * Status updates on a declared incident (seeds 003 and 004): a responder
 * posts one, optionally moving the stage (owner rules apply); it joins the
 * timeline and IncidentStatusUpdated tells the stakeholders and followers
 * (quietly, on their own contact methods) and the announce channel. Posting
 * restarts the severity's update cadence. Drafts fill the organisation's
 * canned text for a stage.
 */
import { requireRole } from '../access/index.js';
import type { Ctx } from '../context.js';
import { actorName, loadIncident, requireIncidentRow } from '../incidents/index.js';
import { publishEvent } from '../../db/outbox.js';
import { newId } from '../../lib/ids.js';
import { badRequest, conflict } from '../../lib/errors.js';
import { appendTimelineEntry } from '../timeline/index.js';
import { change, moveStage } from './response.change.js';
import type { IncidentStatusUpdatedEvent } from './response.events.js';
import { findResponse, selectStakeholders, updateResponse } from './response.repo.js';
import { fillTemplate, requireTemplate } from './response.templates.js';
import type { Declared } from './response.state.js';
import {
  PostStatusUpdateSchema,
  TemplateStageSchema,
  type PostStatusUpdateInput,
  type StatusUpdate,
  type StatusUpdateDraft,
  type UpdateAudience,
} from './response.updates.schema.js';
import { insertUpdate, selectUpdates, type UpdateRow } from './response.updates.repo.js';

const toUpdate = (row: UpdateRow): StatusUpdate => ({
  id: row.id,
  incidentId: row.incident_id,
  message: row.message,
  stage: row.stage,
  audience: row.audience,
  postedBy: row.posted_by_label,
  postedAt: row.posted_at.toISOString(),
});

async function post(ctx: Ctx, declared: Declared, message: string, id: string): Promise<void> {
  const { incident, response } = declared;
  const now = ctx.clock.now();
  const by = await actorName(ctx.db, ctx.actor);
  const posterId = ctx.actor.type === 'user' ? ctx.actor.userId : null;
  const audience: UpdateAudience[] = ['internal', ...(response.announce_channel_id ? (['channel'] as const) : [])];
  await insertUpdate(ctx.db, {
    id,
    incident_id: incident.id,
    message,
    stage: response.stage,
    audience,
    posted_by: posterId,
    posted_by_label: by,
    posted_at: now,
  });
  const patch = { last_update_at: now, update_reminded_at: null, updated_at: now };
  await updateResponse(ctx.db, incident.id, patch);
  Object.assign(response, patch);
  await appendTimelineEntry(ctx.db, ctx, incident.id, {
    kind: 'status_update',
    message: `${by} posted a status update (${response.stage}): ${message}`,
    data: { updateId: id, stage: response.stage, audience },
  });
  const recipients = (await selectStakeholders(ctx.db, incident.id)).map((s) => s.user_id);
  const event: IncidentStatusUpdatedEvent = {
    incidentId: incident.id,
    number: Number(incident.number),
    title: incident.title,
    updateId: id,
    message,
    stage: response.stage,
    by,
    recipientIds: recipients.filter((userId) => userId !== posterId),
    announceChannelId: response.announce_channel_id,
  };
  await publishEvent(ctx.db, now, 'IncidentStatusUpdated', event, `${incident.id}:update:${id}`);
}

/** Posts a status update (responders), moving the stage first when asked; answers with the update. */
export async function postStatusUpdate(
  ctx: Ctx,
  idOrNumber: string,
  input: PostStatusUpdateInput,
): Promise<StatusUpdate> {
  requireRole(ctx.actor, 'responder', 'post status updates');
  const data = PostStatusUpdateSchema.parse(input);
  const id = newId();
  const incident = await change(ctx, idOrNumber, 'incident.status_updated', async (txCtx, declared) => {
    if (data.stage) await moveStage(txCtx, declared, data.stage);
    await post(txCtx, declared, data.message, id);
  });
  const [row] = (await selectUpdates(ctx.db, incident.id)).filter((u) => u.id === id);
  return toUpdate(row!);
}

/** The updates of a declared incident, newest first (anyone signed in). */
export async function listStatusUpdates(ctx: Ctx, idOrNumber: string): Promise<StatusUpdate[]> {
  const incident = await requireIncidentRow(ctx.db, idOrNumber, { as: ctx.actor });
  return (await selectUpdates(ctx.db, incident.id)).map(toUpdate);
}

/** The canned text of a stage (default: the incident's) filled for this incident (responders). */
export async function draftStatusUpdate(ctx: Ctx, idOrNumber: string, stage?: string): Promise<StatusUpdateDraft> {
  requireRole(ctx.actor, 'responder', 'draft status updates');
  const row = await requireIncidentRow(ctx.db, idOrNumber, { as: ctx.actor });
  const response = await findResponse(ctx.db, row.id);
  if (!response) throw conflict(`Incident #${row.number} is not declared: declare it first.`);
  const parsed = TemplateStageSchema.safeParse(stage ?? (response.stage === 'closed' ? 'resolved' : response.stage));
  if (!parsed.success) throw badRequest('stage must be one of investigating, identified, monitoring, resolved.');
  const incident = await loadIncident(ctx.db, row.id);
  const template = await requireTemplate(ctx.db, parsed.data);
  return {
    stage: parsed.data,
    message: fillTemplate(template.body, {
      title: incident.title,
      severity: response.severity,
      service: incident.service.name,
    }),
  };
}

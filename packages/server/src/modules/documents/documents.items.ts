/** Post-incident actions (text, optional owner and due date: the postmortem's action plan) and links. */
import { badRequest, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { Db } from '../../db/client.js';
import type { Ctx } from '../context.js';
import { selectUserNames } from '../users/index.js';
import { edited, editDocument } from './documents.edit.js';
import { deleteAction, deleteLink, insertAction, insertLink, selectActions, updateAction } from './documents.repo.js';
import type { IncidentDocument } from './documents.schema.js';

interface ActionInput {
  text?: string;
  ownerId?: string | null;
  dueDate?: string | null;
}

async function requireOwner(db: Db, ownerId: string | null | undefined): Promise<void> {
  if (!ownerId) return;
  const [user] = await selectUserNames(db, [ownerId]);
  if (!user) throw badRequest(`No user has the id ${ownerId}: name an existing person as the action's owner.`);
}

export const addAction = (
  ctx: Ctx,
  idOrNumber: string,
  input: ActionInput & { text: string },
): Promise<IncidentDocument> =>
  editDocument(ctx, idOrNumber, async ({ tx, incident, by }) => {
    await requireOwner(tx.db, input.ownerId);
    const id = newId(ctx.clock.now());
    const row = { text: input.text, owner_id: input.ownerId ?? null, due_date: input.dueDate ?? null };
    await insertAction(tx.db, {
      id,
      incident_id: incident.id,
      ...row,
      created_by_label: by,
      created_at: ctx.clock.now(),
    });
    return {
      action: 'incident.followup_action_added',
      after: { id, ...row },
      timeline: edited(`${by} added the post-incident action "${input.text}"`, 'actions'),
    };
  });

export const updateActionItem = (
  ctx: Ctx,
  idOrNumber: string,
  actionId: string,
  input: ActionInput,
): Promise<IncidentDocument> =>
  editDocument(ctx, idOrNumber, async ({ tx, incident, by }) => {
    const before = (await selectActions(tx.db, incident.id)).find((a) => a.id === actionId);
    if (!before) throw notFound('Post-incident action', actionId);
    await requireOwner(tx.db, input.ownerId);
    const change = {
      ...(input.text !== undefined && { text: input.text }),
      ...(input.ownerId !== undefined && { owner_id: input.ownerId }),
      ...(input.dueDate !== undefined && { due_date: input.dueDate }),
    };
    if (Object.keys(change).length === 0) return null;
    await updateAction(tx.db, incident.id, actionId, change);
    return {
      action: 'incident.followup_action_updated',
      before: { text: before.text, owner_id: before.owner_id, due_date: before.due_date },
      after: { id: actionId, ...change },
      timeline: edited(`${by} changed the post-incident action "${input.text ?? before.text}"`, 'actions'),
    };
  });

export const removeAction = (ctx: Ctx, idOrNumber: string, actionId: string): Promise<IncidentDocument> =>
  editDocument(ctx, idOrNumber, async ({ tx, incident, by }) => {
    const before = (await selectActions(tx.db, incident.id)).find((a) => a.id === actionId);
    if (!before || !(await deleteAction(tx.db, incident.id, actionId)))
      throw notFound('Post-incident action', actionId);
    return {
      action: 'incident.followup_action_removed',
      before: { id: actionId, text: before.text },
      after: null,
      timeline: edited(`${by} removed the post-incident action "${before.text}"`, 'actions'),
    };
  });

export const addLink = (
  ctx: Ctx,
  idOrNumber: string,
  input: { label: string; url: string },
): Promise<IncidentDocument> =>
  editDocument(ctx, idOrNumber, async ({ tx, incident, by }) => {
    const id = newId(ctx.clock.now());
    await insertLink(tx.db, {
      id,
      incident_id: incident.id,
      ...input,
      created_by_label: by,
      created_at: ctx.clock.now(),
    });
    return {
      action: 'incident.document_link_added',
      after: { id, ...input },
      timeline: edited(`${by} linked ${input.label}`, 'links'),
    };
  });

export const removeLink = (ctx: Ctx, idOrNumber: string, linkId: string): Promise<IncidentDocument> =>
  editDocument(ctx, idOrNumber, async ({ tx, incident, by }) => {
    if (!(await deleteLink(tx.db, incident.id, linkId))) throw notFound('Link', linkId);
    return {
      action: 'incident.document_link_removed',
      after: { id: linkId },
      timeline: edited(`${by} removed a link`, 'links'),
    };
  });

/**
 * Resolution objectives: measurable criteria, each met or not with who and
 * when. When a change leaves every objective met (and there is at least
 * one), the timeline says so and the owner is told (IncidentObjectivesMet).
 */
import { publishEvent } from '../../db/outbox.js';
import { notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { Ctx } from '../context.js';
import { appendTimelineEntry } from '../timeline/index.js';
import { edited, editDocument, type Change, type Editing } from './documents.edit.js';
import type { IncidentObjectivesMetEvent } from './documents.events.js';
import { deleteObjective, insertObjective, selectObjectives, updateObjective } from './documents.repo.js';
import type { IncidentDocument } from './documents.schema.js';
import { allMet } from './documents.view.js';

/** Runs a change of the objectives, then tells the owner if it is the one that made them all met. */
function editObjectives(
  ctx: Ctx,
  idOrNumber: string,
  change: (e: Editing) => Promise<Change | null>,
): Promise<IncidentDocument> {
  return editDocument(ctx, idOrNumber, async (e) => {
    const wasMet = allMet(await selectObjectives(e.tx.db, e.incident.id));
    const done = await change(e);
    const objectives = await selectObjectives(e.tx.db, e.incident.id);
    if (!done || wasMet || !allMet(objectives)) return done;
    // The change's own entry first, then "all met".
    if (done.timeline) await appendTimelineEntry(e.tx.db, e.tx, e.incident.id, done.timeline);
    await tellAllMet(e, objectives.length);
    return { ...done, timeline: undefined };
  });
}

async function tellAllMet({ tx, incident, response }: Editing, count: number): Promise<void> {
  const now = tx.clock.now();
  const owner = response.owner;
  await appendTimelineEntry(tx.db, tx, incident.id, {
    kind: 'objectives_met',
    message:
      `All ${count} resolution objective${count === 1 ? ' is' : 's are'} met` +
      (owner
        ? `: ${owner.name}, the owner, is told to resolve when satisfied`
        : ': nobody owns the incident to resolve it'),
    data: { count, ownerId: owner?.id ?? null },
  });
  if (!owner) return;
  const event: IncidentObjectivesMetEvent = {
    incidentId: incident.id,
    number: incident.number,
    title: incident.title,
    ownerId: owner.id,
    count,
    at: now.toISOString(),
  };
  await publishEvent(tx.db, now, 'IncidentObjectivesMet', event, `${incident.id}:${event.at}`);
}

const missing = (id: string) => notFound('Resolution objective', id);

export const addObjective = (ctx: Ctx, idOrNumber: string, input: { text: string }): Promise<IncidentDocument> =>
  editObjectives(ctx, idOrNumber, async ({ tx, incident, by }) => {
    const id = newId(ctx.clock.now());
    await insertObjective(tx.db, {
      id,
      incident_id: incident.id,
      text: input.text,
      created_by_label: by,
      created_at: ctx.clock.now(),
    });
    return {
      action: 'incident.objective_added',
      after: { id, text: input.text },
      timeline: edited(`${by} added the resolution objective "${input.text}"`, 'objectives'),
    };
  });

/** Edits an objective's text and/or marks it met (by whom, now) or not met. */
export const updateObjectiveItem = (
  ctx: Ctx,
  idOrNumber: string,
  objectiveId: string,
  input: { text?: string; met?: boolean },
): Promise<IncidentDocument> =>
  editObjectives(ctx, idOrNumber, async ({ tx, incident, by }) => {
    const before = (await selectObjectives(tx.db, incident.id)).find((o) => o.id === objectiveId);
    if (!before) throw missing(objectiveId);
    const metChanged = input.met !== undefined && input.met !== (before.met_at !== null);
    const textChanged = input.text !== undefined && input.text !== before.text;
    if (!metChanged && !textChanged) return null;
    await updateObjective(tx.db, incident.id, objectiveId, {
      ...(textChanged && { text: input.text }),
      ...(metChanged && input.met ? { met_at: ctx.clock.now(), met_by_label: by } : {}),
      ...(metChanged && !input.met ? { met_at: null, met_by_label: null } : {}),
    });
    const text = input.text ?? before.text;
    const said = metChanged
      ? `${by} marked the resolution objective "${text}" ${input.met ? 'met' : 'not met'}`
      : `${by} reworded the resolution objective "${before.text}" as "${text}"`;
    return {
      action: 'incident.objective_updated',
      before: { text: before.text, met: before.met_at !== null },
      after: { id: objectiveId, text, met: input.met ?? before.met_at !== null },
      timeline: edited(said, 'objectives'),
    };
  });

export const removeObjective = (ctx: Ctx, idOrNumber: string, objectiveId: string): Promise<IncidentDocument> =>
  editObjectives(ctx, idOrNumber, async ({ tx, incident, by }) => {
    const before = (await selectObjectives(tx.db, incident.id)).find((o) => o.id === objectiveId);
    if (!before || !(await deleteObjective(tx.db, incident.id, objectiveId))) throw missing(objectiveId);
    return {
      action: 'incident.objective_removed',
      before: { id: objectiveId, text: before.text },
      after: null,
      timeline: edited(`${by} removed the resolution objective "${before.text}"`, 'objectives'),
    };
  });

/**
 * The update reminder reconciler (seed 004: the CMOC updates at the pace the
 * severity asks): on every node, claims one declared incident whose update
 * reminder is due (FOR UPDATE SKIP LOCKED, one short transaction each),
 * reminds the CMOC (or the owner while nobody holds CMOC) and plans the next
 * reminder one cadence interval later. Posting an update or leaving the
 * active stages moves or clears the due time (replan). Nothing is kept in
 * memory; it has the engine's Reconciler shape without importing the engine.
 */
import type { Db } from '../../db/client.js';
import { publishEvent } from '../../db/outbox.js';
import type { Ctx } from '../context.js';
import { appendTimelineEntry } from '../timeline/index.js';
import { nextUpdateDueAt } from './response.cadence.js';
import type { IncidentUpdateDueEvent } from './response.events.js';
import { DueResponseReconciler, type DueReconcilerOptions } from './response.due-reconciler.js';
import { selectHolders, selectRoles, updateResponse } from './response.repo.js';
import { cadenceState, replan, type Declared } from './response.state.js';
import { setNextUpdateReminderAt } from './response.updates.repo.js';

/** Who is reminded: the current CMOC, else the owner; null when neither. */
async function reminded(db: Db, declared: Declared): Promise<string | null> {
  const cmoc = (await selectRoles(db)).find((r) => r.slug === 'cmoc');
  const holder = (await selectHolders(db, declared.incident.id)).find(
    (h) => h.role_id === cmoc?.id && h.ended_at === null,
  );
  return holder?.user_id ?? declared.response.owner_id;
}

async function remind(ctx: Ctx, declared: Declared, now: Date): Promise<void> {
  const { incident, response } = declared;
  const state = await cadenceState(ctx.db, declared);
  const due = nextUpdateDueAt(state);
  const userId = await reminded(ctx.db, declared);
  if (due && state.minutes !== null && userId) {
    await appendTimelineEntry(ctx.db, ctx, incident.id, {
      kind: 'update_reminded',
      message: `A status update was due at ${due.toISOString()} (every ${state.minutes} minutes at ${response.severity}): reminded the ${userId === response.owner_id ? 'owner' : 'CMOC'}`,
      data: { userId, minutes: state.minutes },
    });
    const event: IncidentUpdateDueEvent = {
      incidentId: incident.id,
      number: Number(incident.number),
      title: incident.title,
      userId,
      minutes: state.minutes,
      dueAt: due.toISOString(),
      at: now.toISOString(),
    };
    await publishEvent(ctx.db, now, 'IncidentUpdateDue', event, `${incident.id}:update-due:${now.toISOString()}`);
  }
  // Reminded (or nobody to remind): the next reminder is one interval on.
  await updateResponse(ctx.db, incident.id, { update_reminded_at: now });
  response.update_reminded_at = now;
}

async function runUpdateReminder(ctx: Ctx, declared: Declared, now: Date): Promise<void> {
  await remind(ctx, declared, now);
  await replan(ctx.db, declared);
}

export const createUpdateReminderReconciler = (options: DueReconcilerOptions): DueResponseReconciler =>
  new DueResponseReconciler(options, {
    name: 'update-reminders',
    column: 'next_update_reminder_at',
    failure: 'an update reminder failed',
    run: runUpdateReminder,
    retryAt: setNextUpdateReminderAt,
  });

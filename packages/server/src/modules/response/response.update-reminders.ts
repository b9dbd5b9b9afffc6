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
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { Ctx } from '../context.js';
import { requireIncidentRow } from '../incidents/index.js';
import { appendTimelineEntry } from '../timeline/index.js';
import { nextUpdateDueAt } from './response.cadence.js';
import type { IncidentUpdateDueEvent } from './response.events.js';
import { RULES_ACTOR } from './response.reconciler.js';
import { claimDueRule, selectHolders, selectNextRuleDue, selectRoles, updateResponse } from './response.repo.js';
import { cadenceState, replan, type Declared } from './response.state.js';
import { setNextUpdateReminderAt } from './response.updates.repo.js';

/** How long a reminder that failed waits before it is tried again. */
const RETRY_AFTER_MS = 60_000;

export interface UpdateReminderOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
}

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

export class UpdateReminderReconciler {
  readonly name = 'update-reminders';
  readonly dueByTime = true;

  constructor(private readonly options: UpdateReminderOptions) {}

  nextDueAt(): Promise<Date | null> {
    return selectNextRuleDue(this.options.db, 'next_update_reminder_at');
  }

  async runOnce(now: Date): Promise<boolean> {
    const { db, clock, logger } = this.options;
    let claimedId: string | undefined;
    try {
      return await db.transaction().execute(async (tx) => {
        const response = await claimDueRule(tx, now, 'next_update_reminder_at');
        if (!response) return false;
        claimedId = response.incident_id;
        const declared: Declared = {
          incident: await requireIncidentRow(tx, response.incident_id, { as: RULES_ACTOR }),
          response,
        };
        const ctx: Ctx = { db: tx, clock, actor: RULES_ACTOR, source: 'engine' };
        await remind(ctx, declared, now);
        await replan(tx, declared);
        return true;
      });
    } catch (error) {
      if (!claimedId) throw error;
      logger.error({ err: error, incidentId: claimedId }, 'an update reminder failed');
      await setNextUpdateReminderAt(db, claimedId, new Date(clock.now().getTime() + RETRY_AFTER_MS));
      return true;
    }
  }
}

export const createUpdateReminderReconciler = (options: UpdateReminderOptions): UpdateReminderReconciler =>
  new UpdateReminderReconciler(options);

/**
 * The detailed status review reconciler (seed 001: "review periodically to
 * keep current"): on every node, claims one declared incident whose review
 * reminder may be due (FOR UPDATE SKIP LOCKED, one short transaction each)
 * and looks at the state now: when the detailed status has gone unsaved for
 * the severity's interval it reminds the owner (the timeline says so, and
 * IncidentReviewDue makes notify tell them quietly), then plans the next
 * reminder. A save since the due time planned only moves it on (the
 * documents module also replans on save); leaving the active stages stops
 * it. Nothing is kept in memory; it has the engine's Reconciler shape
 * without importing the engine.
 */
import type { Db } from '../../db/client.js';
import { publishEvent } from '../../db/outbox.js';
import type { Ctx } from '../context.js';
import { appendTimelineEntry } from '../timeline/index.js';
import { selectUserNames } from '../users/index.js';
import type { IncidentReviewDueEvent } from './response.events.js';
import { DueResponseReconciler, type DueReconcilerOptions } from './response.due-reconciler.js';
import { updateResponse } from './response.repo.js';
import { replanReviewReminder, reviewState } from './response.review-plan.js';
import { nextReviewReminderAt, type ReviewState } from './response.review.js';
import { setNextReviewReminderAt } from './response.review.repo.js';
import type { Declared } from './response.state.js';

const minutesBetween = (from: Date, to: Date): number => Math.floor((to.getTime() - from.getTime()) / 60_000);

/** What the timeline says: how long the detailed status went unsaved, at what interval, and who was reminded. */
function reminderMessage(state: ReviewState, severity: string, unsavedMinutes: number, ownerName: string): string {
  const what = state.lastSavedAt
    ? `The detailed status has not been saved for ${unsavedMinutes} minutes`
    : `The detailed status has not been written since the incident was declared, ${unsavedMinutes} minutes ago`;
  return `${what} (reviewed every ${state.minutes} minutes at ${severity}): reminded the owner, ${ownerName}, to review it`;
}

async function remind(ctx: Ctx, declared: Declared, state: ReviewState, dueAt: Date, now: Date): Promise<void> {
  const { incident, response } = declared;
  const ownerId = response.owner_id;
  if (ownerId && state.minutes !== null) {
    const unsavedMinutes = minutesBetween(state.lastSavedAt ?? state.declaredAt, now);
    const [owner] = await selectUserNames(ctx.db, [ownerId]);
    await appendTimelineEntry(ctx.db, ctx, incident.id, {
      kind: 'review_reminded',
      message: reminderMessage(state, response.severity, unsavedMinutes, owner?.name ?? 'someone'),
      data: { userId: ownerId, minutes: state.minutes, dueAt: dueAt.toISOString() },
    });
    const event: IncidentReviewDueEvent = {
      incidentId: incident.id,
      number: Number(incident.number),
      title: incident.title,
      ownerId,
      minutes: state.minutes,
      lastSavedAt: state.lastSavedAt?.toISOString() ?? null,
      unsavedMinutes,
      dueAt: dueAt.toISOString(),
    };
    await publishEvent(ctx.db, now, 'IncidentReviewDue', event, `${incident.id}:review-due:${event.dueAt}`);
  }
  // Reminded (or nobody owns it to remind): the next reminder is one interval on.
  await updateResponse(ctx.db, incident.id, { review_reminded_at: now });
  response.review_reminded_at = now;
}

async function runReviewReminder(ctx: Ctx, declared: Declared, now: Date): Promise<void> {
  const state = await reviewState(ctx.db, declared);
  // The due time on the row may be from before a save: look at the state now.
  const dueAt = nextReviewReminderAt(state);
  if (dueAt && dueAt.getTime() <= now.getTime()) await remind(ctx, declared, state, dueAt, now);
  await replanReviewReminder(ctx.db, declared);
}

export const createReviewReminderReconciler = (options: DueReconcilerOptions): DueResponseReconciler =>
  new DueResponseReconciler(options, {
    name: 'review-reminders',
    column: 'next_review_reminder_at',
    failure: 'a detailed status review reminder failed',
    run: runReviewReminder,
    retryAt: setNextReviewReminderAt,
  });

/**
 * What paging does when incidents publish, in the publishing transaction
 * (db/outbox.ts, ADR 13): an incident triggered starts its escalation, with
 * the first step at once; acknowledged or resolved stops it.
 */
import { withSavepoint } from '../../db/batch.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { IncidentAcknowledgedEvent, IncidentResolvedEvent, IncidentTriggeredEvent } from '../incidents/index.js';
import { planStep, type PlannedStep } from './escalation.step.js';
import { insertEscalation, stopEscalation, wakeEngine } from './paging.repo.js';
import { resolveTargets } from './targets.js';

/**
 * Snapshots the incident's policy into its paging state and takes the first
 * step now (unless the first page waits for business hours). The step is
 * planned before the state is written, so the state is written once, with
 * the step in it; in a batch, at its commit (ADR 14). If planning fails, only
 * the planning is undone (in a batch, the whole batch is redone with care,
 * db/batch.ts): the state is written due now and the escalation reconciler
 * takes the step, putting any failure on the timeline.
 */
export async function startPaging(tx: Db, clock: Clock, event: IncidentTriggeredEvent): Promise<void> {
  const now = clock.now();
  const firstPageAt = event.firstPageAt === null ? null : new Date(event.firstPageAt);
  const state = {
    escalation_level: 0,
    escalation_loop: 0,
    next_escalation_at: firstPageAt,
    assignee_ids: [] as string[],
    snoozed_until: null,
    updated_at: now,
  };
  let step: PlannedStep | undefined;
  if (firstPageAt && firstPageAt.getTime() <= now.getTime()) {
    const subject = {
      ...state,
      id: event.incidentId,
      urgency: event.urgency,
      service_id: event.serviceId,
      escalation_policy: event.policy,
    };
    const planned = await withSavepoint(tx, async () => {
      step = await planStep(tx, clock, subject, resolveTargets);
    });
    // The escalation reconciler may be resting until its next due step: tell it this one is due now.
    if (!planned.ok) await wakeEngine(tx, { evenFromEngine: true });
  }
  await insertEscalation(tx, {
    incident_id: event.incidentId,
    ...state,
    ...step?.patch,
    escalation_policy: JSON.stringify(event.policy),
  });
  await step?.record();
}

/** An acknowledged incident pages nobody more (a snooze sets its own end after). */
export async function stopPagingAcknowledged(tx: Db, clock: Clock, event: IncidentAcknowledgedEvent): Promise<void> {
  await stopEscalation(tx, event.incidentId, clock.now(), { endSnooze: false, whileStatus: 'acknowledged' });
}

/** A resolved incident pages nobody more, and a snooze on it ends. */
export async function stopPagingResolved(tx: Db, clock: Clock, event: IncidentResolvedEvent): Promise<void> {
  await stopEscalation(tx, event.incidentId, clock.now(), { endSnooze: true, whileStatus: 'resolved' });
}

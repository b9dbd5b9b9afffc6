/**
 * One escalation step of one incident, inside the transaction that claimed
 * it: notify the due level (or start the next loop, or stop), record it, and
 * publish IncidentEscalated for notify. Also the end of a snooze.
 */
import type { Updateable } from 'kysely';
import type { Db } from '../../db/client.js';
import { publishEvent } from '../../db/outbox.js';
import type { IncidentEscalationsTable } from '../../db/schema.js';
import { systemActor } from '../../lib/actor.js';
import type { Clock } from '../../lib/clock.js';
import type { EscalationPolicySnapshot } from '../escalation/index.js';
import { markTriggered } from '../incidents/index.js';
import { appendTimelineEntry } from '../timeline/index.js';
import { getPagingSettings } from '../services/index.js';
import {
  describeStep,
  nextStepAt,
  pageAt,
  planEscalationStep,
  restartPosition,
  type PagingHours,
} from './escalation-plan.js';
import { updateEscalation, type PagingRow } from './paging.repo.js';
import type { IncidentEscalatedEvent } from './paging.events.js';
import type { ResolveTargets } from './paging.types.js';

export const ESCALATION_ACTOR = systemActor('Escalation');

async function pagingHours(db: Db, row: Pick<PagingRow, 'urgency' | 'service_id'>, now: Date): Promise<PagingHours> {
  // Only low urgency looks at business hours; high urgency spares the read.
  if (row.urgency === 'high') return { urgency: 'high', businessHours: null, timeZone: 'UTC' };
  const service = await getPagingSettings(db, row.service_id, now);
  return { urgency: row.urgency, businessHours: service.businessHours, timeZone: service.timeZone };
}

/**
 * A step decided (its level planned, its targets resolved) but not yet
 * written: `patch` is what it changes in the incident's paging state,
 * `record` writes its timeline entry and publishes it once the state has the patch.
 */
export interface PlannedStep {
  patch: Updateable<IncidentEscalationsTable> & { updated_at: Date };
  record(): Promise<void>;
}

/** What planning a step reads of the incident and its paging state (which may not be written yet). */
type StepSubject = Pick<
  PagingRow,
  'id' | 'escalation_policy' | 'escalation_level' | 'escalation_loop' | 'urgency' | 'service_id' | 'assignee_ids'
>;

/** Plans the incident's due step; only reads. */
export async function planStep(
  tx: Db,
  clock: Clock,
  row: StepSubject,
  resolveTargets: ResolveTargets,
): Promise<PlannedStep> {
  const now = clock.now();
  const policy = row.escalation_policy as EscalationPolicySnapshot;
  const step = planEscalationStep({ level: row.escalation_level, loop: row.escalation_loop }, policy);
  if (step.kind === 'exhausted') {
    return {
      patch: { next_escalation_at: null, updated_at: now },
      record: () =>
        appendTimelineEntry(tx, { clock, actor: ESCALATION_ACTOR, source: 'engine' }, row.id, {
          kind: 'escalation_exhausted',
          message:
            policy.levels.length === 0
              ? `Escalation policy ${policy.name} has no levels: nobody was notified`
              : `Escalation policy exhausted after ${step.loops} loop${step.loops === 1 ? '' : 's'}; nobody acknowledged`,
          data: { loops: step.loops },
        }),
    };
  }
  const level = policy.levels[step.levelIndex]!;
  const reached = await resolveTargets(tx, level.targets, now);
  const userIds = reached.users.map((u) => u.id);
  const labels = new Map(
    policy.levels.flatMap((l) => l.targets).map((t) => [t.id, (t as { label?: string }).label ?? t.id]),
  );
  const channelLabels = reached.channelIds.map((id) => labels.get(id) ?? `channel ${id}`);
  const patch = {
    // A level that reached nobody leaves the previous assignees in charge.
    assignee_ids: userIds.length > 0 ? userIds : row.assignee_ids,
    escalation_level: step.after.level,
    escalation_loop: step.after.loop,
    next_escalation_at: nextStepAt(await pagingHours(tx, row, now), now, step.delayMinutes),
    updated_at: now,
  };
  const names = [...reached.users.map((u) => u.name), ...channelLabels];
  const notes = reached.notes.length > 0 ? ` (${reached.notes.join('; ')})` : '';
  const stepKey = `${row.id}:${step.loop}:${step.levelIndex + 1}`;
  const record = async () => {
    await appendTimelineEntry(tx, { clock, actor: ESCALATION_ACTOR, source: 'engine' }, row.id, {
      kind: 'escalated',
      message: describeStep(step, names) + notes,
      data: {
        level: step.levelIndex + 1,
        loop: step.loop,
        userIds,
        channelIds: reached.channelIds,
        notes: reached.notes,
        stepKey,
      },
    });
    if (userIds.length === 0 && reached.channelIds.length === 0) return;
    const event: IncidentEscalatedEvent = {
      incidentId: row.id,
      level: step.levelIndex + 1,
      loop: step.loop,
      userIds,
      channelIds: reached.channelIds,
      urgency: row.urgency,
      stepKey,
    };
    // The key makes a second publication of the same step a no-op, whatever happens upstream.
    await publishEvent(tx, now, 'IncidentEscalated', event, stepKey);
  };
  return { patch, record };
}

/** Takes the incident's due step. */
export async function takeEscalationStep(
  tx: Db,
  clock: Clock,
  row: PagingRow,
  resolveTargets: ResolveTargets,
): Promise<void> {
  const step = await planStep(tx, clock, row, resolveTargets);
  await updateEscalation(tx, row.id, step.patch);
  await step.record();
}

/** A snooze ended on an incident nobody resolved: it triggers again and escalation starts over from level 1. */
export async function endSnooze(tx: Db, clock: Clock, row: PagingRow): Promise<void> {
  const now = clock.now();
  const position = restartPosition({ level: row.escalation_level, loop: row.escalation_loop });
  const firstPageAt = pageAt(await pagingHours(tx, row, now), now);
  await markTriggered(tx, row.id, now);
  await updateEscalation(tx, row.id, {
    snoozed_until: null,
    escalation_level: position.level,
    escalation_loop: position.loop,
    next_escalation_at: firstPageAt,
    updated_at: now,
  });
  await appendTimelineEntry(tx, { clock, actor: ESCALATION_ACTOR, source: 'engine' }, row.id, {
    kind: 'snooze_ended',
    message: 'Snooze ended: triggered again; escalation starts over from level 1',
    data: { level: position.level, loop: position.loop },
  });
}

/**
 * Planning pages for one escalation step: for each person, their rules for
 * the incident's urgency become notifications and delivery jobs at step time + each rule's delay.
 * Runs in the transaction that delivers IncidentEscalated; idempotency keys
 * `${stepKey}:${userId}:${ruleId}` make a re-delivered event plan nothing twice.
 *
 * Someone with no rule for the urgency is still reached: for high urgency on
 * every verified method at once (a page must not be missed); for low urgency
 * once, quietly, by their first verified email (else their first method), so
 * a low-urgency page is never louder than a high one.
 */
import { toJson, type Db } from '../../../db/client.js';
import type { Clock } from '../../../lib/clock.js';
import type { Urgency } from '../../services/index.js';
import { appendTimelineEntry } from '../../timeline/index.js';
import { getUserRecord } from '../../users/index.js';
import { selectUsableMethods, selectUsableRules } from '../contact-methods.repo.js';
import type { NotifyDeps } from '../notify.deps.js';
import { decideAtCommit } from './first-pages.js';
import { notifyWriter, planNotification } from './jobs.js';
import type { PageReason } from './reasons.js';
import { addMinutes } from './time.js';

export interface PlanPagesInput {
  incidentId: string;
  userIds: string[];
  urgency: Urgency;
  stepKey: string;
  /** Why, when it is more than the escalation reaching them (a role, a hand-off asked, a reminder): kept in the details. */
  reason?: PageReason;
}

/**
 * With `deps`, the pages due at once may be decided in the planning batch
 * (first-pages.ts); without, or anywhere else, the delivery decides them.
 */
export async function planPages(db: Db, clock: Clock, input: PlanPagesInput, deps?: NotifyDeps): Promise<void> {
  const userIds = [...new Set(input.userIds)];
  const now = clock.now();
  const rules = await selectUsableRules(db, userIds, input.urgency);
  // Methods are only read for the people without a rule for this urgency.
  const withoutRules = userIds.filter((id) => !rules.some((r) => r.user_id === id));
  const methods = withoutRules.length > 0 ? await selectUsableMethods(db, withoutRules) : [];
  for (const userId of userIds) {
    const prefix = `${input.stepKey}:${userId}:`;
    const userRules = rules.filter((r) => r.user_id === userId);
    const planned =
      userRules.length > 0
        ? userRules.map((rule) => ({
            key: `${prefix}${rule.id}`,
            methodId: rule.contact_method_id,
            sendAt: addMinutes(now, rule.delay_minutes),
          }))
        : fallbackMethods(
            methods.filter((m) => m.user_id === userId),
            input.urgency,
          ).map((m) => ({ key: `${prefix}method-${m.id}`, methodId: m.id, sendAt: now }));
    if (planned.length === 0) {
      const user = await getUserRecord(db, userId);
      await appendTimelineEntry(db, notifyWriter(clock), input.incidentId, {
        kind: 'notification_skipped',
        message: `${user?.name ?? userId} has no verified contact method, so Tocsin could not notify them`,
        data: { userId, stepKey: input.stepKey },
      });
      continue;
    }
    for (const page of planned) {
      const written = await planNotification(db, clock, {
        idempotency_key: page.key,
        kind: 'page',
        incident_id: input.incidentId,
        user_id: userId,
        contact_method_id: page.methodId,
        channel_id: null,
        ...(input.reason && { details: toJson(input.reason) }),
        send_at: page.sendAt,
      });
      if (deps && page.sendAt.getTime() <= now.getTime()) decideAtCommit(db, clock, deps, written);
    }
  }
}

function fallbackMethods<M extends { type: string }>(methods: M[], urgency: Urgency): M[] {
  if (urgency === 'high') return methods;
  const quiet = methods.find((m) => m.type === 'email') ?? methods[0];
  return quiet ? [quiet] : [];
}

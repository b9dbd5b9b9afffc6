/**
 * The response rules reconciler (ADR 17): on every node, claims one declared
 * incident whose next rule is due (FOR UPDATE SKIP LOCKED, one short
 * transaction each), fires the rules whose condition holds now, settles every
 * rule that fell due, and plans the next (response.due-reconciler.ts claims
 * and retries).
 */
import type { Db } from '../../db/client.js';
import { publishEvent } from '../../db/outbox.js';
import type { Ctx } from '../context.js';
import { appendTimelineEntry } from '../timeline/index.js';
import type { IncidentOwnerRemindedEvent } from './response.events.js';
import { DueResponseReconciler, type DueReconcilerOptions } from './response.due-reconciler.js';
import { selectRoles, setNextRuleAt, updateResponse } from './response.repo.js';
import { dueRules, type RuleKey } from './response.rules.js';
import { engageOnCall, replan, ruleState, type Declared } from './response.state.js';

const WHY: Record<RuleKey, (minutes: number | null) => string> = {
  imoc_investigating: (m) => `Investigating for ${m} minutes after the EOC engaged: engaging the IMOC (seed 004)`,
  imoc_unacknowledged: (m) => `Paging unacknowledged for ${m} minutes: engaging the IMOC`,
  troubleshoot_reminder: (m) => `The owner has troubleshot for ${m} minutes: time to call for backup?`,
};

async function fire(ctx: Ctx, declared: Declared, rule: RuleKey, minutes: number | null): Promise<void> {
  await appendTimelineEntry(ctx.db, ctx, declared.incident.id, {
    kind: 'rule_fired',
    message: WHY[rule](minutes),
    data: { rule },
  });
  if (rule !== 'troubleshoot_reminder') {
    await engageOnCall(ctx, declared, 'imoc', { page: true });
    return;
  }
  const { response, incident } = declared;
  if (!response.owner_id) return;
  const roles = await selectRoles(ctx.db);
  const ownRank = roles.find((r) => r.id === response.owner_role_id)?.rank ?? 0;
  const next = roles.filter((r) => r.rank !== null && r.rank > ownRank).sort((a, b) => a.rank! - b.rank!)[0];
  await appendTimelineEntry(ctx.db, ctx, incident.id, {
    kind: 'owner_reminded',
    message: `Reminded the owner to call for backup${next ? `: engage the ${next.name}` : ''}`,
    data: { userId: response.owner_id, minutes: minutes ?? 0 },
  });
  const event: IncidentOwnerRemindedEvent = {
    incidentId: incident.id,
    number: Number(incident.number),
    title: incident.title,
    ownerId: response.owner_id,
    minutes: minutes ?? 0,
    nextRoleName: next?.name ?? null,
  };
  await publishEvent(ctx.db, ctx.clock.now(), 'IncidentOwnerReminded', event, `${incident.id}:${rule}`);
}

/** Fires the rules due on one declared incident, settles them, and plans the next (response.due-reconciler.ts runs it). */
async function runDueRules(ctx: Ctx, declared: Declared, now: Date): Promise<void> {
  const { response } = declared;
  const state = await ruleState(ctx.db, declared);
  const { fire: toFire, settle } = dueRules(state, now);
  const settledBefore = response.rules_settled;
  // Settled before firing: a rule that engages someone changes the state the next plan reads.
  const settled = [...new Set([...settledBefore, ...settle])];
  await updateResponse(ctx.db, response.incident_id, { rules_settled: settled, updated_at: ctx.clock.now() });
  response.rules_settled = settled;
  const minutes = {
    imoc_investigating: state.settings.investigatingMinutes,
    imoc_unacknowledged: state.settings.unacknowledgedMinutes,
    troubleshoot_reminder: state.settings.troubleshootMinutes,
  };
  for (const [i, rule] of toFire.entries()) {
    // Several due at once (the engine was down, or two thresholds meet): a rule fired earlier in this pass
    // may have done what this one would (both IMOC rules engage the IMOC); then it settles without firing.
    const fresh = i === 0 ? state : { ...(await ruleState(ctx.db, declared)), settled: settledBefore };
    if (i > 0 && !dueRules(fresh, now).fire.includes(rule)) continue;
    await fire(ctx, declared, rule, minutes[rule]);
  }
  // Every rule due by now is settled, so the next due time differs from the claimed one: replan writes it.
  await replan(ctx.db, declared);
}

export const createResponseReconciler = (options: DueReconcilerOptions): DueResponseReconciler =>
  new DueResponseReconciler(options, {
    name: 'response-rules',
    column: 'next_rule_at',
    failure: 'a response rule failed',
    run: runDueRules,
    retryAt: setNextRuleAt,
  });

/**
 * The response rules reconciler (ADR 17): on every node, claims one declared
 * incident whose next rule is due (FOR UPDATE SKIP LOCKED, one short
 * transaction each), fires the rules whose condition holds now, settles every
 * rule that fell due, and plans the next. Nothing is kept in memory. It has
 * the engine's Reconciler shape (engine/types.ts) without importing the engine.
 */
import type { Db } from '../../db/client.js';
import { publishEvent } from '../../db/outbox.js';
import { systemActor } from '../../lib/actor.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { Ctx } from '../context.js';
import { requireIncidentRow } from '../incidents/index.js';
import { appendTimelineEntry } from '../timeline/index.js';
import type { IncidentOwnerRemindedEvent } from './response.events.js';
import { claimDueRule, selectNextRuleDue, selectRoles, setNextRuleAt, updateResponse } from './response.repo.js';
import { dueRules, type RuleKey } from './response.rules.js';
import { engageOnCall, replan, ruleState, type Declared } from './response.state.js';

/** Who the timeline says acted when a rule fires. */
export const RULES_ACTOR = systemActor('Response rules');

/** How long a rule that failed waits before it is tried again. */
const RETRY_AFTER_MS = 60_000;

export interface ResponseReconcilerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
}

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

export class ResponseReconciler {
  readonly name = 'response-rules';
  readonly dueByTime = true;

  constructor(private readonly options: ResponseReconcilerOptions) {}

  nextDueAt(): Promise<Date | null> {
    return selectNextRuleDue(this.options.db);
  }

  async runOnce(now: Date): Promise<boolean> {
    const { db, clock, logger } = this.options;
    let claimedId: string | undefined;
    try {
      return await db.transaction().execute(async (tx) => {
        const response = await claimDueRule(tx, now);
        if (!response) return false;
        claimedId = response.incident_id;
        const declared: Declared = {
          incident: await requireIncidentRow(tx, response.incident_id, { as: RULES_ACTOR }),
          response,
        };
        const ctx: Ctx = { db: tx, clock, actor: RULES_ACTOR, source: 'engine' };
        const state = await ruleState(tx, declared);
        const { fire: toFire, settle } = dueRules(state, now);
        const settledBefore = response.rules_settled;
        // Settled before firing: a rule that engages someone changes the state the next plan reads.
        const settled = [...new Set([...settledBefore, ...settle])];
        await updateResponse(tx, response.incident_id, { rules_settled: settled, updated_at: clock.now() });
        response.rules_settled = settled;
        const minutes = {
          imoc_investigating: state.settings.investigatingMinutes,
          imoc_unacknowledged: state.settings.unacknowledgedMinutes,
          troubleshoot_reminder: state.settings.troubleshootMinutes,
        };
        for (const [i, rule] of toFire.entries()) {
          // Several due at once (the engine was down, or two thresholds meet): a rule fired earlier in this pass
          // may have done what this one would (both IMOC rules engage the IMOC); then it settles without firing.
          const fresh = i === 0 ? state : { ...(await ruleState(tx, declared)), settled: settledBefore };
          if (i > 0 && !dueRules(fresh, now).fire.includes(rule)) continue;
          await fire(ctx, declared, rule, minutes[rule]);
        }
        // Every rule due by now is settled, so the next due time differs from the claimed one: replan writes it.
        await replan(tx, declared);
        return true;
      });
    } catch (error) {
      if (!claimedId) throw error;
      logger.error({ err: error, incidentId: claimedId }, 'a response rule failed');
      await setNextRuleAt(db, claimedId, new Date(clock.now().getTime() + RETRY_AFTER_MS));
      return true;
    }
  }
}

export const createResponseReconciler = (options: ResponseReconcilerOptions): ResponseReconciler =>
  new ResponseReconciler(options);

/** Taking the snapshot of a policy that an incident keeps. */
import type { Db } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { labelTargets } from './escalation.labels.js';
import { getPolicyRow } from './escalation.repo.js';
import type { EscalationLevel, EscalationPolicySnapshot } from './escalation.types.js';

export async function getPolicySnapshot(db: Db, policyId: string): Promise<EscalationPolicySnapshot> {
  const row = await getPolicyRow(db, policyId);
  if (!row) throw notFound('Escalation policy', policyId);
  const levels = row.levels as EscalationLevel[];
  const targets = levels.flatMap((l) => l.targets);
  const labels = await labelTargets(db, targets);
  return {
    id: row.id,
    name: row.name,
    repeatCount: row.repeat_count,
    levels: levels.map((level) => ({
      delayMinutes: level.delayMinutes,
      targets: level.targets.map((t) => ({ ...t, label: labels.get(t.id) ?? `${t.type} ${t.id}` })),
    })),
  };
}

/** Taking the snapshot of a policy that an incident keeps. */
import type { Db } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { labelTargets } from './escalation.labels.js';
import { selectPolicyRows } from './escalation.repo.js';
import type { EscalationLevel, EscalationPolicySnapshot } from './escalation.types.js';

export async function getPolicySnapshot(db: Db, policyId: string): Promise<EscalationPolicySnapshot> {
  const snapshot = (await getPolicySnapshots(db, [policyId])).get(policyId);
  if (!snapshot) throw notFound('Escalation policy', policyId);
  return snapshot;
}

/** Snapshots of the policies among `policyIds` that exist, by id, labelling all their targets at once. */
export async function getPolicySnapshots(db: Db, policyIds: string[]): Promise<Map<string, EscalationPolicySnapshot>> {
  const rows = await selectPolicyRows(db, policyIds);
  const labels = await labelTargets(
    db,
    rows.flatMap((row) => (row.levels as EscalationLevel[]).flatMap((l) => l.targets)),
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        name: row.name,
        repeatCount: row.repeat_count,
        levels: (row.levels as EscalationLevel[]).map((level) => ({
          delayMinutes: level.delayMinutes,
          targets: level.targets.map((t) => ({ ...t, label: labels.get(t.id) ?? `${t.type} ${t.id}` })),
        })),
      },
    ]),
  );
}

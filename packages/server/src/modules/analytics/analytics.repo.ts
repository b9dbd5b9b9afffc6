/**
 * The only SQL that writes analytics' tables: sla_targets, incident_sla and
 * analytics_share_links
 * (ADR 15: one writing module per table). Reads of other modules' tables
 * are joins in analytics.figures.ts and analytics.snapshot.ts.
 */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { changeDeferred, flushDeferred, insertDeferrable } from '../../db/batch.js';
import type { Db } from '../../db/client.js';
import { compiledOnce } from '../../db/compiled.js';
import type { AnalyticsShareLinksTable, IncidentSlaTable, SlaTargetsTable } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';

export type SlaTargetRow = Selectable<SlaTargetsTable>;
export type IncidentSlaRow = Selectable<IncidentSlaTable>;

export async function listTargetRows(db: Db): Promise<SlaTargetRow[]> {
  return targetRows(db, {});
}

const targetRows = compiledOnce((db: Db) =>
  db.selectFrom('sla_targets').selectAll().orderBy('scope', 'desc').orderBy('key'),
);

export async function updateTargetRow(
  db: Db,
  scope: 'severity' | 'urgency',
  key: string,
  patch: Updateable<SlaTargetsTable>,
): Promise<SlaTargetRow | undefined> {
  return db
    .updateTable('sla_targets')
    .set(patch)
    .where('scope', '=', scope)
    .where('key', '=', key)
    .returningAll()
    .executeTakeFirst();
}

/** The snapshot at open: at the batch's commit in a fail-fast batch (ADR 14), else now. */
export async function insertSnapshot(db: Db, row: Insertable<IncidentSlaTable>): Promise<void> {
  await insertDeferrable(db, 'incident_sla', row, { onConflictDoNothing: 'incident_id' });
}

export async function findSnapshot(db: Db, incidentId: string): Promise<IncidentSlaRow | undefined> {
  await flushDeferred(db, 'incident_sla');
  return db.selectFrom('incident_sla').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
}

export async function updateSnapshot(db: Db, incidentId: string, patch: Updateable<IncidentSlaTable>): Promise<void> {
  await flushDeferred(db, 'incident_sla');
  await db.updateTable('incident_sla').set(patch).where('incident_id', '=', incidentId).execute();
}

/** Records the first acknowledgement only: a later one (after a snooze or a re-trigger) changes nothing. */
export async function recordFirstAck(
  db: Db,
  incidentId: string,
  at: Date,
  kind: 'person' | 'integration',
  by: string | null,
): Promise<void> {
  await flushDeferred(db, 'incident_sla');
  await db
    .updateTable('incident_sla')
    .set({ first_ack_at: at, first_ack_kind: kind, first_ack_by: by, updated_at: at })
    .where('incident_id', '=', incidentId)
    .where('first_ack_at', 'is', null)
    .execute();
}

export async function recordEscalation(
  db: Db,
  incidentId: string,
  at: Date,
  counts: boolean,
  userIds: string[],
): Promise<void> {
  // The first step of an incident opened in this batch: its snapshot is still in memory.
  const pending = changeDeferred(
    db,
    'incident_sla',
    (row) => row.incident_id === incidentId,
    (row) => ({
      ...row,
      escalation_count: Number(row.escalation_count ?? 0) + (counts ? 1 : 0),
      paged_user_ids: [...new Set([...((row.paged_user_ids as string[] | undefined) ?? []), ...userIds])],
      updated_at: at,
    }),
  );
  if (pending) return;
  await flushDeferred(db, 'incident_sla');
  await db
    .updateTable('incident_sla')
    .set({
      escalation_count: sql<number>`escalation_count + ${counts ? 1 : 0}`,
      paged_user_ids: sql<string[]>`ARRAY(SELECT DISTINCT u FROM unnest(paged_user_ids || ${userIds}::uuid[]) AS u)`,
      updated_at: at,
    })
    .where('incident_id', '=', incidentId)
    .execute();
}

export async function insertShareLink(db: Db, row: Insertable<AnalyticsShareLinksTable>) {
  return db.insertInto('analytics_share_links').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listShareLinkRows(db: Db) {
  return db.selectFrom('analytics_share_links').selectAll().orderBy('created_at', 'desc').execute();
}

export async function findShareLinkByHash(db: Db, tokenHash: string) {
  return db.selectFrom('analytics_share_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function revokeShareLinkRow(db: Db, id: string, at: Date) {
  if (!isUuid(id)) return undefined;
  return db
    .updateTable('analytics_share_links')
    .set({ revoked_at: sql<Date>`coalesce(revoked_at, ${at}::timestamptz)` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function markShareLinkOpened(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('analytics_share_links').set({ last_opened_at: at }).where('id', '=', id).execute();
}

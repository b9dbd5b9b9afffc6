/** Turning incident rows into what the API shows, with names for the ids they hold. */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { notFound } from '../../lib/errors.js';
import type { EscalationPolicySnapshot } from '../escalation/index.js';
import { selectUserNames } from '../users/index.js';
import {
  findIncidentRow,
  selectIncidentWithService,
  type IncidentRow,
  type IncidentWithService,
} from './incidents.repo.js';
import type { Incident } from './incidents.schema.js';
import { canSeeIncident } from './incidents.visibility.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function userRef(names: Map<string, string>, id: string | null): { id: string; name: string } | null {
  return id ? { id, name: names.get(id) ?? 'Deleted user' } : null;
}

export function toIncident(row: IncidentWithService, names: Map<string, string>): Incident {
  return {
    id: row.id,
    number: Number(row.number),
    title: row.title,
    status: row.status,
    urgency: row.urgency,
    priority: row.priority,
    service: { id: row.service_id, slug: row.service_slug, name: row.service_name },
    assignees: row.assignee_ids.map((id) => userRef(names, id)!),
    alertCount: row.alert_count,
    triggeredAt: row.triggered_at.toISOString(),
    acknowledgedAt: iso(row.acknowledged_at),
    acknowledgedBy: userRef(names, row.acknowledged_by),
    resolvedAt: iso(row.resolved_at),
    resolvedBy: userRef(names, row.resolved_by),
    snoozedUntil: iso(row.snoozed_until),
    declaredAt: iso(row.declared_at),
    response:
      row.response_severity === null
        ? null
        : {
            severity: row.response_severity as NonNullable<Incident['response']>['severity'],
            stage: row.response_stage as NonNullable<Incident['response']>['stage'],
            nearMiss: row.response_near_miss ?? false,
            private: row.response_private ?? false,
            owner: userRef(names, row.response_owner_id),
          },
    escalation: {
      policy: row.escalation_policy as EscalationPolicySnapshot,
      level: row.escalation_level,
      loop: row.escalation_loop,
      nextEscalationAt: iso(row.next_escalation_at),
    },
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Names of every user an incident row refers to, in one query. */
export async function namesFor(db: Db, rows: IncidentWithService[]): Promise<Map<string, string>> {
  const ids = rows.flatMap((r) =>
    [...r.assignee_ids, r.acknowledged_by, r.resolved_by, r.response_owner_id].filter(
      (id): id is string => id !== null,
    ),
  );
  return new Map((await selectUserNames(db, ids)).map((u) => [u.id, u.name]));
}

export async function incidentsView(db: Db, rows: IncidentWithService[]): Promise<Incident[]> {
  const names = await namesFor(db, rows);
  return rows.map((row) => toIncident(row, names));
}

/** The API view of one incident by id (re-read, so it shows what was just written). */
export async function loadIncident(db: Db, id: string): Promise<Incident> {
  return (await reloadIncident(db, id)).incident;
}

/** The row and the API view of one incident, re-read after a change (and after its subscribers, such as paging, reacted): for the audit log's "after" and the answer. */
export async function reloadIncident(db: Db, id: string): Promise<{ row: IncidentRow; incident: Incident }> {
  const row = await selectIncidentWithService(db, id);
  if (!row) throw notFound('Incident', id);
  const [incident] = await incidentsView(db, [row]);
  return { row, incident: incident! };
}

/**
 * The row by uuid or number, or a 404 that says how to find the right one.
 * `as` is who asks: a private incident they may not see is a 404 too (ADR 18),
 * so its existence does not leak.
 */
export async function requireIncidentRow(
  db: Db,
  idOrNumber: string,
  options: { as: Actor; forUpdate?: boolean },
): Promise<IncidentRow> {
  const row = await findIncidentRow(db, idOrNumber, { forUpdate: options.forUpdate });
  if (!row || !(await canSeeIncident(db, options.as, row.id))) throw notFound('Incident', idOrNumber);
  return row;
}

/** How the timeline names an actor: a user by name (their label carries their email), anything else by its label. */
export async function actorName(db: Db, actor: Actor): Promise<string> {
  if (actor.type !== 'user') return actor.label;
  const [user] = await selectUserNames(db, [actor.userId]);
  return user?.name ?? actor.label;
}

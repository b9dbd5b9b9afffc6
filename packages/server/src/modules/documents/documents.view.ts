/**
 * Reading the live state document: its sections at their current versions,
 * the people of the response (read through the response module), the
 * objectives, actions and links, and the organisation's conference bridge.
 */
import type { Db } from '../../db/client.js';
import { requireRole } from '../access/index.js';
import type { Ctx } from '../context.js';
import { getIncidentResponse, type IncidentResponse } from '../response/index.js';
import { selectUserNames } from '../users/index.js';
import { getConferenceBridge } from './documents.bridge.js';
import { selectActions, selectCurrentRevisions, selectLinks, selectObjectives } from './documents.repo.js';
import { SECTION_KEYS, type DocumentSection, type IncidentDocument, type SectionKey } from './documents.schema.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

type RevisionRow = Awaited<ReturnType<typeof selectCurrentRevisions>>[number];

export const sectionOf = (key: SectionKey, row: RevisionRow | undefined): DocumentSection => ({
  key,
  text: row?.body ?? '',
  version: row?.version ?? 0,
  updatedBy: row?.saved_by_label ?? null,
  updatedAt: iso(row?.saved_at ?? null),
});

/** Who is on the response: current role holders, then stakeholders not already listed. */
function peopleOf(response: IncidentResponse): IncidentDocument['people'] {
  const people: IncidentDocument['people'] = response.roles
    .filter((r) => r.endedAt === null)
    .map((r) => ({ user: r.user, as: r.role.name }));
  for (const s of response.stakeholders)
    people.push({ user: s.user, as: s.reason === 'reporter' ? 'Stakeholder (reporter)' : 'Stakeholder' });
  return people;
}

export const allMet = (objectives: Array<{ met_at: Date | null }>): boolean =>
  objectives.length > 0 && objectives.every((o) => o.met_at !== null);

/** The document of a declared incident whose response was already read (inside a use case's transaction). */
export async function documentView(db: Db, response: IncidentResponse): Promise<IncidentDocument> {
  const id = response.incidentId;
  const [revisions, objectives, actions, links, bridge] = await Promise.all([
    selectCurrentRevisions(db, id),
    selectObjectives(db, id),
    selectActions(db, id),
    selectLinks(db, id),
    getConferenceBridge(db),
  ]);
  const names = new Map(
    (
      await selectUserNames(
        db,
        actions.flatMap((a) => (a.owner_id ? [a.owner_id] : [])),
      )
    ).map((u) => [u.id, u.name]),
  );
  return {
    incidentId: id,
    sections: SECTION_KEYS.map((key) =>
      sectionOf(
        key,
        revisions.find((r) => r.section === key),
      ),
    ),
    people: peopleOf(response),
    objectives: objectives.map((o) => ({
      id: o.id,
      text: o.text,
      met: o.met_at !== null,
      metBy: o.met_by_label,
      metAt: iso(o.met_at),
      createdBy: o.created_by_label,
      createdAt: o.created_at.toISOString(),
    })),
    allObjectivesMet: allMet(objectives),
    actions: actions.map((a) => ({
      id: a.id,
      text: a.text,
      owner: a.owner_id ? { id: a.owner_id, name: names.get(a.owner_id) ?? 'Deleted user' } : null,
      dueDate: a.due_date,
      createdBy: a.created_by_label,
      createdAt: a.created_at.toISOString(),
    })),
    links: links.map((l) => ({
      id: l.id,
      label: l.label,
      url: l.url,
      createdBy: l.created_by_label,
      createdAt: l.created_at.toISOString(),
    })),
    conferenceBridgeUrl: bridge,
  };
}

/** Anyone who may read incidents (stakeholder and up) reads a declared incident's document. */
export async function getIncidentDocument(ctx: Ctx, idOrNumber: string): Promise<IncidentDocument> {
  requireRole(ctx.actor, 'stakeholder', 'read incidents');
  const response = await getIncidentResponse(ctx, idOrNumber);
  return documentView(ctx.db, response);
}

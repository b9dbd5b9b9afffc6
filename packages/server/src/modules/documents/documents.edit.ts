/**
 * What every change of a document does: responders only; inside one
 * transaction holding the incident's row (so two people ticking the last two
 * objectives cannot both miss that all are met), on a declared incident;
 * then an audit entry and a timeline entry, and the document as it now is.
 */
import { inTransaction } from '../../db/client.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { actorName, requireIncidentRow } from '../incidents/index.js';
import { getIncidentResponse, type IncidentResponse } from '../response/index.js';
import { appendTimelineEntry, type TimelineEntryInput, type TimelineKinds } from '../timeline/index.js';
import { documentView } from './documents.view.js';
import type { IncidentDocument } from './documents.schema.js';

export interface Editing {
  /** The context bound to the open transaction. */
  tx: Ctx;
  incident: { id: string; number: number; title: string };
  response: IncidentResponse;
  /** The editor's name as people read it. */
  by: string;
}

type DocumentPart = TimelineKinds['document_edited']['part'];

/** The timeline entry saying what someone changed in the document. */
export const edited = (message: string, part: DocumentPart): TimelineEntryInput => ({
  kind: 'document_edited',
  message,
  data: { part },
});

export interface Change {
  action: string;
  after: unknown;
  before?: unknown;
  timeline?: TimelineEntryInput;
}

/** Runs `edit` on a declared incident's document and answers the document afterwards. */
export async function editDocument(
  ctx: Ctx,
  idOrNumber: string,
  edit: (e: Editing) => Promise<Change | null>,
): Promise<IncidentDocument> {
  requireRole(ctx.actor, 'responder', 'edit incident documents');
  return inTransaction(ctx.db, async (db) => {
    const tx = withDb(ctx, db);
    const row = await requireIncidentRow(db, idOrNumber, { as: ctx.actor, forUpdate: true });
    const response = await getIncidentResponse(tx, row.id);
    const incident = { id: row.id, number: Number(row.number), title: row.title };
    const change = await edit({ tx, incident, response, by: await actorName(db, ctx.actor) });
    if (change) {
      await recordAudit(tx, {
        action: change.action,
        entityType: 'incident',
        entityId: row.id,
        before: change.before,
        after: change.after,
      });
      if (change.timeline) await appendTimelineEntry(db, ctx, row.id, change.timeline);
    }
    return documentView(db, await getIncidentResponse(tx, row.id));
  });
}

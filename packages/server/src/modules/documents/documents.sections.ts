/**
 * The text sections, edited by several people at once: a save names the
 * version it started from, and a save from an older version is refused (409)
 * with the current text and version to merge, never written over it. Every
 * version is kept: the section's history. Saving the detailed status re-arms
 * its review reminder (the response module plans it), and so does saving it
 * unchanged: the owner saying it is still current (no new version).
 */
import { requireRole } from '../access/index.js';
import type { Ctx } from '../context.js';
import { detailedStatusSaved, getIncidentResponse } from '../response/index.js';
import { AppError, conflict } from '../../lib/errors.js';
import { editDocument } from './documents.edit.js';
import { insertRevision, selectCurrentRevisions, selectRevisions } from './documents.repo.js';
import {
  SECTION_TITLES,
  type DocumentSection,
  type IncidentDocument,
  type SectionKey,
  type SectionRevision,
} from './documents.schema.js';
import { sectionOf } from './documents.view.js';

export async function saveSection(
  ctx: Ctx,
  idOrNumber: string,
  key: SectionKey,
  input: { text: string; baseVersion: number },
): Promise<IncidentDocument> {
  return editDocument(ctx, idOrNumber, async ({ tx, incident, by }) => {
    const current = sectionOf(
      key,
      (await selectCurrentRevisions(tx.db, incident.id)).find((r) => r.section === key),
    );
    if (input.baseVersion > current.version)
      throw new AppError(
        'bad_request',
        `The ${SECTION_TITLES[key]} of incident #${incident.number} has no version ${input.baseVersion} (it is at version ${current.version}): send the version you started from.`,
        { details: { current } },
      );
    const stale = (theirs: DocumentSection) =>
      conflict(
        `The ${SECTION_TITLES[key]} of incident #${incident.number} was saved by ${theirs.updatedBy ?? 'someone'} since you started (now version ${theirs.version}, you started from ${input.baseVersion}): merge your text with theirs and save again from version ${theirs.version}.`,
        { current: theirs },
      );
    if (input.baseVersion < current.version) throw stale(current);
    if (input.text === current.text) {
      if (key !== 'detailed_status' || current.version === 0) return null;
      // Saved as it was: reviewed and still current, which re-arms the review reminder.
      await detailedStatusSaved(tx.db, incident.id, { unchanged: true, at: ctx.clock.now() });
      return {
        action: 'incident.document_section_reviewed',
        after: { section: key, version: current.version },
        timeline: {
          kind: 'document_edited',
          message: `${by} reviewed the ${SECTION_TITLES[key]}: still current (version ${current.version})`,
          data: { part: key, version: current.version },
        },
      };
    }
    const version = current.version + 1;
    const written = await insertRevision(tx.db, {
      incident_id: incident.id,
      section: key,
      version,
      body: input.text,
      saved_by: ctx.actor.type === 'user' ? ctx.actor.userId : null,
      saved_by_label: by,
      saved_at: ctx.clock.now(),
    });
    // Another save from the same version committed between our read and our insert.
    if (!written)
      throw stale(
        sectionOf(
          key,
          (await selectCurrentRevisions(tx.db, incident.id)).find((r) => r.section === key),
        ),
      );
    // A saved detailed status is reviewed: the owner's next reminder is one interval from now.
    if (key === 'detailed_status')
      await detailedStatusSaved(tx.db, incident.id, { unchanged: false, at: ctx.clock.now() });
    return {
      action: 'incident.document_section_saved',
      after: { section: key, version },
      timeline: {
        kind: 'document_edited',
        message: `${by} edited the ${SECTION_TITLES[key]} (version ${version})`,
        data: { part: key, version },
      },
    };
  });
}

/** Every saved version of a section, newest first, with who saved it and when. */
export async function sectionHistory(ctx: Ctx, idOrNumber: string, key: SectionKey): Promise<SectionRevision[]> {
  requireRole(ctx.actor, 'stakeholder', 'read incidents');
  const response = await getIncidentResponse(ctx, idOrNumber);
  return (await selectRevisions(ctx.db, response.incidentId, key)).map((r) => ({
    version: r.version,
    text: r.body,
    savedBy: r.saved_by_label,
    savedAt: r.saved_at.toISOString(),
  }));
}

/**
 * Timeline: the incident timeline, an append-only account of what happened
 * to an incident, by whom and through what (its source: web, api, cli, email
 * link, sms reply, slack, teams, voice, engine, ingest). Owns the
 * incident_timeline table: every module appends and reads through this API,
 * with one of the typed kinds (timeline.types.ts). It knows nothing of
 * incidents' rules, checks no permissions (the caller's use case does) and
 * never edits or deletes an entry: a star and a note's later versions (an
 * edit, or its deletion, which leaves a tombstone) are kept beside it, in
 * incident_timeline_stars and incident_timeline_revisions, which it owns too.
 */
export {
  appendTimelineEntry,
  appendTimelineEntries,
  appendTimelineEntriesIf,
  addTimelineEntryNow,
  readTimeline,
  findTimelineEntry,
  pagedUserIds,
  copyTimeline,
  type TimelineAppend,
} from './timeline.service.js';
export { starTimelineEntry, unstarTimelineEntry, reviseNote, readNoteHistory } from './timeline-marks.service.js';
export { parseTimelineFilters, type TimelineFilters } from './timeline.filters.js';
export type { TimelineBatchGate } from './timeline.repo.js';
export {
  TimelineEntrySchema,
  TimelineSourceSchema,
  TimelineRevisionSchema,
  TimelineQuerySchema,
  type TimelineEntry,
  type TimelineRevision,
  type TimelineQuery,
} from './timeline.schema.js';
export {
  TIMELINE_KINDS,
  type TimelineContext,
  type TimelineEntryInput,
  type TimelineKind,
  type TimelineKinds,
} from './timeline.types.js';

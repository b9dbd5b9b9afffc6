/**
 * Timeline: the incident timeline, an append-only account of what happened
 * to an incident, by whom and through what (its source: web, api, cli, email
 * link, sms reply, slack, teams, voice, engine, ingest). Owns the
 * incident_timeline table: every module appends and reads through this API,
 * with one of the typed kinds (timeline.types.ts). It knows nothing of
 * incidents' rules, checks no permissions (the caller's use case does) and
 * never edits or deletes an entry.
 */
export {
  appendTimelineEntry,
  appendTimelineEntries,
  appendTimelineEntryIf,
  addTimelineEntryNow,
  readTimeline,
  pagedUserIds,
  copyTimeline,
  type TimelineAppend,
} from './timeline.service.js';
export type { TimelineGate } from './timeline.repo.js';
export { TimelineEntrySchema, TimelineSourceSchema, type TimelineEntry } from './timeline.schema.js';
export {
  TIMELINE_KINDS,
  type TimelineContext,
  type TimelineEntryInput,
  type TimelineKind,
  type TimelineKinds,
} from './timeline.types.js';

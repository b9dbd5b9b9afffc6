/**
 * Turning rows and calculator output into the API's shapes: names for user
 * ids, ISO instants for milliseconds, checks in words.
 */
import { DateTime } from 'luxon';
import type { Db } from '../../db/client.js';
import { getUserRecord } from '../users/index.js';
import type { ScheduleChecks } from './oncall/checks.js';
import type { ScheduleDefinition } from './oncall/definition.js';
import type { FinalShift } from './oncall/timeline.js';
import { HOUR_MS } from './oncall/zone-rules.js';
import type { VersionRow } from './schedules.repo.js';
import type { Checks, OnCallUser, Shift, Version, VersionListItem } from './schedules.schema.js';

export interface Person extends OnCallUser {
  isDisabled: boolean;
}

export interface People {
  get(id: string): Person;
  nameOf(id: string): string;
}

/** Looks up the people behind user ids; unknown ids read as "unknown user …". */
export async function loadPeople(db: Db, ids: Iterable<string>): Promise<People> {
  const known = new Map<string, Person>();
  for (const id of new Set(ids)) {
    const row = await getUserRecord(db, id);
    if (row) known.set(id, { id, name: row.name, email: row.email, isDisabled: row.is_disabled });
  }
  const get = (id: string): Person => known.get(id) ?? { id, name: `unknown user ${id}`, email: '', isDisabled: true };
  return { get, nameOf: (id) => get(id).name };
}

export const iso = (ms: number | Date): string => new Date(ms).toISOString();

export const onCallUser = (person: Person): OnCallUser => ({ id: person.id, name: person.name, email: person.email });

export function toShifts(shifts: FinalShift[] | Array<FinalShift & { userId: string }>, people: People): Shift[] {
  return shifts.map((s) => ({ userId: s.userId, name: people.nameOf(s.userId), start: iso(s.start), end: iso(s.end) }));
}

export function toVersionListItem(row: VersionRow): VersionListItem {
  return {
    number: row.number,
    effectiveFrom: iso(row.effective_from),
    author: { type: row.author_type, id: row.author_id, label: row.author_label },
    summary: row.summary,
    restoredFromVersion: row.restored_from_version,
    createdAt: iso(row.created_at),
  };
}

export function toVersion(row: VersionRow): Version {
  return { ...toVersionListItem(row), definition: row.definition as ScheduleDefinition };
}

/** "Mon 5 Jan 09:00" in the schedule's zone. */
export function localTime(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone, locale: 'en-GB' }).toFormat('ccc d LLL HH:mm');
}

const hours = (ms: number): string => `${Math.round((ms / HOUR_MS) * 10) / 10} h`;

/** Checks with names, and their problems in words. */
export function toChecks(checks: ScheduleChecks, people: People, zone: string, extraWarnings: string[] = []): Checks {
  const warnings: string[] = [];
  const weeks = Math.round((checks.to - checks.from) / (7 * 24 * HOUR_MS));
  if (checks.gaps.length > 0) {
    const total = checks.gaps.reduce((sum, g) => sum + g.end - g.start, 0);
    const first = checks.gaps[0]!;
    warnings.push(
      `Nobody is on call for ${hours(total)} over the next ${weeks} weeks (${checks.gaps.length} gap${checks.gaps.length === 1 ? '' : 's'}), ` +
        `first ${localTime(first.start, zone)} – ${localTime(first.end, zone)} (${zone})`,
    );
  }
  const doubled = new Map<string, { total: number; first: number; sources: Set<string> }>();
  for (const d of checks.doubleBookings) {
    const entry = doubled.get(d.userId) ?? { total: 0, first: d.start, sources: new Set<string>() };
    entry.total += d.end - d.start;
    for (const s of d.sources) entry.sources.add(s);
    doubled.set(d.userId, entry);
  }
  for (const [userId, d] of doubled) {
    warnings.push(
      `${people.nameOf(userId)} is on call twice at once (${[...d.sources].join(' and ')}) for ${hours(d.total)}, first ${localTime(d.first, zone)}`,
    );
  }
  for (const key of checks.unevenLoad) {
    const label = { hours: 'hours on call', nightHours: 'night hours', weekendHours: 'weekend hours' }[key];
    const figures = [...checks.load].sort((a, b) => b[key] - a[key]).map((l) => `${people.nameOf(l.userId)} ${l[key]}`);
    warnings.push(`Uneven ${label} over the next ${weeks} weeks: ${figures.join(', ')}`);
  }
  return {
    from: iso(checks.from),
    to: iso(checks.to),
    weeks,
    gaps: checks.gaps.map((g) => ({ start: iso(g.start), end: iso(g.end) })),
    doubleBookings: checks.doubleBookings.map((d) => ({
      userId: d.userId,
      name: people.nameOf(d.userId),
      start: iso(d.start),
      end: iso(d.end),
      sources: d.sources,
    })),
    load: checks.load.map((l) => ({ ...l, name: people.nameOf(l.userId) })),
    unevenLoad: checks.unevenLoad,
    warnings: [...warnings, ...extraWarnings],
  };
}

/** Warnings about the people in a definition: unknown or disabled participants. */
export function participantWarnings(definition: ScheduleDefinition, people: People): string[] {
  const out: string[] = [];
  for (const id of new Set(definition.layers.flatMap((l) => l.participants))) {
    const person = people.get(id);
    if (!person.email) out.push(`No user has the id ${id}: list existing users as participants`);
    else if (person.isDisabled)
      out.push(
        `${person.name} (${person.email}) is disabled: their turns page nobody until they are enabled or removed`,
      );
  }
  for (const layer of definition.layers)
    if (layer.participants.length === 0) out.push(`Layer ${layer.name} has no participants`);
  return out;
}

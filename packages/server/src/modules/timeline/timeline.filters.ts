/** The timeline's filters: which kinds, which sources, starred or not; a value it does not know is refused by name. */
import { badRequest } from '../../lib/errors.js';
import { SOURCES, type Source } from '../../lib/source.js';
import type { TimelineQuery } from './timeline.schema.js';
import { TIMELINE_KINDS, type TimelineKind } from './timeline.types.js';

export interface TimelineFilters {
  kinds?: TimelineKind[];
  sources?: Source[];
  starred?: boolean;
}

function listOf<T extends string>(field: string, value: string | undefined, known: readonly T[]): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((item) => item.trim());
  const unknown = items.filter((item) => !(known as readonly string[]).includes(item));
  if (unknown.length)
    throw badRequest(`Unknown ${field} ${unknown.map((u) => `"${u}"`).join(', ')}: use ${known.join(', ')}.`, {
      field,
      unknown,
      valid: known,
    });
  return items as T[];
}

/** The query as filters; an unknown kind or source is a 400 that names the valid ones. */
export function parseTimelineFilters(query: TimelineQuery): TimelineFilters {
  const kinds = listOf('kind', query.kind, TIMELINE_KINDS);
  const sources = listOf('source', query.source, SOURCES);
  return {
    ...(kinds && { kinds }),
    ...(sources && { sources }),
    ...(query.starred !== undefined && { starred: query.starred === 'true' }),
  };
}

/**
 * A timeline entry's words as people read them: a note keeps its line breaks
 * and its links can be clicked; a snooze says when it ends in the reader's
 * own time zone rather than as a raw ISO instant.
 */
import type { TimelineEntry } from '../incidents/incidents.types';
import { useSession } from '../auth/session-context';
import { formatInstant } from '../../ui/instant';
import { linkParts } from '../../ui/linkify';

export function EntryMessage({ entry }: { entry: TimelineEntry }) {
  const { state } = useSession();
  const timeZone = state.status === 'signed-in' ? state.user.timeZone : 'UTC';
  if (entry.kind === 'note') {
    return (
      <span className="timeline-message note-text">
        {linkParts(entry.message).map((part, index) =>
          'url' in part ? (
            <a key={index} href={part.url} target="_blank" rel="noopener noreferrer">
              {part.url}
            </a>
          ) : (
            <span key={index}>{part.text}</span>
          ),
        )}
      </span>
    );
  }
  const until = (entry.data as { until?: unknown } | null)?.until;
  if (entry.kind === 'snoozed' && typeof until === 'string' && entry.message.includes(until)) {
    return <span className="timeline-message">{entry.message.replace(until, formatInstant(until, timeZone))}</span>;
  }
  return <span className="timeline-message">{entry.message}</span>;
}

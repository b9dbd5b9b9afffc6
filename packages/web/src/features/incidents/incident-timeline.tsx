/**
 * An incident's story, oldest first and newest last: the timeline entries
 * with the notifications Tocsin sent (or chose not to send) woven in by time,
 * so "who was paged, how, and did it arrive" sits next to what people did.
 * Chips narrow it (kinds, sources, starred); responders star entries for the
 * postmortem, and people edit or delete their own notes.
 */
import { useState, type ReactNode } from 'react';
import type { TimelineEntry } from './incidents.types';
import type { Notification } from '../notify/notify.types';
import type { User } from '../users/users.types';
import { EntryMessage } from '../timeline/entry-message';
import { NoteTools } from '../timeline/note-tools';
import { StarToggle } from '../timeline/star-toggle';
import { SOURCE_LABELS, TimelineFilterBar } from '../timeline/timeline-filter-bar';
import { ALL_ENTRIES, isFiltered, showsEntry, showsNotifications } from '../timeline/timeline-groups';
import { useIsNarrow } from '../../ui/fold';
import { Instant } from '../../ui/instant';

/** On a phone, the story's newest entries show; the earlier ones fold behind "Show N earlier entries". */
const RECENT_ON_PHONE = 5;

type Item = { at: string; key: string; entry: TimelineEntry } | { at: string; key: string; notification: Notification };

const NOTIFICATION_KINDS: Record<Notification['kind'], string> = {
  page: 'Page',
  bundle: 'Bundled page',
  test: 'Test',
  verification: 'Verification',
  channel_notice: 'Channel notice',
  handoff: 'Hand-off',
  status_update: 'Status update',
};

interface IncidentTimelineProps {
  incidentId: string;
  entries: readonly TimelineEntry[];
  notifications: readonly Notification[];
  users: readonly User[];
  /** Who is reading: their own notes get Edit and Delete. */
  viewerId: string;
  canStar: boolean;
  /** Admins may delete anyone's note, to moderate. */
  isAdmin: boolean;
  /** After a star, an edit or a deletion. */
  onChanged: () => void;
  /** Shown under the story: the note box. */
  children?: ReactNode;
}

export function IncidentTimeline({
  incidentId,
  entries,
  notifications,
  users,
  viewerId,
  canStar,
  isAdmin,
  onChanged,
  children,
}: IncidentTimelineProps) {
  const [view, setView] = useState(ALL_ENTRIES);
  const sources = Object.keys(SOURCE_LABELS).filter((source) => entries.some((e) => e.source === source)) as Array<
    TimelineEntry['source']
  >;
  const items: Item[] = [
    ...entries
      .filter((entry) => showsEntry(view, entry))
      .map((entry) => ({ at: entry.at, key: `e-${entry.id}`, entry })),
    ...(showsNotifications(view) ? notifications : []).map((notification) => ({
      at: notification.sentAt ?? notification.sendAt,
      key: `n-${notification.id}`,
      notification,
    })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  const nameOf = (userId: string | null) =>
    userId ? (users.find((user) => user.id === userId)?.name ?? 'a person') : 'a channel';
  const isNarrow = useIsNarrow();
  const folded = isNarrow && items.length > RECENT_ON_PHONE + 1 ? items.length - RECENT_ON_PHONE : 0;

  const show = (item: Item) =>
    'entry' in item ? (
      <li
        key={item.key}
        className={`timeline-item kind-${item.entry.kind}${item.entry.deleted ? ' is-deleted' : ''}`}
        data-testid="timeline-entry"
      >
        <Instant iso={item.at} precision="second" />
        <div>
          <StarToggle incidentId={incidentId} entry={item.entry} canStar={canStar} onChanged={onChanged} />{' '}
          <span className="tag">{item.entry.kind.replaceAll('_', ' ')}</span> <EntryMessage entry={item.entry} />
          <span className="muted">
            {' '}
            · {item.entry.actor.label} ·{' '}
            <span data-testid="timeline-source">via {SOURCE_LABELS[item.entry.source]}</span>
          </span>
          {item.entry.kind === 'note' && (
            <NoteTools
              incidentId={incidentId}
              note={item.entry}
              isAuthor={item.entry.actor.type === 'user' && item.entry.actor.id === viewerId}
              isAdmin={isAdmin}
              onChanged={onChanged}
            />
          )}
        </div>
      </li>
    ) : (
      <li key={item.key} className="timeline-item kind-notification" data-testid="timeline-notification">
        <Instant iso={item.at} precision="second" />
        <div>
          <span className="tag">notification</span> {NOTIFICATION_KINDS[item.notification.kind]} to{' '}
          {nameOf(item.notification.userId)}
          {item.notification.provider && ` by ${item.notification.provider}`}:{' '}
          <strong>{item.notification.status}</strong>
          {item.notification.error && <span className="muted"> ({item.notification.error})</span>}
        </div>
      </li>
    );

  return (
    <section className="panel" aria-labelledby="incident-timeline-heading">
      <h2 id="incident-timeline-heading">Timeline</h2>
      {entries.length > 0 && <TimelineFilterBar view={view} sources={sources} onChange={setView} />}
      {items.length === 0 && (
        <p className="muted">{isFiltered(view) ? 'Nothing matches these filters.' : 'Nothing has happened yet.'}</p>
      )}
      {folded > 0 && (
        <details className="timeline-older">
          <summary>Show {folded} earlier entries</summary>
          <ol className="timeline">{items.slice(0, folded).map(show)}</ol>
        </details>
      )}
      <ol className="timeline" data-testid="timeline">
        {items.slice(folded).map(show)}
      </ol>
      {children}
    </section>
  );
}

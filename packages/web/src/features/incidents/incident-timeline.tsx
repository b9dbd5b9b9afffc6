/**
 * An incident's story, oldest first and newest last: the timeline entries
 * with the notifications Tocsin sent (or chose not to send) woven in by time,
 * so "who was paged, how, and did it arrive" sits next to what people did.
 */
import type { ReactNode } from 'react';
import type { TimelineEntry } from './incidents.types';
import type { Notification } from '../notify/notify.types';
import type { User } from '../users/users.types';
import { Instant } from '../../ui/instant';

type Item = { at: string; key: string; entry: TimelineEntry } | { at: string; key: string; notification: Notification };

/** What an entry was done through, as people say it. */
const SOURCES: Record<TimelineEntry['source'], string> = {
  web: 'web',
  api: 'API',
  cli: 'CLI',
  email_link: 'email link',
  sms_reply: 'SMS reply',
  slack: 'Slack',
  teams: 'Teams',
  voice: 'phone call',
  engine: 'engine',
  ingest: 'integration',
};

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
  entries: readonly TimelineEntry[];
  notifications: readonly Notification[];
  users: readonly User[];
  /** Shown under the story: the note box. */
  children?: ReactNode;
}

export function IncidentTimeline({ entries, notifications, users, children }: IncidentTimelineProps) {
  const items: Item[] = [
    ...entries.map((entry) => ({ at: entry.at, key: `e-${entry.id}`, entry })),
    ...notifications.map((notification) => ({
      at: notification.sentAt ?? notification.sendAt,
      key: `n-${notification.id}`,
      notification,
    })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  const nameOf = (userId: string | null) =>
    userId ? (users.find((user) => user.id === userId)?.name ?? 'a person') : 'a channel';

  return (
    <section className="panel" aria-labelledby="incident-timeline-heading">
      <h2 id="incident-timeline-heading">Timeline</h2>
      {items.length === 0 && <p className="muted">Nothing has happened yet.</p>}
      <ol className="timeline" data-testid="timeline">
        {items.map((item) =>
          'entry' in item ? (
            <li key={item.key} className={`timeline-item kind-${item.entry.kind}`}>
              <Instant iso={item.at} precision="second" />
              <div>
                <span className="tag">{item.entry.kind.replaceAll('_', ' ')}</span> {item.entry.message}
                <span className="muted">
                  {' '}
                  · {item.entry.actor.label} ·{' '}
                  <span data-testid="timeline-source">via {SOURCES[item.entry.source]}</span>
                </span>
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
          ),
        )}
      </ol>
      {children}
    </section>
  );
}

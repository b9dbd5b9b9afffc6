/**
 * Calendar feeds as iCalendar (RFC 5545) text, through ical-generator (line
 * folding, escaping, CRLF): one VEVENT per shift with a UID that stays the
 * same as long as the shift starts at the same moment, times in UTC.
 */
import { createHash } from 'node:crypto';
import ical, { ICalCalendarMethod, ICalEventBusyStatus, ICalEventTransparency } from 'ical-generator';

export interface FeedEvent {
  scheduleId: string;
  scheduleName: string;
  userId: string;
  userName: string;
  start: number;
  end: number;
}

export interface FeedContent {
  name: string;
  description: string;
  /** Whose shifts: a person (their feed names schedules) or a schedule (its feed names people). */
  kind: 'user' | 'schedule';
  events: FeedEvent[];
  generatedAt: Date;
}

/** Stable per (schedule, person, start): calendar apps update the event in place when its end moves. */
export function eventUid(event: Pick<FeedEvent, 'scheduleId' | 'userId' | 'start'>): string {
  return `${createHash('sha256').update(`${event.scheduleId}:${event.userId}:${event.start}`).digest('hex').slice(0, 32)}@tocsin`;
}

export function eventSummary(kind: FeedContent['kind'], event: FeedEvent): string {
  return kind === 'user' ? `On call: ${event.scheduleName}` : `${event.userName} on call (${event.scheduleName})`;
}

export function renderIcs(feed: FeedContent): string {
  const calendar = ical({
    name: feed.name,
    description: feed.description,
    prodId: { company: 'Tocsin', product: 'On-call schedules', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 3600,
  });
  for (const event of feed.events) {
    calendar.createEvent({
      id: eventUid(event),
      start: new Date(event.start),
      end: new Date(event.end),
      stamp: feed.generatedAt,
      summary: eventSummary(feed.kind, event),
      description: `${event.userName} is on call for ${event.scheduleName}.`,
      busystatus: ICalEventBusyStatus.FREE,
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return calendar.toString();
}

/** The titles of the alerts a heartbeat raises and resolves: its name once, never "Heartbeat Heartbeat". */
import { describe, expect, it } from 'vitest';
import { heartbeatMissed, heartbeatResolved } from './heartbeat.ping.js';

const now = new Date('2026-03-02T10:00:00Z');
const due = (name: string, silentMinutes: number) => ({
  integrationKeyId: '00000000-0000-0000-0000-000000000001',
  name,
  intervalSeconds: 60,
  lastPingAt: new Date(now.getTime() - silentMinutes * 60_000),
  nextDueAt: now,
  isFailing: false,
});
const summaryOf = (event: { alert: unknown }) => (event.alert as { summary: string }).summary;

describe('heartbeat alert titles', () => {
  it.each([
    ['Heartbeat', 1, 'Heartbeat missed: no ping for 1 minute'],
    [' heartbeat ', 2, 'Heartbeat missed: no ping for 2 minutes'],
    ['Nightly backup', 1, 'Heartbeat missed: Nightly backup: no ping for 1 minute'],
    ['Queue consumer', 90, 'Heartbeat missed: Queue consumer: no ping for 90 minutes'],
  ])('missed, named %j, silent %i min → %s', (name, minutes, expected) => {
    expect(summaryOf(heartbeatMissed(due(name, minutes), now))).toBe(expected);
  });

  it.each([
    ['Heartbeat', 'Heartbeat received a ping'],
    ['Nightly backup', 'Heartbeat received a ping: Nightly backup'],
  ])('resolved, named %j → %s', (name, expected) => {
    expect(summaryOf(heartbeatResolved(name, now))).toBe(expected);
  });
});

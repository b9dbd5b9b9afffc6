import { describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../../incidents/index.js';
import { renderMessage } from './render.js';

const incident: IncidentSummary = {
  id: '0190a000-0000-7000-8000-000000000041',
  number: 41,
  title: 'Checkout database is down',
  status: 'triggered',
  urgency: 'high',
  priority: 'P1',
  serviceId: '0190a000-0000-7000-8000-000000000001',
  serviceName: 'checkout',
  triggeredAt: new Date('2026-01-05T09:00:00Z'),
  response: null,
};
const common = {
  notificationId: '0190a000-0000-7000-8000-0000000000aa',
  to: '+447700900123',
  publicUrl: 'https://t.example.com',
};
const links = { acknowledge: 'https://t.example.com/a/ack', resolve: 'https://t.example.com/a/res' };

describe('renderMessage', () => {
  it('pages with the incident, both action links and the SMS reply code', () => {
    const m = renderMessage({ ...common, kind: 'page', incident, links, replyCode: '3' });
    expect(m.subject).toBe('[Tocsin] #41 Checkout database is down (checkout)');
    expect(m.text).toContain('Incident #41 on checkout needs you: Checkout database is down');
    expect(m.text).toContain('Acknowledge: https://t.example.com/a/ack');
    expect(m.text).toContain('Resolve: https://t.example.com/a/res');
    expect(m.text).toContain('Open: https://t.example.com/app/incidents/0190a000-0000-7000-8000-000000000041');
    expect(m.shortText).toBe('Tocsin #41 checkout: Checkout database is down. Reply 43 to acknowledge, 63 to resolve.');
    expect(m.shortText.length).toBeLessThanOrEqual(160);
    expect(m.actions.map((a) => a.action)).toEqual(['acknowledge', 'resolve']);
  });

  it('offers only what still applies to an acknowledged incident', () => {
    const m = renderMessage({ ...common, kind: 'channel_notice', incident: { ...incident, status: 'acknowledged' } });
    expect(m.actions.map((a) => a.action)).toEqual(['resolve']);
    expect(m.actions[0]!.url).toBeUndefined();
  });

  it('summarises a bundle in one short text', () => {
    const bundle = Array.from({ length: 12 }, (_, i) => ({
      incident: { ...incident, number: 41 + i, title: `Disk full on db-${i}` },
      links,
    }));
    const m = renderMessage({ ...common, kind: 'bundle', bundle });
    expect(m.subject).toBe('[Tocsin] You have 12 new incidents');
    expect(m.shortText).toMatch(/^Tocsin: you have 12 new incidents: #41 Disk full on db-0, #42 /);
    expect(m.shortText).toContain('https://t.example.com/app/incidents');
    expect(m.shortText.length).toBeLessThanOrEqual(400);
    expect(m.bundle).toHaveLength(12);
  });

  it('puts the verification code in every form of the message', () => {
    const m = renderMessage({ ...common, kind: 'verification', verificationCode: '042917' });
    expect(m.text).toContain('042917');
    expect(m.shortText).toContain('042917');
    expect(m.verificationCode).toBe('042917');
  });

  it.each([
    [
      { change: 'override_created', direction: 'on', otherName: null },
      '[Tocsin] You are on call for Primary (override)',
      'An override puts you on call for Primary from 2026-03-03 09:00 UTC until 2026-03-03 21:00 UTC (by Ann).',
    ],
    [
      { change: 'override_created', direction: 'off', otherName: 'Carol' },
      '[Tocsin] Carol covers you on Primary',
      'Carol is on call for you on Primary from 2026-03-03 09:00 UTC until 2026-03-03 21:00 UTC (by Ann): you are off call then.',
    ],
    [
      { change: 'override_removed', direction: 'on', otherName: 'Carol' },
      '[Tocsin] You are on call again for Primary',
      'The override by which Carol covered you on Primary from 2026-03-03 09:00 UTC until 2026-03-03 21:00 UTC was removed (by Ann): you are on call for that time again.',
    ],
    [
      { change: 'override_removed', direction: 'off', otherName: null },
      '[Tocsin] Override removed: you are off call for Primary',
      'The override that put you on call for Primary from 2026-03-03 09:00 UTC until 2026-03-03 21:00 UTC was removed (by Ann): you are not on call for it.',
    ],
    [
      { change: 'swap_offered', direction: 'offer', otherName: 'Bob', note: 'dentist' },
      '[Tocsin] Bob asks for cover on Primary',
      "Bob offers their time on call for Primary from 2026-03-03 09:00 UTC until 2026-03-03 21:00 UTC: take it from the schedule's swaps if you can cover it. Note: dentist",
    ],
    [
      { change: 'swap_taken', direction: 'on', otherName: 'Bob' },
      '[Tocsin] You cover Bob on Primary',
      "You took Bob's swap: you are on call for Primary from 2026-03-03 09:00 UTC until 2026-03-03 21:00 UTC.",
    ],
    [
      { change: 'swap_taken', direction: 'off', otherName: 'Carol' },
      '[Tocsin] Carol took your swap on Primary',
      'Carol took your swap: they are on call for you on Primary from 2026-03-03 09:00 UTC until 2026-03-03 21:00 UTC; you are off call then.',
    ],
  ] as const)('says what a schedule change means to the person told: %o', (change, subject, text) => {
    const actor = change.change === 'swap_offered' || change.change === 'swap_taken' ? {} : { actorLabel: 'Ann' };
    const m = renderMessage({
      ...common,
      kind: 'handoff',
      handoff: {
        scheduleName: 'Primary',
        startsAt: '2026-03-03T09:00:00.000Z',
        endsAt: '2026-03-03T21:00:00.000Z',
        ...actor,
        ...change,
      },
    });
    expect(m.subject).toBe(subject);
    expect(m.text.split('\n')[0]).toBe(text);
    expect(m.shortText).toBe(`Tocsin: ${text}`);
  });
});

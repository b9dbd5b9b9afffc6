import { describe, expect, it } from 'vitest';
import { emailSettingsOf, emailToEvent, RESOLVE_SUBJECT, subjectKey, type InboundMail } from './email.adapter.js';

const mail = (overrides: Partial<InboundMail> = {}): InboundMail => ({
  subject: 'Disk full on db1',
  text: 'Only 1% left on /var.',
  from: 'nagios@example.com',
  to: ['abc@alerts.example.com'],
  messageId: '<m2@example.com>',
  inReplyTo: undefined,
  references: [],
  date: new Date('2026-03-02T10:00:00Z'),
  ...overrides,
});
const subjectRule = emailSettingsOf({});

describe('inbound email', () => {
  it('maps subject → summary, body → details, sender → source', () => {
    expect(emailToEvent(mail(), subjectRule)).toEqual({
      action: 'trigger',
      dedupKey: 'disk full on db1',
      alert: {
        summary: 'Disk full on db1',
        source: 'nagios@example.com',
        severity: 'error',
        timestamp: '2026-03-02T10:00:00.000Z',
        customDetails: { text: 'Only 1% left on /var.', from: 'nagios@example.com', to: ['abc@alerts.example.com'] },
        links: [],
        images: [],
        client: 'Email',
      },
      raw: expect.objectContaining({
        subject: 'Disk full on db1',
        messageId: '<m2@example.com>',
        date: '2026-03-02T10:00:00.000Z',
      }),
    });
  });

  it.each([
    ['Resolved: Disk full on db1', true],
    ['RESOLVED Disk full on db1', true],
    ['Re: resolved - Disk full', true],
    ['[RESOLVED] Disk full', true],
    ['OK: Disk full', true],
    ['Recovered: Disk full', true],
    ['Disk full, not resolved', false],
    ['Okay this is bad', false],
    ['Fwd: Resolved: Disk full', false],
    ['Unresolved: Disk full', false],
  ])('%j resolves: %s', (subject, resolves) => {
    expect(RESOLVE_SUBJECT.test(subject)).toBe(resolves);
    expect(emailToEvent(mail({ subject }), subjectRule).action).toBe(resolves ? 'resolve' : 'trigger');
  });

  it.each([
    ['Disk full on db1', 'disk full on db1'],
    ['RESOLVED: Disk full on db1', 'disk full on db1'],
    ['Re: Re: [FIRING:2] Disk   full on db1', 'disk full on db1'],
    ['PROBLEM - Disk full on db1', 'disk full on db1'],
    ['', '(no subject)'],
  ])('subject rule: %j → %j', (subject, key) => {
    expect(subjectKey(subject)).toBe(key);
  });

  it('message_id rule: a reply joins the thread it answers', () => {
    const rule = emailSettingsOf({ dedupRule: 'message_id' });
    expect(emailToEvent(mail(), rule).dedupKey).toBe('<m2@example.com>');
    const reply = mail({
      subject: 'Re: RESOLVED',
      messageId: '<m3@example.com>',
      inReplyTo: '<m2@example.com>',
      references: ['<m1@example.com>', '<m2@example.com>'],
    });
    expect(emailToEvent(reply, rule)).toMatchObject({ action: 'resolve', dedupKey: '<m1@example.com>' });
  });

  it('regex rule: the first group, else the whole match, else the subject rule', () => {
    expect(
      emailToEvent(
        mail({ subject: 'Ticket #4711: printer on fire' }),
        emailSettingsOf({ dedupRule: { regex: '#(\\d+)' } }),
      ).dedupKey,
    ).toBe('4711');
    expect(
      emailToEvent(mail({ subject: 'Ticket #4711' }), emailSettingsOf({ dedupRule: { regex: '#\\d+' } })).dedupKey,
    ).toBe('#4711');
    expect(
      emailToEvent(mail({ subject: 'No number' }), emailSettingsOf({ dedupRule: { regex: '#(\\d+)' } })).dedupKey,
    ).toBe('no number');
  });

  it('falls back to the subject rule and error severity when the settings are unusable', () => {
    expect(emailSettingsOf({ dedupRule: { regex: '' } })).toEqual({ dedupRule: 'subject', severity: 'error' });
    expect(emailToEvent(mail({ subject: 'x' }), emailSettingsOf({ dedupRule: { regex: '(' } })).dedupKey).toBe('x');
  });

  it("gives every alert the severity the key's settings name", () => {
    expect(emailToEvent(mail(), emailSettingsOf({ severity: 'warning' })).alert.severity).toBe('warning');
  });

  it('survives a mail with no subject, no sender, no date and a huge body', () => {
    const event = emailToEvent(
      mail({ subject: undefined, from: undefined, date: new Date('nope'), text: 'x'.repeat(100_000) }),
      subjectRule,
    );
    expect(event.alert.summary).toBe('(no subject)');
    expect(event.alert.source).toBe('email');
    expect(event.alert.timestamp).toBeUndefined();
    expect((event.alert.customDetails as { text: string }).text.length).toBeLessThan(70_000);
  });
});

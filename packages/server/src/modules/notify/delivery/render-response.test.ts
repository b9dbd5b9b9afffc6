/** What people read about a declared incident: why a page reached them, and what changed in a channel. */
import { describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../../incidents/index.js';
import { slackBlocks } from '../providers/slack-blocks.js';
import { teamsCard } from '../providers/teams.provider.js';
import { webhookBody } from '../providers/webhook.provider.js';
import type { PageReason } from './reasons.js';
import { renderMessage } from './render.js';

const incident: IncidentSummary = {
  id: '0190a000-0000-7000-8000-000000000012',
  number: 12,
  title: 'Checkout is slow',
  status: 'triggered',
  urgency: 'high',
  priority: null,
  serviceId: '0190a000-0000-7000-8000-000000000001',
  serviceName: 'checkout',
  triggeredAt: new Date('2026-03-02T10:00:00Z'),
  response: { severity: 'S2', stage: 'investigating', nearMiss: false, ownerName: 'Alice' },
};
const url = 'https://t.example.com/app/incidents/0190a000-0000-7000-8000-000000000012';
const common = {
  notificationId: '0190a000-0000-7000-8000-0000000000aa',
  to: '+447700900123',
  publicUrl: 'https://t.example.com',
};
const links = { acknowledge: 'https://t.example.com/a/ack', resolve: 'https://t.example.com/a/res' };
const imoc: PageReason = { reason: 'role', roleName: 'Incident manager on call', roleSlug: 'imoc' };
const handoff: PageReason = {
  reason: 'handoff_request',
  roleName: 'Engineer on call',
  fromName: 'Alice',
  note: 'I am off at six',
};
const reminder: PageReason = { reason: 'owner_reminder', minutes: 30, nextRoleName: 'Incident manager on call' };

const page = (reason: PageReason, status: IncidentSummary['status'] = 'triggered') =>
  renderMessage({ ...common, kind: 'page', incident: { ...incident, status }, links, replyCode: '3', reason });

describe('a page for a role', () => {
  const m = page(imoc);

  it('says which role in every form: subject, text, SMS, Slack, webhook', () => {
    const ask = 'You are asked to be Incident manager on call (IMOC) for #12 Checkout is slow';
    expect(m.subject).toBe(`[Tocsin] ${ask}`);
    expect(m.text.split('\n')[0]).toBe(`${ask}.`);
    expect(m.shortText).toBe(
      'Tocsin #12 S2 checkout: You are asked to be Incident manager on call (IMOC). Checkout is slow. Reply 43 to acknowledge, 63 to resolve.',
    );
    expect(m.shortText.length).toBeLessThanOrEqual(160);
    expect(JSON.stringify(slackBlocks(m))).toContain(ask);
    expect(webhookBody(m, 'k', new Date())).toMatchObject({ headline: ask, reason: imoc });
  });

  it('is still a page: acknowledge and resolve, with the severity, stage and owner', () => {
    expect(m.actions.map((a) => a.action)).toEqual(['acknowledge', 'resolve']);
    expect(m.text).toContain('Severity: S2 · Stage: investigating · Owner: Alice · Urgency: high');
    expect(m.incident!.response).toEqual({ severity: 'S2', stage: 'investigating', nearMiss: false, owner: 'Alice' });
  });

  it('keeps an SMS in one message however long the title', () => {
    const long = renderMessage({
      ...common,
      kind: 'page',
      incident: { ...incident, title: 'x'.repeat(300) },
      replyCode: '3',
      reason: imoc,
    });
    expect(long.shortText.length).toBeLessThanOrEqual(160);
    expect(long.shortText).toMatch(
      /^Tocsin #12 S2 checkout: You are asked to be Incident manager on call \(IMOC\)\. x+…\. Reply 43/,
    );
  });
});

describe('a hand-off asked', () => {
  const m = page(handoff, 'acknowledged');

  it('says who asks, for which role, the note and where to accept', () => {
    const ask = 'Alice asks you to take over as Engineer on call for #12 Checkout is slow';
    expect(m.subject).toBe(`[Tocsin] ${ask}`);
    expect(m.text).toContain(`${ask}.`);
    expect(m.text).toContain('Note: I am off at six');
    expect(m.text).toContain(`To accept (or decline), open the incident: ${url}`);
    expect(m.shortText).toBe(`Tocsin: ${ask}. Note: I am off at six ${url}`);
    expect(m.nextStep).toContain(url);
    expect(JSON.stringify(slackBlocks(m))).toContain('I am off at six');
  });

  it('does not read like a page: no acknowledge or resolve, no reply code', () => {
    expect(m.actions).toEqual([]);
    expect(m.shortText).not.toMatch(/^Tocsin #\d+ /);
    expect(m.shortText).not.toContain('Reply');
    expect(m.text).not.toContain('needs you');
    expect(JSON.stringify(slackBlocks(m))).not.toContain('tocsin_acknowledge');
  });
});

describe('an owner reminded', () => {
  it('says how long they have troubleshot and which role to engage next', () => {
    const m = page(reminder, 'acknowledged');
    const said =
      'You have troubleshot #12 Checkout is slow for 30 minutes: engage the Incident manager on call if you need backup';
    expect(m.subject).toBe(`[Tocsin] ${said}`);
    expect(m.text).toContain(`Engage the Incident manager on call from the incident: ${url}`);
    expect(m.shortText).toContain('for 30 minutes: engage the Incident manager on call');
    expect(m.actions).toEqual([]);
  });

  it('without a next role, asks them to call for backup', () => {
    const m = page({ ...reminder, nextRoleName: null } as PageReason);
    expect(m.subject).toContain('for 30 minutes: call for backup if you need it');
  });
});

describe('a channel notice of a declared incident', () => {
  it('shows the card with severity, stage and owner', () => {
    const m = renderMessage({ ...common, kind: 'channel_notice', incident });
    expect(m.subject).toBe('[Tocsin] #12 Checkout is slow (checkout)');
    expect(m.text).toContain('Severity: S2 · Stage: investigating · Owner: Alice');
    const blocks = JSON.stringify(slackBlocks(m));
    expect(blocks).toContain('Severity: *S2*');
    expect(blocks).toContain('Owner: Alice');
    const facts = JSON.stringify(teamsCard(m));
    expect(facts).toContain('{"title":"Severity","value":"S2"}');
    expect(facts).toContain('{"title":"Owner","value":"Alice"}');
  });

  it('says what changed: severity with its reason, stage', () => {
    const severity = renderMessage({
      ...common,
      kind: 'channel_notice',
      incident,
      change: { change: 'severity', from: 'S3', to: 'S2', by: 'Ada', reason: 'customers affected' },
    });
    expect(severity.subject).toBe('[Tocsin] #12 S3 → S2 by Ada: customers affected (Checkout is slow)');
    expect(severity.text.split('\n')[0]).toBe('#12 S3 → S2 by Ada: customers affected');
    expect(JSON.stringify(slackBlocks(severity))).toContain('#12 S3 → S2 by Ada: customers affected');
    expect(webhookBody(severity, 'k', new Date())).toMatchObject({ reason: { change: 'severity', to: 'S2' } });
    const stage = renderMessage({
      ...common,
      kind: 'channel_notice',
      incident: { ...incident, status: 'resolved' },
      change: { change: 'stage', from: 'monitoring', to: 'resolved', by: 'Ada' },
    });
    expect(stage.text.split('\n')[0]).toBe('#12 monitoring → resolved by Ada');
    expect(stage.actions).toEqual([]);
  });

  it('an incident only paged shows no response facts', () => {
    const m = renderMessage({ ...common, kind: 'channel_notice', incident: { ...incident, response: null } });
    expect(m.text).not.toContain('Severity');
    expect(m.incident!.response).toBeUndefined();
    expect(m.headline).toBeUndefined();
  });
});

describe('a bundle', () => {
  it('says why each page with a reason was sent, and offers nothing to act on a hand-off', () => {
    const m = renderMessage({
      ...common,
      kind: 'bundle',
      bundle: [
        { incident, links, reason: imoc },
        { incident: { ...incident, number: 13, status: 'acknowledged' }, links: {}, reason: handoff },
      ],
    });
    expect(m.text).toContain('  You are asked to be Incident manager on call (IMOC) for #12 Checkout is slow');
    expect(m.text).toContain('  Alice asks you to take over as Engineer on call for #13 Checkout is slow');
    expect(m.bundle!.map((item) => item.actions.length)).toEqual([2, 0]);
  });
});

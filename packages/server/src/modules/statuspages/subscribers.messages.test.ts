/** The words and links of subscriber messages, by table: any state reads in words, every mail can unsubscribe. */
import { describe, expect, it } from 'vitest';
import { confirmMail, updateMail, updateWebhookBody } from './subscribers.messages.js';
import type { UpdateForMessage } from './subscribers.repo.js';
import { confirmToken, unsubscribeToken } from './subscribers.tokens.js';
import { stateLabel } from './subscribers.types.js';

const update = (state: string): UpdateForMessage => ({
  update_id: '0190f000-0000-7000-8000-000000000001',
  state: state as UpdateForMessage['state'],
  body: 'Payments <script>alert(1)</script> are **slow**.',
  created_at: new Date('2026-03-29T00:30:00Z'),
  page_incident_id: '0190f000-0000-7000-8000-000000000002',
  title: 'Slow <payments>',
  page_id: '0190f000-0000-7000-8000-000000000003',
  slug: 'acme',
  page_name: 'Acme',
  host_name: null,
  visibility: 'public',
  time_zone: 'Europe/Paris',
  components: [{ id: '0190f000-0000-7000-8000-000000000004', name: 'API' }],
});

describe('subscriber messages', () => {
  it.each([
    ['investigating', 'Investigating'],
    ['resolved', 'Resolved'],
    ['scheduled', 'Scheduled'],
    ['in_progress', 'In progress'],
    ['completed', 'Completed'],
  ])('says state %s as "%s"', (state, label) => {
    expect(stateLabel(state)).toBe(label);
    expect(updateMail(update(state), 'https://t.example', 'https://t.example/u').subject).toBe(
      `[Acme] ${label}: Slow <payments>`,
    );
    expect(updateWebhookBody(update(state), 'https://t.example', 'd1').update.stateLabel).toBe(label);
  });

  it('puts the unsubscribe link in both bodies, escapes the HTML and drops scripts, in the page time zone', () => {
    const mail = updateMail(
      update('identified'),
      'https://t.example',
      'https://t.example/status-subscriptions/unsubscribe?token=x',
    );
    expect(mail.text).toContain('Unsubscribe: https://t.example/status-subscriptions/unsubscribe?token=x');
    expect(mail.text).toContain('Status page: https://t.example/status/acme/');
    expect(mail.text).toContain('29 Mar 2026, 01:30 CET');
    expect(mail.html).toContain('href="https://t.example/status-subscriptions/unsubscribe?token=x"');
    expect(mail.html).toContain('Slow &lt;payments&gt;');
    expect(mail.html).not.toContain('<script');
    expect(mail.html).toContain('<strong>slow</strong>');
    expect(confirmMail('Acme', 'https://t.example/c').text).toContain('Confirm: https://t.example/c');
  });

  it('makes tokens that differ per subscriber and per request, and stable otherwise', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(unsubscribeToken('k', 'a')).toBe(unsubscribeToken('k', 'a'));
    expect(unsubscribeToken('k', 'a')).not.toBe(unsubscribeToken('k', 'b'));
    expect(unsubscribeToken('k', 'a')).not.toBe(unsubscribeToken('other key', 'a'));
    expect(confirmToken('k', 'a', at)).not.toBe(confirmToken('k', 'a', new Date(at.getTime() + 1)));
    expect(confirmToken('k', 'a', at)).not.toBe(unsubscribeToken('k', 'a'));
  });
});

/**
 * Emailed monthly reports through the real SMTP sink, with the fake clock
 * crossing the November/December boundary in Paris: nothing before the send
 * instant, one email per recipient at it (HTML, text, the CSV and the PDF
 * attached), each reading the report as that recipient may (a plain address
 * never sees a private incident or a title), and exactly one per period,
 * also when a second node drains the same queue at the same time. A change
 * (what the web form sends: every field at once) is kept, moves the next
 * send to the new time and zone, and a wrong one is refused field by field.
 */
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTocsin, type Tocsin } from '../../app/app.js';
import { silentLogger } from '../../lib/logger.js';
import { pdfText } from '../../test-support/pdf-text.js';
import { startSmoke, type Smoke, type SmokePerson } from '../../test-support/smoke.js';
import type { ReportSubscription } from './analytics.schema.js';

let s: Smoke;
let viewer: SmokePerson;
let manager: SmokePerson;
let teamId: string;
let serviceId: string;
let subscription: ReportSubscription;
let nodeB: Tocsin | undefined;
const CFO = 'cfo@example.com';

const json = async <T>(response: Response, status = 200): Promise<T> => {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${response.status} (not ${status}): ${text}`);
  return (text ? JSON.parse(text) : null) as T;
};
const reportMails = () => s.w.smtp.mails.filter((m) => m.subject.startsWith('SLA report'));
const parsed = async (to: string) => {
  const mail = reportMails().find((m) => m.to.includes(to));
  if (!mail) throw new Error(`no report mail to ${to}`);
  return simpleParser(mail.raw);
};

beforeAll(async () => {
  s = await startSmoke();
  s.w.t.clock.set('2026-11-10T09:00:00Z');
  viewer = await s.person('Vera', { role: 'viewer' });
  manager = await s.person('Max', { role: 'responder' });
  teamId = (
    await json<{ id: string }>(await s.api('POST', '/api/v1/teams', { slug: 'identity', name: 'OCTO Identity' }), 201)
  ).id;
  await json(await s.api('PUT', `/api/v1/teams/${teamId}/members/${manager.id}`, { role: 'manager' }));
  const policy = await s.policy([{ delayMinutes: 30, people: [manager] }]);
  const service = await s.service(policy, { teamId });
  serviceId = service.id;
  // A page acknowledged 20 minutes in: 5 minutes past the 15-minute target.
  const opened = await json<{ number: number }>(
    await s.api('POST', '/api/v1/incidents', {
      serviceId: service.slug,
      title: 'Login page timing out',
      urgency: 'high',
    }),
    201,
  );
  await s.tick(20);
  await json(await s.api('POST', `/api/v1/incidents/${opened.number}/acknowledge`));
  await json(await s.api('POST', `/api/v1/incidents/${opened.number}/resolve`));
  // A private incident only its members (and admins) see.
  await json(
    await s.api('POST', '/api/v1/incidents', {
      serviceId: service.slug,
      title: 'Secret payroll leak',
      severity: 'S1',
      page: 'none',
      private: true,
    }),
    201,
  );
  await s.settle();
}, 120_000);
afterAll(async () => {
  await nodeB?.close();
  await s?.close();
});

describe('a monthly report emailed on the 1st at 08:00 in Paris', () => {
  it('is set up by a team manager, refused to others, and says when it is sent', async () => {
    const body = {
      name: 'Identity SLA for the board',
      teamId,
      dayOfMonth: 1,
      sendTime: '08:00',
      timeZone: 'Europe/Paris',
      recipientUserIds: [s.admin.id, viewer.id],
      recipientEmails: ['CFO@example.com'],
    };
    const refused = await s.w.t.request('POST', '/api/v1/analytics/report-subscriptions', {
      token: viewer.token,
      body,
    });
    expect(refused.status).toBe(403);
    const noRecipient = await s.w.t.request('POST', '/api/v1/analytics/report-subscriptions', {
      token: manager.token,
      body: { ...body, recipientUserIds: [], recipientEmails: [] },
    });
    expect(noRecipient.status).toBe(400);
    expect(((await noRecipient.json()) as { error: { message: string } }).error.message).toContain(
      'at least one recipient',
    );
    const badTime = await s.w.t.request('POST', '/api/v1/analytics/report-subscriptions', {
      token: manager.token,
      body: { ...body, sendTime: '25:00' },
    });
    expect(badTime.status).toBe(400);
    subscription = await json<ReportSubscription>(
      await s.w.t.request('POST', '/api/v1/analytics/report-subscriptions', { token: manager.token, body }),
      201,
    );
    expect(subscription.recipientEmails).toEqual([CFO]);
    expect(subscription.nextMonth).toBe('2026-11');
    expect(subscription.nextSendAt).toBe('2026-12-01T07:00:00.000Z'); // 08:00 CET
    const listed = await json<{ items: ReportSubscription[] }>(
      await s.w.t.request('GET', '/api/v1/analytics/report-subscriptions', { token: manager.token }),
    );
    expect(listed.items.map((x) => x.id)).toEqual([subscription.id]);
  });

  it('sends nothing before the instant, then one email to each recipient with the CSV and the PDF', async () => {
    s.w.t.clock.set('2026-12-01T06:59:00Z');
    await s.settle();
    expect(reportMails()).toHaveLength(0);
    s.w.t.clock.set('2026-12-01T07:00:00Z');
    await s.settle();
    await vi.waitFor(() => expect(reportMails()).toHaveLength(3), { timeout: 20_000 });

    const admin = await parsed(s.admin.email);
    expect(admin.subject).toBe('SLA report — OCTO Identity: November 2026');
    expect(admin.text).toContain('1 Nov 2026 to 1 Dec 2026 (Europe/Paris)');
    expect(admin.text).toContain('Secret payroll leak'); // an admin sees the private incident
    expect(admin.html).toContain('Open it in Tocsin');
    expect(admin.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['tocsin-report-identity-2026-11.csv', 'text/csv'],
      ['tocsin-report-identity-2026-11.pdf', 'application/pdf'],
    ]);
    const pdf = pdfText(admin.attachments[1]!.content);
    expect(pdf).toContain('OCTO Identity: November 2026');
    expect(pdf).toContain('Login page timing out');
    expect(admin.attachments[0]!.content.toString()).toContain('Secret payroll leak');

    const vera = await parsed(viewer.email);
    expect(vera.text).toContain('acknowledged late by 5m 00s');
    expect(vera.text).not.toContain('Secret payroll leak'); // a viewer who is not a member does not

    const cfo = await parsed(CFO);
    for (const part of [cfo.text, cfo.html as string, cfo.attachments[0]!.content.toString()]) {
      expect(part).not.toContain('Secret payroll leak');
      expect(part).not.toContain('Login page timing out'); // titles were not chosen for plain addresses
      expect(part).not.toContain('Max');
    }
    expect(cfo.text).toContain('(0 within, 1 breached, 0 pending)');
    expect(cfo.html).not.toContain('Open it in Tocsin');
  });

  it('sends that period once, and plans the next one', async () => {
    await s.settle();
    s.w.t.clock.set('2026-12-02T07:00:00Z');
    await s.settle();
    expect(reportMails()).toHaveLength(3);
    const [now] = (
      await json<{ items: ReportSubscription[] }>(await s.api('GET', '/api/v1/analytics/report-subscriptions'))
    ).items;
    expect(now!.nextMonth).toBe('2026-12');
    expect(now!.nextSendAt).toBe('2027-01-01T07:00:00.000Z');
    expect(now!.lastSentAt).toBe('2026-12-01T07:00:00.000Z');
  });

  it('sends the next period once when two nodes drain the queue together', async () => {
    const app = s.w.t.app;
    nodeB = await createTocsin(
      { ...app.config, databaseUrl: s.w.t.database.url },
      { clock: s.w.t.clock, logger: silentLogger, nodeId: 'node-b', maxConnections: 5 },
    );
    s.w.t.clock.set('2027-01-01T07:00:00Z');
    await Promise.all([app.engine.runDue(), nodeB.engine.runDue(), app.engine.runDue(), nodeB.engine.runDue()]);
    await Promise.all([app.engine.runDue(), nodeB.engine.runDue()]);
    await vi.waitFor(() => expect(reportMails()).toHaveLength(6), { timeout: 20_000 });
    await Promise.all([app.engine.runDue(), nodeB.engine.runDue()]);
    const december = reportMails().filter((m) => m.subject.includes('December 2026'));
    expect(december.map((m) => m.to[0]).sort()).toEqual([CFO, s.admin.email, viewer.email].sort());
  });

  it('stops when paused, and a resume plans from then', async () => {
    const paused = await json<ReportSubscription>(
      await s.api('PATCH', `/api/v1/analytics/report-subscriptions/${subscription.id}`, { paused: true }),
    );
    expect(paused.paused).toBe(true);
    s.w.t.clock.set('2027-02-01T07:00:00Z');
    await s.settle();
    expect(reportMails()).toHaveLength(6);
    s.w.t.clock.set('2027-02-03T12:00:00Z');
    const resumed = await json<ReportSubscription>(
      await s.api('PATCH', `/api/v1/analytics/report-subscriptions/${subscription.id}`, {
        paused: false,
        dayOfMonth: 5,
      }),
    );
    expect(resumed.nextMonth).toBe('2027-01');
    expect(resumed.nextSendAt).toBe('2027-02-05T07:00:00.000Z');
    s.w.t.clock.set('2027-02-05T07:00:00Z');
    await s.settle();
    await vi.waitFor(() => expect(reportMails()).toHaveLength(9), { timeout: 20_000 });
    await json(await s.api('DELETE', `/api/v1/analytics/report-subscriptions/${subscription.id}`), 204);
  });

  it('is changed by its manager, field by field, and the next one goes out at the new time, in the new zone', async () => {
    // 2027-02-05 07:00Z: February's report is the next one, due on 1 March.
    const made = await json<ReportSubscription>(
      await s.w.t.request('POST', '/api/v1/analytics/report-subscriptions', {
        token: manager.token,
        body: {
          name: 'Identity monthly',
          teamId,
          dayOfMonth: 1,
          sendTime: '08:00',
          timeZone: 'Europe/Paris',
          recipientUserIds: [viewer.id],
          recipientEmails: [CFO],
        },
      }),
      201,
    );
    expect(made.nextSendAt).toBe('2027-03-01T07:00:00.000Z');
    const change = (body: object, token = manager.token) =>
      s.w.t.request('PATCH', `/api/v1/analytics/report-subscriptions/${made.id}`, { token, body });
    const issuesOf = async (response: Response) => {
      expect(response.status).toBe(400);
      return ((await response.json()) as { error: { message: string; details?: { issues?: unknown[] } } }).error;
    };

    // Refused, and nothing changed: a wrong address (said by its place), no recipient, every team (admins only).
    const wrong = await issuesOf(
      await change({ recipientEmails: ['ok@example.com', 'not-an-address'], dayOfMonth: 29 }),
    );
    expect(wrong.details?.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'body.recipientEmails.1', message: expect.stringContaining('email address') }),
        expect.objectContaining({ path: 'body.dayOfMonth' }),
      ]),
    );
    expect((await issuesOf(await change({ recipientUserIds: [], recipientEmails: [] }))).message).toContain(
      'at least one recipient',
    );
    expect((await change({ teamId: null })).status).toBe(403);
    const [unchanged] = (
      await json<{ items: ReportSubscription[] }>(
        await s.w.t.request('GET', '/api/v1/analytics/report-subscriptions', { token: manager.token }),
      )
    ).items.filter((x) => x.id === made.id);
    expect(unchanged).toEqual(made);

    // Every field at once, as the web form sends them (the team unchanged).
    const changed = await json<ReportSubscription>(
      await change({
        name: '  Identity for the CTO ',
        teamId,
        serviceIds: [serviceId],
        dayOfMonth: 1,
        sendTime: '18:45',
        timeZone: 'America/New_York',
        recipientUserIds: [],
        recipientEmails: ['CTO@example.com', CFO],
        showIncidentTitles: true,
      }),
    );
    expect(changed).toMatchObject({
      name: 'Identity for the CTO',
      teamId,
      serviceIds: [serviceId],
      sendTime: '18:45',
      timeZone: 'America/New_York',
      recipientUserIds: [],
      recipientEmails: ['cto@example.com', CFO],
      showIncidentTitles: true,
      paused: false,
      nextMonth: '2027-02',
      nextSendAt: '2027-03-01T23:45:00.000Z', // 18:45 EST
    });

    // The period planned before the change does nothing at its old instant; the new one sends to the new recipients.
    const before = reportMails().length;
    s.w.t.clock.set('2027-03-01T07:00:00Z');
    await s.settle();
    expect(reportMails()).toHaveLength(before);
    s.w.t.clock.set('2027-03-01T23:45:00Z');
    await s.settle();
    await vi.waitFor(() => expect(reportMails()).toHaveLength(before + 2), { timeout: 20_000 });
    const sent = reportMails().slice(before);
    expect(sent.map((m) => m.to[0]).sort()).toEqual([CFO, 'cto@example.com']);
    const cto = await parsed('cto@example.com');
    expect(cto.text).toContain('Sent because of "Identity for the CTO"');
    await json(await s.api('DELETE', `/api/v1/analytics/report-subscriptions/${made.id}`), 204);
  });
});

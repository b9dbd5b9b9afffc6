/**
 * The report where people see it: the PDF export (it parses, and the key
 * figures' text is in it) and the share link's HTML page (readable without
 * JavaScript, no private incident, no names, titles only when chosen).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPageCount, pdfText } from '../../test-support/pdf-text.js';
import { startResponseWorld, type Person, type ResponseWorld } from '../../test-support/response-fixtures.js';
import { renderReportPdf } from './analytics.pdf.js';
import type { Report } from './analytics.schema.js';

let w: ResponseWorld;
let alice: Person;
let carol: Person;
let late = 0;

beforeAll(async () => {
  w = await startResponseWorld();
  alice = await w.person();
  carol = await w.person();
  const service = await w.service(alice);
  const team = await w.ok<{ id: string }>(
    w.owner,
    'POST',
    '/api/v1/teams',
    { slug: 'identity', name: 'OCTO Identity' },
    201,
  );
  await w.ok(w.owner, 'PATCH', `/api/v1/services/${service.id}`, { teamId: team.id });
  // One high-urgency page acknowledged 20 minutes in (5 past the 15-minute target), resolved after an hour.
  w.t.clock.set('2026-11-12T08:00:00Z');
  late = (
    await w.ok<{ number: number }>(
      alice,
      'POST',
      '/api/v1/incidents',
      { serviceId: service.slug, title: 'Login page timing out', urgency: 'high' },
      201,
    )
  ).number;
  w.t.clock.set('2026-11-12T08:20:00Z');
  await w.ok(alice, 'POST', `/api/v1/incidents/${late}/acknowledge`);
  w.t.clock.set('2026-11-12T09:00:00Z');
  await w.ok(alice, 'POST', `/api/v1/incidents/${late}/resolve`);
  // A private incident, never acknowledged: a breach only its members may see.
  w.t.clock.set('2026-11-20T10:00:00Z');
  await w.ok(
    carol,
    'POST',
    '/api/v1/incidents',
    { serviceId: service.slug, title: 'Secret payroll leak', severity: 'S1', page: 'none', private: true },
    201,
  );
  w.t.clock.set('2026-12-01T12:00:00Z');
}, 120_000);
afterAll(async () => {
  await w?.close();
});

describe('the report as PDF', () => {
  it('answers a PDF whose text holds the title, the period and the key figures', async () => {
    const response = await w.call(w.owner, 'GET', '/api/v1/analytics/report.pdf?team=identity&month=2026-11');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain('tocsin-report-identity-2026-11.pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(1);
    const text = pdfText(pdf);
    expect(text).toContain('OCTO Identity: November 2026');
    expect(text).toContain('1 Nov 2026 to 1 Dec 2026 (UTC)');
    // The owner sees both incidents: MTTA is the one acknowledgement (20 min), MTTR the one resolution.
    expect(text).toContain('MTTA');
    expect(text).toContain('20m 00s');
    expect(text).toContain('1h 00m');
    expect(text).toContain('0.0% (0 within, 2 breached, 0 pending)');
    expect(text).toContain(
      `#${late} Login page timing out (high urgency, opened 2026-11-12 08:00): acknowledged late by 5m 00s`,
    );
  });

  it('leaves out the private incident for someone who may not see it', async () => {
    const response = await w.call(alice, 'GET', '/api/v1/analytics/report.pdf?team=identity&month=2026-11');
    const text = pdfText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain('(0 within, 1 breached, 0 pending)');
    expect(text).not.toContain('Secret payroll leak');
  });

  it('refuses a bad month with a message, not a PDF', async () => {
    const refused = await w.fails(w.owner, 'GET', '/api/v1/analytics/report.pdf?month=2026-13');
    expect(refused.status).toBe(400);
    expect(refused.message).toContain('YYYY-MM');
  });

  it('flows a long list of breaches onto more pages', async () => {
    const report = await w.ok<Report>(w.owner, 'GET', '/api/v1/analytics/report?team=identity&month=2026-11');
    const breach = report.breaches.find((b) => b.number === late)!;
    const many = { ...report, breaches: Array.from({ length: 120 }, (_, i) => ({ ...breach, number: i + 1 })) };
    const pdf = await renderReportPdf(many, { compress: false });
    expect(pdfPageCount(pdf)).toBeGreaterThan(1);
    expect(pdfText(pdf)).toContain('#120 Login page timing out');
  });
});

describe('the share link as a web page', () => {
  const create = (body: Record<string, unknown> = {}) =>
    w.ok<{ id: string; token: string; url: string; jsonUrl: string }>(
      w.owner,
      'POST',
      '/api/v1/analytics/share-links',
      { name: 'Customer X', month: '2026-11', expiresAt: '2026-12-31T00:00:00Z', ...body },
      201,
    );
  const page = (token: string) => w.t.request('GET', `/shared/analytics/${token}`);

  it('is a page without JavaScript, with no private incident, no names and no titles unless chosen', async () => {
    const link = await create();
    expect(link.url).toMatch(new RegExp(`/shared/analytics/${link.token}$`));
    expect(link.jsonUrl).toMatch(new RegExp(`/api/v1/shared/analytics/${link.token}$`));
    const response = await page(link.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<meta name="viewport"');
    expect(html).not.toContain('<script');
    expect(html).toContain('Customer X: November 2026');
    expect(html).toContain('(0 within, 1 breached, 0 pending)');
    expect(html).toContain(`<strong>#${late}</strong> · high urgency`);
    expect(html).toContain('acknowledged late</span> by 5m 00s');
    expect(html).not.toContain('Login page timing out');
    expect(html).not.toContain('Secret payroll leak');
    const people = await w.t.app.db.selectFrom('users').select(['name', 'email']).execute();
    for (const person of people) {
      expect(html).not.toContain(person.email);
      if (person.name.length > 3) expect(html).not.toContain(person.name);
    }
    // The JSON is still there for programs.
    const json = await w.t.request('GET', `/api/v1/shared/analytics/${link.token}`);
    expect(((await json.json()) as { overall: { count: number } }).overall.count).toBe(1);
  });

  it('shows titles when the link was made to, and a 404 page once revoked', async () => {
    const link = await create({ showIncidentTitles: true });
    expect(await (await page(link.token)).text()).toContain('Login page timing out');
    await w.ok(w.owner, 'DELETE', `/api/v1/analytics/share-links/${link.id}`);
    const gone = await page(link.token);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toContain('text/html');
    expect(await gone.text()).toContain('revoked, has expired, or is wrong');
    expect((await page('tsl_wrong')).status).toBe(404);
  });
});

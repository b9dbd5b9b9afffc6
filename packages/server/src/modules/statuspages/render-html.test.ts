import { describe, expect, it } from 'vitest';
import { contrastWithWhite } from './colors.js';
import { renderPage } from './render.js';
import { STATUS_COLORS } from './render-html.js';
import type { PageSnapshot } from './render.types.js';

const at = new Date('2026-03-29T00:30:00Z');
const snapshot = (over: Partial<PageSnapshot> = {}): PageSnapshot => ({
  page: {
    id: '00000000-0000-7000-8000-000000000001',
    slug: 'acme',
    name: 'Acme <Corp>',
    description: '',
    visibility: 'public',
    accessKey: null,
    logoUrl: null,
    brandColor: '#1f4e8c',
    linkColor: '#1f4e8c',
    timeZone: 'Europe/Paris',
    hostName: null,
    createdAt: at,
    updatedAt: at,
  },
  baseUrl: 'https://tocsin.example.com/status/acme/',
  groups: [],
  components: [
    {
      id: '00000000-0000-7000-8000-000000000002',
      groupId: null,
      name: 'API',
      description: '',
      position: 0,
      status: 'service_disruption',
      createdAt: at,
      updatedAt: at,
    },
  ],
  incidents: [],
  maintenances: [],
  uptime: { today: '2026-03-29', history: [], incidents: [] },
  ...over,
});

describe('the rendered page', () => {
  it('says every status in a colour readable on white (4.5:1 or more)', () => {
    for (const [status, color] of Object.entries(STATUS_COLORS))
      expect(contrastWithWhite(color), status).toBeGreaterThanOrEqual(4.5);
  });

  it('rejects light colours (the check can fail)', () => {
    expect(contrastWithWhite('#ffee88')).toBeLessThan(4.5);
    expect(contrastWithWhite('#000000')).toBeCloseTo(21, 0);
  });

  it('escapes names and shows times in the page time zone, across a DST change', () => {
    const page = renderPage(
      snapshot({
        incidents: [
          {
            id: '00000000-0000-7000-8000-000000000003',
            title: 'Down <b>hard</b>',
            state: 'investigating',
            createdAt: at,
            updatedAt: new Date('2026-03-29T01:30:00Z'),
            resolvedAt: null,
            componentIds: ['00000000-0000-7000-8000-000000000002'],
            updates: [
              { id: 'b', state: 'identified', body: 'Found it', createdAt: new Date('2026-03-29T01:30:00Z') },
              { id: 'a', state: 'investigating', body: 'Looking', createdAt: at },
            ],
          },
        ],
      }),
    );
    const html = page.files['']!.body.toString();
    expect(html).toContain('Acme &lt;Corp&gt; status');
    expect(html).toContain('Down &lt;b&gt;hard&lt;/b&gt;');
    expect(html).toContain('29 Mar 2026, 01:30 CET');
    expect(html).toContain('29 Mar 2026, 03:30 CEST');
    expect(html).toContain('<main id="main"');
    expect(html).toContain('<header>');
    expect(html).toContain('<footer');
    expect(page.lastModified.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('gives the same bytes and ETags for the same rows', () => {
    const a = renderPage(snapshot());
    const b = renderPage(snapshot());
    expect(a.files['']!.etag).toBe(b.files['']!.etag);
    const c = renderPage(snapshot({ components: [{ ...snapshot().components[0]!, status: 'operational' }] }));
    expect(c.files['']!.etag).not.toBe(a.files['']!.etag);
  });
});

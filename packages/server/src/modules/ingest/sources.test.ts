import { describe, expect, it } from 'vitest';
import { INTEGRATION_TYPES } from './integration-keys.schema.js';
import { INGEST_PATHS } from './ingest-paths.js';
import { ingestAddressFor } from './sources.js';

const where = { publicUrl: 'https://tocsin.example.com/', emailDomain: 'alerts.example.com' };

describe('where each key type takes its events', () => {
  it('names, for every type, exactly the paths the ingest routes serve (the keys endpoints show the same URLs)', () => {
    const served = Object.values(INGEST_PATHS).map((p) => p.replace(':routingKey', 'KEY'));
    for (const type of INTEGRATION_TYPES.filter((t) => t !== 'email')) {
      const urls = [...ingestAddressFor(type, 'KEY', where).matchAll(/https:\/\/tocsin\.example\.com(\S+)/g)].map(
        (m) => m[1],
      );
      expect(urls.length, type).toBeGreaterThan(0);
      for (const url of urls) expect(served, `${type}: ${url}`).toContain(url);
    }
  });

  it.each([
    ['events_v2', 'POST https://tocsin.example.com/v2/enqueue'],
    ['heartbeat', 'GET or POST https://tocsin.example.com/api/v1/heartbeat/KEY'],
    ['email', 'email to KEY@alerts.example.com'],
  ] as const)('%s → %s', (type, text) => {
    expect(ingestAddressFor(type, 'KEY', where)).toContain(text);
  });

  it('says when email is not enabled', () => {
    expect(ingestAddressFor('email', 'KEY', { publicUrl: 'https://x' })).toMatch(/not enabled/);
  });
});

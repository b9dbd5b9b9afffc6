import { describe, expect, it } from 'vitest';
import type { IntegrationType } from '../../db/schema.js';
import { integrationEndpoints } from './integration-endpoints.js';

const key = '0123456789abcdef0123456789abcdef';
const addressing = { publicUrl: 'https://tocsin.example.com/', inboundEmailDomain: 'alerts.example.com' };

describe('integrationEndpoints', () => {
  it.each<[IntegrationType, string[]]>([
    [
      'events_v2',
      ['https://tocsin.example.com/v2/enqueue', 'https://tocsin.example.com/generic/2010-04-15/create_event.json'],
    ],
    ['alertmanager', [`https://tocsin.example.com/api/v1/ingest/alertmanager/${key}`]],
    ['grafana', [`https://tocsin.example.com/api/v1/ingest/grafana/${key}`]],
    ['datadog', [`https://tocsin.example.com/api/v1/ingest/datadog/${key}`]],
    ['webhook', [`https://tocsin.example.com/api/v1/ingest/webhook/${key}`]],
    ['email', [`${key}@alerts.example.com`]],
    ['heartbeat', [`https://tocsin.example.com/api/v1/heartbeat/${key}`]],
  ])('%s → %j', (type, values) => {
    expect(integrationEndpoints(type, key, addressing).map((e) => e.value)).toEqual(values);
  });

  it('marks the email address as an address, not a URL', () => {
    expect(integrationEndpoints('email', key, addressing)[0]?.kind).toBe('email');
    expect(integrationEndpoints('grafana', key, addressing)[0]?.kind).toBe('url');
  });
});

import { describe, expect, it } from 'vitest';
import { redactRawPayload } from './redact.js';

describe('redactRawPayload', () => {
  it.each([
    [
      'an Events v2 routing key keeps its last four characters',
      { routing_key: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', payload: { summary: 'x' } },
      { routing_key: '…c5d6', payload: { summary: 'x' } },
    ],
    [
      'an Events v1 service key',
      { service_key: '0123456789abcdef', event_type: 'trigger' },
      { service_key: '…cdef', event_type: 'trigger' },
    ],
    ['a short key is hidden whole', { routing_key: 'abc' }, { routing_key: '…' }],
    [
      'a payload without keys is unchanged',
      { alerts: [{ labels: { routing_key: 'nested stays' } }] },
      { alerts: [{ labels: { routing_key: 'nested stays' } }] },
    ],
    ['a non-object is unchanged', ['routing_key'], ['routing_key']],
    ['null is unchanged', null, null],
  ])('%s', (_name, raw, expected) => {
    expect(redactRawPayload(raw)).toEqual(expected);
  });

  it('does not change the stored object', () => {
    const raw = { routing_key: 'a1b2c3d4e5f6a7b8' };
    redactRawPayload(raw);
    expect(raw.routing_key).toBe('a1b2c3d4e5f6a7b8');
  });
});

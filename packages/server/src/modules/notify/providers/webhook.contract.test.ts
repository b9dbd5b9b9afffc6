import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../lib/clock.js';
import { startFakeWebhook } from '../../../test-support/fake-vendors/fake-webhook.js';
import {
  CONTRACT_TIMEOUT_MS,
  describeProviderContract,
  sampleMessage,
} from '../../../test-support/fake-vendors/provider-contract.js';
import { createTeamsProvider } from './teams.provider.js';
import { createWebhookProvider } from './webhook.provider.js';

const clock = new FakeClock();
// The fake receivers listen on 127.0.0.1, which only an operator's setting allows.
const local = { allowPrivateAddresses: true };

describeProviderContract('webhook', async () => {
  const hook = await startFakeWebhook({ key: () => 'contract-signing-key' });
  return {
    providerWithin: (timeoutMs) => createWebhookProvider(clock, timeoutMs, local),
    address: `${hook.url}/hooks/alice`,
    delivered: () =>
      hook.received.map((r) => ({ to: `${hook.url}${r.path}`, content: r.body, idempotencyKey: r.idempotencyKey })),
    failNext: (message) => hook.failNext(1, 503, message),
    hangNext: () => hook.hangNext(1),
    close: () => hook.close(),
  };
});

describeProviderContract('Teams', async () => {
  const hook = await startFakeWebhook();
  return {
    providerWithin: (timeoutMs) => createTeamsProvider(timeoutMs, local),
    address: `${hook.url}/workflows/teams-channel`,
    delivered: () =>
      hook.received.map((r) => ({ to: `${hook.url}${r.path}`, content: r.body, idempotencyKey: r.idempotencyKey })),
    failNext: (message) => hook.failNext(1, 400, message),
    hangNext: () => hook.hangNext(1),
    close: () => hook.close(),
  };
});

describe('webhook signing', () => {
  it('signs every body so a receiver with the key can trust it, and a retry of the same key is not delivered twice', async () => {
    const hook = await startFakeWebhook({ key: () => 'contract-signing-key' });
    try {
      const provider = createWebhookProvider(clock, CONTRACT_TIMEOUT_MS, local);
      const message = sampleMessage(`${hook.url}/hooks/bob`);
      await provider.send(message, 'step-9:user-2:rule-1');
      await provider.send(message, 'step-9:user-2:rule-1');
      expect(hook.received).toHaveLength(1);
      expect(hook.duplicates()).toBe(1);
      const [got] = hook.received;
      expect(got!.signatureValid).toBe(true);
      expect(got!.headers['x-tocsin-timestamp']).toBe(String(clock.now().getTime() / 1000));
      expect(got!.json).toMatchObject({
        type: 'incident.page',
        idempotencyKey: 'step-9:user-2:rule-1',
        incident: { number: 41, title: 'Checkout database is down' },
        actions: {
          acknowledge: 'https://tocsin.example.com/a/ack-token',
          resolve: 'https://tocsin.example.com/a/res-token',
        },
      });
      await provider.send({ ...message, signingKey: 'some-other-key' }, 'step-10:user-2:rule-1');
      expect(hook.received.at(-1)!.signatureValid).toBe(false);
    } finally {
      await hook.close();
    }
  });
});

describe('webhooks into the private network', () => {
  it('are refused by default, saying why and how to allow them, and nothing is sent', async () => {
    const hook = await startFakeWebhook({ key: () => 'contract-signing-key' });
    try {
      const message = sampleMessage(`${hook.url}/hooks/internal`);
      for (const provider of [
        createWebhookProvider(clock, CONTRACT_TIMEOUT_MS, { allowPrivateAddresses: false }),
        createTeamsProvider(CONTRACT_TIMEOUT_MS, { allowPrivateAddresses: false }),
      ]) {
        await expect(provider.send(message, 'k')).rejects.toThrow(
          /does not send webhooks into its own network: 127\.0\.0\.1 is a private address.*TOCSIN_WEBHOOKS_ALLOW_PRIVATE=true/,
        );
      }
      // By name: refused where the connection is made, although the fake listens there.
      const byName = sampleMessage(`${hook.url.replace('127.0.0.1', 'localhost')}/hooks/internal`);
      for (const provider of [
        createWebhookProvider(clock, CONTRACT_TIMEOUT_MS, { allowPrivateAddresses: false }),
        createTeamsProvider(CONTRACT_TIMEOUT_MS, { allowPrivateAddresses: false }),
      ]) {
        await expect(provider.send(byName, 'k')).rejects.toThrow(
          /does not send webhooks into its own network: localhost is a private address \((127\.0\.0\.1|::1)\)/,
        );
      }
      expect(hook.received).toHaveLength(0);
    } finally {
      await hook.close();
    }
  });
});

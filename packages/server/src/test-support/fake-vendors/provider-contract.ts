/**
 * The contract every notification provider passes, run against the local
 * server that speaks its vendor's API (Hono-style shared suite): a send
 * delivers the rendered content, the idempotency key reaches the vendor, a
 * vendor error becomes a thrown error carrying the vendor's message, and a
 * vendor that does not answer becomes an error rather than a hang.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationProvider, OutboundMessage } from '../../modules/notify/index.js';

export interface DeliveredToFake {
  to: string;
  /** Everything a person (or program) receiving it would read, as one string. */
  content: string;
  /** Where the vendor's request carried the idempotency key, if it did. */
  idempotencyKey: string | undefined;
  providerMessageId?: string;
}

export interface ContractHarness {
  /** The provider under test, giving up on the vendor after `timeoutMs`. */
  providerWithin(timeoutMs: number): NotificationProvider;
  /** A destination the fake accepts. */
  address: string;
  delivered(): DeliveredToFake[];
  /** The next call fails with a vendor error whose message is `message`. */
  failNext(message: string): void;
  /** The next call never answers. */
  hangNext(): void;
  close(): Promise<void>;
}

/** Long enough that a loaded machine never trips it on a real send (a time limit, never a measure of speed). */
export const CONTRACT_TIMEOUT_MS = 60_000;

/** The hang test's limit: the vendor never answers, so this is how long that test waits. */
const HANG_TIMEOUT_MS = 500;

export function sampleMessage(to: string, overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  const incidentUrl = 'https://tocsin.example.com/app/incidents/0190a000-0000-7000-8000-000000000041';
  return {
    kind: 'page',
    notificationId: '0190a000-0000-7000-8000-0000000000aa',
    to,
    subject: '[Tocsin] #41 Checkout database is down (checkout)',
    text: 'Incident #41 on checkout: Checkout database is down\nUrgency: high\n\nAcknowledge: https://tocsin.example.com/a/ack-token\nResolve: https://tocsin.example.com/a/res-token',
    shortText: 'Tocsin #41 checkout: Checkout database is down. Reply 41 to acknowledge, 61 to resolve.',
    links: [{ label: 'Open incident #41', url: incidentUrl }],
    actions: [
      { action: 'acknowledge', label: 'Acknowledge', url: 'https://tocsin.example.com/a/ack-token' },
      { action: 'resolve', label: 'Resolve', url: 'https://tocsin.example.com/a/res-token' },
    ],
    incident: {
      id: '0190a000-0000-7000-8000-000000000041',
      number: 41,
      title: 'Checkout database is down',
      status: 'triggered',
      urgency: 'high',
      serviceName: 'checkout',
      url: incidentUrl,
    },
    statusCallbackUrl: 'https://tocsin.example.com/api/v1/providers/twilio/status',
    signingKey: 'contract-signing-key',
    ...overrides,
  };
}

export function describeProviderContract(name: string, start: () => Promise<ContractHarness>): void {
  describe(`${name} provider contract`, () => {
    let h: ContractHarness;
    beforeAll(async () => {
      h = await start();
    });
    afterAll(async () => h?.close());

    it('delivers the rendered message to the vendor and returns its message id', async () => {
      const result = await h.providerWithin(CONTRACT_TIMEOUT_MS).send(sampleMessage(h.address), 'step-1:user-1:rule-1');
      expect(result.providerMessageId).toMatch(/\S/);
      const got = h.delivered().at(-1)!;
      expect(got.to).toBe(h.address);
      expect(got.content).toContain('Checkout database is down');
      expect(got.content).toContain('41');
      if (got.providerMessageId !== undefined) expect(result.providerMessageId).toBe(got.providerMessageId);
    });

    it('hands the idempotency key to the vendor', async () => {
      const before = h.delivered().length;
      await h.providerWithin(CONTRACT_TIMEOUT_MS).send(sampleMessage(h.address), 'step-2:user-1:rule-1');
      const after = h.delivered();
      expect(after.length).toBe(before + 1);
      expect(after.at(-1)!.idempotencyKey).toBe('step-2:user-1:rule-1');
    });

    it("turns a vendor error into a thrown error carrying the vendor's message", async () => {
      h.failNext('Attempt to reach an unreachable recipient');
      const before = h.delivered().length;
      await expect(
        h.providerWithin(CONTRACT_TIMEOUT_MS).send(sampleMessage(h.address), 'step-3:user-1:rule-1'),
      ).rejects.toThrow(/Attempt to reach an unreachable recipient/);
      expect(h.delivered().length).toBe(before);
    });

    it('turns a vendor that does not answer into an error', async () => {
      h.hangNext();
      await expect(
        h.providerWithin(HANG_TIMEOUT_MS).send(sampleMessage(h.address), 'step-4:user-1:rule-1'),
      ).rejects.toThrow(/did not answer within/);
    });
  });
}

/**
 * bench:ingest's sender: POST /v2/enqueue over keep-alive connections, with
 * `concurrency` requests in flight. bench-ingest.ts runs it in a process of
 * its own (forked, told what to send over IPC), as senders are: in the
 * server's own event loop, its HTTP client cost as much Node CPU as the
 * server did and was counted as the server's. BENCH_SENDER=inline runs it
 * in the server's process, as the bench did before.
 */
import http from 'node:http';
import { pathToFileURL } from 'node:url';

/** The Events API v2 trigger every phase sends (and the raw INSERT stores). */
export const eventBody = (routingKey: string, dedupKey: string): string =>
  JSON.stringify({
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: {
      summary: `Disk almost full on db-${dedupKey}`,
      source: 'db-1.example.com',
      severity: 'critical',
      component: 'postgres',
      custom_details: { free: '1%', mount: '/var' },
    },
    client: 'bench',
    links: [{ href: 'https://monitoring.example.com/db-1', text: 'Dashboard' }],
  });

/** What to send: `total` events, the i-th with dedup key `${prefix}${i % modulo}` (no modulo: every key new). */
export interface SendOrder {
  baseUrl: string;
  routingKey: string;
  total: number;
  concurrency: number;
  prefix: string;
  modulo?: number;
}

const agents = new Map<string, http.Agent>();

/** Sends an order; resolves when every event was answered 202 (rejects on any other answer). */
export async function send(order: SendOrder): Promise<void> {
  const url = new URL('/v2/enqueue', order.baseUrl);
  let agent = agents.get(order.baseUrl);
  if (!agent) {
    agent = new http.Agent({ keepAlive: true, maxSockets: order.concurrency });
    agents.set(order.baseUrl, agent);
  }
  const post = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const request = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          response.resume();
          response.on('end', () =>
            response.statusCode === 202 ? resolve() : reject(new Error(`HTTP ${response.statusCode}`)),
          );
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  let next = 0;
  await Promise.all(
    Array.from({ length: order.concurrency }, async () => {
      while (next < order.total) {
        const i = next++;
        await post(eventBody(order.routingKey, `${order.prefix}${order.modulo ? i % order.modulo : i}`));
      }
    }),
  );
}

// Forked by bench-ingest.ts: one order at a time over IPC, answered with "done" or the error.
if (process.send && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.on('message', (order: SendOrder) => {
    send(order).then(
      () => process.send!({ ok: true }),
      (error: unknown) => process.send!({ ok: false, error: String(error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}

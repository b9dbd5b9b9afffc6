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
import net from 'node:net';

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

/**
 * The HTTP client that sends: a minimal keep-alive HTTP/1.1 client on plain
 * sockets (the default, as wrk's: one request at a time per connection, the
 * request written in one piece, the answer read to its Content-Length), or
 * node:http's agent (BENCH_CLIENT=node), which costs the sender about half
 * as much CPU again as the server spends on the request, on the same cores.
 */
export const SENDER_CLIENT: 'socket' | 'node' = process.env.BENCH_CLIENT === 'node' ? 'node' : 'socket';

type Post = (body: string) => Promise<void>;
const posters = new Map<string, Post>();

/** A keep-alive connection that sends one request at a time and settles it with the answer's status. */
class Connection {
  private readonly socket: net.Socket;
  private buffered: Buffer = Buffer.alloc(0);
  private settle: ((error: Error | undefined, status?: number) => void) | undefined;
  private readonly ready: Promise<void>;

  constructor(url: URL) {
    this.socket = net.connect({ host: url.hostname, port: Number(url.port) });
    this.socket.setNoDelay(true);
    this.ready = new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
    });
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', (error) => this.settle?.(error));
    this.socket.on('close', () => this.settle?.(new Error('the server closed the connection')));
  }

  async request(head: string, body: string): Promise<number> {
    await this.ready;
    return new Promise((resolve, reject) => {
      this.settle = (error, status) => {
        this.settle = undefined;
        if (error) reject(error);
        else resolve(status!);
      };
      this.socket.write(`${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
  }

  /** Settles the request once its whole answer (headers and Content-Length bytes of body) has arrived. */
  private read(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const end = this.buffered.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buffered.toString('latin1', 0, end);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.buffered.length < end + 4 + length) return;
    this.buffered = this.buffered.subarray(end + 4 + length);
    this.settle?.(undefined, Number(head.slice(9, 12)));
  }

  close(): void {
    this.socket.destroy();
  }
}

/** One POST /v2/enqueue, resolved when answered 202, over `concurrency` keep-alive connections to `baseUrl`. */
function posterFor(baseUrl: string, concurrency: number): Post {
  const url = new URL('/v2/enqueue', baseUrl);
  if (SENDER_CLIENT === 'socket') {
    const idle = Array.from({ length: concurrency }, () => new Connection(url));
    const head = `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n`;
    return async (body) => {
      const connection = idle.pop();
      if (!connection) throw new Error('more requests in flight than connections');
      const status = await connection.request(head, body);
      idle.push(connection);
      if (status !== 202) throw new Error(`HTTP ${status}`);
    };
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  return (body) =>
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
}

/** Sends an order; resolves when every event was answered 202 (rejects on any other answer). */
export async function send(order: SendOrder): Promise<void> {
  let post = posters.get(order.baseUrl);
  if (!post) {
    post = posterFor(order.baseUrl, order.concurrency);
    posters.set(order.baseUrl, post);
  }
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

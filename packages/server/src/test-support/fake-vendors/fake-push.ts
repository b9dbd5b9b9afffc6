/**
 * A Web Push service for tests (RFC 8030), on 127.0.0.1 and a random port,
 * playing both ends a real one joins: it hands out subscriptions as a
 * browser would (a fresh P-256 key pair and auth secret per subscription),
 * and on each push it checks the VAPID authorisation (RFC 8292: an ES256 JWT
 * for this origin, signed by the key in "k") and decrypts the body as the
 * browser would (RFC 8291 over RFC 8188 aes128gcm), with node:crypto alone,
 * so what Tocsin sent is read back exactly. It can refuse the next pushes
 * with a status (410: the subscription is gone).
 */
import { createECDH, createDecipheriv, createPublicKey, hkdfSync, randomBytes, verify, type ECDH } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface ReceivedPush {
  /** The subscription id (the endpoint's last path segment). */
  subscriptionId: string;
  headers: http.IncomingHttpHeaders;
  /** The decrypted payload, parsed as JSON. */
  json: Record<string, unknown>;
  /** The VAPID public key that signed the push (base64url). */
  vapidKey: string;
  /** The JWT's sub claim (the sender's contact). */
  vapidSubject: string;
}

interface Receiver {
  ecdh: ECDH;
  auth: Buffer;
}

const b64 = (buffer: Buffer) => buffer.toString('base64url');
const hkdf = (salt: Buffer, ikm: Buffer, info: Buffer, length: number) =>
  Buffer.from(hkdfSync('sha256', ikm, salt, info, length));

/** RFC 8291 section 3.4 and RFC 8188: a single-record aes128gcm body, decrypted with the receiver's keys. */
export function decryptPush(body: Buffer, receiver: Receiver): Buffer {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const senderKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  if (ciphertext.length > recordSize) throw new Error(`more than one record (${ciphertext.length} > ${recordSize})`);
  const shared = receiver.ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiver.ecdh.getPublicKey(), senderKey]);
  const ikm = hkdf(receiver.auth, shared, keyInfo, 32);
  const cek = hkdf(salt, ikm, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = hkdf(salt, ikm, Buffer.from('Content-Encoding: nonce\0'), 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('the record does not end with the last-record delimiter');
  return padded.subarray(0, end);
}

/** RFC 8292: "vapid t=<JWT>, k=<key>", the JWT signed by k for this origin and not expired. */
export function checkVapid(header: string | undefined, origin: string, nowMs: number): { key: string; sub: string } {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), ?k=([\w-]+)$/.exec(header ?? '');
  if (!match) throw new Error(`no VAPID authorization: ${header}`);
  const [signingInput, signature] = [match[1]!.split('.').slice(0, 2).join('.'), match[1]!.split('.')[2]!];
  const raw = Buffer.from(match[2]!, 'base64url');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64(raw.subarray(1, 33)), y: b64(raw.subarray(33, 65)) },
    format: 'jwk',
  });
  const valid = verify(
    'sha256',
    Buffer.from(signingInput),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!valid) throw new Error('the VAPID JWT signature does not verify with k');
  const claims = JSON.parse(Buffer.from(signingInput.split('.')[1]!, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  if (claims.aud !== origin) throw new Error(`the VAPID JWT is for ${String(claims.aud)}, not ${origin}`);
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) throw new Error('the VAPID JWT has expired');
  return { key: match[2]!, sub: String(claims.sub) };
}

export async function startFakePush() {
  const receivers = new Map<string, Receiver>();
  const received: ReceivedPush[] = [];
  const problems: string[] = [];
  const failures: number[] = [];
  const refused: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const id = (req.url ?? '').split('/').pop() ?? '';
      const receiver = receivers.get(id);
      const failure = failures.shift();
      if (failure !== undefined) {
        refused.push(failure);
        res.writeHead(failure).end();
        return;
      }
      if (req.method !== 'POST' || !receiver) {
        res.writeHead(404).end('no such subscription');
        return;
      }
      try {
        if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error('content-encoding is not aes128gcm');
        if (!req.headers.ttl) throw new Error('no TTL header');
        const vapid = checkVapid(req.headers.authorization, url, Date.now());
        const plain = decryptPush(Buffer.concat(chunks), receiver);
        received.push({
          subscriptionId: id,
          headers: req.headers,
          json: JSON.parse(plain.toString('utf8')) as Record<string, unknown>,
          vapidKey: vapid.key,
          vapidSubject: vapid.sub,
        });
        res.writeHead(201, { location: `${url}/messages/${received.length}` }).end();
      } catch (error) {
        problems.push((error as Error).message);
        res.writeHead(400).end((error as Error).message);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    /** What the service refused (a bad signature, a body it could not decrypt). */
    problems,
    /** The statuses of the pushes failed on purpose (failNext), in order. */
    refused,
    /** A new subscription, as PushSubscription.toJSON() gives one. */
    subscribe(): FakeSubscription {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const id = b64(randomBytes(9));
      receivers.set(id, { ecdh, auth });
      return { endpoint: `${url}/push/${id}`, keys: { p256dh: b64(ecdh.getPublicKey()), auth: b64(auth) } };
    },
    failNext(status: number, times = 1) {
      for (let i = 0; i < times; i++) failures.push(status);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakePush = Awaited<ReturnType<typeof startFakePush>>;

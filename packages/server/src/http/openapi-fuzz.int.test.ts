/**
 * Fuzzes every operation of the OpenAPI document the server serves: requests
 * generated from each operation's schemas with hostile values mixed in, as an
 * owner (so handlers are reached) and as nobody. No answer may be a 5xx or
 * carry database text or a stack trace. Seeded: a failure prints its seed and
 * request; rerun with TOCSIN_FUZZ_SEED=<seed> (TOCSIN_FUZZ_RUNS and
 * TOCSIN_FUZZ_TIME_LIMIT_MS for a longer hunt).
 */
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { pino } from 'pino';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../app/demo.js';
import { startTestApp, type TestApp } from '../test-support/app.js';
import {
  describeRequest,
  LEAK_PATTERNS,
  operationsOf,
  requestFor,
  type FuzzRequest,
  type IdPool,
  type Operation,
} from '../test-support/openapi-fuzz.js';

const RUNS = Number(process.env.TOCSIN_FUZZ_RUNS ?? 3000);
const SEED = Number(process.env.TOCSIN_FUZZ_SEED ?? Date.now() % 2 ** 31);
/** Stop early rather than time out on a slow machine; what ran still counts. */
const TIME_LIMIT_MS = Number(process.env.TOCSIN_FUZZ_TIME_LIMIT_MS ?? 40_000);
/** Requests sent at once. */
const BATCH = 8;

let t: TestApp;
let owner: { id: string; token: string };
let operations: Operation[];
let pool: IdPool;
/** Error-level lines the server logged, to show beside a failing request. */
const serverErrors: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      serverErrors.push(chunk.toString());
      if (serverErrors.length > 50) serverErrors.shift();
      done();
    },
  });
  t = await startTestApp({ tocsin: { logger: pino({ level: 'error' }, sink) } });
  owner = await t.createUserWithToken('owner');
  await seedDemo(t.app.db, t.clock, { resetPassword: false });
  pool = await knownIds();
  const document = (await (await t.request('GET', '/api/openapi.json')).json()) as Parameters<typeof operationsOf>[0];
  operations = operationsOf(document);
}, 60_000);
afterAll(async () => t?.close());

/** The API's name for what a table holds, where it is not the table's name. */
const RESOURCE_OF_TABLE: Record<string, string> = {
  chat_channels: 'channels',
  schedule_overrides: 'overrides',
  schedule_swaps: 'swaps',
  calendar_feeds: 'calendars',
  incident_handoffs: 'handoffs',
};

function addId(resource: string, id: string): void {
  if (id === owner.id) return; // our owner is not a target: disabling or demoting it would end the run
  for (const key of [resource, 'any']) {
    const ids = pool.get(key) ?? [];
    if (!ids.includes(id) && ids.length < 50) pool.set(key, [...ids, id]);
  }
}

/** Ids of seeded rows (a few per table), so generated requests reach handlers past "not found". */
async function knownIds(): Promise<IdPool> {
  pool = new Map();
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'id' and data_type = 'uuid'`.execute(t.app.db);
  for (const { table_name } of rows) {
    if (table_name === 'api_tokens' || table_name === 'sessions') continue; // revoking our own credential ends the run
    const found = await sql<{ id: string }>`select id from ${sql.table(table_name)} limit 3`.execute(t.app.db);
    for (const { id } of found.rows) addId(RESOURCE_OF_TABLE[table_name] ?? table_name.replace(/_/g, '-'), id);
  }
  return pool;
}

async function send(request: FuzzRequest): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.authenticated) headers.authorization = `Bearer ${owner.token}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${t.url}${request.url}`, { method: request.method, headers, body: request.body });
  return { status: response.status, text: await response.text() };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Ids in a successful answer join the pool, so later requests reach what earlier ones created. */
function harvestIds(request: FuzzRequest, text: string): void {
  if (request.operation.includes('/tokens')) return;
  const resource =
    request.operation
      .split('/')
      .filter((s) => !s.startsWith('{'))
      .at(-1) ?? 'any';
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return; // not JSON: nothing to learn
  }
  const items = Array.isArray((body as { items?: unknown })?.items) ? (body as { items: unknown[] }).items : [body];
  for (const item of items.slice(0, 5)) {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && UUID.test(id)) addId(resource, id);
  }
}

describe('every OpenAPI operation, fuzzed', () => {
  it('is served and covers the API', () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(pool.get('any')?.length).toBeGreaterThan(5);
  });

  it(`answers without a 5xx or database text (${RUNS} requests)`, { timeout: TIME_LIMIT_MS + 30_000 }, async () => {
    let ran = 0;
    const statuses: Record<number, number> = {};
    // Requests go in concurrent batches: the server is busier and the run shorter.
    const batch = fc.array(
      fc.constantFrom(...operations).chain((operation) => requestFor(operation, pool)),
      { minLength: BATCH, maxLength: BATCH },
    );
    const property = fc.asyncProperty(batch, async (requests) => {
      serverErrors.length = 0;
      const answers = await Promise.all(requests.map(send));
      ran += requests.length;
      for (const [i, { status, text }] of answers.entries()) {
        statuses[status] = (statuses[status] ?? 0) + 1;
        const problem =
          status >= 500 ? `answered ${status}` : LEAK_PATTERNS.find((pattern) => pattern.test(text))?.toString();
        if (problem) {
          throw new Error(
            `${problem} (seed ${SEED}: rerun with TOCSIN_FUZZ_SEED=${SEED})\n${describeRequest(requests[i]!)}\n` +
              `answer: ${text.slice(0, 2000)}\nserver log: ${serverErrors.join('').slice(0, 4000)}`,
          );
        }
        if (status < 300) harvestIds(requests[i]!, text);
      }
    });
    await fc.assert(property, {
      numRuns: Math.ceil(RUNS / BATCH),
      seed: SEED,
      endOnFailure: true,
      interruptAfterTimeLimit: TIME_LIMIT_MS,
    });
    console.info(`openapi fuzz: seed ${SEED}, ${ran} requests, statuses ${JSON.stringify(statuses)}`);
    // A machine too busy for even this many would prove little: say so rather than pass quietly.
    expect(ran).toBeGreaterThanOrEqual(Math.min(RUNS, 200));
  });
});

/**
 * `tocsin incidents watch` against a real Tocsin: prints the changes made
 * after the cursor it starts from, narrowed to one incident when asked, and
 * refuses nonsense options.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/src/test-support/app.js';
import { insertPolicy, insertService } from '../../server/src/test-support/paging-fixtures.js';
import { runCli } from './run-cli.js';

let t: TestApp;
let auth: string[];
let token: string;

beforeAll(async () => {
  t = await startTestApp();
  const user = await t.createUserWithToken('responder');
  token = user.token;
  auth = ['--server', t.url, '--token', token];
  const policyId = await insertPolicy(t.app.db, t.clock, [
    { delayMinutes: 10, targets: [{ type: 'user', id: user.id }] },
  ]);
  await insertService(t.app.db, t.clock, { policyId, slug: 'search' });
});
afterAll(async () => t?.close());

/** Declared without paging anyone: no engine work changes them later, so each change the test sees is its own. */
const QUIET = { severity: 'S3', page: 'none' } as const;

const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const response = await t.request(method, path, { token, body });
  expect(response.ok).toBe(true);
  return (await response.json()) as T;
};

describe('tocsin incidents watch', () => {
  it('prints each change after its cursor, with the incident and what changed', async () => {
    const { cursor } = await api<{ cursor: string }>('GET', '/api/v1/live');
    const quiet = await api<{ number: number; id: string }>('POST', '/api/v1/incidents', {
      serviceId: 'search',
      title: 'Quiet one',
      ...QUIET,
    });
    const busy = await api<{ number: number; id: string }>('POST', '/api/v1/incidents', {
      serviceId: 'search',
      title: 'Search is slow',
      ...QUIET,
    });
    const first = await runCli([
      ...auth,
      'incidents',
      'watch',
      '--since',
      cursor,
      '--incident',
      String(busy.number),
      '--count',
      '1',
    ]);
    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toMatch(
      new RegExp(
        `^\\d\\d:\\d\\d:\\d\\d  #${busy.number}  acknowledged  S3 investigating  Search is slow  \\(.*incident.*\\)$`,
      ),
    );
    expect(first.stdout).not.toContain(`#${quiet.number} `);

    // From now on: a note made while it watches.
    const { cursor: now } = await api<{ cursor: string }>('GET', '/api/v1/live');
    const watched = runCli([...auth, 'incidents', 'watch', '--since', now, '--every', '0.2', '--count', '1']);
    await api('POST', `/api/v1/incidents/${busy.id}/notes`, { text: 'Reindexing' });
    const second = await watched;
    expect(second.code).toBe(0);
    expect(second.stdout.trim()).toMatch(
      new RegExp(`#${busy.number}  acknowledged  S3 investigating  Search is slow  \\(timeline\\)$`),
    );
  });

  it('prints JSON lines with the cursor to resume from', async () => {
    const { cursor } = await api<{ cursor: string }>('GET', '/api/v1/live');
    const incident = await api<{ number: number; id: string }>('POST', '/api/v1/incidents', {
      serviceId: 'search',
      title: 'Index corrupt',
      ...QUIET,
    });
    const result = await runCli([...auth, 'incidents', 'watch', '--since', cursor, '--json', '--count', '1']);
    expect(result.code).toBe(0);
    const line = JSON.parse(result.stdout.trim()) as { cursor: string; number: number; parts: string[] };
    expect(line).toMatchObject({ number: incident.number, incidentId: incident.id });
    expect(line.cursor).toMatch(/^\d+:\d+:[\d,]*$/);
    expect(line.parts).toContain('incident');
  });

  it('refuses a bad cursor or interval, saying what to pass', async () => {
    const badCursor = await runCli([...auth, 'incidents', 'watch', '--since', 'yesterday', '--count', '1']);
    expect(badCursor.code).toBe(1);
    expect(badCursor.stderr).toMatch(/cursor/);
    const badEvery = await runCli([...auth, 'incidents', 'watch', '--every', '0', '--count', '1']);
    expect(badEvery.code).toBe(1);
    expect(badEvery.stderr).toMatch(/--every must be between/);
  });
});

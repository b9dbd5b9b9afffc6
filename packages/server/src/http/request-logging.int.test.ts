/**
 * Requests are logged once each, at debug: at the default level (info) a
 * busy server's log keeps its banner and its warnings readable. The line
 * carries the method, the path without its query (which may carry an id a
 * person typed) and the status.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/app.js';

const apps: TestApp[] = [];
afterAll(async () => Promise.all(apps.map((app) => app.close())));

async function logLines(level: string): Promise<Array<Record<string, unknown>>> {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const t = await startTestApp({ tocsin: { logger: pino({ level }, sink) } });
  apps.push(t);
  const { token } = await t.createUserWithToken('viewer');
  lines.length = 0;
  expect((await t.request('GET', '/api/v1/incidents?limit=5', { token })).status).toBe(200);
  expect((await t.request('GET', '/api/v1/no-such-route')).status).toBe(401);
  return lines;
}

describe('request logging', () => {
  it('writes nothing per request at info', async () => {
    expect(await logLines('info')).toEqual([]);
  });

  it('writes one line per request at debug, with method, path and status', async () => {
    const requests = (await logLines('debug')).filter((line) => line.msg === 'request');
    expect(requests.map(({ method, url, statusCode }) => ({ method, url, statusCode }))).toEqual([
      { method: 'GET', url: '/api/v1/incidents', statusCode: 200 },
      { method: 'GET', url: '/api/v1/no-such-route', statusCode: 401 },
    ]);
  });
});

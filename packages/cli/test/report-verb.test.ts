/**
 * `tocsin report` against a real Tocsin: a team's month with one incident
 * acknowledged late, as text (MTTA, compliance, the breach and its reason),
 * as JSON, as CSV and as a PDF file; a bad month says what to fix.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../server/src/test-support/pdf-text.js';
import { startResponseWorld, type ResponseWorld } from '../../server/src/test-support/response-fixtures.js';
import { duration } from '../src/commands/report.command.js';
import { runCli } from './run-cli.js';

let w: ResponseWorld;
let auth: string[];

beforeAll(async () => {
  w = await startResponseWorld();
  auth = ['--server', w.t.url, '--token', w.owner.token];
  const alice = await w.person();
  const service = await w.service(alice);
  const team = await w.ok<{ id: string }>(
    w.owner,
    'POST',
    '/api/v1/teams',
    { slug: 'identity', name: 'Identity' },
    201,
  );
  await w.ok(w.owner, 'PATCH', `/api/v1/services/${service.id}`, { teamId: team.id });
  w.t.clock.set('2026-01-05T09:00:00Z');
  const incident = await w.ok(
    alice,
    'POST',
    '/api/v1/incidents',
    { serviceId: service.slug, title: 'Login down' },
    201,
  );
  w.t.clock.set('2026-01-05T09:20:00Z');
  await w.ok(alice, 'POST', `/api/v1/incidents/${incident.number}/acknowledge`);
  w.t.clock.set('2026-02-01T00:00:00Z');
});
afterAll(async () => w?.close());

describe('tocsin report', () => {
  it('prints the month: MTTA, compliance and each breach with its reason', async () => {
    const result = await runCli(['report', '--team', 'identity', '--month', '2026-01', ...auth]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Identity: January 2026');
    expect(result.stdout).toContain('MTTA: 20m 00s (median 20m 00s, p90 20m 00s)');
    expect(result.stdout).toContain('Compliance: 0.0% (0 within, 1 breached, 0 pending)');
    expect(result.stdout).toMatch(/#1\s+2026-01-05 09:00Z\s+acknowledged late\s+5m 00s\s+Login down/);
  });

  it('gives JSON and CSV', async () => {
    const json = await runCli(['report', '--team', 'identity', '--month', '2026-01', '--json', ...auth]);
    expect(JSON.parse(json.stdout)).toMatchObject({ month: '2026-01', overall: { count: 1, breached: 1 } });
    const csv = await runCli(['report', '--team', 'identity', '--month', '2026-01', '--csv', ...auth]);
    expect(csv.stdout.split('\r\n')[1]).toMatch(/^overall,All incidents,1,0,1200,/);
  });

  it('writes the PDF to a file', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'tocsin-report-')), 'identity.pdf');
    const result = await runCli(['report', '--team', 'identity', '--month', '2026-01', '--pdf', file, ...auth]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Wrote ${file}`);
    const pdf = await readFile(file);
    const text = pdfText(pdf);
    expect(text).toContain('Identity: January 2026');
    expect(text).toContain('20m 00s');
  });

  it('says what to fix in a bad month', async () => {
    const result = await runCli(['report', '--month', 'January', ...auth]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('YYYY-MM');
  });

  it('reads durations as people do', () => {
    expect([duration(45), duration(750), duration(11_100), duration(187_200), duration(null)]).toEqual([
      '45s',
      '12m 30s',
      '3h 05m',
      '2d 4h',
      '-',
    ]);
  });
});

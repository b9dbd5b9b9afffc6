/**
 * examples/tocsin.yaml describes the demo organisation: applied to a freshly
 * seeded demo it changes nothing, so the example stays true as the demo grows.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/app/demo.js';
import { startTestApp, type TestApp } from '../../server/src/test-support/app.js';
import { runCli } from './run-cli.js';

const example = fileURLToPath(new URL('../../../examples/tocsin.yaml', import.meta.url));

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

it('plans no change for the example file on the demo organisation', async () => {
  await seedDemo(t.app.db, t.clock, { resetPassword: false });
  const { token } = await t.createUserWithToken('admin', 'ci@example.com');
  const result = await runCli(['apply', '-f', example, '--dry-run', '--json', '--server', t.url, '--token', token]);
  expect(result.stderr).toBe('');
  expect(JSON.parse(result.stdout)).toMatchObject({ applied: false, changes: [], warnings: [] });
});

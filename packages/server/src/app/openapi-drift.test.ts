/**
 * The SDK is generated from the OpenAPI document checked in at
 * packages/sdk/openapi.json. If a route changes without `npm run openapi`,
 * the SDK would lie about the API: this test fails instead.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../test-support/app.js';
import { renderOpenApi } from './verbs.js';

describe('OpenAPI document', () => {
  it('matches the SDK\'s copy (run "npm run openapi" after changing a route)', async () => {
    const rendered = JSON.parse(await renderOpenApi(testConfig())) as unknown;
    const checkedIn = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../../sdk/openapi.json', import.meta.url)), 'utf8'),
    ) as unknown;
    expect(rendered).toEqual(checkedIn);
  });

  it('documents every route with a summary and a tag', async () => {
    const doc = JSON.parse(await renderOpenApi(testConfig())) as {
      paths: Record<string, Record<string, { summary?: string; tags?: string[] }>>;
    };
    const missing = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !op.summary || !op.tags?.length)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(missing).toEqual([]);
  });
});

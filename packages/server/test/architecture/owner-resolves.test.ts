/**
 * Only the owner resolves a declared incident (ADR 17): every way a person
 * resolves goes through response's resolveAsResponder, which checks the
 * owner. So incidents' resolveIncident, which does not, is called only by the
 * incidents module itself and by the response module; a new route, acting
 * link or chat button that calls it directly fails here.
 */
import { describe, expect, it } from 'vitest';
import { readServerSources, withoutComments } from './source-files.js';

/** Where resolveIncident may be called, and why. */
const MAY_CALL: Record<string, string> = {
  'modules/incidents/': 'its own module',
  'modules/response/': 'resolveAsResponder (after the owner check), moving the stage, merging',
};

function directResolvers(files: { path: string; text: string }[]): string[] {
  return files
    .filter((f) => !Object.keys(MAY_CALL).some((prefix) => f.path.startsWith(prefix)))
    .filter((f) => /\bresolveIncident\s*\(/.test(withoutComments(f.text)))
    .map((f) => f.path)
    .sort();
}

describe('resolving goes through the owner check', () => {
  it('finds a direct call outside incidents and response (the check can fail)', () => {
    expect(
      directResolvers([
        { path: 'http/routes/x.routes.ts', text: 'handler: async (r) => resolveIncident(ctx, r.params.id)' },
        { path: 'modules/response/response.change.ts', text: 'await resolveIncident(ctx, id);' },
        { path: 'modules/notify/y.ts', text: '// not resolveIncident(ctx, id): resolveAsResponder(ctx, id)' },
      ]),
    ).toEqual(['http/routes/x.routes.ts']);
  });

  it('has no call to resolveIncident outside incidents and response', () => {
    const files = readServerSources();
    expect(files.length).toBeGreaterThan(100);
    expect(directResolvers(files)).toEqual([]);
  });
});

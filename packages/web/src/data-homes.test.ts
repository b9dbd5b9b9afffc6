/**
 * Where the UI's data access lives: each feature owns its calls and types
 * (`features/<x>/*.api.ts`, `*.types.ts`), routes compose features, and
 * `api/` keeps only the generic pieces. These checks keep it that way; each
 * has a case proving it can fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const WEB_SRC = dirname(fileURLToPath(import.meta.url));

interface Source {
  /** Relative to packages/web/src, with forward slashes. */
  path: string;
  text: string;
}

function readSources(dir = WEB_SRC): Source[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return readSources(full);
    if (!/\.tsx?$/.test(entry.name) || entry.name.endsWith('.test.ts')) return [];
    return [{ path: relative(WEB_SRC, full).split(sep).join('/'), text: readFileSync(full, 'utf8') }];
  });
}

/** The files that may name the API's address: the client (its session rules) and each feature's data files. */
const MAY_NAME_THE_API = /^(api\/client\.ts|features\/[^/]+\/[^/]+\.(api|types)\.ts)$/;

/** Files that name the API's address ('/api/v1') outside the places allowed. */
export function apiAddressesOutsideFeatures(files: Source[]): string[] {
  return files.filter((f) => !MAY_NAME_THE_API.test(f.path) && f.text.includes('/api/v1')).map((f) => f.path);
}

/** What a route must not import: it loads data through a feature's hooks, never the client or loaders directly. */
const DATA_PLUMBING = /from '(@tocsin\/sdk|\.\.\/api\/(use-resource|use-paged-list|client))'/;

/** Routes that reach the SDK or the generic loaders themselves. */
export function routesLoadingData(files: Source[]): string[] {
  return files.filter((f) => f.path.startsWith('routes/') && DATA_PLUMBING.test(f.text)).map((f) => f.path);
}

describe('data access lives in the features', () => {
  it('finds the API address outside a feature data file (the check can fail)', () => {
    const files = [
      { path: 'routes/users-route.tsx', text: "client.GET('/api/v1/users')" },
      { path: 'features/users/create-user-form.tsx', text: "client.POST('/api/v1/users', { body })" },
      { path: 'features/users/users.api.ts', text: "client.GET('/api/v1/users')" },
      { path: 'features/users/users.types.ts', text: "paths['/api/v1/users']" },
      { path: 'api/client.ts', text: "'/api/v1/auth/login'" },
    ];
    expect(apiAddressesOutsideFeatures(files)).toEqual([
      'routes/users-route.tsx',
      'features/users/create-user-form.tsx',
    ]);
  });

  it('names the API address only in api/client.ts and features/<x>/*.api.ts or *.types.ts', () => {
    expect(apiAddressesOutsideFeatures(readSources())).toEqual([]);
  });

  it('finds a route loading data itself (the check can fail)', () => {
    const files = [
      { path: 'routes/users-route.tsx', text: "import { useResource } from '../api/use-resource';" },
      { path: 'routes/alerts-route.tsx', text: "import { unwrap } from '@tocsin/sdk';" },
      { path: 'routes/teams-route.tsx', text: "import { useTeams } from '../features/teams/teams.api';" },
      { path: 'features/teams/teams.api.ts', text: "import { useResource } from '../../api/use-resource';" },
    ];
    expect(routesLoadingData(files)).toEqual(['routes/users-route.tsx', 'routes/alerts-route.tsx']);
  });

  it('has routes load data only through feature hooks', () => {
    expect(routesLoadingData(readSources())).toEqual([]);
  });
});

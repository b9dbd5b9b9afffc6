/**
 * What every browser spec stands on: the real Tocsin server on a fresh
 * database, serving the built UI from packages/web/dist, and Debian's
 * Chromium driven by playwright-core. One harness per spec file.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { FakeClock } from '../../../server/src/lib/clock.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../../server/src/test-support/app.js';
// For the type checker only: declares what the global setup provides to test files.
import type {} from '../../../server/src/test-support/global-setup.js';

export const WEB_DIST_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));
const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Harness {
  app: TestApp;
  browser: Browser;
  /** A fresh browser profile (no cookies) with one page. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** `config`: what differs from the test app's defaults, e.g. an SMTP server for email. */
export async function startHarness(
  options: { config?: NonNullable<Parameters<typeof startTestApp>[0]>['config'] } = {},
): Promise<Harness> {
  if (!existsSync(path.join(WEB_DIST_DIR, 'index.html'))) {
    throw new Error(
      `The web UI is not built: ${path.join(WEB_DIST_DIR, 'index.html')} is missing. ` +
        'Run "npm run build -w @tocsin/web" before these specs ("npm test" builds it for you).',
    );
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: install Debian's package ("apt-get install chromium").`);
  }
  // The session cookie expires by the server's clock: a fake clock in the past
  // would make Chromium drop the cookie the moment it is set.
  const app = await startTestApp({
    config: { webDistDir: WEB_DIST_DIR, ...options.config },
    clock: new FakeClock(new Date()),
  });
  let browser: Browser;
  try {
    await assertUiFilesArePublic(app);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  } catch (error) {
    await app.close();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  return {
    app,
    browser,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, baseURL: app.url });
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      await Promise.allSettled(contexts.map((context) => context.close()));
      await browser.close();
      await app.close();
    },
  };
}

/**
 * Fails fast, and says why, when a signed-out visitor cannot load the UI's
 * own files: otherwise every spec would time out on a blank page.
 */
async function assertUiFilesArePublic(app: TestApp): Promise<void> {
  const html = await (await app.request('GET', '/login')).text();
  const assets = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((match) => match[1]!);
  for (const asset of assets) {
    const response = await app.request('GET', asset);
    if (response.status !== 200) {
      throw new Error(
        `A signed-out visitor gets ${response.status} for ${asset}, so /login cannot load. ` +
          "The server must serve the UI's static files without a session (registerWebUi in packages/server/src/http/server.ts).",
      );
    }
  }
}

/** Signs in through the login form and waits for the app shell. */
export async function signIn(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/app\//);
}

/** Calls the API as one person: the answer's JSON, or an error with the server's own answer. */
export type ApiCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

export function apiAs(app: TestApp, token: string): ApiCall {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await app.request(method, path, { token, body });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
}

/** Reads a user's display name through the API. */
export async function nameOf(app: TestApp, token: string, userId: string): Promise<string> {
  const response = await app.request('GET', `/api/v1/users/${userId}`, { token });
  const user = (await response.json()) as { name: string };
  return user.name;
}

export { TEST_PASSWORD };

/** The "Checkout" service whose policy pages `userId` at level 1, created as an admin. */
export async function checkoutService(asAdmin: ApiCall, userId: string): Promise<{ id: string }> {
  const policy = await asAdmin<{ id: string }>('POST', '/api/v1/escalation-policies', {
    name: 'Checkout primary',
    levels: [{ delayMinutes: 15, targets: [{ type: 'user', id: userId }] }],
  });
  return asAdmin<{ id: string }>('POST', '/api/v1/services', {
    slug: 'checkout',
    name: 'Checkout',
    escalationPolicyId: policy.id,
  });
}

/** A new page signed in as `email` on an incident's page, once the region named `region` shows. */
export async function openIncidentAs(h: Harness, email: string, incidentId: string, region: string): Promise<Page> {
  const page = await h.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, email);
  await page.goto(`/app/incidents/${incidentId}`);
  await page.getByRole('region', { name: region }).waitFor();
  return page;
}

/**
 * Two rules that keep the code's shape: only app/config.ts reads the
 * environment, and a domain module imports only the libraries it is allowed
 * (vendors and frameworks live behind provider interfaces and in http/).
 */
import { describe, expect, it } from 'vitest';
import { packageOf, readServerSources, withoutComments } from './source-files.js';

/** Files that may touch process.env, and why. */
const ENV_READERS: Record<string, string> = {
  'app/config.ts': 'the one reader of settings',
  'app/embedded-postgres.ts': 'passes the environment on to the postgres processes it starts; reads no setting',
};

/** Libraries any code under modules/, lib/, db/ and engine/ may import. */
const EVERYWHERE = ['kysely', 'zod', 'luxon', 'pg'];

/** Further libraries, each allowed in the folders named, with why. */
const ALLOWED: { pkg: string; under: string; why: string }[] = [
  { pkg: 'ical-generator', under: 'modules/schedules/', why: 'iCal feeds are part of the schedules module' },
  { pkg: 'ical.js', under: 'modules/schedules/', why: 'RFC 5545 parsing for schedules' },
  { pkg: '@node-rs/argon2', under: 'modules/users/', why: 'password hashing' },
  { pkg: 'openid-client', under: 'modules/auth/', why: 'the OIDC relying party' },
  { pkg: 'undici', under: 'modules/notify/providers/', why: 'the HTTP client behind provider interfaces' },
  { pkg: 'undici', under: 'lib/outbound-address.ts', why: 'the guarded dispatcher for user-chosen destinations' },
  { pkg: 'nodemailer', under: 'modules/notify/providers/', why: 'the SMTP email provider' },
  { pkg: 'web-push', under: 'modules/notify/providers/', why: 'Web Push: RFC 8291 encryption and VAPID signing' },
  { pkg: 'smtp-server', under: 'modules/ingest/email.listener.ts', why: 'the inbound email listener' },
  { pkg: 'mailparser', under: 'modules/ingest/email.listener.ts', why: 'parses inbound email' },
  { pkg: 'pino', under: 'lib/logger.ts', why: 'the logger' },
  { pkg: 'ipaddr.js', under: 'lib/outbound-address.ts', why: 'address classification' },
  { pkg: 'marked', under: 'modules/statuspages/markdown.ts', why: 'Markdown of page updates, to HTML' },
  { pkg: 'sanitize-html', under: 'modules/statuspages/markdown.ts', why: 'sanitises that HTML for the public page' },
  { pkg: 'pdfkit', under: 'modules/analytics/analytics.pdf.ts', why: 'the analytics report as PDF' },
];

const DOMAIN = /^(modules|lib|db|engine)\//;

export function envReaders(files: { path: string; text: string }[]): string[] {
  return files
    .filter((f) => !(f.path in ENV_READERS) && /\bprocess\s*\.\s*env\b/.test(withoutComments(f.text)))
    .map((f) => f.path);
}

export function forbiddenImports(files: { path: string; imports: string[] }[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    if (!DOMAIN.test(file.path)) continue;
    for (const specifier of file.imports) {
      const pkg = packageOf(specifier);
      if (!pkg || EVERYWHERE.includes(pkg)) continue;
      if (ALLOWED.some((a) => a.pkg === pkg && file.path.startsWith(a.under))) continue;
      out.push(`${file.path} imports ${pkg}`);
    }
  }
  return out.sort();
}

describe('configuration is read in one place', () => {
  it('finds process.env outside app/config.ts (the check can fail)', () => {
    expect(envReaders([{ path: 'modules/notify/delivery/jobs.ts', text: 'if (process.env.NODEFER) x();' }])).toEqual([
      'modules/notify/delivery/jobs.ts',
    ]);
    expect(
      envReaders([{ path: 'modules/a.ts', text: '// process.env is read in app/config.ts\nconst a = 1;' }]),
    ).toEqual([]);
  });

  it('has no process.env outside app/config.ts', () => {
    const files = readServerSources();
    expect(files.length).toBeGreaterThan(100);
    expect(envReaders(files)).toEqual([]);
  });
});

describe('domain code imports only allowed libraries', () => {
  it('refuses a vendor the allow-list does not name (the check can fail)', () => {
    expect(
      forbiddenImports([
        { path: 'modules/incidents/x.ts', imports: ['@slack/web-api', 'zod', 'node:crypto', '../alerts/index.js'] },
      ]),
    ).toEqual(['modules/incidents/x.ts imports @slack/web-api']);
    expect(forbiddenImports([{ path: 'modules/incidents/x.ts', imports: ['nodemailer'] }])).toEqual([
      'modules/incidents/x.ts imports nodemailer',
    ]);
  });

  it('imports nothing outside the allow-list in modules, lib, db and engine', () => {
    expect(forbiddenImports(readServerSources())).toEqual([]);
  });
});

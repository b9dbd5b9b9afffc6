/**
 * `tocsin doctor`: checks what Tocsin needs and says what is wrong and how to
 * fix it. It changes nothing.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { connectDatabase } from '../db/client.js';
import { migrationStatus } from '../db/migrate.js';
import { silentLogger } from '../lib/logger.js';
import { defaultWebDistDir } from '../http/server.js';
import type { Config } from './config.js';
import { readLockOwner } from './data-dir-lock.js';
import { NoDatabaseHereError, openDatabase } from './database.js';

export interface DoctorCheck {
  name: string;
  ok: boolean;
  message: string;
}

async function checkDatabase(config: Config): Promise<DoctorCheck[]> {
  let opened;
  try {
    opened = await openDatabase(config, silentLogger, { command: 'tocsin doctor', exclusive: false });
  } catch (error) {
    if (error instanceof NoDatabaseHereError)
      return [
        {
          name: 'database',
          ok: false,
          message: `found no Tocsin database (no embedded cluster) in ${config.dataDir}: run doctor where you run "tocsin serve", or set TOCSIN_DATA_DIR (or DATABASE_URL) to the one it uses`,
        },
      ];
    return [{ name: 'database', ok: false, message: `cannot open: ${(error as Error).message}` }];
  }
  const handle = connectDatabase(opened.url, { maxConnections: 1 });
  try {
    const version = await handle.pool.query<{ server_version: string }>('SHOW server_version');
    const checks: DoctorCheck[] = [
      {
        name: 'database',
        ok: true,
        message: `PostgreSQL ${version.rows[0]?.server_version} (${opened.embedded ? 'embedded' : 'DATABASE_URL'})`,
      },
    ];
    const status = await migrationStatus(handle.pool);
    if (status.unknown.length) {
      checks.push({
        name: 'migrations',
        ok: false,
        message: `the database has migrations ${status.unknown.join(', ')} this Tocsin does not know: upgrade Tocsin`,
      });
    } else if (status.pending.length) {
      checks.push({
        name: 'migrations',
        ok: false,
        message: `${status.pending.length} pending: run "tocsin migrate" (serve also migrates on start)`,
      });
    } else {
      checks.push({ name: 'migrations', ok: true, message: `current (${status.applied.length} applied)` });
    }
    return checks;
  } catch (error) {
    return [{ name: 'database', ok: false, message: `unreachable: ${(error as Error).message}` }];
  } finally {
    await handle.close();
    await opened.release();
  }
}

async function checkOidc(config: Config): Promise<DoctorCheck | undefined> {
  if (!config.oidc) return undefined;
  const url = `${config.oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return response.ok
      ? { name: 'oidc', ok: true, message: `discovery document found at ${url}` }
      : { name: 'oidc', ok: false, message: `${url} answered ${response.status}: check TOCSIN_OIDC_ISSUER` };
  } catch (error) {
    return { name: 'oidc', ok: false, message: `cannot reach ${url}: ${(error as Error).message}` };
  }
}

/** Which ways of reaching people are configured; paging with none reaches nobody. */
function providersCheck(config: Config): DoctorCheck {
  const { email, twilio, slack } = config.providers;
  const configured = [
    ...(email ? [`email via ${new URL(email.smtpUrl).host}`] : []),
    ...(twilio ? [`SMS and voice via ${new URL(twilio.baseUrl).host}`] : []),
    ...(slack ? [`Slack via ${new URL(slack.baseUrl).host}`] : []),
  ];
  if (configured.length === 0) {
    return {
      name: 'providers',
      ok: false,
      message:
        'none configured: nobody can be paged except by webhook. Set TOCSIN_SMTP_URL (email), TOCSIN_TWILIO_* (SMS, voice) or TOCSIN_SLACK_* (docs/configuration.md)',
    };
  }
  return { name: 'providers', ok: true, message: configured.join('; ') };
}

export async function runDoctor(
  config: Config,
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  if (!config.databaseUrl) {
    try {
      // Doctor changes nothing: a missing folder is reported, not made.
      if (!existsSync(config.dataDir)) throw new Error('does not exist (tocsin serve makes it on its first start)');
      accessSync(config.dataDir, constants.W_OK);
      const owner = readLockOwner(config.dataDir);
      checks.push({
        name: 'data folder',
        ok: true,
        message: `${config.dataDir} is writable${owner ? ` (in use by tocsin serve, pid ${owner.pid})` : ''}`,
      });
    } catch (error) {
      checks.push({
        name: 'data folder',
        ok: false,
        message: `${config.dataDir}: ${(error as Error).message}; set TOCSIN_DATA_DIR to a writable folder`,
      });
    }
  }
  checks.push(...(await checkDatabase(config)));
  const oidc = await checkOidc(config);
  if (oidc) checks.push(oidc);
  const web = config.webDistDir ?? defaultWebDistDir();
  checks.push(
    existsSync(path.join(web, 'index.html'))
      ? { name: 'web UI', ok: true, message: `built (${web})` }
      : { name: 'web UI', ok: false, message: `not built in ${web}: run "npm run build"` },
  );
  checks.push(providersCheck(config));
  for (const check of checks) out(`${check.ok ? 'ok  ' : 'FAIL'}  ${check.name.padEnd(12)} ${check.message}`);
  const failed = checks.filter((c) => !c.ok).length;
  out(failed ? `${failed} problem(s) found.` : 'Everything looks right.');
  return checks;
}

/**
 * Configuration: the only code that reads process.env. Everything else gets a
 * Config object, so tests build one by hand.
 */
import { isIP } from 'node:net';
import path from 'node:path';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the login button, e.g. "Sign in with Okta". */
  label: string;
  /** Role given to a person the first time they sign in, when auto-creation is on. */
  defaultRole: 'responder' | 'viewer' | 'stakeholder';
  autoCreateUsers: boolean;
}

export interface ProvidersConfig {
  /** Outgoing email over SMTP. */
  email: { smtpUrl: string; from: string } | undefined;
  /** The inbound-email listener that turns mail into alerts. */
  inboundSmtp: { host: string; port: number; domain: string } | undefined;
  /** Twilio (or a server speaking its REST API) for SMS and voice. */
  twilio: { accountSid: string; authToken: string; fromNumber: string; baseUrl: string } | undefined;
  /** Slack Web API for channel notices, direct messages and buttons. */
  slack: { botToken: string; signingSecret: string; baseUrl: string } | undefined;
}

export interface Config {
  /** Unset means: run the embedded PostgreSQL in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number | undefined;
  host: string;
  port: number;
  publicUrl: string;
  logLevel: string;
  bodyLimitBytes: number;
  /** Seed a demo organisation on first start (default: on for the embedded database). */
  demo: boolean;
  runEngine: boolean;
  /** Engine workers per node running due work in parallel. */
  engineConcurrency: number;
  oidc: OidcConfig | undefined;
  webDistDir: string | undefined;
  providers: ProvidersConfig;
  /**
   * Signs action links and webhook bodies. When unset, Tocsin generates one
   * and keeps it in the database, so every node shares it.
   */
  secretKey: string | undefined;
  /** Events accepted per integration key per minute before 429. */
  ingestRatePerMinute: number;
  /** Whether webhooks (contact methods, channels) may be sent to loopback and private addresses. */
  webhooksAllowPrivate: boolean;
  /** Whether database statements are prepared once per connection (off behind a pooler that cannot keep them). */
  databasePreparedStatements: boolean;
  /**
   * Proxies whose X-Forwarded-For (and -Proto, -Host) are believed: addresses,
   * CIDR ranges, or loopback/linklocal/uniquelocal. Empty: none, so the
   * client's address is the connection's.
   */
  trustedProxies: string[];
  /** How long a request waits for a database connection before it answers 503. */
  databaseConnectTimeoutMs: number;
  /** How long one statement of a request may run (or a frozen database stay silent) before it answers 503. */
  databaseStatementTimeoutMs: number;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max} (got "${raw}")`);
  }
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${env[name]}")`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const port = int(env, 'TOCSIN_PORT', 8080, 0, 65535);
  const host = env.TOCSIN_HOST || '127.0.0.1';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const publicUrl = (env.TOCSIN_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError(
      `TOCSIN_PUBLIC_URL must be an absolute URL such as https://tocsin.example.com (got "${publicUrl}")`,
    );
  }
  const oidcIssuer = env.TOCSIN_OIDC_ISSUER;
  let oidc: OidcConfig | undefined;
  if (oidcIssuer) {
    if (!env.TOCSIN_OIDC_CLIENT_ID)
      throw new ConfigError('TOCSIN_OIDC_CLIENT_ID is required when TOCSIN_OIDC_ISSUER is set');
    const defaultRole = env.TOCSIN_OIDC_DEFAULT_ROLE || 'responder';
    if (!['responder', 'viewer', 'stakeholder'].includes(defaultRole)) {
      throw new ConfigError('TOCSIN_OIDC_DEFAULT_ROLE must be responder, viewer or stakeholder');
    }
    oidc = {
      issuer: oidcIssuer,
      clientId: env.TOCSIN_OIDC_CLIENT_ID,
      clientSecret: env.TOCSIN_OIDC_CLIENT_SECRET ?? '',
      label: env.TOCSIN_OIDC_LABEL || 'Sign in with SSO',
      defaultRole: defaultRole as OidcConfig['defaultRole'],
      autoCreateUsers: bool(env, 'TOCSIN_OIDC_AUTO_CREATE', true),
    };
  }
  const providers = loadProviders(env);
  const embeddedPort = env.TOCSIN_EMBEDDED_PG_PORT ? int(env, 'TOCSIN_EMBEDDED_PG_PORT', 0, 1, 65535) : undefined;
  return {
    databaseUrl,
    dataDir: path.resolve(cwd, env.TOCSIN_DATA_DIR || '.tocsin'),
    embeddedPgPort: embeddedPort,
    host,
    port,
    publicUrl,
    logLevel: env.TOCSIN_LOG_LEVEL || 'info',
    bodyLimitBytes: int(env, 'TOCSIN_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    demo: bool(env, 'TOCSIN_DEMO', databaseUrl === undefined),
    runEngine: bool(env, 'TOCSIN_ENGINE', true),
    engineConcurrency: int(env, 'TOCSIN_ENGINE_CONCURRENCY', 8, 1, 64),
    oidc,
    webDistDir: env.TOCSIN_WEB_DIST || undefined,
    providers,
    secretKey: env.TOCSIN_SECRET_KEY || undefined,
    ingestRatePerMinute: int(env, 'TOCSIN_INGEST_RATE_PER_MINUTE', 6000, 1, 10_000_000),
    webhooksAllowPrivate: bool(env, 'TOCSIN_WEBHOOKS_ALLOW_PRIVATE', false),
    databasePreparedStatements: bool(env, 'TOCSIN_DATABASE_PREPARED_STATEMENTS', true),
    trustedProxies: addressList(env, 'TOCSIN_TRUSTED_PROXIES'),
    databaseConnectTimeoutMs: int(env, 'TOCSIN_DATABASE_CONNECT_TIMEOUT_MS', 5_000, 100, 600_000),
    databaseStatementTimeoutMs: int(env, 'TOCSIN_DATABASE_STATEMENT_TIMEOUT_MS', 5_000, 100, 3_600_000),
  };
}

/** The named ranges Fastify's proxy-addr understands besides addresses and CIDRs. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** A comma-separated list of IP addresses, CIDR ranges (10.0.0.0/8) or named ranges. */
function addressList(env: NodeJS.ProcessEnv, name: string): string[] {
  const entries = (env[name] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (NAMED_RANGES.includes(entry)) continue;
    const [address = '', prefix, extra] = entry.split('/');
    const version = isIP(address);
    const bits = version === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (version === 0 || !prefixOk || extra !== undefined) {
      throw new ConfigError(
        `${name} must list IP addresses or CIDR ranges separated by commas, e.g. "10.0.0.0/8, 192.168.1.10" (got "${entry}")`,
      );
    }
  }
  return entries;
}

function url(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  try {
    new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute URL (got "${raw}")`);
  }
  return raw.replace(/\/+$/, '');
}

function loadProviders(env: NodeJS.ProcessEnv): ProvidersConfig {
  const email = env.TOCSIN_SMTP_URL
    ? { smtpUrl: url(env, 'TOCSIN_SMTP_URL', ''), from: env.TOCSIN_EMAIL_FROM || 'Tocsin <tocsin@localhost>' }
    : undefined;
  const inboundSmtp = env.TOCSIN_SMTP_INBOUND_PORT
    ? {
        host: env.TOCSIN_SMTP_INBOUND_HOST || '127.0.0.1',
        port: int(env, 'TOCSIN_SMTP_INBOUND_PORT', 2525, 0, 65535),
        domain: env.TOCSIN_SMTP_INBOUND_DOMAIN || 'localhost',
      }
    : undefined;
  let twilio: ProvidersConfig['twilio'];
  if (env.TOCSIN_TWILIO_ACCOUNT_SID) {
    if (!env.TOCSIN_TWILIO_AUTH_TOKEN || !env.TOCSIN_TWILIO_FROM) {
      throw new ConfigError(
        'TOCSIN_TWILIO_AUTH_TOKEN and TOCSIN_TWILIO_FROM are required with TOCSIN_TWILIO_ACCOUNT_SID',
      );
    }
    twilio = {
      accountSid: env.TOCSIN_TWILIO_ACCOUNT_SID,
      authToken: env.TOCSIN_TWILIO_AUTH_TOKEN,
      fromNumber: env.TOCSIN_TWILIO_FROM,
      baseUrl: url(env, 'TOCSIN_TWILIO_BASE_URL', 'https://api.twilio.com'),
    };
  }
  let slack: ProvidersConfig['slack'];
  if (env.TOCSIN_SLACK_BOT_TOKEN) {
    if (!env.TOCSIN_SLACK_SIGNING_SECRET)
      throw new ConfigError('TOCSIN_SLACK_SIGNING_SECRET is required with TOCSIN_SLACK_BOT_TOKEN');
    slack = {
      botToken: env.TOCSIN_SLACK_BOT_TOKEN,
      signingSecret: env.TOCSIN_SLACK_SIGNING_SECRET,
      baseUrl: url(env, 'TOCSIN_SLACK_BASE_URL', 'https://slack.com/api'),
    };
  }
  return { email, inboundSmtp, twilio, slack };
}

/** Server verbs: they start or change a Tocsin installation directly. */
import type { Command } from 'commander';
import {
  loadConfig,
  renderOpenApi,
  runDemo,
  runDoctor,
  runMigrate,
  runTokenCreate,
  runUserCreate,
  serve,
} from '@tocsin/server';

const ROLES = ['owner', 'admin', 'responder', 'viewer', 'stakeholder'] as const;
const SCOPES = ['read', 'write', 'admin'] as const;

function oneOf<T extends string>(allowed: readonly T[], what: string) {
  return (value: string): T => {
    if (!(allowed as readonly string[]).includes(value))
      throw new Error(`${what} must be one of ${allowed.join(', ')} (got "${value}")`);
    return value as T;
  };
}

export function registerServerCommands(program: Command): void {
  program
    .command('serve')
    .description('Start Tocsin: API, web UI and engine (embedded PostgreSQL unless DATABASE_URL is set)')
    .action(async () => {
      await serve(loadConfig());
      await new Promise(() => undefined); // run until a signal stops the process
    });

  program
    .command('migrate')
    .description('Apply pending database migrations')
    .option('--init', 'create a new embedded database if the data folder has none')
    .action(async (opts: { init?: boolean }) => runMigrate(loadConfig(), undefined, { init: opts.init }));

  program
    .command('demo')
    .description('Create the demo organisation (or give its owner a new password) and print the login')
    .option('--init', 'create a new embedded database if the data folder has none')
    .action(async (opts: { init?: boolean }) => runDemo(loadConfig(), undefined, { init: opts.init }));

  program
    .command('doctor')
    .description('Check the database, migrations, providers and build, and say what is wrong')
    .action(async () => {
      const checks = await runDoctor(loadConfig());
      if (checks.some((c) => !c.ok)) process.exitCode = 1;
    });

  program
    .command('openapi')
    .description('Print the OpenAPI document of this version')
    .action(async () => {
      process.stdout.write(`${await renderOpenApi(loadConfig())}\n`);
    });

  const user = program.command('user').description('Manage users directly in the database');
  user
    .command('create')
    .description('Create a user; prints a generated password unless --password is given')
    .requiredOption('--email <email>', 'their email address (their login)')
    .requiredOption('--name <name>', 'their full name')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, oneOf(ROLES, 'role'), 'responder')
    .option('--password <password>', 'at least 12 characters; omit to generate one')
    .action(async (opts: { email: string; name: string; role: (typeof ROLES)[number]; password?: string }) =>
      runUserCreate(loadConfig(), opts),
    );

  const token = program.command('token').description('Manage API tokens directly in the database');
  token
    .command('create')
    .description('Create an API token for a user and print it (shown once)')
    .requiredOption('--email <email>', 'the user the token acts as')
    .option('--name <name>', 'what the token is for', 'cli')
    .option(
      '--scopes <scopes>',
      `comma-separated: ${SCOPES.join(', ')} (export and apply need admin: --scopes read,write,admin)`,
      'read,write',
    )
    .option('--expires-in-days <days>', 'omit for a token that does not expire', (v) => Number(v))
    .action(async (opts: { email: string; name: string; scopes: string; expiresInDays?: number }) => {
      const scopes = opts.scopes.split(',').map((s) => oneOf(SCOPES, 'each scope')(s.trim()));
      await runTokenCreate(loadConfig(), {
        email: opts.email,
        name: opts.name,
        scopes,
        expiresInDays: opts.expiresInDays,
      });
    });
}

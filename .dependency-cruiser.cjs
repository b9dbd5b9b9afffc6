/**
 * Module boundaries (STYLE.md): lib ← db ← modules ← engine ← http ← app ← main.
 * Modules reach each other only through index.ts and never in cycles; domain
 * code never names Fastify or a vendor; the CLI and the web UI reach the
 * server only through the SDK (the CLI's server verbs through @tocsin/server).
 */
const S = '^packages/server/src/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'Cycles make modules impossible to reason about one at a time; publish an event or extract a module instead.',
      from: { path: '^packages/' },
      to: { circular: true },
    },
    {
      name: 'lib-knows-no-domain',
      severity: 'error',
      from: { path: `${S}lib/`, pathNot: '\\.test\\.ts$' },
      to: { path: `${S}(db|modules|engine|http|app)/` },
    },
    {
      name: 'db-below-modules',
      severity: 'error',
      from: { path: `${S}db/`, pathNot: '\\.test\\.ts$' },
      to: { path: `${S}(modules|engine|http|app)/` },
    },
    {
      name: 'modules-below-engine-http-app',
      severity: 'error',
      comment: 'Domain modules never import the engine, the HTTP layer or the composition root.',
      from: { path: `${S}modules/`, pathNot: '\\.test\\.ts$' },
      to: { path: `${S}(engine|http|app)/` },
    },
    {
      name: 'modules-only-through-index',
      severity: 'error',
      comment: 'Another module is used through its index.ts only.',
      from: { path: `${S}modules/([^/]+)/` },
      to: { path: `${S}modules/([^/]+)/.+`, pathNot: [`${S}modules/$1/`, `${S}modules/[^/]+/index\\.ts$`] },
    },
    {
      name: 'outside-uses-modules-through-index',
      severity: 'error',
      from: { path: `${S}(engine|http|app)/`, pathNot: '\\.test\\.ts$' },
      to: { path: `${S}modules/[^/]+/.+`, pathNot: [`${S}modules/[^/]+/index\\.ts$`, `${S}modules/context\\.ts$`] },
    },
    {
      name: 'engine-below-http-app',
      severity: 'error',
      from: { path: `${S}engine/`, pathNot: '\\.test\\.ts$' },
      to: { path: `${S}(http|app)/` },
    },
    {
      name: 'http-below-app',
      severity: 'error',
      from: { path: `${S}http/`, pathNot: '\\.test\\.ts$' },
      to: { path: `${S}app/` },
    },
    {
      name: 'domain-never-names-frameworks-or-vendors',
      severity: 'error',
      comment: 'Fastify and vendor SDKs live in http/ and behind provider interfaces.',
      from: { path: `${S}(lib|db|modules|engine)/`, pathNot: '\\.test\\.ts$' },
      to: { path: 'node_modules/(fastify|@fastify|@slack|twilio|nodemailer)' },
    },
    {
      name: 'production-code-never-imports-tests',
      severity: 'error',
      from: { pathNot: '(\\.test\\.ts$|test-support/|/e2e/|/test/)' },
      to: { path: '(\\.test\\.ts$|test-support/)' },
    },
    {
      name: 'sdk-stands-alone',
      severity: 'error',
      from: { path: '^packages/sdk/src/' },
      to: { path: '^packages/(server|cli|web)/' },
    },
    {
      name: 'web-only-through-sdk',
      severity: 'error',
      from: { path: '^packages/web/src/' },
      to: { path: '^packages/(server|cli)/' },
    },
    {
      name: 'cli-uses-server-main-only',
      severity: 'error',
      comment: 'The CLI calls server verbs through @tocsin/server (main.ts) and the API through the SDK.',
      from: { path: '^packages/cli/src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^packages/server/(src|dist)/', pathNot: '^packages/server/(src|dist)/main\\.(ts|js|d\\.ts)$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    combinedDependencies: true,
  },
};

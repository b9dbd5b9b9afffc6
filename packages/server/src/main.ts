/**
 * Server verbs: serve, migrate, demo, doctor, user create, token create,
 * openapi. The `tocsin` CLI (packages/cli) parses arguments and calls these;
 * user verbs that work over the API live in the CLI, not here.
 */
export { serve, runMigrate, runDemo, runDoctor, runUserCreate, runTokenCreate, renderOpenApi } from './app/verbs.js';
export type { DoctorCheck } from './app/doctor.js';
export { loadConfig, ConfigError, type Config } from './app/config.js';
export { createTocsin, VERSION, type Tocsin, type TocsinOptions } from './app/app.js';

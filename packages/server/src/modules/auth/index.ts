/**
 * Auth: who is calling. Owns browser sessions, API tokens and single sign-on
 * identities, and the permission checks every use case calls. It turns a
 * credential into an Actor; it never decides what a use case does.
 */
export { requireRole, isSelf } from '../access/index.js';
export {
  loginWithPassword,
  resolveSession,
  destroySession,
  destroyUserSessions,
  SESSION_TTL_MS,
} from './sessions.service.js';
export type { SessionInfo } from './sessions.service.js';
export { createApiToken, listApiTokens, revokeApiToken, resolveApiToken } from './tokens.service.js';
export { ApiTokenSchema, CreateApiTokenSchema, CreatedApiTokenSchema, LoginSchema } from './auth.schema.js';
export type { ApiToken, CreateApiTokenInput, CreatedApiToken } from './auth.schema.js';
export { actorForUser } from './actor.js';
export {
  LoginGuard,
  FAILED_LOGIN_WINDOW_MS,
  MAX_FAILED_LOGINS_PER_ACCOUNT,
  MAX_FAILED_LOGINS_PER_ADDRESS,
} from './login-guard.js';
export type { LoginAttempt, LoginWait } from './login-guard.js';
export { knownDevices, KNOWN_DEVICE_TTL_MS } from './known-devices.js';
export type { KnownDevices } from './known-devices.js';
export { startOidcLogin, finishOidcLogin, oidcRedirectUri } from './oidc.service.js';
export type { OidcBrowser } from './oidc.service.js';
export { sanitizeReturnTo } from './oidc.return-to.js';
export { OIDC_CALLBACK_PATH, OIDC_LOGIN_TTL_MS } from './oidc.types.js';
export type { OidcSettings, OidcProviderSettings } from './oidc.types.js';

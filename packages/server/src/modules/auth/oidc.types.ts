/**
 * Types for OIDC single sign-on. The settings are structural, so the auth
 * module takes what it needs from the app's Config without importing app/.
 */

export interface OidcProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  defaultRole: 'responder' | 'viewer' | 'stakeholder';
  autoCreateUsers: boolean;
}

export interface OidcSettings {
  /** Tocsin's own external URL; the redirect URI hangs off it. */
  publicUrl: string;
  /** Undefined when single sign-on is not configured. */
  oidc: OidcProviderSettings | undefined;
}

/** What Tocsin learns about a person from the provider (ID token, then userinfo). */
export interface OidcClaims {
  /** The issuer as the provider names itself in the ID token. */
  issuer: string;
  subject: string;
  email: string | undefined;
  isEmailVerified: boolean;
  name: string | undefined;
}

export const OIDC_CALLBACK_PATH = '/api/v1/auth/oidc/callback';
/** How long a person has to come back from the provider before the login state lapses. */
export const OIDC_LOGIN_TTL_MS = 10 * 60 * 1000;
export const DEFAULT_RETURN_TO = '/app';

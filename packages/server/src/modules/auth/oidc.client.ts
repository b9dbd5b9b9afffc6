/**
 * The conversation with the identity provider, through openid-client:
 * discovery (cached in memory per issuer and client: it is configuration, not
 * state), the authorization URL, and the code exchange with its ID token
 * checks. Provider and library failures leave here as AppErrors that say what
 * went wrong and what to do.
 */
import * as client from 'openid-client';
import { AppError } from '../../lib/errors.js';
import type { OidcClaims, OidcProviderSettings } from './oidc.types.js';

const DISCOVERY_TIMEOUT_SECONDS = 10;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const configurations = new Map<string, Promise<client.Configuration>>();

/** Plain http is tolerated only for a provider on this machine (tests, local trials). */
function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/** The reason behind a failed fetch, e.g. "connect ECONNREFUSED 127.0.0.1:9". */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

async function discover(settings: OidcProviderSettings): Promise<client.Configuration> {
  let issuer: URL;
  try {
    issuer = new URL(settings.issuer);
  } catch (error) {
    throw new AppError(
      'unavailable',
      `Single sign-on is misconfigured: TOCSIN_OIDC_ISSUER is not a URL ("${settings.issuer}").`,
      { cause: error },
    );
  }
  const insecure = isLoopbackHttp(issuer);
  if (issuer.protocol !== 'https:' && !insecure) {
    throw new AppError(
      'unavailable',
      `Single sign-on is misconfigured: the issuer ${settings.issuer} must use https:// (plain http is allowed only for localhost).`,
    );
  }
  try {
    return await client.discovery(
      issuer,
      settings.clientId,
      settings.clientSecret || undefined,
      settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
      { execute: insecure ? [client.allowInsecureRequests] : [], timeout: DISCOVERY_TIMEOUT_SECONDS },
    );
  } catch (error) {
    throw new AppError(
      'unavailable',
      `Cannot read the identity provider's configuration from ${settings.issuer} (${reasonOf(error)}): check TOCSIN_OIDC_ISSUER and that the provider is reachable.`,
      { cause: error },
    );
  }
}

/** The discovered provider configuration; a failed discovery is retried on the next login. */
export function providerConfiguration(settings: OidcProviderSettings): Promise<client.Configuration> {
  const key = `${settings.issuer}\n${settings.clientId}`;
  let pending = configurations.get(key);
  if (!pending) {
    pending = discover(settings);
    configurations.set(key, pending);
    pending.catch(() => configurations.delete(key));
  }
  return pending;
}

export interface LoginSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export function newLoginSecrets(): LoginSecrets {
  return { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
}

export async function buildLoginUrl(
  settings: OidcProviderSettings,
  redirectUri: string,
  secrets: LoginSecrets,
): Promise<URL> {
  const configuration = await providerConfiguration(settings);
  return client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    state: secrets.state,
    nonce: secrets.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(secrets.codeVerifier),
    code_challenge_method: 'S256',
  });
}

/** Turns a failure of the code exchange into something a person can act on. */
function exchangeError(settings: OidcProviderSettings, error: unknown): AppError {
  if (error instanceof client.ResponseBodyError) {
    const detail = `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
    if (error.error === 'invalid_client' || error.error === 'unauthorized_client') {
      return new AppError(
        'unavailable',
        `The identity provider rejected Tocsin's client credentials (${detail}): check TOCSIN_OIDC_CLIENT_ID and TOCSIN_OIDC_CLIENT_SECRET.`,
        { cause: error },
      );
    }
    return new AppError(
      'unauthenticated',
      `The identity provider did not accept the sign-in (${detail}): start signing in again.`,
      { cause: error },
    );
  }
  if (error instanceof client.AuthorizationResponseError) {
    return new AppError(
      'unauthenticated',
      `The identity provider returned an error (${error.error}): start signing in again.`,
      { cause: error },
    );
  }
  if (error instanceof TypeError) {
    return new AppError(
      'unavailable',
      `Cannot reach the identity provider at ${settings.issuer} (${reasonOf(error)}): try again shortly.`,
      { cause: error },
    );
  }
  // Remaining failures are the ID token and response checks (issuer, audience, nonce, signature, expiry).
  return new AppError(
    'unauthenticated',
    `The identity provider's response failed a security check (${reasonOf(error)}): start signing in again.`,
    {
      cause: error,
    },
  );
}

const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * Exchanges the code (checking state, nonce and PKCE; openid-client validates
 * the ID token) and returns who signed in. Email and name come from the ID
 * token, or from userinfo when the provider keeps them out of the token.
 */
export async function exchangeCode(
  settings: OidcProviderSettings,
  callbackUrl: URL,
  secrets: LoginSecrets,
): Promise<OidcClaims> {
  const configuration = await providerConfiguration(settings);
  try {
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: secrets.codeVerifier,
      expectedState: secrets.state,
      expectedNonce: secrets.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims()!;
    let claims: Record<string, unknown> = idToken;
    if (asString(idToken.email) === undefined && configuration.serverMetadata().userinfo_endpoint) {
      claims = { ...(await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), ...idToken };
    }
    return {
      issuer: idToken.iss,
      subject: idToken.sub,
      email: asString(claims.email),
      // Some providers (Cognito, for one) send the boolean as a string.
      isEmailVerified: claims.email_verified === true || claims.email_verified === 'true',
      name: asString(claims.name) ?? asString(claims.preferred_username),
    };
  } catch (error) {
    throw exchangeError(settings, error);
  }
}

/**
 * Single sign-on with OpenID Connect (authorization code flow with PKCE).
 * `startOidcLogin` remembers state, nonce and PKCE verifier in the database
 * (any node can finish what another started) and returns the provider's URL;
 * `finishOidcLogin` consumes that row once, exchanges the code, maps the
 * person to a Tocsin user and opens a session.
 */
import { inTransaction } from '../../db/client.js';
import { lockKeys } from '../../db/locks.js';
import { systemActor } from '../../lib/actor.js';
import { AppError } from '../../lib/errors.js';
import { safeEqual } from '../../lib/ids.js';
import { recordAudit } from '../audit/index.js';
import type { Ctx } from '../context.js';
import { createUser, findUserRecordByEmail, getUserRecord } from '../users/index.js';
import { actorForUser } from './actor.js';
import { buildLoginUrl, exchangeCode, newLoginSecrets } from './oidc.client.js';
import {
  deleteExpiredLoginStates,
  findIdentityUserId,
  insertIdentity,
  insertLoginState,
  takeLoginState,
} from './oidc.repo.js';
import { sanitizeReturnTo } from './oidc.return-to.js';
import {
  OIDC_CALLBACK_PATH,
  OIDC_LOGIN_TTL_MS,
  type OidcClaims,
  type OidcProviderSettings,
  type OidcSettings,
} from './oidc.types.js';
import { startSession, type SessionInfo } from './sessions.service.js';

type UserRecord = NonNullable<Awaited<ReturnType<typeof getUserRecord>>>;

export interface OidcBrowser {
  /** The state this browser was given when it started signing in (from its cookie). */
  boundState: string | undefined;
  userAgent?: string;
  ip?: string;
}

function requireOidc(settings: OidcSettings): OidcProviderSettings {
  if (!settings.oidc) {
    throw new AppError(
      'not_found',
      'Single sign-on is not configured on this Tocsin server: sign in with email and password, or set TOCSIN_OIDC_ISSUER.',
    );
  }
  return settings.oidc;
}

export const oidcRedirectUri = (settings: OidcSettings): string => `${settings.publicUrl}${OIDC_CALLBACK_PATH}`;

/** Starts a sign-in: returns the provider URL to send the browser to, and the state to bind to it. */
export async function startOidcLogin(
  ctx: Pick<Ctx, 'db' | 'clock'>,
  settings: OidcSettings,
  returnTo: string | undefined,
): Promise<{ url: URL; state: string }> {
  const oidc = requireOidc(settings);
  const secrets = newLoginSecrets();
  const url = await buildLoginUrl(oidc, oidcRedirectUri(settings), secrets);
  const now = ctx.clock.now();
  await deleteExpiredLoginStates(ctx.db, now);
  await insertLoginState(ctx.db, {
    state: secrets.state,
    nonce: secrets.nonce,
    code_verifier: secrets.codeVerifier,
    return_to: sanitizeReturnTo(returnTo),
    expires_at: new Date(now.getTime() + OIDC_LOGIN_TTL_MS),
  });
  return { url, state: secrets.state };
}

/** What the provider said when it refused; only shown once the state proved the response is ours. */
function providerRefusal(error: string, description: string | null): AppError {
  const said = description ? ` It said: "${description.slice(0, 300)}".` : '';
  if (error === 'access_denied') {
    return new AppError('forbidden', `The sign-in was cancelled or denied at the identity provider.${said}`);
  }
  return new AppError(
    'unauthenticated',
    `The identity provider could not sign you in (${error.slice(0, 100)}).${said} Try again, or ask your administrator.`,
  );
}

/** Finishes a sign-in from the URL the provider redirected the browser to. */
export async function finishOidcLogin(
  ctx: Omit<Ctx, 'actor'>,
  settings: OidcSettings,
  callbackUrl: URL,
  browser: OidcBrowser,
): Promise<SessionInfo & { returnTo: string }> {
  const oidc = requireOidc(settings);
  const params = callbackUrl.searchParams;
  const state = params.get('state');
  if (!state) {
    throw new AppError(
      'bad_request',
      'The response from the identity provider has no state parameter: start signing in again from the Tocsin login page.',
    );
  }
  // Without this binding, someone could send you a link that signs you in as them.
  if (!browser.boundState || !safeEqual(browser.boundState, state)) {
    throw new AppError(
      'bad_request',
      'This sign-in response does not belong to this browser (it was started elsewhere, or a newer sign-in replaced it): start signing in again.',
    );
  }
  const login = await takeLoginState(ctx.db, state);
  if (!login) {
    throw new AppError('bad_request', 'This sign-in response was already used or is unknown: start signing in again.');
  }
  if (login.expires_at <= ctx.clock.now()) {
    throw new AppError(
      'bad_request',
      `The sign-in took longer than ${OIDC_LOGIN_TTL_MS / 60_000} minutes to complete: start signing in again.`,
    );
  }
  const error = params.get('error');
  if (error) throw providerRefusal(error, params.get('error_description'));

  const claims = await exchangeCode(oidc, callbackUrl, {
    state,
    nonce: login.nonce,
    codeVerifier: login.code_verifier,
  });
  return inTransaction(ctx.db, async (tx) => {
    const ssoCtx: Ctx = { ...ctx, db: tx, actor: systemActor(`single sign-on (${claims.issuer})`) };
    const user = await resolveUser(ssoCtx, oidc, claims);
    const session = await startSession(ssoCtx, user, browser);
    const actor = actorForUser(user, 'session');
    await recordAudit(
      { ...ssoCtx, actor },
      {
        action: 'session.created',
        entityType: 'user',
        entityId: user.id,
        after: { method: 'oidc', issuer: claims.issuer, ip: browser.ip },
      },
    );
    return { ...session, actor, returnTo: login.return_to };
  });
}

function refuseIfDisabled(user: UserRecord): UserRecord {
  if (user.is_disabled) {
    throw new AppError(
      'forbidden',
      `The Tocsin account for ${user.email} is disabled: ask a Tocsin administrator to re-enable it.`,
      {
        details: { userId: user.id },
      },
    );
  }
  return user;
}

async function linkIdentity(
  ctx: Ctx,
  claims: OidcClaims,
  userId: string,
  matchedBy: 'email' | 'created',
): Promise<void> {
  await insertIdentity(ctx.db, { issuer: claims.issuer, subject: claims.subject, userId, createdAt: ctx.clock.now() });
  await recordAudit(ctx, {
    action: 'user.sso_linked',
    entityType: 'user',
    entityId: userId,
    after: { issuer: claims.issuer, subject: claims.subject, matchedBy },
  });
}

/**
 * The user for this person: by (issuer, subject); else the user with the same
 * verified email, linked; else a new user when auto-creation is on.
 */
async function resolveUser(ctx: Ctx, oidc: OidcProviderSettings, claims: OidcClaims): Promise<UserRecord> {
  // Two first sign-ins of one person at once (two tabs) take turns: the second finds what the first linked or created.
  await lockKeys(ctx.db, [
    `oidc-identity:${claims.issuer}:${claims.subject}`,
    ...(claims.email ? [`user-email:${claims.email.toLowerCase()}`] : []),
  ]);
  const linkedId = await findIdentityUserId(ctx.db, claims.issuer, claims.subject);
  const linked = linkedId ? await getUserRecord(ctx.db, linkedId) : undefined;
  if (linked) return refuseIfDisabled(linked);

  const { email } = claims;
  if (!email) {
    throw new AppError(
      'forbidden',
      'The identity provider did not share your email address, so Tocsin cannot match you to an account: ask your administrator to release the "email" scope to Tocsin.',
    );
  }
  // An unverified address could belong to someone else: never match or claim it.
  if (!claims.isEmailVerified) {
    throw new AppError(
      'forbidden',
      `The identity provider does not vouch that ${email} is verified, so Tocsin will not match it to an account: verify the address with your provider, or ask your administrator.`,
    );
  }
  const existing = await findUserRecordByEmail(ctx.db, email);
  if (existing) {
    refuseIfDisabled(existing);
    await linkIdentity(ctx, claims, existing.id, 'email');
    return existing;
  }
  if (!oidc.autoCreateUsers) {
    throw new AppError(
      'forbidden',
      `There is no Tocsin account for ${email}, and this server does not create accounts on first sign-in: ask a Tocsin administrator to add you, then sign in again.`,
    );
  }
  const name = (claims.name ?? email.split('@')[0] ?? email).slice(0, 200);
  let created;
  try {
    created = await createUser(ctx, { email, name, role: oidc.defaultRole });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'forbidden',
      `Tocsin could not create an account for "${email}" from the identity provider's details: ask your administrator.`,
      {
        cause: error,
      },
    );
  }
  await linkIdentity(ctx, claims, created.id, 'created');
  return (await getUserRecord(ctx.db, created.id))!;
}

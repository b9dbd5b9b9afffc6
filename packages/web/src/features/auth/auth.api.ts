/**
 * The auth API: the session, signing in and out, and the sign-in methods.
 * The session and methods calls answer raw results: their callers read a
 * 401 or a failure as an answer.
 */
import { unwrap, type TocsinClient } from '@tocsin/sdk';

export function fetchSession(client: TocsinClient) {
  return client.GET('/api/v1/auth/session');
}

export function fetchAuthMethods(client: TocsinClient) {
  return client.GET('/api/v1/auth/methods');
}

export async function logIn(client: TocsinClient, email: string, password: string) {
  return unwrap(await client.POST('/api/v1/auth/login', { body: { email, password } }));
}

export async function logOut(client: TocsinClient) {
  return unwrap(await client.POST('/api/v1/auth/logout'));
}
